"""The events benchmark runs end to end at a tiny size and reports its three figures
(events per second for each consumer, and the catch-up time after an outage)."""

from __future__ import annotations

import pytest

from benchmarks.context import QUICK
from benchmarks.report import table
from benchmarks.run import measure

pytestmark = pytest.mark.slow


def test_the_events_benchmark_reports_delivery_rates_and_the_catch_up_time() -> None:
    figures = measure(["events"], QUICK, None, openapi_client=None)

    assert [figure.key for figure in figures] == ["events_sync", "events_async", "events_catchup"]
    for figure in figures:
        assert figure.ours.samples.values and all(v > 0 for v in figure.ours.samples.values), figure.key
        assert figure.target is not None, figure.key
    assert [figure.ours.unit for figure in figures] == ["events/s", "events/s", "s"]
    assert "600 events waiting" in figures[2].title  # 5 minutes at QUICK's 2 events/s
    assert "events/s" in table(figures)
