"""Talk to a warm ``msglint serve`` over its Unix socket (standard library only).

A pre-send hook pays for Python's start-up and this module, nothing more: the
server holds the spaCy pipelines. Messages are length-prefixed JSON: a 4-byte
big-endian length, then UTF-8 JSON. Standard input travels base64-encoded.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import stat
import struct
import time
from typing import Any

PROTOCOL = 1
SOCKET_ENV = "MSGLINT_SOCKET"
_HEADER = struct.Struct(">I")
_CREDENTIALS = struct.Struct("3i")  # struct ucred: pid, uid, gid


class ServerUnavailable(Exception):
    """No server answered on the socket (not running, stale socket, refused)."""


def default_socket() -> str | None:
    """The socket named by ``$MSGLINT_SOCKET``, if any."""
    return os.environ.get(SOCKET_ENV) or None


def check_socket_owner(path: str) -> None:
    """Refuse a socket another user owns or may write to: a draft goes to our own server only.

    Another local user listening at the path would receive the draft and
    could answer "status 0" to let a bad one through.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ServerUnavailable(f"{path}: {exc.strerror or exc}") from None
    if not stat.S_ISSOCK(info.st_mode):
        raise ServerUnavailable(f"{path}: not a socket")
    if info.st_uid != os.getuid():
        raise ServerUnavailable(f"{path}: owned by another user (uid {info.st_uid}), not used")
    if info.st_mode & 0o077:
        raise ServerUnavailable(f"{path}: open to other users (mode {info.st_mode & 0o777:o})")


def check_peer(sock: socket.socket, path: str) -> None:
    """The process listening must run as us (``SO_PEERCRED``, where the system has it)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:  # pragma: no cover - not Linux: the socket's owner was checked
        return
    _, uid, _ = _CREDENTIALS.unpack(sock.getsockopt(socket.SOL_SOCKET, option, _CREDENTIALS.size))
    if uid != os.getuid():
        raise ServerUnavailable(f"{path}: the server runs as another user (uid {uid}), not used")


def send_frame(sock: socket.socket, payload: dict[str, Any]) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    sock.sendall(_HEADER.pack(len(data)) + data)


def recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = []
    remaining = size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 16))
        if not chunk:
            raise ConnectionError("connection closed mid-message")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv_frame(sock: socket.socket, limit: int) -> dict[str, Any]:
    (size,) = _HEADER.unpack(recv_exact(sock, _HEADER.size))
    if size > limit:
        raise ValueError(f"message of {size} bytes exceeds the limit of {limit}")
    return json.loads(recv_exact(sock, size).decode("utf-8"))


def _connect(sock: socket.socket, path: str, timeout: float) -> None:
    """Connect, waiting while the server's queue is full.

    With a timeout set the socket is non-blocking, and a Unix socket whose
    listen queue is full answers EAGAIN at once instead of making us wait.
    """
    deadline = time.monotonic() + min(timeout, 10.0)
    delay = 0.005
    while True:
        try:
            sock.connect(path)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def check_remote(
    path: str, request: dict[str, Any], stdin: bytes | None, timeout: float = 120.0
) -> tuple[str, int, list[str]]:
    """Run a check on the server: report text, exit status, error lines."""
    payload = {
        "protocol": PROTOCOL,
        "command": "check",
        "request": request,
        "stdin": base64.b64encode(stdin).decode("ascii") if stdin is not None else None,
    }
    try:
        check_socket_owner(path)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            _connect(sock, path, timeout)
            check_peer(sock, path)
            send_frame(sock, payload)
            reply = recv_frame(sock, 1 << 30)
    except (FileNotFoundError, ConnectionRefusedError, ConnectionResetError) as exc:
        raise ServerUnavailable(f"{path}: {exc.strerror or exc}") from None
    except (OSError, ValueError, ConnectionError) as exc:
        raise ServerUnavailable(f"{path}: {exc}") from None
    if reply.get("protocol") != PROTOCOL or "status" not in reply:
        raise ServerUnavailable(f"{path}: unexpected reply from server")
    return str(reply.get("report", "")), int(reply["status"]), list(reply.get("messages", []))
