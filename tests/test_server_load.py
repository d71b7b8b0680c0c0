"""The warm server under load: 20 clients, 1,000 checks, hostile clients in between.

Every well-formed request must get exactly the answer ``run_check`` gives in
process for the same input; malformed, oversized, truncated and rule-crashing
requests get an error reply (status 2) or are dropped, and the server stays up
with a flat memory footprint (VmRSS grows < 15 % from after warm-up to the end).
Clients speak the length-prefixed JSON protocol of :mod:`msglint.client` over
raw sockets.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import fault_injection
import pytest
from conftest import EXAMPLES, ROOT, run_cli

from msglint.client import PROTOCOL, ServerUnavailable, check_remote
from msglint.runner import CheckRequest, run_check

NOW = "2026-12-14T09:00:00+01:00"
MAX_REQUEST = 100_000
CLIENTS = 20
TOTAL = 1000

MESSAGES = [
    b"Subject: Q3 budget\n\nHi Anna, could you send the Q3 budget by Friday 5 pm CET? Thanks.\n",
    b"Subject: Quick question\n\nCan you check this ASAP??? And book the room. URGENT!!!\n",
    b"Objet : Budget du T3\n\n"
    b"Bonjour Anne, peux-tu envoyer le budget avant vendredi 17 h ? Merci.\n",
    "Objet : Petite question\n\nTu peux regarder ça dès que possible ? C'est URGENT !!!\n".encode(),
    b"hey can u review the deck before 03/04? thx",
    b"salut, tu peux relire le devis avant jeudi ? merci",
    b"Subject: Meeting notes\n\nFYI: the notes from today's call are in the shared folder.\n",
    "Objet : Compte rendu\n\nPour info : le compte rendu est dans le dossier partagé.\n".encode(),
]


# ---------------------------------------------------------------------------
# Protocol helpers
# ---------------------------------------------------------------------------


def frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


def check_payload(data: bytes, **request: Any) -> bytes:
    wire = CheckRequest(
        paths=["-"], fmt="json", now=datetime.fromisoformat(NOW), **request
    ).to_wire()
    body = {
        "protocol": PROTOCOL,
        "command": "check",
        "request": wire,
        "stdin": base64.b64encode(data).decode(),
    }
    return json.dumps(body).encode()


CONNECT_RETRIES = [0]


def connect(path: Path, timeout: float) -> socket.socket:
    """A patient client: retry while the listen backlog is full (EAGAIN), counting retries.

    ``test_simultaneous_hook_clients_are_all_served`` checks the real client,
    which does not retry.
    """
    for _ in range(2000):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(str(path))
            return sock
        except BlockingIOError:
            sock.close()
            CONNECT_RETRIES[0] += 1
            time.sleep(0.005)
    raise AssertionError("the server's backlog stayed full for 10 s")


def exchange(
    path: Path, raw: bytes, read: bool = True, timeout: float = 120
) -> dict[str, Any] | None:
    """Send raw bytes; return the decoded reply, or None when the server closed without one."""
    with connect(path, timeout) as sock:
        # refused before we finished sending: the reply may still be there
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(raw)
        if not read:
            return None
        header = b""
        try:
            while len(header) < 4:
                chunk = sock.recv(4 - len(header))
                if not chunk:
                    return None
                header += chunk
        except ConnectionResetError:
            return None
        (size,) = struct.unpack(">I", header)
        data = b""
        while len(data) < size:
            chunk = sock.recv(size - len(data))
            if not chunk:
                raise AssertionError("reply cut short")
            data += chunk
        return json.loads(data)


def expected(data: bytes, **request: Any) -> dict[str, Any]:
    """The in-process answer for the same request."""
    report, status, messages = run_check(
        CheckRequest(
            paths=["-"], fmt="json", now=datetime.fromisoformat(NOW), stdin=data, **request
        )
    )
    return {"report": report, "status": status, "messages": messages}


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def server_log(server: dict[str, Any]) -> str:
    return Path(server["log"]).read_text(encoding="utf-8", errors="replace")


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------


# The real server, with one rule made to crash on a marked draft.
SERVE_WITH_FAULT = (
    "import sys, fault_injection; fault_injection.install(); "
    "from msglint.cli import main; sys.argv[0] = 'msglint'; main()"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("load")
    path = folder / "load.sock"
    log = folder / "server.log"
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVE_WITH_FAULT, "serve", "--socket", str(path),
             "--max-request-bytes", str(MAX_REQUEST)],
            stderr=err, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
        )  # fmt: skip
    deadline = time.monotonic() + 240
    while b"serving on" not in log.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"server did not start: {log.read_text()}")
        time.sleep(0.1)
    yield {"path": path, "proc": proc, "log": log, "folder": folder}
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def test_1000_checks_from_20_clients_with_hostile_ones_in_between(server) -> None:  # type: ignore[no-untyped-def]
    path, proc = server["path"], server["proc"]
    answers = [expected(data) for data in MESSAGES]
    payloads = [frame(check_payload(data)) for data in MESSAGES]
    assert {a["status"] for a in answers} >= {0, 1}

    # A draft that makes a rule crash (a fault injected in both processes):
    # the server must answer exactly what the CLI would, and keep serving.
    fault_injection.install()
    crash_draft = MESSAGES[1] + fault_injection.MARKER.encode()
    crash_answer = expected(crash_draft)
    assert crash_answer["status"] == 2 and "TN02" in "".join(crash_answer["messages"])

    # Warm every lazy table, then take the baseline footprint.
    for payload, answer in zip(payloads * 10, answers * 10):
        assert exchange(path, payload) == {"protocol": PROTOCOL, **answer}
    rss_before = rss_kb(proc.pid)

    idle = connect(path, 60)  # connects and never speaks
    failures: list[str] = []
    hostile: dict[str, Any] = {}
    lock = threading.Lock()
    per_client = TOTAL // CLIENTS

    def client(number: int) -> None:
        for i in range(per_client):
            index = (number + i) % len(MESSAGES)
            try:
                reply = exchange(path, payloads[index])
            except OSError as exc:
                reply = {"error": repr(exc)}
            if reply != {"protocol": PROTOCOL, **answers[index]}:
                with lock:
                    failures.append(f"client {number} request {i}: {str(reply)[:300]}")

    def attacker() -> None:
        time.sleep(0.3)
        results = {
            "junk": exchange(path, frame(b"this is not json")),
            "wrong-protocol": exchange(path, frame(json.dumps({"protocol": 99}).encode())),
            "not-an-object": exchange(path, frame(b"[1, 2, 3]")),
            "bad-request": exchange(
                path,
                frame(
                    json.dumps(
                        {"protocol": PROTOCOL, "command": "check", "request": {"paths": 5}}
                    ).encode()
                ),
            ),
            "unknown-command": exchange(
                path, frame(json.dumps({"protocol": PROTOCOL, "command": "rm"}).encode())
            ),
            "oversized-header": exchange(path, struct.pack(">I", 50_000_000)),
            "oversized-body": exchange(
                path, frame(check_payload(b"Could you check this? " * 8000))
            ),
        }
        exchange(
            path, struct.pack(">I", 1000) + b'{"protocol": 1', read=False
        )  # disconnects mid-request
        with connect(path, 60) as sock:  # sends half a header
            sock.sendall(b"\x00\x00")
        results["crash-a-rule"] = exchange(path, frame(check_payload(crash_draft)))
        hostile.update(results)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    threads.append(threading.Thread(target=attacker))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.monotonic() - started
    idle.close()

    assert not failures, f"{len(failures)} wrong answers, e.g. {failures[:3]}"
    for name, reply in hostile.items():
        if name == "crash-a-rule":
            assert reply == {"protocol": PROTOCOL, **crash_answer}, reply
            continue
        assert reply is not None and reply["status"] == 2, (name, reply)
        assert len(reply["messages"]) == 1 and reply["messages"][0].startswith("server:"), (
            name,
            reply,
        )
    assert "limit" in hostile["oversized-header"]["messages"][0]
    assert "limit" in hostile["oversized-body"]["messages"][0]

    assert proc.poll() is None, "the server died"
    assert exchange(path, payloads[0]) == {"protocol": PROTOCOL, **answers[0]}
    rss_after = rss_kb(proc.pid)
    growth = (rss_after - rss_before) / rss_before
    print(
        f"\nserver load: {TOTAL} checks from {CLIENTS} clients in {elapsed:.1f} s; "
        f"VmRSS {rss_before} kB -> {rss_after} kB ({growth:+.1%}); "
        f"{CONNECT_RETRIES[0]} connect retries on a full backlog"
    )
    assert growth < 0.15, f"VmRSS grew from {rss_before} kB to {rss_after} kB"
    assert "Traceback" not in server_log(server), server_log(server)


def test_deeply_nested_json_request_gets_an_error_reply(server) -> None:  # type: ignore[no-untyped-def]
    """50,000 nested arrays (50 kB, under the size limit): an error reply, no traceback."""
    path, proc = server["path"], server["proc"]
    before = server_log(server).count("Traceback")
    reply = exchange(path, frame(b"[" * 50_000 + b"]" * 50_000))
    assert proc.poll() is None
    assert exchange(path, frame(check_payload(MESSAGES[0]))) == {
        "protocol": PROTOCOL,
        **expected(MESSAGES[0]),
    }
    assert reply is not None and reply["status"] == 2, (
        f"no reply; server log: {server_log(server)[-600:]}"
    )
    assert server_log(server).count("Traceback") == before, server_log(server)[-2000:]


def test_server_output_is_byte_identical_to_the_cli(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Determinism through the server: a mixed folder, twice, same bytes as in process."""
    mixed = tmp_path / "mixed"
    shutil.copytree(EXAMPLES, mixed)
    (mixed / "chat-fr.txt").write_text(
        "Salut, tu peux relire le devis avant jeudi ? Merci", encoding="utf-8"
    )
    (mixed / "page.html").write_text(
        "<h1>Guide</h1><p>Please read this ASAP!!!</p>", encoding="utf-8"
    )
    (mixed / "empty.txt").write_text("", encoding="utf-8")
    (mixed / "binary.txt").write_bytes(bytes(range(256)))
    args = ["check", str(mixed), "--format", "json", "--now", NOW]
    local = run_cli(*args)
    remote = [run_cli(*args, "--socket", str(server["path"]), "--require-server") for _ in range(2)]
    for proc in remote:
        assert (proc.stdout, proc.stderr, proc.returncode) == (
            local.stdout,
            local.stderr,
            local.returncode,
        )
    assert local.returncode == 2 and len(json.loads(local.stdout)["results"]) >= 8


def test_simultaneous_hook_clients_are_all_served(server) -> None:  # type: ignore[no-untyped-def]
    """20 pre-send hooks at the same instant, through the real client (no retry):
    each must be answered, none told "no server answered" (a full listen backlog)."""
    path = str(server["path"])
    wire = CheckRequest(paths=["-"], fmt="json", now=datetime.fromisoformat(NOW)).to_wire()
    answer = expected(MESSAGES[0])
    start = threading.Barrier(CLIENTS)
    outcomes: list[Any] = []

    def hook() -> None:
        start.wait()
        try:
            report, status, messages = check_remote(path, wire, MESSAGES[0])
            outcomes.append({"report": report, "status": status, "messages": messages} == answer)
        except ServerUnavailable as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=hook) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    refused = [o for o in outcomes if o is not True]
    assert not refused, f"{len(refused)} of {CLIENTS} hooks not served: {refused[:2]}"
