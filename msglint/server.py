"""``msglint serve``: keep the pipelines warm and answer checks on a Unix socket.

The socket is created with permissions 0600 (only its owner may connect) and
never listens on the network. Each connection carries one request (see
:mod:`msglint.client`); requests are read concurrently and checked one at a
time, since spaCy pipelines are not meant to be shared across threads, in a
worker process recycled before it grows (see :mod:`msglint.server_worker`). A
request over the size limit, a malformed one or one that crashes gets an error
reply and the server carries on. SIGTERM and SIGINT shut it down cleanly and
remove the socket; ``--idle-timeout`` does the same after a quiet period.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
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
from msglint.server_worker import DEFAULT_MAX_MB, DEFAULT_MAX_REQUESTS, Workers

_CHECK_LOCK = threading.Lock()
_WORKERS = Workers()


def _error_reply(message: str) -> dict[str, Any]:
    return {"protocol": PROTOCOL, "report": "", "status": 2, "messages": [message]}


def handle_request(payload: Any) -> dict[str, Any]:
    """Answer one decoded request; never raises. Checks run in the worker process."""
    if not isinstance(payload, dict) or payload.get("protocol") != PROTOCOL:
        return _error_reply("server: malformed request (protocol mismatch)")
    if payload.get("command") != "check" or not isinstance(payload.get("request"), dict):
        return _error_reply("server: malformed request (unknown command)")
    with _CHECK_LOCK:
        return _WORKERS.run(payload)


def answer(payload: dict[str, Any]) -> dict[str, Any]:
    """Run one well-formed request in this process; never raises."""
    from msglint.runner import CheckRequest, run_check

    try:
        raw_stdin = payload.get("stdin")
        stdin = base64.b64decode(raw_stdin) if raw_stdin is not None else None
        request = CheckRequest.from_wire(payload["request"], stdin)
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
        self.lock = _take_lock(path)
        try:
            _claim_socket_path(path)
            old_umask = os.umask(0o177)
            try:
                super().__init__(path, _Handler)
            finally:
                os.umask(old_umask)
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
            info = os.lstat(path)
            self.identity = (info.st_dev, info.st_ino)  # the socket we created, no other
        except BaseException:
            os.close(self.lock)
            raise

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def server_close(self) -> None:
        super().server_close()
        with contextlib.suppress(OSError):
            info = os.lstat(self.path)
            if (info.st_dev, info.st_ino) == self.identity:
                os.unlink(self.path)  # never a socket some other server put there since
        with contextlib.suppress(OSError):
            os.close(self.lock)


def _take_lock(path: str) -> int:
    """Hold ``PATH.lock`` while serving: two servers starting together cannot both bind.

    The loser used to unlink the winner's socket on a failed bind, leaving
    the winner listening on a path that no longer existed.
    """
    folder = Path(path).parent
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(f"{path}.lock", flags, 0o600)
    except OSError as exc:
        raise MsglintError(f"{path}.lock", f"cannot lock: {exc.strerror or exc}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise MsglintError(path, "another msglint server is starting or serving here") from None
    return handle


def _claim_socket_path(path: str) -> None:
    """Remove our own stale socket; refuse anything else that is there.

    Called with the lock held. A symlink (dangling or not), another user's
    socket or any other file is not ours to delete.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise MsglintError(path, "is a symbolic link, not a socket of ours (left in place)")
    if not stat.S_ISSOCK(info.st_mode):
        raise MsglintError(path, "exists and is not a socket")
    if info.st_uid != os.getuid():
        raise MsglintError(path, f"a socket of another user (uid {info.st_uid}) is there")
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
    except OSError:
        os.unlink(path)  # stale: ours, and nobody listens
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
    path: str,
    idle_timeout: float | None,
    max_request_bytes: int,
    quiet: bool = False,
    recycle_requests: int = DEFAULT_MAX_REQUESTS,
    recycle_mb: int = DEFAULT_MAX_MB,
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
        _WORKERS.enable(recycle_requests, recycle_mb)  # checks run in a recycled child
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
        with _CHECK_LOCK:
            _WORKERS.stop()
    return 0
