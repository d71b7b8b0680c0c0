"""A proposed subject for a missing or generic one (SJ01, SJ02): the main ask and its deadline.

"Quick question" over "Could you send the figures for the Q3 report by
Friday noon?" becomes "Figures for the Q3 report — needed by Fri 18 Dec,
12:00". The object of the ask comes from the parse; the date is written the
way the draft's language writes dates. Unsafe: a proposal to review.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from msglint.fixes import fixer
from msglint.fixes.model import Edit, Fix

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis, Ask, Deadline
    from msglint.lang import LanguagePack
    from msglint.rules.base import Hit

Settings = Mapping[str, Any]
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_DROP_FIRST = frozenset({"det", "poss", "nmod:poss"})
_MAX_WORDS = 9


def main_ask(a: Analysis) -> tuple[Ask, Deadline | None] | None:
    """The ask a subject should name, and its deadline."""
    if not a.asks:
        return None
    loose = [ask for ask in a.asks if not ask.secondary] or list(a.asks)
    ask = loose[0]
    index = a.asks.index(ask)
    deadline = next((d for d in a.deadlines if d.ask == index and not d.vague), None)
    if deadline is None:
        deadline = next((d for d in a.deadlines if not d.vague and d.field == "body"), None)
    return ask, deadline


def ask_core(a: Analysis, ask: Ask) -> str:
    """The object of the ask and what follows it ("figures for the Q3 report"),
    up to a comma, a conjunction or the deadline; else the ask's first words."""
    words: list[str] = []
    if a.doc is not None:
        span = a.doc.char_span(ask.start, ask.end, alignment_mode="expand")
        tokens = list(span or ())
        objects = [t for t in tokens if t.dep_ in _OBJECT_DEPS and t.head.pos_ in ("VERB", "AUX")]
        if objects:
            start = min(t.i for t in objects[0].subtree if t.i >= tokens[0].i)
            for token in tokens[start - tokens[0].i :]:
                if token.is_punct and token.text not in ("-", "'", "’"):
                    break
                if token.pos_ in ("CCONJ", "SCONJ") or _is_deadline_word(a, token.idx):
                    break
                words.append(token.text_with_ws)
            while words and tokens[start - tokens[0].i].dep_ in _DROP_FIRST:
                words = words[1:]
                start += 1
    text = "".join(words).strip() if words else ask.text.rstrip(" ?.!")
    return " ".join(text.split()[:_MAX_WORDS])


def ask_summary(a: Analysis, ask: Ask, max_words: int = 12) -> str:
    """The ask's core for a checklist: its verb and object ("send the figures for
    the Q3 report"), else its first words; "…" when words were left out."""
    text = " ".join(ask.text.split())
    if a.doc is not None:
        span = a.doc.char_span(ask.start, ask.end, alignment_mode="expand")
        tokens = list(span or ())
        objects = [t for t in tokens if t.dep_ in _OBJECT_DEPS and t.head.pos_ in ("VERB", "AUX")]
        if objects and len(text.split()) > max_words:
            verb = objects[0].head
            first = min([verb.i, *(t.i for t in objects[0].subtree)])
            words: list[str] = []
            for token in tokens[max(0, first - tokens[0].i) :]:
                if token.i > verb.i and token.is_punct and token.text not in ("-", "'", "’"):
                    break
                if token.i > objects[0].i and token.pos_ in ("CCONJ", "SCONJ"):
                    break
                if _is_deadline_word(a, token.idx):
                    break
                words.append(token.text_with_ws)
            core = "".join(words).strip()
            if core:
                return " ".join(core.split()[:max_words]) + " …"
    parts = text.split()
    return text if len(parts) <= max_words else " ".join(parts[:max_words]) + " …"


def _is_deadline_word(a: Analysis, offset: int) -> bool:
    return any(d.field == "body" and d.start <= offset < d.end for d in a.deadlines)


def human_date(pack: LanguagePack, moment: datetime | None, has_time: bool) -> str | None:
    """ "Fri 18 Dec, 17:00" / « ven. 18 déc., 17 h »."""
    if moment is None:
        return None
    words = pack.messages()["_words"]
    day = f"{words['weekdays_short'][moment.weekday()]} {moment.day} "
    day += words["months_short"][moment.month - 1]
    if not has_time:
        return day
    clock = words.get("clock", "{hour:02d}:{minute:02d}")
    if not moment.minute:
        clock = words.get("clock_on_the_hour", clock)
    return f"{day}, " + clock.format(hour=moment.hour, minute=moment.minute)


def _zone_in(a: Analysis, text: str) -> str | None:
    """The zone as the deadline writes it ("CET", "(heure de Paris)")."""
    import re
    import unicodedata

    def plain(value: str) -> str:
        decomposed = unicodedata.normalize("NFD", value.lower())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    folded = plain(text)
    best: re.Match[str] | None = None
    for key in a.pack.data("times").get("timezones", {}):
        for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            if best is None or len(match.group()) > len(best.group()):
                best = match
    if best is None or len(folded) != len(text):
        return None
    found = text[best.start() : best.end()]
    if text[best.start() - 1 : best.start()] == "(" and text[best.end() : best.end() + 1] == ")":
        return f"({found})"
    return found


def proposed_subject(a: Analysis) -> str | None:
    found = main_ask(a)
    if found is None:
        return None
    ask, deadline = found
    core = ask_core(a, ask)
    if not core:
        return None
    subject = core[0].upper() + core[1:]
    when = human_date(a.pack, deadline.value, deadline.has_time) if deadline else None
    zone = _zone_in(a, deadline.text) if deadline and deadline.has_timezone else None
    if when and zone:
        when += f" {zone}"
    if when:
        subject += " — " + a.pack.message("_fix", "needed_by", date=when)
    return subject


def _subject_fix(a: Analysis, hit: Hit) -> Fix | None:
    subject = proposed_subject(a)
    if subject is None:
        return None
    current = a.subject or ""
    start, end = (hit.start, hit.end) if hit.end > hit.start else (0, len(current))
    if current[start:end] == subject:
        return None
    message = a.pack.message("_fix", "subject", content=subject)
    return Fix("unsafe", message, (Edit(start, end, subject, "subject"),))


@fixer("SJ01")
def missing_subject(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """Propose a subject made of the main ask and its deadline."""
    return _subject_fix(a, hit)


@fixer("SJ02")
def generic_subject(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """Replace the generic words with the main ask and its deadline."""
    return _subject_fix(a, hit)
