"""Every regex that sees user text grows linearly on adversarial input (issue 16).

Each lexicon of each language pack and each module-level pattern of msglint
is applied, the way msglint applies it (``regex_inventory.py``), to runs of
spaces, stops, digits, capitals, brackets… that end in a character making
the match fail late. A pattern that is slow at the largest size is timed at
four doubling sizes in CPU time and must grow linearly (ratios, no absolute
time). A pattern that backtracks without end is cut by a deadline and fails.
"""

from __future__ import annotations

import re
import time

import pytest
from growth import assert_linear
from regex_inventory import UNITS, adversarial, applier, code_patterns, lexicon_patterns

from msglint.guard import TimeBudgetExceeded, deadline

SIZES = (500, 1000, 2000, 4000)
SCREEN = 0.03  # CPU seconds at the largest size: below this, linear beyond doubt
CAP = 15.0  # a single run this long is superlinear beyond doubt


def _grows_faster(pattern: re.Pattern[str], mode: str) -> str | None:
    run = applier(pattern, mode)

    def bounded(text: str) -> int:
        with deadline(CAP, "regex"):
            return run(text)

    for unit in UNITS:
        make = lambda n, unit=unit: adversarial(unit, n)  # noqa: E731
        started = time.process_time()
        try:
            bounded(make(SIZES[-1]))
            if time.process_time() - started < SCREEN:
                continue
            try:
                assert_linear(make, bounded, SIZES, repeat=2)
            except AssertionError:  # one retry: a scheduler hiccup is not a blow-up
                assert_linear(make, bounded, SIZES, repeat=3)
        except (AssertionError, TimeBudgetExceeded) as failure:
            return f"unit {unit!r} ({mode}): {failure!r}"[:300]
    return None


@pytest.mark.parametrize("group", ["lexicons", "code"])
def test_every_regex_that_sees_user_text_is_linear(group: str) -> None:
    patterns = lexicon_patterns() if group == "lexicons" else code_patterns()
    assert len(patterns) > 30  # the inventory found them
    slow = {}
    for name, (pattern, mode) in patterns.items():
        why = _grows_faster(pattern, mode)
        if why:
            slow[name] = why
    assert not slow, "\n".join(f"{name}: {why}" for name, why in sorted(slow.items()))


def test_anchored_patterns_are_named_in_the_inventory() -> None:
    """A pattern swept in an anchored mode must still exist under that name."""
    from regex_inventory import ANCHORED

    assert set(ANCHORED) <= set(code_patterns())
