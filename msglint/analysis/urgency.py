"""Urgency markers: words that say "urgent", shouting capitals, stacked "!".

Words come from each pack's ``urgency_words.txt``, except inside phrases of
``urgency_words_exceptions.txt`` ("emergency contact", « en cas d'urgence »); a marker in capitals
("URGENT") is kind ``caps``; two or more exclamation marks in a row are kind
``punctuation``. Found in the subject and the body alike.
"""

from __future__ import annotations

import re

from msglint.analysis.model import UrgencyMarker
from msglint.lang import LanguagePack

_BANGS = re.compile(r"!{2,}|(?:!\s*){3,}")


def find_urgency(text: str, pack: LanguagePack, field: str = "body") -> list[UrgencyMarker]:
    """Every urgency marker in ``text``, sorted by position."""
    markers: list[UrgencyMarker] = []
    for hit in pack.find("urgency_words", text):
        letters = [c for c in hit.text if c.isalpha()]
        shouted = len(letters) >= 3 and all(c.isupper() for c in letters)
        markers.append(
            UrgencyMarker(hit.text, hit.start, hit.end, "caps" if shouted else "word", field)
        )
    for match in _BANGS.finditer(text):
        markers.append(
            UrgencyMarker(match.group().strip(), match.start(), match.end(), "punctuation", field)
        )
    markers.sort(key=lambda m: m.start)
    return markers
