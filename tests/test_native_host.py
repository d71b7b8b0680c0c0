"""The native messaging host, driven as a browser drives it: a real subprocess, real framing."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from msglint.native_install import (
    CHROMIUM_EXTENSION_ID,
    CHROMIUM_EXTENSION_KEY,
    GECKO_EXTENSION_ID,
    HOST_NAME,
    chromium_extension_id,
)

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-14T09:00:00+01:00"
MAX_BYTES = 20_000


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **extra)
    env.pop("MSGLINT_SOCKET", None)
    return env


class Host:
    """A running ``msglint native-host`` and the browser side of its pipe."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env or _env(),
            cwd=ROOT,
        )

    def send_raw(self, data: bytes, length: int | None = None) -> None:
        assert self.process.stdin is not None
        size = len(data) if length is None else length
        self.process.stdin.write(struct.pack("=I", size) + data)
        self.process.stdin.flush()

    def receive(self) -> dict:
        assert self.process.stdout is not None
        header = self.process.stdout.read(4)
        assert len(header) == 4, self.process.stderr.read().decode() if header == b"" else header
        (size,) = struct.unpack("=I", header)
        return json.loads(self.process.stdout.read(size).decode("utf-8"))

    def ask(self, request: dict | bytes) -> dict:
        self.send_raw(request if isinstance(request, bytes) else json.dumps(request).encode())
        return self.receive()

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        code = self.process.wait(timeout=60)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory):
    config = tmp_path_factory.mktemp("host") / "msglint.toml"
    config.write_text(f"[limits]\nmax_bytes = {MAX_BYTES}\n", encoding="utf-8")
    running = Host(
        [sys.executable, "-m", "msglint", "native-host", "--config", str(config), "chrome-x://"]
    )
    yield running
    assert running.close() == 0


def _finding(reply: dict, code: str) -> dict:
    return next(f for f in reply["findings"] if f["code"] == code)


def _utf16_slice(text: str, span: dict) -> str:
    units = text.encode("utf-16-le")
    return units[2 * span["start"] : 2 * span["end"]].decode("utf-16-le")


def test_ping_answers_with_version(host: Host) -> None:
    assert host.ask({"ping": True, "id": "p"}) == {
        "pong": True,
        "version": "0.1.0",
        "protocol": 1,
        "id": "p",
    }


def test_bad_draft_gets_findings_with_spans_into_the_text_as_sent(host: Host) -> None:
    # An emoji before the finding: spans count UTF-16 units, as JavaScript does.
    body = (
        "Hi 😀 team,\r\n\r\nURGENT!!! can you send the figures ASAP??\r\n\r\n> old quoted text\r\n"
    )
    reply = host.ask({"id": 7, "subject": "Quick question", "body": body, "now": NOW})
    assert reply["id"] == 7 and reply["language"] == "en" and reply["grade"] in "ABCDF"
    dl02 = _finding(reply, "DL02")
    assert dl02["span"]["field"] == "body" and _utf16_slice(body, dl02["span"]) == "ASAP"
    sj02 = _finding(reply, "SJ02")
    assert _utf16_slice("Quick question", sj02["span"]) == "Quick question"
    assert sj02["fix"]["edits"][0]["span"] == {"field": "subject", "start": 0, "end": 14}
    # The quoted history is not linted.
    assert all("old" not in _utf16_slice(body, f["span"]) for f in reply["findings"] if f["span"])


def test_fix_edits_apply_to_the_body_as_sent(host: Host) -> None:
    sentence = "finalise the contract, could you sign page 4 by Thursday 5 pm CET? Thanks"
    body = f"Hi Marc,\n\nIn order to {sentence}!!"
    reply = host.ask({"subject": "Signature for the Dupont contract", "body": body, "now": NOW})
    fixed = body
    edits = [
        e["span"] | {"content": e["content"]}
        for f in reply["findings"]
        if f["fix"] and f["fix"]["applicability"] == "safe"
        for e in f["fix"]["edits"]
    ]
    for edit in sorted(edits, key=lambda e: e["start"], reverse=True):
        fixed = fixed[: edit["start"]] + edit["content"] + fixed[edit["end"] :]
    assert fixed == f"Hi Marc,\n\nTo {sentence}!"


def test_html_body_spans_point_into_the_html(host: Host) -> None:
    body = (
        "<html><head><title>Draft</title></head><body><p>Hi &amp; welcome,</p>"
        "<p>can you send the figures <b>ASAP</b>?</p>"
        "<blockquote>Old text ASAP</blockquote></body></html>"
    )
    reply = host.ask(
        {"subject": "Figures", "body": body, "body_format": "html", "lang": "en", "now": NOW}
    )
    dl02 = [f for f in reply["findings"] if f["code"] == "DL02"]
    assert len(dl02) == 1 and _utf16_slice(body, dl02[0]["span"]) == "ASAP"
    assert dl02[0]["span"]["start"] < body.index("<blockquote>")


def test_attachments_and_recipients_are_used(host: Host) -> None:
    draft = {
        "subject": "Q3 figures for the board",
        "body": "Hi Anna,\n\nAttached is the Q3 report. Please review it by Friday 18 December"
        " 2026, 12:00 CET. Thanks!",
        "recipients": ["anna@example.com"],
        "now": NOW,
    }
    missing = host.ask(draft)
    assert "CL04" in [f["code"] for f in missing["findings"]]
    present = host.ask(draft | {"attachments": [{"name": "q3.pdf"}, "notes.txt"]})
    assert "CL04" not in [f["code"] for f in present["findings"]]


@pytest.mark.parametrize(
    ("frame", "error"),
    [
        (b"{bad json", "not JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "JSON object"),
        (b'{"subject": "x"}', "'body' is required"),
        (b'{"body": 3}', "'body' must be a string"),
        (b'{"body": "x", "lang": "de"}', "'lang' must be one of"),
        (b'{"body": "x", "kind": "tweet"}', "'kind' must be one of"),
        (b'{"body": "x", "body_format": "rtf"}', "'body_format'"),
        (b'{"body": "x", "now": "tomorrow"}', "'now'"),
        (b'{"body": "x", "attachments": "a.pdf"}', "'attachments' must be a list"),
        (b'{"body": "x", "recipients": [3]}', "must hold strings"),
        (b"[" * 20_000 + b"]" * 20_000, "too deeply"),
    ],
)
def test_bad_requests_get_an_error_and_the_host_lives_on(
    host: Host, frame: bytes, error: str
) -> None:
    reply = host.ask(frame)
    assert error in reply.get("error", ""), reply
    assert host.ask({"ping": True})["pong"] is True


def test_empty_and_oversized_frames_are_refused_without_losing_sync(host: Host) -> None:
    host.send_raw(b"")
    assert "length 0" in host.receive()["error"]
    huge = b"x" * (2 * MAX_BYTES + 70_000)  # over the frame limit: drained, never parsed
    host.send_raw(huge)
    assert "exceeds the host's limit" in host.receive()["error"]
    over = {"subject": "Big", "body": "word " * (MAX_BYTES // 4)}  # a valid frame, too big a draft
    assert "limits.max_bytes" in host.ask(over)["error"]
    assert host.ask({"ping": True})["pong"] is True


def test_truncated_frame_at_end_of_input_ends_the_host_cleanly() -> None:
    running = Host([sys.executable, "-m", "msglint", "native-host"])
    assert running.ask({"ping": True})["pong"] is True
    running.send_raw(b'{"body": "cut', length=500)
    assert running.close() == 0


def test_unreadable_config_is_reported_in_each_reply(tmp_path: Path) -> None:
    config = tmp_path / "msglint.toml"
    config.write_text("ignroe = ['TN']\n", encoding="utf-8")
    running = Host([sys.executable, "-m", "msglint", "native-host", "--config", str(config)])
    assert "unknown key 'ignroe'" in running.ask({"body": "Hello"})["error"]
    assert running.ask({"ping": True})["pong"] is True
    assert running.close() == 0


def test_later_checks_reuse_the_warm_pipelines() -> None:
    """First check pays the load, later ones do not (a ratio, not a timing)."""
    running = Host([sys.executable, "-m", "msglint", "native-host"])
    draft = {"subject": "Quick question", "body": "Can you send the figures ASAP??", "lang": "en"}
    times = []
    for _ in range(4):
        started = time.perf_counter()
        assert "score" in running.ask(draft)
        times.append(time.perf_counter() - started)
    assert running.close() == 0
    assert max(times[1:]) * 3 < times[0], times


def test_chromium_extension_id_is_derived_from_the_key() -> None:
    assert chromium_extension_id(CHROMIUM_EXTENSION_KEY) == CHROMIUM_EXTENSION_ID
    assert CHROMIUM_EXTENSION_ID == "clhdlcbianmnmielekdkcdkpdffibnlm"


@pytest.mark.parametrize(
    ("browser", "folder", "allowed"),
    [
        ("chromium", ".config/chromium/NativeMessagingHosts", "allowed_origins"),
        ("chrome", ".config/google-chrome/NativeMessagingHosts", "allowed_origins"),
        ("firefox", ".mozilla/native-messaging-hosts", "allowed_extensions"),
        ("thunderbird", ".thunderbird/native-messaging-hosts", "allowed_extensions"),
    ],
)
def test_install_writes_a_manifest_whose_program_answers(
    tmp_path: Path, browser: str, folder: str, allowed: str
) -> None:
    if sys.platform == "darwin":
        pytest.skip("Linux folders")
    env = _env(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    command = [sys.executable, "-m", "msglint", "install-native-host", "--browser", browser]
    done = subprocess.run([*command, "--user"], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    manifest_file = tmp_path / folder / f"{HOST_NAME}.json"
    manifest = json.loads(manifest_file.read_text())
    expected = (
        [f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"]
        if allowed == "allowed_origins"
        else [GECKO_EXTENSION_ID]
    )
    assert manifest[allowed] == expected and manifest["type"] == "stdio"
    assert manifest["name"] == HOST_NAME
    if browser == "thunderbird":  # Thunderbird on Linux reads Firefox's folder too
        mozilla_copy = tmp_path / ".mozilla/native-messaging-hosts" / f"{HOST_NAME}.json"
        assert json.loads(mozilla_copy.read_text()) == manifest
    # The program the browser would start, started the way a browser does.
    launched = Host([manifest["path"], str(manifest_file), GECKO_EXTENSION_ID], env=env)
    assert launched.ask({"ping": True})["pong"] is True
    assert launched.close() == 0
    gone = subprocess.run(
        [*command, "--user", "--uninstall"], env=env, capture_output=True, timeout=120
    )
    assert gone.returncode == 0 and not manifest_file.exists()
    assert not Path(manifest["path"]).exists()
    assert not list(tmp_path.rglob(f"{HOST_NAME}.json"))


def test_install_into_a_profile_folder(tmp_path: Path) -> None:
    target = tmp_path / "profile" / "NativeMessagingHosts"
    command = [sys.executable, "-m", "msglint", "install-native-host", "--browser", "chromium"]
    done = subprocess.run(
        [*command, "--target-dir", str(target)],
        env=_env(),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads((target / f"{HOST_NAME}.json").read_text())
    assert Path(manifest["path"]).parent == target and os.access(manifest["path"], os.X_OK)
