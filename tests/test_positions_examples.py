"""Findings point at the right place in the file: worked examples.

Split from ``test_properties.py`` (whose generated MIME trees check the same
property at random): a quoted-printable French e-mail, an .eml with no header
block, and a finding across two base64-decoded lines.
"""

from __future__ import annotations

from test_properties import DEFAULT_CONFIG, NOW, assert_exact_positions, check_bytes

from msglint.analysis import analyze_many
from msglint.engine import check
from msglint.inputs import Source, parse

QP_FRENCH = b"""From: Anne <anne@example.fr>
To: bob@example.fr
Subject: Budget du trimestre
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Bonjour Bob,

Peux-tu m'envoyer le budget d=C3=A9taill=C3=A9 d=C3=A8s que possible ? C'est URGENT !!!

Merci
"""


def _located(data: bytes, name: str, fmt: str) -> list[tuple[str, str, str]]:
    """(code, finding text, text at the reported line:column) for each body finding."""
    result = check_bytes(data, name, fmt, counter="mime", exact=False)
    assert result is not None
    message = result.analysis.message
    lines = message.source_text.split("\n")
    located = []
    for f in result.findings:
        if f.field == "body" and f.end > f.start:
            line = lines[f.line - 1]
            located.append(
                (
                    f.code,
                    message.body[f.start : f.end],
                    line[f.column - 1 : f.column - 1 + f.end - f.start],
                )
            )
    return located


def test_quoted_printable_findings_point_at_their_line_and_column() -> None:
    """A French e-mail in quoted-printable (accents as =C3=A9): the vague deadline's
    line:column must point at "d=C3=A8s que possible" in the file, not elsewhere."""
    located = _located(QP_FRENCH, "qp.eml", "email")
    vague = [shown for code, text, shown in located if code == "DL02"]
    assert vague, located
    assert vague[0].startswith("d=C3=A8s"), f"DL02 reported where the file shows {vague[0]!r}"


def test_eml_without_header_block_maps_inside_the_file() -> None:
    """An .eml holding only text (no blank line after headers) is read as a body;
    its findings must be placed on that text, not past the end of the file."""
    data = b"Could you send the report by Friday? Thanks"
    result = check_bytes(data, "note.eml", "email", counter="mime", exact=False)
    assert result is not None and result.analysis.message.body
    assert_exact_positions(result)


BASE64_TWO_LINES = (
    b'Content-Type: multipart/mixed; boundary="b0"\nFrom: Anna <anna@example.com>\n'
    b"To: bob@example.com\n\n--b0\nContent-Type: text/plain; charset=iso-8859-1\n"
    b"Content-Transfer-Encoding: base64\n\nKG5vIHN1YmplY3QpLiBhCj8g\n\n--b0--\n"
)  # the body is "(no subject). a\n? ": two lines found nowhere verbatim in the file


def test_findings_never_end_before_they_start() -> None:
    """A finding spanning two base64-decoded lines must not end (line:column) before it starts."""
    message = parse(BASE64_TWO_LINES, Source("b64.eml", "email"), None)
    [analysis] = analyze_many([message], ["en"], NOW)
    findings = [f for f in check(analysis, DEFAULT_CONFIG).findings if f.end > f.start]
    assert findings
    for f in findings:
        span = f"{f.code} [{f.start}:{f.end}]"
        assert (f.end_line, f.end_column) >= (f.line, f.column), (
            f"{span} starts at {f.line}:{f.column}, ends at {f.end_line}:{f.end_column}"
        )
