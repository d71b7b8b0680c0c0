"""Per-client own-text evaluation on the cases in ``tests/data/reply/``.

Each case is a whole e-mail read with ``read_email``, as ``msglint check``
reads a file; its ``body`` (the text msglint lints) is compared with the
case's ``own`` text. Two figures per mail client and part:

* exact: the normalised body equals the normalised expected own text
  (lines stripped, inner spaces collapsed, blank lines dropped);
* token F1: the multiset overlap of whitespace tokens, summed over the cases.

``tune.toml`` is the part the splitter may be tuned on; ``untouched.toml``
was written with it and is only measured.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

CASES_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "reply"
PARTS = ("tune", "untouched")
CLIENTS = (
    "outlook",
    "gmail",
    "apple",
    "thunderbird",
    "lotus",
    "groupwise",
    "mailing-list",
    "webmail",
)


@dataclass(frozen=True)
class ClientCase:
    """One e-mail of the per-client set."""

    id: str
    client: str
    lang: str
    shape: str
    raw: bytes
    own: str


def load_part(part: str, base: Path = CASES_DIR) -> list[ClientCase]:
    """The cases of one part (``tune`` or ``untouched``)."""
    with open(base / f"{part}.toml", "rb") as handle:
        data = tomllib.load(handle)
    return [
        ClientCase(
            id=item["id"],
            client=item["client"],
            lang=item["lang"],
            shape=item["shape"],
            raw=item["raw"].lstrip("\n").encode("utf-8"),
            own=item["own"],
        )
        for item in data["case"]
    ]


@dataclass
class Score:
    """Exact matches and token counts of one group of cases."""

    cases: int = 0
    exact: int = 0
    common: int = 0
    got: int = 0
    want: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.cases += other.cases
        self.exact += other.exact
        self.common += other.common
        self.got += other.got
        self.want += other.want
        self.failures.extend(other.failures)

    @property
    def f1(self) -> float:
        if not self.got and not self.want:
            return 1.0
        if not self.got or not self.want:
            return 0.0
        precision, recall = self.common / self.got, self.common / self.want
        return 0.0 if not self.common else 2 * precision * recall / (precision + recall)


def score_case(case: ClientCase, body: str, normalise: Callable[[str], str]) -> Score:
    """How well ``body`` matches the case's own text."""
    want, got = normalise(case.own), normalise(body)
    want_tokens, got_tokens = Counter(want.split()), Counter(got.split())
    score = Score(
        cases=1,
        exact=int(want == got),
        common=sum((want_tokens & got_tokens).values()),
        got=sum(got_tokens.values()),
        want=sum(want_tokens.values()),
    )
    if want != got:
        score.failures.append(
            f"[{case.client}/{case.lang}] {case.id}\n    want: {want!r}\n    got:  {got!r}"
        )
    return score


def evaluate_part(
    cases: list[ClientCase], body_of: Callable[[ClientCase], str], normalise: Callable[[str], str]
) -> dict[str, Score]:
    """Scores per client (and per ``client/lang``), plus ``all``."""
    table: dict[str, Score] = {}
    for case in cases:
        try:
            body = body_of(case)
        except Exception as exc:  # a crash on a case is a failed case
            body = f"<{type(exc).__name__}: {exc}>"
        score = score_case(case, body, normalise)
        for key in (case.client, "all"):
            table.setdefault(key, Score()).add(score)
    return table


def print_table(tables: dict[str, dict[str, Score]], show_failures: bool = False) -> None:
    """One row per client: exact own-text rate and token F1, for each part."""
    header = "client".ljust(14) + "".join(f"{part + ' exact':>20s}{'F1':>7s}" for part in tables)
    print(header)
    for client in (*CLIENTS, "all"):
        cells = []
        for table in tables.values():
            score = table.get(client)
            if score is None:
                cells.append(f"{'-':>20s}{'-':>7s}")
                continue
            rate = 100.0 * score.exact / score.cases
            cells.append(f"{score.exact:>5d}/{score.cases:<3d}{rate:6.1f}%    {score.f1:7.3f}")
        print(client.ljust(14) + "".join(cells))
    if show_failures:
        for part, table in tables.items():
            for failure in table.get("all", Score()).failures:
                print(f"({part}) {failure}")
