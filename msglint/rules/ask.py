"""Ask rules (AK): one clear ask, with an owner."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msglint.analysis.asks.lexicons import rules_for
from msglint.analysis.meetings import unscheduled_meeting
from msglint.analysis.model import UNDATED, Analysis, Ask
from msglint.analysis.ownerless import (
    Obligation,
    has_impersonal_verb,
    hedged_wishes,
    ownerless_obligations,
    put_on_anyone,
)
from msglint.analysis.points import jumbled_asks
from msglint.lang import subject_prefix_pattern
from msglint.rules.base import Hit, Options, rule
from msglint.rules.genre import is_reply, is_reply_subject, list_question, new_memo, not_a_memo


@rule(
    "AK01",
    "ask.missing",
    "warning",
    kinds=("email",),
    options={"min_words": 25},
    messages=("default", "meeting"),
)
def ask_missing(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a message either asks for something or says it is for information.

    ## What it does
    Reports an e-mail of at least ``min_words`` (25) words with no ask (no
    question, request or instruction to the reader) that is not marked as
    informational ("FYI", "no action needed", "pour info", "aucune action
    requise"; the pack's ``fyi_markers.txt``) in its subject or opening.
    Replies that answer a question of the quoted history, short replies,
    thank-you notes (the pack's ``thanks_openers.txt`` in the first
    sentences), automated notices and mailing-list posts need no ask; a
    "Re:" subject alone does not make a message an answer.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``)
    when the writer wants a meeting but gives no time for it and asks
    nothing ("I would like to set a meeting for us to discuss…", « je
    propose une réunion pour… »; ``analysis/meetings.py``), at any length:
    the readers have nothing to accept or decline.

    ## Why is this bad?
    The reader finishes the message and wonders what they are supposed to
    do. Either there is an ask (say it), or there is none (say so, and they
    can file it in seconds).

    ## Example
    ```
    Subject: Supplier meeting

    The supplier meeting moved to Tuesday at 10:00 CET. The new agenda has
    three topics: the delivery dates, the price review and the new contact
    person on their side. Their sales director will join us this time.
    ```

    ## Use instead
    ```
    Subject: FYI: supplier meeting moved to Tuesday

    No action needed. The supplier meeting moved to Tuesday at 10:00 CET.
    The new agenda has three topics: the delivery dates, the price review and
    the new contact person on their side.
    ```
    """
    if a.asks or a.fyi:
        return
    meeting = unscheduled_meeting(a)  # "I would like to set a meeting": when?
    if meeting is None and a.metrics.words < opts["min_words"]:
        return
    if answers_a_question(a) or not_a_memo(a):
        return
    if meeting is not None:
        yield Hit(meeting[0], meeting[1], message_id="meeting", strong=True)
        return
    yield Hit(field="message")


def answers_a_question(a: Analysis) -> bool:
    """A reply whose quoted history asks something: the reply is the answer, it need not ask.

    A "Re:" subject alone is not enough: a reply can still fail to say what it wants.
    """
    return is_reply(a) and "?" in a.message.quoted


@rule(
    "AK02",
    "ask.multiple",
    "warning",
    kinds=("email", "chat"),
    options={"max_asks": 1, "min_points": 3},
)
def ask_multiple(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for several asks scattered through one message.

    ## What it does
    Counts the asks made outside a bulleted or numbered list and reports the
    first one past ``max_asks`` (1). Asks written as list items are fine:
    they can be answered point by point; so is an ask that only completes
    another ("If you can't, call me", "Let me know by Friday" after a
    question). Asks that open with a person's name ("Arjun, please take the
    design round. Leah, please cover the SQL exercise.") share the work out
    and are counted per person.

    In an e-mail (a reply's own text too; not a list post or an automated
    notice), three asks or more run over ``min_points`` (3) separate points
    of one paragraph — the writer's "I"/"we" text, where a topic-shift word
    opens one point at least ("also", "as for", « par ailleurs », « et
    aussi », analysis/points.py) — are a strong hit: demands on several
    subjects jumbled in prose, none of which can be answered point by point.

    ## Why is this bad?
    Readers answer the first or the easiest ask and forget the rest. Several
    asks in running text also hide which one matters most.

    ## Example
    ```
    Can you send me the figures? Also, could you book the room, and do you
    know whether Paul is coming?
    ```

    ## Use instead
    ```
    Three things, by Thursday noon CET, in this order:
    1. Send me the Q3 figures.
    2. Book the room for Monday.
    3. Tell me whether Paul is coming.
    ```
    """
    if not_a_memo(a):
        return  # a short reply, a thank-you, a notice or a list post is not a memo
    loose = [ask for ask in a.asks if not (ask.in_list or ask.numbered or ask.secondary)]
    # Asks opening with a name ("Arjun, please…; Leah, please…") share the work
    # out: each person is asked what the unnamed asks say, or their own part.
    by_person: dict[str | None, list[Ask]] = {}
    for ask in loose:
        by_person.setdefault(ask.addressee, []).append(ask)
    group = max(by_person.values(), key=len, default=[])
    if len(group) > opts["max_asks"]:
        extra = group[opts["max_asks"]]
        jumbled = a.kind == "email" and any(
            p.kind == "paragraph" and jumbled_asks(a, p, opts["min_points"]) for p in a.paragraphs
        )
        yield Hit(
            extra.start,
            extra.end,
            args={"count": len(group), "max": opts["max_asks"]},
            strong=jumbled,
        )


@rule("AK03", "ask.hedged", "info", kinds=("email", "chat"))
def ask_hedged(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for asks so hedged they read as optional.

    ## What it does
    Reports asks wrapped in hedges such as "I was just wondering if maybe you
    could…", "would it be possible to…", "je me demandais si…", "si jamais tu
    as un moment…" (the pack's ``asks/hedged_asks.txt``).

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``,
    a warning by default) when nobody is asked anything directly (see
    :func:`undirected`: no reader is asked anything without a hedge, and no
    ask has a deadline) and the hedge is a word ("maybe", « peut-être »), not
    a time it grants ("when you get a chance"), on an ask that does not open
    on a condition ("If you cannot come, please tell me and, if possible…"
    asks some readers plainly).

    An impersonal judgement in the conditional on an action put to whoever,
    or on a question nobody is asked to answer, is a hedged ask too, and
    strong in a new e-mail (not a reply, a chat, a list post or a notice),
    whoever else is asked
    (``analysis/ownerless.py``, :func:`hedged_wishes`; the pack's
    ``impersonal_evaluations.txt``): "it would be useful to know whether a
    written permit is needed", "if someone has time to call the users back,
    that would be great", « il serait intéressant de savoir si… », « ce
    serait bien que quelqu'un regarde… ». Said to the reader ("it would be
    great if you could…"), of "us" (« ce serait bien qu'on soit
    représentés ») or of a named person, it has an owner; a bare action ("it would
    be interesting to get Steve's feedback") is often the writer's own next
    step; "Yes, that would be great" judges what came before.

    ## Why is this bad?
    A hedged ask sounds optional, so it is treated as optional. Being direct
    is not rude: a clear ask with a "please" and a reason is both polite and
    actionable.

    ## Example
    ```
    I was just wondering if maybe you could have a look at the draft?
    ```

    ## Use instead
    ```
    Could you review the draft by Friday 5 pm CET, please?
    ```
    """
    strong = undirected(a)
    wishes = hedged_wishes(a) if new_memo(a) else []
    hedged = [ask for ask in a.asks if ask.hedged]
    for ask in hedged:
        sure = strong and _hedged_in_words(a, ask) and not _conditional(a, ask)
        wished = any(w.start < ask.end and ask.start < w.end for w in wishes)
        yield Hit(ask.start, ask.end, strong=sure or wished)
    for wish in wishes:  # « il serait utile de savoir si… », not taken for an ask
        if not any(wish.start < ask.end and ask.start < wish.end for ask in hedged):
            yield Hit(wish.start, wish.end, strong=True)


def _conditional(a: Analysis, ask: Ask) -> bool:
    """An ask that opens on a condition (« Si vous ne pouvez pas venir, merci de me le dire »).

    It asks only some readers, plainly: the condition is not a hedge, whatever
    softener comes after it (a convocation judged fine by both judges).
    """
    first = a.body[ask.start : ask.end].split(None, 1)
    return bool(first) and first[0].lower() in rules_for(a.pack).condition_marks


def _hedged_in_words(a: Analysis, ask: Ask) -> bool:
    """The ask's hedge is a word ("maybe", « peut-être »), not a time it grants.

    "Stop by when you get a chance" is a direct ask with a relaxed deadline
    (DL02's business); "maybe you could…" makes the ask itself optional.
    """
    times = [(t.start, t.end) for t in a.times if t.field == "body"]
    return any(
        not any(s <= ask.start + h.start < e for s, e in times)
        for h in a.pack.find("asks/ask_hedges", a.body[ask.start : ask.end])
    )


@rule("AK04", "ask.no-owner", "warning", kinds=("email", "chat"), options={"anyone_languages": []})
def ask_no_owner(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that an ask addressed to several people names who should act.

    ## What it does
    Reports asks with no owner ("someone should…", "can somebody…",
    "quelqu'un pourrait…", "il faudrait que quelqu'un…"; the pack's
    ``asks/no_owner.txt``). To exactly one recipient only when the ask is not
    dated either ("it might be worth someone looking into that at some
    point"): then nobody has been asked anything. Mailing-list posts ("does
    anyone know…?") are left alone.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``,
    a warning by default) when nobody is asked anything directly (see
    :func:`undirected`): no reader is asked anything without a hedge, no ask
    has a deadline ("by Friday", « avant le 8 »), and the message is a memo
    of some length, not a short reply or a notice (nor a reply at all,
    unless the wish is left open: hedged by a word or put off to no time,
    "it might be worth someone looking into that at some point"); a
    requirement in the passive ("the statement must be submitted with each bid") is a rule, not
    an unassigned task, and stays a hint; so is a need that opens on a
    condition ("If the lateral is not expanded, the costs must be included"):
    a contingency, as « pour accéder…, il faut… » below.

    An impersonal obligation that names nobody (``analysis/ownerless.py``,
    the pack's ``impersonal_obligations.txt``: « faut prévenir le club »,
    « il faudrait qu'on regarde tout ça », « il faudrait que quelque chose
    soit fait ») counts as an ownerless ask in that strong case, even where
    the ask detector does not take it for an ask, and is a hint elsewhere,
    as any ownerless ask is (in a reply, « faut prévenir le club »); « il
    faut que tu… » and « il faut activer votre compte » name their owner,
    « pour accéder au
    bâtiment, il faut passer par l'accueil » states a rule and « il ne faut
    pas hésiter » is advice: none of these is reported.

    A need an e-mail hands to an indefinite person (« il faudrait que
    quelqu'un rappelle le traiteur », "someone needs to check the pitch";
    ``analysis/ownerless.py`` ``put_on_anyone``) is strong in every case,
    to a single reader and with a date too: whoever is no one, and the
    reader is not told the task is theirs. Only in the languages of
    ``anyone_languages`` (none by default).

    Such an obligation is strong even when the message asks the reader
    something else directly (« Il faudrait qu'on fasse un point sur les
    congés… Merci de regarder ça. », "Could you send me the plan? It would
    need looking at…"): the reader's own ask does not make the obligation
    theirs. Every other condition of the strong case still holds (a new
    e-mail of some length, no ask dated by a deadline word, not a plain
    « il faudrait + verbe » to a single reader unless hedged).

    ## Why is this bad?
    When an ask goes to everyone it goes to no one: each reader assumes
    another will handle it (the bystander effect).

    ## Example
    ```
    To: anna@example.com, marc@example.com
    Subject: Client delay

    Someone should update the client on the delay.
    ```

    ## Use instead
    ```
    To: anna@example.com, marc@example.com
    Subject: Client delay

    Marc, could you update the client on the delay by noon CET?
    ```
    """
    if list_question(a):
        return  # "does anyone know…?" is how a mailing list is asked
    strong = undirected(a)
    # « Il faudrait voir… » names nobody whoever else the message asks.
    obliged = strong or undirected(a, despite_direct_asks=True)
    # To one reader, "someone should… by Friday" is theirs; with no date and no
    # owner ("il faudrait voir ce qu'on fait") nobody has been asked anything.
    single = len(a.message.recipients) == 1
    # « Il faudrait que quelqu'un passe voir le terrain avant vendredi »: whoever is no one.
    anyone = [
        ask
        for ask in a.asks
        if a.kind == "email" and a.language in opts["anyone_languages"] and put_on_anyone(a, ask)
    ]
    if single and a.deadlines and not strong:
        for ask in anyone:
            yield Hit(ask.start, ask.end, strong=True)
        return
    for ask in a.asks:
        # "If the lateral is not expanded, costs must be included": a contingency, a rule
        wanted = strong and _wants_an_owner(a, ask) and not _conditional(a, ask)
        if wanted or ask in anyone or (obliged and _obligation_in(a, ask) is not None):
            yield Hit(ask.start, ask.end, strong=True)
            continue
        if ask.owner != "nobody" or _owned_by_the_parse(a, ask):
            continue
        if single and _dated(a, ask.start, ask.end):
            continue  # "…avant son conseil de mercredi": dated, the one reader owns it
        yield Hit(ask.start, ask.end)
    if obliged:  # « faut prévenir le club », « il faudrait que quelque chose soit fait »
        for obligation in _loose_obligations(a):
            yield Hit(obligation.start, obligation.end, strong=True)
    else:  # the same ownerless ask, where somebody is asked or the thread says who acts
        for obligation in _loose_obligations(a):
            if not (single and _dated(a, obligation.start, obligation.end)):
                yield Hit(obligation.start, obligation.end)


def _dated(a: Analysis, start: int, end: int) -> bool:
    """A date or a time of the body within these words ("…avant son conseil de mercredi")."""
    return any(
        t.field == "body" and start <= t.start < end and t.kind not in UNDATED for t in a.times
    )


def _obligation_in(a: Analysis, ask: Ask) -> Obligation | None:
    """The ownerless obligation (« il faudrait qu'on regarde… ») in the ask's sentence, if any."""
    return next(
        (o for o in ownerless_obligations(a) if o.start < ask.end and ask.start < o.end), None
    )


def _owned_by_the_parse(a: Analysis, ask: Ask) -> bool:
    """An impersonal obligation the parse gives an owner or reads as a rule (ownerless.py)."""
    return _obligation_in(a, ask) is None and has_impersonal_verb(a, ask.start, ask.end)


def _loose_obligations(a: Analysis) -> list[Obligation]:
    """Ownerless obligations the ask detector did not take for asks (« faut prévenir »)."""
    return [
        o
        for o in ownerless_obligations(a)
        if not any(o.start < ask.end and ask.start < o.end for ask in a.asks)
    ]


#: Fewer words than this is a quick note ("quelqu'un peut m'aider ?"), not a memo.
UNDIRECTED_MIN_WORDS = 15


def _unowned(a: Analysis, ask: Ask) -> bool:
    """An ask nobody in particular owns: ownerless, hedged by a word, or a need "we" share.

    "Send it when you have a moment" grants time: the reader is asked all the same.
    """
    if ask.hedged and _hedged_in_words(a, ask):
        return True
    if _owned_by_the_parse(a, ask):
        return False  # « il faut activer votre compte », « pour accéder…, il faut… »
    if ask.owner == "nobody" or (ask.form == "need" and ask.owner == "we"):
        return True
    return _obligation_in(a, ask) is not None  # « il faudrait qu'on… » as a proposal


def _subjects(a: Analysis, ask: Ask) -> list[str]:
    """The dependency labels of the ask's subjects, from the parse."""
    span = a.doc.char_span(ask.start, ask.end, alignment_mode="expand") if a.doc else None
    return [t.dep_ for t in span if t.dep_.startswith("nsubj")] if span is not None else []


def _wants_an_owner(a: Analysis, ask: Ask) -> bool:
    """An ask whose owner is the open question: "someone should…", « il faudrait qu'on… ».

    A requirement in the passive ("the statement must be submitted with each
    bid") states a rule, and "we need to finish the work" a plan: neither
    leaves a task unassigned (on the 534-message dev part both were fine to
    the judges).
    """
    if ask.owner != "nobody" or _owned_by_the_parse(a, ask):
        return False
    if ask.form != "need":
        return True
    subjects = _subjects(a, ask)
    return not (len(subjects) == 1 and subjects[0] in ("nsubj:pass", "nsubjpass"))


def _plain_need(a: Analysis, ask: Ask) -> bool:
    """« Il faudrait commander… »: an ownerless need with a single subject (from the parse).

    « Il faudrait que quelqu'un s'occupe… », « …que ses dossiers soient
    repris » bring a clause with a subject of its own: who should act is the
    open question. A bare « il faudrait + infinitive » to one reader is theirs.
    """
    if ask.form != "need" or ask.owner != "nobody" or a.doc is None:
        return False
    obligation = _obligation_in(a, ask)
    if obligation is not None:
        return obligation.infinitive
    return len(_subjects(a, ask)) <= 1


def undirected(a: Analysis, despite_direct_asks: bool = False) -> bool:
    """The message wants something done, but asks nobody to do it by any date.

    An e-mail, not a chat (a group chat asks « quelqu'un aurait… ? » as a
    mailing list does), and a new message, not a reply: in a thread ("yes,
    hooks should be added") the conversation above says who does what,
    unless the ownerless wish is left open (:func:`_left_open`: « il
    faudrait peut-être retravailler le budget », "it might be worth someone
    looking into that at some point"). No reader is asked anything without
    a hedge (a question, a request, « il faut que tu… »; "when you have a
    moment" grants time and still asks), at least one ask is ownerless,
    hedged or a need "we" share (« il faudrait qu'on regarde », "someone
    should…", "maybe you could…"), or an ownerless obligation the ask
    detector did not take for an ask (« faut prévenir le club »,
    ``analysis/ownerless.py``), no ask has a deadline introduced by a
    deadline word ("by Friday", « au plus tard le 8 janvier »: a dated
    notice to many is a rule, not a vague wish), and the message is a memo
    of some length. A plain « il faudrait commander… » to a single reader is
    that reader's, unless the message hedges it (« peut-être », "maybe",
    "at some point"). On judged real mail (fixtures/real, 534-message dev
    part) this is where both judges saw an ask problem: 10 of 10 messages
    (rules.toml, AK03 and AK04 ``strong``).

    ``despite_direct_asks``: every condition but "no reader is asked anything
    directly", for AK04's impersonal obligations, which a direct ask
    elsewhere in the message does not give an owner.
    """
    loose = _loose_obligations(a)
    if not (a.asks or loose) or not_a_memo(a) or a.metrics.words < UNDIRECTED_MIN_WORDS:
        return False
    if a.message.kind == "chat":
        return False  # « est-ce que quelqu'un aurait… » is how a group chat asks
    left_open = _left_open(a)
    if is_reply(a) and not left_open:
        return False  # in a thread, the conversation above says who does what
    direct = any(ask.owner == "reader" and not _unowned(a, ask) for ask in a.asks)
    if direct and not despite_direct_asks:
        return False
    if not loose and not any(_unowned(a, ask) for ask in a.asks):
        return False  # "let's meet on Monday": a joint proposal, not a wish
    single = len(a.message.recipients) == 1
    hedged = left_open or bool(a.pack.find("asks/ask_hedges", a.body))
    plain = all(_plain_need(a, ask) for ask in a.asks) and all(o.infinitive for o in loose)
    if single and not hedged and plain:
        return False  # « Il faudrait commander… » to the purchasing desk: theirs
    return not any(
        d.ask is not None and d.field == "body" and a.times[d.time].direction == "before"
        for d in a.deadlines
    )


def _left_open(a: Analysis) -> bool:
    """An ownerless wish left open: hedged by a word or put off to no time ("at some point").

    « Il faudrait peut-être retravailler le budget », "it might be worth
    someone looking into that at some point": even in a thread, nobody will
    take that up; "yes, hooks should be added" settles what the thread asked.
    """
    spans = [(o.start, o.end) for o in ownerless_obligations(a)]
    spans += [(k.start, k.end) for k in a.asks if k.owner == "nobody"]
    vague = [d.start for d in a.deadlines if d.field == "body" and d.vague]
    times = [(t.start, t.end) for t in a.times if t.field == "body"]
    hedges = [
        h.start
        for h in a.pack.find("asks/ask_hedges", a.body)
        if not any(s <= h.start < e for s, e in times)
    ]
    return any(s <= x < e for s, e in spans for x in vague + hedges)


#: The local part is bounded: "\S+@" rescans a long run without "@" from every start.
_URL = re.compile(r"(?:https?://|www\.)\S+|[^\s@]{1,64}@[^\s@]{1,255}\.\w+", re.IGNORECASE)


@rule(
    "AK05",
    "ask.no-note",
    "warning",
    kinds=("email", "chat"),
    messages=("default", "title_only", "fyi_only"),
)
def no_note(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a forward or a link comes with a word saying why.

    ## What it does
    Reports a message whose sender wrote nothing of their own around what
    they pass on: a forward (or a quoted message) with an empty own text,
    or a bare link or address. A reply ("Re:") with nothing above the quote
    usually answers inline, between the quoted lines, and is left alone.

    A forward ("Fwd:", « TR : ») whose own text is a passage pasted in (see
    :func:`_pasted_forward`: 60 words or more that ask nothing and speak to
    no one, no "I", "we" or "you", no question, no "FYI") has no note either.
    Nor has a new message whose text only repeats words of its subject with
    no verb ("Subject: Measurement Stds" over "Measurement Stds"): a title,
    not a note (see :func:`_title_only`).

    Those are warnings (the rule's strong hits). A note that is only "FYI"
    (« pour info ») over what it passes on, with no ask, no question and at
    most a name ("Kim, fyi"; see :func:`_fyi_only`), is a hint that costs a
    few points of score: the reader knows no action is expected, not what
    in the forward matters to them or why they got it. "FYI - the date of
    the floor talk is in the memo below" says so.

    ## Why is this bad?
    The reader has to guess why it was sent: to act on, to file, or just to
    know. One line ("FYI, no action", "Could you pay this by Friday?") saves
    the round trip.

    ## Example
    ```
    Subject: Fwd: Invoice 2231

    ---------- Forwarded message ---------
    From: Billing <billing@example.com>
    Subject: Invoice 2231

    Please find the invoice for November below.
    ```

    ## Use instead
    ```
    Subject: Fwd: Invoice 2231

    FYI, no action needed: accounting already paid it.

    ---------- Forwarded message ---------
    From: Billing <billing@example.com>
    Subject: Invoice 2231

    Please find the invoice for November below.
    ```
    """
    if (a.message.forward_without_note and not is_reply_subject(a)) or _pasted_forward(a):
        yield Hit(field="message", strong=True)
        return
    body = a.body.strip()
    if body and not _URL.sub("", body).strip(" \t\n<>()[].,:;"):
        yield Hit(0, len(a.body.rstrip()), strong=True)
    elif _title_only(a):
        yield Hit(field="message", message_id="title_only", strong=True)
    elif _fyi_only(a):
        yield Hit(0, len(a.body.rstrip()), message_id="fyi_only")


#: More own words than this is a text, whatever it repeats of the subject.
TITLE_MAX_WORDS = 8


def _title_only(a: Analysis) -> bool:
    """A new message whose own text is its subject again: a title, no word for the reader.

    Every word of the text is a word of the subject, at most
    ``TITLE_MAX_WORDS``, and the parse finds no verb and no question in it
    ("Measurement Stds" under "Measurement Stds"). "Lunch tomorrow?" or
    "Approved" repeats the subject too, but says or asks something: left
    alone, as is any reply ("Re: go" / "go" answers the thread), a social
    note ("Congratulations!", « Bonne année », ``social_subjects.txt``) and
    a thank-you, a notice or a list post (``not_a_memo``).
    """
    if a.doc is None or is_reply_subject(a) or "?" in a.body or not_a_memo(a):
        return False
    if a.pack.find("social_subjects", a.body):
        return False  # "Congratulations!", « Bonne année » under the same subject: a social note
    words = [w.lower() for w in re.findall(r"\w+", a.body)]
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    subject = {w.lower() for w in re.findall(r"\w+", a.subject or "")}
    if not set(words) <= subject:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in a.doc)


#: Words besides the "FYI" a note may hold and still say nothing: a name, "all".
FYI_ONLY_MAX_OTHER_WORDS = 2
#: Parts of speech that say something of their own next to an "FYI".
_SAYS_SOMETHING = ("VERB", "AUX", "NOUN", "ADJ", "NUM")


def _fyi_only(a: Analysis) -> bool:
    """A note that is only "FYI" (« pour info ») over what it passes on.

    The reader knows that no action is expected but not what in the quoted
    or attached message matters to them, nor why they got it ("Fyi" over a
    thread of cases to choose from). The own text before the closing is the
    pack's ``fyi_markers.txt`` and at most ``FYI_ONLY_MAX_OTHER_WORDS`` other
    words with no verb, noun, adjective or number ("Kim, fyi"); something is
    passed on (quoted text or an attachment); no ask, no question. "FYI -
    please see the memo below for the date" says what to look for: left alone.
    """
    message = a.message
    if a.doc is None or not a.fyi or a.asks or "?" in a.body:
        return False
    if not (message.quoted.strip() or message.attachments):
        return False
    end = message.end_before_closing
    markers = [h for h in a.pack.find("fyi_markers", a.body) if h.start < end]
    if not markers:
        return False
    other = [
        t
        for t in a.doc
        if t.idx < end and t.is_alpha and not any(h.start <= t.idx < h.end for h in markers)
    ]
    if len(other) > FYI_ONLY_MAX_OTHER_WORDS:
        return False
    return not any(t.pos_ in _SAYS_SOMETHING for t in other)


#: A forward's own text this long that speaks to nobody is a passage pasted in, not a note.
PASTED_MIN_WORDS = 60


def _pasted_forward(a: Analysis) -> bool:
    """A forward ("Fwd:", « TR : ») whose own text speaks to no one: a pasted passage.

    The sender pasted a report's paragraphs under the subject and wrote
    nothing about why: the text asks nothing, has no question and no "FYI",
    and has no word of the first or second person (read from the parse:
    "I", "we", "you", "your", « je », « nous », « vous », « votre »), over
    ``PASTED_MIN_WORDS`` words. A note as short as "Have a look at this" or
    "Why the exit fees?" speaks to the reader and is left alone.
    """
    if a.doc is None or a.asks or a.fyi or "?" in a.body or is_reply_subject(a):
        return False
    if a.metrics.words < PASTED_MIN_WORDS:
        return False
    if not subject_prefix_pattern(("forward",)).match(a.subject or ""):
        return False
    return not any(
        t.pos_ in ("PRON", "DET") and t.morph.get("Person") in (["1"], ["2"]) for t in a.doc
    )
