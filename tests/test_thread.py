"""How old the thread a reply answers is: the quoted header's date (analysis/thread.py)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from conftest import run_inprocess as run_cli

from msglint.analysis.thread import quoted_sent
from msglint.lang import get_pack

NOW = datetime(2027, 1, 6, 9, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("lang", "quoted", "day"),
    [
        (
            "en",
            "On Tue, Sep 1, 2026 at 2:05 PM, Nathalie <n@example.org> wrote:\n> Hi",
            "2026-09-01",
        ),
        (
            "en",
            "-----Original Message-----\nFrom: Kam\nSent: Monday, January 14, 2002 9:29 AM\n",
            "2002-01-14",
        ),
        ("en", "From: Ana\nSent: 7/29/2020 6:34 PM\nTo: Bo\n", "2020-07-29"),
        (
            "fr",
            "Le mar. 1 sept. 2026 à 14:05, Nathalie <n@example.org> a écrit :\n> Bonjour",
            "2026-09-01",
        ),
        (
            "fr",
            "De : Nadia Chérif\nEnvoyé : lundi 23 novembre 2026 14:05\nÀ : Agence\n",
            "2026-11-23",
        ),
    ],
)
def test_quoted_sent_reads_the_quote_header(lang: str, quoted: str, day: str) -> None:
    sent = quoted_sent(quoted, get_pack(lang), NOW)
    assert sent is not None and sent.date().isoformat() == day


@pytest.mark.parametrize(
    ("lang", "quoted"),
    [
        ("en", ""),
        # A date in the quoted text without a clock time is not a header's.
        ("en", "> The release of 3 February 2017 fixed it.\n"),
        ("en", "> We meet on Friday at 10.\n"),
        ("fr", "> La réunion aura lieu le jeudi 10 septembre.\n"),
    ],
)
def test_quoted_sent_is_none_without_a_dated_header(lang: str, quoted: str) -> None:
    assert quoted_sent(quoted, get_pack(lang), NOW) is None


def test_inspect_reports_when_the_quoted_message_was_sent(tmp_path) -> None:
    draft = tmp_path / "reply.eml"
    draft.write_text(
        "Date: Wed, 06 Jan 2027 09:12:00 +0100\nSubject: Re: Kick-off\n\nSee below, thanks.\n\n"
        "On Tue, Sep 1, 2026 at 2:05 PM, Nathalie <n@example.org> wrote:\n> Kick-off Thursday.\n",
        encoding="utf-8",
    )
    facts = json.loads(run_cli("inspect", str(draft), "--format", "json").stdout)["inputs"][0]
    assert facts["quoted_sent"].startswith("2026-09-01T14:05")
