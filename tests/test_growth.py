"""Hostile sizes: every step that sees user text grows linearly (issue 16).

Each test builds an input that was slow before (quadratic or worse), doubles
its size a few times and compares the times by ratio (``growth.py``): no
absolute time is asserted. Most call the one step under test directly, so
the module costs seconds, not minutes.
"""

from __future__ import annotations

import itertools
import re
import string
from types import SimpleNamespace

import pytest
from growth import assert_linear
from hypothesis import given, settings
from hypothesis import strategies as st

from msglint.lang import get_pack
from msglint.rules.acronyms import defined_acronyms
from msglint.rules.clarity import undefined_acronym
from msglint.rules.subject import subject_shouting


def _acronyms(count: int) -> str:
    letters = string.ascii_uppercase
    words = ("".join(p) for p in itertools.product(letters, repeat=4))
    return " ".join(f"The {w} and" for w in itertools.islice(words, count)) + "."


def _cl02(body: str) -> list:
    analysis = SimpleNamespace(body=body, pack=get_pack("en"))
    return list(undefined_acronym(analysis, {"allow": []}))


def test_cl02_thousands_of_distinct_acronyms_is_linear() -> None:
    """8,000 acronyms took 46 s: three whole-text patterns per acronym."""
    assert len(_cl02(_acronyms(50))) == 50
    assert_linear(_acronyms, _cl02, (1000, 2000, 4000, 8000), repeat=1)


def _old_is_defined(text: str, acronym: str) -> bool:
    """CL02's former per-acronym test: the reference the one-pass reading must equal."""
    escaped = re.escape(acronym)
    if re.search(rf"\(\s*{escaped}s?\s*\)", text):
        return True
    if re.search(rf"\b{escaped}s?\s*\(\s*[^\W\d_][^)]{{3,}}\)", text):
        return True
    small = r"(?:(?:of|the|and|for|on|in|to|de|des|du|la|le|les|et|pour|d'|l')\s+)?"
    spelled = (r"\s+" + small).join(rf"{letter}[\w'-]*" for letter in acronym)
    return bool(re.search(rf"\b{spelled}\b", text))


_PIECES = [
    "SOW", "S", "O", "W", "Statement", "of", "Work", "(", ")", " ", "  ", "s", "-", "'",
    "&", "R&D", "Research", "and", "Development", "the", "d'", "é", "2", "B", "\n",
    "(statement of work)", "e-Work", "l'", "Éval",
]  # fmt: skip
_ASKED = ["SOW", "RD", "R&D", "SO", "OW", "B2B", "SW", "DW", "SOWX", "SOWB"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_cl02_one_pass_definitions_equal_the_former_patterns(text: str) -> None:
    defined = defined_acronyms(text)
    for acronym in _ASKED:
        assert (acronym in defined) == _old_is_defined(text, acronym), (text, acronym)


def _shout(subject: str) -> list:
    analysis = SimpleNamespace(subject=subject)
    return list(subject_shouting(analysis, {"min_letters": 8, "max_upper_ratio": 0.7}))


@pytest.mark.parametrize("filler", ["?", "?!", "!"])
def test_sj04_huge_subject_of_question_marks_is_linear(filler: str) -> None:
    sizes = (20_000, 40_000, 80_000, 160_000)
    assert_linear(lambda n: "Budget " + filler * n + " x", _shout, sizes)


def test_sj04_still_finds_the_first_mixed_run() -> None:
    hits = _shout("Budget? review ?!? now!!")
    assert [(h.start, h.end) for h in hits] == [(15, 18)]
    assert _shout("Budget! review?") == []


def _findings(count: int) -> tuple[str, list]:
    text = "word " * (count * 2)
    findings = [
        (n, SimpleNamespace(start=10 * n, end=10 * n + 4, severity="info", code="C", message="m"))
        for n in range(1, count + 1)
    ]
    return text, findings


def test_html_report_pieces_of_thousands_of_findings_is_linear() -> None:
    from msglint.report.html_format import pieces

    cut = pieces(*_findings(3))
    assert [p.notes for p in cut][:4] == [(), (1,), (), (2,)]
    assert_linear(_findings, lambda tf: pieces(*tf), (1000, 2000, 4000, 8000))
