"""HTML to plain text for e-mail HTML parts and .html documents.

Block elements become line breaks, list items become "- " lines, quoted
blocks become "> " lines (so the reply splitter sees them as history), and
script, style and head content is dropped. Entities are decoded; nothing in
the HTML is ever executed or fetched.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "ul",
    "ol",
    "pre",
    "hr",
    "address",
    "figure",
    "form",
    "fieldset",
    "dl",
    "dt",
    "dd",
    "center",
}
_SKIP = {"script", "style", "head", "title", "template", "noscript", "svg", "object"}


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []  # finished lines
        self.parts: list[str] = []  # the line being written, in pieces (no quadratic +=)
        self.has_text = False  # the line being written holds more than spaces
        self.empty = True  # the line being written is ""
        self.skip_depth = 0
        self.quote_depth = 0
        self.list_stack: list[list[int | str]] = []
        self.pre = 0

    def _finish_line(self) -> None:
        self.lines.append("".join(self.parts))
        self.parts, self.has_text, self.empty = [], False, True

    def _newline(self, blank: bool = False) -> None:
        if self.has_text:
            self._finish_line()
        if blank and self.lines and self.lines[-1].strip():
            self._finish_line()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "br":
            self._finish_line()
        elif tag == "blockquote":
            self._newline(blank=True)
            self.quote_depth += 1
        elif tag in ("ul", "ol"):
            self._newline()
            self.list_stack.append([tag, 0])
        elif tag == "li":
            self._newline()
            marker = "- "
            if self.list_stack and self.list_stack[-1][0] == "ol":
                self.list_stack[-1][1] = int(self.list_stack[-1][1]) + 1
                marker = f"{self.list_stack[-1][1]}. "
            self._write(marker)
        elif tag == "pre":
            self._newline(blank=True)
            self.pre += 1
        elif tag in _BLOCK:
            self._newline(blank=tag in ("p", "h1", "h2", "h3", "table"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "blockquote":
            self._newline()
            self.quote_depth = max(0, self.quote_depth - 1)
        elif tag in ("ul", "ol"):
            if self.list_stack:
                self.list_stack.pop()
            self._newline(blank=True)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self._newline(blank=True)
        elif tag in _BLOCK or tag == "li":
            self._newline(blank=tag in ("p", "h1", "h2", "h3", "table"))

    def _write(self, text: str) -> None:
        if self.empty and self.quote_depth:
            self.parts = ["> " * self.quote_depth]
            self.has_text = True
        self.parts.append(text)
        self.empty = self.empty and not text
        self.has_text = self.has_text or bool(text.strip())

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.pre:
            chunks = data.split("\n")
            for index, chunk in enumerate(chunks):
                if index:
                    self._finish_line()
                self._write(chunk)
            return
        text = _SPACES.sub(" ", data)
        if not self.has_text:
            text = text.lstrip()
        if text:
            self._write(text)


_SPACES = re.compile(r"\s+")
# A "<" that opens markup the text never closes. The standard parser looks
# for the end of each such construct to the end of the text, once per "<":
# quadratic for thousands of unclosed "<!--". Written as "&lt;", it is read
# as the text it would have become anyway.
_OPENER = re.compile(r"<(?=[!?/a-zA-Z])")


def _escape_unclosed(html: str) -> str:
    last_close = html.rfind(">")
    last_comment_end = html.rfind("-->")

    def opener(match: re.Match[str]) -> str:
        at = match.start()
        comment = html.startswith("<!--", at)
        closed = last_comment_end >= at + 4 if comment else last_close > at
        return "<" if closed else "&lt;"

    return _OPENER.sub(opener, html)


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment or page."""
    builder = _TextBuilder()
    try:
        builder.feed(_escape_unclosed(html))
        builder.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    lines = [line.rstrip() for line in [*builder.lines, "".join(builder.parts)]]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
