"""Dates with a month or a day: "12 December 2026", "February 15", "le 16", "in March".

Years, decades, centuries and fiscal years are in ``years.py``; days counted
from today or from the last date named (tomorrow, the day after) in
``anaphora.py``: each family of readers has a room of its own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from msglint.analysis.times.calendar import (
    month_len,
)
from msglint.analysis.times.spec import Spec
from msglint.analysis.times.tokens import Tokens
from msglint.analysis.times.vocab import (
    CLAUSE_ENDS,
    CURRENCY_AFTER,
    DAY_BEFORE,
    DAY_CONTEXT,
    DAY_CUES,
    SENTENCE_ENDS,
)


class Dates(Tokens):
    """Calendar dates written with words: a day and a month name, a month, a lone day."""

    def month_word(self, i: int) -> tuple[int, int, str] | None:
        """A month name, with the full stop of an abbreviation ("Dec.")."""
        hit = self.has(i, "month")
        if not hit:
            return None
        end, month = hit
        word = self.k[i]
        if word in self.L.month_abbrevs and self.key(end) == "." and self.attached(end):
            end += 1
        return end, int(month), word

    def year_after(self, j: int, two_digits: bool) -> tuple[int, int] | None:
        """A four-digit year after a date, optionally after a comma."""
        k = j + 1 if self.key(j) == "," else j
        return self.year_number(k, two_digits=two_digits)

    def weekday_after(self, j: int) -> tuple[int, int] | None:
        """ "Jul 18, Fri": a weekday written after the date."""
        if self.key(j) != ",":
            return None
        hit = self.has(j + 1, "weekday")
        return (hit[0], int(hit[1])) if hit else None

    def date_dm(self, i: int) -> tuple[int, Spec] | None:
        """ "12 December 2026", "le 1er mars", "the 15th of February", "31/Oct/1974"."""
        j = i
        article = self.has(j, "dayart")
        if article:
            j = article[0]
        day = self.day_number(j, words=True)
        if day is None:
            return None
        j, value, strong = day
        is_digit = self.digit(j - 1) or self.key(j - 1) in self.L.ord_suffixes
        unit = self.has(j, "unit")
        if unit and unit[1] == "day" and strong:
            j = unit[0]
        of = self.has(j, "of")
        sep = None
        monthly = self.every_month(j) if of else None
        if monthly is not None:  # "the 15th of every month", « le 1er de chaque mois »
            return self.monthly_day(monthly, value)
        if of:
            j = of[0]
        elif self.key(j) in {"/", "-", "."} and self.attached(j) and is_digit:
            sep = self.key(j)
            j += 1
            if not self.attached(j):
                return None
        month = self.month_word(j)
        if month is None:
            return self.day_of_period(j, value) if of else self.listed_day(j, value)
        j, month_value, word = month
        if sep and not self.attached(j - 1):
            return None
        year = None
        if sep:
            if self.key(j) == sep and self.attached(j):
                found = self.year_number(j + 1, two_digits=True)
                if found is None:
                    return None
                j, year = found
            elif not (sep == "-" and word not in self.L.month_abbrevs):
                return None  # « le 14-Juillet », « le 1er-Mai »: a whole month name, no year
        else:
            found = self.year_after(j, two_digits=self.key(j) != ",")
            if found:
                j, year = found
        return self.dated(j, year, month_value, value)

    def dated(self, j: int, year: int | None, month: int, day: int) -> tuple[int, Spec] | None:
        """A valid day of a month, with the weekday named after it ("5 May, Tuesday")."""
        if not self.valid(year, month, day):
            return None
        sp = Spec(day=day, month=month, year=year)
        named = self.weekday_after(j)
        if named:
            j, sp.named_wd = named
        post = self.has(j, "postmod") if year is None else None
        if post and str(post[1]).rstrip("?") in {"last", "next", "next_occ"}:
            j, sp.month_mode = post[0], str(post[1]).rstrip("?")  # « le 8 mars dernier »
        return j, sp

    def listed_day(self, j: int, value: int) -> tuple[int, Spec] | None:
        """« les 6 et 13 avril », "the 6th and 13th of April": a day listed before a date."""
        if self.key(j) not in self.L.year_joiners or self.key(j) in {"-", "/"}:
            return None
        article = self.has(j + 1, "dayart")
        nxt = self.date_dm(article[0] if article and not self.digit(j + 1) else j + 1)
        if nxt is None or nxt[1].month is None or nxt[1].day is None:
            return None
        if not self.valid(nxt[1].year, nxt[1].month, value):
            return None
        return j, replace(nxt[1], day=value, named_wd=None)

    def day_listed_after(self, i: int) -> tuple[int, Spec] | None:
        """ "Oct. 23 and 24", "March 3 or 4": a bare day after a month-first date and a joiner.

        The day takes that date's month and year; a word after it makes it a count
        ("May 2 and 3 people").
        """
        if not self.digit(i) or len(self.k[i]) > 2 or not self.number_ok_left(i):
            return None
        if self.key(i - 1) not in self.L.year_joiners or self.key(i - 1) in {"-", "/", ","}:
            return None
        day = self.day_number(i, words=False)
        if day is None or not self.day_follow_ok(day[0]):
            return None
        for k in range(max(0, i - 5), i - 1):
            found = self.date_md(k) if self.has(k, "month") else None
            if found and found[0] == i - 1 and found[1].month is not None:
                return self.dated(day[0], found[1].year, found[1].month, day[1])
        return None

    def day_of_period(self, j: int, value: int) -> tuple[int, Spec] | None:
        """Day ``value`` of a relative month: "the 20th of next month", "le 5 du mois prochain"."""
        period = self.unit_period(j, only="month")
        if period is None or period[1].fixed is None:
            return None
        first = period[1].fixed.start.date()
        if value > month_len(first.year, first.month):
            return None
        return period[0], Spec(date=first.replace(day=value))

    def date_md(self, i: int) -> tuple[int, Spec] | None:
        """ "February 15", "march 3rd 2015", "April 14, 2015", "Feb13", "Jul 18, Fri"."""
        month = self.month_word(i)
        if month is None:
            return None
        j, month_value, word = month
        article = self.has(j, "dayart")
        k = article[0] if article else j
        day = self.day_number(k, words=False, glued=k == j)
        if day is None:
            return None
        end, value, strong = day
        if self.digit(k) and (
            (self.key(end) == ":" and self.attached(end) and self.digit(end + 1))
            or (self.key(end) in self.L.letter_marks and self.attached(end))
            or "am" in self.m(end)
            or "pm" in self.m(end)
        ):
            return None
        if self.digit(k) and self.key(end) == "/" and self.attached(end):
            return None
        if "unit" in self.m(end) and not strong:
            return None  # "March 3 days", "May 2 hours"
        j = end
        year = None
        found = self.year_after(j, two_digits=False)
        if found:
            j, year = found
        if word in self.L.weak_months and not (
            strong
            or year
            or self.capital(i)
            or self.prev_is(i, "dateprep")
            or self.weekday_context(i)
        ):
            return None
        if word in self.L.month_abbrevs and not (
            strong
            or year
            or self.capital(i)
            or self.attached(k)
            or self.prev_is(i, "dateprep")
            or self.weekday_context(i)
        ):
            return None  # "jan 5": a name? "Jan 5", "Jan 5th", "on jan 5" are dates
        return self.dated(j, year, month_value, value)

    def weekday_context(self, i: int) -> bool:
        """Token i follows "<weekday>,": "Tues, may 1" is a date even in lower case."""
        return self.key(i - 1) == "," and "weekday" in self.m(max(i - 2, 0))

    def valid(self, year: int | None, month: int, day: int) -> bool:
        """The day exists (a missing year is taken as a leap year, so 29 February passes)."""
        try:
            date(year or 2012, month, day)  # 2012: a leap year, so 29 February is valid
        except ValueError:
            return False
        return True

    def date_dayonly(self, i: int) -> tuple[int, Spec] | None:
        """ "the 15th", "on the first", "le 16", "le 1er", "20th of next month"."""
        article = self.has(i, "dayart")
        if article is None:
            return None
        day = self.day_number(article[0], words=False)
        if day is None:
            return None
        end, value, strong = day
        if not strong and not self.digit(article[0]):
            return None
        if self.L.day_needs_ordinal and not strong:
            return None
        if strong and self.digit(article[0]) and self.key(end - 1) not in self.L.day_suffixes:
            return None  # « le 3e », « entre le 2e et le 3e »: a floor or a rank, not a day
        relative = self.of_month(end)
        if relative:
            stop, month_start = relative
            if value > month_len(month_start.year, month_start.month):
                return None
            return stop, Spec(date=month_start.replace(day=value))
        if (
            not self.digit(article[0])
            and article[0] == i + 1
            and not (self.prev_is(i, "dateprep") and self.key(i - 1) != "of")
            and not self.prev_is(i, "before")
        ):
            return None  # "one of the first", "the First of America": no date word before
        if not self.day_follow_ok(end):
            return None
        if self.L.lone_day_context and not self.day_in_context(i, end):
            return None
        return end, Spec(day=value)

    def day_in_context(self, i: int, j: int) -> bool:
        """A lone day (« le 12 ») between tokens i and j has date context around it.

        A date or deadline word before it (« avant le 12 »), a month, weekday or
        day named in the same sentence (« le 15 pour livrer fin janvier »), the
        end of a clause after it (« Rendez-vous le 12. »), or a time after it
        (« le 12 à 14 h », « le 12, à 14 h »); not a noun or a number (« le 12,
        avenue Foch », « le 3 à 1 », « le premier des 30 candidats »).
        """
        if any(self.prev_is(i, cat) for cat in DAY_CONTEXT) or self.dated_sentence(i, j):
            return True
        if j >= self.n or self.k[j] in CLAUSE_ENDS or self.has(j, "latest"):
            return True  # « Rendez-vous le 12. », « le 15 au plus tard »
        k = j + 1 if self.k[j] == "," else j
        return self.moment(k) is not None or self.open(k) is not None

    def dated_sentence(self, i: int, j: int, reach: int = 12) -> bool:
        """A month, weekday, relative day or holiday within ``reach`` tokens, same sentence."""
        for step, stop in ((-1, max(i - reach, 0) - 1), (1, min(j + reach, self.n))):
            k = i - 1 if step < 0 else j
            while k != stop and self.k[k] not in SENTENCE_ENDS:
                if not DAY_BEFORE.isdisjoint(self.m(k)):
                    return True
                k += step
        return False

    def day_follow_ok(self, j: int) -> bool:
        """Token j may follow a lone day ("le 3 à 14h", "the 15th."), not a noun ("le 3 est")."""
        if j >= self.n:
            return True
        key = self.k[j]
        if not key[:1].isalnum():
            return key not in CURRENCY_AFTER and not (
                key in {"/", ":", "-", "."} and self.digit(j + 1) and self.attached(j + 1)
            )
        if self.digit(j):
            return False
        found = self.m(j)
        return not DAY_CUES.isdisjoint(found) and "unit" not in found

    def of_month(self, j: int) -> tuple[int, date] | None:
        """ "of next month", "de ce mois", "of the current month": the first day of that month."""
        unit = self.has(j, "unit")
        if unit and unit[1] == "day":
            j = unit[0]
        of = self.has(j, "of")
        if of is None:
            return None
        found = self.unit_period(of[0], only="month")
        if found is None:
            return None
        return found[0], found[1].fixed.start.date() if found[1].fixed else self.ref.day()

    def date_month(self, i: int) -> tuple[int, Spec] | None:
        """ "in March", "next March", "October 2014", "en mars", "March after next"."""
        j = i
        mode = None
        modifier = self.has(j, "mod")
        if modifier and self.has(modifier[0], "month"):
            j, mode = modifier
        month = self.month_word(j)
        if month is None:
            return None
        word_at = j
        j, value, word = month
        post = self.has(j, "postmod")
        if post and str(post[1]).rstrip("?") in {"after_next", "next", "last", "next_occ"}:
            j, mode = post
        year = self.year_after(j, two_digits=False) if self.key(j) != "," else None
        if year is None and self.short_year(j):
            year = self.year_number(j, two_digits=True)  # « en mai 68 »: no day is above 31
        if year:
            j = year[0]
        if word in self.L.month_abbrevs and not year:
            return None
        if not (
            mode
            or year
            or self.prev_is(word_at, "dateprep")
            or self.named_month(word_at, word)
            or self.listed_month(word_at)
            or self.period_ending(word_at)
        ):
            return None
        sp = Spec(month=value, year=year[1] if year else None)
        if mode:
            sp.month_mode = str(mode).rstrip("?")
        return j, sp

    def period_ending(self, i: int) -> bool:
        """ "the three months to June", "the year to March": a period that ends in the month.

        A unit, then a range word right before the month; a bare month after "to" alone may
        be a person ("send it to June").
        """
        for back in (1, 2):
            to = self.has(i - back, "rto") if i - back > 0 else None
            if to and to[0] == i:
                unit = self.has(i - back - 1, "unit")
                return unit is not None and unit[0] == i - back
        return False

    def short_year(self, j: int) -> bool:
        """Token j is a two-digit number above 31 ending the phrase: a year ("mai 68,")."""
        if not self.digit(j) or len(self.k[j]) != 2 or int(self.k[j]) <= 31:
            return False
        after = j + 1  # « en mars 45 personnes », "March 40 years ago": a count
        return not (self.word(after) and (not self.m(after) or self.has(after, "unit")))

    def named_month(self, i: int, word: str) -> bool:
        """ "a June agreement", "December's figures": a capitalised month used as a modifier."""
        if word in self.L.weak_months or not self.capital(i):
            return False
        if self.key(i + 1) == "'" and self.key(i + 2) == "s" and self.attached(i + 1):
            return True
        return self.key(i - 1) in self.L.year_leads and not self.capital(i + 1)

    def listed_month(self, i: int) -> bool:
        """« mars-avril », "June and July": a month right after another month and a joiner."""
        if self.key(i - 1) not in self.L.year_joiners:
            return False
        if self.key(i) in self.L.weak_months and not self.capital(i):
            return False  # "I may or may not"
        return self.has(i - 2, "month") is not None and self.has(i - 2, "month")[0] == i - 1
