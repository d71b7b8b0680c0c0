"""``server = "auto"``: msglint check and msglint-sendmail start a warm server on demand.

Real processes throughout: the commands as a user runs them, the detached
server they start, its socket. Each test has its own runtime folder and stops
the servers it caused (by the pid read from /proc, never by name).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "examples" / "good-en.eml"
NOW = "2026-12-14T09:00:00+01:00"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")


def _env(runtime: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_RUNTIME_DIR=str(runtime))
    env.pop("MSGLINT_SOCKET", None)
    env.pop("MSGLINT_SERVER", None)
    return env | extra


def _servers(sock: Path) -> list[int]:
    """Pids of ``msglint serve`` processes on ``sock`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in argv and str(sock).encode() in argv:
            found.append(int(entry.name))
    # A server runs its checks in a worker process it recycles (same command
    # line): count the servers, not their workers.
    return [pid for pid in found if _parent(pid) not in found]


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat.rsplit(")", 1)[1].split()[1])


def _answers(sock: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(sock))
        except OSError:
            return False
    return True


def _wait_until(predicate, timeout: float = 180.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def runtime(tmp_path: Path):
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    yield folder
    for pid in _servers(folder / "msglint.sock"):
        os.kill(pid, signal.SIGTERM)


def _check(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Check a copy of the good example in ``cwd`` (its msglint.toml applies)."""
    draft = cwd / "draft.eml"
    draft.write_bytes(GOOD.read_bytes())
    return subprocess.run(
        [sys.executable, "-m", "msglint", "check", str(draft), "--now", NOW, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=300,
    )


def test_check_starts_one_server_then_uses_it(tmp_path: Path, runtime: Path) -> None:
    (tmp_path / "msglint.toml").write_text('server = "auto"\n', encoding="utf-8")
    sock = runtime / "msglint.sock"
    env = _env(runtime)
    first = _check(tmp_path, env)
    assert first.returncode == 0, first.stderr
    assert _wait_until(lambda: _answers(sock)), "no server came up"
    assert len(_servers(sock)) == 1
    assert sock.stat().st_mode & 0o777 == 0o600
    second = _check(tmp_path, env)
    assert second.stdout == first.stdout and second.returncode == 0
    # The second answer came from the server: it is there to answer a required request too.
    third = _check(tmp_path, env, "--socket", str(sock), "--require-server")
    assert third.stdout == first.stdout
    assert len(_servers(sock)) == 1


def test_callers_arriving_together_start_one_server(tmp_path: Path, runtime: Path) -> None:
    sock = runtime / "msglint.sock"
    env = _env(runtime, MSGLINT_SERVER="auto")
    callers = [
        subprocess.Popen(
            [sys.executable, "-m", "msglint", "check", str(GOOD), "--now", NOW],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(3)
    ]
    assert [c.wait(timeout=300) for c in callers] == [0, 0, 0]
    assert _wait_until(lambda: _answers(sock))
    time.sleep(1.0)
    assert len(_servers(sock)) == 1


def test_stale_socket_is_cleaned_and_idle_server_stops(tmp_path: Path, runtime: Path) -> None:
    sock = runtime / "msglint.sock"
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(sock))  # a socket file nobody listens on, as a killed server leaves
    stale.close()
    assert sock.exists() and not _answers(sock)
    env = _env(runtime, MSGLINT_SERVER="auto", MSGLINT_SERVER_IDLE="5")
    assert _check(tmp_path, env).returncode == 0
    assert _wait_until(lambda: _answers(sock)), "the stale socket was not replaced"
    assert _wait_until(lambda: not _servers(sock), timeout=120), "idle server still running"


def test_sendmail_wrapper_starts_the_server(tmp_path: Path, runtime: Path) -> None:
    sock = runtime / "msglint.sock"
    sent = tmp_path / "sent.eml"
    fake = tmp_path / "fake-sendmail"
    fake.write_text(f"#!/bin/sh\ncat > {sent}\n", encoding="utf-8")
    fake.chmod(0o755)
    env = _env(runtime, MSGLINT_SERVER="auto", MSGLINT_SENDMAIL=str(fake))
    done = subprocess.run(
        [sys.executable, "-m", "msglint.sendmail", "-t"],
        input=GOOD.read_bytes(),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sent.read_bytes() == GOOD.read_bytes()
    assert _wait_until(lambda: _answers(sock))


def test_off_by_default_and_bad_setting_is_an_error(tmp_path: Path, runtime: Path) -> None:
    env = _env(runtime)
    assert _check(tmp_path, env).returncode == 0
    time.sleep(0.5)
    assert not _servers(runtime / "msglint.sock") and not (runtime / "msglint.sock").exists()
    (tmp_path / "msglint.toml").write_text('server = "always"\n', encoding="utf-8")
    bad = _check(tmp_path, env)
    assert bad.returncode == 2 and b"server: expected off or auto" in bad.stderr
