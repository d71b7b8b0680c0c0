"""Fixes of words: wordy phrases, fillers, preambles, shouting and stacked marks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from msglint.fixes import fixer
from msglint.fixes.common import at_sentence_start, deletion, field_text, match_case, sentence_case
from msglint.fixes.model import Edit, Fix

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis
    from msglint.rules.base import Hit

Settings = Mapping[str, Any]


def _say(a: Analysis, key: str, **args: Any) -> str:
    return a.pack.message("_fix", key, **args)


@fixer("CN04")
def wordy_phrase(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """ "In order to" → "To"; a phrase with no replacement is deleted."""
    text = field_text(a, hit.field)
    phrase = text[hit.start : hit.end]
    if hit.suggestion:
        content = match_case(phrase, hit.suggestion)
        edit = Edit(hit.start, hit.end, content, hit.field)
        return Fix("safe", _say(a, "replace", content=content), (edit,))
    return Fix("safe", _say(a, "delete", phrase=phrase), (deletion(text, hit.start, hit.end),))


@fixer("CN03")
def filler(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """Delete the filler; a hedge ("I think") changes how sure the text sounds: unsafe."""
    text = field_text(a, hit.field)
    phrase = text[hit.start : hit.end]
    hedges = a.extra.get("fix_hedge_starts")
    if hedges is None:
        hedges = a.extra["fix_hedge_starts"] = {h.start for h in a.pack.find("hedges", a.body)}
    hedge = hit.start in hedges
    return Fix(
        "unsafe" if hedge else "safe",
        _say(a, "delete", phrase=phrase),
        (deletion(text, hit.start, hit.end),),
    )


@fixer("CN06")
def preamble(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """Delete the pleasantry; safe when it is a whole clause ending in . or !"""
    text = field_text(a, hit.field)
    end = hit.end
    while end < len(text) and text[end] in ".!,;":
        end += 1
    whole = end > hit.end and at_sentence_start(text, hit.start)
    edit = deletion(text, hit.start, end)
    if (
        whole
        and edit.content == ""
        and edit.end < len(text)
        and text[edit.end : edit.end + 1] == "\n"
    ):
        edit = Edit(edit.start, edit.end + 1, "", edit.field)
    return Fix(
        "safe" if whole else "unsafe",
        _say(a, "delete", phrase=text[hit.start : hit.end]),
        (edit,),
    )


def _case_fix(a: Analysis, hit: Hit, start: int, end: int) -> Fix | None:
    text = field_text(a, hit.field)
    original = text[start:end]
    first = (hit.field == "subject" and start == 0) or at_sentence_start(text, start)
    keep = a.pack.words("common_acronyms")
    content = sentence_case(a, original, first, keep)
    if content == original:
        return None
    edit = Edit(start, end, content, hit.field)
    return Fix("safe", _say(a, "sentence_case", content=content), (edit,))


@fixer("TN01")
def shouting(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """ "PLEASE DO NOT FORGET to…" → "Please do not forget to…"."""
    return _case_fix(a, hit, hit.start, hit.end)


@fixer("SJ04")
def subject_shouting(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """A subject in capitals → sentence case; "!!!" → nothing (a subject needs no "!")."""
    text = field_text(a, hit.field)
    if hit.message_id == "punctuation":
        start = hit.start
        while start > 0 and text[start - 1] == " ":
            start -= 1
        marks = text[hit.start : hit.end]
        edit = Edit(start, hit.end, "", hit.field)
        return Fix("safe", _say(a, "delete", phrase=marks), (edit,))
    fix = _case_fix(a, hit, hit.start, hit.end)
    if fix is None:
        return None
    # the same subject's stacked marks go too, so one fix settles the finding
    bangs = re.search(r"\s*[!?]*![!?]+\s*$", text)
    if bangs and bangs.start() >= hit.end:
        return fix
    if bangs:
        edit = fix.edits[0]
        cut = bangs.start() - edit.start
        content = edit.content[:cut]
        return fix.with_edits((Edit(edit.start, edit.end, content, edit.field),))
    return fix


@fixer("TN02")
def exclamation(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """ "!!!" → "!"; the one mark too many is left to the author."""
    if hit.end - hit.start < 2:
        return None
    edit = Edit(hit.start, hit.end, "!", hit.field)
    return Fix("safe", _say(a, "one_mark", mark="!"), (edit,))
