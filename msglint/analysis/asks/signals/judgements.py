"""Asks made through a judgement or a noun of advice, read from the parse.

- **Necessity of a person's action**: a word of ``necessity_words`` after an
  impersonal copula in the present or the conditional, with a clause whose
  subject is the reader, "we", everyone or someone: "It is important that you
  attend", "it's critical that we fix this before Friday", « il est essentiel que
  chacun remplisse le formulaire » ("It was important that we met" recalls; "it is
  important to note that…" names no one).
- **The writer's advice as a noun**: a noun of ``suggestion_nouns`` with the
  writer's possessive (``writer_possessives``) as subject of a copula in the
  present or the conditional, and an action as its complement: "My suggestion
  would be to postpone the launch", "our proposal is that we meet on Monday",
  « ma suggestion serait de reporter le lancement ».
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.signals.appreciation import denied
from msglint.analysis.asks.signals.wishes import (
    action,
    heads_a_clause,
    subject_of,
)
from msglint.analysis.asks.syntax import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.asks.lexicons import AskRules


def judgement_signs(span: Span, rules: AskRules) -> list[tuple[int, str]]:
    """(character offset, kind) of each ask made through a judgement or advice noun."""
    found = []
    for token in span:
        lower = token.lower_
        if lower in rules.necessity_words:
            kind = _necessary_action(token, span, rules)
            if kind is not None:
                found.append((token.idx, kind))
        elif (
            token.lemma_.lower() in rules.suggestion_nouns
            and token.dep_ in SUBJECT_DEPS
            and _advised_action(token, span, rules)
        ):
            found.append((token.idx, "proposal"))
    return found


def _copula(word: Token) -> Token | None:
    """The copula of a judgement: its head ("is important", EN) or its ``cop`` child
    (« est important », FR)."""
    for child in word.children:
        if child.dep_ == "cop":
            return child
    head = word.head
    if word.dep_ in ("acomp", "attr") and head.i != word.i and head.lemma_.lower() in ("be",):
        return head
    return None


def _asking_tense(copula: Token, verb: Token, rules: AskRules) -> bool:
    """Present or conditional, never past nor perfect: "is", "would be", « est », « serait »."""
    tenses = copula.morph.get("Tense")
    if tenses and "Pres" not in tenses:
        return False  # "was", « était » (Tense=Imp), « fut »
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
    if copula.i != verb.i:
        auxiliaries += [c for c in copula.children if c.dep_.startswith("aux")]
    if any(aux.lemma_.lower() == "have" or "Past" in aux.morph.get("Tense") for aux in auxiliaries):
        return False
    return all(
        aux.lower_ in rules.conditional_auxiliaries or aux.lower_ in rules.suggestion_modals
        for aux in auxiliaries
        if aux.pos_ == "AUX" and aux.i != copula.i
    )


def _necessary_action(word: Token, span: Span, rules: AskRules) -> str | None:
    """ "need" (the reader's or everyone's action), "we" or "nobody", or None."""
    copula = _copula(word)
    if copula is None:
        return None
    clause = copula if copula.dep_ != "cop" else word
    if (
        not heads_a_clause(clause, span)
        or denied(clause)
        or not _asking_tense(copula, clause, rules)
    ):
        return None
    for complement in [*word.children, *clause.children]:
        if complement.dep_ != "ccomp" or denied(complement) or not action(complement, rules):
            continue
        if not any(child.dep_ == "mark" for child in complement.children):
            continue
        subject = subject_of(complement)
        if subject is None:
            continue
        if "2" in subject.morph.get("Person") or subject.lower_ in rules.group_readers:
            return "need"
        if "1" in subject.morph.get("Person") and "Plur" in subject.morph.get("Number"):
            return "we"
        if subject.lower_ in rules.joint_subjects:
            return "we"
        if subject.lower_ in rules.indefinite_agents:
            return "nobody"
    return None


def _writers(noun: Token, rules: AskRules) -> bool:
    """ "my suggestion", "our proposal", « ma suggestion »."""
    return any(
        child.dep_ in ("poss", "det") and child.lower_ in rules.writer_possessives
        for child in noun.children
    )


def _advised_action(noun: Token, span: Span, rules: AskRules) -> bool:
    """The writer's advice noun, subject of a copula in the present or the conditional,
    with an action as its complement ("…would be to postpone", "…is that we meet")."""
    if not _writers(noun, rules):
        return False
    head = noun.head
    if head.i == noun.i or denied(head) or not heads_a_clause(head, span):
        return False
    if head.lemma_.lower() in ("be", "être"):
        if not _asking_tense(head, head, rules):
            return False
        return any(
            child.dep_ in ("xcomp", "ccomp")
            and child.pos_ == "VERB"
            and not denied(child)
            and action(child, rules)
            for child in head.children
        )
    # « Ma recommandation est que nous reportions… »: the clause heads the copula.
    copula = next((c for c in head.children if c.dep_ == "cop"), None)
    return (
        copula is not None
        and _asking_tense(copula, copula, rules)
        and head.pos_ == "VERB"
        and any(c.dep_ == "mark" for c in head.children)
        and action(head, rules)
    )
