"""bench/eval_findings.py on a tiny judged sample (tests/data/real_sample).

The sample has the layout of ``fixtures/real/``: a manifest, messages, and two
judges' verdicts. msglint runs on the real pipelines; the assertions hold for
any rule set: they check the bookkeeping, not today's findings.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SAMPLE = ROOT / "tests" / "data" / "real_sample"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "eval_findings", ROOT / "bench" / "eval_findings.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return _bench()


def test_spearman_with_ties(bench) -> None:  # type: ignore[no-untyped-def]
    assert bench.ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert bench.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert bench.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert bench.spearman([1, 1, 1], [1, 2, 3]) is None


def test_judged_sample(bench, capsys) -> None:  # type: ignore[no-untyped-def]
    assert bench.main(["--real", str(SAMPLE), "--split", "all", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["has_judgements"]
    groups = report["groups"]
    assert set(groups) == {"all", "en", "fr"}
    everything = groups["all"]
    assert everything["messages"] == everything["judged"] == 5
    assert not everything["errors"]
    # Pairs both judges flagged: en-nodeadline deadline, fr-vague ask and deadline.
    assert everything["problems"] == 3
    assert everything["caught"] + len(everything["missed"]) == 3
    assert everything["right"] + len(everything["false_warnings"]) == everything["family_warnings"]
    assert everything["families"]["deadline"]["problems"] == 2
    for code, row in everything["rules"].items():
        assert row["right"] <= row["judged"] <= row["messages"], code
    assert groups["en"]["messages"] + groups["fr"]["messages"] == 5
    assert "rho" in everything  # None when every score ties


def test_split_and_lang_filters(bench, capsys) -> None:  # type: ignore[no-untyped-def]
    bench.main(["--real", str(SAMPLE), "--split", "test", "--lang", "fr", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["groups"]["all"]["messages"] == 1
    assert set(report["groups"]) == {"all", "fr"}


def test_runs_without_judgements(bench, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "real"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns("judgements"))
    assert bench.main(["--real", str(copy), "--split", "dev", "--misses"]) == 0
    out = capsys.readouterr().out
    assert "NO JUDGEMENTS YET" in out
    # What fired is still counted: a rule row with one finding or more.
    fired = [line.split() for line in out.splitlines() if re.match(r"[A-Z]{2}\d\d ", line)]
    assert any(int(row[2]) + int(row[6]) > 0 for row in fired), out


def test_missing_manifest_says_so(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit, match="no manifest"):
        bench.main(["--real", str(tmp_path)])
