"""Whether an ask's time is left open while the message shows that time matters.

Judges on real mail do not want a date on every ask: "could you check the
file?" is fine as it is. They call a deadline missing when the reader is
asked for something, no day is set for it, and the message itself says the
time counts: a deadline runs or was missed ("the registrations close",
« je n'ai toujours pas les plannings »), the ask is timed only by a vague
phrase a sentence away (« on en parlera un de ces jours »), or the work is
for a month or a quarter to come ("the February leave", « le salon en mars »,
"the lease ends in June") and no day is named anywhere, so the reader knows
the horizon but not the date. These are read from facts the analysis layer
already has: the asks with their owner and form, the times with their grain,
the deadlines tied to asks, the pressure markers and the tense of the clause.
"""

from __future__ import annotations

from datetime import timedelta

from msglint.analysis.grains import deadline_moment
from msglint.analysis.grammar import in_past_tense, token_at
from msglint.analysis.model import UNDATED, Analysis, Ask, Deadline, TimeExpr, UrgencyMarker

# A time the reader can plan on: a day or finer; a week is close enough
# ("next week, drop by reception").
PRECISE_GRAINS = frozenset({"week", "day", "hour", "minute", "second"})
# A horizon rather than a date: the month or the quarter the work is for.
HORIZON_GRAINS = frozenset({"month", "quarter"})
# A stretch of days longer than this ("late January", « fin janvier », the
# 21st to the 31st) is a horizon too: no day to plan on.
_LONGEST_PRECISE = timedelta(days=7)


def precise(time: TimeExpr) -> bool:
    """A time the reader can plan on: a day or finer, not a stretch of days ("late January")."""
    return time.grain in PRECISE_GRAINS and not _long_stretch(time)


def _long_stretch(time: TimeExpr) -> bool:
    if time.kind != "interval" or time.value is None or time.end_value is None:
        return False
    return time.end_value - time.value > _LONGEST_PRECISE


def fixes_a_date(a: Analysis, deadline: Deadline) -> bool:
    """A deadline the reader can plan on: a day or finer, or a bound ("by March").

    "Reserve the stand for the fair in March" names the fair's month, not
    when the booking is due.
    """
    if deadline.vague:
        return False
    time = a.times[deadline.time]
    return precise(time) or time.direction == "before"


def message_dated(a: Analysis) -> bool:
    """A deadline tied to no ask dates the message ("answer these by Thursday noon")."""
    return any(d.ask is None and fixes_a_date(a, d) for d in a.deadlines)


def dated_asks(a: Analysis) -> set[int]:
    """The asks that carry a deadline of their own, vague or not (a vague one is DL02's)."""
    return {d.ask for d in a.deadlines if d.ask is not None and (d.vague or fixes_a_date(a, d))}


def upcoming(a: Analysis, time: TimeExpr) -> bool:
    """A time still to come, said about what will happen (not in a past-tense clause)."""
    if time.kind in UNDATED or time.value is None:
        return False
    moment = deadline_moment(time)
    if moment is None or moment < a.now:
        return False
    return time.field != "body" or not in_past_tense(a, time.start)


def names_a_day(a: Analysis) -> bool:
    """The message names a day or an hour to come: the reader can place the ask by it."""
    return any(precise(t) and upcoming(a, t) for t in a.times)


def horizon(a: Analysis, ask: Ask) -> TimeExpr | None:
    """A month, a quarter or a stretch of days to come in the ask's own sentence: what it is for.

    « un point sur les congés de février », "book the stand for the March
    fair", « la convention finit fin janvier »: the reader knows the
    horizon, not the day.
    """
    for time in a.times:
        if time.field != "body" or not near(a, time.start, ask.sentence, reach=0):
            continue
        wide = time.grain in HORIZON_GRAINS or _long_stretch(time)
        if wide and not time.vague and upcoming(a, time):
            return time
    return None


def near(a: Analysis, offset: int, sentence: int, reach: int = 1) -> bool:
    """``offset`` lies in the ask's sentence or within ``reach`` sentences of it."""
    for index in range(sentence - reach, sentence + reach + 1):
        if 0 <= index < len(a.sentences):
            span = a.sentences[index]
            if span.start <= offset < span.end:
                return True
    return False


def vague_timing_near(a: Analysis, ask: Ask) -> bool:
    """A vague time in or next to the ask's sentence, not its deadline (« un de ces jours »)."""
    return any(t.field == "body" and t.vague and near(a, t.start, ask.sentence) for t in a.times)


def pressure_near(a: Analysis, ask: Ask, kind: str = "pressure") -> bool:
    """A sign of ``kind`` in or next to the ask's sentence.

    "pressure": a deadline running or missed ("still not received");
    "ongoing": a fault that lasts until someone acts ("it is still leaking",
    « ça recommence »).
    """
    return any(
        m.field == "body" and m.kind == kind and near(a, m.start, ask.sentence) for m in a.pressure
    )


def undated_event_near(a: Analysis, ask: Ask) -> bool:
    """The work must precede an event nobody dates (« avant qu'on la remette en service »).

    Only an event told as a clause whose subject is not the reader: "before
    you leave" is the reader's own event, a day they know, and « avant de
    passer en série » (an infinitive) states a step's prerequisite, not when.
    """
    return any(
        m.field == "body"
        and m.kind == "event"
        and near(a, m.start, ask.sentence)
        and _clause_not_readers(a, m)
        for m in a.pressure
    )


def _clause_not_readers(a: Analysis, marker: UrgencyMarker) -> bool:
    """The event is a clause ("before we ship", « avant qu'on… ») not about the reader."""
    last = token_at(a, marker.end - 1)
    if last is None:
        return False
    if last.pos_ == "PRON":
        subject = last  # "before we": the subject ends the phrase
    elif last.pos_ == "SCONJ" and a.doc is not None and last.i + 1 < len(a.doc):
        subject = last.nbor()  # « avant qu'on »: the subject follows
    else:
        return False  # « avant de passer », "ahead of the launch": no clause
    if subject.pos_ not in ("PRON", "NOUN", "PROPN", "DET"):
        return False
    return "2" not in subject.morph.get("Person")


def time_matters(a: Analysis, ask: Ask) -> str | None:
    """Why the undated ask needs a date; None if nothing says so.

    "pressure", "ongoing" (a fault that lasts), "event" (an undated event
    the work must precede), "vague" or "horizon".

    A message that names a day or an hour to come ("the client call at
    10", « la facturation sort le 10 ») gives the ask its context: nothing.
    """
    if names_a_day(a):
        return None
    if pressure_near(a, ask) or pressure_near(a, ask, "running"):
        return "pressure"
    if pressure_near(a, ask, "ongoing"):
        return "ongoing"
    if undated_event_near(a, ask):
        return "event"
    if vague_timing_near(a, ask):
        return "vague"
    if horizon(a, ask) is not None:
        return "horizon"
    return None


def undated_running_deadline(a: Analysis) -> UrgencyMarker | None:
    """A deadline the message says runs or approaches, in a message that names no time to come.

    « Le délai pour répondre à la mise en demeure court toujours », "the
    deadline is approaching": the reader learns that a date exists and
    must guess it. A message that names any time to come (a day, a month:
    "the lease expires in June") has told it; one told in the past tense is
    history.
    """
    if any(t.field == "body" and not t.vague and upcoming(a, t) for t in a.times):
        return None
    running = (m for m in a.pressure if m.field == "body" and m.kind == "running")
    return next((m for m in running if not in_past_tense(a, m.start)), None)


def vague_answer_to_pressure(a: Analysis) -> TimeExpr | None:
    """A reply that promises a vague time to someone who said time presses.

    « La convention vous sera adressée prochainement » answering « le délai
    pour répondre court toujours »: the reader asked because a date counts
    and is given none. Only a vague time that is no ask's deadline (the
    writer's promise; an ask's own is DL02's usual case), in a reply whose
    quoted text says a deadline runs or was missed, and whose own text
    names no day or hour to come.
    """
    if not a.quoted_pressure or names_a_day(a):
        return None
    asked = {d.start for d in a.deadlines if d.ask is not None}
    return next(
        (t for t in a.times if t.field == "body" and t.vague and t.start not in asked),
        None,
    )
