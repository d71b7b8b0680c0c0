"""Measure msglint.analysis.times on Duckling's time corpus and on e-mail sentences.

Usage::

    python bench/eval_times.py [--data shared/eval] [--misses N] [--sample N]

Prints, per language:

- recall: every Duckling ``dimension == "time"``, ``expected == "match"``
  example (not ``latentCorpus``), put in a carrier sentence, counts as found
  when a TimeExpr overlaps the phrase;
- value agreement: for the found ``type == "value"`` examples, our ``value``
  and Duckling's, both cut to Duckling's grain, in Duckling's reference
  offset (UTC-2);
- interval / open-interval agreement (information only);
- negatives: Duckling's ``no_match`` time examples on which we find a time;
- the same figures on each half of a fixed split by a hash of the phrase: the
  "tune" part (the one to look at when changing the grammar; ``--misses``
  prints only its misses) and the "untouched" part (only measured);

then a precision sample on the sentences of the Parakweet e-mail corpus (to be
read by a person) and the time taken on a 20,000-word text.

The evaluation data is read where it lives (``--data``, default
``/work/shared/eval`` or ``$MSGLINT_EVAL_DIR``); it is never copied into the
project. Without it the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from evaldata import eval_dir

from msglint.analysis.times import find_times
from msglint.lang import get_pack

CARRIERS = {"en": "Please send it {phrase}.", "fr": "Merci de l'envoyer {phrase}."}
REF_TZ = timezone(timedelta(hours=-2))
NOW = datetime(2013, 2, 12, 4, 30, tzinfo=REF_TZ)
NOW_DIFF = datetime(2013, 2, 15, 4, 30, tzinfo=REF_TZ)
FIELDS = {
    "year": 1,
    "quarter": 2,
    "month": 2,
    "week": 3,
    "day": 3,
    "hour": 4,
    "minute": 5,
    "second": 6,
}
STEP = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}


def duckling_parts(value: str) -> tuple[int, ...]:
    """(year, month, day, hour, minute, second) of a Duckling value ("2013-03-00T..." allowed)."""
    match = re.fullmatch(r"(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", value)
    if not match:
        raise ValueError(value)
    return tuple(int(x) for x in match.groups())


def our_parts(value: datetime) -> tuple[int, ...]:
    moment = value.astimezone(REF_TZ)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def same(ours: datetime | None, theirs: str, grain: str) -> bool:
    if ours is None:
        return False
    size = FIELDS[grain.lower()]
    return our_parts(ours)[:size] == duckling_parts(theirs)[:size]


def exclusive_end(expr) -> datetime | None:
    """Our interval's end as an exclusive instant (end_value + one grain)."""
    moment = expr.end_value or expr.value
    if moment is None:
        return None
    grain = expr.grain or "day"
    if grain in STEP:
        moment += STEP[grain]
    elif grain == "month":
        moment = moment.replace(year=moment.year + moment.month // 12, month=moment.month % 12 + 1)
    elif grain == "quarter":
        month = moment.month + 3
        moment = moment.replace(year=moment.year + (month - 1) // 12, month=(month - 1) % 12 + 1)
    elif grain == "year":
        moment = moment.replace(year=moment.year + 1)
    return moment


def overlapping(exprs, start: int, end: int):
    best, size = None, 0
    for expr in exprs:
        common = min(end, expr.end) - max(start, expr.start)
        if common > size:
            best, size = expr, common
    return best


def split(row: dict) -> str:
    """The part of a row, fixed by a hash of its phrase: half to tune on, half never looked at.

    Changes to the grammar are checked on the "tune" part (and its misses, printed
    with --misses); the "untouched" part only measures them.
    """
    digest = hashlib.sha1(row["text"].encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "untouched"


def evaluate(lang: str, rows: list[dict], misses: int) -> dict:
    carrier = CARRIERS[lang]
    prefix = carrier.index("{phrase}")
    stats = {
        "rows": 0,
        "found": 0,
        "value_rows": 0,
        "value_equal": 0,
        "interval_rows": 0,
        "interval_equal": 0,
        "open_rows": 0,
        "open_equal": 0,
        "negatives": 0,
        "negative_hits": 0,
    }
    missed, wrong, false_hits = [], [], []
    started = time.perf_counter()
    for row in rows:
        if row["dimension"] != "time":
            continue
        sentence = carrier.format(phrase=row["text"])
        start, end = prefix, prefix + len(row["text"])
        now = NOW_DIFF if row["corpus_section"] == "diffCorpus" else NOW
        exprs = find_times(sentence, get_pack(lang), now)
        hit = overlapping(exprs, start, end)
        if row["expected"] == "no_match":
            stats["negatives"] += 1
            if hit is not None:
                stats["negative_hits"] += 1
                false_hits.append((row["text"], hit.text))
            continue
        if row["corpus_section"] == "latentCorpus":
            continue
        stats["rows"] += 1
        if hit is None:
            missed.append(row["text"])
            continue
        stats["found"] += 1
        kind = row["type"]
        grain = row["grain"]
        if kind == "value":
            stats["value_rows"] += 1
            if same(hit.value, row["value"], grain):
                stats["value_equal"] += 1
            else:
                wrong.append((row["text"], row["value"], grain, hit.text, hit.value, hit.grain))
        elif kind == "interval":
            stats["interval_rows"] += 1
            if hit.direction in ("before", "until"):
                ok = same(exclusive_end(hit), row["end"], grain)
            else:
                ok = same(hit.value, row["start"], grain) and same(
                    exclusive_end(hit), row["end"], grain
                )
            stats["interval_equal"] += ok
        elif kind == "open_interval":
            stats["open_rows"] += 1
            # Duckling's "before" covers both our deadline "before" and "until"
            direction = "before" if hit.direction == "until" else hit.direction
            ok = direction == row["direction"] and same(hit.value, row["value"], grain)
            stats["open_equal"] += ok
    stats["seconds"] = time.perf_counter() - started
    if misses:
        print(f"\n[{lang}] missed ({len(missed)}):")
        for text in missed[:misses]:
            print(f"   {text}")
        print(f"[{lang}] wrong values ({len(wrong)}):")
        for item in wrong[:misses]:
            print("   {!r}: duckling {} ({}) / ours {!r} {} ({})".format(*item))
        print(f"[{lang}] hits on negatives: {false_hits}")
    return stats


def table(lang: str, s: dict) -> None:
    def row(label: str, good: int, total: int, note: str = "") -> None:
        share = f"{good / total:6.1%}" if total else "   n/a"
        print(f"  {label:32} {good:5d} / {total:5d}  {share}  {note}")

    print(f"\n== {lang} ==")
    row("recall (phrase found)", s["found"], s["rows"], "(target >= 85%)")
    row("value = Duckling at its grain", s["value_equal"], s["value_rows"], "(target >= 80%)")
    row("interval agreement (info)", s["interval_equal"], s["interval_rows"])
    row("open interval agreement (info)", s["open_equal"], s["open_rows"])
    row("no_match rows with a time", s["negative_hits"], s["negatives"], "(target 0)")
    print(f"  {'time':32} {s['seconds'] * 1000:8.0f} ms")


def precision(data: Path, sample: int) -> None:
    path = data / "parakweet-email-intent" / "train.jsonl"
    if not path.is_file():
        print(f"\n(no {path}: precision sample skipped)")
        return
    sentences = [json.loads(line)["sentence"] for line in path.open(encoding="utf-8")]
    hits = []
    started = time.perf_counter()
    for sentence in sentences:
        for expr in find_times(sentence, get_pack("en"), NOW):
            hits.append((sentence, expr))
    seconds = time.perf_counter() - started
    with_hit = len({id(s) for s, _ in hits})
    vague = sum(1 for _, e in hits if e.vague)
    timing = f"{len(sentences)} sentences, {seconds * 1000:.0f} ms"
    print(f"\n== precision sample: parakweet train ({timing}) ==")
    print(
        f"  {len(hits)} time expressions ({vague} vague) in {with_hit} sentences; a sample to read:"
    )
    rng = random.Random(12)
    for sentence, expr in rng.sample(hits, min(sample, len(hits))):
        left = sentence[max(0, expr.start - 30) : expr.start]
        right = sentence[expr.end : expr.end + 20]
        print(f"  [{expr.kind:13}] ...{left}[[{expr.text}]]{right}...  -> {expr.value}")
    words = " ".join(sentences).split()
    text = " ".join((words * (20000 // len(words) + 1))[:20000])
    started = time.perf_counter()
    found = find_times(text, get_pack("en"), NOW)
    seconds = time.perf_counter() - started
    print(f"\n  20,000-word text: {len(found)} expressions in {seconds * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = eval_dir()
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses per language")
    parser.add_argument("--sample", type=int, default=30, help="precision sample size")
    args = parser.parse_args()
    folder = args.data / "duckling"
    if not folder.is_dir():
        print(f"evaluation data not found at {folder}: nothing to measure (skipped)")
        return 0
    for lang in ("en", "fr"):
        path = folder / f"duckling_time_duration_{lang}.jsonl"
        if not path.is_file():
            print(f"no {path}: {lang} skipped")
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        tune = [r for r in rows if split(r) == "tune"]
        table(lang, evaluate(lang, rows, 0))
        if args.misses:
            evaluate(lang, tune, args.misses)
        for part in ("tune", "untouched"):
            table(f"{lang}, {part} part", evaluate(lang, [r for r in rows if split(r) == part], 0))
    precision(args.data, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
