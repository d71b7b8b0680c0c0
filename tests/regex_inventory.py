"""Every regular expression that can see user text, and how each is applied.

Used by ``tests/test_regex_growth.py`` (linear growth on adversarial strings)
and ``bench/regex_sweep.py`` (the same sweep as a report). A pattern is
applied the way msglint applies it: most scan a whole text (``finditer``);
the few in ``ANCHORED`` only ever run at one position or on a bounded piece,
and are swept that way.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

import msglint
from msglint.analysis.asks.lexicons import LEXICONS as ASK_LEXICONS
from msglint.lang.lexicon import Lexicon, phrase_pattern, read_entries, read_pairs

# name -> (mode, why). "fullmatch": the whole piece must match; "match": one
# attempt at one position; "window": a search over a few characters only.
ANCHORED: dict[str, tuple[str, str]] = {
    "msglint.analysis.asks.syntax._VERSION": ("fullmatch", "one token's text"),
    "msglint.analysis.asks.clauses._LINE_PREFIX": ("match", "from the line start to the sentence"),
    "msglint.rules.deadline._HEADER_LINE": ("match", "at the start of the date's line"),
    "msglint.rules.deadline._TIMESTAMP_AFTER": ("match", "right after a date"),
    "msglint.fixes.common._SENTENCE_END": ("window", "the four characters before a word"),
    "msglint.rules.genre._LIST_TAGS": ("match", "at the start of the subject"),
}
# Lexicons compiled into one whole-sentence pattern (``asks/lexicons.py``).
FULLMATCH_LEXICONS = ("asks/not_asks.txt",)


def _word_sets() -> set[str]:
    """Lexicons the code reads only as sets of words (``pack.words("x")``): no regex runs."""
    source = "\n".join(
        path.read_text(encoding="utf-8") for path in Path(msglint.__file__).parent.rglob("*.py")
    )
    as_words = set(re.findall(r"\bwords\(\s*[\"']([\w-]+)[\"']", source))
    as_patterns = set(re.findall(r"\b(?:lexicon|phrases)\(\s*[\"']([\w-]+)[\"']", source))
    return as_words - as_patterns


def lexicon_patterns() -> dict[str, tuple[re.Pattern[str], str]]:
    """Each lexicon file of each pack, compiled as the packs compile it, with its mode.

    Lexicons read only as word sets are left out: a set lookup has no regex.
    """
    found: dict[str, tuple[re.Pattern[str], str]] = {}
    lang = Path(msglint.__file__).parent / "lang"
    word_sets = _word_sets()
    for path in sorted(lang.rglob("*")):
        if path.suffix == ".txt":
            entries = read_entries(path)
        elif path.suffix == ".tsv":
            entries = [phrase for phrase, _ in read_pairs(path)]
        else:
            continue
        name = str(path.relative_to(lang))
        shape = ASK_LEXICONS.get(path.stem, ("", ""))[0] if path.parent.name == "asks" else ""
        if shape in ("words", "endings") or (not shape and path.stem in word_sets):
            continue
        if name.endswith(FULLMATCH_LEXICONS) and entries:
            whole = "|".join(f"(?:{phrase_pattern(entry)})" for entry in entries)
            found[name] = (re.compile(f"(?:{whole})", re.IGNORECASE), "fullmatch")
            continue
        pattern = Lexicon(entries, str(path))._regex
        if pattern is not None:
            found[name] = (pattern, "finditer")
    return found


def code_patterns() -> dict[str, tuple[re.Pattern[str], str]]:
    """Each pattern compiled at module level in ``msglint``, with its mode."""
    found: dict[str, tuple[re.Pattern[str], str]] = {}
    for info in pkgutil.walk_packages(msglint.__path__, "msglint."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # an optional dependency missing: its patterns are not in use
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                key = f"{info.name}.{name}"
                found.setdefault(key, (value, ANCHORED.get(key, ("finditer", ""))[0]))
    return found


def applier(pattern: re.Pattern[str], mode: str) -> Callable[[str], int]:
    """A call that applies ``pattern`` to a text as msglint does."""
    if mode == "fullmatch":
        return lambda text: pattern.fullmatch(text) is not None
    if mode == "match":
        return lambda text: pattern.match(text) is not None
    if mode == "window":
        return lambda text: sum(
            pattern.search(text[i : i + 4]) is not None for i in range(0, len(text), 4)
        )
    return lambda text: sum(1 for _ in pattern.finditer(text))


# Adversarial units: each repeated, then a character that makes a match fail late.
UNITS = [
    " ", "a", "A", "é", ". ", "? ", "!", "a ", "AB ", "a-", "'", "-", "1", "\n", "\n\n",
    "* ", "<", "(", "[", "A. ", "\t", "and ", "1.", "a,",
]  # fmt: skip


def adversarial(unit: str, size: int) -> str:
    return unit * (size // len(unit)) + "\x00!"
