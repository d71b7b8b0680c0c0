"""Numbers: cardinals, ordinals, days of the month, years, counts and durations."""

from __future__ import annotations

from msglint.analysis.times.tokens import Tokens


class Numbers(Tokens):
    """Numbers in digits or words, and the amounts of relative expressions."""

    def number(self, i: int, words: bool = True) -> tuple[int, int] | None:
        """A cardinal: digits, or number words ("twenty-three", "vingt et un")."""
        if self.digit(i):
            return i + 1, int(self.k[i])
        if not words:
            return None
        found = self.m(i)
        if "tens" in found:
            end, tens = found["tens"]
            j = end
            joiner = self.has(j, "joiner")
            joined = bool(joiner) or (self.key(j) == "-" and self.attached(j))
            if joiner:
                j = joiner[0]
            elif joined:
                j += 1
            unit = self.has(j, "num")
            # "ninety-one"; joined only, 10-19 ("quatre-vingt-dix", « soixante et onze »)
            if unit and (1 <= unit[1] <= 9 or (joined and 10 <= unit[1] <= 19)):
                return unit[0], tens + unit[1]
            return end, tens
        if "num" in found:
            return found["num"]
        return None

    def ordinal(self, i: int) -> tuple[int, int] | None:
        """An ordinal word ("third", "twenty-first", "premier")."""
        found = self.m(i)
        if "tens" in found:
            end, tens = found["tens"]
            j = end + 1 if self.key(end) == "-" and self.attached(end) else end
            unit = self.has(j, "ordinal")
            if unit and 1 <= unit[1] <= 9:
                return unit[0], tens + unit[1]
        if "ordinal" in found:
            return found["ordinal"]
        return None

    def rank(self, i: int) -> tuple[int, int] | None:
        """A rank after an optional article ("the 3rd", "third", « le premier »): (end, n).

        One reading for "first Tuesday of October" and "the third quarter", so
        the two readers cannot drift apart; written digits need an ordinal suffix.
        """
        article = self.has(i, "dayart") or self.has(i, "article")
        j = article[0] if article else i
        if self.digit(j):
            day = self.day_number(j)
            if day is None and len(self.k[j]) <= 3 and self.number_ok_left(j):
                suffix = self.key(j + 1) in self.L.ord_suffixes and self.attached(j + 1)
                return (j + 2, int(self.k[j])) if suffix else None  # « la 89e minute »
            if day is None or not day[2]:
                return None
            return day[0], day[1]
        return self.ordinal(j)

    def day_number(
        self, i: int, words: bool = False, glued: bool = False
    ) -> tuple[int, int, bool] | None:
        """A day of the month: (end, day, written as an ordinal); ``glued``: "Feb13"."""
        if self.digit(i):
            key = self.k[i]
            if len(key) > 2 or not self.number_ok_left(i, glued_word=glued):
                return None
            value = int(key)
            if not 1 <= value <= 31:
                return None
            j = i + 1
            nxt = self.key(j)
            if self.attached(j) and nxt in self.L.ord_suffixes:
                return j + 1, value, True
            if self.attached(j) and nxt[:1].isalpha() and "month" not in self.m(j):
                return None
            if not self.number_ok_right(j):
                return None
            return j, value, False
        found = self.ordinal(i)
        if found and 1 <= found[1] <= 31:
            return found[0], found[1], True
        if words:
            found = self.number(i)
            if found and 1 <= found[1] <= 31:
                return found[0], found[1], False
        return None

    def year_number(self, i: int, two_digits: bool = False) -> tuple[int, int] | None:
        """A year: four digits, or two after a day and month ("31/10/74")."""
        if not self.digit(i) or not self.number_ok_left(i):
            return None
        key = self.k[i]
        if len(key) == 4 and 1000 <= int(key) <= 2999:
            value = int(key)
        elif two_digits and len(key) == 2:
            value = self.two_digit_year(int(key))
        else:
            return None
        if not self.number_ok_right(i + 1):
            return None
        nxt = self.key(i + 1)
        if (
            (nxt == ":" and (self.attached(i + 1) or len(key) < 4))
            or nxt in self.L.letter_marks
            or (self.attached(i + 1) and nxt[:1].isalpha())
        ):
            return None
        return i + 1, value

    def quoted_year(self, k: int) -> tuple[int, int] | None:
        """ "'98" (an apostrophe glued to two digits) at token k: that year, as (end, year).

        Not "'80s" (a decade) nor digits glued to letters.
        """
        if self.key(k) != "'" or not self.digit(k + 1) or not self.attached(k + 1):
            return None
        if len(self.k[k + 1]) != 2 or (self.attached(k + 2) and self.key(k + 2)[:1].isalnum()):
            return None
        return k + 2, self.two_digit_year(int(self.k[k + 1]))

    def two_digit_year(self, value: int) -> int:
        """Place a two-digit year in the century that keeps it within the window of times.toml."""
        return self.ref.two_digit_year(value, self.L.yy_window)

    # ---- time zones and am/pm

    def quantity(self, j: int) -> tuple[int, float] | None:
        """A count: "3", "2.5", "1/2", "three", "a", "a couple of", "quelques"."""
        if self.digit(j):
            if not self.number_ok_left(j):
                return None
            value = float(self.k[j])
            end = j + 1
            sep = self.key(end)
            if (
                sep in {".", ","}
                and self.attached(end)
                and self.digit(end + 1)
                and self.attached(end + 1)
            ):
                value = float(f"{self.k[j]}.{self.k[end + 1]}")
                end += 2
            elif (
                sep == "/" and self.attached(end) and self.digit(end + 1) and self.attached(end + 1)
            ):
                below = int(self.k[end + 1])
                if below == 0:
                    return None
                value = value / below
                end += 2
            return end, value
        number = self.number(j)
        found = self.has(j, "qty")
        if number and (found is None or number[0] >= found[0]):
            return number[0], float(number[1])
        if found:
            return found[0], float(found[1])
        return None

    def amount(self, j: int) -> tuple[int, float, str] | None:
        """A duration: (end, amount, unit), e.g. "3 days", "half an hour", "48h".

        An approximation before it is part of it ("about three years ago", « il y a
        plus de deux ans »): the amount is read as written.
        """
        about = self.has(j, "about")
        if about:
            inner = self.amount(about[0])
            if inner:
                return inner
        whole = self.has(j, "duration")
        if whole:
            value, unit = whole[1]
            return whole[0], float(value), str(unit)
        qty = self.quantity(j)
        if qty is None:
            return None
        end, value = qty
        more = end
        if self.key(more) in self.L.more:
            more += 1
        unit = self.has(more, "unit")
        if unit is None:
            return None
        if self.k[more] in self.L.letter_marks and not self.digit(more - 1):
            return None
        if value <= 0:
            return None
        return unit[0], value, str(unit[1])
