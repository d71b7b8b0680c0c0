"""The add-ons' JavaScript under node's built-in test runner (``node --test``).

Browser extension: the text walk / offset mapping and the background worker
(mocked ``chrome``); Thunderbird add-on: its logic against a mocked
``messenger`` API. The real-browser and real-host tests are elsewhere
(test_browser_extension.py, test_thunderbird_addon.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import need_program

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("addon", ["browser", "thunderbird"])
def test_node_test_runner_passes(addon: str) -> None:
    node = need_program("node")
    folder = ROOT / "integrations" / addon / "test"
    if not any(folder.glob("*.test.js")):
        pytest.skip(f"no JavaScript tests in {folder}")
    run = subprocess.run(
        [node, "--test", *sorted(str(p) for p in folder.glob("*.test.js"))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout
