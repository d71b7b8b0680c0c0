"""msglint-sendmail: a sendmail wrapper that checks a message before handing it on."""

from __future__ import annotations


def main() -> None:  # pragma: no cover - replaced by the full wrapper
    raise SystemExit("msglint-sendmail: not implemented yet")
