"""Every rule against its fixture table, on the real spaCy pipelines."""

from __future__ import annotations

from functools import cache

import pytest
from rule_cases import FORMATS, Case, all_case_files, load_cases

from msglint.analysis import analyze_many
from msglint.config import load_config
from msglint.engine import check
from msglint.inputs import Source, parse

CASES = [case for path in all_case_files() for case in load_cases(path)]


@cache
def _analyses() -> dict[str, object]:
    """Analyse every case in one batch (one nlp.pipe per language)."""
    messages = []
    for case in CASES:
        name, fmt = FORMATS[case.fmt]
        messages.append(parse(case.source.encode("utf-8"), Source(name, fmt), case.kind))
    by_now: dict[str, list[int]] = {}
    for index, case in enumerate(CASES):
        by_now.setdefault(case.now.isoformat(), []).append(index)
    results: dict[str, object] = {}
    for indices in by_now.values():
        batch = analyze_many(
            [messages[i] for i in indices], [CASES[i].lang for i in indices], CASES[indices[0]].now
        )
        for i, analysis in zip(indices, batch):
            results[CASES[i].id] = analysis
    return results


def _findings(case: Case):  # type: ignore[no-untyped-def]
    config = load_config(None, None, cli_select=[case.code])
    if case.options:
        rules = config.data.setdefault("rules", {})
        rules[case.code] = {**rules.get(case.code, {}), **case.options}
    analysis = _analyses()[case.id]
    result = check(analysis, config)
    assert not result.errors, result.errors
    return analysis, [f for f in result.findings if f.code == case.code]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_case(case: Case) -> None:
    analysis, findings = _findings(case)
    if case.valid:
        assert findings == [], (
            f"{case.id} ({case.note}): unexpected {[(f.message, f.start) for f in findings]}"
        )
        return
    assert len(findings) == len(case.errors), (
        f"{case.id} ({case.note}): expected {len(case.errors)} finding(s), got "
        f"{[(f.message, analysis.message.body[f.start : f.end]) for f in findings]}"
    )
    for expected, finding in zip(case.errors, findings):
        if "field" in expected:
            assert finding.field == expected["field"], case.id
        if "severity" in expected:  # a strong hit: the rule's `strong` severity (rules.toml)
            assert finding.severity == expected["severity"], case.id
        if "text" in expected:
            text = analysis.message.subject if finding.field == "subject" else analysis.message.body
            assert (text or "")[finding.start : finding.end] == expected["text"], case.id
