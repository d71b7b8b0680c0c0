"""The fast pipeline loads tokenise exactly like spaCy's stock loads (French and English)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from msglint.analysis.pipeline import load_pipeline

TRICKY = (
    "peut-être faux-vampire entr'abat saut-de-ski États-Unis new-york hip-hop aujourd'hui "
    "Google-isé arc-en-ciel Pont-l'Évêque Saint-Étienne anti-âge rendez-vous Zig-zag prud'homme "
    "ch'tiis grand-mère grands-parents porte-à-porte va-et-vient c'est-à-dire peux-tu "
    "Pourrais-tu dites-le-moi envoie-moi a-t-il l'e-mail d'ici jusqu'au 17h30 https://ex.fr/a-b"
)

# spaCy's stock load of a language's pipeline, in a fresh process (argv[1]: the code).
STOCK = r"""
import json, sys, spacy
from msglint.analysis.pipeline import _extend_tokenizer, model_name
from msglint.lang import get_pack
lang = sys.argv[1]
nlp = spacy.load(model_name(lang), exclude=["ner"])
_extend_tokenizer(nlp, get_pack(lang).settings.get("tokenizer", {}))
texts = json.load(sys.stdin)
json.dump([[t.text for t in nlp.tokenizer(x)] for x in texts], sys.stdout)
"""


def _assert_stock_tokens(lang: str, texts: list[str], min_tokens: int) -> None:
    """msglint's load of ``lang`` splits ``texts`` exactly like the stock load."""
    nlp = load_pipeline(lang)
    ours = [[t.text for t in nlp.tokenizer(x)] for x in texts]
    stock = subprocess.run(
        [sys.executable, "-c", STOCK, lang],
        input=json.dumps(texts).encode(),
        capture_output=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    theirs = json.loads(stock.stdout)
    assert sum(map(len, ours)) > min_tokens
    for mine, reference, text in zip(ours, theirs, texts):
        assert mine == reference, text[:80]


def _french_texts() -> list[str]:
    texts = [TRICKY]
    for path in sorted((ROOT / "fixtures" / "corpus" / "good" / "fr").iterdir()):
        texts.append(path.read_text(encoding="utf-8"))
    texts.extend(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "rules").glob("*.toml"))
    )
    return texts


def test_fast_load_tokenises_like_the_stock_load() -> None:
    load_pipeline("fr")
    assert getattr(sys.modules["spacy.lang.fr.tokenizer_exceptions"], "MSGLINT_FAST", False)
    _assert_stock_tokens("fr", _french_texts(), 20_000)


def test_source_shape_is_checked(tmp_path: Path) -> None:
    from msglint.analysis import french_tokenizer

    # Already installed in this process: install() reports it and changes nothing.
    assert french_tokenizer.install() is True


TRICKY_EN = (
    "Can't won't shouldn't y'all o'clock e.g. i.e. U.S. Mr. Dr. 5pm 17:30 9-5 re-run "
    "follow-up e-mail https://example.com/a-b?x=1 anna@example.com $1,000.50 3.5% :) 1st "
    "'quoted' \"double\" (brackets) [refs] don't-know-how well-known 10am–2pm CET ..."
)


def test_english_load_without_the_saved_tokenizer_tokenises_the_same() -> None:
    texts = [TRICKY_EN]
    for path in sorted((ROOT / "fixtures" / "corpus" / "good" / "en").iterdir()):
        texts.append(path.read_text(encoding="utf-8"))
    texts.extend(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").iterdir()))
    _assert_stock_tokens("en", texts, 10_000)
