"""Commands that connect msglint to where people write: editors, browsers, Thunderbird.

``native-host`` and ``install-native-host`` (docs/native-host.md) and
``lsp`` (docs/recipes.md). Kept apart from cli.py so that module stays small.
"""

from __future__ import annotations

import os
import sys

import click

from msglint.native_install import BROWSERS


@click.command("native-host", context_settings={"ignore_unknown_options": True})
@click.option("--config", "config_path", metavar="FILE", default=None, help="Config file.")
@click.argument("browser_args", nargs=-1, type=click.UNPROCESSED)
def native_host(config_path: str | None, browser_args: tuple[str, ...]) -> None:
    """Answer a browser or Thunderbird extension over native messaging (stdin/stdout).

    Browsers start it themselves (see install-native-host) and pass arguments
    of their own (the caller's origin or manifest): they are ignored.
    """
    from msglint.native_host import NativeHost, serve_stdio

    # Frames go to the real stdout only: anything a library prints goes to stderr.
    frames = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    host = NativeHost(config_path)
    sys.exit(serve_stdio(host, sys.stdin.buffer, frames))


@click.command("install-native-host")
@click.option("--browser", type=click.Choice(BROWSERS), required=True, help="Which browser.")
@click.option("--user", is_flag=True, help="For this user only (else system-wide).")
@click.option("--uninstall", is_flag=True, help="Remove the manifest instead.")
@click.option(
    "--target-dir",
    metavar="DIR",
    default=None,
    help="Write the manifest to DIR (a test profile's NativeMessagingHosts).",
)
@click.option("--config", "config_path", metavar="FILE", default=None, help="Config the host uses.")
def install_native_host(
    browser: str, user: bool, uninstall: bool, target_dir: str | None, config_path: str | None
) -> None:
    """Register (or remove) the native host for the msglint browser or Thunderbird add-on."""
    from msglint.native_install import install

    for line in install(browser, user, uninstall, target_dir, config_path):
        click.echo(line)


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only way).")
def lsp_command(stdio: bool) -> None:
    """Run the language server for editors (diagnostics, fixes, hover) over stdio."""
    try:
        from msglint.lsp import main as serve_lsp
    except ImportError as error:  # pygls is a dependency; say so if it went missing
        raise click.ClickException(f"the language server needs pygls ({error})") from None
    sys.exit(serve_lsp())


def register(group: click.Group) -> None:
    """Add these commands to the ``msglint`` group."""
    group.add_command(native_host)
    group.add_command(install_native_host)
    group.add_command(lsp_command)
