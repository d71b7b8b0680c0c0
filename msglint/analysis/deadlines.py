"""Which time expressions are deadlines, and which ask each one belongs to.

A time expression is a deadline when it is vague ("ASAP"), when it closes an
open interval ("by Friday", "avant 16h"), when a deadline cue from the pack's
``deadline_cues.txt`` ("due", "d'ici", "no later than") stands just before it
in the same sentence, or when it sits in a sentence that asks something
("Could you send it Friday?"). Durations ("for two hours") never are.
"""

from __future__ import annotations

import bisect

from msglint.analysis.model import Ask, Deadline, Sentence, TimeExpr
from msglint.lang import LanguagePack

_CUE_WINDOW = 40  # characters before the time expression searched for a cue


def _sentence_index(sentences: list[Sentence], starts: list[int], offset: int) -> int | None:
    index = bisect.bisect_right(starts, offset) - 1
    if 0 <= index < len(sentences) and offset < sentences[index].end:
        return index
    return None


def find_deadlines(
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
        is_deadline = time.vague or time.direction == "before" or cued or ask is not None
        if time.field == "subject" and not is_deadline:
            is_deadline = bool(asks)
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
