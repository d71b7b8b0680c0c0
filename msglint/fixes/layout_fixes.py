"""Fixes of layout: an inline enumeration as a list (ST03), several asks numbered (AK02).

Both are unsafe: the words stay, but the author should read the result.
Items are found in the parse (``conj`` chains), as ST03 finds them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from msglint.fixes import fixer
from msglint.fixes.model import Edit, Fix

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis
    from msglint.rules.base import Hit

Settings = Mapping[str, Any]
_NUMBERING = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2})[).]\s+")


def _say(a: Analysis, key: str, **args: Any) -> str:
    return a.pack.message("_fix", key, **args)


def _intro_colon(a: Analysis, intro: str) -> str:
    intro = intro.rstrip(" ,:;")
    return intro + a.pack.messages()["_words"].get("colon", ":")


def _clean(item: str) -> str:
    return " ".join(item.split()).strip(" ,;")


def _numbered_items(text: str) -> tuple[str, list[str]] | None:
    marks = list(_NUMBERING.finditer(text))
    if len(marks) < 2:
        return None
    intro = text[: marks[0].start()]
    items = [
        _clean(text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)])
        for i, m in enumerate(marks)
    ]
    for conjunction in (" and", " et", " or", " ou"):
        items = [i[: -len(conjunction)] if i.endswith(conjunction) else i for i in items]
    return intro, [_clean(i) for i in items]


def _pos_at(a: Analysis, offset: int) -> str:
    span = a.doc.char_span(offset, offset + 1, alignment_mode="expand") if a.doc else None
    return span[0].pos_ if span is not None and len(span) else ""


def _surface_items(a: Analysis, start: int, end: int) -> tuple[str, list[str]] | None:
    """The intro and the items of an "A, B and C" run in ``[start, end)``.

    The first item shares its chunk with the lead-in ("we need to update X"):
    it starts at the last word of the same part of speech as the second
    item's first word (a verb for actions, a determiner for things).
    """
    text = a.body[start:end].rstrip(".!?")
    pronouns = a.pack.words("subject_pronouns")
    for conjunction in reversed(list(a.pack.lexicon("list_conjunctions").finditer(text))):
        tail = text[conjunction.end :]
        first = re.match(r"\s*([^\W\d_]+)", tail)
        if first is None or first.group(1).lower() in pronouns or re.search(r"[,;:()]", tail):
            continue  # a clause, or words after the list that the list would lose
        found = _split_items(a, start, text, conjunction.start, tail)
        if found is not None:
            return found
    return None


def _split_items(
    a: Analysis, start: int, text: str, cut: int, tail: str
) -> tuple[str, list[str]] | None:
    chunks: list[tuple[int, str]] = []
    cursor = 0
    for piece in text[:cut].split(","):
        chunks.append((cursor, piece))
        cursor += len(piece) + 1
    if len(chunks) < 2 or not tail.strip():
        return None
    second_at, second = chunks[-1]
    lead = len(second) - len(second.lstrip())
    anchor = _pos_at(a, start + second_at + lead)
    if anchor in ("CCONJ", "SCONJ", "PRON", "PUNCT", "ADV", ""):
        return None
    intro = ""
    items = [tail]
    index = len(chunks) - 1
    while index >= 0:
        at, chunk = chunks[index]
        lead = len(chunk) - len(chunk.lstrip())
        if _pos_at(a, start + at + lead) == anchor:
            items.append(chunk)
            if index == 0:
                break
            index -= 1
            continue
        cut_at = None
        for word in re.finditer(r"\S+", chunk):
            if word.start() > lead and _pos_at(a, start + at + word.start()) == anchor:
                cut_at = word.start()
        if cut_at is None:
            return None
        items.append(chunk[cut_at:])
        intro = text[: at + cut_at]
        break
    items = [_clean(i) for i in reversed(items)]
    return (intro, items) if len(items) >= 3 and all(items) else None


@fixer("ST03")
def as_list(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """ "We need to update X, send Y and book Z." → "We need to:" and one item a line."""
    if hit.field != "body" or hit.message_id == "sequence":
        return None
    sentence = a.body[hit.start : hit.end]
    end_mark = sentence[-1] if sentence[-1:] in ".!?" else ""
    found = (
        _numbered_items(sentence.rstrip(".!?"))
        if hit.message_id == "numbering"
        else _surface_items(a, hit.start, hit.end)
    )
    if found is None:
        return None
    intro, items = found
    bullet = [f"{n}." for n in range(1, len(items) + 1)] if hit.message_id == "numbering" else None
    lines = [f"{bullet[n] if bullet else '-'} {item}" for n, item in enumerate(items)]
    lines[-1] = lines[-1].rstrip(".!?") + (end_mark or "")
    head = _intro_colon(a, intro) + "\n" if intro.strip() else ""
    content = head + "\n".join(lines)
    start, end = hit.start, hit.end
    while start > 0 and a.body[start - 1] == " ":
        start -= 1
    while end < len(a.body) and a.body[end] == " ":
        end += 1
    if start > 0 and a.body[start - 1] != "\n":
        content = "\n\n" + content
    if end < len(a.body) and a.body[end] != "\n":
        content += "\n\n"
    return Fix("unsafe", _say(a, "bullets"), (Edit(start, end, content, "body"),))


@fixer("AK02")
def numbered_asks(a: Analysis, hit: Hit, options: Settings, config: Settings) -> Fix | None:
    """Asks in consecutive sentences → "1. …", "2. …", one a line."""
    paragraph = next((p for p in a.paragraphs if p.start <= hit.start < p.end), None)
    if paragraph is None or paragraph.kind != "paragraph":
        return None
    loose = [
        ask
        for ask in a.asks
        if not ask.in_list and not ask.secondary and paragraph.start <= ask.start < paragraph.end
    ]
    indices = sorted({ask.sentence for ask in loose})
    if len(indices) < 2 or indices != list(range(indices[0], indices[-1] + 1)):
        return None
    sentences = [a.sentences[i] for i in indices]
    if any(s.in_list for s in sentences):
        return None
    if any("\n\n" in a.body[s.start : s.end] for s in sentences):
        return None
    lines = [f"{n}. {' '.join(s.text.split())}" for n, s in enumerate(sentences, start=1)]
    start, end = sentences[0].start, sentences[-1].end
    while start > 0 and a.body[start - 1] in " \n":
        start -= 1
    while end < len(a.body) and a.body[end] == " ":
        end += 1
    content = "\n".join(lines)
    if start > 0:
        content = "\n\n" + content
    if end < len(a.body) and a.body[end] != "\n":
        content += "\n\n"
    return Fix("unsafe", _say(a, "numbered"), (Edit(start, end, content, "body"),))
