"""Report formats: SARIF against the official schema, GitHub annotations, HTML in a real browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, need_program
from conftest import run_inprocess as run_cli

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
HOSTILE = (
    "Subject: <img src=x onerror=alert(1)> Budget\n\n"
    "Hi Sam,\n\n<script>document.title='pwned'</script> Could you send the budget ASAP?"
    ' <b>bold</b> & "quotes"\n'
)


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/schemas not present")
    proc = run_cli("check", str(EXAMPLES), "--format", "sarif", "--fail-on", "never")
    document = json.loads(proc.stdout)
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text()))
    run = document["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids)) >= 34
    assert run["results"], "bad examples must produce results"
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_github_annotations() -> None:
    proc = run_cli("check", str(EXAMPLES / "bad-en.eml"), "--format", "github")
    lines = proc.stdout.decode().splitlines()
    assert lines and all(
        re.match(r"::(error|warning|notice) file=.*,line=\d+,col=\d+", x) for x in lines
    )


class _Marks(HTMLParser):
    """Collects <mark> texts and every element name of a rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._mark: list[str] | None = None
        self._finding = ""
        self._in_sup = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        if tag == "mark":
            self._mark, self._finding = [], dict(attrs).get("data-finding", "")
        elif tag == "sup":
            self._in_sup = True
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._finding, "".join(self._mark)))
            self._mark = None
        elif tag == "sup":
            self._in_sup = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._mark is not None and not self._in_sup:
            self._mark.append(data)
        if self._in_title:
            self.title += data


def _chromium() -> str:
    return shutil.which("chromium-browser") or need_program("chromium")


def _dump_dom(html_path: Path, screenshot: Path | None = None) -> str:
    profile = tempfile.mkdtemp(prefix="msglint-chromium-")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    try:
        if screenshot is not None:
            subprocess.run(
                [
                    _chromium(),
                    *flags,
                    f"--screenshot={screenshot}",
                    "--window-size=1280,1400",
                    html_path.as_uri(),
                ],
                capture_output=True,
                timeout=120,
                check=False,
            )
        proc = subprocess.run(
            [_chromium(), *flags, "--dump-dom", html_path.as_uri()],
            capture_output=True,
            timeout=120,
            check=False,
        )
        return proc.stdout.decode("utf-8")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def test_html_report_renders_in_chromium_with_highlights_in_place(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    proc = run_cli("check", str(EXAMPLES / "bad-en.eml"), "--format", "html", "-o", str(report))
    assert proc.returncode == 1
    html = report.read_text()
    assert "http://" not in html and "https://" not in html, "the page must be self-contained"
    dom = _dump_dom(report)
    parser = _Marks()
    parser.feed(dom)
    findings = json.loads(run_cli("check", str(EXAMPLES / "bad-en.eml"), "--format", "json").stdout)
    result = findings["results"][0]
    body = json.loads(run_cli("inspect", str(EXAMPLES / "bad-en.eml"), "--format", "json").stdout)
    text = body["inputs"][0]["body"]
    spans = {
        str(n): (f["start"], f["end"])
        for n, f in enumerate(result["findings"], start=1)
        if f["field"] == "body"
    }
    assert parser.marks, "no highlight rendered"
    # Every highlighted piece is a slice of the draft lying inside each finding it belongs to.
    for numbers, piece in parser.marks:
        for number in numbers.split():
            start, end = spans[number]
            assert piece in text[start:end]
    for number, (start, end) in spans.items():
        joined = "".join(piece for numbers, piece in parser.marks if number in numbers.split())
        assert joined == text[start:end].replace("\r", "")


def test_html_report_keeps_a_hostile_draft_inert(tmp_path: Path) -> None:
    draft = tmp_path / "hostile.txt"
    draft.write_text(HOSTILE)
    report = tmp_path / "report.html"
    run_cli("check", str(draft), "--format", "html", "-o", str(report))
    dom = _dump_dom(report)
    parser = _Marks()
    parser.feed(dom)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert "pwned" not in parser.title
    assert "&lt;script&gt;" in dom


def test_html_index_for_many_files(tmp_path: Path) -> None:
    report = tmp_path / "index.html"
    run_cli("check", str(EXAMPLES), "--format", "html", "-o", str(report), "--fail-on", "never")
    dom = _dump_dom(report)
    assert 'class="index"' in dom
    scores = [
        float(x) for x in re.findall(r'<tr class="grade-[A-F][^"]*" data-score="([\d.]+)"', dom)
    ]
    assert scores == sorted(scores) and len(scores) >= 5
    # sortable and filterable with CSS alone: one radio per order, one checkbox per grade
    for key in ("score", "file", "findings", "subject", "deadline", "tone"):
        assert f'id="sort-{key}"' in dom and f"--{key}: " in dom
    for grade in "ABCDF":
        assert f'id="show-{grade}"' in dom
    assert "<script" not in dom
