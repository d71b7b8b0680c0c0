"""Measure the ask detector (``msglint.analysis.asks.find_asks``) sentence by sentence.

Usage::

    python bench/eval_asks.py              # figures on every set found
    python bench/eval_asks.py --failures   # also print each miss and false alarm
    python bench/eval_asks.py --set tune   # one set only (tune, untouched, test, en, fr)

Sets:

* Parakweet EmailIntentDataSet (``parakweet-email-intent/{train,test}.jsonl``),
  read at run time from ``$MSGLINT_EVAL_DIR`` or ``../shared/eval`` next to the
  repository (nothing is copied into the project; a missing file is skipped).
  "Yes" there means a request, a proposal OR a commitment; a sentence counts
  as detected when ``find_asks`` returns at least one ask for it. Commitments
  are not asks for msglint, so recall is also broken down by what the missed
  sentences look like (a first-person commitment, a proposal, the rest).
  ``train.jsonl`` is split in two, by a hash of each sentence (SHA-1, even
  first byte: "tune", odd: "untouched"), so the split never depends on the
  file's order: detector changes may be studied on the tune part only; the
  untouched part is only measured, never read for failures
  (``--failures`` prints the tune part's). Each part is also measured with
  the "Yes" sentences that look like first-person commitments (``COMMITMENT``
  below: "I will…", "we'll…", "I'd be happy to…") set aside, whatever msglint
  says of them (line ``no-commit``): msglint lists commitments apart, never as
  asks, so that line is the figure for asks alone, and the first line the
  figure against Parakweet's own labels. Parakweet's "Yes" also takes in a
  person's courtesy invitations ("If you have any questions, please give me a
  call"): an ask with ``courtesy`` counts there, and not in msglint's own or
  held-out sets, which label them "not an ask" (no rule counts them).
* ``bench/data/asks_{en,fr}_heldout*.tsv``: sentences written by a
  contributor to be measured only, never tuned on (``--set heldout``; their
  failures are never printed); the first English one has a sentence of each
  kind issue 12 names, the second pair (``heldout2``) a hundred sentences a
  language in everyday register, written by a helper who never saw the
  detector.
* msglint's own labelled sentences, ``tests/data/asks_{en,fr}.tsv``.

Each sentence is parsed alone (``parse_texts``, as msglint parses) and given to ``find_asks`` as one
``Sentence`` covering the whole text (block 0). The baseline is the regex
"question mark, or please / can you / could you".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from evaldata import eval_dir  # noqa: E402

from msglint.analysis.asks import find_asks  # noqa: E402
from msglint.analysis.model import Sentence  # noqa: E402
from msglint.lang import get_pack  # noqa: E402

BASELINE = re.compile(r"\?|\bplease\b|\bcan you\b|\bcould you\b", re.IGNORECASE)
# What a missed "Yes" sentence looks like (for the breakdown only, not for detection).
COMMITMENT = re.compile(
    r"\b(i|we)(['’]ll|['’]m going to| will| shall| am going to| are going to| can| 'll)\b"
    r"|\b(i|we)(['’]d| would) (be (happy|glad|delighted|pleased)|love to)\b",
    re.IGNORECASE,
)
PROPOSAL = re.compile(
    r"\b(we|you) (can|could|might|may)\b|\bhow about\b|\bmaybe we\b|\bperhaps\b|"
    r"\bi (suggest|propose|recommend)\b|\bwould (like|love) to (invite|meet|see)\b",
    re.IGNORECASE,
)


def load_nlp(code: str):  # type: ignore[no-untyped-def]
    """The pipeline as msglint loads it, with the pack's tokenizer fixes."""
    from msglint.analysis.pipeline import load_pipeline
    from msglint.errors import MsglintError

    try:
        return load_pipeline(code)
    except MsglintError as exc:
        raise SystemExit(str(exc)) from None


def read_jsonl(path: Path) -> list[tuple[bool, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows.append((bool(row["intent"]), row["sentence"]))
    return rows


def part_of(sentence: str) -> str:
    """ "tune" or "untouched", from a hash of the sentence (stable, order-free)."""
    return "tune" if hashlib.sha1(sentence.encode("utf-8")).digest()[0] % 2 == 0 else "untouched"


def read_tsv(path: Path) -> list[tuple[bool, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        rows.append((label.strip() == "1", text.strip()))
    return rows


def detect(  # type: ignore[no-untyped-def]
    nlp, code: str, texts: Iterable[str], courtesy: bool = True
) -> tuple[list[bool], float, float]:
    """Whether each text holds an ask, with the seconds spent parsing and detecting.

    ``courtesy``: whether an invitation that asks for no work ("If you have any
    questions, please give me a call": ``Ask.courtesy``) counts, as Parakweet's
    labels count it; msglint's own sets label it "not an ask".
    """
    from msglint.analysis.pipeline import lemma_lookups, parse_texts

    pack = get_pack(code)
    lookups = lemma_lookups(nlp)
    texts = list(texts)
    started = time.perf_counter()
    docs = list(parse_texts(nlp, texts))
    parse_seconds = time.perf_counter() - started
    find_asks(docs[0], [], pack, lookups)  # build the pack's compiled data outside the timing
    flags = []
    started = time.perf_counter()
    for doc in docs:
        text = doc.text
        sentence = Sentence(
            start=0,
            end=len(text),
            text=text,
            words=len(text.split()),
            block=0,
            is_question=text.rstrip().endswith("?"),
        )
        found = find_asks(doc, [sentence], pack, lookups)
        flags.append(any(courtesy or not ask.courtesy for ask in found))
    return flags, parse_seconds, time.perf_counter() - started


def figures(labels: list[bool], flags: list[bool]) -> tuple[float, float, float, int, int, int]:
    tp = sum(1 for y, p in zip(labels, flags, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, flags, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, flags, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp, fp, fn


def line(name: str, labels: list[bool], flags: list[bool]) -> str:
    p, r, f, tp, fp, fn = figures(labels, flags)
    return (
        f"  {name:<10} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})"
    )


def report(
    title: str, nlp, code: str, rows: list[tuple[bool, str]], args: argparse.Namespace
) -> None:  # type: ignore[no-untyped-def]
    labels = [label for label, _ in rows]
    texts = [text for _, text in rows]
    # Parakweet's "Yes" takes in courtesy invitations; msglint's own sets do not.
    flags, parse_s, detect_s = detect(nlp, code, texts, courtesy=title.startswith("Parakweet"))
    baseline = [bool(BASELINE.search(text)) for text in texts]
    positives = sum(labels)
    print(f"{title}: {len(rows)} sentences, {positives} positive")
    print(line("msglint", labels, flags))
    print(line("baseline", labels, baseline))
    print(
        f"  time       parse {1000 * parse_s / len(rows):.2f} ms/sentence, "
        f"find_asks {1000 * detect_s / len(rows):.3f} ms/sentence "
        f"({100 * detect_s / parse_s:.1f} % of parsing)"
    )
    if code == "en" and title.startswith("Parakweet"):
        # Commitments are not asks here by design: the same figures with every
        # "Yes" sentence that looks like one (the COMMITMENT pattern, whatever
        # msglint says of it) set aside.
        kept = [
            i
            for i, (y, text) in enumerate(zip(labels, texts, strict=True))
            if not (y and COMMITMENT.search(text))
        ]
        print(
            line("no-commit", [labels[i] for i in kept], [flags[i] for i in kept])
            + f"  ({len(rows) - len(kept)} commitment-like Yes set aside)"
        )
    misses = [text for y, p, text in zip(labels, flags, texts, strict=True) if y and not p]
    if code == "en" and misses:
        commitments = sum(1 for t in misses if COMMITMENT.search(t))
        proposals = sum(1 for t in misses if not COMMITMENT.search(t) and PROPOSAL.search(t))
        print(
            f"  misses     {len(misses)}: {commitments} look like commitments (I/we will, I can…), "
            f"{proposals} like proposals (we could, how about…), "
            f"{len(misses) - commitments - proposals} other"
        )
    if args.failures and not title.startswith(("Parakweet untouched", "held-out")):
        for y, p, text in zip(labels, flags, texts, strict=True):
            if y != p:
                print(f"    {'MISS' if y else 'FALSE'}  {text[:200]}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", action="store_true", help="print each miss and false alarm")
    parser.add_argument(
        "--set", choices=["tune", "untouched", "test", "heldout", "en", "fr"], action="append"
    )
    args = parser.parse_args()
    wanted = set(args.set or ["tune", "untouched", "test", "heldout", "en", "fr"])

    nlps: dict[str, object] = {}

    def nlp(code: str):  # type: ignore[no-untyped-def]
        if code not in nlps:
            nlps[code] = load_nlp(code)
        return nlps[code]

    folder = eval_dir() / "parakweet-email-intent"
    train = folder / "train.jsonl"
    for part in ("tune", "untouched"):
        if part not in wanted:
            continue
        if not train.is_file():
            print(f"Parakweet {part}: {train} not found, skipped\n")
            continue
        rows = [row for row in read_jsonl(train) if part_of(row[1]) == part]
        report(
            f"Parakweet {part} part of train (Yes = request, proposal or commitment)",
            nlp("en"),
            "en",
            rows,
            args,
        )
    if "test" in wanted:
        path = folder / "test.jsonl"
        if path.is_file():
            title = "Parakweet test (Yes = request, proposal or commitment)"
            report(title, nlp("en"), "en", read_jsonl(path), args)
        else:
            print(f"Parakweet test: {path} not found, skipped\n")
    for code in ("en", "fr"):
        for heldout in sorted((REPO / "bench" / "data").glob(f"asks_{code}_heldout*.tsv")):
            if "heldout" in wanted:
                title = f"held-out {heldout.name} (never tuned on)"
                report(title, nlp(code), code, read_tsv(heldout), args)
    for code in ("en", "fr"):
        if code not in wanted:
            continue
        path = REPO / "tests" / "data" / f"asks_{code}.tsv"
        if not path.is_file():
            print(f"{path} not found, skipped\n")
            continue
        report(f"msglint {path.name}", nlp(code), code, read_tsv(path), args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
