"""Phrase signs: requests, proposals, needs, shared and ownerless asks (``phrases``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.syntax import subordinate

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span

    from msglint.analysis.asks.lexicons import AskRules


def phrase_signs(
    doc: Doc,
    span: Span,
    flat: str,
    starts: list[int],
    to_raw: Callable[[int], int],
    start: int,
    rules: AskRules,
) -> list[tuple[int, str]]:
    """The phrases of the pack's sign lexicons starting a word, outside subordinate clauses.

    A phrase in a subordinate clause ("the people you should call", "if we need
    it", "sure to please everyone") asks nothing of anyone.
    """
    found = []
    for hit_start, _, kind in rules.signs.hits(flat, starts):
        offset = start + to_raw(hit_start)
        verbs_only = kind in ("hedged", "request")
        obligation = kind in ("need", "we")
        if not subordinate(doc, offset, span, rules, verbs_only, obligation):
            found.append((hit_start, kind))
    return found
