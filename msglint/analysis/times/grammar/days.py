"""Days named by a weekday, a holiday or a rank: "next Friday", "first Tuesday of October"."""

from __future__ import annotations

from datetime import date, timedelta

from msglint.analysis.times.calendar import (
    monday_of,
    month_len,
    nth_weekday,
)
from msglint.analysis.times.spec import Resolved, Spec
from msglint.analysis.times.tokens import Tokens
from msglint.analysis.times.vocab import (
    CLOCK_AFTER,
    END,
)


class Days(Tokens):
    """Weekdays, holidays and n-th days of a month."""

    def date_weekday(self, i: int) -> tuple[int, Spec] | None:
        """ "Friday", "next Friday", "vendredi prochain", "Monday, Feb 18", "mercredi 13"."""
        j = i
        mode = None
        modifier = self.has(j, "mod")
        if modifier and self.has(modifier[0], "weekday"):
            j, mode = modifier
        hit = self.has(j, "weekday")
        if hit is None:
            return None
        word_at = j
        j, weekday = hit
        weekday = int(weekday)
        word = self.k[j - 1]
        evidence = False  # for weak words ("sat", "sun"): a date or a time after them
        sp = Spec(weekday=weekday)
        post = self.has(j, "postmod")
        week = self.has(j, "wdweek")
        if week and (post is None or week[0] >= post[0]):
            j, mode = week
        elif post:
            j, mode = post
        if mode and not (mode == "this" and j == hit[0]):
            text = str(mode)
            sp.ambiguous = text.endswith("?")
            sp.wd_mode = text.rstrip("?")
        else:
            if mode:  # « ce vendredi 4 juin »: the date decides; « ce vendredi » alone: this one
                sp.wd_mode = "this"
            k = j + 1 if self.key(j) in {",", "."} else j
            full = self.date_dm(k) or self.date_md(k) or self.date_numeric(k)
            if full and full[1].day is not None and full[1].month is not None:
                j, date_sp = full
                date_sp.named_wd = weekday
                date_sp.weekday = None
                return j, date_sp
            # "Friday the 15th", "vendredi le 15"; after "at" / "à" a number is an hour
            article = self.has(k, "dayart") or (
                None if self.has(k, "lead") else self.has(k, "conn")
            )
            start = article[0] if article else k
            day = self.day_number(start, words=True)
            if (
                not mode  # "this Thu 9-11am": after "this", only a full date
                and day
                and CLOCK_AFTER.isdisjoint(self.m(day[0]))
                and self.key(day[0]) != ":"
                and (self.digit(start) or day[2] or not (self.L.day_needs_ordinal or k > j))
            ):
                j = day[0]
                sp.day = day[1]
                evidence = True
        preposition = not self.L.weak_need_date and self.prev_is(word_at, "dateprep")
        if preposition and word in self.L.weak_weekdays and word in self.weak_names():
            preposition = False  # "Sun Microsystems … for Sun to meet demand": a name
        if self.key(j) == "." and self.attached(j) and not evidence and self.clock(j + 1):
            j += 1  # « sam. à 10 h »: the abbreviation's full stop, then the time
        if word in self.L.weak_weekdays and not (mode or evidence or preposition or self.clock(j)):
            return None  # "Sun is shining", "the SAT", « le jeu », « à la mer. »
        if mode is None and sp.day is None and (self.past_cue(word_at) or self.past_after(j)):
            sp.wd_mode = "last"  # "the terms you approved on Friday", "Bush on Tuesday said"
        return j, sp

    def weak_names(self) -> frozenset[str]:
        """Weak weekday words the text also writes as a name, before a capitalised non-time word.

        One sense per text: a paper that writes "Sun Microsystems" means the company by
        "for Sun to meet demand" too; a preposition alone then no longer makes a day.
        """
        if self._weak_names is None:
            self._weak_names = frozenset(
                key
                for i, key in enumerate(self.k)
                if key in self.L.weak_weekdays
                and self.capital(i)
                and self.word(i + 1)
                and self.capital(i + 1)
                and not self.m(i + 1)
                and not self.attached(i + 1)
            )
        return self._weak_names

    def past_cue(self, i: int) -> bool:
        """A past verb before token i ("validées vendredi", "approved on Friday"): [past_cues]."""
        k = i - 1
        if self.key(k) in self.L.past_skip:
            k -= 1
        if k < 0 or not self.word(k):
            return False
        word = self.k[k]
        if word in self.L.past_words:
            return True
        if word in self.L.not_past or len(word) < 4 or not self.L.past_suffixes:
            return False
        written = self.text[self.s[k] : self.e[k]].lower()
        if not written.endswith(self.L.past_suffixes):
            return False
        return self.key(k - 1) not in self.L.past_not_after

    def past_after(self, j: int) -> bool:
        """A past verb right after a weekday ("Bush on Tuesday said"): [past_cues]."""
        if j >= self.n or not self.word(j):
            return False
        word = self.k[j]
        if word in self.L.past_words or word in self.L.past_after_words:
            return True
        if word in self.L.not_past or len(word) < 4 or not self.L.past_suffixes:
            return False
        return self.text[self.s[j] : self.e[j]].lower().endswith(self.L.past_suffixes)

    def holiday(self, i: int) -> tuple[int, Spec] | None:
        """ "Christmas", "last thanksgiving", "Easter 2014", "labor day of last year"."""
        j = i
        mode = None
        modifier = self.has(j, "mod")
        if modifier and self.has(modifier[0], "holiday"):
            j, mode = modifier
        hit = self.has(j, "holiday")
        if hit is None:
            return None
        j, rule = hit
        if self.name_after(j):
            return None  # "the Good Friday Agreement", "Christmas Island": a name
        year = None
        found = self.year_number(j)
        if found:
            j, year = found
        else:
            of = self.has(j, "of")
            year_of = self.year_number(of[0]) if of else None  # "Diwali in 2019"
            target = None if year_of else self.unit_period(of[0] if of else j, only="year")
            if year_of:
                j, year = year_of
            elif (
                target and target[1].fixed and (of or target[1].fixed.start.year != self.ref.year())
            ):
                j, year = target[0], target[1].fixed.start.year
            else:
                later = self.relative(j)  # "thanksgiving in 3 years", "tax day two years ago"
                if later and later[1].fixed:
                    j, year = later[0], later[1].fixed.start.year
        day = self.ref.holiday(rule, year, str(mode).rstrip("?") if mode else None)
        if day is None:
            return None
        return j, Spec(date=day)

    def name_after(self, j: int) -> bool:
        """Token j is a capitalised word with no time meaning: the holiday names something.

        Or an event noun of times.toml [name_rules] in any case ("the Good Friday agreement").
        """
        if j < self.n and self.key(j) in self.L.name_events and self.key(j - 1)[:1].isalnum():
            return True
        if j >= self.n or not self.word(j) or self.m(j) or not self.capital(j):
            return False
        return self.key(j - 1)[:1].isalnum()  # not after a comma or a full stop

    def name_before(self, i: int) -> bool:
        """A time at token i is part of a name: « rue du 8-Mai », « l'accord du Vendredi saint ».

        A place noun of [name_rules] and « du »/« de » before it make any date a name; an
        event noun does so only for a capitalised time word (« la révolution d'Octobre »;
        « l'accord du 17 mai » stays a date).
        """
        for head in (i - 1, i - 2, i - 3):
            of = self.has(head + 1, "of") if head >= 0 else None
            if of is None or not (of[0] == i or head + 1 == i):
                continue
            key = self.key(head)
            if key in self.L.name_places:
                return True
            return key in self.L.name_events and self.capital(of[0])
        return False

    def week_of(self, i: int) -> tuple[int, Spec] | None:
        """ "the week of October 7th", "la semaine du 7 octobre": the week holding that day."""
        article = self.has(i, "article") or self.has(i, "dayart")
        unit = self.has(article[0] if article else i, "unit")
        if unit is None or unit[1] != "week":
            return None
        of = self.has(unit[0], "of") or self.has(unit[0], "rfrom")
        if of is None:
            return None
        found = self.date_dm(of[0]) or self.date_md(of[0]) or self.date_numeric(of[0])
        if found is None or found[1].day is None:
            if self.key(of[0] - 1) in self.L.day_leads:
                found = self.date_dm(of[0] - 1)
            if found is None or found[1].day is None:
                return None
        day, _ = self.resolve_date(found[1], self.ref.today)
        if day is None:
            return None
        return found[0], Spec(fixed=Resolved(self.ref.at(monday_of(day)), "week"))

    def nth_of(self, i: int) -> tuple[int, Spec] | None:
        """ "first Tuesday of October", "last day of October 2015", "premier mercredi du mois"."""
        found = self.rank(i)
        if found is None:
            return None
        j, nth = found
        ranks = [nth]
        more = self.has(j, "rand")  # « les deuxième et quatrième jeudis »
        other = self.ordinal(more[0]) if more else None
        if more and other:
            j = other[0]
            ranks.append(other[1])
        what: str | None = None
        weekday = None
        hit = self.has(j, "weekday") or self.has(j, "wdplural")
        if len(ranks) > 1 and hit is None:
            return None
        if hit:
            j, weekday = hit[0], int(hit[1])
            what = "weekday"
            monthly = self.every_month(j)
            if monthly is not None:
                return self.monthly_weekday(monthly, ranks, weekday)
        else:
            unit = self.has(j, "unit")
            weekend = self.has(j, "weekend")
            if weekend:
                j, what = weekend[0], "weekend"
            elif unit and unit[1] in ("day", "week", "minute"):
                j, what = unit[0], str(unit[1])
            else:
                return None
        of = self.has(j, "of")
        if of is None:
            return self.counted_day(j, what, nth)
        before_of = j
        j = of[0]
        month = self.month_word(j)
        if month:
            j, value, _ = month
            year = self.year_after(j, two_digits=False)
            if year:
                j = year[0]
                first = date(year[1], value, 1)
            else:
                y = self.ref.month_year(value)
                first = date(y, value, 1)
        else:
            period = self.unit_period(j, only="month")
            if period is None or period[1].fixed is None:
                return self.counted_day(before_of, what, nth)  # "the eighth day of the strike"
            j, first = period[0], period[1].fixed.start.date()
        length = month_len(first.year, first.month)
        if what == "weekday":
            day = nth_weekday(first.year, first.month, nth, weekday or 0)
            if day is None:
                return None
            return j, Spec(date=day)
        if what == "day":
            value = length if nth < 0 else nth
            if value > length:
                return None
            return j, Spec(date=first.replace(day=value))
        if what == "week":
            if nth < 0:
                monday = monday_of(first.replace(day=length))
                if (monday + timedelta(days=6)).month != first.month:
                    monday -= timedelta(days=7)
            else:
                monday = nth_weekday(first.year, first.month, nth, 0)
                if monday is None:
                    return None
            start = self.ref.at(monday)
            return j, Spec(fixed=Resolved(start, "week"))
        friday = nth_weekday(first.year, first.month, nth, 4)
        if friday is None:
            return None
        return j, Spec(fixed=self.weekend_at(friday))

    def counted_day(self, j: int, what: str | None, nth: int) -> tuple[int, Spec] | None:
        """ "the second day", « la deuxième journée »: counted from the last day the text named.

        Only after a named day: alone, "my first day" says nothing of the calendar.
        « à la 89e minute » (of a match) is a moment of that day.
        """
        if self.anchor is None:
            return None
        if what == "minute" and 1 <= nth <= 130:
            return j, Spec(date=self.anchor)
        if what != "day" or not 1 <= nth <= 31:
            return None
        return j, Spec(date=self.anchor + timedelta(days=nth - 1))

    def every_month(self, j: int) -> int | None:
        """ "of every month", « de chaque mois », « du mois » after a plural: the end, else None."""
        of = self.has(j, "of")
        if of is None:
            return None
        every = self.has(of[0], "every")
        unit = self.has(every[0], "unit") if every else None
        if unit is None or unit[1] != "month":
            return None
        return unit[0]

    def monthly_weekday(self, end: int, ranks: list[int], weekday: int) -> tuple[int, Spec] | None:
        """ "the second Thursday of every month": a recurrence, valued at its next day."""
        today = self.ref.today
        days = []
        for step in (0, 1, 2):
            month = date(today.year, today.month, 1) + timedelta(days=31 * step)
            for nth in ranks:
                day = nth_weekday(month.year, month.month, nth, weekday)
                if day is not None and day >= today:
                    days.append(day)
        if not days:
            return None
        return end, Spec(fixed=Resolved(self.ref.at(min(days)), "day", kind="recurrence"))

    def monthly_day(self, end: int, value: int) -> tuple[int, Spec] | None:
        """ "the 1st of every month": a recurrence, valued at the next such day."""
        today = self.ref.today
        for step in (0, 1, 2):
            month = date(today.year, today.month, 1) + timedelta(days=31 * step)
            if value <= month_len(month.year, month.month):
                day = month.replace(day=value)
                if day >= today:
                    return end, Spec(fixed=Resolved(self.ref.at(day), "day", kind="recurrence"))
        return None

    # ---- relative expressions and periods

    def weekdays_from_now(self, i: int) -> tuple[int, Spec] | None:
        """ "3 fridays from now", "2 thursdays ago"."""
        number = self.number(i)
        if number is None or not 1 <= number[1] <= 52:
            return None
        end, count = number
        word = self.key(end)
        weekday = None
        for suffix in self.L.plural_suffixes:
            if suffix and word.endswith(suffix) and weekday is None:
                weekday = self.L.trie.get(word[: -len(suffix)], {}).get(END, {}).get("weekday")
        if weekday is None:
            return None
        for cat, sign in (("hence", 1), ("ago", -1)):
            hit = self.has(end + 1, cat)
            if hit:
                return hit[0], Spec(date=self.ref.weekday_count(int(weekday), count, sign))
        return None
