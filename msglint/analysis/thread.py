"""When the newest message a reply quotes was sent: how old the thread is.

A reply sent weeks after the message it quotes, about something its subject
does not name, has reused an old thread for a new matter (« Re: Réunion de
rentrée – septembre » over a January question on thermometers). The quoted
history opens with its sender's header (« Le mar. 1 sept. 2026 à 14:05, …
a écrit : », "Sent: Monday, January 14, 2002 9:29 AM"): a date with its year
and a clock time, which a date written in a message body rarely has.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from msglint.analysis.times import find_times, names_year

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis
    from msglint.lang import LanguagePack
    from msglint.lang.lexicon import Lexicon

# The quote header stands at the head of the quoted history.
HEAD_CHARS = 600


def quoted_sent(quoted: str, pack: LanguagePack, now: datetime) -> datetime | None:
    """When the newest quoted message was sent, from its header's date (None: not found)."""
    head = quoted[:HEAD_CHARS]
    if not head.strip():
        return None
    for time in find_times(head, pack, now, field="quoted"):
        if time.value is not None and time.kind == "instant" and time.has_time and names_year(time):
            return time.value
    return None


# The "> " marks at the head of quoted lines, however deep.
_QUOTE_MARKS = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")


def unquoted(text: str) -> str:
    """Quoted text without the "> " marks its lines carry, so its phrases read whole."""
    return _QUOTE_MARKS.sub("", text)


# A question in the quoted text: a run of words up to a question mark.
# A sentence ends at one of these; the pieces that end with "?" are questions.
# (Splitting is linear; a "[^.!?…]*\?" search rescans each run without "?".)
_TERMINATOR = re.compile(r"([.!?…])")


def unanswered_question(a: Analysis) -> tuple[int, int, str] | None:
    """A reply that only acknowledges (« vu », "ok") an open question or a choice.

    "ok" answers "can you send it?", but not "when can you send it?" nor
    « tu les transmets ou je lui écris ? »: the asker has to guess. The own
    text must be one acknowledgement of the pack's ``acknowledgements.txt``
    and nothing else; the question is looked for in the newest quoted message
    (the head of the quoted text): one that opens on a word of
    ``interrogatives.txt`` or offers a choice (``choice_words.txt``).
    """
    quoted = a.message.quoted
    if not quoted.strip():
        return None
    own = a.body[: a.message.end_before_closing]
    text = own.strip().rstrip(".!")
    ack = a.pack.lexicon("acknowledgements").search(text) if text else None
    if ack is None or ack.start != 0 or ack.end != len(text):
        return None
    start = own.index(text[0])
    head = " ".join(unquoted(quoted[: HEAD_CHARS * 3]).split())
    opener = a.pack.lexicon("interrogatives")
    choice = a.pack.lexicon("choice_words")
    parts = _TERMINATOR.split(head)
    for question in (t + "?" for t, end in zip(parts[::2], parts[1::2]) if end == "?"):
        # Each piece after a comma or a colon may open the question ("Hi Luc, when…?").
        pieces = (p.strip() for p in re.split(r"[,:;]", question))
        if choice.search(question) or any(_opens(opener, p) for p in pieces):
            return start, start + len(text), text
    return None


def _opens(lexicon: Lexicon, text: str) -> bool:
    """``text`` starts with an entry of ``lexicon``."""
    hit = lexicon.search(text) if text else None
    return hit is not None and hit.start == 0
