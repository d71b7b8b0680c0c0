"""The reply splitter's patterns: ``msglint/lang/reply_patterns.toml``, compiled once.

Every word and layout the splitter knows (attributions, separators, header
fields, Lotus Notes sender lines, list footers, sign-offs, contact lines) is
data in that file; this module validates and compiles it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from msglint.config_io import load_toml
from msglint.errors import MsglintError

_PATTERNS_FILE = Path(__file__).resolve().parent.parent / "lang" / "reply_patterns.toml"

Pattern = re.Pattern[str]


@dataclass(frozen=True)
class Patterns:
    quote_prefixes: tuple[str, ...]
    quote_pattern: Pattern
    not_quoted: Pattern
    prompt: Pattern
    armor_signed: Pattern
    armor_start: Pattern
    armor_end: Pattern
    elision: Pattern
    continuation: Pattern
    orphan_max_chars: int
    wrapped_min_chars: int
    attribution: Pattern
    attribution_lines: int
    verbs: tuple[str, ...]
    inline_start: Pattern | None
    first_line: Pattern
    after_blank: Pattern
    above_quote: Pattern
    history: Pattern
    wrapped: Pattern
    wrapped_max_chars: int
    glued: Pattern
    rule: Pattern
    field_line: Pattern
    field_groups: tuple[str, ...]
    min_fields: int
    field_window: int
    notes_date: Pattern
    notes_sender: Pattern
    notes_above: int
    footer_start: Pattern
    footer_after_rule: Pattern
    footer_max: int
    delimiter: Pattern
    short_delimiter: Pattern
    weak_delimiter: Pattern
    max_after_delimiter: int
    mobile: Pattern
    disclaimer: Pattern
    signoff: Pattern
    signoff_line: Pattern
    max_after_signoff: int
    dash_name: Pattern
    list_item: Pattern
    name_particles: frozenset[str]
    contact: Pattern
    max_contact_lines: int
    short_chars: int
    short_words: int


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any space."""
    unique = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


def _compile(items: Sequence[str], subst: dict[str, str] | None = None) -> Pattern:
    """One case-insensitive pattern matching where any of ``items`` matches.

    ``{name}`` placeholders are replaced by ``subst[name]`` first. An empty
    list gives a pattern that never matches.
    """
    expanded = []
    for item in items:
        for key, value in (subst or {}).items():
            item = item.replace("{" + key + "}", value)
        expanded.append(item)
    try:
        return re.compile("|".join(f"(?:{item})" for item in expanded) or r"(?!)", re.IGNORECASE)
    except re.error:
        for item in expanded:  # name the broken item
            try:
                re.compile(item)
            except re.error as exc:
                raise re.error(f"{exc} in {item!r}") from None
        raise


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    data: dict[str, Any] = load_toml(_PATTERNS_FILE)
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise MsglintError(str(_PATTERNS_FILE), f"invalid reply patterns: {detail}") from None


def _build(data: dict[str, Any]) -> Patterns:
    """Compile the reply patterns file's data."""
    attribution = data["attribution"]
    subst = {
        "starts": _alternation(attribution["starts"]),
        "verbs": _alternation(attribution["verbs"]),
        "prose_openers": _alternation(attribution.get("prose_openers", ["\0"])),
        **{key: str(value) for key, value in data.get("placeholders", {}).items()},
    }
    fields = data["fields"]
    groups = ("from", "sent", "date", "to", "subject", "cc", "reply_to")
    labels = "|".join(f"(?P<{name}>{_alternation(fields.get(name, []))})" for name in groups)
    signature = data["signature"]
    signoffs = _alternation(signature["signoff"])
    name = signature["name_after_signoff"]
    quote, separator = data["quote"], data["separator"]
    armor = data.get("armor", {})
    notes, footer = data.get("notes", {}), data.get("footer", {})
    notes_subst = {**subst, "datetime": str(notes.get("datetime", r"(?!)"))}
    return Patterns(
        quote_prefixes=tuple(quote["prefixes"]),
        quote_pattern=_compile(quote.get("prefix_patterns", [])),
        not_quoted=_compile(quote.get("not_quoted", [])),
        prompt=_compile([quote["prompt"]] if "prompt" in quote else []),
        armor_signed=_compile([armor["signed_start"]] if "signed_start" in armor else []),
        armor_start=_compile([armor["block_start"]] if "block_start" in armor else []),
        armor_end=_compile([armor["block_end"]] if "block_end" in armor else []),
        elision=_compile(quote.get("elision", [])),
        continuation=_compile(quote.get("continuation", [])),
        orphan_max_chars=int(quote.get("orphan_max_chars", 0)),
        wrapped_min_chars=int(quote.get("wrapped_min_chars", 0)),
        attribution=_compile(attribution["patterns"], subst),
        attribution_lines=int(attribution.get("max_lines", 4)),
        # Every attribution ends with a colon, a dash or one of its verbs.
        verbs=tuple(" ".join(v.lower().split()) for v in attribution["verbs"] if v.strip()),
        inline_start=(
            _compile([attribution["inline_start"]], subst)
            if attribution.get("inline_start")
            else None
        ),
        first_line=_compile([attribution["first_line"]], subst),
        after_blank=_compile([attribution["after_blank"]], subst),
        above_quote=_compile(attribution.get("above_quote", []), subst),
        history=_compile(separator["history"], subst),
        wrapped=_compile([separator["wrapped"]] if separator.get("wrapped") else []),
        wrapped_max_chars=int(separator.get("wrapped_max_chars", 0)),
        glued=_compile([separator["glued"]] if separator.get("glued") else []),
        rule=re.compile(separator["rule"]),
        field_line=re.compile(fields["line"].replace("{label}", labels), re.IGNORECASE),
        field_groups=groups,
        min_fields=int(fields.get("min_fields", 2)),
        field_window=int(fields.get("max_lines", 12)),
        notes_date=_compile([notes["date"]] if notes.get("date") else [], notes_subst),
        notes_sender=_compile(
            [*notes.get("sender_date", []), *notes.get("respond_to", [])], notes_subst
        ),
        notes_above=int(notes.get("max_lines_above", 6)),
        footer_start=_compile(footer.get("start", [])),
        footer_after_rule=_compile(footer.get("after_rule", [])),
        footer_max=int(footer.get("max_lines", 12)),
        delimiter=_compile(signature["delimiter"]),
        short_delimiter=_compile(signature.get("short_delimiter", [])),
        weak_delimiter=_compile(signature.get("weak_delimiter", [])),
        max_after_delimiter=int(signature["max_lines_after_delimiter"]),
        mobile=_compile(signature["mobile"]),
        disclaimer=_compile(signature.get("disclaimer", [])),
        # "Best,", and "Regards, Roman" (the named group) in one pattern.
        signoff=re.compile(
            rf"^(?:{signoffs})(?P<named>\s*[,\u2013\u2014-]+\s*{name})?[\W_]*$", re.IGNORECASE
        ),
        signoff_line=_compile(signature.get("signoff_line", [])),
        max_after_signoff=int(signature["max_lines_after_signoff"]),
        dash_name=re.compile(signature["dash_name"]),
        list_item=re.compile(signature["list_item"]),
        name_particles=frozenset(w.lower() for w in signature.get("name_particles", [])),
        contact=_compile(signature["contact"]),
        max_contact_lines=int(signature["max_contact_lines"]),
        short_chars=int(signature["short_line_chars"]),
        short_words=int(signature["short_line_words"]),
    )
