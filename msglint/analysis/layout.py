"""The layout of a plain-text body: paragraphs, list items, and hard line breaks.

Markdown input brings its own blocks; e-mails and chat messages are plain
text, where a blank line ends a paragraph, a line starting with a bullet or
a number is a list item, and a line break after a short greeting or a full
stop starts a new sentence even without a blank line.
"""

from __future__ import annotations

import itertools
import re

from msglint.message import Block

# End of a sentence: terminal punctuation (and closing quotes or brackets),
# spaces, then what can start a sentence.
_SENTENCE_BREAK = re.compile(
    # The lookbehinds start a match only at the start of a word or of a run of
    # stops: without them "aaaa…" or "……" is rescanned from every position.
    r"(?<![^\W_])(?P<word>[^\W_]*)(?P<stop>(?<![.!?…])[.!?…]+|\s[!?]+)"
    r"[\"'»”’)\]]*[ \t]+(?=[\"«“‘(\[@#*-]?[^\W_\d]|\d)",
)
BULLET = re.compile(r"^[ \t]*(?:[-*•·–+]|(?P<num>\d{1,2}[.)]|[a-zA-Z][.)]|\(\d{1,2}\)))[ \t]+\S")
_SENTENCE_END = re.compile(r"[.!?:;…]['\")\]]*$")


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def text_blocks(text: str) -> list[Block]:
    """Paragraph and list-item blocks of a plain-text body, in order."""
    blocks: list[Block] = []
    list_id = 0
    in_list = False
    current: list[int] | None = None  # [start, end] of the open paragraph
    current_kind = "paragraph"
    current_ordered = False

    def close() -> None:
        nonlocal current
        if current is not None:
            ident = list_id if current_kind == "item" else -1
            blocks.append(Block(current_kind, current[0], current[1], ident, current_ordered))
        current = None

    for start, end in _line_spans(text):
        line = text[start:end]
        if not line.strip():
            close()
            in_list = False
            continue
        bullet = BULLET.match(line)
        if bullet:
            close()
            if not in_list:
                list_id += 1
                in_list = True
            lead = len(line) - len(line.lstrip())
            current = [start + lead, end]
            current_kind = "item"
            current_ordered = bool(bullet.group("num"))
            continue
        indented = line[:1] in (" ", "\t")
        if current is not None and (current_kind != "item" or indented):
            current[1] = end
            continue
        close()
        in_list = False
        lead = len(line) - len(line.lstrip())
        current = [start + lead, end]
        current_kind = "paragraph"
        current_ordered = False
    close()
    return blocks


def sentence_starts(text: str, blocks: list[Block], abbreviations: frozenset[str]) -> list[int]:
    """Every sentence start of ``text``: layout first, then punctuation, sorted."""
    return sorted(
        set(forced_sentence_starts(text, blocks))
        | set(punctuation_sentence_starts(text, abbreviations))
    )


def forced_sentence_starts(text: str, blocks: list[Block]) -> list[int]:
    """Offsets where a sentence must start: each block, and hard breaks that end a thought.

    Inside a paragraph, a line break starts a sentence when the previous line
    ends with terminal punctuation, or is a short line (a greeting such as
    "Hi Anna," or a label) — not when a long line was merely wrapped.
    """
    starts: list[int] = []
    for block in blocks:
        starts.append(block.start)
        if block.kind == "heading":
            continue
        segment = text[block.start : block.end]
        offset = block.start
        lines = segment.split("\n")
        for previous, line in itertools.pairwise(lines):
            offset += len(previous) + 1
            prev = previous.strip()
            if not line.strip():
                continue
            lead = len(line) - len(line.lstrip())
            ends_thought = bool(_SENTENCE_END.search(prev))
            short_line = len(prev) <= 40 and (prev.endswith(",") or not prev[-1:].isalnum())
            label = len(prev.split()) <= 3 and line.lstrip()[:1].isupper()
            if ends_thought or short_line or label:
                starts.append(offset + lead)
    return starts


def punctuation_sentence_starts(text: str, abbreviations: frozenset[str]) -> list[int]:
    """Offsets where a sentence starts after terminal punctuation on the same line.

    "Dr. Smith", « M. Dupont », "e.g. this" do not end a sentence: the word
    before a full stop is checked against the pack's ``abbreviations.txt``.
    """
    starts = []
    for match in _SENTENCE_BREAK.finditer(text):
        word = match.group("word").lower()
        if match.group("stop") == "." and word in abbreviations:
            continue
        initial = len(word) == 1 and word.isalpha()
        after_number = text[max(0, match.start() - 2) : match.start()].strip()[-1:].isdigit()
        if match.group("stop") == "." and initial and not after_number:
            continue  # "J. Smith", but "à 16 h. Merci" ends a sentence
        starts.append(match.end())
    return starts
