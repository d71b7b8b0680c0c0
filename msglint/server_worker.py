"""The server's check worker: a child process that runs checks, replaced before it grows.

spaCy's string store keeps every new word it has seen: a server answering
thousands of requests grew by about 47 KB a request, without a ceiling. So
checks do not run in the server itself but in one worker process forked from
it once its pipelines are warm (the fork shares them, nothing is reloaded).
After ``max_requests`` requests, or once the worker holds more than
``max_mb`` megabytes, it is retired and the next request gets a fresh fork:
the server's memory stays flat, and clients see the same answers.

Running in the worker's main thread, each message of a request gets its own
``time_budget_seconds`` watchdog (see :mod:`msglint.guard`). A worker that
dies mid-request costs that request an error reply; the next one forks anew.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from typing import Any

DEFAULT_MAX_REQUESTS = 1000
DEFAULT_MAX_MB = 1024


def resident_bytes(pid: int | None = None) -> int:
    """Resident memory of a process (this one by default), from ``/proc``; 0 if unknown."""
    try:
        with open(f"/proc/{pid or 'self'}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _worker_main(conn: Any) -> None:
    """Answer requests from the server until it closes the pipe."""
    from msglint.server import answer

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    while True:
        try:
            payload = conn.recv()
        except (EOFError, OSError):
            return
        reply = answer(payload)
        conn.send((reply, resident_bytes()))


class Workers:
    """At most one live worker, forked on demand and recycled by count or size."""

    def __init__(self) -> None:
        self.max_requests = DEFAULT_MAX_REQUESTS
        self.max_bytes = DEFAULT_MAX_MB << 20
        self.enabled = False
        self.served = 0
        self.recycled = 0
        self._process: Any = None
        self._conn: Any = None

    def enable(self, max_requests: int, max_mb: int) -> None:
        """Fork workers from now on (call once the pipelines are warm)."""
        self.max_requests = max_requests
        self.max_bytes = max_mb << 20
        self.enabled = "fork" in multiprocessing.get_all_start_methods()

    def run(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The reply to one request (in the worker, or here when forking is not possible)."""
        from msglint.server import _error_reply, answer

        if not self.enabled:
            return answer(payload)
        if self._process is None or not self._process.is_alive():
            self._start()
        try:
            self._conn.send(payload)
            reply, size = self._conn.recv()
        except (EOFError, OSError) as error:
            self.stop()
            return _error_reply(f"server: internal error: the check worker stopped ({error!r})")
        self.served += 1
        if self.served >= self.max_requests or size > self.max_bytes:
            self.stop()  # the next request gets a fresh worker
            self.recycled += 1
        return reply  # type: ignore[no-any-return]

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        parent, child = context.Pipe()
        self._process = context.Process(target=_worker_main, args=(child,), daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        self.served = 0

    def stop(self) -> None:
        """Retire the worker (it finishes nothing: it is idle between requests)."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()
        if self._process is not None:
            self._process.join(timeout=2)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(timeout=2)
        self._process = self._conn = None

    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid
