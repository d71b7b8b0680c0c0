"""Where a text defines its acronyms, found in one pass (CL02's helper).

Checking each acronym with its own whole-text patterns cost a scan of the
text per acronym: quadratic for a text of thousands of distinct acronyms.
Here the text is read once and every string it defines is collected, in the
three forms CL02 accepts: "(SOW)", "SOW (statement of work)" and the
capitalised words "Statement of Work" whose initials spell it.
"""

from __future__ import annotations

import bisect
import re

MAX_LETTERS = 7  # an acronym is a capital and up to six more characters (CL02's pattern)
_LETTER = re.compile(r"[A-Z0-9&]")
_PARENTHESISED = re.compile(r"\(\s*([^()\s]+)\s*\)")
_CHUNK = re.compile(r"\S+")
_WORDY = re.compile(r"[\w'-]*")
_DEFINITION = re.compile(r"\(\s*[^\W\d_]")
_WORD_CHAR = re.compile(r"\w")
_SMALL = frozenset(  # the small words allowed between the capitalised ones
    {"of", "the", "and", "for", "on", "in", "to", "de", "des", "du", "la", "le", "les"}
    | {"et", "pour", "d'", "l'"}
)


def defined_acronyms(text: str) -> set[str]:
    """Every string ``text`` spells out or introduces, in CL02's three forms."""
    found: set[str] = set()
    for match in _PARENTHESISED.finditer(text):
        token = match.group(1)
        found.add(token)
        if token.endswith("s"):
            found.add(token[:-1])
    _before_definitions(text, found)
    _initials(text, found)
    return found


def _is_word_char(char: str) -> bool:
    return bool(_WORD_CHAR.match(char))


def _before_definitions(text: str, found: set[str]) -> None:
    """Acronyms followed by "(…words…)": ``SOW (statement of work)``."""
    closing = [i for i, c in enumerate(text) if c == ")"]
    for match in _DEFINITION.finditer(text):
        letter = match.end() - 1
        after = bisect.bisect_right(closing, letter)
        if after == len(closing) or closing[after] - letter < 4:
            continue
        end = match.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        ends = [end, end - 1] if end > 0 and text[end - 1] == "s" else [end]
        for stop in ends:
            start = stop
            while start > max(0, stop - MAX_LETTERS) and _LETTER.match(text[start - 1]):
                start -= 1
                if text[start].isupper() and (start == 0 or not _is_word_char(text[start - 1])):
                    found.add(text[start:stop])


def _initials(text: str, found: set[str]) -> None:
    """Initials of runs of capitalised words, one small word allowed between them."""
    chunks = [(m.start(), m.end()) for m in _CHUNK.finditer(text)]
    runs = [_WORDY.match(text, s + 1).end() for s, _ in chunks]  # type: ignore[union-attr]
    whole = [run == e for run, (_, e) in zip(runs, chunks, strict=True)]
    # "L[\w'-]*\b" can end a name at this chunk: always after a word character;
    # after "&", only if a word character follows in the run.
    can_end = [
        _is_word_char(text[s]) or bool(_WORD_CHAR.search(text, s + 1, run))
        for run, (s, _) in zip(runs, chunks, strict=True)
    ]
    for index, (start, end) in enumerate(chunks):
        for first in _first_letters(text, start, end):
            letters = first
            at = index + 1
            while len(letters) < MAX_LETTERS and at < len(chunks):
                s, e = chunks[at]
                if text[s:e] in _SMALL:
                    at += 1
                    if at == len(chunks):
                        break
                    s, e = chunks[at]
                if not _LETTER.match(text[s]):
                    break
                letters += text[s]
                if can_end[at]:
                    found.add(letters)
                if not whole[at]:
                    break
                at += 1


def _first_letters(text: str, start: int, end: int) -> list[str]:
    """Capitals that can open a spelled-out name inside the chunk ``text[start:end]``.

    The name's first word runs to the end of the chunk, made of word
    characters, apostrophes and hyphens, and starts on a word boundary.
    """
    tail = end
    while tail > start and (text[tail - 1] in "'-" or _is_word_char(text[tail - 1])):
        tail -= 1
    return [
        text[q]
        for q in range(tail, end)
        if "A" <= text[q] <= "Z" and (q == tail or text[q - 1] in "'-")
    ]


def in_ranges(ranges: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """A test ``position -> bool`` for membership in any of ``ranges`` (log time each)."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [s for s, _ in merged]

    def inside(position: int) -> bool:
        at = bisect.bisect_right(starts, position) - 1
        return at >= 0 and position < merged[at][1]

    return inside
