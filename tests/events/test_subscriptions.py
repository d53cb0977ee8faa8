"""The subscription's life: made once, found again after a restart, recreated and read
from ``since`` when it expired, refused clearly at the instance's limit, deleted on request."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from ofsc import PermissionDeniedError
from ofsc.events import Batch, MemoryCheckpointStore, SubscriptionLimitError
from ofsc.testing._events import SUBSCRIPTION_LIFETIME, SUBSCRIPTION_LIMIT

from .conftest import Consumers, activity_ids, emit_activities


def collector(into: list[int]) -> Callable[[Batch], None]:
    return lambda batch: into.extend(activity_ids(list(batch)))


async def test_a_consumer_creates_its_subscription_once_with_its_title(consumers: Consumers) -> None:
    """The first run creates a subscription titled after the consumer with the declared
    types; later runs read it from the checkpoint without creating another."""
    store = MemoryCheckpointStore()
    first = consumers.make(
        lambda b: None, consumer="mirror", types="activityCreated,activityMoved", checkpoints=store
    )
    await consumers.run(first)
    (subscription,) = consumers.mock.events.active
    assert subscription.title == "ofsc.events mirror"
    assert subscription.types == {"activityCreated", "activityMoved"}
    assert store.load("mirror").subscription_id == subscription.id  # type: ignore[union-attr]
    again = consumers.make(
        lambda b: None, consumer="mirror", types="activityCreated,activityMoved", checkpoints=store
    )
    await consumers.run(again)
    assert again.stats.subscriptions_created == 0
    assert len(consumers.mock.events.active) == 1


async def test_a_restart_without_its_checkpoint_finds_and_reuses_its_subscription(
    consumers: Consumers,
) -> None:
    """A consumer whose checkpoint is lost finds its own subscription by title, reads it
    from its oldest events (so nothing since it was made is lost) and creates no other."""
    await consumers.run(consumers.make(lambda b: None, consumer="mirror"))
    consumers.mock.events.subscribe(["activityCreated"], title="somebody else")
    emit_activities(consumers.mock, 0, 3)
    seen: list[int] = []
    restarted = consumers.make(collector(seen), consumer="mirror", checkpoints=MemoryCheckpointStore())
    await consumers.run(restarted)
    assert seen == [0, 1, 2]
    assert restarted.stats.subscriptions_created == 0
    assert len(consumers.mock.events.active) == 2


async def test_an_expired_subscription_is_recreated_and_read_from_since(consumers: Consumers) -> None:
    """After 36 hours without reads OFS drops the subscription (404): the consumer makes a
    new one and resumes with since = a second before the last handled event, so every
    event after it is delivered (those of that same second again)."""
    store = MemoryCheckpointStore()
    seen: list[int] = []
    await consumers.run(consumers.make(collector(seen), consumer="c", checkpoints=store))
    emit_activities(consumers.mock, 0, 3)
    await consumers.run(consumers.make(collector(seen), consumer="c", checkpoints=store))
    old = store.load("c").subscription_id  # type: ignore[union-attr]
    consumers.clock.advance(60)
    emit_activities(consumers.mock, 3, 3)  # read by nobody: the consumer is down
    consumers.clock.advance(SUBSCRIPTION_LIFETIME + 1)
    assert consumers.mock.events.active == []
    emit_activities(consumers.mock, 6, 3)

    seen.clear()
    consumer = consumers.make(collector(seen), consumer="c", checkpoints=store)
    await consumers.run(consumer)
    assert seen == list(range(9))  # 0-2 again (their second), then everything after
    assert consumer.stats.recoveries == 1 and consumer.stats.subscriptions_created == 1
    new = store.load("c").subscription_id  # type: ignore[union-attr]
    assert new != old and [s.id for s in consumers.mock.events.active] == [new]
    (since,) = [c.query["since"] for c in consumers.mock.calls if "since" in c.query]
    handled = store.load("c").last_event_time  # type: ignore[union-attr]
    assert handled is not None and since < handled


async def test_the_subscription_limit_is_a_clear_typed_error(consumers: Consumers) -> None:
    """With the instance at its 100 subscriptions, OFS answers the create 503 "Too many
    subscriptions registered": the consumer raises SubscriptionLimitError saying so, and
    reads nothing."""
    for n in range(SUBSCRIPTION_LIMIT):
        consumers.mock.events.subscribe(["activityCreated"], title=f"other {n}")
    with pytest.raises(SubscriptionLimitError, match="subscription limit") as caught:
        await consumers.run(consumers.make(lambda b: None, consumer="c"))
    assert "Too many subscriptions registered" in str(caught.value)
    assert caught.value.error.status_code == 503
    assert not [c for c in consumers.mock.calls if c.operation == "get_events"]


async def test_delete_removes_the_subscription_and_a_later_run_resumes_with_since(
    consumers: Consumers,
) -> None:
    """delete_subscription() deletes the consumer's subscription and forgets its id; the
    checkpoint keeps the last handled time, from which a later run resumes."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda b: None, consumer="c", checkpoints=store))
    emit_activities(consumers.mock, 0, 2)
    await consumers.run(consumers.make(lambda b: None, consumer="c", checkpoints=store))
    (subscription,) = consumers.mock.events.active
    assert (
        await consumers.delete(consumers.make(lambda b: None, consumer="c", checkpoints=store))
        == subscription.id
    )
    assert consumers.mock.events.active == []
    assert store.load("c").subscription_id is None  # type: ignore[union-attr]

    consumers.clock.advance(5)
    emit_activities(consumers.mock, 2, 2)
    seen: list[int] = []
    later = consumers.make(collector(seen), consumer="c", checkpoints=store)
    await consumers.run(later)
    assert seen == [0, 1, 2, 3] and later.stats.recoveries == 1


async def test_only_the_creating_application_may_read(consumers: Consumers) -> None:
    """Reading another application's subscription is refused (403) and stops the consumer."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda b: None, consumer="c", checkpoints=store))
    (subscription,) = consumers.mock.events.active
    subscription.application_id = "another-application"
    with pytest.raises(PermissionDeniedError, match="only allowed for the application"):
        await consumers.run(consumers.make(lambda b: None, consumer="c", checkpoints=store))


async def test_lag_is_measured_and_warned_about_past_the_threshold(
    consumers: Consumers, caplog: pytest.LogCaptureFixture
) -> None:
    """Each read measures the age of the oldest unread event; past lag_warning seconds the
    consumer logs a warning on the ofsc.events logger."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda b: None, consumer="c", checkpoints=store))
    emit_activities(consumers.mock, 0, 2)
    consumers.clock.advance(600)
    consumer = consumers.make(lambda b: None, consumer="c", checkpoints=store, lag_warning=300)
    with caplog.at_level(logging.WARNING, logger="ofsc.events"):
        await consumers.run(consumer)
    assert consumer.stats.max_lag == 600 and consumer.stats.lag == 0  # caught up at the end
    assert any("600 s behind" in r.getMessage() for r in caplog.records)

    quiet = consumers.make(lambda b: None, consumer="c", checkpoints=store, lag_warning=3600)
    emit_activities(consumers.mock, 2, 1)
    consumers.clock.advance(600)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="ofsc.events"):
        await consumers.run(quiet)
    assert not caplog.records


async def test_injected_read_faults_are_retried_from_the_same_cursor(consumers: Consumers) -> None:
    """Failed reads (503, a dropped connection, a truncated body) are retried after a
    backoff from the same page: every event arrives once, and read_errors counts them."""
    store = MemoryCheckpointStore()
    await consumers.run(consumers.make(lambda b: None, consumer="c", checkpoints=store))
    emit_activities(consumers.mock, 0, 4)
    faults = consumers.mock.faults
    faults.add(path="/rest/ofscCore/v1/events", method="GET", status=503, count=2)
    faults.add(path="/rest/ofscCore/v1/events", method="GET", reset=True, count=1)
    faults.add(path="/rest/ofscCore/v1/events", method="GET", truncate=True, count=1)
    batches: list[Batch] = []
    consumer = consumers.make(batches.append, consumer="c", checkpoints=store)
    await consumers.run(consumer)
    assert [activity_ids(list(b)) for b in batches] == [[0, 1, 2, 3]]
    assert consumer.stats.read_errors == 4
    assert all(rule.fired == rule.count for rule in faults.rules)
