"""Periods: relative times, spans, weeks, months, weekends, seasons, quarters, parts of day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from msglint.analysis.times.spec import Resolved, Spec
from msglint.analysis.times.tokens import Tokens


class Periods(Tokens):
    """Periods named relative to now or by their name."""

    def relative(self, i: int) -> tuple[int, Spec] | None:
        """ "in 3 days", "3 days ago", "il y a 2 heures", "2 days from now", "a week hence"."""
        best = None
        prefix = self.has(i, "in") or self.has(i, "agopre")
        if prefix:
            sign = -1 if "agopre" in self.m(i) and self.m(i)["agopre"][0] == prefix[0] else 1
            found = self.amount(prefix[0])
            # "in a year of turmoil", « dans un jour de grande forme »: a period described
            described = (
                self.has(found[0], "of") or self.has(found[0], "described") if found else None
            )
            if found and not (self.word(prefix[0]) and described):
                end, value, unit = found
                best = (end, self.relative_spec(value, unit, sign))
        found = self.amount(i)
        if found:
            end, value, unit = found
            for cat, sign in (("ago", -1), ("hence", 1), ("hence_today", 1)):
                hit = self.has(end, cat)
                if hit and (best is None or hit[0] > best[0]):
                    if cat == "hence_today":
                        day = self.ref.from_today(value, unit)
                        best = (hit[0], Spec(fixed=Resolved(day, "day"), fixed_date=day.date()))
                    else:
                        best = (hit[0], self.relative_spec(value, unit, sign))
        unit = self.has(i, "unit")
        if unit and self.key(unit[0]) == "-" and self.attached(unit[0]):
            ago = self.has(unit[0] + 1, "ago")  # "year-earlier results", "year-ago period"
            if ago and self.attached(unit[0] + 1) and (best is None or ago[0] > best[0]):
                best = (ago[0], self.relative_spec(1, str(unit[1]), -1))
        counted = self.weekdays_from_now(i)
        if counted and (best is None or counted[0] > best[0]):
            best = counted
        return best

    def relative_spec(self, value: float, unit: str, sign: int) -> Spec:
        """A relative time; day-sized units also give a day that a clock time can attach to."""
        found = self.ref.after(value, unit, sign)
        dated = (
            found.start.date()
            if unit in ("day", "week", "fortnight", "month", "year", "quarter", "decade")
            else None
        )
        return Spec(fixed=found, fixed_date=dated)

    def span(self, i: int) -> tuple[int, Spec] | None:
        """ "next 3 days", "the last 2 weeks", "3 prochains jours", "2 semaines passées"."""
        best = None
        modifier = self.has(i, "mod")
        if modifier:
            found = self.amount(modifier[0])
            if found:
                best = (found[0], str(modifier[1]), found[1], found[2])
        qty = self.quantity(i)
        if qty:
            post = self.has(qty[0], "postmod") or self.has(qty[0], "mod")
            if post:
                unit = self.has(post[0], "unit")
                if unit:
                    best = self.longer(best, (unit[0], str(post[1]), qty[1], str(unit[1])))
            found = self.amount(i)
            if found:
                post = self.has(found[0], "postmod")
                if post:
                    best = self.longer(best, (post[0], str(post[1]), found[1], found[2]))
        if best is None:
            return None
        end, mode, count, unit = best
        mode = mode.rstrip("?")
        if mode not in {"next", "last", "next_occ"} or count != int(count) or count < 1:
            return None
        if unit == "fortnight":
            unit, count = "week", count * 2
        elif unit == "decade":
            unit, count = "year", count * 10
        if mode == "last":
            start = self.ref.period(unit, -count)
            last = self.ref.period(unit, -1)
        else:
            start = self.ref.period(unit, 1)
            last = self.ref.period(unit, count)
        return end, Spec(fixed=Resolved(start, unit, last, kind="interval"))

    @staticmethod
    def longer(a: Any, b: Any) -> Any:
        """The longer of two parses (the first on a tie)."""
        return b if a is None or b[0] > a[0] else a

    def unit_period(self, i: int, only: str | None = None) -> tuple[int, Spec] | None:
        """ "this week", "next month", "la semaine prochaine", "l'année dernière", "ce mois-ci"."""
        j = i
        article = self.has(j, "article") or self.has(j, "dayart")
        mode = None
        modifier = self.has(j, "mod")
        if modifier and self.has(modifier[0], "unit"):
            j, mode = modifier
        elif (
            article
            and self.has(article[0], "mod")
            and self.has(self.has(article[0], "mod")[0], "unit")
        ):
            j, mode = self.has(article[0], "mod")
        elif article and self.has(article[0], "unit"):
            j = article[0]
        unit = self.has(j, "unit")
        if unit is None:
            return None
        j, name = unit
        name = str(name)
        if name not in {"week", "month", "year", "quarter", "day", "decade"}:
            return None
        if only and name != only:
            return None
        if self.plural_unit(j - 1):
            # "in previous years", "the coming months": no one period; but "this weeks
            # meeting", "last years results" miss an apostrophe
            articled = j - i > 2 or self.prev_is(i, "article")
            if articled or not self.word(j) or set(self.m(j)) - {"notnum"}:
                return None  # a plain word follows, as a noun after "'s" would
        if self.key(j) == "-" and self.attached(j):
            j += 1
        post = self.has(j, "postmod")
        if post and not (self.digit(j)):
            j, mode = post
        if mode is None:
            if not (only or self.named_period(i, article, name, j)):
                return None
            mode = "this"
        mode = str(mode).rstrip("?")
        step = {"this": 0, "next": 1, "next_occ": 1, "last": -1, "after_next": 2}.get(mode)
        if step is None:
            return None
        if name == "day":
            return None
        if name == "decade":  # "the last decade", « la dernière décennie »: ten calendar years
            first = self.ref.today.year // 10 * 10 + 10 * step
            start, stop = self.ref.at(date(first, 1, 1)), self.ref.at(date(first + 9, 1, 1))
            return j, Spec(fixed=Resolved(start, "year", stop, kind="interval"))
        return j, Spec(fixed=Resolved(self.ref.period(name, step), name))

    def named_period(self, i: int, article: Any, name: str, j: int) -> bool:
        """ "during the quarter", "for the week": a date word, an article and a unit.

        Not after "of" ("employee of the month"), nor before "of" or a number
        ("the week of the 7th", "the year 2000", « l'an deux mille » are read by other rules).
        """
        if not article or name not in {"week", "month", "quarter", "year"}:
            return False
        if self.plural_unit(j - 1):
            return False  # "in the weeks ahead": plural, no one period
        if self.key(i - 1) in {"of", "de", "du", "des"} or not self.prev_is(i, "dateprep"):
            return False
        if self.has(i - 1, "position") and self.modifies_noun(i - 1):
            return False  # « une fête de fin d'année »: not this year
        spelled = self.has(j, "num") or self.has(j, "tens")  # « l'an deux mille »
        return not (self.has(j, "of") or self.digit(j) or spelled or self.key(j) == "-")

    def plural_unit(self, i: int) -> bool:
        """Token i is the plural of a unit ("weeks", « années »), not the unit itself."""
        word = self.key(i)
        if "unit" not in self.m(i):
            return False
        singular = [word[: -len(s)] for s in self.L.plural_suffixes if s and word.endswith(s)]
        return any(self.L.trie.get(w, {}).get("", {}).get("unit") for w in singular)

    def this_period(self, i: int) -> tuple[int, Spec] | None:
        """A phrase of times.toml [this_periods] ("dans la semaine": this week).

        A value [unit, step] counts periods from this one ("the latest period": the
        last quarter reported), [unit, "nearest"] takes this one or the next, whichever
        starts nearer ("the new year"); then a following "of" describes a period
        instead ("the latest period of unrest").
        """
        hit = self.has(i, "this_period")
        if hit is None:
            return None
        end, value = hit
        if isinstance(value, list):
            if self.has(end, "of"):
                return None
            unit = str(value[0])
            if value[1] == "nearest":  # "the new year": the one whose start is nearest
                this, following = self.ref.period(unit, 0), self.ref.period(unit, 1)
                now = self.ref.now
                nearer = following if following - now < now - this else this
                return end, Spec(fixed=Resolved(nearer, unit))
            step = int(value[1])
        else:
            unit, step = str(value), 0
        return end, Spec(fixed=Resolved(self.ref.period(unit, step), unit))

    def weekend_at(self, friday: date) -> Resolved:
        """The weekend of the week of ``friday``: an hour-grain interval (times.toml [weekend])."""
        wd, hour, end_day, end_hour = (int(x) for x in self.L.weekend_span)
        friday = friday - timedelta(days=friday.weekday() - wd)
        start = self.ref.at(friday, hour)
        end = self.ref.at(friday - timedelta(days=wd) + timedelta(days=7 + end_day), end_hour)
        return Resolved(start, "hour", end - timedelta(hours=1), kind="interval")

    def weekend(self, i: int) -> tuple[int, Spec] | None:
        """ "this weekend", "next weekend", "ce week-end", "le week-end prochain"."""
        j = i
        mode = None
        modifier = self.has(j, "mod")
        article = self.has(j, "article") or self.has(j, "dayart")
        if modifier and self.has(modifier[0], "weekend"):
            j, mode = modifier
        elif article and self.has(article[0], "weekend"):
            j = article[0]
        else:
            return None
        j, _ = self.has(j, "weekend")
        post = self.has(j, "postmod")
        if post:
            j, mode = post
        of = self.has(j, "of") if mode is None else None
        dated = self.date(of[0]) if of else None
        day = self.resolve(dated[1]) if dated and not dated[1].has_time else None
        if dated and day and day.grain == "day":
            # "the weekend of July 14", « le week-end du 14 juillet »: the one around that day
            start = day.start.date()
            friday = start + timedelta(days=4 - start.weekday() if start.weekday() <= 4 else -1)
            if start.weekday() == 6:
                friday -= timedelta(days=1)
            return dated[0], Spec(fixed=self.weekend_at(friday))
        mode = str(mode or "this").rstrip("?")
        step = {"this": 0, "next": 1, "next_occ": 1, "last": -1}.get(mode)
        if step is None:
            return None
        friday = self.ref.week_friday(step)
        found = self.weekend_at(friday)
        found.ambiguous = mode == "next"
        return j, Spec(fixed=found)

    def season(self, i: int, bare_ok: bool = False) -> tuple[int, Spec] | None:
        """ "this summer", "cet été", "l'été prochain", "summer 2014".

        ``bare_ok``: after a position ("the end of summer", « la fin du printemps »), a
        season word alone is this year's season.
        """
        j = i
        mode = None
        modifier = self.has(j, "mod")
        prep = self.has(j, "season_prep")
        if modifier and self.has(modifier[0], "season"):
            j, mode = modifier
        elif prep and self.has(prep[0], "season"):
            j = prep[0]
        hit = self.has(j, "season")
        if hit is None:
            return None
        j, bounds = hit
        generic = bounds is True  # "this season": whichever season holds today
        following = self.parse_at(j) if generic and self.digit(j) else None
        if following and following[1].grain == "year":
            return following[0], Spec(fixed=following[1])  # « cette saison 2002/2003 »
        if generic and not (modifier or self.has(i, "every") or self.has(j, "postmod")):
            return None  # "the season", "in the season": which one is not said
        if generic:
            bounds = [1, 1, 12, 31]
        post = self.has(j, "postmod")
        year = self.year_number(j)
        if year is None and self.short_year(j):
            year = self.year_number(j, two_digits=True)  # « l'été 98 », « l'hiver 98-99 »
        of = self.has(j, "of")
        if year is None and of and not post:
            year = self.year_number(of[0]) or self.quoted_year(of[0])  # "the spring of 1989"
        pair = self.year_pair(year[0]) if year else None
        if year and pair:
            year = (pair[0], year[1])  # « l'hiver 1998-1999 »: the season starting in 1998
        if post:
            j, mode = post
        elif year:
            j = year[0]
        if j == hit[0] and not prep and not modifier and not bare_ok:
            return None
        bare = prep is not None and (self.has(i, "article") is not None or prep[0] == i + 1)
        if j == hit[0] and bare and not modifier and self.noun_after(j):
            return None  # "the spring trade fair", "early spring sales": a modifier
        if j == hit[0] and not modifier and self.capital(j - 1) and self.capital_name(j):
            return None  # "the Summer Olympics", "the Fall Festival": a name
        mode = str(mode or "this").rstrip("?")
        if generic:
            start, end = self.ref.any_season(mode, self.L.seasons)
        elif year:
            m1, d1, m2, d2 = (int(x) for x in bounds)
            start = date(year[1], m1, d1)
            end = date(year[1] + (1 if (m2, d2) < (m1, d1) else 0), m2, d2)
        else:
            start, end = self.ref.season(bounds, mode)
        return j, Spec(fixed=Resolved(self.ref.at(start), "day", self.ref.at(end), kind="interval"))

    def noun_after(self, j: int) -> bool:
        """Token j is a lower-case word with no time meaning (a noun the period modifies)."""
        if j >= self.n or not self.word(j) or self.m(j):
            return False
        return self.text[self.s[j] : self.e[j]].islower()

    def capital_name(self, j: int) -> bool:
        """Token j is a capitalised word with no time meaning, after a word (not punctuation)."""
        if j >= self.n or not self.word(j) or self.m(j) or not self.capital(j):
            return False
        return not self.attached(j) and self.key(j - 1)[:1].isalnum()

    def quarter(self, i: int) -> tuple[int, Spec] | None:
        """ "Q3", "Q4 2018", "2018Q4", "18q4", "third quarter", "le 3e trimestre 2014"."""
        j = i
        year = None
        if (
            self.digit(j)
            and len(self.k[j]) in (2, 4)
            and self.attached(j + 1)
            and self.key(j + 1) in self.L.quarter_prefixes
        ):
            year = int(self.k[j]) if len(self.k[j]) == 4 else self.two_digit_year(int(self.k[j]))
            j += 1
        if self.key(j) in self.L.quarter_prefixes and self.digit(j + 1) and self.attached(j + 1):
            nth = int(self.k[j + 1])
            end = j + 2
            if not 1 <= nth <= 4 or (
                end < self.n and self.attached(end) and self.key(end)[:1].isalnum()
            ):
                return None
            if year is None:
                found = self.year_after(end, two_digits=False) or self.fiscal_number(end)
                if found:
                    end, year = found
        else:
            if year is not None:
                return None
            found = self.rank(j)
            if found is None:
                return None
            j, nth = found
            if self.key(j) == "-" and self.attached(j) and self.attached(j + 1):
                j += 1  # "third-quarter profit"
            hit = self.has(j, "quarter")
            if hit is None or not 1 <= nth <= 4:
                return None
            end = hit[0]
            of = self.has(end, "of")
            found = self.year_after(of[0] if of else end, two_digits=False)
            if found:
                end, year = found
        if year is None:
            year = self.ref.year()
        start = self.ref.at(date(year, 3 * nth - 2, 1))
        return end, Spec(fixed=Resolved(start, "quarter"))

    def daypart(self, i: int) -> tuple[int, Spec] | None:
        """ "tonight", "this morning", "in the afternoon", "ce soir", "en fin de journée"."""
        found = self.m(i)
        best = None
        if "reldaypart" in found:
            end, (offset, first, last) = found["reldaypart"]
            best = (
                end,
                Spec(date=self.ref.day(int(offset)), part=(int(first), int(last))),
            )
        if "daypart" in found and (best is None or found["daypart"][0] > best[0]):
            end, (first, last) = found["daypart"]
            best = (end, Spec(part=(int(first), int(last)), weak_part=end - i == 1))
        of = self.has(best[0], "of") if best else None
        if of and self.has(of[0], "qty") and not self.digit(of[0]):
            return None  # « à l'aube d'une nouvelle ère »: a figure of speech
        return best

    def now_word(self, i: int) -> tuple[int, Spec] | None:
        """ "right now", or "now" after "by", "from", "until" (alone, a discourse word)."""
        hit = self.has(i, "now")
        if hit is None:
            word = self.has(i, "nowword")
            if word is None or not self.prev_is(i, "now_after"):
                return None
            hit = word
        return hit[0], Spec(fixed=Resolved(self.ref.instant(), "second"))
