"""Small text helpers shared by the analysis and the rules."""

from __future__ import annotations

import re

# A word: letters or digits, with inner apostrophes and hyphens, so that
# "l'envoyer", "aujourd'hui", "e-mail" and "17h30" each count once.
WORD = re.compile(r"[^\W_](?:[\w]|['’\-](?=\w))*")


def count_words(text: str) -> int:
    """Words in ``text`` as a reader would count them, in English and French alike."""
    return sum(1 for _ in WORD.finditer(text))
