"""Asks read from the parse rather than phrases: wishes, joint proposals, ownerless asks.

- ``wishes``: a first-person subject, a wish verb of ``[wishes]`` in a form
  that asks (conditional, present, progressive), and the reader's action or
  thing: "I'd like you to join", "I hope you will attend", "I would
  appreciate your comments", "I'd like to ask you to present…" (a wish verb
  in the complement counts again), "I'd like to go over it with you".
- ``joint_proposals``: "we" + a suggestion modal + any adverbs + an action:
  "we could maybe go over it on Thursday".
- ``ownerless``: an indefinite agent with a suggestion modal ("someone should
  probably check") or a "worth" frame ("it might be worth someone checking").

A negated verb, a state ("I hope you are well", "we might be late") or a verb
in a subordinate clause asks nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.clauses import deadline_in
from msglint.analysis.asks.syntax import (
    CLAUSE_DEPS,
    SEPARATORS,
    SUBJECT_DEPS,
    after_separator,
    doc_text,
    perfect_modal,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.asks.lexicons import AskRules
    from msglint.analysis.asks.verbs import VerbTables

# (« je t'invite… »: the small French parser reads the clitic as a reflexive "expl:pass".)
_OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "iobj", "expl:comp", "expl:pass"})
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
_NOUNS = ("NOUN", "PROPN")


def _person(token: Token, person: str) -> bool:
    return person in token.morph.get("Person")


def _reader(token: Token, rules: AskRules) -> bool:
    """The reader: a second-person pronoun (by its features or, where the tagger errs,
    by ``second_person``), "both of you", "each of you", or a word of ``group_readers``
    ("everyone": the reader among others)."""
    if _person(token, "2") or token.lower_ in rules.group_readers:
        return True
    if token.lower_ in rules.second_person:
        return True  # « je te demande de… », "te" read as a first person
    return any(
        child.dep_ == "prep"
        and any(grand.dep_ == "pobj" and _person(grand, "2") for grand in child.children)
        for child in token.children
        if child.i > token.i
    )


def _readers_own(token: Token) -> bool:
    """A noun the reader owns: "your comments", « vos commentaires » (a possessive
    determiner of the second person)."""
    return any(
        (child.dep_ == "poss" or "Yes" in child.morph.get("Poss")) and _person(child, "2")
        for child in token.children
    )


def subject_of(verb: Token) -> Token | None:
    return next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)


def negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def heads_a_clause(token: Token, span: Span) -> bool:
    """The head of a main clause of the span (or coordinated with one).

    The complement of the writer's present opinion counts ("I think we should
    discuss it", "I guess you could call him"): the opinion only softens it.
    """
    while token.dep_ == "conj" and token.head.i != token.i and token.head.i >= span.start:
        token = token.head
    if token.dep_ in CLAUSE_DEPS or token.head.i < span.start or token.head.i >= span.end:
        return True
    return token.dep_ == "ccomp" and (
        _writer_opinion(token.head, span) or _comma_splice(token, span)
    )


def _comma_splice(clause: Token, span: Span) -> bool:
    """A clause with its own subject, set off by a separator and hung on a verb with
    none: "Mark, note the feedback, it is imperative that we…", "…, my suggestion
    would be to…; however, given the time…" (no one says it: not reported speech)."""
    head = clause.head
    edge = clause.left_edge
    if not (
        (after_separator(clause, span) or (edge.is_punct and edge.text in SEPARATORS))
        and subject_of(clause) is not None
        and not any(child.dep_ == "mark" for child in clause.children)
        and head.pos_ in ("VERB", "AUX")
    ):
        return False
    subject = subject_of(head)
    # (A name set off by a comma is the reader called, not a subject: "Mark, note…")
    return subject is None or (
        subject.pos_ == "PROPN" and subject.i + 1 < head.i and subject.doc[subject.i + 1].is_punct
    )


def _writer_opinion(verb: Token, span: Span) -> bool:
    """ "I think", "I believe": a present of the writer heading the sentence (or a clause
    coordinated with its head: "I know it's a pain, but I think there would be value
    in…"), not negated."""
    subject = subject_of(verb)
    main = verb
    while main.dep_ == "conj" and main.head.i != main.i and main.head.i >= span.start:
        main = main.head
    return (
        subject is not None
        and _person(subject, "1")
        and "Sing" in subject.morph.get("Number")
        and "Pres" in verb.morph.get("Tense")
        and not negated(verb)
        and (main.dep_ in CLAUSE_DEPS or main.head.i == main.i)
        and not any(child.dep_ in _OBJECT_DEPS for child in verb.children)
    )


def _form(verb: Token, rules: AskRules, lemma: str | None = None) -> str | None:
    auxiliaries = [child for child in verb.children if child.dep_.startswith("aux")]
    if (
        any(aux.lower_ in rules.conditional_auxiliaries for aux in auxiliaries)
        or "Cnd" in verb.morph.get("Mood")
        or _conditional_form(verb.lower_, lemma or verb.lemma_.lower(), rules)
    ):
        return "conditional"
    if "Prog" in verb.morph.get("Aspect") and any(
        aux.lemma_.lower() == "be" for aux in auxiliaries
    ):
        return "progressive"  # "I was hoping you could…", "we're hoping you'll…"
    subject = subject_of(verb)
    if subject is not None and any(
        aux.lower_ in rules.modal_auxiliaries and aux.i < subject.i for aux in auxiliaries
    ):
        return "conditional"  # "Can I ask you to review it", "May I invite you to…"
    finite = "Fin" in verb.morph.get("VerbForm")
    if not finite or not all(aux.lemma_.lower() == "do" for aux in auxiliaries):
        return None
    if "Pres" in verb.morph.get("Tense"):
        return "present"
    # "I wanted to ask you to…": a simple past softening a present wish.
    return "past" if "Past" in verb.morph.get("Tense") and not auxiliaries else None


def _conditional_form(form: str, lemma: str, rules: AskRules) -> bool:
    """A one-word conditional built on the infinitive: « aimerions » (aimer),
    « prendrais » (prendre), whatever mood the tagger gave it."""
    stems = (lemma, lemma[:-1]) if lemma.endswith("e") else (lemma,)
    return any(form == stem + ending for stem in stems for ending in rules.conditional_endings)


def action(verb: Token, rules: AskRules) -> bool:
    """A verb of action: not a state, unless the state opens onto one ("be able to attend")."""
    if verb.lemma_.lower() not in rules.state_verbs:
        return True
    return any(
        child.dep_ in ("acomp", "xcomp") and any(c.dep_ == "xcomp" for c in child.children)
        for child in verb.children
    )


def _wanted_of_reader(
    verb: Token,
    rules: AskRules,
    modal: bool,
    verbs: VerbTables | None,
    depth: int = 0,
    relayed: bool = False,
) -> str | None:
    """ "request" when the wish's complement is the reader's action or thing, "proposal"
    when it is an action with the reader ("to go over it with you"), else None.

    ``relayed``: the wish is someone else's ("Ben wants you to call him"); only
    the reader's own action counts then.
    """
    # The wish's lemma, from the verb tables where the lemmatizer left the form (« invite »).
    wished = _wish_of(verb, rules, verbs) or verb.lemma_.lower()
    objects = [child for child in verb.children if child.dep_ in _OBJECT_DEPS]
    complements = [child for child in verb.children if child.dep_ in _COMPLEMENT_DEPS]
    # "to check in and ask you to begin": a complement coordinated with the first.
    complements += [
        child
        for complement in complements
        for child in complement.children
        if child.dep_ == "conj" and child.pos_ == "VERB" and subject_of(child) is None
    ]
    for obj in objects:
        if _reader(obj, rules) and (complements or _infinitive_within(obj)):
            return "request"  # "invite you to submit", "ask you to keep"
        if not relayed and _reader(obj, rules) and _sent_somewhere(verb, wished, rules):
            return "request"  # "invite you to our kickoff"
        if relayed:
            continue  # only the reader's own action is relayed: "Ben wants you to call"
        if not modal and _readers_own(obj):
            return "request"  # "your comments"
        if depth == 0 and wished in rules.wished_things and obj.pos_ == "NOUN":
            return "request"  # "we'd appreciate a quick reply"
        if any(
            child.dep_ in ("acl", "relcl") and _with_reader(child, rules) and action(child, rules)
            for child in obj.children
        ):
            return "proposal"  # "we would like the opportunity to meet with you"
    # "I'd love for you to take the lead": a clause with its own marker and subject.
    complements += [
        child
        for child in verb.children
        if child.dep_ == "advcl"
        and any(grand.dep_ == "mark" and grand.i < child.i for grand in child.children)
        and any(grand.dep_ == "aux" and grand.pos_ == "PART" for grand in child.children)
    ]
    # "I'd love it if you could join us": a pronoun object that the condition spells out.
    if any(obj.pos_ == "PRON" and not _reader(obj, rules) for obj in objects):
        complements += [
            child
            for child in verb.children
            if child.dep_ == "advcl"
            and any(
                grand.dep_ == "mark" and grand.lower_ in rules.condition_marks
                for grand in child.children
            )
        ]
    for complement in complements:
        if negated(complement) or not _verb(complement, verbs):
            continue
        subject = subject_of(complement)
        if _reader_subject(complement, subject, rules):
            if not action(complement, rules):
                continue
            if (
                modal
                and "Fut" not in complement.morph.get("Tense")
                and not any(
                    child.dep_.startswith("aux") and child.lower_ in rules.modal_auxiliaries
                    for child in complement.children
                )
            ):
                continue  # (a future of its own counts: « j'espère que tu viendras »)
            return "request"  # "you to join", "you can make it", "you will attend"
        if subject is None and depth == 0:
            wish = rules.wishes.get(complement.lemma_.lower())
            if wish is not None:
                inner = _wanted_of_reader(complement, rules, wish[1], verbs, depth + 1, relayed)
                if inner is not None:
                    return inner  # "to ask you to present"
            if (
                not relayed
                and wished in rules.wished_actions
                and complement.pos_ == "VERB"
                and action(complement, rules)
                and _advice_in_person(verb)
            ):
                return "proposal"  # "I'd suggest calling him first", « je recommande de vérifier »
            if _asks_the_reader(complement, rules):
                return "request"  # "wants to know if you are available"
            if not relayed and _received_from_reader(complement, rules):
                return "request"  # "to get your take on it", "to have you on the panel"
            if not relayed and _received_by_deadline(complement, verb, rules):
                return "request"  # "I would like to have this by Wednesday night"
            if not relayed and _with_reader(complement, rules) and action(complement, rules):
                return "proposal"  # "to go over it with you"
    return None


def _advice_in_person(verb: Token) -> bool:
    """The writer advising as one person ("I'd suggest calling him"), not a body's stated
    position or a service's notice ("We would propose lifting the cap", "we recommend
    updating your browser")."""
    subject = subject_of(verb)
    return subject is None or "Plur" not in subject.morph.get("Number")


def _received_from_reader(verb: Token, rules: AskRules) -> bool:
    """A verb of ``receiving_verbs`` whose object is the reader or the reader's own
    thing: "(I'd love) to get your take", "to have you on the panel", « avoir ton avis »,
    or the reader doing an action: "(we would love) to have you join us"."""
    if verb.lemma_.lower() not in rules.receiving_verbs or negated(verb):
        return False
    return any(
        (child.dep_ in _OBJECT_DEPS and (_reader(child, rules) or _readers_own(child)))
        # "to have you join us": the reader, subject of a bare clause, does the action
        or (
            child.dep_ == "ccomp"
            and child.pos_ == "VERB"
            and not negated(child)
            and _reader_subject(child, subject_of(child), rules)
            and action(child, rules)
        )
        for child in verb.children
    )


def _received_by_deadline(complement: Token, verb: Token, rules: AskRules) -> bool:
    """A thing the writer wishes to get with a deadline: "to have the figures by Friday"
    ("to have more time", "to get a car next year" are the writer's own wishes)."""
    if complement.lemma_.lower() not in rules.receiving_verbs or negated(complement):
        return False
    if not any(child.dep_ in _OBJECT_DEPS for child in complement.children):
        return False
    rest = complement.doc[complement.i + 1 : verb.right_edge.i + 1]
    return len(rest) > 0 and deadline_in(rest.text, rules, strict=True)


def _sent_somewhere(verb: Token, lemma: str, rules: AskRules) -> bool:
    """A wish of ``places`` with a phrase of ``place_prepositions`` naming a thing:
    "invite you to the launch", « vous inviter à notre réunion »."""
    if lemma not in rules.wished_places:
        return False
    places = rules.place_prepositions
    for child in verb.children:
        # "to our kickoff" (the preposition heads its noun) or « à notre réunion »
        # (the noun heads its preposition).
        heads = child.dep_ == "prep" and child.lower_ in places
        if heads and any(g.dep_ == "pobj" and g.pos_ in _NOUNS for g in child.children):
            return True
        headed = child.dep_.startswith("obl") and child.pos_ in _NOUNS
        if headed and any(g.dep_ == "case" and g.lower_ in places for g in child.children):
            return True
    return False


def _asks_the_reader(verb: Token, rules: AskRules) -> bool:
    """An embedded question about the reader: "(to know) if you are available"."""
    return any(
        child.dep_ == "ccomp"
        and any(
            grand.dep_ == "mark" and grand.lower_ in rules.embedded_question_marks
            for grand in child.children
        )
        and _reader_subject(child, subject_of(child), rules)
        for child in verb.children
    )


def _verb(token: Token, verbs: VerbTables | None) -> bool:
    """A verb, or a form the tagger read as a noun that the verb tables know
    (« que tu m'appelles », where the small French tagger sees a noun)."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    return verbs is not None and token.pos_ == "NOUN" and verbs.is_verb_form(token.lower_)


def _reader_subject(complement: Token, subject: Token | None, rules: AskRules) -> bool:
    """The reader is the subject of the complement clause.

    From the parse, or, where the tagger lost the pronoun (« que tu
    participes », "tu" read as a determiner), from the reader's pronoun right
    after the clause's marker.
    """
    if subject is not None:
        return _reader(subject, rules)
    marks = [child for child in complement.children if child.dep_ == "mark"]
    if not marks:
        return False
    doc = complement.doc
    after = marks[0].i + 1
    return after < complement.i and doc[after].lower_ in rules.second_person


def _wish_of(token: Token, rules: AskRules, verbs: VerbTables | None) -> str | None:
    """The wish lemma of a verb: its lemma, or one the verb tables give its form
    (the French lemmatizer leaves « invite », « demande » as they are; the English
    one reads "hoping" as "hop")."""
    lemma = token.lemma_.lower()
    if lemma in rules.wishes:
        return lemma
    if verbs is None:
        return None
    return next((lemma for lemma in verbs.lemmas(token.lower_) if lemma in rules.wishes), None)


def _infinitive_within(obj: Token) -> bool:
    """An infinitive the parser hung inside the object phrase instead of on the verb:
    "invite you and a guest to join me" (a relative clause of "guest")."""
    return any(
        token.dep_ in ("relcl", "acl")
        and token.pos_ == "VERB"
        and any(child.dep_ == "aux" and child.pos_ == "PART" for child in token.children)
        for token in obj.subtree
        if token.i != obj.i
    )


def _with_reader(verb: Token, rules: AskRules) -> bool:
    if verb.lemma_.lower() in rules.giving_verbs:
        return False  # "I'd like to share it with you": an offer
    return any(
        child.dep_ == "prep"
        and child.lower_ in rules.joint_prepositions
        and any(_person(grand, "2") for grand in child.children)
        for child in verb.children
    )


def _adjective_frame(verb: Token) -> Token | None:
    """The copula of "I am pleased to invite you to…", "we are happy to ask you…":
    the wish verb completes an adjective of the writer's own clause."""
    adjective = verb.head
    if verb.dep_ != "xcomp" or adjective.dep_ != "acomp" or adjective.pos_ != "ADJ":
        return None
    return adjective.head if adjective.head.i != adjective.i else None


def wish_signs(
    span: Span, rules: AskRules, verbs: VerbTables | None = None
) -> list[tuple[int, str]]:
    """(character offset, kind) of each wish the writer addresses to the reader."""
    found = []
    for token in span:
        if token.pos_ not in ("VERB", "AUX") or negated(token):
            continue
        lemma = _wish_of(token, rules, verbs)
        if lemma is None:
            continue
        forms, modal = rules.wishes[lemma]
        head = _adjective_frame(token) or token
        subject = subject_of(head) or _shared_subject(head)
        if subject is None and head is token and _elided_writer(token, span, rules, forms):
            # "Hoping you can make it", "Hope you will join us": the writer, left out.
            kind = _wanted_of_reader(token, rules, modal, verbs)
            if kind is not None:
                found.append((token.idx, kind))
            continue
        if subject is None or not heads_a_clause(head, span):
            continue
        relayed = not (_person(subject, "1") or _person(subject, "2"))
        if relayed:
            # Someone else's wish passed on: "Ben wants you to call him", "Lyn
            # asked that you join him" (any tense: the wish is reported); not
            # someone's advice ("Ye suggests you add Chit as a friend").
            if head is not token or "Fin" not in _finite_form(token):
                continue
            if lemma in rules.wished_actions:
                continue
            if any(t.is_quote for t in span.doc[token.i + 1 : span.end]):
                continue  # 'John asked me, "Can you send it?"': quoted, not relayed
            if _reported_question(token, rules):
                continue  # « Jeanne m'a demandé si tu pouvais venir »: a question reported
        elif not _person(subject, "1") or _form(head, rules, lemma) not in forms:
            continue
        kind = _wanted_of_reader(token, rules, modal, verbs, relayed=relayed)
        if kind is None and not relayed and lemma in rules.wished_things:
            kind = _readers_thing_after(token, span, rules)
        if kind is not None:
            found.append((min(subject.idx, token.idx), kind))
    return found


def _reported_question(verb: Token, rules: AskRules) -> bool:
    """A past with an embedded question for complement ("asked whether you could join",
    « m'a demandé si tu pouvais participer »): a question reported, not a wish passed
    on ("Ben wants to know if you are free", « Paul aimerait savoir si… » pass it on)."""
    if "Past" not in verb.morph.get("Tense"):
        return False
    return any(
        child.dep_ in ("advcl", "ccomp", "xcomp")
        and any(
            grand.dep_ == "mark" and grand.lower_ in rules.embedded_question_marks
            for grand in child.children
        )
        for child in verb.children
    )


def _readers_thing_after(verb: Token, span: Span, rules: AskRules) -> str | None:
    """ "request" when a possessive of the reader (``reader_possessives``) follows the
    verb, adverbs aside: « j'apprécierais beaucoup ton avis », where the small tagger
    reads « ton » as an adjective and « tes » as a noun, and the object is lost."""
    doc = verb.doc
    i = verb.i + 1
    while i < span.end and doc[i].pos_ == "ADV":
        i += 1
    if i + 1 < span.end and doc[i].lower_ in rules.reader_possessives:
        return "request" if doc[i + 1].pos_ in ("NOUN", "ADJ") else None
    return None


def _elided_writer(verb: Token, span: Span, rules: AskRules, forms: frozenset[str]) -> bool:
    """A wish verb opening the sentence with no subject, in a form of ``forms``: the
    writer left out ("Hoping you can make it", "Would appreciate a quick look")."""
    if verb.dep_ not in CLAUSE_DEPS:
        return False
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
    skipped = {aux.i for aux in auxiliaries}
    if any(
        not (t.is_punct or t.pos_ == "INTJ" or t.i in skipped)
        for t in span.doc[span.start : verb.i]
    ):
        return False
    if auxiliaries:
        conditional = all(aux.lower_ in rules.conditional_auxiliaries for aux in auxiliaries)
        return conditional and "conditional" in forms
    if "Prog" in verb.morph.get("Aspect"):
        return "progressive" in forms
    return "present" in forms and verb.tag_ in rules.present_tags | rules.base_form_tags


def _shared_subject(verb: Token) -> Token | None:
    """The subject a coordinated verb shares with the verb before it: "Holly called
    and she has a table to fill and wants to know if you can join us"."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
        subject = subject_of(verb)
        if subject is not None:
            return subject
    return None


def _finite_form(verb: Token) -> list[str]:
    """The verb's VerbForm, or that of its first auxiliary ("has asked")."""
    forms = verb.morph.get("VerbForm")
    if "Fin" in forms:
        return forms
    auxiliaries = [child for child in verb.children if child.dep_.startswith("aux")]
    return auxiliaries[0].morph.get("VerbForm") if auxiliaries else forms


def _suggested_action(verb: Token, rules: AskRules) -> bool:
    """A verb with a suggestion modal ("could", "should"), not negated, not a state,
    not perfect ("could have done"), not passive."""
    auxiliaries = [child for child in verb.children if child.dep_.startswith("aux")]
    return (
        any(aux.lower_ in rules.suggestion_modals for aux in auxiliaries)
        and not any(aux.lemma_.lower() == "have" or aux.dep_ == "auxpass" for aux in auxiliaries)
        and not negated(verb)
        and action(verb, rules)
    )


def joint_proposal_signs(span: Span, rules: AskRules) -> list[tuple[int, str]]:
    """ "we could maybe go over it": a first-person plural subject proposing an action.

    Also a wish of "we" for an action after a suggestion modal: "we might want
    to revisit the pricing" ("we would like to offer you…" is the writer's
    own wish; "you might want to hurry" advice, not an ask). Where the modal
    is a verb of its own with the action as its complement (``modal_verbs``:
    « on pourrait peut-être en parler », « nous devrions revoir le budget »),
    a conditional one proposes.
    """
    found = []
    for token in span:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subject = subject_of(token)
        if subject is None or not heads_a_clause(token, span):
            continue
        joint = _joint(subject, rules)
        where = min(subject.idx, token.idx)
        if token.pos_ == "VERB" and joint and _suggested_action(token, rules):
            found.append((where, "proposal"))
            continue
        if negated(token) or not joint:
            continue
        if _modal_wish(token, rules) or _conditional_modal_verb(token, rules):
            found.append((where, "proposal"))
        elif (subject.pos_ == "NUM" or _person(subject, "1")) and _joint_obligation(token, rules):
            # "the three of us need to…", "one of us has to…" ("none of us need to
            # worry" is not counted: a count of us, not a quantifier, asks)
            found.append((where, "we"))
    return found


def reader_suggestion_signs(span: Span, rules: AskRules) -> list[tuple[int, str]]:
    """ "you could leave me a voicemail", "you might give me a heads up": the reader
    as subject, a modal of possibility, an action for the writer ("me", "us" as its
    object, its receiver or after its preposition) or softened ("perhaps you could
    call him"): a hedged request.

    The writer as beneficiary or a softener makes it one; without them the same
    shape advises ("you might want to keep your number", "you may report it for
    spam"). The subject comes before the modal (an inverted one is a question,
    read elsewhere); "you will…" describes and "you should…" is a need phrase.
    Where to reach the writer ("you can call me anytime") is a courtesy
    invitation of ``courtesy_asks``.
    """
    found = []
    modals = rules.modal_auxiliaries - rules.commitment_auxiliaries
    for token in span:
        if token.pos_ != "VERB" or negated(token) or perfect_modal(token):
            continue
        subject = subject_of(token)
        if subject is None or not _person(subject, "2") or not heads_a_clause(token, span):
            continue
        auxiliaries = [c for c in token.children if c.dep_.startswith("aux")]
        if not any(aux.lower_ in modals and subject.i < aux.i for aux in auxiliaries):
            continue
        if any(aux.dep_ == "auxpass" for aux in auxiliaries) or not action(token, rules):
            continue
        if _for_the_writer(token) or _softened(token, rules):
            found.append((subject.idx, "hedged"))
    return found


def _softened(verb: Token, rules: AskRules) -> bool:
    """A softener of ``ask_hedges`` on the verb: "perhaps you could call him", "you
    could maybe ask Tom" (a suggestion made gently; "you could see it" states)."""
    text = doc_text(verb.doc)
    return any(
        child.dep_ == "advmod" and rules.hedges.hits(text, [child.idx]) for child in verb.children
    )


def _for_the_writer(verb: Token) -> bool:
    """The writer ("me", "us") as the verb's object or receiver, or after its preposition."""
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS and _person(child, "1"):
            return True
        if child.dep_ == "prep" and any(
            grand.dep_ == "pobj" and _person(grand, "1") for grand in child.children
        ):
            return True
    return False


def _joint_obligation(verb: Token, rules: AskRules) -> bool:
    """ "The three of us need to get together": an obligation (``obligation_verbs``) in
    the present, with an action in the infinitive ("we had to cancel" is past, "we will
    need to" future: statements)."""
    if verb.lemma_.lower() not in rules.obligation_verbs or perfect_modal(verb):
        return False
    tenses = set(verb.morph.get("Tense"))
    auxiliaries = [child for child in verb.children if child.dep_.startswith("aux")]
    if "Past" in tenses or auxiliaries:
        return False
    return any(
        child.dep_ == "xcomp"
        and child.pos_ == "VERB"
        and not negated(child)
        and action(child, rules)
        and any(
            grand.lower_ in rules.infinitive_markers and grand.i < child.i
            for grand in child.children
        )
        for child in verb.children
    )


def _joint(subject: Token, rules: AskRules) -> bool:
    """The writer and others: a first-person plural (or « on »)."""
    if subject.lower_ in rules.joint_subjects:
        return True
    if _person(subject, "1") and "Plur" in subject.morph.get("Number"):
        return True
    # "One of us should call", "the three of us need to meet".
    return any(
        child.dep_ == "prep"
        and any(
            grand.dep_ == "pobj" and _person(grand, "1") and "Plur" in grand.morph.get("Number")
            for grand in child.children
        )
        for child in subject.children
        if child.i > subject.i
    )


def _modal_wish(verb: Token, rules: AskRules) -> bool:
    """A wish verb after a suggestion modal with an action to do: "might want to revisit"."""
    if verb.lemma_.lower() not in rules.wishes or perfect_modal(verb):
        return False
    if not any(
        child.dep_.startswith("aux") and child.lower_ in rules.suggestion_modals
        for child in verb.children
    ):
        return False
    return _action_complement(verb, rules)


def _conditional_modal_verb(verb: Token, rules: AskRules) -> bool:
    """ "pourrait peut-être en parler": a modal verb in the conditional with an action."""
    return (
        verb.lemma_.lower() in rules.modal_verbs
        and "Cnd" in verb.morph.get("Mood")
        and _action_complement(verb, rules)
    )


def _action_complement(verb: Token, rules: AskRules) -> bool:
    return any(
        child.dep_ == "xcomp"
        and child.pos_ == "VERB"
        and not negated(child)
        and action(child, rules)
        for child in verb.children
    )


def ownerless_signs(span: Span, rules: AskRules) -> list[tuple[int, str]]:
    """ "someone should probably check", "it might be worth someone checking".

    Without an agent, a "worth" frame under a suggestion or conditional modal
    with an action to do asks it of no one in particular: "it would be worth
    checking the numbers", "might be worth asking Tom" ("it is worth noting
    that…" states).
    """
    found = []
    for token in span:
        lower = token.lower_
        if lower in rules.worth_words and _worth_doing(token, span, rules):
            found.append((token.idx, "nobody"))
            continue
        if lower not in rules.indefinite_agents:
            continue
        head = token.head
        if token.dep_ in SUBJECT_DEPS and head.pos_ == "VERB" and _suggested_action(head, rules):
            if heads_a_clause(head, span):
                found.append((min(token.idx, head.idx), "nobody"))
        elif head.lower_ in rules.worth_words or head.head.lower_ in rules.worth_words:
            # "worth someone checking": the agent hangs on "worth" or on the gerund.
            found.append(
                (head.idx if head.lower_ in rules.worth_words else head.head.idx, "nobody")
            )
    return found


def _worth_doing(worth: Token, span: Span, rules: AskRules) -> bool:
    """ "would be worth checking", "may be worth asking Tom", "could be useful to run the
    tests again", "might be a good idea to call him": a modal of possibility on the
    copula (any but the future's: "it will be helpful to…" predicts), an action after
    the judgement (on the word, the noun's infinitive, or on the copula)."""
    copula = worth.head
    if worth.dep_ not in ("acomp", "attr") or copula.i == worth.i:
        return False
    if copula.lemma_.lower() != "be" or not heads_a_clause(copula, span):
        return False
    modals = (
        rules.suggestion_modals | rules.conditional_auxiliaries | rules.modal_auxiliaries
    ) - rules.commitment_auxiliaries
    if not any(child.dep_ == "aux" and child.lower_ in modals for child in copula.children):
        return False
    # "there would be value in getting together": the action after the noun's preposition.
    after_preposition = [
        grand for child in worth.children if child.dep_ == "prep" for grand in child.children
    ]
    return any(
        child.dep_ in ("xcomp", "pcomp", "acl")
        and child.pos_ == "VERB"
        and not negated(child)
        and action(child, rules)
        for child in [*worth.children, *copula.children, *after_preposition]
    )
