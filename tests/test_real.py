"""Judged real messages (fixtures/real): no warning where both judges saw no problem.

Two independent judges read each real message and said, family by family,
whether the sender's text has a problem (``fixtures/real/judgements/``). A
warning or an error in a family both judges called fine is a false alarm
that would block a real e-mail in the pre-send hook: this test fails on any
of them, unless it is listed below with the reason it is kept.

The full figures (precision, problems caught, score/actionability
correlation, per rule and per language) come from ``bench/eval_findings.py``.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

REAL = ROOT / "fixtures" / "real"

# (message id, rule code, why the warning stays although both judges found the family fine)
_KNOWN: list[tuple[str, str, str]] = [
    (
        "enron-richey-c-007cc4f0",
        "AK05",
        "a bare link under a subject that names it ('dispatch link'); AK05 stays a warning"
        " at 20/22 on the dev part",
    ),
    # The fresh French sets (written4-6) as first measured, before any rule was
    # tuned on them: each entry is a cause to fix, not a verdict to keep.
    ("fr-desk-008", "DL02", "written4 (test): measured only, never tuned on"),
    ("fr-desk-015", "CL04", "written4 (test): measured only, never tuned on"),
    # The French pass (fr8): CN02's "many long sentences" case (dev FR 9/9) as first
    # measured on the test part, not tuned on.
    ("fr-office-099", "CN02", "test: measured only, never tuned on (CN02 many_long)"),
    # The fourth English round (2026-12-07), as first measured before any tuning.
    ("enron-phanis-s-3050cd55", "AK04", "enron round 4 (test): measured only, never tuned on"),
    # The fifth round (written7-8 in French, 60 more English list and Enron
    # messages; judges j-m), as first measured before any rule was tuned on it.
    # Its French judges left every announced attachment aside (the written
    # e-mails are plain text, so none could carry one): CL04's hits there are
    # a judging convention as much as a rule error, and are kept as measured.
    ("fr-guichet-010", "CL04", "written7 (test): measured only; judges set attachments aside"),
    ("fr-guichet-015", "CL04", "written7 (dev): measured only; judges set attachments aside"),
    ("fr-guichet-018", "CL04", "written7 (dev): measured only; judges set attachments aside"),
    ("fr-chantier-015", "CL04", "written8 (test): measured only; judges set attachments aside"),
    # The sixth round (written9-10 in French, 60 more English list and Enron
    # messages; judges n-q), as first measured before any rule was tuned on it.
    ("fr-quai-010", "ST01", "written9 (test): an apologetic wall, judged a concision problem"),
    ("fr-quai-010", "ST02", "written9 (test): an apologetic wall, judged a concision problem"),
    ("fr-regie-020", "UR04", "written10 (test): measured only"),
    # Helper dl10 (deadline family): « vite » read as a pressing vague deadline
    # (tuned on dev), as first measured on the test part; not tuned away.
    ("fr-work-006", "DL02", "written3 (test): « vite » with a 14h meeting as its purpose"),
    # Helper subj11 (subject family): SJ04's strong case (a new e-mail's subject in
    # capitals over a text in ordinary case; dev 3/3), as first measured on the
    # test part; not tuned away.
    ("enron-salisbury-h-008d52a2", "SJ04", "enron (test): measured only, never tuned on"),
    # The seventh round (written11 in French, 40 more English list and Enron
    # messages; judges r-u), as first measured before any rule was tuned on it.
    (
        "enron-mann-k-0041bafd",
        "CL04",
        "enron (dev): 'the attached draft' of the forwarded message; measured only",
    ),
    (
        "fr-piste-040",
        "DL05",
        "written11 (test): the writer set « mercredi 14 janvier » on a Thursday on"
        " purpose; neither judge noticed",
    ),
]
KNOWN = {(mid, code): why for mid, code, why in _KNOWN}


def _bench():  # type: ignore[no-untyped-def]
    path = ROOT / "bench" / "eval_findings.py"
    spec = importlib.util.spec_from_file_location("eval_findings_real", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def judged():  # type: ignore[no-untyped-def]
    if not (REAL / "manifest.jsonl").is_file():
        pytest.skip("fixtures/real is not built")
    bench = _bench()
    items = bench.load(REAL, "all", None)
    bench.run_msglint(items)
    return [item for item in items if item.judged()]


def test_every_real_message_is_checked(judged) -> None:  # type: ignore[no-untyped-def]
    assert judged, "no judged message"
    assert not [f"{i.id}: {i.error}" for i in judged if i.error]


def test_no_warning_where_the_judges_saw_no_problem(judged) -> None:  # type: ignore[no-untyped-def]
    wrong = [
        f"{item.id}: {f['code']} [{f['severity']}] {f['message']} «{f['text']}»"
        for item in judged
        for f in item.loud()
        if item.agreed(f["family"]) is False and (item.id, f["code"]) not in KNOWN
    ]
    assert not wrong, "warnings on messages judged fine for that family:\n" + "\n".join(wrong)


def test_no_known_false_positive_remains(judged) -> None:  # type: ignore[no-untyped-def]
    fired = {(item.id, f["code"]) for item in judged for f in item.loud()}
    assert not set(KNOWN) - fired, f"fixed, remove from _KNOWN: {sorted(set(KNOWN) - fired)}"
