"""Inline suppression directives, read from the file as the user wrote it.

* Markdown and HTML: ``<!-- msglint-disable AK02 -->`` … ``<!-- msglint-enable AK02 -->``
  and ``<!-- msglint-disable-next-line CN02 -->``.
* Plain text and e-mail: a line ``msglint: disable=AK02,CN02`` on its own
  turns those rules off for the whole message.

No code after ``disable`` means every rule.
"""

from __future__ import annotations

import re

from msglint.message import Suppression

_COMMENT = re.compile(
    r"<!--\s*msglint-(disable-next-line|disable|enable)\b([^>]*?)-->", re.IGNORECASE
)
_PLAIN = re.compile(r"^[ \t]*msglint:\s*disable\s*=?\s*([\w.,\s-]*?)\s*$", re.IGNORECASE | re.M)


def _codes(raw: str) -> frozenset[str]:
    return frozenset(part.upper() for part in re.split(r"[\s,]+", raw.strip()) if part)


def find_suppressions(source: str) -> list[Suppression]:
    """Every directive in ``source``, as line ranges of disabled codes."""
    found: list[Suppression] = []
    open_ranges: dict[frozenset[str], int] = {}
    for match in _COMMENT.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        verb = match.group(1).lower()
        codes = _codes(match.group(2))
        if verb == "disable-next-line":
            end_line = source.count("\n", 0, match.end()) + 1
            found.append(Suppression(codes, end_line + 1, end_line + 1))
        elif verb == "disable":
            open_ranges.setdefault(codes, line)
        else:
            closing = [key for key in open_ranges if not codes or key == codes or key <= codes]
            for key in closing:
                found.append(Suppression(key, open_ranges.pop(key), line))
    for codes, first in open_ranges.items():
        found.append(Suppression(codes, first, None))
    for match in _PLAIN.finditer(source):
        found.append(Suppression(_codes(match.group(1)), 1, None))
    return found


def is_directive_line(line: str) -> bool:
    """True for a plain-text directive line, which is not part of the prose."""
    return bool(_PLAIN.fullmatch(line))
