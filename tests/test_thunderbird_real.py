"""A real Thunderbird (Debian package) under Xvfb loads the add-on and holds a bad draft.

xdotool opens a compose window, types a draft that says "see attached" with
nothing attached (CL04, a warning: the default threshold), and presses
Ctrl+Return. The add-on's compose.onBeforeSend asks the real native host,
cancels the send and opens its popup: the compose window is still there and
a window titled "msglint: check before sending" lists the findings.
Clicking the popup's "Fix" on the generic subject rewrites the compose
window's subject (compose.setComposeDetails). MSGLINT_SCREENSHOTS=1 saves
docs/thunderbird-held-popup.png, -held-compose.png and -fixed-compose.png.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import need_program

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    for program in ("thunderbird", "Xvfb", "xdotool", "xwd"):
        need_program(program)
    from thunderbird_session import Session

    running = Session(tmp_path)
    try:
        yield running
    finally:
        running.stop()


def test_thunderbird_holds_a_bad_draft(session) -> None:  # type: ignore[no-untyped-def]
    main, _ = session.wait_window(lambda n: n.endswith("Mozilla Thunderbird"))
    time.sleep(8)  # let the add-on start
    session.xdotool("key", "--window", main, "ctrl+n")
    compose, _ = session.wait_window(lambda n: n.startswith("Write:"), 60)
    time.sleep(4)
    session.xdotool("windowactivate", "--sync", compose)
    session.xdotool("type", "--delay", "20", "anna@example.com")
    session.xdotool("key", "Return")
    session.xdotool("mousemove", "--window", compose, "495", "159", "click", "1")
    session.xdotool("type", "--delay", "20", "Quick question")
    session.xdotool("mousemove", "--window", compose, "400", "400", "click", "1")
    for n, line in enumerate(
        ["Hi Anna,", "", "We need the report. Please see attached.", "", "Lea"]
    ):
        if n:
            session.xdotool("key", "Return")
        if line:
            session.xdotool("type", "--delay", "15", line)
    session.xdotool("key", "ctrl+Return")
    popup, _ = session.wait_window(lambda n: "check before sending" in n, 120)
    time.sleep(2)
    titles = session.windows().values()
    assert any(t.startswith("Write: Quick question") for t in titles), titles  # not sent
    session.log.flush()
    log = (session.base / "thunderbird.log").read_text(encoding="utf-8", errors="replace")
    assert "Send aborted by an onBeforeSend event" in log
    assert "Sending failed" not in log and "No such native application" not in log
    if os.environ.get("MSGLINT_SCREENSHOTS") == "1":
        session.screenshot(popup, ROOT / "docs" / "thunderbird-held-popup.png")
        held = next(w for w, t in session.windows().items() if t.startswith("Write:"))
        session.screenshot(held, ROOT / "docs" / "thunderbird-held-compose.png")
    # "Fix" on SJ02 (the first finding): compose.setComposeDetails rewrites the subject.
    session.xdotool("windowactivate", "--sync", popup)
    session.xdotool("mousemove", "--window", popup, "160", "76", "click", "1")
    session.wait_window(lambda n: n.startswith("Write:") and "Quick question" not in n, 60)
    if os.environ.get("MSGLINT_SCREENSHOTS") == "1":
        compose = next(w for w, t in session.windows().items() if t.startswith("Write:"))
        session.screenshot(compose, ROOT / "docs" / "thunderbird-fixed-compose.png")
