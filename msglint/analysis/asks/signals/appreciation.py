"""A thing the writer welcomes, asked of the reader: "Your comments would be appreciated".

Read from the parse: a word of ``appreciated_words`` heading its clause (a passive
participle, an adjective or a noun after the copula), not negated, with a noun as
subject, and

- a conditional or future copula: "Your help would be appreciated", "any
  feedback will be welcome", « vos commentaires seraient appréciés », « toute aide
  sera la bienvenue »;
- or, in the present, anything the reader may give: "Any help you can give me is
  greatly appreciated", « toute aide est la bienvenue » ("Your cooperation is
  appreciated", "the gift was appreciated" thank; "the new office is welcome"
  states).

A word of ``required_words`` asks only for the reader's thing or anything, in the
present, the conditional or the future: "Your signature is required on page 2",
"your input is needed by Friday", « votre présence est souhaitée » ("more staff
will be needed" states).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.signals.wishes import heads_a_clause, negated, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.asks.lexicons import AskRules

_COPULA_DEPS = ("auxpass", "aux:pass", "cop", "aux")


def appreciation_signs(span: Span, rules: AskRules) -> list[tuple[int, str]]:
    """(character offset, "request") of each thing welcomed from the reader."""
    found = []
    for token in span:
        required = token.lower_ in rules.required_words
        if not (required or token.lower_ in rules.appreciated_words) or denied(token):
            continue
        subject = subject_of(token)
        if subject is None or subject.pos_ != "NOUN" or not heads_a_clause(token, span):
            continue
        copulas = [c for c in token.children if c.dep_ in _COPULA_DEPS]
        if not copulas:
            continue
        if required:
            asks = _readers_or_any(subject, rules) and (
                _present(copulas, rules) or _conditional_or_future(copulas, rules)
            )
        else:
            asks = _conditional_or_future(copulas, rules) or (
                _present(copulas, rules) and _readers_or_any(subject, rules, readers=False)
            )
        if asks:
            found.append((subject.left_edge.idx, "request"))
    return found


def denied(word: Token) -> bool:
    """A negation on the word: "neg" ("not required"), or a word of negative polarity
    (« n'est pas nécessaire », where the French parser says ``advmod``)."""
    return negated(word) or any("Neg" in c.morph.get("Polarity") for c in word.children)


def _conditional_or_future(copulas: list[Token], rules: AskRules) -> bool:
    """ "would be", "will be", « serait », « sera »."""
    future = rules.commitment_auxiliaries | rules.conditional_auxiliaries
    return any(
        c.lower_ in future or "Cnd" in c.morph.get("Mood") or "Fut" in c.morph.get("Tense")
        for c in copulas
    )


def _present(copulas: list[Token], rules: AskRules) -> bool:
    """ "is", "are", « est » alone: no modal, no past."""
    return all(
        "Pres" in c.morph.get("Tense") and c.lower_ not in rules.modal_auxiliaries for c in copulas
    )


def _readers_or_any(subject: Token, rules: AskRules, readers: bool = True) -> bool:
    """ "any help", « toute aide », and with ``readers`` "your help", « votre aide »."""
    return any(
        child.dep_ in ("det", "poss")
        and (
            child.lower_ in rules.any_words
            or (readers and child.lower_ in rules.reader_possessives)
        )
        for child in subject.children
    )
