"""The engine's span and suppression lookups: same answers as a scan, in n log n."""

from __future__ import annotations

from growth import assert_linear
from hypothesis import given, settings
from hypothesis import strategies as st

from msglint.intervals import Intervals, SuppressionIndex
from msglint.message import Suppression

_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12)
_codes = st.frozensets(st.sampled_from(["CL02", "clarity", "ST03", "AK01"]), max_size=2)
_suppressions = st.lists(
    st.builds(Suppression, _codes, st.integers(1, 30), st.one_of(st.none(), st.integers(1, 30))),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_spans, st.integers(-2, 62))
def test_intervals_answer_as_a_scan_does(spans: list[tuple[int, int]], point: int) -> None:
    scan = any(start <= point < end for start, end in spans)
    assert (point in Intervals(spans)) == scan


@settings(max_examples=300, deadline=None)
@given(_suppressions, st.one_of(st.none(), st.integers(0, 32)))
def test_suppression_index_answers_as_each_directive_does(
    suppressions: list[Suppression], line: int | None
) -> None:
    aliases = {"CL02", "clarity"}
    scan = any(s.covers(aliases, line) for s in suppressions)
    assert SuppressionIndex(suppressions).covers(aliases, line) == scan


def _lookups(count: int) -> tuple[list[tuple[int, int]], list[int]]:
    spans = [(10 * i, 10 * i + 5) for i in range(count)]
    return spans, [7 * i for i in range(count)]


def test_many_spans_times_many_findings_is_linear() -> None:
    """Thousands of URLs and thousands of findings: each lookup is a bisection."""

    def run(data: tuple[list[tuple[int, int]], list[int]]) -> int:
        spans, points = data
        index = Intervals(spans)
        return sum(1 for p in points if p in index)

    assert_linear(_lookups, run, (2000, 4000, 8000, 16000))


def test_many_disable_directives_times_many_findings_is_linear() -> None:
    def make(count: int) -> list[Suppression]:
        return [Suppression(frozenset({"CL02"}), 2 * i, 2 * i) for i in range(count)]

    def run(suppressions: list[Suppression]) -> int:
        index = SuppressionIndex(suppressions)
        return sum(index.covers({"CL02"}, line) for line in range(len(suppressions)))

    assert_linear(make, run, (2000, 4000, 8000, 16000))
