"""The sync and async consumers: they perform what :mod:`ofsc.events._core` decides.

Each has one short loop that drives the core's generator: call the operation, run the
handler, load or save the checkpoint, sleep (waking early when asked to stop). Stop
requests (``stop()``, SIGINT, SIGTERM) are honoured only where the core says it is safe:
before a read or during a wait, never between a delivery and its checkpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import signal
import threading
import time
from typing import TYPE_CHECKING, Any

from .._flow import advance
from ._checkpoint import CheckpointStore, MemoryCheckpointStore
from ._core import (
    Call,
    ConsumerSettings,
    Deliver,
    Effect,
    Flow,
    HandlerPolicy,
    Load,
    Save,
    Sleep,
    consume,
    delete,
)
from ._metrics import EventMetrics, logger
from ._model import Batch, SubscriptionSpec

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable, Iterator

    from ofsc import OFSC, AsyncOFSC

    from ._metrics import ConsumerStats

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Consumer:
    """What both consumers share: settings, the checkpoint store, the stop request."""

    def __init__(
        self,
        handler: Callable[[Batch], Any],
        *,
        types: str | Iterable[str],
        consumer: str = "default",
        title: str | None = None,
        filter_expression: str | None = None,
        fields: Iterable[str] | None = None,
        monitor_changes: Iterable[str] | None = None,
        checkpoints: CheckpointStore | Any | None = None,
        batch_size: int = 1000,
        idle_delay: float = 1.0,
        max_idle_delay: float = 30.0,
        error_delay: float = 1.0,
        max_error_delay: float = 60.0,
        on_handler_error: HandlerPolicy = "stop",
        handler_retries: int = 3,
        lag_warning: float = 300.0,
        stop_when_idle: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        names = [t.strip() for t in types.split(",")] if isinstance(types, str) else list(types)
        subscription = SubscriptionSpec(
            tuple(n for n in names if n),
            title if title is not None else f"ofsc.events {consumer}",
            filter_expression,
            tuple(fields) if fields is not None else None,
            tuple(monitor_changes) if monitor_changes is not None else None,
        )
        self.settings = ConsumerSettings(
            consumer, subscription, batch_size, idle_delay, max_idle_delay, error_delay, max_error_delay,
            on_handler_error, handler_retries, lag_warning, stop_when_idle, clock,
        )  # fmt: skip
        self.handler = handler
        self.checkpoints = checkpoints if checkpoints is not None else MemoryCheckpointStore()
        self._metrics = EventMetrics(consumer)
        self._stopping = False

    @property
    def stats(self) -> ConsumerStats:
        """Counts and the lag since this consumer was made (see :class:`ConsumerStats`)."""
        return self._metrics.stats

    @property
    def stopping(self) -> bool:
        return self._stopping

    def stop(self) -> None:
        """Stop at the next safe point: the batch being handled is finished and saved first."""
        self._stopping = True
        self._wake()

    def _wake(self) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def _signals(self, enabled: bool) -> Iterator[None]:
        """Stop on SIGINT/SIGTERM while running (on the main thread only: Python runs signal
        handlers there); the previous handlers are back afterwards."""
        if not enabled or threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}

        def handler(signum: int, frame: object) -> None:
            for number, old in previous.items():  # a second signal acts as it did before
                signal.signal(number, old)
            self._on_signal(signum)

        for signum in STOP_SIGNALS:
            signal.signal(signum, handler)
        try:
            yield
        finally:
            for signum, old in previous.items():
                signal.signal(signum, old)

    def _on_signal(self, signum: int) -> None:
        logger.warning(
            "events consumer %r: %s received, stopping after the current batch (again to abort)",
            self.settings.consumer,
            signal.Signals(signum).name,
        )
        self.stop()


class EventConsumer(_Consumer):
    """Reads a subscription's events with an :class:`~ofsc.OFSC` and hands them to
    ``handler(batch)``, at least once and in order, saving its place after each batch.

    ``consumer`` names the consumer (its checkpoint and, unless ``title`` is given, its
    subscription's title ``"ofsc.events <consumer>"``); ``types`` the event types (a list or
    a comma-separated string); ``checkpoints`` the store (in memory unless given). See
    ``docs/EVENTS.md`` for every setting.
    """

    def __init__(self, client: OFSC, handler: Callable[[Batch], Any], **options: Any) -> None:
        if inspect.iscoroutinefunction(handler):
            raise TypeError(
                "EventConsumer takes a plain function; use AsyncEventConsumer for an async handler"
            )
        super().__init__(handler, **options)
        self.client = client
        self._wakeup = threading.Event()

    def run(self, *, handle_signals: bool = True) -> ConsumerStats:
        """Consume until :meth:`stop` (or SIGINT/SIGTERM when ``handle_signals`` and on the main
        thread; with ``stop_when_idle``, until a read finds no new events); the stats."""
        self._stopping = False
        self._wakeup.clear()
        with self._signals(handle_signals):
            self._drive(consume(self.settings, self._metrics))
        return self.stats

    def delete_subscription(self) -> str | None:
        """Delete this consumer's subscription; its id, or None when it had none."""
        result: str | None = self._drive(delete(self.settings))
        return result

    def _drive(self, flow: Flow) -> Any:
        outcome: Any = None
        error: Exception | None = None
        while True:
            done, effect = advance(flow, outcome, error)
            if done:
                return effect
            if effect.stoppable and self._stopping:
                flow.close()
                return None
            outcome, error = None, None
            try:
                outcome = self._perform(effect)
            except Exception as exc:
                error = exc

    def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, Call):
            return getattr(self.client.core, effect.operation)(**effect.arguments)
        if isinstance(effect, Deliver):
            return self.handler(effect.batch)
        if isinstance(effect, Load):
            return self.checkpoints.load(effect.consumer)
        if isinstance(effect, Save):
            return self.checkpoints.save(effect.checkpoint)
        assert isinstance(effect, Sleep)
        self._wakeup.wait(effect.seconds)
        return None

    def _wake(self) -> None:
        self._wakeup.set()


class AsyncEventConsumer(_Consumer):
    """The :class:`EventConsumer` for an :class:`~ofsc.AsyncOFSC`; ``handler`` may be a
    plain or an async function, and the checkpoint store's methods may be coroutines."""

    def __init__(
        self, client: AsyncOFSC, handler: Callable[[Batch], Any | Awaitable[Any]], **options: Any
    ) -> None:
        super().__init__(handler, **options)
        self.client = client
        self._wakeup: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def run(self, *, handle_signals: bool = True) -> ConsumerStats:
        """Consume until :meth:`stop` (or SIGINT/SIGTERM when ``handle_signals``, on loops that
        support signal handlers); the stats."""
        self._stopping = False
        self._wakeup = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        with self._signals(handle_signals):
            await self._drive(consume(self.settings, self._metrics))
        return self.stats

    async def delete_subscription(self) -> str | None:
        """Delete this consumer's subscription; its id, or None when it had none."""
        result: str | None = await self._drive(delete(self.settings))
        return result

    async def _drive(self, flow: Flow) -> Any:
        outcome: Any = None
        error: Exception | None = None
        while True:
            done, effect = advance(flow, outcome, error)
            if done:
                return effect
            if effect.stoppable and self._stopping:
                flow.close()
                return None
            outcome, error = None, None
            try:
                outcome = await self._perform(effect)
            except Exception as exc:
                error = exc

    async def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, Call):
            return await getattr(self.client.core, effect.operation)(**effect.arguments)
        if isinstance(effect, Deliver):
            result = self.handler(effect.batch)
        elif isinstance(effect, Load):
            result = self.checkpoints.load(effect.consumer)
        elif isinstance(effect, Save):
            result = self.checkpoints.save(effect.checkpoint)
        else:
            assert isinstance(effect, Sleep)
            wakeup = self._wakeup or asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), effect.seconds)
            return None
        return await result if inspect.isawaitable(result) else result

    def _wake(self) -> None:
        if self._wakeup is not None and self._loop is not None:
            # Also called from a signal handler: hand the wake-up to the loop.
            self._loop.call_soon_threadsafe(self._wakeup.set)
