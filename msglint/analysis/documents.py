"""Documents a message shows as present that the reader will not find in it.

The writer's own text often hands a document over without the word
"attached": it shows it ("here is the business plan", "it's the pulp
presentation", « voici le devis », « c'est le planning ») or asks the
reader to use it ("please print this document", "please review and sign",
« merci de l'imprimer ») — a document noun (``document_nouns.txt``) made
present by a deictic frame, or the object of a reader's verb of use
(``document_verbs.txt``), demonstrative, pronoun or left out. In a message
with no attachment, no link and no attachment in the thread, that document
is missing. A forward passes on a message: when that message held only its
headers ("-----Original Message----- From: … Subject: DWR Report"), the
reader gets nothing to read; when it says "attached" and the note sends the
reader to it ("pls print"), the file is missing. Read by CL04.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING

from msglint.lang import subject_prefix_pattern
from msglint.lang.lexicon import phrase_pattern

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Span

    from msglint.analysis.model import Analysis, Sentence


@dataclass(frozen=True)
class DocumentWords:
    """The words of the presentation and use frames, from one language pack."""

    here_adverbs: frozenset[str]  # "here is the plan"
    here_verbs: frozenset[str]  # "here it is", "here you go"
    presentatives: frozenset[str]  # « voici le devis »
    pointing_subjects: frozenset[str]  # "this is the deck", « c'est le planning »
    opening_pointers: frozenset[str]  # "it's the pulp presentation", at the opening only
    demonstratives: frozenset[str]  # "print this document"
    pronoun_objects: frozenset[str]  # "print it", « merci de l'imprimer »
    handed_pronouns: frozenset[str]  # "here it is", "here they are"
    object_clitics: frozenset[str]  # « le voici »
    negations: frozenset[str]  # "this is not the deck"
    indefinite_articles: frozenset[str]  # "it's a good document" identifies none
    copulas: frozenset[str]  # "this is the deck"
    viewing_verbs: frozenset[str]  # "please see the business plan"
    content_verbs: frozenset[str]  # "the table shows the four graphs"
    reader_words: frozenset[str]  # "you", « vous »: the reader
    place_prepositions: frozenset[str]  # "in the ERP", « sur le drive »
    pointing_pronouns: frozenset[str]  # "this one has a page with all four graphs"
    noun_complement_markers: frozenset[str]  # "a copy of the plan", « une copie du contrat »
    handover_verbs: frozenset[str]  # "I forgot to send you this"


@cache
def document_words(code: str) -> DocumentWords:
    """The pack's word lists for this module, each a lexicon of ``lang/<code>/``."""
    from msglint.lang import get_pack

    pack = get_pack(code)
    return DocumentWords(**{f.name: pack.words(f.name) for f in fields(DocumentWords)})


@cache
def _forward_marker() -> re.Pattern[str] | None:
    """Every pack's ``forward_markers``: a forwarded header may be in any language."""
    from msglint.lang import available_languages, get_pack

    entries = sorted(
        {
            e
            for code in available_languages()
            for e in get_pack(code).lexicon("forward_markers").entries
        },
        key=len,
        reverse=True,
    )
    if not entries:
        return None
    return re.compile("|".join(phrase_pattern(e) for e in entries), re.IGNORECASE)


def is_forward(a: Analysis) -> bool:
    """The message passes another one on: Fwd:/TR: subject, forward header below, no own text."""
    if subject_prefix_pattern(("forward",)).match(a.subject or ""):
        return True
    marker = _forward_marker()
    return not a.body.strip() or bool(marker and marker.search(a.message.quoted[:2000]))


def forwarded_nothing(a: Analysis) -> bool:
    """A forward whose forwarded message holds no word below its headers."""
    if not a.message.quoted.strip() or not is_forward(a):
        return False
    from msglint.inputs.reply import without_headers

    return not any(c.isalnum() for c in without_headers(a.message.quoted))


def title_only(a: Analysis) -> tuple[int, int, str] | None:
    """The span of a new message's text when it only repeats its subject, with no verb.

    "Measurement Stds" under "Subject: Measurement Stds", and nothing else: a
    title with nothing under it is what a writer types over the file they
    attach, as a file name for a subject is. Not a question, not a reply or
    a forward, not a line that says something ("Meeting moved to 3 pm"), nor
    words that name nothing or greet ("Update", "Thanks", "Happy new year").
    """
    text = a.body.strip()
    if a.doc is None or not text or is_forward(a) or a.message.quoted.strip():
        return None
    subject = subject_prefix_pattern(("reply", "forward")).sub("", a.subject or "")
    if " ".join(text.split()).casefold() != " ".join(subject.split()).casefold():
        return None
    if "?" in text or any(t.pos_ in ("VERB", "AUX") for t in a.doc):
        return None
    if a.subject_facts.says_nothing or a.subject_facts.social:
        return None  # "Thanks", "Update", "Happy new year": no title of anything
    start = a.body.index(text)
    return start, start + len(text), text


_OBJECTS = frozenset({"dobj", "obj"})
# What may stand for the object: with none, "pls print" prints what is here; a time
# or a manner ("before Friday", « avant jeudi ») leaves the object out all the same.
_COMPLEMENTS = frozenset(
    {"dobj", "obj", "iobj", "ccomp", "xcomp", "obl:arg", "attr", "acomp", "prt"}
)
_RELATIVES = frozenset({"relcl", "acl", "acl:relcl"})
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)


def presented_documents(a: Analysis) -> list[tuple[int, int, str]]:
    """Spans where the sender's own text shows or hands a document to the reader.

    "Here is the business plan", "it's the pulp presentation", « voici le
    devis », « c'est le planning » present a document; "please print this
    document", "please review and sign", « merci de relire ce document »
    ask the reader to use one. In a new message or a reply, with no link in
    the text and no attachment mentioned in the thread, that document is
    missing. A forward passes its message on: see :func:`note_points_at_forward`.
    """
    if a.doc is None or is_forward(a) or _URL.search(a.body):
        return []
    if a.pack.find("attachment_phrases", a.message.quoted):
        return []  # the thread carried the file: "this is the deck" answers it
    return _references(a, asks=not a.message.quoted.strip())


def _own_sentence_spans(a: Analysis) -> Iterator[tuple[Sentence, Span, bool, bool]]:
    """The own sentences up to the sign-off: parse span, skip flag, pointer flag.

    Skip: the sentence says the document lies elsewhere ("in the ERP", « sur le
    drive ») or the document may follow it in the text; its tokens frame nothing.
    Pointer: it points into the text ("the summary below", « ci-dessous »).
    """
    assert a.doc is not None
    elsewhere = a.pack.lexicon("elsewhere_markers")
    pointers = a.pack.lexicon("text_pointers")
    end = a.message.end_before_closing
    for sentence in a.sentences:
        if sentence.start >= end:
            return
        span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None:
            skip = bool(elsewhere.search(sentence.text)) or _content_follows(a, sentence)
            yield sentence, span, skip, bool(pointers.search(sentence.text))


def held_documents(a: Analysis) -> list[tuple[int, int, str]]:
    """Spans where the own text treats a named document as in the reader's hands.

    A definite document ("the business plan", « le tableau », « du
    planning », never the reader's own "your report" nor "the draft you
    sent") that the reader is asked or told to look into ("please check the
    figures in the budget draft", "you'll find the figures in the summary",
    « merci de jeter un œil au planning ») or whose content the text
    describes in the present ("the summary lists every cost line", « le
    tableau reprend les chiffres », "this one has a page with all four
    graphs") must travel with the message. Gated as
    :func:`presented_documents`; not when the text asks whether it was done
    ("did you see the report?"), nor when the sentence says where the
    document lies ("in the ERP", « sur le drive »).
    """
    if a.doc is None or is_forward(a) or _URL.search(a.body):
        return []
    if a.pack.find("attachment_phrases", a.message.quoted):
        return []
    nouns = a.pack.words("document_nouns")
    w = document_words(a.pack.code)
    use = w.viewing_verbs | a.pack.words("document_verbs")
    # "The summary below lists…" may be the text that follows; "the following file
    # contains…" cannot: a file (file_nouns.txt) is not pasted into a text. Unless
    # the text goes on with it (a colon, a list, a block) or quotes a message below.
    files = a.pack.words("file_nouns")
    quoting = bool(a.message.quoted.strip())
    asked = [(x.start, x.end) for x in a.asks if x.owner == "reader" and not x.secondary]
    found: list[tuple[int, int, str]] = []
    for _sentence, span, skip, pointed in _own_sentence_spans(a):
        if any(_placed(t, nouns, w) for t in span):
            return []  # "The document is in the shared Sales folder": not in the message
        for token in [] if skip else span:
            if pointed and (quoting or token.lemma_.lower() not in files):
                continue  # "the summary below": maybe the text itself
            hit = _held(token, nouns, use, asked, w)
            if hit is not None:
                found.append((hit[0], hit[1], a.doc.text[hit[0] : hit[1]]))
    return found


def kept_elsewhere(a: Analysis) -> bool:
    """The own text says where its documents are ("the files are on the shared drive").

    Or gives a link, or sends them another way ("separately", « par
    courrier », ``elsewhere_markers.txt``): the files it names are not
    missing from this message.
    """
    if _URL.search(a.body) or a.pack.find("elsewhere_markers", a.body):
        return True
    if a.doc is None:
        return False
    nouns = a.pack.words("document_nouns")
    w = document_words(a.pack.code)
    return any(_placed(t, nouns, w) or _placed_pronoun(t, w) for t in a.doc)


def _placed_pronoun(token, w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """ "They are on the shared drive", "these are in the folder": a pronoun kept somewhere."""
    if not token.dep_.startswith("nsubj") or token.pos_ != "PRON":
        return False
    verb = token.head
    return any(
        c.dep_ == "prep" and c.lower_ in w.place_prepositions and verb.lemma_ == "be"
        for c in verb.children
    )


def _placed(token, nouns: frozenset[str], w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """ "The document is in the shared folder", « il est sur le drive »: kept elsewhere."""
    subject = token.dep_.startswith("nsubj") or token.dep_ == "expl:subj"
    if not subject or not (_is_document(token, nouns) or token.lower_ in w.handed_pronouns):
        return False
    verb = token.head.head if token.head.dep_ == "cop" else token.head
    if any(c.dep_ == "case" and c.lower_ in w.place_prepositions for c in verb.children):
        return any(c.dep_ == "cop" for c in verb.children)  # « est sur le drive »
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in w.place_prepositions:
            return any(g.dep_ == "pobj" for g in c.children)
        if c.dep_ in ("obl", "obl:mod", "obl:arg") and any(
            g.dep_ == "case" and g.lower_ in w.place_prepositions for g in c.children
        ):
            return True
    return False


def _held(token, nouns, use, asked, w: DocumentWords):  # type: ignore[no-untyped-def]
    """One token's frame: a document looked into or described, or "this one" described."""
    verb = _governing_verb(token)
    if verb is None or _negated(verb, w):
        return None
    describes = verb.lemma_.lower() in w.content_verbs and _present(verb)
    if token.dep_ == "nsubj" and _pointing(token, w):
        # "This one has a page with all four graphs": a nominal object, not "this one works".
        has_object = any(c.dep_ in _OBJECTS and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
        return (token.idx, _end(verb)) if describes and has_object else None
    if token.pos_ not in ("NOUN", "PROPN") or not token.text.islower():
        return None  # « au planning » is at times read as a name; "Plan B" is one
    if not _is_document(token, nouns) or not _held_definite(token, w):
        return None
    if _located(verb, token, nouns, w):
        return None
    if token.dep_ == "nsubj":
        return (token.idx, _end(max(verb, token, key=lambda t: t.i))) if describes else None
    if verb.lemma_.lower() not in use or _done(verb):
        return None
    reader = any(c.dep_.startswith("nsubj") and c.lower_ in w.reader_words for c in verb.children)
    if reader or any(s <= verb.idx < e for s, e in asked):
        first, last = sorted((verb, token), key=lambda t: t.i)
        return first.idx, _end(last)
    return None


def _pointing(token, w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """ "this one", « celle-ci »: one of a kind, at hand; not "this" alone, which points back."""
    if token.lower_ not in w.pointing_pronouns:
        return False
    return any(c.dep_ == "det" and c.lower_ in w.demonstratives for c in token.children)


def _held_definite(token, w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """ "the/this/our plan", « le/ce tableau »; not "a plan", nor the reader's "your plan"."""
    fused = any(c.dep_ == "case" and "Def" in c.morph.get("Definite") for c in token.children)
    if not _definite(token, w) and not fused:  # « du tableau »: de + le
        return False
    owners = (c for c in token.children if c.dep_ in ("det", "poss", "nmod:poss"))
    if any(c.lower_ in w.reader_words for c in owners):
        return False
    # "the report you sent", « le tableau que tu m'as envoyé »: the reader has it already.
    return not any(
        c.dep_ in _RELATIVES
        and any(g.dep_.startswith("nsubj") and g.lower_ in w.reader_words for g in c.children)
        for c in token.children
    )


def _governing_verb(token):  # type: ignore[no-untyped-def]
    """The verb the document hangs on: its head, or the head of its preposition."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    if token.dep_ in ("pobj", "nmod") and head.dep_ in _OBJECTS and head.pos_ == "NOUN":
        head = head.head  # "check the figures in the draft", « vérifie les chiffres du tableau »
    if head.pos_ in ("VERB", "AUX") and head.i != token.i:
        return head
    return None


def _done(verb) -> bool:  # type: ignore[no-untyped-def]
    """ "did you see", "have you read", « as-tu lu »: whether it was done, not an ask to do it.

    A past or a participle, or an auxiliary of tense ("did", "have", "are"),
    not a modal ("could you review", "you will find").
    """
    if verb.tag_ in ("VBD", "VBN") or {"Past"} & set(verb.morph.get("Tense")):
        return True
    if "Part" in verb.morph.get("VerbForm"):
        return True
    return any(
        c.dep_ in ("aux", "aux:tense") and c.tag_ in ("VBD", "VBP", "VBZ") for c in verb.children
    )


def _present(verb) -> bool:  # type: ignore[no-untyped-def]
    """ "shows", « reprend »: the document as it stands, not "showed" or "will show"."""
    if any(c.dep_ in ("aux", "aux:tense", "aux:pass") for c in verb.children):
        return False
    return verb.tag_ in ("VBZ", "VBP") or "Pres" in verb.morph.get("Tense")


def _located(verb, token, nouns: frozenset[str], w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """The sentence puts the document somewhere else: "in the ERP", « sur le drive »."""
    for holder in (verb, token):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in w.place_prepositions:
                place = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif (
                c.dep_ in ("obl", "obl:mod", "nmod")
                and c.i != token.i
                and any(g.dep_ == "case" and g.lower_ in w.place_prepositions for g in c.children)
            ):
                place = c
            else:
                continue
            if place is not None and place.i != token.i and not _is_document(place, nouns):
                return True
    return False


def note_points_at_forward(a: Analysis) -> bool:
    """A forward's own note shows or asks to use a document ("pls print", "here is the memo")."""
    if a.doc is None or not is_forward(a) or not a.body.strip():
        return False
    return bool(_references(a, asks=True))


# A report, a plan or a deck pasted into a message runs longer than this; a forwarded
# message this short is a cover note ("Draft. Please beat up and comment."), not the
# document the forward's note shows.
_COVER_NOTE_WORDS = 40


def forwarded_text_may_hold_it(a: Analysis) -> bool:
    """A forward whose forwarded message is long enough to be what its note hands over.

    « Je te transfère la proposition » over the supplier's message that lays
    the proposal out: the forwarded text is the document. A forwarded message
    that mentions its own attachment, in any language ("Please find attached
    our invoice" under « je vous transfère la facture »), carried a file the
    forward may have lost: the note's hand-over stands.
    """
    if not is_forward(a) or _mentions_attachment(a.message.quoted):
        return False
    from msglint.inputs.reply import without_headers

    return len(without_headers(a.message.quoted).split()) >= _COVER_NOTE_WORDS


def _mentions_attachment(text: str) -> bool:
    """Any pack's ``attachment_phrases`` in ``text``: a forwarded message may be in any language."""
    from msglint.lang import available_languages, get_pack

    return any(get_pack(code).find("attachment_phrases", text) for code in available_languages())


def forward_note_shows(a: Analysis) -> list[tuple[int, int, str]]:
    """Spans where a forward's note shows a document its forwarded message cannot hold.

    "This is a copy of Lloyd's business plan" over a forwarded message of
    two lines that names no attachment: the plan went with the first message
    and not with this one. A longer forwarded text may be the document itself
    ("This is the memo" over the memo).
    """
    if a.doc is None or not is_forward(a) or not a.body.strip() or _URL.search(a.body):
        return []
    if a.pack.find("attachment_phrases", a.message.quoted):
        return []  # the forwarded "attached" is CL04's forwarded hint
    if forwarded_text_may_hold_it(a):
        return []
    return _references(a, asks=False)


def _references(a: Analysis, asks: bool) -> list[tuple[int, int, str]]:
    """The presentation and use frames in the own text, up to the sign-off."""
    nouns = a.pack.words("document_nouns")
    verbs = a.pack.words("document_verbs")
    w = document_words(a.pack.code)
    asked = [(x.start, x.end) for x in a.asks if x.owner == "reader" and not x.secondary]
    times = [(t.start, t.end) for t in a.times if t.field == "body"]
    found: list[tuple[int, int, str]] = []
    named_before = False  # a document noun earlier: a pronoun may point back at it
    opening = True  # no sentence of more than a greeting yet: "it" has nothing to refer to
    handed = False  # the sentence before handed "this" over: "it" is that thing
    for sentence, span, skip, pointed in _own_sentence_spans(a):
        skip = skip or pointed
        for token in [] if skip else span:
            hit = None
            if not sentence.is_question:
                hit = _presents(token, nouns, opening, w, handed) or _handed_here(token, w)
            if hit is None and asks and any(s <= token.idx < e for s, e in asked):
                hit = _asks_to_use(token, verbs, nouns, named_before, times, w)
            if hit is not None:
                found.append((hit[0], hit[1], a.doc.text[hit[0] : hit[1]]))
        named_before = named_before or any(
            t.pos_ in ("NOUN", "PROPN") and _is_document(t, nouns) for t in span
        )
        opening = opening and sentence.words <= 3
        handed = not sentence.is_question and not skip and _hands_pronoun(span, w)
    return found


def _hands_pronoun(span, w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """ "I forgot to send you this", "sending you these", « je t'envoie ça »: a thing handed over.

    A sending verb (``handover_verbs.txt``) whose object is a pronoun, now: not
    past ("I sent you this"), not put later or offered ("I'll send", "I can
    send"), not the reader's ("can you forward this?"). The next sentence may
    say what the thing is ("It's the pulp presentation"): then it is missing.
    """
    for verb in span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in w.handover_verbs:
            continue
        if _negated(verb, w) or verb.tag_ in ("VBD", "VBN") or "Past" in verb.morph.get("Tense"):
            continue
        if any(
            c.dep_ in ("aux", "aux:tense") and c.pos_ == "AUX" and not _progressive(verb, c)
            for c in verb.children
        ):
            continue  # "I'll send you this", "I can share this", "I have sent this"
        if any(c.dep_.startswith("nsubj") and c.lower_ in w.reader_words for c in verb.children):
            continue
        if any(c.dep_ in _OBJECTS and c.lower_ in w.pronoun_objects for c in verb.children):
            return True
        if any(c.lower_ in w.object_clitics and c.i < verb.i for c in verb.children):
            return True
    return False


def _handed_here(token, w: DocumentWords) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """ "Here it is", "here you go", « le voici », « les voilà »: something handed over."""
    if token.lower_ in w.here_adverbs and token.dep_ == "advmod":
        verb = token.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        handed = subject is not None and subject.lower_ in w.handed_pronouns
        if verb.lemma_ in w.here_verbs and handed:
            return token.idx, _end(max(verb, subject, key=lambda t: t.i))
    if token.lower_ in w.presentatives and token.i > 0:
        before = token.doc[token.i - 1]
        if before.lower_ in w.object_clitics:
            return before.idx, _end(token)
    return None


def _definite(token, w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """ "the/my/this deck", « le/notre devis »: one document identified, not "a good document"."""
    return any(
        c.dep_ in ("det", "poss", "nmod:poss")
        and "Ind" not in c.morph.get("Definite")
        and c.lower_ not in w.indefinite_articles
        for c in token.children
    )


def _progressive(verb, aux) -> bool:  # type: ignore[no-untyped-def]
    """ "I'm sending you this": a form of "be" before an -ing form, the present."""
    return verb.tag_ == "VBG" and aux.lemma_.lower() in ("be",)


def _copy_of(token, nouns: frozenset[str], w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    """ "a copy of Lloyd's business plan", « une copie du contrat »: one document, identified.

    The indefinite article counts one copy among many; the complement names
    which document it is.
    """
    if not _is_document(token, nouns):
        return False
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in w.noun_complement_markers:
            named = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_ == "nmod" and any(
            g.dep_ == "case" and g.lower_ in w.noun_complement_markers for g in c.children
        ):
            named = c
        else:
            continue
        if named is not None and _is_document(named, nouns) and _held_definite(named, w):
            return True
    return False


def _is_document(token, nouns: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    return token.lemma_.lower() in nouns or token.lower_ in nouns


def _negated(verb, w: DocumentWords) -> bool:  # type: ignore[no-untyped-def]
    return any(c.dep_ == "neg" or c.lower_ in w.negations for c in verb.children)


def _presents(
    token, nouns: frozenset[str], opening: bool, w: DocumentWords, handed: bool = False
) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """ "here is the plan", "this is the deck", « voici le devis », « c'est le planning ».

    "It" points at a document only where nothing came before it (the opening)
    or right after the thing it stands for was handed over ("I forgot to send
    you this. It's the pulp presentation that I put together"); there a
    relative clause describes the document rather than making a cleft.
    """
    if token.pos_ != "NOUN" or not _is_document(token, nouns):
        return None
    head = token.head
    children = list(token.children)
    # "it's the contract that worries me", « c'est le devis qui pose problème »: a cleft.
    cleft = any(c.dep_ in _RELATIVES for c in children)
    copula = head.lemma_ in w.copulas and not _negated(head, w)
    if token.dep_ == "nsubj" and copula:
        here = next(
            (c for c in head.children if c.dep_ == "advmod" and c.lower_ in w.here_adverbs), None
        )
        if here is not None:
            return min(here.idx, head.idx), _end(token)
    if token.dep_ == "attr" and copula:
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        pointing = subject is not None and subject.lower_ in w.pointing_subjects
        anywhere = pointing and subject.lower_ not in w.opening_pointers
        copy = not _definite(token, w) and _copy_of(token, nouns, w)
        identified = copy or _definite(token, w)
        if pointing and identified and (anywhere or handed or (opening and not cleft)):
            return subject.idx, _end(token.right_edge if copy else token)
    if token.dep_ == "obj" and head.lower_ in w.presentatives:
        return head.idx, _end(token)
    cop = next((c for c in children if c.dep_ == "cop"), None)
    if cop is not None and not _negated(token, w):
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        pointing = subject is not None and subject.lower_ in w.pointing_subjects
        if pointing and _definite(token, w) and not cleft:
            return subject.idx, _end(token)
    return None


def _asks_to_use(
    verb, verbs: frozenset[str], nouns: frozenset[str], named_before: bool, times, w: DocumentWords
):  # type: ignore[no-untyped-def]
    """ "please print this document", "please review and sign", « merci de l'imprimer »."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or _negated(verb, w):
        return None
    if "Part" in verb.morph.get("VerbForm") or verb.tag_ in ("VBN", "VBD"):
        return None  # « la convention signée »: a state of the document, not an ask
    group = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if verb.dep_ == "conj":
        group.append(verb.head)
    # "please review and notify me of any changes": what "me" is to "notify" is no object
    # of "review"; only the verbs of use say what is used.
    group = [v for v in group if v.lemma_.lower() in verbs]
    objects = [
        c
        for v in group
        for c in v.children
        if c.dep_ in _OBJECTS and not any(s <= c.idx < e for s, e in times)
    ]  # « avant jeudi 17 h » read as an object is a time
    if verb.dep_ in _RELATIVES | {"xcomp"} and verb.head.pos_ in ("NOUN", "PROPN"):
        objects.append(verb.head)  # « fiche de poste à relire »: the noun is what is read
    clitics = [c for c in verb.children if c.lower_ in w.pronoun_objects and c.i < verb.i]
    if not objects and not clitics:
        if any(
            c.dep_ in _COMPLEMENTS and not any(s <= c.idx < e for s, e in times)
            for v in group
            for c in v.children
        ):
            return None
        first, last = min(group, key=lambda v: v.i), max(group, key=lambda v: v.i)
        return first.idx, _end(last)  # "pls print", "please review and sign": what is here
    for obj in objects:
        if obj.pos_ == "NOUN" and _is_document(obj, nouns):
            if any(c.dep_ == "det" and c.lower_ in w.demonstratives for c in obj.children):
                return verb.idx, _end(obj)
        elif obj.lower_ in w.pronoun_objects and not named_before:
            return verb.idx, _end(obj)
    if clitics and not named_before:
        return clitics[0].idx, _end(verb)
    return None


def _end(token) -> int:  # type: ignore[no-untyped-def]
    return token.idx + len(token.text)


def _content_follows(a: Analysis, sentence) -> bool:  # type: ignore[no-untyped-def]
    """The document may be in the text: a colon opens it, or structured lines follow.

    A list, a heading or a block of several lines after the sentence ("Voici le
    planning" then "Lundi 9 h – 12 h …") is the document itself, pasted.
    """
    if ":" in sentence.text.rstrip()[-3:] or ": " in sentence.text:
        return True
    end = a.message.end_before_closing
    for paragraph in a.paragraphs:
        if paragraph.start < sentence.end or paragraph.start >= end:
            continue
        if paragraph.kind != "paragraph":
            return True
        lines = [x for x in a.body[paragraph.start : paragraph.end].splitlines() if x.strip()]
        if len(lines) > 1:
            return True
    return False
