"""Read a plain-text draft: an optional first line ``Subject: …``, then the body."""

from __future__ import annotations

import re

from msglint.inputs.common import split_and_map
from msglint.inputs.suppression import find_suppressions
from msglint.message import Message, SourceMap

_SUBJECT = re.compile(r"\A[ \t]*(subject|objet|sujet)[ \t]*:[ \t]*(.*)$", re.IGNORECASE | re.M)


def read_text(text: str, path: str, kind: str | None) -> Message:
    """A .txt draft (or a chat line): kind email when it names a subject, else chat."""
    subject: str | None = None
    subject_map: SourceMap | None = None
    body_start = 0
    match = _SUBJECT.match(text)
    if match:
        subject = match.group(2).strip()
        subject_map = SourceMap.identity(text, match.start(2), len(match.group(2)))
        body_start = match.end() + 1 if match.end() < len(text) else match.end()
    resolved_kind = kind or ("email" if match else "chat")
    rest = text[body_start:]
    rest_map = SourceMap.identity(text, body_start, len(rest))
    body, quoted, signature, body_map, closing = split_and_map(
        rest, rest_map, text, reply=resolved_kind != "chat"
    )
    return Message(
        path=path,
        kind=resolved_kind,
        body=body,
        subject=subject,
        has_subject_field=bool(match),
        quoted=quoted,
        signature=signature,
        closing_start=closing,
        source_text=text,
        body_map=body_map,
        subject_map=subject_map,
        suppressions=find_suppressions(text),
    )
