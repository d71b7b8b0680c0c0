"""Files that hold many messages: mbox mailboxes, chat exports, JSON Lines.

* ``.mbox``: each message (mboxo/mboxrd, "From " separator lines) is an
  e-mail result named ``file.mbox#N`` (N from 1); positions are lines of the
  mbox file.
* ``.jsonl``: one JSON object per line with a ``text`` (optional ``ts`` or
  ``date``, ``channel``, ``user``): each is a chat result named
  ``file.jsonl#LINE``.
* A Slack export (a folder holding ``channels.json`` and one folder per
  channel of ``YYYY-MM-DD.json`` files): each message with text is a chat
  result named ``channel/day.json#TS``. Slack markup (``<@U123>``,
  ``<https://x|label>``, ``&amp;``) is turned into plain text.

Every message keeps the reference time it was written at, so "tomorrow" in
an old message is resolved against that day, not today.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from msglint.errors import MsglintError
from msglint.inputs.decode import decode_text, normalise_newlines
from msglint.inputs.email_reader import read_email
from msglint.inputs.text_reader import read_text
from msglint.message import Message, Segment, SourceMap, align_lines, line_starts

_FROM_LINE = re.compile(rb"^From [^\r\n]*\r?\n", re.M)
_SPACE = re.compile(r"[ \t\n\r]*")
_TEXT_KEY = re.compile(r'"text"\s*:\s*')
_SLACK_LINK = re.compile(r"<([^<>|]+)\|([^<>]+)>|<([^<>]+)>")


def split_mbox(data: bytes) -> list[tuple[int, bytes]]:
    """(first line number, message bytes) of each message, "From " lines removed.

    Only a "From " line at the start of the file or after an empty line
    separates messages; ">From " escapes are undone (mboxrd).
    """
    starts = [
        m
        for m in _FROM_LINE.finditer(data)
        if m.start() == 0
        or data[m.start() - 2 : m.start()] == b"\n\n"
        or data[max(0, m.start() - 4) : m.start()] == b"\r\n\r\n"
    ]
    messages = []
    line, counted = 1, 0  # lines counted once, from one separator to the next
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(data)
        body = data[match.end() : end]
        body = re.sub(rb"^>(>*From )", rb"\1", body, flags=re.M)
        line += data.count(b"\n", counted, match.end())
        counted = match.end()
        messages.append((line, body))
    return messages


def read_mbox(
    data: bytes, path: str, kind: str | None, max_mime_depth: int
) -> list[Message | MsglintError]:
    """Every message of an mbox file."""
    parts = split_mbox(data)
    if not parts:
        raise MsglintError(path, "not an mbox file (no 'From ' separator line)")
    found: list[Message | MsglintError] = []
    for number, (line, raw) in enumerate(parts, start=1):
        name = f"{path}#{number}"
        try:
            message = read_email(raw, name, kind or "email", max_mime_depth)
        except MsglintError as error:
            found.append(error)
            continue
        message.line_offset = line - 1
        found.append(message)
    return found


def _chat_message(
    text: str,
    name: str,
    kind: str | None,
    sent: datetime | None,
    source: tuple[str, list[int]],
    span: tuple[int, int],
) -> Message:
    """A chat message whose text sits (JSON-escaped) in ``span`` of the file.

    ``source`` is the file's text and its line table, computed once per file:
    each message searches only its own span, so a file of many messages is
    read in linear time.
    """
    source_text, table = source
    start, end = span
    message = read_text(normalise_newlines(text), name, kind or "chat")
    message.sent = sent
    message.source_text = source_text
    segments = align_lines(message.body, source_text, start, end) or [Segment(0, start, 0)]
    message.body_map = SourceMap(source_text, segments, table)
    message.subject_map = None
    return message


def _timestamp(value: object) -> datetime | None:
    if isinstance(value, (int, float)) or (
        isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?", value)
    ):
        try:
            return datetime.fromtimestamp(float(value), tz=timezone.utc)  # type: ignore[arg-type]
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return None


def read_jsonl(data: bytes, path: str, kind: str | None) -> list[Message | MsglintError]:
    """One chat message per JSON line that has a ``text``."""
    text = decode_text(data, path)
    source = (text, line_starts(text))
    found: list[Message | MsglintError] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        name = f"{path}#{number}"
        try:
            item = json.loads(line)
        except ValueError as exc:
            found.append(MsglintError(name, f"invalid JSON: {exc}"))
            continue
        except RecursionError:
            found.append(MsglintError(name, "invalid JSON: nested too deeply"))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            found.append(MsglintError(name, 'expected an object with a "text" string'))
            continue
        if not item["text"].strip():
            continue
        column = line.find('"text"')
        start = line_start + max(0, column)
        sent = _timestamp(item.get("ts", item.get("date")))
        span = (start, line_start + len(line))
        found.append(_chat_message(item["text"], name, kind, sent, source, span))
    if not found:
        raise MsglintError(path, "no message with a text in this JSON Lines file")
    return found


def slack_text(text: str, users: dict[str, str]) -> str:
    """Slack markup to plain text: mentions, links, entities."""

    def link(match: re.Match[str]) -> str:
        label, bare = match.group(2), match.group(3)
        if label is not None:
            return label
        if bare.startswith("@"):
            return "@" + users.get(bare[1:], bare[1:])
        if bare.startswith("#C") and "|" not in bare:
            return "#channel"
        if bare.startswith("!"):
            return "@" + bare[1:]
        return bare

    return html.unescape(_SLACK_LINK.sub(link, text))


def is_slack_export(folder: Path) -> bool:
    return (folder / "channels.json").is_file() or (
        (folder / "users.json").is_file() and any(p.is_dir() for p in folder.iterdir())
    )


def slack_users(folder: Path) -> dict[str, str]:
    try:
        users = json.loads((folder / "users.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    names = {}
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict) and isinstance(user.get("id"), str):
            profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
            names[user["id"]] = str(profile.get("display_name") or user.get("name") or user["id"])
    return names


def read_slack_day(
    data: bytes, path: str, kind: str | None, users: dict[str, str]
) -> list[Message | MsglintError]:
    """The messages of one channel-day file of a Slack export."""
    text = decode_text(data, path)
    try:
        elements = _array_elements(text)
    except ValueError as exc:
        raise MsglintError(path, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise MsglintError(path, "invalid JSON: nested too deeply") from None
    if elements is None:
        raise MsglintError(path, "not a Slack day file (expected a JSON list of messages)")
    source = (text, line_starts(text))
    found: list[Message | MsglintError] = []
    for item, (start, end) in elements:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            continue
        if item.get("subtype") in ("channel_join", "channel_leave", "bot_message", "channel_topic"):
            continue
        body = slack_text(item["text"], users)
        if not body.strip():
            continue
        key = _TEXT_KEY.search(text, start, end)
        span = (key.end() if key else start, end)
        ts = str(item.get("ts", len(found) + 1))
        found.append(
            _chat_message(body, f"{path}#{ts}", kind, _timestamp(item.get("ts")), source, span)
        )
    return found


def _array_elements(text: str) -> list[tuple[object, tuple[int, int]]] | None:
    """The elements of a top-level JSON list with their spans, or None if not a list.

    Decoding element by element gives each message's exact place in the file
    (the Slack export's own escapes, ``\\/`` or ``\\uXXXX``, need not match
    ours), in one pass.
    """
    decoder = json.JSONDecoder()
    at = _skip_space(text, 0)
    if at == len(text) or text[at] != "[":
        json.loads(text)  # a JSON error names the problem; valid JSON is not a list
        return None
    elements: list[tuple[object, tuple[int, int]]] = []
    at = _skip_space(text, at + 1)
    if at < len(text) and text[at] == "]":
        _trailing(text, at + 1)
        return elements
    while True:
        item, end = decoder.raw_decode(text, at)
        elements.append((item, (at, end)))
        at = _skip_space(text, end)
        if at < len(text) and text[at] == ",":
            at = _skip_space(text, at + 1)
            continue
        if at < len(text) and text[at] == "]":
            _trailing(text, at + 1)
            return elements
        raise ValueError(f"expected ',' or ']' at character {at}")


def _skip_space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]


def _trailing(text: str, at: int) -> None:
    if _skip_space(text, at) != len(text):
        raise ValueError(f"extra data at character {at}")
