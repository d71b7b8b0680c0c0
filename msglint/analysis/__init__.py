"""The analysis layer: one spaCy parse per message, then every fact the rules share.

``analyze`` groups messages by language and parses each group with
``nlp.pipe``; sentences, paragraphs, asks, time expressions, deadlines,
urgency markers and metrics are then computed once per message. Rules read
these facts and never parse text themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from msglint.analysis.model import Analysis, Metrics, Paragraph, Sentence, TimeExpr
from msglint.lang import available_languages, get_pack
from msglint.lang.detect import confident_language, detect_language
from msglint.message import Block, Message
from msglint.text import WORD, count_words

_WORDS_PER_MINUTE = 230


def choose_language(message: Message, forced: str | None) -> str:
    """``forced`` when given, else the language the message's own text is written in.

    When the own text is too short to tell (a bare forward, "ok"), the quoted
    or forwarded text decides, then a ``Content-Language`` header, then a
    subject long enough to tell; a two-word subject alone never does.
    """
    if forced:
        return forced
    own = f"{message.subject or ''}\n{message.body}"
    if confident_language(message.body) is None:
        found = confident_language(message.quoted)
        if found is None and message.language_hint in available_languages():
            found = message.language_hint  # a Content-Language header
        if found is None:
            found = confident_language(message.subject or "")
        if found is not None:
            return found
    return detect_language(own)


def reference_time(message: Message, forced: datetime | None) -> datetime:
    """``--now`` when given, else the e-mail's Date header, else the current local time."""
    if forced is not None:
        return forced
    # A Date header at the ends of the calendar (year 9999) is no reference:
    # date arithmetic from it overflows ("by today?" needs the day after).
    if message.sent is not None and 1900 <= message.sent.year <= 8999:
        return message.sent if message.sent.tzinfo else message.sent.astimezone()
    return datetime.now().astimezone()


def _blocks(message: Message) -> list[Block]:
    from msglint.analysis.layout import text_blocks

    return message.blocks if message.blocks is not None else text_blocks(message.body)


def _sentences(doc, blocks: list[Block]) -> list[Sentence]:  # type: ignore[no-untyped-def]
    """Sentences with whitespace trimmed, each tagged with its block."""
    import bisect

    block_starts = [b.start for b in blocks]
    found: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = start + len(stripped)
        block_index = max(0, bisect.bisect_right(block_starts, start) - 1)
        block = blocks[block_index] if blocks else None
        words = count_words(stripped)
        found.append(
            Sentence(
                start=start,
                end=end,
                text=stripped,
                words=words,
                block=block_index,
                is_question=stripped.rstrip(")\"'”»").endswith("?"),
                in_list=block is not None and block.kind == "item",
                is_heading=block is not None and block.kind == "heading",
            )
        )
    return found


def _paragraphs(body: str, blocks: list[Block], sentences: list[Sentence]) -> list[Paragraph]:
    """Paragraphs and headings as they are; consecutive items of one list as one ``list``."""
    per_block: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        per_block.setdefault(sentence.block, []).append(sentence)
    paragraphs: list[Paragraph] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "item":
            last = index
            while (
                last + 1 < len(blocks)
                and blocks[last + 1].kind == "item"
                and blocks[last + 1].list_id == block.list_id
            ):
                last += 1
            members = range(index, last + 1)
            sents = [s for i in members for s in per_block.get(i, [])]
            paragraphs.append(
                Paragraph(
                    start=block.start,
                    end=blocks[last].end,
                    kind="list",
                    words=sum(s.words for s in sents),
                    sentences=len(sents),
                    items=tuple((blocks[i].start, blocks[i].end) for i in members),
                    ordered=block.ordered,
                )
            )
            index = last + 1
            continue
        sents = per_block.get(index, [])
        paragraphs.append(
            Paragraph(
                start=block.start,
                end=block.end,
                kind=block.kind,
                words=sum(s.words for s in sents),
                sentences=len(sents),
            )
        )
        index += 1
    return paragraphs


def _metrics(
    body: str, lang: str, sentences: list[Sentence], paragraphs: list[Paragraph]
) -> Metrics:
    """Counts of the author's text; reading ease comes on demand (``complete_metrics``)."""
    prose = [s for s in sentences if not s.is_heading]
    words = WORD.findall(body)
    prose_words = sum(s.words for s in prose)
    return Metrics(
        words=len(words),
        sentences=len(prose),
        paragraphs=sum(1 for p in paragraphs if p.kind != "heading"),
        questions=sum(1 for s in prose if s.is_question),
        list_items=sum(len(p.items) for p in paragraphs),
        mean_sentence_words=round(prose_words / len(prose), 1) if prose else 0.0,
        longest_sentence_words=max((s.words for s in prose), default=0),
        readability_formula=get_pack(lang).settings["readability"]["formula"],
        reading_seconds=round(len(words) * 60 / _WORDS_PER_MINUTE),
    )


def complete_metrics(analysis: Analysis) -> Metrics:
    """Fill in syllables per word and reading ease, once.

    Syllable counting loads a syllable table (English) or a hyphenation table
    (French): only the readability rule and the JSON outputs need it, so a
    pre-send check that prints text does not pay for it.
    """
    metrics = analysis.metrics
    if metrics.readability is None and metrics.syllables_per_word == 0.0 and metrics.words:
        from msglint.analysis.readability import reading_ease, syllables

        alpha_words = [
            w for w in WORD.findall(analysis.message.body) if any(c.isalpha() for c in w)
        ]
        count = sum(syllables(w, analysis.language) for w in alpha_words)
        metrics.syllables_per_word = round(count / len(alpha_words), 2) if alpha_words else 0.0
        metrics.readability = reading_ease(
            analysis.language, len(alpha_words), metrics.sentences, count
        )
    return metrics


def _is_fyi(message: Message, sentences: list[Sentence], lang: str) -> bool:
    markers = get_pack(lang).lexicon("fyi_markers")
    if message.subject and markers.search(message.subject):
        return True
    opening = " ".join(s.text for s in sentences[:2])
    if markers.search(opening) is not None:
        return True
    # "No action is needed." closes many announcements: it counts anywhere.
    return get_pack(lang).lexicon("no_action_markers").search(message.body) is not None


def analyze_many(
    messages: Sequence[Message],
    forced_langs: Sequence[str | None] | None = None,
    forced_now: datetime | None = None,
) -> list[Analysis]:
    """Analyse messages in input order, parsing each language's group in one ``nlp.pipe``.

    ``forced_langs`` gives each message's language, or None to detect it.
    """
    from msglint.analysis.asks import find_asks, find_commitments
    from msglint.analysis.chat import chat_times
    from msglint.analysis.deadlines import find_deadlines
    from msglint.analysis.grammar import in_past_tense
    from msglint.analysis.layout import sentence_starts
    from msglint.analysis.pipeline import lemma_lookups, load_pipeline, parse_many, parse_texts
    from msglint.analysis.subject import people_named, subject_facts
    from msglint.analysis.thread import quoted_sent
    from msglint.analysis.times import find_times
    from msglint.analysis.urgency import find_pressure, find_urgency

    forced = list(forced_langs) if forced_langs is not None else [None] * len(messages)
    languages = [choose_language(m, lang) for m, lang in zip(messages, forced)]
    layouts = [_blocks(m) for m in messages]
    results: list[Analysis | None] = [None] * len(messages)
    for lang in sorted(set(languages)):
        pack = get_pack(lang)
        indices = [i for i, code in enumerate(languages) if code == lang]
        abbreviations = pack.words("abbreviations")
        lookups = lemma_lookups(load_pipeline(lang))
        # Subjects are parsed on their own, in one batch (parts of speech only matter).
        titled = [i for i in indices if (messages[i].subject or "").strip()]
        texts = (messages[i].subject or "" for i in titled)
        subject_docs = dict(zip(titled, parse_texts(load_pipeline(lang), texts)))
        items = (
            (messages[i].body, sentence_starts(messages[i].body, layouts[i], abbreviations))
            for i in indices
        )
        for i, doc in zip(indices, parse_many(lang, items)):
            message = messages[i]
            now = reference_time(message, forced_now)
            sentences = _sentences(doc, layouts[i])
            paragraphs = _paragraphs(message.body, layouts[i], sentences)
            found = find_asks(doc, sentences, pack, lookups, now)
            if message.closing_start is not None:  # "Best, / Luc" asks nothing
                found = [ask for ask in found if ask.start < message.closing_start]
            # A courtesy invitation asks for no work: the rules never see it.
            asks = [ask for ask in found if not ask.courtesy]
            stamps: list[TimeExpr] = []
            if message.kind == "chat":  # its lines are turns, stamped by the export
                dated_now = forced_now is not None or message.sent is not None
                times, stamps, now = chat_times(message.body, pack, now, dated_now)
            else:
                times = find_times(message.body, pack, now)
            if message.subject:
                subject_times = find_times(message.subject, pack, now, field="subject")
                times = subject_times + times
            urgency = (
                find_urgency(message.subject or "", pack, "subject") if message.subject else []
            )
            urgency += find_urgency(message.body, pack)
            pressure = (
                find_pressure(message.subject, pack, "subject") if message.subject else []
            ) + find_pressure(message.body, pack)
            results[i] = Analysis(
                message=message,
                language=lang,
                pack=pack,
                now=now,
                doc=doc,
                subject_doc=subject_docs.get(i),
                sentences=sentences,
                paragraphs=paragraphs,
                asks=asks,
                invitations=[ask for ask in found if ask.courtesy],
                commitments=find_commitments(doc, sentences, pack, asks),
                times=times,
                deadlines=find_deadlines(
                    now,
                    message.body,
                    message.subject,
                    times,
                    sentences,
                    [] if message.kind == "doc" else asks,  # a document asks nothing
                    pack,
                ),
                urgency=urgency,
                pressure=pressure,
                metrics=_metrics(message.body, lang, sentences, paragraphs),
                fyi=_is_fyi(message, sentences, lang),
                subject_facts=subject_facts(
                    message.subject or "",
                    subject_docs.get(i),
                    pack,
                    times,
                    doc,
                    people_named(message.body, message.closing_start, message.signature, pack),
                ),
                quoted_sent=quoted_sent(message.quoted, pack, now),
                quoted_pressure=[
                    m
                    for m in find_pressure(message.quoted, pack, "quoted")
                    if m.kind in ("pressure", "running")
                ],
                stamps=stamps,
                apologies=[(h.start, h.end) for h in pack.find("apologies", message.body)],
            )
            analysis = results[i]
            # "we had to find another venue urgently" tells a story; it does not
            # make this message urgent.
            analysis.urgency = [
                m
                for m in analysis.urgency
                if m.field != "body"
                or m.kind == "punctuation"
                or not in_past_tense(analysis, m.start)
            ]
    return [r for r in results if r is not None]
