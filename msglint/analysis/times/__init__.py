"""Time expressions and deadline words in English and French, resolved to ISO 8601.

Why hand-written: this runs in a pre-send hook, so it has to import in a few
milliseconds, stay pure Python and take linear time on a long text. The text is
split into tokens once; a small recursive-descent grammar is tried at each
token that can start a time expression (a number or a word of the language's
time vocabulary), with a bounded look-ahead, and the longest expression wins.

Why data files: every word (months, weekdays, numbers, prepositions, time
zones, parts of the day, holidays, vague deadlines) lives in the language pack
(``msglint/lang/<code>/times.toml`` and ``vague_deadlines.txt``); the code
only knows how words combine. Adding a synonym never needs a code change.

Where things are: ``vocab.py`` declares every category of time word once (its
times.toml key and flags) and checks packs against it; ``tokens.py`` splits a
text and looks phrases up; ``grammar/`` holds the small parsers (numbers,
zones, clock, dates, numeric dates, days, periods, positions), each started by
the categories declared in ``combine.py``, which also joins parts into
moments, intervals and open intervals; ``resolve.py`` places a spec on the
calendar; ``calendar.py`` and ``holidays.py`` do the date arithmetic;
``parser.py`` scans the text.

Conventions of the returned :class:`~msglint.analysis.model.TimeExpr`:

- ``value`` is the start of the expression's grain, with the UTC offset of the
  time zone the text names ("4pm CET" -> ``...T16:00:00+01:00``), else of
  ``now``.
- Intervals ("du 3 au 5 mars", "from 2 to 4pm", "this morning", "end of the
  month"): ``end_value`` is the start of the *last* unit at the grain
  (inclusive): "du 3 au 5 mars" ends at ``03-05T00:00`` with grain ``day``;
  add one grain for an exclusive end.
- Open intervals ("by Friday", "after 2pm", "within 48 hours"): ``value`` (and
  ``end_value`` when the bound is itself an interval, as in "by the end of the
  month") describe the bound, ``direction`` says which side is meant:

  - ``"before"``: a deadline. Only the deadline words of times.toml
    ``[prepositions] before`` ("by", "before", "no later than", "due", "avant",
    "d'ici", "au plus tard", "you have until", "vous avez jusqu'à"), "within"
    / "sous" + a duration, and any bound followed by "at the latest" / "au plus
    tard" ("until Friday at the latest"). French "pour" alone is not one: "la
    salle pour mercredi" names the day the room is for (in an ask, the
    analysis layer takes an upcoming date as the deadline anyway).
  - ``"until"``: how long a state lasts ("they hold the table until tomorrow
    noon", "through Friday", "jusqu'à demain midi"): the same bound, but not a
    deadline for the reader (``[prepositions] until``).
  - ``"after"``: "after 2pm", "à partir de lundi"; also "plus tard", "later
    on" (``[now] later``): some time after ``now`` (``value`` is ``now`` at the
    minute), which puts a task off and is neither a deadline nor a vague one.
- Relative times ("in 3 days", "2 hours ago") follow Duckling: ``now`` plus
  the duration, cut to the grain just finer than the unit (days -> hour).
- A date with no year is the closest one, a past one counting eight times its
  distance: "Feb 10" written on Feb 12 is two days ago, "Dec 12" written in
  February is next December. A bare month follows the same rule in months, so
  only last month reads as past ("November figures" written in December). A
  clock time with no date is the next one.
- A bare weekday is the next one, unless a past participle or a past verb
  stands right before it (``[past_cues]``: "the terms you approved on Friday",
  "validées vendredi"): then it is the last one. Participles that plan ahead
  ("scheduled", "programmée") and ones after "will be" / "sera" do not count.
- A clock range borrows the date and the zone of either end: "Tuesday 12
  January 2027, 9:00 to 13:00 London time" is one interval on that day, in
  London time; "8:00 to 18:00" starts in the morning.

Not times: the first half of a hyphenated word ("the first-aid kit"); in
French, a lone number after "pour" or after "à" with no time word near it
("une table pour six", ``[clock] weak_leads``, ``bare_hour_needs_context``),
while "à 14 h", "avant 16 h (heure de Paris)", "demain à six" are; "as soon
as" / "dès que" + a clause (``[vague_rules] conjunctions``: "as soon as your
plans change"), which joins two events, whereas the longer lexicon phrases
"as soon as possible", "dès que tu peux" stay vague deadlines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from msglint.analysis.model import TimeExpr
from msglint.analysis.times.parser import Parser
from msglint.analysis.times.vocab import Vocabulary, vocabulary

if TYPE_CHECKING:
    from msglint.lang import LanguagePack

__all__ = ["Parser", "Vocabulary", "find_times", "names_year"]

# A year written out: 2026, or the short year of 1/14/02 or 03/12/26.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<!\d)\d{1,2}/\d{1,2}/\d\d(?!\d)")


def names_year(time: TimeExpr) -> bool:
    """The expression writes its year: a stamp or a header that says when, not "Friday"."""
    return _YEAR.search(time.text) is not None


def _merge_appositions(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """ "by tomorrow, Tuesday 15 December, 4 pm CET": one deadline, not two.

    A day ("tomorrow", « demain ») followed after a comma by a fuller
    expression of the same day is that expression, keeping the first one's
    direction ("by", « avant »).
    """
    found = sorted(found, key=lambda t: t.start)
    merged: list[TimeExpr] = []
    for expr in found:
        head = merged[-1] if merged else None
        if (
            head is not None
            and head.grain == "day"
            and not head.has_time
            and head.value
            and expr.value
            and expr.direction is None
            and expr.kind == "instant"
            and head.value.date() == expr.value.date()
            and text[head.end : expr.start].strip() == ","
        ):
            merged[-1] = replace(
                expr,
                text=text[head.start : expr.end],
                start=head.start,
                kind=head.kind,
                direction=head.direction,
            )
            continue
        merged.append(expr)
    return merged


def find_times(text: str, pack: LanguagePack, now: datetime, field: str = "body") -> list[TimeExpr]:
    """Time expressions and vague deadlines of ``text``, sorted, non-overlapping.

    ``pack`` is the language pack (as for ``find_asks``); ``now`` is the reference time (a
    naive ``now`` is taken in the machine's local time zone). Where two
    expressions overlap the longer one is kept.
    """
    vocabulary_ = vocabulary(pack)
    if vocabulary_ is None or not text:
        return []
    if now.tzinfo is None:
        now = now.astimezone()
    found = _merge_appositions(text, Parser(text, vocabulary_, now).run(field))
    if vocabulary_.vague_regex is None:
        return found
    if vocabulary_.vague_regex is not None:
        for hit in vocabulary_.vague_regex.finditer(text):
            found.append(
                TimeExpr(
                    text=hit.text,
                    start=hit.start,
                    end=hit.end,
                    value=None,
                    kind="vague",
                    vague=True,
                    field=field,
                )
            )
    found.sort(key=lambda t: (t.start, t.start - t.end))
    kept: list[TimeExpr] = []
    for expr in found:
        if kept and expr.start < kept[-1].end:
            if expr.end - expr.start > kept[-1].end - kept[-1].start:
                kept[-1] = expr
            continue
        kept.append(expr)
    return kept


def find_times_by_line(
    text: str, pack: LanguagePack, now: datetime, field: str = "body"
) -> list[TimeExpr]:
    """Time expressions of each line apart, with offsets into ``text``.

    A chat has no hard wrap: each line is a turn, or a line its writer broke
    on purpose, so a weekday ending one turn ("… glisse à mardi") and the
    next turn's stamp ("17/12/2026 21:10 - Régis: …") are not one date.
    """
    found: list[TimeExpr] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for time in find_times(line, pack, now, field):
                found.append(replace(time, start=time.start + offset, end=time.end + offset))
        offset += len(line) + 1
    return found
