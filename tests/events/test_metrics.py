"""A consumer's counts, in consumer.stats and as OpenTelemetry metrics on the meter ``ofsc``."""

from __future__ import annotations

from typing import Any

import pytest
from opentelemetry import metrics
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from ofsc.events import MemoryCheckpointStore

from .conftest import Consumers, emit_activities


@pytest.fixture(scope="module")
def reader() -> InMemoryMetricReader:
    reader = InMemoryMetricReader()
    metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))
    if not isinstance(metrics.get_meter_provider(), MeterProvider):
        pytest.skip("another meter provider was installed first in this process")
    return reader


def points(reader: InMemoryMetricReader) -> dict[str, Any]:
    found: dict[str, Any] = {}
    data = reader.get_metrics_data()
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                for point in metric.data.data_points:
                    if point.attributes.get("ofsc.events.consumer") == "metered":
                        found[metric.name] = point
    return found


async def test_deliveries_read_errors_and_lag_are_counted(
    consumers: Consumers, reader: InMemoryMetricReader
) -> None:
    """Delivered events, batches, failed reads and the lag of each read reach both
    consumer.stats and the OpenTelemetry instruments, tagged with the consumer's name."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda b: None, consumer="metered", checkpoints=store))
    emit_activities(consumers.mock, 0, 7)
    consumers.clock.advance(42)
    consumers.mock.faults.add(path="/rest/ofscCore/v1/events", method="GET", status=502, count=1)
    consumer = consumers.make(lambda b: None, consumer="metered", checkpoints=store, batch_size=5)
    await consumers.run(consumer)

    stats = consumer.stats
    assert (stats.delivered, stats.batches, stats.read_errors, stats.max_lag) == (7, 2, 1, 42)
    found = points(reader)
    assert found["ofsc.events.delivered"].value >= 7
    assert found["ofsc.events.batches"].value >= 2
    assert found["ofsc.events.read_errors"].value >= 1
    assert found["ofsc.events.lag"].max >= 42
