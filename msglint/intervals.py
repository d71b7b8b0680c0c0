"""Sorted, merged intervals: "is this point covered?" in logarithmic time.

The engine asks it for every finding (is it in a URL or inline code? is it
under an inline ``msglint: disable``?); a scan of every span per finding grew
with findings × spans, which a hostile draft can make both large.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from msglint.message import Suppression

_OPEN_END = float("inf")


class Intervals:
    """Half-open ``[start, end)`` intervals, merged where they touch or overlap."""

    def __init__(self, spans: Iterable[tuple[float, float]]) -> None:
        starts: list[float] = []
        ends: list[float] = []
        for start, end in sorted(s for s in spans if s[1] > s[0]):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts, self._ends = starts, ends

    def __bool__(self) -> bool:
        return bool(self._starts)

    def __contains__(self, point: float) -> bool:
        index = bisect.bisect_right(self._starts, point) - 1
        return index >= 0 and point < self._ends[index]


class SuppressionIndex:
    """The inline ``msglint: disable`` directives of one message, by code.

    A directive without codes covers every rule (``"*"``). A finding with no
    line (the whole message) is covered by any directive naming its codes,
    as before.
    """

    def __init__(self, suppressions: Iterable[Suppression]) -> None:
        spans: dict[str, list[tuple[float, float]]] = {}
        for item in suppressions:
            end = _OPEN_END if item.last_line is None else item.last_line + 1
            for code in item.codes or ("*",):
                spans.setdefault(code, []).append((item.first_line, end))
        self._lines = {code: Intervals(found) for code, found in spans.items()}

    def covers(self, aliases: Iterable[str], line: int | None) -> bool:
        for code in (*aliases, "*"):
            lines = self._lines.get(code)
            if lines is None:
                continue
            if line is None or line in lines:
                return True
        return False
