"""Questions to the reader: inverted modals and auxiliaries, hyphenated clitic subjects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.symbols import AUX

from msglint.analysis.asks.signals.wishes import action
from msglint.analysis.asks.syntax import (
    CLAUSE_BREAKS,
    HYPHENS,
    SUBJECT_DEPS,
    clause_initial,
    perfect_modal,
    wh_word,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.asks.lexicons import AskRules


def inverted_to_reader(span: Span, rules: AskRules) -> list[tuple[Token, str]]:
    """Auxiliaries before a second-person subject at the start of a clause.

    A modal makes a request ("could you…", "can you…"); another auxiliary a
    question, even without its question mark ("do you know if…", "are you
    free on Monday").
    """
    found = []
    for token in span:
        modal = token.lower_ in rules.modals
        inverted = inverted_clitic(token, span, rules) if rules.uses("clitic_inversion") else None
        if inverted is not None:
            if clause_initial(token, span, rules):
                found.append((token, "request" if modal else inverted))
            continue
        if not (modal or token.pos == AUX) or not clause_initial(token, span, rules):
            continue
        if token.i > span.start and span.doc[token.i - 1].lower_ in rules.inversion_adverbs:
            continue  # "Not only will you save…": an inverted statement
        head = token.head if token.dep_.startswith("aux") else token
        if perfect_modal(head):
            continue  # "could you have sent it earlier?": a reproach, not a request
        for child in head.children:
            if (
                child.dep_ in SUBJECT_DEPS
                and child.i > token.i
                and child.lower_ in rules.second_person
            ):
                found.append((token, "request" if modal else "question"))
                break
    return found


def inverted_clitic(token: Token, span: Span, rules: AskRules) -> str | None:
    """ "question" or "imperative" when a verb is followed by a hyphenated reader pronoun.

    "Sais-tu si…", "Avez-vous reçu…" (an inverted subject: a question even without
    its question mark); "-vous" after an imperative ending is reflexive instead:
    "Inscrivez-vous avant vendredi", "Renseignez-vous auprès des RH".
    """
    i = token.i + 1
    if i >= span.end or token.is_punct:
        return None
    clitic = span.doc[i]
    if clitic.text[:1] not in HYPHENS or clitic.pos_ != "PRON":
        return None
    pronoun = clitic.lower_.lstrip("-‑")
    if pronoun not in rules.second_person or pronoun not in rules.inverted_subjects:
        return None
    # A participle, an infinitive or an adjective after the pronoun makes it a
    # subject ("Avez-vous reçu", "Êtes-vous disponible"), and so does a question
    # word before the verb ("Que pensez-vous…").
    after = span.doc[i + 1] if i + 1 < span.end else None
    subject = (after is not None and after.pos_ in ("VERB", "AUX", "ADJ")) or (
        token.i > span.start and wh_word(span.doc[token.i - 1], rules)
    )
    distinctive = tuple(ending for ending in rules.imperative_endings if len(ending) > 1)
    if not subject and token.lower_.endswith(distinctive) and token.pos != AUX:
        return "imperative"
    return "question"


def rhetorical(span: Span, rules: AskRules) -> bool:
    """A question that expects no answer, by its shape.

    - a perfect after a modal: "Who would have thought it?", "Should we have
      waited?" (said of the past);
    - a past copula asked about with "how" and nothing else: "How was the
      conference?", "How were the holidays?", "How did the trip go?" (courtesy:
      ``how_words``; "go" of ``going_verbs`` stands for the copula);
    - a question word before a bare verb: "Why wait?", « Pourquoi attendre ? »;
    - an exclamation about a thing: "How cool is that?" (a "how" on the
      adjective, a pronoun subject; "How big is the file?" asks);
    - a negated copula before a pronoun and an adjective: "Isn't that great?",
      "Wasn't it fun?", "Isn't it a beautiful day?", « N'est-ce pas génial ? » ("Isn't
      the meeting at 3?" asks, and so does an adjective judging an action, « N'est-il
      pas préférable d'attendre ? », or a conditional: « Ne serait-il pas mieux… »).
    """
    roots = [token for token in span if token.head.i == token.i or token.dep_ in ("ROOT", "root")]
    if len(roots) != 1:
        return False
    root = roots[0]
    if perfect_modal(root) or _courtesy(root, span, rules):
        return True
    if (
        _bare_verb(root, rules)
        and root.i > span.start
        and wh_word(span.doc[span.start], rules)
        and not any(
            (child.dep_ in SUBJECT_DEPS and child.i < root.i)
            or child.dep_ == "neg"
            or "Neg" in child.morph.get("Polarity")
            for child in root.children
        )
    ):
        # "Why wait?", "Why bother?" ("Why not meet on Friday?", « Pourquoi ne pas
        # demander à Paul ? » propose).
        return True
    subject = next((child for child in root.children if child.dep_ in SUBJECT_DEPS), None)
    adjective = next(
        (child for child in root.children if child.dep_ == "acomp" and child.pos_ == "ADJ"), None
    )
    if adjective is None:
        # "Isn't it a beautiful day?": the adjective qualifies the copula's noun.
        adjective = next(
            (
                grand
                for child in root.children
                if child.dep_ == "attr"
                and child.pos_ == "NOUN"
                and not any(grand.dep_ in ("acl", "relcl") for grand in child.children)
                for grand in child.children
                if grand.dep_ == "amod" and grand.pos_ == "ADJ"
            ),
            None,
        )
    copula = root
    if adjective is None and root.pos_ == "ADJ":
        # « N'est-ce pas génial ? »: the adjective heads the clause, its copula hangs on it
        # (not a conditional: « Ne serait-il pas préférable de… » proposes).
        cop = next((child for child in root.children if child.dep_ == "cop"), None)
        if cop is not None and "Cnd" not in cop.morph.get("Mood"):
            adjective, copula = root, cop
    if subject is None or adjective is None or not _pronoun_of_a_thing(subject):
        return False
    if any(wh_word(child, rules) and child.i < adjective.i for child in adjective.children):
        return True  # "How cool is that?"
    if any(child.dep_ == "xcomp" and action(child, rules) for child in adjective.children):
        return False  # « N'est-il pas préférable d'attendre ? »: it proposes
    negated = any(
        child.dep_ == "neg" or "Neg" in child.morph.get("Polarity") for child in root.children
    )
    return negated and copula.i < subject.i


def _bare_verb(verb: Token, rules: AskRules) -> bool:
    """A base form or an infinitive, or a present the tagger gave a subject after it with
    no auxiliary ("Why reinvent the wheel?", "wheel" read as the subject): a bare verb."""
    if verb.tag_ in rules.base_form_tags or "Inf" in verb.morph.get("VerbForm"):
        return True
    return (
        verb.tag_ in rules.present_tags
        and verb.lower_ == verb.lemma_.lower()
        and not any(child.dep_.startswith("aux") for child in verb.children)
        and all(child.i > verb.i for child in verb.children if child.dep_ in SUBJECT_DEPS)
    )


def _courtesy(root: Token, span: Span, rules: AskRules) -> bool:
    """ "How was the conference?": "how", a past copula, its subject and nothing else.

    The copula heads the clause ("was") or hangs on its noun (« Comment était
    la conférence ? », where the noun is the head); a past or an imperfect.
    """
    first = span.doc[span.start]
    if first.lower_ not in rules.how_words or first.head.i != root.i:
        return False
    if root.lemma_.lower() in rules.going_verbs:
        # "How did the presentation go?": the same courtesy, with "go" for the copula.
        copula = next((c for c in root.children if c.dep_.startswith("aux")), root)
        kept = SUBJECT_DEPS | {"aux"}
    elif root.pos_ == "AUX":
        copula, kept = root, SUBJECT_DEPS
    else:
        copula = next((child for child in root.children if child.dep_ == "cop"), None)
        kept = frozenset({"cop", "det"})
    if copula is None or not {"Past", "Imp"} & set(copula.morph.get("Tense")):
        return False
    others = [
        child
        for child in root.children
        if child.i != first.i and not child.is_punct and child.dep_ not in kept
    ]
    if others:
        return False
    return copula is not root or any(child.dep_ in SUBJECT_DEPS for child in root.children)


def _pronoun_of_a_thing(token: Token) -> bool:
    """ "that", "it", "this" (the small parser may tag "that" as an adverb)."""
    person = token.morph.get("Person")
    return token.pos_ in ("PRON", "DET", "ADV") and "1" not in person and "2" not in person


def unmarked_questions(span: Span, rules: AskRules) -> list[tuple[Token, str]]:
    """Yes/no questions by their word order, written without their question mark:
    an auxiliary or a modal opening the sentence (or a clause after a colon or a
    dash) before the subject of its main clause: "Is the meeting still on", "Does
    that work for you", "Can I get a copy of the report", "Quick question - do we
    have a budget for this". Not a conditional inversion ("Should you need
    anything, call me", "Had I known, …"), nor "Not only will you save…".

    Questions opened by a question word are left to their mark: without it, word
    order alone told questions from statements too poorly on Parakweet's tune part
    ("What time do you get home from school.", labelled not a request).
    """
    doc = span.doc
    found: list[tuple[Token, str]] = []
    # The sentence's start, and after a colon or a dash ("Quick question - do we…").
    starts = [span.start] + [t.i + 1 for t in span if t.text in CLAUSE_BREAKS]
    for first in starts:
        for token in doc[first : span.end]:
            if token.is_punct or token.is_space:
                continue
            if rules.uses("clitic_inversion") and _subject_clitic_after(token, span, rules):
                found.append((token, "question"))  # « Est-ce que… », « Puis-je avoir… »
                break
            if wh_word(token, rules):
                break  # a question word: read with its mark only (a free relative has none)
            if not (token.lower_ in rules.modals or token.pos == AUX):
                if token.pos_ in ("INTJ", "PROPN") or token.lower_ in rules.openers:
                    continue
                break
            set_off = first > span.start
            if _inverted_main(token, span, rules, set_off) and not _conditional_inversion(
                token, span
            ):
                found.append((token, "question"))
            break
    return found


def _subject_clitic_after(token: Token, span: Span, rules: AskRules) -> bool:
    """A hyphenated subject pronoun of ``inverted_subjects`` right after the word:
    « Est-ce que la réunion est maintenue », « Puis-je avoir une copie »,
    « Pourrait-on se voir jeudi » (an imperative's clitics are objects: « Dis-le »)."""
    nxt = token.i + 1
    if nxt >= span.end:
        return False
    clitic = span.doc[nxt]
    pronoun = clitic.lower_.lstrip("-‑")
    # (The reader's "-vous", "-tu" are read by ``inverted_clitic``: « Inscrivez-vous »,
    # « Rendez-vous confirmé » are no questions.)
    return (
        clitic.text[:1] in HYPHENS
        and pronoun in rules.inverted_subjects
        and pronoun not in rules.second_person
    )


def _conditional_inversion(aux: Token, span: Span) -> bool:
    """ "Should you need anything, call me", "Had I known, …": an inverted clause
    followed by a comma and another clause ("Should we wait, or cancel?" asks)."""
    doc = span.doc
    for i in range(aux.i + 1, span.end - 1):
        if doc[i].text == ",":
            return doc[i + 1].pos_ not in ("CCONJ",)
    return False


def _inverted_main(aux: Token, span: Span, rules: AskRules, set_off: bool = False) -> bool:
    """An auxiliary before the subject of the main clause it belongs to (or of a clause
    set off after a colon or a dash, which the parser may hang on the words before)."""
    if aux.i > span.start and span.doc[aux.i - 1].lower_ in rules.inversion_adverbs:
        return False
    head = aux.head if aux.dep_.startswith("aux") else aux
    main = head.dep_ in ("ROOT", "root") or head.head.i == head.i
    if perfect_modal(head) or not (main or (set_off and head.dep_ != "advcl")):
        return False
    return any(child.dep_ in SUBJECT_DEPS and child.i > aux.i for child in head.children)
