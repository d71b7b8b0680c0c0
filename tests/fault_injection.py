"""A fault to inject on purpose: TN02 raises on drafts carrying a marker.

Used by the load test to prove that a rule crashing inside the server costs
one error line, not the server. Only drafts containing :data:`MARKER` are
affected, so installing it in a process changes nothing else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from msglint.rules import REGISTRY

MARKER = "CRASH-RULE-TN02"


def install() -> None:
    """Wrap TN02's check (idempotent)."""
    rule = REGISTRY["TN02"]
    if getattr(rule.check, "fault_injected", False):
        return
    original = rule.check

    def crashing(analysis: Any, options: Any) -> Iterable[Any]:
        if MARKER in analysis.message.body:
            raise RuntimeError("injected fault")
        return original(analysis, options)

    crashing.fault_injected = True  # type: ignore[attr-defined]
    REGISTRY["TN02"] = dataclasses.replace(rule, check=crashing)
