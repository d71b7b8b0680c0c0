"""Dates with a month or a day: "12 December 2026", "February 15", "le 16", "in March"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from msglint.analysis.times.calendar import (
    month_len,
)
from msglint.analysis.times.spec import Resolved, Spec
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
    """Calendar dates written with words (month names, day numbers, years)."""

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
        j, month_value, _ = month
        if sep and not self.attached(j - 1):
            return None
        year = None
        if sep:
            if self.key(j) == sep and self.attached(j):
                found = self.year_number(j + 1, two_digits=True)
                if found is None:
                    return None
                j, year = found
            else:
                return None
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
        if j >= self.n or self.k[j] in CLAUSE_ENDS:
            return True
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
        ):
            return None
        sp = Spec(month=value, year=year[1] if year else None)
        if mode:
            sp.month_mode = str(mode).rstrip("?")
        return j, sp

    def century(self, i: int) -> tuple[int, Spec] | None:
        """ "the 20th century", "the eleventh century", « le XXe siècle »: a hundred years."""
        j = self.has(i, "dayart")[0] if self.has(i, "dayart") else i
        nth = None
        if self.digit(j) and self.key(j + 1) in self.L.ord_suffixes and self.attached(j + 1):
            nth, j = int(self.k[j]), j + 2
        elif (found := self.ordinal(j)) is not None:
            j, nth = found
        elif (roman := _roman(self.key(j), self.L.ord_suffixes)) is not None:
            nth, j = roman, j + 1
        if nth is None or not 1 <= nth <= 22 or self.has(j, "century") is None:
            return None
        end = self.has(j, "century")[0]
        first = max(1, (nth - 1) * 100)
        start, stop = self.ref.at(date(first, 1, 1)), self.ref.at(date(first + 99, 1, 1))
        return end, Spec(fixed=Resolved(start, "year", stop, kind="interval"))

    def fiscal_year(self, i: int) -> tuple[int, Spec] | None:
        """ "FY27", "FY2027", "FY27 Q1": a fiscal year, read as the calendar year it names."""
        found = self.fiscal_number(i)
        if found is None:
            return None
        end, year = found
        j = end
        if self.key(j) in self.L.quarter_prefixes and self.digit(j + 1) and self.attached(j + 1):
            nth = int(self.k[j + 1])
            if 1 <= nth <= 4 and not (self.attached(j + 2) and self.word(j + 2)):
                start = self.ref.at(date(year, 3 * nth - 2, 1))
                return j + 2, Spec(fixed=Resolved(start, "quarter"))
        return end, Spec(year=year)

    def fiscal_number(self, i: int) -> tuple[int, int] | None:
        """The year after a fiscal prefix glued to it ("FY27": 2027), as (end, year)."""
        if self.has(i, "fiscal") is None or not self.digit(i + 1) or not self.attached(i + 1):
            return None
        key = self.k[i + 1]
        if len(key) == 4:
            year = int(key)
        elif len(key) == 2:
            year = self.two_digit_year(int(key))
        else:
            return None
        if self.attached(i + 2) and self.key(i + 2)[:1].isalnum():
            return None
        return i + 2, year

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

    def date_year(self, i: int) -> tuple[int, Spec] | None:
        """ "in 2014", "the 2019 budget", « le plan 2024 », "1994, 1995 and 1997", "the 1990s".

        A lone year needs a date preposition before it, a word of times.toml
        [year_rules] leads (or one of them and a noun: « la saison 2002 »), or
        another year before it in a list or a range ("between 1985 and 1987").
        A decade ("the 1990s", « les années 90 ») is an interval of ten years.
        """
        decade = self.decade(i)
        if decade:
            return decade
        found = self.year_number(i)
        pair = None
        if found is None and self.digit(i) and len(self.k[i]) == 4 and self.number_ok_left(i):
            pair = self.year_pair(i + 1)  # "2002/2003": not a year_number (a fraction?)
            found = (i + 1, int(self.k[i])) if pair else None
        if found is None:
            return None
        end, year = found
        if self.prev_is(i, "dateprep"):
            if not 1800 <= year <= 2199:
                return None
        elif not (1900 <= year <= 2100 and self.year_context(i)):
            return None
        pair = pair or self.year_pair(end)
        if pair:
            end, last = pair
            if last > year:
                start, stop = self.ref.at(date(year, 1, 1)), self.ref.at(date(last, 1, 1))
                return end, Spec(fixed=Resolved(start, "year", stop, kind="interval"))
        return end, Spec(year=year)

    def year_context(self, i: int) -> bool:
        """Token i (a year) follows a lead word, a lead and a noun, or a year of a list."""
        leads = self.L.year_leads
        prev = self.key(i - 1)
        if prev in leads or prev in self.L.decade_leads:
            return True
        if prev == "s" and self.key(i - 2) == "'" and self.attached(i - 1):
            return True  # "the company's 1989 results"
        before = i - 3 if self.key(i - 2) == "'" else i - 2  # « l'horizon 2010 »
        unit = self.has(i - 1, "unit")
        if (
            self.word(i - 1)
            and self.key(before) in leads
            and (unit is None or unit[1] == "year")
            and not self.prev_is(i, "notnum")
        ):
            return True
        if prev in self.L.year_joiners or self.prev_is(i, "rto"):
            k = i - 1
            while k > 0 and self.key(k - 1) in self.L.year_joiners:
                k -= 1  # "1990 and/or 1991"
            before = k - 1
            key = self.key(before)
            if self.digit(before) and len(key) == 4 and 1900 <= int(key) <= 2100:
                return True
        return self.prev_is(i, "rbetween") or self.prev_is(i, "rfrom")

    def year_pair(self, j: int) -> tuple[int, int] | None:
        """ "-1990", "/2003", "-58" glued after a year: (end, the second year)."""
        if self.key(j) not in {"-", "/"} or not self.attached(j) or not self.attached(j + 1):
            return None
        if not self.digit(j + 1):
            return None
        key = self.k[j + 1]
        if len(key) == 4:
            last = int(key)
        elif len(key) == 2:
            last = int(self.k[j - 1][:2] + key)
        else:
            return None
        if not self.number_ok_right(j + 2) or (self.attached(j + 2) and self.word(j + 2)):
            return None
        return j + 2, last

    def decade(self, i: int) -> tuple[int, Spec] | None:
        """ "1990s", "the '80s", « les années 90 », « les années 1990 »: ten years."""
        j = i
        lead = self.key(i - 1) in self.L.decade_leads
        quoted = self.key(j) == "'" and self.digit(j + 1) and self.attached(j + 1)
        if quoted:
            j += 1
        if not self.digit(j) or not (quoted or self.number_ok_left(j)):
            return None
        key = self.k[j]
        if len(key) not in (2, 4) or not key.endswith("0"):
            return None
        quoted = quoted or (self.key(j - 1) == "'" and self.attached(j))
        if len(key) == 2 and not (quoted or lead):
            return None  # "in his 30s": an age
        year = int(key) if len(key) == 4 else 1900 + int(key)
        if len(key) == 2 and int(key) < 30:
            year = 2000 + int(key)
        end = j + 1
        suffix = self.key(end) in self.L.decade_suffixes and self.attached(end)
        if suffix:
            end += 1
        elif not lead:
            return None
        if not 1000 <= year <= 2100 or (self.attached(end) and self.word(end)):
            return None
        start, stop = self.ref.at(date(year, 1, 1)), self.ref.at(date(year + 9, 1, 1))
        return end, Spec(fixed=Resolved(start, "year", stop, kind="interval"))

    def anaphor(self, i: int) -> tuple[int, Spec] | None:
        """ "the next day", "that evening", « la veille », « le lendemain matin ».

        Counted from the last day the text named before it (``self.anchor``), else
        from today: "The launch is on 3 March; the day after we fly" is 4 March.
        """
        hit = self.has(i, "anaphor")
        if hit is None:
            return None
        value = hit[1]
        if isinstance(value, str):  # "later that year", « cette année-là »: a whole period
            return hit[0], Spec(fixed=Resolved(self.period_of(value), value))
        offset, part = (value, None) if isinstance(value, int) else (value[0], value[1:])
        end = hit[0]
        base = self.anchor or self.ref.day()
        conn = self.has(end, "conn")
        for k in (end, conn[0] if conn else None):
            named = self.date(k) if k is not None and not part else None
            if named and not named[1].has_time:  # "the day after Christmas", « la veille du 14 »
                resolved = self.resolve(named[1])
                if resolved is not None and resolved.grain == "day":
                    end, base = named[0], resolved.start.date()
                    break
        day = base + timedelta(days=int(offset))
        if part:
            return end, Spec(date=day, part=(int(part[0]), int(part[1])))
        return end, Spec(date=day)

    def period_of(self, unit: str) -> datetime:
        """The start of the week, month or year holding the last date named (else today)."""
        day = self.anchor_any or self.ref.day()
        if unit == "year":
            day = day.replace(month=1, day=1)
        elif unit == "month":
            day = day.replace(day=1)
        elif unit == "week":
            day -= timedelta(days=day.weekday())
        return self.ref.at(day)

    def relday(self, i: int) -> tuple[int, Spec] | None:
        """Days named relative to today: today, tomorrow, après-demain."""
        hit = self.has(i, "relday")
        if hit is None:
            return None
        return hit[0], Spec(date=self.ref.day(int(hit[1])))


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman(key: str, suffixes: frozenset[str] | set[str]) -> int | None:
    """The number of a Roman ordinal glued to its suffix ("xxe", "xixe"), else None."""
    for suffix in sorted(suffixes, key=len, reverse=True):
        if suffix and key.endswith(suffix) and len(key) > len(suffix):
            digits = key[: -len(suffix)]
            if all(ch in _ROMAN for ch in digits):
                total = 0
                for k, ch in enumerate(digits):
                    value = _ROMAN[ch]
                    nxt = _ROMAN[digits[k + 1]] if k + 1 < len(digits) else 0
                    total += -value if value < nxt else value
                return total
    return None
