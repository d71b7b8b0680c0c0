"""Fixes of dates and times: add the zone, write a numeric date in full, fix a weekday.

The zone comes from the ``timezone`` setting (an IANA name such as
``Europe/Paris``), written as the draft's language writes it: a name from
the pack's ``times.toml`` (« heure de Paris ») or the zone's abbreviation
(CET). Numeric dates are read as msglint read them (the pack's order, or
DL04's ``date_order`` option).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from msglint.fixes import fixer
from msglint.fixes.common import field_text
from msglint.fixes.model import Edit, Fix

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis, TimeExpr
    from msglint.lang import LanguagePack
    from msglint.rules.base import Hit

Settings = Mapping[str, Any]
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{2,4}))?(?![\d/.-]*\d)")
ORDERS = ("auto", "dmy", "mdy", "ymd")


def _say(a: Analysis, key: str, **args: Any) -> str:
    return a.pack.message("_fix", key, **args)


def _time_at(a: Analysis, hit: Hit) -> TimeExpr | None:
    return next((t for t in a.times if t.field == hit.field and t.start <= hit.start < t.end), None)


def _value(time: TimeExpr | None) -> datetime | None:
    return time.value if time is not None else None


def zone_label(pack: LanguagePack, zone: str, moment: datetime) -> str | None:
    """How the pack writes ``zone`` after a time: « (heure de Paris) », "CET"."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    known: dict[str, str] = pack.data("times").get("timezones", {})
    named = [k for k, v in known.items() if v == zone and " " in k]
    if pack.code != "en" and named:
        words = named[0].split(" ")
        last = words[-1]
        cut = max(last.rfind("'"), last.rfind("’")) + 1
        words[-1] = last[:cut] + last[cut:].capitalize()
        return f"({' '.join(words)})"
    abbreviation = info.tzname(moment.replace(tzinfo=None))
    if abbreviation and abbreviation.lower() in known:
        return abbreviation.upper()
    if named:
        return f"({named[0]})"
    offset = info.utcoffset(moment.replace(tzinfo=None))
    if offset is None:
        return None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@fixer("DL03")
def add_zone(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """Append the configured zone after the time; no ``timezone`` setting, no fix."""
    zone = str(config.get("timezone") or "")
    moment = _value(_time_at(a, hit))
    if not zone or moment is None:
        return None
    label = zone_label(a.pack, zone, moment)
    if label is None:
        return None
    content = f" {label}"
    edit = Edit(hit.end, hit.end, content, hit.field)
    return Fix("safe", _say(a, "add_zone", content=label), (edit,))


def day_number(pack: LanguagePack, day: int) -> str:
    """ "1", « 1er »: the pack's ``first_day`` word for the first of a month."""
    return (pack.messages()["_words"].get("first_day") or "1") if day == 1 else str(day)


def format_day(pack: LanguagePack, day: date, weekday: bool = False, year: bool = True) -> str:
    """ "4 March 2027", « 1er mars 2027 », with the weekday when asked."""
    words = pack.messages()["_words"]
    number = day_number(pack, day.day)
    text = f"{number} {words['months'][day.month - 1]}"
    if year:
        text += f" {day.year}"
    if weekday:
        text = f"{words['weekdays'][day.weekday()]} {text}"
    return text


def _read_numeric(match: re.Match[str], order: str, fallback_year: int) -> date | None:
    first, second, third = match.group(1), match.group(3), match.group(4)
    if order == "ymd":
        if third is None or len(first) != 4:
            return None
        y, m, d = int(first), int(second), int(third)
    else:
        if len(first) > 2:
            return None
        d, m = (int(first), int(second)) if order == "dmy" else (int(second), int(first))
        y = fallback_year if third is None else int(third)
        if third is not None and len(third) == 2:
            y += 2000
    try:
        return date(y, m, d)
    except ValueError:
        return None


@fixer("DL04")
def full_date(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """03/04/2027 → "4 March 2027"; "next Friday" → "Friday 25 December".

    Unsafe: the date written out is the one msglint read (the pack's
    ``date_order``, or the rule's when set), which only the author can confirm.
    """
    text = field_text(a, hit.field)
    span = text[hit.start : hit.end]
    moment = _value(_time_at(a, hit))
    match = _NUMERIC.search(span)
    if match is None:
        if moment is None or any(c.isdigit() for c in span):
            return None
        content = format_day(a.pack, moment.date(), weekday=True, year=False)
        start = hit.start + _after_cue(a, span)
        edit = Edit(start, hit.end, content, hit.field)
        return Fix("unsafe", _say(a, "full_date", content=content), (edit,))
    order = str(options.get("date_order") or "auto")
    day = (
        _read_numeric(match, order, moment.year if moment else a.now.year)
        if order in ORDERS[1:]
        else None
    )
    if day is None and moment is not None:
        day = moment.date()
    if day is None:
        return None
    content = format_day(a.pack, day, year=match.group(4) is not None)
    edit = Edit(hit.start + match.start(), hit.start + match.end(), content, hit.field)
    return Fix("unsafe", _say(a, "full_date", content=content), (edit,))


def _after_cue(a: Analysis, span: str) -> int:
    """Where the date starts in "by next Friday" / « avant jeudi prochain »."""
    for cue in a.pack.lexicon("deadline_cues").finditer(span):
        if cue.start == 0:
            end = cue.end
            while end < len(span) and span[end] == " ":
                end += 1
            return end
        break
    return 0


def _weekday_word(pack: LanguagePack, span: str) -> re.Match[str] | None:
    names = "|".join(re.escape(n) for n in pack.messages()["_words"]["weekdays"])
    return re.search(rf"\b(?:{names})\b", span, re.IGNORECASE)


def _like(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word[:1].lower() + word[1:]


@fixer("DL05")
def weekday(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """Offer both corrections: the weekday the date falls on, or the nearest date
    on the weekday written. Both unsafe: only the author knows which is meant."""
    text = field_text(a, hit.field)
    span = text[hit.start : hit.end]
    time = _time_at(a, hit)
    moment = _value(time)
    found = _weekday_word(a.pack, span)
    if moment is None or found is None or time is None or time.weekday is None:
        return None
    names = a.pack.messages()["_words"]["weekdays"]
    actual = _like(found.group(), names[moment.weekday()])
    start = hit.start + found.start()
    first = Fix(
        "unsafe",
        _say(a, "weekday", content=actual),
        (Edit(start, hit.start + found.end(), actual, hit.field),),
    )
    shift = min(
        (d for d in range(-3, 4) if (moment + timedelta(days=d)).weekday() == time.weekday),
        key=abs,
    )
    target = (moment + timedelta(days=shift)).date()
    number = re.search(rf"\b{moment.day}(?:er)?\b", span[found.end() :])
    if number is None or target.month != moment.month:
        return first
    day_text = day_number(a.pack, target.day)
    at = hit.start + found.end() + number.start()
    second = Fix(
        "unsafe",
        _say(a, "date", content=format_day(a.pack, target, weekday=True)),
        (Edit(at, at + len(number.group()), day_text, hit.field),),
    )
    return Fix(first.applicability, first.message, first.edits, (second,))
