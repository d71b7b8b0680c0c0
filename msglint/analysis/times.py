"""Time expressions and deadline words in English and French, resolved to ISO 8601.

Why hand-written: this runs in a pre-send hook, so it has to import in a few
milliseconds, stay pure Python and take linear time on a long text. The text is
split into tokens once; a small recursive-descent grammar is tried at each
token that can start a time expression (a number or a word of the language's
time vocabulary), with a bounded look-ahead, and the longest expression wins.

Why data files: every word (months, weekdays, numbers, prepositions, time
zones, parts of the day, holidays, vague deadlines) lives in the language pack
(``msglint/lang/<code>/times.toml`` and ``vague_deadlines.txt``); this module
only knows how words combine. Adding a synonym never needs a code change.

Conventions of the returned :class:`~msglint.analysis.model.TimeExpr`:

- ``value`` is the start of the expression's grain, with the UTC offset of the
  time zone the text names ("4pm CET" -> ``...T16:00:00+01:00``), else of
  ``now``.
- Intervals ("du 3 au 5 mars", "from 2 to 4pm", "this morning", "end of the
  month"): ``end_value`` is the start of the *last* unit at the grain
  (inclusive): "du 3 au 5 mars" ends at ``03-05T00:00`` with grain ``day``;
  add one grain for an exclusive end.
- Open intervals ("by Friday", "after 2pm", "within 48 hours"): ``value`` (and
  ``end_value`` when the bound is itself an interval, as in "by the end of the
  month") describe the bound, ``direction`` says which side is meant:

  - ``"before"``: a deadline. Only the deadline words of times.toml
    ``[prepositions] before`` ("by", "before", "no later than", "due", "avant",
    "d'ici", "au plus tard", "you have until", "vous avez jusqu'à"), "within"
    / "sous" + a duration, and any bound followed by "at the latest" / "au plus
    tard" ("until Friday at the latest"). French "pour" alone is not one: "la
    salle pour mercredi" names the day the room is for (in an ask, the
    analysis layer takes an upcoming date as the deadline anyway).
  - ``"until"``: how long a state lasts ("they hold the table until tomorrow
    noon", "through Friday", "jusqu'à demain midi"): the same bound, but not a
    deadline for the reader (``[prepositions] until``).
  - ``"after"``: "after 2pm", "à partir de lundi"; also "plus tard", "later
    on" (``[now] later``): some time after ``now`` (``value`` is ``now`` at the
    minute), which puts a task off and is neither a deadline nor a vague one.
- Relative times ("in 3 days", "2 hours ago") follow Duckling: ``now`` plus
  the duration, cut to the grain just finer than the unit (days -> hour).
- A date with no year is the closest one, a past one counting eight times its
  distance: "Feb 10" written on Feb 12 is two days ago, "Dec 12" written in
  February is next December. A bare month follows the same rule in months, so
  only last month reads as past ("November figures" written in December). A
  clock time with no date is the next one.
- A bare weekday is the next one, unless a past participle or a past verb
  stands right before it (``[past_cues]``: "the terms you approved on Friday",
  "validées vendredi"): then it is the last one. Participles that plan ahead
  ("scheduled", "programmée") and ones after "will be" / "sera" do not count.
- A clock range borrows the date and the zone of either end: "Tuesday 12
  January 2027, 9:00 to 13:00 London time" is one interval on that day, in
  London time; "8:00 to 18:00" starts in the morning.

Not times: the first half of a hyphenated word ("the first-aid kit"); in
French, a lone number after "pour" or after "à" with no time word near it
("une table pour six", ``[clock] weak_leads``, ``bare_hour_needs_context``),
while "à 14 h", "avant 16 h (heure de Paris)", "demain à six" are; "as soon
as" / "dès que" + a clause (``[vague_rules] conjunctions``: "as soon as your
plans change"), which joins two events, whereas the longer lexicon phrases
"as soon as possible", "dès que tu peux" stay vague deadlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from typing import Any

from msglint.analysis.model import TimeExpr

__all__ = ["find_times"]

_GRAINS = ("year", "quarter", "month", "week", "day", "hour", "minute", "second")
_RANK = {g: i for i, g in enumerate(_GRAINS)}
# Duckling's convention for "in <n> <unit>": the value is cut to a finer grain.
_AFTER_GRAIN = {
    "second": "second",
    "minute": "second",
    "hour": "minute",
    "day": "hour",
    "fortnight": "hour",
    "week": "day",
    "month": "day",
    "quarter": "day",
    "year": "month",
}
_TOKEN_RE = re.compile(r"\d+|[^\W\d_]+|\S")
_END = ""  # trie key holding the categories of a phrase that ends at a node
_CURRENCY_AFTER = frozenset({"%", "€", "$", "£", "°", "¥"})
_PAST_WEIGHT = 8
# Categories whose words only occur in time expressions (unlike "at", "the", "in").
_STRONG = frozenset(
    {
        "month",
        "weekday",
        "num",
        "tens",
        "ordinal",
        "unit",
        "duration",
        "relday",
        "this_period",
        "now",
        "nowword",
        "postmod",
        "wdweek",
        "am",
        "pm",
        "oclock",
        "hmark",
        "clockword",
        "minphrase",
        "tz",
        "daypart",
        "reldaypart",
        "position",
        "posword",
        "weekend",
        "quarter",
        "season",
        "holiday",
    }
)
# Words that may follow a lone hour for it to be a clock time ("at 5 tomorrow").
_FOLLOW = frozenset(
    [
        "weekday",
        "month",
        "relday",
        "daypart",
        "reldaypart",
        "tz",
        "conn",
        "rto",
        "before",
        "until",
        "after",
        "latest",
        "mod",
        "am",
        "pm",
        "oclock",
        "approx",
        "dayart",
        "holiday",
        "posword",
        "nowword",
    ]
)
# Categories of function words ("at", "the", "de", "next"): never strong on their own.
_FUNCTION = frozenset(
    {
        "conn",
        "dateprep",
        "dayart",
        "of",
        "article",
        "in",
        "lead",
        "before",
        "until",
        "after",
        "within",
        "rfrom",
        "rbetween",
        "rto",
        "rand",
        "qty",
        "agopre",
        "season_prep",
        "now_after",
        "joiner",
        "hence",
        "ago",
        "latest",
        "durprep",
        "notnum",
        "mod",
        "approx",
        "past",
        "to",
        "minus",
        "minjoin",
        "conj",
    }
)
# Words that make a lone number next to them a clock time, in languages where
# it needs one (times.toml [clock] bare_hour_needs_context): "à six ce soir".
_NEAR_TIME = frozenset(
    {
        "weekday",
        "month",
        "relday",
        "daypart",
        "reldaypart",
        "tz",
        "holiday",
        "posword",
        "nowword",
        "am",
        "pm",
        "oclock",
    }
)
# The words that open an open interval, and the directions "at the latest" turns
# into a deadline ("until Friday at the latest").
_OPEN_CATS = frozenset({"before", "until", "after"})
_DEADLINE = frozenset({"before", "until"})
# After a number, words that make it an hour or a count, not a day of the month
# ("Friday 5 pm", "vendredi 17 h", "Monday 3 days").
_CLOCK_AFTER = frozenset({"unit", "month", "am", "pm", "hmark", "oclock"})
_WINDOW = 6  # how far after its first token an expression shows a strong token


# --------------------------------------------------------------------------- data


@cache
def _fold_table() -> dict[int, str]:
    """Lower case, accents off, one character for one (so offsets never move)."""
    import unicodedata

    table: dict[int, str] = {cp: chr(cp + 32) for cp in range(0x41, 0x5B)}
    for cp in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(cp))[:1].lower()
        if len(base) == 1 and base.isascii() and base.isalpha():
            table[cp] = base
    for char in "’‘`ʼ′":
        table[ord(char)] = "'"
    for char in "‐‑‒–—−":
        table[ord(char)] = "-"
    for char in "\u00a0\u202f\u2009":
        table[ord(char)] = " "
    return table


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """Tokens of a data phrase, hyphens between words dropped (they are optional)."""
    folded = phrase.translate(_fold_table()).strip()
    tokens = _TOKEN_RE.findall(folded)
    if len(tokens) > 1:
        tokens = [t for t in tokens if t != "-"]
    return tuple(tokens)


def _parse_offset(text: str) -> tzinfo:
    """A fixed offset from "+01:00" or "-5"."""
    sign = -1 if text.startswith("-") else 1
    hours, _, minutes = text.lstrip("+-").partition(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))


@cache
def _zone(name: str) -> tzinfo | None:
    """A fixed offset ("+01:00") or an IANA zone ("Europe/Paris"); None when unknown."""
    if name[:1] in "+-":
        return _parse_offset(name)
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # unknown zone or no tz database: ignore the zone
        return None


@cache
def _holiday_tables() -> dict[str, dict[str, list[str]]]:
    """Lunar and lunisolar holidays by year (``lang/holiday_dates.toml``), read once."""
    from msglint.config_io import load_toml

    return load_toml(Path(__file__).resolve().parent.parent / "lang" / "holiday_dates.toml")


def _holiday_rule(rule: str) -> tuple[Any, ...]:
    """Compile a holiday rule of times.toml (see the comment there)."""
    rule = rule.strip().lower()
    match = re.fullmatch(r"table\s+([a-z0-9-]+)(?:\s+([+-]\d+))?", rule)
    if match:
        # The table file is read on first use, not here: start-up is precious
        # (tests check that every key a pack names exists).
        return ("table", match.group(1), int(match.group(2) or 0))
    match = re.fullmatch(r"(easter|orthodox)\s*([+-]\d+)?", rule)
    if match:
        return (match.group(1), int(match.group(2) or 0))
    match = re.fullmatch(r"(\d\d)-(\d\d)", rule)
    if match:
        return ("fixed", int(match.group(1)), int(match.group(2)))
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    match = re.fullmatch(r"(-?\d)\s+([a-z]{3})\s+(\d\d)(?:\s+([+-]\d+))?", rule)
    if match:
        wd = days.index(match.group(2))
        return ("nth", int(match.group(1)), wd, int(match.group(3)), int(match.group(4) or 0))
    match = re.fullmatch(r"([a-z]{3})\s*(>=|<=)\s*(\d\d)-(\d\d)", rule)
    if match:
        wd = days.index(match.group(1))
        return (match.group(2), wd, int(match.group(3)), int(match.group(4)))
    raise ValueError(f"bad holiday rule {rule!r}")


class _Lang:
    """The time vocabulary of one language, compiled once into a token trie."""

    def __init__(self, code: str, raw: dict[str, Any], vague: list[str]) -> None:
        self.code = code
        self.trie: dict[str, Any] = {}
        self.date_order = str(raw.get("date_order", "dmy"))
        self.yy_window = int(raw.get("two_digit_year_window", 20))
        months = raw.get("month_rules", {})
        self.weak_months = {_phrase_keys(w)[0] for w in months.get("weak", [])}
        self.month_abbrevs = {_phrase_keys(w)[0] for w in months.get("abbreviations", [])}
        self.weak_weekdays = {
            _phrase_keys(w)[0] for w in raw.get("weekday_rules", {}).get("weak", [])
        }
        rules = raw.get("number_rules", {})
        self.ord_suffixes = {_phrase_keys(w)[0] for w in rules.get("ordinal_suffixes", [])}
        # English days need an ordinal ("the 15th"); French ones do not ("le 15").
        self.day_needs_ordinal = bool(rules.get("day_needs_ordinal", False))
        self.spans = raw.get("position_spans", {})
        self.weekend_span = raw.get("weekend", {}).get("span", [4, 18, 0, 0])
        self.seasons = raw.get("seasons", {})
        self.quarter_prefixes = {
            _phrase_keys(w)[0] for w in raw.get("quarters", {}).get("prefixes", [])
        }
        clock = raw.get("clock", {})
        # "une table pour six": after these leads a lone hour is never a clock time.
        self.weak_leads = {_phrase_keys(w) for w in clock.get("weak_leads", [])}
        # A lone hour after a lead needs a time word next to it ("à six" alone is not).
        self.bare_hour_context = bool(clock.get("bare_hour_needs_context", False))
        past = raw.get("past_cues", {})
        self.past_skip = {_phrase_keys(w)[0] for w in past.get("skip", [])}
        self.past_suffixes = tuple(str(w).lower() for w in past.get("suffixes", []))
        self.past_words = {_phrase_keys(w)[0] for w in past.get("words", [])}
        self.not_past = {_phrase_keys(w)[0] for w in past.get("not_past", [])}
        self.past_not_after = {_phrase_keys(w)[0] for w in past.get("not_after", [])}
        preps = raw.get("prepositions", {})
        tables: list[tuple[str, Any]] = [
            ("month", raw.get("months", {})),
            ("weekday", raw.get("weekdays", {})),
            ("num", raw.get("numbers", {})),
            ("tens", raw.get("tens", {})),
            ("ordinal", raw.get("ordinals", {})),
            ("joiner", rules.get("joiners", [])),
            ("unit", raw.get("units", {})),
            ("qty", raw.get("quantities", {})),
            ("duration", raw.get("durations", {})),
            ("relday", raw.get("relative_days", {})),
            ("this_period", raw.get("this_periods", {})),
            ("now", raw.get("now", {}).get("phrases", [])),
            ("nowword", raw.get("now", {}).get("words", [])),
            ("now_after", raw.get("now", {}).get("after", [])),
            ("later", raw.get("now", {}).get("later", [])),
            ("mod", raw.get("modifiers", {})),
            ("postmod", raw.get("postfix_modifiers", {})),
            ("wdweek", raw.get("weekday_week", {})),
            ("am", clock.get("am", [])),
            ("pm", clock.get("pm", [])),
            ("am_letter", clock.get("am_letter", [])),
            ("pm_letter", clock.get("pm_letter", [])),
            ("oclock", clock.get("oclock", [])),
            ("hmark", clock.get("hour_marks", [])),
            ("minword", clock.get("minute_words", [])),
            ("lead", clock.get("leads", [])),
            ("approx", clock.get("approx", [])),
            ("past", clock.get("past", [])),
            ("minjoin", clock.get("minute_joiners", [])),
            ("to", clock.get("to", [])),
            ("clockword", clock.get("words", {})),
            ("minphrase", clock.get("minute_phrases", {})),
            ("minus", clock.get("minute_minus", {}).get("words", [])),
            ("tz", raw.get("timezones", {})),
            ("tzprefix", raw.get("timezone_rules", {}).get("offset_prefixes", [])),
            ("daypart", raw.get("dayparts", {})),
            ("reldaypart", raw.get("relative_dayparts", {})),
            ("rfrom", raw.get("range_from", {})),
            ("position", raw.get("positions", {})),
            ("posword", raw.get("position_words", {})),
            ("weekend", raw.get("weekend", {}).get("words", [])),
            ("quarter", raw.get("quarters", {}).get("words", [])),
            ("qprefix", raw.get("quarters", {}).get("prefixes", [])),
            ("season", raw.get("seasons", {})),
            ("season", raw.get("season_rules", {}).get("words", [])),
            ("season_prep", raw.get("season_rules", {}).get("preps", [])),
            ("holiday", {k: _holiday_rule(v) for k, v in raw.get("holidays", {}).items()}),
            ("conj", raw.get("vague_rules", {}).get("conjunctions", [])),
        ]
        for name, cat in (
            ("before", "before"),
            ("until", "until"),
            ("after", "after"),
            ("after_duration", "after_amount"),
            ("within", "within"),
            ("latest", "latest"),
            ("range_between", "rbetween"),
            ("range_to", "rto"),
            ("range_and", "rand"),
            ("connectors", "conn"),
            ("in", "in"),
            ("ago", "ago"),
            ("ago_prefix", "agopre"),
            ("hence", "hence"),
            ("hence_today", "hence_today"),
            ("date_preps", "dateprep"),
            ("day_articles", "dayart"),
            ("of", "of"),
            ("articles", "article"),
            ("duration_preps", "durprep"),
            ("not_before_number", "notnum"),
        ):
            tables.append((cat, preps.get(name, [])))
        # Vague deadlines ("ASAP", "dès que possible") share the trie; "re:" lines of
        # the lexicon are regular expressions and keep their own matcher.
        self.vague_regex = None
        plain = [p for p in vague if not p.startswith("re:")]
        tables.append(("vague", plain))
        if len(plain) < len(vague):
            from msglint.lang.lexicon import Lexicon

            self.vague_regex = Lexicon([p for p in vague if p.startswith("re:")], f"{code}/vague")
        strong: set[str] = set()
        weak: set[str] = set()
        for cat, table in tables:
            items = table.items() if isinstance(table, dict) else ((w, True) for w in table)
            for phrase, value in items:
                keys = _phrase_keys(str(phrase))
                if not keys:
                    continue
                node = self.trie
                for key in keys:
                    node = node.setdefault(key, {})
                node.setdefault(_END, {})[cat] = value
                if cat in _STRONG:
                    strong.update(keys)
                elif cat in _FUNCTION and len(keys) == 1:
                    weak.update(keys)
        # A lone "-" token never starts an expression; the rest of the first keys do.
        self.starts = frozenset(k for k in self.trie if k not in {_END, "-", ",", "'"})
        self.vague_first = frozenset(_phrase_keys(p)[0] for p in plain if _phrase_keys(p))
        later = raw.get("now", {}).get("later", [])
        self.later_first = frozenset(_phrase_keys(p)[0] for p in later if _phrase_keys(p))
        conj = raw.get("vague_rules", {}).get("conjunctions", [])
        self.conj_first = frozenset(_phrase_keys(p)[0] for p in conj if _phrase_keys(p))
        # Tokens that only time words contain: an expression has one within a few
        # tokens of its start, so the grammar is not even tried elsewhere.
        self.strong = frozenset(k for k in strong - weak if len(k) > 1 and k.isalnum())
        # Every token of every phrase: a function word starts an expression only
        # when the next token is one of these (or a number).
        self.vocabulary = frozenset(
            strong | weak | {k for keys in _all_keys(self.trie) for k in keys}
        )


def _all_keys(trie: dict[str, Any]) -> list[set[str]]:
    """The tokens of a trie, level by level (for the vocabulary of a language)."""
    levels: list[set[str]] = []
    nodes = [trie]
    while nodes:
        level = {key for node in nodes for key in node if key != _END}
        if not level:
            break
        levels.append(level)
        nodes = [child for node in nodes for key, child in node.items() if key != _END]
    return levels


@cache
def _lang(code: str) -> _Lang | None:
    """The compiled vocabulary of a language, or None when its pack has no time words."""
    from msglint.lang import get_pack

    pack = get_pack(code)
    if not (pack.folder / "times.toml").is_file():
        return None
    vague: list[str] = []
    if (pack.folder / "vague_deadlines.txt").is_file():
        vague = list(pack.lexicon("vague_deadlines").entries)
    return _Lang(code, pack.data("times"), vague)


# --------------------------------------------------------------------- semantics


@dataclass
class _R:
    """A resolved expression (datetimes are aware)."""

    start: datetime
    grain: str
    end: datetime | None = None
    kind: str = "instant"
    direction: str | None = None
    has_time: bool = False
    has_tz: bool = False
    ambiguous: bool = False
    weekday: int | None = None


@dataclass
class _Spec:
    """What the words say, before it is placed on the calendar."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # a weekday to find (alone, or with a day of month)
    wd_mode: str | None = None  # how to find it: this, next, last, next_occ, ...
    month_mode: str | None = None
    named_wd: int | None = None  # weekday written next to a full date
    date: date | None = None  # a day already known (today, tomorrow, a holiday)
    fixed: _R | None = None  # a complete value (next week, in 2 hours, end of month)
    fixed_date: date | None = None  # the day of a day-level relative ("in 7 days")
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    ampm: str | None = None
    h24: bool = False  # hour written unambiguously (15:00, 15h, 09:00)
    tz: tzinfo | None = None
    part: tuple[int, int] | None = None  # hours of a part of the day
    weak_part: bool = False  # a one-word part of the day ("morning"): not alone
    bare: int | None = None  # a lone number at one end of an interval
    ambiguous: bool = False

    @property
    def has_date(self) -> bool:
        return (
            self.year is not None
            or self.month is not None
            or self.day is not None
            or self.weekday is not None
            or self.date is not None
            or self.fixed is not None
        )

    @property
    def has_time(self) -> bool:
        return self.hour is not None


def _merge(a: _Spec, b: _Spec) -> _Spec | None:
    """One spec from two parts of an expression ("Friday" + "5pm"), or None if they clash."""
    if a.fixed is not None or b.fixed is not None:
        fixed, other = (a, b) if a.fixed is not None else (b, a)
        if fixed.fixed_date is None or other.has_date or other.hour is None:
            return None
        fixed = replace(fixed, fixed=None, date=fixed.fixed_date, fixed_date=None)
        a, b = fixed, other
    if (a.has_date and b.has_date) or (a.has_time and b.has_time):
        return None
    if (a.part and b.part) or (a.tz and b.tz):
        return None
    merged = replace(a)
    for name in (
        "year",
        "month",
        "day",
        "weekday",
        "wd_mode",
        "month_mode",
        "named_wd",
        "date",
        "hour",
        "minute",
        "second",
        "ampm",
        "tz",
        "part",
    ):
        value = getattr(b, name)
        if value is not None:
            setattr(merged, name, value)
    merged.h24 = a.h24 or b.h24
    merged.ambiguous = a.ambiguous or b.ambiguous
    merged.weak_part = False
    return merged


def _month_len(year: int, month: int) -> int:
    """Days in a month."""
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def _add_months(day: date, months: int) -> date:
    """Calendar month arithmetic that keeps the day when the month has it (Jan 31 + 1 = Feb 28)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, _month_len(year, month + 1)))


def _monday(day: date) -> date:
    """The Monday of the ISO week: weeks start on Monday in both languages."""
    return day - timedelta(days=day.weekday())


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday (Julian computus, shifted to the Gregorian calendar)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(year, month, day + 1) + timedelta(days=year // 100 - year // 400 - 2)


def _nth_weekday(year: int, month: int, n: int, wd: int) -> date | None:
    """The n-th (or, n = -1, the last) weekday of a month; None when there is no such day."""
    if n < 0:
        last = date(year, month, _month_len(year, month))
        return last - timedelta(days=(last.weekday() - wd) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def _holiday_date(rule: tuple[Any, ...], year: int) -> date | None:
    """The date of a compiled holiday rule in a year (None when the rule cannot apply)."""
    try:
        if rule[0] == "fixed":
            return date(year, rule[1], rule[2])
        if rule[0] == "table":
            days = _holiday_tables().get(rule[1], {}).get(str(year))
            if not days:
                return None  # outside the table's years
            month, day = (int(part) for part in days[0].split("-"))
            return date(year, month, day) + timedelta(days=rule[2])
        if rule[0] == "easter":
            return _easter(year) + timedelta(days=rule[1])
        if rule[0] == "orthodox":
            return _orthodox_easter(year) + timedelta(days=rule[1])
        if rule[0] == ">=":
            anchor = date(year, rule[2], rule[3])
            return anchor + timedelta(days=(rule[1] - anchor.weekday()) % 7)
        if rule[0] == "<=":
            anchor = date(year, rule[2], rule[3])
            return anchor - timedelta(days=(anchor.weekday() - rule[1]) % 7)
        day = _nth_weekday(year, rule[3], rule[1], rule[2])
        return day + timedelta(days=rule[4]) if day else None
    except ValueError:
        return None


def _closest(candidates: list[date], today: date) -> date:
    """The candidate closest to today, a past one counting _PAST_WEIGHT times its distance."""

    def cost(day: date) -> int:
        delta = (day - today).days
        return delta if delta >= 0 else -delta * _PAST_WEIGHT

    return min(candidates, key=cost)


def _truncate(moment: datetime, grain: str) -> datetime:
    """The start of the grain holding ``moment`` (values are reported at that start)."""
    moment = moment.replace(microsecond=0)
    if grain == "second":
        return moment
    if grain == "minute":
        return moment.replace(second=0)
    if grain == "hour":
        return moment.replace(minute=0, second=0)
    moment = moment.replace(hour=0, minute=0, second=0)
    if grain == "day":
        return moment
    if grain == "week":
        return moment - timedelta(days=moment.weekday())
    if grain == "month":
        return moment.replace(day=1)
    if grain == "quarter":
        return moment.replace(day=1, month=(moment.month - 1) // 3 * 3 + 1)
    return moment.replace(day=1, month=1)


def _shift(moment: datetime, unit: str, amount: float) -> datetime:
    """``moment`` moved by a number of units (months and years keep the day of month)."""
    if unit in ("month", "quarter", "year"):
        months = round(amount * {"month": 1, "quarter": 3, "year": 12}[unit])
        day = _add_months(moment.date(), months)
        return moment.replace(year=day.year, month=day.month, day=day.day)
    seconds = {
        "second": 1,
        "minute": 60,
        "hour": 3600,
        "day": 86400,
        "week": 604800,
        "fortnight": 1209600,
    }[unit]
    if unit in ("day", "week", "fortnight"):
        return moment + timedelta(days=round(amount * seconds / 86400))
    return moment + timedelta(seconds=amount * seconds)


def _at(day: date, tz: tzinfo | None, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """A wall-clock time on a day; hour 24 is midnight at the end of the day."""
    extra = 0
    if hour >= 24:
        extra, hour = divmod(hour, 24)
    return datetime.combine(day + timedelta(days=extra), time(hour, minute, second), tzinfo=tz)


# Which parsers can start at a token, by the categories of its phrases ("#": a number).
_DATE_PARSERS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (name, frozenset(triggers.split()))
    for name, triggers in (
        ("date_numeric", "#"),
        ("date_dm", "# dayart ordinal tens num"),
        ("date_md", "month"),
        ("date_weekday", "mod weekday"),
        ("date_dayonly", "dayart"),
        ("date_month", "mod month"),
        ("date_year", "#"),
        ("relday", "relday"),
        ("holiday", "mod holiday"),
        ("nth_of", "# dayart article ordinal tens"),
        ("week_of", "article dayart unit"),
    )
)
_COMPONENT_PARSERS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (name, frozenset(triggers.split()))
    for name, triggers in (
        ("clock", "# lead clockword num tens minphrase"),
        ("date", "# dayart ordinal tens num month mod weekday relday holiday article unit"),
        ("daypart", "daypart reldaypart"),
        ("relative", "# in agopre num tens qty duration"),
        ("span", "# mod num tens qty duration"),
        ("unit_period", "article dayart mod"),
        ("this_period", "this_period"),
        ("weekend", "mod article dayart"),
        ("season", "mod season_prep season"),
        ("quarter", "# dayart article ordinal tens"),
        ("position", "posword position"),
        ("now_word", "now nowword"),
    )
)

# ------------------------------------------------------------------------- parser


class _Parser:
    """One text, its tokens, and the grammar tried at each token."""

    def __init__(self, text: str, lang: _Lang, now: datetime) -> None:
        self.text = text
        self.L = lang
        self.now = now
        self.tz = now.tzinfo
        self.today = now.date()
        folded = text.translate(_fold_table())
        starts, ends, keys = [], [], []
        for match in _TOKEN_RE.finditer(folded):
            starts.append(match.start())
            ends.append(match.end())
            keys.append(match.group())
        self.s, self.e, self.k = starts, ends, keys
        self.n = len(keys)
        self.isnum = [key.isascii() and key.isdigit() for key in keys]
        self._cache: dict[int, dict[str, tuple[int, Any]]] = {}
        self._memo: dict[tuple[str, int, bool], Any] = {}

    # ---- token helpers

    def key(self, i: int) -> str:
        """The folded token i, or "" outside the text."""
        return self.k[i] if 0 <= i < self.n else ""

    def attached(self, i: int) -> bool:
        """Token i follows token i-1 with no space."""
        return 0 < i < self.n and self.s[i] == self.e[i - 1]

    def digit(self, i: int) -> bool:
        """Token i is a number written in ASCII digits."""
        return 0 <= i < self.n and self.isnum[i]

    def word(self, i: int) -> bool:
        """Token i starts with a letter."""
        return self.key(i)[:1].isalpha()

    def capital(self, i: int) -> bool:
        """Written with a capital then lower case ("May", not "may" nor "SAT")."""
        return 0 <= i < self.n and self.text[self.s[i] : self.e[i]].istitle()

    def m(self, i: int) -> dict[str, tuple[int, Any]]:
        """Longest phrase of each category starting at token i: {category: (end, value)}."""
        found = self._cache.get(i)
        if found is not None:
            return found
        found = {}
        node = self.L.trie
        j = i
        while j < self.n:
            key = self.k[j]
            if key == "-" and j > i and self.attached(j) and self.attached(j + 1):
                j += 1
                continue
            node = node.get(key)
            if node is None:
                break
            j += 1
            ends = node.get(_END)
            if ends:
                for cat, value in ends.items():
                    found[cat] = (j, value)
        self._cache[i] = found
        return found

    def has(self, i: int, cat: str) -> tuple[int, Any] | None:
        """The longest phrase of ``cat`` at token i, as (end, value), or None."""
        return self.m(i).get(cat) if i < self.n else None

    def prev_is(self, i: int, cat: str) -> bool:
        """A phrase of ``cat`` ends right before token i (looking back up to 3 tokens)."""
        for back in (1, 2, 3):
            hit = self.has(i - back, cat) if i - back >= 0 else None
            if hit and hit[0] == i:
                return True
        return False

    def number_ok_left(self, i: int, glued_word: bool = False) -> bool:
        """Token i is a whole number, not part of 3.14, $5, page 12, A4 (unless glued_word)."""
        prev = self.key(i - 1)
        if self.attached(i) and prev in {".", ",", ":", "/", "+"} and self.digit(i - 2):
            return False
        if self.attached(i) and (prev.isdigit() or (prev[:1].isalpha() and not glued_word)):
            return False
        if prev in _CURRENCY_AFTER or prev == "#":
            return False
        return not self.prev_is(i, "notnum")

    def number_ok_right(self, j: int) -> bool:
        """Nothing after token j-1 makes it part of a bigger number or an amount."""
        key = self.key(j)
        if key in _CURRENCY_AFTER:
            return False
        return not (
            key in {".", ",", ":", "/"}
            and self.attached(j)
            and self.digit(j + 1)
            and self.attached(j + 1)
        )

    def follow_ok(self, j: int) -> bool:
        """Token j may follow a loose clock time ("at 5" then "." or "tomorrow", not "people")."""
        if j >= self.n:
            return True
        key = self.k[j]
        if not key[:1].isalnum():
            if key in {"-", ":", "/", ".", ","} and self.digit(j + 1) and self.attached(j + 1):
                return False  # "at 650-650-6500", "at 3.5"
            return key not in _CURRENCY_AFTER
        return not _FOLLOW.isdisjoint(self.m(j))

    # ---- numbers

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
            if joiner:
                j = joiner[0]
            elif self.key(j) == "-" and self.attached(j):
                j += 1
            unit = self.has(j, "num")
            if unit and 1 <= unit[1] <= 9:
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
        if nxt in {":", "h"} or (self.attached(i + 1) and nxt[:1].isalpha()):
            return None
        return i + 1, value

    def two_digit_year(self, value: int) -> int:
        """Place a two-digit year in the century that keeps it within the window of times.toml."""
        century = self.today.year // 100 * 100
        if value <= self.today.year % 100 + self.L.yy_window:
            return century + value
        return century - 100 + value

    # ---- time zones and am/pm

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
            zone = _zone(str(name))
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
        return end, _parse_offset(f"{sign}{hours}:{minutes}")

    def ampm(self, j: int, sp: _Spec, letters: bool) -> int:
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

    # ---- clock times

    def clock(self, i: int, loose: bool = False) -> tuple[int, _Spec] | None:
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
        if end < self.n and not _NEAR_TIME.isdisjoint(self.m(end)):
            return True
        return any(self.prev_is(i, cat) for cat in ("weekday", "relday", "month", "holiday"))

    def clock_core(self, j: int, loose: bool) -> tuple[int, _Spec] | None:
        """A clock time without its lead or time zone."""
        minute_first = self.minutes_to_hour(j)
        if minute_first:
            return minute_first
        if self.digit(j):
            return self.clock_digits(j, loose)
        found = self.m(j)
        if "clockword" in found:
            end, hour = found["clockword"]
            sp = _Spec(hour=int(hour), minute=None, h24=True)
            end = self.minutes_after(end, sp, words=True)
            return self.skip_approx(end), sp
        return self.clock_words(j, loose)

    def clock_digits(self, j: int, loose: bool) -> tuple[int, _Spec] | None:
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
            sp = _Spec(hour=value, minute=minute, second=second)
            sp.h24 = value > 12 or value == 0 or key.startswith("0")
            return self.ampm(end, sp, letters=True), sp
        # 15h, 15h30, 15 heures 30 (but "pendant 2h", "for 2h" are durations)
        mark = self.has(j + 1, "hmark")
        if len(key) <= 2 and value <= 24 and mark and not self.prev_is(j, "durprep"):
            glued = self.attached(j + 1)
            if not glued and not self.word(j + 1):
                return None
            end = mark[0]
            sp = _Spec(hour=value, h24=True)
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
            if hour > 23 or minute > 59 or (len(key) == 4 and key[:2] in {"19", "20"}):
                return None
            sp = _Spec(hour=hour, minute=minute, h24=key.startswith("0") or hour > 12)
            end = self.ampm(j + 1, sp, letters=loose)
            if sp.ampm is None and not (loose and self.follow_ok(end)):
                return None
            if not self.number_ok_right(j + 1):
                return None
            return end, sp
        # 5pm, 5 o'clock, at 5
        if len(key) > 2 or value > 24:
            return None
        sp = _Spec(hour=value, h24=value > 12 or value == 0)
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

    def part_follows(self, j: int) -> bool:
        """A part of the day follows ("3 heures du matin"): a bare hour is then a time."""
        found = self.m(j)
        return "daypart" in found or "reldaypart" in found

    def clock_context(self, j: int) -> bool:
        """Words before token j that announce a time ("entre 9h", "demain 9h", "jusqu'à 9h")."""
        return any(
            self.prev_is(j, cat)
            for cat in (
                "lead",
                "rfrom",
                "rbetween",
                "rto",
                "before",
                "until",
                "after",
                "weekday",
                "relday",
                "month",
            )
        )

    def minutes_after(self, end: int, sp: _Spec, words: bool) -> int:
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

    def clock_words(self, j: int, loose: bool) -> tuple[int, _Spec] | None:
        """ "three pm", "at three twenty", "seven thirty p.m.", "à quinze heures trente"."""
        number = self.number(j)
        if number is None or self.digit(j) or not 0 <= number[1] <= 24:
            return None
        end, hour = number
        sp = _Spec(hour=hour, h24=hour > 12)
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

    def minutes_to_hour(self, j: int) -> tuple[int, _Spec] | None:
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
            sp = _Spec(hour=int(hour[1]), h24=True)
            stop = hour[0]
        else:
            number = self.number(end)
            if number is None or not 0 <= number[1] <= 24:
                return None
            if self.digit(end) and not self.number_ok_left(end):
                return None
            stop, value = number
            sp = _Spec(hour=value, h24=value > 12)
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

    def bare_hour(self, j: int) -> tuple[int, _Spec] | None:
        """A lone hour before a date or a part of the day ("9 tomorrow", "eight tonight")."""
        number = self.number(j)
        if number is None or not 0 <= number[1] <= 24:
            return None
        if self.digit(j) and (len(self.k[j]) > 2 or not self.number_ok_left(j)):
            return None
        if not self.number_ok_right(number[0]):
            return None
        return number[0], _Spec(hour=number[1], h24=number[1] > 12)

    # ---- dates

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

    def date_dm(self, i: int) -> tuple[int, _Spec] | None:
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
            return self.day_of_period(j, value) if of else None
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
        if not self.valid(year, month_value, value):
            return None
        sp = _Spec(day=value, month=month_value, year=year)
        named = self.weekday_after(j)
        if named:
            j, sp.named_wd = named
        return j, sp

    def day_of_period(self, j: int, value: int) -> tuple[int, _Spec] | None:
        """Day ``value`` of a relative month: "the 20th of next month", "le 5 du mois prochain"."""
        period = self.unit_period(j, only="month")
        if period is None or period[1].fixed is None:
            return None
        first = period[1].fixed.start.date()
        if value > _month_len(first.year, first.month):
            return None
        return period[0], _Spec(date=first.replace(day=value))

    def date_md(self, i: int) -> tuple[int, _Spec] | None:
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
            (self.key(end) == ":" and self.attached(end))
            or (self.key(end) == "h" and self.attached(end))
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
        if not self.valid(year, month_value, value):
            return None
        sp = _Spec(day=value, month=month_value, year=year)
        named = self.weekday_after(j)
        if named:
            j, sp.named_wd = named
        return j, sp

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

    def date_numeric(self, i: int) -> tuple[int, _Spec] | None:
        """ "2026-12-12", "12/12/2026", "31.10.1974", "15/2", "2014-10", "2/2013", "31 10 1974"."""
        if not self.digit(i) or not self.number_ok_left(i):
            return None
        a_key = self.k[i]
        sep = self.key(i + 1) if self.attached(i + 1) else ""
        glued = self.attached(i + 1) and self.digit(i + 2) and self.attached(i + 2)
        if sep in {"/", "-", "."} and glued:
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
                return i + 3, _Spec(day=found[0], month=found[1])
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

    def three_part(self, a: str, b: str, c: str, sep: str, end: int) -> tuple[int, _Spec] | None:
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
        return end, _Spec(year=year, month=month, day=day, ambiguous=ambiguous)

    def two_part(self, i: int, a: str, b: str, sep: str, end: int) -> tuple[int, _Spec] | None:
        """Day and month numbers (or year-month), unless the context says fraction or score."""
        if len(a) == 4 and sep in {"-", "/"} and len(b) <= 2 and 1 <= int(b) <= 12:
            if not 1900 <= int(a) <= 2100:
                return None
            return end, _Spec(year=int(a), month=int(b))
        if sep == "/" and len(b) == 4 and len(a) <= 2 and 1 <= int(a) <= 12:
            return end, _Spec(year=int(b), month=int(a))
        if len(a) > 2 or len(b) > 2 or sep == ".":
            return None
        if (a, b) == ("24", "7"):
            return None
        nxt = self.m(end) if end < self.n else {}
        if "unit" in nxt or "hmark" in nxt or "minword" in nxt:
            return None  # "1/2 hour", "3/4h"
        if end < self.n and self.word(end) and (not self.follow_ok(end) or "of" in self.m(end)):
            return None  # "3/4 of the team"
        found = self.day_month(int(a), int(b))
        if found is None:
            return None
        day, month, ambiguous = found
        if sep == "-" and (ambiguous or day == month) and not self.prev_is(i, "dateprep"):
            return None  # "2-3": a range or a score, unless "on 3-4"
        if not self.valid(None, month, day):
            return None
        return end, _Spec(month=month, day=day, ambiguous=ambiguous)

    def date_weekday(self, i: int) -> tuple[int, _Spec] | None:
        """ "Friday", "next Friday", "vendredi prochain", "Monday, Feb 18", "mercredi 13"."""
        j = i
        mode = None
        modifier = self.has(j, "mod")
        if modifier and self.has(modifier[0], "weekday"):
            j, mode = modifier
        hit = self.has(j, "weekday")
        if hit is None:
            return None
        word_at = j
        j, weekday = hit
        weekday = int(weekday)
        word = self.k[j - 1]
        evidence = False  # for weak words ("sat", "sun"): a date or a time after them
        sp = _Spec(weekday=weekday)
        post = self.has(j, "postmod")
        week = self.has(j, "wdweek")
        if week and (post is None or week[0] >= post[0]):
            j, mode = week
        elif post:
            j, mode = post
        if mode:
            text = str(mode)
            sp.ambiguous = text.endswith("?")
            sp.wd_mode = text.rstrip("?")
        else:
            k = j + 1 if self.key(j) in {",", "."} else j
            full = self.date_dm(k) or self.date_md(k) or self.date_numeric(k)
            if full and full[1].day is not None and full[1].month is not None:
                j, date_sp = full
                date_sp.named_wd = weekday
                date_sp.weekday = None
                return j, date_sp
            # "Friday the 15th", "vendredi le 15"; after "at" / "à" a number is an hour
            article = self.has(k, "dayart") or (
                None if self.has(k, "lead") else self.has(k, "conn")
            )
            start = article[0] if article else k
            day = self.day_number(start, words=True)
            if (
                day
                and _CLOCK_AFTER.isdisjoint(self.m(day[0]))
                and self.key(day[0]) != ":"
                and (self.digit(start) or day[2] or not self.L.day_needs_ordinal)
            ):
                j = day[0]
                sp.day = day[1]
                evidence = True
        if word in self.L.weak_weekdays and not (
            mode or evidence or self.prev_is(word_at, "dateprep") or self.clock(j)
        ):
            return None  # "Sun is shining", "the SAT"
        if mode is None and sp.day is None and self.past_cue(word_at):
            sp.wd_mode = "last"  # "the terms you approved on Friday": last Friday
        return j, sp

    def past_cue(self, i: int) -> bool:
        """A past verb before token i ("validées vendredi", "approved on Friday"): [past_cues]."""
        k = i - 1
        if self.key(k) in self.L.past_skip:
            k -= 1
        if k < 0 or not self.word(k):
            return False
        word = self.k[k]
        if word in self.L.past_words:
            return True
        if word in self.L.not_past or len(word) < 4 or not self.L.past_suffixes:
            return False
        written = self.text[self.s[k] : self.e[k]].lower()
        if not written.endswith(self.L.past_suffixes):
            return False
        return self.key(k - 1) not in self.L.past_not_after

    def date_dayonly(self, i: int) -> tuple[int, _Spec] | None:
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
            if value > _month_len(month_start.year, month_start.month):
                return None
            return stop, _Spec(date=month_start.replace(day=value))
        if not self.day_follow_ok(end):
            return None
        return end, _Spec(day=value)

    def day_follow_ok(self, j: int) -> bool:
        """Token j may follow a lone day ("le 3 à 14h", "the 15th."), not a noun ("le 3 est")."""
        if j >= self.n:
            return True
        key = self.k[j]
        if not key[:1].isalnum():
            return key not in _CURRENCY_AFTER and not (
                key in {"/", ":", "-", "."} and self.digit(j + 1) and self.attached(j + 1)
            )
        if self.digit(j):
            return False
        found = self.m(j)
        return (
            any(
                c in found
                for c in (
                    "lead",
                    "conn",
                    "rto",
                    "daypart",
                    "reldaypart",
                    "latest",
                    "before",
                    "after",
                    "weekday",
                    "relday",
                )
            )
            and "unit" not in found
        )

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
        return found[0], found[1].fixed.start.date() if found[1].fixed else self.today

    def date_month(self, i: int) -> tuple[int, _Spec] | None:
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
        if not (mode or year or self.prev_is(word_at, "dateprep")):
            return None
        sp = _Spec(month=value, year=year[1] if year else None)
        if mode:
            sp.month_mode = str(mode).rstrip("?")
        return j, sp

    def date_year(self, i: int) -> tuple[int, _Spec] | None:
        """ "in 2014", "since 2014", "2014-" after a date preposition only."""
        found = self.year_number(i)
        if found is None or not self.prev_is(i, "dateprep"):
            return None
        if not 1900 <= found[1] <= 2100:
            return None
        return found[0], _Spec(year=found[1])

    def relday(self, i: int) -> tuple[int, _Spec] | None:
        """Days named relative to today: today, tomorrow, après-demain."""
        hit = self.has(i, "relday")
        if hit is None:
            return None
        return hit[0], _Spec(date=self.today + timedelta(days=int(hit[1])))

    def holiday(self, i: int) -> tuple[int, _Spec] | None:
        """ "Christmas", "last thanksgiving", "Easter 2014", "labor day of last year"."""
        j = i
        mode = None
        modifier = self.has(j, "mod")
        if modifier and self.has(modifier[0], "holiday"):
            j, mode = modifier
        hit = self.has(j, "holiday")
        if hit is None:
            return None
        j, rule = hit
        year = None
        found = self.year_number(j)
        if found:
            j, year = found
        else:
            of = self.has(j, "of")
            year_of = self.year_number(of[0]) if of else None  # "Diwali in 2019"
            target = None if year_of else self.unit_period(of[0] if of else j, only="year")
            if year_of:
                j, year = year_of
            elif (
                target and target[1].fixed and (of or target[1].fixed.start.year != self.today.year)
            ):
                j, year = target[0], target[1].fixed.start.year
            else:
                later = self.relative(j)  # "thanksgiving in 3 years", "tax day two years ago"
                if later and later[1].fixed:
                    j, year = later[0], later[1].fixed.start.year
        mode = str(mode).rstrip("?") if mode else None
        this_year = self.today.year
        if year is not None:
            day = _holiday_date(rule, year)
        elif mode == "last":
            day = _holiday_date(rule, this_year)
            if day is None or day >= self.today:
                day = _holiday_date(rule, this_year - 1)
        elif mode in ("next", "next_occ"):
            day = _holiday_date(rule, this_year)
            if day is None or day < self.today:
                day = _holiday_date(rule, this_year + 1)
        else:
            options = [_holiday_date(rule, y) for y in (this_year - 1, this_year, this_year + 1)]
            day = _closest([d for d in options if d], self.today) if any(options) else None
        if day is None:
            return None
        return j, _Spec(date=day)

    def date(self, i: int) -> tuple[int, _Spec] | None:
        """The longest date starting at token i (memoised: callers copy before changing)."""
        memo = ("date", i, False)
        if memo in self._memo:
            return self._memo[memo]
        best = None
        cats = self.m(i)
        number = self.digit(i)
        for name, triggers in _DATE_PARSERS:
            if (number and "#" in triggers) or not triggers.isdisjoint(cats):
                found = getattr(self, name)(i)
                if found and (best is None or found[0] > best[0]):
                    best = found
        self._memo[memo] = best
        return best

    def week_of(self, i: int) -> tuple[int, _Spec] | None:
        """ "the week of October 7th", "la semaine du 7 octobre": the week holding that day."""
        article = self.has(i, "article") or self.has(i, "dayart")
        unit = self.has(article[0] if article else i, "unit")
        if unit is None or unit[1] != "week":
            return None
        of = self.has(unit[0], "of") or self.has(unit[0], "rfrom")
        if of is None:
            return None
        found = self.date_dm(of[0]) or self.date_md(of[0]) or self.date_numeric(of[0])
        if found is None or found[1].day is None:
            if self.key(of[0] - 1) in {"du", "le"}:
                found = self.date_dm(of[0] - 1)
            if found is None or found[1].day is None:
                return None
        day, _ = self.resolve_date(found[1], self.today)
        if day is None:
            return None
        return found[0], _Spec(fixed=_R(_at(_monday(day), self.tz), "week"))

    def nth_of(self, i: int) -> tuple[int, _Spec] | None:
        """ "first Tuesday of October", "last day of October 2015", "premier mercredi du mois"."""
        j = i
        article = self.has(j, "dayart") or self.has(j, "article")
        if article:
            j = article[0]
        if self.digit(j):
            day = self.day_number(j)
            if day is None or not day[2]:
                return None
            j, nth = day[0], day[1]
        else:
            found = self.ordinal(j)
            if found is None:
                return None
            j, nth = found
        what: str | None = None
        weekday = None
        hit = self.has(j, "weekday")
        if hit:
            j, weekday = hit[0], int(hit[1])
            what = "weekday"
        else:
            unit = self.has(j, "unit")
            weekend = self.has(j, "weekend")
            if weekend:
                j, what = weekend[0], "weekend"
            elif unit and unit[1] in ("day", "week"):
                j, what = unit[0], str(unit[1])
            else:
                return None
        of = self.has(j, "of")
        if of is None:
            return None
        j = of[0]
        month = self.month_word(j)
        if month:
            j, value, _ = month
            year = self.year_after(j, two_digits=False)
            if year:
                j = year[0]
                first = date(year[1], value, 1)
            else:
                y = self.today.year if value >= self.today.month else self.today.year + 1
                first = date(y, value, 1)
        else:
            period = self.unit_period(j, only="month")
            if period is None or period[1].fixed is None:
                return None
            j, first = period[0], period[1].fixed.start.date()
        length = _month_len(first.year, first.month)
        if what == "weekday":
            day = _nth_weekday(first.year, first.month, nth, weekday or 0)
            if day is None:
                return None
            return j, _Spec(date=day)
        if what == "day":
            value = length if nth < 0 else nth
            if value > length:
                return None
            return j, _Spec(date=first.replace(day=value))
        if what == "week":
            if nth < 0:
                monday = _monday(first.replace(day=length))
                if (monday + timedelta(days=6)).month != first.month:
                    monday -= timedelta(days=7)
            else:
                monday = _nth_weekday(first.year, first.month, nth, 0)
                if monday is None:
                    return None
            start = _at(monday, self.tz)
            return j, _Spec(fixed=_R(start, "week"))
        friday = _nth_weekday(first.year, first.month, nth, 4)
        if friday is None:
            return None
        return j, _Spec(fixed=self.weekend_at(friday))

    # ---- relative expressions and periods

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
        """A duration: (end, amount, unit), e.g. "3 days", "half an hour", "48h"."""
        whole = self.has(j, "duration")
        if whole:
            value, unit = whole[1]
            return whole[0], float(value), str(unit)
        qty = self.quantity(j)
        if qty is None:
            return None
        end, value = qty
        more = end
        if self.key(more) == "more":
            more += 1
        unit = self.has(more, "unit")
        if unit is None:
            return None
        if self.k[more] == "h" and not self.digit(more - 1):
            return None
        if value <= 0:
            return None
        return unit[0], value, str(unit[1])

    def after_now(self, value: float, unit: str, sign: int = 1) -> _R:
        """``now`` moved by a duration, cut to Duckling's grain for such expressions."""
        grain = _AFTER_GRAIN[unit]
        return _R(_truncate(_shift(self.now, unit, sign * value), grain), grain)

    def relative(self, i: int) -> tuple[int, _Spec] | None:
        """ "in 3 days", "3 days ago", "il y a 2 heures", "2 days from now", "a week hence"."""
        best = None
        prefix = self.has(i, "in") or self.has(i, "agopre")
        if prefix:
            sign = -1 if "agopre" in self.m(i) and self.m(i)["agopre"][0] == prefix[0] else 1
            found = self.amount(prefix[0])
            if found:
                end, value, unit = found
                best = (end, self.relative_spec(value, unit, sign))
        found = self.amount(i)
        if found:
            end, value, unit = found
            for cat, sign in (("ago", -1), ("hence", 1), ("hence_today", 1)):
                hit = self.has(end, cat)
                if hit and (best is None or hit[0] > best[0]):
                    if cat == "hence_today":
                        day = _shift(_at(self.today, self.tz), unit, value)
                        best = (hit[0], _Spec(fixed=_R(day, "day"), fixed_date=day.date()))
                    else:
                        best = (hit[0], self.relative_spec(value, unit, sign))
        counted = self.weekdays_from_now(i)
        if counted and (best is None or counted[0] > best[0]):
            best = counted
        return best

    def relative_spec(self, value: float, unit: str, sign: int) -> _Spec:
        """A relative time; day-sized units also give a day that a clock time can attach to."""
        found = self.after_now(value, unit, sign)
        dated = (
            found.start.date()
            if unit in ("day", "week", "fortnight", "month", "year", "quarter")
            else None
        )
        return _Spec(fixed=found, fixed_date=dated)

    def weekdays_from_now(self, i: int) -> tuple[int, _Spec] | None:
        """ "3 fridays from now", "2 thursdays ago"."""
        number = self.number(i)
        if number is None or not 1 <= number[1] <= 52:
            return None
        end, count = number
        word = self.key(end)
        if not word.endswith("s"):
            return None
        weekday = self.L.trie.get(word[:-1], {}).get(_END, {}).get("weekday")
        if weekday is None:
            return None
        for cat, sign in (("hence", 1), ("ago", -1)):
            hit = self.has(end + 1, cat)
            if hit:
                if sign > 0:
                    day = self.today + timedelta(
                        days=(int(weekday) - self.today.weekday() - 1) % 7 + 1
                    )
                    day += timedelta(days=7 * (count - 1))
                else:
                    day = self.today - timedelta(
                        days=(self.today.weekday() - int(weekday) - 1) % 7 + 1
                    )
                    day -= timedelta(days=7 * (count - 1))
                return hit[0], _Spec(date=day)
        return None

    def span(self, i: int) -> tuple[int, _Spec] | None:
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
        base = _truncate(self.now, unit)
        if mode == "last":
            start = _shift(base, unit, -count)
            last = _shift(base, unit, -1)
        else:
            start = _shift(base, unit, 1)
            last = _shift(base, unit, count)
        return end, _Spec(fixed=_R(start, unit, last, kind="interval"))

    @staticmethod
    def longer(a: Any, b: Any) -> Any:
        """The longer of two parses (the first on a tie)."""
        return b if a is None or b[0] > a[0] else a

    def unit_period(self, i: int, only: str | None = None) -> tuple[int, _Spec] | None:
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
        if name not in {"week", "month", "year", "quarter", "day"} or (only and name != only):
            return None
        if self.key(j) == "-" and self.attached(j):
            j += 1
        post = self.has(j, "postmod")
        if post and not (self.digit(j)):
            j, mode = post
        if mode is None:
            if not only:
                return None
            mode = "this"
        mode = str(mode).rstrip("?")
        step = {"this": 0, "next": 1, "next_occ": 1, "last": -1, "after_next": 2}.get(mode)
        if step is None:
            return None
        if name == "day":
            return None
        base = _truncate(self.now, name)
        start = _shift(base, name, step)
        return j, _Spec(fixed=_R(start, name))

    def this_period(self, i: int) -> tuple[int, _Spec] | None:
        """A phrase of times.toml [this_periods] ("dans la semaine": this week)."""
        hit = self.has(i, "this_period")
        if hit is None:
            return None
        unit = str(hit[1])
        return hit[0], _Spec(fixed=_R(_truncate(self.now, unit), unit))

    def weekend_at(self, friday: date) -> _R:
        """The weekend of the week of ``friday``: an hour-grain interval (times.toml [weekend])."""
        wd, hour, end_day, end_hour = (int(x) for x in self.L.weekend_span)
        friday = friday - timedelta(days=friday.weekday() - wd)
        start = _at(friday, self.tz, hour)
        end = _at(friday - timedelta(days=wd) + timedelta(days=7 + end_day), self.tz, end_hour)
        return _R(start, "hour", end - timedelta(hours=1), kind="interval")

    def weekend(self, i: int) -> tuple[int, _Spec] | None:
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
        mode = str(mode or "this").rstrip("?")
        step = {"this": 0, "next": 1, "next_occ": 1, "last": -1}.get(mode)
        if step is None:
            return None
        friday = _monday(self.today) + timedelta(days=4 + 7 * step)
        found = self.weekend_at(friday)
        found.ambiguous = mode == "next"
        return j, _Spec(fixed=found)

    def season(self, i: int) -> tuple[int, _Spec] | None:
        """ "this summer", "cet été", "l'été prochain", "summer 2014"."""
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
        if generic:
            bounds = [1, 1, 12, 31]
        post = self.has(j, "postmod")
        year = self.year_number(j)
        if post:
            j, mode = post
        elif year:
            j = year[0]
        if j == hit[0] and not prep and not modifier:
            return None
        m1, d1, m2, d2 = (int(x) for x in bounds)
        mode = str(mode or "this").rstrip("?")

        def season_of(y: int) -> tuple[date, date]:
            """The season that starts in year ``y``."""
            start = date(y, m1, d1)
            end = date(y + (1 if (m2, d2) < (m1, d1) else 0), m2, d2)
            return start, end

        if generic:
            # the season holding today, or the one just after / before it
            day = self.today
            if mode in {"next", "next_occ", "last"}:
                first = self.season_span(day)
                day = (
                    first[1] + timedelta(days=1) if mode != "last" else first[0] - timedelta(days=1)
                )
            start, end = self.season_span(day)
        elif year:
            start, end = season_of(year[1])
        else:
            start, end = season_of(self.today.year - (1 if m2 < m1 else 0))
            if end < self.today:
                start, end = season_of(start.year + 1)
            if mode == "last":
                start, end = season_of(start.year - 1)
                if end >= self.today:
                    start, end = season_of(start.year - 1)
            elif mode in {"next", "next_occ"} and start <= self.today:
                start, end = season_of(start.year + 1)
        return j, _Spec(fixed=_R(_at(start, self.tz), "day", _at(end, self.tz), kind="interval"))

    def season_span(self, day: date) -> tuple[date, date]:
        """First and last day of the season of times.toml that holds ``day``."""
        for bounds in self.L.seasons.values():
            m1, d1, m2, d2 = (int(x) for x in bounds)
            for year in (day.year - 1, day.year):
                start = date(year, m1, d1)
                end = date(year + (1 if (m2, d2) < (m1, d1) else 0), m2, d2)
                if start <= day <= end:
                    return start, end
        return date(day.year, 1, 1), date(day.year, 12, 31)

    def quarter(self, i: int) -> tuple[int, _Spec] | None:
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
                found = self.year_after(end, two_digits=False)
                if found:
                    end, year = found
        else:
            if year is not None:
                return None
            article = self.has(j, "dayart") or self.has(j, "article")
            if article:
                j = article[0]
            if self.digit(j):
                day = self.day_number(j)
                if day is None or not day[2]:
                    return None
                j, nth = day[0], day[1]
            else:
                found = self.ordinal(j)
                if found is None:
                    return None
                j, nth = found
            hit = self.has(j, "quarter")
            if hit is None or not 1 <= nth <= 4:
                return None
            end = hit[0]
            of = self.has(end, "of")
            found = self.year_after(of[0] if of else end, two_digits=False)
            if found:
                end, year = found
        if year is None:
            year = self.today.year
        start = _at(date(year, 3 * nth - 2, 1), self.tz)
        return end, _Spec(fixed=_R(start, "quarter"))

    def position(self, i: int) -> tuple[int, _Spec] | None:
        """ "end of the month", "EOD", "beginning of next week", "fin mars", "mi-décembre"."""
        word = self.has(i, "posword")
        best = None
        if word:
            where, unit = (str(x) for x in word[1])
            found = self.position_of(where, unit, 0)
            if found:
                if unit == "day":
                    found.date = None  # "EOD tomorrow": the day comes from elsewhere
                best = (word[0], found)
        hit = self.has(i, "position")
        if hit is None:
            return best
        j, where = hit[0], str(hit[1])
        for _ in range(3):
            article = self.has(j, "article")
            modifier = self.has(j, "mod")
            if article is None or (modifier and self.has(modifier[0], "unit")):
                break
            j = article[0]
        if self.key(j) == "-" and self.attached(j):
            j += 1
        target = None
        period = self.unit_period(j)
        if period is None:
            unit = self.has(j, "unit")
            if unit and unit[1] in ("day", "week", "month", "year", "quarter"):
                k = unit[0]
                post = self.has(k, "postmod")
                step = 0
                if post:
                    step = {"this": 0, "next": 1, "next_occ": 1, "last": -1}.get(
                        str(post[1]).rstrip("?"), 0
                    )
                    k = post[0]
                found = self.position_of(where, str(unit[1]), step)
                if found:
                    target = (k, found)
        else:
            k, sp = period
            if sp.fixed:
                found = self.position_at(where, sp.fixed.grain, sp.fixed.start)
                if found:
                    target = (k, found)
        month = self.month_word(j)
        if month and target is None:
            k, value, word = month
            year = self.year_after(k, two_digits=False)
            if year:
                k, y = year
            else:
                y = self.today.year if value >= self.today.month else self.today.year + 1
            found = self.position_at(where, "month", _at(date(y, value, 1), self.tz))
            if found:
                target = (k, found)
        year = self.year_number(j)
        if year and target is None:
            found = self.position_at(where, "year", _at(date(year[1], 1, 1), self.tz))
            if found:
                target = (year[0], found)
        if target is None:
            return best
        return self.longer(best, target)

    def position_of(self, where: str, unit: str, step: int) -> _Spec | None:
        """A position in the current period moved by ``step`` ("end of next month")."""
        base = _truncate(self.now, unit)
        return self.position_at(where, unit, _shift(base, unit, step))

    def position_at(self, where: str, unit: str, start: datetime) -> _Spec | None:
        """The days (hours, months) a position covers in a period, from [position_spans]."""
        bounds = self.L.spans.get(unit, {}).get(where)
        if not bounds:
            return None
        first, last = int(bounds[0]), int(bounds[1])
        if unit == "day":
            return _Spec(part=(first, last), date=start.date())
        if unit == "month":
            length = _month_len(start.year, start.month)
            return _Spec(
                fixed=_R(
                    start.replace(day=min(first, length)),
                    "day",
                    start.replace(day=min(last, length)),
                    kind="interval",
                )
            )
        if unit == "week":
            return _Spec(
                fixed=_R(
                    start + timedelta(days=first),
                    "day",
                    start + timedelta(days=last),
                    kind="interval",
                )
            )
        if unit == "year":
            return _Spec(
                fixed=_R(
                    start.replace(month=first), "month", start.replace(month=last), kind="interval"
                )
            )
        if unit == "quarter":
            return _Spec(
                fixed=_R(
                    _shift(start, "month", first - 1),
                    "month",
                    _shift(start, "month", last - 1),
                    kind="interval",
                )
            )
        return None

    def daypart(self, i: int) -> tuple[int, _Spec] | None:
        """ "tonight", "this morning", "in the afternoon", "ce soir", "en fin de journée"."""
        found = self.m(i)
        best = None
        if "reldaypart" in found:
            end, (offset, first, last) = found["reldaypart"]
            best = (
                end,
                _Spec(date=self.today + timedelta(days=int(offset)), part=(int(first), int(last))),
            )
        if "daypart" in found and (best is None or found["daypart"][0] > best[0]):
            end, (first, last) = found["daypart"]
            best = (end, _Spec(part=(int(first), int(last)), weak_part=end - i == 1))
        return best

    def now_word(self, i: int) -> tuple[int, _Spec] | None:
        """ "right now", or "now" after "by", "from", "until" (alone, a discourse word)."""
        hit = self.has(i, "now")
        if hit is None:
            word = self.has(i, "nowword")
            if word is None or not self.prev_is(i, "now_after"):
                return None
            hit = word
        return hit[0], _Spec(fixed=_R(self.now.replace(microsecond=0), "second"))

    # ---- combining

    def component(self, i: int, loose: bool = False) -> tuple[int, _Spec] | None:
        """The longest single part of an expression at token i (a date, a time, a period)."""
        memo = ("component", i, loose)
        if memo in self._memo:
            return self._memo[memo]
        cats = self.m(i)
        number = self.digit(i)
        best = None
        for name, triggers in _COMPONENT_PARSERS:  # the clock first: "mid day" is noon
            if (number and "#" in triggers) or not triggers.isdisjoint(cats):
                found = self.clock(i, loose=loose) if name == "clock" else getattr(self, name)(i)
                if found and (best is None or found[0] > best[0]):
                    best = found
        if self.key(i) in self.L.quarter_prefixes:
            found = self.quarter(i)
            if found and (best is None or found[0] > best[0]):
                best = found
        self._memo[memo] = best
        return best

    def moment(self, i: int) -> tuple[int, _Spec] | None:
        """A date, a time, a part of the day, or any compatible mix ("Friday at 5pm CET")."""
        memo = ("moment", i, False)
        if memo not in self._memo:
            self._memo[memo] = self.moment_uncached(i)
        return self._memo[memo]

    def moment_uncached(self, i: int) -> tuple[int, _Spec] | None:
        """Parts joined left to right while they fit together (date, time, part of the day)."""
        first = self.component(i)
        if first is None:
            hour = self.bare_hour(i)
            if hour is None:
                return None
            k = hour[0]
            conn = self.has(k, "conn")
            nxt = self.component(k) or (self.component(conn[0]) if conn else None)
            if nxt is None or nxt[1].has_time or nxt[1].weak_part:
                return None
            if not (nxt[1].has_date or nxt[1].part):
                return None
            merged = _merge(hour[1], nxt[1])
            if merged is None:
                return None
            first = (nxt[0], merged)
        end, sp = first
        for _ in range(3):
            candidates = [end]
            conn = self.has(end, "conn")
            if conn:
                candidates.append(conn[0])
                again = self.has(conn[0], "conn")
                if again:
                    candidates.append(again[0])
            step = None
            for k in candidates:
                found = self.component(k)
                if found:
                    merged = _merge(sp, found[1])
                    if merged is not None:
                        step = (found[0], merged)
                        break
            if step is None:
                break
            end, sp = step
        if sp.weak_part and not sp.has_date and not sp.has_time:
            return None
        return end, sp

    def endpoint(self, i: int, day_hint: str = "") -> tuple[int, _Spec] | None:
        """One end of an interval: a moment, or a lone number ("from 2 to 4pm")."""
        found = self.moment(i)
        article = self.has(i, "dayart")
        j = article[0] if article else i
        bare = self.day_number(j, words=True)
        if bare is None and self.digit(j) and len(self.k[j]) <= 2 and int(self.k[j]) <= 24:
            bare = (j + 1, int(self.k[j]), False)
        if bare and (found is None or bare[0] > found[0]):
            if (
                self.key(bare[0]) == ":"
                or not self.number_ok_right(bare[0])
                or self.has(bare[0], "hmark")
            ):
                return found  # "à 10 h": an hour, not the 10th
            return bare[0], _Spec(bare=bare[1])
        return found

    def resolve(self, sp: _Spec) -> _R | None:
        """Place a spec on the calendar."""
        if sp.fixed is not None and sp.hour is None and sp.part is None:
            return replace(sp.fixed)
        tz = sp.tz or self.tz
        ref = self.now.astimezone(tz) if sp.tz else self.now
        today = ref.date()
        day, grain = self.resolve_date(sp, today)
        if day is None and grain:
            return None
        if sp.hour is not None:
            return self.resolve_clock(sp, day, ref, tz)
        if sp.part is not None:
            base = day or today
            first, last = sp.part
            return _R(
                _at(base, tz, first),
                "hour",
                _at(base, tz, last - 1),
                kind="interval",
                ambiguous=sp.ambiguous,
                weekday=sp.named_wd,
            )
        if day is None:
            return None
        return _R(_at(day, tz), grain, ambiguous=sp.ambiguous, weekday=sp.named_wd)

    def resolve_date(self, sp: _Spec, today: date) -> tuple[date | None, str]:
        """The day (or month, year) a spec names, and its grain."""
        if sp.date is not None:
            return sp.date, "day"
        if sp.day is None and sp.month is None and sp.year is None:
            if sp.weekday is not None:
                return self.find_weekday(sp.weekday, sp.wd_mode, today), "day"
            return None, ""
        year, month, day = sp.year, sp.month, sp.day
        try:
            if day is None:
                if month is None:
                    return date(year or today.year, 1, 1), "year"
                if year is None:
                    year = today.year if month >= today.month else today.year + 1
                    mode = sp.month_mode
                    back = (today.month - month) % 12
                    if mode is None and back > 0 and back * _PAST_WEIGHT < 12 - back:
                        # the closest month, a past one counting 8x: "November
                        # figures" written in December are last month's
                        year = today.year if month < today.month else today.year - 1
                    elif mode == "last":
                        year = today.year if month < today.month else today.year - 1
                    elif mode == "this":
                        year = today.year
                    elif mode == "after_next":
                        year += 1
                return date(year, month, 1), "month"
            if month is None:
                if sp.weekday is not None:
                    first = today.replace(day=1)
                    for step in range(14):
                        start = _add_months(first, step)
                        if day <= _month_len(start.year, start.month):
                            found = start.replace(day=day)
                            if found >= today and found.weekday() == sp.weekday:
                                return found, "day"
                first = today.replace(day=1)
                options = []
                for step in (-1, 0, 1):
                    start = _add_months(first, step)
                    if day <= _month_len(start.year, start.month):
                        options.append(start.replace(day=day))
                return (_closest(options, today) if options else None), "day"
            if year is None:
                options = []
                for y in (today.year - 1, today.year, today.year + 1):
                    if self.valid(y, month, day):
                        options.append(date(y, month, day))
                return (_closest(options, today) if options else None), "day"
            return date(year, month, day), "day"
        except ValueError:
            return None, "day"

    def find_weekday(self, weekday: int, mode: str | None, today: date) -> date:
        """The day a weekday names, from the way it is modified (see times.toml).

        A bare weekday is the next one after today ("Tuesday" said on a Tuesday is
        in a week). English "next Friday" (mode "next") is the Friday of next week.
        French "vendredi prochain" (mode "next_occ") is the *coming* Friday, the
        first one after today: said on a Tuesday it is in three days. Both are
        flagged ambiguous (the "?" of times.toml), because many French speakers
        mean the Friday of next week and many English speakers the coming one;
        "vendredi suivant", "vendredi de la semaine prochaine" (mode "next") are
        next week's.
        """
        ahead = (weekday - today.weekday()) % 7
        if mode in (None, "next_occ"):
            return today + timedelta(days=ahead or 7)
        if mode == "this":
            return today + timedelta(days=ahead)
        if mode in ("next", "next_week"):
            return _monday(today) + timedelta(days=7 + weekday)
        if mode == "after_next":
            return today + timedelta(days=(ahead or 7) + 7)
        if mode == "last":
            return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
        if mode == "this_week":
            return _monday(today) + timedelta(days=weekday)
        if mode == "last_week":
            return _monday(today) + timedelta(days=weekday - 7)
        if mode == "en_huit":
            return today + timedelta(days=ahead + 7)
        if mode == "en_quinze":
            return today + timedelta(days=ahead + 14)
        return today + timedelta(days=ahead or 7)

    def resolve_clock(self, sp: _Spec, day: date | None, ref: datetime, tz: tzinfo | None) -> _R:
        """A clock time on its day; with no day, the next occurrence (an hour counts as a whole)."""
        hour = sp.hour or 0
        minute = sp.minute or 0
        second = sp.second or 0
        if hour < 0:
            hour += 24
        if sp.ampm == "pm" and hour < 12:
            hour += 12
        elif sp.ampm == "am" and hour == 12:
            hour = 0
        elif sp.ampm is None and sp.part and sp.part[0] >= 12 and hour < 12:
            hour += 12
        hours = [hour]
        if sp.ampm is None and not sp.h24 and sp.part is None and 1 <= hour < 12:
            hours.append(hour + 12)
        grain = "second" if sp.second is not None else "minute" if sp.minute is not None else "hour"
        if day is not None:
            start = _at(day, tz, hours[0], minute, second)
        else:
            floor = ref.replace(minute=0, second=0, microsecond=0)
            start = None
            for offset in (0, 1):
                for value in hours:
                    found = _at(ref.date() + timedelta(days=offset), tz, value, minute, second)
                    if found.replace(minute=0, second=0) >= floor:
                        start = found
                        break
                if start is not None:
                    break
            if start is None:
                start = _at(ref.date() + timedelta(days=1), tz, hours[0], minute, second)
        return _R(
            start,
            grain,
            has_time=True,
            has_tz=sp.tz is not None,
            ambiguous=sp.ambiguous,
            weekday=sp.named_wd,
        )

    # ---- top level

    def range(self, i: int) -> tuple[int, _R] | None:
        """ "from 2 to 4pm", "entre 14h et 16h", "du 3 au 5 mars", "July 13-15", "Thu 9-11am"."""
        j = i
        pre = None
        lead = self.date(j) or self.relday(j)
        if lead and not lead[1].has_time:
            k = lead[0]
            conn = self.has(k, "conn")
            for start in (k, conn[0] if conn else None):
                if start is not None and (self.has(start, "rfrom") or self.has(start, "rbetween")):
                    pre, j = lead[1], start
                    break
            else:
                if self.digit(k):
                    pre, j = lead[1], k
        opener = self.has(j, "rfrom")
        hint = str(opener[1]) if opener else ""  # what two lone numbers are: "day", "hour"
        between_word = self.has(j, "rbetween")
        if between_word and (opener is None or between_word[0] > opener[0]):
            opener, hint = between_word, ""
        between = between_word is not None and opener is not None and between_word[0] == opener[0]
        if opener:
            j = opener[0]
        left = self.endpoint(j)
        if left is None:
            return None
        k, lsp = left
        sep = self.has(k, "rto")
        if sep is None:
            return None
        joined = self.has(k, "rand")
        if joined and joined[0] == sep[0] and not between:
            return None  # "and" joins two ends only after "between"
        right = self.endpoint(sep[0])
        if right is None:
            return None
        end, rsp = right
        if lsp.bare is not None and rsp.bare is not None:
            if not opener or not hint:
                return None
            if hint == "hour":
                lsp, rsp = (
                    _Spec(hour=lsp.bare, h24=lsp.bare > 12),
                    _Spec(hour=rsp.bare, h24=rsp.bare > 12),
                )
            else:
                lsp, rsp = _Spec(day=lsp.bare), _Spec(day=rsp.bare)
        post = None
        if not (lsp.has_date or rsp.has_date) and pre is None:
            conn = self.has(end, "conn")
            for k2 in (end, conn[0] if conn else None):
                if k2 is None:
                    continue
                found = self.date(k2) or self.relday(k2)
                if found and not found[1].has_time:
                    post = found
                    break
        if post:
            end, pre = post[0], post[1]
        pair = self.join(lsp, rsp, pre)
        if pair is None:
            return None
        return end, pair

    def join(self, lsp: _Spec, rsp: _Spec, pre: _Spec | None) -> _R | None:
        """Resolve both ends of an interval, each borrowing what the other says."""
        if lsp.bare is not None:
            if rsp.has_time:
                lsp = _Spec(hour=lsp.bare, h24=lsp.bare > 12)
            elif rsp.day is not None:
                lsp = _Spec(day=lsp.bare)
            else:
                return None
        if rsp.bare is not None:
            if lsp.has_time:
                rsp = _Spec(hour=rsp.bare, h24=rsp.bare > 12)
            elif lsp.day is not None:
                rsp = _Spec(day=rsp.bare)
            else:
                return None
        if lsp.has_time != rsp.has_time and not (lsp.part or rsp.part):
            return None  # "Monday to 5pm"
        if pre is not None:
            lsp = _merge(pre, lsp) if not lsp.has_date else lsp
            rsp = _merge(pre, rsp) if rsp is not None and not rsp.has_date else rsp
            if lsp is None or rsp is None:
                return None
        lsp, rsp = replace(lsp), replace(rsp)
        for one, other in ((lsp, rsp), (rsp, lsp)):
            # "13 to 15 July": the month and year; "9:30 - 11:00 CST": the zone
            if one.day is not None:
                one.month = one.month if one.month is not None else other.month
            if one.day is not None or one.month is not None:
                one.year = one.year if one.year is not None else other.year
            if one.day is not None or one.has_time:
                one.tz = one.tz if one.tz is not None else other.tz
        if lsp.has_time and rsp.has_time:
            if lsp.ampm is None and rsp.ampm is not None and not lsp.h24:
                lsp.ampm = rsp.ampm
                if rsp.ampm == "pm" and (lsp.hour or 0) % 12 > (rsp.hour or 0) % 12:
                    lsp.ampm = None
                    lsp.h24 = True
            if lsp.part is None and rsp.part is not None:
                lsp.part = rsp.part
            if (
                lsp.ampm is None
                and rsp.ampm is None
                and not lsp.h24
                and (rsp.h24 or rsp.hour == 12)
                and (lsp.hour or 0) + 12 >= (rsp.hour or 0)
            ):
                lsp.h24 = True  # "8:00 to 18:00", "9:00 to 12:00": the morning
            lsp.h24 = lsp.h24 or lsp.ampm is not None or rsp.ampm is not None
            for name in ("date", "weekday", "wd_mode", "day"):
                if getattr(rsp, name) is not None and getattr(lsp, name) is None:
                    setattr(lsp, name, getattr(rsp, name))
        if (
            lsp.day is not None
            and rsp.day is not None
            and lsp.month is None
            and rsp.month is not None
        ):
            lsp.month = rsp.month if lsp.day <= rsp.day else (rsp.month - 2) % 12 + 1
        left = self.resolve(lsp)
        if left is None:
            return None
        if lsp.has_time and rsp.has_time and not rsp.has_date:
            local = left.start
            rsp.date = local.date()
            rsp.h24 = True
        right = self.resolve(rsp)
        if right is None:
            return None
        if right.start < left.start:
            if (
                rsp.has_time
                and right.start.hour < 12
                and rsp.ampm is None
                and right.start + timedelta(hours=12) >= left.start
            ):
                right.start += timedelta(hours=12)  # "9 to 5"; "22:00-00:00" crosses midnight
            elif rsp.has_time and not (rsp.day or rsp.weekday is not None):
                right.start += timedelta(days=1)
            elif rsp.year is None and rsp.month is not None:
                try:
                    right.start = right.start.replace(year=right.start.year + 1)
                except ValueError:  # 29 February
                    return None
            elif rsp.weekday is not None and rsp.day is None:
                right.start += timedelta(days=7)  # "Friday to Monday"
            if right.start < left.start:
                return None
        grain = left.grain if _RANK[left.grain] >= _RANK[right.grain] else right.grain
        return _R(
            left.start,
            grain,
            right.end or right.start,
            kind="interval",
            has_time=left.has_time or right.has_time,
            has_tz=left.has_tz or right.has_tz,
            ambiguous=left.ambiguous or right.ambiguous,
            # The value is the start: only the start's written weekday can be
            # checked against it ("from Wednesday to Thursday 17 December").
            weekday=left.weekday,
        )

    def open(self, i: int) -> tuple[int, _R] | None:
        """ "by Friday 5pm", "avant 16h", "after 2pm", "within 48 hours", "jeudi après 9h30"."""
        pre = None
        j = i
        found = self.m(j)
        if not any(c in found for c in ("before", "until", "after", "within")):
            lead = self.date(i) or self.daypart(i)
            if lead is None or lead[1].has_time:
                return None
            k = lead[0]
            conn = self.has(k, "conn")
            for start in (k, conn[0] if conn else None):
                if start is not None and not _OPEN_CATS.isdisjoint(self.m(start)):
                    pre, j = lead[1], start
                    break
            else:
                return None
            found = self.m(j)
        best: tuple[int, _R] | None = None
        within = found.get("within")
        if within and pre is None:
            amount = self.amount(within[0])
            if amount:
                end, value, unit = amount
                bound = self.after_now(value, unit)
                bound.kind, bound.direction = "open_interval", "before"
                best = (end, bound)
        after = found.get("after_amount")
        if after and pre is None:
            amount = self.amount(after[0])  # "after 5 days"
            if amount and not self.has(amount[0], "ago") and not self.has(amount[0], "hence"):
                end, value, unit = amount
                bound = self.after_now(value, unit)
                bound.kind, bound.direction = "open_interval", "after"
                best = self.longer(best, (end, bound))
        for cat in ("before", "until", "after"):
            hit = found.get(cat)
            if hit is None:
                continue
            if cat == "before" and "lead" in self.m(hit[0]) and self.key(hit[0] - 1) == "by":
                continue  # "stop by at 6:30": a visit, not a deadline
            target = self.moment(hit[0])
            if target is None and self.key(hit[0] - 1) in {"du", "le", "au"}:
                day = self.day_number(hit[0])
                if day and self.day_follow_ok(day[0]):
                    target = (day[0], _Spec(day=day[1]))
            if target is None:
                continue
            end, sp = target
            if pre is not None:
                sp = _merge(pre, sp)
                if sp is None:
                    continue
            bound = self.resolve(sp)
            if bound is None or bound.kind in ("open_interval", "vague"):
                continue
            bound = replace(bound, kind="open_interval", direction=cat)
            if best is None or end > best[0]:
                best = (end, bound)
        return best

    def compound(self, end: int) -> bool:
        """An expression ending before token ``end`` is the first half of a hyphenated word.

        "first-aid", "second-hand": a hyphen glued on both sides, then a word that is
        no time word ("Friday-ish", "Monday-Friday" stay times).
        """
        return (
            self.key(end) == "-"
            and self.text[self.s[end]] in "-\u2010\u2011"  # a hyphen, not a dash
            and self.attached(end)
            and self.attached(end + 1)
            and self.word(end + 1)
            and not self.m(end + 1)
        )

    def parse_at(self, i: int) -> tuple[int, _R] | None:
        """The longest expression at token i: a moment, an interval or an open interval."""
        best: tuple[int, _R] | None = None
        found = self.moment(i)
        if found:
            resolved = self.resolve(found[1])
            if resolved is not None:
                best = (found[0], resolved)
        for parse in (self.range, self.open):
            other = parse(i)
            if other and (best is None or other[0] > best[0]):
                best = other
        if best is None:
            return None
        end, result = best
        if self.compound(end):
            return None  # "the first-aid kit", "a second-hand car"
        latest = self.has(end, "latest")
        if latest and (result.kind in ("instant", "interval") or result.direction in _DEADLINE):
            best = (latest[0], replace(result, kind="open_interval", direction="before"))
        return best

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
                i += 1
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
                if later and (found is None or later[0] > found[0]):
                    # "plus tard": after now, not a deadline (times.toml [now] later)
                    moment = _truncate(self.now, "minute")
                    found = (
                        later[0],
                        _R(moment, "minute", kind="open_interval", direction="after"),
                    )
            if found is None:
                i += 1
                continue
            end, result = found
            out.append(self.expr(i, end, result, field))
            i = end
        return out

    def expr(self, i: int, end: int, r: _R, field: str) -> TimeExpr:
        """The public TimeExpr of a result, with offsets into the original text."""
        start, stop = self.s[i], self.e[end - 1]
        return TimeExpr(
            text=self.text[start:stop],
            start=start,
            end=stop,
            value=_truncate(r.start, r.grain).isoformat(),
            grain=r.grain,
            kind=r.kind,
            end_value=r.end.isoformat() if r.end is not None else None,
            direction=r.direction,
            has_time=r.has_time,
            has_timezone=r.has_tz,
            ambiguous=r.ambiguous,
            weekday=r.weekday,
            field=field,
        )


def _merge_appositions(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """ "by tomorrow, Tuesday 15 December, 4 pm CET": one deadline, not two.

    A day ("tomorrow", « demain ») followed after a comma by a fuller
    expression of the same day is that expression, keeping the first one's
    direction ("by", « avant »).
    """
    found = sorted(found, key=lambda t: t.start)
    merged: list[TimeExpr] = []
    for expr in found:
        head = merged[-1] if merged else None
        if (
            head is not None
            and head.grain == "day"
            and not head.has_time
            and head.value
            and expr.value
            and expr.direction is None
            and expr.kind == "instant"
            and head.value[:10] == expr.value[:10]
            and text[head.end : expr.start].strip() == ","
        ):
            merged[-1] = replace(
                expr,
                text=text[head.start : expr.end],
                start=head.start,
                kind=head.kind,
                direction=head.direction,
            )
            continue
        merged.append(expr)
    return merged


def find_times(text: str, lang: str, now: datetime, field: str = "body") -> list[TimeExpr]:
    """Time expressions and vague deadlines of ``text``, sorted, non-overlapping.

    ``lang`` is a pack code ("en", "fr"); ``now`` is the reference time (a
    naive ``now`` is taken in the machine's local time zone). Where two
    expressions overlap the longer one is kept.
    """
    vocabulary = _lang(lang)
    if vocabulary is None or not text:
        return []
    if now.tzinfo is None:
        now = now.astimezone()
    found = _merge_appositions(text, _Parser(text, vocabulary, now).run(field))
    if vocabulary.vague_regex is None:
        return found
    if vocabulary.vague_regex is not None:
        for hit in vocabulary.vague_regex.finditer(text):
            found.append(
                TimeExpr(
                    text=hit.text,
                    start=hit.start,
                    end=hit.end,
                    value=None,
                    kind="vague",
                    vague=True,
                    field=field,
                )
            )
    found.sort(key=lambda t: (t.start, t.start - t.end))
    kept: list[TimeExpr] = []
    for expr in found:
        if kept and expr.start < kept[-1].end:
            if expr.end - expr.start > kept[-1].end - kept[-1].start:
                kept[-1] = expr
            continue
        kept.append(expr)
    return kept
