"""Clock times: "5pm", "17:00", "15h30", "a quarter past noon", "à quinze heures"."""

from __future__ import annotations

from msglint.analysis.times.spec import Spec
from msglint.analysis.times.tokens import Tokens
from msglint.analysis.times.vocab import (
    DAY_BEFORE,
    HOUR_CUES,
    NEAR_TIME,
)


class Clock(Tokens):
    """Clock times, with their lead ("at", "vers") and time zone."""

    def clock(self, i: int, loose: bool = False) -> tuple[int, Spec] | None:
        """A clock time with an optional lead ("at", "vers") and time zone."""
        j = i
        lead = self.has(j, "lead")
        if lead:
            j = lead[0]
            # "pages 12 à 15": numbers, not a time; "une table pour six": people
            loose = not self.digit(i - 1) and tuple(self.k[i:j]) not in self.L.weak_leads
        found = self.clock_core(j, loose)
        if found is None and lead:
            found = self.clock_core(i, False)
        if found is None:
            return None
        end, sp = found
        zone = self.zone(end)
        if zone:
            end, sp.tz = zone
        elif (
            lead
            and self.L.bare_hour_context
            and self.lone_number(j, end)
            and not self.time_word_near(i, end)
        ):
            return None  # French "à six": a lone number, unless "à six heures", "demain à six"
        return end, sp

    def lone_number(self, j: int, end: int) -> bool:
        """Tokens j..end are only a number ("six", "6"): no hour mark, minutes or am/pm."""
        number = self.number(j)
        return number is not None and number[0] == end

    def time_word_near(self, i: int, end: int) -> bool:
        """A day or a part of the day before token i or at token end ("demain à six")."""
        if end < self.n and not NEAR_TIME.isdisjoint(self.m(end)):
            return True
        return any(self.prev_is(i, cat) for cat in DAY_BEFORE)

    def clock_core(self, j: int, loose: bool) -> tuple[int, Spec] | None:
        """A clock time without its lead or time zone."""
        minute_first = self.minutes_to_hour(j)
        if minute_first:
            return minute_first
        if self.digit(j):
            return self.clock_digits(j, loose)
        found = self.m(j)
        if "clockword" in found:
            end, hour = found["clockword"]
            sp = Spec(hour=int(hour), minute=None, h24=True)
            end = self.minutes_after(end, sp, words=True)
            return self.skip_approx(end), sp
        return self.clock_words(j, loose)

    def clock_digits(self, j: int, loose: bool) -> tuple[int, Spec] | None:
        """Clock times written with digits: 17:00, 15h30, 1030, 5pm, at 5."""
        if not self.number_ok_left(j):
            return None
        key = self.k[j]
        value = int(key)
        nxt = self.key(j + 1)
        # 17:00, 9:01:10 AM
        if (
            len(key) <= 2
            and nxt == ":"
            and self.attached(j + 1)
            and self.digit(j + 2)
            and self.attached(j + 2)
            and len(self.k[j + 2]) == 2
        ):
            minute = int(self.k[j + 2])
            if value > 24 or minute > 59:
                return None
            end = j + 3
            second = None
            if (
                self.key(end) == ":"
                and self.attached(end)
                and self.digit(end + 1)
                and self.attached(end + 1)
                and len(self.k[end + 1]) == 2
            ):
                second = int(self.k[end + 1])
                end += 2
            if not self.number_ok_right(end):
                return None
            sp = Spec(hour=value, minute=minute, second=second)
            sp.h24 = value > 12 or value == 0 or key.startswith("0")
            return self.ampm(end, sp, letters=True), sp
        # 15h, 15h30, 15 heures 30 (but "pendant 2h", "for 2h" are durations)
        mark = self.has(j + 1, "hmark")
        if len(key) <= 2 and value <= 24 and mark and not self.prev_is(j, "durprep"):
            glued = self.attached(j + 1)
            if not glued and not self.word(j + 1):
                return None
            end = mark[0]
            sp = Spec(hour=value, h24=True)
            if self.digit(end) and len(self.k[end]) == 2 and (self.attached(end) or not glued):
                minute = int(self.k[end])
                if minute > 59:
                    return None
                sp.minute = minute
                end += 1
                word = self.has(end, "minword")
                if word:
                    end = word[0]
            elif glued and self.attached(end) and self.word(end):
                return None  # "2hrs", "4hours": a duration
            else:
                end = self.minutes_after(end, sp, words=not glued)
            if not self.number_ok_right(end):
                return None
            after = self.ampm(end, sp, letters=False)
            if sp.ampm is None and self.amount_of(after):
                return None  # « 2 h de route », « 3 h 30 de retard »: a duration
            if sp.minute is None and sp.ampm is None and not loose:
                # "15h", "15 h": a short mark; "15 heures" also counts words
                short = glued or len(self.k[j + 1]) == 1
                context = (
                    self.part_follows(end) or self.clock_context(j) or self.zone(after) is not None
                )
                if not short and not context:
                    return None  # "15 heures de travail"
                timely = self.word(after) and self.follow_ok(after)
                if value <= 12 and not (timely or context):
                    return None  # "it took 2h", "ça prend 2 h": a duration
            return after, sp
        # 1030, 330 p.m.
        if len(key) in (3, 4):
            hour, minute = divmod(value, 100)
            zoned = self.wire_time(j)
            year_like = len(key) == 4 and key[:2] in {"19", "20"}
            if hour > 23 or minute > 59 or (year_like and not zoned):
                return None
            sp = Spec(hour=hour, minute=minute, h24=key.startswith("0") or hour > 12)
            end = self.ampm(j + 1, sp, letters=loose)
            if sp.ampm is None and not (zoned or (loose and self.follow_ok(end))):
                return None
            if not self.number_ok_right(j + 1):
                return None
            return end, sp
        # 5pm, 5 o'clock, at 5
        if len(key) > 2 or value > 24:
            return None
        sp = Spec(hour=value, h24=value > 12 or value == 0)
        if not self.number_ok_right(j + 1):
            return None
        if self.attached(j + 1) and self.word(j + 1):
            found = self.m(j + 1)
            if not any(c in found for c in ("am", "pm", "approx", "am_letter", "pm_letter")):
                return None
        end = self.ampm(j + 1, sp, letters=loose)
        oclock = any("oclock" in self.m(x) for x in range(j + 1, min(end, j + 3)))
        if sp.ampm is None and not oclock and not (loose and self.follow_ok(end)):
            return None
        return end, sp

    def wire_time(self, j: int) -> bool:
        """ "(1530 GMT)", "at 1900 UTC": four digits and a zone in capitals, the news wires' time.

        Capitals, because a year may stand before a word that is also a zone's name.
        """
        if len(self.k[j]) != 4:
            return False
        zone = self.zone(j + 1)
        return zone is not None and self.upper(j + 1, zone[0])

    def amount_of(self, j: int) -> bool:
        """ "de" then a word that is no time word after an hour: an amount of hours."""
        of = self.has(j, "hourof")
        return of is not None and self.word(of[0]) and not self.m(of[0])

    def part_follows(self, j: int) -> bool:
        """A part of the day follows ("3 heures du matin"): a bare hour is then a time."""
        found = self.m(j)
        return "daypart" in found or "reldaypart" in found

    def clock_context(self, j: int) -> bool:
        """Words before token j that announce a time ("entre 9h", "demain 9h", "jusqu'à 9h")."""
        return any(self.prev_is(j, cat) for cat in HOUR_CUES)

    def minutes_after(self, end: int, sp: Spec, words: bool) -> int:
        """French minutes after an hour: "et quart", "moins le quart", "moins cinq", "trente"."""
        found = self.m(end)
        if "minphrase" in found:
            stop, value = found["minphrase"]
            value = int(value)
            if value < 0:
                sp.hour = (sp.hour or 0) - 1
                value += 60
            sp.minute = value
            return stop
        if "minus" in found:
            number = self.number(found["minus"][0])
            if number and 0 < number[1] < 60:
                sp.hour = (sp.hour or 0) - 1
                sp.minute = 60 - number[1]
                return number[0]
        if "minjoin" in found:
            number = self.number(found["minjoin"][0])
            word = self.has(number[0], "minword") if number else None
            if number and word and 0 <= number[1] < 60:
                sp.minute = number[1]
                return word[0]
        if "past" in found:
            number = self.number(found["past"][0])
            if number and 0 <= number[1] < 60:
                stop = number[0]
                word = self.has(stop, "minword")
                sp.minute = number[1]
                return word[0] if word else stop
        if words:
            number = self.number(end, words=True)
            if number and 0 <= number[1] < 60 and not self.has(number[0], "unit"):
                word = self.has(number[0], "minword")
                sp.minute = number[1]
                return word[0] if word else number[0]
        return end

    def clock_words(self, j: int, loose: bool) -> tuple[int, Spec] | None:
        """ "three pm", "at three twenty", "seven thirty p.m.", "à quinze heures trente"."""
        number = self.number(j)
        if number is None or self.digit(j) or not 0 <= number[1] <= 24:
            return None
        end, hour = number
        sp = Spec(hour=hour, h24=hour > 12)
        mark = self.has(end, "hmark")
        if mark and self.word(end):
            end = self.minutes_after(mark[0], sp, words=True)
            after = self.ampm(end, sp, letters=False)
            if not loose and sp.minute is None and sp.ampm is None and not self.part_follows(after):
                return None
            return after, sp
        if "oclock" in self.m(end) or "am" in self.m(end) or "pm" in self.m(end):
            return self.ampm(end, sp, letters=False), sp
        minute = self.number(end)
        if minute and not self.digit(end) and 0 <= minute[1] < 60:
            sp.minute = minute[1]
            stop = self.ampm(minute[0], sp, letters=False)
            if sp.ampm is not None or (loose and self.follow_ok(stop)):
                return stop, sp
            return None
        if loose and self.follow_ok(end) and hour <= 12:
            return end, sp
        return None

    def minutes_to_hour(self, j: int) -> tuple[int, Spec] | None:
        """ "a quarter past noon", "twenty to three", "15 minutes past 3pm", "half past 3"."""
        found = self.m(j)
        minutes = None
        end = j
        if "minphrase" in found and int(found["minphrase"][1]) > 0:
            end, minutes = found["minphrase"][0], int(found["minphrase"][1])
        else:
            number = self.number(j)
            if number and 0 < number[1] < 60:
                end, minutes = number
                word = self.has(end, "minword")
                if word:
                    end = word[0]
        if minutes is None:
            return None
        direction = None
        for cat, sign in (("past", 1), ("to", -1)):
            hit = self.has(end, cat)
            if hit:
                direction, end = sign, hit[0]
                break
        if direction is None:
            return None
        hour = self.has(end, "clockword")
        if (
            direction < 0
            and hour is None
            and self.digit(j)
            and not self.has(self.number(j)[0], "minword")
        ):
            return None  # "2 to 4pm" is an interval, "15 to noon" a time
        if hour:
            sp = Spec(hour=int(hour[1]), h24=True)
            stop = hour[0]
        else:
            number = self.number(end)
            if number is None or not 0 <= number[1] <= 24:
                return None
            if self.digit(end) and not self.number_ok_left(end):
                return None
            stop, value = number
            sp = Spec(hour=value, h24=value > 12)
            mark = self.has(stop, "hmark")
            if mark and self.attached(stop):
                stop = mark[0]
                sp.h24 = True
            stop = self.ampm(stop, sp, letters=True)
        hour_value = sp.hour or 0
        if direction > 0:
            sp.minute = minutes
        else:
            sp.hour = hour_value - 1
            sp.minute = 60 - minutes
        return stop, sp

    def bare_hour(self, j: int) -> tuple[int, Spec] | None:
        """A lone hour before a date or a part of the day ("9 tomorrow", "eight tonight")."""
        number = self.number(j)
        if number is None or not 0 <= number[1] <= 24:
            return None
        if self.digit(j) and (len(self.k[j]) > 2 or not self.number_ok_left(j)):
            return None
        if not self.digit(j) and number[1] == 1:
            return None  # « un lundi sur deux », "one Monday morning": an article
        if not self.number_ok_right(number[0]):
            return None
        return number[0], Spec(hour=number[1], h24=number[1] > 12)

    def clock_not_amount(self, i: int, end: int, unit: str) -> bool:
        """Digits and an hour mark after "after" read as a clock time (« après 14 h »).

        Not with « de » after them: « après 3 heures de route » counts hours.
        """
        if unit != "hour" or not self.digit(i) or int(self.k[i]) > 24:
            return False
        return self.has(i + 1, "hmark") is not None and self.has(end, "of") is None
