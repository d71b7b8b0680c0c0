"""Polite requests put as a condition: "if you could send it, I'd be grateful".

The reader's action sits in a conditional clause ("if" + the reader + a modal
+ an action) and the main clause is the writer's gratitude or a judgement
under a conditional or future modal: "we would be most grateful if you could
nominate a delegate", "if you could leave the number, I'll be forever
indebted", "if you can get away, that would be awesome". Read from the parse:
no adjective or phrase list, so "eternally indebted" and "most obliged" count
alike.

A verb of the outcome with the situation as subject counts too: "it would help a lot
if you could send the numbers", "that would save us time if you could…".

Not requests: a main clause about the reader ("if you can get through it in
five minutes, you are quicker than I"), a condition on the reader's wish or
state ("if you would like to discuss it", "if you could be there"; wishes are
``wish_conditions``), a main clause without a modal ("if you can come, great").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.signals.wishes import (
    action,
    heads_a_clause,
    negated,
    subject_of,
)
from msglint.analysis.asks.syntax import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.asks.lexicons import AskRules


def conditional_request_signs(span: Span, rules: AskRules) -> list[tuple[int, str]]:
    """(character offset, "request") of each reader's action asked as a condition."""
    found = []
    for token in span:
        if token.dep_ != "advcl" or token.pos_ != "VERB" or negated(token):
            continue
        main = token.head
        if not span.start <= main.i < span.end or main.i == token.i:
            continue
        if _reader_condition(token, rules) and _writer_outcome(main, span, rules):
            mark = next(child for child in token.children if child.dep_ == "mark")
            found.append((mark.idx, "request"))
    return found


def _auxiliaries(verb: Token) -> list[Token]:
    return [child for child in verb.children if child.dep_.startswith("aux")]


def _reader_condition(verb: Token, rules: AskRules) -> bool:
    """ "if you could leave the number": the reader, a modal, an action."""
    if not any(
        child.dep_ == "mark" and child.i < verb.i and child.lower_ in rules.condition_marks
        for child in verb.children
    ):
        return False
    subject = subject_of(verb)
    if subject is None or "2" not in subject.morph.get("Person"):
        return False
    auxiliaries = _auxiliaries(verb)
    return (
        any(aux.lower_ in rules.modal_auxiliaries for aux in auxiliaries)
        and not any(aux.lemma_.lower() == "have" for aux in auxiliaries)
        and action(verb, rules)
    )


def _writer_outcome(verb: Token, span: Span, rules: AskRules) -> bool:
    """ "I'd be grateful", "I'll be indebted", "that would be awesome": a copula (or a
    wish of things, "I would appreciate it") of the writer or of the situation,
    under a conditional or future modal, heading the sentence."""
    if negated(verb) or not heads_a_clause(verb, span):
        return False
    lemma = verb.lemma_.lower()
    subject = subject_of(verb)
    if lemma != "be" and lemma not in rules.wished_things and not _situation(subject):
        return False
    modals = rules.conditional_auxiliaries | rules.commitment_auxiliaries
    if not any(aux.lower_ in modals for aux in _auxiliaries(verb)):
        return False
    # The reader's own state is no request: "if you can, you would be better off".
    return subject is not None and "2" not in subject.morph.get("Person")


def _situation(subject: Token | None) -> bool:
    """ "it", "that": the situation as the subject of any verb of the outcome ("it would
    help a lot if you could…", "that would save us time if you could…")."""
    if subject is None or subject.pos_ != "PRON":
        return False
    morph = subject.morph
    person = morph.get("Person")
    return (
        "1" not in person
        and "2" not in person
        and ("Neut" in morph.get("Gender") or "Dem" in morph.get("PronType"))
    )


def writer_offer(span: Span, text: str, starts: list[int], rules: AskRules) -> bool:
    """The writer offers themselves on the reader's need or wish: "I'm available at
    11:45 if you'd like to talk", "I can be reached at 555-0100 if you want to discuss
    it", « si tu veux en parler, je suis disponible ». A courtesy invitation (nothing
    asked), never one of automated mail ("to unsubscribe…", ``mail_conditions``)."""
    if not any(_offering(token, rules) for token in span):
        return False
    offers = rules.offer_conditions.hits(text, starts)
    if any(kind == "automated" for _, _, kind in offers):
        return False
    tokens = dict(zip(starts, list(span)[len(span) - len(starts) :], strict=True))
    conditions = [tokens[hit] for hit, _, _ in offers + rules.wish_conditions.hits(text, starts)]
    # A condition, not an embedded question: "see if you'd like to schedule a time".
    return any(word.dep_ != "mark" or word.head.dep_ == "advcl" for word in conditions)


def _offering(token: Token, rules: AskRules) -> bool:
    """The writer as the subject of a main verb: "I'm available", « je suis là »."""
    if token.dep_ not in SUBJECT_DEPS or token.lower_ not in rules.writer_pronouns:
        return False
    verb = token.head
    # "I can't make it if…"; "if I can help…" is the condition itself.
    return not negated(verb) and not any(
        child.dep_ == "mark" and child.lower_ in rules.condition_marks for child in verb.children
    )
