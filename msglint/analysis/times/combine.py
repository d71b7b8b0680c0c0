"""Combining parts: one moment from compatible parts, intervals, open intervals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from msglint.analysis.times.calendar import (
    RANK,
)
from msglint.analysis.times.grammar.anaphora import Anaphora
from msglint.analysis.times.grammar.clock import Clock
from msglint.analysis.times.grammar.dates import Dates
from msglint.analysis.times.grammar.days import Days
from msglint.analysis.times.grammar.numbers import Numbers
from msglint.analysis.times.grammar.numeric import NumericDates
from msglint.analysis.times.grammar.periodic import Periodic
from msglint.analysis.times.grammar.periods import Periods
from msglint.analysis.times.grammar.positions import Positions
from msglint.analysis.times.grammar.years import Years
from msglint.analysis.times.grammar.zones import Zones
from msglint.analysis.times.resolve import Resolution
from msglint.analysis.times.spec import Resolved, Spec, merge
from msglint.analysis.times.vocab import (
    DEADLINE,
    FLAGS,
    OPENERS,
)

# What a word after a hyphen may be when the expression before it is only a count:
# "three-quarters", "a 3-day event" (not "Monday-Friday").
_COUNTED = frozenset({"unit", "quarter", "qty", "duration", "durprep"})


@dataclass(frozen=True)
class Rule:
    """A parser and the categories of the first token that can start it ("#": a number)."""

    parse: Callable[..., Any]
    triggers: frozenset[str]
    number: bool
    loose: bool = False


def rule(parse: Callable[..., Any], triggers: str, loose: bool = False) -> Rule:
    """A Rule; a trigger that is not a category of the vocabulary table is an error."""
    names = frozenset(triggers.split()) - {"#"}
    unknown = names - set(FLAGS)
    if unknown:
        raise ValueError(f"{parse.__qualname__}: unknown trigger categories {sorted(unknown)}")
    return Rule(parse, names, "#" in triggers.split(), loose)


class Combine(
    Clock,
    Dates,
    Years,
    Anaphora,
    NumericDates,
    Days,
    Periods,
    Positions,
    Periodic,
    Numbers,
    Zones,
    Resolution,
):
    """The grammar's top level: moments, ranges and open intervals at a token."""

    def date(self, i: int) -> tuple[int, Spec] | None:
        """The longest date starting at token i (memoised: callers copy before changing)."""
        memo = ("date", i, False)
        if memo in self._memo:
            return self._memo[memo]
        best = None
        cats = self.m(i)
        number = self.digit(i)
        for rule in DATE_RULES:
            if (number and rule.number) or not rule.triggers.isdisjoint(cats):
                found = rule.parse(self, i)
                if found and (best is None or found[0] > best[0]):
                    best = found
        self._memo[memo] = best
        return best

    def component(self, i: int, loose: bool = False) -> tuple[int, Spec] | None:
        """The longest single part of an expression at token i (a date, a time, a period)."""
        memo = ("component", i, loose)
        if memo in self._memo:
            return self._memo[memo]
        cats = self.m(i)
        number = self.digit(i)
        best = None
        for rule in COMPONENT_RULES:  # the clock first: "mid day" is noon
            if (number and rule.number) or not rule.triggers.isdisjoint(cats):
                found = rule.parse(self, i, loose) if rule.loose else rule.parse(self, i)
                if found and (best is None or found[0] > best[0]):
                    best = found
        if self.key(i) in self.L.quarter_prefixes:
            found = self.quarter(i)
            if found and (best is None or found[0] > best[0]):
                best = found
        self._memo[memo] = best
        return best

    def moment(self, i: int) -> tuple[int, Spec] | None:
        """A date, a time, a part of the day, or any compatible mix ("Friday at 5pm CET")."""
        memo = ("moment", i, False)
        if memo not in self._memo:
            self._memo[memo] = self.moment_uncached(i)
        return self._memo[memo]

    def moment_uncached(self, i: int) -> tuple[int, Spec] | None:
        """Parts joined left to right while they fit together (date, time, part of the day)."""
        first = self.component(i)
        if first is None:
            hour = self.bare_hour(i)
            if hour is None:
                return None
            k = hour[0]
            conn = self.has(k, "conn")
            nxt = self.component(k) or (self.component(conn[0]) if conn else None)
            if nxt is None or nxt[1].has_time or nxt[1].weak_part:
                return None
            if not (nxt[1].has_date or nxt[1].part):
                return None
            merged = merge(hour[1], nxt[1])
            if merged is None:
                return None
            first = (nxt[0], merged)
        end, sp = first
        for _ in range(3):
            candidates = [end]
            conn = self.has(end, "conn")
            if conn:
                candidates.append(conn[0])
                again = self.has(conn[0], "conn")
                if again:
                    candidates.append(again[0])
            step = None
            for k in candidates:
                found = self.component(k)
                if found:
                    merged = merge(sp, found[1])
                    if merged is not None:
                        step = (found[0], merged)
                        break
            if step is None:
                break
            end, sp = step
        if sp.weak_part and not sp.has_date and not sp.has_time:
            return None
        return end, sp

    def endpoint(self, i: int, day_hint: str = "") -> tuple[int, Spec] | None:
        """One end of an interval: a moment, or a lone number ("from 2 to 4pm")."""
        found = self.moment(i)
        article = self.has(i, "dayart")
        j = article[0] if article else i
        bare = self.day_number(j, words=True)
        if bare is None and self.digit(j) and len(self.k[j]) <= 2 and int(self.k[j]) <= 24:
            bare = (j + 1, int(self.k[j]), False)
        if bare and (found is None or bare[0] > found[0]):
            unit = self.has(bare[0], "unit")
            if (
                self.key(bare[0]) == ":"
                or not self.number_ok_right(bare[0])
                or self.has(bare[0], "hmark")
                or (unit and unit[1] != "hour")  # « le 3 mars à deux ans de prison »: an amount
            ):
                return found  # "à 10 h": an hour, not the 10th
            return bare[0], Spec(bare=bare[1])
        return found

    def range(self, i: int) -> tuple[int, Resolved] | None:
        """ "from 2 to 4pm", "entre 14h et 16h", "du 3 au 5 mars", "July 13-15", "Thu 9-11am"."""
        j = i
        pre = None
        lead = self.date(j) or self.relday(j)
        if lead and not lead[1].has_time:
            k = lead[0]
            conn = self.has(k, "conn")
            for start in (k, conn[0] if conn else None):
                if start is not None and (self.has(start, "rfrom") or self.has(start, "rbetween")):
                    pre, j = lead[1], start
                    break
            else:
                if self.digit(k):
                    pre, j = lead[1], k
        opener = self.has(j, "rfrom")
        hint = str(opener[1]) if opener else ""  # what two lone numbers are: "day", "hour"
        between_word = self.has(j, "rbetween")
        if between_word and (opener is None or between_word[0] > opener[0]):
            opener, hint = between_word, ""
        between = between_word is not None and opener is not None and between_word[0] == opener[0]
        if opener:
            j = opener[0]
        left = self.endpoint(j)
        if left is None:
            return None
        k, lsp = left
        sep = self.has(k, "rto")
        if sep is None:
            return None
        joined = self.has(k, "rand")
        if joined and joined[0] == sep[0] and not between:
            return None  # "and" joins two ends only after "between"
        right = self.endpoint(sep[0])
        if right is None:
            return None
        end, rsp = right
        if lsp.bare is not None and rsp.bare is not None:
            if not opener or not hint or "unit" in self.m(end):
                return None  # « de 2 à 8 ans »: ages, not hours
            dashed = self.key(k) == "-"  # « la guerre de 14-18 »: years, not hours
            if hint == "hour" and (lsp.bare >= rsp.bare or dashed or not self.follow_ok(end)):
                return None  # "de 3 à 1" (a score), « de 10 à 15 euros »: amounts, not hours
            if hint == "hour":
                lsp, rsp = (
                    Spec(hour=lsp.bare, h24=lsp.bare > 12),
                    Spec(hour=rsp.bare, h24=rsp.bare > 12),
                )
            else:
                lsp, rsp = Spec(day=lsp.bare), Spec(day=rsp.bare)
        post = None
        if not (lsp.has_date or rsp.has_date) and pre is None:
            conn = self.has(end, "conn")
            for k2 in (end, conn[0] if conn else None):
                if k2 is None:
                    continue
                found = self.date(k2) or self.relday(k2)
                if found and not found[1].has_time:
                    post = found
                    break
        if post:
            end, pre = post[0], post[1]
        pair = self.join(lsp, rsp, pre)
        if pair is None:
            return None
        return end, pair

    def join(self, lsp: Spec, rsp: Spec, pre: Spec | None) -> Resolved | None:
        """Resolve both ends of an interval, each borrowing what the other says."""
        if lsp.bare is not None:
            if rsp.has_time:
                lsp = Spec(hour=lsp.bare, h24=lsp.bare > 12)
            elif rsp.day is not None:
                lsp = Spec(day=lsp.bare)
            else:
                return None
        if rsp.bare is not None:
            if lsp.has_time:
                rsp = Spec(hour=rsp.bare, h24=rsp.bare > 12)
            elif lsp.day is not None:
                rsp = Spec(day=rsp.bare)
            else:
                return None
        if lsp.has_time != rsp.has_time and not (lsp.part or rsp.part):
            return None  # "Monday to 5pm"
        if pre is not None:
            lsp = merge(pre, lsp) if not lsp.has_date else lsp
            rsp = merge(pre, rsp) if rsp is not None and not rsp.has_date else rsp
            if lsp is None or rsp is None:
                return None
        lsp, rsp = replace(lsp), replace(rsp)
        for one, other in ((lsp, rsp), (rsp, lsp)):
            # "13 to 15 July": the month and year; "9:30 - 11:00 CST": the zone
            if one.day is not None:
                one.month = one.month if one.month is not None else other.month
            if one.day is not None or one.month is not None:
                one.year = one.year if one.year is not None else other.year
            if one.day is not None or one.has_time:
                one.tz = one.tz if one.tz is not None else other.tz
        if lsp.has_time and rsp.has_time:
            if lsp.ampm is None and rsp.ampm is not None and not lsp.h24:
                lsp.ampm = rsp.ampm
                if rsp.ampm == "pm" and (lsp.hour or 0) % 12 > (rsp.hour or 0) % 12:
                    lsp.ampm = None
                    lsp.h24 = True
            if lsp.part is None and rsp.part is not None:
                lsp.part = rsp.part
            if (
                lsp.ampm is None
                and rsp.ampm is None
                and not lsp.h24
                and (rsp.h24 or rsp.hour == 12)
                and (lsp.hour or 0) + 12 >= (rsp.hour or 0)
            ):
                lsp.h24 = True  # "8:00 to 18:00", "9:00 to 12:00": the morning
            lsp.h24 = lsp.h24 or lsp.ampm is not None or rsp.ampm is not None
            for name in ("date", "weekday", "wd_mode", "day"):
                if getattr(rsp, name) is not None and getattr(lsp, name) is None:
                    setattr(lsp, name, getattr(rsp, name))
        if (
            lsp.day is not None
            and rsp.day is not None
            and lsp.month is None
            and rsp.month is not None
        ):
            lsp.month = rsp.month if lsp.day <= rsp.day else (rsp.month - 2) % 12 + 1
        left = self.resolve(lsp)
        if left is None:
            return None
        if lsp.has_time and rsp.has_time and not rsp.has_date:
            local = left.start
            rsp.date = local.date()
            rsp.h24 = True
        right = self.resolve(rsp)
        if right is None:
            return None
        if right.start < left.start:
            if (
                rsp.has_time
                and right.start.hour < 12
                and rsp.ampm is None
                and right.start + timedelta(hours=12) >= left.start
            ):
                right.start += timedelta(hours=12)  # "9 to 5"; "22:00-00:00" crosses midnight
            elif rsp.has_time and not (rsp.day or rsp.weekday is not None):
                right.start += timedelta(days=1)
            elif rsp.year is None and rsp.month is not None:
                try:
                    right.start = right.start.replace(year=right.start.year + 1)
                except ValueError:  # 29 February
                    return None
            elif rsp.weekday is not None and rsp.day is None:
                right.start += timedelta(days=7)  # "Friday to Monday"
            if right.start < left.start:
                return None
        grain = left.grain if RANK[left.grain] >= RANK[right.grain] else right.grain
        return Resolved(
            left.start,
            grain,
            right.end or right.start,
            kind="interval",
            has_time=left.has_time or right.has_time,
            has_tz=left.has_tz or right.has_tz,
            ambiguous=left.ambiguous or right.ambiguous,
            # The value is the start: only the start's written weekday can be
            # checked against it ("from Wednesday to Thursday 17 December").
            weekday=left.weekday,
        )

    def open(self, i: int) -> tuple[int, Resolved] | None:
        """ "by Friday 5pm", "avant 16h", "after 2pm", "within 48 hours", "jeudi après 9h30"."""
        pre = None
        j = i
        found = self.m(j)
        if not any(c in found for c in ("before", "until", "after", "within")):
            lead = self.date(i) or self.daypart(i)
            if lead is None or lead[1].has_time:
                return None
            k = lead[0]
            conn = self.has(k, "conn")
            for start in (k, conn[0] if conn else None):
                if start is not None and not OPENERS.isdisjoint(self.m(start)):
                    pre, j = lead[1], start
                    break
            else:
                return None
            found = self.m(j)
        best: tuple[int, Resolved] | None = None
        within = found.get("within")
        if within and pre is None:
            amount = self.amount(within[0])
            if amount:
                end, value, unit = amount
                bound = self.ref.after(value, unit)
                bound.kind, bound.direction = "open_interval", "before"
                best = (end, bound)
        after = found.get("after_amount")
        if after and pre is None:
            amount = self.amount(after[0])  # "after 5 days"
            if amount and self.clock_not_amount(after[0], amount[0], amount[2]):
                amount = None  # « après 14 h »: after two o'clock, not fourteen hours on
            if amount and not self.has(amount[0], "ago") and not self.has(amount[0], "hence"):
                end, value, unit = amount
                bound = self.ref.after(value, unit)
                bound.kind, bound.direction = "open_interval", "after"
                best = self.longer(best, (end, bound))
        for cat in ("before", "until", "after"):
            hit = found.get(cat)
            if hit is None:
                continue
            if (
                cat == "before"
                and "lead" in self.m(hit[0])
                and self.key(hit[0] - 1) in self.L.particles
            ):
                continue  # "stop by at 6:30": a visit, not a deadline
            target = self.moment(hit[0])
            if target is None and self.key(hit[0] - 1) in self.L.day_leads:
                day = self.day_number(hit[0])
                if day and self.day_follow_ok(day[0]):
                    target = (day[0], Spec(day=day[1]))
            if target is None:
                continue
            end, sp = target
            if pre is not None:
                sp = merge(pre, sp)
                if sp is None:
                    continue
            if cat == "after" and self.has(j, "since"):
                # « depuis lundi »: last Monday, not the next one
                sp = in_the_past(sp, self.ref.today)
            bound = self.resolve(sp)
            if bound is None or bound.kind in ("open_interval", "vague"):
                continue
            bound = replace(bound, kind="open_interval", direction=cat)
            if best is None or end > best[0]:
                best = (end, bound)
        return best

    def compound(self, end: int) -> bool:
        """An expression ending before token ``end`` is the first half of a hyphenated word.

        "first-aid", "second-hand": a hyphen glued on both sides, then a word that is
        no time word ("Friday-ish", "Monday-Friday" stay times).
        """
        return (
            self.key(end) == "-"
            and self.text[self.s[end]] in "-\u2010\u2011"  # a hyphen, not a dash
            and self.attached(end)
            and self.attached(end + 1)
            and self.word(end + 1)
            and set(self.m(end + 1)) <= _COUNTED
        )

    def parse_at(self, i: int) -> tuple[int, Resolved] | None:
        """The longest expression at token i: a moment, an interval or an open interval."""
        best: tuple[int, Resolved] | None = None
        found = self.moment(i)
        if found:
            resolved = self.resolve(found[1])
            if resolved is not None:
                best = (found[0], resolved)
        for parse in (self.range, self.open):
            other = parse(i)
            if other and (best is None or other[0] > best[0]):
                best = other
        if best is None:
            return None
        end, result = best
        if self.compound(end):
            return None  # "the first-aid kit", "a second-hand car"
        latest = self.has(end, "latest")
        if latest and (result.kind in ("instant", "interval") or result.direction in DEADLINE):
            best = (latest[0], replace(result, kind="open_interval", direction="before"))
        return best


def in_the_past(sp: Spec, today: date) -> Spec:
    """The spec of a time counted up to now (« depuis lundi », "since March"): the last one.

    A state that lasts since a day started before the message: the bare
    weekday, month or day-and-month is the last one, and a bare clock
    time is today's ("since 8 am").
    """
    if sp.fixed is not None or sp.date is not None or sp.year is not None:
        return sp
    if sp.weekday is not None and sp.day is None and sp.wd_mode is None:
        return replace(sp, wd_mode="last")
    if sp.month is not None and sp.month_mode is None:
        this = sp.day is None and sp.month == today.month  # since this month began
        return replace(sp, month_mode="this" if this else "last")
    if sp.hour is not None and not sp.has_date:
        return replace(sp, date=today)
    return sp


# Which parsers can start at a token, by the categories of its phrases; on a tie
# in length the first one listed wins.
DATE_RULES: tuple[Rule, ...] = (
    rule(NumericDates.date_numeric, "#"),
    rule(Dates.date_dm, "# dayart ordinal tens num"),
    rule(Dates.date_md, "month"),
    rule(Dates.day_listed_after, "#"),
    rule(Days.date_weekday, "mod weekday"),
    rule(Dates.date_dayonly, "dayart"),
    rule(Dates.date_month, "mod month"),
    rule(Years.date_year, "# num tens decword article dayart unit"),
    rule(Years.fiscal_year, "fiscal"),
    rule(Years.century, "# dayart article season_prep mod ordinal tens century"),
    rule(Anaphora.relday, "relday"),
    rule(Anaphora.anaphor, "anaphor"),
    rule(Days.holiday, "mod holiday"),
    rule(Days.nth_of, "# dayart article ordinal tens"),
    rule(Days.week_of, "article dayart unit"),
)
COMPONENT_RULES: tuple[Rule, ...] = (
    rule(Clock.clock, "# lead clockword num tens minphrase", loose=True),
    rule(
        Combine.date,
        "# dayart ordinal tens num month mod weekday relday anaphor holiday article unit fiscal"
        " decword century season_prep",
    ),
    rule(Periods.daypart, "daypart reldaypart"),
    rule(Periods.relative, "# in agopre about num tens qty duration unit"),
    rule(Periods.span, "# mod num tens qty duration"),
    rule(Periods.unit_period, "article dayart mod"),
    rule(Periods.this_period, "this_period"),
    rule(Periods.weekend, "mod article dayart"),
    rule(Periods.season, "mod season_prep season"),
    rule(Periods.quarter, "# dayart article ordinal tens"),
    rule(Positions.position, "posword position"),
    rule(Periods.now_word, "now nowword"),
)
