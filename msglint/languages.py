"""Which language packs are installed, read from the folders alone.

Kept apart from :mod:`msglint.lang` so that the command line can offer the
``--lang`` choices without loading the lexicon machinery: a pre-send hook's
client pays for every import on every message.
"""

from __future__ import annotations

from pathlib import Path

#: The language the packs' documentation and messages are written in first.
SOURCE_LANGUAGE = "en"
LANG_DIR = Path(__file__).resolve().parent / "lang"


def available_languages() -> tuple[str, ...]:
    """Codes of every installed pack, sorted: the list of languages, from the folders."""
    return tuple(sorted(p.parent.name for p in LANG_DIR.glob("*/pack.toml")))
