"""Split an e-mail body into the author's own text, the quoted history and the signature.

The splitter works on lines, in one pass over the body plus bounded
look-ahead, so its cost is linear in the size of the body:

1. **History.** A run of ``>`` lines is quoted history, and so are the
   attribution lines just above it ("On … wrote:"). A reply header —
   an attribution ("On … wrote:", "Le … a écrit :", wrapped over up to four
   lines), a separator ("-----Original Message-----", "-----Message
   d'origine-----", "---------- Forwarded message ----------", Lotus
   "-----Forwarded by …") or an Outlook field block ("From: … Sent: … To: …
   Subject:", "De : … Envoyé : … À : … Objet :") — starts the history too:
   when ``>`` lines follow it, only the header and that quote are history and
   the author's text may go on below (bottom posting, interleaved answers:
   every unquoted line the author wrote is kept); otherwise everything from
   the header down is history (top posting).
2. **Signature.** In the author's first and last blocks of text: the ``-- ``
   delimiter, a mobile signature ("Sent from my iPhone", "Envoyé de mon
   iPhone"; whatever follows it in the same block is the previous message), a
   sign-off ("Best,", "Cordialement,", "Bien à vous") followed by a few short
   lines (name, title, phone, address), a trailing contact block (a name, then
   phones, addresses, links) or a final "-Name" line. A signature never starts
   on the first line of the author's text. The sign-off and the name under it
   ("Thanks, / Bob", "-Carl") are the author's words: they stay in the own
   text (``closing_lines``) and the signature is what follows them.

Every pattern lives in ``msglint/lang/reply_patterns.toml`` (compiled by
``reply_patterns.py``): a new mail
client's header or a new language's sign-off is a line of data, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from msglint.inputs.reply_endings import Endings
from msglint.inputs.reply_headers import Headers
from msglint.inputs.reply_patterns import patterns
from msglint.inputs.reply_roles import (
    _CLOSING,
    _FOOTER,
    _MAX_HEADER_CHARS,
    _OWN,
    _QUOTED,
    _SIGNATURE,
)

#: Quoted-printable residue at a line's end ("-----Original Message-----=20", a soft
#: break "="), tolerated when matching (the text itself is kept as written).
_QP_TAIL = re.compile(r"(?<=[^=\s])(?:=20|=09)+=?$|(?<=[^=\s])=$")


def _tolerant(text: str) -> str:
    """``text`` without quoted-printable residue at its end (only its last 64 characters
    are searched, so a huge line costs nothing)."""
    if not text.endswith(("=", "0", "9")):
        return text
    head, tail = text[:-64], text[-64:]
    return head + _QP_TAIL.sub("", tail)


@dataclass
class ReplySplit:
    """Line indices of the author's text, and the text of the rest."""

    own_lines: list[int]
    quoted: str = ""
    signature: str = ""
    quoted_lines: list[int] = field(default_factory=list)
    signature_lines: list[int] = field(default_factory=list)
    #: For a line of ``own_lines`` whose end is a reply header glued to the
    #: author's text ("Thanks! On Tue, … <a@b.c> wrote:"): the column where the
    #: author's text ends. The rest of that line is in ``quoted``.
    own_line_ends: dict[int, int] = field(default_factory=dict)
    #: The lines of ``own_lines`` that close the author's text above a signature:
    #: the sign-off and the name under it ("Thanks,", "Bob"). They are the
    #: author's words (own text); some labelled sets count them as signature.
    closing_lines: list[int] = field(default_factory=list)


class _Splitter(Headers, Endings):
    """The state of one split: the lines, what each one is, and the patterns.

    Reply headers are read by :class:`Headers`, footers and signatures by
    :class:`Endings`; this class holds the lines and marks the history.
    """

    def __init__(self, text: str) -> None:
        self.pats = patterns()
        self.lines = text.split("\n")
        self.stripped = [_tolerant(line.strip()) for line in self.lines]
        self.n = len(self.lines)
        self.quote = [self._is_quote(s) for s in self.stripped]
        self._unquote_sessions()
        self._quote_elisions()
        self.role = [_OWN] * self.n
        #: line -> column where the author's text ends (a glued header follows)
        self.cuts: dict[int, int] = {}
        self._field_types: dict[int, str | None] = {}

    # ------------------------------------------------------------------ lines

    def _is_quote(self, stripped: str) -> bool:
        return (
            bool(stripped)
            and (
                stripped.startswith(self.pats.quote_prefixes)
                or self.pats.quote_pattern.match(stripped[:16]) is not None
            )
            and not (len(stripped) < _MAX_HEADER_CHARS and self.pats.not_quoted.match(stripped))
        )

    def _paragraphs(self) -> list[list[int]]:
        """Runs of non-blank lines."""
        runs: list[list[int]] = []
        for index, text in enumerate(self.stripped):
            if not text:
                continue
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        return runs

    def _unquote_sessions(self) -> None:
        """A pasted interactive session (">>> a = ones(3)" then its output) is the
        author's text: its ``>>>`` prompts are not a third quote level when the
        paragraph holds unmarked output lines and no other quote level."""
        prompt = self.pats.prompt
        for run in self._paragraphs():
            prompts = [i for i in run if prompt.match(self.stripped[i])]
            if not prompts:
                continue
            others = [i for i in run if self.quote[i] and i not in prompts]
            output = [i for i in run if not self.quote[i]]
            if output and not others:
                for index in prompts:
                    self.quote[index] = False

    def _quote_elisions(self) -> None:
        """ "[...]" or "[snip]" next to a quoted line marks a cut in the quote."""
        quoted = [i for i in range(self.n) if self.quote[i]]
        if not quoted:
            return
        for index, text in enumerate(self.stripped):
            if not text or self.quote[index] or not self.pats.elision.match(text):
                continue
            above = next((i for i in range(index - 1, -1, -1) if self.stripped[i]), None)
            below = next((i for i in range(index + 1, self.n) if self.stripped[i]), None)
            if (above is not None and self.quote[above]) or (
                below is not None and self.quote[below]
            ):
                self.quote[index] = True

    def _short(self, index: int, strict: bool = True) -> bool:
        """A line that can be part of a signature: a name, a title, an address.

        ``strict`` also refuses what reads like a sentence: "I'll call you
        tomorrow.", "Also, the meeting moved to 3pm".
        """
        text = self.stripped[index]
        if len(text) > self.pats.short_chars or text.endswith("?"):
            return False
        if self._contact(index):
            return True  # "Office: +1 510 555 0142 | Mobile: +1 510 555 0199"
        words = text.split()
        if len(words) > self.pats.short_words:
            return False
        if not strict:
            return True
        if len(words) >= 3 and text[-1] in ".!:" and len(words[-1]) > 5:
            return False
        if len(words) <= 4:
            return True
        alpha = [w for w in words if w[0].isalpha()]
        lower = sum(1 for w in alpha if w[0].islower())
        return lower * 2 <= len(alpha)

    def _contact(self, index: int) -> bool:
        text = self.stripped[index]
        return len(text) <= self.pats.short_chars and self.pats.contact.match(text) is not None

    def _name_like(self, index: int) -> bool:
        words = self.stripped[index].rstrip(",").split()
        if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in self.stripped[index]):
            return False
        particles = self.pats.name_particles
        return (
            all(w[0].isupper() or w.lower() in particles for w in words) and words[0][0].isalpha()
        )

    # ---------------------------------------------------------------- history

    def mark_history(self) -> None:
        i = 0
        while i < self.n:
            if not self.stripped[i]:
                i += 1
                continue
            if self.quote[i]:
                end = self._quote_block_end(i)
                self._mark(i, end, _QUOTED)
                if self._quote_head_above(i):
                    self.role[i - 1] = _QUOTED
                else:
                    self._mark_attribution_above(i)
                i = end
                continue
            span = self._header_at(i)
            if span is None:
                header_end = self._inline_header(i)
                if header_end is None:
                    i += 1
                    continue
                start = i + 1  # the line itself stays the author's, up to the cut
            else:
                start, header_end = self._rules_above(span[0]), span[1]
            following = self._next_nonblank(header_end + 1)
            if following is not None and self.quote[following]:
                # "On … wrote:" then a ">" quote: the author may answer below it.
                self._mark(start, header_end + 1, _QUOTED)
                i = following
                continue
            self._mark(start, self.n, _QUOTED)
            return

    def mark_armor(self) -> None:
        """PGP armour around the author's text is not prose: a footer to nobody."""
        pats = self.pats
        index = 0
        while index < self.n:
            text = self.stripped[index]
            if self.role[index] == _OWN and pats.armor_signed.match(text):
                end = index
                while end < self.n and self.stripped[end]:
                    end += 1
                self._mark(index, end, _FOOTER)
                index = end
            elif self.role[index] == _OWN and pats.armor_start.match(text):
                end = next(
                    (i for i in range(index + 1, self.n) if pats.armor_end.match(self.stripped[i])),
                    None,
                )
                if end is None:
                    index += 1
                    continue
                self._mark(index, end + 1, _FOOTER)
                index = end + 1
            else:
                index += 1

    def _mark(self, start: int, end: int, role: int) -> None:
        for index in range(start, end):
            self.role[index] = role

    def _next_nonblank(self, start: int) -> int | None:
        for index in range(start, self.n):
            if self.stripped[index]:
                return index
        return None

    def _quote_block_end(self, start: int) -> int:
        """One past the last line of the ``>`` block starting at ``start``."""
        last = start
        index = start + 1
        while index < self.n:
            text = self.stripped[index]
            if self.quote[index]:
                last = index
            elif text:
                squeezed = self.quote[index - 1] and index + 1 < self.n and self.quote[index + 1]
                if not (
                    squeezed
                    and len(text) < _MAX_HEADER_CHARS
                    and (self.pats.continuation.match(text) or self._orphan(index))
                ):
                    break
                last = index
            index += 1
        return last + 1

    def _quote_head_above(self, start: int) -> bool:
        """The first line of a quoted paragraph that lost its ``>`` when re-wrapped.

        "Since the renewal is done a month in advance, you have plenty of" then
        "> time. My apache restarts each day": an unmarked line opening a
        paragraph, glued to the quote, stopping mid-sentence, which the first
        quoted line continues in lower case.
        """
        if start < 1 or self.quote[start - 1] or self.role[start - 1] != _OWN:
            return False
        head = self.stripped[start - 1]
        if not head or len(head) < self.pats.wrapped_min_chars or head[-1] in ".!?:;,)":
            return False
        if start >= 2 and self.stripped[start - 2]:
            return False  # not a paragraph's first line
        rest = self.stripped[start].lstrip("> \t")
        return bool(rest) and rest[0].islower()

    def _orphan(self, index: int) -> bool:
        """A short unmarked line cut off a long quoted line above it by re-wrapping."""
        above = self.stripped[index - 1]
        return (
            len(self.stripped[index]) <= self.pats.orphan_max_chars
            and len(above) >= self.pats.wrapped_min_chars
            and above[-1] not in ".!?:;"
        )

    def _rules_above(self, start: int) -> int:
        """Rule lines (``____``, ``-----``) just above a history start join it."""
        found = start
        index = start - 1
        while index >= 0 and self.role[index] == _OWN and not self.quote[index]:
            text = self.stripped[index]
            if text and not (len(text) < 200 and self.pats.rule.match(text)):
                break
            if text:
                found = index
            index -= 1
        return found

    def _mark_attribution_above(self, quote_start: int) -> None:
        """The lines just above a ``>`` block that introduce it are history too."""
        index = quote_start - 1
        while index >= 0 and not self.stripped[index] and quote_start - index <= 3:
            index -= 1
        if index < 0 or self.role[index] != _OWN or not self.stripped[index] or index in self.cuts:
            return
        parts: list[str] = []
        for start in range(index, max(-1, index - self.pats.attribution_lines), -1):
            text = self.stripped[start]
            if not text or self.role[start] != _OWN or self.quote[start]:
                return
            parts.insert(0, text)
            joined = " ".join(parts)
            if len(joined) > _MAX_HEADER_CHARS:
                return
            if self.pats.above_quote.match(joined) or self.pats.attribution.match(joined):
                self._mark(self._rules_above(start), index + 1, _QUOTED)
                return

    # ----------------------------------------------------------------- result

    def result(self) -> ReplySplit:
        own = [i for i in range(self.n) if self.role[i] in (_OWN, _CLOSING)]
        quoted = [i for i in range(self.n) if self.role[i] in (_QUOTED, _FOOTER)]
        signature = [i for i in range(self.n) if self.role[i] == _SIGNATURE]
        cuts = {i: col for i, col in self.cuts.items() if self.role[i] == _OWN}
        history = [
            self.lines[i] if i not in cuts else self.lines[i][cuts[i] :].strip(" -")
            for i in range(self.n)
            if self.role[i] in (_QUOTED, _FOOTER) or i in cuts
        ]
        return ReplySplit(
            own_lines=own,
            quoted="\n".join(history).strip("\n"),
            signature="\n".join(self.lines[i] for i in signature).strip("\n"),
            quoted_lines=quoted,
            signature_lines=signature,
            own_line_ends=cuts,
            closing_lines=[i for i in range(self.n) if self.role[i] == _CLOSING],
        )


def split_reply(text: str) -> ReplySplit:
    """Split ``text`` (newline-normalised) into own, quoted and signature lines.

    ``own_lines`` are indices into ``text.split("\\n")``; blank lines between
    the author's paragraphs are kept in it.
    """
    splitter = _Splitter(text)
    splitter.mark_history()
    splitter.mark_armor()
    splitter.mark_leading_disclaimer()
    splitter.mark_footers()
    splitter.mark_signatures()
    return splitter.result()


def without_headers(text: str) -> str:
    """``text`` (quoted history) without its reply headers: what the quoted messages said.

    A forward of a message that held only its headers ("-----Original
    Message----- From: … Subject: DWR Report") passes nothing on; this tells
    it from one that carries text. Each line is tried once as a header start.
    """
    splitter = _Splitter(text)
    kept: list[int] = []
    index = 0
    while index < splitter.n:
        span = splitter._header_at(index) if splitter.stripped[index] else None
        if span is None:
            kept.append(index)
            index += 1
            continue
        while kept and kept[-1] >= span[0]:
            kept.pop()  # a Lotus Notes header starts above the line it was found by
        index = span[1] + 1
    return "\n".join(splitter.lines[i] for i in kept)
