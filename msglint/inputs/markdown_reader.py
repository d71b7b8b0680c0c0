"""Read a Markdown document with markdown-it-py: prose blocks in, code and markup out.

Headings, paragraphs and list items become :class:`~msglint.message.Block`s of
the body; fenced and indented code, tables, HTML blocks and front matter are
not prose and are left out. Inline markup is removed piece by piece so every
character of the body still maps to its place in the file.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from msglint.inputs.common import line_starts
from msglint.inputs.suppression import find_suppressions
from msglint.message import Block, Message, Segment, SourceMap, align_lines

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TITLE = re.compile(r"^title[ \t]*:[ \t]*(['\"]?)(.+?)\1[ \t]*$", re.M)
# Inline markup, in the order tried: code spans, images, links, autolinks,
# HTML tags, bare URLs, emphasis markers and hard-break backslashes.
_INLINE = re.compile(
    r"(?P<code>(`+)(?P<code_text>.+?)\2)"
    # "[^[\]]" and "[^<>]": a search from each "[" or "<" stops at the next
    # one instead of running to the end of a text of unclosed brackets.
    r"|(?P<image>!\[(?P<alt>[^[\]]*)\]\([^)]*\))"
    r"|(?P<link>\[(?P<link_text>[^[\]]+)\](?:\([^)]*\)|\[[^[\]]*\]))"
    r"|(?P<auto><(?:https?://|mailto:)[^<>]+>)"
    r"|(?P<tag></?[A-Za-z][^<>]*>)"
    r"|(?P<url>\bhttps?://\S+[^\s.,;:!?)\]])"
    r"|(?P<emph>(?<![\w*_])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*_]))"
    r"|(?P<escape>\\(?=[^\w\s]))"
)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _inline_pieces(content: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """Prose pieces of one inline run as (offset in content, text), plus verbatim spans.

    Verbatim spans (code, URLs) are offsets into the joined piece text.
    """
    pieces: list[tuple[int, str]] = []
    verbatim: list[tuple[int, int]] = []
    cursor = 0
    produced = 0

    def keep(start: int, text: str, is_verbatim: bool = False) -> None:
        nonlocal produced
        if not text:
            return
        pieces.append((start, text))
        if is_verbatim:
            verbatim.append((produced, produced + len(text)))
        produced += len(text)

    for match in _INLINE.finditer(content):
        keep(cursor, content[cursor : match.start()])
        kind = match.lastgroup
        if match.group("code") is not None:
            keep(match.start("code_text"), match.group("code_text"), is_verbatim=True)
        elif match.group("image") is not None:
            keep(match.start("alt"), match.group("alt"))
        elif match.group("link") is not None:
            keep(match.start("link_text"), match.group("link_text"))
        elif match.group("url") is not None or match.group("auto") is not None:
            keep(match.start(), match.group(), is_verbatim=True)
        elif kind in ("tag", "emph", "escape"):
            pass
        cursor = match.end()
    keep(cursor, content[cursor:])
    return pieces, verbatim


def read_markdown(text: str, path: str, kind: str | None) -> Message:
    """A Markdown document (kind ``doc``); the first ``# heading`` or the title is the subject."""
    starts = line_starts(text)
    subject: str | None = None
    subject_map: SourceMap | None = None
    skip_lines = 0
    front = _FRONT_MATTER.match(text)
    if front:
        skip_lines = text.count("\n", 0, front.end())
        title = _TITLE.search(front.group(1))
        if title:
            subject = title.group(2).strip()
            offset = front.start(1) + title.start(2)
            subject_map = SourceMap.identity(text, offset, len(subject))
    masked = "\n" * skip_lines + text[front.end() :] if front else text

    tokens = _parser().parse(masked)
    body_parts: list[str] = []
    segments: list[Segment] = []
    blocks: list[Block] = []
    verbatim: list[tuple[int, int]] = []
    offset = 0
    list_stack: list[tuple[int, bool]] = []
    list_counter = 0
    pending_kind = "paragraph"
    in_item = 0
    in_table = 0
    first_heading_used = subject is not None
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            in_table += 1
        elif token.type == "table_close":
            in_table -= 1
        elif in_table:
            continue  # a table is data, not prose
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_counter += 1
            list_stack.append((list_counter, token.type == "ordered_list_open"))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "heading_open":
            pending_kind = "heading"
        elif token.type == "paragraph_open":
            pending_kind = (
                "item" if in_item and tokens[index - 1].type == "list_item_open" else "paragraph"
            )
        elif token.type == "inline" and token.map is not None:
            first_line = token.map[0]
            content_map = SourceMap(
                text, align_lines(token.content, text, starts[first_line]), starts
            )
            pieces, piece_verbatim = _inline_pieces(token.content)
            if not pieces:
                continue
            if (
                pending_kind == "heading"
                and not first_heading_used
                and tokens[index - 1].tag == "h1"
            ):
                first_heading_used = True
                joined = "".join(piece for _, piece in pieces).strip()
                subject = " ".join(joined.split())
                subject_map = SourceMap.identity(
                    text, content_map.source_offset(pieces[0][0]), len(pieces[0][1])
                )
                continue
            if body_parts:
                separator = (
                    "\n"
                    if pending_kind == "item" and blocks and blocks[-1].kind == "item"
                    else "\n\n"
                )
                body_parts.append(separator)
                offset += len(separator)
            block_start = offset
            for start, piece in pieces:
                line_offset = 0
                for part in piece.split("\n"):
                    source = content_map.source_offset(start + line_offset)
                    segments.append(Segment(offset + line_offset, source, len(part)))
                    line_offset += len(part) + 1
                body_parts.append(piece)
                offset += len(piece)
            verbatim.extend((block_start + a, block_start + b) for a, b in piece_verbatim)
            list_id, ordered = (
                list_stack[-1] if (pending_kind == "item" and list_stack) else (-1, False)
            )
            blocks.append(Block(pending_kind, block_start, offset, list_id, ordered))
            pending_kind = "paragraph"
    body = "".join(body_parts)
    return Message(
        path=path,
        kind=kind or "doc",
        body=body,
        subject=subject,
        has_subject_field=subject is not None,
        source_text=text,
        body_map=SourceMap(text, segments, starts),
        subject_map=subject_map,
        suppressions=find_suppressions(text),
        blocks=blocks,
        verbatim=verbatim,
    )
