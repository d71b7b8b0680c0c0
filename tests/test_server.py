"""The warm server: same answers as in-process, safe socket, survives bad clients."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_cli, run_inprocess

NOW = "2026-12-14T09:00:00+01:00"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("srv")
    path = folder / "msglint.sock"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "msglint",
            "serve",
            "--socket",
            str(path),
            "--max-request-bytes",
            "200000",
        ],
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 240
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(
                f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        time.sleep(0.2)
    assert proc.stderr is not None
    proc.stderr.readline()  # "serving on …" once warm
    yield path, proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def _raw(path: Path, payload: bytes, read: bool = True) -> dict | None:  # type: ignore[type-arg]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(60)
        sock.connect(str(path))
        sock.sendall(payload)
        if not read:
            return None
        (size,) = struct.unpack(">I", sock.recv(4, socket.MSG_WAITALL))
        data = b""
        while len(data) < size:
            data += sock.recv(size - len(data))
        return json.loads(data)


def test_socket_is_private(server) -> None:  # type: ignore[no-untyped-def]
    path, _ = server
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(EXAMPLES / "bad-en.eml")],
        ["check", str(EXAMPLES / "good-fr.eml"), "--format", "json"],
        ["check", str(EXAMPLES), "--format", "sarif", "--now", NOW],
        ["check", "examples/bad-fr.eml", "--select", "DL,AK", "--fail-on", "error"],
        ["check", "does-not-exist.eml"],
    ],
)
def test_same_output_and_status_as_in_process(server, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    path, _ = server
    local = run_inprocess(*args, "--now", NOW) if "--now" not in args else run_inprocess(*args)
    remote_args = [*args, "--socket", str(path), "--require-server"]
    remote = run_cli(*remote_args, "--now", NOW) if "--now" not in args else run_cli(*remote_args)
    assert remote.stdout == local.stdout
    assert remote.stderr == local.stderr
    assert remote.returncode == local.returncode


def test_stdin_through_the_server(server) -> None:  # type: ignore[no-untyped-def]
    path, _ = server
    data = (EXAMPLES / "bad-fr.eml").read_bytes()
    local = run_inprocess("check", "-", "--format", "json", stdin=data)
    remote = run_cli("check", "-", "--format", "json", "--socket", str(path), stdin=data)
    assert remote.stdout == local.stdout and remote.returncode == local.returncode


def test_environment_variable_selects_the_server(server) -> None:  # type: ignore[no-untyped-def]
    path, _ = server
    env = dict(os.environ, MSGLINT_SOCKET=str(path), MSGLINT_REQUIRE_SERVER="1")
    proc = run_cli("check", str(EXAMPLES / "good-en.eml"), env=env)
    assert proc.returncode == 0


def test_falls_back_in_process_unless_required(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.sock")
    assert run_cli("check", str(EXAMPLES / "good-en.eml"), "--socket", missing).returncode == 0
    proc = run_cli("check", str(EXAMPLES / "good-en.eml"), "--socket", missing, "--require-server")
    assert proc.returncode == 2 and b"no server answered" in proc.stderr


def test_malformed_and_oversized_requests_are_refused(server) -> None:  # type: ignore[no-untyped-def]
    path, proc = server
    junk = b"not json at all"
    reply = _raw(path, struct.pack(">I", len(junk)) + junk)
    assert reply is None or reply["status"] == 2
    wrong = json.dumps({"protocol": 99}).encode()
    assert _raw(path, struct.pack(">I", len(wrong)) + wrong)["status"] == 2
    reply = _raw(path, struct.pack(">I", 10_000_000))
    assert reply is not None and reply["status"] == 2 and "limit" in reply["messages"][0]
    _raw(path, struct.pack(">I", 1000) + b"{", read=False)  # disconnects mid-request
    assert proc.poll() is None
    ok = run_cli("check", str(EXAMPLES / "good-en.eml"), "--socket", str(path), "--require-server")
    assert ok.returncode == 0


def test_concurrent_clients(server) -> None:  # type: ignore[no-untyped-def]
    path, _ = server
    expected = run_inprocess("check", str(EXAMPLES / "bad-en.eml"), "--format", "json").stdout
    outputs: list[bytes] = []

    def client() -> None:
        proc = run_cli(
            "check",
            str(EXAMPLES / "bad-en.eml"),
            "--format",
            "json",
            "--socket",
            str(path),
            "--require-server",
        )
        outputs.append(proc.stdout)

    threads = [threading.Thread(target=client) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert outputs == [expected] * 6


def test_sigterm_removes_the_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    proc = subprocess.Popen(
        [sys.executable, "-m", "msglint", "serve", "--socket", str(path), "--quiet"], cwd=ROOT
    )
    deadline = time.monotonic() + 240
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.exists()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 0
    assert not path.exists()


def test_idle_timeout(tmp_path: Path) -> None:
    path = tmp_path / "idle.sock"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "msglint",
            "serve",
            "--socket",
            str(path),
            "--quiet",
            "--idle-timeout",
            "1",
        ],
        cwd=ROOT,
    )
    assert proc.wait(timeout=300) == 0
    assert not path.exists()
