"""The pipeline's own lemmatizer tables, used to tell a verb form from a noun.

Only the detectors that second-guess the tagger need them (``misread_verbs``,
``shaped_imperatives``): the French small pipeline tags most imperatives as
nouns. The pipeline hands its tables in (``pipeline.lemma_lookups``): they
are the ones it already holds in memory, and reading them again from disk
would cost a second load (about 0.3 s in French).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.lookups import Lookups


class VerbTables:
    """A form is a verb form when the table of irregular forms knows it, or when
    a suffix rule turns it into a known verb lemma."""

    def __init__(self, lookups: Lookups) -> None:
        def table(name: str) -> dict:  # type: ignore[type-arg]
            return lookups.get_table(name) if lookups.has_table(name) else {}

        self._exc: dict[str, list[str]] = dict(table("lemma_exc").get("verb", {}))
        self._index: frozenset[str] = frozenset(table("lemma_index").get("verb", []))
        self._rules: list[tuple[str, str]] = [
            (old, new) for old, new in table("lemma_rules").get("verb", [])
        ]
        # The endings the suffix rules give lemmas ("er", "ir", "re" in French).
        self._infinitive_endings = sorted({new for _, new in self._rules if new})
        self._lookup = (
            lookups.get_table("lemma_lookup") if lookups.has_table("lemma_lookup") else {}
        )

    def is_verb_form(self, form: str) -> bool:
        form = form.lower()
        if form in self._exc:
            return True
        for old, new in self._rules:
            if form.endswith(old) and form[: len(form) - len(old)] + new in self._index:
                return True
        return form in self._index

    def lemmas(self, form: str) -> list[str]:
        """The verb lemmas a form may have: irregular forms, then suffix rules."""
        form = form.lower()
        found = list(self._exc.get(form, []))
        for old, new in self._rules:
            if form.endswith(old):
                lemma = form[: len(form) - len(old)] + new
                if lemma in self._index and lemma not in found:
                    found.append(lemma)
        # A form the suffix rules leave alone because it is also a noun
        # (« invite », « demande »): the verb whose infinitive ending it begins.
        for ending in self._infinitive_endings:
            lemma = form[:-1] + ending
            if form.endswith(ending[0]) and lemma in self._index and lemma not in found:
                found.append(lemma)
        return found

    def irregular(self, form: str) -> bool:
        """True when ``form`` is in the table of irregular verb forms ("fais", "mets")."""
        return form.lower() in self._exc

    def usual_lemma_is_verb(self, form: str) -> bool:
        """True when the most frequent reading of ``form`` is a verb."""
        lemma = self._lookup.get(form.lower())
        if isinstance(lemma, list):
            lemma = lemma[0] if lemma else None
        if not isinstance(lemma, str):
            return False
        return lemma in self._index or (lemma != form.lower() and self.is_verb_form(lemma))


_TABLES: dict[int, tuple[Lookups, VerbTables]] = {}


def verb_tables(lookups: Lookups | None) -> VerbTables | None:
    """The verb tables of a lemmatizer's lookups, built once per lookups object."""
    if lookups is None or not lookups.tables:
        return None
    cached = _TABLES.get(id(lookups))
    if cached is None or cached[0] is not lookups:
        cached = _TABLES[id(lookups)] = (lookups, VerbTables(lookups))
    return cached[1]
