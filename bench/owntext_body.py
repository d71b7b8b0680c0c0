"""The text an own-text annotation's line numbers refer to (``fixtures/real/owntext/``).

Independent of msglint's splitter on purpose: the stdlib ``email`` parser picks the
first inline ``text/plain`` part (else ``text/html``, turned into text by
``html_to_text``), decodes its transfer encoding and charset, and newlines are
normalised to LF. Line *n* of the annotation is line *n* (1-based) of that text.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import sys
from email.message import EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from msglint.inputs.decode import normalise_newlines  # noqa: E402
from msglint.inputs.html_text import html_to_text  # noqa: E402


def _part(msg: EmailMessage) -> EmailMessage | None:
    parts = [p for p in msg.walk() if not p.is_multipart()]
    for wanted in ("plain", "html"):
        for part in parts:
            if part.get_content_maintype() != "text" or part.get_content_subtype() != wanted:
                continue
            if part.get_filename() or (part.get_content_disposition() or "inline") != "inline":
                continue
            return part  # type: ignore[return-value]
    return None


def annotated_body(data: bytes) -> str:
    """The decoded body text whose lines an annotation numbers."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    part = _part(msg)
    if part is None:
        return ""
    try:
        text = str(part.get_content())
    except (LookupError, UnicodeError, ValueError, AssertionError):
        text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return normalise_newlines(text)


def body_digest(text: str) -> str:
    """A short digest of the annotated text: an annotation is only valid for that text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
