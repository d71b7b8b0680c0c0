"""Read TOML files with one clear error naming the file when they are broken."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from msglint.errors import MsglintError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def load_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; any failure becomes a MsglintError naming the file."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise MsglintError(str(path), f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise MsglintError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise MsglintError(str(path), "invalid TOML: not UTF-8 text") from None


def loads_toml(text: str, where: str) -> dict[str, Any]:
    """Parse TOML text; failure names ``where``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MsglintError(where, f"invalid TOML: {exc}") from None
