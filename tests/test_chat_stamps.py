"""A chat export's turn stamps are not times the writers name (analysis/chat.py)."""

from __future__ import annotations

import pytest

import msglint


@pytest.mark.parametrize(
    "export",
    [
        "[03/12/2026 08:12] Julie Marchand : l'autoclave affiche E07, tu passes demain ?\n",
        "17/12/2026 21:04 - Régis Lefèbvre: tu passes demain ?\n",
        "[20/01/2027, 07:48] Mickaël Jouan: tu passes demain ?\n",
        "[08:12] Lucas Bernier : tu passes demain ?\n",
        "Stéphane Morvan  07:02\ntu passes demain ?\n",
        "Julien Bertin (08:02) : tu passes demain ?\n",
        "[07/12/2026 07:12] Rachid (chef chantier): tu passes demain ?\n",
    ],
)
def test_a_turn_stamp_is_no_time_of_the_text(export: str) -> None:
    result = msglint.check(export, kind="chat", lang="fr")
    assert [t.text for t in result.analysis.times] == ["demain"]
    assert len(result.analysis.stamps) == 1


def test_a_dated_stamp_is_when_the_conversation_took_place() -> None:
    export = (
        "[03/12/2026 08:12] Julie : on livre demain ?\n[03/12/2026 08:20] Marc : oui, avant 10h\n"
    )
    result = msglint.check(export, kind="chat", lang="fr")
    assert result.analysis.now.date().isoformat() == "2026-12-03"
    demain = next(t for t in result.analysis.times if t.text == "demain")
    assert demain.value is not None and demain.value.date().isoformat() == "2026-12-04"
    # --now (or a Date) stays the reference time.
    forced = msglint.check(export, kind="chat", lang="fr", now="2027-01-05T09:00:00+01:00")
    assert forced.analysis.now.date().isoformat() == "2027-01-05"


def test_a_clock_time_in_the_text_is_still_a_time() -> None:
    result = msglint.check(
        "[08:12] Lucas : on se retrouve à 14h30 au quai 3\n", kind="chat", lang="fr"
    )
    assert [t.text for t in result.analysis.times] == ["à 14h30"]
    english = msglint.check("[08:12] Lucas: meet me at 2:30 pm at dock 3\n", kind="chat", lang="en")
    assert any("2:30" in t.text for t in english.analysis.times)
