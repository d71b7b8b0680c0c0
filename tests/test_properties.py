"""Property-based tests: whatever the input, msglint answers, and its answer is coherent.

Hypothesis generates drafts of every kind msglint reads — plain text in
English, French and arbitrary Unicode, MIME trees built with
:class:`email.message.EmailMessage` (random depth, charsets, transfer
encodings, truncation), Markdown documents (front matter, headings, lists,
code, links, tables, directives); configuration files (valid tables of
known keys, and junk) are in ``test_properties_config``. For each one:

* no exception escapes: reading may refuse the input with a
  :class:`~msglint.errors.MsglintError` (exit 2, one line), nothing else;
  no rule reports an internal error;
* every finding's span lies inside the text it points into
  (``0 <= start <= end <= len(body or subject)``);
* its line/column is where ``body_map``/``subject_map`` put the offset, lies
  inside the source file, and — where the map says the text was copied
  verbatim — the character at that line/column is the character found;
* the score lies in 0–100 and equals ``max(0, 100 - sum(penalties))``; family
  sub-scores lie in 0–100; one rule's penalties never exceed
  ``scoring.max_rule_penalty``; every report format renders the result.

The spaCy pipelines are loaded once for the module. ``NUM_CASES`` counts the
generated cases, per kind (``refused``: drafts refused with one clear error
line); the total is printed at the end of the module (``pytest -s``).
"""

from __future__ import annotations

import base64
import bisect
import email.policy
import quopri
import re
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from msglint.analysis import analyze_many
from msglint.config import Config, load_config
from msglint.engine import Result, check
from msglint.errors import MsglintError
from msglint.inputs import Source, parse
from msglint.message import Message, SourceMap
from msglint.report import ReportOptions, renderer
from msglint.runner import check_size

ROOT = Path(__file__).resolve().parent.parent
LANG_DIR = ROOT / "msglint" / "lang"
NOW = datetime.fromisoformat("2026-12-14T09:00:00+01:00")
DEFAULT_CONFIG = load_config(None, None)
NUM_CASES = {"text": 0, "mime": 0, "markdown": 0, "html": 0, "refused": 0}


def cases(count: int) -> settings:
    """``count`` generated cases, no deadline (a parse takes 10-100 ms), no example database."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


# ---------------------------------------------------------------------------
# Word pools: the packs' own lexicons plus hand-written work phrases.
# ---------------------------------------------------------------------------


def _lexicon_phrases(lang: str) -> list[str]:
    phrases: set[str] = set()
    for path in sorted((LANG_DIR / lang).rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "re:")):
                phrases.add(line)
    wordy = LANG_DIR / lang / "wordy.tsv"
    if wordy.exists():
        for line in wordy.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                phrases.update(
                    part for part in line.split("\t") if part and not part.startswith("re:")
                )
    return sorted(phrases)


EN_PHRASES = [
    *_lexicon_phrases("en"),
    "Could you send the Q3 budget by Friday 5 pm CET?",
    "Please review the attached contract before Tuesday.",
    "Hi Anna,",
    "Thanks,",
    "Best regards",
    "I need the slides by 17 December 2026 at 10:00 UTC.",
    "Someone should update the SOW.",
    "Can you book the room for next Friday?",
    "The meeting was moved by the client.",
    "Let me know when you get a chance.",
    "due 12/31/2026",
    "Monday 14 December 2026",
    "tomorrow at noon",
    "in two weeks",
]
FR_PHRASES = [
    *_lexicon_phrases("fr"),
    "Peux-tu envoyer le budget avant vendredi 17 h ?",
    "Merci de relire le contrat ci-joint avant mardi.",
    "Bonjour Anne,",
    "Bonne journée,",
    "Cordialement",
    "Il me faut les diapositives pour le 17 décembre 2026 à 10 h (heure de Paris).",
    "Quelqu'un pourrait mettre à jour le devis ?",
    "Pourriez-vous réserver la salle pour vendredi prochain ?",
    "La réunion a été déplacée par le client.",
    "dès que possible",
    "lundi 14 décembre 2026",
    "demain midi",
    "d'ici deux semaines",
]
SPECIAL = [
    "ASAP", "URGENT!!!", "URGENT", "!!!", "???", "?!", "…", "«", "»", "« citation »",
    "03/04", "31/12/2026", "2026-12-18", "18:30", "5pm", "17h30", "CET", "UTC+1", "PST",
    "[NAME]", "{{first_name}}", "XXX", "TBD", "SOW", "QBR", "KPI", "e.g.", "Dr.", "M.", "Mme",
    "https://example.com/a?b=c", "www.example.org", "anna@example.com", "`code`", "*bold*",
    "😀", "👩\u200d💻", "\u200b", "\u200d", "\ufeff", "\u200f", "\u202e", "שלום", "مرحبا",
    "日本語", "Ελληνικά", "ﬁ", "e\u0301", "\u00a0", "\u202f", "\t", "   ",
    "msglint: disable=AK02", "> quoted line", "On Mon, Anna wrote:", "-- ", "Sent from my phone",
]  # fmt: skip

_word = st.one_of(
    st.sampled_from(EN_PHRASES),
    st.sampled_from(FR_PHRASES),
    st.sampled_from(SPECIAL),
    st.text(max_size=10),  # arbitrary Unicode, controls and NUL included
)
_separator = st.sampled_from(
    [
        " ",
        " ",
        " ",
        " ",
        ", ",
        ". ",
        "? ",
        "! ",
        "\n",
        "\n\n",
        "\n- ",
        "\n1. ",
        ":\n",
        " — ",
        "\r\n",
    ]
)


@st.composite
def prose(draw: Any, max_words: int = 40) -> str:
    parts = draw(st.lists(st.tuples(_word, _separator), max_size=max_words))
    return "".join(word + sep for word, sep in parts)


def _one_line(text: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", " ", text).split())


# ---------------------------------------------------------------------------
# The checks shared by every property.
# ---------------------------------------------------------------------------


def _verbatim_source(source_map: SourceMap, offset: int) -> int | None:
    """The source offset of ``offset`` when the map says it was copied verbatim."""
    segments = source_map._segments  # the map's own description of the copy
    index = bisect.bisect_right([s.start for s in segments], offset) - 1
    if index < 0:
        return None
    seg = segments[index]
    if seg.start <= offset < seg.start + seg.length:
        return seg.source + offset - seg.start
    return None


def assert_exact_positions(result: Result) -> None:
    """Where a source map says text was copied verbatim, line:column shows that text."""
    message = result.analysis.message
    for f in result.findings:
        if f.field == "message":
            continue
        text = (message.subject or "") if f.field == "subject" else message.body
        source_map = message.subject_map if f.field == "subject" else message.body_map
        if source_map is None or f.start >= len(text):
            continue
        src = _verbatim_source(source_map, f.start)
        if src is None:
            continue
        where = f"{f.code} {f.field} {text[f.start : f.end]!r} reported at {f.line}:{f.column}"
        assert src < len(message.source_text), f"{where}: mapped past the end of the file"
        found = message.source_text[src : src + f.end - f.start]
        assert message.source_text[src] == text[f.start], f"{where}: the file has {found!r} there"


def assert_coherent(result: Result, config: Config) -> None:
    message: Message = result.analysis.message
    assert not result.errors, result.errors  # a rule crashed
    source_lines = message.source_text.split("\n")
    cap = float(config.scoring.get("max_rule_penalty", 1e9))
    per_rule: dict[str, float] = {}
    counts: dict[str, int] = {}
    first: dict[str, float] = {}  # a rule's first finding always costs its full penalty
    for f in result.findings:
        first[f.code] = max(first.get(f.code, 0.0), f.penalty)
        where = f"{f.code} {f.field} [{f.start}:{f.end}] at {f.line}:{f.column}"
        if f.field == "message":
            assert (f.start, f.end) == (0, 0), where
            assert (f.line, f.column) == message.position("body", 0), where
        else:
            assert f.field in ("body", "subject"), where
            text = (message.subject or "") if f.field == "subject" else message.body
            assert 0 <= f.start <= f.end <= len(text), where
            assert (f.line, f.column) == message.position(f.field, f.start), where
            if f.end > f.start:
                end_line, end_col = message.position(f.field, f.end - 1)
                assert (f.end_line, f.end_column) == (end_line, end_col + 1), where
        assert 1 <= f.line <= len(source_lines), where
        assert 1 <= f.column <= len(source_lines[f.line - 1]) + 1, where
        assert (f.end_line, f.end_column) >= (f.line, f.column), where
        assert f.penalty >= 0, where
        per_rule[f.code] = per_rule.get(f.code, 0.0) + f.penalty
        counts[f.code] = counts.get(f.code, 0) + 1
    for code, total in per_rule.items():
        # Penalties are rounded to cents one by one: allow that rounding here;
        # test_rule_cap_holds_after_rounding checks the cap exactly.
        slack = 0.005 * counts[code] + 1e-6
        bound = max(cap, first[code])
        assert total <= bound + slack, f"{code}: {total} > max_rule_penalty {bound}"
    assert 0 <= result.score <= 100
    expected = max(0.0, 100.0 - sum(f.penalty for f in result.findings))
    assert abs(result.score - expected) < 0.011, (result.score, expected)
    for family, sub in result.families.items():
        assert 0 <= sub <= 100, (family, sub)
    for fmt in ("text", "json", "sarif", "github", "html"):
        renderer(fmt)([result], [], ReportOptions())


def check_bytes(
    data: bytes,
    name: str,
    fmt: str | None,
    kind: str | None = None,
    lang: str | None = None,
    now: datetime = NOW,
    config: Config = DEFAULT_CONFIG,
    counter: str = "text",
    exact: bool = True,
) -> Result | None:
    """Read, analyse and check one draft as the runner does; None when refused."""
    try:
        message = parse(data, Source(name, fmt), kind, int(config.limits.get("max_mime_depth", 50)))
        check_size(message, config.limits)
    except MsglintError as error:
        assert error.where == name and error.problem, error
        assert "\n" not in str(error)
        NUM_CASES["refused"] += 1  # refused with one clear line: a correct answer too
        return None
    [analysis] = analyze_many([message], [lang], now)
    result = check(analysis, config)
    assert_coherent(result, config)
    if exact:
        assert_exact_positions(result)
    NUM_CASES[counter] += 1
    return result


# ---------------------------------------------------------------------------
# Plain text, stdin and HTML.
# ---------------------------------------------------------------------------

_zones = st.sampled_from(
    [timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-8)),
     timezone(timedelta(hours=14)), timezone(timedelta(hours=5, minutes=30))]
)  # fmt: skip
_now = st.one_of(
    st.just(NOW),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=_zones),
)


@st.composite
def text_draft(draw: Any) -> str:
    subject = draw(st.one_of(st.none(), prose(max_words=8)))
    body = draw(prose())
    if subject is None:
        return body
    label = draw(st.sampled_from(["Subject", "Objet", "subject", "SUJET"]))
    gap = draw(st.sampled_from(["", "\n"]))
    return f"{label}: {_one_line(subject)}\n{gap}{body}"


@cases(300)
@given(
    draft=text_draft(),
    name=st.sampled_from([("draft.txt", "text"), ("-", None)]),
    kind=st.sampled_from([None, None, "email", "chat", "doc"]),
    lang=st.sampled_from([None, None, "en", "fr"]),
    now=_now,
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]),
)
def test_text_drafts(
    draft: str,
    name: tuple[str, str | None],
    kind: str | None,
    lang: str | None,
    now: datetime,
    encoding: str,
) -> None:
    data = draft.encode(encoding, errors="replace")
    check_bytes(data, name[0], name[1], kind=kind, lang=lang, now=now, counter="text")


@st.composite
def html_document(draw: Any) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(
            st.sampled_from(["p", "div", "li", "h1", "h2", "blockquote", "pre", "td", "span", "b"])
        )
        inner = draw(prose(max_words=12))
        inner = inner.replace("<", "&lt;") if draw(st.booleans()) else inner
        pieces.append(f"<{tag}>{inner}</{tag}>")
        if draw(st.booleans()):
            pieces.append(
                draw(
                    st.sampled_from(
                        ["<script>alert('x')</script>", "<style>p{color:red}</style>", "<br>",
                         "<hr/>", "<ul><li>one</li><li>two</li></ul>",
                         "<!-- msglint-disable AK02 -->", "&amp;&nbsp;&#x1F600;",
                         "<img src='https://tracker.example/p.png'>", "<p", "</div></div>",
                         "<![CDATA[x]]>"]
                    )
                )
            )  # fmt: skip
    head = draw(
        st.sampled_from(["", "<html><head><title>T</title></head><body>", "<!doctype html>"])
    )
    return head + "\n".join(pieces)


@cases(200)
@given(doc=html_document(), lang=st.sampled_from([None, "en", "fr"]))
def test_html_documents(doc: str, lang: str | None) -> None:
    check_bytes(doc.encode("utf-8"), "page.html", "html", lang=lang, counter="html")


# ---------------------------------------------------------------------------
# MIME trees.
# ---------------------------------------------------------------------------

CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "us-ascii", "utf-16", "koi8-r", "shift_jis",
            "x-unknown-charset", "", "utf-7"]  # fmt: skip
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", None, "x-uuencode", "binary"]


def _encode_payload(raw: bytes, cte: str | None) -> str:
    if cte == "base64":
        return base64.encodebytes(raw).decode("ascii")
    if cte == "quoted-printable":
        return quopri.encodestring(raw).decode("ascii")
    return raw.decode("ascii", errors="surrogateescape")


@st.composite
def mime_leaf(draw: Any) -> EmailMessage:
    part = EmailMessage()
    what = draw(st.sampled_from(["plain", "plain", "html", "attachment", "image"]))
    if what in ("attachment", "image"):
        data = draw(st.binary(max_size=300))
        maintype, subtype = ("image", "png") if what == "image" else ("application", "pdf")
        name = draw(st.sampled_from(["report.pdf", "ç€ 日本.pdf", "", "a" * 80 + ".bin"]))
        part.set_content(data, maintype=maintype, subtype=subtype, filename=name or None)
        return part
    text = draw(prose(max_words=25))
    if what == "html":
        text = f"<html><body><p>{text}</p><script>var x = 'ignore me';</script></body></html>"
    charset = draw(st.sampled_from(CHARSETS))
    cte = draw(st.sampled_from(ENCODINGS))
    try:
        codec = charset or "utf-8"
        raw = text.encode(codec, errors="replace")
    except LookupError:
        raw = text.encode("utf-8", errors="replace")
    content_type = f"text/{what}"
    if charset:
        content_type += f'; charset="{charset}"'
    part["Content-Type"] = content_type
    if cte:
        part["Content-Transfer-Encoding"] = cte
    part.set_payload(_encode_payload(raw, cte))
    if draw(st.integers(0, 5)) == 0:
        part["Content-Disposition"] = draw(st.sampled_from(["inline", "attachment", "bogus; x"]))
    return part


def _multipart(children: list[EmailMessage], subtype: str) -> EmailMessage:
    node = EmailMessage()
    node["Content-Type"] = f"multipart/{subtype}"
    node.set_payload([])
    for child in children:
        node.attach(child)
    return node


mime_tree = st.recursive(
    mime_leaf(),
    lambda children: st.builds(
        _multipart,
        st.lists(children, min_size=1, max_size=3),
        st.sampled_from(["mixed", "alternative", "related", "signed", "x-weird"]),
    ),
    max_leaves=6,
)


def _chain(leaf: EmailMessage, depth: int) -> EmailMessage:
    node = leaf
    for _ in range(depth):
        node = _multipart([node], "mixed")
    return node


@st.composite
def email_bytes(draw: Any) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        root = _chain(draw(mime_leaf()), draw(st.integers(8, 70)))  # around max_mime_depth
    else:
        root = draw(mime_tree)
    root["From"] = "Anna <anna@example.com>"
    root["To"] = draw(
        st.sampled_from(["bob@example.com", "Équipe <team@example.fr>, x@y", "undisclosed:;"])
    )
    subject = draw(st.one_of(st.none(), prose(max_words=8)))
    if subject is not None:
        root["Subject"] = _one_line(subject)[:200]
    date = draw(
        st.sampled_from(
            [None, "Mon, 14 Dec 2026 09:00:00 +0100", "Fri, 31 Dec 9999 23:59:59 +0000",
             "yesterday",
             "Thu, 01 Jan 1970 00:00:00 -1200", "Mon, 14 Dec 2026 09:00:00 +9999"]
        )
    )  # fmt: skip
    if date:
        root["Date"] = date
    for index, part in enumerate(root.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_msglint_{index}_=")  # email would draw one with `random`
    data = root.as_bytes(policy=email.policy.compat32)
    mutation = draw(st.integers(0, 9))
    if mutation == 0:
        data = data[: draw(st.integers(0, len(data)))]  # truncated mid-part
    elif mutation == 1:
        position = draw(st.integers(0, max(0, len(data) - 1)))
        data = data[:position] + draw(st.binary(min_size=1, max_size=8)) + data[position:]
    return data


@cases(300)
@given(
    data=email_bytes(),
    lang=st.sampled_from([None, "en", "fr"]),
    depth=st.sampled_from([50, 50, 10]),
)
def test_mime_trees(data: bytes, lang: str | None, depth: int) -> None:
    config = DEFAULT_CONFIG
    if depth != 50:
        config = Config(
            {**DEFAULT_CONFIG.data, "limits": {**DEFAULT_CONFIG.limits, "max_mime_depth": depth}}
        )
    check_bytes(data, "mail.eml", "email", lang=lang, config=config, counter="mime", exact=False)


# ---------------------------------------------------------------------------
# Markdown.
# ---------------------------------------------------------------------------


@st.composite
def markdown_block(draw: Any) -> str:
    kind = draw(
        st.sampled_from(
            ["para", "para", "heading", "bullets", "ordered", "fence", "indented", "table", "quote",
             "directive", "html", "hr", "inline"]
        )
    )  # fmt: skip
    line = _one_line(draw(prose(max_words=15)))
    if kind == "heading":
        return "#" * draw(st.integers(1, 7)) + " " + line
    if kind in ("bullets", "ordered"):
        items = draw(st.lists(prose(max_words=8), min_size=1, max_size=5))
        out = []
        for index, item in enumerate(items, 1):
            indent = "  " * draw(st.integers(0, 2))
            marker = f"{index}." if kind == "ordered" else draw(st.sampled_from(["-", "*", "+"]))
            out.append(f"{indent}{marker} {_one_line(item)}")
        return "\n".join(out)
    if kind == "fence":
        return (
            f"```{draw(st.sampled_from(['', 'python', 'text']))}\n{draw(prose(max_words=10))}\n```"
        )
    if kind == "indented":
        return "    " + line
    if kind == "table":
        cells = draw(
            st.lists(
                st.text(
                    alphabet=st.characters(
                        blacklist_categories=("Cs",), blacklist_characters="|\n\r"
                    ),
                    max_size=6,
                ),
                min_size=2,
                max_size=4,
            )
        )
        return (
            "| "
            + " | ".join(cells)
            + " |\n|"
            + "---|" * len(cells)
            + "\n| "
            + " | ".join(cells)
            + " |"
        )
    if kind == "quote":
        return "> " + line
    if kind == "directive":
        code = draw(st.sampled_from(["AK02", "CN02", "DL", "ask.multiple", "", "NOPE"]))
        return draw(
            st.sampled_from(
                [f"<!-- msglint-disable {code} -->", "<!-- msglint-enable -->",
                 f"<!-- msglint-disable-next-line {code} -->"]
            )
        )  # fmt: skip
    if kind == "html":
        return "<div>\n" + line + "\n</div>"
    if kind == "hr":
        return draw(st.sampled_from(["---", "***", "___"]))
    if kind == "inline":
        return (
            f"{line} `x = 1` [a link]({draw(st.sampled_from(['https://example.com', '']))}) "
            f"![img](p.png) **{line[:20]}** _it_ <https://example.org> \\*"
        )
    return line


@st.composite
def markdown_document(draw: Any) -> str:
    parts = []
    if draw(st.booleans()):
        title = _one_line(draw(prose(max_words=6)))
        parts.append(f"---\ntitle: {title}\ntags: [a, b]\n---")
    parts.extend(draw(st.lists(markdown_block(), max_size=10)))
    return draw(st.sampled_from(["\n\n", "\n"])).join(parts)


@cases(300)
@given(
    doc=markdown_document(),
    lang=st.sampled_from([None, "en", "fr"]),
    kind=st.sampled_from([None, "email"]),
)
def test_markdown_documents(doc: str, lang: str | None, kind: str | None) -> None:
    check_bytes(
        doc.encode("utf-8"), "guide.md", "markdown", kind=kind, lang=lang, counter="markdown"
    )


@settings(
    cases(60), phases=(Phase.explicit, Phase.generate)
)  # no shrinking (test_positions_examples.py)
@given(data=email_bytes(), lang=st.sampled_from([None, "en", "fr"]))
def test_mime_positions_point_at_the_text(data: bytes, lang: str | None) -> None:
    check_bytes(data, "mail.eml", "email", lang=lang, counter="mime", exact=True)


def test_zz_report_case_counts() -> None:
    """Not a check: prints how many generated cases reached the checks (``pytest -s``)."""
    total = sum(NUM_CASES.values())
    print(f"\nhypothesis cases checked: {total} {NUM_CASES}")
