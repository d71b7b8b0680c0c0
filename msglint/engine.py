"""The engine: run the selected rules and turn their hits into findings.

Rules yield offsets and message ids; here they get their place in the file
(line and column), their severity and penalty from the configuration, their
message in the draft's language, and are dropped when suppressed inline or
when they fall in text that is not prose (inline code, URLs).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from msglint.analysis.model import Analysis
from msglint.config import Config, RuleSettings
from msglint.errors import MsglintError
from msglint.fixes.model import Edit, Fix
from msglint.intervals import Intervals, SuppressionIndex
from msglint.rules import Hit, Rule, all_rules
from msglint.scoring import family_scores, grade, total_score

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_FIELD_ORDER = {"subject": 0, "body": 1, "message": 2}


@dataclass
class Finding:
    """One reported problem, ready for any output format."""

    code: str
    name: str
    family: str
    severity: str
    message: str
    suggestion: str | None
    penalty: float
    field: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None


@dataclass
class Result:
    """The verdict on one message: its score, grade, family scores and findings.

    ``asks`` and ``deadlines`` are the facts the rules read (offsets into the
    body, or the subject for a deadline whose ``field`` says so).
    """

    analysis: Analysis
    findings: list[Finding]
    score: float
    grade: str
    families: dict[str, float]
    errors: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        """The checked file as named (``-`` for stdin, ``<text>`` for a string)."""
        return self.analysis.message.path

    @property
    def language(self) -> str:
        return self.analysis.language

    @property
    def kind(self) -> str:
        return self.analysis.kind

    @property
    def subject(self) -> str | None:
        return self.analysis.subject

    @property
    def asks(self) -> list[Any]:
        return list(self.analysis.asks)

    @property
    def deadlines(self) -> list[Any]:
        return list(self.analysis.deadlines)

    @property
    def fixable(self) -> int:
        """How many findings carry a safe fix (what ``--fix`` would apply)."""
        return sum(1 for f in self.findings if f.fix is not None and f.fix.safe)

    def to_dict(self) -> dict[str, Any]:
        """Exactly this message's entry in the JSON report's ``results``."""
        from msglint.report.json_format import result_dict

        return result_dict(self)


def _in_verbatim(verbatim: Intervals, hit: Hit) -> bool:
    return hit.field == "body" and hit.start in verbatim


def _overlaps(hit: Hit, spans: Iterable[tuple[str, int, int]]) -> bool:
    """Another rule's hit on the same words (same field, overlapping offsets)."""
    if hit.field == "message":
        return False
    end = max(hit.end, hit.start + 1)  # an empty span still covers its offset
    return any(
        where == hit.field and start < end and hit.start < max(stop, start + 1)
        for where, start, stop in spans
    )


def _locate(analysis: Analysis, hit: Hit) -> tuple[int, int, int, int, int, int]:
    message = analysis.message
    if hit.field == "message":
        line, column = message.position("body", 0)
        return 0, 0, line, column, line, column
    text = (message.subject or "") if hit.field == "subject" else message.body
    start = max(0, min(hit.start, len(text)))
    end = max(start, min(hit.end, len(text)))
    line, column = message.position(hit.field, start)
    end_line, end_column = (
        message.position(hit.field, max(start, end - 1)) if end > start else (line, column)
    )
    if end > start:
        end_column += 1
    return start, end, line, column, end_line, end_column


def _span(analysis: Analysis, where: str, start: int, end: int) -> tuple[int, int, int, int]:
    message = analysis.message
    text = (message.subject or "") if where == "subject" else message.body
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    line, column = message.position(where, start)
    if end == start:
        return line, column, line, column
    end_line, end_column = message.position(where, end - 1)
    return line, column, end_line, end_column + 1


def _located(analysis: Analysis, fix: Fix) -> Fix:
    """The fix with each edit's line and column in the checked file."""
    edits = tuple(
        Edit(e.start, e.end, e.content, e.field, *_span(analysis, e.field, e.start, e.end))
        for e in fix.edits
    )
    alternatives = tuple(_located(analysis, alt) for alt in fix.alternatives)
    return Fix(fix.applicability, fix.message, edits, alternatives)


def _fix(rule: Rule, analysis: Analysis, hit: Hit, options: dict[str, Any], config: Config):  # type: ignore[no-untyped-def]
    from msglint.fixes import fix_for

    try:
        fix = fix_for(rule.code, analysis, hit, options, config.data)
    except Exception:  # a broken fixer costs its fix, never the finding
        return None
    return None if fix is None else _located(analysis, fix)


def check(analysis: Analysis, config: Config) -> Result:
    """Run every selected rule on one analysed message.

    Stops with an error naming ``limits.time_budget_seconds`` when the rules
    take longer than the budget (parsing is bounded by the size limits).
    """
    findings: list[Finding] = []
    errors: list[str] = []
    budget = float(config.limits.get("time_budget_seconds", 60))
    started = time.monotonic()
    scoring = config.scoring
    weights = scoring.get("weights", {})
    cap = float(scoring.get("max_rule_penalty", 1e9))
    verbatim = Intervals(analysis.message.verbatim)
    suppressions = SuppressionIndex(analysis.message.suppressions)
    kept: list[tuple[Rule, RuleSettings, list[Hit]]] = []
    for rule in all_rules():
        if analysis.language not in rule.languages:
            continue
        settings = config.settings(rule, analysis.kind)
        if settings is None:
            continue
        if time.monotonic() - started > budget:
            raise MsglintError(
                analysis.message.path, f"took longer than limits.time_budget_seconds ({budget:g})"
            )
        try:
            hits = list(rule.check(analysis, settings.options))
        except Exception as exc:  # a broken rule must not take the others down
            errors.append(f"{analysis.message.path}: internal error in {rule.code}: {exc!r}")
            continue
        shown = []
        for hit in sorted(hits, key=lambda h: (_FIELD_ORDER.get(h.field, 3), h.start, h.end)):
            if _in_verbatim(verbatim, hit):
                continue
            line = _locate(analysis, hit)[2]
            if suppressions.covers(rule.aliases(), None if hit.field == "message" else line):
                continue
            shown.append(hit)
        kept.append((rule, settings, shown))
    # Where each rule spoke, for the penalties that depend on another rule's hit on the same words.
    spans = {rule.code: [(h.field, h.start, h.end) for h in shown] for rule, _, shown in kept}
    for rule, settings, shown in kept:
        spent = 0  # in hundredths: the cap holds for the rounded penalties users see
        allowance: int | None = None  # the cap, or the first finding's penalty when larger
        weight = float(weights.get(rule.family, 1.0))
        for hit in shown:
            start, end, line, column, end_line, end_column = _locate(analysis, hit)
            severity, penalty = settings.severity, settings.penalty
            if hit.strong and settings.strong_severity:
                severity = settings.strong_severity
            if hit.strong and settings.strong_penalty is not None:
                penalty = settings.strong_penalty
            for code, paired in settings.paired_penalty.items():
                if paired > penalty and _overlaps(hit, spans.get(code, ())):
                    penalty = paired
            # The cap limits repeats: a rule's first finding always costs its full penalty,
            # and that sets the rule's allowance (a later, dearer hit does not raise it).
            wanted = round(penalty * weight * 100)
            if allowance is None:
                allowance = max(round(cap * 100), wanted)
            left = max(0, allowance - spent)
            hundredths = min(wanted, left)
            spent += hundredths
            findings.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    family=rule.family,
                    severity=severity,
                    message=analysis.pack.message(rule.code, hit.message_id, **hit.args),
                    suggestion=hit.suggestion,
                    penalty=hundredths / 100,
                    field=hit.field,
                    start=start,
                    end=end,
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    fix=_fix(rule, analysis, hit, dict(settings.options), config),
                )
            )
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    score = total_score(findings)
    return Result(
        analysis=analysis,
        findings=findings,
        score=score,
        grade=grade(score, scoring),
        families=family_scores(findings, scoring),
        errors=errors,
    )
