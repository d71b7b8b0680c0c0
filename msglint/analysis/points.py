"""How many separate points a paragraph makes: the facts behind ST01's "points".

Judges on real mail accept a short paragraph with a fact and an ask; they
call a paragraph a problem when it strings several unrelated points
together — « Par ailleurs… Autre chose, pour le voyage… Et enfin, petit
rappel… », "Also, … Separately, …", or four questions one after another —
the reader has to cut it into items before acting on any. A point starts
where the paragraph starts, at each sentence that asks something, and at
each clause that a topic-shift word opens (the pack's ``topic_shifts.txt``:
« par ailleurs », « autre chose », « côté », "also", "as for",
"separately"). A shift word inside a clause ("we also need") adds nothing:
only one that opens a clause — after the start of a sentence, a comma, a
semicolon or a colon, possibly behind "and" / « et » — starts a new point.
Without any such shift the paragraph stays on one subject, however many
asks it makes (a corporate invitation's "please accept… we also ask that
you… RSVP by Monday" was fine to the judges).
"""

from __future__ import annotations

from msglint.analysis.model import Analysis, Ask, Paragraph

# What may stand between a clause break and a shift word that opens the next clause.
_BREAKS = frozenset(",;:(–—-\n")


def paragraph_points(a: Analysis, paragraph: Paragraph) -> int:
    """The separate points of a prose paragraph (1 for a paragraph on one thing).

    Several asks on one subject ("please accept… we also ask that you…
    RSVP by Monday") are one point: the count is 1 unless a topic-shift word
    opens a clause somewhere in the paragraph.
    """
    cache = a.extra.setdefault("paragraph_points", {})
    if paragraph.start not in cache:
        asks, shifts = _point_starts(a, paragraph)
        cache[paragraph.start] = len(asks | shifts) if shifts else 1
    return int(cache[paragraph.start])


def _point_starts(a: Analysis, paragraph: Paragraph) -> tuple[set[int], set[int]]:
    """Where points start: the opening and asks' sentences; the clauses a shift word opens."""
    sentences = [
        (i, s) for i, s in enumerate(a.sentences) if paragraph.start <= s.start < paragraph.end
    ]
    if not sentences:
        return set(), set()
    starts = {sentences[0][1].start}
    shifts: set[int] = set()
    asking = {ask.sentence for ask in a.asks if not ask.secondary and not ask.in_list}
    coordinators = a.pack.words("list_conjunctions")
    for index, sentence in sentences:
        if index in asking:
            starts.add(sentence.start)
        for hit in a.pack.find("topic_shifts", sentence.text):
            before = sentence.text[: hit.start].rstrip()
            last = before.rsplit(None, 1)[-1] if before else ""
            if last.lower() in coordinators:  # "and also", « et enfin »
                before = before[: -len(last)].rstrip()
            if not before:
                shifts.add(sentence.start)
            elif before[-1] in _BREAKS:
                shifts.add(sentence.start + hit.start)
    return starts, shifts


def paragraph_asks(a: Analysis, paragraph: Paragraph) -> list[Ask]:
    """The things the paragraph itself asks: no fallback, no answer request, no list item.

    A fallback ("if you can't, call me") or "let me know" after a question
    completes another ask; an ask in a list or numbered is already set apart.
    """
    return [
        ask
        for ask in a.asks
        if paragraph.start <= ask.start < paragraph.end
        and not (ask.secondary or ask.in_list or ask.numbered)
    ]


def jumbled_asks(a: Analysis, paragraph: Paragraph, min_points: int, min_asks: int = 3) -> bool:
    """The paragraph runs ``min_asks`` asks or more over ``min_points`` separate points.

    The judges' "several demands jumbled in one paragraph": the writer (who
    speaks as "I" or "we") asks three things or more, outside any list, and
    the asks are on separate subjects (a topic-shift word opens one point at
    least, :func:`paragraph_points`). Three asks on one subject, or three
    points of which one only asks, stay ordinary prose. With ``min_points``
    1 it is the asks alone that count: a paragraph that asks three things.
    """
    from msglint.analysis.grammar import first_person_in

    return (
        len(paragraph_asks(a, paragraph)) >= min_asks
        and paragraph_points(a, paragraph) >= min_points
        and first_person_in(a, paragraph.start, paragraph.end)
    )


def substance_words(a: Analysis, paragraph: Paragraph, min_apologies: int = 2) -> int:
    """The paragraph's words outside its sentences that apologise, when it apologises again.

    A paragraph long only because the writer apologises again and again
    (« Je suis vraiment désolée… encore désolée… Pardon encore… ») is one
    short request drowned in apologies: cutting it into paragraphs would not
    help, and the repetition is a matter of concision and tone (CN06, TN04).
    Length rules weigh what is left. A single apology is politeness: it
    counts (a run-on sentence that says sorry once may carry the whole
    paragraph).
    """
    sorry = [start for start, _ in a.apologies if paragraph.start <= start < paragraph.end]
    if len(sorry) < min_apologies:
        return paragraph.words
    return sum(
        s.words
        for s in a.sentences
        if paragraph.start <= s.start < paragraph.end
        and not any(s.start <= start < s.end for start in sorry)
    )


def sequence_steps(a: Analysis, paragraph: Paragraph) -> dict[str, int]:
    """The distinct sequence words of a paragraph ("first… then…", « d'abord… puis… »).

    Each word (the pack's ``sequence_markers.txt``, lower-cased) maps to the
    body offset of its first use: steps or items walked through in prose,
    which a numbered list would set apart.
    """
    text = a.body[paragraph.start : paragraph.end]
    steps: dict[str, int] = {}
    for hit in a.pack.lexicon("sequence_markers").finditer(text):
        steps.setdefault(hit.entry.lower(), paragraph.start + hit.start)
    return steps
