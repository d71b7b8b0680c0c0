"""Imperatives the parser reads: a verb heading its clause with no subject ("Send me…").

Also "let's…" / "let me know" (``let_imperatives``) and, in languages that
declare ``misread_verbs``, a line head the tagger read as a noun ("Book the
room").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.signals.shapes import shaped_imperatives
from msglint.analysis.asks.syntax import (
    CLAUSE_BREAKS,
    CLAUSE_DEPS,
    HYPHENS,
    SUBJECT_DEPS,
    VERBAL,
    after_separator,
    doc_text,
    first_content,
    hyphen_part,
    names_a_version,
    sentence_initial,
    wh_word,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.asks.lexicons import AskRules
    from msglint.analysis.asks.verbs import VerbTables

# Dependents that may stand before an imperative in its clause.
_BEFORE_IMPERATIVE = frozenset(
    {"prep", "advcl", "npadvmod", "intj", "punct", "cc", "advmod", "neg", "aux", "dep"}
)


def imperatives(span: Span, rules: AskRules, verbs: VerbTables | None) -> list[tuple[int, str]]:
    """Character offsets of the imperative verbs of a span, with "imperative" or "imperative-we"."""
    found = []
    if rules.uses("parsed_imperatives"):
        label = _label_end(span)
        for token in span:
            if token.i < label or _title_after_label(token, span, label):
                continue  # "Check 1.", "Call 2: …", "Step 2: Review": a label, a title
            if (
                token.pos in VERBAL
                and token.text[:1].isalpha()  # not a handle, a number, a code ("@anna2")
                and token.text not in HYPHENS
                and not hyphen_part(token)
                and not names_a_version(token)
                and not _bare_exclamation(token, span)
                and parsed_imperative(token, span, rules)
            ):
                found.append((token.idx, "imperative-we" if _lets(token, rules) else "imperative"))
        found.extend(_lets_without_apostrophe(span, rules))
    if rules.uses("shaped_imperatives"):
        known = {offset for offset, _ in found}
        shaped = shaped_imperatives(span, rules, verbs)
        found.extend(item for item in shaped if item[0] not in known)
    elif not found and rules.uses("misread_verbs") and verbs is not None:
        # A list item or a line the tagger read as a noun phrase: "Book the room",
        # "Yes, record 24 and 31 December as half days".
        doc = span.doc
        first = first_content(span, rules)
        while first < span.end and (doc[first].pos_ == "INTJ" or doc[first].is_punct):
            first += 1
        if first + 1 < span.end and _misread_verb(doc[first], doc[first + 1], rules, verbs):
            if doc[first + 1].pos_ == "NUM" and (
                first + 2 >= span.end or doc[first + 2].text in (":", ".", ")", "-", "–")
            ):
                return found  # a label: "Step 2.", "Item 4:", "Part 2: Results"
            found.append((doc[first].idx, "imperative"))
    return found


# What closes a numbered label: "Step 2.", "Item 4:", "Call 2 -", "Part 3)".
_LABEL_ENDS = frozenset({".", ":", ")", "-", "–", "—"})


def _label_end(span: Span) -> int:
    """Where a leading label ends ("Check 1.", "Step 2: Review"): a word and a number
    closing the span or closed by a separator; ``span.start`` when there is none."""
    doc = span.doc
    first, second = span.start, span.start + 1
    if second >= span.end or not doc[first].is_alpha or doc[second].pos_ != "NUM":
        return span.start
    if second + 1 == span.end:
        return span.end
    return second + 2 if doc[second + 1].text in _LABEL_ENDS else span.start


def _title_after_label(token: Token, span: Span, label: int) -> bool:
    """A verb alone after a numbered label: "Step 2: Review" is a heading, not a request
    ("Step 2: review the draft" asks)."""
    if label == span.start:
        return False
    return all(other.is_punct for other in span.doc[label : span.end] if other.i != token.i)


def _lets_without_apostrophe(span: Span, rules: AskRules) -> list[tuple[int, str]]:
    """ "lets discuss" written for "let's discuss": a form of ``let_us_forms`` right before a
    bare verb (adverbs aside), where the tagger often reads a plural noun ("once you get
    the demand lets discuss"). "He lets everyone park" has an object between; "he lets
    go" a subject before."""
    found = []
    doc = span.doc
    for token in span:
        if token.lower_ not in rules.let_us_forms:
            continue
        before = doc[token.i - 1] if token.i > span.start else None
        if before is not None and before.pos_ == "PRON" and "3" in before.morph.get("Person"):
            continue
        j = token.i + 1
        while j < span.end and doc[j].pos_ == "ADV":
            j += 1
        if j < span.end and doc[j].pos_ == "VERB" and doc[j].tag_ in rules.base_form_tags:
            found.append((token.idx, "imperative-we"))
    return found


def _bare_exclamation(token: Token, span: Span) -> bool:
    """ "Help!", "Enjoy!": a verb alone, exclaimed, is an interjection, not a request."""
    inside = [t for t in span if not t.is_punct and not t.is_space]
    return inside == [token] and span[-1].text.startswith("!")


def _misread_verb(token: Token, nxt: Token, rules: AskRules, verbs: VerbTables) -> bool:
    """A clause head tagged as a noun that is a verb form followed by its object."""
    form = token.lower_
    if (
        token.pos_ in ("VERB", "AUX")
        or token.dep_ in SUBJECT_DEPS  # "Invoice 4521 is attached"
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
    return starts_object and verbs.is_verb_form(form)


def _lets(token: Token, rules: AskRules) -> bool:
    """ "Let's…" / "let us discuss": the writer and the reader together ("let us know" is not)."""
    if token.lemma_.lower() not in rules.permission_verbs:
        return False
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in rules.let_objects:
        return False
    # "let us know" asks the reader for an answer (``response_requests``).
    return nxt.lower_ in rules.joint_let_objects or not rules.response_requests.hits(
        doc_text(doc), [token.idx]
    )


def parsed_imperative(token: Token, span: Span, rules: AskRules) -> bool:
    """A verb in the base form (or imperative mood) heading a clause with no subject."""
    morph = token.morph
    if "Imp" not in morph.get("Mood"):
        if token.pos_ not in ("VERB", "AUX"):
            return False
        # The tagger reads a base form after a vocative as a present: "Mike, send it".
        # ("am", "are" are presents whatever their place: the base form is "be").
        if token.tag_ not in rules.base_form_tags and not (
            token.tag_ in rules.present_tags
            and token.lower_ == token.lemma_.lower()
            and _subjectless_root(token, span, rules)
            and not _after_elided_writer(token, span)
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
        if _consequence(token, rules) or _fronted_condition(token, rules):
            pass  # "I'm out tomorrow so call me tonight": a clause of its own
        elif head.pos_ in ("VERB", "AUX"):
            if not parsed_imperative(head, span, rules):
                return False
        elif head.dep_ not in CLAUSE_DEPS:
            return False
    elif _continues_a_statement(token, span, rules):
        return False
    elif token.dep_ not in CLAUSE_DEPS and not (
        token.dep_ == "ccomp" and after_separator(token, span)
    ):
        # A comma splice makes a leading imperative look subordinate:
        # "Please describe it in detail, the capacity is…".
        leading = (
            token.dep_ in ("advcl", "csubj")
            and token.i < head.i
            and sentence_initial(token, span, rules)
        )
        if not leading and span.start <= head.i < span.end and head.i != token.i:
            return False
    # The clause starts after a dash, a semicolon or a colon: "you are doing fine -
    # do not hesitate to call me" (a run-on the parser hangs on the imperative), and
    # a label before a colon is no subject ("Reminder: send your timesheets", "Step 2:
    # review the draft"; the list after "Duties:" describes: ``list_labels``).
    opening = _clause_opening(token, span, rules)
    for child in token.children:
        if not span.start <= child.i < span.end:
            continue  # the parser may hang a word of another sentence on the verb
        dep = child.dep_
        if dep in SUBJECT_DEPS and child.i < opening:
            continue
        if dep in SUBJECT_DEPS and _vocative_subject(child, token):
            continue
        if dep in SUBJECT_DEPS or dep == "mark":
            return False
        if dep.startswith("aux") and child.lower_ not in rules.do_auxiliaries:
            return False
    # Nothing but openers, vocatives and punctuation before the verb in its clause.
    for left in token.lefts:
        if left.i < opening:
            continue
        if left.dep_ in _BEFORE_IMPERATIVE or _vocative_subject(left, token):
            continue
        return False
    before = token.i - 1
    if before >= span.start and wh_word(token.doc[before], rules):
        return False  # "Why wait?", "how to apply": a question word before a bare verb
    return not (before >= span.start and token.doc[before].lower_ in rules.infinitive_markers)


def _consequence(token: Token, rules: AskRules) -> bool:
    """A base form right after a word of ``result_coordinators`` whose head clause has no
    modal to share: "I'm out so call me" ("we can go early so leave at 4" may share "can")."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].lower_ not in rules.result_coordinators:
        return False
    if token.tag_ not in rules.base_form_tags:
        return False
    return not any(
        child.dep_ == "aux" and child.lower_ in rules.modal_auxiliaries
        for child in token.head.children
    )


def _fronted_condition(token: Token, rules: AskRules) -> bool:
    """A coordinated base form with its own condition or time clause before it, after a
    clause with no modal to share: "I'm sure you are tired of it, but if you need an
    ear, give me a buzz" (a verb phrase sharing the subject takes no fronted clause)."""
    if token.dep_ != "conj" or token.tag_ not in rules.base_form_tags:
        return False
    fronted = any(
        child.dep_ == "advcl"
        and child.i < token.i
        and any(grand.dep_ == "mark" and grand.i < child.i for grand in child.children)
        for child in token.children
    )
    return fronted and not any(
        child.dep_ == "aux" and child.lower_ in rules.modal_auxiliaries
        for child in token.head.children
    )


def _clause_opening(token: Token, span: Span, rules: AskRules) -> int:
    """The index where the token's clause starts: past the last strong separator
    (``CLAUSE_BREAKS``) before it in the span, or past a word of consequence right
    before it ("I'm out tomorrow so call me": ``_consequence``), else the span's start."""
    doc = token.doc
    if _consequence(token, rules):
        return token.i
    for i in range(token.i - 1, span.start - 1, -1):
        if doc[i].text in CLAUSE_BREAKS:
            return i + 1
    return span.start


def _vocative_subject(subject: Token, verb: Token) -> bool:
    """A name set off before the verb, read as its subject: "Anna--send me the figures";
    or a bare noun that opens the sentence, a greeting aside: "Hello team, remember to…",
    "Folks, send me your slides" (a subject is never set off from its verb by a comma)."""
    if subject.pos_ not in ("PROPN", "NOUN") or subject.i > verb.i:
        return False
    doc = subject.doc
    between = doc[subject.i + 1 : verb.i]
    if not (len(between) > 0 and all(token.is_punct for token in between)):
        return False
    if subject.pos_ == "PROPN":
        return True
    # ("Prices, remember, are rising": a verb set off on both sides is a parenthesis.)
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].is_punct:
        return False
    start = subject.sent.start if doc.has_annotation("SENT_START") else 0
    return not any(child.dep_ in ("det", "poss", "amod") for child in subject.children) and all(
        token.pos_ == "INTJ" or token.is_punct for token in doc[start : subject.i]
    )


def _continues_a_statement(token: Token, span: Span, rules: AskRules) -> bool:
    """A bare verb joined by "and"/"then" to a clause with its own subject shares it.

    "Slow browsers may need to wait a few seconds, then scroll to view": the
    parser hangs "scroll" on "need" as a loose dependent, but its subject is
    "browsers", like a coordinated verb's ("Book the room and call Paul" is two
    imperatives because "Book" is one).
    """
    if token.dep_ not in ("dep", "parataxis"):
        return False
    head = token.head
    if head.i == token.i or not span.start <= head.i < span.end or head.pos_ not in ("VERB", "AUX"):
        return False
    before = token.doc[token.i - 1] if token.i > span.start else None
    if before is None or before.lower_ not in rules.run_on_words:
        return False
    return not parsed_imperative(head, span, rules)


def _permission_ask(token: Token, rules: AskRules) -> bool:
    """ "Let's go", "let me know": an ask; "let me explain", "let us help you": not one."""
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
            subjects = [c for c in child.children if c.dep_ in SUBJECT_DEPS]
            if subjects and subjects[0].lower_ in rules.joint_let_objects:
                return True
            if subjects and subjects[0].pos_ == "PRON" and "1" in subjects[0].morph.get("Person"):
                return child.lemma_.lower() in rules.let_me_requests
    return True


def _after_elided_writer(token: Token, span: Span) -> bool:
    """A present joined to a past that has no subject: the writer's notes with their
    "I" left out ("Got messages in to Schroeder--expect to hear back today", "Sent
    the draft to legal, expect comments by Friday"). The tagger's present stands:
    the same "I" is understood, nobody is told to act."""
    head = token.head
    before = [head] if head.i != token.i and span.start <= head.i < token.i else []
    before += [child for child in token.lefts if child.dep_ == "advcl"]
    return any(_past_without_subject(verb) for verb in before)


def _past_without_subject(verb: Token) -> bool:
    """A finite past with no subject, auxiliary or subordinating word of its own."""
    morph = verb.morph
    return (
        verb.pos_ == "VERB"
        and "Past" in morph.get("Tense")
        and "Fin" in morph.get("VerbForm")
        and not any(
            child.dep_ in SUBJECT_DEPS or child.dep_ == "mark" or child.dep_.startswith("aux")
            for child in verb.children
        )
    )


def _subjectless_root(token: Token, span: Span, rules: AskRules) -> bool:
    """A present-tense clause head with no subject, first in its clause: "If possible, send it"."""
    if sentence_initial(token, span, rules):
        return True
    return all(
        left.dep_ in ("advcl", "punct", "intj", "advmod", "npadvmod") for left in token.lefts
    )
