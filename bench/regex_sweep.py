"""Sweep every regular expression that sees user text for superlinear growth.

The same sweep as ``tests/test_regex_growth.py`` (the inventory and the way
each pattern is applied are in ``tests/regex_inventory.py``), printed as a
report with the times of each slow pattern, at larger sizes:

    python bench/regex_sweep.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import test_regex_growth as sweep  # noqa: E402
from regex_inventory import code_patterns, lexicon_patterns  # noqa: E402

sweep.SIZES = (1000, 2000, 4000, 8000)


def main() -> None:
    for title, patterns in (("lexicons", lexicon_patterns()), ("code", code_patterns())):
        slow = {name: sweep._grows_faster(p, mode) for name, (p, mode) in patterns.items()}
        slow = {name: why for name, why in slow.items() if why}
        print(f"{title}: {len(patterns)} patterns, {len(slow)} growing faster than linearly")
        for name, why in sorted(slow.items()):
            print(f"  {name}: {why}")


if __name__ == "__main__":
    main()
