"""Measure msglint's findings against two independent judges on real messages.

Usage::

    python bench/eval_findings.py                      # the test split of fixtures/real
    python bench/eval_findings.py --split dev --misses # tune on dev: list every miss
    python bench/eval_findings.py --split dev-a        # tune on one half of dev ...
    python bench/eval_findings.py --split dev-b        # ... and check on the other
    python bench/eval_findings.py --split all --lang fr --format json
    python bench/eval_findings.py --real tests/data/real_sample
    python bench/eval_findings.py --split all --source written4 # one source only

Data (``fixtures/real/`` by default, ``--real DIR`` otherwise):

* ``manifest.jsonl``: one message a line, ``{"id", "path", "lang", "kind",
  "source", "url", "licence", "split": "dev"|"test"}``; ``path`` is relative
  to the folder.
* ``judgements/<judge>.jsonl``: one object per message, ``{"id", "families":
  {family: {"problem": bool, "why": str}}, "actionability": 1..5}`` judged on
  what the sender wrote only.

``dev-a`` and ``dev-b`` are the two halves of dev, cut by a stable hash of
the message id: tune a change on one half and keep it only if the other half
agrees. A dev gain the other half does not share is a fit to a few messages,
and it will not hold on test or on mail nobody here has seen.

What is counted (the figures of issue 13):

* a (message, family) pair is a **problem** when every judge of the message
  (at least two) says so, **fine** when every judge says it is not;
* **precision**: a family warning (a warning or an error of that family on
  the message) is right when the pair is a problem; per rule, the same test
  on the messages where the rule fired;
* **problems caught** (recall): of the problem pairs, the share where msglint
  has a warning or an error in that family;
* **rank correlation**: Spearman's rho between the score and the judges' mean
  actionability (5 = very easy to act on), per language.

msglint runs in this process on the real pipelines through ``msglint.Linter``
(one per kind; the nearest configuration per folder), as ``msglint check``
runs: language detected, e-mails checked against their ``Date`` header, the
kind given by the manifest.
Without judgements the script still runs and prints what fired.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FAMILIES = ("subject", "concision", "structure", "deadline", "urgency", "ask", "clarity", "tone")
LOUD = ("warning", "error")
POLICY = {"warning": 0.85, "error": 0.95, "recall": 0.60, "rho": 0.5}


@dataclass
class Judged:
    """One message of the manifest, what msglint said, and what the judges said."""

    id: str
    path: Path
    lang: str
    kind: str | None
    split: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    score: float | None = None
    error: str | None = None
    verdicts: list[dict[str, Any]] = field(default_factory=list)

    def judged(self) -> bool:
        return len(self.verdicts) >= 2

    def agreed(self, family: str) -> bool | None:
        """True when every judge calls the family a problem, False when none does."""
        votes = [bool(v.get("families", {}).get(family, {}).get("problem")) for v in self.verdicts]
        if len(votes) < 2:
            return None
        if all(votes):
            return True
        if not any(votes):
            return False
        return None

    def actionability(self) -> float | None:
        values = [v["actionability"] for v in self.verdicts if v.get("actionability") is not None]
        return sum(values) / len(values) if len(values) >= 2 else None

    def loud(self, family: str | None = None) -> list[dict[str, Any]]:
        return [
            f
            for f in self.findings
            if f["severity"] in LOUD and (family is None or f["family"] == family)
        ]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}: not JSON ({error.msg})") from None
    return rows


def dev_half(message_id: str) -> str:
    """Which half of dev a message falls in: stable across runs and machines."""
    return "dev-" + "ab"[hashlib.sha256(message_id.encode()).digest()[0] & 1]


def in_split(row: dict[str, Any], split: str) -> bool:
    if split == "all":
        return True
    if split in ("dev-a", "dev-b"):
        return row.get("split") == "dev" and dev_half(str(row["id"])) == split
    return row.get("split") == split


def load(real: Path, split: str, lang: str | None, sources: Sequence[str] = ()) -> list[Judged]:
    manifest = real / "manifest.jsonl"
    if not manifest.is_file():
        raise SystemExit(f"{manifest}: no manifest (fixtures/real is not built yet)")
    items = []
    for row in read_jsonl(manifest):
        if not in_split(row, split):
            continue
        if lang and row.get("lang") != lang:
            continue
        if sources and row.get("source") not in sources:
            continue
        items.append(
            Judged(
                id=str(row["id"]),
                path=real / row["path"],
                lang=str(row.get("lang", "?")),
                kind=row.get("kind") if row.get("kind") in ("email", "chat", "doc") else None,
                split=str(row.get("split", "?")),
            )
        )
    by_id = {item.id: item for item in items}
    folder = real / "judgements"
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for verdict in read_jsonl(path):
            item = by_id.get(str(verdict.get("id")))
            if item is not None:
                item.verdicts.append({**verdict, "judge": path.stem})
    return items


def run_msglint(items: list[Judged]) -> None:
    """Check every message in this process with one ``msglint.Linter`` (one batch per kind)."""
    from msglint.api import Linter

    by_kind: dict[str | None, list[Judged]] = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(item)
    for kind, group in by_kind.items():
        linter = Linter(kind=kind)
        outcomes = linter.check_many([item.path for item in group])
        if len(outcomes) != len(group):  # a mailbox among the messages: check one by one
            outcomes = [linter.check_many([item.path])[0] for item in group]
        for item, outcome in zip(group, outcomes):
            if isinstance(outcome, Exception):
                item.error = str(outcome)
                continue
            item.score = float(outcome.score)
            item.findings = [
                {
                    "code": f.code,
                    "family": f.family,
                    "severity": f.severity,
                    "message": f.message,
                    "text": _excerpt(outcome, f),
                }
                for f in outcome.findings
            ]


def _excerpt(result: Any, finding: Any) -> str:
    message = result.analysis.message
    text = (message.subject or "") if finding.field == "subject" else message.body
    if finding.field == "message" or finding.end <= finding.start:
        return ""
    return " ".join(text[finding.start : finding.end].split())[:80]


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson on ranks); None when undefined."""
    if len(xs) < 3:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return None if vx == 0 or vy == 0 else cov / (vx * vy) ** 0.5


def ratio(right: int, total: int) -> float | None:
    return right / total if total else None


def measure(items: list[Judged]) -> dict[str, Any]:
    """Every figure, for one group of messages (a language, or all)."""
    judged = [i for i in items if i.judged() and i.error is None]
    rules: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "fired": 0,
            "messages": 0,
            "right": 0,
            "judged": 0,
            "info": 0,
            "info_right": 0,
            "act": [],
        }
    )
    families: dict[str, dict[str, int]] = {
        f: {"fired": 0, "right": 0, "problems": 0, "caught": 0} for f in FAMILIES
    }
    false_warnings: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    for item in items:
        if item.error is not None:
            continue
        fired_codes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for finding in item.findings:
            fired_codes[finding["code"]].append(finding)
        for code, found in fired_codes.items():
            family = found[0]["family"]
            row = rules[code]
            row["family"] = family
            loud = [f for f in found if f["severity"] in LOUD]
            verdict = item.agreed(family) if item.judged() else None
            if item.actionability() is not None:
                row["act"].append(item.actionability())
            if loud:
                row["fired"] += len(loud)
                row["messages"] += 1
                row["severity"] = loud[0]["severity"]
                if item.judged():
                    row["judged"] += 1
                    row["right"] += verdict is True
            else:
                row["info"] += 1
                row.setdefault("severity", "info")
                if item.judged():
                    row["info_judged"] = row.get("info_judged", 0) + 1
                    row["info_right"] += verdict is True
    for item in judged:
        for family in FAMILIES:
            verdict = item.agreed(family)
            loud = item.loud(family)
            row = families[family]
            if loud:
                row["fired"] += 1
                row["right"] += verdict is True
                if verdict is not True:
                    false_warnings.append(
                        {
                            "id": item.id,
                            "family": family,
                            "codes": sorted({f["code"] for f in loud}),
                            "text": loud[0]["text"],
                            "judges": "fine" if verdict is False else "split",
                        }
                    )
            if verdict is True:
                row["problems"] += 1
                row["caught"] += bool(loud)
                if not loud:
                    missed.append(
                        {
                            "id": item.id,
                            "family": family,
                            "why": [
                                v["families"][family].get("why", "")
                                for v in item.verdicts
                                if family in v.get("families", {})
                            ],
                            "info": sorted(
                                {f["code"] for f in item.findings if f["family"] == family}
                            ),
                        }
                    )
    fired = sum(r["fired"] for r in families.values())
    right = sum(r["right"] for r in families.values())
    problems = sum(r["problems"] for r in families.values())
    caught = sum(r["caught"] for r in families.values())
    pairs = [(i.score, i.actionability()) for i in judged if i.score is not None]
    pairs = [(s, a) for s, a in pairs if a is not None]
    acts = [a for _, a in pairs]
    return {
        "messages": len(items),
        "judged": len(judged),
        "errors": [f"{i.id}: {i.error}" for i in items if i.error],
        "precision": ratio(right, fired),
        "family_warnings": fired,
        "right": right,
        "recall": ratio(caught, problems),
        "problems": problems,
        "caught": caught,
        "rho": spearman([p[0] for p in pairs], [p[1] for p in pairs]),
        "actionability": sum(acts) / len(acts) if acts else None,
        "rules": {
            code: {
                **{k: v for k, v in row.items() if k != "act"},
                "precision": ratio(row["right"], row["judged"]),
                # Mean actionability of the messages it fired on (any severity):
                # a rule worth a penalty fires on messages harder to act on.
                "actionability": sum(row["act"]) / len(row["act"]) if row["act"] else None,
            }
            for code, row in sorted(rules.items())
        },
        "families": {
            name: {
                **row,
                "precision": ratio(row["right"], row["fired"]),
                "recall": ratio(row["caught"], row["problems"]),
            }
            for name, row in families.items()
        },
        "false_warnings": false_warnings,
        "missed": missed,
        "scores": [
            {
                "id": i.id,
                "score": i.score,
                "actionability": i.actionability(),
                "findings": [[f["code"], f["severity"]] for f in i.findings],
            }
            for i in judged
        ],
    }


def _fmt(value: float | None) -> str:
    return "  –  " if value is None else f"{value:5.2f}"


def render(report: dict[str, dict[str, Any]], misses: bool, has_judgements: bool) -> str:
    lines: list[str] = []
    if not has_judgements:
        lines.append(
            "NO JUDGEMENTS YET (no judgements/*.jsonl with two judges per message): "
            "counts of what fired only; precision, recall and correlation need the judges."
        )
    for group, m in report.items():
        lines.append("")
        lines.append(
            f"== {group}: {m['messages']} messages, {m['judged']} judged by two or more =="
        )
        for error in m["errors"]:
            lines.append(f"   input error: {error}")
        if has_judgements:
            lines.append(
                f"precision {_fmt(m['precision'])} ({m['right']}/{m['family_warnings']} family"
                f" warnings)   problems caught {_fmt(m['recall'])} ({m['caught']}/{m['problems']})"
                f"   rank correlation {_fmt(m['rho'])}   mean actionability"
                f" {_fmt(m['actionability'])}"
            )
            verdict = []
            if m["precision"] is not None and m["precision"] < POLICY["warning"]:
                verdict.append("precision under 0.85")
            if m["recall"] is not None and m["recall"] < POLICY["recall"]:
                verdict.append("recall under 0.60")
            if m["rho"] is not None and m["rho"] < POLICY["rho"]:
                verdict.append("correlation under 0.5")
            lines.append("policy: " + ("; ".join(verdict) if verdict else "met"))
        lines.append("")
        lines.append(
            f"{'rule':6} {'sev':8} {'fired':>5} {'msgs':>5} {'right':>5} {'prec':>5}"
            f" {'info':>5} {'i.prec':>6} {'act':>5}"
        )
        for code, row in m["rules"].items():
            info_precision = ratio(row["info_right"], row.get("info_judged", 0))
            flag = ""
            floor = POLICY.get(row.get("severity", "info"))
            if floor is not None and row["precision"] is not None and row["precision"] < floor:
                flag = "  < policy"
            lines.append(
                f"{code:6} {row.get('severity', ''):8} {row['fired']:5} {row['messages']:5}"
                f" {row['right']:5} {_fmt(row['precision'])} {row['info']:5}"
                f" {_fmt(info_precision):>6} {_fmt(row['actionability'])}{flag}"
            )
        if has_judgements:
            lines.append("")
            lines.append(
                f"{'family':10} {'warned':>6} {'right':>5} {'prec':>5}"
                f" {'probl':>5} {'caught':>6} {'recall':>6}"
            )
            for name, row in m["families"].items():
                lines.append(
                    f"{name:10} {row['fired']:6} {row['right']:5} {_fmt(row['precision'])}"
                    f" {row['problems']:5} {row['caught']:6} {_fmt(row['recall']):>6}"
                )
        if misses and has_judgements:
            lines.append("")
            lines.append("false warnings (family warned, judges did not both see a problem):")
            for miss in m["false_warnings"]:
                lines.append(
                    f"  {miss['id']}  {miss['family']:9} {','.join(miss['codes']):12}"
                    f" judges:{miss['judges']:5}  {miss['text']!r}"
                )
            lines.append("missed problems (both judges saw one, no warning):")
            for miss in m["missed"]:
                info = f" (info: {','.join(miss['info'])})" if miss["info"] else ""
                lines.append(f"  {miss['id']}  {miss['family']:9}{info}  {' | '.join(miss['why'])}")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default=str(REPO / "fixtures" / "real"), help="the judged set")
    parser.add_argument("--split", choices=("dev", "dev-a", "dev-b", "test", "all"), default="test")
    parser.add_argument("--lang", choices=("en", "fr"), default=None)
    parser.add_argument("--misses", action="store_true", help="list false warnings and misses")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--rule", help="list every finding of this rule with the judges' verdict")
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        help="only messages of this manifest source (repeatable), e.g. a set no rule was tuned on",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    items = load(Path(args.real), args.split, args.lang, args.source)
    if not items:
        print(f"no message in {args.real} for split {args.split!r} and lang {args.lang!r}")
        return 0
    run_msglint(items)
    has_judgements = any(item.judged() for item in items)
    groups = {"all": items}
    for lang in sorted({item.lang for item in items}):
        groups[lang] = [item for item in items if item.lang == lang]
    report = {name: measure(group) for name, group in groups.items()}
    if args.rule:
        for item in items:
            for finding in item.findings:
                if finding["code"] == args.rule.upper():
                    verdict = {True: "problem", False: "fine", None: "split"}[
                        item.agreed(finding["family"])
                    ]
                    print(f"{item.id:34} {finding['severity']:7} {verdict:7} {finding['text']!r}")
        return 0
    if args.format == "json":
        json.dump(
            {"split": args.split, "has_judgements": has_judgements, "groups": report},
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
    else:
        print(f"split {args.split}, {args.real}")
        print(render(report, args.misses, has_judgements))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
