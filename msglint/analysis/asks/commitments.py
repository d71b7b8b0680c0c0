"""Commitments: what the writer promises to do ("I'll send the draft tonight").

Read from the parse: a first-person subject and an action in the future
("I will", "we'll", « je t'enverrai », a future tense) or "going to" (« je
vais »), in a main clause, not negated, in a sentence that is not an ask.
Languages declare the detector (``commitments`` in asks.toml) and the words
it reads (``commitment_auxiliaries``, ``going_verbs``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.classify import span_of
from msglint.analysis.asks.lexicons import rules_for
from msglint.analysis.asks.signals.wishes import action, heads_a_clause, negated, subject_of
from msglint.analysis.model import Commitment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from msglint.analysis.asks.lexicons import AskRules
    from msglint.analysis.model import Ask, Sentence
    from msglint.lang import LanguagePack


def find_commitments(
    doc: Doc, sentences: list[Sentence], pack: LanguagePack, asks: list[Ask]
) -> list[Commitment]:
    """The writer's promises, at most one per sentence, never in a sentence that asks."""
    rules = rules_for(pack)
    if not rules.uses("commitments"):
        return []
    asking = {ask.sentence for ask in asks}
    found = []
    for index, sentence in enumerate(sentences):
        if index in asking or sentence.is_heading or sentence.is_question:
            continue
        span = span_of(doc, sentence)
        if span is not None and any(_promised(token, span, rules) for token in span):
            found.append(Commitment(sentence.text, sentence.start, sentence.end, index))
    return found


def _promised(verb: Token, span: Span, rules: AskRules) -> bool:
    if verb.pos_ != "VERB" or negated(verb) or not action(verb, rules):
        return False
    subject = subject_of(verb)
    auxiliaries = [child for child in verb.children if child.dep_.startswith("aux")]
    future = "Fut" in verb.morph.get("Tense") or any(
        aux.lower_ in rules.commitment_auxiliaries for aux in auxiliaries
    )
    if future:
        return _writer(subject) and heads_a_clause(verb, span)
    going = verb.head
    return (
        verb.dep_ == "xcomp"
        and going.lemma_.lower() in rules.going_verbs
        and not negated(going)
        and _writer(subject_of(going))
        and heads_a_clause(going, span)
    )


def _writer(subject: Token | None) -> bool:
    return subject is not None and "1" in subject.morph.get("Person")
