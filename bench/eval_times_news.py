"""Measure msglint's time expressions on TIMEX3-labelled news (TempEval-3 EN, French TimeBank).

Usage::

    python bench/eval_times_news.py [--data shared/eval] [--misses N] [--lang en|fr]

The corpora are read where they live (``--data``/``timeml``, default
``/work/shared/eval/timeml`` or ``$MSGLINT_EVAL_DIR/timeml``; provenance and
licences in ``bench/TIMEML.md`` and that folder's PROVENANCE.md); nothing of
them is copied into the project. Without them the script says so and exits 0.

What is measured, per language, on each document's ``<TEXT>`` (tags removed,
entities decoded), with ``now`` = the document's creation time (its DCT) at
noon UTC, the way msglint reads a message body:

- gold: TIMEX3 of type DATE, TIME and SET. "Deadline-relevant" (the headline
  figure) keeps the DATE and TIME whose value names a calendar point (has a
  digit: "1998-03-04", "1998-Q3", "XXXX-WXX-2", not PRESENT_REF / PAST_REF /
  FUTURE_REF) and the SET whose value is anchored on the calendar
  ("XXXX-WXX-2", "XXXX-XX-XXT10:00": every Tuesday, every day at 10), not a
  bare frequency ("P1W": weekly). DURATION is left out on both sides;
- ours: expressions of kind ``instant``, ``interval``, ``open_interval``, and
  ``recurrence`` when it has a calendar value (its next occurrence: "every
  Tuesday", not "daily"); not ``vague``, ``duration``, ``present``;
- recall: the share of gold expressions that one of ours overlaps by at least
  one character;
- precision: the share of ours that overlap a counted gold expression; one of
  ours that overlaps only a gold expression left out (a DURATION, a
  PRESENT_REF, a frequency) is neither right nor wrong ("neutral", counted
  apart); one that overlaps none is a false alarm;
- value agreement (information): for found gold DATE/TIME whose value is a
  plain date or time ("1998", "1998-03", "1998-03-04", "1998-03-04T13:00"),
  our value cut to the same length;
- the same on each half of a fixed split by a hash of the document name: the
  "tune" part (look at it, ``--misses`` prints only its misses and false
  alarms) and the "untouched" part (only measured).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from evaldata import eval_dir

from msglint.analysis.times import find_times
from msglint.lang import get_pack

OURS = {"instant", "interval", "open_interval", "recurrence"}
FOLDERS = {"en": ("en/TimeBank", "en/AQUAINT", "en/platinum"), "fr": ("fr",)}
TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^<>]*?)(/?)>")
ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
DCT = re.compile(r'<DCT>\s*<TIMEX3[^>]*?value="(\d{4})-?(\d\d)-?(\d\d)')
PLAIN = re.compile(r"\d{4}(-\d\d(-\d\d(T\d\d:\d\d)?)?)?")


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str

    @property
    def counted(self) -> bool:
        """A deadline-relevant expression: a calendar date or time, or an anchored recurrence."""
        if self.type in ("DATE", "TIME"):
            return any(ch.isdigit() for ch in self.value)
        if self.type == "SET":
            return bool(self.value) and not self.value.startswith("P")
        return False


@dataclass
class Doc:
    name: str
    text: str
    now: datetime
    golds: list[Gold] = field(default_factory=list)


def read_doc(path: Path) -> Doc | None:
    """The plain text of a TimeML file's <TEXT> and its TIMEX3 spans in that text."""
    raw = path.read_text(encoding="utf-8")
    body = TEXT.search(raw)
    dct = DCT.search(raw)
    if body is None or dct is None:
        return None
    year, month, day = (int(x) for x in dct.groups())
    now = datetime(year, month, day, 12, tzinfo=timezone.utc)
    parts: list[str] = []
    size = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    golds: list[Gold] = []
    source = body.group(1)
    position = 0
    for tag in TAG.finditer(source):
        chunk = html.unescape(source[position : tag.start()])
        parts.append(chunk)
        size += len(chunk)
        position = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing and not tag.group(4):
            open_timex = (size, dict(ATTR.findall(attrs)))
        elif closing and open_timex is not None:
            start, attributes = open_timex
            golds.append(Gold(start, size, attributes.get("type", ""), attributes.get("value", "")))
            open_timex = None
    parts.append(html.unescape(source[position:]))
    text = "".join(parts)
    return Doc(path.stem, text, now, golds)


def part_of(name: str) -> str:
    """The fixed half of a document: "tune" (looked at) or "untouched" (only measured)."""
    return "tune" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 2 == 0 else "untouched"


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return min(a_end, b_end) > max(a_start, b_start)


def same_value(ours: datetime | None, gold: str) -> bool | None:
    """Our value against a plain gold date/time cut to its length; None when not comparable."""
    if not PLAIN.fullmatch(gold):
        return None
    if ours is None:
        return False
    written = ours.strftime("%Y-%m-%dT%H:%M")
    return written[: len(gold)] == gold


@dataclass
class Stats:
    gold: int = 0
    found: int = 0
    gold_all: int = 0
    found_all: int = 0
    ours: int = 0
    right: int = 0
    neutral: int = 0
    values: int = 0
    values_equal: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)


def context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 50) : start].replace("\n", " ")
    right = text[end : end + 30].replace("\n", " ")
    return f"...{left}[[{text[start:end]}]]{right}..."


def evaluate(lang: str, docs: list[Doc]) -> Stats:
    pack = get_pack(lang)
    stats = Stats()
    for doc in docs:
        started = time.perf_counter()
        found = [
            t
            for t in find_times(doc.text, pack, doc.now)
            if t.kind in OURS and (t.kind != "recurrence" or t.value is not None)
        ]
        stats.seconds += time.perf_counter() - started
        timexes = [g for g in doc.golds if g.type in ("DATE", "TIME", "SET")]
        for gold in timexes:
            hits = [t for t in found if overlaps(t.start, t.end, gold.start, gold.end)]
            stats.gold_all += 1
            stats.found_all += bool(hits)
            if not gold.counted:
                continue
            stats.gold += 1
            stats.found += bool(hits)
            where = context(doc.text, gold.start, gold.end)
            if not hits:
                stats.misses.append(f"{doc.name}: {gold.type} {gold.value}  {where}")
                continue
            agree = same_value(hits[0].value, gold.value)
            if agree is not None:
                stats.values += 1
                stats.values_equal += agree
                if not agree:
                    ours = f"{hits[0].value} ({hits[0].kind})"
                    stats.wrong_values.append(f"{doc.name}: gold {gold.value} ours {ours}  {where}")
        for expr in found:
            stats.ours += 1
            touched = [g for g in doc.golds if overlaps(expr.start, expr.end, g.start, g.end)]
            if any(g.counted for g in touched):
                stats.right += 1
            elif touched:
                stats.neutral += 1
            else:
                where = context(doc.text, expr.start, expr.end)
                stats.false_alarms.append(f"{doc.name}: {expr.kind}  {where}")
    return stats


def table(label: str, s: Stats, docs: int) -> None:
    def share(good: int, total: int) -> str:
        return f"{good / total:6.1%}" if total else "   n/a"

    judged = s.ours - s.neutral
    print(f"\n== {label} ({docs} documents) ==")
    print(f"  recall, deadline-relevant     {s.found:5d} / {s.gold:5d}  {share(s.found, s.gold)}")
    print(f"  precision, deadline-relevant  {s.right:5d} / {judged:5d}  {share(s.right, judged)}")
    print(f"    (neutral: {s.neutral} of ours overlap only a DURATION / *_REF / frequency)")
    print(
        f"  recall, all DATE/TIME/SET     {s.found_all:5d} / {s.gold_all:5d}"
        f"  {share(s.found_all, s.gold_all)}"
    )
    print(
        f"  value at gold's length (info) {s.values_equal:5d} / {s.values:5d}"
        f"  {share(s.values_equal, s.values)}"
    )
    print(f"  time                          {s.seconds * 1000:8.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = eval_dir()
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--misses", type=int, default=0, help="print up to N tune-part misses")
    parser.add_argument("--lang", choices=("en", "fr"), action="append")
    args = parser.parse_args()
    root = args.data / "timeml"
    if not root.is_dir():
        print(f"evaluation data not found at {root}: nothing to measure (skipped)")
        return 0
    for lang in args.lang or ("en", "fr"):
        docs = [
            doc
            for folder in FOLDERS[lang]
            for path in sorted((root / folder).glob("*.tml"))
            if (doc := read_doc(path)) is not None
        ]
        if not docs:
            print(f"no documents under {root} for {lang}: skipped")
            continue
        table(lang, evaluate(lang, docs), len(docs))
        for part in ("tune", "untouched"):
            chosen = [d for d in docs if part_of(d.name) == part]
            stats = evaluate(lang, chosen)
            table(f"{lang}, {part} part", stats, len(chosen))
            if part == "tune" and args.misses:
                for title, rows in (
                    ("missed", stats.misses),
                    ("false alarms", stats.false_alarms),
                    ("wrong values", stats.wrong_values),
                ):
                    print(f"\n[{lang} tune] {title} ({len(rows)}):")
                    for row in rows[: args.misses]:
                        print(f"   {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
