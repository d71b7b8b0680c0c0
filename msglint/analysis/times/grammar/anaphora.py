"""Days counted from a reference: "tomorrow", « après-demain », "the next day", « la veille ».

Kept apart from ``dates.py``: these readers name no calendar value, they count
from today or from the last date the text named (``Tokens.anchor``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from msglint.analysis.times.calendar import shift
from msglint.analysis.times.spec import Resolved, Spec
from msglint.analysis.times.tokens import Tokens


class Anaphora(Tokens):
    """Relative days (today, tomorrow) and anaphora (the day after, later that year)."""

    def anaphor(self, i: int) -> tuple[int, Spec] | None:
        """ "the next day", "that evening", "the year before", « la veille », « le lendemain ».

        Counted from the last day the text named before it (``self.anchor``), else
        from today: "The launch is on 3 March; the day after we fly" is 4 March.
        """
        hit = self.has(i, "anaphor")
        if hit is None:
            return None
        value = hit[1]
        if isinstance(value, str):  # "later that year", « cette année-là »: a whole period
            return hit[0], Spec(fixed=Resolved(self.period_of(value), value))
        if isinstance(value, list) and value and isinstance(value[0], str):
            unit, step = str(value[0]), int(value[1])  # "the year before": the one before it
            return hit[0], Spec(fixed=Resolved(shift(self.period_of(unit), unit, step), unit))
        offset, part = (value, None) if isinstance(value, int) else (value[0], value[1:])
        end = hit[0]
        base = self.anchor or self.ref.day()
        conn = self.has(end, "conn")
        for k in (end, conn[0] if conn else None):
            same_day = not part or int(offset) == 0  # « la nuit du 31 décembre »: that night
            named = self.date(k) if k is not None and same_day else None
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
