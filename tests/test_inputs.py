"""Real inputs: MIME variants, positions in the original file, suppression, collections."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import run_inprocess as run_cli

NOW = "2026-12-14T09:00:00+01:00"


def _check(*args: str, stdin: bytes | None = None) -> dict:  # type: ignore[type-arg]
    proc = run_cli(
        "check", *args, "--format", "json", "--fail-on", "never", "--now", NOW, stdin=stdin
    )
    return json.loads(proc.stdout)


def _finding(doc: dict, code: str) -> dict:  # type: ignore[type-arg]
    found = [f for r in doc["results"] for f in r["findings"] if f["code"] == code]
    assert found, f"{code} not reported"
    return found[0]


def _line_col(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def test_position_after_headers_in_eml(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg["To"] = "b@example.com"
    msg["Subject"] = "Budget figures for the Q3 review"
    msg["Date"] = "Mon, 14 Dec 2026 09:00:00 +0100"
    msg.set_content("Hi Sam,\n\nCould you send me the budget figures ASAP?\n\nThanks,\nAlex\n")
    path = tmp_path / "m.eml"
    path.write_bytes(bytes(msg))
    finding = _finding(_check(str(path)), "DL02")
    assert (finding["line"], finding["column"]) == _line_col(path.read_text(), "ASAP")


def test_position_with_quoted_printable_soft_breaks(tmp_path: Path) -> None:
    body = (
        "Bonjour L=C3=A9a,\n\nPeux-tu m'envoyer les chiffres du budget d=C3=A8s que possible =\n"
        "pour la r=C3=A9union de demain ?\n\nMerci,\nClaire\n"
    )
    raw = (
        "From: c@example.fr\nTo: l@example.fr\nSubject: Chiffres du budget pour la réunion\n"
        "Date: Mon, 14 Dec 2026 09:00:00 +0100\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + body
    )
    path = tmp_path / "qp.eml"
    path.write_text(raw)
    doc = _check(str(path))
    assert doc["results"][0]["language"] == "fr"
    finding = _finding(doc, "DL02")
    line, _ = _line_col(raw, "d=C3=A8s que possible")
    assert finding["line"] == line  # the line of the file, whatever the decoding did


def test_html_only_mail_is_read_and_script_ignored(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg["To"] = "b@example.com"
    msg["Subject"] = "Invoice 2026-118 to approve"
    msg.set_content(
        "<html><head><script>alert('x')</script><style>p{}</style></head><body>"
        "<p>Hi Sam,</p><p>Could you approve invoice 2026-118 ASAP?</p>"
        "<blockquote>Old thread: please ignore me ASAP</blockquote>"
        "<p>Thanks, Alex</p></body></html>",
        subtype="html",
    )
    path = tmp_path / "h.eml"
    path.write_bytes(bytes(msg))
    proc = run_cli("inspect", str(path), "--format", "json")
    facts = json.loads(proc.stdout)["inputs"][0]
    assert "alert" not in facts["body"] and "p{}" not in facts["body"]
    assert "Could you approve invoice 2026-118 ASAP?" in facts["body"]
    assert "ignore me" not in facts["body"] and "ignore me" in facts["quoted"]


def test_markdown_positions_skip_front_matter_and_code(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Handover notes for the holidays\n---\n\n"
        "```\ncode: ASAP must not count\n```\n\n"
        "Please send the rota ASAP.\n\n"
        "Run `deploy ASAP` only on Fridays.\n"
    )
    path = tmp_path / "doc.md"
    path.write_text(text)
    facts = json.loads(run_cli("inspect", str(path), "--format", "json").stdout)["inputs"][0]
    assert facts["subject"] == "Handover notes for the holidays"
    assert "code:" not in facts["body"]
    times = [t for t in facts["times"] if t["text"] == "ASAP"]
    assert times, facts["times"]


def test_markdown_suppression_comments(tmp_path: Path) -> None:
    text = (
        "# Team rules for shared documents\n\n"
        "<!-- msglint-disable-next-line CN02 -->\n"
        + "This sentence is deliberately long "
        * 6
        + "and it goes on.\n\n"
        "<!-- msglint-disable TN01 -->\n"
        "Note: PLEASE DO NOT EDIT THIS SECTION BY HAND.\n"
        "<!-- msglint-enable TN01 -->\n\n"
        "Note: PLEASE DO NOT EDIT THIS ONE EITHER.\n"
    )
    path = tmp_path / "rules.md"
    path.write_text(text)
    findings = _check(str(path), "--select", "CN02,TN01")["results"][0]["findings"]
    assert [f["code"] for f in findings] == ["TN01"]
    assert (
        findings[0]["line"]
        == text.count("\n", 0, text.index("Note: PLEASE DO NOT EDIT THIS ONE")) + 1
    )


def test_plain_text_suppression_line(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "Subject: Question\n\nmsglint: disable=SJ02\n"
        "Could you send me the Q3 figures by Friday 5 pm CET? Thanks!\n"
    )
    doc = _check(str(path))
    codes = {f["code"] for f in doc["results"][0]["findings"]}
    assert "SJ02" not in codes
    body = json.loads(run_cli("inspect", str(path), "--format", "json").stdout)["inputs"][0]["body"]
    assert "msglint:" not in body


def test_mbox_each_message_is_a_result(tmp_path: Path) -> None:
    mbox = tmp_path / "box.mbox"
    mbox.write_text(
        "From a@example.com Mon Dec 14 09:00:00 2026\n"
        "From: a@example.com\nSubject: Quick question\n\n"
        "Can you send the figures ASAP?\n\n"
        "From b@example.com Mon Dec 14 10:00:00 2026\nFrom: b@example.com\nSubject: Question\n\n"
        ">From the top: could you check the venue by Friday 5 pm CET? Thanks.\n"
    )
    doc = _check(str(mbox))
    assert [r["path"] for r in doc["results"]] == [f"{mbox}#1", f"{mbox}#2"]
    sj02 = next(f for f in doc["results"][1]["findings"] if f["code"] == "SJ02")
    assert sj02["line"] == 9  # the line in the mbox file
    facts = json.loads(run_cli("inspect", str(mbox), "--format", "json").stdout)["inputs"]
    assert facts[1]["body"].startswith("From the top")


def test_jsonl_and_slack_export(tmp_path: Path) -> None:
    jsonl = tmp_path / "chat.jsonl"
    jsonl.write_text(
        '{"text": "can someone check the staging server asap??"}\n{"text": "ok merci"}\n'
    )
    export = tmp_path / "export"
    (export / "general").mkdir(parents=True)
    (export / "channels.json").write_text('[{"id": "C1", "name": "general"}]')
    (export / "users.json").write_text('[{"id": "U1", "name": "ines"}]')
    day = [
        {
            "type": "message",
            "user": "U1",
            "ts": "1765701000.000100",
            "text": "<@U1> tu peux relire le <https://x.example/devis|devis> dès que possible ?",
        },
        {
            "type": "message",
            "subtype": "channel_join",
            "ts": "1765701100.0",
            "text": "<@U1> joined",
        },
    ]
    (export / "general" / "2026-12-14.json").write_text(json.dumps(day, indent=4))
    doc = _check(str(jsonl), str(export))
    paths = [r["path"] for r in doc["results"]]
    assert paths[:2] == [f"{jsonl}#1", f"{jsonl}#2"]
    assert paths[2].endswith("general/2026-12-14.json#1765701000.000100") and len(paths) == 3
    assert all(r["kind"] == "chat" for r in doc["results"])
    slack = doc["results"][2]
    assert slack["language"] == "fr"
    assert any(f["code"] == "DL02" for f in slack["findings"])
    facts = json.loads(run_cli("inspect", str(export), "--format", "json").stdout)["inputs"][0]
    assert facts["body"].startswith("@ines tu peux relire le devis")


@pytest.mark.parametrize(
    ("headers", "is_list"),
    [
        # A draft replying to a list post: no List-* header yet, but the list's tag
        # in the subject is the local part of the list address it goes to.
        ("To: notmuch@notmuchmail.org\nSubject: Re: [notmuch] tagging speed", True),
        ("To: Anna <anna@example.org>, devel@lists.example.org\nSubject: build", True),
        ("To: 3GPP_TSG_SA_WG2_MTCE@LIST.ETSI.ORG\nSubject: [MTCe] call", True),
        ("List-Id: <devel.example.org>\nTo: anna@example.org\nSubject: x", True),
        # A ticket or alert tag names no recipient; a person's address is not a list.
        ("To: anna@example.org\nSubject: [INC0048213] printer down", False),
        ("To: anna@example.org\nSubject: Re: [notmuch] tagging speed", False),
        ("To: marc@listing.example.org\nSubject: [Information] travaux", False),
    ],
)
def test_mailing_list_seen_from_a_draft_without_list_headers(headers: str, is_list: bool) -> None:
    from msglint.inputs import Source, parse

    raw = f"From: Bo <bo@example.org>\n{headers}\n\nCould someone look at it?\n".encode()
    assert parse(raw, Source("d.eml", "email"), None).mailing_list is is_list


@pytest.mark.parametrize(
    ("sender", "is_list"),
    [
        # Mailman's public archive hides the address and drops the recipients.
        ("eric at enthought.com (eric)", True),
        ("europax at home.com (Rob)", True),
        ("Bo <bo@example.org>", False),
        ("Meet at noon <bo@example.org>", False),
        ("look at this", False),
    ],
)
def test_mailing_list_seen_from_an_archived_sender(sender: str, is_list: bool) -> None:
    from msglint.inputs import Source, parse

    raw = f"From: {sender}\nSubject: [Numpy-discussion] x\n\nCould someone look?\n".encode()
    assert parse(raw, Source("d.eml", "email"), None).mailing_list is is_list
