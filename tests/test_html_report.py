"""The HTML report as a reader sees it: grouped notes, human dates, fixes before/after."""

from __future__ import annotations

import re
from pathlib import Path

import msglint
from msglint.report import ReportOptions, renderer
from msglint.report.html_view import hard_wrapped, note_groups

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-14T09:00:00+01:00"


def _html(*sources: str | bytes | Path, **kwargs: object) -> str:
    linter = msglint.Linter(now=NOW, **kwargs)  # type: ignore[arg-type]
    results = [linter.check(s) for s in sources]
    return renderer("html")(results, [], ReportOptions())


def test_one_note_number_per_place() -> None:
    html = _html(ROOT / "examples" / "bad-en.eml")
    sups = re.findall(r"<sup><a [^>]*>([^<]*)</a></sup>", html)
    assert sups and all("," not in s for s in sups)
    result = msglint.check(ROOT / "examples" / "bad-en.eml", now=NOW)
    groups, _ = note_groups(result.findings)
    assert len(groups) < len(result.findings)  # findings ending together share a note
    assert len(sups) == len({(g.field, g.items[0][1].end) for g in groups if g.field != "message"})


def test_french_report_is_french() -> None:
    html = _html(ROOT / "examples" / "bad-fr.eml")
    badges = re.findall(r'<span class="badge \w+">([^<]+)</span>', html)
    assert "avertissement" in badges and "warning" not in badges
    assert "courriel" in html and "correction" in html


def test_deadlines_are_written_for_people() -> None:
    draft = (
        "Subject: Figures for the board pack\n\nHi Anna,\n\nCould you send me the Q3 figures "
        "by Friday 18 December at 5 pm CET? Thanks."
    )
    html = _html(draft, lang="en")
    checklist = html[html.index('<ul class="checklist">') :]
    checklist = checklist[: checklist.index("</ul>")]
    assert "Fri 18 Dec, 17:00 CET" in checklist and "T17:00" not in checklist
    french = (
        "Subject: Chiffres pour le conseil\n\nBonjour Anna,\n\nPouvez-vous m'envoyer les "
        "chiffres du T3 avant vendredi 18 décembre 17 h (heure de Paris) ? Merci."
    )
    html = _html(french, lang="fr")
    assert "ven. 18 déc., 17 h (heure de Paris)" in html


def test_long_asks_are_quoted_by_their_core() -> None:
    html = _html(ROOT / "examples" / "bad-fr.eml")
    items = re.findall(r'<li title="([^"]*)"><span class="core">([^<]*)</span>', html)
    assert items
    for full, core in items:
        assert len(core.split()) <= 13
        if len(full.split()) > 13:
            assert core.endswith("…")


def test_empty_family_bar_is_visible() -> None:
    result = msglint.check(ROOT / "examples" / "bad-en.eml", now=NOW)
    result.families["clarity"] = 0
    html = renderer("html")([result], [], ReportOptions())
    assert 'stroke-dasharray="3 2"' in html  # clarity 0: a dashed red outline
    assert re.search(r'width="3(\.0)?" height="10"', html)  # and a stub of colour


def test_fix_shown_before_and_after() -> None:
    html = _html(ROOT / "examples" / "bad-en.eml")
    assert "<del>basically </del>" in html
    assert "<del>in order to</del><ins>to</ins>" in html
    assert "fix to review" in html and "3 fixable" in html


def test_hard_wrapped_mail_keeps_its_lines() -> None:
    body = "\n".join(
        ["Hi Sam,", ""]
        + ["the supplier changed the delivery schedule for the March batch and we"] * 5
        + ["", "Thanks,"]
    )
    assert hard_wrapped(body)
    assert not hard_wrapped("One long paragraph " * 30)
    html = _html(f"Subject: Delivery schedule for March\n\n{body}", lang="en")
    assert 'class="body wrapped"' in html
