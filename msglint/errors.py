"""The errors users see: a file (or option) and what is wrong with it.

Every error msglint raises is a :class:`MsglintError`; the subclasses say
which kind of problem it is, for callers of the Python API who care.
"""

from __future__ import annotations


class MsglintError(Exception):
    """A usage, config or input problem: reported as one line, exit status 2."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem

    def __reduce__(self) -> tuple[type[MsglintError], tuple[str, str]]:
        # Errors cross processes (--jobs): rebuild them from both fields.
        return self.__class__, (self.where, self.problem)


class ConfigError(MsglintError):
    """A configuration file, table or option that cannot be used."""


class InputError(MsglintError):
    """An input that cannot be read or checked (missing, binary, too large…)."""


class FixError(MsglintError):
    """Fixes that cannot be written back to an input faithfully."""
