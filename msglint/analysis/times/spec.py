"""What the words say (Spec) and where it lands on the calendar (Resolved)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo


@dataclass
class Resolved:
    """A resolved expression (datetimes are aware)."""

    start: datetime
    grain: str
    end: datetime | None = None
    kind: str = "instant"
    direction: str | None = None
    has_time: bool = False
    has_tz: bool = False
    ambiguous: bool = False
    weekday: int | None = None


@dataclass
class Spec:
    """What the words say, before it is placed on the calendar."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # a weekday to find (alone, or with a day of month)
    wd_mode: str | None = None  # how to find it: this, next, last, next_occ, ...
    month_mode: str | None = None
    named_wd: int | None = None  # weekday written next to a full date
    date: date | None = None  # a day already known (today, tomorrow, a holiday)
    fixed: Resolved | None = None  # a complete value (next week, in 2 hours, end of month)
    fixed_date: date | None = None  # the day of a day-level relative ("in 7 days")
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    ampm: str | None = None
    h24: bool = False  # hour written unambiguously (15:00, 15h, 09:00)
    tz: tzinfo | None = None
    part: tuple[int, int] | None = None  # hours of a part of the day
    weak_part: bool = False  # a one-word part of the day ("morning"): not alone
    bare: int | None = None  # a lone number at one end of an interval
    ambiguous: bool = False

    @property
    def has_date(self) -> bool:
        return (
            self.year is not None
            or self.month is not None
            or self.day is not None
            or self.weekday is not None
            or self.date is not None
            or self.fixed is not None
        )

    @property
    def has_time(self) -> bool:
        return self.hour is not None


def merge(a: Spec, b: Spec) -> Spec | None:
    """One spec from two parts of an expression ("Friday" + "5pm"), or None if they clash."""
    if a.fixed is not None or b.fixed is not None:
        fixed, other = (a, b) if a.fixed is not None else (b, a)
        if fixed.fixed_date is None or other.has_date or other.hour is None:
            return None
        fixed = replace(fixed, fixed=None, date=fixed.fixed_date, fixed_date=None)
        a, b = fixed, other
    if (a.has_date and b.has_date) or (a.has_time and b.has_time):
        return None
    if (a.part and b.part) or (a.tz and b.tz):
        return None
    merged = replace(a)
    for name in (
        "year",
        "month",
        "day",
        "weekday",
        "wd_mode",
        "month_mode",
        "named_wd",
        "date",
        "hour",
        "minute",
        "second",
        "ampm",
        "tz",
        "part",
    ):
        value = getattr(b, name)
        if value is not None:
            setattr(merged, name, value)
    merged.h24 = a.h24 or b.h24
    merged.ambiguous = a.ambiguous or b.ambiguous
    merged.weak_part = False
    return merged
