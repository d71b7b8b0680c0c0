"""Phrase signs: requests, proposals, needs, shared and ownerless asks (``phrases``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.clauses import deadline_in
from msglint.analysis.asks.syntax import (
    clause_verb,
    future_tense,
    named_agent,
    perfect_modal,
    subordinate,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

    from msglint.analysis.asks.lexicons import AskRules


def phrase_signs(
    doc: Doc,
    span: Span,
    flat: str,
    starts: list[int],
    to_raw: Callable[[int], int],
    start: int,
    rules: AskRules,
) -> list[tuple[int, str]]:
    """The phrases of the pack's sign lexicons starting a word, outside subordinate clauses.

    A phrase in a subordinate clause ("the people you should call", "if we need
    it", "sure to please everyone") asks nothing of anyone, nor one whose verb
    is a perfect after a modal ("you should have received it": said of the
    past), nor a passive that names its agent ("it needs to be reviewed by
    legal": a process described), nor an obligation of the writer's side or of no one in the future
    (« il faudra renouveler la licence », « on devra payer »: a statement), nor an
    obligation to be in a state without a deadline ("we need to be careful").
    """
    found = []
    for hit_start, hit_end, kind in rules.signs.hits(flat, starts):
        offset = start + to_raw(hit_start)
        verbs_only = kind in ("hedged", "request")
        obligation = kind in ("need", "we")
        if subordinate(doc, offset, span, rules, verbs_only, obligation):
            continue
        hit = doc.char_span(offset, start + to_raw(hit_end - 1) + 1, alignment_mode="expand")
        if kind == "request" and hit is not None and _inverted_statement(hit[0], span, rules):
            continue  # "Not only will you save money…": an inversion, not a question
        if obligation and hit is not None and _preposition_to(hit[-1], rules):
            continue  # "we have to many conflicting schedules": "to" before no verb
        verbs = [clause_verb(token) for token in hit] if hit is not None else []
        if any(perfect_modal(verb) for verb in verbs):
            continue
        if kind == "nobody" and any(
            named_agent(verb, rules.code) for verb in _with_complements(verbs)
        ):
            continue
        if kind == "nobody" and hit is not None and hit[-1].pos_ == "ADJ":
            continue  # "you must be tired": an adjective, not a passive ("must be fixed")
        future = any(
            future_tense(token, rules.commitment_auxiliaries)
            for token in [*(hit or ()), *verbs]
            if token.pos_ in ("VERB", "AUX")
        )
        if kind in ("nobody", "we") and future:
            continue
        if obligation and _expected_arrival(verbs, rules):
            continue  # "you should receive it tomorrow": expected, not asked
        if (
            obligation
            and hit is not None
            and _state_obliged(verbs)
            and not _deadline_after(doc, hit[-1], span, rules)
        ):
            # An obligation to be in a state ("we need to be careful", "you must be
            # busy") describes; with a deadline it asks ("you need to be ready by Friday").
            continue
        found.append((hit_start, kind))
    return found


def _expected_arrival(verbs: list[Token], rules: AskRules) -> bool:
    """A thing arriving, or news, under a modal of likelihood: "you should receive the
    invoice tomorrow", "we should hear back by Friday", "we should know more next week",
    « tu devrais recevoir la facture » (``arrival_verbs``; "should" of
    ``suggestion_modals``, or a modal verb in the conditional). Nobody can be asked to
    receive or to learn: it is expected."""
    for verb in verbs:
        modal = any(
            child.dep_.startswith("aux") and child.lower_ in rules.suggestion_modals
            for child in verb.children
        ) or (verb.lemma_.lower() in rules.modal_verbs and "Cnd" in verb.morph.get("Mood"))
        if not modal:
            continue
        actions = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
        if any(action.lemma_.lower() in rules.arrival_verbs for action in actions):
            return True
    return False


def _state_obliged(verbs: list[Token]) -> bool:
    """An obligation whose verb is a copula with an adjective: "need to be careful"."""
    for verb in verbs:
        if verb.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.pos_ == "ADJ" and not any(g.dep_ == "xcomp" for g in c.children)
            for c in verb.children
        ):
            return True  # "you must be very busy"
        for child in verb.children:
            if child.dep_ == "xcomp" and _predicate_of_state(child):
                return True  # « tu dois être fatigué », « vous devez être très occupés »
            if child.dep_ != "xcomp" or child.lemma_.lower() != "be":
                continue
            adjectives = [c for c in child.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
            if adjectives and not any(
                grand.dep_ == "xcomp" for a in adjectives for grand in a.children
            ):  # ("need to be able to attend" is an action)
                return True
    return False


def _predicate_of_state(predicate: Token) -> bool:
    """A predicate after a copula, in the universal scheme (French): an adjective
    with its ``cop`` (« être prêt »), or a participle with a passive auxiliary and
    nothing of its own but adverbs and circumstances (« être fatigué après le
    voyage », « être très occupés »; « être inscrit sur la liste par Paul » names
    an agent, « être capable de venir » an action)."""
    links = [c for c in predicate.children if c.dep_ in ("cop", "aux:pass")]
    if not links:
        return False
    if predicate.pos_ == "ADJ" and any(c.dep_ == "cop" for c in links):
        return not any(c.dep_ in ("xcomp", "ccomp", "obl:arg") for c in predicate.children)
    if predicate.pos_ != "VERB" or "Part" not in predicate.morph.get("VerbForm"):
        return False
    kept = ("advmod", "obl:mod", "punct", "aux:pass", "cop", "nsubj", "nsubj:pass")
    return all(c.dep_ in kept for c in predicate.children)


def _deadline_after(doc: Doc, token: Token, span: Span, rules: AskRules) -> bool:
    """A time that can be a deadline in the rest of the sentence (msglint's own time parser)."""
    rest = doc[token.i + 1 : span.end]
    return bool(len(rest)) and deadline_in(rest.text, rules)


def _inverted_statement(token: Token, span: Span, rules: AskRules) -> bool:
    """An auxiliary after an adverb that inverts a statement ("not only", "never")."""
    return token.i > span.start and token.doc[token.i - 1].lower_ in rules.inversion_adverbs


def _preposition_to(token: Token, rules: AskRules) -> bool:
    """An obligation's "to" the parser reads as a preposition, with no verb after it.

    "We have to many conflicting schedules" (a typo for "too"): nothing to do.
    """
    if token.lower_ not in rules.infinitive_markers or token.pos_ != "ADP":
        return False
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return nxt is None or nxt.pos_ not in ("VERB", "AUX")


def _with_complements(verbs: list[Token]) -> list[Token]:
    """The verbs and their verbal complements ("needs" and "to be reviewed")."""
    more = [child for verb in verbs for child in verb.children if child.dep_ == "xcomp"]
    return verbs + more
