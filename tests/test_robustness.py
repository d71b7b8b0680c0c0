"""Never crash, never leak, never lose: msglint on hostile and broken inputs.

Every bad input must end the run with exit 0, 1 or 2 within a bound, with one
clear ``msglint: error: <path>: <problem>`` line on stderr for what could not
be read (naming the limit it hit, when it hit one), no traceback, and the
other files still checked. Inputs are never written; ``-o`` reports are
replaced atomically. Most cases share one CLI run over a folder of bad files
("the zoo"), so the whole module costs a few CLI runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

NOW = "2026-12-14T09:00:00+01:00"
LINE = re.compile(r"^msglint: error: (?P<path>.+?): (?P<problem>.+)$")
GOOD_EN = (
    b"Subject: Q3 budget figures for the board\n\nHi Anna,\n\n"
    b"Could you send the Q3 budget by Friday 18 December 2026 at 5 pm CET?\n\nThanks,\nBob\n"
)
GOOD_FR = (
    "Subject: Chiffres du budget du troisième trimestre\n\nBonjour Anne,\n\n"
    "Peux-tu m'envoyer le budget avant vendredi 18 décembre 2026 à 17 h (heure de Paris) ?\n\n"
    "Merci,\nBob\n"
).encode()


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def error_lines(stderr: bytes) -> dict[str, str]:
    """stderr as {path: problem}; fails on any line that is not one clear error line."""
    text = stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text, text
    found: dict[str, str] = {}
    for line in text.splitlines():
        match = LINE.match(line)
        assert match, f"not a 'msglint: error: <path>: <problem>' line: {line!r}"
        assert match["path"] not in found, f"two lines for {match['path']}: {text}"
        found[match["path"]] = match["problem"]
    return found


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """(sha256, mtime_ns, mode) of every file under ``folder``, symlinks not followed."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest = os.readlink(path) if path.is_symlink() else ""
        state[str(path.relative_to(folder))] = (digest, info.st_mtime_ns, info.st_mode)
    return state


def nested_mime(depth: int) -> bytes:
    """An e-mail whose text part sits ``depth`` multipart levels down."""
    body = b"Content-Type: text/plain\n\nCould you send the report by Friday 5 pm CET? Thanks\n"
    for level in range(depth):
        boundary = f"L{level}".encode()
        body = (
            b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\n\n--' + boundary + b"\n"
            + body + b"\n--" + boundary + b"--\n"
        )  # fmt: skip
    return (
        b"From: a@example.com\nTo: b@example.com\nSubject: Deeply nested parts\nMIME-Version: 1.0\n"
        + body
    )


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def timed_cli(*args: str, timeout: float, cwd: Path | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """Run the CLI; fail the test (not hang) when it outlives ``timeout`` seconds."""
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "msglint", *args],
            capture_output=True,
            cwd=cwd or ROOT,
            timeout=timeout,
            **kwargs,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"msglint {' '.join(args[:3])}… did not finish within {timeout:g} s")
    return proc, time.monotonic() - started


# ---------------------------------------------------------------------------
# The zoo: one run over every kind of bad input, next to good drafts.
# ---------------------------------------------------------------------------

# file name -> what its one stderr line must contain (None: it must be checked)
ZOO_EXPECTED: dict[str, str | None] = {
    "binary.txt": "binary",
    "nul-bytes.txt": "binary",
    "really-a-png.txt": "binary",
    "empty.txt": "empty",
    "blank.md": "empty",
    "big-5mb.txt": "limits.max_bytes",
    "one-line-2mb.txt": "limits.max_chars",
    "many-words.txt": "limits.max_words",
    "deep-mime-300.eml": "limits.max_mime_depth",
    "loop-a.txt": "cannot read",
    "loop-b.txt": "cannot read",
    "dangling.txt": "cannot read",
    "invalid-utf8.txt": None,
    "broken-mime.eml": None,
    "unknown-charset.eml": None,
    "html-only-script.eml": None,
    "rtl-emoji-zero-width.txt": None,
    "attachment-3mb.eml": None,
    "read-only.txt": None,
    "good-en.txt": None,
    "good-fr.txt": None,
    "sub/notes.md": None,
}


def build_zoo(root: Path) -> Path:
    zoo = root / "zoo"
    write(zoo / "binary.txt", bytes(range(256)) * 40)
    write(zoo / "nul-bytes.txt", b"Hello,\x00 could you send the report?\x00\n")
    write(zoo / "really-a-png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    write(zoo / "empty.txt", b"")
    write(zoo / "blank.md", b"  \n\t\n\n")
    sentence = (
        b"Could you please review the budget before Friday noon CET so we can close the quarter. "
    )
    write(zoo / "big-5mb.txt", (sentence * (5_000_001 // len(sentence) + 1))[:5_000_001])
    write(zoo / "one-line-2mb.txt", (sentence * (2_000_000 // len(sentence) + 1))[:2_000_000])
    write(zoo / "many-words.txt", b"ok " * 150_000)
    write(zoo / "deep-mime-300.eml", nested_mime(300))
    os.symlink("loop-b.txt", zoo / "loop-a.txt")
    os.symlink("loop-a.txt", zoo / "loop-b.txt")
    os.symlink("missing-target.txt", zoo / "dangling.txt")
    os.symlink(".", zoo / "self-loop")  # a directory cycle: must not be followed
    write(
        zoo / "invalid-utf8.txt",
        b"Subject: Budget \xff review\n\n"
        b"Could you send \xc3\x28 the report by Friday 5 pm CET? Thanks\n",
    )
    write(
        zoo / "broken-mime.eml",
        b"From: a@example.com\nTo: b@example.com\nSubject: Broken parts\n"
        b'Content-Type: multipart/mixed; boundary="XYZ"\n\n'
        b"--XYZ\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        b"!!!not base64###\n"
        b"--XYZ\nContent-Type: text/html\n\n<p>unterminated <b>tag\n",
    )  # fmt: skip
    write(
        zoo / "unknown-charset.eml",
        b"From: a@example.com\nTo: b@example.com\nSubject: =?x-unknown-42?Q?Hello_there?=\n"
        b'Content-Type: text/plain; charset="x-unknown-42"\n\n'
        b"Could you send the report by Friday 5 pm CET? Thanks\n",
    )  # fmt: skip
    write(
        zoo / "html-only-script.eml",
        b"From: a@example.com\nTo: b@example.com\nSubject: Report for the board\n"
        b"Content-Type: text/html; charset=utf-8\n\n"
        b"<html><head><script>alert('head')</script><style>p{}</style></head><body>"
        b"<p>Could you send the report by Friday 5 pm CET? Thanks</p>"
        b"<script>document.write('SCRIPTBODY')</script></body></html>\n",
    )  # fmt: skip
    write(
        zoo / "rtl-emoji-zero-width.txt",
        "Subject: שלום \u202e report \U0001f600\n\n"
        "مرحبا \u200f could\u200b you send \U0001f469\u200d\U0001f4bb the "
        "file by Friday 5 pm CET? \ufeffThanks \u2060\U0001f44d\n",
    )  # fmt: skip
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = (
        "a@example.com",
        "b@example.com",
        "Signed contract attached",
    )
    mail.set_content(
        "Please find the signed contract attached. "
        "Could you countersign it by Friday 5 pm CET? Thanks"
    )
    mail.add_attachment(
        os.urandom(3_000_000), maintype="application", subtype="pdf", filename="contract.pdf"
    )
    write(zoo / "attachment-3mb.eml", bytes(mail))
    write(zoo / "read-only.txt", GOOD_EN).chmod(0o444)
    write(zoo / "good-en.txt", GOOD_EN)
    write(zoo / "good-fr.txt", GOOD_FR)
    write(zoo / "sub" / "notes.md", "# Release notes\n\nThe export now keeps accents.\n")
    write(zoo / "not-a-draft.bin", b"\x00\x01")  # not a draft extension: skipped by the walk
    return zoo


@pytest.fixture(scope="module")
def zoo_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    zoo = build_zoo(tmp_path_factory.mktemp("robust"))
    before = snapshot(zoo)
    proc, elapsed = timed_cli("check", str(zoo), "--format", "json", "--now", NOW, timeout=180)
    return zoo, proc, elapsed, before


def test_zoo_ends_with_status_2_in_bounded_time(zoo_run) -> None:  # type: ignore[no-untyped-def]
    _, proc, elapsed, _ = zoo_run
    assert proc.returncode == 2, proc.stderr.decode()
    assert elapsed < 90, f"{elapsed:.0f} s for a folder of small and refused files"
    assert b"Traceback" not in proc.stdout + proc.stderr


def test_zoo_one_clear_line_per_unreadable_file(zoo_run) -> None:  # type: ignore[no-untyped-def]
    zoo, proc, _, _ = zoo_run
    lines = error_lines(proc.stderr)
    expected = {str(zoo / name): needle for name, needle in ZOO_EXPECTED.items() if needle}
    assert set(lines) == set(expected), {
        "missing": set(expected) - set(lines),
        "extra": set(lines) - set(expected),
    }
    for path, needle in expected.items():
        assert needle in lines[path], f"{path}: expected {needle!r} in {lines[path]!r}"
    # the JSON report lists the same errors
    report = json.loads(proc.stdout)
    assert {e["path"]: e["message"] for e in report["errors"]} == lines


def test_zoo_limit_lines_name_the_limit_and_its_value(zoo_run) -> None:  # type: ignore[no-untyped-def]
    zoo, proc, _, _ = zoo_run
    lines = error_lines(proc.stderr)
    assert (
        "limits.max_bytes" in lines[str(zoo / "big-5mb.txt")]
        and "5000000" in lines[str(zoo / "big-5mb.txt")]
    )
    assert "(1000000)" in lines[str(zoo / "one-line-2mb.txt")]
    assert "(100000)" in lines[str(zoo / "many-words.txt")]
    assert "(50)" in lines[str(zoo / "deep-mime-300.eml")]


def test_zoo_other_files_still_checked(zoo_run) -> None:  # type: ignore[no-untyped-def]
    zoo, proc, _, _ = zoo_run
    report = json.loads(proc.stdout)
    checked = {r["path"] for r in report["results"]}
    assert checked == {str(zoo / name) for name, needle in ZOO_EXPECTED.items() if needle is None}
    by_path = {r["path"]: r for r in report["results"]}
    assert by_path[str(zoo / "good-fr.txt")]["language"] == "fr"
    assert by_path[str(zoo / "good-en.txt")]["language"] == "en"
    # the 3 MB attachment is listed, so "attached" is not a missing attachment
    assert "CL04" not in {f["code"] for f in by_path[str(zoo / "attachment-3mb.eml")]["findings"]}
    for result in report["results"]:
        assert 0 <= result["score"] <= 100


def test_zoo_inputs_are_never_written(zoo_run) -> None:  # type: ignore[no-untyped-def]
    zoo, _, _, before = zoo_run
    assert snapshot(zoo) == before  # same bytes, mtimes and modes; no file added or removed
    assert stat.S_IMODE((zoo / "read-only.txt").stat().st_mode) == 0o444


def test_html_script_and_odd_text_are_read_as_text() -> None:
    """Script never reaches the rules; RTL marks, emoji and zero-width characters survive."""
    from msglint.inputs import Source, parse

    html = (
        b"From: a@example.com\nTo: b@example.com\nSubject: Report\nContent-Type: text/html\n\n"
        b"<script>alert('x')</script><p>Could you send it?</p>"
        b"<script>SCRIPTBODY()</script><style>p{}</style>\n"
    )
    message = parse(html, Source("m.eml", "email"), None)
    assert message.body == "Could you send it?"
    text = (
        "Subject: שלום \u202e\n\nمرحبا \u200f could\u200b you \U0001f469\u200d\U0001f4bb send it?\n"
    )
    message = parse(text.encode(), Source("m.txt", "text"), None)
    assert message.subject == "שלום \u202e" and "\U0001f469\u200d\U0001f4bb" in message.body


def test_mime_nested_past_the_recursion_limit_names_the_depth_limit() -> None:
    """2,000 levels: the refusal must name limits.max_mime_depth, not a Python recursion error."""
    from msglint.errors import MsglintError
    from msglint.inputs import Source, parse

    with pytest.raises(MsglintError) as caught:
        parse(nested_mime(2000), Source("deep.eml", "email"), None, max_mime_depth=50)
    assert "limits.max_mime_depth" in caught.value.problem, caught.value.problem


def test_malformed_address_headers_do_not_stop_the_run(tmp_path: Path) -> None:
    """Odd To/Cc headers (groups, NUL) must not turn into an internal error for the whole run."""
    headers = {
        "group-nul.eml": b"To: undisclosed:;\x00\n",
        "empty-group.eml": b"To: a@example.com, :;\n",
        "two-groups.eml": b"Cc: undisclosed:;undisclosed:;\n",
        "group-then-bare.eml": b"Cc: group: a@example.com;, c@\n",
    }
    for name, header in headers.items():
        write(
            tmp_path / name,
            b"From: a@example.com\n" + header + b"Subject: Budget\n\nCould you send it?\n",
        )
    write(tmp_path / "good.txt", GOOD_EN)
    proc, _ = timed_cli("check", ".", "--format", "json", "--now", NOW, timeout=120, cwd=tmp_path)
    assert b"internal error" not in proc.stderr, proc.stderr.decode()
    assert proc.returncode in (0, 1, 2)
    lines = error_lines(proc.stderr)
    checked = {r["path"] for r in json.loads(proc.stdout)["results"]}
    assert "good.txt" in checked
    assert set(headers) == checked - {"good.txt"} | set(lines), (checked, lines)


# ---------------------------------------------------------------------------
# Standard input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b" \n\t\r\n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"x" * 5_000_001, "limits.max_bytes"),
    ],
    ids=["empty", "whitespace", "binary", "over-max-bytes"],
)
def test_bad_stdin_is_one_line(data: bytes, needle: str) -> None:
    proc, _ = timed_cli("check", "-", input=data, timeout=120)
    assert proc.returncode == 2
    lines = error_lines(proc.stderr)
    assert list(lines) == ["-"] and needle in lines["-"], lines


# ---------------------------------------------------------------------------
# Limits from a user's msglint.toml: the message names the limit that was hit.
# ---------------------------------------------------------------------------


def test_lowered_limits_each_name_the_right_limit(tmp_path: Path) -> None:
    cases = {
        "bytes": ("max_bytes = 300", "x.txt", GOOD_EN * 3, "limits.max_bytes"),
        "chars": ("max_chars = 60", "x.txt", GOOD_EN, "limits.max_chars"),
        "words": ("max_words = 10", "x.txt", GOOD_EN, "limits.max_words"),
        "depth": ("max_mime_depth = 2", "x.eml", nested_mime(3), "limits.max_mime_depth"),
    }
    for folder, (setting, name, data, _) in cases.items():
        write(tmp_path / folder / "msglint.toml", f"[limits]\n{setting}\n")
        write(tmp_path / folder / name, data)
        write(
            tmp_path / folder / "ok.txt", "Subject: Tiny\n\nOk?\n" if folder != "depth" else GOOD_EN
        )
    write(tmp_path / "depth" / "shallow.eml", nested_mime(2))
    proc, _ = timed_cli("check", ".", "--format", "json", "--now", NOW, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2
    lines = error_lines(proc.stderr)
    expected = {os.path.join(folder, case[1]): case[3] for folder, case in cases.items()}
    assert set(lines) == set(expected), lines
    for path, needle in expected.items():
        value = cases[path.split(os.sep)[0]][0].split(" = ")[1]
        assert needle in lines[path] and re.search(rf"\b{value}\b", lines[path]), (
            path,
            lines[path],
        )
        for other in {case[3] for case in cases.values()} - {needle}:
            assert other not in lines[path], (path, lines[path])
    checked = {r["path"] for r in json.loads(proc.stdout)["results"]}
    assert {os.path.join(f, "ok.txt") for f in cases} | {"depth/shallow.eml"} <= checked


# ---------------------------------------------------------------------------
# Time: drafts that are small but slow to tokenise must respect the budget.
# ---------------------------------------------------------------------------


def test_pathological_drafts_respect_the_time_budget(tmp_path: Path) -> None:
    """Well under every size limit, yet quadratic for a naive tokenizer or regex.

    With ``time_budget_seconds = 2`` each file must be checked or abandoned
    with an error naming ``limits.time_budget_seconds``; the run must end.
    """
    write(tmp_path / "msglint.toml", "[limits]\ntime_budget_seconds = 2\n")
    write(tmp_path / "one-long-word.txt", "a" * 200_000)
    write(tmp_path / "stars.txt", "*" * 60_000)
    write(tmp_path / "emoji.txt", "\U0001f600" * 20_000)
    write(tmp_path / "dots.txt", "Could you check this" + "." * 100_000)
    write(tmp_path / "good.txt", GOOD_EN)
    # 4 files x 2 s of budget + start-up. Unbounded, these took minutes each;
    # the limit only catches a hang, generous for a loaded machine.
    proc, _ = timed_cli("check", ".", "--format", "json", "--now", NOW, timeout=150, cwd=tmp_path)
    assert proc.returncode in (0, 1, 2)
    for path, problem in error_lines(proc.stderr).items():
        assert "limits.time_budget_seconds" in problem, (path, problem)
    assert "good.txt" in {r["path"] for r in json.loads(proc.stdout)["results"]}


def test_fifo_in_a_directory_does_not_hang(tmp_path: Path) -> None:
    """A named pipe called notes.txt in a walked folder is not a draft: no blocking read."""
    os.mkfifo(tmp_path / "notes.txt")
    write(tmp_path / "good.txt", GOOD_EN)
    proc, _ = timed_cli("check", ".", "--format", "json", "--now", NOW, timeout=20, cwd=tmp_path)
    assert proc.returncode in (0, 1, 2)
    error_lines(proc.stderr)
    assert "good.txt" in {r["path"] for r in json.loads(proc.stdout)["results"]}


# ---------------------------------------------------------------------------
# Broken configuration
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('lang = "fr"\n[rules.AK02\nmax_asks = 2\n', "invalid TOML"),
        (b"\xff\xfe\x00l\x00a", "not UTF-8"),
        ("limits = 3\n", "limits: expected a table"),
        ("[rules.AK02]\nmax_askz = 2\n", "rules.AK02.max_askz"),
        ('lang = "de"\n', "lang"),
    ],
    ids=["syntax", "not-utf8", "wrong-type", "unknown-key", "bad-value"],
)
def test_broken_config_is_one_line_naming_the_file(
    tmp_path: Path, content: str | bytes, needle: str
) -> None:
    config = write(tmp_path / "a" / "msglint.toml", content)
    write(tmp_path / "a" / "one.txt", GOOD_EN)
    proc, _ = timed_cli("check", "a", "--now", NOW, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2
    lines = error_lines(proc.stderr)
    assert len(lines) == 1, lines
    [(path, problem)] = lines.items()
    assert path == str(config) and needle in problem, (path, problem)


def test_broken_config_does_not_stop_other_folders(tmp_path: Path) -> None:
    """a/msglint.toml is broken; b/ has no config: b/two.txt must still be checked."""
    write(tmp_path / "a" / "msglint.toml", "[rules.AK02\n")
    write(tmp_path / "a" / "one.txt", GOOD_EN)
    write(tmp_path / "b" / "two.txt", GOOD_EN)
    proc, _ = timed_cli(
        "check", "a", "b", "--format", "json", "--now", NOW, timeout=120, cwd=tmp_path
    )
    assert proc.returncode == 2
    lines = error_lines(proc.stderr)
    assert str(tmp_path / "a" / "msglint.toml") in lines
    assert proc.stdout, "no report at all: the broken config in a/ stopped the check of b/"
    assert "b/two.txt" in {r["path"] for r in json.loads(proc.stdout)["results"]}


# ---------------------------------------------------------------------------
# Unreadable files and read-only folders (need a user that permissions stop)
# ---------------------------------------------------------------------------


def _unprivileged_prefix() -> list[str]:
    """A command prefix that runs as a user whom chmod stops, or skip the test."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, where chmod 000 does not stop reads, and setpriv is missing")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import msglint"], capture_output=True, cwd="/"
    )
    if probe.returncode != 0:
        pytest.skip(
            "running as root, where chmod 000 does not stop reads, and user 65534 cannot run "
            f"this Python: {probe.stderr.decode(errors='replace').strip()[-200:]}"
        )
    return prefix


@pytest.fixture
def shared_dir():  # type: ignore[no-untyped-def]
    """A temporary folder the unprivileged user may enter (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="msglint-robust-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def _cli_as_unprivileged(prefix: list[str], cwd: Path, *args: str):  # type: ignore[no-untyped-def]
    env = dict(os.environ, HOME=str(cwd))
    return subprocess.run(
        [*prefix, sys.executable, "-m", "msglint", *args],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=180,
    )


def test_unreadable_file_and_folder_are_reported_and_others_checked(shared_dir: Path) -> None:
    prefix = _unprivileged_prefix()
    write(shared_dir / "ok.txt", GOOD_EN)
    write(shared_dir / "secret.txt", GOOD_EN).chmod(0o000)
    write(shared_dir / "locked" / "inside.txt", GOOD_EN)
    (shared_dir / "locked").chmod(0o000)
    proc = _cli_as_unprivileged(prefix, shared_dir, "check", ".", "--format", "json", "--now", NOW)
    assert proc.returncode == 2, proc.stderr.decode()
    lines = error_lines(proc.stderr)
    assert "permission denied" in lines.get("secret.txt", ""), lines
    assert "ok.txt" in {r["path"] for r in json.loads(proc.stdout)["results"]}
    # a folder that cannot be listed must be reported too, not silently skipped
    assert any(path.startswith("locked") for path in lines), (
        f"locked/ was skipped silently: {lines}"
    )


def test_report_in_a_read_only_folder_is_one_line(shared_dir: Path) -> None:
    prefix = _unprivileged_prefix()
    write(shared_dir / "ok.txt", GOOD_EN)
    (shared_dir / "ro").mkdir()
    (shared_dir / "ro").chmod(0o555)
    proc = _cli_as_unprivileged(
        prefix, shared_dir, "check", "ok.txt", "-o", "ro/report.json", "--now", NOW
    )
    assert proc.returncode == 2
    lines = error_lines(proc.stderr)
    assert list(lines) == ["ro/report.json"] and "cannot write" in lines["ro/report.json"], lines
    assert list((shared_dir / "ro").iterdir()) == []


@pytest.mark.parametrize(
    "target", ["missing-dir/report.json", "existing-dir"], ids=["no-parent", "is-a-directory"]
)
def test_report_path_that_cannot_be_written_is_one_line(tmp_path: Path, target: str) -> None:
    (tmp_path / "existing-dir").mkdir()
    write(tmp_path / "ok.txt", GOOD_EN)
    proc, _ = timed_cli("check", "ok.txt", "-o", target, "--now", NOW, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2
    lines = error_lines(proc.stderr)
    assert list(lines) == [target] and "cannot write" in lines[target], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing-dir", "ok.txt"]


# ---------------------------------------------------------------------------
# -o is atomic: an interrupted run leaves the old report whole
# ---------------------------------------------------------------------------

OLD_REPORT = "the previous report, complete\n" * 50

# Loaded by every Python started with this folder on PYTHONPATH: makes the
# report's write die at a chosen step, as a crash or a full disk would.
SITECUSTOMIZE_FAIL = textwrap.dedent(
    """
    import errno, os, signal
    _target = os.environ["MSGLINT_TEST_REPORT"]
    _how = os.environ["MSGLINT_TEST_FAIL"]
    _fsync, _replace = os.fsync, os.replace

    def _is_report_write():
        import traceback
        return any("atomic.py" in frame.filename for frame in traceback.extract_stack())

    def fsync(fd):
        if _is_report_write():
            if _how == "kill-before-rename":
                os.kill(os.getpid(), signal.SIGKILL)
            if _how == "disk-full":
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return _fsync(fd)

    def replace(src, dst, *args, **kwargs):
        if os.path.abspath(dst) == _target and _how == "kill-at-rename":
            os.kill(os.getpid(), signal.SIGKILL)
        return _replace(src, dst, *args, **kwargs)

    os.fsync, os.replace = fsync, replace
    """
)


@pytest.mark.parametrize("how", ["kill-before-rename", "kill-at-rename", "disk-full"])
def test_interrupted_report_write_keeps_the_old_report(tmp_path: Path, how: str) -> None:
    hooks = tmp_path / "hooks"
    write(hooks / "sitecustomize.py", SITECUSTOMIZE_FAIL)
    work = tmp_path / "work"
    report = write(work / "report.json", OLD_REPORT)
    write(work / "draft.txt", GOOD_EN)
    env = dict(
        os.environ, PYTHONPATH=str(hooks), MSGLINT_TEST_REPORT=str(report), MSGLINT_TEST_FAIL=how
    )
    proc, _ = timed_cli(
        "check",
        "draft.txt",
        "--format",
        "json",
        "-o",
        "report.json",
        timeout=120,
        cwd=work,
        env=env,
    )
    assert report.read_text() == OLD_REPORT
    if how == "disk-full":
        assert proc.returncode == 2
        lines = error_lines(proc.stderr)
        assert list(lines) == ["report.json"] and "No space left" in lines["report.json"], lines
        assert sorted(p.name for p in work.iterdir()) == [
            "draft.txt",
            "report.json",
        ]  # no temp file left
    else:
        assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()


def test_killed_run_leaves_old_or_complete_report(tmp_path: Path) -> None:
    """SIGKILL and SIGINT at random moments: the report is the old one or a whole new one."""
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work / "drafts")
    report = work / "report.json"
    for delay, sig in ((1.0, signal.SIGKILL), (2.5, signal.SIGKILL), (2.0, signal.SIGINT)):
        report.write_text(OLD_REPORT)
        proc = subprocess.Popen(
            [sys.executable, "-m", "msglint", "check", "drafts", "--format", "json",
             "-o", "report.json", "--now", NOW],
            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=120)
        assert b"Traceback" not in stderr
        content = report.read_text()
        if content != OLD_REPORT:
            json.loads(content)  # a complete new report, never a torn one
        if sig == signal.SIGINT:
            # 130: interrupted mid-run; 0/1: done first; -SIGINT: done, and the signal
            # landed while the interpreter was shutting down (its handlers already
            # reset), which the report checks above show is harmless.
            assert proc.returncode in (0, 1, 130, -signal.SIGINT), (proc.returncode, stderr)


# ---------------------------------------------------------------------------
# Determinism: same bytes every run, with 1 or 2 workers
# ---------------------------------------------------------------------------


def build_mixed(root: Path) -> Path:
    mixed = root / "mixed"
    shutil.copytree(EXAMPLES, mixed / "examples")
    write(mixed / "chat-en.txt", "hey can u check the Q3 deck before 03/04??? thx")
    write(mixed / "chat-fr.txt", "Salut, tu peux relire le devis avant jeudi ? Merci")
    write(mixed / "mail-fr.txt", GOOD_FR)
    write(mixed / "mail-en.txt", GOOD_EN)
    write(
        mixed / "page.html",
        "<h1>Onboarding</h1><p>Please read this guide ASAP!!! Then call me.</p>",
    )
    write(mixed / "empty.txt", "")
    write(mixed / "binary.txt", bytes(range(256)))
    write(mixed / "zz-deep.eml", nested_mime(60))
    return mixed


def test_json_is_byte_identical_across_runs_and_jobs(tmp_path: Path) -> None:
    mixed = build_mixed(tmp_path)
    before = snapshot(mixed)
    runs = {}
    for name, jobs in (("first", "1"), ("second", "1"), ("two-workers", "2")):
        proc, _ = timed_cli(
            "check", ".", "--format", "json", "--now", NOW, "--jobs", jobs, timeout=180, cwd=mixed
        )
        assert proc.returncode == 2  # empty.txt, binary.txt and zz-deep.eml are refused
        error_lines(proc.stderr)
        runs[name] = (proc.stdout, proc.stderr)
    assert runs["first"] == runs["second"]
    assert runs["two-workers"] == runs["first"]
    assert len(json.loads(runs["first"][0])["results"]) >= 10
    assert snapshot(mixed) == before


def test_huge_max_bytes_reads_the_file_without_allocating_the_limit(tmp_path: Path) -> None:
    """``read(n)`` allocates n bytes up front: a 25 GB limit once raised MemoryError."""
    from msglint.runner import CheckRequest, run_check

    write(tmp_path / "msglint.toml", "[limits]\nmax_bytes = 25276518295\n")
    draft = write(tmp_path / "draft.txt", GOOD_EN)
    report, status, messages = run_check(
        CheckRequest(paths=[str(draft)], fmt="json", now=datetime.fromisoformat(NOW))
    )
    assert status in (0, 1) and not messages, messages
    assert json.loads(report)["results"][0]["path"] == str(draft)
