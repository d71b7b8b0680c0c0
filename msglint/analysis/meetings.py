"""A meeting the writer wants, with no time for it: the reader has nothing to answer.

"I would like to set a meeting for us to discuss the delivery problem",
« j'aimerais organiser une réunion sur le planning »: the writer proposes to
meet but neither gives a time nor asks when the readers are free, so the
readers cannot accept, decline or book anything (both judges saw an ask and a
deadline problem on such a message of the judged set; the same proposals
with a time, "we need to meet on Wednesday at 2:00 pm", « je propose un
point jeudi à 15h », were fine). Read by AK01 and DL01.

A meeting is a noun of the pack's ``meeting_nouns.txt`` brought up with an
indefinite article ("a meeting", « une réunion »; "the next meeting" is one
already set) or a verb of ``meeting_verbs.txt``; the wish is a verb of ``wish_verbs.txt`` whose
subject is the writer ("I", "we", « je », « on »), or "let's", governing the
meeting through its clauses, not negated ("I don't want a meeting"); the
verb of meeting has a person or nobody as its object ("meet John", "we
need to meet"; not "meet the deadline"). Any time in the own text (a date, a weekday, a
time of day) or any question in it (which may ask when the readers are free)
leaves the message alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.model import UNDATED

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis

#: How far up the parse a meeting may sit below the wish ("like" -> "set" -> "meeting").
_MAX_STEPS = 3


def unscheduled_meeting(a: Analysis) -> tuple[int, int] | None:
    """The span of a wish to meet when the own text gives no time and asks nothing."""
    if a.doc is None or "?" in a.body:
        return None
    if any(t.field == "body" and t.kind not in UNDATED for t in a.times):
        return None
    nouns = a.pack.words("meeting_nouns")
    verbs = a.pack.words("meeting_verbs")
    wishes = a.pack.words("wish_verbs")
    writer = a.pack.words("writer_pronouns")
    articles = a.pack.words("indefinite_articles")
    negations = a.pack.words("negations")
    end = a.message.end_before_closing
    for token in a.doc:
        if token.idx >= end:
            break
        meeting = (token.pos_ == "NOUN" and _new(token, nouns, articles)) or (
            token.pos_ == "VERB" and _meets_someone(token, verbs)
        )
        if not meeting:
            continue
        head = token
        for _ in range(_MAX_STEPS):
            if head.pos_ in ("VERB", "AUX") and _wished(head, wishes, writer, negations):
                start = min(head.idx, token.idx)
                return start, max(head.idx + len(head.text), token.idx + len(token.text))
            if head.head.i == head.i:
                break
            head = head.head
    return None


def _new(token, nouns: frozenset[str], articles: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """ "a meeting", « une réunion »: one the writer brings up; "the next meeting" is set."""
    if token.lemma_.lower() not in nouns:
        return False
    return any(c.dep_ == "det" and c.lower_ in articles for c in token.children)


def _meets_someone(verb, verbs: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """ "we need to meet", "meet John", "meet with the client"; not "meet the deadline"."""
    if verb.lemma_.lower() not in verbs:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return all(c.pos_ in ("PROPN", "PRON") for c in objects)


def _wished(verb, wishes, writer, negations) -> bool:  # type: ignore[no-untyped-def]
    """ "I would like to…", "we need to…", « je souhaite… », "let's…": the writer wants it."""
    if verb.lemma_.lower() == "let":
        after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
        return after is not None and after.lower_ in ("'s", "’s", "us")
    if verb.lemma_.lower() not in wishes:
        return False
    if any(c.dep_ in ("neg", "advmod") and c.lower_ in negations for c in verb.children):
        return False  # "I don't want a meeting", « je ne veux pas de réunion »
    return any(c.dep_.startswith("nsubj") and c.lower_ in writer for c in verb.children)
