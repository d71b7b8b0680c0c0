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
        self.lines: list[str] = [""]
        self.skip_depth = 0
        self.quote_depth = 0
        self.list_stack: list[list[int | str]] = []
        self.pre = 0

    def _newline(self, blank: bool = False) -> None:
        if self.lines[-1].strip():
            self.lines.append("")
        if blank and len(self.lines) >= 2 and self.lines[-2].strip():
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "br":
            self.lines.append("")
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
        if not self.lines[-1] and self.quote_depth:
            self.lines[-1] = "> " * self.quote_depth
        self.lines[-1] += text

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.pre:
            chunks = data.split("\n")
            for index, chunk in enumerate(chunks):
                if index:
                    self.lines.append("")
                self._write(chunk)
            return
        text = re.sub(r"\s+", " ", data)
        if not self.lines[-1].strip():
            text = text.lstrip()
        if text:
            self._write(text)


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment or page."""
    builder = _TextBuilder()
    try:
        builder.feed(html)
        builder.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    lines = [line.rstrip() for line in builder.lines]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
