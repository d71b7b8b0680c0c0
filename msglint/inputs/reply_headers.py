"""Reply headers: attributions, separators, Outlook and Lotus Notes field blocks.

A mixin of the reply splitter (``reply.py``): it reads the splitter's lines
(``stripped``, ``quote``) and patterns (``pats``) and says where a header is.
"""

from __future__ import annotations

from msglint.inputs.reply_patterns import Patterns
from msglint.inputs.reply_roles import (
    _MAX_HEADER_CHARS,
    _OWN,
)


class Headers:
    """Where a reply header starts and ends, from the lines around an index."""

    pats: Patterns
    lines: list[str]
    stripped: list[str]
    quote: list[bool]
    role: list[int]
    n: int
    _field_types: dict[int, str | None]

    def _header_at(self, index: int) -> tuple[int, int] | None:
        """The first and last lines of a reply header found at ``index``, if one is.

        The first line may be above ``index``: a Lotus Notes header names its
        sender and date above the To:/cc:/Subject: fields it is found by.
        """
        text = self.stripped[index]
        if len(text) > _MAX_HEADER_CHARS:
            return self._field_block(index)  # only a field ("To:" and forty names) is so long
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
        if not text:
            return None
        # A "To:" line naming forty recipients is long but still a field: the
        # label is at its start, so only the start is read.
        match = self.pats.field_line.match(text[:_MAX_HEADER_CHARS])
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
