"""Writing edits back into a file's bytes, faithfully or not at all.

Text files keep their encoding (UTF-8 with or without BOM, Windows-1252)
and line endings. E-mails keep every byte outside the edited text part and
the Subject header: the part is decoded, edited and encoded again in its own
charset and transfer encoding (7bit, 8bit, quoted-printable, base64). Every
rewrite is read back: when the new file does not give exactly the edited
body and subject, it is not used and a note says why.
"""

from __future__ import annotations

import base64
import email
import email.header
import email.policy
import quopri
import re
from typing import TYPE_CHECKING

from msglint.fixes.apply import edit_text
from msglint.fixes.model import Edit
from msglint.inputs.decode import normalise_newlines
from msglint.message import SourceMap

if TYPE_CHECKING:
    from msglint.engine import Result
    from msglint.inputs import Source
    from msglint.message import Message

_BOM = b"\xef\xbb\xbf"
_SUBJECT = re.compile(rb"^subject[ \t]*:[ \t]*((?:[^\r\n]|\r?\n[ \t])*)", re.IGNORECASE | re.M)


def decode_like(data: bytes) -> str:
    """Text as msglint reads a text file: UTF-8 (BOM dropped), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _is_email(data: bytes, item: Source) -> bool:
    from msglint.inputs.email_reader import looks_like_email

    if item.format == "email":
        return True
    if item.format is None:
        return looks_like_email(data)
    return item.format == "text" and looks_like_email(data, strict=True)


def write_edits(
    data: bytes, item: Source, result: Result, edits: list[Edit]
) -> tuple[bytes, list[str]]:
    """The file's bytes with ``edits`` applied, and a note for each edit left out."""
    from msglint.inputs import COLLECTIONS

    where = item.path
    if item.format in COLLECTIONS:
        return data, [f"{where}: mailboxes and chat exports are not rewritten"]
    message = result.analysis.message
    if _is_email(data, item):
        return _write_email(data, message, edits, where)
    return _write_text(data, item, message, edits, where)


def _mapped(
    text: str, source: str, source_map: SourceMap | None, edit: Edit
) -> tuple[int, int] | None:
    """The edit's span in ``source``, when it is a verbatim copy of ``text``'s span."""
    if source_map is None:
        return None
    if edit.start == edit.end:
        if edit.start == 0:
            return (source_map.source_offset(0),) * 2
        at = source_map.source_offset(edit.start - 1) + 1
        return (at, at) if source[at - 1 : at] == text[edit.start - 1] else None
    start = source_map.source_offset(edit.start)
    end = source_map.source_offset(edit.end - 1) + 1
    return (start, end) if source[start:end] == text[edit.start : edit.end] else None


def _newlines(raw: str) -> str | None:
    """The text's line ending, or None when it mixes several."""
    if "\r" not in raw:
        return "\n"
    if raw.count("\r\n") == raw.count("\n") == raw.count("\r"):
        return "\r\n"
    return None


def _source_edits(
    text: str, source: str, source_map: SourceMap | None, edits: list[Edit], where: str
) -> tuple[list[Edit], list[Edit], list[str]]:
    """Edits moved into ``source``, the edits kept (in ``text``), notes for the others."""
    moved: list[Edit] = []
    kept: list[Edit] = []
    notes: list[str] = []
    for edit in edits:
        span = _mapped(text, source, source_map, edit)
        if span is None:
            notes.append(f"{where}: {edit.field} text at {edit.start} is not in the file as such")
            continue
        moved.append(Edit(span[0], span[1], edit.content, edit.field))
        kept.append(edit)
    return moved, kept, notes


def _write_text(
    data: bytes, item: Source, message: Message, edits: list[Edit], where: str
) -> tuple[bytes, list[str]]:
    from msglint.inputs import parse

    bom = data.startswith(_BOM)
    try:
        raw, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            raw, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data, [f"{where}: undecodable bytes, file not rewritten"]
    newline = _newlines(raw)
    if newline is None:
        return data, [f"{where}: mixed line endings, file not rewritten"]
    source = message.source_text
    notes: list[str] = []
    moved: list[Edit] = []
    kept: list[Edit] = []
    for name, text, source_map in (
        ("body", message.body, message.body_map),
        ("subject", message.subject or "", message.subject_map),
    ):
        field_edits = [e for e in edits if e.field == name]
        m, k, n = _source_edits(text, source, source_map, field_edits, where)
        moved += m
        kept += k
        notes += n
    if not moved:
        return data, notes
    new_text = edit_text(source, moved).replace("\n", newline)
    try:
        new_data = (_BOM if bom else b"") + new_text.encode(encoding)
    except UnicodeEncodeError:
        return data, [*notes, f"{where}: the fix needs characters {encoding} cannot hold"]
    again = parse(new_data, item, message.kind)
    if not _same(again, message, kept):
        return data, [*notes, f"{where}: the rewritten file did not read back as fixed; left alone"]
    return new_data, notes


def _same(again: Message, message: Message, kept: list[Edit]) -> bool:
    body = edit_text(message.body, [e for e in kept if e.field == "body"])
    subject = edit_text(message.subject or "", [e for e in kept if e.field == "subject"])
    return again.body == body and " ".join((again.subject or "").split()) == " ".join(
        subject.split()
    )


def _write_email(
    data: bytes, message: Message, edits: list[Edit], where: str
) -> tuple[bytes, list[str]]:
    notes: list[str] = []
    kept: list[Edit] = []
    body_edits = [e for e in edits if e.field == "body"]
    if body_edits:
        data, done, body_notes = _email_body(data, message, body_edits, where)
        kept += done
        notes += body_notes
    subject_edits = [e for e in edits if e.field == "subject"]
    if subject_edits:
        new_subject = edit_text(message.subject or "", subject_edits)
        data, ok = _email_subject(data, new_subject)
        if ok:
            kept += subject_edits
        else:
            notes.append(f"{where}: the Subject header could not be rewritten")
    return data, notes


def _header_end(data: bytes) -> int:
    match = re.search(rb"\r?\n\r?\n", data)
    return match.start() if match else len(data)


def _eol(data: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in data[: _header_end(data) + 2] else b"\n"


def _email_subject(data: bytes, subject: str) -> tuple[bytes, bool]:
    """Replace (or add) the Subject header; RFC 2047 words when it is not ASCII."""
    eol = _eol(data)
    charset = "us-ascii" if subject.isascii() else "utf-8"
    header = email.header.Header(subject, charset, header_name="Subject")
    value = header.encode(linesep=eol.decode()).encode("ascii")  # folded at 78 columns
    head_end = _header_end(data)
    match = _SUBJECT.search(data, 0, head_end)
    if match:
        new = data[: match.start(1)] + value + data[match.end(1) :]
    else:
        at = head_end + len(eol) if head_end < len(data) else head_end
        new = data[:at] + b"Subject: " + value + eol + data[at:]
    parsed = email.message_from_bytes(new, policy=email.policy.default)
    try:
        ok = " ".join(str(parsed.get("subject", "")).split()) == " ".join(subject.split())
    except Exception:  # the stdlib's header parser: a bad value is a failed rewrite
        ok = False
    return (new, True) if ok else (data, False)


def _email_body(
    data: bytes, message: Message, edits: list[Edit], where: str
) -> tuple[bytes, list[Edit], list[str]]:
    """Edit the body part in place; (data, edits done, notes)."""
    from msglint.inputs.common import split_and_map
    from msglint.inputs.email_reader import _body_part, _part_text, read_email, walk_parts

    def refuse(problem: str) -> tuple[bytes, list[Edit], list[str]]:
        return data, [], [f"{where}: {problem}; the body was left alone"]

    msg = email.message_from_bytes(data, policy=email.policy.default)
    part = _body_part(walk_parts(msg, 50, where))  # type: ignore[arg-type]
    if part is None:
        return refuse("no text part")
    if part.get_content_subtype() != "plain":
        return refuse("the text is an HTML part, which msglint does not rewrite")
    cte = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    if cte not in ("7bit", "8bit", "binary", "quoted-printable", "base64"):
        return refuse(f"unknown transfer encoding {cte!r}")
    charset = part.get_content_charset() or "utf-8"
    try:
        raw = (part.get_payload(decode=True) or b"").decode(charset)
    except (UnicodeDecodeError, LookupError):
        return refuse(f"the part is not valid {charset}")
    text = normalise_newlines(raw)
    newline = _newlines(raw)
    if newline is None or text != _part_text(part):  # type: ignore[arg-type]
        return refuse("the part's text cannot be decoded and encoded back exactly")
    body, _, _, body_map, _ = split_and_map(text, SourceMap.identity(text), text)
    if body != message.body:
        return refuse("the part's text does not give the checked body")
    moved, kept, notes = _source_edits(body, text, body_map, edits, where)
    if not moved:
        return data, [], notes
    new_raw = edit_text(text, moved).replace("\n", newline)
    try:
        new_bytes = new_raw.encode(charset)
    except UnicodeEncodeError:
        return refuse(f"the fix needs characters the part's charset {charset} cannot hold")
    if cte == "7bit" and not new_bytes.isascii():
        return refuse("the fix needs non-ASCII text in a 7bit part")
    old = _find_payload(data, part, charset)
    if old is None:
        return refuse("the part's encoded text was not found in the file")
    start, end = old
    old_payload = data[start:end]
    eol = b"\r\n" if b"\r\n" in old_payload else _eol(data)
    if cte == "quoted-printable":
        plain = new_bytes.replace(b"\r\n", b"\n")
        encoded = _qp_unchanged_lines_kept(old_payload, plain, eol) or quopri.encodestring(
            plain
        ).replace(b"\n", eol)
    elif cte == "base64":
        encoded = base64.encodebytes(new_bytes).replace(b"\n", eol)
    else:
        encoded = new_bytes
    if old_payload.endswith(eol) and not encoded.endswith(eol):
        encoded += eol
    elif not old_payload.endswith((b"\n", b"\r")) and encoded.endswith(eol):
        encoded = encoded[: -len(eol)]
    new_data = data[:start] + encoded + data[end:]
    expected = edit_text(message.body, kept)
    try:
        again = read_email(new_data, where, message.kind)
    except Exception:  # a rewrite that does not parse is refused below
        again = None
    if again is None or again.body != expected:
        return refuse("the re-encoded part did not read back as fixed")
    return new_data, kept, notes


def _qp_unchanged_lines_kept(old: bytes, new: bytes, eol: bytes) -> bytes | None:
    """Quoted-printable text for ``new`` that keeps the encoded form of every line
    the fix did not touch (soft breaks included), so only edited lines change."""
    import difflib

    physical = old.split(eol)
    if len(physical) > 20_000:
        return None  # difflib is not linear: very long parts are re-encoded whole
    if physical and physical[-1] == b"":
        physical = physical[:-1]
    groups: list[list[bytes]] = []
    current: list[bytes] = []
    for line in physical:
        current.append(line)
        if not line.rstrip(b" \t").endswith(b"="):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    decoded = [quopri.decodestring(b"\n".join(g) + b"\n").rstrip(b"\n") for g in groups]
    wanted = new.split(b"\n")
    trailing = wanted and wanted[-1] == b""
    if trailing:
        wanted = wanted[:-1]
    out: list[bytes] = []
    matcher = difflib.SequenceMatcher(None, decoded, wanted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(eol.join(g) for g in groups[i1:i2])
        else:
            out.extend(
                quopri.encodestring(line + b"\n").rstrip(b"\n").replace(b"\n", eol)
                for line in wanted[j1:j2]
            )
    result = eol.join(out) + (eol if trailing else b"")
    return result if quopri.decodestring(result.replace(eol, b"\n")) == new else None


def _find_payload(data: bytes, part: email.message.Message, charset: str) -> tuple[int, int] | None:
    """Where the part's encoded body sits in the file."""
    payload = part.get_payload(decode=False)
    if not isinstance(payload, str) or not payload:
        return None
    head = _header_end(data)
    for encoding in ("ascii", charset, "utf-8"):
        try:
            needle = payload.encode(encoding, errors="surrogateescape")
        except (UnicodeEncodeError, LookupError):
            continue
        found = data.find(needle, head)
        if found >= 0:
            return found, found + len(needle)
    return None
