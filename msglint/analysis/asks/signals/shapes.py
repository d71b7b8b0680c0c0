"""Imperatives the tagger misses, recognised by the verb form's shape (``shaped_imperatives``).

The French small pipeline tags most imperatives as nouns: a clause opening
with a form that has an imperative ending ("Vérifiez", "Envoie-moi", "N'oublie
pas"), checked against the pipeline's own verb tables, is one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.symbols import VERB

from msglint.analysis.asks.syntax import (
    CLAUSE_DEPS,
    HYPHENS,
    NEVER_VERBS,
    SUBJECT_DEPS,
    clause_starts,
    first_content,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from msglint.analysis.asks.lexicons import AskRules
    from msglint.analysis.asks.verbs import VerbTables


def shaped_imperatives(
    span: Span, rules: AskRules, verbs: VerbTables | None
) -> list[tuple[int, str]]:
    """Imperatives the parser missed, recognised by the shape of the verb form."""
    doc = span.doc
    found = []
    for first in clause_starts(span, rules):
        i = first
        # Skip openers ("alors", "aussi", "stp") and punctuation.
        while i < span.end and (
            doc[i].is_punct or doc[i].lower_ in rules.openers or doc[i].is_space
        ):
            i += 1
        if i >= span.end or _after_incise(doc, i, span):
            continue
        negated = False
        if doc[i].lower_ in rules.negation_prefixes:  # "n'", "ne"
            negated = True
            i += 1
            if i >= span.end:
                continue
        verdict = _verb_shape(doc, i, span, rules, verbs, negated)
        if verdict is None or _subject_of_a_verb(doc[i], span):
            continue
        if not _shares_a_subject(doc[i], first, span, rules):
            found.append((doc[i].idx, "imperative-we" if verdict == "we" else "imperative"))
    return found


def _subject_of_a_verb(token: Token, span: Span) -> bool:
    """A name or noun the parser makes the subject of a finite verb after it.

    "Marie a demandé si nous pouvions…", "Marie a appelé ce matin": « Marie »
    has the shape of an imperative (« marie », of « marier »), but an imperative
    is never the subject of another verb. Only a finite verb counts, or a
    participle with a finite auxiliary (« a demandé »), not a verb in an
    imperative's own clause.
    """
    if token.dep_ not in SUBJECT_DEPS or token.pos_ in ("VERB", "AUX"):
        return False
    head = token.head
    if head.i <= token.i or not span.start <= head.i < span.end:
        return False
    if any(t.is_punct for t in token.doc[token.right_edge.i + 1 : head.i]):
        return False  # set off by a comma: a vocative or a clause of its own (« Vas-y, valide… »)
    if head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return False
    finite = [head, *(c for c in head.children if c.dep_.startswith(("aux", "cop")))]
    return any("Fin" in word.morph.get("VerbForm") for word in finite)


def _shares_a_subject(token: Token, clause_start: int, span: Span, rules: AskRules) -> bool:
    """A verb after « et » that takes the subject of the clause before it.

    "Elle fait cent lignes et touche le module": « touche » is a present, not
    an imperative. The parser either coordinates it with a verb that has the
    subject, or hangs it elsewhere and tags it third-person indicative.
    """
    before = token.doc[token.i - 1] if token.i > span.start else None
    if before is not None and before.lower_ in rules.result_coordinators:
        return False  # « je suis absent donc appelle-moi »: a clause of its own
    after = token.doc[token.i + 1] if token.i + 1 < span.end else None
    if after is not None and after.text[:1] in HYPHENS and after.lower_[1:] in rules.clitics:
        return False  # « Le fichier est vide, appelle-moi »: an object clitic after the verb
    head = token.head
    if (
        token.dep_ == "conj"
        and head.i < token.i
        and any(child.dep_ in SUBJECT_DEPS for child in head.children)
    ):
        return True
    morph = token.morph
    # (A subject inside a fronted condition is its own: « Si le fichier est vide,
    # appelle-moi » shares nothing.)
    return (
        clause_start > span.start
        and "3" in morph.get("Person")
        and "Ind" in morph.get("Mood")
        and any(
            t.dep_ in SUBJECT_DEPS and not any(c.dep_ == "mark" for c in t.head.children)
            for t in token.doc[span.start : token.i]
        )
    )


def _after_incise(doc: Doc, i: int, span: Span) -> bool:
    """True when a name opening the sentence is cut from the word at ``i`` by an incise.

    A vocative comes right before its imperative ("Paul, vérifie la salle"); a name
    followed by a phrase between commas is the subject ("Paul, de son côté, trouve
    que…").
    """
    first = span.start
    while first < i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if doc[first].pos_ != "PROPN":
        return False
    commas = sum(1 for token in doc[first:i] if token.text == ",")
    return commas >= 2 and not any(token.pos_ in ("VERB", "AUX") for token in doc[first:i])


def _verb_shape(
    doc: Doc, i: int, span: Span, rules: AskRules, verbs: VerbTables | None, negated: bool
) -> str | None:
    """ "reader" or "we" when the token at ``i`` is shaped like an imperative, else None."""
    token = doc[i]
    form = token.lower_
    clitic = doc[i + 1] if i + 1 < span.end else None
    if clitic is not None and clitic.text == ":":
        return None  # a label, not a verb: « Missions : gérer l'équipe… », « Note : … »
    if clitic is not None and clitic.text in HYPHENS:
        clitic = doc[i + 2] if i + 2 < span.end else None
        nxt_text = "-" + clitic.lower_ if clitic is not None else ""
    else:
        nxt_text = clitic.lower_ if clitic is not None else ""
    # The tokenizer keeps a verb and several clitics in one token ("dites-le-moi"):
    # only a verb takes them.
    head, hyphen, tail = form.replace("‑", "-").partition("-")
    joined = bool(hyphen and head and all(part in rules.clitics for part in tail.split("-")))
    if joined:
        form, nxt_text = head, "-" + tail.split("-")[0]
    if not form.isalpha() or form in rules.subject_pronouns:
        return None
    we = "we" if form.endswith(rules.we_imperative_endings) else "reader"
    if nxt_text[:1] in HYPHENS:
        # "envoie-moi", "signe-le", "donne-m'en" (but "peux-tu", "pouvez-vous": a
        # question, see ``questions.inverted_clitic``).
        pronoun = nxt_text[1:].lstrip("-‑")
        if pronoun not in rules.clitics or pronoun in rules.inverted_subjects:
            return None
        if verbs is None or verbs.is_verb_form(form) or verbs.usual_lemma_is_verb(form):
            return we
        pronoun_token = joined or (clitic is not None and clitic.pos_ == "PRON")
        if pronoun_token and form.endswith(rules.imperative_endings + rules.we_imperative_endings):
            return we
        return None
    if form in rules.not_imperative or nxt_text in rules.subject_pronouns:
        return None
    if token.pos_ in NEVER_VERBS:
        return None  # "plus basse que prévu": an adverb, whatever its lookup lemma
    morph = token.morph
    if "Imp" in morph.get("Mood"):
        return we
    # A form that is also a noun ("note", "reste") is taken as a verb only when
    # its usual reading is one, when it is irregular ("fais", "mets"), when its
    # ending is distinctive ("-ez") or after a negation ("n'oublie pas").
    distinctive = tuple(ending for ending in rules.imperative_endings if len(ending) > 1)
    if not form.endswith(distinctive + rules.we_imperative_endings):
        if "Part" in morph.get("VerbForm"):
            return None  # "mise en place en trois semaines", "facturés au cabinet"
        if token.pos_ in ("NOUN", "PROPN") and any(
            child.dep_ in ("amod", "nummod", "det") for child in token.children
        ):
            return None  # a noun with its own modifiers: "Ressources humaines", "Paie 2027"
    if verbs is None or (negated and nxt_text not in rules.negation_words):
        return None
    if (
        rules.infinitive_endings
        and i == first_content(span, rules)
        and form.endswith(rules.infinitive_endings)
        and (token.pos_ == "VERB" or verbs.is_verb_form(form))
    ):
        return "reader"  # a to-do line: "Valider le devis avant vendredi."
    if not form.endswith(rules.imperative_endings + rules.we_imperative_endings):
        return None
    if verbs.irregular(form) or verbs.usual_lemma_is_verb(form):
        return we
    if (negated or form.endswith(distinctive)) and verbs.is_verb_form(form):
        return we
    # A finite verb heading its clause with no subject: only an imperative has
    # none ("Indique le nom du client", which the tagger reads as a subjunctive).
    if (
        token.pos == VERB
        and "Fin" in morph.get("VerbForm")
        and token.dep_ in CLAUSE_DEPS
        and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
    ):
        return we
    return None
