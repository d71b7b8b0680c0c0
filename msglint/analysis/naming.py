"""Whether a new message names anything at all: « de nouveau le problème ».

A reader of a new e-mail has nothing but its subject and its text. When
neither holds a noun that says what it is about — besides greetings, thanks,
times, and the one bare definite noun that points back at something never
described (« le problème », "the issue") — the reader cannot act without
asking. The other facts here are references the reader cannot resolve from
the text either: a day pointed back at when none was named, a problem said
to be back and never described, things said to exist with nothing to find
them by, and words of a chat another turn asks back about (« Quelle dernière
fois ? »). Read by CL01 (its strong hits).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.model import Analysis
    from msglint.lang.lexicon import Lexicon

# What a bare noun may carry: « de nouveau le problème », "the issue again" describe nothing.
_BARE_DEPS = frozenset({"det", "case", "punct", "fixed", "advmod"})
# Determiners that point back: "the issue", « ce problème », « le souci ».
_POINTING = frozenset({"the", "this", "that", "le", "la", "l'", "l’", "ce", "cet", "cette"})


def names_nothing(a: Analysis) -> tuple[int, int, str] | None:
    """The span the reader cannot resolve in a message that names nothing, else None.

    The span is the bare definite noun when there is one (« le problème »),
    else the first ask (« Rappelle-moi dès que tu peux »). A message that
    asks nothing and points at nothing is left alone ("Fred needs to see you"
    may be all there is to say).
    """
    if a.doc is None or a.kind != "email" or a.message.quoted.strip() or a.message.automated:
        return None  # a reply, a forward or a chat has its context above it
    end = a.message.end_before_closing
    skip = _ignored_spans(a, a.body)
    nouns = [t for t in a.doc if t.pos_ == "NOUN" and t.idx < end and not _inside(t.idx, skip)]
    # A subject the subject facts find empty (« URGENT !!! », "Question") names
    # nothing, whatever part of speech the parse gave its words in capitals.
    if a.subject and a.subject_doc is not None and not a.subject_facts.says_nothing:
        subject_skip = _ignored_spans(a, a.subject)
        for token in a.subject_doc:
            if token.pos_ in ("NOUN", "PROPN") and not _inside(token.idx, subject_skip):
                return None  # the subject names it
    if len(nouns) > 1:
        return None
    if nouns:
        noun = nouns[0]
        # Its own words, up to the sign-off: a determiner, a preposition over it.
        children = [c for c in noun.children if c.idx < end and not c.is_space]
        determiners = [c for c in children if c.dep_ == "det"]
        # « le devis Dupont », "the issue 4512": a name or a number right after names it.
        following = next((t for t in a.doc[noun.i + 1 :] if not t.is_space), None)
        named = (
            following is not None
            and following.idx < end
            and following.pos_ in ("PROPN", "NOUN", "NUM")
        )
        if (
            determiners
            and not named
            and all(
                c.dep_ in _BARE_DEPS and (c.dep_ != "det" or c.lower_ in _POINTING)
                for c in children
            )
        ):
            start = min(c.idx for c in children if c.dep_ == "det")
            return start, noun.idx + len(noun.text), a.body[start : noun.idx + len(noun.text)]
        return None  # a noun with its own words, or an indefinite one, names something
    asks = [ask for ask in a.asks if ask.start < end]
    if asks:
        return asks[0].start, asks[0].end, asks[0].text
    return None


def _ignored_spans(a: Analysis, text: str) -> list[tuple[int, int]]:
    """Greetings, thanks and times: nouns there say nothing about the matter."""
    spans = [(h.start, h.end) for h in a.pack.lexicon("greetings").finditer(text)]
    spans += [(h.start, h.end) for h in a.pack.lexicon("courtesy").finditer(text)]
    if text is a.body:
        spans += [(t.start, t.end) for t in a.times if t.field == "body"]
    else:
        spans += [(t.start, t.end) for t in a.times if t.field == "subject"]
    return spans


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def unanchored_day(a: Analysis) -> tuple[int, int, str] | None:
    """A day pointed back at (« ce jour-là », "that day") when no day was named before it.

    The pack's ``day_anaphors.txt`` lists the phrases; the time parser reads
    them from the last day the text named, else from today, which a reader
    never takes them to mean. A message quoting its thread may have named the
    day there, and a chat answers the message before it: both are spared.
    """
    if a.message.quoted.strip() or a.kind == "chat":
        return None
    hits = a.pack.find("day_anaphors", a.body)
    if not hits:
        return None
    if any(t.field == "subject" and _names_day(t) for t in a.times):
        return None
    for hit in hits:
        if not any(t.field == "body" and t.end <= hit.start and _names_day(t) for t in a.times):
            return hit.start, hit.end, hit.text
    return None


def _names_day(t: object) -> bool:
    """A time expression that names a day or an hour, not a vague word or a duration."""
    from msglint.analysis.model import TimeExpr

    assert isinstance(t, TimeExpr)
    return (
        t.value is not None
        and not t.vague
        and t.kind in ("instant", "interval", "open_interval")
        and t.grain not in (None, "year", "month", "week")
    )


# What may stand between a line's start and a chat turn's text: a stamp, a
# speaker's name, closed by a colon, a bracket or a dash ("[08:12] Julie : ").
_TURN_OPENERS = (":", "]", "-", "–", ")")
# The parts of speech an echoed phrase may open on where it was used:
# "patches", « dernière fois »; "What about…?" asks something else.
_ECHO_HEADS = frozenset({"NOUN", "PROPN", "ADJ"})


def echoed_reference(a: Analysis) -> tuple[int, int, str, str] | None:
    """A phrase of a conversation that a later turn asks back about (« Quelle dernière fois ? »).

    In a chat, a turn that is only "which X?" (the pack's
    ``echo_questions.txt``) about words an earlier turn used shows that the
    reader could not tell what they meant: the writer took for shared what
    was not. Returns the earlier phrase's span, its text and the question.
    Only chats: in an e-mail the question is the sender's own, about the
    text they quote.
    """
    if a.kind != "chat" or a.doc is None:
        return None
    body = a.body
    lexicon = a.pack.lexicon("echo_questions")
    offset = 0
    for line in body.splitlines(keepends=True):
        found = _echo_question(line, offset, lexicon)
        if found is not None:
            start, phrase, question = found
            earlier = _last_phrase(body, phrase, start)
            # Read the part of speech where the words were first used, in a
            # whole sentence: a bare "Which patches?" often parses as a verb.
            head = None if earlier is None else next((t for t in a.doc if t.idx >= earlier), None)
            if earlier is not None and head is not None and head.pos_ in _ECHO_HEADS:
                end = earlier + len(phrase)
                earlier = _with_determiner(a, earlier)  # « la dernière fois », "the dot"
                return earlier, end, body[earlier:end], question
        offset += len(line)
    return None


def _echo_question(line: str, offset: int, lexicon: Lexicon) -> tuple[int, str, str] | None:
    """(offset of the line, the echoed words, the question) when the line's turn is "which X?"."""
    mark = line.find("?")
    if mark < 0 or any(c.isalnum() for c in line[mark + 1 :]):
        return None  # a question ends the turn; emoji or "!" may follow
    hit = lexicon.search(line[:mark])
    if hit is None:
        return None
    before = line[: hit.start].rstrip()
    if before and (len(before) > 80 or not before.endswith(_TURN_OPENERS)):
        return None  # the word opens the turn, or it asks something else
    phrase = " ".join(line[hit.end : mark].split())
    words = phrase.split()
    if not 1 <= len(words) <= 4:
        return None
    return offset, phrase, " ".join(line[hit.start : mark + 1].split())


def _last_phrase(text: str, phrase: str, before: int) -> int | None:
    """Where ``phrase`` last stands on word boundaries in ``text[:before]`` (any case)."""
    haystack = text[:before].lower()
    needle = phrase.lower()
    if len(haystack) != before or len(needle) != len(phrase):
        haystack, needle = text[:before], phrase  # a letter whose lower case is longer
    at = haystack.rfind(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not haystack[at - 1].isalnum()) and (
            end == len(haystack) or not haystack[end].isalnum()
        ):
            return at
        at = haystack.rfind(needle, 0, at)
    return None


def _with_determiner(a: Analysis, start: int) -> int:
    """``start`` moved back over the determiner right before it, if any."""
    assert a.doc is not None
    previous = None
    for token in a.doc:
        if token.idx >= start:
            break
        if not token.is_space:
            previous = token
    if (
        previous is not None
        and previous.pos_ == "DET"
        and not a.body[previous.idx + len(previous) : start].strip()
    ):
        return previous.idx
    return start


# Words of a problem noun that say what the problem is: "the issue that…",
# "the recurring timeout issue" (amod), "the problem: …" (appos).
_DESCRIBING = frozenset({"amod", "acl", "acl:relcl", "relcl", "appos", "ccomp", "nummod"})
# The links of a complement saying what a problem affects: « de la barge
# Marne 3 », "with the printer".
_COMPLEMENTS = frozenset(
    {"nmod", "case", "det", "compound", "flat:name", "nummod", "prep", "pobj", "fixed"}
)
# The links of a complement saying what a problem affects: « de la barge
# Marne 3 », "with the printer".
_COMPLEMENTS = frozenset(
    {"nmod", "case", "det", "compound", "flat:name", "nummod", "prep", "pobj", "fixed"}
)
# What the clause of a problem noun may add that describes it: "the problem
# is that…" (ccomp, attr), « le problème est le suivant ».
_PREDICATES = frozenset({"ccomp", "attr", "acomp", "xcomp"})


def recurring_problem(a: Analysis) -> tuple[int, int, str] | None:
    """A problem said to be back that a new e-mail never describes.

    « Il faudrait regarder le problème de la barge Marne 3, ça recommence. »

    The writer points at it with a definite article (« le problème », "the
    issue"; the pack's ``problem_nouns.txt``) as something the reader knows,
    says it recurs (``recurrence_marks.txt``: « ça recommence », "again") and
    gives it no words of its own: no adjective, clause or apposition saying
    what goes wrong (what it affects, « de la barge », says where, not what).
    Replies, forwards, chats and automated notices have the problem above
    them; a condition (« si le problème persiste », ``condition_marks.txt``)
    asserts nothing.
    """
    if a.doc is None or a.kind != "email" or a.message.quoted.strip() or a.message.automated:
        return None
    end = a.message.end_before_closing
    nouns = a.pack.words("problem_nouns")
    skip = _ignored_spans(a, a.body)
    sentences = [s for s in a.doc.sents if s.start_char < end]
    for index, sentence in enumerate(sentences):
        found = _opening_problem(a, sentence, nouns)
        if found is not None:
            # It comes back in its own sentence or the next one, on a pronoun: « Ça recommence. »
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            told = _says_again(a, sentence.text) or (
                following is not None
                and following[0].pos_ == "PRON"
                and _says_again(a, following.text)
            )
            if told and not _subject_describes(a, found):
                return found[0], found[1], a.body[found[0] : found[1]]
        if any(t.pos_ in ("NOUN", "VERB") and not _inside(t.idx, skip) for t in sentence):
            return None  # only the opening statement: what follows may take up what came before
    return None


def _says_again(a: Analysis, text: str) -> bool:
    """``text`` says something recurs; "thanks again", « merci encore » thank twice."""
    thanks = [h.end for h in a.pack.lexicon("courtesy").finditer(text)]
    return any(
        not any(end <= hit.start and not text[end : hit.start].strip() for end in thanks)
        for hit in a.pack.lexicon("recurrence_marks").finditer(text)
    )


def _opening_problem(a: Analysis, sentence: Span, nouns: frozenset[str]) -> tuple[int, int] | None:
    """The span of an undescribed definite problem noun asserted in ``sentence``, else None."""
    conditions = a.pack.lexicon("condition_marks")
    for token in sentence:
        if token.lower_ not in nouns or token.idx >= a.message.end_before_closing:
            continue
        span = _undescribed(token)
        if span is not None and conditions.search(a.body[sentence.start_char : token.idx]) is None:
            return span
    return None


def _subject_describes(a: Analysis, span: tuple[int, int]) -> bool:
    """The subject says what goes wrong ("Printer jams again"), not only where ("Marne 3")."""
    if not a.subject or a.subject_doc is None or a.subject_facts.says_nothing:
        return False
    assert a.doc is not None
    known = {t.lower_ for t in a.doc if span[0] <= t.idx < span[1]} | a.pack.words("problem_nouns")
    return any(
        t.pos_ == "VERB" or (t.pos_ in ("NOUN", "ADJ") and t.lower_ not in known)
        for t in a.subject_doc
    )


def _undescribed(noun: Token) -> tuple[int, int] | None:
    """The span of ``noun`` with its determiner and complements when nothing says what it is."""
    children = [c for c in noun.children if not c.is_space]
    determiners = [c for c in children if c.dep_ == "det"]
    if not determiners or not all(c.lower_ in _POINTING for c in determiners):
        return None
    if any(c.dep_ in _DESCRIBING for c in children):
        return None
    if noun.dep_.startswith("nsubj") and any(c.dep_ in _PREDICATES for c in noun.head.children):
        return None  # "the problem is that…"
    following = next((t for t in noun.doc[noun.i + 1 :] if not t.is_space), None)
    if following is not None and following.text in (":", "("):
        return None  # « le problème : … » describes it next
    start = min(c.idx for c in determiners)
    stop = noun.idx + len(noun)
    # Its own complement runs on right after it; the parse may hang the rest
    # of the sentence under the noun too, so stop at the first other word.
    for token in noun.doc[noun.i + 1 : noun.sent.end]:
        if token.is_space or not _complement(token, noun):
            break
        stop = token.idx + len(token)
    return start, stop


def _complement(token: Token, noun: Token) -> bool:
    """``token`` belongs to a complement of ``noun`` (« de la barge Marne 3 »), not to a clause."""
    while token.i != noun.i:
        inner = token.head.i != noun.i  # "the third floor" inside "on the third floor"
        if token.dep_ not in _COMPLEMENTS and not (inner and token.dep_ == "amod"):
            return False
        token = token.head
    return True


def unfound_artifact(a: Analysis) -> tuple[int, int, str] | None:
    """Things said to exist that the reader cannot find: "There are patches that address this."

    The sender tells the reader that something they would go and get exists
    (the pack's ``findable_nouns.txt``: patches, a fix, a thread, « un
    correctif »), with an expletive subject ("there are", « il existe »;
    ``existential_verbs.txt``) and an indefinite noun, and gives nothing to
    find it by: no link anywhere in the message (its quoted text included),
    no name or number, no place ("in the tracker", « dans le parapheur »:
    ``place_prepositions.txt``), no colon leading to it. Questions ("Is
    there a fix?") assert nothing.
    """
    if a.doc is None or a.kind != "email":
        return None
    if any(mark in text for text in (a.body, a.message.quoted) for mark in ("://", "www.")):
        return None  # a link may lead to them
    end = a.message.end_before_closing
    nouns = a.pack.words("findable_nouns")
    verbs = a.pack.words("existential_verbs")
    places = a.pack.words("place_prepositions")
    for token in a.doc:
        if token.idx >= end:
            break
        if token.lower_ not in nouns or token.head.lemma_.lower() not in verbs:
            continue
        verb = token.head
        if not any(c.dep_.startswith("expl") for c in verb.children):
            continue
        if token.sent.text.rstrip().endswith("?"):
            continue
        if any(c.dep_ == "det" and c.lower_ in _POINTING for c in token.children):
            continue  # "there is the patch…" points back at one already named
        words = [t for child in verb.children for t in child.subtree]  # the noun's own, too
        if _points(words, places):
            continue  # named, numbered, placed or described next
        # The next sentence of its paragraph may give the pointer.
        after = next((t for t in a.doc[token.sent.end :] if not t.is_space), None)
        last = next(t for t in reversed(token.sent) if not t.is_space)
        same = after is not None and "\n\n" not in a.body[last.idx : after.idx]
        if same and after is not None and after.idx < end and _points(after.sent, places):
            continue  # "There is a ticket for this. It is INFRA-1234."
        span = [t for t in token.subtree if t.dep_ != "punct" and not t.is_space]
        start, stop = span[0].idx, span[-1].idx + len(span[-1])
        return start, stop, a.body[start:stop]
    return None


def _points(tokens: Iterable[Token], places: frozenset[str]) -> bool:
    """The words give a name, a number, a place or a colon to find a thing by."""
    return any(
        t.pos_ in ("PROPN", "NUM") or t.text in (":", "#") or t.lower_ in places for t in tokens
    )
