"""Exact positions through quoted-printable: each decoded character knows its file offset.

Lines of a quoted-printable part are not in the file as such ("dès" is written
``d=C3=A8s``, a long line is cut by ``=`` soft breaks), so finding them
verbatim fails. Decoding the part ourselves, byte by byte, keeps the file
offset of every character; the result is used only when it equals what the
standard library decoded.
"""

from __future__ import annotations

import codecs
import re
from email.message import EmailMessage

from msglint.inputs.decode import normalise_newlines
from msglint.message import Segment

_HEX = frozenset("0123456789abcdefABCDEF")


def _encoded_bytes(raw: str, base: int) -> list[tuple[int, int, bool]]:
    """``(byte, file offset, literal)`` for each byte a quoted-printable body encodes."""
    out: list[tuple[int, int, bool]] = []
    index = 0
    size = len(raw)
    while index < size:
        char = raw[index]
        if char == "=":
            if raw[index + 1 : index + 2] == "\n":
                index += 2  # soft line break
                continue
            pair = raw[index + 1 : index + 3]
            if len(pair) == 2 and pair[0] in _HEX and pair[1] in _HEX:
                out.append((int(pair, 16), base + index, False))
                index += 3
                continue
        if char == "\n":
            # trailing spaces before a hard break are transport padding (RFC 2045)
            while out and out[-1][0] in (0x20, 0x09) and out[-1][2]:
                out.pop()
        encoded = char.encode("utf-8", errors="surrogateescape")
        out.extend((byte, base + index, True) for byte in encoded)
        index += 1
    return out


def _decode(
    data: list[tuple[int, int, bool]], charset: str
) -> tuple[list[str], list[int], list[bool]]:
    """Characters with the offset of their first byte and whether they were literal."""
    decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    chars: list[str] = []
    offsets: list[int] = []
    literal: list[bool] = []
    pending: list[tuple[int, bool]] = []
    for byte, offset, plain in data:
        pending.append((offset, plain))
        produced = decoder.decode(bytes((byte,)))
        if produced:
            first_offset = pending[0][0]
            plain_char = len(pending) == 1 and pending[0][1]
            for char in produced:
                chars.append(char)
                offsets.append(first_offset)
                literal.append(plain_char)
            pending = []
    tail = decoder.decode(b"", final=True)
    for char in tail:
        chars.append(char)
        offsets.append(pending[0][0] if pending else (data[-1][1] if data else 0))
        literal.append(False)
    return chars, offsets, literal


def quoted_printable_segments(
    part: EmailMessage, source: str, search_from: int, expected: str
) -> list[Segment] | None:
    """Segments mapping ``expected`` (the part's decoded text) to ``source``, or None.

    None when the part is not quoted-printable text, its body cannot be found
    in the file, or our decoding disagrees with the standard library's.
    """
    if part.get("content-transfer-encoding", "").strip().lower() != "quoted-printable":
        return None
    payload = part.get_payload(decode=False)
    if not isinstance(payload, str) or not payload:
        return None
    raw = normalise_newlines(payload)
    base = source.find(raw, search_from)
    if base < 0:
        return None
    decoded = _decode_mapped(raw, base, part.get_content_charset() or "utf-8")
    if decoded is None or decoded[0] != expected:
        return None
    return decoded[1]


#: Quoted-printable escapes a 7-bit part should not hold: soft line breaks and
#: the upper-case hex pairs encoders write ("=20", "=09", "=3D", "=E9").
_RESIDUE = re.compile(r"=(?:\n|[0-9A-F]{2})")
_STRAY_EQUALS = re.compile(r"=(?!\n|[0-9A-F]{2})")


def residue_segments(
    part: EmailMessage, source: str, search_from: int, text: str
) -> tuple[str, list[Segment]] | None:
    """Decode quoted-printable residue left in a part declared 7bit or 8bit.

    Archived mail (public-record corporate mailboxes, list archives) often
    keeps ``=20``, ``=09`` and ``=`` soft line breaks in parts whose header
    says 7bit: read as is, a reply separator or a sentence is cut in two.
    The part is decoded when such escapes are frequent and outnumber the
    other ``=`` signs; returns the decoded text and its exact map to ``source``.
    """
    encoding = part.get("content-transfer-encoding", "7bit").strip().lower()
    if encoding not in ("7bit", "8bit", ""):
        return None
    found = len(_RESIDUE.findall(text))
    if found < 2 or found <= 2 * len(_STRAY_EQUALS.findall(text)):
        return None
    base = source.find(text, search_from)
    if base < 0:
        return None
    charset = (part.get_content_charset() or "utf-8").lower()
    if charset in ("us-ascii", "ascii"):
        charset = "cp1252"  # what "=E9" meant in a part mislabelled ASCII
    return _decode_mapped(text, base, charset)


def _decode_mapped(raw: str, base: int, charset: str) -> tuple[str, list[Segment]] | None:
    """Quoted-printable ``raw`` (found at ``base`` in the file) decoded, with its segments."""
    try:
        chars, offsets, literal = _decode(_encoded_bytes(raw, base), charset)
    except LookupError:
        return None
    # newlines as the reader normalised them: CRLF and lone CR become LF
    text: list[str] = []
    where: list[int] = []
    plain: list[bool] = []
    for index, char in enumerate(chars):
        if char == "\r":
            if index + 1 < len(chars) and chars[index + 1] == "\n":
                continue
            char = "\n"
        text.append(char)
        where.append(offsets[index])
        plain.append(literal[index])
    segments: list[Segment] = []
    run: Segment | None = None
    for index, offset in enumerate(where):
        if plain[index] and run is not None and offset == run.source + run.length:
            run = Segment(run.start, run.source, run.length + 1)
            continue
        if run is not None:
            segments.append(run)
        run = Segment(index, offset, 1 if plain[index] else 0)
        if not plain[index]:
            segments.append(run)
            run = None
    if run is not None:
        segments.append(run)
    return "".join(text), segments
