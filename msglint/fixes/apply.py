"""Applying fixes: choose the edits, write them into the file's own bytes, check again.

Edits point into the body or subject msglint analysed. They are written
back through the reader's map to the file (:mod:`msglint.fixes.writers`):
a text file keeps its encoding, byte-order mark and line endings; an e-mail
keeps its headers and MIME structure, its text part re-encoded in its own
transfer encoding. After writing, the file is read again and its body must
be exactly the edited body, else the edit is refused and said so. Fixing
repeats until nothing changes, so a second ``--fix`` is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from msglint.errors import MsglintError
from msglint.fixes.model import Edit, Fix

if TYPE_CHECKING:
    from msglint.api import Linter, Source
    from msglint.engine import Result
    from msglint.inputs import Source as InputSource

MAX_ROUNDS = 4


@dataclass
class FixOutcome:
    """The fixed bytes of one input, what was applied and what could not be."""

    original: bytes
    fixed: Any
    data: bytes
    applied: int = 0
    notes: list[str] = field(default_factory=list)
    result: Result | None = None

    @property
    def changed(self) -> bool:
        return self.data != self.original


def chosen_fixes(result: Result, unsafe: bool) -> list[Fix]:
    """The fixes to apply, first come first served, none overlapping another.

    Taken spans are kept sorted per field, so each check is a binary search.
    """
    import bisect

    taken: dict[str, list[tuple[int, int]]] = {}
    chosen: list[Fix] = []
    for finding in result.findings:
        fix = finding.fix
        if fix is None or not (fix.safe or unsafe):
            continue
        spans = [(e.field, e.start, e.end) for e in fix.edits]
        if any(_clashes(taken.get(f, []), s, e) for f, s, e in spans):
            continue
        for f, s, e in spans:
            bisect.insort(taken.setdefault(f, []), (s, e))
        chosen.append(fix)
    return chosen


def _clashes(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` meets a taken span (insertions clash at the same place)."""
    import bisect

    index = bisect.bisect_left(spans, (start, -1))
    for s, e in spans[max(0, index - 1) : index + 2]:
        if _overlaps(("", start, end), ("", s, e)):
            return True
    return False


def _overlaps(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    if a[0] != b[0]:
        return False
    if a[1] == a[2] or b[1] == b[2]:  # insertions clash only at the same place
        return a[1] == b[1] or b[1] < a[1] < b[2] or a[1] < b[1] < a[2]
    return a[1] < b[2] and b[1] < a[2]


def edit_text(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping edits applied (offsets into ``text``), in one pass."""
    out: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[cursor : edit.start])
        out.append(edit.content)
        cursor = max(cursor, edit.end)
    out.append(text[cursor:])
    return "".join(out)


def fix_bytes(
    data: bytes,
    item: InputSource,
    checker: Callable[[bytes], Result],
    unsafe: bool = False,
) -> FixOutcome:
    """Fix one input's bytes, checking again after each round until nothing changes."""
    from msglint.fixes.writers import write_edits

    outcome = FixOutcome(original=data, fixed=data, data=data)
    for _ in range(MAX_ROUNDS):
        result = checker(outcome.data)
        outcome.result = result
        fixes = chosen_fixes(result, unsafe)
        if not fixes:
            break
        edits = [edit for fix in fixes for edit in fix.edits]
        new_data, refused = write_edits(outcome.data, item, result, edits)
        for note in refused:
            if note not in outcome.notes:
                outcome.notes.append(note)
        if new_data == outcome.data:
            break
        outcome.applied += len(fixes)
        outcome.data = new_data
    outcome.fixed = outcome.data
    return outcome


def fix_source(
    linter: Linter,
    source: Source,
    *,
    unsafe: bool = False,
    kind: str | None = None,
    lang: str | None = None,
    now: Any = None,
) -> FixOutcome:
    """The API's ``fix``: the same input types as ``check``; text in, text out."""
    import os
    from pathlib import Path

    from msglint.api import _TEXT_NAME, _looks_like_path
    from msglint.inputs import EXTENSIONS
    from msglint.inputs import Source as InputSource

    as_text = isinstance(source, str) and not _looks_like_path(source)
    if as_text:
        item, data = InputSource(_TEXT_NAME, "text"), str(source).encode("utf-8")
    elif isinstance(source, (bytes, bytearray)):
        item, data = InputSource("<bytes>"), bytes(source)
    else:
        path = Path(source)  # type: ignore[arg-type]
        fmt = EXTENSIONS.get(path.suffix.lower(), "text")
        if fmt in ("mbox", "jsonl"):
            raise MsglintError(str(path), "fixes apply to single messages, not mailboxes")
        item = InputSource(os.fspath(source), fmt, str(path))  # type: ignore[arg-type]
        try:
            data = path.read_bytes()
        except OSError as exc:
            from msglint.errors import InputError

            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
        as_text = fmt != "email" and not data.lstrip().startswith(b"From ")
    config = linter._config_for(source)

    def checker(payload: bytes) -> Result:
        from msglint.api import check_loaded, config_lang, parse_now

        messages = read_messages_from(payload, item, kind or linter.kind, config)
        forced = lang or linter.lang or config_lang(config)
        outcome = check_loaded([(messages, config)], [forced], parse_now(now) or linter.now)[0]
        if isinstance(outcome, MsglintError):
            raise outcome
        return outcome

    outcome = fix_bytes(data, item, checker, unsafe)
    if as_text:
        from msglint.fixes.writers import decode_like

        outcome.fixed = decode_like(outcome.data)
    return outcome


def read_messages_from(data: bytes, item: InputSource, kind: str | None, config: Any) -> Any:
    """The one message of ``data`` read as ``item`` (mailboxes are refused)."""
    from msglint.inputs import parse
    from msglint.runner import check_size

    message = parse(data, item, kind, int(config.limits.get("max_mime_depth", 50)))
    check_size(message, config.limits)
    return message
