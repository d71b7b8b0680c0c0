"""Concision rules (CN): say it in as few words as it takes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msglint.analysis.model import Analysis, Sentence
from msglint.rules.base import Hit, Options, rule
from msglint.rules.genre import new_memo, not_a_memo


@rule("CN01", "concision.too-long", "warning", options={"max_words": 250})
def too_long(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that the message fits its kind's length budget.

    ## What it does
    Counts the words the author wrote (quoted history and signature
    excluded) and reports a message longer than ``max_words``: 250 for an
    e-mail, 80 for a chat message, 2,000 for a document by default. The
    finding points at the sentence where the budget runs out.

    ## Why is this bad?
    Long messages are skimmed, and the ask gets lost. Most work e-mails that
    get a reply are short; anything longer usually belongs in a document
    with a short e-mail pointing to it.

    ## Example
    A 400-word e-mail that tells the whole story of a project before asking
    for one approval.

    ## Use instead
    Three or four short paragraphs: the ask and its deadline first, the
    context the reader needs, and a link to the full document.
    """
    budget = opts["max_words"]
    if a.metrics.words <= budget:
        return
    seen = 0
    for sentence in a.sentences:
        seen += sentence.words
        if seen > budget:
            yield Hit(
                sentence.start,
                sentence.end,
                args={"words": a.metrics.words, "max": budget},
            )
            return
    yield Hit(field="message", args={"words": a.metrics.words, "max": budget})


@rule(
    "CN02",
    "concision.long-sentence",
    "warning",
    options={
        "max_words": 35,
        "run_on_words": 90,
        "run_on_clauses": 8,
        "many_long": 3,
        "many_long_languages": ["fr"],
    },
    messages=("default", "run_on", "many"),
)
def long_sentence(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for sentences too long to read in one go.

    ## What it does
    Reports each sentence of more than ``max_words`` words (35 by default;
    list items and headings are sentences of their own). In a new e-mail to
    its reader (not a reply, a mailing-list post or an automated notice), a
    run-on sentence — at least ``run_on_words`` (90) words stringing at least
    ``run_on_clauses`` (8) clauses, counted on the parse — is a strong hit:
    a long technical sentence has a few clauses, a run-on one chains them
    with commas and "and… so… which…". Lines run together with no
    punctuation (pasted output, items without bullets) are not one sentence
    and get no strong hit, nor do chat exports, whose turns run together.

    In the languages of ``many_long_languages`` (``["fr"]``), an e-mail whose
    own text (a reply's too; not a list post or an automated notice) runs
    ``many_long`` (3) sentences or more past ``max_words`` is long-winded
    throughout, not once: each of them is a strong hit. English is left out:
    English readers on real mail took long sentences in stride, French ones
    did not (``rules.toml``).

    ## Why is this bad?
    Comprehension drops sharply past 25 to 30 words: plain-language guides
    (GOV.UK, plainlanguage.gov) advise an average of 15 to 20 words. Long
    sentences hide the ask and invite misreading, all the more for readers
    writing in a second language.

    ## Example
    ```
    I wanted to let you know that since the supplier changed their delivery
    schedule last week we will probably need to move the launch, which means
    that the marketing plan and the budget will need to be reviewed again.
    ```

    ## Use instead
    ```
    The supplier changed their delivery schedule, so the launch will move.
    Could you review the marketing plan and budget by Thursday?
    ```
    """
    long = [s for s in a.sentences if s.words > opts["max_words"] and not s.is_heading]
    many = opts["many_long"] if a.language in opts["many_long_languages"] else 0
    winded = 0 < many <= len(long) and a.kind == "email" and not not_a_memo(a)
    for sentence in long:
        args = {"words": sentence.words, "max": opts["max_words"]}
        if _run_on(a, sentence, opts):
            yield Hit(sentence.start, sentence.end, "run_on", args, strong=True)
        elif winded:
            args["count"] = len(long)
            yield Hit(sentence.start, sentence.end, "many", args, strong=True)
        else:
            yield Hit(sentence.start, sentence.end, args=args)


def _run_on(a: Analysis, sentence: Sentence, opts: Options) -> bool:
    """A sentence of a new memo, long by words and by clauses: one breath for a whole message."""
    from msglint.analysis.grammar import clause_count

    if sentence.in_list or sentence.words < opts["run_on_words"] or not new_memo(a):
        return False
    if len(_LINE_ITEM.findall(sentence.text)) >= 2:
        return False  # lines run together (pasted output, unbulleted items): not one sentence
    return clause_count(a, sentence) >= opts["run_on_clauses"]


# A line that ends with no punctuation followed by one that starts a new item
# (a capital, a digit or a dash): hard-wrapped prose breaks mid-phrase instead.
_LINE_ITEM = re.compile(r"[^\W_][ \t]*\n[ \t]*(?:[-*•\d]|[A-ZÀ-ÖØ-Þ])")


@rule("CN03", "concision.filler", "info", options={"max_per_message": 0})
def filler(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for filler words and hedges that add length, not meaning.

    ## What it does
    Reports words and phrases of the pack's ``fillers.txt`` and ``hedges.txt``
    ("basically", "actually", "I think", "kind of"; "en fait", "du coup",
    "je pense que", "en quelque sorte") beyond ``max_per_message`` (0).

    ## Why is this bad?
    Fillers dilute the message; hedges make a clear request or decision
    sound optional and leave the reader guessing how sure you are.

    ## Example
    ```
    I basically think we should kind of move the review to Monday.
    ```

    ## Use instead
    ```
    Let's move the review to Monday.
    ```
    """
    hits = [hit for name in ("fillers", "hedges") for hit in a.pack.find(name, a.body)]
    hits.sort(key=lambda h: h.start)
    for hit in hits[opts["max_per_message"] :]:
        yield Hit(hit.start, hit.end, args={"phrase": hit.text})


@rule("CN04", "concision.wordy-phrase", "info", messages=("default", "delete"))
def wordy_phrase(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for wordy phrases that have a shorter equivalent.

    ## What it does
    Reports phrases of the pack's ``wordy.tsv`` and gives the shorter
    replacement as the finding's suggestion: "in order to" → "to",
    "at this point in time" → "now", "au jour d'aujourd'hui" → "aujourd'hui",
    "dans le but de" → "pour".

    ## Why is this bad?
    Each wordy phrase costs the reader a little; together they turn a
    five-line message into a ten-line one.

    ## Example
    ```
    In order to finalise the contract, we need your signature.
    ```

    ## Use instead
    ```
    To finalise the contract, we need your signature.
    ```
    """
    for hit, replacement in a.pack.phrase_replacements("wordy", a.body):
        yield Hit(
            hit.start,
            hit.end,
            "default" if replacement else "delete",
            {"phrase": hit.text, "replacement": replacement},
            suggestion=replacement,
        )


@rule("CN05", "concision.passive-voice", "info", options={"max_per_message": 0})
def passive_voice(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for passive instructions that hide who must act.

    ## What it does
    Finds passive constructions in the spaCy parse (English ``auxpass`` /
    ``nsubjpass``, French ``aux:pass`` / ``nsubj:pass``) that give an
    instruction — under "must", "should", "needs to", « doit », « il faut
    que » (the pack's ``obligations.txt``) — and name nobody to do it (no
    "by…" / « par… »). Other passives are ordinary prose in reports and are
    left alone, as are participles that describe a state (the pack's
    ``passive_exceptions.txt``). Reports them beyond ``max_per_message`` (0).

    ## Why is this bad?
    "The report must be sent" does not say who sends it. In an asynchronous
    message nobody is there to ask, so the task is dropped or done twice.

    ## Example
    ```
    The slides should be updated before the meeting.
    ```

    ## Use instead
    ```
    Could you update the slides before the meeting?
    ```
    """
    if a.doc is None:
        return
    from msglint.analysis.grammar import passive_spans

    obligations = a.pack.words("obligations")
    found = [
        (start, end, verb)
        for start, end, verb in passive_spans(a)
        if _hides_owner(a, start, end, obligations)
    ]
    for start, end, verb in found[opts["max_per_message"] :]:
        yield Hit(start, end, args={"verb": verb})


_PASSIVE_AUX = {"auxpass", "aux:pass"}
_AGENT = {"agent", "obl:agent"}


def _hides_owner(a: Analysis, start: int, end: int, obligations: frozenset[str]) -> bool:
    """A passive instruction with no agent: "must be completed", « doit être rempli »."""
    span = a.doc.char_span(start, end, alignment_mode="expand") if a.doc is not None else None
    if span is None:
        return False
    auxiliaries = [t for t in span if t.dep_ in _PASSIVE_AUX]
    if not auxiliaries:
        return False
    verb = auxiliaries[0].head
    if any(child.dep_ in _AGENT for child in verb.children):
        return False  # "must be signed by the board": the owner is named
    near = [*verb.children, verb.head, verb.head.head]
    return any(t.lemma_.lower() in obligations or t.lower_ in obligations for t in near)


@rule(
    "CN06",
    "concision.preamble",
    "info",
    kinds=("email", "chat"),
    options={"strong_min_words": 150, "min_apologies": 2, "apology_languages": []},
    messages=("default", "long", "apologies"),
)
def preamble(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for pleasantries that delay the point.

    ## What it does
    Reports a pleasantry from the pack's ``pleasantries.txt`` ("I hope this
    email finds you well", "I'm reaching out to", "J'espère que vous allez
    bien", "Je me permets de vous écrire") in the first sentences of the
    message, before anything is asked or said. In a new e-mail to its reader
    (not a reply, a mailing-list post or an automated notice) of at least
    ``strong_min_words`` (150) words, it is a strong hit: the formula opens a
    long preamble — unless the message is laid out with a list, which the
    reader scans rather than reads through. In a short message it costs a
    line, no more.

    In the languages of ``apology_languages`` (none by default), it also
    reports, as a strong hit, the apology that makes ``min_apologies`` (2)
    in the writer's own text (the pack's ``apologies.txt``, counted as TN04
    counts them: « Désolée de te déranger… désolée encore »): apologies
    repeated around a request delay it and drown it. TN04 reports the
    third one as a matter of tone.

    ## Why is this bad?
    The first lines are what the preview pane and the notification show.
    Spending them on formulas pushes the point out of sight. A warm tone is
    better carried by a short greeting and a thank-you.

    ## Example
    ```
    Hi Léa, I hope this email finds you well. I am reaching out because the
    invoice is due.
    ```

    ## Use instead
    ```
    Hi Léa, the March invoice is due on Friday: could you approve it?
    ```
    """
    yield from _pleasantry(a, opts)
    again = a.apology_making(opts["min_apologies"])  # where the request starts to drown
    if again is not None and a.language in opts["apology_languages"]:
        yield Hit(*again, "apologies", {"count": len(a.apologies)}, strong=True)


def _pleasantry(a: Analysis, opts: Options) -> Iterator[Hit]:
    """The first pleasantry of the opening sentences, strong in a long new e-mail."""
    lexicon = a.pack.lexicon("pleasantries")
    opening = a.sentences[:3]
    if not opening:
        return
    limit = opening[-1].end
    for hit in lexicon.finditer(a.body[:limit]):
        args = {"phrase": hit.text, "words": a.metrics.words}
        # A message laid out as a list is scanned, not read through: the
        # formula does not hold the point back there.
        laid_out = any(p.kind == "list" for p in a.paragraphs)
        if a.metrics.words >= opts["strong_min_words"] and new_memo(a) and not laid_out:
            yield Hit(hit.start, hit.end, "long", args, strong=True)
        else:
            yield Hit(hit.start, hit.end, args=args)
        return
