"""What a consumer counts, and where the counts go.

Every consumer keeps a :class:`ConsumerStats` (``consumer.stats``) and, when
``opentelemetry-api`` is installed, reports the same through OpenTelemetry metrics on the
meter ``ofsc``: the counters ``ofsc.events.delivered``, ``ofsc.events.batches``,
``ofsc.events.recoveries``, ``ofsc.events.handler_errors`` and ``ofsc.events.read_errors``,
and the histogram ``ofsc.events.lag`` (seconds; the age of the oldest unread event at each
read). Each is tagged with ``ofsc.events.consumer``. Without an SDK configured the API's
no-op meter makes this free. The HTTP calls themselves go through the client's hooks,
audit and spans like any other call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger("ofsc.events")


@dataclass
class ConsumerStats:
    """Counts since the consumer started (``consumer.stats``)."""

    delivered: int = 0  # events handed to the handler (a batch retried counts again)
    batches: int = 0  # batches the handler returned from
    reads: int = 0  # successful reads of the feed
    empty_reads: int = 0
    read_errors: int = 0  # failed reads, retried after a backoff
    handler_errors: int = 0
    recoveries: int = 0  # subscriptions recreated and resumed with ``since``
    subscriptions_created: int = 0
    lag: float = 0.0  # seconds: the age of the oldest unread event at the last read (0 when caught up)
    max_lag: float = 0.0


class EventMetrics:
    """Updates a consumer's :class:`ConsumerStats` and its OpenTelemetry instruments."""

    def __init__(self, consumer: str) -> None:
        self.stats = ConsumerStats()
        self._attributes = {"ofsc.events.consumer": consumer}
        self._instruments = _instruments()

    def read(self, count: int, lag: float) -> None:
        stats = self.stats
        stats.reads += 1
        stats.empty_reads += count == 0
        stats.lag = lag
        stats.max_lag = max(stats.max_lag, lag)
        self._record("lag", lag)

    def delivered(self, count: int) -> None:
        self.stats.delivered += count
        self.stats.batches += 1
        self._add("delivered", count)
        self._add("batches", 1)

    def read_error(self) -> None:
        self.stats.read_errors += 1
        self._add("read_errors", 1)

    def handler_error(self) -> None:
        self.stats.handler_errors += 1
        self._add("handler_errors", 1)

    def recovered(self) -> None:
        self.stats.recoveries += 1
        self._add("recoveries", 1)

    def subscription_created(self) -> None:
        self.stats.subscriptions_created += 1

    def _add(self, name: str, value: int) -> None:
        if self._instruments is not None:
            self._instruments[name].add(value, self._attributes)

    def _record(self, name: str, value: float) -> None:
        if self._instruments is not None:
            self._instruments[name].record(value, self._attributes)


_INSTRUMENTS: dict[str, Any] | None = None
_LOADED = False


def _instruments() -> dict[str, Any] | None:
    """The OpenTelemetry instruments, made once per process; None without opentelemetry-api."""
    global _INSTRUMENTS, _LOADED
    if _LOADED:
        return _INSTRUMENTS
    _LOADED = True
    try:
        from opentelemetry import metrics
    except ImportError:
        return None
    from .._version import __version__

    meter = metrics.get_meter("ofsc", __version__)
    _INSTRUMENTS = {
        "delivered": meter.create_counter("ofsc.events.delivered", "{event}", "Events handed to the handler"),
        "batches": meter.create_counter("ofsc.events.batches", "{batch}", "Batches the handler completed"),
        "read_errors": meter.create_counter("ofsc.events.read_errors", "{error}", "Failed reads of the feed"),
        "handler_errors": meter.create_counter("ofsc.events.handler_errors", "{error}", "Handler failures"),
        "recoveries": meter.create_counter(
            "ofsc.events.recoveries", "{recovery}", "Subscriptions recreated and resumed with since"
        ),
        "lag": meter.create_histogram("ofsc.events.lag", "s", "Age of the oldest unread event at each read"),
    }
    return _INSTRUMENTS
