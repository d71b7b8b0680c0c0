"""Facts read from the dependency parse, computed on demand and kept on the Analysis.

Passive constructions, coordinated items and an opening pronoun are each used
by one rule, so they are computed the first time that rule asks and cached in
``Analysis.extra``: a run that does not select the rule does not pay for it.
Labels cover both pipelines: English (ClearNLP style: ``auxpass``,
``nsubjpass``, chained ``conj``) and French (Universal Dependencies:
``aux:pass``, ``nsubj:pass``, ``conj`` attached to the first item).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msglint.text import count_words

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis, Sentence

_PASSIVE_AUX = {"auxpass", "aux:pass"}
_PASSIVE_SUBJ = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
_OPENING_PRONOUNS = {"en": {"this", "that"}, "fr": {"ça", "cela", "ceci"}}
_MAX_ITEM_WORDS = 15
_OBJECT_DEPS = {"dobj", "pobj", "obj", "obl", "obl:arg", "obl:mod", "iobj"}


def passive_spans(a: Analysis) -> list[tuple[int, int, str]]:
    """(start, end, verb) of each passive verb group, stative participles excluded."""
    cached = a.extra.get("passives")
    if cached is not None:
        return cached
    found: list[tuple[int, int, str]] = []
    if a.doc is not None:
        exceptions = a.pack.words("passive_exceptions")
        for token in a.doc:
            if token.dep_ not in _PASSIVE_AUX:
                continue
            verb = token.head
            if verb.lemma_.lower() in exceptions or verb.text.lower() in exceptions:
                continue
            group = [token, verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
            start = min(t.idx for t in group)
            end = max(t.idx + len(t.text) for t in group)
            if not found or found[-1][0] != start:
                found.append((start, end, verb.text))
    a.extra["passives"] = found
    return found


def _conj_closure(token) -> list:  # type: ignore[no-untyped-def]
    items = [token]
    frontier = [token]
    while frontier:
        current = frontier.pop()
        for child in current.children:
            if child.dep_ == "conj":
                items.append(child)
                frontier.append(child)
    return items


def coordinated_items(a: Analysis, sentence: Sentence) -> list[int]:
    """Word counts of the items of the largest enumeration in ``sentence`` (empty if none).

    Two readings, the longer wins: the parse (``conj`` chains; an item's words
    are its subtree minus the other items' subtrees, so "update the page,
    send the contract and book the room" gives [3, 3, 3]) and the surface
    ("A, B and C" with the pack's ``list_conjunctions.txt``), which catches
    lists the small pipelines misparse.
    """
    surface = _surface_items(a, sentence.text)
    parsed = _parsed_items(a, sentence)
    return parsed if len(parsed) >= len(surface) else surface


def _surface_items(a: Analysis, text: str) -> list[int]:
    """Word counts of the items of an "A, B(,) and C" run, or [] when there is none."""
    conjunctions = a.pack.lexicon("list_conjunctions")
    pronouns = a.pack.words("subject_pronouns")
    best: list[int] = []
    for hit in conjunctions.finditer(text):
        tail = re.split(r"[,;:.!?()]", text[hit.end :], maxsplit=1)[0]
        first = re.match(r"\s*([^\W\d_]+)", tail)
        if first is None or first.group(1).lower() in pronouns:
            continue  # "…, and we will fix it" joins clauses, not items
        chunks = re.split(r"[,;]", text[: hit.start].rstrip().rstrip(","))
        items = [count_words(tail)]
        for chunk in reversed(chunks):
            words = count_words(chunk)
            if not words:
                break
            # The first item often shares its chunk with the lead-in clause
            # ("we need the numbers, the slides and the contract"): count it.
            items.append(min(words, _MAX_ITEM_WORDS))
            if words > _MAX_ITEM_WORDS:
                break
        if len(items) >= 3 and len(items) > len(best):
            best = list(reversed(items))
    return best


def _parsed_items(a: Analysis, sentence: Sentence) -> list[int]:
    if a.doc is None:
        return []
    span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return []
    best: list[int] = []
    for token in span:
        if token.dep_ == "conj":
            continue
        items = _conj_closure(token)
        if len(items) < 3 or len(items) <= len(best):
            continue
        subtrees = {item.i: {t.i for t in item.subtree} for item in items}
        counts = []
        for item in items:
            own = set(subtrees[item.i])
            for other in items:
                if other.i != item.i and other.i in subtrees[item.i]:
                    own -= subtrees[other.i]
            words = [a.doc[i].text for i in sorted(own) if a.doc[i].dep_ not in ("cc", "punct")]
            counts.append(count_words(" ".join(words)))
        best = counts
    return best


def opening_pronoun(a: Analysis) -> tuple[int, int, str] | None:
    """A bare demonstrative pronoun in the first sentence past the greeting, if any."""
    if a.doc is None or not a.sentences or a.kind == "chat":
        return None  # a chat message answers the one before it: "ça" has a referent
    pronouns = _OPENING_PRONOUNS.get(a.language, set())
    greeting = a.pack.lexicon("greetings")
    for sentence in a.sentences[:2]:
        if greeting.search(sentence.text) and sentence.words <= 4:
            continue
        span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            return None
        for token in span:
            if token.lower_ not in pronouns or token.pos_ != "PRON" or token.lower_ == "it":
                continue
            if _is_relative(token):
                continue  # "the slides that explain the plan": "that" has its noun
            if token.dep_ in _OBJECT_DEPS or sentence.is_question:
                return token.idx, token.idx + len(token.text), token.text
        return None
    return None


def _is_relative(token) -> bool:  # type: ignore[no-untyped-def]
    """A relative pronoun ("the slides that explain…"): it points at the noun before it."""
    return (
        token.tag_ == "WDT"
        or "Rel" in token.morph.get("PronType")
        or token.head.dep_ in ("relcl", "acl:relcl")
    )


def _is_past_group(verb) -> bool:  # type: ignore[no-untyped-def]
    """True when a verb and its auxiliaries are in a past tense (simple or compound)."""
    morph = verb.morph
    if "Fin" in morph.get("VerbForm") and (
        "Past" in morph.get("Tense") or "Imp" in morph.get("Tense")
    ):
        return True
    auxiliaries = [
        c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "auxpass")
    ]
    finite_past = [
        aux
        for aux in auxiliaries
        if "Fin" in aux.morph.get("VerbForm") and set(aux.morph.get("Tense")) & {"Past", "Imp"}
    ]
    if finite_past:
        return True  # « était à rendre », "was sent", "had to send"
    if "Part" not in morph.get("VerbForm") or not auxiliaries:
        return False
    if any("Inf" in aux.morph.get("VerbForm") or aux.tag_ == "MD" for aux in auxiliaries):
        return False  # "doit être envoyé", "will be sent"
    finite = [aux for aux in auxiliaries if "Fin" in aux.morph.get("VerbForm")]
    if any("Fut" in aux.morph.get("Tense") for aux in finite):
        return False  # "sera envoyé"
    # "a été envoyé", "was sent", "had sent"; but "is sent" is present passive.
    return any(
        "Past" in aux.morph.get("Tense") or "Imp" in aux.morph.get("Tense") or aux.lemma_ == "avoir"
        for aux in finite
    )


def in_past_tense(a: Analysis, offset: int) -> bool:
    """True when the verb governing the word at ``offset`` is in a past tense.

    "The invoice was due on 30 November" and « le devis a été validé le 3 »
    talk about the past; "Please send it by 30 November" does not.
    """
    if a.doc is None:
        return False
    span = a.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
            break
        token = token.head
    if token.pos_ == "AUX" and token.head is not token and token.dep_ != "ROOT":
        token = token.head
    for _ in range(4):
        # « était à rendre le 30 », "was supposed to send it by": the tense is
        # carried by the verb the infinitive depends on.
        if "Inf" not in token.morph.get("VerbForm") or token.head is token:
            break
        if any(c.dep_ in ("cop", "aux", "aux:tense") for c in token.children):
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    if _is_past_group(token):
        return True
    copulas = [c for c in token.children if c.dep_ == "cop"]
    return any("Past" in c.morph.get("Tense") or "Imp" in c.morph.get("Tense") for c in copulas)
