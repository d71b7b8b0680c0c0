"""``msglint serve``: keep the pipelines warm and answer checks on a Unix socket.

The socket is created with permissions 0600 (only its owner may connect) and
never listens on the network. Each connection carries one request (see
:mod:`msglint.client`); requests are read concurrently and checked one at a
time, since spaCy pipelines are not meant to be shared across threads. A
request over the size limit, a malformed one or one that crashes gets an error
reply and the server carries on. SIGTERM and SIGINT shut it down cleanly and
remove the socket; ``--idle-timeout`` does the same after a quiet period.
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import socket
import socketserver
import stat
import sys
import threading
import time
from pathlib import Path
from typing import Any

from msglint.client import PROTOCOL, recv_frame, send_frame
from msglint.errors import MsglintError

_CHECK_LOCK = threading.Lock()


def _error_reply(message: str) -> dict[str, Any]:
    return {"protocol": PROTOCOL, "report": "", "status": 2, "messages": [message]}


def handle_request(payload: Any) -> dict[str, Any]:
    """Answer one decoded request; never raises."""
    from msglint.runner import CheckRequest, run_check

    if not isinstance(payload, dict) or payload.get("protocol") != PROTOCOL:
        return _error_reply("server: malformed request (protocol mismatch)")
    if payload.get("command") != "check" or not isinstance(payload.get("request"), dict):
        return _error_reply("server: malformed request (unknown command)")
    try:
        raw_stdin = payload.get("stdin")
        stdin = base64.b64decode(raw_stdin) if raw_stdin is not None else None
        request = CheckRequest.from_wire(payload["request"], stdin)
        with _CHECK_LOCK:
            report, status, messages = run_check(request)
    except MsglintError as error:
        return _error_reply(str(error))
    except (TypeError, ValueError, KeyError) as error:
        return _error_reply(f"server: malformed request ({error})")
    except Exception as error:  # a crashing request must not take the server down
        return _error_reply(f"server: internal error: {error.__class__.__name__}: {error}")
    return {"protocol": PROTOCOL, "report": report, "status": status, "messages": messages}


class _Handler(socketserver.BaseRequestHandler):
    server: MsglintServer

    def handle(self) -> None:
        self.server.touch()
        sock: socket.socket = self.request
        sock.settimeout(self.server.read_timeout)
        try:
            payload = recv_frame(sock, self.server.max_request_bytes)
        except ValueError as error:
            reply = _error_reply(f"server: request refused: {error}")
        except RecursionError:
            reply = _error_reply("server: request refused: JSON nested too deeply")
        except (OSError, ConnectionError, UnicodeDecodeError):
            return  # the client went away mid-request
        else:
            reply = handle_request(payload)
        with contextlib.suppress(OSError):
            send_frame(sock, reply)
        self.server.touch()


class MsglintServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = False
    # Hooks fire together (a mail client flushing its outbox): queue them rather
    # than refuse; checks run one at a time anyway.
    request_queue_size = 128

    def __init__(self, path: str, max_request_bytes: int, read_timeout: float = 30.0) -> None:
        self.path = path
        self.max_request_bytes = max_request_bytes
        self.read_timeout = read_timeout
        self.last_activity = time.monotonic()
        _claim_socket_path(path)
        old_umask = os.umask(0o177)
        try:
            super().__init__(path, _Handler)
        finally:
            os.umask(old_umask)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def server_close(self) -> None:
        super().server_close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


def _claim_socket_path(path: str) -> None:
    """Remove a stale socket; refuse when a live server or another file is there."""
    target = Path(path)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return
    if not stat.S_ISSOCK(target.stat().st_mode):
        raise MsglintError(path, "exists and is not a socket")
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
    except OSError:
        target.unlink()  # stale: nobody listens
        return
    finally:
        probe.close()
    raise MsglintError(path, "a server is already listening on this socket")


def warm_up() -> None:
    """Load every pack's pipeline and lazy tables once, so the first check is fast."""
    from msglint.analysis import analyze_many
    from msglint.config import load_config
    from msglint.engine import check
    from msglint.inputs import Source, parse
    from msglint.lang import available_languages, get_pack

    samples = {
        code: get_pack(code).settings.get("warm_up", "Warm-up").encode("utf-8")
        for code in available_languages()
    }
    config = load_config(None, None)
    messages = [
        parse(data, Source(f"warm-{lang}.txt", "text"), None) for lang, data in samples.items()
    ]
    for analysis in analyze_many(messages, list(samples), None):
        check(analysis, config)


def serve(
    path: str, idle_timeout: float | None, max_request_bytes: int, quiet: bool = False
) -> int:
    """Run the server until SIGTERM/SIGINT or the idle timeout; return the exit status."""
    stop = threading.Event()

    def request_stop(*_: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server = MsglintServer(path, max_request_bytes)
    try:
        warm_up()
        if stop.is_set():
            return 0
        loop = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        )
        loop.start()
        if not quiet:
            print(f"msglint: serving on {path} (pid {os.getpid()})", file=sys.stderr, flush=True)
        server.touch()
        while not stop.wait(0.5):
            if idle_timeout and time.monotonic() - server.last_activity > idle_timeout:
                if not quiet:
                    print("msglint: idle timeout, shutting down", file=sys.stderr, flush=True)
                break
        server.shutdown()
    finally:
        server.server_close()
    return 0
