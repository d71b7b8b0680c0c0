"""Fixes: for a rule's hit, the rewrite that resolves it (see :mod:`msglint.fixes.model`).

Fixers live apart from the rules, one small function per rule code, so a
rule's detection logic and its rewrite change independently. A fixer gets
the analysis, the hit, the rule's options and the configuration (for the
``timezone`` and ``date_order`` settings) and returns a :class:`Fix` or None.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

from msglint.fixes.model import Edit, Fix

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis
    from msglint.rules.base import Hit

Fixer = Callable[["Analysis", "Hit", Mapping[str, Any], Mapping[str, Any]], "Fix | None"]
FIXERS: dict[str, Fixer] = {}
_MODULES = ("text_fixes", "deadline_fixes", "layout_fixes", "subject_fixes")
_loaded = False

__all__ = ["FIXERS", "Edit", "Fix", "fix_for", "fixer"]


def fixer(code: str) -> Callable[[Fixer], Fixer]:
    """Register the fixer of rule ``code``."""

    def register(func: Fixer) -> Fixer:
        FIXERS[code] = func
        return func

    return register


def _load() -> None:
    global _loaded
    if not _loaded:
        for name in _MODULES:
            try:
                import_module(f"msglint.fixes.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"msglint.fixes.{name}":
                    raise
        _loaded = True


def fix_for(
    code: str,
    analysis: Analysis,
    hit: Hit,
    options: Mapping[str, Any],
    config: Mapping[str, Any],
) -> Fix | None:
    """The fix for one hit of rule ``code``, or None when it has none."""
    _load()
    func = FIXERS.get(code)
    return None if func is None else func(analysis, hit, options, config)
