"""The Message every input becomes, and the map from its text back to the file.

Rules only ever see the author's own text (``body``) and the subject. Findings
are located by offsets into those two strings; :class:`SourceMap` turns an
offset back into the line and column of the file the user opened, whatever
decoding, quoting or Markdown rendering happened on the way.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime

KINDS = ("email", "chat", "doc")


@dataclass(frozen=True)
class Attachment:
    """An attached or inline file, listed by name and type (never read)."""

    filename: str
    content_type: str
    inline: bool = False


@dataclass(frozen=True)
class Segment:
    """A run of ``length`` characters of text that sits unchanged at ``source`` in the file."""

    start: int
    source: int
    length: int


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line of ``text``."""
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


class SourceMap:
    """Maps offsets in a derived text (body or subject) to line/column in the source file.

    The derived text is described as segments copied verbatim from the source;
    an offset between segments maps to the end of the previous segment.
    """

    def __init__(
        self, source_text: str, segments: list[Segment], line_table: list[int] | None = None
    ) -> None:
        # Maps built for many pieces of one file share its line table.
        self._line_starts = line_table if line_table is not None else line_starts(source_text)
        self._segments = sorted(segments, key=lambda s: s.start)
        self._starts = [s.start for s in self._segments]
        self.source_length = len(source_text)

    def source_offset(self, offset: int) -> int:
        """The file offset holding the derived text's character at ``offset``."""
        if not self._segments:
            return 0
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return self._segments[0].source
        seg = self._segments[index]
        inside = min(offset - seg.start, seg.length)
        return min(seg.source + inside, self.source_length)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source file for a derived-text offset."""
        src = self.source_offset(offset)
        line_index = bisect.bisect_right(self._line_starts, src) - 1
        return line_index + 1, src - self._line_starts[line_index] + 1

    @property
    def line_starts(self) -> list[int]:
        return self._line_starts

    def verbatim_length(self, offset: int, length: int) -> int:
        """How many of the ``length`` characters from ``offset`` are a verbatim copy.

        A base64 part, for one, is text the file does not hold as such.
        """
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return 0
        seg = self._segments[index]
        if not seg.start <= offset < seg.start + seg.length:
            return 0
        return min(length, seg.start + seg.length - offset)

    def piece(self, start: int, length: int, new_start: int) -> list[Segment]:
        """The segments of ``[start, start + length)``, moved to begin at ``new_start``.

        Composing maps this way keeps the exact positions of a decoded line
        (an accent written ``=C3=A9`` in the middle of it) when it is cut out.
        """
        end = start + length
        out = [Segment(new_start, self.source_offset(start), self.verbatim_length(start, length))]
        index = bisect.bisect_right(self._starts, start)
        while index < len(self._segments) and self._segments[index].start < end:
            seg = self._segments[index]
            out.append(
                Segment(new_start + seg.start - start, seg.source, min(seg.length, end - seg.start))
            )
            index += 1
        return out

    @classmethod
    def identity(cls, source_text: str, start: int = 0, length: int | None = None) -> SourceMap:
        """A map for a text that is a verbatim slice of the source."""
        size = len(source_text) - start if length is None else length
        return cls(source_text, [Segment(0, start, size)])


def align_lines(
    derived: str, source: str, source_from: int = 0, source_to: int | None = None
) -> list[Segment]:
    """Locate each line of ``derived`` in ``source[source_from:source_to]``, in order.

    Used when the derived text went through a transformation (quoted-printable,
    reply splitting, line endings, JSON escapes) that keeps lines mostly
    intact. A line that cannot be found verbatim maps to where the search
    stands, so positions stay monotonic and inside the file.

    Searches that fail cost a scan to the end of the range each: past a budget
    of twice the range, a missing line is looked for only just ahead, so a
    text of many lines the file does not hold verbatim stays linear.
    """
    end = len(source) if source_to is None else min(source_to, len(source))
    budget = 2 * max(0, end - source_from) + len(derived)
    segments: list[Segment] = []
    cursor = source_from
    offset = 0

    def find(needle: str) -> int:
        nonlocal budget
        stop = end if budget > 0 else min(end, cursor + 4 * len(needle) + 64)
        found = source.find(needle, cursor, stop)
        if found < 0:
            budget -= stop - cursor
        return found

    for line in derived.split("\n"):
        if line:
            found = find(line)
            if found < 0:
                stripped = line.strip()
                inner = find(stripped) if stripped and stripped != line else -1
                if inner >= 0:
                    lead = len(line) - len(line.lstrip())
                    segments.append(Segment(offset + lead, inner, len(stripped)))
                    cursor = inner + len(stripped)
                else:
                    segments.append(Segment(offset, cursor, 0))
            else:
                segments.append(Segment(offset, found, len(line)))
                cursor = found + len(line)
        else:
            segments.append(Segment(offset, cursor, 0))
        offset += len(line) + 1
    return segments


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or list item of the body, as the author laid it out.

    Items of one list share ``list_id``; ``ordered`` is True for numbered lists.
    """

    kind: str
    start: int
    end: int
    list_id: int = -1
    ordered: bool = False


@dataclass
class Message:
    """One draft, split into what the author wrote and what came with it.

    ``blocks`` is the layout when the input format knows it (Markdown); for
    plain text the analysis derives it. ``line_offset`` shifts every line
    number, for a message that starts further down its file (mbox).
    ``verbatim`` lists body spans that are not prose (inline code, URLs):
    findings there are dropped.
    """

    path: str
    kind: str
    body: str
    subject: str | None = None
    quoted: str = ""
    signature: str = ""
    #: Where the closing ("Best, / Luc") starts in ``body``, if there is one:
    #: the author's words, but no ask or request is made there.
    closing_start: int | None = None
    attachments: list[Attachment] = field(default_factory=list)
    attachments_known: bool = False
    recipients: list[str] = field(default_factory=list)
    #: The From address, when the input has one (places.py reads its domain).
    sender: str = ""
    sent: datetime | None = None
    source_text: str = ""
    body_map: SourceMap | None = None
    subject_map: SourceMap | None = None
    suppressions: list[Suppression] = field(default_factory=list)
    has_subject_field: bool = False
    blocks: list[Block] | None = None
    line_offset: int = 0
    verbatim: list[tuple[int, int]] = field(default_factory=list)
    # From the e-mail headers: sent to or through a mailing list (List-Id…), or sent
    # by a program (Auto-Submitted, Precedence: bulk, a no-reply sender).
    mailing_list: bool = False
    automated: bool = False
    #: The language a header declares (``Content-Language: fr-FR`` -> ``fr``), if any.
    language_hint: str | None = None

    @property
    def end_before_closing(self) -> int:
        """Where the asks and frames of the body end: the closing's start, else the body's end."""
        return self.closing_start if self.closing_start is not None else len(self.body)

    @property
    def forward_without_note(self) -> bool:
        """A forward (or a quote) with nothing the sender wrote around it.

        Rules can ask "why are you sending this?" instead of linting someone
        else's text; the own text of such a message is empty.
        """
        return not self.body.strip() and bool(self.quoted.strip())

    def position(self, where: str, offset: int) -> tuple[int, int]:
        """(line, column) in the file for an offset into ``body`` or ``subject``."""
        source_map = self.subject_map if where == "subject" else self.body_map
        if source_map is None:
            return 1 + self.line_offset, 1
        line, column = source_map.position(offset)
        return line + self.line_offset, column


@dataclass(frozen=True)
class Suppression:
    """An inline ``msglint-disable`` directive: codes off from ``first_line`` to ``last_line``.

    ``codes`` empty means every rule. ``last_line`` is None for "to the end".
    """

    codes: frozenset[str]
    first_line: int
    last_line: int | None

    def covers(self, code_aliases: set[str], line: int | None) -> bool:
        if self.codes and not (self.codes & code_aliases):
            return False
        if line is None:
            return True
        return self.first_line <= line and (self.last_line is None or line <= self.last_line)
