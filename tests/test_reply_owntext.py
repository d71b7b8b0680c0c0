"""The own-text annotations of real e-mail and the splitter's token F1 against them.

``fixtures/real/owntext/annotations.jsonl`` numbers lines of the decoded body
(``bench/owntext_body.py``); ``bench/eval_owntext.py`` compares msglint's own text
with them. These tests keep the annotations valid and the figures from falling back.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import eval_owntext  # noqa: E402
from bench.owntext_body import annotated_body, body_digest  # noqa: E402

REAL = REPO / "fixtures" / "real"


def _manifest() -> dict[str, dict]:
    rows = [json.loads(x) for x in (REAL / "manifest.jsonl").read_text().splitlines()]
    return {row["id"]: row for row in rows}


def test_every_annotation_names_a_message_and_lines_inside_its_body() -> None:
    manifest = _manifest()
    notes = [json.loads(x) for x in eval_owntext.ANNOTATIONS.read_text().splitlines()]
    ids = [n["id"] for n in notes]
    assert len(ids) == len(set(ids))
    assert [manifest[i]["path"] for i in ids] == sorted(manifest[i]["path"] for i in ids)
    for note in notes:
        body = annotated_body((REAL / manifest[note["id"]]["path"]).read_bytes())
        assert body_digest(body) == note["body_sha1"], note["id"]
        count = len(body.split("\n"))
        for part in filter(None, note["own_lines"].split(",")):
            first, _, last = part.partition("-")
            assert 1 <= int(first) <= int(last or first) <= count, (note["id"], part)


def test_bag_of_tokens_f1_ignores_rules_and_counts_repeats() -> None:
    case = eval_owntext.Case("x", "enron", "en", "dev", "ok ok\n----\nthanks", "ok thanks ___")
    assert case.counts == (2, 2, 3)
    assert round(case.f1, 3) == 0.8
    assert eval_owntext.Case("x", "enron", "en", "dev", "", "").f1 == 1.0


@pytest.fixture(scope="module")
def figures() -> dict:
    return eval_owntext.table(eval_owntext.load_cases())


@pytest.mark.parametrize("group", ["corporate", "lists", "fr-written", "fr-written2"])
def test_own_text_token_f1_on_real_mail_stays_high(figures: dict, group: str) -> None:
    for part in ("tune", "untouched"):
        assert figures[group][part]["micro_f1"] >= 0.95, (group, part, figures[group][part])
        assert figures[group][part]["macro_f1"] >= 0.95, (group, part, figures[group][part])
