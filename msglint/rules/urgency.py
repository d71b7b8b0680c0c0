"""Urgency rules (UR): say what is urgent, why, and by when."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from msglint.analysis.grains import deadline_moment
from msglint.analysis.model import Analysis
from msglint.rules.base import Hit, Options, rule


def _word_markers(a: Analysis) -> list:  # type: ignore[type-arg]
    return [m for m in a.urgency if m.kind in ("word", "caps")]


def _concrete_deadlines(a: Analysis) -> list:  # type: ignore[type-arg]
    return [d for d in a.deadlines if not d.vague and d.value]


@rule("UR01", "urgency.no-deadline", "warning", kinds=("email", "chat"))
def urgency_no_deadline(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a message marked urgent says by when.

    ## What it does
    Reports the first urgency marker ("urgent", "critical", "urgence",
    "prioritaire"; the pack's ``urgency_words.txt``) of a message that gives
    no concrete deadline.

    ## Why is this bad?
    "Urgent" alone does not tell the reader whether to drop everything now or
    to handle it by the end of the day. A date and time does.

    ## Example
    ```
    Subject: Urgent: contract

    Please sign the contract, it's urgent.
    ```

    ## Use instead
    ```
    Subject: Contract to sign by 4 pm CET today

    Please sign the contract by 4 pm CET today: the client countersigns tonight.
    ```
    """
    markers = _word_markers(a)
    if markers and not _concrete_deadlines(a):
        first = markers[0]
        yield Hit(first.start, first.end, field=first.field, args={"phrase": first.text})


@rule("UR02", "urgency.inflation", "warning", kinds=("email", "chat"), options={"max_markers": 1})
def urgency_inflation(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for urgency shouted rather than stated.

    ## What it does
    Reports urgency in capitals ("URGENT"), urgency words stacked beyond
    ``max_markers`` (1) in the subject or in the body ("urgent", "critical",
    "immediately"…), and urgency words followed by ``!!``. Saying it once in
    the subject and once in the body, with the reason, is fine.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``)
    when stacked exclamation marks follow the urgency word ("URGENT!!!",
    « urgent !! »).

    ## Why is this bad?
    When everything is URGENT!!!, nothing is: readers discount the marker,
    and the one truly urgent message is missed. Inflated urgency also reads
    as panic or pressure.

    ## Example
    ```
    URGENT!!! Need this immediately, critical for the client!!
    ```

    ## Use instead
    ```
    Urgent: the client needs the signed quote by 3 pm CET today to keep the slot.
    ```
    """
    words = _word_markers(a)
    shouted = [m for m in words if m.kind == "caps"]
    bangs = [m for m in a.urgency if m.kind == "punctuation"]
    stacked = [
        field_markers[opts["max_markers"]]
        for field in ("subject", "body")
        if len(field_markers := [m for m in words if m.field == field]) > opts["max_markers"]
    ]
    # "!!" right after an urgency word ("urgent!!"), not "Thanks a lot!!" elsewhere.
    loud = [
        b for b in bangs if any(m.field == b.field and 0 <= b.start - m.end <= 3 for m in words)
    ]
    culprit = shouted[0] if shouted else stacked[0] if stacked else loud[0] if loud else None
    if culprit is not None:
        yield Hit(
            culprit.start,
            culprit.end,
            field=culprit.field,
            args={"phrase": culprit.text, "count": len(words)},
            strong=bool(loud),  # « URGENT !!! »: the marks shout the word
        )


@rule(
    "UR03",
    "urgency.mismatch",
    "info",
    kinds=("email", "chat"),
    options={"urgent_within_hours": 72, "due_soon_hours": 4},
    messages=("not-urgent", "unflagged"),
)
def urgency_mismatch(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that the urgency and the deadline tell the same story.

    ## What it does
    Reports a message marked urgent whose earliest deadline is more than
    ``urgent_within_hours`` (72) hours away, and a deadline less than
    ``due_soon_hours`` (4) hours away in a message not flagged as urgent.

    ## Why is this bad?
    "Urgent" for something due next week teaches readers to ignore the word.
    A deadline in two hours without a flag may only be read after it passed.

    ## Example
    ```
    URGENT: please review the slides by next Thursday.
    ```

    ## Use instead
    ```
    Please review the slides by Thursday 14 January, 10 am CET.
    ```
    """
    moments = [
        (moment, d)
        for d in _concrete_deadlines(a)
        if (moment := deadline_moment(a.times[d.time])) is not None and moment >= a.now
    ]
    if not moments:
        return
    earliest, deadline = min(moments, key=lambda item: item[0])
    markers = _word_markers(a)
    hours = (earliest - a.now).total_seconds() / 3600
    if markers and earliest - a.now > timedelta(hours=opts["urgent_within_hours"]):
        yield Hit(
            markers[0].start,
            markers[0].end,
            "not-urgent",
            {"phrase": markers[0].text, "days": round(hours / 24)},
            markers[0].field,
        )
    elif not markers and hours < opts["due_soon_hours"]:
        yield Hit(
            deadline.start,
            deadline.end,
            "unflagged",
            {"phrase": deadline.text, "hours": max(1, round(hours))},
            deadline.field,
        )


@rule("UR04", "urgency.no-reason", "info", kinds=("email", "chat"))
def urgency_no_reason(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that urgency comes with a reason.

    ## What it does
    Reports the first urgency marker of a message that gives no reason: none
    of the pack's ``reason_markers.txt`` ("because", "so that", "otherwise",
    "parce que", "car", "sinon", "afin que") appears anywhere, and the
    message states nothing besides its asks. A statement elsewhere in the
    body is the reason in most real messages, with no "because": « La grue
    doit être immobilisée aujourd'hui, vent annoncé à 80 km/h. Tu préviens
    les équipes stp. »

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``)
    when the message gives no concrete deadline either: urgency with neither
    a reason nor a date (« Rappelle-moi dès que tu peux, c'est urgent »).

    ## Why is this bad?
    A reason lets the reader judge the urgency against their other work and
    find another way if they cannot make it. Urgency without one reads as
    pressure.

    ## Example
    ```
    Urgent: please send the signed form by 2 pm CET.
    ```

    ## Use instead
    ```
    Urgent: please send the signed form by 2 pm CET, because the bank closes
    the file at 3 pm.
    ```
    """
    markers = _word_markers(a)
    if not markers:
        return
    reasons = a.pack.lexicon("reason_markers")
    if reasons.search(a.body) or reasons.search(a.subject or "") or _states_something(a):
        return
    first = markers[0]
    # Neither a reason nor a date: « Rappelle-moi dès que tu peux, c'est urgent ».
    strong = not _concrete_deadlines(a)
    yield Hit(first.start, first.end, field=first.field, args={"phrase": first.text}, strong=strong)


#: A statement this long, besides the asks, says what is going on.
_STATEMENT_WORDS = 5


def _states_something(a: Analysis) -> bool:
    """The body holds a statement of its own besides its asks: the context, the reason.

    A sentence that asks nothing, is no question, says nothing urgent and has
    a verb ("The client countersigns tonight.", « vent annoncé à 80 km/h »);
    greetings and thanks are too short to count.
    """
    # A stated need (« la grue doit être immobilisée ») says what is at stake.
    asking = {ask.sentence for ask in a.asks if ask.form != "need"}
    pressing = [m.start for m in a.urgency if m.field == "body"]
    for index, sentence in enumerate(a.sentences):
        if index in asking or sentence.is_question or sentence.words < _STATEMENT_WORDS:
            continue
        if any(sentence.start <= start < sentence.end for start in pressing):
            continue  # the urgency itself ("need the order immediately"), not its reason
        if sentence.in_list or sentence.is_heading:
            continue
        span = (
            a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if a.doc
            else None
        )
        if span is not None and any(t.pos_ in ("VERB", "AUX") for t in span):
            return True
    return False
