"""Inputs: files, directories and stdin become :class:`~msglint.message.Message` objects.

Each reader knows one format; this module picks the reader from the file
extension (or, for stdin, from the content) and walks directories.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from msglint.errors import MsglintError
from msglint.inputs.collections import is_slack_export
from msglint.inputs.decode import decode_text
from msglint.inputs.email_reader import looks_like_email, read_email
from msglint.inputs.html_text import html_to_text
from msglint.inputs.text_reader import read_text
from msglint.message import Message, SourceMap, align_lines

EXTENSIONS = {
    ".eml": "email",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".mbox": "mbox",
    ".jsonl": "jsonl",
}
COLLECTIONS = ("mbox", "jsonl", "slack")


@dataclass(frozen=True)
class Source:
    """One thing to read: ``path`` as the user wrote it (``-`` for stdin), ``file`` where it is."""

    path: str
    format: str | None = None
    file: str | None = None


def discover(paths: list[str], base: str | None = None) -> Iterator[Source | MsglintError]:
    """Expand directories (sorted, symlinked directories not followed) into files to read.

    Relative paths are resolved against ``base`` (the client's working
    directory when a server runs the check) but reported as written.
    """
    for raw in paths:
        if raw == "-":
            yield Source("-")
            continue
        path = Path(base, raw) if base else Path(raw)
        if path.is_dir():
            found = False
            unlistable: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unlistable.append, followlinks=False):
                for error in _walk_errors(unlistable, raw, path):
                    found = True
                    yield error
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                shown_root = os.path.join(raw, os.path.relpath(root, path))
                if is_slack_export(Path(root)):
                    for channel in dirs:
                        for day in sorted(Path(root, channel).glob("*.json")):
                            found = True
                            shown = os.path.normpath(os.path.join(shown_root, channel, day.name))
                            yield Source(shown, "slack", str(day))
                    dirs[:] = []
                    continue
                for name in sorted(files):
                    ext = os.path.splitext(name)[1].lower()
                    if ext in EXTENSIONS and _is_regular(os.path.join(root, name)):
                        found = True
                        shown = os.path.normpath(os.path.join(shown_root, name))
                        yield Source(shown, EXTENSIONS[ext], os.path.join(root, name))
            for error in _walk_errors(unlistable, raw, path):
                found = True
                yield error
            if not found:
                yield MsglintError(
                    raw, "no .eml, .mbox, .txt, .md, .html or .jsonl files in this directory"
                )
        elif path.exists():
            yield Source(raw, EXTENSIONS.get(path.suffix.lower(), "text"), str(path))
        else:
            yield MsglintError(raw, "no such file or directory")


def _is_regular(file: str) -> bool:
    """Walked folders yield regular files only: reading a FIFO or a device would block.

    A path named on the command line is read whatever it is (``<(cmd)`` is a pipe).
    """
    try:
        return stat.S_ISREG(os.stat(file).st_mode)
    except OSError:
        return True  # let the read report the problem (permission, dangling link)


def _walk_errors(errors: list[OSError], raw: str, top: Path) -> Iterator[MsglintError]:
    """Folders os.walk could not list, as errors named like the other paths."""
    while errors:
        error = errors.pop(0)
        where = error.filename or str(top)
        shown = os.path.normpath(os.path.join(raw, os.path.relpath(where, top)))
        problem = "permission denied" if isinstance(error, PermissionError) else "cannot list"
        yield MsglintError(shown, f"{problem} (folder not checked)")


def _read_at_most(handle: BinaryIO, size: int, chunk: int = 1 << 20) -> bytes:
    """Up to ``size`` bytes, in chunks: ``read(n)`` allocates n bytes up front,
    so a generous ``limits.max_bytes`` must not become a 25 GB allocation."""
    parts: list[bytes] = []
    left = size
    while left > 0:
        part = handle.read(min(chunk, left))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def read_bytes(
    source: Source, max_bytes: int, stdin: bytes | None = None, limit: str = "max_bytes"
) -> bytes:
    """The raw bytes of a source, refusing anything over ``max_bytes``.

    ``stdin`` replaces standard input (a server receives it from the client).
    """
    try:
        if source.path == "-":
            data = (
                stdin[: max_bytes + 1]
                if stdin is not None
                else _read_at_most(sys.stdin.buffer, max_bytes + 1)
            )
        else:
            with open(source.file or source.path, "rb") as handle:
                data = _read_at_most(handle, max_bytes + 1)
    except IsADirectoryError:
        raise MsglintError(source.path, "is a directory") from None
    except PermissionError:
        raise MsglintError(source.path, "permission denied") from None
    except OSError as exc:
        raise MsglintError(source.path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise MsglintError(
            source.path, f"larger than the input limit of {max_bytes} bytes (limits.{limit})"
        )
    return data


def parse_all(
    data: bytes, source: Source, kind: str | None, max_mime_depth: int = 50
) -> list[Message | MsglintError]:
    """Every message of one source: one for most formats, many for mailboxes and exports."""
    if source.format not in COLLECTIONS:
        return [parse(data, source, kind, max_mime_depth)]
    from msglint.inputs import collections

    if source.format == "mbox":
        return collections.read_mbox(data, source.path, kind, max_mime_depth)
    if source.format == "jsonl":
        return collections.read_jsonl(data, source.path, kind)
    export_root = Path(source.file or source.path).parent.parent
    users = collections.slack_users(export_root)
    return collections.read_slack_day(data, source.path, kind, users)


def parse(data: bytes, source: Source, kind: str | None, max_mime_depth: int = 50) -> Message:
    """Turn the bytes of one source into a Message with the right reader."""
    where = source.path
    fmt = source.format
    if fmt is None:
        fmt = "email" if looks_like_email(data) else "text"
    elif fmt == "text" and looks_like_email(data, strict=True):
        fmt = "email"  # a saved e-mail with a .txt name
    if fmt == "email":
        if not data.strip():
            raise MsglintError(where, "empty input")
        return read_email(data, where, kind or "email", max_mime_depth)
    text = decode_text(data, where)
    if not text.strip():
        raise MsglintError(where, "empty input: nothing to check")
    if fmt == "markdown":
        from msglint.inputs.markdown_reader import read_markdown  # markdown-it only when needed

        return read_markdown(text, where, kind)
    if fmt == "html":
        prose = html_to_text(text)
        message = read_text(prose, where, kind or "doc")
        message.source_text = text
        message.body_map = SourceMap(text, align_lines(message.body, text))
        return message
    return read_text(text, where, kind)
