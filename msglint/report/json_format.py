"""The JSON report: one versioned document, described by ``report.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from msglint import __version__
from msglint.analysis import complete_metrics
from msglint.engine import Result
from msglint.report import InputError, ReportOptions
from msglint.report.facts import asdict, asks, finding_dict, summary

SCHEMA_VERSION = "1.0"


def result_dict(result: Result) -> dict[str, Any]:
    analysis = result.analysis
    return {
        "path": result.path,
        "kind": analysis.kind,
        "language": analysis.language,
        "subject": analysis.subject,
        "score": result.score,
        "grade": result.grade,
        "families": result.families,
        "metrics": asdict(complete_metrics(analysis)),
        "asks": asks(analysis),
        "deadlines": [asdict(d) for d in analysis.deadlines],
        "findings": [finding_dict(f) for f in result.findings],
    }


def document(results: Sequence[Result], errors: Sequence[InputError]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "msglint_version": __version__,
        "results": [result_dict(r) for r in results],
        "errors": [{"path": e.path, "message": e.message} for e in errors],
        "summary": summary(results, len(errors)),
    }


def render(results: Sequence[Result], errors: Sequence[InputError], options: ReportOptions) -> str:
    return json.dumps(document(results, errors), ensure_ascii=False, indent=2) + "\n"
