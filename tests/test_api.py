"""The public Python API: msglint.check / fix / Linter, and docs/api.md's examples."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import msglint

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-14T09:00:00+01:00"


def test_docs_api_examples_run() -> None:
    """Every example of docs/api.md runs and prints what the page says."""
    failures, tried = doctest.testfile(
        str(ROOT / "docs" / "api.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert tried > 10
    assert failures == 0


def test_module_docstring_examples_run() -> None:
    import msglint.api

    for module in (msglint, msglint.api):
        assert doctest.testmod(module).failed == 0


def test_public_names_are_exactly_the_api() -> None:
    assert sorted(msglint.__all__) == sorted(
        [
            "check",
            "fix",
            "Linter",
            "Result",
            "Finding",
            "Fix",
            "Edit",
            "MsglintError",
            "ConfigError",
            "InputError",
            "FixError",
        ]
    )
    for name in msglint.__all__:
        assert getattr(msglint, name).__doc__
    assert (ROOT / "msglint" / "py.typed").is_file()
    assert issubclass(msglint.ConfigError, msglint.MsglintError)
    assert issubclass(msglint.InputError, msglint.MsglintError)


def test_the_issue_one_liner_works() -> None:
    code = (
        "import msglint; r = msglint.check('Subject: Quick question\\n\\nURGENT!!! can you "
        "send the figures ASAP??', lang='en'); print(r.score, [f.code for f in r.findings])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    score, codes = out.stdout.split(" ", 1)
    assert 0 <= float(score) <= 100
    assert "DL02" in codes and "SJ02" in codes


def test_to_dict_is_the_json_report_entry(tmp_path: Path) -> None:
    """result.to_dict() equals the CLI's --format json entry for the same file."""
    source = ROOT / "examples" / "bad-fr.eml"
    result = msglint.check(source, now=NOW)
    out = subprocess.run(
        [sys.executable, "-m", "msglint", "check", str(source), "--format", "json", "--now", NOW],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    entry = json.loads(out.stdout)["results"][0]
    assert json.loads(json.dumps(result.to_dict())) == entry
    assert result.language == "fr" and result.kind == "email"
    assert result.asks and result.deadlines


def test_bytes_and_paths_are_the_same_input() -> None:
    path = ROOT / "examples" / "bad-en.eml"
    by_path = msglint.check(path, now=NOW)
    by_str = msglint.check(
        str(path.relative_to(ROOT)) if Path.cwd() == ROOT else str(path), now=NOW
    )
    by_bytes = msglint.check(path.read_bytes(), now=NOW)
    assert [f.code for f in by_path.findings] == [f.code for f in by_bytes.findings]
    assert by_path.score == by_str.score == by_bytes.score
    assert by_bytes.path == "<bytes>"


def test_errors_are_msglint_errors(tmp_path: Path) -> None:
    with pytest.raises(msglint.InputError, match="cannot read"):
        msglint.check("no-such-draft.eml")
    with pytest.raises(msglint.ConfigError, match="lang"):
        msglint.check("Hello", lang="de")
    with pytest.raises(msglint.ConfigError, match="now"):
        msglint.check("Hello", now="yesterday")
    with pytest.raises(msglint.InputError, match="empty"):
        msglint.check("   ")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(msglint.InputError, match="binary"):
        msglint.check(binary)
    with pytest.raises(msglint.InputError, match="expected text"):
        msglint.check(42)  # type: ignore[arg-type]


def test_linter_reuses_config_and_keeps_going(tmp_path: Path) -> None:
    config = tmp_path / "msglint.toml"
    config.write_text('ignore = ["TN", "SJ"]\n', encoding="utf-8")
    linter = msglint.Linter(config=config, lang="en", now=NOW)
    draft = "Subject: HELLO!!!\n\nPLEASE SEND THE FIGURES by Friday!!!"
    results = linter.check_many([draft, tmp_path / "missing.eml", draft.encode()])
    assert isinstance(results[1], msglint.MsglintError)
    for result in (results[0], results[2]):
        assert not any(f.family in ("tone", "subject") for f in result.findings)
    assert linter.check(draft).score == results[0].score


def test_fix_text_is_idempotent() -> None:
    draft = (
        "Subject: Budget figures\n\nHi Anna,\n\nIn order to close the books, could you "
        "basically send the budget by Friday 5 pm CET? Thanks!!"
    )
    once = msglint.fix(draft, lang="en", now=NOW)
    assert isinstance(once, str)
    assert "In order to" not in once and "!!" not in once and "basically" not in once
    assert msglint.fix(once, lang="en", now=NOW) == once


def test_package_data_ships_every_data_file() -> None:
    """`pip install .` (not editable) must carry every lexicon, template and schema."""
    import fnmatch
    import re

    from rule_cases import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["msglint"]
    tracked = subprocess.run(
        ["git", "ls-files", "msglint"], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    data_files = [f.removeprefix("msglint/") for f in tracked if not f.endswith(".py")]
    assert data_files

    def covered(name: str) -> bool:
        # setuptools globs: "*" stays within one folder
        return any(
            re.fullmatch(fnmatch.translate(p).replace(".*", "[^/]*"), name) for p in patterns
        )

    assert [f for f in data_files if not covered(f)] == []
