"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from collections.abc import Sequence

from msglint.engine import Result
from msglint.report import InputError, ReportOptions
from msglint.text import terminal_safe

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    # Line breaks as the workflow-command encoding has them; any other control
    # character (an escape sequence in a placeholder) as a visible escape.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal_safe(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[Result], errors: Sequence[InputError], options: ReportOptions) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            props = (
                f"file={_escape_property(result.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},"
                f"title={_escape_property(f'{f.code} {f.name}')}"
            )
            lines.append(f"::{_LEVEL[f.severity]} {props}::{_escape_data(f.message)}")
    for error in errors:
        lines.append(f"::error file={_escape_property(error.path)}::{_escape_data(error.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
