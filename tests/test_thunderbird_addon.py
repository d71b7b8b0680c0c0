"""The Thunderbird add-on (integrations/thunderbird/) against the real native host.

The add-on's own request/threshold/fix logic (logic.js, run by node) talks to
a real ``msglint native-host`` subprocess with native-messaging framing, as
Thunderbird does: an HTML draft that says "see attached" with nothing
attached is held at the default threshold, the wordy phrase's span points at
the right text of the HTML source, and its fix rewrites the body.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import need_program

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "integrations" / "thunderbird"


def test_addon_logic_against_the_real_native_host() -> None:
    node = need_program("node")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [node, str(ADDON / "test" / "host_e2e.js"), sys.executable, "-m", "msglint", "native-host"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    assert "CL04" in result["blocking"]  # mentions an attachment, none attached: held
    assert result["flagged"] == "in order to"
    assert "the report to close the quarter" in result["changed"]["body"]
    assert "CN04" not in result["after"] and "CL04" not in result["after"]


def test_manifest_declares_the_ids_the_host_allows() -> None:
    from msglint import native_install

    manifest = json.loads((ADDON / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["browser_specific_settings"]["gecko"]["id"] == native_install.GECKO_EXTENSION_ID
    assert {"compose", "nativeMessaging", "storage"} <= set(manifest["permissions"])
    browser = json.loads((ROOT / "integrations" / "browser" / "manifest.json").read_text())
    assert browser["key"] == native_install.CHROMIUM_EXTENSION_KEY
    assert browser["permissions"] == ["nativeMessaging"]
    assert "host_permissions" not in browser
