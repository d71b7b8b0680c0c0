"""Small text helpers shared by the analysis and the rules."""

from __future__ import annotations

import re

# A word: letters or digits, with inner apostrophes and hyphens, so that
# "l'envoyer", "aujourd'hui", "e-mail" and "17h30" each count once.
WORD = re.compile(r"[^\W_](?:[\w]|['’\-](?=\w))*")


def count_words(text: str) -> int:
    """Words in ``text`` as a reader would count them, in English and French alike."""
    return sum(1 for _ in WORD.finditer(text))


# Characters that act on a terminal or a line-based reader instead of showing:
# C0 and C1 controls (ESC starts a terminal escape sequence), DEL, line and
# paragraph separators, and the bidi overrides that reorder what is shown.
# The tab is kept: it moves the cursor, nothing more.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with control characters and line breaks written as escapes (``\\x1b``, ``\\n``).

    For everything echoed to a terminal or a line-based format (the text
    report, GitHub annotations, error lines): a message or a file name
    cannot clear the screen or forge an extra line. JSON and SARIF keep
    the exact text.
    """
    return _UNSAFE.sub(_escape, text)
