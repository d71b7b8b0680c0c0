"""The real-message set (``fixtures/real/``) is what precision is measured on.

Its manifest is shared by several contributors and read by the evaluation
scripts, so it must stay exact: every file listed and present, ids unique,
the dev/test split given by the hash rule (never by hand), one JSON object a
line sorted by path (so parallel additions merge without conflicts), and
every e-mail a message Python's ``email`` package can read.
"""

from __future__ import annotations

import email
import hashlib
import json
from email import policy
from pathlib import Path

import pytest
from conftest import ROOT

REAL = ROOT / "fixtures" / "real"
MANIFEST = REAL / "manifest.jsonl"
KEYS = {"id", "path", "lang", "kind", "source", "url", "licence", "split"}
MESSAGE_SUFFIXES = {".eml", ".txt", ".md"}


def _rows() -> list[dict]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _expected_split(ident: str) -> str:
    return "test" if int(hashlib.sha1(ident.encode()).hexdigest(), 16) % 5 < 2 else "dev"


def test_manifest_lines_are_complete_objects_sorted_by_path() -> None:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    assert lines, "manifest is empty"
    rows = []
    for number, line in enumerate(lines, 1):
        assert line.strip(), f"blank line {number}"
        row = json.loads(line)
        assert isinstance(row, dict), f"line {number} is not an object"
        missing = KEYS - row.keys()
        assert not missing, f"line {number} ({row.get('id')}) lacks {sorted(missing)}"
        for key in ("id", "path", "lang", "kind", "source", "licence"):
            assert isinstance(row[key], str) and row[key], f"{row['id']}: empty {key}"
        rows.append(row)
    paths = [row["path"] for row in rows]
    assert paths == sorted(paths), "manifest lines are not sorted by path"


def test_ids_and_paths_are_unique() -> None:
    rows = _rows()
    ids = [row["id"] for row in rows]
    paths = [row["path"] for row in rows]
    assert len(set(ids)) == len(ids), sorted({i for i in ids if ids.count(i) > 1})
    assert len(set(paths)) == len(paths), sorted({p for p in paths if paths.count(p) > 1})


def test_every_listed_file_exists_and_every_file_is_listed() -> None:
    rows = _rows()
    listed = {row["path"] for row in rows}
    missing = sorted(p for p in listed if not (REAL / p).is_file())
    assert not missing, f"listed but absent: {missing[:10]}"
    on_disk = {
        path.relative_to(REAL).as_posix()
        for path in REAL.rglob("*")
        if path.is_file() and path.suffix in MESSAGE_SUFFIXES and path.parent != REAL
    }
    unlisted = sorted(on_disk - listed)
    assert not unlisted, f"present but not in the manifest: {unlisted[:10]}"


def test_split_follows_the_hash_rule() -> None:
    wrong = [row["id"] for row in _rows() if row["split"] != _expected_split(row["id"])]
    assert not wrong, f"split differs from the hash rule: {wrong[:10]}"


def test_language_kind_and_folder_agree() -> None:
    for row in _rows():
        parts = Path(row["path"]).parts
        assert parts[0] == row["lang"], f"{row['id']}: folder {parts[0]} but lang {row['lang']}"
        assert parts[1] == row["source"], f"{row['id']}: folder {parts[1]} vs {row['source']}"
        assert row["kind"] in {"email", "chat"}, f"{row['id']}: kind {row['kind']}"
        if row["kind"] == "email":
            assert row["path"].endswith(".eml"), f"{row['id']}: an e-mail must be .eml"


@pytest.mark.parametrize("row", [r for r in _rows() if r["kind"] == "email"], ids=lambda r: r["id"])
def test_email_parses_with_the_standard_library(row: dict) -> None:
    raw = (REAL / row["path"]).read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["From"], f"{row['id']}: no From header"
    assert message["Date"] is not None, f"{row['id']}: no Date header"
    assert "Subject" in message, f"{row['id']}: no Subject header"
    parts = [p for p in message.walk() if p.get_content_maintype() == "text"]
    assert parts, f"{row['id']}: no text part"
    text = "".join(str(p.get_content()) for p in parts)
    assert text.strip(), f"{row['id']}: empty text"


@pytest.mark.parametrize("row", [r for r in _rows() if r["kind"] != "email"], ids=lambda r: r["id"])
def test_other_messages_are_non_empty_utf8(row: dict) -> None:
    text = (REAL / row["path"]).read_text(encoding="utf-8")
    assert text.strip(), f"{row['id']}: empty"
