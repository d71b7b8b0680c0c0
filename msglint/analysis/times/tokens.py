"""The tokens of one text and the vocabulary lookups every parser uses."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from msglint.analysis.times.vocab import (
    CURRENCY_AFTER,
    END,
    FOLLOW,
    TOKEN_RE,
    Vocabulary,
    fold_table,
)

# What may stand before the first word of a sentence.
_OPENERS = frozenset({".", "!", "?", ":", ";", "«", '"', "“", "(", "[", "-", "—", "–"})


class Tokens:
    """One text split into folded tokens, with the lookups of its phrases in the vocabulary."""

    def __init__(self, text: str, lang: Vocabulary, now: datetime) -> None:
        self.text = text
        self.L = lang
        from msglint.analysis.times.resolve import Reference

        self.ref = Reference(now)  # the only way the grammar reads ``now``
        folded = text.translate(fold_table())
        starts, ends, keys = [], [], []
        for match in TOKEN_RE.finditer(folded):
            starts.append(match.start())
            ends.append(match.end())
            keys.append(match.group())
        self.s, self.e, self.k = starts, ends, keys
        self.n = len(keys)
        self.isnum = [key.isascii() and key.isdigit() for key in keys]
        self._cache: dict[int, dict[str, tuple[int, Any]]] = {}
        # The last day the text named so far ("On 3 March we met; the next day…"): set by
        # the scan, read by anaphora ("the next day", « la veille »); None: today.
        self.anchor: date | None = None
        # The day the last dated expression starts on, whatever its grain ("In 1998 …
        # later that year"): read by anaphora of a whole period ("that year").
        self.anchor_any: date | None = None
        self._memo: dict[tuple[str, int, bool], Any] = {}
        self._weak_names: frozenset[str] | None = None  # see Days.weak_names

    # ---- token helpers

    def key(self, i: int) -> str:
        """The folded token i, or "" outside the text."""
        return self.k[i] if 0 <= i < self.n else ""

    def attached(self, i: int) -> bool:
        """Token i follows token i-1 with no space."""
        return 0 < i < self.n and self.s[i] == self.e[i - 1]

    def digit(self, i: int) -> bool:
        """Token i is a number written in ASCII digits."""
        return 0 <= i < self.n and self.isnum[i]

    def word(self, i: int) -> bool:
        """Token i starts with a letter."""
        return self.key(i)[:1].isalpha()

    def capital(self, i: int) -> bool:
        """Written with a capital then lower case ("May", not "may" nor "SAT")."""
        return 0 <= i < self.n and self.text[self.s[i] : self.e[i]].istitle()

    def upper(self, i: int, end: int) -> bool:
        """Tokens i..end-1 are written in capitals ("EST", not "est")."""
        return 0 <= i < end <= self.n and self.text[self.s[i] : self.e[end - 1]].isupper()

    def starts_sentence(self, i: int) -> bool:
        """Token i opens a sentence, a line, a quotation or a parenthesis."""
        if i <= 0:
            return True
        return self.key(i - 1) in _OPENERS or "\n" in self.text[self.e[i - 1] : self.s[i]]

    def m(self, i: int) -> dict[str, tuple[int, Any]]:
        """Longest phrase of each category starting at token i: {category: (end, value)}."""
        found = self._cache.get(i)
        if found is not None:
            return found
        found = {}
        node = self.L.trie
        j = i
        while j < self.n:
            key = self.k[j]
            if key == "-" and j > i and self.attached(j) and self.attached(j + 1):
                j += 1
                continue
            if key in self.L.caps_names and self.capital(j) and not self.starts_sentence(j):
                break  # « dans le Midi », « au Printemps de Bourges »: a name
            node = node.get(key)
            if node is None:
                break
            j += 1
            ends = node.get(END)
            if ends and j - i <= 2 and "".join(self.k[i:j]) in self.L.caps_only:
                ends = ends if self.text[self.s[i] : self.e[j - 1]].isupper() else None
            if ends:
                for cat, value in ends.items():
                    found[cat] = (j, value)
        self._cache[i] = found
        return found

    def has(self, i: int, cat: str) -> tuple[int, Any] | None:
        """The longest phrase of ``cat`` at token i, as (end, value), or None."""
        return self.m(i).get(cat) if i < self.n else None

    def prev_is(self, i: int, cat: str) -> bool:
        """A phrase of ``cat`` ends right before token i (looking back up to 3 tokens)."""
        for back in (1, 2, 3):
            hit = self.has(i - back, cat) if i - back >= 0 else None
            if hit and hit[0] == i:
                return True
        return False

    def number_ok_left(self, i: int, glued_word: bool = False) -> bool:
        """Token i is a whole number, not part of 3.14, $5, page 12, A4 (unless glued_word)."""
        prev = self.key(i - 1)
        if self.attached(i) and prev in {".", ",", ":", "/", "+"} and self.digit(i - 2):
            return False
        if self.attached(i) and (prev.isdigit() or (prev[:1].isalpha() and not glued_word)):
            return False
        if prev in CURRENCY_AFTER or prev == "#":
            return False
        return not self.prev_is(i, "notnum")

    def number_ok_right(self, j: int) -> bool:
        """Nothing after token j-1 makes it part of a bigger number or an amount."""
        key = self.key(j)
        if key in CURRENCY_AFTER:
            return False
        return not (
            key in {".", ",", ":", "/"}
            and self.attached(j)
            and self.digit(j + 1)
            and self.attached(j + 1)
        )

    def follow_ok(self, j: int) -> bool:
        """Token j may follow a loose clock time ("at 5" then "." or "tomorrow", not "people")."""
        if j >= self.n:
            return True
        key = self.k[j]
        if not key[:1].isalnum():
            if key in {"-", ":", "/", ".", ","} and self.digit(j + 1) and self.attached(j + 1):
                return False  # "at 650-650-6500", "at 3.5"
            return key not in CURRENCY_AFTER
        return not FOLLOW.isdisjoint(self.m(j))

    # ---- numbers
