"""Whether a new message names anything at all: « de nouveau le problème ».

A reader of a new e-mail has nothing but its subject and its text. When
neither holds a noun that says what it is about — besides greetings, thanks,
times, and the one bare definite noun that points back at something never
described (« le problème », "the issue") — the reader cannot act without
asking. Read by CL01 (its strong hits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis

# What a bare noun may carry: « de nouveau le problème », "the issue again" describe nothing.
_BARE_DEPS = frozenset({"det", "case", "punct", "fixed", "advmod"})
# Determiners that point back: "the issue", « ce problème », « le souci ».
_POINTING = frozenset({"the", "this", "that", "le", "la", "l'", "l’", "ce", "cet", "cette"})


def names_nothing(a: Analysis) -> tuple[int, int, str] | None:
    """The span the reader cannot resolve in a message that names nothing, else None.

    The span is the bare definite noun when there is one (« le problème »),
    else the first ask (« Rappelle-moi dès que tu peux »). A message that
    asks nothing and points at nothing is left alone ("Fred needs to see you"
    may be all there is to say).
    """
    if a.doc is None or a.kind != "email" or a.message.quoted.strip() or a.message.automated:
        return None  # a reply, a forward or a chat has its context above it
    end = a.message.end_before_closing
    skip = _ignored_spans(a, a.body)
    nouns = [t for t in a.doc if t.pos_ == "NOUN" and t.idx < end and not _inside(t.idx, skip)]
    # A subject the subject facts find empty (« URGENT !!! », "Question") names
    # nothing, whatever part of speech the parse gave its words in capitals.
    if a.subject and a.subject_doc is not None and not a.subject_facts.says_nothing:
        subject_skip = _ignored_spans(a, a.subject)
        for token in a.subject_doc:
            if token.pos_ in ("NOUN", "PROPN") and not _inside(token.idx, subject_skip):
                return None  # the subject names it
    if len(nouns) > 1:
        return None
    if nouns:
        noun = nouns[0]
        # Its own words, up to the sign-off: a determiner, a preposition over it.
        children = [c for c in noun.children if c.idx < end and not c.is_space]
        determiners = [c for c in children if c.dep_ == "det"]
        # « le devis Dupont », "the issue 4512": a name or a number right after names it.
        following = next((t for t in a.doc[noun.i + 1 :] if not t.is_space), None)
        named = (
            following is not None
            and following.idx < end
            and following.pos_ in ("PROPN", "NOUN", "NUM")
        )
        if (
            determiners
            and not named
            and all(
                c.dep_ in _BARE_DEPS and (c.dep_ != "det" or c.lower_ in _POINTING)
                for c in children
            )
        ):
            start = min(c.idx for c in children if c.dep_ == "det")
            return start, noun.idx + len(noun.text), a.body[start : noun.idx + len(noun.text)]
        return None  # a noun with its own words, or an indefinite one, names something
    asks = [ask for ask in a.asks if ask.start < end]
    if asks:
        return asks[0].start, asks[0].end, asks[0].text
    return None


def _ignored_spans(a: Analysis, text: str) -> list[tuple[int, int]]:
    """Greetings, thanks and times: nouns there say nothing about the matter."""
    spans = [(h.start, h.end) for h in a.pack.lexicon("greetings").finditer(text)]
    spans += [(h.start, h.end) for h in a.pack.lexicon("courtesy").finditer(text)]
    if text is a.body:
        spans += [(t.start, t.end) for t in a.times if t.field == "body"]
    else:
        spans += [(t.start, t.end) for t in a.times if t.field == "subject"]
    return spans


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def unanchored_day(a: Analysis) -> tuple[int, int, str] | None:
    """A day pointed back at (« ce jour-là », "that day") when no day was named before it.

    The pack's ``day_anaphors.txt`` lists the phrases; the time parser reads
    them from the last day the text named, else from today, which a reader
    never takes them to mean. A message quoting its thread may have named the
    day there, and a chat answers the message before it: both are spared.
    """
    if a.message.quoted.strip() or a.kind == "chat":
        return None
    hits = a.pack.find("day_anaphors", a.body)
    if not hits:
        return None
    if any(t.field == "subject" and _names_day(t) for t in a.times):
        return None
    for hit in hits:
        if not any(t.field == "body" and t.end <= hit.start and _names_day(t) for t in a.times):
            return hit.start, hit.end, hit.text
    return None


def _names_day(t: object) -> bool:
    """A time expression that names a day or an hour, not a vague word or a duration."""
    from msglint.analysis.model import TimeExpr

    assert isinstance(t, TimeExpr)
    return (
        t.value is not None
        and not t.vague
        and t.kind in ("instant", "interval", "open_interval")
        and t.grain not in (None, "year", "month", "week")
    )
