"""Ownerless obligations: « il faudrait voir », « faut prévenir », « …que quelque chose soit fait ».

A fact for the ask rules (AK04), read from the parse and kept apart from the
ask detector (``analysis/asks``): an impersonal obligation in a form that asks
now (the pack's ``impersonal_obligations.txt``: « faut », « faudrait »; not
« il faudra », « il fallait ») heading a main clause, not negated, whose
complement names nobody to act:

- an infinitive (« il faudrait vérifier sur le site », « faut prévenir le
  club »): owner "nobody";
- a clause whose subject is an indefinite person (« que quelqu'un s'en
  occupe »; the pack's ``indefinite_persons.txt``) or a passive (« que quelque
  chose soit fait », « que ses dossiers soient repris »): owner "nobody";
- a clause whose subject is the writer and the reader together (« qu'on
  regarde tout ça », the asks pack's ``joint_subjects``): owner "we".

« Il faut que tu envoies… » and « il faut activer votre compte » name their
owner (the pack's ``reader_words.txt``), and « ce qu'il faudrait faire »,
« si il faut… » are not said to anyone, and « pour accéder au bâtiment, il faut
passer par l'accueil » (a purpose or a condition before it) states a rule: none
of them is an obligation here.
Only the message's own text is read (quoted history is not the body), and
nothing after the closing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from msglint.analysis.asks.lexicons import rules_for
from msglint.analysis.asks.syntax import before_incise

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Span, Token

    from msglint.analysis.model import Analysis, Ask, Sentence


@dataclass(frozen=True)
class Obligation:
    """An impersonal obligation that names nobody to act, in the body."""

    start: int  # the sentence holding it
    end: int
    sentence: int
    owner: str  # "nobody" | "we"
    infinitive: bool  # « il faudrait vérifier »: no clause of its own


#: Dependency labels of a clause that is not said to the reader (relative, adverbial, subject).
_SUBORDINATE = ("acl", "advcl", "csubj")


def _sentences_before_closing(a: Analysis) -> Iterator[tuple[int, Sentence]]:
    """The body's sentences with their index, up to the sign-off ("Thanks, Anna")."""
    closing = a.message.closing_start
    for index, sentence in enumerate(a.sentences):
        if closing is not None and sentence.start >= closing:
            return
        yield index, sentence


def ownerless_obligations(a: Analysis) -> list[Obligation]:
    """The body's ownerless obligations, one per sentence at most (computed once per analysis)."""
    cached = a.extra.get("ownerless_obligations")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found: list[Obligation] = []
    forms = a.pack.words("impersonal_obligations")
    if a.doc is not None and forms:
        for index, sentence in _sentences_before_closing(a):
            owned = _sentence_owner(a, sentence, forms)
            if owned is not None:
                verb, who, infinitive = owned
                start, end = _lines_of(a.body, sentence, verb)
                found.append(Obligation(start, end, index, who, infinitive))
    a.extra["ownerless_obligations"] = found
    return found


def has_impersonal_verb(a: Analysis, start: int, end: int) -> bool:
    """The body's span holds an impersonal obligation verb (« faut », « faudrait »).

    Where it does and :func:`ownerless_obligations` found none there, the
    parse gave the obligation an owner (« il faut activer votre compte ») or
    made it a rule (« pour accéder…, il faut… »).
    """
    forms = a.pack.words("impersonal_obligations")
    return bool(forms) and any(w.lower() in forms for w in a.body[start:end].split())


def _lines_of(body: str, sentence: Sentence, verb: Token) -> tuple[int, int]:
    """The sentence cut to the lines of the obligation's clause.

    A hurried note runs its lines together into one sentence (« …si on annule
    / faut faire venir quelqu'un… / Jérôme »): the finding covers the lines
    that say what must be done.
    """
    first = verb.left_edge.idx if verb.dep_ != "ROOT" else verb.idx
    last = verb.right_edge.idx + len(verb.right_edge.text)
    start = max(sentence.start, body.rfind("\n", 0, first) + 1)
    newline = body.find("\n", last)
    end = max(min(sentence.end, newline if newline != -1 else len(body)), last)
    end = len(body[:end].rstrip())
    while True:  # a name or a « merci » alone on the last line is a signature
        cut = body.rfind("\n", start, end)
        tail = body[cut + 1 : end]
        if cut == -1 or len(tail.split()) > 2 or tail.rstrip()[-1:] in ".!?":
            break
        end = len(body[:cut].rstrip())
    return start, end if end > start else sentence.end


def _sentence_owner(
    a: Analysis, sentence: Sentence, forms: frozenset[str]
) -> tuple[Token, str, bool] | None:
    """The sentence's first ownerless obligation: its verb, owner, and if it is an infinitive."""
    if sentence.text.rstrip().endswith("?") or sentence.is_heading:
        return None  # « faut-il… ? » asks the reader's opinion
    span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")  # type: ignore[union-attr]
    if span is None:
        return None
    conditions = rules_for(a.pack).condition_marks
    for token in span:
        if token.lower_ in forms and _said_to_the_reader(token, conditions, span.start):
            owner = _complement_owner(a, token, span.end)
            if owner is not None:
                return token, *owner
    return None


def _said_to_the_reader(verb: Token, conditions: frozenset[str], first: int) -> bool:
    """A main clause (or « je pense qu'il faudrait… »), not negated, with no subject of its own."""
    if verb.dep_.split(":")[0] in _SUBORDINATE and not before_incise(verb):
        return False
    children = list(verb.children)
    if any(c.morph.get("Polarity") == ["Neg"] for c in children):
        return False  # « il ne faut pas hésiter »: advice, not a task
    if any(c.dep_.startswith("nsubj") and c.pos_ != "PRON" for c in children):
        return False  # a subject of its own: not the impersonal verb
    if _fronted_way(verb, children, conditions, first):
        return False  # « Pour accéder au bâtiment, il faut passer par l'accueil »: a rule, a way
    if any(c.dep_ == "mark" for c in children):
        # « je pense qu'il faudrait… » is said to the reader; « si il faut… » is not
        head = verb.head
        return verb.dep_ == "ccomp" and any(
            c.dep_.startswith("nsubj") and c.morph.get("Person") == ["1"] for c in head.children
        )
    return True


def _fronted_way(
    verb: Token, children: list[Token], conditions: frozenset[str], first: int
) -> bool:
    """A purpose (an infinitive) or a condition (« si… ») opening the sentence: a rule."""
    for clause in children:
        if not clause.dep_.startswith("advcl") or clause.i > verb.i or clause.left_edge.i != first:
            continue
        if clause.morph.get("VerbForm") == ["Inf"]:
            return True
        if any(c.dep_ == "mark" and c.lower_ in conditions for c in clause.children):
            return True
    return False


def _complement_owner(a: Analysis, verb: Token, stop: int) -> tuple[str, bool] | None:
    """Who the complement names ("nobody", "we"; None: an owner), and if it is an infinitive."""
    doc = verb.doc
    i = verb.i + 1
    while i < stop and (doc[i].pos_ in ("ADV", "PART") or doc[i].dep_ == "fixed"):
        i += 1  # « il faudrait quand même / peut-être / aussi… »
    if i >= stop:
        return None
    head = doc[i]
    reader = a.pack.words("reader_words")
    complement = head.subtree if head.head.i == verb.i else head.head.subtree
    if any(t.lower_ in reader for t in complement):
        return None  # « il faut activer votre compte »: each reader's own task
    if head.morph.get("VerbForm") == ["Inf"]:
        return "nobody", True
    if head.pos_ != "SCONJ":
        return None  # « il faudrait que… » opens a clause; anything else names no action
    rest = doc[i + 1 : stop]
    if not len(rest):
        return None
    tail = a.body[rest.start_char : rest.end_char]
    if rest[0].lower_ in rules_for(a.pack).joint_subjects:
        return "we", False
    if any(h.start == 0 for h in a.pack.find("indefinite_persons", tail)):
        return "nobody", False
    clause = [t for t in rest if t.head.i == t.i or t.head.i >= rest.start][:8]
    if any(t.dep_ in ("aux:pass", "auxpass") or t.dep_.startswith("nsubj:pass") for t in clause):
        return "nobody", False
    return None


def hedged_wishes(a: Analysis) -> list[Obligation]:
    """The body's wishes put to nobody: an impersonal evaluation in the conditional.

    « Il serait intéressant de savoir si… », « si quelqu'un a le temps de
    relancer les usagers, ce serait bien », "it would be useful if somebody
    updated the wiki": an impersonal subject (« il », « ce », "it", "that"),
    the copula in the conditional (the pack's ``copulas.txt``; "would be",
    "might be"), a judgement of use or approval (``impersonal_evaluations.txt``)
    and, after it or in a condition just before its subject, an action put
    to whoever (an indefinite person, the pack's ``indefinite_persons.txt``:
    « que quelqu'un regarde », "if someone could…") or a question nobody is
    asked to answer (« de savoir si… », "to know whether…"). The reader
    (« si tu pouvais… »), the writer or "we" (« ce serait bien qu'on soit
    représentés ») own theirs; a bare action ("it would be interesting to
    get Steve's feedback") is often the writer's own next step; a judgement
    with no action ("Yes, this would be great") refers back and asks
    nothing. Computed once per analysis, one per sentence at most.
    """
    cached = a.extra.get("hedged_wishes")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found: list[Obligation] = []
    judgements = a.pack.words("impersonal_evaluations")
    if a.doc is not None and judgements:
        for index, sentence in _sentences_before_closing(a):
            if sentence.is_heading or sentence.text.rstrip().endswith("?"):
                continue  # « serait-il possible de… ? » asks the reader
            span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None and _wish_in(a, span, judgements):
                found.append(Obligation(sentence.start, sentence.end, index, "nobody", True))
    a.extra["hedged_wishes"] = found
    return found


def _wish_in(a: Analysis, span: Span, judgements: frozenset[str]) -> bool:
    """The sentence holds an impersonal conditional judgement on an action nobody owns."""
    for token in span:
        if token.lower_ not in judgements:
            continue
        subject = _impersonal_conditional(a, token, span.start)
        if subject is None:
            continue
        before = _condition_before(a, subject, span.start)
        if before is not None and _owned(a, before):
            continue  # « si tu peux, il serait utile que quelqu'un… »: the reader's
        after = _complement_after(token, span.end)
        if any(c is not None and _names_nobody(a, c) for c in (after, before)):
            return True
    return False


def _impersonal_conditional(a: Analysis, judgement: Token, first: int) -> Token | None:
    """The impersonal subject of « il serait [vraiment] utile », "it'd be useful", or None."""
    doc = judgement.doc
    i = judgement.i - 1
    while (
        i >= first
        and doc[i].pos_ in ("ADV", "PART")
        and doc[i].lemma_.lower() not in a.pack.words("copulas")
    ):
        i -= 1
    if i < first or doc[i].lemma_.lower() not in a.pack.words("copulas"):
        return None
    copula = doc[i]
    conditional = "Cnd" in copula.morph.get("Mood")
    i -= 1
    while i >= first and doc[i].pos_ == "ADV":
        i -= 1
    if i >= first and doc[i].pos_ == "AUX" and doc[i].lower_ in _conditional_modals(a):
        conditional, i = True, i - 1
    if not conditional or i < first:
        return None
    subject = doc[i]
    if subject.pos_ != "PRON" or subject.morph.get("Person") in (["1"], ["2"]):
        return None
    if subject.morph.get("Number") == ["Plur"] or subject.lower_ in a.pack.words("reader_words"):
        return None
    return subject


def _conditional_modals(a: Analysis) -> frozenset[str]:
    """ "would", "'d", "might", "could": the auxiliaries that make "be" conditional."""
    rules = rules_for(a.pack)
    return rules.conditional_auxiliaries | rules.suggestion_modals


def _complement_after(judgement: Token, stop: int) -> Span | None:
    """« de savoir si… », « que quelqu'un… », "to know whether…", "if someone…"."""
    doc = judgement.doc
    i = judgement.i + 1
    if i >= stop:
        return None
    opener = doc[i]
    if opener.pos_ in ("ADP", "SCONJ", "PART") or opener.dep_ == "mark":
        return doc[i + 1 : stop] if i + 1 < stop else None
    if opener.pos_ == "VERB":  # "worth checking"
        return doc[i:stop]
    return None


def _condition_before(a: Analysis, subject: Token, first: int) -> Span | None:
    """The condition just before « ce serait bien »: « …, si quelqu'un a le temps de relancer… »."""
    doc = subject.doc
    marks = rules_for(a.pack).condition_marks
    for i in range(subject.i - 1, first - 1, -1):
        if doc[i].lower_ in marks:
            return doc[i + 1 : subject.i] if i + 1 < subject.i else None
    return None


def _owned(a: Analysis, complement: Span) -> bool:
    """The reader, the writer or "we" is in the clause (« si tu peux », "if we could")."""
    reader = a.pack.words("reader_words")
    joint = rules_for(a.pack).joint_subjects
    return any(
        t.lower_ in reader
        or t.lower_ in joint
        or (t.pos_ == "PRON" and t.morph.get("Person") == ["1"])
        for t in complement
    )


def _names_nobody(a: Analysis, complement: Span) -> bool:
    """An action put to whoever (« que quelqu'un regarde », "if someone could…"), or a question.

    A question with nobody to answer it is the other case: a verb of knowing
    before an embedded question (« savoir si… », "to know whether…"). A bare
    action ("it would be interesting to get Steve's feedback", « il serait
    utile de vérifier… ») is often the writer's own next step, and the
    reader (« si tu pouvais »), "we" (« qu'on ») or a named person own theirs.
    """
    if _owned(a, complement):
        return False
    text = a.body[complement.start_char : complement.end_char]
    if any(h.start == 0 for h in a.pack.find("indefinite_persons", text)):
        return True
    rules = rules_for(a.pack)
    head = complement[0]
    if head.morph.get("VerbForm") != ["Inf"] or head.lemma_.lower() not in rules.state_verbs:
        return False
    following = complement[1] if len(complement) > 1 else None
    return following is not None and (
        following.lower_ in rules.embedded_question_marks
        or "Int" in following.morph.get("PronType")
    )


def put_on_anyone(a: Analysis, ask: Ask) -> bool:
    """A need the ask hands to an indefinite person: « il faudrait que quelqu'un rappelle… ».

    "Someone needs to call the caterer" names whoever, so no one, even to a
    single reader and even with a date: the reader is not told it is theirs.
    Only needs (not "can anyone…?", a question to a group) with nobody as
    owner, where an indefinite person (the pack's ``indefinite_persons.txt``)
    is the one to act: the clause's subject, by the parse, right after the
    complementizer (« que quelqu'un… », the parse often splits « quelqu'un »)
    or first in the ask — not an object (« il faudrait remplacer une
    personne »).
    """
    if ask.owner != "nobody" or ask.form != "need" or a.doc is None:
        return False
    text = a.body[ask.start : ask.end]
    for hit in a.pack.find("indefinite_persons", text):
        if hit.start == 0:
            return True
        words = a.doc.char_span(ask.start + hit.start, ask.start + hit.end, alignment_mode="expand")
        if words is None or not len(words):
            continue
        if any(t.dep_.startswith("nsubj") for t in words):
            return True
        before = words[0].nbor(-1) if words[0].i > 0 else None
        if before is not None and before.pos_ == "SCONJ":
            return True
    return False
