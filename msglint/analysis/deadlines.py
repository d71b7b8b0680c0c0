"""Which time expressions are deadlines, and which ask each one belongs to.

A time expression is a deadline when it closes an open interval ("by Friday",
"avant 16h"), when a deadline cue from the pack's ``deadline_cues.txt``
("due", "d'ici", "no later than") stands just before it, or when it is still
to come and sits in a sentence that asks something ("Could you send it
Friday?") and names no cued deadline of its own. A vague time ("ASAP",
"soon") is a deadline only when cued or in an ask. Durations never are, nor
"until noon" (how long something lasts). Documents have no asks: there,
only cued times are deadlines.
"""

from __future__ import annotations

import bisect
import re
from datetime import datetime

from msglint.analysis.grains import deadline_moment
from msglint.analysis.model import UNDATED, Ask, Deadline, Sentence, TimeExpr
from msglint.lang import LanguagePack

_CUE_WINDOW = 40  # characters before the time expression searched for a cue


_WORD = re.compile(r"[^\W\d_]+")


def _year_leads(pack: LanguagePack) -> frozenset[str]:
    """The determiners before a year or a month used as a modifier (times.toml [year_rules])."""
    from msglint.analysis.times.vocab import vocabulary

    found = vocabulary(pack)
    return frozenset(found.year_leads) if found is not None else frozenset()


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

    def cued(time: TimeExpr) -> bool:
        text = (subject or "") if time.field == "subject" else body
        window = text[max(0, time.start - _CUE_WINDOW) : time.start]
        before = any(hit.end >= len(window) - 3 for hit in cues.finditer(window))
        own = cues.search(time.text)
        return before or time.direction == "before" or (own is not None and own.start == 0)

    complement_words = pack.words("noun_complement_markers")

    def complements_a_noun(time: TimeExpr) -> bool:
        if time.field != "body":
            return False
        before = body[max(0, time.start - 12) : time.start].split()
        return bool(before) and before[-1].lower().rstrip("’'") in complement_words

    leads = _year_leads(pack)

    def modifies_a_noun(time: TimeExpr) -> bool:
        """ "the 2027 budget", "the January offsite", « le budget 2027 »: what, not when."""
        if time.field != "body" or time.grain not in ("year", "month", "quarter"):
            return False
        if time.kind != "instant" or time.direction is not None:
            return False
        before = _WORD.findall(body[max(0, time.start - 40) : time.start].lower())
        after = _WORD.match(body[time.end : time.end + 40].lstrip(" "))
        noun_after = after is not None and after.group().islower()
        if before and before[-1] in leads and noun_after:
            return True
        return len(before) >= 2 and before[-2] in leads and before[-1] not in leads

    sentence_of = [
        None if t.field == "subject" else _sentence_index(sentences, starts, t.start) for t in times
    ]
    is_cued = [cued(t) for t in times]
    # In a sentence that names its deadline with a cue ("by Friday"), the
    # other times are context ("the table is held until noon").
    cued_sentences = {s for s, c, t in zip(sentence_of, is_cued, times) if c and not t.vague}
    found: list[Deadline] = []
    for index, time in enumerate(times):
        if time.kind in UNDATED:
            continue  # "for two years", "every Monday", "currently": not one date
        sentence = sentence_of[index]
        ask = ask_by_sentence.get(sentence) if sentence is not None else None
        upcoming = not _is_past(time, now)
        if time.vague:
            # "ASAP" in a request is a deadline; "the board meets soon" is not.
            is_deadline = is_cued[index] or ask is not None
            is_deadline = is_deadline or (time.field == "subject" and bool(asks))
        elif is_cued[index]:
            is_deadline = True
        elif time.direction in ("after", "until"):
            # "after 2 pm", "later", "until noon": when something may start or
            # how long it lasts, not when it is due.
            is_deadline = False
        else:
            # An uncued time counts only in an ask, still to come, and when the
            # sentence names no cued deadline; a past time there is a reference,
            # and so is one that completes a noun ("the slot of Thursday 17",
            # « le créneau du jeudi 17 »).
            is_deadline = (
                ask is not None
                and upcoming
                and sentence not in cued_sentences
                and not complements_a_noun(time)
                and not modifies_a_noun(time)
            )
            if time.field == "subject":
                # "Contract to sign Friday" names a deadline; "January rota" a topic.
                precise = time.grain in ("day", "hour", "minute", "second")
                is_deadline = bool(asks) and upcoming and precise
        if is_deadline:
            found.append(
                Deadline(
                    text=time.text,
                    start=time.start,
                    end=time.end,
                    value=time.end_value
                    if time.direction == "before" and time.end_value
                    else time.value,
                    vague=time.vague,
                    has_time=time.has_time,
                    has_timezone=time.has_timezone,
                    time=index,
                    ask=ask,
                    field=time.field,
                )
            )
    found.extend(_anaphoric(body, times, sentences, asks, found, now, pack))
    found.sort(key=lambda d: (d.field != "subject", d.start))
    return found


def _anaphoric(
    body: str,
    times: list[TimeExpr],
    sentences: list[Sentence],
    asks: list[Ask],
    found: list[Deadline],
    now: datetime,
    pack: LanguagePack,
) -> list[Deadline]:
    """ "Before then, please export…": the deadline is the last date named before.

    An ask with no deadline of its own that points back with a phrase of the
    pack's ``anaphoric_deadlines.txt`` ("before then", « d'ici là ») takes the
    closest earlier precise time of the body that is still to come.
    """
    anaphors = pack.lexicon("anaphoric_deadlines")
    if not len(anaphors):
        return []
    with_deadline = {d.ask for d in found if d.ask is not None}
    extra: list[Deadline] = []
    for ask_index, ask in enumerate(asks):
        if ask_index in with_deadline:
            continue
        sentence = sentences[ask.sentence]
        hit = anaphors.search(body[sentence.start : sentence.end])
        if hit is None:
            continue
        start = sentence.start + hit.start
        earlier = [
            (index, t)
            for index, t in enumerate(times)
            if t.field == "body"
            and t.end <= start
            and not t.vague
            and t.kind not in UNDATED
            and t.grain in ("day", "hour", "minute", "second")
            and not _is_past(t, now)
        ]
        if not earlier:
            continue
        index, time = earlier[-1]
        extra.append(
            Deadline(
                text=hit.text,
                start=start,
                end=sentence.start + hit.end,
                value=time.value,
                vague=False,
                has_time=time.has_time,
                has_timezone=time.has_timezone,
                time=index,
                ask=ask_index,
            )
        )
    return extra
