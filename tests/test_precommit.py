"""pre-commit and plain git hooks, run for real on a throwaway repository of Markdown documents.

The test copies this repository's ``.pre-commit-hooks.yaml`` into a small
committed "hook repository" (``pre-commit try-repo`` and a ``repo: /work/main``
config would both need the hooks file committed here, which a working copy
may not have) and points a consumer repository's ``.pre-commit-config.yaml``
at it, so pre-commit reads the very manifest that ships.

It runs the ``msglint-system`` hook: the ``language: python`` hook would have
pre-commit pip-install msglint with spaCy and both language pipelines into a
fresh environment — hundreds of MB and minutes, far too slow for the suite.
The two hooks differ only in how msglint is installed; a test keeps them in
step.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
RECIPES = ROOT / "docs" / "recipes.md"

GOOD_DOC = """\
# Onboarding a new virtual assistant

This guide explains how we hand over recurring tasks to a new assistant.
Keep it short and update it when the process changes.

## Before the first day

- Share the calendar and the shared inbox.
- Create an account in the password manager.
- Book a 30-minute call for the first morning.
"""
BAD_DOC = """\
# Notes

Hi team, so basically I was just wondering if maybe someone could have a look at the thing \
we discussed last week, because in order to finish the handover we need the numbers from \
finance, the updated slides from marketing and the signed contract from the client, and I \
think we should also review the budget again since the figures changed and the board meets \
soon, so please send everything ASAP to [NAME].
"""


def _env(home: Path) -> dict[str, str]:
    """A private HOME and pre-commit cache, git without user config, msglint on PATH."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("MSGLINT_", "GIT_", "PRE_COMMIT"))
    }
    env.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        NO_COLOR="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout.strip()


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A consumer repository with docs/good.md and docs/bad.md staged."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    env = _env(tmp_path / "home")
    (tmp_path / "home").mkdir()
    repo = tmp_path / "docs-repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "good.md").write_text(GOOD_DOC)
    (repo / "docs" / "bad.md").write_text(BAD_DOC)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", ".")
    return repo, env


def _hooks() -> dict[str, dict]:  # type: ignore[type-arg]
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text())}


def test_manifest_is_valid_for_pre_commit() -> None:
    proc = subprocess.run(
        [str(PRE_COMMIT), "validate-manifest", str(MANIFEST)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_python_and_system_hooks_stay_in_sync() -> None:
    hooks = _hooks()
    assert set(hooks) == {"msglint", "msglint-system"}
    python, system = hooks["msglint"], hooks["msglint-system"]
    assert python["language"] == "python" and system["language"] == "system"
    for hook in (python, system):
        assert hook["entry"] == "msglint check"
        assert hook["pass_filenames"] is True and hook["require_serial"] is True
    same = {
        "entry",
        "files",
        "types",
        "types_or",
        "exclude",
        "pass_filenames",
        "require_serial",
        "args",
    }
    assert {k: python.get(k) for k in same} == {k: system.get(k) for k in same}
    files = re.compile(python["files"])
    for name in ("docs/a.md", "notes.markdown", "draft.txt", "mail/draft.eml"):
        assert files.search(name), name
    for name in ("setup.py", "README.rst", "data.json"):
        assert not files.search(name), name


def test_pre_commit_runs_the_system_hook(
    workspace: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, env = workspace
    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    shutil.copy(MANIFEST, hook_repo / ".pre-commit-hooks.yaml")
    _git(hook_repo, env, "init", "-q")
    _git(hook_repo, env, "add", ".")
    _git(hook_repo, env, "commit", "-q", "-m", "hooks")
    rev = _git(hook_repo, env, "rev-parse", "HEAD")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: msglint-system\n"
    )
    _git(repo, env, "add", ".pre-commit-config.yaml")

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "run", "--files", *files],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    good = run("docs/good.md", ".pre-commit-config.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"msglint \(installed\)\.+Passed", good.stdout), good.stdout

    both = run("docs/good.md", "docs/bad.md")
    assert both.returncode == 1, both.stdout + both.stderr
    assert re.search(r"msglint \(installed\)\.+Failed", both.stdout), both.stdout
    assert "docs/bad.md:3:" in both.stdout and "CL05 [warning]" in both.stdout
    assert "docs/good.md: score" in both.stdout  # both files went to one msglint run
    assert "docs/good.md:" not in both.stdout.replace("docs/good.md: score", "")


def _recipe_git_hook() -> str:
    """The plain git hook script, exactly as docs/recipes.md gives it."""
    blocks = re.findall(r"```sh\n(.*?)```", RECIPES.read_text(), re.S)
    scripts = [block for block in blocks if "# .git/hooks/pre-commit" in block]
    assert len(scripts) == 1, "docs/recipes.md: expected one ```sh block for .git/hooks/pre-commit"
    return scripts[0]


def test_plain_git_hook_recipe(workspace: tuple[Path, dict[str, str]]) -> None:
    repo, env = workspace
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(_recipe_git_hook())
    hook.chmod(0o755)

    refused = subprocess.run(
        ["git", "commit", "-m", "docs"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "docs/bad.md:3:" in output and "CL05 [warning]" in output
    assert (
        subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=repo, env=env).returncode
        != 0
    )

    # No staged draft: the hook does not run msglint at all and the commit goes through.
    _git(repo, env, "rm", "-q", "--cached", "docs/good.md", "docs/bad.md")
    (repo / "tool.py").write_text("print('hi')\n")
    _git(repo, env, "add", "tool.py")
    _git(repo, env, "commit", "-q", "-m", "code only")
