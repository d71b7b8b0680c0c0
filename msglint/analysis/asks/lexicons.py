"""The ask detector's words and tag facts, declared once and loaded per language pack.

Each language says in ``lang/<code>/asks.toml`` which detectors it uses and
the tag facts of its pipeline; the word lists live in ``lang/<code>/asks/``.
:data:`LEXICONS` declares every list: its shape and the detector that reads
it. A list that a declared detector reads must exist (a missing file is an
error naming it, never an empty list); a list no declared detector reads is
not loaded. An unknown detector, an unknown key or a missing tag fact in
``asks.toml`` is an error too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from msglint.config_io import load_toml
from msglint.errors import MsglintError
from msglint.lang.lexicon import Lexicon, phrase_pattern

if TYPE_CHECKING:
    from msglint.lang import LanguagePack

# What each detector finds (``detectors = [...]`` in asks.toml picks them).
DETECTORS: dict[str, str] = {
    "phrases": "request, proposal, need, shared and ownerless phrases; offers and closings",
    "questions": "a question mark, or a modal or auxiliary before a second-person subject",
    "parsed_imperatives": "verbs the parser reads as imperatives (no subject, base form)",
    "let_imperatives": "'let's go', 'let me know' are asks; 'let me explain' is not",
    "misread_verbs": "a line head tagged as a noun that is a verb before its object",
    "shaped_imperatives": "imperatives the tagger misses, recognised by the verb form's shape",
    "clitic_inversion": "a verb and a hyphenated reader pronoun: a question or a reflexive",
    "wishes": "the writer wishes something of the reader: 'I'd like you to join' ([wishes])",
    "joint_proposals": "'we could maybe go over it': a first-person plural, a modal, an action",
    "ownerless": "'someone should probably check', 'it might be worth someone checking'",
    "conditional_requests": "'if you could send it, I'd be grateful': a condition that asks",
    "injunctives": "« tu vérifies…, tu me fais… »: instructions in the reader's present",
    "commitments": "not an ask: what the writer promises ('I'll send the draft tonight')",
}
# Detectors that read the pipeline's lemmatizer tables (see ``verbs.VerbTables``).
NEEDS_VERB_TABLES = frozenset({"misread_verbs", "shaped_imperatives", "injunctives"})

# name → (shape, detector that reads it). Shapes: "phrases" (matched at word
# starts), "lexicon" (searched or matched whole), "words" (a set of lower-case
# words), "endings" (word endings, longest first).
LEXICONS: dict[str, tuple[str, str]] = {
    "hedged_asks": ("phrases", "phrases"),
    "request_phrases": ("phrases", "phrases"),
    "proposals": ("phrases", "phrases"),
    "no_owner": ("phrases", "phrases"),
    "we_asks": ("phrases", "phrases"),
    "need_phrases": ("phrases", "phrases"),
    "ask_hedges": ("phrases", "phrases"),
    "offer_conditions": ("phrases", "phrases"),
    "mail_conditions": ("phrases", "phrases"),
    "wish_conditions": ("phrases", "phrases"),
    "response_requests": ("phrases", "phrases"),
    "secondary_asks": ("phrases", "phrases"),
    "not_asks": ("lexicon", "phrases"),
    "list_labels": ("lexicon", "phrases"),
    "courtesy_asks": ("lexicon", "phrases"),
    "clause_coordinators": ("lexicon", "phrases"),
    "promotions": ("lexicon", "phrases"),
    "ask_openers": ("words", "phrases"),
    "not_names": ("words", "phrases"),
    "second_person": ("words", "questions"),
    "request_modals": ("words", "questions"),
    "not_imperative_verbs": ("words", "parsed_imperatives"),
    "permission_verbs": ("words", "let_imperatives"),
    "let_me_requests": ("words", "let_imperatives"),
    "object_starters": ("words", "misread_verbs"),
    "imperative_clitics": ("words", "shaped_imperatives"),
    "negation_prefixes": ("words", "shaped_imperatives"),
    "negation_words": ("words", "shaped_imperatives"),
    "imperative_endings": ("endings", "shaped_imperatives"),
    "we_imperative_endings": ("endings", "shaped_imperatives"),
    "infinitive_endings": ("endings", "shaped_imperatives"),
    "inverted_subjects": ("words", "clitic_inversion"),
    "conditional_endings": ("endings", "wishes"),
    "stative_verbs": ("words", "injunctives"),
    "description_adverbs": ("words", "injunctives"),
    "preverbal_clitics": ("words", "injunctives"),
    "subordinating_words": ("words", "injunctives"),
    "singular_readers": ("words", "injunctives"),
    "not_present_endings": ("endings", "injunctives"),
}

# Tag facts: the parts of a pipeline's tag set the detectors read, declared in
# ``[tags]`` of asks.toml (fine-grained tags differ between pipelines), and
# the few grammatical words of ``[words]``.
TAG_FACTS: dict[str, str] = {
    "base_form": "fine tags of a verb's base form (an imperative's form): 'VB'",
    "present": "fine tags of a present that may be a base form after a vocative: 'VBP'",
    "wh_words": "fine tags of relative and interrogative words",
    "question_words": "fine tags of interrogative words that may open a question",
}
WORD_FACTS: dict[str, str] = {
    "let_objects": "the pronouns after a permission verb that make a joint ask ('let's', 'let us')",
    "joint_let_objects": "those of them that are the writer and the reader only ('let's')",
    "do_auxiliaries": "auxiliaries an imperative may take ('don't forget')",
    "infinitive_markers": "a word before a verb that makes it an infinitive ('to')",
    "run_on_coordinators": "a clause ending with one of these runs on into the next one",
    "conditional_auxiliaries": "auxiliaries of the conditional ('would', 'd'): 'I'd like'",
    "modal_auxiliaries": "modals of a reader's action wished for: 'I hope you can make it'",
    "suggestion_modals": "modals of a proposal after 'we' or an ownerless ask: 'we could'",
    "state_verbs": "verbs of a state, not an action: 'I hope you are well', 'we might be late'",
    "joint_prepositions": "a preposition before the reader that makes an action joint ('with')",
    "indefinite_agents": "pronouns of an ask with no owner: 'someone', 'anybody'",
    "worth_words": "judgements of an action to do: 'it might be worth checking', 'a good idea to'",
    "modal_verbs": "modals that are verbs with the action as complement: « on pourrait en parler »",
    "joint_subjects": "subject pronouns of the writer and others besides 'we': « on »",
    "giving_verbs": "verbs of giving: 'share it with you' offers, 'we must send it to you' plans",
    "commitment_auxiliaries": "auxiliaries of a promise after 'I' or 'we': 'will', 'll'",
    "going_verbs": "'I'm going to send it', « je vais l'envoyer »",
    "reader_possessives": "the reader's possessives, read by word where the tagger misses them",
    "appreciated_words": "a thing's welcome asks for it: 'your comments would be appreciated'",
    "any_words": "a quantifier of anything the reader may give: 'any help is appreciated'",
    "necessity_words": "judgements of necessity: 'it is important that you attend'",
    "suggestion_nouns": "nouns of advice: 'my suggestion would be to postpone it'",
    "writer_possessives": "the writer's possessives: 'my suggestion', 'our proposal'",
    "result_coordinators": "words that open a clause of consequence: 'I'm out so call me'",
    "required_words": "a thing of the reader required: 'your signature is required'",
    "obligation_verbs": "verbs of an obligation with an infinitive: 'the three of us need to meet'",
    "embedded_question_marks": "words opening an embedded question: 'find out whether we need'",
    "condition_marks": "words opening a condition: 'if you could send it, I'd be grateful'",
    "place_prepositions": "the preposition of where a wish of places sends the reader: 'to'",
    "inversion_adverbs": "adverbs that invert a statement: 'Not only will you save…' asks nothing",
    "how_words": "the question word of a past copula asked out of courtesy: 'How was the trip?'",
    "group_readers": "words for everyone addressed, the reader among them: 'I want everyone to…'",
    "receiving_verbs": "verbs of getting the reader's thing: 'I'd love to get your take'",
    "arrival_verbs": "a thing arriving or known: 'you should receive it tomorrow' expects",
    "let_us_forms": "'let's' written as one word, read before a bare verb: 'lets discuss'",
    "writer_pronouns": "the writer alone, a person: 'call me' invites, 'contact us' is a service",
}
# The forms of a wish verb that make an ask ([wishes] in asks.toml).
WISH_FORMS = frozenset({"conditional", "present", "progressive", "past"})


@dataclass(frozen=True)
class AskRules:
    """The compiled data of one language pack (built once per pack)."""

    code: str
    detectors: frozenset[str]
    signs: Phrases
    hedges: Phrases
    offer_conditions: Phrases
    wish_conditions: Phrases
    response_requests: Phrases
    secondary: Phrases
    not_asks: re.Pattern[str] | None
    list_labels: re.Pattern[str] | None
    courtesy_asks: re.Pattern[str] | None
    clause_split: re.Pattern[str] | None
    openers: frozenset[str]
    second_person: frozenset[str]
    modals: frozenset[str]
    subject_pronouns: frozenset[str]
    clitics: frozenset[str]
    inverted_subjects: frozenset[str]
    not_imperative: frozenset[str]
    permission_verbs: frozenset[str]
    let_me_requests: frozenset[str]
    we_imperative_endings: tuple[str, ...]
    imperative_endings: tuple[str, ...]
    infinitive_endings: tuple[str, ...]
    conditional_endings: tuple[str, ...]
    negation_prefixes: frozenset[str]
    negation_words: frozenset[str]
    object_starters: frozenset[str]
    promotions: Lexicon
    not_names: frozenset[str]
    base_form_tags: frozenset[str]
    present_tags: frozenset[str]
    wh_tags: frozenset[str]
    question_tags: frozenset[str]
    let_objects: frozenset[str]
    joint_let_objects: frozenset[str]
    do_auxiliaries: frozenset[str]
    infinitive_markers: frozenset[str]
    run_on: re.Pattern[str] | None
    run_on_words: frozenset[str]
    conditional_auxiliaries: frozenset[str]
    modal_auxiliaries: frozenset[str]
    suggestion_modals: frozenset[str]
    state_verbs: frozenset[str]
    stative_verbs: frozenset[str]
    description_adverbs: frozenset[str]
    preverbal_clitics: frozenset[str]
    subordinating_words: frozenset[str]
    singular_readers: frozenset[str]
    not_present_endings: tuple[str, ...]
    joint_prepositions: frozenset[str]
    indefinite_agents: frozenset[str]
    worth_words: frozenset[str]
    modal_verbs: frozenset[str]
    joint_subjects: frozenset[str]
    writer_pronouns: frozenset[str]
    giving_verbs: frozenset[str]
    embedded_question_marks: frozenset[str]
    condition_marks: frozenset[str]
    how_words: frozenset[str]
    group_readers: frozenset[str]
    receiving_verbs: frozenset[str]
    arrival_verbs: frozenset[str]
    let_us_forms: frozenset[str]
    inversion_adverbs: frozenset[str]
    place_prepositions: frozenset[str]
    commitment_auxiliaries: frozenset[str]
    going_verbs: frozenset[str]
    reader_possessives: frozenset[str]
    appreciated_words: frozenset[str]
    any_words: frozenset[str]
    necessity_words: frozenset[str]
    suggestion_nouns: frozenset[str]
    writer_possessives: frozenset[str]
    result_coordinators: frozenset[str]
    required_words: frozenset[str]
    obligation_verbs: frozenset[str]
    wishes: dict[str, tuple[frozenset[str], bool]]
    wished_things: frozenset[str]
    wished_places: frozenset[str]
    wished_actions: frozenset[str]

    def uses(self, detector: str) -> bool:
        return detector in self.detectors


class Phrases:
    """A lexicon compiled for matching at word starts only.

    Trying one alternation at each token start is several times cheaper than
    scanning every character, and the asks only care about phrases that start
    a word.
    """

    def __init__(self, *lexicons: tuple[str, Lexicon]) -> None:
        groups = []
        for kind, lexicon in lexicons:
            entries = sorted(lexicon.entries, key=len, reverse=True)
            if entries:
                body = "|".join(f"(?:{phrase_pattern(entry)})" for entry in entries)
                groups.append(f"(?P<{kind}>{body})")
        self._pattern = re.compile("|".join(groups), re.IGNORECASE) if groups else None

    def hits(self, text: str, starts: list[int]) -> list[tuple[int, int, str]]:
        """(start, end, kind) of the match beginning at each of ``starts``, if any.

        Where lexicons of several kinds match at one place, the first kind given
        to the constructor wins.
        """
        pattern = self._pattern
        if pattern is None:
            return []
        found = []
        for position in starts:
            match = pattern.match(text, position)
            if match is not None:
                found.append((match.start(), match.end(), match.lastgroup or ""))
        return found


def declaration(pack: LanguagePack) -> dict[str, Any]:
    """``asks.toml`` of a pack, checked against the declarations above."""
    path = pack.folder / "asks.toml"
    if not path.is_file():
        raise MsglintError(str(path), "missing: the pack must declare its ask detectors")
    data = load_toml(path)
    unknown = set(data) - {"detectors", "tags", "words", "wishes"}
    if unknown:
        raise MsglintError(str(path), f"unknown key {sorted(unknown)[0]!r}")
    detectors = data.get("detectors")
    if not isinstance(detectors, list) or not detectors:
        raise MsglintError(str(path), "detectors: expected a list of detector names")
    for name in detectors:
        if name not in DETECTORS:
            raise MsglintError(
                str(path), f"unknown detector {name!r} (known: {', '.join(DETECTORS)})"
            )
    for table, facts in (("tags", TAG_FACTS), ("words", WORD_FACTS)):
        values = data.get(table, {})
        if not isinstance(values, dict):
            raise MsglintError(str(path), f"{table}: expected a table")
        for key, value in values.items():
            if key not in facts:
                raise MsglintError(str(path), f"unknown key {table}.{key}")
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise MsglintError(str(path), f"{table}.{key}: expected a list of strings")
        for key in facts:
            if key not in values:
                raise MsglintError(str(path), f"missing {table}.{key}: {facts[key]}")
    for lemma, wish in data.get("wishes", {}).items():
        if (
            not isinstance(wish, dict)
            or set(wish) - {"forms", "modal", "things", "places", "actions"}
            or not set(wish.get("forms", [])) <= WISH_FORMS
            or not all(
                isinstance(wish.get(key, False), bool)
                for key in ("modal", "things", "places", "actions")
            )
        ):
            raise MsglintError(
                str(path),
                f"wishes.{lemma}: expected {{ forms = [{', '.join(sorted(WISH_FORMS))}], "
                "modal = true|false, things = true|false, places = true|false, "
                "actions = true|false }",
            )
    return data


def _read(pack: LanguagePack, detectors: frozenset[str], name: str, shape: str) -> Lexicon:
    """An ask lexicon of the pack: required when a declared detector reads it."""
    declared, detector = LEXICONS[name]
    if declared != shape:
        raise ValueError(f"ask lexicon {name} is declared as {declared}, read as {shape}")
    path = pack.folder / "asks" / f"{name}.txt"
    if detector not in detectors:
        return Lexicon([], str(path))
    if not path.is_file():
        raise MsglintError(
            str(path), f"missing: detector {detector!r} of {pack.code}/asks.toml reads it"
        )
    return pack.lexicon(f"asks/{name}")


@cache
def rules_for(pack: LanguagePack) -> AskRules:
    """The compiled ask data of a pack, validated against the declarations."""
    data = declaration(pack)
    detectors = frozenset(data["detectors"])

    def lexicon(name: str, shape: str = "lexicon") -> Lexicon:
        return _read(pack, detectors, name, shape)

    def words(name: str, shape: str = "words") -> frozenset[str]:
        return frozenset(entry.lower() for entry in lexicon(name, shape).entries)

    def endings(name: str) -> tuple[str, ...]:
        return tuple(sorted(words(name, "endings"), key=len, reverse=True))

    def phrases(name: str) -> Phrases:
        return Phrases(("x", lexicon(name, "phrases")))

    def facts(table: str, key: str) -> frozenset[str]:
        return frozenset(data[table][key])

    def whole(name: str) -> re.Pattern[str] | None:
        body = "|".join(f"(?:{phrase_pattern(entry)})" for entry in lexicon(name).entries)
        return re.compile(f"(?:{body})", re.IGNORECASE) if body else None

    run_on = "|".join(re.escape(word) for word in data["words"]["run_on_coordinators"])
    return AskRules(
        code=pack.code,
        detectors=detectors,
        signs=Phrases(
            ("hedged", lexicon("hedged_asks", "phrases")),
            ("request", lexicon("request_phrases", "phrases")),
            ("proposal", lexicon("proposals", "phrases")),
            ("nobody", lexicon("no_owner", "phrases")),
            ("we", lexicon("we_asks", "phrases")),
            ("need", lexicon("need_phrases", "phrases")),
        ),
        hedges=phrases("ask_hedges"),
        # Boilerplate first: where both match, the clause is automated mail.
        offer_conditions=Phrases(
            ("automated", lexicon("mail_conditions", "phrases")),
            ("offer", lexicon("offer_conditions", "phrases")),
        ),
        wish_conditions=phrases("wish_conditions"),
        response_requests=phrases("response_requests"),
        secondary=phrases("secondary_asks"),
        not_asks=whole("not_asks"),
        list_labels=whole("list_labels"),
        courtesy_asks=whole("courtesy_asks"),
        clause_split=_clause_split(lexicon("clause_coordinators")),
        openers=words("ask_openers"),
        second_person=words("second_person"),
        modals=words("request_modals"),
        # Shared with the grammar helpers: at the pack's top level.
        subject_pronouns=pack.words("subject_pronouns"),
        clitics=words("imperative_clitics"),
        inverted_subjects=words("inverted_subjects"),
        not_imperative=words("not_imperative_verbs"),
        permission_verbs=words("permission_verbs"),
        let_me_requests=words("let_me_requests"),
        we_imperative_endings=endings("we_imperative_endings"),
        imperative_endings=endings("imperative_endings"),
        infinitive_endings=endings("infinitive_endings"),
        conditional_endings=endings("conditional_endings"),
        negation_prefixes=words("negation_prefixes"),
        negation_words=words("negation_words"),
        object_starters=words("object_starters"),
        promotions=lexicon("promotions"),
        not_names=words("not_names"),
        base_form_tags=facts("tags", "base_form"),
        present_tags=facts("tags", "present"),
        wh_tags=facts("tags", "wh_words"),
        question_tags=facts("tags", "question_words"),
        let_objects=facts("words", "let_objects"),
        joint_let_objects=facts("words", "joint_let_objects"),
        do_auxiliaries=facts("words", "do_auxiliaries"),
        infinitive_markers=facts("words", "infinitive_markers"),
        run_on=re.compile(rf"\b({run_on})\s*$", re.IGNORECASE) if run_on else None,
        run_on_words=facts("words", "run_on_coordinators"),
        conditional_auxiliaries=facts("words", "conditional_auxiliaries"),
        modal_auxiliaries=facts("words", "modal_auxiliaries"),
        suggestion_modals=facts("words", "suggestion_modals"),
        state_verbs=facts("words", "state_verbs"),
        stative_verbs=words("stative_verbs"),
        description_adverbs=words("description_adverbs"),
        preverbal_clitics=words("preverbal_clitics"),
        subordinating_words=words("subordinating_words"),
        singular_readers=words("singular_readers"),
        not_present_endings=endings("not_present_endings"),
        joint_prepositions=facts("words", "joint_prepositions"),
        indefinite_agents=facts("words", "indefinite_agents"),
        worth_words=facts("words", "worth_words"),
        modal_verbs=facts("words", "modal_verbs"),
        joint_subjects=facts("words", "joint_subjects"),
        writer_pronouns=facts("words", "writer_pronouns"),
        giving_verbs=facts("words", "giving_verbs"),
        embedded_question_marks=facts("words", "embedded_question_marks"),
        condition_marks=facts("words", "condition_marks"),
        how_words=facts("words", "how_words"),
        group_readers=facts("words", "group_readers"),
        receiving_verbs=facts("words", "receiving_verbs"),
        arrival_verbs=facts("words", "arrival_verbs"),
        let_us_forms=facts("words", "let_us_forms"),
        inversion_adverbs=facts("words", "inversion_adverbs"),
        place_prepositions=facts("words", "place_prepositions"),
        commitment_auxiliaries=facts("words", "commitment_auxiliaries"),
        going_verbs=facts("words", "going_verbs"),
        reader_possessives=facts("words", "reader_possessives"),
        appreciated_words=facts("words", "appreciated_words"),
        any_words=facts("words", "any_words"),
        necessity_words=facts("words", "necessity_words"),
        suggestion_nouns=facts("words", "suggestion_nouns"),
        writer_possessives=facts("words", "writer_possessives"),
        result_coordinators=facts("words", "result_coordinators"),
        required_words=facts("words", "required_words"),
        obligation_verbs=facts("words", "obligation_verbs"),
        wishes={
            lemma: (frozenset(wish.get("forms", [])), bool(wish.get("modal", False)))
            for lemma, wish in data.get("wishes", {}).items()
        },
        wished_things=frozenset(
            lemma for lemma, wish in data.get("wishes", {}).items() if wish.get("things", False)
        ),
        wished_places=frozenset(
            lemma for lemma, wish in data.get("wishes", {}).items() if wish.get("places", False)
        ),
        wished_actions=frozenset(
            lemma for lemma, wish in data.get("wishes", {}).items() if wish.get("actions", False)
        ),
    )


def _clause_split(coordinators: Lexicon) -> re.Pattern[str]:
    """Clause boundaries: punctuation, a dash, a coordinator ("and", "mais").

    A dash between words is spaced ("ready - send it"), or typed as two
    hyphens or an em dash without spaces ("Thanks Bill--see my other email").

    A coordinator right after the punctuation belongs to the boundary: "Thanks
    again, and have a good break" is "Thanks again" and "have a good break".
    """
    words = "|".join(phrase_pattern(entry) for entry in coordinators.entries)
    # (Not the colon of "mailto:" or "https://", nor the comma of "1,000".)
    punctuation = r"(?:(?:[,;:]+(?!\S)|[()])+\s*|\s[-–—]+\s+|(?:-{2,}|—)\s*)"
    if not words:
        return re.compile(punctuation)
    return re.compile(rf"{punctuation}(?:(?:{words})\s+)?|\s(?:{words})\s+", re.IGNORECASE)
