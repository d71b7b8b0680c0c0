"""Which time expressions are deadlines, and which ask each one belongs to.

A time expression is a deadline when it closes an open interval ("by Friday",
"avant 16h"), when a deadline cue from the pack's ``deadline_cues.txt``
("due", "d'ici", "no later than") stands just before it, or when it is still
to come and sits in a sentence that asks something ("Could you send it
Friday?"). A vague time ("ASAP", "soon") is a deadline only when cued or in
an ask. Durations ("for two hours") never are.
"""

from __future__ import annotations

import bisect
from datetime import datetime

from msglint.analysis.grains import deadline_moment
from msglint.analysis.model import Ask, Deadline, Sentence, TimeExpr
from msglint.lang import LanguagePack

_CUE_WINDOW = 40  # characters before the time expression searched for a cue


def _sentence_index(sentences: list[Sentence], starts: list[int], offset: int) -> int | None:
    index = bisect.bisect_right(starts, offset) - 1
    if 0 <= index < len(sentences) and offset < sentences[index].end:
        return index
    return None


def _is_past(time: TimeExpr, now: datetime) -> bool:
    moment = deadline_moment(time)
    if moment is None:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo)
    return moment < now


def find_deadlines(
    now: datetime,
    body: str,
    subject: str | None,
    times: list[TimeExpr],
    sentences: list[Sentence],
    asks: list[Ask],
    pack: LanguagePack,
) -> list[Deadline]:
    """The deadlines among ``times``, each tied to the ask of its sentence when there is one."""
    cues = pack.lexicon("deadline_cues")
    starts = [s.start for s in sentences]
    ask_by_sentence = {ask.sentence: index for index, ask in enumerate(asks)}
    found: list[Deadline] = []
    for index, time in enumerate(times):
        if time.kind == "duration":
            continue
        text = (subject or "") if time.field == "subject" else body
        window = text[max(0, time.start - _CUE_WINDOW) : time.start]
        cued = any(hit.end >= len(window) - 3 for hit in cues.finditer(window))
        sentence = None if time.field == "subject" else _sentence_index(sentences, starts, time.start)
        ask = ask_by_sentence.get(sentence) if sentence is not None else None
        upcoming = not _is_past(time, now)
        if time.vague:
            # "ASAP" in a request is a deadline; "the board meets soon" is not.
            is_deadline = cued or ask is not None or (time.field == "subject" and bool(asks))
        else:
            # A past time in an ask ("the figures we got last week") is a reference.
            is_deadline = time.direction == "before" or cued or (ask is not None and upcoming)
            if time.field == "subject" and not is_deadline:
                is_deadline = bool(asks) and upcoming
        if is_deadline:
            found.append(
                Deadline(
                    text=time.text,
                    start=time.start,
                    end=time.end,
                    value=time.end_value if time.direction == "before" and time.end_value else time.value,
                    vague=time.vague,
                    has_time=time.has_time,
                    has_timezone=time.has_timezone,
                    time=index,
                    ask=ask,
                    field=time.field,
                )
            )
    return found
