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

from msglint.analysis.times import find_times

if TYPE_CHECKING:
    from msglint.lang import LanguagePack

# The quote header stands at the head of the quoted history.
HEAD_CHARS = 600
# A year written out: 2026, or the short year of 1/14/02.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<!\d)\d{1,2}/\d{1,2}/\d\d(?!\d)")


def quoted_sent(quoted: str, pack: LanguagePack, now: datetime) -> datetime | None:
    """When the newest quoted message was sent, from its header's date (None: not found)."""
    head = quoted[:HEAD_CHARS]
    if not head.strip():
        return None
    for time in find_times(head, pack, now, field="quoted"):
        if (
            time.value is not None
            and time.kind == "instant"
            and time.has_time
            and _YEAR.search(time.text)
        ):
            return time.value
    return None
