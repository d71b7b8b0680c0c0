"""Register ``msglint native-host`` with Chromium, Chrome, Firefox and Thunderbird.

A browser finds a native host by its manifest: a JSON file named after the
host in a per-browser folder, giving the program to start and the extensions
allowed to start it. The allowed extensions are the constants below; the
add-ons in ``integrations/`` use the same ones (see docs/native-host.md).
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

from msglint.errors import MsglintError

HOST_NAME = "msglint"
HOST_DESCRIPTION = "msglint: lint work messages before they are sent (runs locally)"
#: Add-on id of the Thunderbird and Firefox extensions (``browser_specific_settings.gecko.id``).
GECKO_EXTENSION_ID = "msglint@msglint.invalid"
#: The ``key`` of the Chromium extension's manifest.json: its SubjectPublicKeyInfo, base64 DER.
#: Chromium derives the extension id from it, so an unpacked copy always has the same id.
CHROMIUM_EXTENSION_KEY = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAinl/+dZxzubQrCiqlveAC8iCtApjKs/F"
    "GslcBZtNIEMR1fhbZR3Ir0wpXBPW6LMBOZQLePBEG57hbKGDgRcGjhpkegpP2d9CnyFx9cdvYDNn"
    "DDTC95M4uaUWcWbBfBeHunbxkzOGBnPPRu/b2YwJEQmq1Sr5zdYBd4iqMOZzZTY4bszkcEXbaqUN"
    "ds23aqIL6IqboSyTuJYhAVdME4oVbQ7TFCNGUiP+MMb0xEDL2u9PBJYWx4kWAL+fsynxM92pcYG7"
    "eNLnG1Om5L+39ql/Stu2aq6ECfyMPOW6o94oO/75oJbrKwDV9uJwxLEAS6BChAleAuqRw9hbn0nT"
    "a7bthQIDAQAB"
)
BROWSERS = ("chromium", "chrome", "firefox", "thunderbird")


def chromium_extension_id(key: str = CHROMIUM_EXTENSION_KEY) -> str:
    """Chromium's id for a manifest ``key``: SHA-256 of the key, 32 hex digits mapped to a-p."""
    import base64
    import hashlib

    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(digit, 16)) for digit in digest)


CHROMIUM_EXTENSION_ID = chromium_extension_id()
CHROMIUM_ORIGIN = f"chrome-extension://{CHROMIUM_EXTENSION_ID}/"


def manifest_dir(browser: str, user: bool, home: Path | None = None) -> Path:
    """Where ``browser`` looks for native host manifests (Linux and macOS)."""
    home = home or Path.home()
    mac = sys.platform == "darwin"
    if user:
        if mac:
            support = home / "Library" / "Application Support"
            return (
                support
                / {
                    "chromium": "Chromium/NativeMessagingHosts",
                    "chrome": "Google/Chrome/NativeMessagingHosts",
                    "firefox": "Mozilla/NativeMessagingHosts",
                    "thunderbird": "Thunderbird/NativeMessagingHosts",
                }[browser]
            )
        return (
            home
            / {
                "chromium": ".config/chromium/NativeMessagingHosts",
                "chrome": ".config/google-chrome/NativeMessagingHosts",
                "firefox": ".mozilla/native-messaging-hosts",
                "thunderbird": ".thunderbird/native-messaging-hosts",
            }[browser]
        )
    if mac:
        return Path(
            {
                "chromium": "/Library/Application Support/Chromium/NativeMessagingHosts",
                "chrome": "/Library/Google/Chrome/NativeMessagingHosts",
                "firefox": "/Library/Application Support/Mozilla/NativeMessagingHosts",
                "thunderbird": "/Library/Application Support/Thunderbird/NativeMessagingHosts",
            }[browser]
        )
    return Path(
        {
            "chromium": "/etc/chromium/native-messaging-hosts",
            "chrome": "/etc/opt/chrome/native-messaging-hosts",
            "firefox": "/usr/lib/mozilla/native-messaging-hosts",
            "thunderbird": "/usr/lib/mozilla/native-messaging-hosts",
        }[browser]
    )


def also_read_by(browser: str, user: bool, home: Path | None = None) -> list[Path]:
    """Other folders the browser reads: Thunderbird on Linux also reads Firefox's.

    Observed with Thunderbird 153 on Linux: a manifest only in
    ``~/.thunderbird/native-messaging-hosts`` is not found, one in
    ``~/.mozilla/native-messaging-hosts`` is. Both are written.
    """
    if browser == "thunderbird" and user and sys.platform != "darwin":
        return [manifest_dir("firefox", user, home)]
    return []


def launcher_path(user: bool, home: Path | None = None) -> Path:
    """The small program a manifest names: browsers pass no arguments of ours."""
    if user:
        data = os.environ.get("XDG_DATA_HOME") or str((home or Path.home()) / ".local" / "share")
        return Path(data) / "msglint" / "msglint-native-host"
    return Path("/usr/local/lib/msglint/msglint-native-host")


def launcher_script(config: str | None = None) -> str:
    """A shell script starting this Python with this msglint (a checkout works too)."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    command = [sys.executable, "-m", "msglint", "native-host"]
    if config:
        command += ["--config", str(Path(config).resolve())]
    return (
        "#!/bin/sh\n"
        "# Started by the browser for the msglint extension (msglint install-native-host).\n"
        f"PYTHONPATH={shlex.quote(package_parent)}${{PYTHONPATH:+:$PYTHONPATH}}\n"
        "export PYTHONPATH\n"
        f'exec {" ".join(shlex.quote(part) for part in command)} "$@"\n'
    )


def host_manifest(browser: str, launcher: Path) -> dict[str, object]:
    """The manifest: Chromium names allowed origins, Mozilla allowed extension ids."""
    manifest: dict[str, object] = {
        "name": HOST_NAME,
        "description": HOST_DESCRIPTION,
        "path": str(launcher),
        "type": "stdio",
    }
    if browser in ("chromium", "chrome"):
        manifest["allowed_origins"] = [CHROMIUM_ORIGIN]
    else:
        manifest["allowed_extensions"] = [GECKO_EXTENSION_ID]
    return manifest


def install(
    browser: str,
    user: bool,
    uninstall: bool = False,
    target_dir: str | None = None,
    config: str | None = None,
) -> list[str]:
    """Write (or remove) the manifest and its launcher; say what was done, one line each."""
    if browser not in BROWSERS:
        raise MsglintError("--browser", f"expected one of {', '.join(BROWSERS)}")
    folder = Path(target_dir) if target_dir else manifest_dir(browser, user)
    manifest_file = folder / f"{HOST_NAME}.json"
    launcher = launcher_path(user) if not target_dir else folder / "msglint-native-host"
    done: list[str] = []
    try:
        if uninstall:
            if manifest_file.exists():
                manifest_file.unlink()
                done.append(f"removed {manifest_file}")
            else:
                done.append(f"no manifest at {manifest_file}")
            for place in [] if target_dir else also_read_by(browser, user):
                copy = place / f"{HOST_NAME}.json"
                if copy.exists():
                    copy.unlink()
                    done.append(
                        f"removed {copy} (Firefox reads it too: if you use the Firefox "
                        "extension, run install-native-host --browser firefox again)"
                    )
            still_used = [
                b for b in BROWSERS if (manifest_dir(b, user) / f"{HOST_NAME}.json").exists()
            ]
            if launcher.exists() and (target_dir or not still_used):
                launcher.unlink()
                done.append(f"removed {launcher}")
            return done
        launcher.parent.mkdir(parents=True, exist_ok=True)
        launcher.write_text(launcher_script(config), encoding="utf-8")
        launcher.chmod(0o755)
        text = json.dumps(host_manifest(browser, launcher), indent=2) + "\n"
        extra = [] if target_dir else also_read_by(browser, user)
        for place in [folder, *extra]:
            place.mkdir(parents=True, exist_ok=True)
            (place / f"{HOST_NAME}.json").write_text(text, encoding="utf-8")
    except PermissionError as exc:
        hint = "" if user else " (use --user, or run as root)"
        raise MsglintError(str(exc.filename or folder), f"permission denied{hint}") from None
    except OSError as exc:
        raise MsglintError(str(exc.filename or folder), exc.strerror or str(exc)) from None
    done.append(f"wrote {manifest_file}")
    done.extend(f"wrote {place / f'{HOST_NAME}.json'}" for place in extra)
    done.append(f"wrote {launcher}")
    return done
