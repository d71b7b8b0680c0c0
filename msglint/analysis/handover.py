"""Documents the writer hands over in this very message ("I'm forwarding the invoice").

"Attached" names the attachment; real mail as often hands a file over with a
plain sending verb: « je vous transfère la facture », « je t'envoie le projet
de newsletter », "I am sending you the report". Such a sentence promises a
file in this message when the writer is the subject (for "we", sent to
"you": "we send the report with an invoice" is what a firm does), the verb
is in the present (not "I'll send", « je vous ai envoyé »), in a main clause
(not "if I send you…"), not negated, its object is a document (the pack's
``document_nouns.txt``) and no time in the sentence defers the sending
(« je t'envoie le projet demain »). A document shown in the text ("the
table below", « ci-dessous ») or sent another way (« dans un second
message »: the pack's ``elsewhere_markers.txt``) is not attached. Read by
CL04.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.grammar import token_at

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis

# Dependencies that make a verb subordinate: "if I send…", « quand je t'envoie… ».
_SUBORDINATE = frozenset({"mark"})
_OBJECTS = frozenset({"obj", "dobj"})
_WRITER = frozenset({"i", "je", "j'", "j’"})
_WE = frozenset({"we", "nous"})
_YOU = frozenset({"you", "vous", "te", "t'", "t’"})
# Auxiliaries that move the sending out of the present: "will", "would", "can".
# A month, a quarter or a year names the document ("the December report"), not when it goes.
_NAMING_GRAINS = frozenset({"month", "quarter", "year"})
_PRESENT_AUX = frozenset({"be", "am", "'m", "’m", "are", "'re", "’re"})
# Auxiliaries that keep a wish or a lapse about this message: "I'd like to", "I have
# forgotten to", "I do want to"; not "will", "can", "could", "should".
_FRAME_AUX = _PRESENT_AUX | frozenset(
    {"would", "'d", "’d", "have", "'ve", "’ve", "has", "had", "do", "does", "did", "is"}
)


def handed_over(a: Analysis) -> list[tuple[int, int, str]]:
    """Spans (verb to object noun) where the writer sends a document with this message."""
    if a.doc is None:
        return []
    verbs = a.pack.words("handover_verbs")
    frames = a.pack.words("handover_frames")
    nouns = a.pack.words("document_nouns")
    elsewhere = a.pack.lexicon("elsewhere_markers")
    pointers = a.pack.lexicon("text_pointers")
    found = []
    for sentence in a.sentences:
        if elsewhere.search(sentence.text) or pointers.search(sentence.text):
            continue  # "the table below", « dans un second message »: not attached here
        span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for verb in span:
            if verb.lemma_.lower() not in verbs:
                continue
            if not _present_main_clause(verb) and not _framed(a, verb, frames):
                continue
            obj = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in _OBJECTS and (c.lemma_.lower() in nouns or c.lower_ in nouns)
                ),
                None,
            )
            if obj is None:
                continue
            if _deferred(a, verb, obj, sentence.end):
                continue
            start, end = verb.idx, obj.idx + len(obj.text)
            if start > end:
                continue
            found.append((start, end, a.doc.text[start:end]))
    return found


def _present_main_clause(verb) -> bool:  # type: ignore[no-untyped-def]
    """The writer, in a present main clause, not negated: "I'm sending", « je vous transfère »."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubj:pass")]
    opening = verb.dep_ == "ROOT" or (verb.dep_ == "advcl" and verb.is_sent_start)
    if not subjects and opening and verb.tag_ == "VBG":
        # "Sending you the deck now", "Forwarding the invoice": the writer's "I'm" left out.
        return not any(c.dep_ in ("aux", "neg", "mark") for c in children)
    if not subjects or subjects[0].lower_ not in _WRITER | _WE:
        return False
    if subjects[0].lower_ in _WE and not any(c.lower_ in _YOU for c in children):
        return False  # "We send the report with an invoice": what the firm does, not this mail
    if any(
        c.dep_ in _SUBORDINATE or c.dep_ == "neg" or c.lower_ in ("pas", "not", "n't")
        for c in children
    ):
        return False
    auxiliaries = [c for c in children if c.dep_ in ("aux", "aux:tense")]
    if auxiliaries:
        # "I am sending you" is present; "I'll send", "I have sent", « j'ai envoyé » are not.
        return all(aux.lower_ in _PRESENT_AUX for aux in auxiliaries) and verb.tag_ == "VBG"
    morph = verb.morph
    return "Pres" in morph.get("Tense") and "Fin" in morph.get("VerbForm")


def _framed(a: Analysis, verb, frames: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """The sending is the complement of the writer's wish, leave or lapse, now.

    "I'd like to share the table", "we want to send you the report", "I
    forgot to attach the invoice", « je me permets de vous envoyer le devis »,
    « je voulais vous adresser le planning » (``handover_frames.txt``): the
    writer hands the file over with this message. Not when the frame is
    negated, subordinate, put in the future or offered ("I will want to",
    "I could", « je souhaiterai »), nor when the sending has a subject of its
    own. The writer may speak for their firm, named in their signature
    ("Keysight would like to share…" above "… || Keysight Technologies").
    """
    if verb.dep_ != "xcomp" or any(c.dep_.startswith("nsubj") for c in verb.children):
        return False
    frame = verb.head
    if frame.lemma_.lower() not in frames or "Fut" in frame.morph.get("Tense"):
        return False
    children = list(frame.children)
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subject is None or not (subject.lower_ in _WRITER | _WE or _signed_name(a, subject)):
        return False
    if any(
        c.dep_ in _SUBORDINATE or c.dep_ == "neg" or c.lower_ in ("pas", "not", "n't")
        for c in children
    ):
        return False
    return all(c.lower_ in _FRAME_AUX for c in children if c.dep_ == "aux")


def _signed_name(a: Analysis, subject) -> bool:  # type: ignore[no-untyped-def]
    """A name the writer signs with: their firm ("Keysight" over "… || Keysight Technologies")."""
    if subject.pos_ != "PROPN" or len(subject.text) < 3:
        return False
    return subject.text in a.message.signature.split() or any(
        subject.text == word.strip(",.|()") for word in a.message.signature.split()
    )


def _deferred(a: Analysis, verb, obj, sentence_end: int) -> bool:  # type: ignore[no-untyped-def]
    """A time after the verb puts the sending later: « …le projet demain », « …dès que prêt ».

    A time outside the object, or a clause of time (``deferring_marks.txt``):
    « je t'envoie la liste dès que je l'ai mise à jour ».
    """
    if _clause_of_time_after(a, verb, sentence_end):
        return True
    inside = (obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
    for time in a.times:
        if time.field != "body" or not verb.idx < time.start < sentence_end:
            continue
        if inside[0] <= time.start < inside[1] and time.direction != "before":
            # « le récapitulatif du mois de décembre »: what, not when; but a
            # bound (« un plan adapté d'ici lundi », "by Friday") is when, however parsed.
            continue
        if time.value is None or time.vague:
            return True  # « dès que possible », "as soon as I can"
        if time.value > a.now and time.grain not in _NAMING_GRAINS:
            return True  # « demain », "on Monday"

    return False


def _clause_of_time_after(a: Analysis, verb, end: int) -> bool:  # type: ignore[no-untyped-def]
    """« …la liste dès que je l'ai mise à jour », "…the list once it is updated": later.

    A clause of time (``deferring_marks.txt``) after ``verb`` and under it, not
    in a relative ("the log, which I made when the run failed").
    """
    for clause in _clauses_of_time(a, verb, end):
        path = [t for t in clause.ancestors if verb.is_ancestor(t)]
        if not any(t.dep_ in ("relcl", "acl:relcl") for t in (clause, *path)):
            return True
    return False


def _clauses_of_time(a: Analysis, verb, end: int) -> list:  # type: ignore[no-untyped-def]
    """The verbs of the clauses of time that open after ``verb``, up to ``end``."""
    marks = a.pack.words("deferring_marks")
    return [
        t.head
        for t in verb.doc[verb.i + 1 :]
        if t.idx < end
        and t.lower_ in marks
        and t.dep_ in ("mark", "advmod")
        and t.head.pos_ in ("VERB", "AUX")
    ]


def deferred_mention(a: Analysis, offset: int) -> bool:
    """The attachment phrase at ``offset`` joins the file later.

    « Je vous joins le relevé dès que la compagnie nous le transmet. » The
    clause hangs on the phrase's verb or on the sentence's root (parses of
    « joins » vary), not deeper (« ci-joint le devis, à signer quand vous
    pourrez »: the signing waits, not the file).
    """
    word = token_at(a, offset)
    if word is None:
        return False
    top = word
    while top.head.i != top.i:
        top = top.head
    sentence = next((s for s in a.sentences if s.start <= offset < s.end), None)
    end = sentence.end if sentence is not None else len(a.body)
    heads = {top.i, word.head.i, word.i}
    return any(
        c.head.i in heads and c.idx > word.idx for c in _clauses_of_time(a, word.doc[0], end)
    )


def in_condition(a: Analysis, offset: int) -> bool:
    """The word at ``offset`` sits in a condition ("if there is an LS with X attached").

    A file "attached" to a message that may be written one day is not missing
    from this one.
    """
    word = token_at(a, offset)
    if word is None:
        return False
    from msglint.analysis.asks.lexicons import rules_for

    marks = rules_for(a.pack).condition_marks
    for token in (word, *word.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in marks and c.i < token.i for c in token.children):
            return True
    return False
