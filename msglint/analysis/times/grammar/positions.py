"""Positions in a period: "end of the month", "EOD", "mi-décembre"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from msglint.analysis.times.calendar import (
    month_len,
    shift,
)
from msglint.analysis.times.spec import Resolved, Spec
from msglint.analysis.times.tokens import Tokens

# Where a position falls in a period of days, as shares of its length.
_SHARES = {
    "beginning": (0.0, 1 / 3),
    "middle": (1 / 3, 2 / 3),
    "end": (2 / 3, 1.0),
    "first_half": (0.0, 0.5),
    "second_half": (0.5, 1.0),
    "whole": (0.0, 1.0),
}


class Positions(Tokens):
    """Beginning, middle and end of a day, week, month, quarter or year."""

    def position(self, i: int) -> tuple[int, Spec] | None:
        """ "end of the month", "EOD", "beginning of next week", "fin mars", "mi-décembre"."""
        word = self.has(i, "posword")
        best = None
        modifier_of = self.modifies_noun(i)
        if word and not modifier_of:
            where, unit = (str(x) for x in word[1])
            end = word[0]
            year = self.year_number(end) if unit == "year" else None
            if year:  # « le premier semestre 1999 », "H1 2027": that year's half
                end = year[0]
                found = self.position_at(where, unit, self.ref.at(date(year[1], 1, 1)))
            else:
                found = self.position_of(where, unit, 0)
            if found:
                if unit == "day":
                    found.date = None  # "EOD tomorrow": the day comes from elsewhere
                best = (end, found)
        hit = self.has(i, "position")
        if hit is None:
            return best
        j, where = hit[0], str(hit[1])
        for _ in range(3):
            article = self.has(j, "article")
            modifier = self.has(j, "mod")
            if article is None or (modifier and self.has(modifier[0], "unit")):
                break
            j = article[0]
        if self.key(j) == "-" and self.attached(j):
            j += 1
        target = None
        noun = self.has(j, "unit")
        if noun and noun[1] == "year" and self.year_number(noun[0]):
            j = noun[0]  # « la fin de l'an 2000 »: the year is the number after the noun
        period = self.unit_period(j)
        decade_unit = self.has(j, "unit") or (0, "")
        if period is None and decade_unit[1] == "decade" and not self.decade(decade_unit[0]):
            period = self.unit_period(j, only="decade")  # "the end of the decade": this one
        if period is None:
            unit = self.has(j, "unit")
            if (modifier_of and j == hit[0]) or self.plural_unit(j):
                unit = None  # « les soldes de début d'année »: a kind of sale; « années 80 »
            if unit and unit[1] in ("day", "week", "month", "year", "quarter"):
                k = unit[0]
                post = self.has(k, "postmod")
                step = 0
                if post:
                    step = {"this": 0, "next": 1, "next_occ": 1, "last": -1}.get(
                        str(post[1]).rstrip("?"), 0
                    )
                    k = post[0]
                found = self.position_of(where, str(unit[1]), step)
                if found:
                    target = (k, found)
        else:
            k, sp = period
            if sp.fixed and sp.fixed.end is not None:  # a decade (ten years): thirds of its days
                found = self.position_in(where, sp.fixed)
                if found:
                    target = (k, found)
            elif sp.fixed:
                found = self.position_at(where, sp.fixed.grain, sp.fixed.start)
                if found:
                    target = (k, found)
        century = None if target else self.this_century(hit[0], bare_ok=True)
        if century is None and target is None:  # "the late 1980s", « au début des années 80 »
            century = self.decade(j + 1 if self.key(j) in self.L.decade_leads else j)
        if century and century[1].fixed and century[1].fixed.end:
            found = self.position_in(where, century[1].fixed)  # « à la fin du siècle »
            if found:
                target = (century[0], found)
        season = None if target else self.season(j, bare_ok=True)
        if season and season[1].fixed and season[1].fixed.end:
            found = self.position_in(where, season[1].fixed)
            if found:
                target = (season[0], found)
        month = self.month_word(j)
        if month and target is None:
            k, value, word = month
            year = self.year_after(k, two_digits=False)
            if year:
                k, y = year
            else:
                y = self.ref.month_year(value)
            found = self.position_at(where, "month", self.ref.at(date(y, value, 1)))
            if found:
                target = (k, found)
        year = self.year_number(j) or (self.short_year(j) and self.year_number(j, True)) or None
        if year and target is None:  # « fin 98 », « mi-99 »: two digits above 31 are a year
            found = self.position_at(where, "year", self.ref.at(date(year[1], 1, 1)))
            if found:
                target = (year[0], found)
        if target is None:
            return best
        return self.longer(best, target)

    def modifies_noun(self, i: int) -> bool:
        """ "de" and a noun before token i: « une fête de fin d'année » names a kind of party."""
        of = self.has(i - 1, "bareof") if i >= 2 else None
        if of is None or of[0] != i or self.has(i - 1, "durprep"):
            return False
        noun = i - 2
        return (
            self.word(noun)
            and not self.m(noun)
            and self.text[self.s[noun] : self.e[noun]].islower()
            and not any(self.prev_is(i, cat) for cat in ("before", "until", "after"))
        )

    def position_in(self, where: str, period: Resolved) -> Spec | None:
        """A position in a period of days (a season): thirds, halves or the whole of it."""
        if period.end is None:
            return None
        days = (period.end - period.start).days
        first, last = _SHARES.get(where, (None, None))
        if first is None or last is None:
            return None
        start = period.start + timedelta(days=round(days * first))
        end = period.start + timedelta(days=round(days * last))
        return Spec(fixed=Resolved(start, "day", end, kind="interval"))

    def position_of(self, where: str, unit: str, step: int) -> Spec | None:
        """A position in the current period moved by ``step`` ("end of next month")."""
        return self.position_at(where, unit, self.ref.period(unit, step))

    def position_at(self, where: str, unit: str, start: datetime) -> Spec | None:
        """The days (hours, months) a position covers in a period, from [position_spans]."""
        bounds = self.L.spans.get(unit, {}).get(where)
        if not bounds:
            return None
        first, last = int(bounds[0]), int(bounds[1])
        if unit == "day":
            return Spec(part=(first, last), date=start.date())
        if unit == "month":
            length = month_len(start.year, start.month)
            return Spec(
                fixed=Resolved(
                    start.replace(day=min(first, length)),
                    "day",
                    start.replace(day=min(last, length)),
                    kind="interval",
                )
            )
        if unit == "week":
            return Spec(
                fixed=Resolved(
                    start + timedelta(days=first),
                    "day",
                    start + timedelta(days=last),
                    kind="interval",
                )
            )
        if unit == "year":
            return Spec(
                fixed=Resolved(
                    start.replace(month=first), "month", start.replace(month=last), kind="interval"
                )
            )
        if unit == "quarter":
            return Spec(
                fixed=Resolved(
                    shift(start, "month", first - 1),
                    "month",
                    shift(start, "month", last - 1),
                    kind="interval",
                )
            )
        return None
