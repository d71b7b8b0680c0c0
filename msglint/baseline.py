"""Baselines: adopt msglint on old documents and report only what is new.

``--write-baseline FILE`` records today's findings; ``--baseline FILE``
hides the findings it records. A finding is matched by its file, its rule and
the text around it (not its line number), so an edit above a finding does not
bring it back, while the same problem written again elsewhere is new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msglint.engine import Finding, Result
from msglint.errors import MsglintError
from msglint.scoring import family_scores, grade, total_score

VERSION = 1
_CONTEXT = 24  # characters kept on each side of a finding


def fingerprint(result: Result, finding: Finding) -> tuple[str, str, str]:
    """(path, code, surrounding text with whitespace collapsed)."""
    message = result.analysis.message
    text = (message.subject or "") if finding.field == "subject" else message.body
    if finding.field == "message":
        context = ""
    else:
        # Context stays on the finding's own lines: a line added above or
        # below must not change the fingerprint.
        left = text[max(0, finding.start - _CONTEXT) : finding.start].rsplit("\n", 1)[-1]
        right = text[finding.end : finding.end + _CONTEXT].split("\n", 1)[0]
        context = " ".join((left + text[finding.start : finding.end] + right).split())
    return result.path, finding.code, f"{finding.field}:{context}"


def write_baseline(path: str, results: Sequence[Result]) -> None:
    from msglint.atomic import write_atomic

    entries = [
        {"path": p, "code": c, "context": ctx}
        for result in results
        for p, c, ctx in (fingerprint(result, f) for f in result.findings)
    ]
    document = {"msglint_baseline": VERSION, "findings": entries}
    write_atomic(Path(path), json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def read_baseline(path: str) -> Counter[tuple[str, str, str]]:
    try:
        document: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise MsglintError(path, f"cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise MsglintError(path, f"not a msglint baseline (invalid JSON: {exc})") from None
    except RecursionError:
        raise MsglintError(path, "not a msglint baseline (JSON nested too deeply)") from None
    if not isinstance(document, dict) or document.get("msglint_baseline") != VERSION:
        raise MsglintError(path, "not a msglint baseline (missing 'msglint_baseline': 1)")
    try:
        return Counter((e["path"], e["code"], e["context"]) for e in document["findings"])
    except (KeyError, TypeError):
        raise MsglintError(path, "not a msglint baseline (bad 'findings' entries)") from None


def apply_baseline(
    results: Sequence[Result], known: Counter[tuple[str, str, str]], scoring: dict[str, Any]
) -> None:
    """Drop known findings from each result and recompute its score."""
    remaining = Counter(known)
    for result in results:
        kept = []
        for finding in result.findings:
            key = fingerprint(result, finding)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        if len(kept) != len(result.findings):
            result.findings = kept
            result.score = total_score(kept)
            result.grade = grade(result.score, scoring)
            result.families = family_scores(kept, scoring)
