"""What a subject line names: the words left once prefixes, tags and empty words are set aside.

A subject tells the reader what the message is about only through its
content words. "Quelques infos en vrac", "URGENT !!! A LIRE", « notre
affaire », "2027 !!" or « ça remarche pas » have none: every word is a
general noun, an attention cue, an urgency word, a function word or a date
(a date alone, « pour aujourd'hui », says when, so it is not empty), or the
only thing the subject refers to is a pronoun. The subject is parsed (parts
of speech) once here; the subject rules read the result.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from msglint.analysis.model import SubjectFacts, TimeExpr
from msglint.lang import subject_prefix_pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from msglint.lang import LanguagePack

# Parts of speech that never name a topic on their own.
_FUNCTION_POS = frozenset(
    {"ADP", "AUX", "CCONJ", "DET", "NUM", "PART", "PRON", "PUNCT", "SCONJ", "SPACE", "SYM"}
)
# Parts of speech that name a thing (a subject with none of them names nothing
# but through a pronoun: « ça remarche pas », "this is broken").
_NOMINAL_POS = frozenset({"NOUN", "PROPN"})
# Dependency labels of a clause's subject (both pipelines' schemes).
_SUBJECT_DEPS = ("nsubj", "expl")
# A mailing list's tag is at most this long ("[users@httpd]", "[Numpy-discussion]").
_MAX_TAG = 80
# Words compared by their first letters: « facture » / « factures » / « facturation »,
# "invoice" / "invoicing" share a topic whatever the parser's lemma.
_STEM = 5
# A word of letters only, whole.
_LETTER_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")


def strip_prefixes(subject: str) -> tuple[str, int, int]:
    """The subject without Re:/Fwd:/TR: prefixes, where it starts, and how many were removed."""
    count = 0
    offset = 0
    rest = subject
    prefix = subject_prefix_pattern()
    while True:
        match = prefix.match(rest)
        if not match:
            break
        count += 1
        offset += match.end()
        rest = rest[match.end() :]
    return rest, offset, count


def core_span(subject: str) -> tuple[int, int]:
    """Where the subject's own words are: after list tags and Re:/Fwd: prefixes, trimmed."""
    start = 0
    while True:
        rest, offset, _ = strip_prefixes(subject[start:])
        start += offset
        stripped = rest.lstrip()
        start += len(rest) - len(stripped)
        close = stripped.find("]", 0, _MAX_TAG + 2) if stripped.startswith("[") else -1
        if close < 0:
            break
        start += close + 1
    end = len(subject.rstrip())
    return start, max(start, end)


def subject_facts(
    subject: str,
    doc: Doc | None,
    pack: LanguagePack,
    times: list[TimeExpr],
    body: Doc | None = None,
    people: frozenset[str] = frozenset(),
) -> SubjectFacts:
    """The content words of ``subject`` and whether it names no topic at all.

    ``doc`` is the subject as spaCy parsed it (None: no pipeline, words only);
    ``times`` the time expressions found in the subject; ``body`` the
    sender's own text as parsed, to tell whether the subject still names it;
    ``people`` the names the message greets or signs with (lower case,
    :func:`people_named`): a subject that names only them names no topic.
    """
    start, end = core_span(subject)
    _, _, prefixes = strip_prefixes(subject)
    if start >= end:
        return SubjectFacts(start=start, end=end, prefixes=prefixes)
    covered = _covered(subject, start, end, pack)
    content: list[str] = []
    # A date alone says when, not what (« pour aujourd'hui »): neither content
    # nor empty. A calendar date names the occasion (« votre rendez-vous du 8
    # décembre », "Wednesday meeting"): content. A date relative to the
    # sending day does not (« la réunion d'hier »: a week later, which one?).
    dated: set[int] = set()
    calendar = _calendar_words(pack)
    for time in times:
        if time.field == "subject":
            dated.update(range(time.start, time.end))
            words = {w.lower() for w in _word_runs(time.text)}
            if any(c.isdigit() for c in time.text) or words & calendar:
                content.append(time.text)
    empty: list[str] = []
    nominal = deictic = letters = False
    deictics = pack.words("deictic_pronouns")
    function_words = pack.words("function_words")
    for token in doc if doc is not None else ():
        if token.idx < start or token.idx >= end or not any(c.isalpha() for c in token.text):
            continue
        letters = True
        lower = token.text.lower()
        # The pronoun is what the subject line talks about (« ça » in « ça
        # remarche pas »), not an object in a title ("Think About It").
        if token.pos_ == "PRON" and lower in deictics and token.dep_.startswith(_SUBJECT_DEPS):
            deictic = True
        if token.idx in covered or (token.pos_ == "PROPN" and lower in people):
            # « Pour Marie », "John": who it is for, not what it is about.
            empty.append(token.text)
        elif token.idx in dated or token.pos_ in _FUNCTION_POS or lower in function_words:
            continue
        else:
            content.append(token.text)
            nominal = nominal or token.pos_ in _NOMINAL_POS
    if pack.lexicon("digest_subjects").search(subject[start:end]):
        reason = "digest"
    elif not letters and not content:
        reason = "no_words"
    elif not content and empty:
        reason = "empty_words"
    elif deictic and not nominal:
        reason = "pronoun"
    else:
        reason = ""
    return SubjectFacts(
        start=start,
        end=end,
        prefixes=prefixes,
        content=tuple(content),
        empty=tuple(empty),
        says_nothing=reason,
        social=_social(subject, start, end, doc, pack),
        shared=_shared(doc, start, end, body, function_words | _dated_words(subject, dated)),
    )


def people_named(
    body: str, closing_start: int | None, signature: str, pack: LanguagePack
) -> frozenset[str]:
    """Names the message greets or signs with, lower case: « Bonjour Marie, » ... « Claire ».

    The greeting is the body's first line when it holds a greeting word; the
    sign-off runs from the closing to the end, with the signature.
    """
    lines = body.strip().splitlines()
    first = lines[0] if lines and pack.lexicon("greetings").search(lines[0]) else ""
    closing = body[closing_start:] if closing_start is not None else ""
    return frozenset(
        word.casefold()
        for word in _LETTER_WORD.findall(" ".join((first, closing, signature)))
        if word[0].isupper()
    )


def _stem(word: str) -> str:
    """A word folded for comparison: lower case, no accents, its first letters."""
    folded = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))[:_STEM]


def _shared(
    doc: Doc | None, start: int, end: int, body: Doc | None, ignored: frozenset[str]
) -> tuple[str, ...] | None:
    """The subject's topic words that the own text uses too (None: nothing parsed).

    A reply whose subject shares no word with a long own text has moved to
    another matter under its old title (« Re: Bonne année » over a loan
    question). ``ignored`` holds the function words and the words of the
    subject's dates, which name no topic.
    """
    if doc is None or body is None:
        return None
    used = set()
    for token in body:
        if token.is_alpha:
            used.add(_stem(token.text))
            used.add(_stem(token.lemma_))
    shared = [
        token.text
        for token in doc
        if start <= token.idx < end
        and token.is_alpha
        # Any word but a function word: a title's parse is shaky (« client »
        # read as an adverb in « Revue KYC - client SARL Bâti Concept »).
        and token.pos_ not in _FUNCTION_POS
        and token.text.lower() not in ignored
        and (_stem(token.text) in used or _stem(token.lemma_) in used)
    ]
    return tuple(shared)


def _dated_words(subject: str, dated: set[int]) -> frozenset[str]:
    """The words of the subject's dates (« vendredi 27 novembre »): they say when, not what.

    A reply that names a weekday of its own ("see you Friday") does not keep
    to the topic of « Pot de départ – vendredi 27 novembre ».
    """
    words: set[str] = set()
    for match in _LETTER_WORD.finditer(subject):
        if match.start() in dated:
            words.add(match.group().lower())
    return frozenset(words)


def _social(subject: str, start: int, end: int, doc: Doc | None, pack: LanguagePack) -> bool:
    """Every word of the subject belongs to a social formula (wishes, thanks, welcome)."""
    core = subject[start:end]
    spans = [
        (start + h.start, start + h.end) for h in pack.lexicon("social_subjects").finditer(core)
    ]
    if not spans:
        return False
    inside = {i for a, b in spans for i in range(a, b)}
    function_words = pack.words("function_words")
    for token in doc if doc is not None else ():
        if token.idx < start or token.idx >= end or not any(c.isalpha() for c in token.text):
            continue
        if (
            token.idx in inside
            or token.pos_ in _FUNCTION_POS
            or token.text.lower() in function_words
        ):
            continue
        return False
    return doc is not None


def _calendar_words(pack: LanguagePack) -> frozenset[str]:
    """The pack's weekday and month names, long and short, lower-case."""
    names = pack.messages()["_words"]
    keys = ("weekdays", "months", "weekdays_short", "months_short")
    return frozenset(str(n).lower().rstrip(".") for key in keys for n in names.get(key, ()))


def _word_runs(text: str) -> list[str]:
    """Runs of letters ("Saturday/Sunday" gives both days)."""
    runs: list[str] = []
    current: list[str] = []
    for char in text + " ":
        if char.isalpha():
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    return runs


def _covered(subject: str, start: int, end: int, pack: LanguagePack) -> set[int]:
    """Offsets of every character inside an empty word, an urgency word or a greeting."""
    spans: list[tuple[int, int]] = []
    core = subject[start:end]
    for name in ("empty_subject_words", "urgency_words", "greetings"):
        spans.extend((start + h.start, start + h.end) for h in pack.lexicon(name).finditer(core))
    return {i for a, b in spans for i in range(a, b)}
