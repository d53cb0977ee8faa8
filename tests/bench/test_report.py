"""How the benchmark table words its relations."""

from __future__ import annotations

from benchmarks.report import versus
from benchmarks.timing import Samples


def test_a_speedup_below_one_reads_as_slower() -> None:
    """A speed-up (their time / ours) reads "Nx faster" from 1 up and "Nx slower" below 1,
    never "0.5x faster", in the median and in the range alike."""
    comparison = versus("them", Samples([1.0, 1.0, 1.0]), Samples([0.5, 2.0, 3.0]), "s", speedup=True)

    assert comparison.relation_text() == "2.0x faster (2.0x slower to 3.0x faster)"
