"""Events delivered per second end to end, and the catch-up after an outage.

A :class:`~ofsc.testing.MockOFS` on loopback holds a stream of activity events; a consumer
(``EventConsumer``, then ``AsyncEventConsumer``) that subscribed before the stream began
reads it in batches of 1000 with a handler that only counts, saving its checkpoint after
each batch, until it has caught up. The figure is events delivered per second from the
first read to the last checkpoint. The mock serves from a thread of the same process, so
its own work shares the interpreter with the consumer's: the figures are a floor, and
against OFS the round trip of each read dominates.

Catch-up: the backlog a 5-minute outage leaves at a steady ``event_rate`` events per second
is waiting when the (sync) consumer starts again; the figure is the time to drain it.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from ofsc.events import AsyncEventConsumer, EventConsumer, MemoryCheckpointStore
from ofsc.testing import MockOFS

from .context import CLIENT_ID, CLIENT_SECRET, INSTANCE, async_client, sync_client
from .report import Figure, Measure, at_least, at_most
from .timing import rounds

if TYPE_CHECKING:
    from .context import Bench

OUTAGE = 300.0  # seconds the consumer was down
OPTIONS: dict[str, Any] = {"types": "activityCreated", "consumer": "bench", "stop_when_idle": True,
                           "idle_delay": 0.0, "max_idle_delay": 0.0}  # fmt: skip


def events(bench: Bench) -> list[Figure]:
    sizes = bench.sizes
    backlog = int(sizes.event_rate * OUTAGE)

    def sync_run(count: int) -> float:
        mock = MockOFS(instance=INSTANCE, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
        with mock.serve() as url, sync_client(url) as client:
            delivered = 0

            def count_batch(batch: Any) -> None:
                nonlocal delivered
                delivered += len(batch)

            consumer = EventConsumer(client, count_batch, checkpoints=MemoryCheckpointStore(), **OPTIONS)
            consumer.run(handle_signals=False)  # subscribes
            _emit(mock, count)
            start = time.perf_counter()
            consumer.run(handle_signals=False)
            return _checked(time.perf_counter() - start, delivered, count)

    async def async_run(count: int) -> float:
        mock = MockOFS(instance=INSTANCE, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
        with mock.serve() as url:
            async with async_client(url) as client:
                delivered = 0

                def count_batch(batch: Any) -> None:
                    nonlocal delivered
                    delivered += len(batch)

                consumer = AsyncEventConsumer(
                    client, count_batch, checkpoints=MemoryCheckpointStore(), **OPTIONS
                )
                await consumer.run(handle_signals=False)
                _emit(mock, count)
                start = time.perf_counter()
                await consumer.run(handle_signals=False)
                return _checked(time.perf_counter() - start, delivered, count)

    with asyncio.Runner() as runner:
        sync_run(100)  # warm up: imports, model building
        runner.run(async_run(100))
        results = rounds(
            {
                "sync": lambda: sizes.events / sync_run(sizes.events),
                "async": lambda: sizes.events / runner.run(async_run(sizes.events)),
                "catchup": lambda: sync_run(backlog),
            },
            sizes.events_rounds,
        )
    stream = (
        f"{sizes.events:,} activity events from the mock on loopback, batches of 1000, checkpoint per batch"
    )
    return [
        Figure(
            "events_sync",
            f"events delivered per second end to end: `EventConsumer`, {stream}",
            Measure(results["sync"], "events/s"),
            target=at_least(2000.0, ">= 2,000 events/s"),
            notes=[f"{sizes.events_rounds} rounds; the mock serves from a thread of the same process."],
        ),
        Figure(
            "events_async",
            f"events delivered per second end to end: `AsyncEventConsumer`, {stream}",
            Measure(results["async"], "events/s"),
            target=at_least(2000.0, ">= 2,000 events/s"),
        ),
        Figure(
            "events_catchup",
            f"catch-up after a 5-minute outage: {backlog:,} events waiting ({sizes.event_rate:g} events/s), "
            "drained by `EventConsumer`",
            Measure(results["catchup"], "s"),
            target=at_most(OUTAGE / 10, f"<= {OUTAGE / 10:g} s (a tenth of the outage)"),
        ),
    ]


def _emit(mock: MockOFS, count: int) -> None:
    for activity_id in range(count):
        mock.events.emit(
            "activityCreated", activityDetails={"activityId": activity_id, "resourceId": "tech1"}
        )


def _checked(seconds: float, delivered: int, expected: int) -> float:
    if delivered != expected:
        raise RuntimeError(f"the consumer delivered {delivered} events, expected {expected}")
    return seconds
