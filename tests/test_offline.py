"""Offline by construction: msglint never opens a network connection.

The end-to-end commands run in child processes where a ``sitecustomize.py``
(first on ``PYTHONPATH``) replaces :class:`socket.socket`,
:func:`socket.create_connection`, :func:`socket.getaddrinfo` and the other
name-resolution functions: any socket that is not ``AF_UNIX`` and any name
look-up raises and is recorded in a log file. The commands must succeed and
the log must hold no attempt. A control run checks that the guard does block.

One attempt is expected and tolerated (blocked all the same): ``import spacy``
imports ``spacy.cli.download``, hence ``requests`` and ``urllib3``, whose
``urllib3.util.connection._has_ipv6`` creates an ``AF_INET6`` socket at import
time to probe IPv6 support (a bind to ``::1``, nothing sent). It is logged as
``import-probe`` and ignored; anything else fails the test.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

NOW = "2026-12-14T09:00:00+01:00"

GUARD = textwrap.dedent(
    """
    # Installed by tests/test_offline.py: no socket but AF_UNIX, no name look-up.
    import os
    import socket

    _LOG = os.environ["MSGLINT_NET_LOG"]


    class NetworkBlocked(OSError):
        pass


    def _refuse(what):
        import traceback

        frames = traceback.extract_stack()
        probe = any(f.name == "_has_ipv6" and "urllib3" in f.filename for f in frames)
        caller = next((f"{f.filename}:{f.lineno}" for f in reversed(frames[:-2])), "?")
        with open(_LOG, "a", encoding="utf-8") as log:
            tag = "import-probe" if probe else "ATTEMPT"
            log.write(f"{tag} pid={os.getpid()} {what} from {caller}\\n")
        raise NetworkBlocked(f"network access blocked by the offline test: {what}")


    _Socket = socket.socket


    class GuardedSocket(_Socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family != socket.AF_UNIX:
                _refuse(f"socket(family={family!r}, type={type!r})")
            super().__init__(family, type, proto, fileno)


    def _blocked(name):
        def refuse(*args, **kwargs):
            _refuse(f"{name}{args!r}")
        return refuse


    socket.socket = GuardedSocket
    socket.SocketType = GuardedSocket
    for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
                  "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "fromfd"):
        setattr(socket, _name, _blocked(_name))
    """
)

# Runs several commands in one guarded interpreter, so the pipelines load once.
DRIVER = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from msglint.cli import main

    results = []
    for args in json.loads(sys.argv[1]):
        out, err = io.StringIO(), io.StringIO()
        code = 0
        if "-" in args:  # stdin: the draft named by the argument after "--stdin-from"
            source = args.pop(args.index("--stdin-from") + 1)
            args.remove("--stdin-from")
            sys.stdin = io.TextIOWrapper(io.BytesIO(open(source, "rb").read()))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(args)
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        results.append(
            {"args": args, "status": code, "stdout": out.getvalue(), "stderr": err.getvalue()}
        )
    json.dump(results, sys.stdout)
    """
)


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path, Path]:
    folder = tmp_path_factory.mktemp("offline")
    hooks = folder / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = folder / "network.log"
    env = dict(os.environ, PYTHONPATH=str(hooks), MSGLINT_NET_LOG=str(log), NO_COLOR="1")
    env.pop("MSGLINT_SOCKET", None)
    return env, log, folder


def _attempts(log: Path) -> list[str]:
    """Logged attempts, except urllib3's import-time IPv6 probe (see the module docstring)."""
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [line for line in lines if not line.startswith("import-probe ")]


def test_the_guard_blocks_and_records(guard) -> None:  # type: ignore[no-untyped-def]
    env, _log, folder = guard
    probe = textwrap.dedent(
        """
        import socket
        for attempt in (lambda: socket.create_connection(("192.0.2.1", 80), timeout=1),
                        lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
                        lambda: socket.socket(),
                        lambda: socket.getaddrinfo("example.com", 443)):
            try:
                attempt()
            except OSError as exc:
                assert "blocked" in str(exc), exc
            else:
                raise SystemExit("not blocked")
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()  # allowed
        print("ok")
        """
    )
    control_log = folder / "control.log"
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True,
        env=dict(env, MSGLINT_NET_LOG=str(control_log)),
        timeout=60,
    )  # fmt: skip
    assert proc.stdout.strip() == b"ok", proc.stderr.decode()
    assert len(_attempts(control_log)) == 4


def test_commands_run_offline(guard) -> None:  # type: ignore[no-untyped-def]
    env, log, folder = guard
    html = folder / "report.html"
    commands = [
        ["check", str(EXAMPLES), "--now", NOW, "--fail-on", "never"],
        ["check", str(EXAMPLES), "--format", "json", "--now", NOW],
        ["check", str(EXAMPLES), "--format", "sarif", "--now", NOW],
        ["check", str(EXAMPLES), "--format", "github", "--now", NOW],
        ["check", str(EXAMPLES), "--format", "html", "-o", str(html), "--now", NOW],
        [
            "check",
            str(EXAMPLES / "bad-en.eml"),
            "--socket",
            str(folder / "none.sock"),
        ],  # falls back in-process
        [
            "check",
            "-",
            "--stdin-from",
            str(EXAMPLES / "good-fr.eml"),
            "--format",
            "json",
            "--now",
            NOW,
        ],
        ["inspect", str(EXAMPLES), "--format", "json", "--now", NOW],
        ["inspect", str(EXAMPLES / "bad-fr.eml")],
        ["rules"],
        ["rules", "AK02", "--lang", "fr"],
        ["rules", "--format", "json"],
    ]
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(commands)],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert _attempts(log) == [], _attempts(log)
    for run in json.loads(proc.stdout):
        assert "Traceback" not in run["stderr"] and "internal error" not in run["stderr"], run
        assert "blocked" not in run["stderr"] + run["stdout"], run
        expected = (0, 1) if run["args"][0] == "check" else (0,)
        assert run["status"] in expected, run
        if "-o" not in run["args"]:
            assert run["stdout"], run
    report = html.read_text(encoding="utf-8")
    # self-contained: nothing fetched when the report is opened
    assert not re.search(
        r"""<(script|img|link|iframe)[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", report, re.I
    )
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", report, re.I)
    assert not re.search(r"@import", report, re.I)


def test_entry_point_with_worker_processes_runs_offline(guard) -> None:  # type: ignore[no-untyped-def]
    env, log, _ = guard
    proc = subprocess.run(
        [sys.executable, "-m", "msglint", "check", str(EXAMPLES), "--jobs", "2", "--format", "json",
         "--now", NOW],
        capture_output=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr.decode()
    assert len(json.loads(proc.stdout)["results"]) >= 8
    assert _attempts(log) == [], _attempts(log)


def test_server_runs_offline(guard) -> None:  # type: ignore[no-untyped-def]
    """``msglint serve`` listens on a Unix socket only, and a client reaches it that way."""
    env, log, folder = guard
    path = folder / "offline.sock"
    server = subprocess.Popen(
        [sys.executable, "-m", "msglint", "serve", "--socket", str(path)],
        env=env, cwd=ROOT, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert server.stderr is not None
        line = server.stderr.readline()  # "serving on …" once warm
        assert b"serving on" in line, line + server.stderr.read()
        proc = subprocess.run(
            [sys.executable, "-m", "msglint", "check", str(EXAMPLES / "good-en.eml"),
             "--socket", str(path), "--require-server"],
            capture_output=True, env=env, cwd=ROOT, timeout=120,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr.decode()
    finally:
        server.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30
        while server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0
    assert _attempts(log) == [], _attempts(log)
