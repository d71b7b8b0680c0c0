"""Config values and scoring caps: refused with one clear line, or harmless.

Split from ``test_properties.py`` (which keeps the generated drafts): every
number a user may put in a config file is either refused naming the file and
the key, or the check still gives sane scores; a rule's penalties respect
``scoring.max_rule_penalty`` after rounding and whatever order its hits come in.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import NOW, cases

from msglint.analysis import analyze_many
from msglint.config import load_config
from msglint.engine import check
from msglint.errors import MsglintError
from msglint.inputs import Source, parse
from msglint.rules import REGISTRY
from msglint.rules.base import Hit
from msglint.runner import CheckRequest, run_check

# Values of the right TOML type but outside any sensible range: the validator
# must refuse them (one line naming the file and key), or the check must work.
EDGE_VALUES = [
    ("rules.TN02.max_exclamations", "-5"),
    ("rules.UR02.max_markers", "-9"),
    ("rules.AK02.max_asks", "-3"),
    ("rules.UR03.urgent_within_hours", "9223372036854775807"),
    ("scoring.family_scale", "-4"),
    ("scoring.weights.tone", "nan"),
    ("scoring.penalty.warning", "inf"),
    ("limits.max_bytes", "9223372036854775807"),
    ("limits.time_budget_seconds", "nan"),
    ("rules.SJ03.min_words", "9223372036854775807"),
]
PROBE_DRAFT = (
    "Subject: URGENT budget\n\nHi Anna, could you send the Q3 budget by Friday 5 pm CET? "
    "Can you also book the room? URGENT!!! Thanks!!!\n"
)


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def assert_config_run_is_sound(folder: Path, key: str, value: str) -> None:
    """One in-process ``msglint check --format json`` with ``key = value`` in msglint.toml."""
    config = folder / "msglint.toml"
    config.write_text(f"{key} = {value}\n", encoding="utf-8")
    draft = folder / "draft.txt"
    draft.write_text(PROBE_DRAFT, encoding="utf-8")
    try:
        report, status, messages = run_check(
            CheckRequest(paths=[str(draft)], fmt="json", now=NOW, cwd=str(folder))
        )
    except MsglintError as error:  # a refused config stops the run: one line, exit 2
        report, status, messages = "", 2, [str(error)]
    except Exception as exc:  # the CLI would print "internal error" and drop every result
        pytest.fail(f"{key} = {value}: {exc.__class__.__name__}: {exc} escaped run_check")
    assert not [m for m in messages if "internal error" in m], f"{key} = {value}: {messages}"
    if status == 2:
        # Refused: the line names the file and the key, or the input hit that limit.
        name = key.split(".")[-1]
        assert messages, (key, value)
        for line in messages:
            assert (str(config) in line and name in line) or f"limits.{name}" in line, (
                key,
                value,
                line,
            )
        if not report:
            return
    document = _strict_json(report)
    for result in document["results"]:
        assert 0 <= result["score"] <= 100, result["score"]
        for family, sub in result["families"].items():
            assert 0 <= sub <= 100, f"{key} = {value}: {family} sub-score {sub}"


@pytest.mark.parametrize(("key", "value"), EDGE_VALUES, ids=[f"{k}={v}" for k, v in EDGE_VALUES])
def test_config_edge_values_are_refused_or_harmless(tmp_path: Path, key: str, value: str) -> None:
    assert_config_run_is_sound(tmp_path, key, value)


_CONFIG_KEYS = [
    *(f"limits.{name}" for name in ("max_bytes", "max_words", "max_chars", "max_mime_depth",
                                    "time_budget_seconds")),
    *(f"scoring.{name}" for name in ("max_rule_penalty", "family_scale")),
    "scoring.penalty.info", "scoring.penalty.error", "scoring.weights.urgency", "scoring.grades.B",
    "min_score",
    *(f"rules.{rule.code}.{option}" for rule in REGISTRY.values()
      for option, default in rule.options.items()
      if isinstance(default, (int, float)) and not isinstance(default, bool)),
    *(f"rules.{code}.penalty" for code in ("AK02", "TN02")),
    "rules.AK04.strong_penalty", "rules.AK04.paired_penalty.DL02",
]  # fmt: skip
_toml_number = st.one_of(
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.sampled_from(["0", "-1", "1", "nan", "inf", "-inf", "0.0", "1e308", "-0.5", "1e-9"]),
)


@cases(100)
@given(key=st.sampled_from(_CONFIG_KEYS), value=_toml_number)
def test_any_number_in_a_config_is_refused_or_harmless(
    tmp_path_factory: pytest.TempPathFactory, key: str, value: str
) -> None:
    assert_config_run_is_sound(tmp_path_factory.mktemp("edge"), key, value)


def test_rule_cap_holds_after_rounding() -> None:
    """With a family weight of 0.667, CN03's 30 fillers must still cost at most
    ``max_rule_penalty`` (15) together, not 15.07 once each penalty is rounded."""
    config = load_config(None, None)
    config.data["scoring"]["weights"]["concision"] = 0.667
    body = "\n\n".join("Basically, the figures are actually fine." for _ in range(15))
    message = parse(
        f"Subject: Budget review for Q3\n\n{body}\n".encode(), Source("a.txt", "text"), None
    )
    [analysis] = analyze_many([message], ["en"], NOW)
    penalties = [f.penalty for f in check(analysis, config).findings if f.code == "CN03"]
    assert len(penalties) == 30
    assert sum(penalties) <= config.scoring["max_rule_penalty"], f"CN03 costs {sum(penalties):.2f}"


def test_dearer_later_hit_does_not_raise_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule's first finding sets its allowance: a later strong hit dearer than
    ``max_rule_penalty`` must not lift the rule's total above it (found by the
    property test above with a random config: TN02 16.0 > 15.0)."""

    def two_hits(analysis: Any, options: Any) -> list[Hit]:
        return [Hit(0, 6), Hit(7, 10, strong=True)]

    monkeypatch.setitem(REGISTRY, "CN03", dataclasses.replace(REGISTRY["CN03"], check=two_hits))
    config = load_config(None, None)
    config.data["scoring"]["max_rule_penalty"] = 15
    config.data.setdefault("rules", {})["CN03"] = {
        "severity": "warning",
        "penalty": 10,
        "strong": "error",
        "strong_penalty": 20,
    }
    message = parse(
        b"Subject: Budget review for Q3\n\nBasically, the figures are fine.\n",
        Source("a.txt", "text"),
        None,
    )
    [analysis] = analyze_many([message], ["en"], NOW)
    penalties = [f.penalty for f in check(analysis, config).findings if f.code == "CN03"]
    assert penalties == [10.0, 5.0]
