"""What the language server's code actions write: fixes, suppressions, allow lists.

Plain ``WorkspaceEdit`` contents built from a checked buffer, kept apart from
the protocol code so they can be tested as text. Positions here are 0-based
lines and code-point columns; the server converts them to the client's units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Where a rule is documented (codeDescription of a diagnostic); hover shows the text itself.
RULE_DOC_URI = "https://example.invalid/msglint/rules/{code}"
#: A line ``msglint: disable=AK02,CN02`` on its own turns rules off for a text draft or e-mail.
_DISABLE_LINE = re.compile(r"^[ \t]*msglint:[ \t]*disable[ \t]*=[ \t]*([A-Za-z0-9_.,\- \t]*)$")
_ALLOW_TABLE = re.compile(
    r"""^[ \t]*\[[ \t]*(tool\.msglint\.)?rules[ \t]*\.[ \t]*["']?CL02["']?[ \t]*\][ \t]*$"""
)
_ANY_TABLE = re.compile(r"^[ \t]*\[")
_ALLOW_KEY = re.compile(r"^[ \t]*allow[ \t]*=[ \t]*\[")


@dataclass(frozen=True)
class TextChange:
    """Replace ``(line, column)`` to ``(end_line, end_column)`` with ``text`` (0-based)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def fix_changes(edits: Sequence[object]) -> list[TextChange]:
    """A fix's edits (1-based, end exclusive in the checked file) as 0-based changes."""
    return [
        TextChange(
            e.line - 1,  # type: ignore[attr-defined]
            e.column - 1,  # type: ignore[attr-defined]
            e.end_line - 1,  # type: ignore[attr-defined]
            e.end_column - 1,  # type: ignore[attr-defined]
            e.content,  # type: ignore[attr-defined]
        )
        for e in edits
    ]


def disable_change(lines: list[str], fmt: str, code: str, line: int) -> tuple[str, TextChange]:
    """The inline suppression of ``code``: a comment above the line in Markdown/HTML,
    else a ``msglint: disable=`` line for the whole message (extended if present)."""
    if fmt in ("markdown", "html"):
        indent = re.match(r"[ \t]*", lines[line] if line < len(lines) else "")
        lead = indent.group() if indent else ""
        comment = f"{lead}<!-- msglint-disable-next-line {code} -->\n"
        return f"Disable {code} for this line", TextChange(line, 0, line, 0, comment)
    for index, text in enumerate(lines):
        match = _DISABLE_LINE.match(text)
        if match:
            codes = [c.strip() for c in match.group(1).split(",") if c.strip()]
            if code in codes:
                break
            new = f"msglint: disable={','.join([*codes, code])}"
            change = TextChange(index, 0, index, len(text), new)
            return f"Disable {code} for this message", change
    last = len(lines) - 1
    if last < 0:
        return f"Disable {code} for this message", TextChange(
            0, 0, 0, 0, f"msglint: disable={code}\n"
        )
    tail = lines[last]
    prefix = "\n" if tail.strip() else ""
    change = TextChange(last, len(tail), last, len(tail), f"{prefix}msglint: disable={code}")
    return f"Disable {code} for this message", change


def allow_acronym_change(
    config_text: str | None, acronym: str, pyproject: bool = False
) -> TextChange:
    """Add ``acronym`` to ``[rules.CL02] allow`` of a msglint.toml (None: a new file);
    in a pyproject.toml, to ``[tool.msglint.rules.CL02]``."""
    quoted = '"' + acronym.replace("\\", "\\\\").replace('"', '\\"') + '"'
    header = "[tool.msglint.rules.CL02]" if pyproject else "[rules.CL02]"
    if config_text is None or not config_text.strip():
        return TextChange(0, 0, 0, 0, f"{header}\nallow = [{quoted}]\n")
    lines = config_text.split("\n")
    table = next((i for i, text in enumerate(lines) if _ALLOW_TABLE.match(text)), None)
    if table is not None:
        end = next(
            (i for i in range(table + 1, len(lines)) if _ANY_TABLE.match(lines[i])), len(lines)
        )
        for index in range(table + 1, end):
            key = _ALLOW_KEY.match(lines[index])
            if key:
                rest = lines[index][key.end() :].lstrip()
                item = quoted if rest.startswith("]") else f"{quoted}, "
                return TextChange(index, key.end(), index, key.end(), item)
        return TextChange(table + 1, 0, table + 1, 0, f"allow = [{quoted}]\n")
    last = len(lines) - 1
    tail = lines[last]
    prefix = "\n" if tail.strip() else ""
    return TextChange(last, len(tail), last, len(tail), f"{prefix}\n{header}\nallow = [{quoted}]\n")


def config_target(document: Path, found: Path | None) -> Path:
    """The file an allow-list edit goes to: the configuration in use, else a new
    msglint.toml beside the draft."""
    return found if found is not None else document.parent / "msglint.toml"
