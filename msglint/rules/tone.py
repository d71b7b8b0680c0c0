"""Tone rules (TN): keep the relationship warm."""

from __future__ import annotations

import re
from collections.abc import Iterator

from msglint.analysis.model import Analysis
from msglint.rules.base import Hit, Options, rule
from msglint.rules.genre import is_reply_subject, not_a_memo

_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+"
_CAPS_RUN = re.compile(rf"(?<![\w-]){_CAPS_WORD}(?:[\s,]+{_CAPS_WORD}){{2,}}(?![\w-])")


@rule("TN01", "tone.shouting", "warning", options={"min_words": 3})
def shouting(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for runs of words in capitals.

    ## What it does
    Reports runs of ``min_words`` (3) or more consecutive words written in
    capitals in the body ("PLEASE DO NOT FORGET", "C'EST TRÈS IMPORTANT").
    Known acronyms (``common_acronyms.txt``) do not count toward a run, and
    a line written all in capitals (a title, a newsletter headline) or a
    label in capitals opening its line up to a colon ("DATA CENTER -
    OPERATIONS: no outages") is not shouting.

    ## Why is this bad?
    Capitals read as shouting. They make the reader defensive and add no
    information; bold or a clear sentence carries emphasis without the
    aggression.

    ## Example
    ```
    PLEASE DO NOT FORGET to submit your timesheet.
    ```

    ## Use instead
    ```
    Please remember to submit your timesheet by Friday 5 pm CET.
    ```
    """
    known = a.pack.words("common_acronyms")
    for match in _CAPS_RUN.finditer(a.body):
        if _is_headline(a.body, match.start(), match.end()):
            continue  # a title or a newsletter headline: capitals set it apart, nobody shouts
        words = [w for w in re.split(r"[\s,]+", match.group()) if w]
        loud = [w for w in words if w.lower() not in known]
        if len(loud) >= opts["min_words"]:
            yield Hit(match.start(), match.end(), args={"words": len(words)})


def _is_headline(text: str, start: int, end: int) -> bool:
    """The capitals fill their line as a title does: no lower-case letter, no full stop."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    # A sentence in capitals ends like one ("PLEASE DO NOT EDIT THIS."): that is shouting.
    if not any(c.islower() for c in line) and not line.rstrip().endswith((".", "!", "?")):
        return True
    # A label opening its line, up to a colon ("DATA CENTER - OPERATIONS: No outages").
    colon = line.find(":", end - line_start)
    head = line[:colon] if colon >= 0 else ""
    return (
        bool(head.strip())
        and start - line_start <= len(line) - len(line.lstrip())
        and not any(c.islower() for c in head)
    )


@rule("TN02", "tone.exclamation", "info", options={"max_exclamations": 2})
def exclamation(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for stacked or overused exclamation marks.

    ## What it does
    Reports each run of two or more exclamation marks in the body, and the
    exclamation mark past ``max_exclamations`` (2) in a message. Runs that
    follow an urgency word, in the body or the subject (« URGENT !!! »), are
    left to UR02.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``)
    when three marks or more are stacked where they read as anger or alarm:
    in the subject of a new message ("Encore un problème !!!"), right after
    a word in capitals ("REMINDER!!!!", « URGENT !!! »), or as stacked
    question marks ("???"). A subject or sentence that thanks or greets
    ("thanks Jean!!!") is spared.

    ## Why is this bad?
    One exclamation mark can be warm; three in a row, or one per sentence,
    read as alarm or forced cheer, and the message loses credibility.

    ## Example
    ```
    Thanks!! The draft looks great!! See you tomorrow!!
    ```

    ## Use instead
    ```
    Thanks, the draft looks great. See you tomorrow!
    ```
    """
    courtesy = a.pack.lexicon("courtesy")
    subject = a.subject or ""
    # Marks right after an urgency word shout the urgency (« URGENT !!! »):
    # UR02's, in the subject as in the body.
    subject_words = [m for m in a.urgency if m.kind != "punctuation" and m.field == "subject"]
    if not is_reply_subject(a) and not courtesy.search(subject):
        for match in _STACKED.finditer(subject):
            if any(0 <= match.start() - m.end <= 3 for m in subject_words):
                continue
            yield Hit(
                match.start(),
                match.end(),
                field="subject",
                args={"count": len(match.group())},
                strong=True,
            )
            break
    urgency_bangs = {m.start for m in a.urgency if m.kind == "punctuation" and m.field == "body"}
    word_markers = [m for m in a.urgency if m.kind != "punctuation" and m.field == "body"]
    for match in re.finditer(r"[!?]*!{2,}[!?]*|\?{3,}", a.body):
        near_urgency = any(0 <= match.start() - m.end <= 3 for m in word_markers)
        if match.start() in urgency_bangs and near_urgency:
            continue
        strong = len(match.group()) >= 3 and _alarmed(a, match.start(), match.group())
        yield Hit(match.start(), match.end(), args={"count": len(match.group())}, strong=strong)
    singles = [m.start() for m in re.finditer(r"(?<!!)!(?!!)", a.body)]
    if len(singles) > opts["max_exclamations"]:
        position = singles[opts["max_exclamations"]]
        yield Hit(position, position + 1, args={"count": len(singles)})


#: Three marks or more in a row: "!!!", "?!?", "???".
_STACKED = re.compile(r"[!?]{3,}")
#: A word in capitals just before the marks: "REMINDER!!!!", « URGENT !!! ».
_SHOUTED_BEFORE = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ]{2,}[ \t]*$")


def _alarmed(a: Analysis, start: int, marks: str) -> bool:
    """Stacked marks that read as anger or alarm, not cheer: "???", or after capitals."""
    for sentence in a.sentences:
        if sentence.start <= start < sentence.end + len(marks):
            if a.pack.lexicon("courtesy").search(sentence.text):
                return False  # "thanks Jean!!!": warm, if loud
            break
    return "???" in marks or bool(_SHOUTED_BEFORE.search(a.body[max(0, start - 40) : start]))


@rule("TN03", "tone.no-courtesy", "info", kinds=("email",))
def no_courtesy(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that an ask comes with a word of courtesy somewhere.

    ## What it does
    Reports the first ask of a message that has no courtesy word at all —
    "please", "thanks", "appreciate", "merci", "s'il vous plaît", "svp"…
    (the pack's ``courtesy.txt``, with sign-offs such as "Cheers", "Thanx",
    « Bises », « Bonne journée ») — in the subject, the body or the sign-off.
    Short replies in a thread, automated notices and mailing-list posts are
    left alone.

    ## Why is this bad?
    Brevity is good; curtness is not. A single "please" or "thanks" keeps a
    direct ask friendly, which matters most with remote colleagues you
    rarely see.

    ## Example
    ```
    Send me the invoice by Friday.
    ```

    ## Use instead
    ```
    Could you send me the invoice by Friday? Thanks!
    ```
    """
    if not a.asks or not_a_memo(a):
        return  # a one-line reply, a notice or a list post is not asked to say please
    courtesy = a.pack.lexicon("courtesy")
    for text in (a.body, a.subject or "", a.message.signature):
        if courtesy.search(text):
            return
    yield Hit(a.asks[0].start, a.asks[0].end)


@rule("TN04", "tone.over-apology", "warning", kinds=("email",), options={"min_apologies": 3})
def over_apology(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for a message that apologises again and again.

    ## What it does
    Reports the third apology when the writer's own text (the body with its
    closing, not the quoted thread) apologises ``min_apologies`` (3) times or
    more: "sorry", "apologies", "excuse me"… (the pack's ``apologies.txt``;
    « désolée », « excuses », « pardon » in French). Counted words, not
    phrases: each apology counts, however it is worded.

    ## Why is this bad?
    One apology is polite. Three or more around a single request drown it:
    the reader has to dig for what is asked, and the writer sounds unsure of
    the right to ask at all, which weakens the request and the relationship.

    ## Example
    ```
    Sorry to bother you again, and sorry for the delay. Could you possibly
    look at the figures? Apologies for the long message, and sorry again.
    ```

    ## Use instead
    ```
    Sorry for the delay. Could you check the figures by Friday 5 pm CET?
    ```
    """
    # The apology that makes it too many: where the reader stops reading a request.
    over = a.apology_making(opts["min_apologies"])
    if over is not None:
        yield Hit(*over, args={"count": len(a.apologies)})
