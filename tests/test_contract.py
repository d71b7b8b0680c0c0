"""The contract every rule keeps: documented, translated, and tested both ways in both languages."""

from __future__ import annotations

import re

import pytest
from rule_cases import CASES_DIR, all_case_files, load_cases

from msglint.config import packaged_defaults
from msglint.lang import available_languages, get_pack
from msglint.rules import FAMILIES, all_rules

RULES = all_rules()
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


def test_catalogue_covers_the_design() -> None:
    codes = {rule.code for rule in RULES}
    expected = {
        f"{family}{n:02d}"
        for family, count in {
            "SJ": 5,
            "CN": 6,
            "ST": 4,
            "DL": 6,
            "UR": 4,
            "AK": 4,
            "CL": 5,
            "TN": 3,
        }.items()
        for n in range(1, count + 1)
    }
    assert expected <= codes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions), f"{rule.code} docs lack a Ruff section"
    assert positions == sorted(positions), f"{rule.code} sections out of order"
    assert re.fullmatch(r"[a-z]+\.[a-z-]+", rule.name)
    assert rule.name.split(".")[0] == rule.family
    assert rule.code[:2] in FAMILIES


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_messages_exist_in_every_language(rule) -> None:  # type: ignore[no-untyped-def]
    for lang in available_languages():
        table = get_pack(lang).messages().get(rule.code, {})
        for message_id in rule.messages:
            assert message_id in table, f"{lang}/messages.toml lacks {rule.code}.{message_id}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_cases_both_ways_in_both_languages(rule) -> None:  # type: ignore[no-untyped-def]
    path = CASES_DIR / f"{rule.code}.toml"
    assert path.is_file(), f"missing fixture table {path.name}"
    cases = load_cases(path)
    for lang in rule.languages:
        assert any(c.valid and c.lang == lang for c in cases), (
            f"{rule.code}: no passing {lang} case"
        )
        assert any(not c.valid and c.lang == lang for c in cases), (
            f"{rule.code}: no failing {lang} case"
        )


def test_every_case_file_names_a_rule() -> None:
    codes = {rule.code for rule in RULES}
    for path in all_case_files():
        assert path.stem in codes, f"{path.name} tests no rule"


def test_packaged_defaults_are_valid() -> None:
    data = packaged_defaults()
    assert data["fail_on"] == "warning"


def test_french_docs_when_present_keep_the_sections() -> None:
    sections_fr = (
        "## Ce que fait la règle",
        "## Pourquoi est-ce un problème ?",
        "## Exemple",
        "## À la place",
    )
    for rule in RULES:
        path = get_pack("fr").doc_path(rule.code)
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for section in sections_fr:
                assert section in text, f"{path}: missing {section}"
