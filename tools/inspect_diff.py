"""Snapshot msglint's extracted facts and findings, and compare two snapshots.

Why: a behaviour-preserving refactor of the analysis layer must leave every
fact unchanged. This records, in one canonical JSON file, for every input of
``examples/``, ``fixtures/corpus/``, every case of ``fixtures/rules/*.toml``
and every sentence of ``tests/data/asks_*.tsv``:

- the ``msglint inspect --format json`` document of the input,
- the ``msglint check --format json`` result (findings, score) with the
  default configuration,

plus, when the open evaluation sets are present (``--data``, default
``/work/shared/eval``), the time expressions ``find_times`` returns on every
Duckling phrase (in ``bench/eval_times.py``'s carrier sentences) and on every
Parakweet sentence. Every input gets a fixed reference time, so the snapshot
does not depend on the clock.

Usage::

    python tools/inspect_diff.py snapshot /tmp/before.json [--no-eval]
    python tools/inspect_diff.py compare /tmp/before.json /tmp/after.json

``compare`` prints each input and field that differs and exits 1 when any
does, 0 when the snapshots are identical.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

NOW = datetime.fromisoformat("2026-12-14T09:00:00+01:00")
FILE_ROOTS = ("examples", "fixtures/corpus")
ASK_TABLES = ("tests/data/asks_en.tsv", "tests/data/asks_fr.tsv")
# bench/eval_times.py's carriers and reference times
CARRIERS = {"en": "Please send it {phrase}.", "fr": "Merci de l'envoyer {phrase}."}
DUCKLING_TZ = timezone(timedelta(hours=-2))
DUCKLING_NOW = datetime(2013, 2, 12, 4, 30, tzinfo=DUCKLING_TZ)
DUCKLING_NOW_DIFF = datetime(2013, 2, 15, 4, 30, tzinfo=DUCKLING_TZ)


def _file_messages() -> list[tuple[str, Any, str | None, datetime]]:
    """(key, message, forced language, now) for every file under FILE_ROOTS."""
    from msglint.runner import _ConfigCache, load_inputs

    out = []
    for folder in FILE_ROOTS:
        loaded, errors = load_inputs([str(ROOT / folder)], None, _ConfigCache(None, None, []))
        for error in errors:
            out.append((f"error:{error}", None, None, NOW))
        for message, _config in loaded:
            out.append((os.path.relpath(message.path, ROOT), message, None, NOW))
    return out


def _case_messages() -> list[tuple[str, Any, str | None, datetime]]:
    from rule_cases import FORMATS, all_case_files, load_cases

    from msglint.inputs import Source, parse

    out = []
    for path in all_case_files():
        for case in load_cases(path):
            name, fmt = FORMATS[case.fmt]
            message = parse(case.source.encode("utf-8"), Source(name, fmt), case.kind)
            out.append((f"case:{case.id}", message, case.lang, case.now))
    return out


def _ask_messages() -> list[tuple[str, Any, str | None, datetime]]:
    from msglint.inputs import Source, parse

    out = []
    for table in ASK_TABLES:
        path = ROOT / table
        if not path.is_file():
            continue
        lang = path.stem.rsplit("_", 1)[-1]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            sentence = line.split("\t", 1)[1]
            message = parse(sentence.encode("utf-8"), Source("ask.txt", "text"), "chat")
            out.append((f"ask:{table}:{number}", message, lang, NOW))
    return out


def _analyse(items: list[tuple[str, Any, str | None, datetime]]) -> dict[str, Any]:
    """Inspect facts and check results of every item, batched by reference time."""
    from msglint.analysis import analyze_many
    from msglint.config import load_config
    from msglint.engine import check
    from msglint.report import ReportOptions
    from msglint.report.inspect_format import render_inspect
    from msglint.report.json_format import render

    config = load_config(None, None)
    out: dict[str, Any] = {}
    groups: dict[str, list[int]] = {}
    for index, (key, message, _lang, now) in enumerate(items):
        if message is None:
            out[key] = {"error": key}
            continue
        groups.setdefault(now.isoformat(), []).append(index)
    for indices in groups.values():
        analyses = analyze_many(
            [items[i][1] for i in indices], [items[i][2] for i in indices], items[indices[0]][3]
        )
        for i, analysis in zip(indices, analyses):
            facts = json.loads(render_inspect([analysis], "json"))["inputs"][0]
            result = json.loads(render([check(analysis, config)], [], ReportOptions()))
            out[items[i][0]] = {"inspect": facts, "check": result["results"][0]}
    return out


def _eval_times(data: Path) -> dict[str, Any]:
    """find_times on every Duckling phrase and Parakweet sentence (when present)."""
    from msglint.analysis.times import find_times
    from msglint.lang import get_pack

    out: dict[str, Any] = {}
    for lang in ("en", "fr"):
        path = data / "duckling" / f"duckling_time_duration_{lang}.jsonl"
        if not path.is_file():
            continue
        for number, line in enumerate(path.open(encoding="utf-8"), start=1):
            row = json.loads(line)
            if row.get("dimension") != "time":
                continue
            now = DUCKLING_NOW_DIFF if row["corpus_section"] == "diffCorpus" else DUCKLING_NOW
            sentence = CARRIERS[lang].format(phrase=row["text"])
            out[f"duckling:{lang}:{number}"] = [
                asdict(t) for t in find_times(sentence, get_pack(lang), now)
            ]
    path = data / "parakweet-email-intent" / "train.jsonl"
    if path.is_file():
        for number, line in enumerate(path.open(encoding="utf-8"), start=1):
            sentence = json.loads(line)["sentence"]
            out[f"parakweet:{number}"] = [
                asdict(t) for t in find_times(sentence, get_pack("en"), NOW)
            ]
    return out


def _iso(value: Any) -> str:
    """Datetimes as the reports write them (ISO 8601), anything else as text."""
    return value.isoformat() if isinstance(value, datetime) else str(value)


def snapshot(output: Path, data: Path | None) -> None:
    items = _file_messages() + _case_messages() + _ask_messages()
    document = {"inputs": _analyse(items), "times": _eval_times(data) if data else {}}
    document.pop("msglint_version", None)
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True, default=_iso)
    # paths relative to the checkout, so two worktrees compare equal
    text = text.replace(json.dumps(str(ROOT) + "/")[1:-1], "")
    output.write_text(text + "\n", encoding="utf-8")
    print(
        f"{output}: {len(document['inputs'])} inputs, "
        f"{len(document['times'])} evaluation phrases and sentences"
    )


def _differences(before: Any, after: Any, where: str, out: list[str]) -> None:
    if type(before) is not type(after):
        out.append(f"{where}: {before!r} -> {after!r}")
    elif isinstance(before, dict):
        for key in sorted(set(before) | set(after)):
            if key not in after:
                out.append(f"{where}.{key}: removed")
            elif key not in before:
                out.append(f"{where}.{key}: added {after[key]!r}"[:400])
            else:
                _differences(before[key], after[key], f"{where}.{key}", out)
    elif isinstance(before, list):
        if len(before) != len(after):
            out.append(f"{where}: {len(before)} items -> {len(after)} items")
            out.append(f"    before {json.dumps(before, ensure_ascii=False)[:600]}")
            out.append(f"    after  {json.dumps(after, ensure_ascii=False)[:600]}")
            return
        for index, (a, b) in enumerate(zip(before, after)):
            _differences(a, b, f"{where}[{index}]", out)
    elif before != after:
        out.append(f"{where}: {before!r} -> {after!r}"[:600])


def compare(before_path: Path, after_path: Path, limit: int) -> int:
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    lines: list[str] = []
    changed = 0
    for section in ("inputs", "times"):
        old, new = before.get(section, {}), after.get(section, {})
        for key in sorted(set(old) | set(new)):
            found: list[str] = []
            _differences(old.get(key), new.get(key), f"{section}[{key}]", found)
            changed += bool(found)
            lines.extend(found)
    for line in lines[:limit]:
        print(line)
    if len(lines) > limit:
        print(f"... and {len(lines) - limit} more")
    print(f"{len(lines)} difference(s) in {changed} input(s)" if lines else "identical")
    return 1 if lines else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot", help="write a snapshot of the current code")
    snap.add_argument("output", type=Path)
    snap.add_argument(
        "--data", type=Path, default=Path(os.environ.get("MSGLINT_EVAL_DIR", "/work/shared/eval"))
    )
    snap.add_argument("--no-eval", action="store_true", help="skip the evaluation sets")
    comp = commands.add_parser("compare", help="print the differences between two snapshots")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    comp.add_argument("--limit", type=int, default=200, help="print at most N differences")
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.output, None if args.no_eval else args.data)
        return 0
    return compare(args.before, args.after, args.limit)


if __name__ == "__main__":
    sys.exit(main())
