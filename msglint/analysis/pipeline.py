"""Load each language's spaCy pipeline once, and parse bodies with their layout.

The rules read sentences, parts of speech, morphology and dependencies, but
never named entities, so the ``ner`` component is not loaded. Sentence starts
implied by the layout (paragraphs, list items, hard breaks) are set before the
parser runs; the parser respects them.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

import numpy

from msglint.errors import MsglintError
from msglint.lang import get_pack

# spaCy's tokenizer strips prefixes and suffixes one character at a time, rescanning
# the rest each time: a 8,000-character run of '*' or emoji takes 8 s (quadratic).
# No word or URL worth analysing is this long, so such a run becomes one token.
_LONG_RUN = re.compile(r"\S{101,}")
# A typographic apostrophe inside a word ("I’d", "don’t", « l’équipe »): the small
# pipelines were trained on straight ones and parse "I’d like you to…" as a
# preposition. The model reads the straight form (same length, so every offset
# holds); the doc keeps the writer's characters.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[’ʼ](?=[^\W\d_])")
_ORIGINAL = "msglint_original_text"

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Lookups
    from spacy.tokens import Doc

UNUSED_COMPONENTS = ["ner"]


def model_name(lang: str) -> str:
    """The first installed spaCy package named by the language pack."""
    pack = get_pack(lang)
    for name in pack.models:
        if importlib.util.find_spec(name) is not None:
            return name
    raise MsglintError(
        f"lang={lang}",
        f"no spaCy pipeline installed (tried {', '.join(pack.models)}); "
        f"reinstall msglint to bring them",
    )


@cache
def load_pipeline(lang: str) -> Language:
    """The shared pipeline of a language, loaded on first use."""
    import spacy

    name = model_name(lang)
    exclude = list(UNUSED_COMPONENTS)
    settings = get_pack(lang).settings["spacy"]
    loader = settings.get("loader")
    # The language defaults rebuild the same tokenizer, so reading the serialised
    # one back only compiles its regexes twice: French needs a loader to make its
    # defaults cheap; the 3.8 English pipelines save the defaults' own tokenizer
    # (0.12 s of a cold start). Tokenisation is identical, tested.
    if (loader and importlib.import_module(loader).install()) or (
        settings.get("tokenizer_from_defaults") and spacy.__version__.startswith("3.8.")
    ):
        exclude.append("tokenizer")
    try:
        nlp = spacy.load(name, exclude=exclude)
    except (OSError, ImportError, ValueError) as exc:
        raise MsglintError(f"lang={lang}", f"cannot load spaCy pipeline {name}: {exc}") from None
    _extend_tokenizer(nlp, get_pack(lang).settings.get("tokenizer", {}))
    return nlp


def lemma_lookups(nlp: Language) -> Lookups | None:
    """The lemmatizer tables a loaded pipeline holds in memory, if it has any.

    The ask detector reads verb forms in them (``analysis.asks.verbs``); they
    are handed to it from here rather than read again from disk.
    """
    try:
        lemmatizer = nlp.get_pipe("lemmatizer")
    except KeyError:
        return None
    lookups = getattr(lemmatizer, "lookups", None)
    return lookups if lookups is not None and lookups.tables else None


def _extend_tokenizer(nlp: Language, settings: dict) -> None:  # type: ignore[type-arg]
    """Apply a pack's tokenizer fixes (extra suffixes) to the loaded pipeline."""
    suffixes = settings.get("extra_suffixes", [])
    if suffixes:
        from spacy.util import compile_suffix_regex

        rules = list(nlp.Defaults.suffixes or []) + list(suffixes)
        nlp.tokenizer.suffix_search = compile_suffix_regex(rules).search


def _tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc`` in linear time, of the text with straight apostrophes.

    Over-long runs are kept whole, unsplit. When apostrophes were straightened,
    the writer's text is kept in ``user_data`` for ``restore_text``.
    """
    model_text = _APOSTROPHE.sub("'", text)
    doc = _tokenize_plain(nlp, model_text)
    if model_text != text:
        doc.user_data[_ORIGINAL] = text
    return doc


def _tokenize_plain(nlp: Language, text: str) -> Doc:
    if not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    # Same length, same whitespace: the masked text tokenises in linear time and
    # its token offsets cut the original text into the same places.
    masked = _LONG_RUN.sub(lambda run: "x" * len(run.group()), text)
    shape = nlp.make_doc(masked)
    words = [text[token.idx : token.idx + len(token)] for token in shape]
    return Doc(nlp.vocab, words=words, spaces=[bool(token.whitespace_) for token in shape])


def _prepare(nlp: Language, text: str, starts: list[int]) -> Doc:
    """A tokenised doc whose sentence boundaries are fixed before parsing.

    Sentences start exactly at ``starts`` (layout and punctuation): the small
    pipelines' parsers otherwise cut "Peux-tu…" or « (onglet « Prestations ») »
    mid-sentence. The parser respects preset boundaries both ways.
    """
    doc = _tokenize(nlp, text)
    if not len(doc):
        return doc
    from spacy.attrs import SENT_START

    # Set every boundary in one array write: assigning token.is_sent_start one
    # token at a time re-checks the whole doc each time (quadratic).
    wanted = set(starts)
    values = numpy.empty((len(doc), 1), dtype="int64")
    first = True
    for index, token in enumerate(doc):
        if token.is_space:
            values[index, 0] = 1 if first else -1
            continue
        values[index, 0] = 1 if first or token.idx in wanted else -1
        first = False
    doc.from_array([SENT_START], values.astype("uint64"))
    return doc


def restore_text(doc: Doc) -> Doc:
    """A parsed doc with the writer's characters back, when ``_tokenize`` changed any.

    The tokens, tags, lemmas, morphology and dependencies are the model's; only
    the words' characters (same lengths) come from the original text.
    """
    original = doc.user_data.pop(_ORIGINAL, None)
    if original is None:
        return doc
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    words = [original[token.idx : token.idx + len(token)] for token in doc]
    restored = Doc(doc.vocab, words=words, spaces=[bool(token.whitespace_) for token in doc])
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    restored.from_array(attrs, doc.to_array(attrs))
    restored.user_data.update(doc.user_data)
    return restored


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 256) -> Iterator[Doc]:
    """Parse plain texts as msglint does (apostrophes, long runs), sentences by the parser."""
    docs = (_tokenize(nlp, text) for text in texts)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield restore_text(doc)


def parse_many(
    lang: str, items: Iterable[tuple[str, list[int]]], batch_size: int = 32
) -> Iterator[Doc]:
    """Parse ``(text, forced sentence starts)`` pairs with ``nlp.pipe``, in order."""
    nlp = load_pipeline(lang)
    docs = (_prepare(nlp, text, starts) for text, starts in items)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield restore_text(doc)
