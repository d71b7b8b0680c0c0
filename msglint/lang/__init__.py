"""Language packs: everything that differs between English and French, as data.

A pack is a folder ``msglint/lang/<code>/`` holding ``pack.toml`` (the spaCy
pipelines to try, readability formula), lexicons (``*.txt``, ``*.tsv``),
finding messages (``messages.toml``) and translated rule documentation
(``docs/``). Adding a language is adding a folder.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from msglint.config_io import load_toml
from msglint.errors import MsglintError
from msglint.lang.lexicon import Hit, Lexicon, read_entries, read_pairs
from msglint.languages import LANG_DIR, SOURCE_LANGUAGE, available_languages

__all__ = ["LANG_DIR", "SOURCE_LANGUAGE", "available_languages"]  # and the pack API below


@cache
def subject_prefix_pattern(kinds: tuple[str, ...] = ("reply", "forward")) -> re.Pattern[str]:
    """Stacked "Re:", "Fwd:", "TR:" prefixes of a subject, from every pack's ``[subject]``.

    Every pack's prefixes count whatever the message's language: a French
    thread carries "RE:" and "AW:" as often as « TR : ». Group 1 is the prefix
    with its colon and the spaces after it; "Re[2]:" counts.
    """
    words: set[str] = set()
    for code in available_languages():
        table = get_pack(code).settings.get("subject", {})
        for kind in kinds:
            words.update(word.lower() for word in table.get(f"{kind}_prefixes", []))
    ordered = sorted(words, key=lambda word: (-len(word), word))
    alternatives = "|".join(re.escape(word) for word in ordered) or "(?!)"
    return re.compile(rf"^\s*((?:{alternatives})\s*(?:\[\d+\])?\s*:\s*)", re.IGNORECASE)


class LanguagePack:
    """Lexicons, messages and settings of one language, loaded on first use."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.folder = LANG_DIR / code
        if not (self.folder / "pack.toml").is_file():
            raise MsglintError(code, f"no language pack (have: {', '.join(available_languages())})")
        self.settings: dict[str, Any] = load_toml(self.folder / "pack.toml")
        self._lexicons: dict[str, Lexicon] = {}
        self._messages: dict[str, dict[str, str]] | None = None
        self._replacements: dict[str, dict[str, str]] = {}

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Pickled by code: a worker process uses its own shared pack."""
        return get_pack, (self.code,)

    @property
    def models(self) -> list[str]:
        """spaCy pipeline packages to try, in order of preference."""
        return list(self.settings["spacy"]["models"])

    def lexicon(self, name: str) -> Lexicon:
        """The lexicon ``<name>.txt`` of this pack."""
        if name not in self._lexicons:
            path = self.folder / f"{name}.txt"
            self._lexicons[name] = Lexicon(read_entries(path), str(path))
        return self._lexicons[name]

    def find(self, name: str, text: str) -> list[Hit]:
        """Hits of lexicon ``name`` in ``text``, minus those inside its exceptions.

        ``<name>_exceptions.txt``, when the pack has one, lists phrases in
        which an entry means something else: "in case of emergency" for
        ``urgency_words``, "what kind of" for ``fillers``.
        """
        hits = list(self.lexicon(name).finditer(text))
        return self._outside_exceptions(name, text, hits)

    def _outside_exceptions(self, name: str, text: str, hits: list[Hit]) -> list[Hit]:
        """``hits`` minus those starting inside a phrase of ``<name>_exceptions.txt``."""
        if not hits or not (self.folder / f"{name}_exceptions.txt").is_file():
            return hits
        from msglint.intervals import Intervals

        spans = Intervals(
            (h.start, h.end) for h in self.lexicon(f"{name}_exceptions").finditer(text)
        )
        return [h for h in hits if h.start not in spans]

    def words(self, name: str) -> frozenset[str]:
        """A lexicon as a set of lower-case single words (for token lookups)."""
        return frozenset(entry.lower() for entry in self.lexicon(name).entries)

    def pairs(self, name: str) -> list[tuple[str, str]]:
        """The ``<name>.tsv`` phrase → replacement table of this pack."""
        return read_pairs(self.folder / f"{name}.tsv")

    def phrase_replacements(self, name: str, text: str) -> list[tuple[Hit, str]]:
        """Hits of the ``<name>.tsv`` phrases in ``text``, each with its replacement."""
        key = f"pairs:{name}"
        if key not in self._lexicons:
            pairs = self.pairs(name)
            self._replacements[name] = {phrase.lower(): repl for phrase, repl in pairs}
            self._lexicons[key] = Lexicon([p for p, _ in pairs], str(self.folder / f"{name}.tsv"))
        table = self._replacements[name]
        hits = self._outside_exceptions(name, text, list(self._lexicons[key].finditer(text)))
        return [(hit, table[hit.entry.lower()]) for hit in hits]

    def data(self, name: str) -> dict[str, Any]:
        """A structured data file ``<name>.toml`` of this pack."""
        return load_toml(self.folder / f"{name}.toml")

    def messages(self) -> dict[str, dict[str, str]]:
        """Finding messages by rule code, then message id."""
        if self._messages is None:
            self._messages = load_toml(self.folder / "messages.toml")
        return self._messages

    def message(self, code: str, message_id: str, **args: Any) -> str:
        """A finding's message in this language, with its arguments filled in."""
        template = self.messages().get(code, {}).get(message_id)
        if template is None:
            return f"{code}:{message_id}"
        # Quoted phrases may span a line break in the draft: show them on one line.
        args = {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in args.items()}
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):
            return template

    def ui(self, key: str, **args: Any) -> str:
        """A label of the reports' interface in this language."""
        return self.message("_ui", key, **args)

    def weekday_name(self, weekday: int) -> str:
        """The name of a weekday (0 = Monday) in this language."""
        return str(self.messages()["_words"]["weekdays"][weekday])

    def doc_path(self, code: str) -> Path:
        return self.folder / "docs" / f"{code}.md"


@cache
def get_pack(code: str) -> LanguagePack:
    """The shared pack of a language (packs are read-only once loaded)."""
    return LanguagePack(code)
