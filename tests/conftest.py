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


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
