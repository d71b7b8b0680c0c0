"""Word lists as data: one phrase a line, matched on word boundaries, case-insensitively.

A line of a lexicon file is a phrase (``in order to``), or a regular
expression when it starts with ``re:``. ``#`` starts a comment. Straight and
curly apostrophes match each other, and a space matches any run of spaces, so
a phrase is written once the way a person types it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from msglint.errors import MsglintError


def phrase_pattern(phrase: str) -> str:
    """The regex source for one lexicon phrase (or ``re:`` expression)."""
    if phrase.startswith("re:"):
        return phrase[3:].strip()
    parts = []
    for char in phrase:
        if char in "'’":
            parts.append("['’]")
        elif char == " ":
            parts.append(r"\s+")
        elif char == "-":
            parts.append(r"[-‑\s]?")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    head = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return f"{head}{body}{tail}"


_HEAD = r"(?<!\w)"


def alternation(entries: list[str]) -> str:
    """``(?P<e0>p0)|(?P<e1>p1)|…`` of the entries' patterns, written so few branches are tried.

    Python's ``re`` tries every branch at every offset: 600 place names cost
    0.1 ms a character, half the time of a whole check. Two rewrites keep
    the match (leftmost, then the first matching branch in order) exactly:
    the word-start test of consecutive plain phrases that begin with a letter
    or a digit is made once, before them; and those phrases are grouped by
    that first character (groups whose characters could match one same
    character, case-insensitively, are one group), each group behind a
    one-character look-ahead. No two groups can match at one offset, so
    their order does not matter; inside a group the order is the entries'.
    An ``re:`` entry or a phrase that begins otherwise stays a branch of its
    own, in its place.
    """
    parts: list[str] = []
    pending: list[tuple[int, str]] = []  # (index, pattern without its head)
    for index, entry in enumerate(entries):
        pattern = phrase_pattern(entry)
        if not entry.startswith("re:") and entry[:1].isalnum() and pattern.startswith(_HEAD):
            pending.append((index, pattern[len(_HEAD) :]))
            continue
        if pending:
            parts.append(_grouped(pending))
            pending = []
        parts.append(f"(?P<e{index}>{pattern})")
    if pending:
        parts.append(_grouped(pending))
    return "|".join(parts)


def _grouped(branches: list[tuple[int, str]]) -> str:
    """One word-start test, then the branches grouped by their first character."""
    owner: dict[str, str] = {}  # first character -> its group's first character
    for _, pattern in branches:
        first = pattern[0]
        if first in owner:
            continue
        joined = {owner[c] for c in owner if _overlap(c, first)}
        owner[first] = first
        for char, group in owner.items():  # a character matching two groups joins them
            if group in joined:
                owner[char] = first
    groups: dict[str, list[tuple[int, str]]] = {}
    for index, pattern in branches:
        groups.setdefault(owner[pattern[0]], []).append((index, pattern))
    alternatives = []
    for members in groups.values():
        chars = "".join(sorted({pattern[0] for _, pattern in members}))
        inner = "|".join(f"(?P<e{index}>{pattern})" for index, pattern in members)
        alternatives.append(f"(?=[{chars}])(?:{inner})")
    return f"{_HEAD}(?:{'|'.join(alternatives)})"


def _overlap(a: str, b: str) -> bool:
    """True when some character matches both ``a`` and ``b`` case-insensitively."""
    if a.lower() == b.lower():
        return True
    if a.isascii() and b.isascii():  # no case folding joins two ASCII letters
        return False
    return any(
        re.fullmatch(re.escape(a), c, re.IGNORECASE)
        and re.fullmatch(re.escape(b), c, re.IGNORECASE)
        for c in {a, b, a.lower(), a.upper(), b.lower(), b.upper()}
    )


@dataclass(frozen=True)
class Hit:
    """A lexicon entry found in a text."""

    start: int
    end: int
    text: str
    entry: str


class Lexicon:
    """A compiled list of phrases; longest entries win where they overlap."""

    def __init__(self, entries: list[str], where: str = "<lexicon>") -> None:
        self.entries = entries
        self._where = where
        self._ordered = sorted(entries, key=len, reverse=True)
        self._whole: re.Pattern[str] | None = None
        self._compiled: re.Pattern[str] | None = None

    @property
    def _regex(self) -> re.Pattern[str] | None:
        """The alternation of every entry, compiled on first use (start-up is precious)."""
        if self._compiled is None and self._ordered:
            try:
                self._compiled = re.compile(alternation(self._ordered), re.IGNORECASE)
            except re.error:
                self._check_entries()  # names the bad entry
                raise
        return self._compiled

    def _check_entries(self) -> None:
        for entry in self._ordered:
            try:
                re.compile(phrase_pattern(entry))
            except re.error as exc:
                raise MsglintError(self._where, f"bad pattern {entry!r}: {exc}") from None

    def finditer(self, text: str) -> Iterator[Hit]:
        """Non-overlapping hits, left to right."""
        if self._regex is None:
            return
        for match in self._regex.finditer(text):
            name = next(
                key
                for key, value in match.groupdict().items()
                if value is not None and key[0] == "e"
            )
            entry = self._ordered[int(name[1:])]
            yield Hit(match.start(), match.end(), match.group(), entry)

    def search(self, text: str) -> Hit | None:
        return next(self.finditer(text), None)

    def fullmatch(self, text: str) -> bool:
        """True when the whole of ``text`` (stripped) is one entry."""
        if self._whole is None:
            alternatives = "|".join(f"(?:{phrase_pattern(e)})" for e in self._ordered) or "(?!)"
            self._whole = re.compile(rf"(?:{alternatives})", re.IGNORECASE)
        return self._whole.fullmatch(text.strip()) is not None

    def __len__(self) -> int:
        return len(self.entries)


def read_entries(path: Path) -> list[str]:
    """Entries of a lexicon file: stripped lines, comments and blanks dropped."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MsglintError(str(path), f"cannot read lexicon: {exc.strerror or exc}") from None
    entries = []
    for line in raw.splitlines():
        line = (
            line.split(" #", 1)[0].strip() if not line.lstrip().startswith("re:") else line.strip()
        )
        if line and not line.startswith("#"):
            entries.append(line)
    return entries


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """``phrase<TAB>replacement`` lines of a .tsv lexicon (an empty replacement means "delete")."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MsglintError(str(path), f"cannot read lexicon: {exc.strerror or exc}") from None
    pairs = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" not in line:
            raise MsglintError(
                f"{path}:{number}", f"expected 'phrase<TAB>replacement', got {line!r}"
            )
        phrase, replacement = line.split("\t", 1)
        pairs.append((phrase.strip(), replacement.strip()))
    return pairs
