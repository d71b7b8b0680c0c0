"""Clauses of a sentence as text: offers and closings set aside, fallbacks recognised.

These tests work on the sentence's flat text (runs of white space made one
space) cut into clauses at punctuation and at the pack's coordinators; every
scan here is linear in the sentence's length (no regex anchored at the end of
an unbounded run, which backtracks quadratically on "? ? ? …").
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from msglint.analysis.asks.lexicons import AskRules

# An ordered-list marker at the start of a line: "1.", "2)", "a)".
_NUMBERED = re.compile(r"(?:\d{1,3}[.)]|[a-zA-Z]\))\s+")
_LINE_PREFIX = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[a-zA-Z]\))[ \t]+$")
# A list marker or quote sign to drop before matching a whole sentence.
LEAD = re.compile(r"^\s*(?:(?:[-*•>]|\d{1,3}[.)]|[a-zA-Z]\))\s+)*")
_SPACE_RUN = re.compile(r"\s+")
# White space other than a single space: a line break, a tab, several spaces.
_ODD_SPACE = re.compile(r"[^\S ]|\s{2,}")
# Closing punctuation that may follow the end of a question ("?)", "? !", "?»").
_AFTER_QUESTION = frozenset(" !?.…)]\"'»”’")
# …and what else may close a sentence or a clause (":", ";", ",").
_CLOSING = _AFTER_QUESTION | frozenset(":;,")


def _emoji(char: str) -> bool:
    code = ord(char)
    return 0x1F300 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def _trailing_run(text: str, closing: frozenset[str]) -> int:
    """Where the run of closing punctuation, emoji and spaces ending ``text`` starts."""
    i = len(text)
    while i > 0 and (text[i - 1] in closing or text[i - 1].isspace() or _emoji(text[i - 1])):
        i -= 1
    return i


def quoted_history(text: str) -> bool:
    """A line of someone else's message: quoted ("> Can you send it?", the reply
    patterns' quote prefixes) or a header field of a quoted message ("Subject: Re:
    Could you review it?", « Objet : TR: … », "From: Paul Sent: Monday"). The
    splitter sets such lines apart from the writer's text; a sentence given alone
    says so by its start (``msglint/lang/reply_patterns.toml``, shared by every
    language)."""
    from msglint.inputs.reply_patterns import patterns

    pats = patterns()
    head = text.lstrip()
    if not head:
        return False
    quoted = head.startswith(pats.quote_prefixes) or pats.quote_pattern.match(head[:8]) is not None
    if quoted and not pats.not_quoted.match(head[:300]):
        return True
    return pats.field_line.match(head[:300]) is not None


def ends_as_question(text: str) -> bool:
    """A "?" followed only by closing punctuation, emoji and spaces ("Ready? 🙂")."""
    return "?" in text[_trailing_run(text, _AFTER_QUESTION) :]


def core(text: str) -> str:
    """A sentence or clause without list markers and closing punctuation."""
    text = LEAD.sub("", text)
    return text[: _trailing_run(text, _CLOSING)]


def is_not_ask(text: str, rules: AskRules) -> bool:
    """A whole clause that only looks like an ask: a closing, an offer, a pointer."""
    bare = core(text)
    return not bare or (rules.not_asks is not None and rules.not_asks.fullmatch(bare) is not None)


def _list_label(text: str, rules: AskRules) -> bool:
    """A clause that labels a descriptive list ("Duties:", « Missions : »): ``list_labels``."""
    if rules.list_labels is None or not text.rstrip().endswith(":"):
        return False
    return rules.list_labels.fullmatch(core(text)) is not None


def is_courtesy(text: str, rules: AskRules) -> bool:
    """A whole clause that invites the reader without asking for work ("feel free to call")."""
    bare = core(text)
    pattern = rules.courtesy_asks
    return bool(bare) and pattern is not None and pattern.fullmatch(bare) is not None


# Quotation marks: the straight one pairs with itself, the others open and close.
_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“"}


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation that opens after the sentence's first word.

    Words in quotes there are someone else's ('John asked me, "Can you send
    it?"', « il m'a dit : "peux-tu venir ?" »): reported, not said to the
    reader. A quotation that opens the sentence is the sentence itself. The
    closing mark is inside the range, so a question mark just before it is too.
    One pass, no regex: linear in the text.
    """
    ranges = []
    opener = ""
    opened = 0
    for i, char in enumerate(text):
        if opener:
            if char == _QUOTE_PAIRS[opener]:
                if any(c.isalpha() for c in text[:opened]):
                    ranges.append((opened, i + 1))
                opener = ""
        elif char in _QUOTE_PAIRS:
            opener, opened = char, i
    return ranges


def drop_quoted(text: str, triggers: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Triggers outside the quotations of ``quoted_ranges``."""
    ranges = quoted_ranges(text) if any(c in _QUOTE_PAIRS for c in text) else []
    if not ranges:
        return triggers
    return [(o, kind) for o, kind in triggers if not any(a <= o < b for a, b in ranges)]


def _segment_of(segments: list[tuple[int, int]], offset: int) -> int:
    return next(n for n, (a, b) in enumerate(segments) if a <= offset < b)


def drop_offers_and_closings(
    text: str, starts: list[int], triggers: list[tuple[int, str]], rules: AskRules
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Triggers left once closings ("thanks, talk soon") and offers are set aside,
    and the triggers set aside only as courtesy invitations.

    An offer is a clause conditioned on the reader's own need ("call me if you
    need anything", "if you have questions, please contact me", "si besoin,
    appelle-moi"): the condition's clause and, when the condition comes first,
    the clause after it are not asks. Clauses are cut at punctuation and at
    coordinators (``clause_coordinators``). Such an offer, a fronted wish
    condition ("If you would like to discuss it, call me") and a clause of
    ``courtesy_asks`` ("feel free to call me") still invite the reader: their
    triggers come back as the second list (an ask with ``courtesy``), unless a
    closing, a pointer or automated boilerplate (``not_asks``, the
    ``mail_conditions`` of an offer) covers the same clause.
    """
    segments = split(text, rules)
    dropped = set()
    courteous = set()
    for number, (seg_start, seg_end) in enumerate(segments):
        clause = text[seg_start:seg_end]
        if _list_label(clause, rules):
            # "Duties: manage the budget, train new staff": the list it opens describes.
            dropped.update(range(number, len(segments)))
            break
        if is_not_ask(clause, rules):
            dropped.add(number)
        elif is_courtesy(clause, rules):
            courteous.add(number)
    for hit_start, _, kind in rules.offer_conditions.hits(text, starts):
        number = _segment_of(segments, hit_start)
        covered = dropped if kind == "automated" else courteous
        if any(offset < hit_start for offset, _ in triggers):
            covered.add(number)  # "call me if you need anything": the clause itself
            continue
        # "If you have questions or concerns, please contact me": up to the next ask,
        # and on through the clauses joined to it ("please delete it and notify the sender").
        covered.update(up_to_consequent(number, segments, triggers, text, rules))
    for hit_start, _, _ in rules.wish_conditions.hits(text, starts):
        # Only a fronted wish is an offer ("If you would like to discuss it, call
        # me"), and not when what follows asks for an answer ("if you want me to
        # come, let me know") or is a question ("If you'd like to attend, should
        # we call you?").
        if any(offset < hit_start for offset, _ in triggers):
            continue
        number = _segment_of(segments, hit_start)
        covered = up_to_consequent(number, segments, triggers)
        low, high = segments[covered[-1]]
        answered = any(
            a < high and b > low for a, b, _ in rules.response_requests.hits(text, starts)
        ) or any(kind == "question" and low <= offset for offset, kind in triggers)
        if not answered:
            courteous.update(covered)
    if not dropped and not courteous:
        return triggers, []
    # A request for the answer with a deadline is an ask even inside an offer
    # or a closing: "Let me know if you need anything else by Wednesday".
    for hit_start, _, _ in rules.response_requests.hits(text, starts):
        number = _segment_of(segments, hit_start)
        if (number in dropped or number in courteous) and deadline_in(
            text[segments[number][0] : segments[number][1]], rules
        ):
            dropped.discard(number)
            courteous.discard(number)
    if not dropped and not courteous:
        return triggers, []
    kept = []
    invited = []
    for offset, kind in triggers:
        number = next(
            (n for n, (a, b) in enumerate(segments) if a <= offset < b), len(segments) - 1
        )
        if number in dropped:
            continue
        (invited if number in courteous else kept).append((offset, kind))
    return kept, invited


def split(text: str, rules: AskRules) -> list[tuple[int, int]]:
    """The clauses of a sentence as (start, end) offsets, cut at punctuation and coordinators."""
    bounds = [0]
    for match in rules.clause_split.finditer(text) if rules.clause_split is not None else ():
        bounds.append(match.end())
    bounds.append(len(text) + 1)
    return list(itertools.pairwise(bounds))


def completes_another(
    text: str, starts: list[int], triggers: list[tuple[int, str]], rules: AskRules
) -> bool:
    """True when every ask sign of the sentence only completes an ask made before it.

    A clause opening with a sign of ``secondary_asks`` completes another ask:
    a fallback condition ("If you cannot sign today, call me", "Si aucun ne
    vous convient, indiquez-moi…") covers the clauses up to its consequent; a
    request for the answer with nothing of its own but a deadline or a purpose
    ("Let me know by Friday", "please reply by Wednesday", "Dis-moi d'ici
    vendredi") covers its own clause. A softener is not a condition ("if you
    get a chance": ``ask_hedges``).
    """
    hits = rules.secondary.hits(text, starts)
    if not hits:
        return False
    segments = split(text, rules)
    hedges = {start for start, _, _ in rules.hedges.hits(text, starts)}
    covered: set[int] = set()
    for hit_start, _, _ in hits:
        if hit_start in hedges:
            continue
        number = _segment_of(segments, hit_start)
        if hit_start > _clause_start(text, segments[number], starts, rules):
            continue  # not at the start of its clause (past its openers)
        a, b = segments[number]
        if any(a <= offset < b for offset, _ in triggers):
            covered.add(number)
        else:
            covered.update(up_to_consequent(number, segments, triggers, text, rules))
    if not covered:
        return False
    for offset, _ in triggers:
        number = next(
            (n for n, (a, b) in enumerate(segments) if a <= offset < b), len(segments) - 1
        )
        if number not in covered:
            return False
    return True


def _clause_start(text: str, segment: tuple[int, int], starts: list[int], rules: AskRules) -> int:
    """The offset of the first word of a clause past its openers ("and", "so", "alors")."""
    for position in starts:
        if position < segment[0]:
            continue
        if position >= segment[1]:
            break
        word = text[position:].split(" ", 1)[0].strip(".,;:!?").lower()
        if word in rules.openers or not word:
            continue
        return position
    return segment[0]


def up_to_consequent(
    number: int,
    segments: list[tuple[int, int]],
    triggers: list[tuple[int, str]],
    text: str | None = None,
    rules: AskRules | None = None,
) -> list[int]:
    """The segments from a fronted condition to the first one holding an ask sign.

    With ``text``, the consequent runs on through clauses joined to it by a
    coordinator (``run_on_coordinators``): "if a figure is wrong, correct it
    and send it back to me".
    """
    covered = [number]
    for later in range(number + 1, len(segments)):
        covered.append(later)
        a, b = segments[later]
        if any(a <= offset < b for offset, _ in triggers):
            break
    run_on = rules.run_on if rules is not None else None
    while text is not None and run_on is not None and covered[-1] + 1 < len(segments):
        a, b = segments[covered[-1]]
        if not run_on.search(text[a:b]):
            break
        covered.append(covered[-1] + 1)
    return covered


def _same(offset: int) -> int:
    return offset


def flatten(text: str) -> tuple[str, Callable[[int], int], Callable[[int], int]]:
    """``text`` with each run of white space made one space, and the two offset maps.

    Returns the flat text, the map from an offset of ``text`` to the flat text
    and the map back. A text with single spaces only is returned as is.
    """
    if _ODD_SPACE.search(text) is None:
        return text, _same, _same
    to_flat = [0] * (len(text) + 1)
    to_raw = []
    pieces = []
    last = 0
    for match in _SPACE_RUN.finditer(text):
        for i in range(last, match.start()):
            to_flat[i] = len(to_raw)
            to_raw.append(i)
        pieces.append(text[last : match.start()])
        for i in range(match.start(), match.end()):
            to_flat[i] = len(to_raw)
        to_raw.append(match.start())
        pieces.append(" ")
        last = match.end()
    for i in range(last, len(text)):
        to_flat[i] = len(to_raw)
        to_raw.append(i)
    pieces.append(text[last:])
    to_flat[len(text)] = len(to_raw)
    to_raw.append(len(text))
    return "".join(pieces), to_flat.__getitem__, to_raw.__getitem__


def is_numbered(text: str, start: int, stripped: str) -> bool:
    """True when the sentence is an item of an ordered list ("1. …", "2) …", "a) …")."""
    if _NUMBERED.match(stripped):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_LINE_PREFIX.match(text, line_start, start)) if line_start < start else False


def deadline_in(text: str, rules: AskRules, strict: bool = False) -> bool:
    """A time that can be a deadline in the clause (msglint's own time parser):
    a date or a time, a "before" interval, a vague "ASAP"; ``strict``: only a
    "before" interval or a vague "ASAP" ("by Friday", not "on Friday")."""
    from msglint.analysis.asks.syntax import times_in

    return any(
        (expr.kind in ("instant", "interval") and not strict)
        or expr.kind == "vague"
        or (expr.kind == "open_interval" and expr.direction == "before")
        for expr in times_in(text, rules.code)
    )
