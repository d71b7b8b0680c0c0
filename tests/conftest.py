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


# --- programs the end-to-end tests drive (scripts/install-test-programs installs them) ---

#: program -> how many tests could not run without it, for the summary line.
MISSING_PROGRAMS: dict[str, int] = {}
#: The Debian package of each program (scripts/install-test-programs installs the same list).
PROGRAM_PACKAGES = {
    "chromium": "chromium",
    "chromedriver": "chromium-driver",
    "neomutt": "neomutt",
    "nvim": "neovim",
    "node": "nodejs",
    "thunderbird": "thunderbird",
    "Xvfb": "xvfb",
    "xdotool": "xdotool",
    "xwd": "x11-apps",
}
STRICT_ENV = "MSGLINT_REQUIRE_PROGRAMS"


def need_program(name: str) -> str:
    """The path of ``name``, else skip the test (fail under ``MSGLINT_REQUIRE_PROGRAMS=1``).

    Every skip is counted and named in one loud line at the end of the run,
    so a machine without the program never passes silently.
    """
    import os
    import shutil

    found = shutil.which(name)
    if found:
        return found
    package = PROGRAM_PACKAGES.get(name, name)
    why = f"needs {name} (Debian package {package}; scripts/install-test-programs installs it)"
    if os.environ.get(STRICT_ENV) == "1":
        pytest.fail(f"{why}; {STRICT_ENV}=1 forbids skipping")
    MISSING_PROGRAMS[name] = MISSING_PROGRAMS.get(name, 0) + 1
    pytest.skip(why)


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """One loud line naming what was not run for want of a program."""
    if not MISSING_PROGRAMS:
        return
    total = sum(MISSING_PROGRAMS.values())
    parts = ", ".join(
        f"{name} ({count} test{'s' * (count != 1)}; apt-get install "
        f"{PROGRAM_PACKAGES.get(name, name)})"
        for name, count in sorted(MISSING_PROGRAMS.items())
    )
    terminalreporter.write_sep(
        "!", f"NOT RUN: {total} end-to-end test(s) skipped, missing {parts}", red=True, bold=True
    )
