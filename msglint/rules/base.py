"""What a rule is: a pure function from the analysis to hits, declared in one place.

A rule module decorates each check with :func:`rule`, which records its code,
readable name, family, default severity, languages, kinds, options (with
their defaults, which also give each option its type) and the ids of the
messages it can yield. The docstring is the rule's documentation, in Ruff's
sections: *What it does*, *Why is this bad?*, *Example*, *Use instead*.

A check yields :class:`Hit` objects: character offsets and a message id.
The engine turns them into findings (line/column, severity, penalty,
suppression, message text in the draft's language).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis

FAMILIES: dict[str, str] = {
    "SJ": "subject",
    "CN": "concision",
    "ST": "structure",
    "DL": "deadline",
    "UR": "urgency",
    "AK": "ask",
    "CL": "clarity",
    "TN": "tone",
}
SEVERITIES = ("info", "warning", "error")
ALL_KINDS = ("email", "chat", "doc")


@dataclass(frozen=True)
class Hit:
    """One problem found by a rule.

    ``field`` is where the offsets point: ``body``, ``subject``, or
    ``message`` for a finding about the message as a whole (no span).
    ``args`` fill the message template; ``suggestion`` is replacement text.
    """

    start: int = 0
    end: int = 0
    message_id: str = "default"
    args: Mapping[str, Any] = field(default_factory=dict)
    field: str = "body"
    suggestion: str | None = None
    # True in the narrow situation where the rule is precise on real mail: the
    # rule's ``strong`` setting (rules.toml) then gives the finding its severity.
    strong: bool = False


Options = Mapping[str, Any]
Check = Callable[["Analysis", Options], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A rule's declaration: identity, defaults and documentation."""

    code: str
    name: str
    severity: str
    check: Check
    doc: str
    only_languages: tuple[str, ...] | None = None
    kinds: tuple[str, ...] = ALL_KINDS
    options: Mapping[str, Any] = field(default_factory=dict)
    messages: tuple[str, ...] = ("default",)
    enabled: bool = True

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the rule applies to: every installed pack unless it names some."""
        if self.only_languages is not None:
            return self.only_languages
        from msglint.lang import available_languages

        return available_languages()

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:2]]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def aliases(self) -> set[str]:
        """Every selector that designates this rule: code, name, family code and name."""
        return {self.code, self.name.upper(), self.code[:2], self.family.upper()}


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: str = "warning",
    *,
    kinds: tuple[str, ...] = ALL_KINDS,
    languages: tuple[str, ...] | None = None,
    options: Mapping[str, Any] | None = None,
    messages: tuple[str, ...] = ("default",),
    enabled: bool = True,
) -> Callable[[Check], Check]:
    """Register a check as a rule (see the module docstring)."""

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        if code[:2] not in FAMILIES or len(code) != 4 or not code[2:].isdigit():
            raise ValueError(f"bad rule code {code}")
        if severity not in SEVERITIES:
            raise ValueError(f"bad severity {severity} for {code}")
        REGISTRY[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            check=check,
            doc=inspect.getdoc(check) or "",
            only_languages=languages,
            kinds=kinds,
            options=dict(options or {}),
            messages=messages,
            enabled=enabled,
        )
        return check

    return register
