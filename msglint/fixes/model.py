"""What a fix is: edits of the draft's text, safe to apply blindly or not.

A fixer (see :mod:`msglint.fixes`) returns a :class:`Fix` whose edits carry
offsets into the subject or the body and the new text; the engine then fills
in each edit's line and column in the checked file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

APPLICABILITY = ("safe", "unsafe")


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of ``field`` (``body`` or ``subject``) with ``content``.

    ``start == end`` inserts; ``content == ""`` deletes. ``line``/``column``
    (1-based, in the checked file) are 0 until the engine locates the edit.
    """

    start: int
    end: int
    content: str
    field: str = "body"
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


@dataclass(frozen=True)
class Fix:
    """A rewrite that resolves one finding.

    ``safe`` fixes keep the meaning and are applied by ``--fix``; ``unsafe``
    ones (a proposed subject, a list made from a sentence) need a reader's eye
    and are applied only with ``--unsafe-fixes``. ``alternatives`` are other
    rewrites of the same finding (DL05: change the weekday, or the date).
    """

    applicability: str
    message: str
    edits: tuple[Edit, ...]
    alternatives: tuple[Fix, ...] = field(default=())

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"

    def with_edits(self, edits: tuple[Edit, ...]) -> Fix:
        return replace(self, edits=edits)
