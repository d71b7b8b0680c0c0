"""Own-text token F1 of msglint's reply splitter on annotated real e-mail.

Usage::

    python bench/eval_owntext.py               # the table: per source, tune / untouched
    python bench/eval_owntext.py --failures    # the worst tune-part messages, with both texts
    python bench/eval_owntext.py --json        # the figures as JSON

The annotations are ``fixtures/real/owntext/annotations.jsonl`` (how they were made:
``fixtures/real/owntext/README.rst``): for each real e-mail of ``fixtures/real/``, the
line numbers of the sender's own text in the decoded body (``bench/owntext_body.py``).
They were written by reading each raw message, before looking at msglint's split.

What is compared: the annotated lines against ``Message.body`` of ``read_email`` (the
own text msglint lints; its ``signature`` is not own text, as in the annotations).

Token F1: both texts are split on whitespace, tokens made only of rule characters
(``---``, ``___``, ``===``) are dropped, and the two **bags** of tokens are compared
(multiset intersection): precision = shared / msglint's tokens, recall = shared /
annotated tokens. Bag, not aligned: the question is which text was kept, and a
bag is insensitive to the line re-joining the splitter does (QP soft breaks,
trimmed line ends). ``micro`` sums tokens over the messages of a group (long
messages weigh more); ``macro`` is the mean per-message F1 (an empty own text
matched by an empty one scores 1, by anything else 0); ``exact`` counts messages
whose bags are equal.

Parts: the manifest's ``split`` (``dev`` = tune, ``test`` = untouched). Only the
tune part may be used to decide a change to the splitter; ``--failures`` shows
tune-part messages only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.owntext_body import annotated_body, body_digest  # noqa: E402
from msglint.inputs.email_reader import read_email  # noqa: E402

REAL = REPO / "fixtures" / "real"
ANNOTATIONS = REAL / "owntext" / "annotations.jsonl"
_RULE = re.compile(r"^[-_=*~#+.\u2014\u2013]+$")
GROUPS = {
    "enron": "corporate",
    "apache": "lists",
    "notmuch": "lists",
    "numpy": "lists",
    "3gpp": "lists",
    "fedora": "lists",
}


def tokens(text: str) -> Counter[str]:
    """Whitespace tokens, rule-only tokens dropped."""
    return Counter(t for t in text.split() if not _RULE.match(t))


def expected_text(body: str, ranges: str) -> str:
    """The annotated own text: the listed 1-based lines of the decoded body."""
    lines = body.split("\n")
    kept: list[str] = []
    for part in filter(None, ranges.split(",")):
        first, _, last = part.partition("-")
        kept.extend(lines[int(first) - 1 : int(last or first)])
    return "\n".join(kept)


@dataclass
class Case:
    id: str
    source: str
    lang: str
    split: str
    expected: str
    got: str

    @property
    def counts(self) -> tuple[int, int, int]:
        """(shared, msglint's, annotated) token counts."""
        want, have = tokens(self.expected), tokens(self.got)
        return sum((want & have).values()), sum(have.values()), sum(want.values())

    @property
    def f1(self) -> float:
        shared, have, want = self.counts
        if not have and not want:
            return 1.0
        return 2 * shared / (have + want) if have + want else 0.0


@dataclass
class Tally:
    cases: list[Case] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        shared = have = want = exact = 0
        for case in self.cases:
            s, h, w = case.counts
            shared, have, want = shared + s, have + h, want + w
            exact += tokens(case.expected) == tokens(case.got)
        n = len(self.cases)
        p = shared / have if have else 1.0
        r = shared / want if want else 1.0
        return {
            "messages": n,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "micro_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "macro_f1": round(sum(c.f1 for c in self.cases) / n, 4) if n else 0.0,
            "exact": exact,
        }


def load_cases() -> list[Case]:
    """Every annotated message with msglint's own text for it."""
    manifest = {}
    for line in (REAL / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        manifest[entry["id"]] = entry
    cases = []
    for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines():
        note = json.loads(line)
        entry = manifest[note["id"]]
        path = REAL / entry["path"]
        data = path.read_bytes()
        body = annotated_body(data)
        if body_digest(body) != note["body_sha1"]:
            raise SystemExit(f"{path}: decoded body changed since it was annotated")
        message = read_email(data, str(path))
        cases.append(
            Case(
                id=note["id"],
                source=entry["source"],
                lang=entry["lang"],
                split=entry["split"],
                expected=expected_text(body, note["own_lines"]),
                got=message.body,
            )
        )
    return cases


def group_of(case: Case) -> str:
    """corporate / lists (English), or the French source."""
    if case.lang == "en":
        return GROUPS.get(case.source, case.source)
    return f"{case.lang}-{case.source}"


def table(cases: list[Case]) -> dict[str, dict[str, dict[str, float | int]]]:
    """Figures per group and per source, for tune, untouched and all."""
    rows: dict[str, dict[str, Tally]] = {}
    for case in cases:
        part = "tune" if case.split == "dev" else "untouched"
        keys = {group_of(case), f"  {case.lang}/{case.source}", "all"}
        for key in keys:
            for p in (part, "all"):
                rows.setdefault(key, {}).setdefault(p, Tally()).cases.append(case)
    order = sorted(rows, key=lambda k: (k == "all", k.strip() != k, k.strip()))
    parts = ("tune", "untouched", "all")
    return {k: {p: rows[k][p].figures() for p in parts if p in rows[k]} for k in order}


def print_table(figures: dict[str, dict[str, dict[str, float | int]]]) -> None:
    head = ("group", "part", "n", "P", "R", "F1", "macroF1", "exact")
    print("{:22} {:10} {:>4} {:>6} {:>6} {:>6} {:>8} {:>6}".format(*head))
    for key, parts in figures.items():
        for part, f in parts.items():
            print(
                f"{key:22} {part:10} {f['messages']:>4} {f['precision']:>6.3f} {f['recall']:>6.3f} "
                f"{f['micro_f1']:>6.3f} {f['macro_f1']:>8.3f} {f['exact']:>3}/{f['messages']}"
            )


def print_failures(cases: list[Case], limit: int) -> None:
    tune = sorted((c for c in cases if c.split == "dev" and c.f1 < 1.0), key=lambda c: c.f1)
    for case in tune[:limit]:
        shared, have, want = case.counts
        print(f"=== {case.id} F1 {case.f1:.3f} (shared {shared}, msglint {have}, annotated {want})")
        missing = tokens(case.expected) - tokens(case.got)
        extra = tokens(case.got) - tokens(case.expected)
        print("  missing:", " ".join(list(missing.elements())[:40]))
        print("  extra:  ", " ".join(list(extra.elements())[:40]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--failures", action="store_true", help="worst tune-part messages")
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cases = load_cases()
    figures = table(cases)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print_table(figures)
    if args.failures:
        print_failures(cases, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
