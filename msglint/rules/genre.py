"""What kind of message this is: the guidelines are for request memos.

A thank-you, a one-line reply in a thread, a social note, an automated notice
or a question to a mailing list is not a request memo: asking it for a
deadline, a single numbered ask or a "please" misreads it. Rules ask these
questions before applying a guideline that only fits a memo.
"""

from __future__ import annotations

import re

from msglint.analysis.model import Analysis
from msglint.lang import subject_prefix_pattern

# A reply this short answers the message above it ("Done, signed this morning.").
SHORT_REPLY_WORDS = 30


def is_reply(a: Analysis) -> bool:
    """A reply in a thread: quoted history, or a Re:/RE:/Réf: subject."""
    return bool(a.message.quoted.strip()) or is_reply_subject(a)


#: A mailing list's tags before the prefix: "[Numpy-discussion] RE: Numeric2".
_LIST_TAGS = re.compile(r"(?:\[[^\]\n]{1,80}\][ \t]*){1,5}")


def is_reply_subject(a: Analysis) -> bool:
    """A "Re:"/"RE:"/"Réf:" subject, after any list tags ("[Numpy-discussion] RE: …")."""
    subject = (a.subject or "").lstrip()
    tags = _LIST_TAGS.match(subject)
    rest = subject[tags.end() :] if tags else subject
    return bool(subject_prefix_pattern(("reply",)).match(rest))


def short_reply(a: Analysis) -> bool:
    """A reply of a line or two: it answers, its context is the message above."""
    return is_reply(a) and a.metrics.words <= SHORT_REPLY_WORDS


def opens_with_thanks(a: Analysis) -> bool:
    """A thank-you note: its first sentences past the greeting thank the reader."""
    thanks = a.pack.lexicon("thanks_openers")
    greeting = a.pack.lexicon("greetings")
    asking = {ask.sentence for ask in a.asks}
    content = [
        (i, s) for i, s in enumerate(a.sentences) if not (greeting.search(s.text) and s.words <= 4)
    ]
    # « Merci de m'envoyer… » thanks in advance for an ask: that is a request.
    return any(thanks.search(s.text) and i not in asking for i, s in content[:2])


def automated(a: Analysis) -> bool:
    """Sent by a program (headers), or saying so ("this is an automated message")."""
    return a.message.automated or bool(a.pack.find("automated_markers", a.body))


def list_question(a: Analysis) -> bool:
    """A message to a mailing list: its readers choose whether to answer."""
    return a.message.mailing_list


def not_a_memo(a: Analysis) -> bool:
    """Thank-you, short reply, automated notice or mailing-list post: no memo guidelines."""
    return (
        short_reply(a) or automated(a) or list_question(a) or (not a.asks and opens_with_thanks(a))
    )


def new_memo(a: Analysis) -> bool:
    """A new e-mail to its reader: not a reply, a chat, a list post or an automated notice."""
    return a.kind == "email" and not (is_reply(a) or not_a_memo(a))
