"""Clarity rules (CL): precise, self-contained messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from msglint.analysis.audience import newcomer_cue
from msglint.analysis.model import Analysis
from msglint.lang import subject_prefix_pattern
from msglint.rules.acronyms import defined_acronyms, in_ranges
from msglint.rules.base import Hit, Options, rule

# Neighbours that make a capitalised run part of an address, a path or a file name
# ("HOU/ECT@ECT", "C:\\TEMP", "REPORT.DOC"), not a word of the sentence.
_ATTACHMENT_MARKER = re.compile(r"<<[^<>\n]{1,80}\.[A-Za-z0-9]{2,4}\s*>>")
_FILE_NAME = re.compile(
    r"(?<![\w.-])[\w][\w .()-]{0,60}\.(?:xlsx?|xlsm|docx?|pptx?|pdf|csv|zip|rtf|odt|ods)(?![\w.])",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"(?<![\w/@\\.:-])([A-Z][A-Z0-9&]{1,6}s?)(?![\w/@\\-]|\.\w)")


@rule(
    "CL01",
    "clarity.vague-reference",
    "info",
    messages=("default", "unnamed", "day", "unanswered", "echo", "recurring", "unfound"),
)
def vague_reference(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for references the reader cannot resolve on their own.

    ## What it does
    Reports vague references from the pack's ``vague_references.txt`` ("the
    thing we discussed", "that stuff", "ce truc", "le machin", "tu sais
    quoi"), and an e-mail or document whose first sentence points at
    something with a bare demonstrative ("fix this", « regarde ça ») that it
    never names. Chat messages answer the message before them and are spared
    the second check.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``)
    when a new e-mail names nothing at all: neither its subject nor its text
    holds a noun saying what it is about (greetings, thanks and times aside),
    but for one bare definite noun pointing at something never described
    (« de nouveau le problème », "the issue again"), or it asks something
    with no noun at all (« Rappelle-moi dès que tu peux, c'est urgent »).
    Replies, forwards, chats and automated notices have their context
    elsewhere and are spared.

    So is a new e-mail that opens on a problem it says is back ("again",
    « ça recommence »; the pack's ``recurrence_marks.txt``) with a definite
    article ("the issue with the printer", « le problème de la barge »;
    ``problem_nouns.txt``) and never says what goes wrong: no adjective,
    clause or colon describing it, and a subject that does not either
    ("Marne 3" names the barge, not the fault). A condition ("if the problem
    comes back", ``condition_marks.txt``) asserts nothing, and "thanks
    again" thanks twice.

    So is a thing the reader would go and get said to exist ("There are
    patches that address this", « il existe un correctif »; the pack's
    ``findable_nouns.txt`` and ``existential_verbs.txt``) with nothing to
    find it by: no link anywhere in the message, quoted text included, no
    name, number or place ("in the tracker"), no colon leading to it, in its
    sentence or the next one of its paragraph.
    Questions ("Is there a fix?") assert nothing.

    A day pointed back at ("that day", « ce jour-là », the pack's
    ``day_anaphors.txt``) when the message named no day before it, neither in
    its subject nor in its text, is a strong hit too: the reader has to guess
    the day ("Paul is away that day" with no day given). Replies quoting their
    thread and chats are spared: the day may be named above.

    So is a reply whose whole text is a bare acknowledgement (« vu », "ok",
    the pack's ``acknowledgements.txt``) to an open question or a choice in
    the message it quotes ("When can you…?", « tu les transmets ou je lui
    écris ? »; ``analysis/thread.py``): "ok" answers "can you send it?", not
    "which one?".

    In a chat, a turn that only asks back which thing another turn meant,
    taking up its words ("Which patches?" after "there are patches that
    address this", « Quelle dernière fois ? »; the pack's
    ``echo_questions.txt``), is a strong hit on those words: the reader said
    in so many words that they could not resolve them (``analysis/naming.py``).

    ## Why is this bad?
    An asynchronous message is read later, out of context, maybe forwarded to
    someone who was not in the conversation. "Can you fix this?" forces a
    round trip to ask what "this" is.

    ## Example
    ```
    Can you look at this before the call?
    ```

    ## Use instead
    ```
    Can you look at the updated pricing table (link) before the call?
    ```
    """
    from msglint.analysis.naming import (
        echoed_reference,
        names_nothing,
        recurring_problem,
        unanchored_day,
        unfound_artifact,
    )

    unnamed = names_nothing(a)
    if unnamed is not None:
        start, end, text = unnamed
        yield Hit(start, end, "unnamed", {"phrase": text}, strong=True)
    back = recurring_problem(a)
    if back is not None and (unnamed is None or not unnamed[0] <= back[0] < unnamed[1]):
        yield Hit(back[0], back[1], "recurring", {"phrase": back[2]}, strong=True)
    from msglint.analysis.thread import unanswered_question

    # Each fact is one span the reader cannot resolve, reported under its own message.
    for message_id, fact in (
        ("unfound", unfound_artifact),
        ("day", unanchored_day),
        ("unanswered", unanswered_question),
    ):
        found = fact(a)
        if found is not None:
            yield Hit(found[0], found[1], message_id, {"phrase": found[2]}, strong=True)
    echo = echoed_reference(a)
    if echo is not None:
        args = {"phrase": echo[2], "question": echo[3]}
        yield Hit(echo[0], echo[1], "echo", args, strong=True)
    for hit in a.pack.lexicon("vague_references").finditer(a.body):
        if unnamed is None or not unnamed[0] <= hit.start < unnamed[1]:
            yield Hit(hit.start, hit.end, args={"phrase": hit.text})
    from msglint.analysis.grammar import opening_pronoun

    found = opening_pronoun(a)
    if found is not None and (unnamed is None or not unnamed[0] <= found[0] < unnamed[1]):
        start, end, text = found
        yield Hit(start, end, args={"phrase": text})


@rule(
    "CL02",
    "clarity.undefined-acronym",
    "info",
    options={"allow": [], "newcomer_min": 3},
    messages=("default", "newcomer"),
)
def undefined_acronym(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that acronyms are spelled out or widely known.

    ## What it does
    Reports, once each, acronyms of two to seven capitals that the reader
    cannot be assumed to know: not in the pack's ``common_acronyms.txt``
    (PDF, CEO, JSON, JIRA, CET…) nor the ``allow`` option, not defined in the
    message or earlier in the thread ("Statement of Work (SOW)", "SOW
    (statement of work)"), and not already used in the quoted thread.
    Ordinary words in capitals ("URGENT", "FREE", "MUST": words of the
    language's dictionary, or written in lower case elsewhere), pieces of
    addresses, paths and file names ("HOU/ECT@ECT", "REPORT.DOC") and
    placeholders ("[NAME]") are not acronyms.

    The findings are strong (the rule's ``strong`` severity in
    ``rules.toml``) when the reader is new to the team and the message
    leaves ``newcomer_min`` (3) acronyms or more unexplained: it welcomes
    them ("Welcome to the team", a bare "Welcome!" opening a line,
    « Bienvenue au groupement »), speaks of their first week or first
    project (in the text or the subject), or answers a reader who wrote that
    they have just arrived or do not know where to start
    (``analysis/audience.py``, the pack's ``newcomer_cues.txt``).
    Between colleagues of long standing, the team's acronyms are usually
    fine.

    ## Why is this bad?
    Team jargon is opaque to new colleagues, assistants and clients, who
    either guess or have to ask.

    ## Example
    ```
    Please update the SOW before the QBR.
    ```

    ## Use instead
    ```
    Please update the statement of work (SOW) before the quarterly business
    review.
    ```
    """
    known = a.pack.words("common_acronyms") | {x.lower() for x in opts["allow"] if x}
    # Ordinary words in capitals ("URGENT", "PLEASE") are shouting, not acronyms.
    known |= (
        a.pack.words("urgency_words") | a.pack.words("function_words") | a.pack.words("courtesy")
    )
    skipped = _shouted_ranges(a.body) + [
        (h.start, h.end) for h in a.pack.lexicon("placeholders").finditer(a.body)
    ]
    is_skipped = in_ranges(skipped)
    defined: set[str] | None = None  # read once, when the first candidate needs it
    thread: set[str] | None = None  # acronyms the quoted thread uses or defines
    lower_words = set(re.findall(r"\b[^\W\d_A-Z]+\b", a.body))
    seen: set[str] = set()
    found: list[Hit] = []
    for match in _ACRONYM.finditer(a.body):
        word = match.group(1)
        base = word[:-1] if word.endswith("s") and len(word) > 2 else word
        if base in seen or base.lower() in known or word.lower() in known:
            continue
        letters = sum(1 for c in base if c.isalpha())
        if letters < 2 or is_skipped(match.start()):
            continue
        seen.add(base)
        if base.lower() in lower_words or _dictionary_word(a.language, base):
            continue  # "FREE", "MUST", "START": a word in capitals, not an acronym
        if defined is None:
            defined = defined_acronyms(a.body)
            thread = _thread_acronyms(a.message.quoted)
        if base in defined or base in (thread or set()):
            continue
        found.append(Hit(match.start(1), match.end(1), args={"acronym": base}))
    cue = newcomer_cue(a) if len(found) >= opts["newcomer_min"] else None
    for hit in found:
        if cue is None:
            yield hit
        else:  # a newcomer cannot know the team's jargon
            yield Hit(hit.start, hit.end, "newcomer", {**hit.args, "cue": cue}, strong=True)


def _is_forward(a: Analysis) -> bool:
    """The message passes another one on (Fwd:/TR: subject, or a forward header below)."""
    from msglint.analysis.documents import is_forward

    return is_forward(a)


def _thread_acronyms(quoted: str) -> set[str]:
    """Acronyms the quoted thread already uses or defines: its readers know them."""
    if not quoted:
        return set()
    used = {m.group(1) for m in _ACRONYM.finditer(quoted)}
    return used | {w[:-1] for w in used if w.endswith("s")} | defined_acronyms(quoted)


@cache
def _dictionary(language: str) -> tuple[frozenset[str], Any]:
    """The pipeline lemmatizer's word index and inflection table: the ordinary vocabulary."""
    from msglint.analysis.pipeline import load_pipeline

    nlp = load_pipeline(language)
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset(), None
    lookups = nlp.get_pipe("lemmatizer").lookups
    words: set[str] = set()
    if lookups.has_table("lemma_index"):
        for entries in lookups.get_table("lemma_index").values():
            words.update(w.lower() for w in entries if isinstance(w, str))
    table = lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else None
    return frozenset(words), table


def _dictionary_word(language: str, word: str) -> bool:
    """A word of four letters or more the language's dictionary knows ("START", "GRATUIT")."""
    if len(word) < 4 or not word.isalpha():
        return False
    lower = word.lower()
    index, inflections = _dictionary(language)
    candidates = {
        lower,
        lower.removesuffix("s"),
        lower.removesuffix("ed"),
        lower.removesuffix("ing"),
    }
    return any(
        c in index or (inflections is not None and c in inflections)
        for c in candidates
        if len(c) >= 3
    )


def _shouted_ranges(text: str) -> list[tuple[int, int]]:
    """Runs of three or more capitalised words: shouting, not acronyms (TN01's business)."""
    return [
        (m.start(), m.end())
        for m in re.finditer(r"(?:\b[A-Z]{2,}\b[\s,!.?]+){2,}\b[A-Z]{2,}\b", text)
    ]


@rule(
    "CL03",
    "clarity.readability",
    "info",
    options={"min_words": 60, "min_score_en": 40.0, "min_score_fr": 35.0},
)
def readability(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that the text is easy enough to read.

    ## What it does
    Computes the reading ease of the author's text — Flesch reading ease for
    English, Kandel–Moles (Flesch adapted to French) for French — and reports
    a score below ``min_score_en`` (40) or ``min_score_fr`` (35) for messages
    of at least ``min_words`` (60) words (the formulas are unreliable on
    shorter texts).

    ## Why is this bad?
    Scores under 40 correspond to academic prose: long sentences of long
    words. Work messages are read fast, on phones, often in a second
    language; plain words and short sentences get answered.

    ## Example
    ```
    Notwithstanding the aforementioned organisational considerations, the
    implementation of the departmental reorganisation necessitates
    comprehensive consultation with representatives of every operational
    unit. Consequently, preliminary documentation regarding responsibilities,
    reporting relationships and anticipated budgetary implications should be
    circulated sufficiently in advance, thereby facilitating constructive
    deliberation and minimising unnecessary administrative complications.
    Subsequently, departmental representatives will consolidate the
    observations received into a comprehensive written recommendation for
    senior management.
    ```

    ## Use instead
    ```
    Before we change how the team works, we need to talk to everyone it
    touches. So we will send a short note to each group first. It will say
    who does what, who reports to whom, and what it costs. That way people
    have time to read it and think. Then we meet, talk it through, and
    agree on the next steps. This keeps the work simple for all of us.
    ```
    """
    if a.metrics.words < opts["min_words"]:
        return
    from msglint.analysis import complete_metrics

    score = complete_metrics(a).readability
    if score is None:
        return
    minimum = opts.get(f"min_score_{a.language}")
    if minimum is None:
        return  # no threshold for this language's formula
    if score < minimum:
        yield Hit(
            field="message",
            args={"score": score, "min": minimum, "formula": a.metrics.readability_formula},
        )


@rule(
    "CL04",
    "clarity.missing-attachment",
    "error",
    kinds=("email",),
    messages=("default", "forwarded", "empty_forward", "title_only"),
)
def missing_attachment(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks that a message which mentions an attachment has one.

    ## What it does
    In an e-mail file (``.eml``), reports a mention of an attachment from the
    pack's ``attachment_phrases.txt`` ("attached", "please find enclosed",
    "ci-joint", "en pièce jointe", "je vous joins") when the message carries
    no attachment, unless its sentence gives a link ("the attached card, at
    http://…") or it sits in a condition ("if there is an LS with the spec
    attached"). A document the writer hands over with a sending verb counts
    too: "I'm forwarding you the invoice", « je vous transfère la facture »,
    « je t'envoie le projet » — the writer as subject, in the present, with
    a document as object (``handover_verbs.txt``, ``document_nouns.txt``),
    and no later time ("tomorrow", « dès que possible », « dès que le lieu
    est arrêté », ``deferring_marks.txt``) nor other way
    (« dans un second message », ``elsewhere_markers.txt``) nor pointer into
    the text ("below", ``text_pointers.txt``) in the sentence; the writer's
    "I'm" may be left out ("Sending you the deck now"), the sending may
    complete the writer's wish, leave or lapse ("I'd like to share the
    table", « je me permets de vous envoyer le devis », "I forgot to attach
    the invoice": ``handover_frames.txt``; not "I can share", "I will want
    to"), and the writer may speak for the firm their signature names
    ("Keysight would like to share…"). So does a
    document the writer shows as present or asks the
    reader to use, in a new message or a reply with no link in its text and
    no attachment in its thread: "here is the business plan", "this is the
    final version", "it's the pulp presentation" (as the opening),
    "here it is", « voici le devis », « c'est le planning », « le voici »,
    "this is a copy of Lloyd's business plan" (a copy of a named document),
    "it" right after a thing handed over ("I forgot to send you this. It's
    the pulp presentation that I put together"),
    "please print this document", "please review and sign", « merci de
    l'imprimer » (``document_verbs.txt``); not when the text opens it with
    a colon or a list or lines of a table follow ("here is the agenda:
    …"), nor in a cleft ("it's the contract that worries me") or a
    judgement ("it's a good document"). So does a definite document ("the
    summary", « du planning », never the reader's "your report" nor "the
    draft you sent") the reader is asked or told to look into ("please check
    the figures in the budget draft", "you will find the figures in the
    summary", « merci de jeter un œil au planning », ``viewing_verbs.txt``)
    or whose content the text describes in the present ("the summary lists
    every cost line", "this one has a page with all four graphs", « le
    tableau reprend les chiffres », ``content_verbs.txt``); not when the
    sentence puts it elsewhere ("in the ERP", "on the shared drive",
    ``place_prepositions.txt``), nor when the text says where it is kept
    ("the document is in the shared Sales folder"), nor when it asks whether
    it was read ("have you read the budget draft?"), nor when a pointer
    into the text ("the summary below lists…", « le tableau ci-dessous… »)
    may point at the text that follows; only a file (``file_nouns.txt``:
    "the following file contains…", « le fichier ci-après… ») cannot be
    pasted, unless a colon, a list, a block of lines or a quoted message
    follows. So do file names the
    own text lists on lines of their own (" - 20010607_resolution.pdf",
    « - CR_comite.pdf »): a client's list of the files it sends, none
    there. An Outlook marker
    ("<<Report.pdf>>") in the text or the signature shows the file went; in
    the quoted text only when forwarding.

    The finding is strong (the rule's ``strong`` severity in ``rules.toml``,
    a warning by default) when the sender's own text says it attaches
    something ("attached", « ci-joint », "I'm sending you the report", a
    file name as the subject). A
    forward whose quoted message mentions an attachment the forward lacks is
    a hint: clients drop or keep forwarded files in ways an archive does
    not show, and readers of real mail often did not mind; it is strong
    when the forward's own note shows the document or asks to use it ("pls
    print"). A forward of a
    message that held nothing but its headers ("-----Original Message-----
    From: … Subject: DWR Report" and no line of text) passes nothing on: a
    strong finding; so does a forward whose note shows a document ("This is
    a copy of Lloyd's business plan") over a forwarded message too short to
    be it (a two-line cover note), and a new message whose whole text
    repeats its subject with no verb ("Measurement Stds" under "Subject:
    Measurement Stds"): a title over a file that is not there.

    ## Why is this bad?
    The forgotten attachment costs a round trip and an apology: the reader
    writes back to ask for it, and the clock on your request stops.

    ## Example
    An e-mail saying "Please find attached the signed quote." with no file.

    ## Use instead
    Attach the file, or link to it.
    """
    if not a.message.attachments_known or a.message.attachments:
        return
    if _carries_marker(a):
        return  # Outlook's "<<Budget 2001.XLS>>": the file was attached (archives drop it)
    from msglint.analysis.handover import deferred_mention, handed_over, in_condition

    # "on the attached card, at http://…": the file is a link away, not forgotten;
    # "if there is an LS with the spec attached": a message that may come one day.
    hits = [
        (h.start, h.end, h.text)
        for h in a.pack.find("attachment_phrases", a.body)
        if not _linked(a, h.start)
        and not in_condition(a, h.start)
        and not deferred_mention(a, h.start)  # « je vous joins le relevé dès que… »
    ]
    from msglint.analysis.documents import (
        forward_note_shows,
        forwarded_text_may_hold_it,
        held_documents,
        presented_documents,
    )

    # « je vous transfère la facture », "I'm sending you the report": handed over here,
    # unless the message forwards a text long enough to be that document.
    if not forwarded_text_may_hold_it(a):
        hits += [h for h in handed_over(a) if not _linked(a, h[0])]

    # "Here is the business plan", « voici le devis », "please print this document".
    hits += presented_documents(a)
    # "This is a copy of the business plan" over a forwarded cover note of two lines.
    hits += forward_note_shows(a)
    # "Please see the business plan", "the table shows all four graphs".
    hits += held_documents(a)
    # " - 20010607_resolution.pdf" on a line of its own: the files the writer lists.
    hits += _listed_files(a)
    if hits:
        start, end, text = min(hits)
        yield Hit(start, end, args={"phrase": text}, strong=True)
        return
    subject = a.subject or ""
    named = _FILE_NAME.search(subject)
    if named and not subject_prefix_pattern(("reply",)).match(subject):
        # A file name as the subject ("Review 12-171.xls"): the file is the message.
        yield Hit(
            named.start(),
            named.end(),
            field="subject",
            args={"phrase": named.group()},
            strong=True,
        )
        return
    from msglint.analysis.documents import forwarded_nothing, note_points_at_forward, title_only

    if forwarded_nothing(a):
        # "FW: DWR Report" over a message that held only its headers: nothing to read.
        yield Hit(field="message", message_id="empty_forward", strong=True)
        return
    titled = title_only(a)
    if titled is not None:
        # "Measurement Stds" under the same subject, and nothing else: a title over no file.
        start, end, text = titled
        yield Hit(start, end, message_id="title_only", args={"phrase": text}, strong=True)
        return
    if _is_forward(a) and a.pack.find("attachment_phrases", a.message.quoted):
        # Forwarding "slides are attached" without the slides: the reader lacks them.
        first = a.pack.find("attachment_phrases", a.message.quoted)[0]
        yield Hit(
            field="message",
            message_id="forwarded",
            args={"phrase": first.text},
            strong=note_points_at_forward(a),  # "pls print": the note sends the reader to it
        )


def _carries_marker(a: Analysis) -> bool:
    """An attachment marker ("<<Budget 2001.XLS>>") shows the file went with this message.

    In the own text or the signature below it; in the quoted text only when
    the message forwards it (a reply quotes the marker of the file it answers).
    """
    if _ATTACHMENT_MARKER.search(a.body) or _ATTACHMENT_MARKER.search(a.message.signature):
        return True
    return _is_forward(a) and bool(_ATTACHMENT_MARKER.search(a.message.quoted))


_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
# A line that is a file name and nothing else, bulleted or not: " - Q3 budget.xls".
_LISTED_FILE = re.compile(
    r"^[ \t]*(?:[-*•>][ \t]*)?(" + _FILE_NAME.pattern + r")[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _listed_files(a: Analysis) -> list[tuple[int, int, str]]:
    """File names the own text lists, each on a line of its own: the files it sends.

    A mail client writes the files of a message as such a list under its text
    (" - 20010607_resolution.pdf"); a message that lists them and carries none
    lost them. A name inside a sentence ("I updated budget.xls") or a path
    ("see S:\\Budget\\q3.xls") is a mention, not a list of what goes with it;
    nor are files the text says are kept or sent elsewhere ("the files are on
    the shared drive", a link, "separately": ``kept_elsewhere``).
    """
    from msglint.analysis.documents import kept_elsewhere

    if not _LISTED_FILE.search(a.body) or kept_elsewhere(a):
        return []
    return [
        (m.start(1), m.end(1), m.group(1))
        for m in _LISTED_FILE.finditer(a.body)
        if not any(c in m.group(1) for c in "/\\:")
    ]


def _linked(a: Analysis, offset: int) -> bool:
    """The sentence holding ``offset`` gives a link: what it calls attached is online."""
    for sentence in a.sentences:
        if sentence.start <= offset < sentence.end:
            return bool(_LINK.search(sentence.text))
    return False


@rule("CL05", "clarity.placeholder", "warning")
def placeholder(a: Analysis, opts: Options) -> Iterator[Hit]:
    """Checks for template placeholders left in the message.

    ## What it does
    Reports leftover placeholders in the subject and body: ``[NAME]``,
    ``{{first_name}}``, ``<<date>>``, ``XXX``, ``TODO``, ``[Prénom]``,
    ``[insérer la date]``… (the pack's ``placeholders.txt``). List tags
    ("[PATCH]"), editorial marks ("[sic]") and Outlook's attachment markers
    ("<<Budget.XLS>>") are not placeholders, nor is template syntax on a
    line of code (indented, a patch line, a shell prompt, RPM or shell
    macros such as "%{version}" or "${name}"): technical list mail quotes
    programs. Mail-merge fields in percent signs count in capitals only
    ("%FIRSTNAME%", not "%patch%"). A warning, not an error: a
    pattern cannot be certain that text was meant to be replaced.

    ## Why is this bad?
    A placeholder tells the reader they got a template, and often hides a
    missing fact (a date, an amount, a name) that they then have to ask for.

    ## Example
    ```
    Hi [NAME], the meeting is on {{date}}.
    ```

    ## Use instead
    ```
    Hi Priya, the meeting is on Tuesday 12 January at 10 am CET.
    ```
    """
    lexicon = a.pack.lexicon("placeholders")
    if a.subject:
        for hit in lexicon.finditer(a.subject):
            yield Hit(hit.start, hit.end, field="subject", args={"phrase": hit.text})
    for hit in lexicon.finditer(a.body):
        if not _code_line(a.body, hit.start):
            yield Hit(hit.start, hit.end, args={"phrase": hit.text})


# A line of code, a shell session, a patch or a spec file, where template syntax
# ("%{name}", "{{ var }}", "XXX", "TODO") is the program's, not a form's.
_CODE_LINE = re.compile(r"^(?:\t| {4,}|[+-](?=\S)|[$#>] |@@ )|%\{|\$\{|%\(|^%\w|\s%\w+\s")


def _code_line(text: str, offset: int) -> bool:
    """The line holding ``offset`` reads as code: indented, a diff line, or macro syntax."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return bool(_CODE_LINE.search(text[start : end if end >= 0 else len(text)]))
