"""Read an RFC 5322 / MIME e-mail with the standard library's ``email`` package."""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
import re
from datetime import datetime
from email.message import EmailMessage

from msglint.errors import MsglintError
from msglint.inputs.common import split_and_map
from msglint.inputs.decode import normalise_newlines
from msglint.inputs.html_text import html_to_text
from msglint.inputs.qp_map import quoted_printable_segments, residue_segments
from msglint.inputs.suppression import find_suppressions
from msglint.message import Attachment, Message, SourceMap, align_lines

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?", re.M)
_KNOWN_HEADERS = re.compile(
    rb"^(from|to|cc|subject|date|message-id|mime-version|content-type|received|"
    rb"return-path|reply-to|in-reply-to|references|x-[\w-]+)\s*:",
    re.IGNORECASE | re.M,
)


def looks_like_email(data: bytes, strict: bool = False) -> bool:
    """True when the data starts with a header block naming typical e-mail headers.

    Two known headers are needed: a lone ``Subject:`` line is how a plain-text
    draft names its subject, not an e-mail. ``strict`` (for files named .txt)
    also wants a From, To or Date header.
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    lines = [line for line in block.splitlines() if line and not line[:1].isspace()]
    if not lines or not all(_HEADER_LINE.match(line) for line in lines):
        return False
    known = {m.group(1).lower() for m in _KNOWN_HEADERS.finditer(block)}
    if strict and not known & {b"from", b"to", b"date"}:
        return False
    return len(known) >= 2


def _parse_date(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _part_text(part: EmailMessage) -> str:
    if part.get_content_charset() is None and part.get_content_maintype() == "text":
        # No declared charset: clients mean UTF-8 far more often than ASCII, and
        # reading 8-bit text as ASCII would turn every accent into U+FFFD.
        payload = part.get_payload(decode=True) or b""
        try:
            return normalise_newlines(payload.decode("utf-8"))
        except UnicodeDecodeError:
            return normalise_newlines(payload.decode("cp1252", errors="replace"))
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            content = payload.decode(charset, errors="replace")
        except LookupError:
            content = payload.decode("utf-8", errors="replace")
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    return normalise_newlines(str(content))


def _too_deep(path: str, max_depth: int) -> MsglintError:
    return MsglintError(path, f"MIME parts nested deeper than limits.max_mime_depth ({max_depth})")


def walk_parts(msg: EmailMessage, max_depth: int, path: str) -> list[EmailMessage]:
    """Every part of the MIME tree, depth first, without recursion.

    A tree nested deeper than ``max_depth`` is refused: no real client nests
    more than a handful of levels, and deeper trees are crafted.
    """
    found: list[EmailMessage] = []
    stack: list[tuple[EmailMessage, int]] = [(msg, 0)]
    while stack:
        part, depth = stack.pop()
        found.append(part)
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list) and payload:
            if depth >= max_depth:
                raise _too_deep(path, max_depth)
            stack.extend(
                (child, depth + 1) for child in reversed(payload) if isinstance(child, EmailMessage)
            )
    return found


def _attachments(parts: list[EmailMessage], body_part: EmailMessage | None) -> list[Attachment]:
    found: list[Attachment] = []
    for part in parts:
        if part is body_part or part.is_multipart():
            continue
        disposition = (part.get_content_disposition() or "").lower()
        filename = part.get_filename()
        maintype = part.get_content_maintype()
        if disposition == "attachment" or filename or maintype not in ("text", "multipart"):
            found.append(
                Attachment(
                    filename=str(filename or "(unnamed)"),
                    content_type=part.get_content_type(),
                    inline=disposition == "inline",
                )
            )
    return found


def _header(msg: EmailMessage, name: str) -> str | None:
    """A header's decoded value, surviving the stdlib's own parser errors.

    The ``default`` policy parses headers lazily and some malformed values
    (empty groups, stray NULs) raise inside the standard library; the raw value,
    RFC 2047-decoded where possible, is then the best we can read.
    """
    try:
        value = msg.get(name)
        return None if value is None else str(value)
    except Exception:  # stdlib header parser bugs, see docstring
        raw = next((v for k, v in msg.raw_items() if k.lower() == name), None)
        if raw is None:
            return None
        try:
            return str(email.header.make_header(email.header.decode_header(raw)))
        except Exception:  # undecodable encoded-words stay as written
            return raw


def _addresses(msg: EmailMessage) -> list[str]:
    """Recipients from the raw To/Cc values: the lenient legacy parser never raises."""
    raw = [value for key, value in msg.raw_items() if key.lower() in ("to", "cc")]
    return [addr for _, addr in email.utils.getaddresses(raw) if addr]


def _sender(msg: EmailMessage) -> str:
    """The From address (the legacy parser never raises), or "" when there is none."""
    raw = [value for key, value in msg.raw_items() if key.lower() == "from"]
    return next((addr for _, addr in email.utils.getaddresses(raw[:1]) if addr), "")


_LIST_HEADERS = ("list-id", "list-post", "list-unsubscribe", "mailing-list", "x-mailing-list")
_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster", re.I)


_LIST_HOST = frozenset({"list", "lists"})
# Mailman's archive (pipermail) hides the sender's address as "name at host":
# only a public list archive writes a From line that way.
_ARCHIVED_SENDER = re.compile(r"^\s*[\w.+-]{1,64} at [\w-]{1,63}(?:\.[\w-]{1,63})+(?:\s|$)")
# A Mailman-style subject tag after any reply or forward prefixes: "Re: [notmuch] …".
_SUBJECT_TAG = re.compile(r"^(?:\s*[A-Za-z]{2,4}\s*:)*\s*\[([^\]\s]{1,64})\]")


def _mailing_list(msg: EmailMessage) -> bool:
    """Sent through a mailing list: its headers, a list host, or a subject tag naming a recipient.

    The list server adds the ``List-*`` headers; a draft replying to a list post
    (and an archive that dropped them) has none, but keeps the tag the list put
    in the subject, "[notmuch]", which is the list address's local part
    ("notmuch@notmuchmail.org"), and it is addressed to the list's host
    ("lists.…", "list.…"). A ticket or alert tag ("[INC0048213]",
    « [Information] ») names no recipient. A list's public archive hides
    the sender's address ("name at host") and often drops the recipients.
    """
    names = {key.lower() for key, _ in msg.raw_items()}
    precedence = (_header(msg, "precedence") or "").strip().lower()
    if names.intersection(_LIST_HEADERS) or precedence == "list":
        return True
    senders = [value for key, value in msg.raw_items() if key.lower() == "from"]
    if senders and _ARCHIVED_SENDER.match(str(senders[0])):
        return True  # "europax at home.com (Rob)": a post copied from a list's public archive
    addresses = [address.lower().split("@", 1) for address in _addresses(msg)]
    if any(len(a) == 2 and _LIST_HOST.intersection(a[1].split(".")) for a in addresses):
        return True  # "…@lists.fedoraproject.org", "…@LIST.ETSI.ORG": a list server's host
    tag = _SUBJECT_TAG.match(_header(msg, "subject") or "")
    return tag is not None and tag.group(1).lower() in {a[0] for a in addresses}


def _automated(msg: EmailMessage) -> bool:
    """Sent by a program: Auto-Submitted, bulk precedence or a no-reply sender."""
    auto = (_header(msg, "auto-submitted") or "no").strip().lower()
    precedence = (_header(msg, "precedence") or "").strip().lower()
    sender = _header(msg, "from") or ""
    return auto != "no" or precedence in ("bulk", "junk") or bool(_NO_REPLY.search(sender))


def _declared_language(value: str | None) -> str | None:
    """The primary language of a ``Content-Language`` header: "fr-FR, en" -> "fr"."""
    match = re.match(r"\s*([A-Za-z]{2,3})\b", value or "")
    return match.group(1).lower() if match else None


def _subject_map(source: str, subject: str) -> SourceMap | None:
    match = re.search(r"^subject:[ \t]*", source, re.IGNORECASE | re.M)
    if not match:
        return None
    start = match.end()
    if source.startswith(subject, start):
        return SourceMap.identity(source, start, len(subject))
    return SourceMap.identity(source, start, 0)


def _body_part(parts: list[EmailMessage]) -> EmailMessage | None:
    """The first inline text/plain part, else the first text/html one.

    Like ``EmailMessage.get_body`` but without its recursion, so a crafted
    tree cannot exhaust the stack.
    """
    for wanted in ("plain", "html"):
        for part in parts:
            if part.is_multipart() or part.get_content_maintype() != "text":
                continue
            if part.get_content_subtype() != wanted or part.get_filename():
                continue
            if (part.get_content_disposition() or "inline") == "inline":
                return part
    return None


def read_email(data: bytes, path: str, kind: str = "email", max_mime_depth: int = 50) -> Message:
    """Parse e-mail bytes into a Message whose body is the author's own text."""
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except RecursionError:
        # The stdlib parser recurses once per nested part: only nesting far past any sane
        # limit gets here, so the refusal names the limit the user can act on.
        raise _too_deep(path, max_mime_depth) from None
    except Exception as exc:  # the parser is lenient; anything raised here is a broken file
        raise MsglintError(path, f"unreadable e-mail: {exc}") from None
    assert isinstance(msg, EmailMessage)
    source = normalise_newlines(data.decode("utf-8", errors="replace"))
    header_end = source.find("\n\n")
    header_end = len(source) if header_end < 0 else header_end + 2

    parts = walk_parts(msg, max_mime_depth, path)
    body_part = _body_part(parts)
    text = ""
    if body_part is not None:
        text = _part_text(body_part)
        if body_part.get_content_subtype() == "html":
            text = html_to_text(text)
    segments = None
    if body_part is not None and body_part.get_content_subtype() == "plain":
        segments = quoted_printable_segments(body_part, source, header_end, text)
        residue = None if segments else residue_segments(body_part, source, header_end, text)
        if residue is not None:
            text, segments = residue
    text_map = SourceMap(source, segments or align_lines(text, source, header_end))
    body, quoted, signature, body_map, closing = split_and_map(text, text_map, source)

    raw_subject = _header(msg, "subject")
    subject = None if raw_subject is None else " ".join(raw_subject.split())
    return Message(
        path=path,
        kind=kind,
        body=body,
        subject=subject,
        has_subject_field=True,
        quoted=quoted,
        signature=signature,
        closing_start=closing,
        attachments=_attachments(parts, body_part),
        attachments_known=True,
        recipients=_addresses(msg),
        sender=_sender(msg),
        sent=_parse_date(_header(msg, "date")),
        source_text=source,
        body_map=body_map,
        subject_map=_subject_map(source, subject or ""),
        suppressions=find_suppressions(source),
        mailing_list=_mailing_list(msg),
        automated=_automated(msg),
        language_hint=_declared_language(_header(msg, "content-language")),
    )
