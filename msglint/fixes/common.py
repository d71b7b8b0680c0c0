"""Small text helpers the fixers share: deletions that leave clean text, sentence case."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msglint.fixes.model import Edit

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis

_SENTENCE_END = re.compile(r"(?:^|[.!?…]\s+|\n\s*|^\s*)$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def field_text(a: Analysis, field: str) -> str:
    return (a.subject or "") if field == "subject" else a.body


def at_sentence_start(text: str, offset: int) -> bool:
    """True when only a greeting comma, sentence end or line break comes before ``offset``."""
    before = text[max(0, offset - 4) : offset]
    return offset == 0 or bool(_SENTENCE_END.search(before))


def deletion(text: str, start: int, end: int, field: str = "body") -> Edit:
    """Delete ``[start, end)`` with the comma and one space that go with it.

    At a sentence start the next word takes the capital ("Basically, we…" →
    "We…").
    """
    if text[end : end + 1] == ",":
        end += 1
    if text[end : end + 1] == " ":
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    if at_sentence_start(text, start) and text[end : end + 1].islower():
        return Edit(start, end + 1, text[end].upper(), field)
    return Edit(start, end, "", field)


def match_case(original: str, replacement: str) -> str:
    """``replacement`` capitalised like ``original``'s first letter."""
    if replacement and original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _kept_forms(a: Analysis) -> dict[str, str]:
    """Words the draft writes capitalised in ordinary text: names written "Marc"
    mid-sentence, acronyms written "ESOP" between lower-case words. Computed once
    per message (``a.extra``), so many shouting runs cost one pass."""
    cached = a.extra.get("fix_kept_forms")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    function_words = a.pack.words("function_words")
    kept: dict[str, str] = {}
    for text in (a.subject or "", a.body, a.message.signature):
        words = list(_WORD.finditer(text))
        for index, match in enumerate(words):
            word = match.group()
            lower = word.lower()
            if lower in function_words or len(word) < 2:
                continue
            if word[:1].isupper() and word[1:].islower():
                if not at_sentence_start(text, match.start()):
                    kept.setdefault(lower, word)
            elif word.isupper():
                around = [w.group() for w in words[max(0, index - 1) : index + 2] if w is not match]
                if around and all(any(c.islower() for c in w) for w in around):
                    kept[lower] = word
    a.extra["fix_kept_forms"] = kept
    return kept


def sentence_case(
    a: Analysis,
    text: str,
    capital_first: bool,
    keep: frozenset[str],
) -> str:
    """``text`` in lower case but for acronyms (the pack's list, or written in
    capitals elsewhere in the draft), names written capitalised elsewhere, and
    (when ``capital_first``) its first letter."""
    kept = _kept_forms(a)
    out: list[str] = []
    cursor = 0
    for match in _WORD.finditer(text):
        out.append(text[cursor : match.start()])
        word = match.group()
        lower = word.lower()
        if lower in keep or (len(word) <= 1 and word != "A"):
            out.append(word)
        elif lower in kept:
            out.append(kept[lower])
        else:
            out.append(lower)
        cursor = match.end()
    out.append(text[cursor:])
    result = "".join(out)
    if capital_first:
        for index, char in enumerate(result):
            if char.isalpha():
                result = result[:index] + char.upper() + result[index + 1 :]
                break
    return result
