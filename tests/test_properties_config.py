"""Property-based tests of configuration files: valid tables load and check, junk fails clearly.

Hypothesis writes ``msglint.toml`` files — valid tables of known keys with
values of the right types, and junk — and each valid one checks three probe
drafts (English, French, chat) coherently (``test_properties.assert_coherent``);
each junk one either loads or fails with one clear line naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import NOW, assert_coherent, cases

from msglint.analysis import analyze_many
from msglint.config import Config, load_config
from msglint.engine import check
from msglint.errors import MsglintError
from msglint.inputs import Source, parse
from msglint.message import Message
from msglint.rules import REGISTRY

CONFIG_CASES = {"config": 0}

# ---------------------------------------------------------------------------
# Configurations.
# ---------------------------------------------------------------------------

CODES = sorted(REGISTRY)
NAMES = sorted(rule.name for rule in REGISTRY.values())
FAMILY_SELECTORS = ["SJ", "CN", "ST", "DL", "UR", "AK", "CL", "TN", "deadline", "ask", "tone"]
_selector = st.sampled_from([*CODES, *NAMES, *FAMILY_SELECTORS, "ALL"])


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else '"' + key.replace('"', '\\"') + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(value)


def to_toml(table: dict[str, Any], prefix: str = "") -> str:
    """Dotted-key TOML for a nested dict (enough for config files)."""
    lines = []
    for key, value in table.items():
        dotted = f"{prefix}{_toml_key(key)}"
        if isinstance(value, dict):
            lines.append(to_toml(value, dotted + "."))
        else:
            lines.append(f"{dotted} = {_toml_value(value)}")
    return "\n".join(line for line in lines if line)


def _option_value(default: Any) -> st.SearchStrategy[Any]:
    """A sensible value of the option's type (non-negative, bounded)."""
    if isinstance(default, bool):
        return st.booleans()
    if isinstance(default, int):
        return st.integers(0, 500)
    if isinstance(default, float):
        return st.floats(0, 100, allow_nan=False)
    if isinstance(default, list):
        return st.lists(st.sampled_from(["SOW", "QBR", "KPI", "ETA", ""]), max_size=3)
    return st.just(default)


@st.composite
def rule_table(draw: Any) -> dict[str, Any]:
    rule = REGISTRY[draw(st.sampled_from(CODES))]
    table: dict[str, Any] = {}
    if draw(st.booleans()):
        table["severity"] = draw(st.sampled_from(["info", "warning", "error", "off"]))
    if draw(st.booleans()):
        table["penalty"] = draw(st.one_of(st.integers(0, 40), st.floats(0, 40, allow_nan=False)))
    if draw(st.integers(0, 3)) == 0:
        table["strong_penalty"] = draw(st.integers(0, 40))
    if draw(st.integers(0, 3)) == 0:
        table["enabled"] = draw(st.booleans())
    for option, default in rule.options.items():
        if draw(st.booleans()):
            table[option] = draw(_option_value(default))
    return {draw(st.sampled_from([rule.code, rule.name])): table}


_number = st.one_of(st.integers(0, 50), st.floats(0, 50, allow_nan=False, allow_infinity=False))


@st.composite
def valid_config(draw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["lang"] = draw(st.sampled_from(["auto", "en", "fr"]))
    if draw(st.booleans()):
        data["fail_on"] = draw(st.sampled_from(["info", "warning", "error", "never"]))
    if draw(st.booleans()):
        data["min_score"] = draw(st.integers(0, 100))
    if draw(st.booleans()):
        data["select"] = draw(st.lists(_selector, min_size=1, max_size=4))
    if draw(st.booleans()):
        data["ignore"] = draw(st.lists(_selector, max_size=4))
    if draw(st.booleans()):
        data["limits"] = {
            "max_words": draw(st.integers(1, 200_000)),
            "max_chars": draw(st.integers(1, 1_000_000)),
            "time_budget_seconds": draw(st.integers(1, 120)),
        }
    if draw(st.booleans()):
        scoring: dict[str, Any] = {}
        if draw(st.booleans()):
            scoring["penalty"] = {s: draw(_number) for s in ("info", "warning", "error")}
        if draw(st.booleans()):
            scoring["max_rule_penalty"] = draw(_number)
        if draw(st.booleans()):
            scoring["family_scale"] = draw(_number)
        if draw(st.booleans()):
            scoring["weights"] = {f: draw(_number) for f in ("subject", "ask", "deadline", "tone")}
        if draw(st.booleans()):
            scoring["grades"] = {g: draw(st.integers(0, 100)) for g in "ABCD"}
        data["scoring"] = scoring
    rules: dict[str, Any] = {}
    for table in draw(st.lists(rule_table(), max_size=4)):
        rules.update(table)
    if rules:
        data["rules"] = rules
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["email", "chat", "doc"]))
        data["kinds"] = {kind: {"rules": draw(rule_table())}}
        if draw(st.booleans()):
            data["kinds"][kind]["ignore"] = draw(st.lists(_selector, max_size=2))
    return data


_junk_value = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.booleans(),
    st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
)
_junk_key = st.one_of(
    st.sampled_from(["lang", "fail_on", "min_score", "select", "ignore", "limits.max_bytes",
                     "limits.max_mime_depth", "limits.nope", "scoring.family_scale",
                     "scoring.grades.A", "scoring.weights.tone", "scoring.penalty.error",
                     "rules.AK02.max_asks", "rules.TN02.max_exclamations",
                     "rules.UR03.urgent_within_hours", "rules.CL02.allow", "rules.ZZ99.x",
                     "kinds.chat.rules.CN01.max_words",
                     "kinds.fax.select", "tool"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_.", min_size=1, max_size=12),
)  # fmt: skip


@st.composite
def junk_config(draw: Any) -> str:
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return draw(st.text(max_size=80))  # not even TOML, mostly
    lines = []
    for key, value in draw(st.lists(st.tuples(_junk_key, _junk_value), max_size=4)):
        try:
            rendered = (
                _toml_value(value) if not (isinstance(value, float) and value != value) else "nan"
            )
        except TypeError:
            continue
        if isinstance(value, float) and value in (float("inf"), float("-inf")):
            rendered = "inf" if value > 0 else "-inf"
        parts = [p for p in key.split(".") if p] or ["x"]
        lines.append(".".join(_toml_key(p) for p in parts) + " = " + rendered)
    text = "\n".join(lines)
    if choice == 2:
        base = to_toml(draw(valid_config()))
        text = base + "\n" + text
    return text


def _probe_messages() -> list[Message]:
    drafts = [
        ("probe-en.txt", "Subject: URGENT: budget\n\nHi Anna, could you send the Q3 budget by "
         "Friday 5 pm CET?!!"
         " Can you also book the room ASAP? Someone should update the SOW. Thanks!!!\n"),
        ("probe-fr.txt", "Objet : Petite question\n\nBonjour, peux-tu envoyer le budget "
         "dès que possible ? "
         "C'est URGENT !!! Quelqu'un pourrait relire le devis ci-joint ? Merci\n"),
        ("probe-chat.txt", "hey can u check this thing before 03/04??? thx"),
    ]  # fmt: skip
    return [parse(text.encode("utf-8"), Source(name, "text"), None) for name, text in drafts]


_PROBES: list[Any] = []


def _probe_analyses() -> list[Any]:
    if not _PROBES:
        _PROBES.extend(analyze_many(_probe_messages(), [None, None, None], NOW))
    return _PROBES


def _load(tmp: Path, text: str) -> Config:
    path = tmp / "msglint.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(str(path), None)


@cases(250)
@given(data=valid_config())
def test_valid_configs_load_and_check(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    text = to_toml(data)
    config = _load(tmp_path_factory.mktemp("cfg"), text)  # a valid file must load
    for analysis in _probe_analyses():
        assert_coherent(check(analysis, config), config)
    CONFIG_CASES["config"] += 1


@cases(400)
@given(text=junk_config())
def test_junk_configs_fail_with_one_clear_line(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.mktemp("junk")
    try:
        config = _load(folder, text)
    except MsglintError as error:
        assert error.where == str(folder / "msglint.toml"), error
        assert error.problem and "\n" not in str(error), error
        CONFIG_CASES["config"] += 1
        return
    for analysis in _probe_analyses():
        assert_coherent(check(analysis, config), config)
    CONFIG_CASES["config"] += 1


def test_zz_report_config_case_counts() -> None:
    """Not a check: prints how many generated configurations reached the checks."""
    print(f"\nhypothesis configuration cases checked: {CONFIG_CASES['config']}")
