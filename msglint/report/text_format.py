"""The text report: one line per finding, then the score with a bar per family.

``path:line:col: CODE [severity] message (name)``, as compilers and linters
print them so editors can jump to the place. Colour only on a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from msglint.engine import Result
from msglint.fixes.model import Fix
from msglint.report import InputError, ReportOptions
from msglint.report.facts import summary
from msglint.text import terminal_safe

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
_BAR = 20


def _bar(score: float) -> str:
    filled = round(score / 100 * _BAR)
    return "█" * filled + "░" * (_BAR - filled)


def _fix_text(fix: Fix) -> str:
    """The fix's message, and the exact new text when it spans lines."""
    return terminal_safe(" ".join(fix.message.split()))


def render(results: Sequence[Result], errors: Sequence[InputError], options: ReportOptions) -> str:
    def paint(text: str, **style: object) -> str:
        return click.style(text, **style) if options.color else text  # type: ignore[arg-type]

    lines: list[str] = []
    for result in results:
        pack = result.analysis.pack
        path = terminal_safe(result.path)  # a file name cannot forge a line or clear the screen
        for f in result.findings:
            severity = paint(f"[{f.severity}]", fg=_COLORS[f.severity], bold=f.severity == "error")
            lines.append(
                f"{path}:{f.line}:{f.column}: {paint(f.code, bold=True)} {severity} "
                f"{terminal_safe(f.message)} ({f.name})"
            )
            if f.suggestion and f.fix is None:
                lines.append(f"    {pack.ui('suggestion')}: {terminal_safe(f.suggestion)}")
            if f.fix is not None:
                label = pack.ui("fix" if f.fix.safe else "fix_unsafe")
                mark = paint("[*]" if f.fix.safe else "[~]", bold=True)
                lines.append(f"    {mark} {label}: {_fix_text(f.fix)}")
        score_text = paint(f"{result.score:g}/100 ({result.grade})", bold=True)
        lines.append(
            f"{path}: {pack.ui('score')} {score_text} · "
            f"{pack.ui('findings', count=len(result.findings))}"
        )
        safe = sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
        unsafe = sum(1 for f in result.findings if f.fix is not None and not f.fix.safe)
        if safe or unsafe:
            fixable = pack.ui("fixable", count=safe) if safe else ""
            more = pack.ui("fixable_unsafe", count=unsafe) if unsafe else ""
            lines.append(f"  [*] {fixable}{' ' if fixable and more else ''}{more}".rstrip())
        for family, value in result.families.items():
            color = "green" if value >= 90 else "yellow" if value >= 60 else "red"
            lines.append(
                f"  {pack.ui('family_' + family):<12} {paint(_bar(value), fg=color)} {value:g}"
            )
        lines.append("")
    # Unreadable inputs are reported on stderr (one line each), not here.
    if options.show_summary and len(results) + len(errors) > 1:
        info = summary(results, len(errors))
        sev = info["by_severity"]
        mean = "n/a" if info["mean_score"] is None else f"{info['mean_score']:g}"
        lines.append(
            f"{info['inputs']} checked, {len(errors)} unreadable · {info['findings']} findings "
            f"({sev['error']} error, {sev['warning']} warning, {sev['info']} info)"
            f" · mean score {mean}"
        )
        if info["by_rule"]:
            counts = ", ".join(f"{code} {n}" for code, n in info["by_rule"].items())
            lines.append(f"by rule: {counts}")
    text = "\n".join(lines).rstrip("\n")
    return text + "\n" if text else ""  # nothing checked: print nothing, not a blank line
