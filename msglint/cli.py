"""The command line: ``msglint check``, ``inspect``, ``rules``, ``serve``.

Exit status: 0 passed, 1 findings at or above ``--fail-on`` or a score under
``--min-score``, 2 usage, configuration or input error (one line on stderr,
never a traceback; set ``MSGLINT_DEBUG=1`` to see one).
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import click

from msglint import __version__
from msglint.errors import MsglintError
from msglint.languages import SOURCE_LANGUAGE, available_languages
from msglint.text import terminal_safe

KIND_CHOICES = ("auto", "email", "chat", "doc")
# The languages are the installed packs (msglint/lang/<code>/pack.toml).
LANG_CHOICES = ("auto", *available_languages())
FORMAT_CHOICES = ("text", "json", "sarif", "github", "html")


def _parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise MsglintError("--now", f"expected an ISO 8601 date-time, got {value!r}") from None
    return moment if moment.tzinfo else moment.astimezone()


def _split_selectors(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _default_paths(paths: tuple[str, ...]) -> list[str]:
    if paths:
        return list(paths)
    if sys.stdin is not None and not sys.stdin.isatty():
        return ["-"]
    raise click.UsageError("no input: give a file, a directory, or - for stdin")


def _use_color(choice: str, output: str | None) -> bool:
    if choice != "auto":
        return choice == "always"
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def write_output(text: str, output: str | None) -> None:
    """Print, or write ``output`` atomically (temporary file, then rename)."""
    if not output or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from msglint.atomic import write_atomic

    write_atomic(Path(output), text)


def _cpu_count() -> int:
    from msglint.parallel import default_jobs

    return default_jobs()


def _read_stdin(paths: list[str]) -> bytes | None:
    if "-" not in paths:
        return None
    return sys.stdin.buffer.read() if sys.stdin is not None else b""


def _run(
    request: dict,  # type: ignore[type-arg]
    socket_path: str | None,
    require_server: bool,
    stdin: bytes | None = None,
) -> tuple[str, int, list[str]]:
    """Check on the warm server when one answers, else in this process."""
    if stdin is None:
        stdin = _read_stdin(request["paths"])
    auto = False
    if not socket_path:
        from msglint import autostart

        first = next((p for p in request["paths"] if p != "-"), None)
        anchor = request.get("cwd")
        if first:
            anchor = first if os.path.isdir(first) else os.path.dirname(os.path.abspath(first))
        auto = autostart.wanted(request.get("config_path"), anchor)
        socket_path = autostart.socket_path() if auto else None
    if socket_path:
        from msglint.client import ServerUnavailable, check_remote

        wire = dict(request, now=request["now"].isoformat() if request["now"] else None)
        try:
            return check_remote(socket_path, wire, stdin)
        except ServerUnavailable as exc:
            if auto:
                autostart.start(socket_path)  # warm for the next call; this one runs here
            elif require_server:
                raise MsglintError("--socket", f"no server answered ({exc})") from None
    from msglint.runner import CheckRequest, run_check

    return run_check(CheckRequest(**request, stdin=stdin))


common_options = [
    click.option(
        "--lang",
        type=click.Choice(LANG_CHOICES),
        default=None,
        help="Language of the drafts (default: config, else auto-detect).",
    ),
    click.option(
        "--kind",
        type=click.Choice(KIND_CHOICES),
        default="auto",
        show_default=True,
        help="Message kind; auto picks from the file type.",
    ),
    click.option(
        "--now",
        "now",
        metavar="ISO-8601",
        default=None,
        help="Reference time for relative dates (default: the Date header, else now).",
    ),
    click.option(
        "--config",
        "config_path",
        metavar="FILE",
        default=None,
        help="Config file (default: nearest msglint.toml / pyproject.toml).",
    ),
]


def with_common(func):  # type: ignore[no-untyped-def]
    for option in reversed(common_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="msglint", message="%(prog)s %(version)s")
def cli() -> None:
    """Lint and score work messages (e-mail, chat, documents) in English and French."""


@cli.command()
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@with_common
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="text", show_default=True
)
@click.option("-o", "--output", metavar="FILE", default=None, help="Write the report to FILE.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules/families/names.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules/families/names.")
@click.option(
    "--fail-on",
    type=click.Choice(("info", "warning", "error", "never")),
    default=None,
    help="Exit 1 on findings at or above this severity [default: warning].",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=None,
    help="Exit 1 when a message scores below this.",
)
@click.option(
    "--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True
)
@click.option(
    "--socket",
    "socket_path",
    metavar="PATH",
    envvar="MSGLINT_SOCKET",
    default=None,
    help="Ask a running `msglint serve` on PATH [env: MSGLINT_SOCKET]; in-process if none answers.",
)
@click.option(
    "--require-server",
    is_flag=True,
    envvar="MSGLINT_REQUIRE_SERVER",
    help="With --socket: exit 2 instead of running in-process when no server answers.",
)
@click.option(
    "--baseline",
    metavar="FILE",
    default=None,
    help="Report only findings not recorded in FILE (see --write-baseline).",
)
@click.option(
    "--write-baseline",
    metavar="FILE",
    default=None,
    help="Record today's findings in FILE, to adopt msglint on existing documents.",
)
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply the safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes for many files (0: one per CPU). Output is identical.",
)
def check(
    paths: tuple[str, ...],
    lang: str | None,
    kind: str,
    now: str | None,
    config_path: str | None,
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    min_score: float | None,
    color: str,
    socket_path: str | None,
    require_server: bool,
    baseline: str | None,
    write_baseline: str | None,
    jobs: int,
    apply_fixes: bool,
    unsafe_fixes: bool,
    diff: bool,
) -> None:
    """Check drafts and report findings with a 0-100 score.

    PATH is an .eml, .txt, .md or .html file, a directory (walked for those),
    or - for standard input (an e-mail is recognised by its headers).
    """
    request = {
        "paths": _default_paths(paths),
        "lang": None if lang in (None, "auto") else lang,
        "lang_given": lang is not None,
        "kind": None if kind == "auto" else kind,
        "now": _parse_now(now),
        "config_path": config_path,
        "select": _split_selectors(select) or None,
        "ignore": _split_selectors(ignore),
        "fail_on": fail_on,
        "min_score": min_score,
        "fmt": fmt,
        "color": _use_color(color, output),
        "cwd": os.getcwd(),
        "jobs": jobs or _cpu_count(),
        "baseline": baseline,
        "write_baseline": write_baseline,
    }
    stdin = None
    if apply_fixes or diff or unsafe_fixes:
        if not (apply_fixes or diff):
            raise click.UsageError("--unsafe-fixes goes with --fix or --diff")
        stdin, done = _fix(request, unsafe_fixes, diff)
        if done is not None:
            sys.exit(done)
    report, status, messages = _run(request, socket_path, require_server, stdin)
    if stdin is not None and apply_fixes and not output:
        click.echo(report, err=True, nl=False)  # stdout holds the fixed message
    else:
        write_output(report, output)
    for line in messages:
        click.echo(f"msglint: error: {terminal_safe(line)}", err=True)
    sys.exit(status)


def _fix(request: dict, unsafe: bool, diff: bool) -> tuple[bytes | None, int | None]:  # type: ignore[type-arg]
    """Apply or diff the fixes; (stdin for the report, exit status when done)."""
    from msglint.fixes.cli_fix import fix_paths
    from msglint.runner import CheckRequest

    stdin = _read_stdin(request["paths"])
    run = fix_paths(CheckRequest(**request, stdin=stdin), unsafe, diff)
    for note in run.notes:
        click.echo(f"msglint: note: {terminal_safe(note)}", err=True)
    for line in run.errors:
        click.echo(f"msglint: error: {terminal_safe(line)}", err=True)
    if diff:
        sys.stdout.write(run.diff)
        sys.stdout.flush()
        return None, 2 if run.errors else (1 if run.diff else 0)
    if run.stdin is not None:
        sys.stdout.buffer.write(run.stdin)
        sys.stdout.flush()
    click.echo(f"msglint: fixed {run.applied} finding(s) in {run.fixed_files} file(s)", err=True)
    return run.stdin, None


@cli.command()
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@with_common
@click.option(
    "--format", "fmt", type=click.Choice(("json", "text")), default="text", show_default=True
)
@click.option("-o", "--output", metavar="FILE", default=None)
def inspect(
    paths: tuple[str, ...],
    lang: str | None,
    kind: str,
    now: str | None,
    config_path: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """Show the facts msglint extracts: split message, language, asks, deadlines, metrics."""
    from msglint.runner import inspect_inputs

    report, status, messages = inspect_inputs(
        _default_paths(paths),
        lang=None if lang in (None, "auto") else lang,
        kind=None if kind == "auto" else kind,
        now=_parse_now(now),
        config_path=config_path,
        fmt=fmt,
    )
    write_output(report, output)
    for line in messages:
        click.echo(f"msglint: error: {terminal_safe(line)}", err=True)
    sys.exit(status)


@cli.command()
@click.option(
    "--socket",
    "socket_path",
    metavar="PATH",
    default=None,
    help="Socket to listen on [default: $XDG_RUNTIME_DIR/msglint.sock, else ~/.cache/msglint/].",
)
@click.option(
    "--idle-timeout",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Stop after this many seconds without a request (0: never).",
)
@click.option(
    "--max-request-bytes",
    type=click.IntRange(min=1024),
    default=16_000_000,
    show_default=True,
    help="Refuse larger requests.",
)
@click.option("--quiet", is_flag=True, help="Print nothing on start and stop.")
@click.option(
    "--recycle-requests",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Replace the check worker after this many requests (bounds memory).",
)
@click.option(
    "--recycle-mb",
    type=click.IntRange(min=64),
    default=1024,
    show_default=True,
    help="Replace the check worker once it holds more memory than this.",
)
def serve(
    socket_path: str | None,
    idle_timeout: float,
    max_request_bytes: int,
    quiet: bool,
    recycle_requests: int,
    recycle_mb: int,
) -> None:
    """Keep the pipelines loaded and answer `msglint check --socket` in milliseconds."""
    from msglint.server import serve as run_server

    sys.exit(
        run_server(
            socket_path or default_socket_path(),
            idle_timeout or None,
            max_request_bytes,
            quiet,
            recycle_requests,
            recycle_mb,
        )
    )


def default_socket_path() -> str:
    """$XDG_RUNTIME_DIR/msglint.sock, else ~/.cache/msglint/msglint.sock."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "msglint.sock")
    return os.path.join(os.path.expanduser("~"), ".cache", "msglint", "msglint.sock")


@cli.command()
@click.argument("code", required=False)
@click.option(
    "--lang",
    type=click.Choice(available_languages()),
    default=None,
    help="Language of the documentation (default: from $LANG).",
)
@click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True
)
@click.option(
    "--config",
    "config_path",
    default=None,
    help="Configuration file (default: the nearest one from the working directory).",
)
def rules(code: str | None, lang: str | None, fmt: str, config_path: str | None) -> None:
    """List every rule, or print one rule's documentation (msglint rules AK02).

    Severities are the configured ones (packaged defaults, then your
    configuration), what your findings will carry.
    """
    from msglint.config import load_config
    from msglint.rule_docs import rule_catalogue, rule_documentation

    config = load_config(config_path, Path.cwd())
    from_env = os.environ.get("LANG", "").lower()[:2]
    language = lang or (from_env if from_env in available_languages() else SOURCE_LANGUAGE)
    if code:
        click.echo(rule_documentation(code, language, fmt, config), nl=False)
    else:
        click.echo(rule_catalogue(fmt, config), nl=False)


def _register_integrations() -> None:
    from msglint.integrations_cli import register

    register(cli)


_register_integrations()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI with errors as one line and exit status 2."""
    try:
        cli.main(args=argv, prog_name="msglint", standalone_mode=False)
    except MsglintError as error:
        click.echo(f"msglint: error: {terminal_safe(str(error))}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        click.echo("msglint: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        click.echo(f"msglint: error: {terminal_safe(error.format_message())}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("msglint: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as error:  # the promise: never a traceback
        if os.environ.get("MSGLINT_DEBUG"):
            raise
        click.echo(
            f"msglint: internal error: {error.__class__.__name__}: {terminal_safe(str(error))} "
            "(set MSGLINT_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
