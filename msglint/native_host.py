"""``msglint native-host``: the pre-send check of browsers and Thunderbird over stdin/stdout.

A browser (or Thunderbird) starts this program when an extension connects
and talks to it with *native messaging* framing: each message is a 4-byte
length in native byte order, then that many bytes of UTF-8 JSON, in both
directions. One process serves one connection and keeps its configuration
and the spaCy pipelines warm: the first check pays for loading them, later
ones do not. Bad input of any kind gets an ``{"error": …}`` reply, never a
dead host. The protocol is documented in ``docs/native-host.md``.
"""

from __future__ import annotations

import bisect
import json
import mimetypes
import re
import struct
import sys
from html import unescape
from pathlib import Path
from typing import Any, BinaryIO

from msglint import __version__
from msglint.errors import MsglintError

PROTOCOL = 1
HEADER = struct.Struct("=I")  # native byte order, 4 bytes, as browsers write it
#: Chromium refuses a message from the host over 1 MB; Firefox and Thunderbird accept it.
REPLY_LIMIT = 1_000_000
_CHUNK = 1 << 16
_WORD = re.compile(r"\S+")
_BODY_FORMATS = ("text", "html")
_KINDS = ("email", "chat", "doc")


class RequestError(Exception):
    """A request the host answers with ``{"error": …}``."""


class _Offsets:
    """Offsets in the text as checked (CRLF made LF) to UTF-16 units of the text as sent.

    JavaScript strings count UTF-16 code units: an emoji is two.
    """

    def __init__(self, sent: str) -> None:
        self._astral = [i for i, c in enumerate(sent) if ord(c) > 0xFFFF]
        # Where each dropped CR's LF sits in the checked text.
        self._dropped = [m.start() - k for k, m in enumerate(re.finditer("\r\n", sent))]

    def _sent(self, offset: int) -> int:
        return offset + bisect.bisect_right(self._dropped, offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the checked text as UTF-16 offsets into the text as sent."""
        first = self._sent(start)
        last = self._sent(end - 1) + 1 if end > start else first
        return (
            first + bisect.bisect_left(self._astral, first),
            last + bisect.bisect_left(self._astral, last),
        )


def read_frame(stream: BinaryIO, limit: int) -> bytes | RequestError | None:
    """The next message, an error for a frame we refuse, or None at end of input.

    A frame over ``limit`` is read and dropped in chunks, never held in
    memory, so the next frame still starts where it should.
    """
    header = _read_exact(stream, HEADER.size)
    if header is None or len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    if size == 0:
        return RequestError("empty message (length 0)")
    if size > limit:
        left = size
        while left:
            chunk = stream.read(min(left, _CHUNK))
            if not chunk:
                return None
            left -= len(chunk)
        return RequestError(f"message of {size} bytes exceeds the host's limit of {limit} bytes")
    data = _read_exact(stream, size)
    if data is None or len(data) < size:
        return None
    return data


def _read_exact(stream: BinaryIO, size: int) -> bytes | None:
    parts: list[bytes] = []
    left = size
    while left:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    if not parts:
        return None
    return b"".join(parts)


def encode_frame(payload: dict[str, Any]) -> bytes:
    """One framed reply; a report too large for Chromium drops findings from its end."""
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    findings = payload.get("findings")
    if len(data) > REPLY_LIMIT and isinstance(findings, list) and findings:
        kept = len(findings)
        while len(data) > REPLY_LIMIT and kept > 0:
            kept //= 2
            trimmed = dict(payload, findings=findings[:kept], truncated=len(findings) - kept)
            data = json.dumps(trimmed, ensure_ascii=False).encode("utf-8")
    if len(data) > REPLY_LIMIT:
        error = {"error": "the report is larger than 1 MB", "id": payload.get("id")}
        data = json.dumps(error).encode("utf-8")
    return HEADER.pack(len(data)) + data


def _string(request: dict[str, Any], key: str, default: str | None = None) -> str | None:
    value = request.get(key, default)
    if value is not None and not isinstance(value, str):
        raise RequestError(f"'{key}' must be a string, got {type(value).__name__}")
    return value


def _names(request: dict[str, Any], key: str) -> list[str]:
    value = request.get(key) or []
    if not isinstance(value, list):
        raise RequestError(f"'{key}' must be a list")
    names = []
    for item in value:
        if isinstance(item, dict):  # Thunderbird's ComposeAttachment / ComposeRecipient
            item = item.get("name") or item.get("email") or ""
        if not isinstance(item, str):
            raise RequestError(f"'{key}' must hold strings")
        names.append(item)
    return names


def _choice(value: str | None, key: str, choices: tuple[str, ...]) -> str | None:
    if value in (None, "", "auto"):
        return None
    if value not in choices:
        raise RequestError(f"'{key}' must be one of {', '.join(choices)} or auto, got {value!r}")
    return value


class NativeHost:
    """Answers check requests with one configuration and the pipelines kept loaded."""

    def __init__(self, config: str | None = None, anchor: Path | None = None) -> None:
        from msglint.api import load_api_config
        from msglint.config import Config, merge, packaged_defaults

        #: A configuration that cannot be read is said in every reply, not by dying.
        self.broken: str | None = None
        try:
            self.config = load_api_config(config, None if config else (anchor or Path.home()))
        except MsglintError as error:
            self.broken = f"configuration: {error}"
            self.config = Config(merge(packaged_defaults(), {}))
        self.max_bytes = int(self.config.limits.get("max_bytes", 5_000_000))
        # JSON may escape each character: room for the text twice, plus the other fields.
        self.frame_limit = 2 * self.max_bytes + _CHUNK

    def handle(self, data: bytes) -> dict[str, Any]:
        """The reply to one frame's bytes: a report entry, a pong, or an error."""
        request_id: Any = None
        try:
            try:
                request = json.loads(data.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise RequestError(f"message is not UTF-8 ({exc.reason})") from None
            except json.JSONDecodeError as exc:
                raise RequestError(f"message is not JSON: {exc.msg} at {exc.pos}") from None
            if not isinstance(request, dict):
                raise RequestError("message must be a JSON object")
            request_id = request.get("id")
            if request.get("ping"):
                reply = self.pong(bool(request.get("warm")))
            elif self.broken:
                raise RequestError(self.broken)
            else:
                reply = self.check(request)
        except RequestError as error:
            reply = {"error": str(error)}
        except MsglintError as error:
            reply = {"error": str(error)}
        except RecursionError:
            reply = {"error": "message nested too deeply"}
        except Exception as error:  # never a dead host: the next message still gets an answer
            reply = {"error": f"internal error: {error.__class__.__name__}: {error}"}
        if request_id is not None:
            reply["id"] = request_id
        return reply

    def pong(self, warm: bool) -> dict[str, Any]:
        """Say who we are; with ``warm``, load every pipeline first (a compose window opened)."""
        from msglint.analysis.pipeline import load_pipeline
        from msglint.lang import available_languages

        if warm:
            for lang in available_languages():
                load_pipeline(lang)
        return {"pong": True, "version": __version__, "protocol": PROTOCOL}

    def check(self, request: dict[str, Any]) -> dict[str, Any]:
        """Check a compose window's draft; spans are UTF-16 offsets into its subject and body."""
        from msglint.api import check_loaded, config_lang, parse_now
        from msglint.lang import available_languages
        from msglint.runner import check_size

        body = _string(request, "body")
        if body is None:
            raise RequestError("'body' is required (a string)")
        subject = _string(request, "subject")
        body_format = _string(request, "body_format", "text") or "text"
        if body_format not in _BODY_FORMATS:
            raise RequestError(f"'body_format' must be text or html, got {body_format!r}")
        kind = _choice(_string(request, "kind"), "kind", _KINDS)
        lang = _choice(_string(request, "lang"), "lang", tuple(available_languages()))
        try:
            now = parse_now(_string(request, "now"))
        except MsglintError as error:
            raise RequestError(f"'now': {error.problem}") from None
        size = len(body.encode("utf-8", "surrogatepass")) + len((subject or "").encode())
        if size > self.max_bytes:
            raise RequestError(
                f"draft of {size} bytes exceeds the input limit of {self.max_bytes} bytes "
                "(limits.max_bytes)"
            )
        message = build_message(
            subject,
            body.replace("\r\n", "\n"),
            body_format,
            kind,
            _names(request, "recipients"),
            _names(request, "attachments"),
        )
        check_size(message, self.config.limits)
        forced = lang or config_lang(self.config)
        outcome = check_loaded([(message, self.config)], [forced], now)[0]
        if isinstance(outcome, MsglintError):
            raise outcome
        entry = outcome.to_dict()
        add_spans(entry, message, subject or "", body)
        entry["protocol"] = PROTOCOL
        return entry


def _subject_map(raw: str, source_text: str) -> tuple[str, Any]:
    from msglint.message import Segment, SourceMap

    segments, words, at = [], [], 0
    for match in _WORD.finditer(raw):
        if words:
            at += 1
        segments.append(Segment(at, match.start(), len(match.group())))
        words.append(match.group())
        at += len(match.group())
    return " ".join(words), SourceMap(source_text, segments)


def build_message(
    subject: str | None,
    body: str,
    body_format: str,
    kind: str | None,
    recipients: list[str],
    attachments: list[str],
) -> Any:
    """A Message whose maps point into the request's own subject and body strings."""
    from msglint.inputs.common import split_and_map
    from msglint.inputs.html_text import html_to_text
    from msglint.inputs.suppression import find_suppressions
    from msglint.message import Attachment, Message, SourceMap

    resolved = kind or ("email" if subject is not None else "chat")
    if body_format == "html":
        text = html_to_text(body)
        text_map = SourceMap(body, html_segments(text, body))
    else:
        text = body
        text_map = SourceMap.identity(body)
    own, quoted, signature, body_map, closing = split_and_map(
        text, text_map, body, reply=resolved != "chat"
    )
    clean_subject, subject_map = _subject_map(subject or "", subject or "")
    return Message(
        path="<compose>",
        kind=resolved,
        body=own,
        subject=clean_subject if subject is not None else None,
        has_subject_field=subject is not None,
        quoted=quoted,
        signature=signature,
        closing_start=closing,
        attachments=[
            Attachment(name, mimetypes.guess_type(name)[0] or "application/octet-stream")
            for name in attachments
        ],
        attachments_known=True,
        recipients=recipients,
        source_text=body,
        body_map=body_map,
        subject_map=subject_map,
        suppressions=find_suppressions(body),
    )


_HIDDEN = ("script", "style", "head", "title", "template", "noscript")
_ENTITY = re.compile(r"&#?\w{1,32};")
_TAG_NAME = re.compile(r"<([a-zA-Z]+)")
_LOOKAHEAD = 64


def _markup_end(lower: str, at: int, unclosed: set[str]) -> int:
    """Where the tag, comment or hidden element starting at ``at`` ends (-1: never).

    Each search runs from ``at`` once; an unclosed one ends the scan, so the
    walk over the page stays linear.
    """
    if lower.startswith("<!--", at):
        end = lower.find("-->", at + 4)
        return -1 if end < 0 else end + 3
    close = lower.find(">", at)
    if close < 0:
        return -1
    name = _TAG_NAME.match(lower, at, close + 1)
    tag = name.group(1) if name else ""
    if tag in _HIDDEN and tag not in unclosed and not lower.startswith("/>", close - 1):
        end = lower.find(f"</{tag}", close)
        if end >= 0:
            end_close = lower.find(">", end)
            return len(lower) if end_close < 0 else end_close + 1
        unclosed.add(tag)
    return close + 1


def visible_characters(html: str) -> tuple[str, list[int]]:
    """The characters a reader sees in ``html``, each with its offset in the source."""
    lower = html.lower()
    chars: list[str] = []
    where: list[int] = []
    unclosed: set[str] = set()
    at = 0
    while at < len(html):
        char = html[at]
        if char == "<":
            end = _markup_end(lower, at, unclosed)
            if end < 0:
                break
            at = end
            continue
        if char == "&":
            entity = _ENTITY.match(html, at)
            if entity:
                decoded = unescape(entity.group())
                chars.extend(decoded)
                where.extend([at] * len(decoded))
                at = entity.end()
                continue
        chars.append(char)
        where.append(at)
        at += 1
    return "".join(chars), where


def html_segments(text: str, html: str) -> list[Any]:
    """Segments mapping ``html_to_text(html)`` back into the HTML source, character by character.

    Each non-space character of the text is matched to the next equal visible
    character of the HTML, looking at most a few characters ahead, so text the
    conversion added ("- " of a list item, "> " of a quote) stays unmatched
    and the walk stays linear.
    """
    from msglint.message import Segment

    visible, where = visible_characters(html)
    segments: list[Segment] = []
    cursor = 0
    for index, char in enumerate(text):
        if char.isspace():
            continue
        found = visible.find(char, cursor, cursor + _LOOKAHEAD)
        if found < 0:
            continue
        cursor = found + 1
        source = where[found]
        last = segments[-1] if segments else None
        if last and last.start + last.length == index and last.source + last.length == source:
            segments[-1] = Segment(last.start, last.source, last.length + 1)
        else:
            segments.append(Segment(index, source, 1))
    return segments


def _span(message: Any, field: str, start: int, end: int, units: dict[str, Any]) -> Any:
    """``{field, start, end}`` in UTF-16 units of the request's subject or body."""
    if field not in ("subject", "body"):
        return None
    source_map = message.subject_map if field == "subject" else message.body_map
    first = source_map.source_offset(start)
    last = source_map.source_offset(end - 1) + 1 if end > start else first
    first16, last16 = units[field].span(first, max(first, last))
    return {"field": field, "start": first16, "end": last16}


def add_spans(entry: dict[str, Any], message: Any, subject: str, body: str) -> None:
    """Give each finding and each fix edit a ``span`` into the draft as sent."""
    units = {"subject": _Offsets(subject), "body": _Offsets(body)}
    for finding in entry.get("findings", []):
        finding["span"] = _span(
            message, finding.get("field", ""), finding["start"], finding["end"], units
        )
        fix = finding.get("fix")
        if not fix:
            continue
        edit_lists = [fix.get("edits", [])]
        edit_lists += [alt.get("edits", []) for alt in fix.get("alternatives", []) or []]
        for edits in edit_lists:
            for edit in edits:
                field = edit.get("field") or finding.get("field", "")
                edit["span"] = _span(message, field, edit["start"], edit["end"], units)


def serve_stdio(
    host: NativeHost, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None
) -> int:
    """Answer frames until the browser closes the pipe."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    while True:
        frame = read_frame(stdin, host.frame_limit)
        if frame is None:
            return 0
        reply = {"error": str(frame)} if isinstance(frame, RequestError) else host.handle(frame)
        try:
            stdout.write(encode_frame(reply))
            stdout.flush()
        except (BrokenPipeError, OSError):
            return 0
