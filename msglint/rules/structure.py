"""Structure rules (ST): short paragraphs, lists, and the ask up front."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msglint.analysis.model import Analysis, Paragraph
from msglint.rules.base import Hit, Options, rule
from msglint.rules.genre import new_memo, not_a_memo

_INLINE_NUMBERING = re.compile(r"(?:^|[\s:;,])(?:\(?(\d{1,2}|[a-h])\))\s+\S", re.IGNORECASE)


def _substantial_blocks(a: Analysis) -> list[Paragraph]:
    """Paragraphs and lists of a dozen words or more: greetings and sign-offs aside."""
    return [p for p in a.paragraphs if p.kind in ("paragraph", "list") and p.words >= 12]


@rule(
    "ST01",
    "structure.long-paragraph",
    "warning",
    options={
        "max_words": 100,
        "max_sentences": 6,
        "min_points": 3,
        "any_long_languages": ["fr"],
        "buried_languages": ["fr"],
        "min_asks": 3,
        "asks_words": 60,
        "asks_languages": ["fr"],
    },
    messages=("words", "sentences", "buried", "points", "asks"),
)
def long_paragraph(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for paragraphs too long to take in at a glance.

    ## What it does
    Reports a paragraph of more than ``max_words`` (100) words or
    ``max_sentences`` (6) sentences. When the message is one single block
    (greetings and sign-offs aside), its length in words is left to ST02
    (wall of text); too many sentences are still reported.

    A new e-mail to its reader (not a reply in a thread, a mailing-list post
    or an automated notice) written as one single paragraph of more than
    ``max_words`` words that carries an ask — a question or a request to the
    reader, or "we need to…" — is a strong hit in the languages of
    ``buried_languages`` (``["fr"]``): the ask is buried in an unbroken
    block. Elsewhere it is a hint (English judges of real mail did not mind
    it), unless it strings ``min_points`` separate points together (below).
    A long paragraph that explains, reports or states a requirement nobody
    in particular must meet is ordinary prose, and so is
    one long paragraph among others — unless it strings ``min_points`` (3)
    separate points together: in a new e-mail, a paragraph of more than
    ``max_words`` words among others (or alone, when it asks) whose opening, sentences that ask and
    clauses opened by a topic-shift word (the pack's ``topic_shifts.txt``:
    "also", "as for", "separately", « par ailleurs », « autre chose »,
    « côté ») make three points or more, one at least opened by such a
    word (several asks on one subject are one point), and where the writer
    speaks as "I" or "we" (a notice's fielded record is no person's
    paragraph), is a strong hit too: actions for several people or several
    unrelated topics run together. So is, at any length and in a reply's own
    text as well (not a list post or an automated notice), a paragraph where
    the writer asks three things or more over ``min_points`` such points
    ("several demands jumbled in one paragraph").
    In the languages of ``asks_languages`` (``["fr"]``), a paragraph of
    ``asks_words`` (60) words or more — three lines of a mail client — where
    the writer asks ``min_asks`` (3) things or more is a strong hit too,
    whatever its subjects (an e-mail's own text, a reply's too): « cinq
    questions enchaînées dans un paragraphe ». English judges took such
    paragraphs in stride (``rules.toml``).
    A paragraph that is long only by repeated apologies — two or more, and
    under the bar without its sentences that apologise — stays a hint: one
    request drowned in « désolée… pardon encore » is CN06's and TN04's
    business; cutting it into paragraphs would not help.
    In the languages of ``any_long_languages`` (``["fr"]``), any paragraph
    over ``max_words`` among others in an e-mail's own text (a reply's too;
    not a list post or an automated notice) is a strong hit: French readers
    of real mail called every such paragraph a problem, English ones took
    long paragraphs in stride (``rules.toml``).

    ## Why is this bad?
    Readers scan messages on small screens. A paragraph of more than five or
    six lines is skipped, and whatever it asks with it. Several points in
    one paragraph cannot be ticked off or answered one by one.

    ## Example
    A 150-word paragraph mixing the background, two decisions and a request.

    ## Use instead
    One idea per paragraph, three or four sentences at most, and a list for
    anything that enumerates.
    """
    from msglint.analysis.grammar import first_person_in
    from msglint.analysis.points import (
        jumbled_asks,
        paragraph_asks,
        paragraph_points,
        substance_words,
    )

    prose = [p for p in a.paragraphs if p.kind == "paragraph"]
    single_block = len(_substantial_blocks(a)) < 2  # its length is ST02's business
    memo = new_memo(a)
    own_text = a.kind == "email" and not not_a_memo(a)  # a reply's own text counts too
    for paragraph in prose:
        long = paragraph.words > opts["max_words"]
        # Long by what it says, not by apologies around one request: only then strong.
        full = long and substance_words(a, paragraph) > opts["max_words"]
        if own_text and jumbled_asks(a, paragraph, opts["min_points"]):
            yield Hit(
                paragraph.start,
                paragraph.end,
                "points",
                {"words": paragraph.words, "points": paragraph_points(a, paragraph)},
                strong=True,
            )
        elif (
            full
            and memo
            and single_block
            and _asks_in(a, paragraph)
            and a.language in opts["buried_languages"]
        ):
            yield Hit(
                paragraph.start,
                paragraph.end,
                "buried",
                {"words": paragraph.words, "max": opts["max_words"]},
                strong=True,
            )
        elif (
            long
            and memo
            and (not single_block or _asks_in(a, paragraph))
            and (points := paragraph_points(a, paragraph)) >= opts["min_points"]
            and first_person_in(a, paragraph.start, paragraph.end)
        ):
            yield Hit(
                paragraph.start,
                paragraph.end,
                "points",
                {"words": paragraph.words, "points": points},
                strong=True,
            )
        elif (
            own_text
            and paragraph.words >= opts["asks_words"]
            and a.language in opts["asks_languages"]
            and jumbled_asks(a, paragraph, 1, opts["min_asks"])
        ):
            yield Hit(
                paragraph.start,
                paragraph.end,
                "asks",
                {"words": paragraph.words, "asks": len(paragraph_asks(a, paragraph))},
                strong=True,
            )  # several asks in one paragraph, on one subject or not
        elif long and memo and single_block and _asks_in(a, paragraph):
            yield Hit(
                paragraph.start,
                paragraph.end,
                "buried",
                {"words": paragraph.words, "max": opts["max_words"]},
            )  # outside buried_languages: a hint
        elif long and not single_block:
            yield Hit(
                paragraph.start,
                paragraph.end,
                "words",
                {"words": paragraph.words, "max": opts["max_words"]},
                strong=full and own_text and a.language in opts["any_long_languages"],
            )
        elif paragraph.sentences > opts["max_sentences"]:
            yield Hit(
                paragraph.start,
                paragraph.end,
                "sentences",
                {"sentences": paragraph.sentences, "max": opts["max_sentences"]},
            )


def _asks_in(a: Analysis, paragraph: Paragraph) -> bool:
    """True when the paragraph asks the reader (or "us") for something of its own."""
    return any(
        paragraph.start <= ask.start < paragraph.end
        and not ask.secondary
        and not ask.in_list
        and ask.owner != "nobody"
        for ask in a.asks
    )


@rule(
    "ST02",
    "structure.wall-of-text",
    "warning",
    options={"min_words": 120, "any_block_languages": ["fr"]},
    messages=("default", "memo"),
)
def wall_of_text(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for a message written as one unbroken block.

    ## What it does
    Reports a body of at least ``min_words`` (120) words with no paragraph
    break and no list: a single block of text. In a new e-mail to its reader
    (not a reply in a thread, a mailing-list post or an automated notice)
    where the writer speaks in the first person ("I", "we", « je »,
    « nous », from the parse) it is a strong hit: a person wrote the whole
    message as one block. A notice or a report that speaks of things in the
    third person is left to the hint, and a block that asks the reader
    something is ST01's case (an ask buried in a long paragraph). In the
    languages of ``any_block_languages`` (``["fr"]``) any such block in an
    e-mail's own text (a reply's too; not a list post or an automated
    notice) is a strong hit: French readers of real mail called each one a
    problem, English ones did not (``rules.toml``).
    A block that reaches ``min_words`` only by repeated apologies (two or
    more; its sentences that apologise set aside) stays a hint: that is a
    request drowned in apologies (CN06, TN04), not a wall of topics.

    ## Why is this bad?
    A wall of text signals effort before a word is read. Readers postpone it,
    and when they do read it they miss the ask buried inside.

    ## Example
    A 180-word e-mail typed as one paragraph, greeting to sign-off.

    ## Use instead
    Break it where the topic changes, put the ask in its own short paragraph,
    and turn enumerations into a bulleted list.
    """
    from msglint.analysis.grammar import first_person_in
    from msglint.analysis.points import substance_words

    substantial = _substantial_blocks(a)
    if len(substantial) == 1 and substantial[0].kind == "paragraph":
        block = substantial[0]
        if block.words >= opts["min_words"]:
            full = substance_words(a, block) >= opts["min_words"]  # not long by apologies
            if (
                full
                and new_memo(a)
                and not _asks_in(a, block)
                and first_person_in(a, block.start, block.end)
            ):
                yield Hit(block.start, block.end, "memo", {"words": block.words}, strong=True)
            else:
                own_text = a.kind == "email" and not not_a_memo(a)
                strong = full and own_text and a.language in opts["any_block_languages"]
                yield Hit(block.start, block.end, args={"words": block.words}, strong=strong)


@rule(
    "ST03",
    "structure.inline-list",
    "info",
    options={
        "min_items": 3,
        "min_item_words": 3,
        "strong_items": 5,
        "strong_item_words": 3,
        "strong_steps": 2,
        "steps_words": 60,
        "steps_languages": ["fr"],
    },
    messages=("items", "sequence", "numbering"),
)
def inline_list(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for enumerations run into a sentence that should be a list.

    ## What it does
    Reports, outside lists: an ask coordinating ``min_items`` (3) or more
    items of at least ``min_item_words`` (3) words each (from the parse) —
    things the reader must act on, not an enumeration in a report; a
    paragraph with an ask that walks through steps with sequence words from the pack's
    ``sequence_markers.txt`` ("first… second… third", "premièrement…
    deuxièmement… troisièmement"); and inline numbering such as "1) … 2) … 3)".
    In a new e-mail to its reader (not a reply, a list post or an automated
    notice), an ask that runs ``strong_items`` (5) or more short items of
    at most ``strong_item_words`` (3) words into one sentence — « des
    ramettes, des post-it, des classeurs, des stylos, des enveloppes et des
    agrafes » — is a strong hit: an order or a checklist written as prose.
    In the languages of ``steps_languages`` (``["fr"]``), a paragraph of
    ``steps_words`` (60) words or more in an e-mail's own text (a reply's
    too; not a list post or an automated notice) that walks through
    ``strong_steps`` (2) distinct sequence words or more — « il faut
    d'abord faire le tri…, puis préparer le bordereau… » — is a strong hit,
    with or without an ask: a procedure or a to-do list written as prose.

    ## Why is this bad?
    Items buried in a sentence are easy to miss and impossible to answer
    point by point. A list can be scanned, ticked off and replied to inline.

    ## Example
    ```
    Before Friday we need to update the pricing page, send the new contract
    to the client and book the room for the kick-off meeting.
    ```

    ## Use instead
    ```
    Before Friday we need to:
    - update the pricing page;
    - send the new contract to the client;
    - book the room for the kick-off meeting.
    ```
    """
    from msglint.analysis.grammar import coordinated_items
    from msglint.analysis.points import sequence_steps

    reported: set[int] = set()
    asking = {ask.sentence for ask in a.asks}
    memo = new_memo(a)
    for index, sentence in enumerate(a.sentences):
        if sentence.in_list or sentence.is_heading:
            continue
        numbering = _INLINE_NUMBERING.findall(sentence.text)
        if len(numbering) >= opts["min_items"]:
            reported.add(index)
            yield Hit(sentence.start, sentence.end, "numbering", {"items": len(numbering)})
            continue
        if index not in asking:
            continue  # an enumeration in a report or a story is prose, not a to-do list
        items = coordinated_items(a, sentence)
        # Short items have words: a separator line ("=====") parses as a
        # chain of empty "items".
        short = [n for n in items if 1 <= n <= opts["strong_item_words"]]
        if len(short) >= opts["strong_items"] and memo:
            reported.add(index)
            yield Hit(sentence.start, sentence.end, "items", {"items": len(items)}, strong=True)
            continue
        # A fronted phrase ("Before Friday, we need…") is not an item: keep
        # the run of items long enough to be list items, counted from the end.
        while items and items[0] < opts["min_item_words"]:
            items = items[1:]
        if len(items) >= opts["min_items"] and all(n >= opts["min_item_words"] for n in items):
            reported.add(index)
            yield Hit(sentence.start, sentence.end, "items", {"items": len(items)})
    own_text = a.kind == "email" and not not_a_memo(a)  # a reply's own text counts too
    for paragraph in a.paragraphs:
        if paragraph.kind != "paragraph":
            continue
        steps = sequence_steps(a, paragraph)
        asks_here = any(paragraph.start <= ask.start < paragraph.end for ask in a.asks)
        # Steps walked through in a paragraph of three lines or more: a
        # procedure written as prose, with or without an ask.
        procedure = (
            own_text
            and a.language in opts["steps_languages"]
            and paragraph.words >= opts["steps_words"]
            and len(steps) >= opts["strong_steps"]
        )
        if steps and (procedure or (len(steps) >= opts["min_items"] and asks_here)):
            first = min(steps.values())
            if not any(a.sentences[i].start <= first < a.sentences[i].end for i in reported):
                yield Hit(
                    paragraph.start,
                    paragraph.end,
                    "sequence",
                    {"items": len(steps)},
                    strong=procedure,
                )


@rule(
    "ST04", "structure.buried-ask", "warning", kinds=("email", "chat"), options={"min_words": 120}
)
def buried_ask(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a long message asks early (bottom line up front).

    ## What it does
    In a message of at least ``min_words`` (120) words, reports the first ask
    when it only comes in the last third of the text.

    ## Why is this bad?
    Readers decide from the first lines whether a message needs them.
    An ask at the bottom is read last, or not at all: state it first, then
    give the context.

    ## Example
    Three paragraphs of background, then "So could you approve the budget?".

    ## Use instead
    "Could you approve the Q3 budget by Thursday? Context below." followed by
    the background.
    """
    if a.metrics.words < opts["min_words"] or not a.asks or not a.body:
        return
    first = min(a.asks, key=lambda ask: ask.start)
    if first.start > len(a.body) * 2 / 3:
        yield Hit(first.start, first.end, args={"words": a.metrics.words})
