"""The stamps of a chat export: when each turn was written, not what it says.

An exported conversation stamps its turns: "[03/12/2026 08:12] Julie : …",
"17/12/2026 21:04 - Régis: …", "Stéphane Morvan  07:02", "Julien (08:02) :
…". A stamp is no time the writer names ("[02:14]" sets nothing at 02:14),
and a stamp that carries its date tells when the conversation took place:
« demain » in it is the day after that turn, not the day after today, and
what the rules say about it no longer changes with the hour it is checked.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from msglint.analysis.model import TimeExpr
from msglint.analysis.times import find_times_by_line, names_year

if TYPE_CHECKING:
    from msglint.lang import LanguagePack

# What may stand before a stamp on its line: nothing, an opening bracket, or
# the speaker's name (a few capitalised words, maybe a role in brackets).
_BEFORE = re.compile(
    r"[ \t]*(?:[\[(][ \t]*"
    r"|(?:[A-ZÀ-ÖØ-Þ][\w'’.-]{0,40}[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?){1,5}\(?[ \t]*)?"
)
# What may follow a stamp: the end of its line, or the bracket, dash, comma
# or colon that leads to the speaker or the text.
_AFTER = frozenset("])-–—,:")


def chat_times(
    body: str, pack: LanguagePack, now: datetime, dated_now: bool
) -> tuple[list[TimeExpr], list[TimeExpr], datetime]:
    """(times the writers name, the turns' stamps, the reference time).

    ``dated_now`` says the reference time is already known (``--now``, a
    ``Date``): then it stays. Otherwise a stamp that gives its year, the
    last one, is when the conversation took place.
    """
    found = find_times_by_line(body, pack, now)
    stamps = [t for t in found if _is_stamp(body, t)]
    dated = [s for s in stamps if s.value is not None and names_year(s)]
    if dated and not dated_now:
        now = dated[-1].value or now
        found = find_times_by_line(body, pack, now)
        stamps = [t for t in found if _is_stamp(body, t)]
    spans = {(s.start, s.end) for s in stamps}
    return [t for t in found if (t.start, t.end) not in spans], stamps, now


def _is_stamp(body: str, time: TimeExpr) -> bool:
    """A clock time that stands where an export puts a turn's stamp on its line."""
    if not time.has_time:
        return False
    line_start = body.rfind("\n", 0, time.start) + 1
    line_end = body.find("\n", time.end)
    line_end = len(body) if line_end < 0 else line_end
    after = body[time.end : line_end].lstrip(" \t")
    return _BEFORE.fullmatch(body, line_start, time.start) is not None and (
        not after or after[0] in _AFTER
    )
