"""Write a report where it was asked, and only there.

A regular file is replaced atomically: readers see the old content or the
new, never half of it. A symlink is followed, so its target gets the report
(the temporary file sits in the target's folder, the link stays a link).
A character device (``/dev/null``, a terminal) or a named pipe is written in
place: renaming over it would replace the device with a regular file. Any
other kind of file (a directory, a socket, a block device) is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from msglint.errors import MsglintError


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes) to ``path``: atomically for a regular file, in place for
    a character device or a FIFO; refuse anything else with one error naming ``path``."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        info = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise MsglintError(str(path), f"cannot write: {exc.strerror or exc}") from None
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        _write_in_place(path, data)
        return
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise MsglintError(str(path), "cannot write: Is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise MsglintError(str(path), "cannot write: not a regular file, a device or a pipe")
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    _replace(target, data, info.st_mode if info is not None else None)


def _write_in_place(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise MsglintError(str(path), f"cannot write: {exc.strerror or exc}") from None


def _replace(path: Path, data: bytes, mode: int | None) -> None:
    """A temporary file beside ``path``, renamed over it."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise MsglintError(str(path), f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise MsglintError(str(path), f"cannot write: {exc.strerror or exc}") from None
