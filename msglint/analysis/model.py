"""The facts of one message: computed once by the analysis layer, read by every rule.

All offsets are character offsets into ``Message.body`` unless a fact says
``field == "subject"``. Every fact is a plain dataclass so the JSON report and
``msglint inspect`` can export it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from msglint.lang import LanguagePack
    from msglint.message import Message


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body; list items and headings are sentences of their own."""

    start: int
    end: int
    text: str
    words: int
    block: int
    is_question: bool = False
    in_list: bool = False
    is_heading: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A block of the body: a paragraph, a heading, or a whole list."""

    start: int
    end: int
    kind: str  # "paragraph" | "heading" | "list"
    words: int
    sentences: int
    items: tuple[tuple[int, int], ...] = ()
    ordered: bool = False


@dataclass(frozen=True)
class Ask:
    """A request made to the reader: a question, an imperative or a polite request.

    ``secondary`` marks an ask that only completes another one: a fallback
    ("If you can't make it, call me") or a request for the answer ("Let me
    know by Friday" right after a question). It is still an ask, but it does
    not count as one more thing asked (AK02).

    ``courtesy`` marks an invitation that asks for no work: an offer on the
    reader's own need or wish ("If you have any questions, please give me a
    call", « n'hésitez pas à m'appeler »). The detector reports it (held-out
    labelled sets count it as a request); the analysis keeps it out of
    ``Analysis.asks``, so no rule reads it.
    """

    text: str
    start: int
    end: int
    sentence: int
    form: str  # "question" | "imperative" | "request" | "need"
    hedged: bool = False
    owner: str = "reader"  # "reader" | "nobody" (someone should…) | "we"
    in_list: bool = False
    numbered: bool = False
    secondary: bool = False
    addressee: str | None = None  # "Arjun, please…": the person named first
    courtesy: bool = False  # "If you have questions, call me": invited, not asked


# Kinds of TimeExpr that name no single date: never a deadline.
UNDATED = frozenset({"duration", "present", "recurrence"})


@dataclass(frozen=True)
class Commitment:
    """Something the writer promises to do ("I'll send the draft tonight").

    Not an ask (the reader is asked nothing), but a reply that promises
    something is worth seeing: ``inspect`` lists them.
    """

    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class TimeExpr:
    """A time expression, resolved against the message's reference time.

    ``value`` is an aware datetime (the start of the expression's grain) or
    None when it cannot be resolved (vague words such as "ASAP"); reports
    write it as ISO 8601. ``end_value`` closes an interval. ``direction`` is
    "before" for "by Friday" / "avant 16h", "after" for "after 2pm" /
    "later", and "until" for "until noon" /
    « jusqu'à midi » (how long something lasts, not a deadline). ``weekday``
    is the weekday the text names (0 = Monday) when it also gives a full
    date, so a mismatch can be checked.
    """

    text: str
    start: int
    end: int
    value: datetime | None
    grain: str | None = None
    # "instant" | "interval" | "open_interval" | "vague", and the undated kinds
    # "recurrence" (value: the next occurrence, when known), "duration", "present"
    kind: str = "instant"
    end_value: datetime | None = None
    direction: str | None = None
    vague: bool = False
    has_time: bool = False
    has_timezone: bool = False
    ambiguous: bool = False
    weekday: int | None = None
    field: str = "body"


@dataclass(frozen=True)
class Deadline:
    """A time expression that says when something is due (``value``: an aware datetime)."""

    text: str
    start: int
    end: int
    value: datetime | None
    vague: bool
    has_time: bool
    has_timezone: bool
    time: int  # index into Analysis.times
    ask: int | None = None  # index into Analysis.asks, when tied to one
    field: str = "body"


@dataclass(frozen=True)
class UrgencyMarker:
    """A word or sign that says "this is urgent"."""

    text: str
    start: int
    end: int
    kind: str  # "word" | "caps" | "punctuation" | "pressure" | "event" | "ongoing" | "running"
    field: str = "body"


@dataclass(frozen=True)
class SubjectFacts:
    """What the subject line names (offsets into the subject).

    ``start``/``end`` bound its own words (list tags and Re:/Fwd: prefixes
    excluded), ``prefixes`` counts the prefixes. ``content`` holds the words
    that name something; ``empty`` the general nouns, attention cues, urgency
    words and dates found instead. ``says_nothing`` tells why the subject names
    no topic: "no_words" (no word with a letter), "empty_words" (only empty
    words besides function words), "pronoun" (it refers only by a pronoun,
    « ça remarche pas »), "digest" (a mailing list's digest subject kept by a
    reply), or "" when it names something.

    ``social`` is true when the subject is only a social formula
    (« Bonne année », "Thanks", "Welcome"); ``shared`` holds the subject's
    content words that the sender's own text uses too (None: not parsed).
    """

    start: int = 0
    end: int = 0
    prefixes: int = 0
    content: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()
    says_nothing: str = ""
    social: bool = False
    shared: tuple[str, ...] | None = None


@dataclass
class Metrics:
    """Counts and scores of the author's own text."""

    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    questions: int = 0
    list_items: int = 0
    mean_sentence_words: float = 0.0
    longest_sentence_words: int = 0
    syllables_per_word: float = 0.0
    readability: float | None = None
    readability_formula: str = ""
    reading_seconds: int = 0


@dataclass
class Analysis:
    """Everything the rules may read about one message."""

    message: Message
    language: str
    pack: LanguagePack
    now: datetime
    doc: Doc | None = None
    # The subject line, parsed once with the others of its batch (None: no subject).
    subject_doc: Doc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    asks: list[Ask] = field(default_factory=list)
    # Courtesy invitations ("feel free to call me"): found, never read by a rule.
    invitations: list[Ask] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    urgency: list[UrgencyMarker] = field(default_factory=list)
    # Signs that time is short with no date given ("still not received", « le
    # délai court »: kind "pressure"; "before we print it": kind "event";
    # "it is still leaking", « ça recommence »: kind "ongoing"; "the deadline
    # is approaching", « le délai court »: kind "running";
    # analysis/urgency.py, find_pressure).
    pressure: list[UrgencyMarker] = field(default_factory=list)
    # The same signs of a deadline running or missed in the quoted text (kinds
    # "pressure" and "running", field "quoted"): the message answers someone
    # who said time presses (« le délai court toujours »).
    quoted_pressure: list[UrgencyMarker] = field(default_factory=list)
    metrics: Metrics = field(default_factory=Metrics)
    fyi: bool = False
    subject_facts: SubjectFacts = field(default_factory=SubjectFacts)
    # When the newest quoted message was sent (its header's date; None: no
    # quote, or no dated header): how old the thread a reply answers is.
    quoted_sent: datetime | None = None
    # A chat export's turn stamps ("[03/12/2026 08:12] Julie : …"): when each
    # turn was written, kept out of ``times`` (analysis/chat.py).
    stamps: list[TimeExpr] = field(default_factory=list)
    # The apologies of the writer's own text ("sorry", « désolée »), in order:
    # read by TN04 and CN06, which count them.
    apologies: list[tuple[int, int]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.message.body

    def apology_making(self, count: int) -> tuple[int, int] | None:
        """The apology that brings the own text to ``count`` apologies (one at least), if any."""
        nth = max(1, count)
        return self.apologies[nth - 1] if len(self.apologies) >= nth else None

    @property
    def subject(self) -> str | None:
        return self.message.subject

    @property
    def kind(self) -> str:
        return self.message.kind
