"""What the HTML report shows, prepared for the template: notes, fixes, asks, index rows.

Kept apart from rendering so the choices are testable: findings that end at
the same place share one note number (no pile of superscripts on one
word); a fix is shown as the words before and after; an ask is quoted by
its core; dates are written the way the draft's language writes them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis
    from msglint.engine import Finding, Result
    from msglint.fixes.model import Fix

_CONTEXT = 24
FAMILY_ORDER = (
    "subject",
    "concision",
    "structure",
    "deadline",
    "urgency",
    "ask",
    "clarity",
    "tone",
)


@dataclass
class NoteGroup:
    """Findings that end at the same place: one number in the draft, one note."""

    number: int
    field: str
    items: list[tuple[int, Finding]] = field(default_factory=list)

    @property
    def severity(self) -> str:
        rank = {"info": 0, "warning": 1, "error": 2}
        return max((f.severity for _, f in self.items), key=rank.__getitem__)


def note_groups(findings: Sequence[Finding]) -> tuple[list[NoteGroup], dict[int, int]]:
    """Groups in reading order, and each finding's (1-based) group number."""
    groups: list[NoteGroup] = []
    by_key: dict[tuple[str, int], NoteGroup] = {}
    number_of: dict[int, int] = {}
    for index, finding in enumerate(findings, start=1):
        key = (finding.field, finding.end if finding.field != "message" else -index)
        group = by_key.get(key)
        if group is None:
            group = NoteGroup(len(groups) + 1, finding.field)
            groups.append(group)
            by_key[key] = group
        group.items.append((index, finding))
        number_of[index] = group.number
    return groups, number_of


@dataclass(frozen=True)
class FixView:
    """A fix as the reader sees it: the words around, what goes, what comes."""

    message: str
    safe: bool
    before: str
    removed: str
    added: str
    after: str


def fix_views(analysis: Analysis, fix: Fix) -> list[FixView]:
    views = []
    for option in (fix, *fix.alternatives):
        for edit in option.edits[:1]:
            text = (analysis.subject or "") if edit.field == "subject" else analysis.body
            left = text[max(0, edit.start - _CONTEXT) : edit.start]
            right = text[edit.end : edit.end + _CONTEXT]
            if edit.start > _CONTEXT and " " in left:
                left = "…" + left[left.index(" ") :]
            if edit.end + _CONTEXT < len(text) and " " in right:
                right = right[: right.rindex(" ")] + " …"
            views.append(
                FixView(
                    option.message,
                    option.safe,
                    left,
                    text[edit.start : edit.end],
                    edit.content,
                    right,
                )
            )
    return views


def human_deadline(analysis: Analysis, value: str | None, has_time: bool = True) -> str | None:
    """ "Fri 18 Dec, 17:00" / « ven. 18 déc., 17 h » for an ISO value."""
    from msglint.fixes.subject_fixes import human_date

    return human_date(analysis.pack, value, has_time)


def ask_items(analysis: Analysis) -> list[dict[str, Any]]:
    """Each ask's core, its full text (for the tooltip) and its deadline, written out."""
    from msglint.fixes.subject_fixes import _zone_in, ask_summary

    by_ask = {d.ask: d for d in analysis.deadlines if d.ask is not None}
    items = []
    for index, ask in enumerate(analysis.asks):
        deadline = by_ask.get(index)
        when = None
        if deadline is not None:
            when = human_deadline(analysis, deadline.value, deadline.has_time)
            zone = _zone_in(analysis, deadline.text) if deadline.has_timezone else None
            when = f"{when} {zone}" if when and zone else when or deadline.text
        items.append(
            {
                "core": ask_summary(analysis, ask),
                "text": " ".join(ask.text.split()),
                "deadline": when,
                "deadline_text": deadline.text if deadline else None,
                "vague": bool(deadline and deadline.vague),
            }
        )
    return items


def hard_wrapped(body: str) -> bool:
    """True for a body written in short lines (plain-text mail wrapped at ~72)."""
    lines = [line for line in body.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    short = sum(1 for line in lines if len(line) <= 80)
    return short == len(lines) and sum(len(line) >= 50 for line in lines) >= len(lines) / 3


@dataclass(frozen=True)
class IndexRow:
    """One file in the index: names, score, family scores and its rank in each order."""

    anchor: str
    folder: str
    name: str
    result: Result
    kind: str
    families: list[tuple[str, float]]
    ranks: dict[str, int]
    errors: int


def index_rows(views: Sequence[dict[str, Any]]) -> list[IndexRow]:
    """Rows in score order (worst first), with each row's rank for every other order."""
    paths = [v["result"].path for v in views]
    common = os.path.commonpath([os.path.dirname(p) or "." for p in paths]) if paths else ""
    keys: dict[str, Any] = {
        "score": lambda v: (v["result"].score, v["result"].path),
        "file": lambda v: v["result"].path,
        "findings": lambda v: (-len(v["result"].findings), v["result"].path),
    }
    for family in FAMILY_ORDER:
        keys[family] = lambda v, f=family: (v["result"].families.get(f, 100), v["result"].path)
    ranks: dict[str, dict[str, int]] = {v["anchor"]: {} for v in views}
    for name, key in keys.items():
        for rank, view in enumerate(sorted(views, key=key), start=1):
            ranks[view["anchor"]][name] = rank
    rows = []
    for view in sorted(views, key=keys["score"]):
        result = view["result"]
        folder, name = os.path.split(result.path)
        if common and common != "." and folder.startswith(common):
            folder = folder[len(common) :].lstrip("/")
        rows.append(
            IndexRow(
                anchor=view["anchor"],
                folder=folder,
                name=name,
                result=result,
                kind=view["kind_label"],
                families=[(f, result.families.get(f, 100)) for f in FAMILY_ORDER],
                ranks=ranks[view["anchor"]],
                errors=sum(1 for f in result.findings if f.severity == "error"),
            )
        )
    return rows
