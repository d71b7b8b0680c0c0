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
   on the first line of the author's text.

Every pattern lives in ``msglint/lang/reply_patterns.toml`` (compiled by
``reply_patterns.py``): a new mail
client's header or a new language's sign-off is a line of data, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from msglint.inputs.reply_patterns import patterns

#: What a line is; a list footer or webmail ad goes with the quoted text (nobody's own).
_OWN, _QUOTED, _SIGNATURE, _FOOTER = 0, 1, 2, 3

#: Lines longer than this are prose, never a header, a sign-off or a signature line.
_MAX_HEADER_CHARS = 600
#: Quoted-printable residue at a line's end ("-----Original Message-----=20", a soft
#: break "="), tolerated when matching (the text itself is kept as written).
_QP_TAIL = re.compile(r"(?<=[^=\s])(?:=20|=09)+=?$|(?<=[^=\s])=$")
#: How many of a block's last lines are searched for a signature start.
_SIGNATURE_WINDOW = 40


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


class _Splitter:
    """The state of one split: the lines, what each one is, and the patterns."""

    def __init__(self, text: str) -> None:
        self.pats = patterns()
        self.lines = text.split("\n")
        self.stripped = [_tolerant(line.strip()) for line in self.lines]
        self.n = len(self.lines)
        self.quote = [self._is_quote(s) for s in self.stripped]
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
                or self.pats.quote_pattern.match(stripped[:8]) is not None
            )
            and not (len(stripped) < _MAX_HEADER_CHARS and self.pats.not_quoted.match(stripped))
        )

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

    def _header_at(self, index: int) -> tuple[int, int] | None:
        """The first and last lines of a reply header found at ``index``, if one is.

        The first line may be above ``index``: a Lotus Notes header names its
        sender and date above the To:/cc:/Subject: fields it is found by.
        """
        text = self.stripped[index]
        if len(text) > _MAX_HEADER_CHARS:
            return None
        if self.pats.history.match(text):
            return index, index
        if index + 1 < self.n and self.pats.wrapped.match(text):
            following = self.stripped[index + 1]
            if (
                following
                and len(following) <= self.pats.wrapped_max_chars
                and self.pats.history.match(f"{text} {following}")
            ):
                return index, index + 1  # "----- Forwarded by … on" / "06/01/2001 10:02 AM -----"
        end = self._attribution_end(index)
        if end is not None:
            # A sentence is not the first line of a wrapped header: in "On average,
            # it works.\nOn 3 May 2024, Anna <a@b.c> wrote:" it is the second line.
            if end > index and text[-1] in ".!?":
                for later in range(index + 1, end + 1):
                    if self.stripped[later] and self._attribution_end(later) == end:
                        return None
            return index, end
        return self._field_block(index)

    def _inline_header(self, index: int) -> int | None:
        """A one-line attribution or separator glued to the end of the author's line ``index``."""
        line = self.lines[index]
        glued = self.pats.glued.search(line)
        if glued is not None:
            # "…thanks.-------- Original message --------From: …" (HTML flattened to
            # text): the line may be too long for a header, the separator is not.
            self.cuts[index] = len(line[: glued.start()].rstrip())
            return index
        finder = self.pats.inline_start
        text = self.stripped[index]
        if finder is None or len(text) > _MAX_HEADER_CHARS:
            return None
        if not self._ends_attribution(text):
            return None
        for match in finder.finditer(text):
            tail = text[match.end() :]
            mine = text[: match.start()].rstrip(" -")
            if mine and self.pats.attribution.match(tail):
                line = self.lines[index]
                offset = len(line) - len(line.lstrip())
                self.cuts[index] = offset + len(mine)
                return index
        return None

    def _attribution_end(self, index: int) -> int | None:
        """The last line of an attribution ("On … wrote:") starting at ``index``."""
        if not self.pats.first_line.match(self.stripped[index]):
            return None
        parts: list[str] = []
        line = index
        limit = min(self.n, index + self.pats.attribution_lines + 2)
        while line < limit and len(parts) < self.pats.attribution_lines:
            text = self.stripped[line]
            if not text:
                # A wrapped header holds a blank line only before "<addr>" (Polymail).
                if (
                    not parts
                    or parts[-1][-1] in ".!?;:"
                    or line + 1 >= self.n
                    or not self.pats.after_blank.match(self.stripped[line + 1])
                ):
                    return None
                line += 1
                continue
            parts.append(text)
            joined = " ".join(parts)
            if len(joined) > _MAX_HEADER_CHARS:
                return None
            if self._ends_attribution(text):
                if self.pats.attribution.match(joined):
                    return line
                # A header's wrapped lines do not end like a header: stop here.
                return None
            line += 1
        return None

    def _ends_attribution(self, text: str) -> bool:
        """Cheap test: ``text`` ends with a colon, a dash or an attribution verb."""
        tail = text[-64:]
        end = len(tail)
        while end and not (tail[end - 1].isalnum() or tail[end - 1] == "_"):
            end -= 1
        if ":" in tail[end:] or "-" in tail[end:]:
            return True
        core = " ".join(tail[:end].lower().split())
        for verb in self.pats.verbs:
            if core.endswith(verb) and (
                len(core) == len(verb) or not core[-len(verb) - 1].isalnum()
            ):
                return True
        return False

    def _field_type(self, index: int) -> str | None:
        if index not in self._field_types:
            self._field_types[index] = self._find_field_type(index)
        return self._field_types[index]

    def _find_field_type(self, index: int) -> str | None:
        text = self.stripped[index]
        if not text or len(text) > _MAX_HEADER_CHARS:
            return None
        match = self.pats.field_line.match(text)
        if not match:
            return None
        return next(name for name in self.pats.field_groups if match.group(name))

    def _field_block(self, index: int) -> tuple[int, int] | None:
        """The span of an Outlook- or Notes-style header block whose fields start at ``index``."""
        kind = self._field_type(index)
        if kind is None:
            return None
        kinds = {kind}
        has_address = "@" in self.stripped[index]
        last_field = index
        wrapped = blanks = 0
        line = index + 1
        limit = index + self.pats.field_window
        while line < self.n and line < limit:
            text = self.stripped[line]
            if not text:
                blanks += 1
                if blanks > 3:
                    break
            elif (other := self._field_type(line)) is not None:
                kinds.add(other)
                has_address = has_address or "@" in text
                last_field = line
                wrapped = blanks = 0
            elif not blanks and "@" in text and limit < index + 4 * self.pats.field_window:
                limit += 1  # a list of addresses wrapped over many lines (Lotus Notes)
            elif wrapped or blanks:
                break
            else:
                wrapped = 1
            line += 1
        if len(kinds) < self.pats.min_fields:
            return None
        # A mail header names its sender with a "Sent:", a subject or an address,
        # or dates it with an address; "From: Paris\nTo: London\nDate: 3 May" is a trip.
        if ("from" in kinds and ({"sent", "subject"} & kinds or has_address)) or (
            {"sent", "date"} & kinds and has_address
        ):
            return index, last_field
        if "to" in kinds and "from" not in kinds:
            start = self._notes_sender_above(index)
            if start is not None:
                return start, last_field
        return None

    def _notes_sender_above(self, index: int) -> int | None:
        """Where a Lotus Notes header starts above its To: line, if it has a sender/date line.

        "Karen Lindsey" / "04/12/2001 09:15 AM", "\"Anna\" <a@b.c> on 03/26/2001
        10:20 AM" / "Please respond to …": lines of the header, blank lines
        between them allowed.
        """
        pats = self.pats
        top: int | None = None
        bare_date = False
        line = index - 1
        while line >= 0 and index - line <= pats.notes_above:
            text = self.stripped[line]
            if self.role[line] != _OWN or self.quote[line]:
                break
            if text:
                if len(text) > _MAX_HEADER_CHARS:
                    break
                is_date = pats.notes_date.match(text) is not None
                if not (is_date or pats.notes_sender.match(text)):
                    break
                top, bare_date = line, is_date
            line -= 1
        if top is None:
            return None
        above = top - 1
        if bare_date and above >= 0 and self.role[above] == _OWN and not self.quote[above]:
            # the sender's name, right above the date: "Karen Lindsey", "Wade Smith@EES"
            name = self.stripped[above]
            words = name.split()
            if (
                name
                and len(name) <= self.pats.short_chars
                and len(words) <= self.pats.short_words
                and name[-1] not in ".!?:;,"
            ):
                return above
        return top

    # ----------------------------------------------------------------- footer

    def mark_footers(self) -> None:
        """A mailing-list footer or a webmail ad at the end of the author's last block."""
        blocks = self._own_blocks()
        if not blocks:
            return
        block = blocks[-1]
        first = 1 if len(blocks) == 1 else 0  # a footer is never all of a message
        tail = block[max(first, len(block) - self.pats.footer_max) :]
        for position, index in enumerate(tail):
            text = self.stripped[index]
            if len(text) >= _MAX_HEADER_CHARS:
                continue
            above = tail[position - 1] if position else None
            ruled = above is not None and bool(
                self.pats.rule.match(self.stripped[above])
                or self.pats.delimiter.match(self.stripped[above])
            )
            if self.pats.footer_start.match(text) or (
                ruled and self.pats.footer_after_rule.match(text)
            ):
                start = above if ruled and above is not None else index
                for line in range(start, block[-1] + 1):
                    if self.role[line] == _OWN:
                        self.role[line] = _FOOTER
                return

    def _own_blocks(self) -> list[list[int]]:
        """The author's non-blank lines, in blocks split by the quoted history between them."""
        own = [i for i in range(self.n) if self.role[i] == _OWN and self.stripped[i]]
        if not own:
            return []
        blocks: list[list[int]] = [[own[0]]]
        for previous, index in pairwise(own):
            if any(self.role[k] == _QUOTED for k in range(previous + 1, index)):
                blocks.append([index])
            else:
                blocks[-1].append(index)
        return blocks

    # -------------------------------------------------------------- signature

    def mark_signatures(self) -> None:
        blocks = self._own_blocks()
        if not blocks:
            return
        # A footer after the author's text keeps a "-Name" line from being the last one.
        first_line = blocks[0][0]
        last_line = max(
            i for i in range(blocks[-1][-1], self.n) if self.stripped[i] and self.role[i] != _QUOTED
        )
        chosen = [blocks[0]] if len(blocks) == 1 else [blocks[0], blocks[-1]]
        for block in chosen:
            self._block_signature(block, first_line, last_line)

    def _kind(self, index: int) -> str | None:
        text = self.stripped[index]
        pats = self.pats
        if len(text) > pats.short_chars * 3:
            # Only a disclaimer's opening sentence is that long (anchored patterns).
            return "disclaimer" if pats.disclaimer.match(text[:400]) else None
        if pats.delimiter.match(text):
            return "delimiter"
        if pats.short_delimiter.match(text):
            return "short_delimiter"
        if pats.weak_delimiter.match(text):
            return "weak_delimiter"
        if pats.mobile.match(text):
            return "mobile"
        if pats.disclaimer.match(text):
            return "disclaimer"
        signoff = pats.signoff.match(text)
        if (signoff and signoff.group("named")) or pats.signoff_line.match(text):
            return "signoff_named"
        if signoff:
            return "signoff"
        if pats.dash_name.match(text):
            return "dash_name"
        return None

    def _block_signature(self, block: list[int], first_line: int, last_line: int) -> None:
        window = block[-_SIGNATURE_WINDOW:]
        # A name-and-contact block in short paragraphs may start above a later
        # sign-off, "-Name" or mobile line: the earlier start wins.
        paragraphs = self._contact_paragraphs(window, first_line)
        for position, index in enumerate(window):
            if index == first_line:
                continue
            if paragraphs is not None and index >= paragraphs:
                break
            kind = self._kind(index)
            if kind is None:
                continue
            after = window[position + 1 :]
            if self._accept(kind, index, after, window[:position], last_line):
                self._mark_signature(index, block[-1])
                return
        if paragraphs is not None:
            self._mark_signature(self._signoff_above(window, paragraphs), block[-1])
            return
        # A trailing contact block with no sign-off: "Anna Smith / +33 6 … / www…"
        tail = [window[-1]]
        for index in reversed(window[:-1]):
            if index != tail[0] - 1:
                break
            tail.insert(0, index)
        if tail[0] != first_line and len(tail) >= 2 and self._contact_block(tail, True):
            self._mark_signature(tail[0], block[-1])

    def _signoff_above(self, window: list[int], start: int) -> int:
        """A short "Bonne journée / Paul" paragraph right above a signature starts it."""
        above = [i for i in window if i < start]
        paragraph: list[int] = []
        for index in reversed(above):
            if paragraph and index != paragraph[0] - 1:
                break
            paragraph.insert(0, index)
        if (
            paragraph
            and len(paragraph) <= 3
            and paragraph[0] != window[0]
            and self._kind(paragraph[0]) in ("signoff", "signoff_named")
            and all(self._short(i) for i in paragraph)
        ):
            return paragraph[0]
        return start

    def _contact_paragraphs(self, window: list[int], first_line: int) -> int | None:
        """A signature in a few short paragraphs: "Anne Egelston / Director" then
        "Evolution Markets / 65 Broadway, 5th Floor / New York, NY 10006" then
        "(212) 430-6475". It starts a paragraph with a name and holds a contact line.
        """
        paragraphs: list[list[int]] = []
        for index in reversed(window):
            if paragraphs and index == paragraphs[0][0] - 1:
                paragraphs[0].insert(0, index)
            else:
                paragraphs.insert(0, [index])
        found: int | None = None
        lines: list[int] = []
        has_contact = False
        for paragraph in reversed(paragraphs):
            lines = paragraph + lines
            if len(lines) > self.pats.max_contact_lines or paragraph[0] == first_line:
                break
            if not all(self._short(i) for i in paragraph):
                break
            has_contact = has_contact or any(self._contact(i) for i in paragraph)
            name = self.stripped[paragraph[0]]
            if (
                has_contact
                and len(lines) >= 2
                and self._name_like(paragraph[0])
                and len(name.split()) >= 2  # "Anne Egelston", not "SNIP:" or "Danny"
                and not name.endswith(":")
            ):
                found = paragraph[0]
        return found

    def _accept(
        self, kind: str, index: int, after: list[int], before: list[int], last_line: int
    ) -> bool:
        if kind in ("delimiter", "disclaimer"):
            return len(after) <= self.pats.max_after_delimiter
        if kind == "mobile":
            return True
        if kind == "weak_delimiter":
            return self._contact_block(after, False)
        if kind == "dash_name":
            if before:
                previous = self.stripped[before[-1]]
                if self.pats.list_item.match(previous):
                    return False
            return all(self._kind(i) == "mobile" for i in after) and (
                index == last_line or bool(after)
            )
        # A sign-off or a "---": a few short lines after it, up to a delimiter.
        if kind == "signoff" and not after:
            return False  # a lone "Thanks!" at the end is the author's text
        for count, line in enumerate(after, start=1):
            if self._kind(line) in ("delimiter", "mobile", "weak_delimiter", "disclaimer"):
                return True
            if not self._short(line) or count > self.pats.max_after_signoff:
                return False
        return True

    def _contact_block(self, block: list[int], need_name: bool) -> bool:
        if not block or len(block) > self.pats.max_contact_lines:
            return False
        if need_name and not self._name_like(block[0]):
            return False
        if not all(self._short(i, strict=need_name) for i in block):
            return False
        return any(self._contact(i) for i in block)

    def _mark_signature(self, start: int, end: int) -> None:
        """Lines ``start..end`` are the signature; after a mobile line, the previous message."""
        role = _SIGNATURE
        for index in range(start, end + 1):
            if self.role[index] != _OWN:
                continue
            self.role[index] = role
            if role == _SIGNATURE and self.stripped[index] and self._kind(index) == "mobile":
                role = _QUOTED

    # ----------------------------------------------------------------- result

    def result(self) -> ReplySplit:
        own = [i for i in range(self.n) if self.role[i] == _OWN]
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
        )


def split_reply(text: str) -> ReplySplit:
    """Split ``text`` (newline-normalised) into own, quoted and signature lines.

    ``own_lines`` are indices into ``text.split("\\n")``; blank lines between
    the author's paragraphs are kept in it.
    """
    splitter = _Splitter(text)
    splitter.mark_history()
    splitter.mark_footers()
    splitter.mark_signatures()
    return splitter.result()
