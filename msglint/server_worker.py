"""The server's check worker: a child process that runs checks, replaced before it grows.

spaCy's string store keeps every new word it has seen: a server answering
thousands of requests grew by about 47 KB a request, without a ceiling. So
checks do not run in the server itself but in one worker process forked from
it once its pipelines are warm (the fork shares them, nothing is reloaded).
After ``max_requests`` requests, or once the worker holds more than
``max_mb`` megabytes, it is retired and the next request gets a fresh fork:
the server's memory stays flat, and clients see the same answers.

Running in the worker's main thread, each message of a request gets its own
``time_budget_seconds`` watchdog (see :mod:`msglint.guard`). The watchdog is a
signal, and a signal cannot interrupt compiled code that never returns to
Python; so the worker also publishes which message it is on and when its
budget ends, and the server stops a worker still busy ``STUCK_GRACE`` seconds
past that: the request gets an error naming the message and the limit, the
other clients are served by a fresh worker. A worker that dies mid-request
costs that request an error reply; the next one forks anew.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from typing import Any

DEFAULT_MAX_REQUESTS = 1000
DEFAULT_MAX_MB = 1024
STUCK_GRACE = 5.0  # seconds past a message's budget before its worker is stopped
_PATH_BYTES = 1024


def resident_bytes(pid: int | None = None) -> int:
    """Resident memory of a process (this one by default), from ``/proc``; 0 if unknown."""
    try:
        with open(f"/proc/{pid or 'self'}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _Progress:
    """What the worker is checking, in memory shared with the server.

    ``due`` is the monotonic time (one clock for every process of the
    machine) at which the current message's budget ends; 0 when idle.
    """

    def __init__(self, context: Any) -> None:
        self.due = context.Value("d", 0.0, lock=False)
        self.budget = context.Value("d", 0.0, lock=False)
        self.path = context.Array("c", _PATH_BYTES, lock=False)

    def publish(self, path: str | None, budget: float) -> None:
        """Called by :mod:`msglint.guard` as each message starts and ends."""
        if path is None:
            self.due.value = 0.0
            return
        self.path.value = path.encode("utf-8", "replace")[: _PATH_BYTES - 1]
        self.budget.value = budget
        self.due.value = time.monotonic() + budget

    def overdue(self) -> bool:
        due = self.due.value
        return bool(due) and time.monotonic() > due + STUCK_GRACE

    def describe(self) -> str:
        path = self.path.value.decode("utf-8", "replace")
        return (
            f"{path}: took longer than limits.time_budget_seconds "
            f"({self.budget.value:g}) and could not be interrupted; the check was stopped"
        )


def _worker_main(conn: Any, progress: _Progress) -> None:
    """Answer requests from the server until it closes the pipe."""
    from msglint import guard
    from msglint.server import answer

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    guard.set_monitor(progress.publish)
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
        self._progress: _Progress | None = None

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
            while not self._conn.poll(0.25):
                if self._progress is not None and self._progress.overdue():
                    stuck = self._progress.describe()
                    self._process.kill()
                    self.stop()
                    return _error_reply(stuck)
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
        self._progress = _Progress(context)
        self._process = context.Process(
            target=_worker_main, args=(child, self._progress), daemon=True
        )
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
