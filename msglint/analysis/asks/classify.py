"""One sentence: gather the signs of an ask, set aside offers and closings, name its form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.asks.clauses import (
    LEAD,
    completes_another,
    drop_offers_and_closings,
    drop_quoted,
    ends_as_question,
    flatten,
    is_numbered,
    quoted_history,
)
from msglint.analysis.asks.signals.appreciation import appreciation_signs
from msglint.analysis.asks.signals.conditions import conditional_request_signs, writer_offer
from msglint.analysis.asks.signals.imperatives import imperatives
from msglint.analysis.asks.signals.injunctives import injunctive_clauses, pressed_by_time
from msglint.analysis.asks.signals.judgements import judgement_signs
from msglint.analysis.asks.signals.phrases import phrase_signs
from msglint.analysis.asks.signals.questions import (
    inverted_to_reader,
    rhetorical,
    unmarked_questions,
)
from msglint.analysis.asks.signals.wishes import (
    joint_proposal_signs,
    ownerless_signs,
    reader_suggestion_signs,
    wish_signs,
)
from msglint.analysis.asks.syntax import doc_text, reader_outside_we, title_case, vocative
from msglint.analysis.model import Ask

if TYPE_CHECKING:
    from datetime import datetime

    from spacy.tokens import Doc, Span

    from msglint.analysis.asks.lexicons import AskRules
    from msglint.analysis.asks.verbs import VerbTables
    from msglint.analysis.model import Sentence


# Signs of an action shared by the writer and the reader ("we need to", "we could").
_JOINT = frozenset({"we", "proposal"})


def span_of(doc: Doc, sentence: Sentence) -> Span | None:
    """The sentence's tokens without its list marker ("1.", "-"), which the parser
    often makes the head of the item; None when empty."""
    raw = doc_text(doc)[sentence.start : sentence.end]
    stripped = raw.strip()
    start = sentence.start + (len(raw) - len(raw.lstrip()))
    lead = LEAD.match(stripped)
    span = doc.char_span(
        start + (lead.end() if lead else 0), start + len(stripped), alignment_mode="expand"
    )
    return span if span is not None and len(span) else None


def in_person(span: Span, rules: AskRules) -> bool:
    """The writer speaks as one person ("me", "my", « -moi »): an invitation, not a notice."""
    mine = rules.writer_pronouns
    return any(
        (t.lower_ in mine or t.lower_.rsplit("-", 1)[-1] in mine)
        # …not a name written with it: "visit My Account" (a capital inside the sentence)
        and (t.i == span.start or not t.text[:1].isupper() or len(t) == 1)
        for t in span
    )


def sentence_ask(
    doc: Doc,
    sentence: Sentence,
    index: int,
    rules: AskRules,
    verbs: VerbTables | None,
    in_sequence: bool = False,
    now: datetime | None = None,
) -> Ask | None:
    """The ask a sentence makes, or None.

    ``in_sequence``: a sentence next to this one has a clause in the reader's
    present (``signals/injunctives.py``), so one here is part of a sequence of
    instructions.
    """
    raw = doc_text(doc)[sentence.start : sentence.end]
    stripped = raw.strip()
    if not stripped or (sentence.is_heading and not stripped.endswith("?")):
        return None
    if quoted_history(stripped):
        return None  # "> Can you send it?", "Subject: Re: Could you review it?"
    start = sentence.start + (len(raw) - len(raw.lstrip()))
    end = start + len(stripped)
    # The parse features look at the sentence without its list marker ("1.", "-"),
    # which the parser often makes the head of the item.
    span = span_of(doc, sentence)
    if span is None:
        return None
    if title_case(span):
        return None  # a title: "Go Here Now For More Information", "Call Me Maybe"

    # Every sign of an ask, by kind and offset in the sentence. Phrases are
    # matched on the sentence with its line breaks and runs of spaces made one
    # space ("merci\nde me répondre"), and offsets are kept in that text.
    flat, to_flat, to_raw = flatten(stripped)
    starts = [to_flat(token.idx - start) for token in span if token.idx >= start]
    triggers: list[tuple[int, str]] = []
    if rules.uses("phrases"):
        triggers.extend(phrase_signs(doc, span, flat, starts, to_raw, start, rules))
    if rules.uses("questions"):
        triggers.extend(
            (to_flat(token.idx - start), kind) for token, kind in inverted_to_reader(span, rules)
        )
    triggers.extend(
        (to_flat(offset - start), kind) for offset, kind in imperatives(span, rules, verbs)
    )
    if rules.uses("wishes"):
        triggers.extend(
            (to_flat(offset - start), kind) for offset, kind in wish_signs(span, rules, verbs)
        )
    if rules.uses("injunctives"):
        clauses = injunctive_clauses(span, rules, verbs)
        if len(clauses) > 1 or (
            clauses and (in_sequence or any(pressed_by_time(verb, rules, now) for verb in clauses))
        ):
            triggers.extend((to_flat(verb.idx - start), "injunctive") for verb in clauses)
    for detector, signs in (
        ("wishes", appreciation_signs),
        ("wishes", judgement_signs),
        ("joint_proposals", joint_proposal_signs),
        ("joint_proposals", reader_suggestion_signs),
        ("ownerless", ownerless_signs),
        ("conditional_requests", conditional_request_signs),
    ):
        if rules.uses(detector):
            triggers.extend((to_flat(offset - start), kind) for offset, kind in signs(span, rules))
    if rules.uses("questions") and not rhetorical(span, rules):
        if ends_as_question(stripped) or sentence.is_question:
            triggers.append((len(flat) - 1, "question"))
        else:
            # "Is the meeting still on", "Can I get a copy of it": no mark.
            unmarked = unmarked_questions(span, rules)
            triggers.extend((to_flat(token.idx - start), kind) for token, kind in unmarked)
    triggers = drop_quoted(flat, triggers)
    if any(kind in _JOINT for _, kind in triggers):
        joint = [(o, k) for o, k in triggers if k in _JOINT]
        if all(reader_outside_we(doc, start + to_raw(o), span, rules) for o, _ in joint):
            triggers = [(o, k) for o, k in triggers if k not in _JOINT]
    if not triggers:
        # Nothing asked, but the writer may offer themselves on the reader's need
        # or wish ("I'm available at 11 if you'd like to talk"): a courtesy ask.
        if not (rules.uses("phrases") and writer_offer(span, flat, starts, rules)):
            return None
        triggers, courtesy = [(0, "request")], True
    else:
        triggers, invited = drop_offers_and_closings(flat, starts, triggers, rules)
        # Nothing asked but a courtesy invitation ("If you have questions, give me
        # a call"): still an ask, flagged so that no rule counts it as work asked.
        # Only a person invites: "call me" is courtesy, "contact us" a service's notice.
        courtesy = not triggers and bool(invited) and in_person(span, rules)
        if courtesy:
            triggers = invited
        elif not triggers:
            return None

    kinds = {kind for _, kind in triggers}
    if kinds == {"imperative"} and rules.promotions.search(flat):
        return None  # "Save 30% today!": an advertisement, not a request
    if kinds & {"hedged", "request", "proposal"}:
        form = "request"
    elif kinds & {"imperative", "imperative-we", "injunctive"}:
        form = "imperative"
    elif kinds & {"need", "we", "nobody"}:
        form = "request" if "nobody" in kinds and "question" in kinds else "need"
    else:
        form = "question"
    if "nobody" in kinds:
        owner = "nobody"
    elif kinds & {"we", "imperative-we"} or (
        kinds & {"proposal"} and not kinds & {"request", "hedged"}
    ):
        owner = "we"
    else:
        owner = "reader"
    return Ask(
        text=stripped,
        start=start,
        end=end,
        sentence=index,
        form=form,
        hedged="hedged" in kinds or bool(rules.hedges.hits(flat, starts)),
        owner=owner,
        in_list=sentence.in_list,
        numbered=is_numbered(doc_text(doc), start, stripped),
        secondary=completes_another(flat, starts, triggers, rules),
        addressee=vocative(span, rules),
        courtesy=courtesy,
    )
