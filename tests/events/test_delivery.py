"""At-least-once delivery: in order, in batches, the checkpoint moving only after the
handler returned; a consumer killed anywhere loses nothing when it restarts."""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path
from typing import Any

import pytest

from ofsc import Hooks
from ofsc.events import (
    Batch,
    Checkpoint,
    FileCheckpointStore,
    HandlerError,
    MemoryCheckpointStore,
    SQLiteCheckpointStore,
)

from .conftest import Consumers, activity_ids, emit_activities

STREAM = 10_000
RUNS = 50


class Killed(BaseException):
    """The process dying: nothing catches it, nothing after it runs."""


class KillSwitch:
    """Kills the consumer at the ``countdown``-th passage through the armed place."""

    def __init__(self) -> None:
        self.place: str | None = None
        self.countdown = 0
        self.kills = 0

    def arm(self, place: str | None, countdown: int) -> None:
        self.place, self.countdown = place, countdown

    def passing(self, place: str) -> None:
        if self.place != place:
            return
        self.countdown -= 1
        if self.countdown <= 0:
            self.place = None
            self.kills += 1
            raise Killed(place)


class KillableStore:
    """A checkpoint store that may die before or after a save reached its disk."""

    def __init__(self, inner: Any, switch: KillSwitch) -> None:
        self.inner = inner
        self.switch = switch

    def load(self, consumer: str) -> Checkpoint | None:
        loaded: Checkpoint | None = self.inner.load(consumer)
        return loaded

    def save(self, checkpoint: Checkpoint) -> None:
        self.switch.passing("before save")
        self.inner.save(checkpoint)
        self.switch.passing("after save")


PLACES = ("handler start", "handler end", "before save", "after save", "fetch", None)


async def test_a_consumer_killed_at_random_points_loses_no_event(
    consumers: Consumers, tmp_path: Path
) -> None:
    """Over 50 runs, each killed at a random point (in the handler, before or after a
    checkpoint save, in a read) and restarted from its checkpoint, every event of a
    10,000-event stream is delivered at least once, in order within each run (the sync
    consumer with the file store, the async one with SQLite)."""
    rng = random.Random(1818)
    switch = KillSwitch()
    inner: Any = (
        FileCheckpointStore(tmp_path / "cp.json")
        if consumers.kind == "sync"
        else SQLiteCheckpointStore(tmp_path / "cp.db")
    )
    store = KillableStore(inner, switch)

    def on_request(request: Any, info: Any) -> None:
        if info.operation.name == "get_events":
            switch.passing("fetch")

    client = consumers.client(hooks=Hooks(request=[on_request]))
    delivered: list[int] = []
    per_run: list[list[int]] = []

    def handler(batch: Batch) -> None:
        switch.passing("handler start")
        ids = activity_ids(list(batch))
        delivered.extend(ids)
        per_run[-1].extend(ids)
        switch.passing("handler end")

    consumers.mock.events.subscribe(["activityCreated"], title="ofsc.events mirror")  # before the stream
    produced = 0
    for run in range(RUNS + 1):
        if produced < STREAM:
            emit_activities(consumers.mock, produced, STREAM // RUNS)
            produced += STREAM // RUNS
        final = run == RUNS
        switch.arm(None if final else rng.choice(PLACES), rng.randint(1, 4))
        per_run.append([])
        consumer = consumers.make(handler, client, consumer="mirror", checkpoints=store,
                                  batch_size=rng.choice([37, 100, 250]))  # fmt: skip
        try:
            await consumers.run(consumer)
        except Killed:
            assert not final

    assert produced == STREAM
    assert set(delivered) == set(range(STREAM))  # none lost
    assert switch.kills >= RUNS // 2  # the runs were really cut short, at many places
    assert len(delivered) > STREAM  # and batches were delivered again after a kill
    for ids in per_run:
        assert ids == sorted(ids) and len(set(ids)) == len(ids)  # in order, each once per run
    assert len(consumers.mock.events.active) == 1  # every restart reused the subscription


async def test_the_checkpoint_moves_only_after_the_handler_returned(consumers: Consumers) -> None:
    """A handler error stops the consumer (the default policy) with HandlerError; the
    checkpoint still points at the failed batch, which the next run delivers again."""
    store = MemoryCheckpointStore()
    first = consumers.make(lambda batch: None, consumer="c", checkpoints=store)
    await consumers.run(first)  # subscribes
    emit_activities(consumers.mock, 0, 5)
    before = store.load("c")

    def failing(batch: Batch) -> None:
        raise ValueError("database down")

    with pytest.raises(HandlerError, match="database down") as caught:
        await consumers.run(consumers.make(failing, consumer="c", checkpoints=store))
    assert store.load("c") == before
    assert activity_ids(list(caught.value.batch)) == [0, 1, 2, 3, 4]

    seen: list[Batch] = []
    await consumers.run(consumers.make(seen.append, consumer="c", checkpoints=store))
    assert [activity_ids(list(b)) for b in seen] == [[0, 1, 2, 3, 4]]
    assert seen[0].ids == caught.value.batch.ids  # the same event ids, for de-duplication
    assert store.load("c") != before


async def test_the_retry_policy_retries_the_same_batch_and_never_skips_it(consumers: Consumers) -> None:
    """With on_handler_error="retry" the same batch is delivered again (attempt 2, 3, ...);
    once handler_retries are spent the consumer stops with HandlerError, the batch unsaved."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda batch: None, consumer="c", checkpoints=store))
    emit_activities(consumers.mock, 0, 3)
    attempts: list[tuple[int, list[int]]] = []

    def flaky(batch: Batch) -> None:
        attempts.append((batch.attempt, activity_ids(list(batch))))
        if batch.attempt < 3:
            raise ConnectionError("try again")

    consumer = consumers.make(
        flaky, consumer="c", checkpoints=store, on_handler_error="retry", handler_retries=2
    )
    await consumers.run(consumer)
    assert attempts == [(1, [0, 1, 2]), (2, [0, 1, 2]), (3, [0, 1, 2])]
    assert consumer.stats.handler_errors == 2 and consumer.stats.delivered == 3

    emit_activities(consumers.mock, 3, 1)
    saved = store.load("c")

    def broken(batch: Batch) -> None:
        raise ConnectionError("still down")

    with pytest.raises(HandlerError) as caught:
        await consumers.run(
            consumers.make(
                broken, consumer="c", checkpoints=store, on_handler_error="retry", handler_retries=2
            )
        )
    assert caught.value.attempts == 3
    assert store.load("c") == saved


async def test_stop_finishes_the_current_batch_and_saves_it(consumers: Consumers) -> None:
    """stop() (what SIGINT and SIGTERM call) ends the run at the next safe point: the batch
    being handled is finished and its checkpoint saved; nothing is delivered twice."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda batch: None, consumer="c", checkpoints=store))
    emit_activities(consumers.mock, 0, 30)
    seen: list[int] = []
    consumer = consumers.make(
        lambda batch: None, consumer="c", checkpoints=store, batch_size=10, stop_when_idle=False
    )

    def handler(batch: Batch) -> None:
        seen.extend(activity_ids(list(batch)))
        consumer.stop()

    consumer.handler = handler
    await consumers.run(consumer)
    assert seen == list(range(10))
    rest: list[int] = []
    await consumers.run(
        consumers.make(lambda b: rest.extend(activity_ids(list(b))), consumer="c", checkpoints=store)
    )
    assert rest == list(range(10, 30))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
async def test_sigint_and_sigterm_stop_gracefully(consumers: Consumers, signum: signal.Signals) -> None:
    """SIGINT or SIGTERM during a batch: the batch is finished and saved, the run returns
    normally, and the process's previous signal handlers are back afterwards."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda batch: None, consumer="c", checkpoints=store))
    emit_activities(consumers.mock, 0, 20)
    seen: list[int] = []

    def handler(batch: Batch) -> None:
        seen.extend(activity_ids(list(batch)))
        os.kill(os.getpid(), signum)

    before = signal.getsignal(signum)
    consumer = consumers.make(handler, consumer="c", checkpoints=store, batch_size=5, stop_when_idle=False)
    await consumers.run(consumer, handle_signals=True)
    assert seen == [0, 1, 2, 3, 4]
    assert consumer.stopping and signal.getsignal(signum) == before
    assert store.load("c").page is not None  # type: ignore[union-attr]
    rest: list[int] = []
    await consumers.run(
        consumers.make(lambda b: rest.extend(activity_ids(list(b))), consumer="c", checkpoints=store)
    )
    assert rest == list(range(5, 20))
