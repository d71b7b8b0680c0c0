"""Subject rules (SJ): a clear, descriptive subject line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msglint.analysis.model import Analysis
from msglint.analysis.ownerless import ownerless_obligations
from msglint.analysis.subject import strip_prefixes
from msglint.rules.base import Hit, Options, rule
from msglint.rules.genre import SHORT_REPLY_WORDS, automated, is_reply, is_reply_subject

_WORD = re.compile(r"[^\W_][\w'’-]*")


@rule(
    "SJ01",
    "subject.missing",
    "warning",
    kinds=("email", "doc"),
    messages=("default", "doc"),
)
def subject_missing(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that an e-mail has a subject (and a document a title).

    ## What it does
    Reports an e-mail whose subject is missing or empty, and a document with
    no first-level heading or front-matter title.

    ## Why is this bad?
    The subject is what the reader sees in a crowded inbox and what they search
    for weeks later. A message without one is read last and found never.

    ## Example
    ```
    Subject:

    Hi Sam, could you check the March invoice before Friday 5 pm CET?
    ```

    ## Use instead
    ```
    Subject: Check the March invoice by Friday 5 pm CET
    ```
    """
    if not (a.subject or "").strip() or not strip_prefixes(a.subject or "")[0].strip():
        yield Hit(field="subject", message_id="doc" if a.kind == "doc" else "default")


@rule("SJ02", "subject.generic", "warning", kinds=("email", "doc"))
def subject_generic(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that the subject says what the message is about.

    ## What it does
    Reports a subject that names no topic, once Re:/Fwd:/TR: prefixes and
    list tags are set aside:

    - a generic phrase from the language pack's ``generic_subjects.txt``
      ("Question", "Quick question", "Update", "Petite question", "Hello");
    - a subject whose every word is empty: general nouns, departments and
      attention cues from ``empty_subject_words.txt`` ("Reminder", "Info",
      "Accounting", "please read", « notre affaire », « URGENT !!! A LIRE »),
      urgency words, greetings, function words and dates ("Meeting tomorrow";
      a date in figures names the occasion: "Meeting on 12 Jan" is fine);
    - a subject that names only a person the message greets or signs with
      ("For Paul" over "Hi Paul, …"; « Pour Paul »): who it is for, not
      what it is about;
    - a subject with no word at all ("2027 !!");
    - a subject that refers to its topic only through a pronoun from
      ``deictic_pronouns.txt``, with no noun ("it's broken again",
      « ça remarche pas »);
    - a mailing list's digest subject (``digest_subjects.txt``: "Re:
      Numpy-discussion digest, Vol 1 #345"), kept by a reply.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``, a
    warning by default) on a new message, not a reply: for a generic phrase,
    when the message asks something or the phrase itself announces a matter
    ("Question", « Demande », "URGENT !!!": a greeting or a thank-you can
    title a social note); for the other cases, unless a program sent it. A
    reply that keeps a digest's subject is strong too: it names the digest,
    not the topic. So is a reply that writes a new message of its own (it
    asks something in more than 30 words) under a thread subject made of
    empty words (« RE: Suite »); a bare reference number ("Re: #529538"), a
    list post and a program's notice are left alone.

    ## Why is this bad?
    A generic subject forces the reader to open the message to learn whether
    it matters, and makes the thread impossible to find later.

    ## Example
    ```
    Subject: Quick question
    ```

    ## Use instead
    ```
    Subject: Approve the 2027 travel budget by 12 Jan?
    ```
    """
    subject = a.subject or ""
    rest, offset, _ = strip_prefixes(subject)
    core = rest.strip().rstrip("?!.:").strip()
    if core and a.pack.lexicon("generic_subjects").fullmatch(core):
        lead = len(rest) - len(rest.lstrip())
        yield Hit(
            offset + lead,
            offset + lead + len(rest.strip()),
            field="subject",
            args={"subject": core},
            # A new message that asks something under a generic subject: the
            # reader cannot tell what is wanted from the inbox (a reply keeps
            # the subject it answers, a notice asks nothing).
            # A thank-you subject ("Merci") on a note that opens with thanks fits it.
            strong=_renewed(a)
            or (
                not is_reply_subject(a)
                and not _thanks_subject(a, core)
                and (bool(a.asks) or _promises_matter(a, core))
            ),
        )
        return
    facts = a.subject_facts
    if facts.says_nothing:
        yield Hit(
            facts.start,
            facts.end,
            field="subject",
            args={"subject": subject[facts.start : facts.end]},
            # Nothing in it names a topic: a new message under it cannot be
            # told from any other in the inbox (a reply keeps its thread's, a
            # program's notice its program's). A reply to a digest keeps none.
            strong=not automated(a)
            and (facts.says_nothing == "digest" or not is_reply_subject(a) or _renewed(a)),
        )


def _promises_matter(a: Analysis, core: str) -> bool:
    """A generic subject that announces a matter ("Question", « Demande »), not a greeting.

    The subject says there is something to deal with, so the message is one
    even when no ask was found in it (a hedged request); a greeting or a
    social formula can title a social note.
    """
    return (
        bool(a.subject_facts.says_nothing)
        and not a.subject_facts.social
        and not a.pack.lexicon("greetings").fullmatch(core)
        and not a.pack.lexicon("thanks_openers").fullmatch(core)
        and not automated(a)
    )


def _renewed(a: Analysis) -> bool:
    """A reply that writes a new message of its own under a thread subject naming nothing.

    « RE: Suite » over a long message that asks something: the thread's
    subject never said what it was about, and the reply keeps it for a new
    matter. A short reply answers the message above; a list keeps its
    thread's subject; a program's notice is left alone; a bare number
    ("Re: #529538") is the reference the thread goes by.
    """
    return (
        is_reply_subject(a)
        and a.subject_facts.says_nothing != "no_words"
        and bool(a.asks)
        and a.metrics.words > SHORT_REPLY_WORDS
        and not a.message.mailing_list
        and "[" not in (a.subject or "")[: a.subject_facts.start]
        and not automated(a)
    )


def _thanks_subject(a: Analysis, core: str) -> bool:
    """The subject thanks ("Thanks", « Merci ») and so does the message's first sentence."""
    thanks = a.pack.lexicon("thanks_openers")
    first = next((s.text for s in a.sentences if s.words > 2), "")
    return bool(thanks.fullmatch(core)) and bool(thanks.search(first))


@rule(
    "SJ03",
    "subject.length",
    "info",
    kinds=("email",),
    options={"min_words": 3, "max_words": 10, "bare_languages": []},
    messages=("short", "long"),
)
def subject_length(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that the subject is neither too terse nor a sentence.

    ## What it does
    Counts the subject's words (Re:/Fwd:/TR: prefixes excluded) and reports
    fewer than ``min_words`` (3) or more than ``max_words`` (10). A subject
    already reported as generic (SJ02) is left to that rule, and so is a
    subject the sender did not write: a reply's or a forward's (Re:/Fwd:), a
    mailing-list post's (its headers or a ``[list]`` tag) and a program's.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``,
    a warning by default), in the languages of ``bare_languages`` (none by
    default), on a bare subject: a single word, besides numbers (« stade »,
    « Marne 3 »), on a new e-mail that wants something done and asks nobody
    to do it (an ask nobody owns, « il faudrait que quelqu'un passe voir le
    terrain », or an ownerless obligation, « faut prévenir la régul »:
    ``analysis/ownerless.py``). One word names the thing, never what is
    wrong with it nor what is needed; and as nobody is asked, the inbox line
    is all that could tell the readers there is something to do.

    ## Why is this bad?
    One or two words rarely say what is asked; more than about ten are cut
    off in most inbox lists (mobile clients show 30 to 40 characters).

    ## Example
    ```
    Subject: Budget
    ```

    ## Use instead
    ```
    Subject: Budget 2027: your figures by Friday
    ```
    """
    rest, offset, count = strip_prefixes(a.subject or "")
    words = _WORD.findall(rest)
    generic = a.pack.lexicon("generic_subjects").fullmatch(rest.strip().rstrip("?!.:"))
    if not words or generic or a.subject_facts.says_nothing:
        return
    if count or a.message.mailing_list or automated(a) or a.subject_facts.start > offset:
        return  # a thread's, a list's or a program's subject: the sender did not write it
    lead = len(rest) - len(rest.lstrip())
    span = (offset + lead, offset + lead + len(rest.strip()))
    if len(words) < opts["min_words"]:
        strong = a.language in opts["bare_languages"] and _bare_over_open_work(a, words)
        args = {"count": len(words), "min": opts["min_words"]}
        yield Hit(*span, "short", args, "subject", strong=strong)
    elif len(words) > opts["max_words"]:
        yield Hit(*span, "long", {"count": len(words), "max": opts["max_words"]}, "subject")


def _bare_over_open_work(a: Analysis, words: list[str]) -> bool:
    """One word over a new e-mail whose work nobody is asked to do (see SJ03).

    Numbers name the item (« Marne 3 », « rame 27 »), not the matter, so
    they do not count as words. On the judged dev part, every one-word
    subject over such work was a problem to both judges, and every other
    one-word subject over an ask to the reader was fine (« congés » over a
    leave request): the reader asked directly learns it from the first line.
    """
    named = [w for w in words if any(c.isalpha() for c in w)]
    return (
        len(named) == 1
        and not is_reply(a)
        and (
            any(ask.owner == "nobody" for ask in a.asks)
            or any(o.owner == "nobody" for o in ownerless_obligations(a))
        )
    )


@rule(
    "SJ04",
    "subject.shouting",
    "warning",
    kinds=("email", "doc"),
    options={"min_letters": 8, "max_upper_ratio": 0.7},
    messages=("caps", "punctuation"),
)
def subject_shouting(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that the subject does not shout.

    ## What it does
    Reports a subject written mostly in capitals (more than ``max_upper_ratio``
    of at least ``min_letters`` letters) or carrying stacked ``!!`` / ``?!``.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``,
    a warning by default) when the sender wrote the capitals: a new e-mail
    (no Re:/Fwd:, no quoted text, not a list post nor a program's notice)
    whose subject holds two words or more in capitals that are no known
    acronym (``common_acronyms.txt``; four letters or more: "COOLDOWN AND
    GAS TRIAL"), over a text written in ordinary case. A text that sets its
    own titles in capitals too (a line of capitals, "NOTICE TO ALL
    INTERESTED PARTIES") is a bulletin's house style, not a subject that
    shouts.

    ## Why is this bad?
    Capitals and exclamation marks read as shouting and as false urgency;
    readers learn to ignore them, and spam filters notice them.

    ## Example
    ```
    Subject: PLEASE READ - NEW EXPENSE POLICY!!!
    ```

    ## Use instead
    ```
    Subject: New expense policy from 1 March: what changes for you
    ```
    """
    subject = a.subject or ""
    letters = [c for c in subject if c.isalpha()]
    if len(letters) >= opts["min_letters"]:
        ratio = sum(1 for c in letters if c.isupper()) / len(letters)
        if ratio > opts["max_upper_ratio"]:
            yield Hit(0, len(subject), "caps", field="subject", strong=_shouted_title(a, opts))
            return
    # The first run of two or more "!"/"?" holding a "!" (one scan: a pattern
    # that backtracks over a long run of "?" from each position is quadratic).
    bangs = next((m for m in re.finditer(r"[!?]{2,}", subject) if "!" in m.group()), None)
    if bangs and len(bangs.group()) >= 2:
        yield Hit(bangs.start(), bangs.end(), "punctuation", field="subject")


#: A word in capitals long enough not to be a short code ("GAS", "NR" are not counted).
_SHOUTED_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{4,}(?![^\W\d_])")


def _shouted_title(a: Analysis, opts: Options) -> bool:
    """Capitals the sender chose for a new e-mail's subject, not a bulletin's style (SJ04)."""
    if is_reply(a) or a.message.mailing_list or automated(a):
        return False
    subject = a.subject or ""
    if "[" in subject[: a.subject_facts.start]:
        return False  # a list's tag: the list's subject, not the sender's
    known = a.pack.words("common_acronyms")
    shouted = [w for w in _SHOUTED_WORD.findall(subject) if w.isupper() and w.lower() not in known]
    return len(shouted) >= 2 and not _capital_lines(a.body, opts["min_letters"])


def _capital_lines(text: str, min_letters: int) -> bool:
    """A line of ``min_letters`` letters or more, all capitals: the text's own titles."""
    for line in text.splitlines():
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= min_letters and all(c.isupper() for c in letters):
            return True
    return False


@rule(
    "SJ05",
    "subject.reply-chain",
    "info",
    kinds=("email",),
    options={"max_prefixes": 1, "min_words": SHORT_REPLY_WORDS, "old_thread_days": 14},
    messages=("default", "stale"),
)
def subject_reply_chain(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for stacked reply and forward prefixes, and a reply's stale subject.

    ## What it does
    Reports a subject starting with more than ``max_prefixes`` reply or
    forward prefixes, such as ``Re: Re: Fwd:`` or ``RE: TR:``, when the thread
    has drifted: the sender's own text runs past ``min_words`` (30) words and
    shares no word with the subject. Stacked prefixes alone are how mail
    clients mark a long thread.

    It reports a stale subject instead, as a strong finding (the rule's
    ``strong`` severity in ``rules.toml``, a warning by default), when a
    reply asks something in more than ``min_words`` (30) words of its own
    and its subject shares no word with that text (function words aside;
    words compared by their first letters, so "invoice" meets "invoicing"
    and « facture » meets « factures »; the words of the subject's dates
    name no topic), while the subject is only a social formula
    (``social_subjects.txt``: « Re: Bonne année », "Re: Thanks"), or the
    prefixes are stacked (the thread has gone round several times), or the
    thread is old: the message it quotes was sent ``old_thread_days`` (14)
    days or more before it (« Re: Réunion de rentrée – septembre » over a
    January question). A mailing-list post (by its headers or a
    ``[list]`` tag in the subject) and a program's notice are left alone: on
    a list, the thread's subject is the norm.

    ## Why is this bad?
    A stack of prefixes says the thread has drifted: the subject no longer
    describes the current question, and the useful words are pushed out of
    sight in the inbox. A reply that asks about a new matter under an old
    title (« Re: Bonne année » over a loan question) is filed and searched
    under the wrong topic, and its reader may take it for more of the same.

    ## Example
    ```
    Subject: Re: Re: Fwd: Re: Q3 planning

    Separate point: the auditors came back this morning. The signed
    contractor agreements are still missing from the shared drive, and two
    cleaning invoices carry the wrong VAT number, so the accounts stay open.
    ```

    ## Use instead
    ```
    Subject: Audit: contractor agreements and VAT numbers missing
    ```
    """
    _, offset, count = strip_prefixes(a.subject or "")
    facts = a.subject_facts
    if _stale(a, opts, count):
        yield Hit(facts.start, facts.end, "stale", field="subject", strong=True)
    elif count > opts["max_prefixes"] and _drifted(a, opts):
        yield Hit(0, offset, field="subject", args={"count": count})


def _drifted(a: Analysis, opts: Options) -> bool:
    """The own text has moved off the subject: long, and none of the subject's words in it.

    Stacked prefixes alone are how mail clients mark a long thread (dev: no
    judge minded them, 0 of 20); they matter when the thread drifted.
    """
    return a.subject_facts.shared == () and a.metrics.words > opts["min_words"]


def _stale(a: Analysis, opts: Options, count: int) -> bool:
    """A reply about another matter than its subject names (see SJ05)."""
    facts = a.subject_facts
    return (
        facts.shared == ()
        and bool(facts.content or facts.social)
        and (facts.social or count > opts["max_prefixes"] or _old_thread(a, opts))
        and is_reply_subject(a)
        and bool(a.asks)
        and a.metrics.words > opts["min_words"]
        # A list post (its headers, or a "[list]" tag before the subject's
        # words): on a list the thread's subject is the norm.
        and not a.message.mailing_list
        and "[" not in (a.subject or "")[: facts.start]
        and not automated(a)
    )


def _old_thread(a: Analysis, opts: Options) -> bool:
    """The reply comes ``old_thread_days`` or more after the message it quotes."""
    sent = a.quoted_sent
    return sent is not None and (a.now - sent).total_seconds() >= opts["old_thread_days"] * 86400
