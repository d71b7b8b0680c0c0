"""Load and run the per-rule fixture tables in ``fixtures/rules/<CODE>.toml``.

Each file holds ``[[invalid]]`` cases (the rule must fire, with the listed
``errors``) and ``[[valid]]`` cases (it must stay silent), in English and
French. As in ESLint's RuleTester, an invalid case without expected errors is
itself an error; as in SQLFluff, one file per rule keeps the cases next to
each other. ``[[fix]]`` cases (input → fixed text) are run by tests/test_fixes.py.

Case keys:
  lang     "en" | "fr" (required)
  text     the draft: a .txt file's content ("Subject: …" first line optional),
  eml      … or a whole RFC 822 message,
  markdown … or a Markdown document
  kind     "email" | "chat" | "doc" (default: from the format)
  now      ISO 8601 reference time (default: Monday 14 December 2026, 09:00 CET)
  options  rule options for this case, e.g. { max_asks = 2 }
  errors   (invalid only) list of { text = "span text", message_id = "…", field = "…",
           severity = "…" (the packaged severity, e.g. a strong hit's "warning") };
           every key optional, but at least one entry
  note     free text: why the case exists
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from msglint.lang import available_languages

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "fixtures" / "rules"
DEFAULT_NOW = datetime.fromisoformat("2026-12-14T09:00:00+01:00")
CASE_KEYS = {"lang", "text", "eml", "markdown", "kind", "now", "options", "errors", "note"}
FORMATS = {
    "text": ("case.txt", "text"),
    "eml": ("case.eml", "email"),
    "markdown": ("case.md", "markdown"),
}


@dataclass
class Case:
    code: str
    valid: bool
    index: int
    lang: str
    source: str
    fmt: str
    kind: str | None
    now: datetime
    options: dict[str, Any]
    errors: list[dict[str, str]] = field(default_factory=list)
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.code}-{'valid' if self.valid else 'invalid'}-{self.index}-{self.lang}"


class CaseFileError(Exception):
    pass


def load_cases(path: Path) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    code = data.get("rule")
    if code != path.stem:
        raise CaseFileError(f"{path.name}: rule = {code!r} does not match the file name")
    unknown = set(data) - {"rule", "valid", "invalid", "fix"}
    if unknown:
        raise CaseFileError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    cases = []
    for valid, key in ((True, "valid"), (False, "invalid")):
        for index, raw in enumerate(data.get(key, []), start=1):
            where = f"{path.name} [[{key}]] #{index}"
            extra = set(raw) - CASE_KEYS
            if extra:
                raise CaseFileError(f"{where}: unknown keys {sorted(extra)}")
            formats = [name for name in FORMATS if name in raw]
            if len(formats) != 1:
                raise CaseFileError(f"{where}: give exactly one of text, eml, markdown")
            if raw.get("lang") not in available_languages():
                raise CaseFileError(f"{where}: lang must be one of {available_languages()}")
            errors = raw.get("errors", [])
            if not valid and not errors:
                raise CaseFileError(f"{where}: an invalid case must list its expected errors")
            if valid and errors:
                raise CaseFileError(f"{where}: a valid case cannot expect errors")
            now = raw.get("now")
            cases.append(
                Case(
                    code=code,
                    valid=valid,
                    index=index,
                    lang=raw["lang"],
                    source=raw[formats[0]],
                    fmt=formats[0],
                    kind=raw.get("kind"),
                    now=datetime.fromisoformat(now) if now else DEFAULT_NOW,
                    options=raw.get("options", {}),
                    errors=errors,
                    note=raw.get("note", ""),
                )
            )
    return cases


def all_case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.toml"))
