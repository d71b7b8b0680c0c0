"""The end of the author's text: mailing-list footers, webmail ads and signatures.

A mixin of the reply splitter (``reply.py``): it reads the splitter's lines and
patterns and marks footer and signature lines in ``role``.
"""

from __future__ import annotations

from itertools import pairwise

from msglint.inputs.reply_patterns import Patterns
from msglint.inputs.reply_roles import (
    _CLOSING,
    _FOOTER,
    _MAX_HEADER_CHARS,
    _OWN,
    _QUOTED,
    _SIGNATURE,
    _SIGNATURE_WINDOW,
)


class Endings:
    """Footers and signatures in the author's first and last blocks of text."""

    pats: Patterns
    lines: list[str]
    stripped: list[str]
    role: list[int]
    n: int

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

    def mark_leading_disclaimer(self) -> None:
        """A legal notice heading the message ("The information contained herein is
        based on sources we believe reliable…") is boilerplate, not the sender's
        words, when the sender's text follows it."""
        blocks = self._own_blocks()
        if not blocks or not self.pats.disclaimer.match(self.stripped[blocks[0][0]][:400]):
            return
        paragraph = [blocks[0][0]]
        for index in blocks[0][1:]:
            if index != paragraph[-1] + 1:
                break
            paragraph.append(index)
        if paragraph[-1] == blocks[-1][-1]:
            return  # nothing of the sender's follows: leave it
        for index in range(paragraph[0], paragraph[-1] + 1):
            self.role[index] = _FOOTER

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
        signed = self._contact_block(tail, True) or self._title_block(tail)
        if not signed and len(tail) >= 3 and self._kind(tail[0]) in ("signoff", "signoff_named"):
            signed = self._title_block(tail[1:])  # "merci / Virginie Dupont / Représentante…"
        if tail[0] != first_line and len(tail) >= 2 and signed:
            self._mark_signature(tail[0], block[-1])

    def _title_block(self, block: list[int]) -> bool:
        """A full name, then one to three lines of title, department or company and
        nothing else: "Hervé Collin / Directeur général des services"."""
        if not 2 <= len(block) <= 4 or not self._name_like(block[0]):
            return False
        if self._kind(block[0]) is not None:
            return False
        name = self.stripped[block[0]]
        if name.endswith(","):
            return False  # "Musicalement, / Josiane" is a sign-off, not a name and a title
        if len(name.split()) < 2 and (
            len(block) > 3 or any(len(self.stripped[i].split()) < 2 for i in block[1:])
        ):
            return False  # a first name alone heads one or two titles of two words or more
        for index in block[1:]:
            text = self.stripped[index]
            words = text.split()
            if not 1 <= len(words) <= 10 or text[-1] in ".!?:;," or not text[0].isupper():
                return False
            if self._kind(index) is not None or len(text) > self.pats.short_chars:
                return False
        return True

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

    def _after_signoff(self, start: int, end: int) -> int:
        """Where the signature starts once the author's sign-off is left to the author.

        "Thanks," and the name under it ("Thanks, Bob", "-Carl", a name heading a
        contact block) are words the sender wrote to the reader: own text. Only the
        lines after them (title, company, phone, address) are the signature.
        """
        closing = start
        index: int | None = start
        while index is not None and index <= end:
            kind = self._kind(index)
            if kind == "dash_name":
                closing = index + 1
            elif kind in ("signoff", "signoff_named"):
                closing = index + 1
                name = self._next_text(index + 1, end)
                if name is not None and self._signoff_name(name, end, kind == "signoff_named"):
                    closing = name + 1
            elif index == start and kind is None and self._name_like(index):
                closing = index + 1  # a name heading a contact block
            else:
                break
            index = self._next_text(closing, end)
            if index is None or self._kind(index) not in ("signoff", "signoff_named", "dash_name"):
                break  # "Thank you, Stefan! / Cheers, / -Tom" goes on; a title does not
        return closing

    def _next_text(self, start: int, end: int) -> int | None:
        return next((i for i in range(start, end + 1) if self.stripped[i]), None)

    def _signoff_name(self, index: int, end: int, named: bool = False) -> bool:
        """Who signs under a sign-off: "Chen Luo", "mike", "~Abdullah.", "T", and
        as the last line "Le service gestion locative". After a sign-off that
        already names someone ("Regards, Roman", a French closing formula) only a
        full name ("Xavier Renault") signs."""
        text = self.stripped[index]
        words = text.split()
        if self._kind(index) == "dash_name":
            return not named  # "Cheers, / -Tom"
        if not words or self._contact(index) or self._kind(index) is not None:
            return False
        if any(ch.isdigit() or ch in "@:/" for ch in text):
            return False
        if named:
            return self._name_like(index) and 2 <= len(words) <= 4
        if len(words) <= 4 and (self._name_like(index) or len(words) == 1):
            return True
        # A signer that is a service, last or above contact lines only:
        # "Le service gestion locative", "Le support informatique / Poste 4400".
        rest = [i for i in range(index + 1, end + 1) if self.stripped[i]]
        last = all(self._contact(i) for i in rest)
        return last and len(words) <= 6 and text[-1] not in ".!?:;"

    def _mark_signature(self, start: int, end: int) -> None:
        """Lines ``start..end`` are the signature; after a mobile line, the previous message."""
        closing = self._after_signoff(start, end)
        for index in range(start, closing):
            if self.role[index] == _OWN:
                self.role[index] = _CLOSING
        start = closing
        role = _SIGNATURE
        for index in range(start, end + 1):
            if self.role[index] != _OWN:
                continue
            self.role[index] = role
            if role == _SIGNATURE and self.stripped[index] and self._kind(index) == "mobile":
                role = _QUOTED
