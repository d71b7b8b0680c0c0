"""The contract every rule keeps: documented, translated, and tested both ways in both languages."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime

import pytest
from rule_cases import CASES_DIR, all_case_files, load_cases

from msglint.analysis import analyze_many
from msglint.config import load_config, packaged_defaults
from msglint.engine import check
from msglint.inputs import Source, parse
from msglint.lang import available_languages, get_pack
from msglint.rules import FAMILIES, all_rules

RULES = all_rules()
DEFAULT_CONFIG = load_config(None, None)
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


# The docs' examples are checked like fixture cases: the *Example* block must
# trigger its rule and the *Use instead* block must not. Examples described in
# prose ("A 400-word e-mail…") cannot be run and are skipped.
DOC_SECTIONS = {
    "en": ("## Example", "## Use instead"),
    "fr": ("## Exemple", "## À la place"),
}
DOC_NOW = datetime.fromisoformat("2026-03-02T09:00:00+01:00")


def _code_block(doc: str, heading: str) -> str | None:
    """The fenced block right under ``heading`` (before the next heading), if any."""
    match = re.search(rf"{re.escape(heading)}\n(?:(?!## ).*\n)*?```\w*\n(.*?)```", doc, re.S)
    return textwrap.dedent(match.group(1)) if match else None


def _fires(rule, text: str, lang: str) -> bool:  # type: ignore[no-untyped-def]
    is_email = re.match(r"(To|From|Subject|Date|Cc):", text) is not None
    source = Source("example.eml", "email") if is_email else Source("example.txt", "text")
    message = parse(text.encode(), source, rule.kinds[0])
    [analysis] = analyze_many([message], [lang], message.sent or DOC_NOW)
    return any(f.code == rule.code for f in check(analysis, DEFAULT_CONFIG).findings)


@pytest.mark.parametrize("lang", sorted(DOC_SECTIONS))
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_documented_examples_behave_as_documented(rule, lang: str) -> None:  # type: ignore[no-untyped-def]
    if lang == "en":
        doc = rule.doc
    else:
        path = get_pack(lang).doc_path(rule.code)
        doc = path.read_text(encoding="utf-8") if path.is_file() else ""
    example_heading, use_heading = DOC_SECTIONS[lang]
    example = _code_block(doc, example_heading)
    use_instead = _code_block(doc, use_heading)
    if example is None or use_instead is None:
        pytest.skip("examples described in prose")
    assert _fires(rule, example, lang), f"{rule.code} ({lang}): the Example does not trigger it"
    assert not _fires(rule, use_instead, lang), f"{rule.code} ({lang}): Use instead triggers it"
