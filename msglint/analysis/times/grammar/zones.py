"""Time zones, UTC offsets and am/pm marks after a clock time."""

from __future__ import annotations

from datetime import tzinfo

from msglint.analysis.times.calendar import (
    parse_offset,
    zone_info,
)
from msglint.analysis.times.spec import Spec
from msglint.analysis.times.tokens import Tokens


class Zones(Tokens):
    """What may follow a clock time: a zone, an offset, am/pm, "ish"."""

    def zone(self, j: int) -> tuple[int, tzinfo] | None:
        """A time zone after a clock time: "CET", "(BST)", "GMT+1", "+02:00", "heure de Paris"."""
        if self.key(j) == "(":
            inner = self.zone(j + 1)
            if inner and self.key(inner[0]) == ")":
                return inner[0] + 1, inner[1]
            return None
        if self.key(j) == ",":
            # "à 12 h, heure de Paris": only a spelled-out zone of two or more
            # words, so that "à 15 h, tu viens ?" does not read "tu" (temps universel).
            inner = self.zone(j + 1)
            if inner and inner[0] - (j + 1) >= 2:
                return inner
            return None
        found = self.m(j)
        if "tzprefix" in found:
            end = found["tzprefix"][0]
            offset = self.offset(end, prefixed=True)
            if offset:
                return offset
        if "tz" in found:
            end, name = found["tz"]
            mod = found.get("mod")
            if mod and mod[0] == end and self.word(end):
                return None  # French "cet après-midi" is not Central European Time
            if "".join(self.k[j:end]) in self.L.zone_caps and not self.upper(j, end):
                return None  # « le train de 7 h 30 est parti »: a verb, not Eastern Time
            zone = zone_info(str(name))
            if zone is not None:
                return end, zone
        return self.offset(j)

    def offset(self, j: int, prefixed: bool = False) -> tuple[int, tzinfo] | None:
        """ "+02:00", "+0200", or after GMT/UTC also "+1", "-5"."""
        sign = self.key(j)
        if sign not in {"+", "-"} or not self.digit(j + 1) or not self.attached(j + 1):
            return None
        hours = self.k[j + 1]
        minutes = "0"
        end = j + 2
        if len(hours) == 4:
            hours, minutes = hours[:2], hours[2:]
        elif self.key(end) == ":" and self.digit(end + 1) and self.attached(end + 1):
            minutes = self.k[end + 1]
            end += 2
        elif not prefixed:
            return None
        if not prefixed and (self.attached(j) or len(hours) != 2):
            return None  # "11:30-1:30" is an interval
        if len(hours) > 2 or int(hours) > 14 or int(minutes) > 59:
            return None
        return end, parse_offset(f"{sign}{hours}:{minutes}")

    def ampm(self, j: int, sp: Spec, letters: bool) -> int:
        """Consume "am"/"p.m."/"ish"/"o'clock" after a clock time; set sp.ampm."""
        for _ in range(3):
            found = self.m(j)
            if "approx" in found:
                j = found["approx"][0]
                continue
            if "oclock" in found:
                j = found["oclock"][0]
                continue
            break
        found = self.m(j)
        for cat, value in (("am", "am"), ("pm", "pm")):
            if cat in found:
                sp.ampm = value
                return self.skip_approx(found[cat][0])
        if letters and self.attached(j):
            for cat, value in (("am_letter", "am"), ("pm_letter", "pm")):
                hit = found.get(cat)
                if hit and (not self.word(hit[0]) or not self.attached(hit[0])):
                    sp.ampm = value
                    end = hit[0]
                    if self.key(end) == "." and self.attached(end):
                        end += 1
                    return end
        return j

    def skip_approx(self, j: int) -> int:
        """Skip "ish", "approximately", "environ" after a time: they do not change it."""
        hit = self.has(j, "approx")
        return hit[0] if hit else j
