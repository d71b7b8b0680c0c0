"""The score: 100 minus the findings' penalties, a sub-score per family, a grade.

Reproducible by hand from the JSON report and ``rules.toml``:
``score = max(0, 100 - sum(finding.penalty))``, and each family's sub-score
is ``max(0, 100 - family_scale * sum(penalties of its findings))``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from msglint.rules import FAMILIES


class Penalised(Protocol):
    family: str
    penalty: float


def _clean(number: float) -> float | int:
    rounded = round(number, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def total_score(findings: Sequence[Penalised]) -> float | int:
    return _clean(max(0.0, 100.0 - sum(f.penalty for f in findings)))


def family_scores(
    findings: Sequence[Penalised], scoring: Mapping[str, Any]
) -> dict[str, float | int]:
    scale = float(scoring.get("family_scale", 4))
    scores: dict[str, float | int] = {}
    for family in FAMILIES.values():
        lost = sum(f.penalty for f in findings if f.family == family)
        scores[family] = _clean(max(0.0, 100.0 - scale * lost))
    return scores


def grade(score: float, scoring: Mapping[str, Any]) -> str:
    """The letter for a score: the best grade whose floor it reaches, else F."""
    floors = scoring.get("grades", {"A": 90, "B": 80, "C": 70, "D": 60})
    for letter in ("A", "B", "C", "D"):
        if score >= floors.get(letter, 101):
            return letter
    return "F"
