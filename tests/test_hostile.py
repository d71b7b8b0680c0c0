"""Hostile inputs that once took a whole batch down or ran past the budget (issue 16).

A batch of good drafts with one bad message among them: the bad one becomes
one error line naming it (and its index in a mailbox or export), the others
are checked, the run ends with status 2. ``time_budget_seconds`` bounds the
whole check of one message, analysis included, in one process and with
``--jobs``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

NOW = "2026-12-14T09:00:00+01:00"
GOOD = (
    b"Subject: Q3 budget figures for the board\n\nHi Anna,\n\n"
    b"Could you send the Q3 budget by Friday 18 December 2026 at 5 pm CET?\n\nThanks,\nBob\n"
)
LINE = re.compile(r"^msglint: error: (?P<path>.+?): (?P<problem>.+)$")


def cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "msglint", *args],
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )


def errors(stderr: bytes) -> dict[str, str]:
    text = stderr.decode()
    assert "Traceback" not in text, text
    found = {}
    for line in text.splitlines():
        match = LINE.match(line)
        assert match, line
        found[Path(match["path"]).name] = match["problem"]
    return found


def build_batch(root: Path) -> None:
    root.mkdir()
    (root / "good.eml").write_bytes(GOOD)
    (root / "year-9999.eml").write_bytes(
        b"Subject: Budget for the board\nDate: Fri, 31 Dec 9999 10:00:00 +0000\n\n"
        b"Hi Anna,\n\nCould you send the report by today?\n\nThanks\n"
    )
    deep = "[" * 100_000 + "]" * 100_000
    (root / "chat.jsonl").write_text(
        '{"text": ' + deep + "}\n" + json.dumps({"text": "Could you send it by Friday?"}) + "\n"
    )
    (root / "slack").mkdir()
    (root / "slack" / "channels.json").write_text("[]")
    (root / "slack" / "general").mkdir()
    (root / "slack" / "general" / "2026-12-01.json").write_text(deep)
    (root / "slack" / "general" / "2026-12-02.json").write_text(
        json.dumps([{"type": "message", "text": "Could you review the plan?", "ts": "1"}])
    )
    (root / "deep-baseline.json").write_text(deep)


def test_one_bad_message_never_takes_the_batch_down(tmp_path: Path) -> None:
    build_batch(tmp_path / "in")
    for jobs in ("1", "3"):
        proc = cli("check", "in", "--format", "json", "--now", NOW, "--jobs", jobs, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        problems = errors(proc.stderr)
        assert problems == {
            "chat.jsonl#1": "invalid JSON: nested too deeply",
            "2026-12-01.json": "invalid JSON: nested too deeply",
        }
        checked = {Path(r["path"]).name for r in json.loads(proc.stdout)["results"]}
        assert checked == {"good.eml", "year-9999.eml", "chat.jsonl#2", "2026-12-02.json#1"}


def test_deep_baseline_is_one_line(tmp_path: Path) -> None:
    build_batch(tmp_path / "in")
    proc = cli("check", "in/good.eml", "--baseline", "in/deep-baseline.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc.stderr) == {
        "deep-baseline.json": "not a msglint baseline (JSON nested too deeply)"
    }


def test_max_chars_above_the_pipelines_ceiling_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "msglint.toml").write_text("[limits]\nmax_chars = 3000000\nmax_words = 3000000\n")
    (tmp_path / "long.txt").write_text("Could you check this word list? " + "word " * 250_000)
    (tmp_path / "good.eml").write_bytes(GOOD)
    proc = cli("check", ".", "--format", "json", "--now", NOW, cwd=tmp_path, timeout=300)
    assert proc.returncode == 2
    assert "pipelines' ceiling of 1000000 characters" in errors(proc.stderr)["long.txt"]
    assert [Path(r["path"]).name for r in json.loads(proc.stdout)["results"]] == ["good.eml"]


def test_an_exception_in_one_message_is_an_internal_error_naming_it(tmp_path: Path) -> None:
    """Any exception while checking one message: one line naming it, status 2, others kept."""
    from msglint.config import load_config
    from msglint.guard import check_each
    from msglint.inputs import Source, parse

    config = load_config(None, None)
    good = parse(GOOD, Source("good.eml", "email"), None)
    bad = parse(GOOD, Source("box.mbox#2", "email"), None)
    bad.body = None  # type: ignore[assignment]  # a reader bug, simulated
    outcomes = check_each([(bad, config), (good, config)], ["en", "en"], None)
    assert str(outcomes[0]).startswith("box.mbox#2: internal error: ")
    assert outcomes[1].score >= 0  # type: ignore[union-attr]


SLOW = {
    # the slowest drafts we could build under the size limits (minutes each, unbounded)
    "questions.txt": "Could you check this" + "? " * 50_000,
    "and-chain.txt": "We choose between " + " and ".join(f"plan {i}" for i in range(15_000)),
}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_time_budget_bounds_the_whole_check_of_a_message(tmp_path: Path, jobs: str) -> None:
    """Analysis included: the slow draft is abandoned at the budget and the rest is checked."""
    (tmp_path / "msglint.toml").write_text("[limits]\ntime_budget_seconds = 1\n")
    for name, text in SLOW.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "good.eml").write_bytes(GOOD)
    proc = cli("check", ".", "--format", "json", "--now", NOW, "--jobs", jobs, cwd=tmp_path)
    assert proc.returncode == 2
    problems = errors(proc.stderr)
    assert set(problems) <= set(SLOW), problems
    for problem in problems.values():
        assert problem == "took longer than limits.time_budget_seconds (1); abandoned"
    checked = {Path(r["path"]).name for r in json.loads(proc.stdout)["results"]}
    assert "good.eml" in checked
    assert checked | set(problems) == {*SLOW, "good.eml"}


def test_deadlines_nest_and_the_nearest_fires() -> None:
    import time

    from msglint.guard import TimeBudgetExceeded, deadline

    with pytest.raises(TimeBudgetExceeded) as caught, deadline(5, "outer"), deadline(0.2, "inner"):
        while True:
            time.sleep(0.01)
    assert str(caught.value) == "inner"
    with pytest.raises(TimeBudgetExceeded) as caught, deadline(0.2, "outer"), deadline(5, "inner"):
        re.search(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking, interrupted
    assert str(caught.value) == "outer"


# ---------------------------------------------------------------------------
# -o writes only what was asked, where it was asked
# ---------------------------------------------------------------------------


def test_report_to_dev_null_leaves_the_device(tmp_path: Path) -> None:
    (tmp_path / "ok.eml").write_bytes(GOOD)
    before = Path("/dev/null").stat()
    proc = cli("check", "ok.eml", "-o", "/dev/null", "--now", NOW, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    after = Path("/dev/null").stat()
    assert stat_kind(after) == "char" and after.st_rdev == before.st_rdev


def stat_kind(info) -> str:  # type: ignore[no-untyped-def]
    import stat

    return "char" if stat.S_ISCHR(info.st_mode) else "other"


def test_report_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    (tmp_path / "ok.eml").write_bytes(GOOD)
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = cli("check", "ok.eml", "-o", str(fifo), "--format", "json", "--now", NOW, cwd=tmp_path)
    reader.join(30)
    assert proc.returncode in (0, 1), proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["results"][0]["path"] == "ok.eml"


def test_report_through_a_symlink_updates_its_target(tmp_path: Path) -> None:
    (tmp_path / "ok.eml").write_bytes(GOOD)
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "latest.json"
    target.write_text("old")
    (tmp_path / "link.json").symlink_to("reports/latest.json")
    proc = cli("check", "ok.eml", "-o", "link.json", "--format", "json", "--now", NOW, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert (tmp_path / "link.json").is_symlink()
    assert json.loads(target.read_text())["results"][0]["path"] == "ok.eml"
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["latest.json"]


def test_report_onto_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    (tmp_path / "ok.eml").write_bytes(GOOD)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.sock"))
        proc = cli("check", "ok.eml", "-o", "s.sock", "--now", NOW, cwd=tmp_path)
    assert proc.returncode == 2
    assert errors(proc.stderr) == {"s.sock": "cannot write: not a regular file, a device or a pipe"}


# ---------------------------------------------------------------------------
# Terminal output: nothing from a draft or a file name acts on the terminal
# ---------------------------------------------------------------------------


def test_terminal_safe_escapes_controls_and_line_breaks() -> None:
    from msglint.text import terminal_safe

    assert terminal_safe("a\x1b[2Jb\nc\rd\u2028e\u202ef\tg é") == (
        "a\\x1b[2Jb\\nc\\rd\\u2028e\\u202ef\tg é"
    )


def test_escape_sequences_and_newlines_never_reach_the_terminal(tmp_path: Path) -> None:
    name = "ALL CLEAR\nmsglint: error: x.txt"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"{name}.txt").write_text(
        "Subject: Offer for [your \x1b[2J\x1b[31mname]\n\nHi [your \x1b[2Jname],\n\n"
        "Could you sign the offer by Friday 18 December 2026 at 5 pm CET?\n"
    )
    (tmp_path / "in" / "bad\x1b[2J.txt").write_bytes(b"\x00\x01binary")
    for fmt, newline in (("text", b"\\n"), ("github", b"%0A")):
        proc = cli("check", "in", "--format", fmt, "--now", NOW, cwd=tmp_path)
        assert proc.returncode == 2
        for stream in (proc.stdout, proc.stderr):
            assert b"\x1b" not in stream
        assert b"\\x1b[2J" in proc.stdout
        assert not any(
            line.startswith(b"msglint: error: x.txt") for line in proc.stderr.splitlines()
        )
        assert proc.stdout.count(b"ALL CLEAR" + newline + b"msglint") >= 1
    proc = cli("check", "in", "--format", "json", "--now", NOW, cwd=tmp_path)
    paths = {r["path"] for r in json.loads(proc.stdout)["results"]}
    assert paths == {f"in/{name}.txt"}  # JSON keeps the exact text


def test_sendmail_stderr_is_escaped(tmp_path: Path) -> None:
    draft = (
        b"From: a@example.com\nTo: b@example.com\nSubject: Offer for [your \x1b[2Jname]\n\n"
        b"Hi [your \x1b[2Jname],\n\nCould you sign the offer by Friday?\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "msglint.sendmail",
            "--sendmail",
            "/bin/true",
            "--fail-on",
            "info",
        ],
        input=draft,
        capture_output=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert b"\x1b" not in proc.stderr and b"\\x1b[2J" in proc.stderr


@pytest.mark.parametrize("seconds", [1e300, float("inf"), float("nan")])
def test_an_absurd_budget_is_no_deadline_and_leaves_none_behind(seconds: float) -> None:
    """A budget beyond the timer's range once raised OverflowError and left its entry
    armed: every later check in that process (a server's, for every client) failed."""
    from msglint import guard

    with guard.deadline(seconds, "absurd"), guard.deadline(5, "inner"):
        pass
    assert not guard._pending
    with guard.deadline(5, "next"):
        pass
    assert not guard._pending
