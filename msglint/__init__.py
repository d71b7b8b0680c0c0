"""msglint: lint and score asynchronous work messages in English and French.

>>> import msglint
>>> result = msglint.check("Subject: Quick question\\n\\nCan you send it ASAP??", lang="en")
>>> result.findings[0].code, result.findings[0].name
('SJ02', 'subject.generic')

``check`` returns a :class:`Result`, ``fix`` the draft with its fixes
applied, :class:`Linter` reuses one configuration and the loaded pipelines
for many drafts. Every error is a :class:`MsglintError`. See docs/api.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msglint.errors import ConfigError, FixError, InputError, MsglintError

if TYPE_CHECKING:
    from msglint.api import Linter, check, fix
    from msglint.engine import Finding, Result
    from msglint.fixes.model import Edit, Fix

__version__ = "0.1.0"
__all__ = [
    "ConfigError",
    "Edit",
    "Finding",
    "Fix",
    "FixError",
    "InputError",
    "Linter",
    "MsglintError",
    "Result",
    "check",
    "fix",
]


def __getattr__(name: str) -> Any:
    """The API and its result types, imported on first use.

    ``import msglint`` stays light: the command line's socket client (a
    pre-send hook, once per message) imports the package without linting.
    """
    if name in ("Linter", "check", "fix"):
        from msglint import api

        return getattr(api, name)
    if name in ("Result", "Finding"):
        from msglint import engine

        return getattr(engine, name)
    if name in ("Fix", "Edit"):
        from msglint.fixes import model

        return getattr(model, name)
    raise AttributeError(f"module 'msglint' has no attribute {name!r}")
