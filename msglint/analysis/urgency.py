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
# The pack lexicons read as signs that time presses, and the kind each gives.
_PRESSURE_LEXICONS = (
    ("time_pressure", "pressure"),
    ("event_bounds", "event"),
    ("ongoing_faults", "ongoing"),
    ("running_deadlines", "running"),
)


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


def find_pressure(text: str, pack: LanguagePack, field: str = "body") -> list[UrgencyMarker]:
    """Signs that time is short though no date is given, sorted by position.

    Kind ``pressure`` (the pack's ``time_pressure.txt``): "we still haven't
    received the report", « le délai court »: a deadline exists or has
    passed. Kind ``event`` (``event_bounds.txt``): "before we send it to
    print", an event the work must precede. Kind ``ongoing``
    (``ongoing_faults.txt``): "it is still leaking", « ça recommence », a
    fault that lasts until someone acts. Kind ``running``
    (``running_deadlines.txt``): "the deadline is approaching", « le délai
    court toujours », a deadline that exists and is not given (its phrases
    may also be ``pressure``). An ask with no date in such a
    message leaves the reader to guess (DL01, DL02). Past tenses are kept:
    an overdue item is told in the past.
    """
    markers = [
        UrgencyMarker(hit.text, hit.start, hit.end, kind, field)
        for name, kind in _PRESSURE_LEXICONS
        if (pack.folder / f"{name}.txt").is_file()
        for hit in pack.find(name, text)
    ]
    markers.sort(key=lambda m: m.start)
    return markers
