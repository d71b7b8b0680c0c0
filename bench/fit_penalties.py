"""Suggest the penalties of ``rules.toml`` from how hard to act on the judged messages were.

Usage::

    python bench/fit_penalties.py              # fit on the dev part of fixtures/real
    python bench/fit_penalties.py --split dev-a --hints  # one half, hints too
    python bench/fit_penalties.py --split test # the same table on the untouched part, to compare

The score must track how easy a message is to act on (issue 13). A rule's
penalty says how much harder to act on a message is when the rule speaks up,
measured on the judged real messages (``fixtures/real``, judges' mean
actionability 1..5, see ``bench/eval_findings.py``):

* a **situation** is a rule's warnings or errors on a message, or its strong
  hits (``Hit.strong``: the narrow case the rule marks precise), or its hints
  when the configuration scores them (``CL04:hint``); other hints are not
  situations: fitted one by one they lowered the rank correlation on the
  half of dev they were not fitted on (noise, not signal);
* its **drop** is the mean actionability of all messages minus that of the
  messages where the situation occurs, shrunk towards 0 for rare situations:
  ``drop * n / (n + 2)``;
* its **alone drop** is measured on the messages where it is the only
  situation, against the messages with none: what the situation costs by
  itself, without the situations that come with it. It is shown, not used:
  a generic subject (SJ02) sat on dev messages judged 3.24 (drop 1.1), but
  the 7 where it was alone were judged 4.86, above the 4.75 of clean
  messages; at 0 points it raised the rank correlation on both halves of dev
  in both languages, then lowered French test's (0.76 -> 0.71, English 0.38
  -> 0.40): a handful of alone messages is too few to set a penalty;
* with ``--hints`` a rule's plain hints are situations too (``CN03:hint``):
  fit on one half of dev (``--split dev-a``) and kept only where the other
  half agrees; CL04's hints are the one such case (``rules.toml``);
* the suggested penalty is 10 points per point of actionability lost,
  rounded to 5: ``5 * round(2 * drop)``; a warning or an error costs at least
  5 (the severity's own penalty), a strong hint costs only when the drop
  reaches 5 points.

The table is a proposal read by a person: ``rules.toml`` records the
figures next to each penalty it sets.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from eval_findings import Judged, load  # noqa: E402

#: Rare situations count less: n / (n + SHRINK) of their drop.
SHRINK = 2
#: Points of score per point of actionability (1..5) lost.
POINTS_PER_ACT = 10
STEP = 5
#: Where no situation occurs (the key of the clean messages' actionability).
CLEAN = ""


def situations(items: list[Judged], hints: bool = False) -> dict[str, list[float]]:
    """Actionability of the messages of each situation (``AK05``, ``AK04:strong``…).

    ``name + "|alone"`` holds the messages where that situation is the only
    one, and ``CLEAN`` the messages with none.
    """
    from msglint.api import Linter
    from msglint.config import load_config
    from msglint.rules import all_rules

    rules = {rule.code: rule for rule in all_rules()}
    config = load_config(None, None)
    acts: dict[str, list[float]] = defaultdict(list)
    by_kind: dict[str | None, list[Judged]] = defaultdict(list)
    for item in items:
        if item.actionability() is not None:
            by_kind[item.kind].append(item)
    for kind, group in by_kind.items():
        outcomes = Linter(kind=kind).check_many([item.path for item in group])
        for item, outcome in zip(group, outcomes):
            if isinstance(outcome, Exception):
                continue
            found: set[str] = set()
            analysis = outcome.analysis
            for finding in outcome.findings:
                if finding.severity != "info":
                    found.add(finding.code)
                elif hints or finding.penalty > 0:
                    found.add(f"{finding.code}:hint")
            for code in {f.code for f in outcome.findings}:
                settings = config.settings(rules[code], analysis.kind)
                if settings is None:
                    continue
                strong = [hit.strong for hit in rules[code].check(analysis, settings.options)]
                if any(strong):
                    found.discard(code)
                    found.add(f"{code}:strong")
                if all(strong):
                    found.discard(f"{code}:hint")
            act = float(item.actionability() or 0)
            for name in found:
                acts[name].append(act)
            if len(found) == 1:
                acts[f"{next(iter(found))}|alone"].append(act)
            elif not found:
                acts[CLEAN].append(act)
    return acts


def _points(drop: float) -> int:
    return STEP * round(POINTS_PER_ACT * drop / STEP)


def suggest(acts: dict[str, list[float]], mean: float, loud: set[str]) -> list[dict[str, Any]]:
    clean = acts.get(CLEAN, [])
    clean_mean = sum(clean) / len(clean) if clean else mean
    rows = []
    for name, values in sorted(acts.items()):
        if name == CLEAN or name.endswith("|alone"):
            continue
        n = len(values)
        drop = (mean - sum(values) / n) * n / (n + SHRINK)
        points = _points(drop)
        alone = acts.get(f"{name}|alone", [])
        alone_drop = None
        if alone:
            alone_drop = (clean_mean - sum(alone) / len(alone)) * len(alone) / (len(alone) + SHRINK)
        code = name.split(":")[0]
        if name in loud or code in loud:
            points = max(STEP, points)
        rows.append(
            {
                "situation": name,
                "messages": n,
                "actionability": sum(values) / n,
                "drop": drop,
                "alone": len(alone),
                "alone_actionability": sum(alone) / len(alone) if alone else None,
                "alone_drop": alone_drop,
                "penalty": max(0, points),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default=str(REPO / "fixtures" / "real"))
    parser.add_argument("--split", choices=("dev", "dev-a", "dev-b", "test", "all"), default="dev")
    parser.add_argument("--hints", action="store_true", help="rules' plain hints as situations too")
    args = parser.parse_args(argv)
    items = [i for i in load(Path(args.real), args.split, None) if i.actionability() is not None]
    if not items:
        print("no judged message")
        return 0
    mean = sum(float(i.actionability() or 0) for i in items) / len(items)
    acts = situations(items, args.hints)
    # Situations that are warnings or errors in the configuration.
    from msglint.config import load_config
    from msglint.rules import all_rules

    config = load_config(None, None)
    loud: set[str] = set()
    for rule in all_rules():
        settings = config.settings(rule, "email" if "email" in rule.kinds else rule.kinds[0])
        if settings is None:
            continue
        if settings.severity != "info":
            loud.add(rule.code)
        if settings.strong_severity and settings.strong_severity != "info":
            loud.add(f"{rule.code}:strong")
    clean = acts.get(CLEAN, [])
    print(f"split {args.split}: {len(items)} judged messages, mean actionability {mean:.2f}")
    if clean:
        clean_mean = sum(clean) / len(clean)
        print(f"no situation: {len(clean)} messages, mean actionability {clean_mean:.2f}")
    head = ("situation", "msgs", "act", "drop", "alone", "act", "drop", "penalty")
    print(f"{head[0]:14} " + " ".join(f"{h:>5}" for h in head[1:-1]) + f" {head[-1]:>7}")
    for row in suggest(acts, mean, loud):
        alone = (
            f"{row['alone']:5} {row['alone_actionability']:5.2f} {row['alone_drop']:5.2f}"
            if row["alone"]
            else f"{0:5} {'–':>5} {'–':>5}"
        )
        print(
            f"{row['situation']:14} {row['messages']:4} {row['actionability']:5.2f}"
            f" {row['drop']:5.2f} {alone} {row['penalty']:7}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
