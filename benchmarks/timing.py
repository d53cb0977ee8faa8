"""Repeated measurements, their median and spread, and ratios taken pair by pair.

Contenders are measured in alternating blocks (A B C, then B C A, ...), so that a burst of
load from elsewhere on the machine hits every contender alike; a ratio is computed within
each round and the median of those per-round ratios is reported.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence


@dataclass
class Samples:
    """Repeated values of one measurement (seconds, bytes, items per second, ...)."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def ratio_to(self, other: Samples) -> Samples:
        """This over ``other``, round by round."""
        return Samples([a / b for a, b in zip(self.values, other.values, strict=True)])


def schedule(names: Sequence[str], count: int) -> Iterator[str]:
    """Each name ``count`` times: round after round, the order rotating each round."""
    for index in range(count):
        shift = index % len(names)
        yield from [*names[shift:], *names[:shift]]


def rounds(contenders: Mapping[str, Callable[[], float]], count: int) -> dict[str, Samples]:
    """Run every contender ``count`` times, in :func:`schedule` order.

    A contender returns its own measurement for the round (say, seconds per call)."""
    results = {name: Samples() for name in contenders}
    for name in schedule(list(contenders), count):
        results[name].add(contenders[name]())
    return results


def per_call(call: Callable[[], object], calls: int) -> float:
    """Seconds per call, over ``calls`` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls


def median_of(values: Sequence[float]) -> float:
    return statistics.median(values)
