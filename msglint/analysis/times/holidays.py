"""Holiday rules of times.toml and their dates."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from msglint.analysis.times.calendar import nth_weekday


@cache
def holiday_tables() -> dict[str, dict[str, list[str]]]:
    """Lunar and lunisolar holidays by year (``lang/holiday_dates.toml``), read once."""
    from msglint.config_io import load_toml

    return load_toml(Path(__file__).resolve().parent.parent.parent / "lang" / "holiday_dates.toml")


def holiday_rule(rule: str) -> tuple[Any, ...]:
    """Compile a holiday rule of times.toml (see the comment there)."""
    rule = rule.strip().lower()
    match = re.fullmatch(r"table\s+([a-z0-9-]+)(?:\s+([+-]\d+))?", rule)
    if match:
        # The table file is read on first use, not here: start-up is precious
        # (tests check that every key a pack names exists).
        return ("table", match.group(1), int(match.group(2) or 0))
    match = re.fullmatch(r"(easter|orthodox)\s*([+-]\d+)?", rule)
    if match:
        return (match.group(1), int(match.group(2) or 0))
    match = re.fullmatch(r"(\d\d)-(\d\d)", rule)
    if match:
        return ("fixed", int(match.group(1)), int(match.group(2)))
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    match = re.fullmatch(r"(-?\d)\s+([a-z]{3})\s+(\d\d)(?:\s+([+-]\d+))?", rule)
    if match:
        wd = days.index(match.group(2))
        return ("nth", int(match.group(1)), wd, int(match.group(3)), int(match.group(4) or 0))
    match = re.fullmatch(r"([a-z]{3})\s*(>=|<=)\s*(\d\d)-(\d\d)", rule)
    if match:
        wd = days.index(match.group(1))
        return (match.group(2), wd, int(match.group(3)), int(match.group(4)))
    raise ValueError(f"bad holiday rule {rule!r}")


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday (Julian computus, shifted to the Gregorian calendar)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(year, month, day + 1) + timedelta(days=year // 100 - year // 400 - 2)


def holiday_date(rule: tuple[Any, ...], year: int) -> date | None:
    """The date of a compiled holiday rule in a year (None when the rule cannot apply)."""
    try:
        if rule[0] == "fixed":
            return date(year, rule[1], rule[2])
        if rule[0] == "table":
            days = holiday_tables().get(rule[1], {}).get(str(year))
            if not days:
                return None  # outside the table's years
            month, day = (int(part) for part in days[0].split("-"))
            return date(year, month, day) + timedelta(days=rule[2])
        if rule[0] == "easter":
            return easter(year) + timedelta(days=rule[1])
        if rule[0] == "orthodox":
            return orthodox_easter(year) + timedelta(days=rule[1])
        if rule[0] == ">=":
            anchor = date(year, rule[2], rule[3])
            return anchor + timedelta(days=(rule[1] - anchor.weekday()) % 7)
        if rule[0] == "<=":
            anchor = date(year, rule[2], rule[3])
            return anchor - timedelta(days=(anchor.weekday() - rule[1]) % 7)
        day = nth_weekday(year, rule[3], rule[1], rule[2])
        return day + timedelta(days=rule[4]) if day else None
    except ValueError:
        return None
