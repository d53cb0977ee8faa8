"""The consumer's decisions, written once for the sync and async consumers.

A consumer is a generator (:func:`consume`) that *yields* what it needs done and receives
the outcome: :class:`Call` a ``client.core`` operation, :class:`Deliver` a batch to the
handler, :class:`Load`/:class:`Save` the checkpoint, :class:`Sleep`. An error of the
effect is thrown back into the generator at its ``yield``. The consumers in
:mod:`ofsc.events._consumer` only perform effects; every rule is here:

- the subscription: the checkpoint's; else the consumer's own, found by its title; else a
  new one (:class:`~ofsc.events.SubscriptionLimitError` when OFS refuses it for the
  instance's 100-subscription limit);
- reads follow the ``page`` cursor; the checkpoint moves to ``nextPage`` only after the
  handler returned for every event of the page, so no event is ever skipped;
- a read answered 404 means the subscription expired (36 hours without reads) or was
  deleted: a new one is made and reading resumes from the last handled event's time with
  ``since`` (one second earlier, so an event of that same second is not lost);
- failed reads (connection errors, 5xx, 429, an open circuit) are retried after an
  exponential backoff, from the same cursor; other errors stop the consumer;
- a handler error stops the consumer (``on_handler_error="stop"``) or retries the same
  batch up to ``handler_retries`` times, then stops: a batch is never skipped;
- after an empty read the consumer waits, longer each time up to ``max_idle_delay`` (reads
  keep the subscription alive, so the wait is bounded far below its 36-hour expiry);
- each read measures the lag, the age of the oldest unread event, and logs a warning past
  ``lag_warning`` seconds.

Only :class:`Call` of a read and :class:`Sleep` are *stoppable*: a consumer asked to stop
(SIGINT, SIGTERM, ``consumer.stop()``) ends there, never between a delivery and its save.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from .._exceptions import (
    APIConnectionError,
    APIStatusError,
    CircuitOpenError,
    ConfigError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
)
from ._checkpoint import Checkpoint
from ._errors import EventStreamError, HandlerError, SubscriptionLimitError
from ._model import Batch, format_time, received

if TYPE_CHECKING:
    from ofsc_generated.models.get_subscriptions_response import GetSubscriptionsResponse

    from ._metrics import EventMetrics
    from ._model import SubscriptionSpec

logger = logging.getLogger("ofsc.events")

HandlerPolicy = Literal["stop", "retry"]
MAX_BATCH = 1000  # OFS returns at most 1000 events a read
SUBSCRIPTION_LIFETIME = 36 * 3600.0  # OFS expires a subscription 36 hours after its last read
# Errors after which reading the same page again may succeed.
TRANSIENT_READ_ERRORS = (APIConnectionError, InternalServerError, RateLimitError, CircuitOpenError)


@dataclass(frozen=True, slots=True)
class Call:
    """Call ``client.core.<operation>(**arguments)``; the outcome is its result."""

    operation: str
    arguments: dict[str, Any]
    stoppable: bool = False


@dataclass(frozen=True, slots=True)
class Deliver:
    """Run the handler on ``batch``; the outcome is ignored, an error is thrown back."""

    batch: Batch
    stoppable: bool = False


@dataclass(frozen=True, slots=True)
class Load:
    consumer: str
    stoppable: bool = False


@dataclass(frozen=True, slots=True)
class Save:
    checkpoint: Checkpoint
    stoppable: bool = False


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float
    stoppable: bool = True


Effect = Call | Deliver | Load | Save | Sleep
Flow = Generator[Effect, Any, Any]


@dataclass(frozen=True)
class ConsumerSettings:
    """How a consumer behaves (see :class:`ofsc.events.EventConsumer` for each setting)."""

    consumer: str
    subscription: SubscriptionSpec
    batch_size: int = MAX_BATCH
    idle_delay: float = 1.0
    max_idle_delay: float = 30.0
    error_delay: float = 1.0
    max_error_delay: float = 60.0
    on_handler_error: HandlerPolicy = "stop"
    handler_retries: int = 3
    lag_warning: float = 300.0
    stop_when_idle: bool = False
    clock: Callable[[], float] = field(default=time.time, repr=False)
    jitter: Callable[[float], float] = field(default=lambda d: random.uniform(d / 2, d), repr=False)

    def __post_init__(self) -> None:
        problems: dict[str, tuple[str, str]] = {}
        if not self.consumer:
            problems["consumer"] = ("argument", "must not be empty")
        if not 1 <= self.batch_size <= MAX_BATCH:
            problems["batch_size"] = ("argument", f"must be 1 to {MAX_BATCH}, got {self.batch_size}")
        for name in ("idle_delay", "error_delay", "lag_warning"):
            if getattr(self, name) < 0:
                problems[name] = ("argument", f"must not be negative, got {getattr(self, name)}")
        if not self.idle_delay <= self.max_idle_delay < SUBSCRIPTION_LIFETIME / 2:
            problems["max_idle_delay"] = (
                "argument",
                f"must be at least idle_delay and well under the subscription's 36-hour expiry, "
                f"got {self.max_idle_delay}",
            )
        if self.max_error_delay < self.error_delay:
            problems["max_error_delay"] = ("argument", "must be at least error_delay")
        if self.on_handler_error not in ("stop", "retry"):
            problems["on_handler_error"] = (
                "argument",
                f"must be 'stop' or 'retry', got {self.on_handler_error!r}",
            )
        if self.handler_retries < 0:
            problems["handler_retries"] = ("argument", f"must not be negative, got {self.handler_retries}")
        if problems:
            raise ConfigError(problems)

    def backoff(self, attempt: int, base: float, ceiling: float) -> float:
        return self.jitter(min(ceiling, base * 2 ** max(0, attempt - 1)))


def consume(settings: ConsumerSettings, metrics: EventMetrics) -> Flow:
    """Read and deliver events until stopped (or, with ``stop_when_idle``, until caught up)."""
    checkpoint = yield from _start(settings, metrics)
    idle = failures = 0
    while True:
        subscription_id = checkpoint.subscription_id
        assert subscription_id is not None
        arguments: dict[str, Any] = {
            "subscription_id": subscription_id,
            "limit": settings.batch_size,
        }
        if checkpoint.page:
            arguments["page"] = checkpoint.page
        try:
            page = yield Call("get_events", arguments, stoppable=True)
        except NotFoundError:
            logger.warning(
                "events subscription %s of consumer %r is gone (expired or deleted): recreating it",
                checkpoint.subscription_id,
                settings.consumer,
            )
            checkpoint = yield from _recover(settings, metrics, checkpoint)
            continue
        except TRANSIENT_READ_ERRORS as exc:
            failures += 1
            metrics.read_error()
            delay = settings.backoff(failures, settings.error_delay, settings.max_error_delay)
            logger.warning("reading events failed (%s); retrying in %.1f s", exc, delay)
            yield Sleep(delay)
            continue
        failures = 0
        events = [received(e) for e in page.items or []]
        now = settings.clock()
        oldest = events[0].time if events else None
        lag = max(0.0, now - oldest.timestamp()) if oldest is not None else 0.0
        metrics.read(len(events), lag)
        if lag > settings.lag_warning:
            logger.warning(
                "events consumer %r is %.0f s behind (oldest unread event at %s); events are kept 7 days",
                settings.consumer,
                lag,
                events[0].data.get("time"),
            )
        next_page = page.next_page
        if not events:
            if next_page and next_page != checkpoint.page:
                checkpoint = replace(checkpoint, page=next_page, updated_at=now)
                yield Save(checkpoint)
            if settings.stop_when_idle:
                return
            idle += 1
            yield Sleep(settings.backoff(idle, settings.idle_delay, settings.max_idle_delay))
            continue
        if not next_page:
            raise EventStreamError(
                f"a read of subscription {checkpoint.subscription_id} returned {len(events)} events "
                "but no nextPage: the checkpoint cannot move past them"
            )
        idle = 0
        batch = Batch(tuple(events), subscription_id, checkpoint.page, next_page)
        yield from _deliver(settings, metrics, batch)
        last_time = next((e.data["time"] for e in reversed(events) if e.time is not None), None)
        checkpoint = replace(
            checkpoint,
            page=next_page,
            last_event_time=last_time or checkpoint.last_event_time,
            updated_at=settings.clock(),
        )
        yield Save(checkpoint)


def _start(settings: ConsumerSettings, metrics: EventMetrics) -> Generator[Effect, Any, Checkpoint]:
    """The checkpoint to read from: the saved one, or a subscription found or made now."""
    checkpoint: Checkpoint | None = yield Load(settings.consumer)
    if checkpoint is not None and checkpoint.subscription_id:
        return checkpoint
    if checkpoint is not None and (checkpoint.last_event_time or checkpoint.page):
        # Read before, and its subscription was deleted: resume from where it stopped.
        return (yield from _recover(settings, metrics, checkpoint))
    now = settings.clock()
    own = yield from _find_own(settings)
    if own is not None:
        # Our subscription, but no saved place in it: read from its oldest events.
        logger.info("events consumer %r reuses its subscription %s", settings.consumer, own)
        checkpoint = Checkpoint(settings.consumer, own, None, None, now, now)
    else:
        subscription_id, next_page = yield from _create(settings, metrics)
        checkpoint = Checkpoint(settings.consumer, subscription_id, next_page, None, now, now)
    yield Save(checkpoint)
    return checkpoint


def _recover(
    settings: ConsumerSettings, metrics: EventMetrics, checkpoint: Checkpoint
) -> Generator[Effect, Any, Checkpoint]:
    """A new (or the consumer's other live) subscription, read from the last handled event's
    time with ``since``."""
    own = yield from _find_own(settings, exclude=checkpoint.subscription_id)
    if own is None:
        own, _ = yield from _create(settings, metrics)
    since = _recovery_point(checkpoint)
    page = yield Call("get_events", {"subscription_id": own, "since": since})
    if not page.next_page:
        raise EventStreamError(f"a read of subscription {own} with since={since!r} returned no nextPage")
    metrics.recovered()
    logger.warning(
        "events consumer %r resumes on subscription %s from %s (events are delivered again from there)",
        settings.consumer,
        own,
        since,
    )
    checkpoint = replace(checkpoint, subscription_id=own, page=page.next_page, updated_at=settings.clock())
    yield Save(checkpoint)
    return checkpoint


def _recovery_point(checkpoint: Checkpoint) -> str:
    """``since`` for a recovery: a second before the last handled event (OFS returns events
    *after* ``since``, to the second), else a second before the consumer first subscribed."""
    from ._model import parse_time

    handled = parse_time(checkpoint.last_event_time)
    seconds = handled.timestamp() if handled is not None else checkpoint.started_at
    return format_time(seconds - 1)


def _find_own(settings: ConsumerSettings, exclude: str | None = None) -> Generator[Effect, Any, str | None]:
    listed = yield Call("get_subscriptions", {})
    now = format_time(settings.clock())
    for info in subscription_infos(listed):
        subscription_id = info.get("subscriptionId")
        expires = info.get("expirationTime")
        if (
            subscription_id
            and subscription_id != exclude
            and settings.subscription.matches(info)
            and not (isinstance(expires, str) and expires < now)
        ):
            return str(subscription_id)
    return None


def _create(
    settings: ConsumerSettings, metrics: EventMetrics
) -> Generator[Effect, Any, tuple[str, str | None]]:
    try:
        created = yield Call("create_subscription", {"body": settings.subscription.body()})
    except APIStatusError as exc:
        if is_subscription_limit(exc):
            raise SubscriptionLimitError(exc) from exc
        raise
    if not created.subscription_id:
        raise EventStreamError("create_subscription answered without a subscriptionId")
    metrics.subscription_created()
    logger.info("events consumer %r created subscription %s", settings.consumer, created.subscription_id)
    return str(created.subscription_id), created.next_page


def _deliver(settings: ConsumerSettings, metrics: EventMetrics, batch: Batch) -> Flow:
    attempt = 0
    while True:
        attempt += 1
        try:
            yield Deliver(replace(batch, attempt=attempt))
        except Exception as exc:
            metrics.handler_error()
            if settings.on_handler_error == "stop" or attempt > settings.handler_retries:
                raise HandlerError(batch, attempt, exc) from exc
            delay = settings.backoff(attempt, settings.error_delay, settings.max_error_delay)
            logger.warning(
                "event handler failed (%s: %s); retrying the batch in %.1f s", type(exc).__name__, exc, delay
            )
            yield Sleep(delay)
            continue
        metrics.delivered(len(batch))
        return


def delete(settings: ConsumerSettings) -> Generator[Effect, Any, str | None]:
    """Delete the consumer's subscription (the checkpoint's, else the one found by title);
    the checkpoint keeps the last handled event's time. The id deleted, or None."""
    checkpoint: Checkpoint | None = yield Load(settings.consumer)
    subscription_id = checkpoint.subscription_id if checkpoint else None
    if subscription_id is None:
        subscription_id = yield from _find_own(settings)
    if subscription_id is None:
        return None
    with contextlib.suppress(NotFoundError):  # already gone
        yield Call("delete_subscription", {"subscription_id": subscription_id})
    if checkpoint is not None:
        yield Save(replace(checkpoint, subscription_id=None, updated_at=settings.clock()))
    return subscription_id


def is_subscription_limit(error: APIStatusError) -> bool:
    text = f"{error.title or ''} {error.detail or ''}".lower()
    return error.status_code == 503 and "too many subscriptions" in text


def subscription_infos(listed: GetSubscriptionsResponse) -> list[dict[str, Any]]:
    """The subscriptions of a ``get_subscriptions`` answer (OFS's ``{items, totalResults}``
    envelope, see ``specs/reality.toml``) as dicts with API field names."""
    return [item.model_dump(mode="json", by_alias=True, exclude_unset=True) for item in listed.items or []]
