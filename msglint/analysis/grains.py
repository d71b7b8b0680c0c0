"""Arithmetic on resolved time values at a grain (day, week, month…)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msglint.analysis.model import TimeExpr


def deadline_moment(time: TimeExpr) -> datetime | None:
    """The last instant a time expression allows as a deadline.

    A clock time is the instant itself ("by 8 am" is 08:00); a day, week or
    month runs to its end ("by Friday" allows all of Friday).
    """
    value = time.end_value if time.direction == "before" and time.end_value else time.value
    if value is None:
        return None
    if time.grain in ("hour", "minute", "second"):
        return value  # "by 8 am" means 08:00, not 08:59
    return end_of_grain(value, time.grain)


def end_of_grain(value: datetime, grain: str | None) -> datetime:
    """The last instant covered by ``value`` at ``grain``: Friday → Friday 23:59:59."""
    if grain in (None, "second"):
        return value
    if grain == "minute":
        return value + timedelta(minutes=1) - timedelta(microseconds=1)
    if grain == "hour":
        return value + timedelta(hours=1) - timedelta(microseconds=1)
    if grain == "day":
        return value + timedelta(days=1) - timedelta(microseconds=1)
    if grain == "week":
        return value + timedelta(days=7) - timedelta(microseconds=1)
    if grain in ("month", "quarter", "year"):
        months = {"month": 1, "quarter": 3, "year": 12}[grain]
        month_index = value.month - 1 + months
        year = value.year + month_index // 12
        start = value.replace(year=year, month=month_index % 12 + 1, day=1)
        return start - timedelta(microseconds=1)
    return value
