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

# "[^<>]*?" stops at the next tag: from each "<!--" the search ends at the next
# "<" instead of running on to the end of a file of unclosed comments.
_COMMENT = re.compile(
    r"<!--\s*msglint-(disable-next-line|disable|enable)\b([^<>]*?)-->", re.IGNORECASE
)
_PLAIN_HEAD = re.compile(r"(?<![ \t])[ \t]*msglint:[ \t]*disable", re.IGNORECASE)
_PLAIN_CODES = re.compile(r"[\w.,\s-]*")


def _codes(raw: str) -> frozenset[str]:
    return frozenset(part.upper() for part in re.split(r"[\s,]+", raw.strip()) if part)


def _plain_codes(line: str) -> str | None:
    """The codes of a ``msglint: disable=…`` line, or None for any other line.

    Read by hand, not with one pattern: runs of spaces between adjacent
    optional parts made a single pattern backtrack in polynomial time
    (400 spaces took 6.6 s).
    """
    head = _PLAIN_HEAD.match(line)
    if head is None:
        return None
    rest = line[head.end() :].strip()
    if rest.startswith("="):
        rest = rest[1:].strip()
    return rest if _PLAIN_CODES.fullmatch(rest) else None


def find_suppressions(source: str) -> list[Suppression]:
    """Every directive in ``source``, as line ranges of disabled codes."""
    found: list[Suppression] = []
    open_ranges: dict[frozenset[str], int] = {}
    line, counted = 1, 0  # line numbers counted once, from one directive to the next

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += source.count("\n", counted, position)
        counted = position
        return line

    for match in _COMMENT.finditer(source):
        first = line_at(match.start())
        verb = match.group(1).lower()
        codes = _codes(match.group(2))
        if verb == "disable-next-line":
            end_line = line_at(match.end())
            found.append(Suppression(codes, end_line + 1, end_line + 1))
        elif verb == "disable":
            open_ranges.setdefault(codes, first)
        else:
            closing = [key for key in open_ranges if not codes or key == codes or key <= codes]
            for key in closing:
                found.append(Suppression(key, open_ranges.pop(key), first))
    for codes, first in open_ranges.items():
        found.append(Suppression(codes, first, None))
    if "msglint" in source.lower():
        for text_line in source.split("\n"):
            raw = _plain_codes(text_line) if "msglint" in text_line.lower() else None
            if raw is not None:
                found.append(Suppression(_codes(raw), 1, None))
    return found


def is_directive_line(line: str) -> bool:
    """True for a plain-text directive line, which is not part of the prose."""
    return _plain_codes(line) is not None
