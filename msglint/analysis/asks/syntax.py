"""Parse helpers shared by the ask signals: clause positions, subordination, names.

They read universal parse features (dependency labels of both spaCy schemes,
``PronType``, ``Person``) and the pack's tag facts (``AskRules``), never words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.symbols import AUX, VERB

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from msglint.analysis.asks.lexicons import AskRules

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl", "expl:subj"})
CLAUSE_DEPS = frozenset({"ROOT", "root", "parataxis", "dep"})
SEPARATORS = frozenset({",", ";", ":", "-", "–", "—", "(", "/"})
# Separators that end a clause, not a phrase: a dash, a semicolon, a colon.
CLAUSE_BREAKS = frozenset({";", ":", "-", "--", "–", "—"})
# Tags the French shape test never takes for a verb, whatever the lookup lemma.
NEVER_VERBS = frozenset({"ADV", "ADP", "DET", "CCONJ", "SCONJ", "NUM", "PRON", "PUNCT"})
HYPHENS = ("-", "‑")
VERBAL = (VERB, AUX)
# "4.2", "v2.1", "3.0.1": a version number.
_VERSION = re.compile(r"(?<![\w.])v?\d+(?:\.\d+)+", re.IGNORECASE)
_SUBORDINATE_DEPS = frozenset(
    {"relcl", "acl", "acl:relcl", "advcl", "csubj", "pcomp", "pobj", "amod"}
)
_CLOSED_CLASSES = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "ADV"})
# The small words a title leaves in lower case ("on", "the", "and", "to").
_TITLE_SMALL_WORDS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART"})


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("msglint_text")
    if text is None:
        text = doc.user_data["msglint_text"] = doc.text
    return text


def vocative(span: Span, rules: AskRules) -> str | None:
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


def subordinate(
    doc: Doc,
    offset: int,
    span: Span,
    rules: AskRules,
    verbs_only: bool = False,
    obligation: bool = False,
) -> bool:
    """True when the word at ``offset`` belongs to a relative or adverbial clause.

    A clause opened by a subordinating word and coordinated to a noun phrase
    ("for anything a client sees, or that someone must find again later") is
    one too. With ``verbs_only``, only a verb counts ("sure to please you", not
    the interjection "please"), and a verb with its own subject or infinitive
    marker is not said to the reader ("he let me know", "to please everyone").
    With ``obligation``, a clause that is an embedded question counts too ("to
    find out whether we need a permit"): a need there is only asked about.
    """
    char_span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if char_span is None:
        return False
    token = char_span[0]
    hit = token.i
    if hit > span.start and wh_word(doc[hit - 1], rules):
        return True  # "what we need to do", "to see when we can get together"
    if verbs_only:
        if token.pos_ != "VERB":
            return False
        for child in token.children:
            if child.pos_ == "PART" and child.i == hit - 1:
                return True  # "sure to please", "they have to let us know"
            if child.dep_ in SUBJECT_DEPS and third_person_subject(child, token):
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
    if (
        obligation
        and token.head.i != token.i
        and any(
            child.dep_ == "mark" and child.lower_ in rules.embedded_question_marks
            for child in token.children
        )
    ):
        return True  # "to find out whether we need a permit"
    if obligation and reported(token):
        return True  # "They said we have to wait", "I was told we need a permit"
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if head.i < token.i and any(t.text == ":" for t in token.doc[head.i + 1 : token.left_edge.i]):
        return False  # "Bruce: I am tied up, but let's…": a clause after a label
    if before_incise(token):
        return False  # « il faut donner les noms vite, je pense »
    return token.dep_ in _SUBORDINATE_DEPS and span.start <= head.i < span.end


# Where the reader stands as the one acted on or for: "send it to you", « te l'envoyer ».
# (The French parser hangs a clitic before its verb as "expl:comp" or even "det".)
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "obj", "pobj", "obl:arg", "expl:comp"})


def reader_outside_we(doc: Doc, offset: int, span: Span, rules: AskRules) -> bool:
    """True when the "we" of a shared action leaves the reader out: the reader is given
    something (``giving_verbs``) in the same clause or a clause under it ("We need to
    finalize the budget before I can send it to you", « nous devons finir le budget
    avant de te l'envoyer »): the writer's side states its own plan. Other verbs keep
    the reader in ("we need to talk to you", "we'd love to entertain you"), and a
    clause coordinated after it is another one ("We should meet on Monday, and I'll
    send you the agenda")."""
    char_span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if char_span is None:
        return False
    verb = clause_verb(char_span[0])
    for token in span:
        # (and as the "subject" of an infinitive, which has none: « avant de vous l'envoyer »)
        clitic = (token.dep_ == "det" and token.head.pos_ == "VERB") or (
            token.dep_ in SUBJECT_DEPS and "Inf" in token.head.morph.get("VerbForm")
        )
        if not (token.dep_ in _OBJECT_DEPS or clitic) or token.pos_ != "PRON":
            continue
        pronoun = token.lower_.lstrip("-‑")
        if pronoun not in rules.second_person and "2" not in token.morph.get("Person"):
            continue
        giver = token.head.head if token.dep_ == "pobj" else token.head
        if giver.lemma_.lower() in rules.giving_verbs and _under(giver, verb):
            return True
    return False


def _under(token: Token, verb: Token) -> bool:
    """The token hangs on the verb through objects and subordinate clauses, not a conjunct."""
    for _ in range(12):
        if token.i == verb.i:
            return True
        if token.dep_ in ("conj", "parataxis") or token.head.i == token.i:
            return False
        token = token.head
    return False


def before_incise(verb: Token) -> bool:
    """« Il faut donner les noms vite, je pense »: the obligation is the main clause.

    The parser hangs the obligation on the writer's aside that follows it
    after a comma (« je pense », « je crois que c'est pour bientôt ») as if
    it were a subordinate clause; with no mark of its own and said before a
    present of the writer, not negated, it is what the sentence asks.
    """
    head = verb.head
    if head.i <= verb.i or any(c.dep_ == "mark" for c in verb.children):
        return False
    subjects = [c for c in head.children if c.dep_.startswith("nsubj")]
    return (
        len(subjects) == 1
        and subjects[0].morph.get("Person") == ["1"]
        and subjects[0].morph.get("Number") == ["Sing"]
        and "Pres" in head.morph.get("Tense")
        and not any(c.morph.get("Polarity") == ["Neg"] for c in head.children)
        and any(t.text == "," for t in verb.doc[verb.right_edge.i + 1 : head.i])
    )


def reported(verb: Token) -> bool:
    """A clause reported by a verb in the past: "they said we have to wait", "I was told
    we need a permit" (what was said then, not asked now; "I think we need to talk",
    in the present, is the writer's own view)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return False
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or head.i > verb.i:
        return False
    if any(token.text in SEPARATORS for token in verb.doc[head.i + 1 : verb.i]):
        return False  # "…of which I was not aware - lets discuss": a new clause, misparsed
    tenses = set(head.morph.get("Tense"))
    for child in head.children:
        if child.dep_.startswith("aux") and child.i < head.i:
            tenses |= set(child.morph.get("Tense"))
    forms = set(head.morph.get("VerbForm"))
    return "Past" in tenses and ("Fin" in forms or "Part" in forms)


def title_case(span: Span) -> bool:
    """A line In Title Case: the capitals of a title reach its small words ("Call Me Maybe").

    Titles leave short prepositions, articles and conjunctions small ("How Many
    Hours Do You Spend on the Internet?", "Kick off Your Resolution"): those
    are not counted, as long as a pronoun or an auxiliary is capitalised.
    """
    words = [token for token in span[1:] if token.is_alpha]
    if len(words) < 3:
        return False
    counted = [
        token for token in words if not (token.is_lower and token.pos_ in _TITLE_SMALL_WORDS)
    ]
    capitals = [token for token in counted if token.is_title or token.is_upper]
    return len(capitals) >= 0.8 * len(counted) and any(
        token.is_title and token.pos_ in _CLOSED_CLASSES for token in capitals
    )


def wh_word(token: Token, rules: AskRules) -> bool:
    """A relative or interrogative word ("what", "when", "which", "que")."""
    if token.tag_ in rules.wh_tags:
        return True
    kinds = token.morph.get("PronType")
    return "Rel" in kinds or "Int" in kinds


def third_person_subject(subject: Token, verb: Token) -> bool:
    """A subject that is neither the writer nor the reader, and not a vocative ("Steve: let…")."""
    if subject.i < verb.i and any(token.is_punct for token in subject.doc[subject.i + 1 : verb.i]):
        return False
    person = subject.morph.get("Person")
    return not ("1" in person or "2" in person)


def hyphen_part(token: Token) -> bool:
    """A piece of a hyphenated word ("re" or "run" in "re-run"): never a clause head."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    joined_before = before is not None and before.text in HYPHENS and not before.whitespace_
    joined_after = after is not None and after.text in HYPHENS and not token.whitespace_
    if joined_before:
        return token.i > 1 and not doc[token.i - 2].whitespace_
    return joined_after and not after.whitespace_ and token.i + 2 < len(doc)


def names_a_version(token: Token) -> bool:
    """ "Release 4.2 ships on Friday": a word before a version number names it."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and bool(_VERSION.fullmatch(nxt.text))


def clause_initial(token: Token, span: Span, rules: AskRules) -> bool:
    """Only openers, a vocative and punctuation between the token and its clause start."""
    i = token.i - 1
    while i >= span.start:
        other = span.doc[i]
        if other.text in SEPARATORS or other.text in ".!?":
            return True
        skippable = (
            other.is_punct or other.pos_ in ("INTJ", "PROPN") or other.lower_ in rules.openers
        )
        question_word = other.tag_ in rules.question_tags or "Int" in other.morph.get("PronType")
        if not (skippable or question_word):
            return False
        i -= 1
    return True


def sentence_initial(token: Token, span: Span, rules: AskRules) -> bool:
    """Only openers, interjections and punctuation before the token in the span."""
    for other in span.doc[span.start : token.i]:
        if not (other.is_punct or other.pos_ in ("INTJ", "PROPN") or other.lower_ in rules.openers):
            return False
    return True


def after_separator(token: Token, span: Span) -> bool:
    """True when the token's clause follows a comma, a dash or a colon."""
    edge = token.left_edge.i
    return edge - 1 >= span.start and token.doc[edge - 1].text in SEPARATORS


def clause_starts(span: Span, rules: AskRules) -> list[int]:
    """Token indices that start a clause: the span start and after separators or "and"."""
    starts = [span.start]
    for token in span:
        if (
            token.text in SEPARATORS
            or (token.lower_ in rules.openers and token.pos_ == "CCONJ")
            or token.lower_ in rules.result_coordinators
        ):
            starts.append(token.i + 1)
    return starts


def first_content(span: Span, rules: AskRules) -> int:
    """The index of the span's first word past openers, punctuation and a negation."""
    doc = span.doc
    i = span.start
    while i < span.end and (doc[i].is_punct or doc[i].lower_ in rules.openers or doc[i].is_space):
        i += 1
    if i < span.end and doc[i].lower_ in rules.negation_prefixes:
        i += 1
    return i


def clause_verb(token: Token) -> Token:
    """The verb a word belongs to: an auxiliary's or a subject's head, else the word."""
    if token.pos_ in ("VERB", "AUX") and not token.dep_.startswith(("aux", "cop")):
        return token
    head = token.head
    return head if head.pos_ in ("VERB", "AUX", "ADJ") else token


def perfect_modal(verb: Token) -> bool:
    """A modal before a perfect: "you should have received it", "we could have caught it".

    Said of the past (a reproach, a guess), never an ask. Read from morphology:
    a past participle with a finite auxiliary (the modal) and, after it, an
    infinitive auxiliary that is not the passive's ("have", not "be sent"), or
    with a conditional auxiliary (« qui l'aurait cru ? »).
    """
    morph = verb.morph
    if "Part" not in morph.get("VerbForm") or "Past" not in morph.get("Tense"):
        return False
    finite = None
    for child in verb.children:
        if not child.dep_.startswith("aux") or child.i > verb.i:
            continue
        if "Cnd" in child.morph.get("Mood") and child.dep_ in ("aux", "aux:tense"):
            return True  # « qui l'aurait cru », « tu aurais dû » (a conditional perfect)
        if child.dep_ != "aux":
            continue
        forms = child.morph.get("VerbForm")
        if "Fin" in forms and finite is None:
            finite = child.i
        elif "Inf" in forms and finite is not None and child.i > finite:
            return True
    return False


def future_tense(verb: Token, auxiliaries: frozenset[str]) -> bool:
    """A verb in the future: by its morphology (« il faudra », « on devra ») or with
    an auxiliary of the future ("will have to be revised")."""
    return "Fut" in verb.morph.get("Tense") or any(
        child.dep_ == "aux" and child.lower_ in auxiliaries for child in verb.children
    )


def named_agent(verb: Token, code: str) -> bool:
    """A passive that names who acts: "it must be signed off by the board".

    The process is described, nobody is asked. "By" and a date or a time is a
    deadline, not an agent ("approved by Friday", "sent by the end of the
    week"): msglint's own time parser reads the phrase.
    """
    for child in verb.children:
        if child.dep_ != "agent":
            continue
        phrase = child.doc[child.i + 1 : child.right_edge.i + 1]
        if len(phrase) and not times_in(phrase.text, code):
            return True
    return False


def times_in(text: str, code: str) -> list[Any]:
    """The time expressions msglint's own parser reads in a piece of a sentence.

    Only their presence and kind matter here (is a "by" phrase a deadline?), so
    the reference time is a fixed one.
    """
    from datetime import datetime, timezone

    from msglint.analysis.times import find_times
    from msglint.lang import get_pack

    return find_times(text, get_pack(code), datetime(2000, 1, 1, tzinfo=timezone.utc))
