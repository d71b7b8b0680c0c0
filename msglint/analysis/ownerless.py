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

if TYPE_CHECKING:
    from spacy.tokens import Token

    from msglint.analysis.model import Analysis, Sentence


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


def ownerless_obligations(a: Analysis) -> list[Obligation]:
    """The body's ownerless obligations, one per sentence at most (computed once per analysis)."""
    cached = a.extra.get("ownerless_obligations")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found: list[Obligation] = []
    forms = a.pack.words("impersonal_obligations")
    if a.doc is not None and forms:
        closing = a.message.closing_start
        for index, sentence in enumerate(a.sentences):
            if closing is not None and sentence.start >= closing:
                break
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
    if verb.dep_.split(":")[0] in _SUBORDINATE:
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
