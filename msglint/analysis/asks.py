"""Asks: the requests a message makes to its reader, found from the spaCy parse.

A sentence is an ask when it is one of:

- a **request**: a polite request ("could you", "would you mind", "please…",
  "I need you to", "merci de", "pourriez-vous"), a modal question to the
  reader ("can you…?", "tu peux…?"), or a hedged ask ("I was wondering if",
  "je me demandais si"): the phrase lists ``request_phrases`` and
  ``hedged_asks``, plus a parse test (modal + second-person subject, inverted);
- an **imperative** addressed to the reader: a verb in the base form heading
  its clause with no subject and no auxiliary ("Send me the file", "Don't
  forget…", "Let's meet"), or, where the parser does not know imperatives
  (the French small pipeline tags most of them as nouns), a verb form with an
  imperative shape at the start of a clause ("Envoie-moi", "Vérifiez",
  "N'oublie pas"), checked against the pipeline's own verb tables;
- a **proposal** of joint action ("could we move it to Thursday", "I'd like to
  discuss this with you", "on pourrait en parler jeudi"): ``proposals``, form
  "request", owner "we";
- a **need**: "I need your…", "you need to…", "we need to…", "on doit…"
  (``need_phrases``, ``we_asks``) and ownerless asks ("someone should…",
  "the invoices need to be approved", "il faudrait revoir…": ``no_owner``);
- a **question** to the reader: a sentence ending with "?", or an auxiliary
  before a second-person subject without its question mark ("do you know if…").
  Rhetorical tag questions ("…, isn't it?") and boilerplate ("Any
  questions?", "Des questions ?") are in ``not_asks``; reported questions
  ("she asked whether…") have no question mark and no inversion.

Owners: "nobody" when ``no_owner`` matches, "we" for ``we_asks``, "let's",
first-person plural imperatives ("faisons") and proposals, else "reader".
``hedged`` (AK03) comes from ``hedged_asks`` or the softeners of
``ask_hedges`` ("maybe", "if you get a chance", "si jamais").

``secondary`` (not counted by AK02) marks an ask that only completes one made
before it in the message: a fallback ("If you cannot sign today, call me", "Si
aucun ne vous convient, indiquez-moi…"), a request for the answer with
nothing of its own but a deadline or a purpose ("Let me know by Friday",
"please reply by Wednesday", "Dis-moi d'ici vendredi"), the same need again
("I need them for Monday's review"). The signs are ``secondary_asks``, at the
start of a clause; every ask sign of the sentence must lie in the clauses they
cover, and an ask with none before it is never secondary.

A sentence is not an ask when it is a closing, a greeting, an offer or a
pointer that only looks like one (``not_asks``, matched against the whole
sentence or a whole clause: "Thanks!", "Have a nice day", "Let me know if
you have any questions", "Feel free to reach out", "N'hésitez pas si vous
avez des questions", "Please find attached…", "Please note that…", "see
below"), or when the ask is an offer conditioned on the reader's own need
("If you need anything, call me", "si tu as besoin, appelle-moi":
``offer_conditions``) or, coming first, on the reader's wish ("If you would
like to discuss it, give me a call": ``wish_conditions``, unless an answer is
asked for: "if you want to join, let me know"). An offer next to a real ask
does not hide it ("Review the draft and let me know if you have questions"
is an ask). Commitments ("I will send it tomorrow"), "let me explain" and
statements are never asks: nothing here looks at them.

Grammar that keeps statements out: a phrase inside a relative clause, after a
question word or in a clause opened by a subordinating word ("…, or that
someone must find again later", « ce qu'il faudra revoir »); a request verb
with its own third-person subject or infinitive marker ("he let me know",
"sure to please"); a passive with its agent (« validée par la direction »); a
participle or a noun with its own modifiers (« facturés au cabinet », « mise
en place », « Ressources humaines »); a present that is not a base form ("Am
just back"); a line In Title Case ("Go Here Now For More Information"), like
a heading.

Phrases are matched on the sentence with its line breaks and runs of spaces
made single spaces, so a hard-wrapped e-mail ("merci\nde me répondre") reads
like one line. The French tokenizer keeps hyphenated clitics as suffixes
("envoie", "-moi"; "peux", "-tu") and sometimes several in one token
("dites-le-moi"): both shapes are read as a verb and its clitics; an inverted
"-tu"/"-vous" makes a question ("Sais-tu si…"), a reflexive "-vous" after an
imperative ending an imperative ("Inscrivez-vous").

Every word list is a data file of the language pack (``msglint/lang/<code>/``);
the grammatical tests read only universal parse features (dependency labels,
``VerbForm``/``Mood``, ``Person``) and the lists, so a new phrase or a new
language needs no code.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from spacy.symbols import AUX, VERB

from msglint.analysis.model import Ask, Sentence
from msglint.errors import MsglintError
from msglint.lang.lexicon import Lexicon, phrase_pattern

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.lookups import Lookups
    from spacy.tokens import Doc, Span, Token

    from msglint.lang import LanguagePack

# An ordered-list marker at the start of a line: "1.", "2)", "a)".
_NUMBERED = re.compile(r"(?:\d{1,3}[.)]|[a-zA-Z]\))\s+")
_LINE_PREFIX = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[a-zA-Z]\))[ \t]+$")
# A list marker or quote sign to drop before matching a whole sentence.
_LEAD = re.compile(r"^\s*(?:(?:[-*•>]|\d{1,3}[.)]|[a-zA-Z]\))\s+)*")
# Closing punctuation, emoji and spaces to drop at the end of a sentence.
_TRAIL = re.compile(r"[\s.!?…:;,)\]\"'»”’\U0001F300-\U0001FAFF\u2600-\u27BF]+$")
_SPACE_RUN = re.compile(r"\s+")
# White space other than a single space: a line break, a tab, several spaces.
_ODD_SPACE = re.compile(r"[^\S ]|\s{2,}")
_QUESTION_END = re.compile(r"\?[\s!?.…)\]\"'»”’\U0001F300-\U0001FAFF\u2600-\u27BF]*$")

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl", "expl:subj"})
_CLAUSE_DEPS = frozenset({"ROOT", "root", "parataxis", "dep"})
_SEPARATORS = frozenset({",", ";", ":", "-", "–", "—", "(", "/"})
# "4.2", "v2.1", "3.0.1": a version number.
_VERSION = re.compile(r"v?\d+(\.\d+)+", re.IGNORECASE)
# A clause that ends in a coordinator runs on into the next one.
_JOINED_BY_COORDINATOR = re.compile(r"\b(and|et|then|puis)\s*$", re.IGNORECASE)
# Tags the French shape test never takes for a verb, whatever the lookup lemma.
_NEVER_VERBS = frozenset({"ADV", "ADP", "DET", "CCONJ", "SCONJ", "NUM", "PRON", "PUNCT"})
_HYPHENS = ("-", "‑")
_VERBAL = (VERB, AUX)


@dataclass(frozen=True)
class _Rules:
    """The compiled data of one language pack (built once per pack)."""

    signs: _Phrases
    hedges: _Phrases
    offer_conditions: _Phrases
    wish_conditions: _Phrases
    response_requests: _Phrases
    secondary: _Phrases
    not_asks: re.Pattern[str] | None
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
    negation_prefixes: frozenset[str]
    negation_words: frozenset[str]
    verbs: _VerbTables | None
    object_starters: frozenset[str]
    promotions: Lexicon
    not_names: frozenset[str]


class _VerbTables:
    """The pipeline's own lemmatizer tables, used to tell a verb form from a noun.

    Only needed for pipelines whose tagger misses imperatives (French small):
    a form is a verb form when the table of irregular forms knows it, or when
    a suffix rule turns it into a known verb lemma.
    """

    def __init__(self, lookups: Lookups) -> None:
        def table(name: str) -> dict:  # type: ignore[type-arg]
            return lookups.get_table(name) if lookups.has_table(name) else {}

        self._exc: dict[str, list[str]] = dict(table("lemma_exc").get("verb", {}))
        self._index: frozenset[str] = frozenset(table("lemma_index").get("verb", []))
        self._rules: list[tuple[str, str]] = [
            (old, new) for old, new in table("lemma_rules").get("verb", [])
        ]
        self._lookup = (
            lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else {}
        )

    def is_verb_form(self, form: str) -> bool:
        form = form.lower()
        if form in self._exc:
            return True
        for old, new in self._rules:
            if form.endswith(old) and form[: len(form) - len(old)] + new in self._index:
                return True
        return form in self._index

    def irregular(self, form: str) -> bool:
        """True when ``form`` is in the table of irregular verb forms ("fais", "mets")."""
        return form.lower() in self._exc

    def usual_lemma_is_verb(self, form: str) -> bool:
        """True when the most frequent reading of ``form`` is a verb."""
        lemma = self._lookup.get(form.lower())
        if isinstance(lemma, list):
            lemma = lemma[0] if lemma else None
        if not isinstance(lemma, str):
            return False
        return lemma in self._index or (lemma != form.lower() and self.is_verb_form(lemma))


class _Phrases:
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


def _words(pack: LanguagePack, name: str) -> frozenset[str]:
    path = pack.folder / f"{name}.txt"
    return pack.words(name) if path.is_file() else frozenset()


def _lexicon(pack: LanguagePack, name: str) -> Lexicon:
    path = pack.folder / f"{name}.txt"
    return pack.lexicon(name) if path.is_file() else Lexicon([], str(path))


def _phrases(pack: LanguagePack, name: str) -> _Phrases:
    return _Phrases(("x", _lexicon(pack, name)))


def _endings(pack: LanguagePack, name: str) -> tuple[str, ...]:
    return tuple(sorted(_words(pack, name), key=len, reverse=True))


def _find_verb_tables(pack: LanguagePack) -> _VerbTables | None:
    """The verb tables of the pack's loaded pipeline's lemmatizer, if it has them.

    The tables are the ones the pipeline already holds in memory: reading
    them again from disk would cost a second load (about 0.3 s in French).
    """
    from msglint.analysis.pipeline import load_pipeline

    try:
        lemmatizer = load_pipeline(pack.code).get_pipe("lemmatizer")
    except (KeyError, MsglintError):
        return None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.tables:
        return None
    return _VerbTables(lookups)


def _clause_split(coordinators: Lexicon) -> re.Pattern[str]:
    """Clause boundaries: punctuation, a spaced dash, a coordinator ("and", "mais").

    A coordinator right after the punctuation belongs to the boundary: "Thanks
    again, and have a good break" is "Thanks again" and "have a good break".
    """
    words = "|".join(phrase_pattern(entry) for entry in coordinators.entries)
    # (Not the colon of "mailto:" or "https://", nor the comma of "1,000".)
    punctuation = r"(?:(?:[,;:]+(?!\S)|[()])+\s*|\s[-–—]+\s+)"
    if not words:
        return re.compile(punctuation)
    return re.compile(rf"{punctuation}(?:(?:{words})\s+)?|\s(?:{words})\s+", re.IGNORECASE)


@cache
def _rules(pack: LanguagePack) -> _Rules:
    not_asks = _lexicon(pack, "not_asks")
    whole = "|".join(f"(?:{phrase_pattern(entry)})" for entry in not_asks.entries)
    object_starters = _words(pack, "object_starters")
    verb_check = bool(_words(pack, "imperative_endings") or object_starters)
    return _Rules(
        signs=_Phrases(
            ("hedged", _lexicon(pack, "hedged_asks")),
            ("request", _lexicon(pack, "request_phrases")),
            ("proposal", _lexicon(pack, "proposals")),
            ("nobody", _lexicon(pack, "no_owner")),
            ("we", _lexicon(pack, "we_asks")),
            ("need", _lexicon(pack, "need_phrases")),
        ),
        hedges=_phrases(pack, "ask_hedges"),
        offer_conditions=_phrases(pack, "offer_conditions"),
        wish_conditions=_phrases(pack, "wish_conditions"),
        response_requests=_phrases(pack, "response_requests"),
        secondary=_phrases(pack, "secondary_asks"),
        not_asks=re.compile(f"(?:{whole})", re.IGNORECASE) if whole else None,
        clause_split=_clause_split(_lexicon(pack, "clause_coordinators")),
        openers=_words(pack, "ask_openers"),
        second_person=_words(pack, "second_person"),
        modals=_words(pack, "request_modals"),
        subject_pronouns=_words(pack, "subject_pronouns"),
        clitics=_words(pack, "imperative_clitics"),
        inverted_subjects=_words(pack, "inverted_subjects"),
        not_imperative=_words(pack, "not_imperative_verbs"),
        permission_verbs=_words(pack, "permission_verbs"),
        let_me_requests=_words(pack, "let_me_requests"),
        we_imperative_endings=_endings(pack, "we_imperative_endings"),
        imperative_endings=_endings(pack, "imperative_endings"),
        infinitive_endings=_endings(pack, "infinitive_endings"),
        negation_prefixes=_words(pack, "negation_prefixes"),
        negation_words=_words(pack, "negation_words"),
        verbs=_find_verb_tables(pack) if verb_check else None,
        object_starters=object_starters,
        promotions=_lexicon(pack, "promotions"),
        not_names=_words(pack, "not_names"),
    )


def _doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("msglint_text")
    if text is None:
        text = doc.user_data["msglint_text"] = doc.text
    return text


def find_asks(doc: Doc, sentences: list[Sentence], pack: LanguagePack) -> list[Ask]:
    """The asks of a parsed body: at most one per sentence, in order."""
    rules = _rules(pack)
    asks: list[Ask] = []
    primary = False
    for index, sentence in enumerate(sentences):
        ask = _sentence_ask(doc, sentence, index, rules)
        if ask is None:
            continue
        # An ask that only completes another needs one made before it.
        if ask.secondary and not primary:
            ask = replace(ask, secondary=False)
        primary = primary or not ask.secondary
        asks.append(ask)
    return asks


def _sentence_ask(doc: Doc, sentence: Sentence, index: int, rules: _Rules) -> Ask | None:
    raw = _doc_text(doc)[sentence.start : sentence.end]
    stripped = raw.strip()
    if not stripped or (sentence.is_heading and not stripped.endswith("?")):
        return None
    start = sentence.start + (len(raw) - len(raw.lstrip()))
    end = start + len(stripped)
    # The parse features look at the sentence without its list marker ("1.", "-"),
    # which the parser often makes the head of the item.
    lead = _LEAD.match(stripped)
    span = doc.char_span(start + (lead.end() if lead else 0), end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if _title_case(span):
        return None  # a title: "Go Here Now For More Information", "Call Me Maybe"

    # Every sign of an ask, by kind and offset in the sentence. Phrases are
    # matched on the sentence with its line breaks and runs of spaces made one
    # space ("merci\nde me répondre"), and offsets are kept in that text.
    flat, to_flat, to_raw = _flatten(stripped)
    starts = [to_flat(token.idx - start) for token in span if token.idx >= start]
    triggers: list[tuple[int, str]] = []
    for hit_start, _, kind in rules.signs.hits(flat, starts):
        # A phrase in a subordinate clause ("the people you should call", "if we
        # need it", "sure to please everyone") asks nothing of anyone.
        offset = start + to_raw(hit_start)
        if not _subordinate(doc, offset, span, verbs_only=kind in ("hedged", "request")):
            triggers.append((hit_start, kind))
    triggers.extend(
        (to_flat(token.idx - start), kind) for token, kind in _inverted_to_reader(span, rules)
    )
    triggers.extend((to_flat(offset - start), kind) for offset, kind in _imperatives(span, rules))
    if _QUESTION_END.search(stripped) or sentence.is_question:
        triggers.append((len(flat) - 1, "question"))
    if not triggers:
        return None
    triggers = _drop_offers_and_closings(flat, starts, triggers, rules)
    if not triggers:
        return None

    kinds = {kind for _, kind in triggers}
    if kinds == {"imperative"} and rules.promotions.search(flat):
        return None  # "Save 30% today!": an advertisement, not a request
    if kinds & {"hedged", "request", "proposal"}:
        form = "request"
    elif kinds & {"imperative", "imperative-we"}:
        form = "imperative"
    elif kinds & {"need", "we", "nobody"}:
        form = "request" if "nobody" in kinds and "question" in kinds else "need"
    else:
        form = "question"
    if "nobody" in kinds:
        owner = "nobody"
    elif kinds & {"we", "imperative-we"} or (
        kinds & {"proposal"} and not kinds & {"request", "hedged"}
    ):
        owner = "we"
    else:
        owner = "reader"
    return Ask(
        text=stripped,
        start=start,
        end=end,
        sentence=index,
        form=form,
        hedged="hedged" in kinds or bool(rules.hedges.hits(flat, starts)),
        owner=owner,
        in_list=sentence.in_list,
        numbered=_is_numbered(_doc_text(doc), start, stripped),
        secondary=_completes_another(flat, starts, triggers, rules),
        addressee=_vocative(span, rules),
    )


def _vocative(span: Span, rules: _Rules) -> str | None:
    """The name an ask opens with, set off by a comma: "Leah, please cover…".

    The small pipelines often tag a first name as a noun, so a capitalised
    noun counts too, unless the pack's ``not_names`` says it is a word.
    """
    names = []
    for token in span:
        name_like = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_alpha)
        if name_like and token.is_title and len(names) < 3:
            if token.lower_ in rules.not_names:
                return None
            names.append(token.text)
            continue
        if token.text == "," and names:
            return " ".join(names)
        return None
    return None


_SUBORDINATE_DEPS = frozenset(
    {"relcl", "acl", "acl:relcl", "advcl", "csubj", "pcomp", "pobj", "amod"}
)


def _subordinate(doc: Doc, offset: int, span: Span, verbs_only: bool = False) -> bool:
    """True when the word at ``offset`` belongs to a relative or adverbial clause.

    A clause opened by a subordinating word and coordinated to a noun phrase
    ("for anything a client sees, or that someone must find again later") is
    one too. With ``verbs_only``, only a verb counts ("sure to please you", not
    the interjection "please"), and a verb with its own subject or infinitive
    marker is not said to the reader ("he let me know", "to please everyone").
    """
    char_span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if char_span is None:
        return False
    token = char_span[0]
    hit = token.i
    if hit > span.start and _wh_word(doc[hit - 1]):
        return True  # "what we need to do", "to see when we can get together"
    if verbs_only:
        if token.pos_ != "VERB":
            return False
        for child in token.children:
            if child.pos_ == "PART" and child.i == hit - 1:
                return True  # "sure to please", "they have to let us know"
            if child.dep_ in _SUBJECT_DEPS and _third_person_subject(child, token):
                return True  # "he let me know"
    for _ in range(4):  # up to the clause's verb
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ == "AUX" and token.head.i != token.i and token.dep_.startswith("aux"):
        token = token.head
    if token.dep_ == "conj" and any(
        child.dep_ == "mark" and span.start <= child.i < hit for child in token.children
    ):
        return True
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in _SUBORDINATE_DEPS and span.start <= token.head.i < span.end


_CLOSED_CLASSES = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "ADV"})


def _title_case(span: Span) -> bool:
    """A line In Title Case: the capitals of a title reach its small words ("Call Me Maybe")."""
    words = [token for token in span[1:] if token.is_alpha]
    if len(words) < 3:
        return False
    capitals = [token for token in words if token.is_title or token.is_upper]
    return len(capitals) >= 0.8 * len(words) and any(
        token.is_title and token.pos_ in _CLOSED_CLASSES for token in capitals
    )


def _wh_word(token: Token) -> bool:
    """A relative or interrogative word ("what", "when", "which", "que")."""
    if token.tag_ in ("WDT", "WP", "WP$", "WRB"):
        return True
    kinds = token.morph.get("PronType")
    return "Rel" in kinds or "Int" in kinds


def _third_person_subject(subject: Token, verb: Token) -> bool:
    """A subject that is neither the writer nor the reader, and not a vocative ("Steve: let…")."""
    if subject.i < verb.i and any(token.is_punct for token in subject.doc[subject.i + 1 : verb.i]):
        return False
    person = subject.morph.get("Person")
    return not ("1" in person or "2" in person)


def _core(text: str) -> str:
    """A sentence or clause without list markers and closing punctuation."""
    return _TRAIL.sub("", _LEAD.sub("", text))


def _is_not_ask(text: str, rules: _Rules) -> bool:
    core = _core(text)
    return not core or (rules.not_asks is not None and rules.not_asks.fullmatch(core) is not None)


def _drop_offers_and_closings(
    text: str, starts: list[int], triggers: list[tuple[int, str]], rules: _Rules
) -> list[tuple[int, str]]:
    """Triggers left once closings ("thanks, talk soon") and offers are set aside.

    An offer is a clause conditioned on the reader's own need ("call me if you
    need anything", "if you have questions, please contact me", "si besoin,
    appelle-moi"): the condition's clause and, when the condition comes first,
    the clause after it are not asks. Clauses are cut at punctuation and at
    coordinators (``clause_coordinators``).
    """
    segments = _segments(text, rules)
    dropped = set()
    for number, (seg_start, seg_end) in enumerate(segments):
        if _is_not_ask(text[seg_start:seg_end], rules):
            dropped.add(number)
    for hit_start, _, _ in rules.offer_conditions.hits(text, starts):
        number = next(n for n, (a, b) in enumerate(segments) if a <= hit_start < b)
        if any(offset < hit_start for offset, _ in triggers):
            dropped.add(number)  # "call me if you need anything": the clause itself
            continue
        # "If you have questions or concerns, please contact me": up to the next ask.
        dropped.update(_up_to_consequent(number, segments, triggers))
    for hit_start, _, _ in rules.wish_conditions.hits(text, starts):
        # Only a fronted wish is an offer ("If you would like to discuss it, call
        # me"), and not when what follows asks for an answer ("if you want me to
        # come, let me know").
        if any(offset < hit_start for offset, _ in triggers):
            continue
        number = next(n for n, (a, b) in enumerate(segments) if a <= hit_start < b)
        covered = _up_to_consequent(number, segments, triggers)
        low, high = segments[covered[-1]]
        if not any(a < high and b > low for a, b, _ in rules.response_requests.hits(text, starts)):
            dropped.update(covered)
    if not dropped:
        return triggers
    kept = []
    for offset, kind in triggers:
        number = next(
            (n for n, (a, b) in enumerate(segments) if a <= offset < b), len(segments) - 1
        )
        if number not in dropped:
            kept.append((offset, kind))
    return kept


def _segments(text: str, rules: _Rules) -> list[tuple[int, int]]:
    """The clauses of a sentence as (start, end) offsets, cut at punctuation and coordinators."""
    bounds = [0]
    for match in rules.clause_split.finditer(text) if rules.clause_split is not None else ():
        bounds.append(match.end())
    bounds.append(len(text) + 1)
    return list(itertools.pairwise(bounds))


def _completes_another(
    text: str, starts: list[int], triggers: list[tuple[int, str]], rules: _Rules
) -> bool:
    """True when every ask sign of the sentence only completes an ask made before it.

    A clause opening with a sign of ``secondary_asks`` completes another ask:
    a fallback condition ("If you cannot sign today, call me", "Si aucun ne
    vous convient, indiquez-moi…") covers the clauses up to its consequent; a
    request for the answer with nothing of its own but a deadline or a purpose
    ("Let me know by Friday", "please reply by Wednesday", "Dis-moi d'ici
    vendredi") covers its own clause. A softener is not a condition ("if you
    get a chance": ``ask_hedges``).
    """
    hits = rules.secondary.hits(text, starts)
    if not hits:
        return False
    segments = _segments(text, rules)
    hedges = {start for start, _, _ in rules.hedges.hits(text, starts)}
    covered: set[int] = set()
    for hit_start, _, _ in hits:
        if hit_start in hedges:
            continue
        number = next(n for n, (a, b) in enumerate(segments) if a <= hit_start < b)
        if hit_start > _clause_start(text, segments[number], starts, rules):
            continue  # not at the start of its clause (past its openers)
        a, b = segments[number]
        if any(a <= offset < b for offset, _ in triggers):
            covered.add(number)
        else:
            covered.update(_up_to_consequent(number, segments, triggers, text))
    if not covered:
        return False
    for offset, _ in triggers:
        number = next(
            (n for n, (a, b) in enumerate(segments) if a <= offset < b), len(segments) - 1
        )
        if number not in covered:
            return False
    return True


def _clause_start(text: str, segment: tuple[int, int], starts: list[int], rules: _Rules) -> int:
    """The offset of the first word of a clause past its openers ("and", "so", "alors")."""
    for position in starts:
        if position < segment[0]:
            continue
        if position >= segment[1]:
            break
        word = text[position:].split(" ", 1)[0].strip(".,;:!?").lower()
        if word in rules.openers or not word:
            continue
        return position
    return segment[0]


def _up_to_consequent(
    number: int,
    segments: list[tuple[int, int]],
    triggers: list[tuple[int, str]],
    text: str | None = None,
) -> list[int]:
    """The segments from a fronted condition to the first one holding an ask sign.

    With ``text``, the consequent runs on through clauses joined to it by a
    coordinator: "if a figure is wrong, correct it and send it back to me".
    """
    covered = [number]
    for later in range(number + 1, len(segments)):
        covered.append(later)
        a, b = segments[later]
        if any(a <= offset < b for offset, _ in triggers):
            break
    while text is not None and covered[-1] + 1 < len(segments):
        a, b = segments[covered[-1]]
        if not _JOINED_BY_COORDINATOR.search(text[a:b]):
            break
        covered.append(covered[-1] + 1)
    return covered


def _same(offset: int) -> int:
    return offset


def _flatten(text: str) -> tuple[str, Callable[[int], int], Callable[[int], int]]:
    """``text`` with each run of white space made one space, and the two offset maps.

    Returns the flat text, the map from an offset of ``text`` to the flat text
    and the map back. A text with single spaces only is returned as is.
    """
    if _ODD_SPACE.search(text) is None:
        return text, _same, _same
    to_flat = [0] * (len(text) + 1)
    to_raw = []
    pieces = []
    last = 0
    for match in _SPACE_RUN.finditer(text):
        for i in range(last, match.start()):
            to_flat[i] = len(to_raw)
            to_raw.append(i)
        pieces.append(text[last : match.start()])
        for i in range(match.start(), match.end()):
            to_flat[i] = len(to_raw)
        to_raw.append(match.start())
        pieces.append(" ")
        last = match.end()
    for i in range(last, len(text)):
        to_flat[i] = len(to_raw)
        to_raw.append(i)
    pieces.append(text[last:])
    to_flat[len(text)] = len(to_raw)
    to_raw.append(len(text))
    return "".join(pieces), to_flat.__getitem__, to_raw.__getitem__


def _is_numbered(text: str, start: int, stripped: str) -> bool:
    """True when the sentence is an item of an ordered list ("1. …", "2) …", "a) …")."""
    if _NUMBERED.match(stripped):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_LINE_PREFIX.match(text, line_start, start)) if line_start < start else False


def _inverted_to_reader(span: Span, rules: _Rules) -> list[tuple[Token, str]]:
    """Auxiliaries before a second-person subject at the start of a clause.

    A modal makes a request ("could you…", "can you…"); another auxiliary a
    question, even without its question mark ("do you know if…", "are you
    free on Monday").
    """
    found = []
    for token in span:
        modal = token.lower_ in rules.modals
        inverted = _inverted_clitic(token, span, rules)
        if inverted is not None:
            if _clause_initial(token, span, rules):
                found.append((token, "request" if modal else inverted))
            continue
        if not (modal or token.pos == AUX) or not _clause_initial(token, span, rules):
            continue
        head = token.head if token.dep_.startswith("aux") else token
        for child in head.children:
            if (
                child.dep_ in _SUBJECT_DEPS
                and child.i > token.i
                and child.lower_ in rules.second_person
            ):
                found.append((token, "request" if modal else "question"))
                break
    return found


def _inverted_clitic(token: Token, span: Span, rules: _Rules) -> str | None:
    """ "question" or "imperative" when a verb is followed by a hyphenated reader pronoun.

    "Sais-tu si…", "Avez-vous reçu…" (an inverted subject: a question even without
    its question mark); "-vous" after an imperative ending is reflexive instead:
    "Inscrivez-vous avant vendredi", "Renseignez-vous auprès des RH".
    """
    i = token.i + 1
    if i >= span.end or token.is_punct:
        return None
    clitic = span.doc[i]
    if clitic.text[:1] not in _HYPHENS or clitic.pos_ != "PRON":
        return None
    pronoun = clitic.lower_.lstrip("-‑")
    if pronoun not in rules.second_person or pronoun not in rules.inverted_subjects:
        return None
    # A participle, an infinitive or an adjective after the pronoun makes it a
    # subject ("Avez-vous reçu", "Êtes-vous disponible"), and so does a question
    # word before the verb ("Que pensez-vous…").
    after = span.doc[i + 1] if i + 1 < span.end else None
    subject = (after is not None and after.pos_ in ("VERB", "AUX", "ADJ")) or (
        token.i > span.start and _wh_word(span.doc[token.i - 1])
    )
    distinctive = tuple(ending for ending in rules.imperative_endings if len(ending) > 1)
    if not subject and token.lower_.endswith(distinctive) and token.pos != AUX:
        return "imperative"
    return "question"


def _clause_initial(token: Token, span: Span, rules: _Rules) -> bool:
    """Only openers, a vocative and punctuation between the token and its clause start."""
    i = token.i - 1
    while i >= span.start:
        other = span.doc[i]
        if other.text in _SEPARATORS or other.text in ".!?":
            return True
        skippable = (
            other.is_punct or other.pos_ in ("INTJ", "PROPN") or other.lower_ in rules.openers
        )
        question_word = other.tag_ in ("WRB", "WP", "WDT") or "Int" in other.morph.get("PronType")
        if not (skippable or question_word):
            return False
        i -= 1
    return True


def _hyphen_part(token: Token) -> bool:
    """A piece of a hyphenated word ("re" or "run" in "re-run"): never a clause head."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    joined_before = before is not None and before.text in _HYPHENS and not before.whitespace_
    joined_after = after is not None and after.text in _HYPHENS and not token.whitespace_
    if joined_before:
        return token.i > 1 and not doc[token.i - 2].whitespace_
    return joined_after and not after.whitespace_ and token.i + 2 < len(doc)


def _names_a_version(token: Token) -> bool:
    """ "Release 4.2 ships on Friday": a word before a version number names it."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and bool(_VERSION.fullmatch(nxt.text))


def _imperatives(span: Span, rules: _Rules) -> list[tuple[int, str]]:
    """Character offsets of the imperative verbs of a span, with "imperative" or "imperative-we"."""
    found = []
    for token in span:
        if (
            token.pos in _VERBAL
            and token.text not in _HYPHENS
            and not _hyphen_part(token)
            and not _names_a_version(token)
            and _parsed_imperative(token, span, rules)
        ):
            found.append((token.idx, "imperative-we" if _lets(token, rules) else "imperative"))
    if rules.imperative_endings:
        known = {offset for offset, _ in found}
        found.extend(item for item in _shaped_imperatives(span, rules) if item[0] not in known)
    elif not found and rules.object_starters and rules.verbs is not None:
        # A list item or a line the tagger read as a noun phrase: "Book the room",
        # "Yes, record 24 and 31 December as half days".
        doc = span.doc
        first = _first_content(span, rules)
        while first < span.end and (doc[first].pos_ == "INTJ" or doc[first].is_punct):
            first += 1
        if first + 1 < span.end and _misread_verb(doc[first], doc[first + 1], rules):
            found.append((doc[first].idx, "imperative"))
    return found


def _misread_verb(token: Token, nxt: Token, rules: _Rules) -> bool:
    """A clause head tagged as a noun that is a verb form followed by its object."""
    form = token.lower_
    if (
        token.pos_ in ("VERB", "AUX")
        or token.dep_ in _SUBJECT_DEPS  # "Invoice 4521 is attached"
        or token.dep_ == "compound"
        or "Plur" in token.morph.get("Number")  # "Claims that arrive later…"
        or form in rules.not_imperative
        or not form.isalpha()
    ):
        return False
    if nxt.lower_ in rules.object_starters:
        starts_object = "Rel" not in nxt.morph.get("PronType")
    else:
        starts_object = nxt.pos_ == "NUM"  # "Order 12 chairs"
    return starts_object and rules.verbs is not None and rules.verbs.is_verb_form(form)


def _lets(token: Token, rules: _Rules) -> bool:
    """ "Let's…" / "let us discuss": the writer and the reader together ("let us know" is not)."""
    if token.lemma_.lower() not in rules.permission_verbs:
        return False
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in ("'s", "’s", "us"):
        return False
    # "let us know" asks the reader for an answer (``response_requests``).
    return nxt.lower_ != "us" or not rules.response_requests.hits(_doc_text(doc), [token.idx])


def _parsed_imperative(token: Token, span: Span, rules: _Rules) -> bool:
    """A verb in the base form (or imperative mood) heading a clause with no subject."""
    morph = token.morph
    if "Imp" not in morph.get("Mood"):
        if token.pos_ not in ("VERB", "AUX"):
            return False
        # The tagger reads a base form after a vocative as a present: "Mike, send it".
        # ("am", "are" are presents whatever their place: the base form is "be").
        if token.tag_ != "VB" and not (
            token.tag_ == "VBP"
            and token.lower_ == token.lemma_.lower()
            and _subjectless_root(token, span, rules)
        ):
            return False
    if token.lemma_.lower() in rules.not_imperative or token.lower_ in rules.not_imperative:
        return False
    if token.lemma_.lower() in rules.permission_verbs and not _permission_ask(token, rules):
        return False
    head = token.head
    if token.dep_ == "conj":
        # Coordinated with an imperative, or with a clause head the tagger read
        # as a noun ("Book the room and call Paul"), not with a noun inside a
        # clause ("including Google Reader and easily access…").
        if head.i < span.start:
            return False
        if head.pos_ in ("VERB", "AUX"):
            if not _parsed_imperative(head, span, rules):
                return False
        elif head.dep_ not in _CLAUSE_DEPS:
            return False
    elif token.dep_ not in _CLAUSE_DEPS and not (
        token.dep_ == "ccomp" and _after_separator(token, span)
    ):
        # A comma splice makes a leading imperative look subordinate:
        # "Please describe it in detail, the capacity is…".
        leading = (
            token.dep_ in ("advcl", "csubj")
            and token.i < head.i
            and _sentence_initial(token, span, rules)
        )
        if not leading and span.start <= head.i < span.end and head.i != token.i:
            return False
    for child in token.children:
        if not span.start <= child.i < span.end:
            continue  # the parser may hang a word of another sentence on the verb
        dep = child.dep_
        if dep in _SUBJECT_DEPS or dep == "mark":
            return False
        if dep.startswith("aux") and child.lower_ not in ("do", "don't", "dont"):
            return False
    # Nothing but openers, vocatives and punctuation before the verb in its clause.
    for left in token.lefts:
        if left.i < span.start:
            continue
        if left.dep_ in (
            "prep",
            "advcl",
            "npadvmod",
            "intj",
            "punct",
            "cc",
            "advmod",
            "neg",
            "aux",
            "dep",
        ):
            continue
        return False
    before = token.i - 1
    return not (before >= span.start and token.doc[before].lower_ == "to")


def _permission_ask(token: Token, rules: _Rules) -> bool:
    """ "Let's go", "let me know": an ask; "let me explain", "let us help you": not one."""
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
            subjects = [c for c in child.children if c.dep_ in _SUBJECT_DEPS]
            if subjects and subjects[0].lower_ in ("'s", "’s"):
                return True
            if subjects and subjects[0].pos_ == "PRON" and "1" in subjects[0].morph.get("Person"):
                return child.lemma_.lower() in rules.let_me_requests
    return True


def _subjectless_root(token: Token, span: Span, rules: _Rules) -> bool:
    """A present-tense clause head with no subject, first in its clause: "If possible, send it"."""
    if _sentence_initial(token, span, rules):
        return True
    return all(
        left.dep_ in ("advcl", "punct", "intj", "advmod", "npadvmod") for left in token.lefts
    )


def _sentence_initial(token: Token, span: Span, rules: _Rules) -> bool:
    """Only openers, interjections and punctuation before the token in the span."""
    for other in span.doc[span.start : token.i]:
        if not (other.is_punct or other.pos_ in ("INTJ", "PROPN") or other.lower_ in rules.openers):
            return False
    return True


def _after_separator(token: Token, span: Span) -> bool:
    """True when the token's clause follows a comma, a dash or a colon."""
    edge = token.left_edge.i
    return edge - 1 >= span.start and token.doc[edge - 1].text in _SEPARATORS


def _clause_starts(span: Span, rules: _Rules) -> list[int]:
    """Token indices that start a clause: the span start and after separators or "and"."""
    starts = [span.start]
    for token in span:
        if token.text in _SEPARATORS or (token.lower_ in rules.openers and token.pos_ == "CCONJ"):
            starts.append(token.i + 1)
    return starts


def _shaped_imperatives(span: Span, rules: _Rules) -> list[tuple[int, str]]:
    """Imperatives the parser missed, recognised by the shape of the verb form."""
    doc = span.doc
    found = []
    for first in _clause_starts(span, rules):
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
        verdict = _verb_shape(doc, i, span, rules, negated)
        if verdict is not None and not _shares_a_subject(doc[i], first, span):
            found.append((doc[i].idx, "imperative-we" if verdict == "we" else "imperative"))
    return found


def _shares_a_subject(token: Token, clause_start: int, span: Span) -> bool:
    """A verb after « et » that takes the subject of the clause before it.

    "Elle fait cent lignes et touche le module": « touche » is a present, not
    an imperative. The parser either coordinates it with a verb that has the
    subject, or hangs it elsewhere and tags it third-person indicative.
    """
    head = token.head
    if (
        token.dep_ == "conj"
        and head.i < token.i
        and any(child.dep_ in _SUBJECT_DEPS for child in head.children)
    ):
        return True
    morph = token.morph
    return (
        clause_start > span.start
        and "3" in morph.get("Person")
        and "Ind" in morph.get("Mood")
        and any(t.dep_ in _SUBJECT_DEPS for t in token.doc[span.start : token.i])
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


def _verb_shape(doc: Doc, i: int, span: Span, rules: _Rules, negated: bool) -> str | None:
    """ "reader" or "we" when the token at ``i`` is shaped like an imperative, else None."""
    token = doc[i]
    form = token.lower_
    clitic = doc[i + 1] if i + 1 < span.end else None
    if clitic is not None and clitic.text in _HYPHENS:
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
    verbs = rules.verbs
    we = "we" if form.endswith(rules.we_imperative_endings) else "reader"
    if nxt_text[:1] in _HYPHENS:
        # "envoie-moi", "signe-le", "donne-m'en" (but "peux-tu", "pouvez-vous": a
        # question, see ``_inverted_clitic``).
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
    if token.pos_ in _NEVER_VERBS:
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
        and i == _first_content(span, rules)
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
        and token.dep_ in _CLAUSE_DEPS
        and not any(child.dep_ in _SUBJECT_DEPS for child in token.children)
    ):
        return we
    return None


def _first_content(span: Span, rules: _Rules) -> int:
    doc = span.doc
    i = span.start
    while i < span.end and (doc[i].is_punct or doc[i].lower_ in rules.openers or doc[i].is_space):
        i += 1
    if i < span.end and doc[i].lower_ in rules.negation_prefixes:
        i += 1
    return i
