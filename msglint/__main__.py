"""``python -m msglint``."""

from msglint.cli import main

main()
