"""Hostile sizes: every step that sees user text grows linearly (issue 16).

Each test builds an input that was slow before (quadratic or worse), doubles
its size a few times and compares the times by ratio (``growth.py``): no
absolute time is asserted. Most call the one step under test directly, so
the module costs seconds, not minutes.
"""

from __future__ import annotations

import itertools
import json
import re
import string
from types import SimpleNamespace

import pytest
from growth import assert_linear
from hypothesis import given, settings
from hypothesis import strategies as st

from msglint.lang import get_pack
from msglint.rules.acronyms import defined_acronyms
from msglint.rules.clarity import undefined_acronym
from msglint.rules.subject import subject_shouting


def _acronyms(count: int) -> str:
    letters = string.ascii_uppercase
    words = ("".join(p) for p in itertools.product(letters, repeat=4))
    return " ".join(f"The {w} and" for w in itertools.islice(words, count)) + "."


def _cl02(body: str) -> list:
    analysis = SimpleNamespace(
        body=body,
        subject="",
        pack=get_pack("en"),
        language="en",
        message=SimpleNamespace(quoted=""),
    )
    return list(undefined_acronym(analysis, {"allow": [], "newcomer_min": 3}))


def test_cl02_thousands_of_distinct_acronyms_is_linear() -> None:
    """8,000 acronyms took 46 s: three whole-text patterns per acronym."""
    assert len(_cl02(_acronyms(50))) >= 40  # a few are dictionary words in capitals
    assert_linear(_acronyms, _cl02, (1000, 2000, 4000, 8000), repeat=1)


def _old_is_defined(text: str, acronym: str) -> bool:
    """CL02's former per-acronym test: the reference the one-pass reading must equal."""
    escaped = re.escape(acronym)
    if re.search(rf"\(\s*{escaped}s?\s*\)", text):
        return True
    if re.search(rf"\b{escaped}s?\s*\(\s*[^\W\d_][^)]{{3,}}\)", text):
        return True
    small = r"(?:(?:of|the|and|for|on|in|to|de|des|du|la|le|les|et|pour|d'|l')\s+)?"
    spelled = (r"\s+" + small).join(rf"{letter}[\w'-]*" for letter in acronym)
    return bool(re.search(rf"\b{spelled}\b", text))


_PIECES = [
    "SOW", "S", "O", "W", "Statement", "of", "Work", "(", ")", " ", "  ", "s", "-", "'",
    "&", "R&D", "Research", "and", "Development", "the", "d'", "é", "2", "B", "\n",
    "(statement of work)", "e-Work", "l'", "Éval",
]  # fmt: skip
_ASKED = ["SOW", "RD", "R&D", "SO", "OW", "B2B", "SW", "DW", "SOWX", "SOWB"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_cl02_one_pass_definitions_equal_the_former_patterns(text: str) -> None:
    defined = defined_acronyms(text)
    for acronym in _ASKED:
        assert (acronym in defined) == _old_is_defined(text, acronym), (text, acronym)


def _shout(subject: str) -> list:
    analysis = SimpleNamespace(subject=subject)
    return list(subject_shouting(analysis, {"min_letters": 8, "max_upper_ratio": 0.7}))


@pytest.mark.parametrize("filler", ["?", "?!", "!"])
def test_sj04_huge_subject_of_question_marks_is_linear(filler: str) -> None:
    sizes = (200_000, 400_000, 800_000, 1_600_000)  # past the caches: timing noise stays small
    assert_linear(lambda n: "Budget " + filler * n + " x", _shout, sizes)


def test_sj04_still_finds_the_first_mixed_run() -> None:
    hits = _shout("Budget? review ?!? now!!")
    assert [(h.start, h.end) for h in hits] == [(15, 18)]
    assert _shout("Budget! review?") == []


def _findings(count: int) -> tuple[str, list]:
    text = "word " * (count * 2)
    findings = [
        (n, SimpleNamespace(start=10 * n, end=10 * n + 4, severity="info", code="C", message="m"))
        for n in range(1, count + 1)
    ]
    return text, findings


def test_html_report_pieces_of_thousands_of_findings_is_linear() -> None:
    from msglint.report.html_format import pieces

    cut = pieces(*_findings(3))
    assert [p.notes for p in cut][:4] == [(), (1,), (), (2,)]
    assert_linear(_findings, lambda tf: pieces(*tf), (1000, 2000, 4000, 8000))


# ---------------------------------------------------------------------------
# Readers: suppression directives, mailboxes, chat exports, HTML
# ---------------------------------------------------------------------------


def test_plain_disable_line_with_a_long_run_of_spaces_is_linear() -> None:
    """400 spaces took 6.6 s, 1,000 took 249 s (k^3.5 backtracking)."""
    from msglint.inputs.suppression import find_suppressions, is_directive_line

    def make(spaces: int) -> str:
        gap = " " * spaces
        return f"msglint: disable = AK02{gap},CN02\nmsglint: disable{gap}!\n" * 20

    assert_linear(make, find_suppressions, (8000, 16000, 32000, 64000))
    assert is_directive_line("msglint: disable = AK02, CN02 ")
    assert [s.codes for s in find_suppressions("x\n  msglint: disable=ak02,CN02\n")] == [
        frozenset({"AK02", "CN02"})
    ]
    assert not is_directive_line("msglint: disable AK02 !")


@pytest.mark.parametrize(
    "unit",
    ["<!-- msglint-disable AK02 -->\nline\n", "<!-- msglint-disable x ", "<!--   \n"],
)
def test_many_disable_comments_are_linear(unit: str) -> None:
    from msglint.inputs.suppression import find_suppressions

    assert_linear(lambda n: unit * n, find_suppressions, (4000, 8000, 16000, 32000))


def test_mbox_of_many_messages_is_split_in_linear_time() -> None:
    from msglint.inputs.collections import split_mbox

    unit = b"From a@b Mon Jan 1 00:00:00 2024\nSubject: x\n\nhello\n\n"
    assert [line for line, _ in split_mbox(unit * 3)] == [2, 7, 12]
    assert_linear(lambda n: unit * n, split_mbox, (4000, 8000, 16000, 32000))


def _jsonl(count: int) -> bytes:
    lines = (json.dumps({"text": f'Hi "Anna"\nline two {i}\nthree/é'}) for i in range(count))
    # the first line is not in the file verbatim (escaped quotes), the second is
    return "\n".join(lines).encode()


def _slack(count: int) -> bytes:
    items = [
        {
            "type": "message",
            "text": f"Hi <@U1>: https://x/y\nsee the draft {i}",
            "ts": str(1600000000 + i),
        }
        for i in range(count)
    ]
    return json.dumps(items).replace("/", "\\/").encode()  # as Slack writes "/"


def test_jsonl_export_of_many_lines_is_linear() -> None:
    """10,000 lines took 41 s and 4.3 GB: a line table per message, searches to the end."""
    from msglint.inputs.collections import read_jsonl

    found = read_jsonl(_jsonl(3), "x.jsonl", None)
    column = _jsonl(1).decode().index("line two") + 1
    assert [m.position("body", m.body.index("line two")) for m in found] == [
        (1, column), (2, column), (3, column),
    ]  # fmt: skip
    assert_linear(
        _jsonl, lambda d: read_jsonl(d, "x.jsonl", None), (500, 1000, 2000, 4000), repeat=2
    )


def test_slack_day_of_many_messages_is_linear() -> None:
    from msglint.inputs.collections import read_slack_day

    found = read_slack_day(_slack(3), "d.json", None, {})
    raw = _slack(3).decode()
    assert [m.position("body", m.body.index("see")) for m in found] == [
        (1, raw.index(f"see the draft {i}") + 1) for i in range(3)
    ]
    run = lambda d: read_slack_day(d, "d.json", None, {})  # noqa: E731
    assert_linear(_slack, run, (500, 1000, 2000, 4000), repeat=2)


@pytest.mark.parametrize(
    "unit",
    ["<!-- x ", "</ a ", "<? a ", "<! a ", "<b>x</b> ", "a &amp; b<br>\n"],
)
def test_html_reader_with_unclosed_markup_is_linear(unit: str) -> None:
    """Thousands of unclosed "<!--": the standard parser searched to the end from each."""
    from msglint.inputs.html_text import html_to_text

    sizes = (10000, 20000, 40000, 80000)
    assert_linear(lambda n: "<p>Hello</p>" + unit * n, html_to_text, sizes)


def test_html_reader_keeps_unclosed_markup_as_text() -> None:
    from msglint.inputs.html_text import html_to_text

    assert html_to_text("<p>Hi <!-- not closed</p><p>More</p>") == "Hi <!-- not closed\n\nMore"
    assert html_to_text("<p>Hi<!-- gone --> there</p>") == "Hi there"
    assert html_to_text("<blockquote>old <b>x</b></blockquote><p>new</p>") == "> old x\n\nnew"


# ---------------------------------------------------------------------------
# Rules on long sentences
# ---------------------------------------------------------------------------


def _chain(count: int) -> str:
    return "We choose between " + " and ".join(f"the plan {i}" for i in range(count)) + "."


def test_st03_surface_items_of_a_long_and_chain_is_linear() -> None:
    """320 KB of "between … and … and …" took 438 s in ST03."""
    from msglint.analysis.grammar import _surface_items

    analysis = SimpleNamespace(pack=get_pack("en"))
    assert _surface_items(analysis, "We need the numbers, the slides and the contract.") == [
        4,
        2,
        2,
    ]
    run = lambda text: _surface_items(analysis, text)  # noqa: E731
    assert_linear(_chain, run, (2000, 4000, 8000, 16000))
    assert_linear(lambda n: "a, " * n + "b and c", run, (2000, 4000, 8000, 16000))


def test_st03_parsed_items_of_a_long_and_chain_is_linear() -> None:
    from msglint.analysis import analyze_many
    from msglint.analysis.grammar import _parsed_items
    from msglint.inputs.text_reader import read_text

    def analysed(count: int):  # type: ignore[no-untyped-def]
        (analysis,) = analyze_many([read_text(_chain(count), "x.txt", "chat")], ["en"])
        return analysis

    run = lambda a: [_parsed_items(a, s) for s in a.sentences]  # noqa: E731
    assert_linear(analysed, run, (250, 500, 1000, 2000), repeat=1)


def _stamped_chat(lines: int) -> str:
    return "".join(
        f"[03/12/2026 08:{i % 60:02d}] Julie Marchand : on livre demain avant 10h, lot {i}\n"
        for i in range(lines)
    )


def test_chat_stamps_of_a_long_export_are_linear() -> None:
    """Each turn's stamp is told from the times its writer names, one line at a time."""
    from datetime import datetime, timezone

    from msglint.analysis.chat import chat_times

    pack = get_pack("fr")
    now = datetime(2026, 12, 3, 9, tzinfo=timezone.utc)
    times, stamps, _ = chat_times(_stamped_chat(3), pack, now, dated_now=False)
    assert len(stamps) == 3 and {t.text for t in times} == {"demain avant 10h"}
    assert_linear(
        _stamped_chat,
        lambda text: chat_times(text, pack, now, dated_now=False),
        (250, 500, 1000, 2000),
        repeat=1,
    )
