"""msglint-sendmail: a real mail client (neomutt) sending through it to a local mail sink.

The sink is a shell script that records its argv and the bytes it receives.
Between neomutt and the wrapper sits a recorder that keeps a copy of exactly
what neomutt produced, so "delivered unchanged" is a byte comparison, not a
guess. A warm ``msglint serve`` answers most checks (one pipeline load for
the module); one send goes the in-process way, through a dead socket.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, need_program

from msglint.sendmail import TRIM_OVER, _non_message_mode, check_copy, parse_args, strip_skip_header

WRAPPER = Path(sys.executable).with_name("msglint-sendmail")
BAD_BODY = (EXAMPLES / "bad-en.eml").read_bytes().split(b"\n\n", 1)[1]
PDF = b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n1 0 obj <</Type/Catalog>> endobj\n%%EOF\n"

SINK = """#!/bin/sh
# A local mail sink: record the arguments (NUL-separated) and the message.
printf '%s\\0' "$@" > "$(dirname "$0")/sink-argv"
cat > "$(dirname "$0")/delivered.eml"
exit "${SINK_STATUS:-0}"
"""
RECORDER = """#!/bin/sh
# Between the client and the wrapper: keep what the client produced, and the status.
dir=$(dirname "$0")
printf '%s\\0' "$@" > "$dir/client-argv"
tee "$dir/produced.eml" | "$@"
status=$?
echo "$status" > "$dir/status"
exit "$status"
"""


def _deadline() -> str:
    """A deadline a few days ahead, with its true weekday and a time zone."""
    due = date.today() + timedelta(days=6)
    return f"{due:%A} {due.day} {due:%B} {due.year}, 3 pm CET"


def good_body() -> bytes:
    return (
        "Hi Priya,\n\n"
        f"Could you approve the venue for the Q1 offsite by {_deadline()}? "
        "The venue holds the date for us until then.\n\n"
        "Details:\n- Venue: Maison Lumière, Lyon\n- Dates: 9 and 10 February\n"
        "- Cost: 4,200 euros for 25 people, within the approved budget\n\n"
        "The quote is attached.\n\nThanks,\nAlex\n"
    ).encode()


def good_email(newline: bytes = b"\n", extra_headers: bytes = b"") -> bytes:
    """The good draft as a complete multipart message (what a client hands to sendmail)."""
    body = good_body().replace("Lumière".encode(), "Lumi\xe8re".encode("latin-1"))
    lines = [
        b"From: Alex Martin <alex@example.com>",
        b"To: Priya Shah <priya@example.com>",
        b"Subject: Approve the Q1 offsite venue in Lyon",
        b"Date: " + date.today().strftime("%a, %d %b %Y").encode() + b" 09:30:00 +0100",
        b"MIME-Version: 1.0",
        *([extra_headers] if extra_headers else []),
        b'Content-Type: multipart/mixed; boundary="b1"',
        b"",
        b"--b1",
        b"Content-Type: text/plain; charset=iso-8859-1",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        *body.split(b"\n"),
        b"--b1",
        b'Content-Type: application/pdf; name="quote.pdf"',
        b'Content-Disposition: attachment; filename="quote.pdf"',
        b"Content-Transfer-Encoding: base64",
        b"",
        b"JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8",
        b"PC9Sb290IDEgMCBSPj4KJSVFT0YK",
        b"--b1--",
        b"",
    ]
    return newline.join(lines)


def bad_email(newline: bytes = b"\n", extra_headers: bytes = b"") -> bytes:
    head, body = (EXAMPLES / "bad-en.eml").read_bytes().split(b"\n\n", 1)
    if extra_headers:
        head += b"\n" + extra_headers
    return (head + b"\n\n" + body).replace(b"\n", newline)


@dataclass
class Mailbox:
    """A folder with the sink, the recorder, and what they saw."""

    path: Path

    @property
    def sink(self) -> Path:
        return self.path / "sink"

    @property
    def recorder(self) -> Path:
        return self.path / "recorder"

    def delivered(self) -> bytes | None:
        file = self.path / "delivered.eml"
        return file.read_bytes() if file.exists() else None

    def sink_argv(self) -> list[str]:
        return (self.path / "sink-argv").read_bytes().decode().split("\0")[:-1]

    def produced(self) -> bytes:
        return (self.path / "produced.eml").read_bytes()

    def client_argv(self) -> list[str]:
        return (self.path / "client-argv").read_bytes().decode().split("\0")[:-1]

    def status(self) -> int:
        return int((self.path / "status").read_text())


@pytest.fixture
def mailbox(tmp_path: Path) -> Mailbox:
    box = Mailbox(tmp_path / "mail")
    box.path.mkdir()
    for script, text in ((box.sink, SINK), (box.recorder, RECORDER)):
        script.write_text(text)
        script.chmod(0o755)
    return box


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("sendmail-srv") / "msglint.sock"
    proc = subprocess.Popen(
        [sys.executable, "-m", "msglint", "serve", "--socket", str(path)],
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 240
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(
                f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        time.sleep(0.1)
    assert proc.stderr is not None
    proc.stderr.readline()  # "serving on …" once warm
    yield str(path)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def wrapper(
    args: list[str], stdin: bytes, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run msglint-sendmail as a mail client would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MSGLINT_")}
    return subprocess.run(
        [str(WRAPPER), *args],
        input=stdin,
        capture_output=True,
        env={**clean, **(env or {})},
        cwd=cwd or ROOT,
        timeout=120,
    )


# --- unit level: the wrapper alone, bytes in, bytes out -------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(good_email(), id="lf-8bit-attachment"),
        pytest.param(good_email(b"\r\n"), id="crlf-8bit-attachment"),
        pytest.param(
            good_email(b"\r\n").replace(b"Thanks,", b"Merci \xe0 toi, thanks,"), id="crlf-latin1"
        ),
    ],
)
def test_good_message_forwarded_byte_for_byte_with_all_arguments(
    server: str, mailbox: Mailbox, message: bytes
) -> None:
    args = ["-oi", "-f", "alex@example.com", "--", "priya@example.com", "--config", "-t"]
    proc = wrapper(["--sendmail", str(mailbox.sink), *args], message, {"MSGLINT_SOCKET": server})
    assert proc.returncode == 0, proc.stderr.decode()
    assert mailbox.delivered() == message
    assert mailbox.sink_argv() == args  # "--config" after "--" is a recipient, not ours
    assert proc.stderr == b""


def _with_big_attachment(message: bytes) -> bytes:
    """The good e-mail with a 6 MB attachment: over the 5 MB input limit."""
    line = b"QUJD" * 19 + b"\n"
    big = (
        b'--b1\nContent-Type: application/octet-stream; name="scan.bin"\n'
        b'Content-Disposition: attachment; filename="scan.bin"\n'
        b"Content-Transfer-Encoding: base64\n\n" + line * (6_000_000 // len(line)) + b"\n"
    )
    return message.replace(b"--b1--", big + b"--b1--")


def test_big_attachment_is_not_linted_and_message_sent_whole(server: str, mailbox: Mailbox) -> None:
    message = _with_big_attachment(good_email())
    assert len(message) > 5_000_000
    proc = wrapper(
        ["--sendmail", str(mailbox.sink), "priya@example.com"], message, {"MSGLINT_SOCKET": server}
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert mailbox.delivered() == message


def test_check_copy_keeps_text_and_attachment_headers() -> None:
    message = _with_big_attachment(good_email())
    copy = check_copy(message)
    assert len(copy) < TRIM_OVER
    assert b'Content-Disposition: attachment; filename="scan.bin"' in copy
    assert b'filename="quote.pdf"' in copy
    assert good_body().split(b"\n")[2] in copy.replace(
        "Lumi\xe8re".encode("latin-1"), "Lumière".encode()
    )
    assert check_copy(good_email()) == good_email()  # small messages are read as they are


def test_bad_message_refused_with_report_and_nothing_sent(server: str, mailbox: Mailbox) -> None:
    proc = wrapper(
        ["--sendmail", str(mailbox.sink), "--fail-on", "warning", "-oi", "team@example.com"],
        bad_email(),
        {"MSGLINT_SOCKET": server},
    )
    assert proc.returncode == 1
    assert mailbox.delivered() is None
    err = proc.stderr.decode()
    assert "CL05 [warning]" in err and "CL04 [warning]" in err
    assert "score" in err and "NOT sent (--fail-on warning)" in err and "X-Msglint: skip" in err
    assert "Traceback" not in err and proc.stdout == b""


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_skip_header_sends_the_bad_message_without_that_line(
    mailbox: Mailbox, newline: bytes
) -> None:
    message = bad_email(newline, extra_headers=b"X-Msglint: skip")
    # No server and no socket: a skip never loads the checker, so it is fast and always works.
    proc = wrapper(["--sendmail", str(mailbox.sink), "-t"], message)
    assert proc.returncode == 0, proc.stderr.decode()
    assert mailbox.delivered() == bad_email(newline)
    assert mailbox.sink_argv() == ["-t"]


def test_skip_environment_variable_sends_unchanged(mailbox: Mailbox) -> None:
    message = bad_email(b"\r\n")
    proc = wrapper(
        ["team@example.com"], message, {"MSGLINT_SKIP": "1", "MSGLINT_SENDMAIL": str(mailbox.sink)}
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert mailbox.delivered() == message


def test_gate_options_and_environment(server: str, mailbox: Mailbox) -> None:
    env = {
        "MSGLINT_SOCKET": server,
        "MSGLINT_SENDMAIL": str(mailbox.sink),
        "MSGLINT_FAIL_ON": "never",
    }
    refused = wrapper(["--min-score", "95", "a@example.com"], bad_email(), env)
    assert refused.returncode == 1 and mailbox.delivered() is None
    assert "--min-score 95" in refused.stderr.decode()
    passed = wrapper(["a@example.com"], bad_email(), env)
    assert passed.returncode == 0, passed.stderr.decode()
    assert mailbox.delivered() == bad_email()
    # the command line wins over the environment
    assert wrapper(["--fail-on=warning", "a@example.com"], bad_email(), env).returncode == 1


def test_real_command_status_is_passed_back(server: str, mailbox: Mailbox) -> None:
    env = {"MSGLINT_SOCKET": server, "SINK_STATUS": "67"}
    proc = wrapper(["--sendmail", str(mailbox.sink), "nobody@example.com"], good_email(), env)
    assert proc.returncode == 67
    assert mailbox.delivered() == good_email()


def _refused_as_tempfail(
    proc: subprocess.CompletedProcess[bytes], mailbox: Mailbox, words: str
) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == 75, err
    assert mailbox.delivered() is None
    assert "Traceback" not in err and words in err and "msglint-sendmail:" in err


def test_broken_config_refuses_with_tempfail(mailbox: Mailbox, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("fail_on = [\n")
    proc = wrapper(
        ["--sendmail", str(mailbox.sink), "--config", str(broken), "a@example.com"], good_email()
    )
    _refused_as_tempfail(proc, mailbox, "broken.toml")


def test_oversized_message_refuses_with_tempfail(
    server: str, mailbox: Mailbox, tmp_path: Path
) -> None:
    (tmp_path / "small.toml").write_text("[limits]\nmax_bytes = 500\n")
    args = ["--sendmail", str(mailbox.sink), "--config", "small.toml", "a@example.com"]
    proc = wrapper(args, good_email(), {"MSGLINT_SOCKET": server}, cwd=tmp_path)
    _refused_as_tempfail(proc, mailbox, "max_bytes")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--fail-on", "sometimes"], "--fail-on"),
        (["--min-score", "high"], "--min-score"),
        (["--sendmail"], "needs a value"),
        (
            ["--sendmail", "/nonexistent/sendmail", "--fail-on", "never"],
            "cannot run /nonexistent/sendmail",
        ),
        (["-bs"], "-bs"),
    ],
)
def test_wrapper_failures_refuse_with_tempfail(
    server: str, mailbox: Mailbox, args: list[str], words: str
) -> None:
    proc = wrapper(
        args, good_email(), {"MSGLINT_SOCKET": server, "MSGLINT_SENDMAIL": str(mailbox.sink)}
    )
    _refused_as_tempfail(proc, mailbox, words)


def test_modes_without_a_message_go_straight_through(mailbox: Mailbox) -> None:
    proc = wrapper(["--sendmail", str(mailbox.sink), "-bp"], b"")
    assert proc.returncode == 0, proc.stderr.decode()
    assert mailbox.sink_argv() == ["-bp"]
    assert _non_message_mode(["-f", "-bob@example.com", "--", "-q@example.com"]) is None
    assert _non_message_mode(["-oi", "-q30m"]) == "-q30m"


def test_help_exits_zero() -> None:
    proc = wrapper(["--help"], b"")
    assert proc.returncode == 0 and b"X-Msglint: skip" in proc.stdout


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (b"X-Msglint: skip\nSubject: a\n\nbody\n", b"Subject: a\n\nbody\n"),
        (
            b"Subject: a\r\nx-msglint:   SKIP \r\nTo: b\r\n\r\nbody",
            b"Subject: a\r\nTo: b\r\n\r\nbody",
        ),
        (b"Subject: a\nX-Msglint:\n\tskip\nTo: b\n\nbody\n", b"Subject: a\nTo: b\n\nbody\n"),
        (b"Subject: a\nX-Msglint: skip", b"Subject: a\n"),
    ],
)
def test_skip_header_removal_keeps_every_other_byte(message: bytes, expected: bytes) -> None:
    assert strip_skip_header(message) == (expected, True)


@pytest.mark.parametrize(
    "message",
    [
        b"Subject: a\n\nX-Msglint: skip\n",  # in the body: not a header
        b"Subject: a\nX-Msglint: skip-not\n\nbody\n",
        b"Subject: a\nX-Msglint-Skip: 1\n\nbody\n",
    ],
)
def test_skip_header_only_in_the_header_block(message: bytes) -> None:
    assert strip_skip_header(message) == (message, False)


def test_own_options_only_lead() -> None:
    options, rest = parse_args(
        ["--sendmail", "/bin/msmtp -a work", "--lang=fr", "-oi", "--lang", "en"], {}
    )
    assert options.sendmail == ["/bin/msmtp", "-a", "work"] and options.lang == "fr"
    assert options.fail_on == "error" and options.min_score == 0
    assert rest == ["-oi", "--lang", "en"]
    options, rest = parse_args(["--", "x@example.com"], {"MSGLINT_FAIL_ON": "warning"})
    assert options.fail_on == "warning" and options.sendmail == ["/usr/sbin/sendmail"]
    assert rest == ["--", "x@example.com"]


# --- end to end: neomutt in batch mode --------------------------------------------------------


def _neomutt() -> str:
    return need_program("neomutt")


def neomutt(
    box: Mailbox,
    sendmail_args: list[str],
    neomutt_args: list[str],
    stdin: bytes,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Send with neomutt (no real config, HOME in a temp dir) through recorder → wrapper → sink."""
    home = box.path / "home"
    home.mkdir(exist_ok=True)
    command = [str(box.recorder), str(WRAPPER), "--sendmail", str(box.sink), *sendmail_args]
    assert not any(" " in part or '"' in part for part in command), (
        "neomutt splits $sendmail on spaces"
    )
    muttrc = home / "muttrc"
    muttrc.write_text(
        f'set sendmail="{" ".join(command)}"\n'
        'set from="alex@example.com"\nset realname="Alex Martin"\nset use_from=yes\n'
        'set hostname="example.com"\nset record=""\nset postpone=no\n'
        f'set tmpdir="{home}"\nset charset="utf-8"\nset send_charset="utf-8"\n'
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("MSGLINT_", "MUTT", "NEOMUTT"))
    }
    return subprocess.run(
        [_neomutt(), "-n", "-F", str(muttrc), *neomutt_args],
        input=stdin,
        capture_output=True,
        env={**clean, "HOME": str(home), "LC_ALL": "C.UTF-8", **(env or {})},
        cwd=home,
        timeout=180,
    )


def _assert_delivered_as_produced(box: Mailbox, own_options: int) -> bytes:
    """The sink got neomutt's bytes and neomutt's arguments, untouched."""
    produced = box.produced()
    assert box.delivered() == produced
    prefix = 3 + own_options  # wrapper, --sendmail, sink, then the wrapper's own options
    assert box.sink_argv() == box.client_argv()[prefix:]
    return produced


def test_neomutt_good_draft_delivered_byte_for_byte_in_process(mailbox: Mailbox) -> None:
    """No server answers (a stale socket): the wrapper checks in-process and delivers."""
    (mailbox.path / "quote.pdf").write_bytes(PDF)
    proc = neomutt(
        mailbox,
        ["--lang", "en"],
        [
            "-s",
            "Approve the Q1 offsite venue in Lyon",
            "-a",
            str(mailbox.path / "quote.pdf"),
            "--",
            "priya@example.com",
        ],
        good_body(),
        {"MSGLINT_SOCKET": str(mailbox.path / "no-server.sock")},
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert mailbox.status() == 0
    delivered = _assert_delivered_as_produced(mailbox, own_options=2)
    assert b"Subject: Approve the Q1 offsite venue in Lyon" in delivered
    assert b"To: priya@example.com" in delivered and b"quote.pdf" in delivered
    assert "priya@example.com" in mailbox.sink_argv()
    assert _deadline().encode() in delivered.replace(b"\n", b" ")


def test_neomutt_bad_draft_not_sent_and_draft_kept(server: str, mailbox: Mailbox) -> None:
    draft = mailbox.path / "draft.txt"
    draft.write_bytes(BAD_BODY)
    proc = neomutt(
        mailbox,
        ["--fail-on", "warning"],
        ["-s", "Quick question", "--", "team@example.com"],
        draft.read_bytes(),
        {"MSGLINT_SOCKET": server},
    )
    assert proc.returncode != 0
    assert mailbox.status() == 1
    assert mailbox.delivered() is None
    assert draft.read_bytes() == BAD_BODY
    err = proc.stderr.decode()
    assert "CL05 [warning]" in err and "NOT sent" in err and "Traceback" not in err


def test_neomutt_skip_header_from_draft_file_sends_and_is_stripped(mailbox: Mailbox) -> None:
    headers = b"To: team@example.com\nSubject: Quick question\nX-Msglint: skip\n\n"
    draft = mailbox.path / "draft.eml"
    draft.write_bytes(headers)
    proc = neomutt(mailbox, [], ["-H", str(draft)], BAD_BODY)
    assert proc.returncode == 0, proc.stderr.decode()
    produced = mailbox.produced()
    assert b"\nX-Msglint: skip\n" in produced
    assert mailbox.delivered() == produced.replace(b"X-Msglint: skip\n", b"", 1)
    assert b"X-Msglint" not in (mailbox.delivered() or b"")
    assert draft.read_bytes() == headers


def test_neomutt_broken_config_refuses_with_tempfail(mailbox: Mailbox) -> None:
    broken = mailbox.path / "broken.toml"
    broken.write_text("[rules.AK02]\nmax_asks = 'two'\n")
    proc = neomutt(
        mailbox,
        ["--config", str(broken)],
        ["-s", "Approve the Q1 offsite venue", "--", "priya@example.com"],
        good_body(),
    )
    assert proc.returncode != 0
    assert mailbox.status() == 75
    assert mailbox.delivered() is None
    err = proc.stderr.decode()
    assert "broken.toml" in err and "nothing sent" in err and "Traceback" not in err


@pytest.mark.parametrize("on_timeout", ["refuse", "send"])
def test_overall_timeout_stops_the_check_and_follows_on_timeout(
    mailbox: Mailbox, on_timeout: str
) -> None:
    """A check longer than --timeout (here: loading spaCy takes longer than 0.3 s).

    The check runs in a child process killed at the timeout, so even a check
    stuck in compiled code cannot hold the mail client.
    """
    options = ["--timeout", "0.3", "--on-timeout", on_timeout, "--sendmail", str(mailbox.sink)]
    proc = wrapper([*options, "a@example.com"], good_email())
    err = proc.stderr.decode()
    assert "Traceback" not in err and "0.3 s" in err, err
    if on_timeout == "refuse":
        _refused_as_tempfail(proc, mailbox, "--timeout")
    else:
        assert proc.returncode == 0, err
        assert mailbox.delivered() == good_email() and "unchecked" in err
