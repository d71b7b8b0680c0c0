"""Plain-data views of results shared by the JSON and HTML reports and ``inspect``."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from msglint.analysis.model import Analysis
from msglint.engine import Finding, Result


def asdict(item: Any) -> dict[str, Any]:
    """A dataclass as plain data; time values (datetimes) become ISO 8601 strings here."""
    return {key: _plain(value) for key, value in dataclasses.asdict(item).items()}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def finding_dict(finding: Finding) -> dict[str, Any]:
    return asdict(finding)


def asks(analysis: Analysis) -> list[dict[str, Any]]:
    deadline_by_ask = {d.ask: d for d in analysis.deadlines if d.ask is not None}
    items = []
    for index, ask in enumerate(analysis.asks):
        item = asdict(ask)
        del item["courtesy"]  # always false here: invitations are not in ``Analysis.asks``
        deadline = deadline_by_ask.get(index)
        value = deadline.value if deadline else None
        item["deadline"] = value.isoformat() if value is not None else None
        items.append(item)
    return items


def summary(results: Sequence[Result], error_count: int) -> dict[str, Any]:
    """Counts per rule, per severity and per file, and the mean score."""
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter({"info": 0, "warning": 0, "error": 0})
    for result in results:
        for finding in result.findings:
            by_rule[finding.code] += 1
            by_severity[finding.severity] += 1
    scores = [r.score for r in results]
    return {
        "inputs": len(results),
        "errors": error_count,
        "findings": sum(by_severity.values()),
        "by_severity": dict(by_severity),
        "by_rule": dict(sorted(by_rule.items())),
        "by_file": {r.path: len(r.findings) for r in results},
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "min_score": min(scores) if scores else None,
    }
