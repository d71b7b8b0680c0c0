"""Choose the language of a draft among the installed packs, deterministically.

For texts long enough for character n-grams to be reliable, a landslide of
one pack's function words decides at once; otherwise langdetect (seeded,
with only the profiles of installed packs loaded) decides. Very short texts
("ok merci", "Thanks, will do") are decided by each pack's list of common
function words (``function_words.txt``), then by accented letters, then by
langdetect, then by the first installed pack.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from msglint.lang import SOURCE_LANGUAGE, available_languages, get_pack

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SHORT_TEXT_WORDS = 12
_SAMPLE_CHARS = 2000


@cache
def _factory():  # type: ignore[no-untyped-def]
    """A langdetect factory holding only the profiles of installed packs."""
    import langdetect
    from langdetect.detector_factory import DetectorFactory

    profiles_dir = Path(langdetect.__file__).resolve().parent / "profiles"
    profiles = []
    for code in available_languages():
        profile = profiles_dir / code
        if profile.is_file():
            profiles.append(profile.read_text(encoding="utf-8"))
    factory = DetectorFactory()
    factory.load_json_profile(profiles)
    factory.seed = 0
    return factory


def _langdetect(text: str) -> tuple[str | None, float]:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = _factory().create()
        detector.append(text[:_SAMPLE_CHARS])
        best = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not best:
        return None, 0.0
    return best[0].lang, best[0].prob


def _function_word_votes(words: list[str]) -> dict[str, int]:
    votes: dict[str, int] = {}
    for code in available_languages():
        vocabulary = get_pack(code).words("function_words")
        votes[code] = sum(1 for word in words if word in vocabulary)
    return votes


def detect_language(text: str) -> str:
    """The code of the installed language ``text`` is most likely written in."""
    languages = available_languages()
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    votes = _function_word_votes(words)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], languages.index(item[0])))
    if len(words) >= _SHORT_TEXT_WORDS:
        # A landslide of function words settles it without loading n-gram profiles.
        if len(ranked) > 1 and ranked[0][1] >= 6 and ranked[0][1] >= 4 * ranked[1][1]:
            return ranked[0][0]
        lang, prob = _langdetect(text)
        if lang in languages and prob >= 0.8:
            return lang
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    sample = set(text[:_SAMPLE_CHARS].lower())
    for code in languages:
        # Letters only this language uses among the packs ([detect] letters in pack.toml).
        letters = get_pack(code).settings.get("detect", {}).get("letters", "")
        if letters and not sample.isdisjoint(letters):
            return code
    lang, _ = _langdetect(text)
    if lang in languages:
        return lang
    return SOURCE_LANGUAGE if SOURCE_LANGUAGE in languages else languages[0]


def confident_language(text: str) -> str | None:
    """The language of ``text`` when it holds enough evidence to tell, else None.

    Enough is a text of ``_SHORT_TEXT_WORDS`` words or more, or a shorter one
    whose function words clearly favour one pack ("Thanks, will do" but not
    "Budget 2024" nor an empty body).
    """
    languages = available_languages()
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if len(words) >= _SHORT_TEXT_WORDS:
        return detect_language(text)
    votes = sorted(_function_word_votes(words).items(), key=lambda item: -item[1])
    if votes and votes[0][1] >= 2 and (len(votes) == 1 or votes[0][1] >= 2 * votes[1][1]):
        return votes[0][0] if votes[0][0] in languages else None
    return None
