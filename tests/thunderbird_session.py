"""A real Thunderbird under Xvfb with the msglint add-on (for test_thunderbird_real.py).

A throw-away HOME holds a profile with one local identity (no network
account), the add-on as an unpacked-then-zipped XPI in the profile's
extensions folder, and the native host manifest that ``msglint
install-native-host --browser thunderbird --user`` writes. xdotool types a
draft into a compose window and presses Ctrl+Return; xwd takes screenshots
(converted to PNG here, without image libraries).
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDON = ROOT / "integrations" / "thunderbird"

PREFS = {
    "xpinstall.signatures.required": False,
    "extensions.autoDisableScopes": 0,
    "extensions.enabledScopes": 15,
    "mail.shell.checkDefaultClient": False,
    "mail.provider.suppress_dialog_on_startup": True,
    "mail.rights.version": 1,
    "mail.warn_on_send_accel_key": False,
    "mail.compose.attachment_reminder": False,
    "app.update.disabledForTesting": True,
    "devtools.console.stdout.chrome": True,
    "devtools.console.stdout.content": True,
    "browser.dom.window.dump.enabled": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "mail.accountmanager.accounts": "account1,account2",
    "mail.accountmanager.defaultaccount": "account1",
    "mail.accountmanager.localfoldersserver": "server2",
    "mail.account.account1.server": "server1",
    "mail.account.account1.identities": "id1",
    "mail.account.account2.server": "server2",
    "mail.identity.id1.useremail": "lea@example.com",
    "mail.identity.id1.fullName": "Lea",
    "mail.identity.id1.smtpServer": "smtp1",
    "mail.identity.id1.compose_html": False,
    "mail.identity.id1.valid": True,
    "mail.server.server1.type": "none",
    "mail.server.server1.hostname": "Lea",
    "mail.server.server1.userName": "lea",
    "mail.server.server1.name": "Lea",
    "mail.server.server2.type": "none",
    "mail.server.server2.hostname": "Local Folders",
    "mail.server.server2.userName": "nobody",
    "mail.server.server2.name": "Local Folders",
    "mail.smtpservers": "smtp1",
    "mail.smtp.defaultserver": "smtp1",
    "mail.smtpserver.smtp1.hostname": "127.0.0.1",
    "mail.smtpserver.smtp1.port": 9,
}


def xwd_to_png(data: bytes) -> bytes:
    """A 24/32-bit ZPixmap XWD dump as a PNG (enough for Xvfb's default visual)."""
    head = struct.unpack(">25I", data[:100])
    header_size, width, height, byte_order, bytes_per_line, ncolors = (
        head[0],
        head[4],
        head[5],
        head[7],
        head[12],
        head[19],
    )
    offset = header_size + ncolors * 12
    rows = []
    for y in range(height):
        line = data[offset + y * bytes_per_line : offset + y * bytes_per_line + width * 4]
        if byte_order == 0:  # LSBFirst: B G R x
            rgb = bytes(
                v for i in range(0, len(line), 4) for v in (line[i + 2], line[i + 1], line[i])
            )
        else:
            rgb = bytes(
                v for i in range(0, len(line), 4) for v in (line[i + 1], line[i + 2], line[i + 3])
            )
        rows.append(b"\x00" + rgb)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
        + chunk(b"IEND", b"")
    )


class Session:
    """Xvfb + Thunderbird with the add-on, in ``base``; stop() ends both."""

    def __init__(self, base: Path, display: str | None = None) -> None:
        self.base = base
        display = display or _free_display()
        self.display = display
        self.home = base / "home"
        self.profile = self.home / "profile"
        (self.profile / "extensions").mkdir(parents=True)
        lines = [f"user_pref({_js(k)}, {_js(v)});" for k, v in PREFS.items()]
        (self.profile / "user.js").write_text("\n".join(lines) + "\n", encoding="utf-8")
        xpi = self.profile / "extensions" / "msglint@msglint.invalid.xpi"
        with zipfile.ZipFile(xpi, "w") as z:
            for path in sorted(ADDON.rglob("*")):
                if path.is_file() and "test" not in path.relative_to(ADDON).parts:
                    z.write(path, path.relative_to(ADDON).as_posix())
        self.env = {
            k: v for k, v in os.environ.items() if k not in ("MOZ_HEADLESS", "WAYLAND_DISPLAY")
        }
        self.env.update(HOME=str(self.home), DISPLAY=display, PYTHONPATH=str(ROOT))
        for browser in ("thunderbird", "firefox"):
            # Thunderbird 153 on Linux reads ~/.mozilla/native-messaging-hosts (firefox's
            # folder), not only ~/.thunderbird/...: install both; same manifest, same id.
            subprocess.run(
                [
                    *(sys.executable, "-m", "msglint"),
                    "install-native-host",
                    "--browser",
                    browser,
                    "--user",
                ],
                check=True,
                env=self.env,
                capture_output=True,
            )
        self.log = open(base / "thunderbird.log", "wb")  # noqa: SIM115 (closed in stop)
        self.xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.5)
        self.thunderbird = subprocess.Popen(
            ["thunderbird", "--profile", str(self.profile), "--no-remote"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def xdotool(self, *args: str) -> str:
        run = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        return run.stdout

    def windows(self) -> dict[str, str]:
        """Window id -> title, for every titled window."""
        found = {}
        for wid in self.xdotool("search", "--name", ".").split():
            name = self.xdotool("getwindowname", wid).strip()
            if name:
                found[wid] = name
        return found

    def wait_window(self, test, timeout: float = 120.0) -> tuple[str, str]:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for wid, name in self.windows().items():
                if test(name):
                    return wid, name
            time.sleep(1)
        raise TimeoutError(f"no such window; windows: {self.windows()}")

    def screenshot(self, wid: str | None, dest: Path) -> None:
        target = ["-id", wid] if wid else ["-root"]
        dump = subprocess.run(
            ["xwd", "-silent", *target], env=self.env, capture_output=True, timeout=60
        ).stdout
        dest.write_bytes(xwd_to_png(dump))

    def stop(self) -> None:
        for proc in (self.thunderbird, self.xvfb):
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.log.close()


def _free_display() -> str:
    """An X display number no other server holds (several test runs may share a machine)."""
    for n in range(97, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return f":{n}"
    raise RuntimeError("no free X display between :97 and :199")


def _js(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
