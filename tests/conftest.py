"""Shared fixtures: the real pipelines, loaded once per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None
):
    """Run ``python -m msglint`` as a user would; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", "msglint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )


def run_inprocess(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    """Run ``msglint`` in this process (pipelines stay loaded between calls).

    Same entry point and error handling as the command (``msglint.cli.main``),
    with stdin, stdout and stderr captured as bytes: most end-to-end tests use
    this, a few run the real executable through ``run_cli``.
    """
    import io
    import os

    from msglint.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    saved = sys.stdin, sys.stdout, sys.stderr
    previous = os.getcwd()
    sys.stdin, sys.stdout, sys.stderr = streams
    code = 0
    try:
        os.chdir(cwd or ROOT)
        main(list(args))
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(previous)
        for stream in streams:
            stream.flush()
            stream.detach()  # keep the byte buffers open for reading
    return subprocess.CompletedProcess(["msglint", *args], code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
