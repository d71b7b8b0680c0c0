"""Reports: the same results as text, JSON, SARIF, GitHub annotations or HTML.

Each format is one module with a ``render(results, errors, options) -> str``
function; :data:`FORMATS` maps the ``--format`` value to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module

from msglint.engine import Result

FORMATS = ("text", "json", "sarif", "github", "html")


@dataclass(frozen=True)
class InputError:
    """A file that could not be checked, reported alongside the results."""

    path: str
    message: str


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_summary: bool = True
    extra: dict[str, object] = field(default_factory=dict)


Renderer = Callable[[Sequence[Result], Sequence[InputError], ReportOptions], str]


def renderer(name: str) -> Renderer:
    """The render function of a format, imported only when used."""
    module = import_module(f"msglint.report.{name}_format")
    return module.render  # type: ignore[no-any-return]
