"""``server = "auto"``: start a warm ``msglint serve`` on demand, no set-up needed.

When the setting is on (in the nearest ``msglint.toml`` or ``MSGLINT_SERVER=auto``)
and no ``--socket``/``MSGLINT_SOCKET`` is given, ``msglint check`` and
``msglint-sendmail`` ask the server on the per-user socket; when none answers
they start one, detached, and check this message in-process (the first call
pays the load once; later calls get the warm server). The server stops after
``MSGLINT_SERVER_IDLE`` seconds without a request (default 900). A start is
made under a lock and at most once per ``_START_GRACE`` seconds, so callers
arriving together never start two servers; the server itself refuses to serve
where another listens and removes its own stale socket (msglint/server.py).

Standard library only, and no msglint import beyond it: this runs before the
warm path and must stay cheap.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

SERVER_ENV = "MSGLINT_SERVER"
IDLE_ENV = "MSGLINT_SERVER_IDLE"
DEFAULT_IDLE_SECONDS = 900
_START_GRACE = 60.0  # a server started this recently is still loading: do not start another
_USER_FILES = ("msglint.toml", ".msglint.toml", "pyproject.toml")


def socket_path() -> str:
    """The per-user socket, the one ``msglint serve`` uses by default."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "msglint.sock")
    return os.path.join(os.path.expanduser("~"), ".cache", "msglint", "msglint.sock")


def _read_setting(path: Path) -> object:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, ValueError):
        return None  # the full load reports a broken file with its line
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("msglint", {})
        if not isinstance(data, dict):
            return None
    return data.get("server")


def wanted(config_path: str | None, anchor: str | None) -> bool:
    """Whether the auto server is on: ``$MSGLINT_SERVER``, else the config file's ``server``."""
    env = os.environ.get(SERVER_ENV, "").strip().lower()
    if env:
        return env == "auto"
    if config_path:
        return _read_setting(Path(config_path)) == "auto"
    folder = Path(anchor or os.getcwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in _USER_FILES:
            candidate = directory / name
            if candidate.is_file():
                setting = _read_setting(candidate)
                if name == "pyproject.toml" and setting is None:
                    continue  # a pyproject.toml without [tool.msglint] is not ours
                return setting == "auto"
    return False


def _idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get(IDLE_ENV, DEFAULT_IDLE_SECONDS)))
    except ValueError:
        return float(DEFAULT_IDLE_SECONDS)


def start(path: str) -> bool:
    """Start ``msglint serve`` on ``path``, detached, unless one was started just now.

    Returns True when this call started it. Never waits for the server to load.
    """
    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        marker = os.open(f"{path}.start", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(marker, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # another caller is starting it this very moment
        if time.time() - os.fstat(marker).st_mtime < _START_GRACE and os.fstat(marker).st_size:
            return False
        log = os.open(
            str(folder / "msglint-server.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
        )
        try:
            command = [sys.executable, "-m", "msglint", "serve", "--socket", path, "--quiet"]
            subprocess.Popen(
                [*command, "--idle-timeout", f"{_idle_seconds():g}"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,  # detached: outlives this command, no terminal signals
                close_fds=True,
                env=_server_env(),
            )
        finally:
            os.close(log)
        os.ftruncate(marker, 0)
        os.write(marker, f"{os.getpid()} {time.time():.0f}\n".encode())
        return True
    except OSError:
        return False
    finally:
        os.close(marker)


def _server_env() -> dict[str, str]:
    """The server runs this msglint (a checkout too), with no socket variable of ours."""
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parent.parent)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if package_parent not in paths:
        env["PYTHONPATH"] = os.pathsep.join([package_parent, *paths])
    for name in ("MSGLINT_SOCKET", SERVER_ENV):
        env.pop(name, None)
    return env
