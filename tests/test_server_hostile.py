"""The warm server among other users and other servers (issue 16).

A draft goes only to a server of our own (socket owner, mode and peer
credentials); two servers starting together leave exactly one, with its
socket; a path that is not our socket is never deleted; the check worker is
recycled without clients noticing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def start_server(path: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "msglint", "serve", "--socket", str(path), "--quiet", *extra],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(path: Path, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not path.is_socket():
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.2)


def check(path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "msglint", "check", "--socket", str(path), *args],
        capture_output=True,
        env=ENV,
        timeout=180,
    )


def test_two_servers_started_together_leave_one_with_its_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    servers = [start_server(path) for _ in range(2)]
    try:
        wait_for(path, servers[0] if servers[0].poll() is None else servers[1])
        deadline = time.monotonic() + 120
        while all(s.poll() is None for s in servers) and time.monotonic() < deadline:
            time.sleep(0.2)
        losers = [s for s in servers if s.poll() is not None]
        assert len(losers) == 1
        assert losers[0].returncode == 2
        assert b"another msglint server is starting or serving here" in losers[0].stderr.read()  # type: ignore[union-attr]
        assert path.is_socket()
        proc = check(path, "--require-server", str(EXAMPLES / "good-en.eml"))
        assert proc.returncode == 0, proc.stderr
    finally:
        for server in servers:
            server.terminate()
            server.wait(60)
    assert not path.exists()


def test_a_symlink_at_the_socket_path_is_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    path.symlink_to(tmp_path / "nowhere")
    server = start_server(path)
    assert server.wait(120) == 2
    assert b"is a symbolic link" in server.stderr.read()  # type: ignore[union-attr]
    assert path.is_symlink()


def _as_nobody() -> list[str]:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to play another local user")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


SQUATTER = """
import os, socket, sys
path = sys.argv[1]
server = socket.socket(socket.AF_UNIX)
server.bind(path)
os.chmod(path, 0o777)
server.listen(5)
print("ready", flush=True)
while True:
    conn, _ = server.accept()
    data = conn.recv(1 << 20)
    with open(path + ".got", "ab") as out:
        out.write(data)
    reply = b'{"protocol": 1, "report": "", "status": 0, "messages": []}'
    conn.sendall(len(reply).to_bytes(4, "big") + reply)
    conn.close()
"""


def test_a_socket_squatted_by_another_user_never_gets_the_draft() -> None:
    prefix = _as_nobody()
    folder = Path(tempfile.mkdtemp(prefix="msglint-squat-"))
    folder.chmod(0o1777)  # a shared, world-writable folder such as /tmp
    path = folder / "s.sock"
    squatter = subprocess.Popen(
        [*prefix, sys.executable, "-c", SQUATTER, str(path)], stdout=subprocess.PIPE
    )
    try:
        assert squatter.stdout is not None and squatter.stdout.readline() == b"ready\n"
        draft = str(EXAMPLES / "bad-en.eml")
        refused = check(path, "--require-server", draft)
        assert refused.returncode == 2
        assert b"owned by another user" in refused.stderr
        fallback = check(path, draft, "--format", "json")
        assert fallback.returncode == 1  # checked in-process: the bad draft is not waved through
        assert json.loads(fallback.stdout)["results"][0]["findings"]
        assert not Path(f"{path}.got").exists()
    finally:
        squatter.kill()
        squatter.wait(30)
        shutil.rmtree(folder, ignore_errors=True)


def test_peer_credentials_are_checked_after_connecting(tmp_path: Path) -> None:
    from msglint.client import ServerUnavailable, check_peer

    left, right = socket.socketpair()
    with left, right:
        check_peer(left, "pair")  # our own process: accepted
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("no SO_PEERCRED here")
    with pytest.raises(ServerUnavailable):
        import msglint.client as client

        real = os.getuid
        try:
            client.os.getuid = lambda: real() + 1  # type: ignore[attr-defined]
            a, b = socket.socketpair()
            with a, b:
                check_peer(a, "pair")
        finally:
            client.os.getuid = real  # type: ignore[attr-defined]


def test_recycling_the_worker_is_invisible_to_clients(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = start_server(path, "--recycle-requests", "2")
    try:
        wait_for(path, server)
        draft = str(EXAMPLES / "bad-fr.eml")
        local = subprocess.run(
            [sys.executable, "-m", "msglint", "check", draft, "--format", "json"],
            capture_output=True,
            env=ENV,
            timeout=180,
        )
        workers = set()
        for _ in range(5):
            remote = check(path, "--require-server", draft, "--format", "json")
            assert (remote.returncode, remote.stdout) == (local.returncode, local.stdout)
            children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
            if children.exists():
                workers.update(children.read_text().split())
        assert len(workers) >= 2 or not Path("/proc").exists()
    finally:
        server.terminate()
        server.wait(60)


def _stuck_in_compiled_code(payload: dict) -> dict:
    """A check that never returns to Python: the signal watchdog cannot reach it."""
    import hashlib

    from msglint import guard

    if payload.get("stuck"):
        guard._monitor("stuck.eml", 0.2)  # type: ignore[misc]
        with guard.deadline(0.2, "stuck.eml"):
            hashlib.pbkdf2_hmac("sha256", b"draft", b"salt", 2_000_000_000)
    return {"protocol": 1, "report": "ok", "status": 0, "messages": []}


def test_a_check_stuck_in_compiled_code_is_stopped_and_others_are_served(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The worker is killed once its message is overdue; the next request forks anew.

    The stuck check is a stand-in (a C loop that ignores signals, as a parser
    stuck inside compiled code would): the watchdog and the worker are real.
    """
    import msglint.server as server
    from msglint import server_worker

    monkeypatch.setattr(server, "answer", _stuck_in_compiled_code)
    monkeypatch.setattr(server_worker, "STUCK_GRACE", 0.5)
    workers = server_worker.Workers()
    workers.enable(100, 4096)
    if not workers.enabled:
        pytest.skip("no fork on this platform")
    try:
        started = time.monotonic()
        reply = workers.run({"stuck": True})
        assert time.monotonic() - started < 60  # not the minutes the loop would take
        assert reply["status"] == 2
        (line,) = reply["messages"]
        assert line.startswith("stuck.eml: ") and "limits.time_budget_seconds" in line
        assert workers.pid() is None  # the stuck worker is gone
        assert workers.run({"stuck": False})["report"] == "ok"  # a fresh worker answers
    finally:
        workers.stop()
