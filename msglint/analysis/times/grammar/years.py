"""Years and longer: "in 2014", "the 1990s", « le XIXe siècle », "FY27 Q1".

A room of its own because a year is read with its own context rules (a lead
word, a list, a range), which the day-and-month readers in ``dates.py`` share
nothing of.
"""

from __future__ import annotations

from datetime import date

from msglint.analysis.times.spec import Resolved, Spec
from msglint.analysis.times.tokens import Tokens


class Years(Tokens):
    """Years, year ranges, decades, centuries and fiscal years."""

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
        if nth is None or nth < 1:  # "the last century": "last" is also the ordinal -1
            return self.this_century(i)
        if not 1 <= nth <= 22 or self.has(j, "century") is None:
            return None
        end = self.has(j, "century")[0]
        first = max(1, (nth - 1) * 100)
        start, stop = self.ref.at(date(first, 1, 1)), self.ref.at(date(first + 99, 1, 1))
        return end, Spec(fixed=Resolved(start, "year", stop, kind="interval"))

    def this_century(self, i: int, bare_ok: bool = False) -> tuple[int, Spec] | None:
        """ "the last century", « le siècle dernier », « ce siècle »: counted from this one.

        ``bare_ok``: after a position (« la fin du siècle »), the century alone is this one.
        """
        j = i
        mode = None
        article = self.has(j, "dayart") or self.has(j, "article") or self.has(j, "season_prep")
        if article and self.has(article[0], "mod"):
            j = article[0]
        modifier = self.has(j, "mod")
        if modifier and self.has(modifier[0], "century"):
            j, mode = modifier
        elif article and self.has(article[0], "century"):
            j = article[0]
        hit = self.has(j, "century")
        if hit is None or self.plural_unit_word(j):
            return None
        j = hit[0]
        post = self.has(j, "postmod")
        if post:
            j, mode = post
        if mode is None and not bare_ok:
            return None
        step = {"this": 0, "last": -1, "next": 1, "next_occ": 1}.get(
            str(mode or "this").rstrip("?")
        )
        if step is None:
            return None
        first = (self.ref.today.year // 100 + step) * 100
        start, stop = self.ref.at(date(first, 1, 1)), self.ref.at(date(first + 99, 1, 1))
        return j, Spec(fixed=Resolved(start, "year", stop, kind="interval"))

    def plural_unit_word(self, j: int) -> bool:
        """ "centuries", « siècles »: several, no one century."""
        return any(self.key(j).endswith(s) for s in self.L.plural_suffixes if s)

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
        article = self.has(i, "article") or self.has(i, "dayart")
        noun = self.has(article[0] if article else i, "unit")
        if noun and noun[1] == "year" and self.digit(noun[0]):
            return self.date_year(noun[0])  # "the year 2000", « avant l'an 2000 »: one year
        found = self.year_number(i)
        quoted = self.quoted_year(i - 1) if found is None and self.attached(i) else None
        if quoted and (self.prev_is(i - 1, "dateprep") or self.key(i - 2) in self.L.year_leads):
            return quoted[0], Spec(year=quoted[1])  # "in '98", "the '98 budget"
        if found is None and self.short_year_after_lead(i):
            found = self.year_number(i, two_digits=True)  # « en 98 », « depuis 97 »
            return (found[0], Spec(year=found[1])) if found else None
        if found is None and self.word(i):
            return self.spelled_year(i)
        pair = None
        if found is None and self.digit(i) and len(self.k[i]) == 4 and self.number_ok_left(i):
            pair = self.year_pair(i + 1)  # "2002/2003": not a year_number (a fraction?)
            found = (i + 1, int(self.k[i])) if pair else None
        if found is None:
            return None
        end, year = found
        if self.plural_unit(end) or self.key(end) in self.L.measures or self.counted(i):
            return None  # « il a 2000 ans », « 2000 francs »: amounts (but "the 1988 quarter")
        if self.prev_is(i, "dateprep"):
            if not (1800 <= year <= 2199 or self.old_year(i, end, year)):
                return None
        elif not (1900 <= year <= 2100 and (self.year_context(i) or self.possessive(end))):
            return None
        pair = pair or self.year_pair(end)
        if pair:
            end, last = pair
            if last > year:
                start, stop = self.ref.at(date(year, 1, 1)), self.ref.at(date(last, 1, 1))
                return end, Spec(fixed=Resolved(start, "year", stop, kind="interval"))
        return end, Spec(year=year)

    def old_year(self, i: int, end: int, year: int) -> bool:
        """ "in 1648.", « en 1789, le peuple », "in 1492 Columbus": a year before 1800.

        Numbers that low are mostly amounts ("in 1024 chunks", "from 1200 to 1500"), so
        only a lead of [year_rules] old_leads makes one a year, never a round hundred,
        and only with punctuation or a capitalised word after it ("in 1250 to 1500 units"
        is an amount).
        """
        if not 1000 <= year < 1800 or year % 100 == 0:
            return False
        if self.key(i - 1) not in self.L.old_year_leads:
            return False
        nxt = self.key(end)
        if not nxt or nxt in {",", ".", ";", ":", ")", "!", "?", '"', "»"}:
            return True
        return self.capital(end)

    def possessive(self, end: int) -> bool:
        """ "1987's crash": a year with the possessive glued to it names that year."""
        return (
            self.key(end) == "'"
            and self.attached(end)
            and self.key(end + 1) == "s"
            and self.attached(end + 1)
        )

    def counted(self, i: int) -> bool:
        """A comparison of amounts ends right before token i (« plus de 2000 personnes »)."""
        return any(
            len(lead) <= i and self.k[i - len(lead) : i] == list(lead)
            for lead in self.L.count_leads
        )

    def short_year_after_lead(self, i: int) -> bool:
        """« en 98, », « depuis 97 et »: two digits above 31 after a lead, then no word.

        A word after them makes a count of something (« en 45 sur 50 », « en 98 secondes »).
        """
        if not self.digit(i) or len(self.k[i]) != 2 or int(self.k[i]) <= 31:
            return False
        if (self.has(i - 1, "unit") or (0, ""))[1] == "year":  # « l'année 98 a été »
            return not self.has(i + 1, "unit")
        if self.key(i - 1) not in self.L.short_year_leads or not self.short_year(i):
            return False
        return not self.word(i + 1) or self.key(i + 1) in self.L.year_joiners

    def spelled_year(self, i: int) -> tuple[int, Spec] | None:
        """ "in nineteen ninety-one", "the year two thousand", « en l'an deux mille ».

        Spelled-out numbers are mostly counts ("two thousand troops"), so a
        year needs a date preposition or a year lead word before it, and a
        thousands form ("two thousand") must not be followed by a noun.
        """
        after_year = (self.has(i - 1, "unit") or (0, ""))[1] == "year"  # « l'an deux mille »
        if not (after_year or self.prev_is(i, "dateprep") or self.key(i - 1) in self.L.year_leads):
            return None
        first = self.number(i)
        if first is None:
            return None
        end, high = first
        if self.key(end) in self.L.thousands and 1 <= high <= 2:
            end, year = end + 1, high * 1000
            rest = self.number(end)
            if rest is None and self.key(end) in self.L.year_joiners and self.word(end):
                rest = self.number(end + 1)  # "two thousand and one"
            if rest is not None and 1 <= rest[1] <= 99:
                end, year = rest[0], year + rest[1]
            elif self.word(end) and not after_year:
                return None  # "in two thousand people"; "the year two thousand has" is a year
        elif high in (19, 20) and (low := self.number(end)) is not None and 10 <= low[1] <= 99:
            end, year = low[0], high * 100 + low[1]
        else:
            return None
        if self.attached(end) and self.word(end):
            return None
        return end, Spec(year=year)

    def year_context(self, i: int) -> bool:
        """Token i (a year) follows a lead word, a lead and a noun, or a year of a list."""
        leads = self.L.year_leads
        prev = self.key(i - 1)
        if prev in leads or prev in self.L.decade_leads:
            return True
        if prev == "-" and self.attached(i) and self.attached(i - 1):
            return self.key(i - 2) in self.L.year_glued_leads  # "post-1959", « l'après-1945 »
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
        """ "1990s", "the '80s", « les années 90 », "the nineties": ten years."""
        j = i
        lead = self.key(i - 1) in self.L.decade_leads
        word = self.has(i, "decword")
        spelled = self.number(i) if lead and self.word(i) else None
        if (word and self.key(i - 1) in self.L.year_leads) or (spelled and spelled[1] % 10 == 0):
            end, tens = word if word else spelled
            if not 10 <= tens <= 90:
                return None
            year = 1900 + tens
            start, stop = self.ref.at(date(year, 1, 1)), self.ref.at(date(year + 9, 1, 1))
            return end, Spec(fixed=Resolved(start, "year", stop, kind="interval"))
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
