"""msglint-sendmail: a sendmail wrapper that checks a message before handing it on.

A mail client that sends through a sendmail command (neomutt, mutt, aerc,
Emacs, git send-email…) can use this instead::

    set sendmail="msglint-sendmail --sendmail /usr/bin/msmtp"

It reads the whole message from standard input, checks it with msglint (on the
warm server named by ``--socket``/``$MSGLINT_SOCKET`` when one answers, else in
this process), then either hands it on **unchanged, byte for byte**, to the
real command with every original argument (``-oi``, ``-f``, ``-t``, ``--``,
recipients…) and exits with that command's status, or refuses.

Exit status, chosen so that a mail client never loses a draft:

* the real command's status when the message was handed on;
* ``1`` refused: a finding at or above ``--fail-on`` or a score under
  ``--min-score``; the text report is on stderr, nothing was sent;
* ``75`` (EX_TEMPFAIL) msglint itself could not decide (bad option or config,
  text over the size limit, internal error) or the real command could not be
  started; one ``msglint-sendmail:`` line on stderr, nothing was sent.
  A broken linter must not send unchecked mail behind the user's back, nor
  drop it: the client reports a failure and keeps the draft.

Design choices:

* The gate defaults to ``--fail-on error`` (and no score gate), not the
  ``warning`` of ``msglint check``: errors are the mistakes one never means to
  send (a placeholder left in, an attachment announced but missing, a weekday
  that contradicts its date); blocking on every warning would train people to
  bypass the gate. The gate's thresholds come only from its own options and
  environment, never from ``fail_on``/``min_score`` in a config file found
  from the mail client's working directory; that file still sets the rules.
* Its own options come first and only there: parsing stops at the first
  argument that is not one of them, so everything the client adds — including
  its ``--`` before recipients — is handed on untouched.
* ``X-Msglint: skip`` in the header block sends anyway: that header field
  (with its continuation lines) is removed and every other byte kept.
  ``MSGLINT_SKIP=1`` does the same for one command. Skipping never imports
  the checker, so it works even when msglint is broken.
* Attachments are not text to lint: in a message over 1 MB their contents are
  left out of the copy msglint reads (their headers stay, so "see attached"
  still finds them). Big attachments neither hit ``limits.max_bytes`` nor slow
  the check; the message sent is the original.
* The whole check has a deadline, ``--timeout`` (60 s): a check that takes
  longer is abandoned and, by default, the message is refused with 75
  (fail closed: the client keeps the draft). ``--on-timeout send`` fails
  open instead: the message goes out unchecked, with one line saying so.
  Each message's own ``limits.time_budget_seconds`` applies inside it.
* Once the hand-on has started, it is finished: SIGTERM, SIGHUP or SIGINT
  then are noted, the wrapper waits for the real command and exits with
  its status (a wrapper dying while the mail still goes out would make the
  client retry and send it twice).
* Everything printed on stderr has its control characters escaped: a draft
  cannot clear the terminal or forge a line.
* Modes that carry no message (``-bp``, ``-bv``, ``-bi``, ``-q``…) go straight
  to the real command; SMTP on stdin (``-bs``) cannot be checked and is
  refused with 75.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from msglint.lang import available_languages

EX_REFUSED = 1
EX_TEMPFAIL = 75
DEFAULT_SENDMAIL = "/usr/sbin/sendmail"
TRIM_OVER = 1_000_000  # bytes: larger messages are checked without their attachments' contents
FAIL_ON_CHOICES = ("info", "warning", "error", "never")
LANG_CHOICES = ("auto", *available_languages())
_OPTIONS = {
    "--sendmail": ("sendmail", "MSGLINT_SENDMAIL"),
    "--min-score": ("min_score", "MSGLINT_MIN_SCORE"),
    "--fail-on": ("fail_on", "MSGLINT_FAIL_ON"),
    "--lang": ("lang", "MSGLINT_LANG"),
    "--config": ("config", "MSGLINT_CONFIG"),
    "--socket": ("socket", "MSGLINT_SOCKET"),
    "--timeout": ("timeout", "MSGLINT_TIMEOUT"),
    "--on-timeout": ("on_timeout", "MSGLINT_ON_TIMEOUT"),
}
DEFAULT_TIMEOUT = 60.0  # seconds for the whole check, server or in-process
ON_TIMEOUT_CHOICES = ("refuse", "send")
# sendmail flags whose value may come as the next argument (``-f sender``).
_VALUE_FLAGS = frozenset(
    ("-f", "-F", "-r", "-N", "-R", "-V", "-X", "-B", "-C", "-h", "-L", "-O", "-p")
)
_LINE = re.compile(rb"[^\n]*\n|[^\n]+\Z")
_SKIP_HINT = 'add the header "X-Msglint: skip" to send it unchecked'
USAGE = f"""\
usage: msglint-sendmail [OPTIONS] [SENDMAIL ARGUMENTS...] < message

Check a message with msglint, then hand it unchanged to the real sendmail
command with all SENDMAIL ARGUMENTS, or refuse (exit 1, report on stderr).

options (only before the sendmail arguments; each also from the environment):
  --sendmail CMD    the real command [$MSGLINT_SENDMAIL, default {DEFAULT_SENDMAIL}]
  --fail-on LEVEL   refuse on findings at or above info|warning|error|never
                    [$MSGLINT_FAIL_ON, default error]
  --min-score N     refuse a score under N, 0-100 [$MSGLINT_MIN_SCORE, default 0: off]
  --lang LANG       auto|en|fr [$MSGLINT_LANG, default: config, else detected]
  --config FILE     msglint config file [$MSGLINT_CONFIG]
  --socket PATH     a running `msglint serve` [$MSGLINT_SOCKET]; in-process if none answers
  --timeout SECS    give up checking after SECS [$MSGLINT_TIMEOUT, default 60]
  --on-timeout WHAT refuse (keep the draft, exit 75) or send (unchecked)
                    when the check times out [$MSGLINT_ON_TIMEOUT, default refuse]

Send anyway: an "X-Msglint: skip" header (removed before sending) or MSGLINT_SKIP=1.
Exit: the real command's status; 1 refused; 75 msglint could not check (nothing sent).
"""


class WrapperError(Exception):
    """A problem that stops the wrapper before anything is sent (exit 75)."""


@dataclass(frozen=True)
class Options:
    """The wrapper's own settings, from its leading options or the environment."""

    sendmail: list[str]
    fail_on: str = "error"
    min_score: float = 0.0
    lang: str | None = None
    config: str | None = None
    socket: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    on_timeout: str = "refuse"


def parse_args(argv: list[str], env: Mapping[str, str]) -> tuple[Options, list[str]]:
    """Split ``argv`` into the wrapper's options and the real command's arguments."""
    given: dict[str, str] = {}
    index = 0
    while index < len(argv):
        name, has_value, value = argv[index].partition("=")
        if name not in _OPTIONS:
            break
        if not has_value:
            if index + 1 >= len(argv):
                raise WrapperError(f"{name} needs a value")
            index += 1
            value = argv[index]
        given[_OPTIONS[name][0]] = value
        index += 1
    for key, variable in _OPTIONS.values():
        if key not in given and env.get(variable):
            given[key] = env[variable]
    return _validate(given), argv[index:]


def _validate(given: dict[str, str]) -> Options:
    try:
        command = shlex.split(given.get("sendmail", DEFAULT_SENDMAIL))
    except ValueError as error:
        raise WrapperError(f"--sendmail: {error}") from None
    if not command:
        raise WrapperError("--sendmail: empty command")
    fail_on = given.get("fail_on", "error").lower()
    if fail_on not in FAIL_ON_CHOICES:
        raise WrapperError(
            f"--fail-on: expected one of {', '.join(FAIL_ON_CHOICES)}, got {fail_on!r}"
        )
    try:
        min_score = float(given.get("min_score", "0"))
    except ValueError:
        min_score = -1.0
    if not 0 <= min_score <= 100:
        raise WrapperError(
            f"--min-score: expected a number from 0 to 100, got {given['min_score']!r}"
        )
    lang = given.get("lang", "auto").lower()
    if lang not in LANG_CHOICES:
        raise WrapperError(f"--lang: expected one of {', '.join(LANG_CHOICES)}, got {lang!r}")
    try:
        timeout = float(given.get("timeout", DEFAULT_TIMEOUT))
    except ValueError:
        timeout = -1.0
    if not 0 < timeout <= 86_400:
        raise WrapperError(
            f"--timeout: expected seconds from 0 to 86400, got {given.get('timeout')!r}"
        )
    on_timeout = given.get("on_timeout", "refuse").lower()
    if on_timeout not in ON_TIMEOUT_CHOICES:
        raise WrapperError(
            f"--on-timeout: expected one of {', '.join(ON_TIMEOUT_CHOICES)}, got {on_timeout!r}"
        )
    return Options(
        timeout=timeout,
        on_timeout=on_timeout,
        sendmail=command,
        fail_on=fail_on,
        min_score=min_score,
        lang=None if lang == "auto" else lang,
        config=given.get("config"),
        socket=given.get("socket"),
    )


def strip_skip_header(data: bytes) -> tuple[bytes, bool]:
    """Remove ``X-Msglint: skip`` fields from the header block; report whether there were any.

    Only those fields (with their folded continuation lines) go; every other
    byte, line ending and header order is kept as it was.
    """
    lines = _LINE.findall(data)
    kept: list[bytes] = []
    found = False
    index = 0
    while index < len(lines) and lines[index].strip(b"\r\n"):
        end = index + 1
        while end < len(lines) and lines[end][:1] in (b" ", b"\t"):
            end += 1
        field = b"".join(lines[index:end])
        name, colon, value = field.partition(b":")
        if colon and name.strip().lower() == b"x-msglint" and value.strip().lower() == b"skip":
            found = True
        else:
            kept.append(field)
        index = end
    if not found:
        return data, False
    return b"".join(kept) + b"".join(lines[index:]), True


def _non_message_mode(args: list[str]) -> str | None:
    """The sendmail mode flag (``-bp``, ``-q``…) when no message comes on stdin."""
    takes_value = False
    for arg in args:
        if arg == "--":
            break
        if takes_value:
            takes_value = False
        elif (arg.startswith("-b") and arg != "-bm") or arg.startswith("-q") or arg == "-I":
            return arg
        else:
            takes_value = arg in _VALUE_FLAGS
    return None


def check_copy(data: bytes) -> bytes:
    """What msglint reads: a large message with its attachments' contents left out.

    A message over ``TRIM_OVER`` bytes is re-parsed and every attachment keeps
    its headers (msglint only needs to know it is there) but not its content,
    so a 10 MB PDF neither trips ``limits.max_bytes`` nor travels to the
    server. The copy is only read; what is sent is always the original.
    """
    if len(data) <= TRIM_OVER:
        return data
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        if not message.is_multipart():
            return data
        for part in message.walk():
            disposition = (part.get("Content-Disposition") or "").strip().lower()
            maintype = part.get_content_maintype()
            if not part.is_multipart() and (
                disposition.startswith("attachment") or maintype not in ("text", "message")
            ):
                part.set_payload("")
        return message.as_bytes()
    except Exception:  # an odd message: let msglint read (or refuse) the original
        return data


def check_message(data: bytes, options: Options) -> tuple[str, int, list[str]]:
    """Report text, exit status (0, 1 or 2) and error lines, as ``msglint check -``."""
    from msglint.runner import CheckRequest, run_check

    request = CheckRequest(
        paths=["-"],
        lang=options.lang,
        lang_given=options.lang is not None,
        kind="email",
        config_path=options.config,
        fail_on=options.fail_on,
        min_score=options.min_score,
        cwd=os.getcwd(),
        stdin=check_copy(data),
    )
    from msglint import autostart

    auto = not options.socket and autostart.wanted(options.config, request.cwd)
    socket_path = options.socket or (autostart.socket_path() if auto else None)
    if socket_path:
        from msglint.client import ServerUnavailable, check_remote

        try:
            return check_remote(
                socket_path, request.to_wire(), request.stdin, timeout=options.timeout
            )
        except ServerUnavailable:
            if auto:  # server = "auto": start it for the next message
                autostart.start(socket_path)
            # as `msglint check --socket`: no server, check in-process
    return run_check(request)


def hand_on(command: list[str], args: list[str], data: bytes | None) -> int:
    """Run the real command with ``data`` on its stdin (or ours when None); its exit status.

    Once the hand-on has started it is finished: SIGTERM, SIGHUP or SIGINT
    sent to the wrapper then are noted, not obeyed, so the wrapper's status
    says what the real command did (a wrapper killed mid-way while the mail
    still went out would make the client retry and send it twice). The real
    command keeps the default handling of every signal.
    """
    import signal

    received: list[int] = []
    watched = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT]
    previous = {
        sig: signal.signal(sig, lambda number, _: received.append(number)) for sig in watched
    }
    try:
        proc = subprocess.run([*command, *args], input=data, check=False)
    except OSError as error:
        raise WrapperError(f"cannot run {command[0]}: {error.strerror or error}") from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    if received:
        name = signal.Signals(received[0]).name
        outcome = "handed on" if status == 0 else f"handed on, which exited with {status}"
        _say(f"msglint-sendmail: {name} received during the hand-on; the message was {outcome}.")
    return status


def _say(text: str, report: bool = False) -> None:
    """One line (or the text report, already escaped) on stderr; never raw control characters."""
    if not report:
        from msglint.text import terminal_safe

        text = terminal_safe(text.rstrip("\n"))
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() not in ("", "0", "false", "no", "off")


def run(argv: list[str], env: Mapping[str, str]) -> int:
    """The whole wrapper: the exit status to return to the mail client."""
    if argv[:1] in (["--help"], ["--version"]):
        from msglint import __version__

        sys.stdout.write(USAGE if argv[0] == "--help" else f"msglint-sendmail {__version__}\n")
        return 0
    options, args = parse_args(argv, env)
    mode = _non_message_mode(args)
    if mode == "-bs":
        raise WrapperError("SMTP on stdin (-bs) cannot be checked: pipe the message (-t -oi)")
    if mode:
        return hand_on(options.sendmail, args, None)
    data = sys.stdin.buffer.read() if sys.stdin is not None else b""
    outgoing, skip = strip_skip_header(data)
    if skip or _truthy(env.get("MSGLINT_SKIP")):
        return hand_on(options.sendmail, args, outgoing)
    report, status, messages = _check_within(data, options)
    if status == 0:
        return hand_on(options.sendmail, args, data)
    if status == _TIMED_OUT:
        if options.on_timeout == "send":
            _say(
                f"msglint-sendmail: the check took over {options.timeout:g} s; "
                "sent unchecked (--on-timeout send)."
            )
            return hand_on(options.sendmail, args, data)
        _say(
            f"msglint-sendmail: NOT sent: the check took over {options.timeout:g} s "
            f"(--timeout); retry, or {_SKIP_HINT}."
        )
        return EX_TEMPFAIL
    if report.strip():
        _say(report, report=True)
    for line in messages:
        _say(f"msglint-sendmail: error: {line}")
    if status == 1:
        gate = f"--fail-on {options.fail_on}" + (
            f", --min-score {options.min_score:g}" if options.min_score else ""
        )
        _say(f"msglint-sendmail: NOT sent ({gate}): fix the draft, or {_SKIP_HINT}.")
        return EX_REFUSED
    _say(f"msglint-sendmail: NOT sent: msglint could not check it; fix that, or {_SKIP_HINT}.")
    return EX_TEMPFAIL


_TIMED_OUT = -1


def _check_within(data: bytes, options: Options) -> tuple[str, int, list[str]]:
    """:func:`check_message` under the wrapper's overall ``--timeout``.

    The check runs in a forked child that is killed at the timeout: a signal
    alone cannot stop a check stuck inside compiled code. Where fork is not
    available, the watchdog signal bounds it instead.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return _check_with_signal(data, options)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_check_in_child, args=(send, data, options), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(options.timeout):
            return "", _TIMED_OUT, []
        kind, value = receive.recv()
    except (EOFError, OSError):
        kind, value = "internal", f"the check process stopped (exit {child.exitcode})"
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        receive.close()
    if kind == "done":
        return value  # type: ignore[no-any-return]
    if kind == "msglint":
        raise value  # a MsglintError, pickled whole (its subclass and both fields)
    raise RuntimeError(value)


def _check_in_child(send: Any, data: bytes, options: Options) -> None:
    """The child's side: send ("done", result), ("msglint", error) or ("internal", text)."""
    from msglint.errors import MsglintError

    try:
        reply: tuple[str, Any] = ("done", _check_with_signal(data, options))
    except MsglintError as error:
        reply = ("msglint", error)
    except BaseException as error:  # reported to the parent, never lost
        reply = ("internal", f"{error.__class__.__name__}: {error}")
    send.send(reply)
    send.close()


def _check_with_signal(data: bytes, options: Options) -> tuple[str, int, list[str]]:
    from msglint.guard import TimeBudgetExceeded, deadline

    try:
        with deadline(options.timeout, "msglint-sendmail --timeout"):
            return check_message(data, options)
    except TimeBudgetExceeded:
        return "", _TIMED_OUT, []


def main(argv: list[str] | None = None) -> None:
    """Entry point: never a traceback, never a lost message."""
    try:
        status = run(sys.argv[1:] if argv is None else argv, os.environ)
    except WrapperError as error:
        _say(f"msglint-sendmail: error: {error}; nothing sent.")
        status = EX_TEMPFAIL
    except KeyboardInterrupt:
        _say("msglint-sendmail: interrupted; the message may not have been sent.")
        status = EX_TEMPFAIL
    except Exception as error:  # msglint's own errors included: refuse, keep the draft
        from msglint.errors import MsglintError

        if os.environ.get("MSGLINT_DEBUG"):
            traceback.print_exc()
        if isinstance(error, MsglintError):
            _say(f"msglint-sendmail: error: {error}; nothing sent.")
        else:
            problem = f"internal error: {error.__class__.__name__}: {error}"
            _say(f"msglint-sendmail: {problem}; nothing sent (MSGLINT_DEBUG=1 shows more).")
        status = EX_TEMPFAIL
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    main()
