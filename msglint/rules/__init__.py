"""The rule catalogue: one module per family, each rule declared with ``@rule``.

Importing this package registers every rule in :data:`REGISTRY`, keyed by code.
"""

from __future__ import annotations

from msglint.rules import ask, clarity, concision, deadline, structure, subject, tone, urgency
from msglint.rules.base import FAMILIES, REGISTRY, SEVERITIES, Hit, Rule

__all__ = [
    "FAMILIES",
    "REGISTRY",
    "SEVERITIES",
    "Hit",
    "Rule",
    "all_rules",
    "ask",
    "clarity",
    "concision",
    "deadline",
    "structure",
    "subject",
    "tone",
    "urgency",
]


def all_rules() -> list[Rule]:
    """Every rule, sorted by code."""
    return [REGISTRY[code] for code in sorted(REGISTRY)]
