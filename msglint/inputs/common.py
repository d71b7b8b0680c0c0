"""Shared steps of every reader: build the body from kept lines, with its source map."""

from __future__ import annotations

from msglint.inputs.reply import ReplySplit, split_reply
from msglint.inputs.suppression import is_directive_line
from msglint.message import Segment, SourceMap, line_starts


def body_from_lines(
    text: str,
    keep: list[int],
    text_map: SourceMap,
    source_text: str,
    line_ends: dict[int, int] | None = None,
) -> tuple[str, SourceMap]:
    """Join the kept lines of ``text`` into a body, mapped back to the source file.

    ``text_map`` maps offsets of ``text`` to the source; ``line_ends`` cuts a
    kept line short (a reply header glued to the author's last line); leading
    and trailing blank lines are dropped and runs of blank lines collapse to one.
    """
    lines = text.split("\n")
    for index, end in (line_ends or {}).items():
        lines[index] = lines[index][:end]
    starts = line_starts(text)
    chosen = [i for i in keep if not is_directive_line(lines[i])]
    first = next((n for n, i in enumerate(chosen) if lines[i].strip()), len(chosen))
    last = next((n for n in range(len(chosen) - 1, -1, -1) if lines[chosen[n]].strip()), -1)
    chosen = chosen[first : last + 1]
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    previous_blank = False
    for index in chosen:
        line = lines[index]
        blank = not line.strip()
        if blank and previous_blank:
            continue
        previous_blank = blank
        if blank:
            line = ""
        segments.extend(text_map.piece(starts[index], len(line), offset))
        parts.append(line)
        offset += len(line) + 1
    return "\n".join(parts), SourceMap(source_text, segments)


def _unsplit(text: str) -> ReplySplit:
    """Every line the author's own (documents and chat have no quoted history)."""
    return ReplySplit(own_lines=list(range(text.count("\n") + 1)))


def split_and_map(
    text: str, text_map: SourceMap, source_text: str, reply: bool = True
) -> tuple[str, str, str, SourceMap, int | None]:
    """Body, quoted history, signature, body map and closing of an e-mail or text draft.

    The closing ("Best, / Luc") is the author's words and stays in the body;
    its offset in the body lets the analysis keep asks out of it.
    """
    split = split_reply(text) if reply else _unsplit(text)
    body, body_map = body_from_lines(
        text, split.own_lines, text_map, source_text, split.own_line_ends
    )
    return body, split.quoted, split.signature, body_map, _closing_start(text, body, split)


def _closing_start(text: str, body: str, split: ReplySplit) -> int | None:
    """Body offset of the closing: its lines are the last non-blank lines of the body."""
    lines = text.split("\n")
    count = sum(1 for i in split.closing_lines if i < len(lines) and lines[i].strip())
    if not count:
        return None
    start = len(body.rstrip())
    while count and start > 0:
        start = body.rfind("\n", 0, start - 1) + 1
        line_end = body.find("\n", start)
        count -= bool((body[start:] if line_end < 0 else body[start:line_end]).strip())
    return start
