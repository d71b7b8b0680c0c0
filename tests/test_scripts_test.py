"""scripts/test: README's test command, on a machine with or without the programs it drives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "test"
NEEDS_ABSENT = """
from conftest import need_program


def test_drives_a_program_nobody_has():
    need_program("msglint-no-such-program")


def test_plain():
    assert True
"""


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = dict(
        os.environ,
        PYTHON=sys.executable,
        MSGLINT_NO_INSTALL="1",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
        **env,
    )
    full_env.pop(
        "MSGLINT_REQUIRE_PROGRAMS", None
    ) if "MSGLINT_REQUIRE_PROGRAMS" not in env else None
    return subprocess.run(
        [str(SCRIPT), *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )


def test_missing_program_is_one_loud_line_and_the_run_passes(tmp_path: Path) -> None:
    test_file = tmp_path / "test_needs.py"
    test_file.write_text(NEEDS_ABSENT, encoding="utf-8")
    done = _run(tmp_path, "-p", "conftest", "-q", str(test_file))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if "NOT RUN:" in line]
    assert len(lines) == 1
    assert "1 end-to-end test(s) skipped, missing msglint-no-such-program" in lines[0]


def test_strict_mode_fails_instead_of_skipping(tmp_path: Path) -> None:
    test_file = tmp_path / "test_needs.py"
    test_file.write_text(NEEDS_ABSENT, encoding="utf-8")
    done = _run(tmp_path, "-p", "conftest", "-q", str(test_file), MSGLINT_REQUIRE_PROGRAMS="1")
    assert done.returncode == 1 and "forbids skipping" in done.stdout


def test_no_tests_collected_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "test_nothing.py").write_text("x = 1\n", encoding="utf-8")
    done = _run(tmp_path, "-q", str(tmp_path / "test_nothing.py"))
    assert done.returncode == 1 and "collected no tests" in done.stderr
