"""Regenerate README's rule table from the judged real messages.

Usage::

    python bench/readme_rules.py           # print the table
    python bench/readme_rules.py --write   # replace it in README.md, between its markers

Each row gives a rule's configured severity and its precision on the test
part of ``fixtures/real/`` (``bench/eval_findings.py`` measures; this only
formats): for a warning or an error, the share of the messages it warned on
where both judges saw a problem in its family, with the dev figure beside it;
for a hint, how often the judges agreed with the hint; for a rule with strong
hits, both. Written by a script so the table never drifts from the figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START = "<!-- rules-table:start (bench/readme_rules.py --write) -->"
END = "<!-- rules-table:end -->"
FAMILY_PREFIX = {
    "subject": "SJ",
    "concision": "CN",
    "structure": "ST",
    "deadline": "DL",
    "urgency": "UR",
    "ask": "AK",
    "clarity": "CL",
    "tone": "TN",
}


def _eval_findings() -> Any:
    path = REPO / "bench" / "eval_findings.py"
    spec = importlib.util.spec_from_file_location("eval_findings_readme", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _catalogue() -> list[dict[str, Any]]:
    """The rules as `msglint rules --format json` prints them (configured severities)."""
    out = subprocess.run(
        [sys.executable, "-m", "msglint", "rules", "--format", "json"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def _share(right: int, total: int) -> str:
    return f"{right / total:.2f} ({right}/{total})" if total else "not fired"


def _cell(test: dict[str, Any] | None, dev: dict[str, Any] | None, strong: bool) -> str:
    test = test or {}
    dev = dev or {}
    loud = _share(test.get("right", 0), test.get("judged", 0))
    hints = _share(test.get("info_right", 0), test.get("info_judged", 0))
    dev_loud = f"{dev.get('right', 0)}/{dev.get('judged', 0)}" if dev.get("judged") else "not fired"
    if strong:
        return f"strong {loud}; hints {hints}; dev strong {dev_loud}"
    if test.get("judged") or dev.get("judged"):
        return f"{loud}; dev {dev_loud}"
    if test.get("info_judged"):
        return hints
    return "not fired; dev: not fired"


def table() -> str:
    bench = _eval_findings()
    real = REPO / "fixtures" / "real"
    parts = {split: bench.load(real, split, None) for split in ("test", "dev")}
    bench.run_msglint(parts["test"] + parts["dev"])
    figures = {split: bench.measure(items)["rules"] for split, items in parts.items()}
    rows = ["| family | rule | default | test precision |", "|---|---|---|---|"]
    order = list(FAMILY_PREFIX)
    for rule in sorted(_catalogue(), key=lambda r: (order.index(r["family"]), r["code"])):
        code, family = rule["code"], rule["family"]
        strong = rule.get("strong_severity")
        default = rule["severity"] + (f"; strong hits {strong}" if strong else "")
        if not rule.get("enabled", True):
            default = "off"
        name = rule["name"].split(".", 1)[1]
        cell = _cell(figures["test"].get(code), figures["dev"].get(code), bool(strong))
        rows.append(f"| {family} `{FAMILY_PREFIX[family]}` | {code} {name} | {default} | {cell} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the table in README.md")
    args = parser.parse_args()
    text = table()
    if not args.write:
        print(text)
        return 0
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        print(f"README.md has no {START!r} … {END!r} markers", file=sys.stderr)
        return 2
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    print("README.md: rule table rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
