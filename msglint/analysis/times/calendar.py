"""Grain and calendar arithmetic, written once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache

GRAINS = ("year", "quarter", "month", "week", "day", "hour", "minute", "second")
RANK = {g: i for i, g in enumerate(GRAINS)}
# Duckling's convention for "in <n> <unit>": the value is cut to a finer grain.
AFTER_GRAIN = {
    "second": "second",
    "minute": "second",
    "hour": "minute",
    "day": "hour",
    "fortnight": "hour",
    "week": "day",
    "month": "day",
    "quarter": "day",
    "year": "month",
    "decade": "month",
}
PAST_WEIGHT = 8


def parse_offset(text: str) -> tzinfo:
    """A fixed offset from "+01:00" or "-5"."""
    sign = -1 if text.startswith("-") else 1
    hours, _, minutes = text.lstrip("+-").partition(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))


@cache
def zone_info(name: str) -> tzinfo | None:
    """A fixed offset ("+01:00") or an IANA zone ("Europe/Paris"); None when unknown."""
    if name[:1] in "+-":
        return parse_offset(name)
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # unknown zone or no tz database: ignore the zone
        return None


def month_len(year: int, month: int) -> int:
    """Days in a month."""
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic that keeps the day when the month has it (Jan 31 + 1 = Feb 28)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, month_len(year, month + 1)))


def monday_of(day: date) -> date:
    """The Monday of the ISO week: weeks start on Monday in both languages."""
    return day - timedelta(days=day.weekday())


def nth_weekday(year: int, month: int, n: int, wd: int) -> date | None:
    """The n-th (or, n = -1, the last) weekday of a month; None when there is no such day."""
    if n < 0:
        last = date(year, month, month_len(year, month))
        return last - timedelta(days=(last.weekday() - wd) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def closest(candidates: list[date], today: date) -> date:
    """The candidate closest to today, a past one counting PAST_WEIGHT times its distance."""

    def cost(day: date) -> int:
        delta = (day - today).days
        return delta if delta >= 0 else -delta * PAST_WEIGHT

    return min(candidates, key=cost)


def truncate(moment: datetime, grain: str) -> datetime:
    """The start of the grain holding ``moment`` (values are reported at that start)."""
    moment = moment.replace(microsecond=0)
    if grain == "second":
        return moment
    if grain == "minute":
        return moment.replace(second=0)
    if grain == "hour":
        return moment.replace(minute=0, second=0)
    moment = moment.replace(hour=0, minute=0, second=0)
    if grain == "day":
        return moment
    if grain == "week":
        return moment - timedelta(days=moment.weekday())
    if grain == "month":
        return moment.replace(day=1)
    if grain == "quarter":
        return moment.replace(day=1, month=(moment.month - 1) // 3 * 3 + 1)
    return moment.replace(day=1, month=1)


def shift(moment: datetime, unit: str, amount: float) -> datetime:
    """``moment`` moved by a number of units (months and years keep the day of month)."""
    if unit in ("month", "quarter", "year", "decade"):
        months = round(amount * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit])
        day = add_months(moment.date(), months)
        return moment.replace(year=day.year, month=day.month, day=day.day)
    seconds = {
        "second": 1,
        "minute": 60,
        "hour": 3600,
        "day": 86400,
        "week": 604800,
        "fortnight": 1209600,
    }[unit]
    if unit in ("day", "week", "fortnight"):
        return moment + timedelta(days=round(amount * seconds / 86400))
    return moment + timedelta(seconds=amount * seconds)


def wall_clock(
    day: date, tz: tzinfo | None, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """A wall-clock time on a day; hour 24 is midnight at the end of the day."""
    extra = 0
    if hour >= 24:
        extra, hour = divmod(hour, 24)
    return datetime.combine(day + timedelta(days=extra), time(hour, minute, second), tzinfo=tz)


# Which parsers can start at a token, by the categories of its phrases ("#": a number).
