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
from msglint.message import Message, Segment, SourceMap, align_lines

_FROM_LINE = re.compile(rb"^From [^\r\n]*\r?\n", re.M)
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
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(data)
        body = data[match.end() : end]
        body = re.sub(rb"^>(>*From )", rb"\1", body, flags=re.M)
        line = data.count(b"\n", 0, match.end()) + 1
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
    text: str, name: str, kind: str | None, sent: datetime | None, source: str, start: int
) -> Message:
    """A chat message whose text sits (JSON-escaped) at ``start`` of ``source``."""
    message = read_text(normalise_newlines(text), name, kind or "chat")
    message.sent = sent
    message.source_text = source
    message.body_map = SourceMap(
        source, align_lines(message.body, source, start) or [Segment(0, start, 0)]
    )
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
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            found.append(MsglintError(name, 'expected an object with a "text" string'))
            continue
        if not item["text"].strip():
            continue
        column = line.find('"text"')
        start = line_start + max(0, column)
        sent = _timestamp(item.get("ts", item.get("date")))
        found.append(_chat_message(item["text"], name, kind, sent, text, start))
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
    except (OSError, ValueError):
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
        items = json.loads(text)
    except ValueError as exc:
        raise MsglintError(path, f"invalid JSON: {exc}") from None
    if not isinstance(items, list):
        raise MsglintError(path, "not a Slack day file (expected a JSON list of messages)")
    found: list[Message | MsglintError] = []
    cursor = 0
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            continue
        if item.get("subtype") in ("channel_join", "channel_leave", "bot_message", "channel_topic"):
            continue
        body = slack_text(item["text"], users)
        if not body.strip():
            continue
        encoded = json.dumps(item["text"], ensure_ascii=False)[1:-1]
        position = text.find(encoded, cursor)
        if position < 0:
            position = cursor
        cursor = position + len(encoded)
        ts = str(item.get("ts", len(found) + 1))
        found.append(
            _chat_message(body, f"{path}#{ts}", kind, _timestamp(item.get("ts")), text, position)
        )
    return found
