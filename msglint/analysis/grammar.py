"""Facts read from the dependency parse, computed on demand and kept on the Analysis.

Passive constructions, coordinated items and an opening pronoun are each used
by one rule, so they are computed the first time that rule asks and cached in
``Analysis.extra``: a run that does not select the rule does not pay for it.
Labels cover both pipelines: English (ClearNLP style: ``auxpass``,
``nsubjpass``, chained ``conj``) and French (Universal Dependencies:
``aux:pass``, ``nsubj:pass``, ``conj`` attached to the first item).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from msglint.text import WORD, count_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from msglint.analysis.model import Analysis, Sentence

_PASSIVE_AUX = {"auxpass", "aux:pass"}
_PASSIVE_SUBJ = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
_MAX_ITEM_WORDS = 15
_OBJECT_DEPS = {"dobj", "pobj", "obj", "obl", "obl:arg", "obl:mod", "iobj"}
_STOPS = re.compile(r"[,;:.!?()]")
_SEPARATORS = re.compile(r"[,;]")
_LETTERS = re.compile(r"[^\W\d_]+")


def passive_spans(a: Analysis) -> list[tuple[int, int, str]]:
    """(start, end, verb) of each passive verb group, stative participles excluded."""
    cached = a.extra.get("passives")
    if cached is not None:
        return cached
    found: list[tuple[int, int, str]] = []
    if a.doc is not None:
        exceptions = a.pack.words("passive_exceptions")
        for token in a.doc:
            if token.dep_ not in _PASSIVE_AUX:
                continue
            verb = token.head
            if verb.lemma_.lower() in exceptions or verb.text.lower() in exceptions:
                continue
            group = [token, verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
            start = min(t.idx for t in group)
            end = max(t.idx + len(t.text) for t in group)
            if not found or found[-1][0] != start:
                found.append((start, end, verb.text))
    a.extra["passives"] = found
    return found


def _conj_closure(token, kids: dict[int, list[int]]) -> list:  # type: ignore[no-untyped-def,type-arg]
    doc = token.doc
    items = [token]
    frontier = [token]
    while frontier:
        current = frontier.pop()
        for child in kids.get(current.i, ()):
            if doc[child].dep_ == "conj":
                items.append(doc[child])
                frontier.append(doc[child])
    return items


def _children(a: Analysis) -> dict[int, list[int]]:
    """Each token's children, read once from the heads.

    spaCy's ``Token.children`` walks the token's whole left and right edges:
    called down a long nested chain it is quadratic.
    """
    cached = a.extra.get("children")
    if cached is None:
        cached = {}
        for token in a.doc:  # type: ignore[union-attr]
            if token.head.i != token.i:
                cached.setdefault(token.head.i, []).append(token.i)
        a.extra["children"] = cached
    return cached  # type: ignore[no-any-return]


# Dependency labels of a verb that heads a clause of its own, in both
# pipelines: the main clause, coordinated and juxtaposed ones (comma
# splices), complement, adverbial, relative and subject clauses. Infinitive
# complements (``xcomp``: "want to go") belong to their verb's clause.
_CLAUSE_DEPS = frozenset(
    {"ROOT", "root", "conj", "parataxis", "ccomp", "advcl", "relcl", "acl:relcl", "csubj"}
)


def clause_count(a: Analysis, sentence: Sentence) -> int:
    """Clauses of a sentence: the verbs that head one (0 without a parse).

    A long sentence of a few clauses is a long list or a heading run into the
    text; a run-on sentence strings clause after clause.
    """
    if a.doc is None:
        return 0
    span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return 0
    return sum(1 for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS)


def coordinated_items(a: Analysis, sentence: Sentence) -> list[int]:
    """Word counts of the items of the largest enumeration in ``sentence`` (empty if none).

    Two readings, the longer wins: the parse (``conj`` chains; an item's words
    are its subtree minus the other items' subtrees, so "update the page,
    send the contract and book the room" gives [3, 3, 3]) and the surface
    ("A, B and C" with the pack's ``list_conjunctions.txt``), which catches
    lists the small pipelines misparse.
    """
    surface = _surface_items(a, sentence.text)
    parsed = _parsed_items(a, sentence)
    return parsed if len(parsed) >= len(surface) else surface


def _surface_items(a: Analysis, text: str) -> list[int]:
    """Word counts of the items of an "A, B(,) and C" run, or [] when there is none.

    For each conjunction: the words up to the next stop after it (the last
    item), then the comma-separated chunks before it, back to an empty or a
    long chunk. Word counts come from one table of the sentence's words and
    the backward walks from one table of runs, so a sentence of thousands of
    "and" stays linear.
    """
    conjunctions = a.pack.lexicon("list_conjunctions")
    pronouns = a.pack.words("subject_pronouns")
    words = _WordTable(text)
    stops = [m.start() for m in _STOPS.finditer(text)]
    seps = [m.start() for m in _SEPARATORS.finditer(text)]
    # Words in each full chunk between separators, and how many chunks a
    # backward walk from it takes (it stops after a long chunk, before an empty one).
    bounds = list(zip([-1, *seps], seps, strict=False))
    counts = [words.between(left + 1, right) for left, right in bounds]
    run: list[int] = []
    for n in counts:
        run.append(0 if n == 0 else 1 if n > _MAX_ITEM_WORDS else 1 + (run[-1] if run else 0))
    best: tuple[int, int, int, int] | None = None  # (length, hit end, cut, chunk index)
    for hit in conjunctions.finditer(text):
        stop_at = bisect.bisect_left(stops, hit.end)
        stop = stops[stop_at] if stop_at < len(stops) else len(text)
        begin = hit.end
        while begin < stop and text[begin].isspace():
            begin += 1
        first = _LETTERS.match(text, begin, stop)
        if first is None or first.group().lower() in pronouns:
            continue  # "…, and we will fix it" joins clauses, not items
        cut = hit.start
        while cut > 0 and text[cut - 1].isspace():
            cut -= 1
        while cut > 0 and text[cut - 1] == ",":
            cut -= 1
        chunk = bisect.bisect_left(seps, cut)  # seps[chunk - 1] < cut <= seps[chunk]
        left = seps[chunk - 1] + 1 if chunk > 0 else 0
        partial = words.between(left, cut)
        length = 1
        if partial:
            length += 1
            if partial <= _MAX_ITEM_WORDS and chunk > 0:
                length += run[chunk - 1]
        if length >= 3 and (best is None or length > best[0]):
            best = (length, hit.end, stop, cut)
    if best is None:
        return []
    length, tail_start, tail_end, cut = best
    items = [words.between(tail_start, tail_end)]
    chunk = bisect.bisect_left(seps, cut)
    right = cut
    while len(items) < length:
        left = seps[chunk - 1] + 1 if chunk > 0 else 0
        items.append(min(words.between(left, right), _MAX_ITEM_WORDS))
        chunk -= 1
        right = seps[chunk] if chunk >= 0 else 0
    return list(reversed(items))


class _WordTable:
    """The words of a text, to count those between two offsets in log time."""

    def __init__(self, text: str) -> None:
        matches = list(WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def between(self, start: int, end: int) -> int:
        """Words that start and end inside ``[start, end)``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.ends, end)
        return max(0, last - first)


def _parsed_items(a: Analysis, sentence: Sentence) -> list[int]:
    if a.doc is None:
        return []
    span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return []
    best: list[int] = []
    kids = _children(a)
    for token in span:
        if token.dep_ == "conj":
            continue
        items = _conj_closure(token, kids)
        if len(items) < 3 or len(items) <= len(best):
            continue
        best = _own_word_counts(a, items, kids)
    return best


def _own_word_counts(a: Analysis, items: list, kids: dict[int, list[int]]) -> list[int]:  # type: ignore[type-arg]
    """Words of each item: its subtree without the subtrees of the other items.

    One walk down from the first item, each token labelled with the nearest
    item above it (comparing every subtree with every other was cubic in a
    long "A and B and C…" chain).
    """
    index = {item.i: n for n, item in enumerate(items)}
    own: list[list[int]] = [[] for _ in items]
    stack = [(items[0].i, 0)]
    while stack:
        token, label = stack.pop()
        label = index.get(token, label)
        own[label].append(token)
        stack.extend((child, label) for child in kids.get(token, ()))
    counts = []
    for tokens in own:
        kept = [a.doc[i].text for i in sorted(tokens) if a.doc[i].dep_ not in ("cc", "punct")]
        counts.append(count_words(" ".join(kept)))
    return counts


def opening_pronoun(a: Analysis) -> tuple[int, int, str] | None:
    """A bare demonstrative pronoun in the first sentence past the greeting, if any."""
    if a.doc is None or not a.sentences or a.kind == "chat":
        return None  # a chat message answers the one before it: "ça" has a referent
    pronouns = a.pack.words("opening_pronouns")
    greeting = a.pack.lexicon("greetings")
    for sentence in a.sentences[:2]:
        if greeting.search(sentence.text) and sentence.words <= 4:
            continue
        span = a.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            return None
        for token in span:
            if token.lower_ not in pronouns or token.pos_ != "PRON" or token.lower_ == "it":
                continue
            if _is_relative(token):
                continue  # "the slides that explain the plan": "that" has its noun
            if token.dep_ in _OBJECT_DEPS or sentence.is_question:
                return token.idx, token.idx + len(token.text), token.text
        return None
    return None


def _is_relative(token) -> bool:  # type: ignore[no-untyped-def]
    """A relative pronoun ("the slides that explain…"): it points at the noun before it."""
    return (
        token.tag_ == "WDT"
        or "Rel" in token.morph.get("PronType")
        or token.head.dep_ in ("relcl", "acl:relcl")
    )


def conditional_form(verb, endings: frozenset[str]) -> bool:  # type: ignore[no-untyped-def]
    """A conditional the tagger read as an imperfect: « il faudrait », « préparerait ».

    fr_core_news_sm tags « faudrait » and « préparerait » Tense=Imp like
    « fallait », « préparait »: both take the imperfect's endings, but the
    conditional puts them on the whole future stem, the imperfect on the
    verb's stem (its infinitive less the ending). So a form ending in one of
    the pack's ``conditional_endings`` (« -rait ») whose stem is not the
    infinitive's is a conditional: « il faudrait le faire en janvier » is
    about January to come, not a past January.
    """
    form, lemma = verb.lower_, verb.lemma_.lower()
    if lemma == form:
        return False  # no lemma: the stem cannot be told
    for ending in endings:
        if form.endswith(ending) and len(form) > len(ending):
            stem = form[: len(form) - len(ending) + 1]  # « préparer- », « faudr- », « prépar- »
            return stem != lemma[:-2]
    return False


def _is_past_group(verb, conditionals: frozenset[str] = frozenset()) -> bool:  # type: ignore[no-untyped-def]
    """True when a verb and its auxiliaries are in a past tense (simple or compound).

    A conditional tagged as an imperfect (``conditional_form``) is not past.
    """
    morph = verb.morph
    if "Fin" in morph.get("VerbForm") and (
        "Past" in morph.get("Tense") or "Imp" in morph.get("Tense")
    ):
        return not conditional_form(verb, conditionals)
    auxiliaries = [
        c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "auxpass")
    ]
    finite_past = [
        aux
        for aux in auxiliaries
        if "Fin" in aux.morph.get("VerbForm") and set(aux.morph.get("Tense")) & {"Past", "Imp"}
    ]
    if finite_past:
        return True  # « était à rendre », "was sent", "had to send"
    if "Part" not in morph.get("VerbForm") or not auxiliaries:
        return False
    if any("Inf" in aux.morph.get("VerbForm") or aux.tag_ == "MD" for aux in auxiliaries):
        return False  # "doit être envoyé", "will be sent"
    finite = [aux for aux in auxiliaries if "Fin" in aux.morph.get("VerbForm")]
    if any("Fut" in aux.morph.get("Tense") for aux in finite):
        return False  # "sera envoyé"
    # "a été envoyé", "was sent", "had sent"; but "is sent" is present passive.
    return any(
        "Past" in aux.morph.get("Tense") or "Imp" in aux.morph.get("Tense") or aux.lemma_ == "avoir"
        for aux in finite
    )


def token_at(a: Analysis, offset: int) -> Token | None:
    """The token of the body's parse covering character ``offset`` (None: no parse there)."""
    if a.doc is None:
        return None
    span = a.doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def in_past_tense(a: Analysis, offset: int) -> bool:
    """True when the verb governing the word at ``offset`` is in a past tense.

    "The invoice was due on 30 November" and « le devis a été validé le 3 »
    talk about the past; "Please send it by 30 November" does not.
    """
    token = token_at(a, offset)
    if token is None:
        return False
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
            break
        token = token.head
    if token.pos_ == "AUX" and token.head is not token and token.dep_ != "ROOT":
        token = token.head
    for _ in range(4):
        # « était à rendre le 30 », "was supposed to send it by": the tense is
        # carried by the verb the infinitive depends on.
        if "Inf" not in token.morph.get("VerbForm") or token.head is token:
            break
        if any(c.dep_ in ("cop", "aux", "aux:tense") for c in token.children):
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    if _is_past_group(token, a.pack.words("conditional_endings")):
        return True
    copulas = [c for c in token.children if c.dep_ == "cop"]
    return any("Past" in c.morph.get("Tense") or "Imp" in c.morph.get("Tense") for c in copulas)


_WRITER = frozenset({"i", "je", "j'", "j’"})


def in_writer_clause(a: Analysis, offset: int) -> bool:
    """True when the word at ``offset`` belongs to a clause whose subject is the writer.

    In "could you send a copy and I will process it asap", "asap" says when
    the writer acts, not when the reader must: going back from the word, the
    first subject met is "I" (« je »), not "you" or "we" ("before we send
    it", « il faudrait qu'on regarde ça à un moment » may still be the
    reader's deadline). Read on the tokens rather than the
    tree: the French tagger often hangs the adverb on the reader's verb
    (« Pouvez-vous… et je la ferai traiter rapidement »).
    """
    from msglint.analysis.asks.lexicons import rules_for

    token = token_at(a, offset)
    if token is None:
        return False
    joint = rules_for(a.pack).joint_subjects
    subjects = rules_for(a.pack).subject_pronouns
    for before in reversed(a.doc[token.sent.start : token.i]):
        word = before.lower_.lstrip("-")
        if word in _WRITER:
            return True
        if subjects and word not in subjects:
            continue  # « Tu me fais un point… »: « me » is never a subject, whatever the parse
        if before.dep_.startswith("nsubj") and before.pos_ == "PRON":
            person = before.morph.get("Person")
            if "2" in person:
                return False  # "could you…": the reader's clause
            if word in joint or ("1" in person and "Plur" in before.morph.get("Number")):
                return False  # « qu'on regarde ça », "before we send it": shared, not the writer's
            if "1" in person and "Sing" in before.morph.get("Number"):
                return True
            # "get it processed": a third person inside the clause decides nothing
    return False


def first_person_in(a: Analysis, start: int, end: int) -> bool:
    """The writer speaks as "I" or "we" between two offsets (a pronoun of the first person).

    A person writing to a colleague says "I" or « je »; a notice, a report
    or a pasted passage speaks of things in the third person.
    """
    if a.doc is None:
        return False
    span = a.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        t.pos_ == "PRON" and t.morph.get("Person") == ["1"] for t in span
    )
