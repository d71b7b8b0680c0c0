"""Times that are not one date: recurrences, durations and "now" words.

Why apart: "every Tuesday at 10", « tous les lundis », "for two years",
"currently" name no single deadline. They are reported with their own kinds
(``recurrence``, ``duration``, ``present``) so that rules can leave them out
instead of mistaking them for dates, and a reader of ``inspect`` still sees them.
A recurrence keeps the calendar value of its next occurrence when it has one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from msglint.analysis.times.spec import Resolved, Spec, merge
from msglint.analysis.times.tokens import Tokens

# Units of a duration as grains ("a fortnight" counts in weeks).
_UNIT_GRAIN = {"fortnight": "week", "decade": "year"}


class Periodic(Tokens):
    """Recurrences, durations and present-time words at a token."""

    def present(self, i: int) -> int | None:
        """ "currently", « désormais », « en ce moment » (times.toml [now] present): the end."""
        hit = self.has(i, "present")
        return hit[0] if hit else None

    def duration(self, i: int) -> tuple[int, str] | None:
        """ "for two years", "pendant trois semaines", « depuis deux ans »: (end, grain)."""
        lead = self.has(i, "durprep") or self.has(i, "since")
        every = self.has(i, "every")
        if lead is None or (every and every[0] >= lead[0]):
            return None
        amount = self.amount(lead[0])
        if amount is None:
            return None
        end, _, unit = amount
        if any(self.has(end, cat) for cat in ("ago", "hence", "hence_today")):
            return None  # "for 3 days from now" is a date
        inner = self.parse_at(lead[0])
        if inner and inner[0] > end:
            return None  # "for a quarter past 3pm" is a time
        return end, _UNIT_GRAIN.get(unit, unit)

    def recurrence(self, i: int) -> tuple[int, Resolved | None, str | None] | None:
        """ "every Tuesday at 10", « tous les lundis », "chaque fin de mois", "weekly".

        (end, the next occurrence when the words give one, its grain).
        """
        word = self.has(i, "recurword")
        best: tuple[int, Resolved | None, str | None] | None = None
        if word:
            best = (word[0], None, None)
        habit = self.habitual_weekday(i)
        if habit is not None:
            return habit
        every = self.has(i, "every")
        j = every[0] if every else i
        plural = self.plural_weekday(j)
        if plural:
            found = plural
        elif every:
            found = self.next_occurrence(j)
        else:
            return best
        if every:
            whole = self.parse_at(i)  # "every summer", "each season": the season after "every"
            if whole and (found is None or whole[0] > found[0]):
                found = (whole[0], whole[1], whole[1].grain)
        if found and (best is None or found[0] > best[0]):
            best = found
        return best

    def plural_weekday(self, j: int) -> tuple[int, Resolved | None, str | None] | None:
        """ "Mondays", « les lundis à 10 h »: the weekday, with a time of day after it."""
        hit = self.has(j, "wdplural")
        if hit is None:
            return None
        end, spec = self.with_time(hit[0], Spec(weekday=int(hit[1])))
        resolved = self.resolve(spec)
        return end, resolved, resolved.grain if resolved else None

    def habitual_weekday(self, i: int) -> tuple[int, Resolved | None, str | None] | None:
        """« le mardi », « le samedi matin »: a weekday made a habit by its article.

        Only a bare weekday, with at most a time of day: « le mardi 12 »,
        « le mardi suivant » name one day and are left to the date grammar.
        """
        article = self.has(i, "habitual")
        weekday = self.has(article[0], "weekday") if article else None
        if article is None or weekday is None or weekday[0] != article[0] + 1:
            return None
        if self.key(article[0]) in self.L.weak_weekdays:
            return None  # « le jeu », « le mer »: a word, unless a date says otherwise
        end, spec = self.with_time(weekday[0], Spec(weekday=int(weekday[1])))
        whole = self.parse_at(article[0])
        if whole is not None and whole[0] > end:
            return None  # « le mardi 12 », « le mardi d'après »: one day
        resolved = self.resolve(spec)
        return end, resolved, resolved.grain if resolved else None

    def with_time(self, end: int, spec: Spec) -> tuple[int, Spec]:
        """A time of day right after a plural (« les lundis à 10 h », « les soirs à 20 h »)."""
        conn = self.has(end, "conn")
        for k in (end, conn[0] if conn else None):
            part = self.component(k) if k is not None else None
            if part and not part[1].has_date:
                merged = merge(spec, part[1])
                if merged is not None:
                    return part[0], merged
        return end, spec

    def next_occurrence(self, j: int) -> tuple[int, Resolved | None, str | None] | None:
        """After "every": a time that has a next occurrence, else a unit or an amount."""
        found = self.parse_at(j)
        if found:
            return found[0], found[1], found[1].grain
        amount = self.amount(j)
        if amount:
            return amount[0], None, _UNIT_GRAIN.get(amount[2], amount[2])
        unit = self.has(j, "unit")
        if unit:
            return unit[0], None, _UNIT_GRAIN.get(str(unit[1]), str(unit[1]))
        part = self.daypart(j)
        plural = self.has(j, "dpplural")
        if part is None and plural:  # « tous les matins à 7 h »: a part of the day in the plural
            first, last = plural[1]
            part = self.with_time(plural[0], Spec(part=(int(first), int(last))))
            if part[1].has_time:
                resolved = self.resolve(part[1])
                return part[0], resolved, resolved.grain if resolved else None
        if part:  # "every morning": the next morning
            spec = Spec(part=part[1].part, date=part[1].date)
            resolved = self.resolve(spec) if spec.part else None
            if resolved is not None and spec.date is None and resolved.start < self.ref.now:
                day = timedelta(days=1)  # this morning is over: the next one is tomorrow
                end = resolved.end + day if resolved.end else None
                resolved = replace(resolved, start=resolved.start + day, end=end)
            return part[0], resolved, "hour"
        return None
