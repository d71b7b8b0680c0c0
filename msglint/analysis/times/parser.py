"""The scan: the longest expression at each token, left to right."""

from __future__ import annotations

from msglint.analysis.model import TimeExpr
from msglint.analysis.times.calendar import (
    truncate,
)
from msglint.analysis.times.combine import Combine
from msglint.analysis.times.spec import Resolved
from msglint.analysis.times.vocab import PERIODIC

_DAY_GRAINS = frozenset({"day", "hour", "minute", "second"})
_WINDOW = 6  # how far after its first token an expression shows a strong token


class Parser(Combine):
    """One text, its tokens, and the grammar tried at each token."""

    def run(self, field: str) -> list[TimeExpr]:
        """Left to right, the longest expression at each token; vague phrases win ties."""
        out: list[TimeExpr] = []
        starts, strong, vague_first = self.L.starts, self.L.strong, self.L.vague_first
        keys = self.k
        # next_strong[i]: the first token at or after i that only time words have
        next_strong = [self.n + _WINDOW] * (self.n + 1)
        isnum = self.isnum
        for i in range(self.n - 1, -1, -1):
            next_strong[i] = i if isnum[i] or keys[i] in strong else next_strong[i + 1]
        conj_first = self.L.conj_first
        i = 0
        while i < self.n:
            key = keys[i]
            if key in conj_first:
                conj = self.has(i, "conj")
                vague = self.has(i, "vague") if key in vague_first else None
                if conj and (vague is None or vague[0] <= conj[0]):
                    i = conj[0]  # "as soon as your plans change": no deadline
                    continue
            if not (key in starts or isnum[i]):
                roman = self.century(i) if "century" in self.m(i + 1) else None
                resolved = self.resolve(roman[1]) if roman else None
                if roman and resolved:  # « le XIXe siècle »: a Roman ordinal, no time word
                    out.append(self.expr(i, roman[0], resolved, field))
                    i = roman[0]
                    continue
                i += 1
                continue
            named = self.has(i, "holiday")
            if named and self.name_after(named[0]):
                i = named[0]  # "the Good Friday Agreement": no time in a name
                continue
            found = None
            weak_start = not (isnum[i] or key in strong)
            if (
                weak_start
                and i + 1 < self.n
                and not (isnum[i + 1] or keys[i + 1] in self.L.vocabulary)
            ):
                pass  # "the house": a function word followed by a word no phrase has
            elif next_strong[i] - i <= _WINDOW:
                try:
                    found = self.parse_at(i)
                except (ValueError, OverflowError):  # an impossible date: not a time
                    found = None
                if found and self.name_before(i):
                    i = found[0]  # « rue du 8-Mai », « place du 11-Novembre-1918 »: a name
                    continue
            if key in vague_first:
                vague = self.has(i, "vague")
                if vague and (found is None or vague[0] >= found[0]):
                    start, stop = self.s[i], self.e[vague[0] - 1]
                    out.append(
                        TimeExpr(
                            text=self.text[start:stop],
                            start=start,
                            end=stop,
                            value=None,
                            kind="vague",
                            vague=True,
                            field=field,
                        )
                    )
                    i = vague[0]
                    continue
            if key in self.L.later_first:
                later = self.has(i, "later")
                inside = i > 0 and (self.has(i - 1, "latest") or (0, None))[0] > i
                if later and not inside and (found is None or later[0] > found[0]):
                    # "plus tard": after now, not a deadline (times.toml [now] later)
                    moment = truncate(self.ref.now, "minute")
                    found = (
                        later[0],
                        Resolved(moment, "minute", kind="open_interval", direction="after"),
                    )
            if not PERIODIC.isdisjoint(self.m(i)):
                other = self.periodic_at(i)
                if other and (
                    found is None
                    or other[0] > found[0]
                    or (other[0] == found[0] and other[1] == "recurrence" and self.has(i, "every"))
                    or (other[0] == found[0] and other[1] == "present")  # "at this time": now
                ):
                    out.append(self.periodic_expr(i, other, field))
                    i = other[0]
                    continue
            if found is None:
                i += 1
                continue
            end, result = found
            out.append(self.expr(i, end, result, field))
            if result.direction != "after":
                if result.grain in _DAY_GRAINS:
                    self.anchor = result.start.date()  # what "the next day" counts from
                self.anchor_any = result.start.date()  # what "later that year" names
                self._memo.clear()
            i = end
        return out

    def periodic_at(self, i: int) -> tuple[int, str, Resolved | None, str | None] | None:
        """The longest recurrence, duration or "now" word at token i: (end, kind, value, grain)."""
        best: tuple[int, str, Resolved | None, str | None] | None = None
        recurrence = self.recurrence(i)
        if recurrence:
            best = (recurrence[0], "recurrence", recurrence[1], recurrence[2])
        duration = self.duration(i)
        if duration and (best is None or duration[0] > best[0]):
            best = (duration[0], "duration", None, duration[1])
        present = self.present(i)
        if present and (best is None or present > best[0]):
            best = (present, "present", None, None)
        return best

    def periodic_expr(
        self, i: int, found: tuple[int, str, Resolved | None, str | None], field: str
    ) -> TimeExpr:
        """The TimeExpr of a recurrence (value: its next occurrence), a duration or "now"."""
        end, kind, r, grain = found
        start, stop = self.s[i], self.e[end - 1]
        return TimeExpr(
            text=self.text[start:stop],
            start=start,
            end=stop,
            value=truncate(r.start, r.grain) if r else None,
            grain=grain,
            kind=kind,
            end_value=r.end if r else None,
            has_time=bool(r and r.has_time),
            has_timezone=bool(r and r.has_tz),
            ambiguous=bool(r and r.ambiguous),
            field=field,
        )

    def expr(self, i: int, end: int, r: Resolved, field: str) -> TimeExpr:
        """The public TimeExpr of a result, with offsets into the original text."""
        start, stop = self.s[i], self.e[end - 1]
        return TimeExpr(
            text=self.text[start:stop],
            start=start,
            end=stop,
            value=truncate(r.start, r.grain),
            grain=r.grain,
            kind=r.kind,
            end_value=r.end,
            direction=r.direction,
            has_time=r.has_time,
            has_timezone=r.has_tz,
            ambiguous=r.ambiguous,
            weekday=r.weekday,
            field=field,
        )
