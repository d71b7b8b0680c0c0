"""Where the open labelled sets live: read in place, never copied into the project.

``$MSGLINT_EVAL_DIR`` when set; else ``shared/eval`` beside the checkout (as CI
has it), or two levels up from a git worktree (``…/wt/NAME``).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def eval_dir() -> Path:
    env = os.environ.get("MSGLINT_EVAL_DIR")
    if env:
        return Path(env)
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "eval").is_dir():
            return base / "shared" / "eval"
    return REPO.parent / "shared" / "eval"
