"""The one error type users see: a file (or option) and what is wrong with it."""

from __future__ import annotations


class MsglintError(Exception):
    """A usage, config or input problem: reported as one line, exit status 2."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
