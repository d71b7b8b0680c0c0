"""Deadline rules (DL): explicit, unambiguous response times."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msglint.analysis.grains import deadline_moment
from msglint.analysis.grammar import in_writer_clause, passive_spans
from msglint.analysis.meetings import unscheduled_meeting
from msglint.analysis.model import Analysis, Deadline
from msglint.analysis.places import people_apart, places_abroad
from msglint.analysis.timing import (
    dated_asks,
    horizon,
    message_dated,
    precise,
    time_matters,
    undated_running_deadline,
    upcoming,
    vague_answer_to_pressure,
)
from msglint.intervals import Intervals
from msglint.rules.base import Hit, Options, rule
from msglint.rules.genre import not_a_memo


@rule(
    "DL01",
    "deadline.missing",
    "warning",
    kinds=("email", "chat"),
    messages=("default", "meeting", "running"),
)
def deadline_missing(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a message which asks for something says by when.

    ## What it does
    Reports the first request for work made to someone else ("could you
    review…", "someone should book…", « il faudrait qu'on fasse un point… »)
    that gives no date although the message shows that its time matters
    (see below). A vague deadline ("ASAP") is reported by DL02 instead.
    Questions for information ("which version do you use?"), courtesy
    offers ("let me know if I can help"), proposals ("let's…"), and
    messages that are not request memos (short replies, thank-yous,
    automated notices, mailing-list posts) are left alone, and so is an ask
    when nothing says its time matters: most asks on real mail need no
    stated date.

    Each ask is read on its own: one that carries a day, an hour or a bound
    ("by Friday", "by March") is dated; a month named in it ("the stand for
    the March fair") is what the work is for, not when it is due. A deadline
    tied to no ask ("answer these three points by Thursday noon") dates the
    whole message.

    The time matters when the message says so though no day is given: a deadline
    running or missed in the ask's sentence or the next one (the pack's
    ``time_pressure.txt``: "the registrations close soon", "still haven't
    received", « il ne faudrait pas que ça traîne »), a vague time there
    that is not the ask's own deadline (« on en parlera un de ces jours »),
    a fault that goes on or comes back there (the pack's
    ``ongoing_faults.txt``: "it is still leaking", « ça recommence »), an
    event nobody dates that the work must precede, told as a clause whose
    subject is not the reader ("before we put it back on the road", « avant
    qu'on la remette en service »), or a month, a quarter or a stretch of
    more than a week to come in the ask's sentence (« un point sur les
    congés de février », "the agreement ends late January"). A message that
    names a day or an hour to come
    ("the 10 am call", « la facturation sort le 10 ») gives the ask its
    context, a time in a past-tense clause is history (a conditional is
    not past: « il faudrait le faire en mars », which the French tagger
    reads as an imperfect, the pack's ``conditional_endings.txt``), a step in a list (a
    procedure) is not late, an ask that names a time ("it should be fixed
    now") is not undated, and "before you leave, please check…"
    (``event_bounds.txt``: the reader's own event, a day they know) is a
    relative deadline, as is "before going into production, we need…" (an
    infinitive: a prerequisite, not a time).

    The finding is strong (a warning, see ``rules.toml``) when the ask sets
    the work (a need, an order, an ask with no owner: "someone should book
    the stand", « il faudrait qu'on fasse un point »); a polite request to
    the reader ("could you check…?") is a hint: the reader's reply can
    settle the date. A meeting the writer wants with no time in the message
    and no question in it ("I would like to set a meeting for us to
    discuss…", « je propose une réunion pour… »; ``analysis/meetings.py``)
    is a strong finding too, when no ask was reported. So is a message that
    says a deadline runs or approaches (the pack's ``running_deadlines.txt``:
    "the deadline is approaching", « le délai pour répondre court
    toujours ») and names no time to come, asks or not: the reader learns a
    date exists, not which.

    ## Why is this bad?
    Without a deadline the reader guesses: too late and you wait, too early
    and they drop something more important. Asynchronous work depends on
    explicit response times.

    ## Example
    ```
    The supplier still hasn't received our answer.
    Someone should review the contract.
    ```

    ## Use instead
    ```
    The supplier still hasn't received our answer.
    Someone should review the contract by Thursday 3 pm CET.
    ```
    """
    if a.fyi or not_a_memo(a) or message_dated(a):
        return
    requests = a.pack.lexicon("asks/request_phrases")
    dated = dated_asks(a)
    for index, ask in enumerate(a.asks):
        if ask.secondary or index in dated or _names_a_time(a, ask.sentence):
            continue  # "let me know by Friday" completes an ask; "fix it now" is timed
        if ask.form == "question" and not requests.search(ask.text):
            continue  # "which version do you use?" asks for information, not work
        # « il faudrait qu'on fasse un point » asks the team; "let's…" proposes.
        someone_else = ask.owner in ("reader", "nobody") or ask.form == "need"
        if ask.in_list or not someone_else or time_matters(a, ask) is None:
            continue  # most asks need no stated date: only when its time matters
        # A need, an order or an ask with no owner sets the work and leaves its
        # date open; a polite request to the reader ("can you…?") invites a
        # reply that can settle it: a hint.
        polite = ask.owner == "reader" and ask.form in ("request", "question")
        yield Hit(ask.start, ask.end, strong=not polite)
        return
    meeting = unscheduled_meeting(a)  # "I would like to set a meeting": no time for it
    if meeting is not None:
        yield Hit(meeting[0], meeting[1], message_id="meeting", strong=True)
        return
    running = undated_running_deadline(a)  # « le délai court toujours », and no date anywhere
    if running is not None:
        yield Hit(running.start, running.end, message_id="running", strong=True)


def _names_a_time(a: Analysis, sentence: int) -> bool:
    """The sentence says when: "now", or a day or an hour to come ("it should be fixed now")."""
    near = a.sentences[sentence]
    return any(
        t.field == "body"
        and near.start <= t.start < near.end
        and (t.kind == "present" or (precise(t) and upcoming(a, t)))
        for t in a.times
    )


def _pressed_near(
    a: Analysis, sentence: int, kinds: tuple[str, ...] = ("pressure", "event", "ongoing")
) -> bool:
    """A sign that time presses (``a.pressure``) in the ask's sentence or the one next to it.

    "The inspection date has passed. Can someone look into it?": the ask is
    late already and gives no date. A sign three paragraphs away is about
    something else.
    """
    for marker in a.pressure:
        if marker.field != "body" or marker.kind not in kinds:
            continue
        for index in (sentence - 1, sentence, sentence + 1):
            if 0 <= index < len(a.sentences):
                near = a.sentences[index]
                if near.start <= marker.start < near.end:
                    return True
    return False


@rule("DL02", "deadline.vague", "warning")
def deadline_vague(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for deadlines that do not name a time.

    ## What it does
    Reports vague deadlines: words of the pack's ``vague_deadlines.txt``
    ("ASAP", "soon", "when you get a chance", "at your earliest convenience",
    "dès que possible", "rapidement", "au plus vite", "prochainement") used
    in an ask or after a deadline word. "The board meets soon" is not a
    deadline and is not reported, nor a word that says how rather than by
    when (« faire le point rapidement », "let's chat quickly"; the pack's
    ``vague_deadlines_exceptions.txt``).

    The finding is strong (a warning, see ``rules.toml``) when the vague
    deadline is on someone else's ask and time presses: the phrase asks for
    speed (the pack's ``pressing_deadlines.txt``: "ASAP", « au plus vite »,
    « rapidement », « assez vite »), the message says it is urgent, or, in the ask's
    sentence or the next one, that a deadline runs or was missed (the pack's
    ``time_pressure.txt``: "the report is overdue"), that a fault goes on
    (``ongoing_faults.txt``: "it is still leaking") or that the work must be
    done before something happens (``event_bounds.txt``: "before we send it
    to print"), or when the ask's sentence names the month or quarter to
    come that the work is for ("we should look at the June lease renewal at
    some point"). A shared ask ("we should look at it") is not the writer's
    own clause, and an ask with no owner in the active voice sets work for
    the team ("someone needs to find another room asap", « il faut trouver
    autre chose rapidement »). The reader is told it matters and left to
    guess how much. It stays a hint when it grants time with nothing
    pressing ("when you get a chance"), when it says when the writer acts
    ("send me a copy and I will process it asap"), and in a standing rule
    with no owner, in the passive (« les badges perdus doivent être signalés
    sans délai »): it says how things are done, not what to do now. It stays
    a hint, too, when the reason that follows names the day ("reply asap
    since the launch is on Monday evening": the reader counts back). An ask
    followed by the writer's aside ("someone needs to send the names asap,
    I think") is still the sentence's ask. A deadline counted from a day the
    message never names (« livraison J+3 ouvrés »; the pack's
    ``counted_deadlines.txt``, French only: English "D+1", "T+2" are trading
    conventions whose start is known) is strong too, unless the message
    says which day it counts from (« J = réception des fichiers »,
    ``counted_deadline_starts.txt``). A reply that promises a vague time
    ("the lease will be sent shortly", « vous sera adressée prochainement »)
    to someone whose quoted message says a deadline runs or was missed
    ("my deadline is approaching", « le délai court toujours »), and that
    names no day or hour to come, is strong too: the reader asked because a
    date counts.

    ## Why is this bad?
    "ASAP" means today to the writer and next week to a busy reader. A vague
    deadline is no deadline, with the added cost of sounding pushy.

    ## Example
    ```
    Please send me the figures ASAP.
    ```

    ## Use instead
    ```
    Please send me the figures by Wednesday noon CET.
    ```
    """
    manner = (
        Intervals((h.start, h.end) for h in a.pack.find("vague_deadlines_exceptions", a.body))
        if (a.pack.folder / "vague_deadlines_exceptions.txt").is_file()
        else Intervals(())
    )
    # « vous sera adressée prochainement », answering one who said time presses
    promise = vague_answer_to_pressure(a)
    said: set[int] = set()
    for deadline in a.deadlines:
        if deadline.field == "body" and deadline.start in manner:
            continue  # « faire le point rapidement »: how, not by when
        if deadline.vague:
            answer = promise is not None and deadline.field == "body"
            answer = answer and deadline.start == promise.start
            said.add(deadline.start)
            yield Hit(
                deadline.start,
                deadline.end,
                field=deadline.field,
                args={"phrase": deadline.text},
                strong=answer or _pressing(a, deadline),
            )
    yield from _counted_from_unsaid_day(a)
    if promise is not None and promise.start not in manner and promise.start not in said:
        yield Hit(promise.start, promise.end, args={"phrase": promise.text}, strong=True)


def _counted_from_unsaid_day(a: Analysis) -> Iterator[Hit]:
    """« livraison J+3 ouvrés »: counted from a day the message never names.

    The reader cannot tell which day J is (the order? the files' arrival?):
    a deadline with its start missing, as strong as "ASAP". A message that
    names the start (« J = réception des fichiers », « le jour J »; the
    pack's ``counted_deadline_starts.txt``) is left alone.
    """
    folder = a.pack.folder
    if not (folder / "counted_deadlines.txt").is_file():
        return
    if (folder / "counted_deadline_starts.txt").is_file() and a.pack.find(
        "counted_deadline_starts", a.body
    ):
        return
    for hit in a.pack.find("counted_deadlines", a.body):
        yield Hit(hit.start, hit.end, args={"phrase": hit.text}, strong=True)


def _pressing(a: Analysis, deadline: Deadline) -> bool:
    """A vague deadline on someone else's ask, in a message where time presses.

    « dès que tu peux, c'est urgent », « envoyez-le rapidement » for a report
    already late, "when you can" for a text that must be read before it is
    printed: the reader is told time matters and left to guess how much (the
    case judges call a real deadline problem; rules.toml, DL02 ``strong``).
    Not the writer's own clause ("send a copy and I'll process it asap"), nor
    a standing rule with no owner, in the passive (« les badges perdus
    doivent être signalés sans délai »); an ownerless ask in the active voice
    (« il faut trouver autre chose rapidement ») counts.
    """
    if deadline.field != "body" or deadline.ask is None:
        return False
    if in_writer_clause(a, deadline.start) or _standing_rule(a, deadline):
        return False
    if _dated_reason(a, deadline):
        return False  # « réponds vite parce que l'implantation c'est lundi soir »
    ask = a.asks[deadline.ask]
    if (a.pack.folder / "pressing_deadlines.txt").is_file() and a.pack.find(
        "pressing_deadlines", deadline.text
    ):
        return True  # "ASAP", « au plus vite »: speed asked for, no time given
    if any(u.kind in ("word", "caps") for u in a.urgency):
        return True  # « c'est urgent »: the message says time matters
    # « il faudrait regarder ça à un moment » when the lease ends in June
    return _pressed_near(a, ask.sentence) or horizon(a, ask) is not None


def _dated_reason(a: Analysis, deadline: Deadline) -> bool:
    """The reason that follows the vague deadline names the day it is for.

    « Réponds-moi vite parce que l'implantation c'est lundi soir », "reply
    quickly since the launch is on Monday": the reader can count back from
    the day given (the pack's ``reason_markers.txt``, then an upcoming day or
    hour in the same sentence). A reason given before it (« à cause des
    travaux de janvier, il faut trouver autre chose rapidement ») dates the
    cause, not the work.
    """
    sentence = next((s for s in a.sentences if s.start <= deadline.start < s.end), None)
    if sentence is None or not (a.pack.folder / "reason_markers.txt").is_file():
        return False
    tail = a.body[deadline.end : sentence.end]
    marks = a.pack.find("reason_markers", tail)
    if not marks:
        return False
    after = deadline.end + min(h.start for h in marks)
    return any(
        t.field == "body" and after <= t.start < sentence.end and precise(t) and upcoming(a, t)
        for t in a.times
    )


def _standing_rule(a: Analysis, deadline: Deadline) -> bool:
    """An ownerless ask in the passive: a rule (« les badges doivent être signalés sans délai »).

    A rule says how things are done whenever they happen; it sets no work
    now. An ownerless ask in the active voice sets work for the team (« il
    faut trouver autre chose rapidement », "someone needs to fix it
    asap"): the team is told time matters and left to guess how much.
    """
    ask = a.asks[deadline.ask] if deadline.ask is not None else None
    if ask is None or ask.owner != "nobody":
        return False
    return any(ask.start <= start < deadline.start for start, _, _ in passive_spans(a))


@rule(
    "DL03",
    "deadline.no-timezone",
    "warning",
    options={"distributed": False, "team_timezones": [], "strong_languages": []},
)
def deadline_no_timezone(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a deadline with a clock time names its time zone.

    ## What it does
    Reports a deadline that gives a clock time ("by 5 pm", "avant 17h") but no
    time zone ("CET", "UTC", "heure de Paris", "ET", "+01:00") when the
    readers may be in several zones: the message names a zone elsewhere
    ("the call is at 9 am ET… send it by 5 pm"), or the configuration says
    the team is ``distributed`` or lists two or more ``team_timezones``
    (``["Europe/Paris", "America/Toronto"]``). Between colleagues of one
    office « jeudi 14 h » is one moment and is left alone. A time in a
    list item that asks nothing ("- Delivery before 2 pm") is a specification,
    not the reader's deadline, and is left alone.

    The readers are also in several zones when the message names a place
    whose clock differs from the sender's (the ``Date`` header's offset):
    "our colleague in Singapore", « le bureau de Dakar » in the signature
    (the pack's ``places.tsv``: countries and cities with their zones,
    generated from tzdata and iso-codes by tools/generate_places.py; a name
    counts only capitalised), or when recipients sit at country domains of
    different zones ("…@nus.edu.sg" and "….fr", ``lang/domain_zones.tsv``).
    The finding is strong (a warning, see ``rules.toml``) when the people of
    the message, not only the places it names, sit in different zones — the
    recipients at country domains of different zones, a recipient at the
    sender's organisation's branch abroad ("…@sg.groupe-nexo.com" from
    "…@groupe-nexo.com", the ``Date`` header at +01:00), or the writer's own
    place in the signature (« Bureau de Dakar ») off the ``Date`` header's
    clock (``analysis/places.py`` ``people_apart``) — and no time in the
    message names a zone: nothing tells the reader whose clock is meant.
    A place named in the text is not always where a reader sits (a note
    naming Osaka between two colleagues of one cellar): that stays a hint.
    Only in the languages of ``strong_languages`` (none by default).
    A place of the sender's own zone (« nos collègues de Bruxelles » from
    Paris) spans no zones.

    ## Why is this bad?
    Remote colleagues and assistants often work hours away from you. "5 pm"
    is a different moment in Montréal, Paris and Manila; someone will miss it.

    ## Example
    ```
    The client call is at 9 am ET on Thursday. Please confirm by 5 pm tomorrow.
    ```

    ## Use instead
    ```
    The client call is at 9 am ET on Thursday. Please confirm by 5 pm CET tomorrow.
    ```
    """
    if not _spans_zones(a, opts):
        return  # « jeudi 14 h » between colleagues of one office is one moment
    # A place abroad and no zone anywhere: nothing tells the reader whose clock.
    strong = (
        a.language in opts["strong_languages"]
        and bool(people_apart(a))
        and not any(t.has_timezone for t in a.times)
    )
    for deadline in a.deadlines:
        if deadline.field == "body" and deadline.ask is None and _in_list_item(a, deadline.start):
            continue  # a spec line ("- delivery before 2 pm") is not the reader's deadline
        if a.times[deadline.time].start != deadline.start:
            continue  # "before then": the time zone belongs where the time is written
        if deadline.field == "subject" and any(
            other.field == "body" and other.has_timezone and _same_value(other, deadline)
            for other in a.deadlines
        ):
            continue  # the body gives the same deadline with its zone
        if deadline.has_time and not deadline.has_timezone:
            yield Hit(
                deadline.start,
                deadline.end,
                field=deadline.field,
                args={"phrase": deadline.text},
                strong=strong,
            )


def _spans_zones(a: Analysis, opts: Options) -> bool:
    """The team or the message spans time zones: configured, or a zone is named in it."""
    if opts["distributed"] or len({str(z) for z in opts["team_timezones"]}) >= 2:
        return True
    return any(t.has_timezone for t in a.times) or bool(places_abroad(a))


def _in_list_item(a: Analysis, offset: int) -> bool:
    return any(s.in_list and s.start <= offset < s.end for s in a.sentences)


@rule("DL04", "deadline.ambiguous-date", "warning", options={"date_order": "auto"})
def deadline_ambiguous_date(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for dates that readers can understand two ways.

    ## What it does
    Reports numeric dates where day and month could be swapped ("03/04",
    "4/5/2027") and relative weekdays such as "next Friday" that do not say
    which week they mean. A date that can only be read one way (25/03) is
    fine; so is a numeric date when ``date_order`` says how the team writes
    them (``dmy``, ``mdy``, ``ymd``; ``auto``: the language's own reading,
    ``[dates] order`` in its pack: French drafts are read day-first), and a
    time stamp copied from a header ("Sent: 03/04/2001 10:20 AM").

    ## Why is this bad?
    03/04 is 3 April in Paris and March 4 in New York; "next Friday" is this
    week's Friday for some and the following one for others. One of the two
    readers will be a week or a month off.

    ## Example
    ```
    Can you send the draft by 03/04?
    ```

    ## Use instead
    ```
    Can you send the draft by Friday 3 April?
    ```
    """
    order = str(opts["date_order"])
    for time in a.times:
        if not time.ambiguous:
            continue
        numeric = _NUMERIC_DATE.search(time.text)
        if numeric is not None:
            if order == "auto":  # the language's own reading, when it has one
                order = str(a.pack.settings.get("dates", {}).get("order", "any"))
            if order in ("dmy", "mdy", "ymd"):
                continue  # the team reads numeric dates one way
            if max(int(numeric.group(1)), int(numeric.group(2))) > 12:
                continue  # 25/03 can only be 25 March
            if time.field == "body" and _is_timestamp(a.body, time.start, time.end):
                continue  # "03/26/2001 10:20 AM" of a quoted header: not the writer's date
        yield Hit(time.start, time.end, field=time.field, args={"phrase": time.text})


_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})")
_TIMESTAMP_AFTER = re.compile(r"[/.\-\d]*,?\s+\d{1,2}:\d{2}")
_HEADER_LINE = re.compile(r"\s*(?:sent|date|envoyé|on|le)\b", re.IGNORECASE)


def _is_timestamp(text: str, start: int, end: int) -> bool:
    """A date stamped with a clock time or on a header line ("Sent: 03/04/2001 10:20")."""
    if _TIMESTAMP_AFTER.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_HEADER_LINE.match(text, line_start, start))


@rule("DL05", "deadline.weekday-mismatch", "error")
def deadline_weekday_mismatch(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a weekday matches the date it comes with.

    ## What it does
    Reports a date written with a weekday that does not fall on it, such as
    "Friday 12 December 2026" (a Saturday).

    ## Why is this bad?
    The reader cannot know which of the two you meant, and whichever they
    pick, they may be a day off. Fix it before sending.

    ## Example
    ```
    The deadline is Friday 12 December 2026.
    ```

    ## Use instead
    ```
    The deadline is Friday 11 December 2026.
    ```
    """
    for time in a.times:
        resolved = time.value
        if time.weekday is None or resolved is None:
            continue
        if resolved.weekday() != time.weekday:
            yield Hit(
                time.start,
                time.end,
                field=time.field,
                args={
                    "phrase": time.text,
                    "actual": a.pack.weekday_name(resolved.weekday()),
                },
            )


@rule("DL06", "deadline.past", "warning")
def deadline_past(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for deadlines already past when the message is written.

    ## What it does
    Reports a deadline that ends before the message's reference time: the
    e-mail's ``Date`` header, ``--now``, or the current time. A past date in
    a past-tense sentence ("the invoice was due on 30 November") recalls what
    happened and is not reported.

    ## Why is this bad?
    A past deadline is a typo (wrong day or month) or a copied old message.
    Either way the reader cannot meet it.

    ## Example
    ```
    Date: Mon, 14 Dec 2026 09:00:00 +0100
    Subject: Timesheets

    Please send your timesheet by Friday 11 December.
    ```

    ## Use instead
    ```
    Date: Mon, 14 Dec 2026 09:00:00 +0100
    Subject: Timesheets

    Please send your timesheet by Friday 18 December.
    ```
    """
    from msglint.analysis.grammar import in_past_tense

    for deadline in a.deadlines:
        time = a.times[deadline.time]
        moment = deadline_moment(time)
        if moment is None or moment >= a.now:
            continue
        if deadline.field == "body" and in_past_tense(a, deadline.start):
            continue  # "the invoice was due on 30 November" recalls the past
        if a.kind == "doc" and not any(char.isdigit() for char in time.text):
            continue  # a procedure's "the previous Wednesday" is relative to its event
        yield Hit(
            deadline.start, deadline.end, field=deadline.field, args={"phrase": deadline.text}
        )


def _same_value(one: Deadline, other: Deadline) -> bool:
    """The same written value: the same instant in the same UTC offset."""
    if one.value is None or other.value is None:
        return one.value is other.value
    return one.value == other.value and one.value.utcoffset() == other.value.utcoffset()
