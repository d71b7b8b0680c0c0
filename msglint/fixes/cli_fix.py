"""``msglint check --fix / --unsafe-fixes / --diff``: fix files in place, or show the diff.

Each file is fixed on its own (one that cannot be read or rewritten is
reported and the others still fixed), written atomically, and only when it
changed. Standard input is never written: its fixed text goes to stdout.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from msglint.errors import MsglintError

if TYPE_CHECKING:
    from msglint.engine import Result
    from msglint.runner import CheckRequest


@dataclass
class FixRun:
    """What a ``--fix`` or ``--diff`` run did."""

    fixed_files: int = 0
    applied: int = 0
    diff: str = ""
    stdin: bytes | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _unified(before: bytes, after: bytes, name: str) -> str:
    old = before.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8", errors="replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"))
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def fix_paths(request: CheckRequest, unsafe: bool, diff: bool) -> FixRun:
    """Fix (or diff) every single-message input of ``request``."""
    from msglint.api import check_loaded, config_lang
    from msglint.fixes.apply import fix_bytes, read_messages_from
    from msglint.inputs import COLLECTIONS, discover, read_bytes
    from msglint.runner import _ConfigCache

    run = FixRun()
    configs = _ConfigCache(request.config_path, request.select, request.ignore, request.cwd)
    for item in discover(request.paths, request.cwd):
        if isinstance(item, MsglintError):
            run.errors.append(str(item))
            continue
        if item.format in COLLECTIONS:
            run.notes.append(f"{item.path}: mailboxes and chat exports are not fixed")
            continue
        config = configs.for_path(item.path if item.path == "-" else item.file or item.path)
        if isinstance(config, MsglintError):
            run.errors.append(str(config))
            continue

        def checker(data: bytes, item=item, config=config) -> Result:  # type: ignore[no-untyped-def]
            message = read_messages_from(data, item, request.kind, config)
            lang = request.lang or config_lang(config)
            outcome = check_loaded([(message, config)], [lang], request.now)[0]
            if isinstance(outcome, MsglintError):
                raise outcome
            return outcome

        try:
            max_bytes = int(config.limits.get("max_bytes", 5_000_000))
            data = read_bytes(item, max_bytes, request.stdin)
            outcome = fix_bytes(data, item, checker, unsafe)
        except MsglintError as error:
            run.errors.append(str(error))
            continue
        run.notes.extend(outcome.notes)
        if item.path == "-":
            run.stdin = outcome.data
        if not outcome.changed:
            continue
        run.applied += outcome.applied
        run.fixed_files += 1
        if diff:
            run.diff += _unified(outcome.original, outcome.data, item.path)
        elif item.path != "-":
            from msglint.atomic import write_atomic

            try:
                write_atomic(Path(item.file or item.path).resolve(), outcome.data)
            except MsglintError as error:
                run.errors.append(str(error))
    return run
