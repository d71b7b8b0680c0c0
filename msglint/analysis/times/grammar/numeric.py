"""Dates written with numbers only: "2026-12-12", "12/12/2026", "15/2"."""

from __future__ import annotations

from msglint.analysis.times.spec import Spec
from msglint.analysis.times.tokens import Tokens

# Denominators of the fractions prices and shares are written in ("fell 7/8").
_DENOMINATORS = frozenset({2, 4, 8})


class NumericDates(Tokens):
    """Numeric dates, read in the language's order (times.toml date_order)."""

    def date_numeric(self, i: int) -> tuple[int, Spec] | None:
        """ "2026-12-12", "12/12/2026", "31.10.1974", "15/2", "2014-10", "2/2013", "31 10 1974"."""
        if not self.digit(i) or not self.number_ok_left(i):
            return None
        if self.digit(i - 1) and self.key(i + 1) == "/" and self.attached(i + 1):
            return None  # "112 5/8": a mixed number, not a date
        a_key = self.k[i]
        sep = self.key(i + 1) if self.attached(i + 1) else ""
        glued = self.attached(i + 1) and self.digit(i + 2) and self.attached(i + 2)
        if sep in {"/", "-", "."} and glued:
            if self.word(i + 3) and self.attached(i + 3):
                return None  # "IMT-2020/5G", "12/6a": a code, not a date
            b_key = self.k[i + 2]
            third = (
                self.key(i + 3) == sep
                and self.attached(i + 3)
                and self.digit(i + 4)
                and self.attached(i + 4)
            )
            if third:
                c_key = self.k[i + 4]
                end = i + 5
                if not self.number_ok_right(end) or (self.key(end) == sep and self.digit(end + 1)):
                    return None
                return self.three_part(a_key, b_key, c_key, sep, end)
            end = i + 3
            if not self.number_ok_right(end) or (
                self.key(end) in {"/", "-", "."} and self.digit(end + 1)
            ):
                return None
            return self.two_part(i, a_key, b_key, sep, end)
        # "15 / 2": a spaced slash, only when the order is certain
        if (
            sep == ""
            and self.key(i + 1) == "/"
            and not self.attached(i + 1)
            and self.digit(i + 2)
            and not self.attached(i + 2)
            and len(a_key) <= 2
            and len(self.k[i + 2]) <= 2
            and self.number_ok_right(i + 3)
        ):
            found = self.day_month(int(a_key), int(self.k[i + 2]))
            if found and not found[2] and found[0] != found[1] and not self.word(i + 3):
                return i + 3, Spec(day=found[0], month=found[1])
        # "31 10 1974", "20 02 2014": day month year separated by spaces
        if (
            len(a_key) <= 2
            and self.digit(i + 1)
            and len(self.k[i + 1]) <= 2
            and self.digit(i + 2)
            and len(self.k[i + 2]) == 4
            and not self.attached(i + 1)
            and not self.attached(i + 2)
            and self.number_ok_right(i + 3)
        ):
            found = self.three_part(a_key, self.k[i + 1], self.k[i + 2], " ", i + 3)
            return found
        return None

    def day_month(self, a: int, b: int) -> tuple[int, int, bool] | None:
        """(day, month, ambiguous) of two numbers in the language's order, swapped when needed."""
        first, second = (b, a) if self.L.date_order == "mdy" else (a, b)
        if 1 <= second <= 12 and 1 <= first <= 31:
            return first, second, first <= 12 and first != second
        if 1 <= first <= 12 and 1 <= second <= 31:
            return second, first, False
        return None

    def three_part(self, a: str, b: str, c: str, sep: str, end: int) -> tuple[int, Spec] | None:
        """Day, month and year numbers in the order of the language (or year first)."""
        if len(a) == 4:
            if sep == " ":
                return None
            year, month, day = int(a), int(b), int(c)
            ambiguous = False
        else:
            if len(a) > 2 or len(b) > 2 or len(c) not in (2, 4) or (sep == "." and len(c) != 4):
                return None
            found = self.day_month(int(a), int(b))
            if found is None:
                return None
            day, month, ambiguous = found
            year = int(c) if len(c) == 4 else self.two_digit_year(int(c))
        if not self.valid(year, month, day):
            return None
        return end, Spec(year=year, month=month, day=day, ambiguous=ambiguous)

    def two_part(self, i: int, a: str, b: str, sep: str, end: int) -> tuple[int, Spec] | None:
        """Day and month numbers (or year-month), unless the context says fraction or score."""
        if len(a) == 4 and sep in {"-", "/"} and len(b) <= 2 and 1 <= int(b) <= 12:
            if not 1900 <= int(a) <= 2100:
                return None
            return end, Spec(year=int(a), month=int(b))
        if sep == "/" and len(b) == 4 and len(a) <= 2 and 1 <= int(a) <= 12:
            return end, Spec(year=int(b), month=int(a))
        if len(a) > 2 or len(b) > 2 or sep == ".":
            return None
        if (a, b) == ("24", "7"):
            return None
        nxt = self.m(end) if end < self.n else {}
        if "unit" in nxt or "hmark" in nxt or "minword" in nxt:
            return None  # "1/2 hour", "3/4h"
        if end < self.n and self.word(end) and (not self.follow_ok(end) or "of" in self.m(end)):
            return None  # "3/4 of the team"
        if (
            sep == "/"
            and int(a) < int(b)
            and int(b) in _DENOMINATORS
            and not self.prev_is(i, "dateprep")
            and not self.prev_is(i, "before")
        ):
            return None  # "the stock fell 7/8": a fraction; "on 7/8", "by 3/4" stay dates
        found = self.day_month(int(a), int(b))
        if found is None:
            return None
        day, month, ambiguous = found
        if sep == "-" and not self.dash_date_lead(i, ambiguous or day == month):
            return None  # "2-3", « le score de 2-1 »: a range or a score
        if not self.valid(None, month, day):
            return None
        return end, Spec(month=month, day=day, ambiguous=ambiguous)

    def dash_date_lead(self, i: int, ambiguous: bool) -> bool:
        """Two numbers joined by a dash may be a day and month here.

        Never after « de », "of", "to", « à » (« le score de 2-1 », « mené de 21-3 »: scores);
        an ambiguous pair ("3-4") needs a date word before it ("on 3-4").
        """
        if any(self.prev_is(i, cat) for cat in ("of", "rfrom", "rto")):
            return False
        return not ambiguous or self.prev_is(i, "dateprep")
