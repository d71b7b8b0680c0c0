"""Turn the bytes of a file into text, or say clearly why they are not text."""

from __future__ import annotations

from msglint.errors import MsglintError

_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13, 27)}


def looks_binary(data: bytes) -> bool:
    """True for data no mail client or editor would call text (NUL bytes, control noise)."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls / len(sample) > 0.05


def decode_text(data: bytes, where: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1252 as editors do.

    Line endings are normalised to ``\\n`` so offsets and line numbers agree
    with what an editor shows.
    """
    if looks_binary(data):
        raise MsglintError(where, "binary file, not a text message (NUL or control bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
