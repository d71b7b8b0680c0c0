"""Placing specs on the calendar against the reference time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from msglint.analysis.times.calendar import (
    AFTER_GRAIN,
    PAST_WEIGHT,
    add_months,
    closest,
    monday_of,
    month_len,
    shift,
    truncate,
    wall_clock,
)
from msglint.analysis.times.holidays import holiday_date
from msglint.analysis.times.spec import Resolved, Spec
from msglint.analysis.times.tokens import Tokens


class Reference:
    """The reference time ``now``: the grammar reads it only through these methods.

    Why one place: what "next Friday", "in 3 days" or "Christmas" mean depends
    on when the message is written; keeping every such reading here means the
    parsers only say what the words are, and the choice of the past or coming
    occurrence is made (and can be changed) in this module.
    """

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.tz = now.tzinfo
        self.today = now.date()

    def at(self, day: date, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
        """A wall-clock time on a day, in the zone of ``now``."""
        return wall_clock(day, self.tz, hour, minute, second)

    def day(self, offset: int = 0) -> date:
        """Today moved by whole days ("tomorrow", "après-demain", "ce soir")."""
        return self.today + timedelta(days=offset)

    def year(self) -> int:
        """The current year (a quarter or a holiday without one)."""
        return self.today.year

    def instant(self) -> datetime:
        """``now`` at the second ("right now")."""
        return self.now.replace(microsecond=0)

    def period(self, unit: str, step: int = 0) -> datetime:
        """The start of the current week, month, … moved by ``step`` units ("next month")."""
        return shift(truncate(self.now, unit), unit, step)

    def after(self, value: float, unit: str, sign: int = 1) -> Resolved:
        """``now`` moved by a duration, cut to Duckling's grain for such expressions."""
        grain = AFTER_GRAIN[unit]
        return Resolved(truncate(shift(self.now, unit, sign * value), grain), grain)

    def from_today(self, value: float, unit: str) -> datetime:
        """Today at midnight moved by a duration ("3 years from today")."""
        return shift(self.at(self.today), unit, value)

    def month_year(self, month: int) -> int:
        """The year of the coming ``month`` (this one counts): "first Tuesday of October"."""
        return self.today.year if month >= self.today.month else self.today.year + 1

    def two_digit_year(self, value: int, window: int) -> int:
        """Place a two-digit year in the century that keeps it within ``window`` years ahead."""
        century = self.today.year // 100 * 100
        if value <= self.today.year % 100 + window:
            return century + value
        return century - 100 + value

    def weekday_count(self, weekday: int, count: int, sign: int) -> date:
        """The ``count``-th ``weekday`` after (sign 1) or before (-1) today."""
        today = self.today
        if sign > 0:
            day = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
            return day + timedelta(days=7 * (count - 1))
        day = today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
        return day - timedelta(days=7 * (count - 1))

    def week_friday(self, step: int) -> date:
        """The Friday of this week moved by ``step`` weeks (for weekends)."""
        return monday_of(self.today) + timedelta(days=4 + 7 * step)

    def holiday(self, rule: tuple[Any, ...], year: int | None, mode: str | None) -> date | None:
        """The day of a holiday: in ``year``, else the last, next or closest one."""
        this_year = self.today.year
        if year is not None:
            return holiday_date(rule, year)
        if mode == "last":
            day = holiday_date(rule, this_year)
            if day is None or day >= self.today:
                day = holiday_date(rule, this_year - 1)
            return day
        if mode in ("next", "next_occ"):
            day = holiday_date(rule, this_year)
            if day is None or day < self.today:
                day = holiday_date(rule, this_year + 1)
            return day
        options = [holiday_date(rule, y) for y in (this_year - 1, this_year, this_year + 1)]
        return closest([d for d in options if d], self.today) if any(options) else None

    def season(self, bounds: list[int], mode: str) -> tuple[date, date]:
        """First and last day of the season of ``bounds`` meant by ``mode`` (this, next, last)."""
        m1, d1, m2, d2 = (int(x) for x in bounds)

        def season_of(y: int) -> tuple[date, date]:
            """The season that starts in year ``y``."""
            start = date(y, m1, d1)
            end = date(y + (1 if (m2, d2) < (m1, d1) else 0), m2, d2)
            return start, end

        start, end = season_of(self.today.year - (1 if m2 < m1 else 0))
        if end < self.today:
            start, end = season_of(start.year + 1)
        if mode == "last":
            start, end = season_of(start.year - 1)
            if end >= self.today:
                start, end = season_of(start.year - 1)
        elif mode in {"next", "next_occ"} and start <= self.today:
            start, end = season_of(start.year + 1)
        return start, end

    def any_season(self, mode: str, seasons: dict[str, Any]) -> tuple[date, date]:
        """ "this season", "next season": the season holding today, or the one after / before."""
        day = self.today
        if mode in {"next", "next_occ", "last"}:
            first = season_span(day, seasons)
            day = first[1] + timedelta(days=1) if mode != "last" else first[0] - timedelta(days=1)
        return season_span(day, seasons)


def season_span(day: date, seasons: dict[str, Any]) -> tuple[date, date]:
    """First and last day of the season of times.toml that holds ``day``."""
    for bounds in seasons.values():
        m1, d1, m2, d2 = (int(x) for x in bounds)
        for year in (day.year - 1, day.year):
            start = date(year, m1, d1)
            end = date(year + (1 if (m2, d2) < (m1, d1) else 0), m2, d2)
            if start <= day <= end:
                return start, end
    return date(day.year, 1, 1), date(day.year, 12, 31)


class Resolution(Tokens):
    """Turn a :class:`Spec` into a :class:`Resolved` value."""

    def resolve(self, sp: Spec) -> Resolved | None:
        """Place a spec on the calendar."""
        if sp.fixed is not None and sp.hour is None and sp.part is None:
            return replace(sp.fixed)
        tz = sp.tz or self.ref.tz
        ref = self.ref.now.astimezone(tz) if sp.tz else self.ref.now
        today = ref.date()
        day, grain = self.resolve_date(sp, today)
        if day is None and grain:
            return None
        if sp.hour is not None:
            return self.resolve_clock(sp, day, ref, tz)
        if sp.part is not None:
            base = day or today
            first, last = sp.part
            return Resolved(
                wall_clock(base, tz, first),
                "hour",
                wall_clock(base, tz, last - 1),
                kind="interval",
                ambiguous=sp.ambiguous,
                weekday=sp.named_wd,
            )
        if day is None:
            return None
        return Resolved(wall_clock(day, tz), grain, ambiguous=sp.ambiguous, weekday=sp.named_wd)

    def resolve_date(self, sp: Spec, today: date) -> tuple[date | None, str]:
        """The day (or month, year) a spec names, and its grain."""
        if sp.date is not None:
            return sp.date, "day"
        if sp.day is None and sp.month is None and sp.year is None:
            if sp.weekday is not None:
                return self.find_weekday(sp.weekday, sp.wd_mode, today), "day"
            return None, ""
        year, month, day = sp.year, sp.month, sp.day
        try:
            if day is None:
                if month is None:
                    return date(year or today.year, 1, 1), "year"
                if year is None:
                    year = today.year if month >= today.month else today.year + 1
                    mode = sp.month_mode
                    back = (today.month - month) % 12
                    if mode is None and back > 0 and back * PAST_WEIGHT < 12 - back:
                        # the closest month, a past one counting 8x: "November
                        # figures" written in December are last month's
                        year = today.year if month < today.month else today.year - 1
                    elif mode == "last":
                        year = today.year if month < today.month else today.year - 1
                    elif mode == "this":
                        year = today.year
                    elif mode == "after_next":
                        year += 1
                return date(year, month, 1), "month"
            if month is None:
                if sp.weekday is not None:
                    first = today.replace(day=1)
                    for step in range(14):
                        start = add_months(first, step)
                        if day <= month_len(start.year, start.month):
                            found = start.replace(day=day)
                            if found >= today and found.weekday() == sp.weekday:
                                return found, "day"
                first = today.replace(day=1)
                options = []
                for step in (-1, 0, 1):
                    start = add_months(first, step)
                    if day <= month_len(start.year, start.month):
                        options.append(start.replace(day=day))
                return (closest(options, today) if options else None), "day"
            if year is None:
                options = []
                for y in (today.year - 1, today.year, today.year + 1):
                    if self.valid(y, month, day):
                        options.append(date(y, month, day))
                if sp.month_mode == "last":  # « le 8 mars dernier »: the last one before today
                    options = [d for d in options if d < today] or options
                    return max(options) if options else None, "day"
                if sp.month_mode in ("next", "next_occ"):
                    options = [d for d in options if d > today] or options
                    return min(options) if options else None, "day"
                return (closest(options, today) if options else None), "day"
            return date(year, month, day), "day"
        except ValueError:
            return None, "day"

    def find_weekday(self, weekday: int, mode: str | None, today: date) -> date:
        """The day a weekday names, from the way it is modified (see times.toml).

        A bare weekday is the next one after today ("Tuesday" said on a Tuesday is
        in a week). English "next Friday" (mode "next") is the Friday of next week.
        French "vendredi prochain" (mode "next_occ") is the *coming* Friday, the
        first one after today: said on a Tuesday it is in three days. Both are
        flagged ambiguous (the "?" of times.toml), because many French speakers
        mean the Friday of next week and many English speakers the coming one;
        "vendredi suivant", "vendredi de la semaine prochaine" (mode "next") are
        next week's.
        """
        ahead = (weekday - today.weekday()) % 7
        if mode in (None, "next_occ"):
            return today + timedelta(days=ahead or 7)
        if mode == "this":
            return today + timedelta(days=ahead)
        if mode in ("next", "next_week"):
            return monday_of(today) + timedelta(days=7 + weekday)
        if mode == "after_next":
            return today + timedelta(days=(ahead or 7) + 7)
        if mode == "last":
            return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
        if mode == "this_week":
            return monday_of(today) + timedelta(days=weekday)
        if mode == "last_week":
            return monday_of(today) + timedelta(days=weekday - 7)
        if mode == "en_huit":
            return today + timedelta(days=ahead + 7)
        if mode == "en_quinze":
            return today + timedelta(days=ahead + 14)
        return today + timedelta(days=ahead or 7)

    def resolve_clock(
        self, sp: Spec, day: date | None, ref: datetime, tz: tzinfo | None
    ) -> Resolved:
        """A clock time on its day; with no day, the next occurrence (an hour counts as a whole)."""
        hour = sp.hour or 0
        minute = sp.minute or 0
        second = sp.second or 0
        if hour < 0:
            hour += 24
        if sp.ampm == "pm" and hour < 12:
            hour += 12
        elif sp.ampm == "am" and hour == 12:
            hour = 0
        elif sp.ampm is None and sp.part and sp.part[0] >= 12 and hour < 12:
            hour += 12
        hours = [hour]
        if sp.ampm is None and not sp.h24 and sp.part is None and 1 <= hour < 12:
            hours.append(hour + 12)
        grain = "second" if sp.second is not None else "minute" if sp.minute is not None else "hour"
        if day is not None:
            start = wall_clock(day, tz, hours[0], minute, second)
        else:
            floor = ref.replace(minute=0, second=0, microsecond=0)
            start = None
            for offset in (0, 1):
                for value in hours:
                    found = wall_clock(
                        ref.date() + timedelta(days=offset), tz, value, minute, second
                    )
                    if found.replace(minute=0, second=0) >= floor:
                        start = found
                        break
                if start is not None:
                    break
            if start is None:
                start = wall_clock(ref.date() + timedelta(days=1), tz, hours[0], minute, second)
        return Resolved(
            start,
            grain,
            has_time=True,
            has_tz=sp.tz is not None,
            ambiguous=sp.ambiguous,
            weekday=sp.named_wd,
        )

    # ---- top level
