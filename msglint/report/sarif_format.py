"""SARIF 2.1.0 for code-scanning tools: rule metadata once, one result per finding."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msglint import __version__
from msglint.engine import Result
from msglint.report import InputError, ReportOptions
from msglint.rules import all_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    return Path(path).as_posix()


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.enabled},
        "properties": {"family": rule.family, "tags": [rule.family]},
    }


def _fix(fix: Any, path: str) -> dict[str, Any]:
    """A SARIF ``fix``: the edits as replacements of (possibly empty) regions."""
    replacements = [
        {
            "deletedRegion": {
                "startLine": e.line,
                "startColumn": e.column,
                "endLine": e.end_line,
                "endColumn": e.end_column,
            },
            "insertedContent": {"text": e.content},
        }
        for e in fix.edits
    ]
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {"artifactLocation": {"uri": _uri(path)}, "replacements": replacements}
        ],
        "properties": {"applicability": fix.applicability},
    }


def render(results: Sequence[Result], errors: Sequence[InputError], options: ReportOptions) -> str:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        for f in result.findings:
            region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column}
            if f.field != "message":
                region.update({"endLine": f.end_line, "endColumn": max(f.end_column, f.column)})
            item: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(result.path)},
                            "region": region,
                        }
                    }
                ],
                "properties": {"penalty": f.penalty, "name": f.name, "family": f.family},
            }
            if f.suggestion:
                item["properties"]["suggestion"] = f.suggestion
            if f.fix is not None:
                item["fixes"] = [_fix(fix, result.path) for fix in (f.fix, *f.fix.alternatives)]
                item["properties"]["fixApplicability"] = f.fix.applicability
            sarif_results.append(item)
    notifications = [
        {"level": "error", "message": {"text": f"{e.path}: {e.message}"}} for e in errors
    ]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "msglint",
                        "version": __version__,
                        "informationUri": "https://example.invalid/msglint",
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
