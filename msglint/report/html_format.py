"""The HTML report: one self-contained page (inline CSS and SVG, no script needed).

The draft is shown with every finding highlighted in place and explained in
a numbered side note (and on hover); findings ending at one place share a
note; a fix is shown before/after. The score is a gauge, the families a bar
chart, the asks a checklist quoting each ask's core with its deadline
written out. Many files get an index, sortable and filterable with CSS
alone (radio buttons and checkboxes: the page runs no script). Everything
from the draft goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from msglint import __version__
from msglint.engine import Finding, Result
from msglint.report import InputError, ReportOptions

_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Piece:
    """A run of the draft's text and the findings (by number) covering it."""

    text: str
    notes: tuple[int, ...]
    severity: str | None
    tooltip: str
    ending: tuple[int, ...] = ()


def pieces(text: str, findings: Sequence[tuple[int, Finding]]) -> list[Piece]:
    """Cut ``text`` at every finding boundary so overlapping highlights stay exact.

    One sweep over the sorted boundaries, keeping the findings open at each
    cut: linear in the text and the findings (plus the overlaps shown).
    """
    spans = [(f.start, f.end, n, f) for n, f in findings if f.end > f.start]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    opening: dict[int, list[tuple[int, Finding]]] = {}
    for start, _, n, f in spans:
        opening.setdefault(start, []).append((n, f))
    order = {n: i for i, (_, _, n, _) in enumerate(spans)}
    open_now: dict[int, Finding] = {}
    result: list[Piece] = []
    for left, right in itertools.pairwise(cuts):
        for n, f in opening.get(left, ()):
            open_now[n] = f
        for n in [n for n, f in open_now.items() if f.end <= left]:
            del open_now[n]
        if right <= left:
            continue
        covering = sorted(open_now.items(), key=lambda item: order[item[0]])
        severity = max((f.severity for _, f in covering), key=_RANK.__getitem__, default=None)
        tooltip = "\n".join(f"{n}. {f.code} {f.message}" for n, f in covering)
        ending = tuple(n for n, f in covering if f.end == right)
        result.append(
            Piece(text[left:right], tuple(n for n, _ in covering), severity, tooltip, ending)
        )
    return result


def gauge_path(score: float) -> str:
    """SVG arc path for a half-circle gauge filled to ``score``/100."""
    angle = math.pi * (1 - max(0.0, min(100.0, score)) / 100)
    x = 60 + 50 * math.cos(angle)
    y = 60 - 50 * math.sin(angle)
    return f"M10,60 A50,50 0 0,1 {x:.2f},{y:.2f}"


def _view(result: Result, anchor: str) -> dict[str, Any]:
    from msglint.report.html_view import ask_items, fix_views, hard_wrapped, note_groups

    analysis = result.analysis
    numbered = list(enumerate(result.findings, start=1))
    groups, group_of = note_groups(result.findings)
    body = [(n, f) for n, f in numbered if f.field == "body"]
    subject = [(n, f) for n, f in numbered if f.field == "subject"]
    pack = analysis.pack

    def with_notes(cut: list[Piece]) -> list[tuple[Piece, list[int]]]:
        return [(p, sorted({group_of[n] for n in p.ending})) for p in cut]

    return {
        "anchor": anchor,
        "result": result,
        "ui": pack.ui,
        "lang": analysis.language,
        "kind_label": pack.ui("kind_" + analysis.kind),
        "subject_pieces": with_notes(pieces(analysis.subject or "", subject)),
        "body_pieces": with_notes(pieces(analysis.body, body)),
        "groups": groups,
        "fixes": {n: fix_views(analysis, f.fix) for n, f in numbered if f.fix is not None},
        "gauge": gauge_path(result.score),
        "families": [(pack.ui("family_" + k), v) for k, v in result.families.items()],
        "asks": ask_items(analysis),
        "wrapped": hard_wrapped(analysis.body),
        "fixable": result.fixable,
    }


@cache
def _template():  # type: ignore[no-untyped-def]
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("msglint", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2")


def render(results: Sequence[Result], errors: Sequence[InputError], options: ReportOptions) -> str:
    from msglint.report.html_view import FAMILY_ORDER, index_rows

    views = [_view(r, f"r{i}") for i, r in enumerate(results, start=1)]
    page_ui = results[0].analysis.pack.ui if results else _english_ui()
    return _template().render(
        views=views,
        index=index_rows(views) if len(views) > 1 else [],
        family_order=FAMILY_ORDER,
        grades=("A", "B", "C", "D", "F"),
        errors=errors,
        ui=page_ui,
        lang=results[0].analysis.language if results else _source_language(),
        version=__version__,
    )


def _source_language() -> str:
    from msglint.lang import SOURCE_LANGUAGE

    return SOURCE_LANGUAGE


def _english_ui():  # type: ignore[no-untyped-def]
    from msglint.lang import SOURCE_LANGUAGE, get_pack

    return get_pack(SOURCE_LANGUAGE).ui
