"""Ask rules (AK): one clear ask, with an owner."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msglint.analysis.model import Analysis, Ask
from msglint.rules.base import Hit, Options, rule


@rule("AK01", "ask.missing", "warning", kinds=("email",), options={"min_words": 25})
def ask_missing(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a message either asks for something or says it is for information.

    ## What it does
    Reports an e-mail of at least ``min_words`` (25) words with no ask (no
    question, request or instruction to the reader) that is not marked as
    informational ("FYI", "no action needed", "pour info", "aucune action
    requise"; the pack's ``fyi_markers.txt``) in its subject or opening.
    Replies (quoted history or a "Re:" subject) and thank-you notes (the
    pack's ``thanks_openers.txt`` in the first sentences) need no ask.

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
    if a.asks or a.fyi or a.metrics.words < opts["min_words"]:
        return
    if is_reply(a) or opens_with_thanks(a):
        return
    yield Hit(field="message")


_REPLY_PREFIX = re.compile(r"^\s*(?:re|réf|rép|aw|sv)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)


def is_reply(a: Analysis) -> bool:
    """A reply answers; it need not ask (quoted history, or a Re:/RE:/Réf: subject)."""
    return bool(a.message.quoted.strip()) or bool(_REPLY_PREFIX.match(a.subject or ""))


def opens_with_thanks(a: Analysis) -> bool:
    """A thank-you note: its first sentences past the greeting thank the reader."""
    thanks = a.pack.lexicon("thanks_openers")
    greeting = a.pack.lexicon("greetings")
    content = [s for s in a.sentences if not (greeting.search(s.text) and s.words <= 4)]
    return any(thanks.search(s.text) for s in content[:2])


@rule("AK02", "ask.multiple", "warning", kinds=("email", "chat"), options={"max_asks": 1})
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
    loose = [ask for ask in a.asks if not ask.in_list and not ask.secondary]
    # Asks opening with a name ("Arjun, please…; Leah, please…") share the work
    # out: each person is asked what the unnamed asks say, or their own part.
    by_person: dict[str | None, list[Ask]] = {}
    for ask in loose:
        by_person.setdefault(ask.addressee, []).append(ask)
    group = max(by_person.values(), key=len, default=[])
    if len(group) > opts["max_asks"]:
        extra = group[opts["max_asks"]]
        yield Hit(extra.start, extra.end, args={"count": len(group), "max": opts["max_asks"]})


@rule("AK03", "ask.hedged", "info", kinds=("email", "chat"))
def ask_hedged(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for asks so hedged they read as optional.

    ## What it does
    Reports asks wrapped in hedges such as "I was just wondering if maybe you
    could…", "would it be possible to…", "je me demandais si…", "si jamais tu
    as un moment…" (the pack's ``asks/hedged_asks.txt``).

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
    for ask in a.asks:
        if ask.hedged:
            yield Hit(ask.start, ask.end)


@rule("AK04", "ask.no-owner", "warning", kinds=("email", "chat"))
def ask_no_owner(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that an ask addressed to several people names who should act.

    ## What it does
    Reports asks with no owner ("someone should…", "can somebody…",
    "quelqu'un pourrait…", "il faudrait que quelqu'un…"; the pack's
    ``asks/no_owner.txt``) unless the message goes to exactly one recipient.

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
    if len(a.message.recipients) == 1:
        return
    for ask in a.asks:
        if ask.owner == "nobody":
            yield Hit(ask.start, ask.end)
