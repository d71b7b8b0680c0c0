"""Load the French pipeline without compiling its tokenizer regexes twice.

Why French loads slowly (measured on spaCy 3.8, fr_core_news_sm 3.8.0):
importing ``spacy.lang.fr`` compiles ``TOKEN_MATCH``, a case-insensitive
alternation of 266 patterns whose character classes spell out every letter
of ALPHA/ALPHA_LOWER (1.45 million characters of pattern): Python's ``re``
spends 2-3 s folding the case of each class. Then ``spacy.load`` reads the
same pattern, and the prefix/suffix/infix ones, back from the model's
tokenizer file and compiles them all again. Together that is about 3.5 s of
the 5 s load.

This module builds ``spacy.lang.fr.tokenizer_exceptions`` itself: it runs the
module's own code up to the final compile, then compiles an equivalent
pattern in which each spelled-out letter class is ``[^\\W\\d_]`` (Unicode
letters), which compiles in 0.1 s. The pipeline is then loaded without its
serialised tokenizer, which spaCy rebuilds from these same language defaults
(the model's tokenizer was built from them). The test suite checks that
tokenisation is identical to the stock load on French text.

Everything is checked first (spaCy version, the module's source shape, that
no spelled-out class is left); on any surprise the stock path is used.
Nothing is cached on disk, so nothing can go stale across upgrades.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from pathlib import Path

_MODULE = "spacy.lang.fr.tokenizer_exceptions"
_PUNCTUATION = "spacy.lang.fr.punctuation"
_MARKER = "TOKEN_MATCH = re.compile("
_LETTER = r"[^\W\d_]"


def _source_path(name: str) -> Path | None:
    spec = importlib.util.find_spec("spacy.lang")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), *name.split(".")[2:]).with_suffix(
        ".py"
    )


def _exec_module(name: str, source: str, path: Path) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__package__ = name.rsplit(".", 1)[0]
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), module.__dict__)
    return module


def install() -> bool:
    """Provide a fast ``spacy.lang.fr.tokenizer_exceptions``; True when it is in place."""
    if _MODULE in sys.modules or "spacy.lang.fr" in sys.modules:
        return getattr(sys.modules.get(_MODULE), "MSGLINT_FAST", False)
    try:
        import spacy
        import spacy.lang.char_classes as classes

        if not spacy.__version__.startswith("3.8."):
            return False
        punctuation_path = _source_path(_PUNCTUATION)
        exceptions_path = _source_path(_MODULE)
        if punctuation_path is None or exceptions_path is None:
            return False
        source = exceptions_path.read_text(encoding="utf-8")
        head, marker, tail = source.partition(_MARKER)
        if not marker or _MARKER in tail or "_regular_exp" not in tail:
            return False
        punctuation = _exec_module(
            _PUNCTUATION, punctuation_path.read_text(encoding="utf-8"), punctuation_path
        )
        sys.modules[_PUNCTUATION] = punctuation
        module = _exec_module(_MODULE, head, exceptions_path)
        hyphens, elision = punctuation.HYPHENS, punctuation.ELISION
        patterns = []
        for pattern in module._regular_exp:
            pattern = pattern.replace(
                f"[{hyphens}{classes.ALPHA_LOWER}{elision}]", f"(?:{_LETTER}|[{hyphens}{elision}])"
            )
            pattern = pattern.replace(f"[{classes.ALPHA_LOWER}]", _LETTER)
            pattern = pattern.replace(f"[{classes.ALPHA}]", _LETTER)
            if classes.ALPHA_LOWER in pattern or classes.ALPHA in pattern:
                raise ValueError("unexpected letter class")
            patterns.append(pattern)
        module.TOKEN_MATCH = re.compile("(?iu)" + "|".join(f"(?:{p})" for p in patterns)).match
        module.MSGLINT_FAST = True
        sys.modules[_MODULE] = module
        return True
    except Exception:  # any surprise: leave spaCy's own import path untouched
        sys.modules.pop(_MODULE, None)
        sys.modules.pop(_PUNCTUATION, None)
        return False
