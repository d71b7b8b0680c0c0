"""Fixes: the ``[[fix]]`` fixture cases, ``check --fix/--diff`` on real files, fixes in reports.

Every case runs the real pipelines; files are real ``.eml`` and text drafts
written to a temporary folder and fixed by the real ``msglint`` program.
"""

from __future__ import annotations

import base64
import difflib
import json
import os
import quopri
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rule_cases import CASES_DIR, tomllib

import msglint
from msglint.fixes import FIXERS, _load

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-14T09:00:00+01:00"
SARIF_SCHEMAS = [ROOT.parent / "shared" / "schemas", Path("/work/shared/schemas")]


def _fix_cases() -> list[tuple[str, int, dict]]:  # type: ignore[type-arg]
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for index, case in enumerate(data.get("fix", []), start=1):
            cases.append((path.stem, index, case))
    return cases


CASES = _fix_cases()


def _source(case: dict) -> str | bytes:  # type: ignore[type-arg]
    return case["eml"].encode("utf-8") if "eml" in case else case["text"]


@pytest.mark.parametrize(
    ("code", "index", "case"), CASES, ids=[f"{c}-fix-{i}-{k['lang']}" for c, i, k in CASES]
)
def test_fix_case(code: str, index: int, case: dict) -> None:  # type: ignore[type-arg]
    """The rule offers a fix of the stated applicability; applied, it gives ``fixed``;
    the rule is then silent and a second fix changes nothing."""
    config = {"select": [code], **case.get("config", {})}
    source = _source(case)
    result = msglint.check(source, lang=case["lang"], now=NOW, config=config)
    fixes = [f.fix for f in result.findings if f.code == code and f.fix is not None]
    assert fixes, f"{code}: no fix offered"
    assert fixes[0].applicability == case["applicability"]
    unsafe = case["applicability"] == "unsafe"
    fixed = msglint.fix(source, lang=case["lang"], now=NOW, config=config, unsafe=unsafe)
    text = fixed.decode("utf-8") if isinstance(fixed, bytes) else fixed
    assert text == case["fixed"]
    again = msglint.check(fixed, lang=case["lang"], now=NOW, config=config)
    assert not [f for f in again.findings if f.code == code]
    assert msglint.fix(fixed, lang=case["lang"], now=NOW, config=config, unsafe=unsafe) == fixed


def test_every_fixer_has_cases_in_both_languages() -> None:
    _load()
    covered = {(code, case["lang"]) for code, _, case in CASES}
    for code in FIXERS:
        for lang in ("en", "fr"):
            assert (code, lang) in covered, f"{code} has no [[fix]] case in {lang}"
    required = {"CN03", "CN04", "CN06", "SJ01", "SJ02", "SJ04", "TN01", "TN02"}
    required |= {"DL03", "DL04", "DL05", "ST03", "AK02"}
    assert required <= set(FIXERS)


def test_dl05_offers_both_corrections() -> None:
    draft = "Subject: Workshop date\n\nHi Sam,\n\nThe workshop is on Friday 11 February 2027."
    result = msglint.check(draft, lang="en", now=NOW, config={"select": ["DL05"]})
    fix = result.findings[0].fix
    assert fix is not None and not fix.safe
    assert fix.edits[0].content == "Thursday"
    assert [alt.edits[0].content for alt in fix.alternatives] == ["12"]
    assert "Friday 12 February 2027" in fix.alternatives[0].message


def test_dl03_has_no_fix_without_a_timezone_setting() -> None:
    draft = "Subject: Budget\n\nHi Anna,\n\nCould you send the budget by Friday at 5 pm? Thanks."
    distributed = {"rules": {"DL03": {"distributed": True}}}
    result = msglint.check(draft, lang="en", now=NOW, config=distributed)
    assert [f.fix for f in result.findings if f.code == "DL03"] == [None]
    with pytest.raises(msglint.ConfigError, match="timezone"):
        msglint.check(draft, config={"timezone": "Mars/Olympus"})


def _run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "msglint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
    )


def _changed_lines(before: str, after: str) -> set[int]:
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines())
    lines: set[int] = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            lines.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return lines


BAD = ["bad-en.eml", "bad-fr.eml", "bad-wall-fr.eml", "chat-en.txt", "chat-fr.txt"]


def test_check_fix_on_bad_drafts_in_both_languages(tmp_path: Path) -> None:
    """--fix leaves no safe-fixable finding, edits only the lines with fixes, and a
    second --fix is a no-op."""
    for name in BAD:
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    before = {n: (tmp_path / n).read_bytes() for n in BAD}
    fix_lines: dict[str, set[int]] = {}
    for name in BAD:
        result = msglint.check(tmp_path / name, now=NOW)
        fix_lines[name] = {
            line
            for f in result.findings
            if f.fix is not None and f.fix.safe
            for e in f.fix.edits
            for line in range(e.line, e.end_line + 1)
        }
    proc = _run("check", "--fix", "--now", NOW, *BAD, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert b"fixed" in proc.stderr
    after = {n: (tmp_path / n).read_bytes() for n in BAD}
    assert any(before[n] != after[n] for n in BAD)
    for name in BAD:
        result = msglint.check(tmp_path / name, now=NOW)
        assert result.fixable == 0, (name, [f.code for f in result.findings if f.fix])
        changed = _changed_lines(before[name].decode(), after[name].decode())
        assert changed <= fix_lines[name], (name, changed, fix_lines[name])
    again = _run("check", "--fix", "--now", NOW, *BAD, cwd=tmp_path)
    assert b"fixed 0 finding(s) in 0 file(s)" in again.stderr
    assert {n: (tmp_path / n).read_bytes() for n in BAD} == after


def test_diff_writes_nothing_and_stdin_fix_prints_the_message(tmp_path: Path) -> None:
    shutil.copy(ROOT / "examples" / "bad-fr.eml", tmp_path / "bad-fr.eml")
    before = (tmp_path / "bad-fr.eml").read_bytes()
    proc = _run("check", "--diff", "bad-fr.eml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith(b"--- a/bad-fr.eml\n+++ b/bad-fr.eml\n")
    assert b"+URGENT" not in proc.stdout or b"-URGENT" in proc.stdout
    assert (tmp_path / "bad-fr.eml").read_bytes() == before
    draft = (
        b"Subject: Budget for Q3\n\n"
        b"In order to close, could you send it by Friday 5 pm CET? Thanks!!\n"
    )
    proc = _run("check", "--fix", "-", "--lang", "en", cwd=tmp_path, stdin=draft)
    assert (
        proc.stdout
        == b"Subject: Budget for Q3\n\nTo close, could you send it by Friday 5 pm CET? Thanks!\n"
    )
    assert b"score" in proc.stderr
    proc = _run("check", "--unsafe-fixes", "-", cwd=tmp_path, stdin=draft)
    assert proc.returncode == 2 and b"--fix or --diff" in proc.stderr


_HEAD = (
    "From: Julien <j@example.fr>\r\nTo: Claire <c@example.fr>\r\n"
    "Subject: =?utf-8?q?Signature_du_contrat_Dupont_=C3=A0_faire?=\r\n"
    "Date: Mon, 14 Dec 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
)
_BODY = (
    "Bonjour Claire,\r\n\r\nDans le but de finaliser le contrat, pouvez-vous signer la page 4 "
    "avant jeudi 17 h (heure de Paris) ? C'est important pour l'équipe et pour le client qui "
    "attend depuis longtemps déjà. Merci !!!\r\n\r\nJulien\r\n"
)
_FIXED = _BODY.replace("Dans le but de", "Pour").replace("!!!", "!")


def _emails() -> dict[str, bytes]:
    qp = quopri.encodestring(_BODY.replace("\r\n", "\n").encode()).replace(b"\n", b"\r\n")
    b64 = base64.encodebytes(_BODY.encode()).replace(b"\n", b"\r\n")
    plain = "Content-Type: text/plain; charset=utf-8\r\n"
    return {
        "qp.eml": (_HEAD + plain + "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode()
        + qp,
        "b64.eml": (
            _HEAD + 'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n' + plain
        ).encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + b64
        + b"--B\r\nContent-Type: application/pdf\r\n"
        + b'Content-Disposition: attachment; filename="c.pdf"'
        + b"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--B--\r\n",
        "latin.eml": (
            _HEAD + "Content-Type: text/plain; charset=iso-8859-1\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
        ).encode()
        + _BODY.encode("latin-1"),
        "html.eml": (
            _HEAD + "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Dans le but de finir, "
            "pouvez-vous signer avant jeudi 17 h (heure de Paris) ? Merci !!!</p>\r\n"
        ).encode(),
    }


def test_fix_keeps_email_headers_mime_and_encodings(tmp_path: Path) -> None:
    import email
    import email.policy

    files = _emails()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    proc = _run("check", "--fix", "--now", NOW, *files, cwd=tmp_path)
    assert b"html.eml: the text is an HTML part" in proc.stderr
    assert (tmp_path / "html.eml").read_bytes() == files["html.eml"]
    for name in ("qp.eml", "b64.eml", "latin.eml"):
        new = (tmp_path / name).read_bytes()
        head = files[name].split(b"\r\n\r\n")[0]
        assert new.startswith(head + b"\r\n\r\n"), name  # headers byte for byte
        assert b"\n" not in new.replace(b"\r\n", b"")  # line endings kept
        message = email.message_from_bytes(new, policy=email.policy.default)
        part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
        content = part.get_content().replace("\r\n", "\n")
        assert content == _FIXED.replace("\r\n", "\n"), name
        cte = part["Content-Transfer-Encoding"]
        assert cte == {"qp.eml": "quoted-printable", "b64.eml": "base64", "latin.eml": "8bit"}[name]
        if name == "b64.eml":
            assert new.endswith(files[name][files[name].index(b"--B\r\nContent-Type: app") :])
        assert msglint.fix(new, now=NOW) == new


def test_fixes_in_json_and_sarif_validate(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    examples = ROOT / "examples"
    proc = _run("check", str(examples), "--format", "json", "--fail-on", "never", cwd=tmp_path)
    document = json.loads(proc.stdout)
    schema = json.loads((ROOT / "msglint" / "report" / "report.schema.json").read_text())
    jsonschema.validate(document, schema)
    fixes = [f["fix"] for r in document["results"] for f in r["findings"] if f["fix"]]
    assert {fix["applicability"] for fix in fixes} == {"safe", "unsafe"}
    edit = fixes[0]["edits"][0]
    assert set(edit) == {
        "start",
        "end",
        "content",
        "field",
        "line",
        "column",
        "end_line",
        "end_column",
    }
    sarif_schema = next((p / "sarif-schema-2.1.0.json" for p in SARIF_SCHEMAS if p.is_dir()), None)
    if sarif_schema is None:
        pytest.skip("the SARIF schema (../shared/schemas) is not present")
    proc = _run("check", str(examples), "--format", "sarif", "--fail-on", "never", cwd=tmp_path)
    sarif = json.loads(proc.stdout)
    jsonschema.validate(sarif, json.loads(sarif_schema.read_text()))
    with_fixes = [r for r in sarif["runs"][0]["results"] if r.get("fixes")]
    assert with_fixes
    change = with_fixes[0]["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["deletedRegion"]["startLine"] >= 1


def test_text_report_says_how_many_are_fixable(tmp_path: Path) -> None:
    proc = _run("check", str(ROOT / "examples" / "bad-en.eml"), "--now", NOW, cwd=tmp_path)
    out = proc.stdout.decode()
    assert "    [*] fix: Delete “basically”" in out
    assert (
        "[*] 3 fixable with --fix (4 more with --unsafe-fixes)" in out
        or "fixable with --fix" in out
    )


def test_fixing_grows_linearly_with_the_draft() -> None:
    """Four times the draft costs about four times the time (ratio, not a timing)."""
    import time

    unit = (
        "PLEASE DO NOT FORGET the figures. Basically, in order to close, "
        "send it by 03/04/2027 at 5 pm!!! "
    )
    config = {"timezone": "Europe/Paris", "rules": {"DL03": {"distributed": True}}}
    linter = msglint.Linter(lang="en", now=NOW, config=config)
    linter.check("Subject: Warm-up\n\nHello.")

    def cost(n: int) -> float:
        draft = "Subject: QUICK QUESTION!!!\n\n" + unit * n
        started = time.process_time()
        fixed = linter.fix(draft)
        assert "!!!" not in fixed
        return time.process_time() - started

    small, large = cost(60), cost(240)
    assert large / small < 9, (small, large)
