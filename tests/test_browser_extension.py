"""The webmail extension (integrations/browser/) in a real headless Chromium.

Debian's Chromium loads the unpacked extension, the native host is installed
in the test profile's NativeMessagingHosts folder (the real ``msglint
native-host`` answers), and local pages that mimic the structure of Gmail's
and Outlook on the web's compose windows are served on loopback. Typing a bad
draft must show the findings beside the compose box, underline them, and
clicking a fix must edit the text. Screenshots go to docs/ when
MSGLINT_SCREENSHOTS=1.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import need_program

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "integrations" / "browser"
PAGES = EXTENSION / "test" / "pages"
DOCS = ROOT / "docs"


def _test_copy(dest: Path) -> Path:
    """The extension plus loopback matches: the shipped manifest names only the two sites."""
    ext = dest / "ext"
    shutil.copytree(EXTENSION, ext, ignore=shutil.ignore_patterns("test"))
    manifest = json.loads((ext / "manifest.json").read_text(encoding="utf-8"))
    manifest["content_scripts"][0]["matches"].append("http://127.0.0.1/*")
    (ext / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for name in ("gmail", "outlook"):
        path = ext / "sites" / f"{name}.js"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"hosts: \[", f'hosts: ["127.0.0.1/{name}/", ', text, count=1))
    return ext


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str]]:
    chromium = shutil.which("chromium-browser") or need_program("chromium")
    chromedriver = need_program("chromedriver")
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="needs the selenium package (pip install -e .[dev])"
    )
    base = tmp_path_factory.mktemp("webext")
    ext = _test_copy(base)
    profile = base / "profile"
    hosts = profile / "NativeMessagingHosts"
    hosts.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [
            *(sys.executable, "-m", "msglint", "install-native-host"),
            *("--browser", "chromium", "--target-dir", str(hosts)),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(PAGES))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        f"--user-data-dir={profile}",
        f"--load-extension={ext}",
        f"--disable-extensions-except={ext}",
        "--disable-features=DisableLoadExtensionCommandLineSwitch",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1100,800",
    ):
        options.add_argument(flag)
    options.add_experimental_option("excludeSwitches", ["disable-extensions"])
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        yield driver, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        driver.quit()
        server.shutdown()


def _wait(driver: object, condition: str, timeout: float = 90.0) -> object:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.3).until(
        lambda d: d.execute_script(f"return {condition};")
    )


def _type(element: object, text: str) -> None:
    from selenium.webdriver.common.keys import Keys

    for n, line in enumerate(text.split("\n")):
        if n:
            element.send_keys(Keys.ENTER)
        if line:
            element.send_keys(line)


CASES = {
    "gmail": (
        "input[name='subjectbox']",
        "div[aria-label='Message Body']",
        "Quick question",
        "Hi Anna,\n\nWe need the report in order to close the quarter. "
        "Can you send it ASAP?\n\nThanks,\nLea",
        "in order to",
        "to close",
    ),
    "outlook": (
        "input[aria-label='Add a subject']",
        "div[aria-label='Message body']",
        "URGENT",
        "Bonjour Marc,\n\nPourriez-vous m'envoyer le rapport afin de pouvoir clôturer "
        "le trimestre ? Merci de faire au plus vite.\n\nCordialement,\nLéa",
        "afin de pouvoir",
        "pour clôturer",
    ),
}


@pytest.mark.parametrize("site", sorted(CASES))
def test_bad_draft_shows_findings_and_a_fix_edits_it(browser: tuple, site: str) -> None:
    from selenium.webdriver.common.by import By

    driver, base = browser
    subject_css, body_css, subject, draft, wordy, fixed = CASES[site]
    driver.get(f"{base}/{site}/compose.html")
    _wait(driver, "document.querySelector('.msglint-panel') !== null", 30)
    driver.find_element(By.CSS_SELECTOR, subject_css).send_keys(subject)
    body = driver.find_element(By.CSS_SELECTOR, body_css)
    body.click()
    _type(body, draft)
    _wait(driver, "document.querySelector('.msglint-finding[data-code=\"CN04\"]') !== null")
    codes = driver.execute_script(
        "return [...document.querySelectorAll('.msglint-finding')].map(e => e.dataset.code);"
    )
    assert {"CN04", "DL02", "SJ02"} <= set(codes), codes
    score = driver.execute_script("return document.querySelector('.msglint-panel').dataset.score;")
    assert score is not None and 0 <= int(score) <= 100
    underlined = driver.execute_script(
        "const h = CSS.highlights.get('msglint-info'); return h ? h.size : 0;"
    )
    assert underlined >= 2  # CN04 and DL02 at least
    if os.environ.get("MSGLINT_SCREENSHOTS") == "1":
        driver.save_screenshot(str(DOCS / f"browser-{site}-findings.png"))
    assert wordy in driver.execute_script("return arguments[0].innerText;", body)
    driver.find_element(
        By.CSS_SELECTOR, ".msglint-finding[data-code='CN04'] button.msglint-fix-safe"
    ).click()
    text = driver.execute_script("return arguments[0].innerText;", body)
    assert wordy not in text and fixed in text, text
    assert draft.split("\n")[0] in text and draft.split("\n")[-1] in text  # nothing else moved
    # The draft is checked again: the wordy phrase is no longer flagged.
    _wait(driver, "document.querySelector('.msglint-finding[data-code=\"CN04\"]') === null")
    assert driver.execute_script(
        "return document.querySelector('.msglint-finding[data-code=\"DL02\"]') !== null;"
    )
    if os.environ.get("MSGLINT_SCREENSHOTS") == "1":
        driver.save_screenshot(str(DOCS / f"browser-{site}-fixed.png"))
