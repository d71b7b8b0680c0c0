"""Sweep every regular expression that sees user text for superlinear growth.

Each lexicon of each language pack (``*.txt`` and ``*.tsv``, compiled as the
packs compile them) and each pattern compiled at module level in ``msglint``
is run over adversarial strings (runs of spaces, stops, letters, capitals,
apostrophes, hyphens, brackets…, each followed by a character that makes the
match fail late). A pattern slow at the largest size is timed at four
doubling sizes, in CPU time, and reported when it grows faster than linearly:

    python bench/regex_sweep.py

A report, not a test: on a loaded machine a few fast patterns can show up as
noise; look at the times before believing one.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from growth import assert_linear  # noqa: E402

import msglint  # noqa: E402
from msglint.guard import TimeBudgetExceeded  # noqa: E402
from msglint.lang.lexicon import Lexicon, read_entries, read_pairs  # noqa: E402

UNITS = [
    " ", "a", "A", "é", ". ", "? ", "!", "a ", "AB ", "a-", "'", "-", "1", "\n", "\n\n",
    "* ", "<", "(", "[", "A. ", "\t", "and ",
]  # fmt: skip
SIZES = (1000, 2000, 4000, 8000)
SCREEN = 0.05  # seconds at the largest size: below this, too fast to time reliably
CAP = 20.0  # a search interrupted after this long is superlinear beyond doubt


def _lexicon_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for path in sorted(Path(msglint.__file__).parent.joinpath("lang").rglob("*")):
        if path.suffix == ".txt":
            entries = read_entries(path)
        elif path.suffix == ".tsv":
            entries = [phrase for phrase, _ in read_pairs(path)]
        else:
            continue
        pattern = Lexicon(entries, str(path))._regex
        if pattern is not None:
            found[str(path.relative_to(Path(msglint.__file__).parent))] = pattern
    return found


def _code_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(msglint.__path__, "msglint."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # an optional dependency missing: its patterns are not in use
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    return found


def _finditer_all(pattern: re.Pattern[str], text: str) -> int:
    from msglint.guard import deadline

    with deadline(CAP, "regex"):
        return sum(1 for _ in pattern.finditer(text))


def _slow_ones(patterns: dict[str, re.Pattern[str]]) -> dict[str, str]:
    """name -> the failure message, for each pattern that grows faster than linearly."""
    slow: dict[str, str] = {}
    for name, pattern in patterns.items():
        for unit in UNITS:
            make = lambda n, unit=unit: unit * (n // len(unit)) + "\x00!"  # noqa: E731
            text = make(SIZES[-1])
            started = time.process_time()
            try:
                _finditer_all(pattern, text)
                if time.process_time() - started < SCREEN:
                    continue
                assert_linear(make, lambda t, p=pattern: _finditer_all(p, t), SIZES, repeat=2)
            except (AssertionError, TimeBudgetExceeded) as failure:
                slow[name] = f"unit {unit!r}: {failure!r}"[:300]
                break
    return slow


def main() -> None:
    for title, patterns in (("lexicons", _lexicon_patterns()), ("code", _code_patterns())):
        slow = _slow_ones(patterns)
        print(f"{title}: {len(patterns)} patterns, {len(slow)} growing faster than linearly")
        for name, why in sorted(slow.items()):
            print(f"  {name}: {why}")


if __name__ == "__main__":
    main()
