"""OFS's published limits, and the per-operation concurrency limits a client keeps.

One :class:`Limits` belongs to a client (and its ``with_options`` copies): every extract
and bulk update of that client takes a slot of the operation's limiter before each
request, so that concurrent extracts together never exceed the operation's cap.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._exceptions import ConfigError

if TYPE_CHECKING:
    import asyncio

# Published by Oracle on each operation (sources in docs/BULK.md).
MAX_RANGE_DAYS = 31  # get_activities: dateTo - dateFrom
MAX_REQUEST_BYTES = 5 * 1024 * 1024  # bulk updates (x-max-size-bytes): 413 beyond
MAX_ACTIVITIES_PER_ANSWER = 100_000  # get_activities: the largest `limit`
PUBLISHED_CONCURRENCY = {"get_activities": 3, "get_last_known_positions": 3}
# Operations without a published cap: a modest number of requests at once.
DEFAULT_CONCURRENCY = 4


@dataclass
class Limits:
    """How many requests of each operation a client's extracts and bulk updates send at once.

    ``client.extract.limits.set("get_activities", 2)`` lowers a cap; a cap above the
    published one is refused (OFS would reject the excess requests)."""

    concurrency: dict[str, int] = field(default_factory=lambda: dict(PUBLISHED_CONCURRENCY))
    default: int = DEFAULT_CONCURRENCY
    _sync: dict[str, threading.BoundedSemaphore] = field(default_factory=dict, repr=False)
    _async: dict[str, asyncio.Semaphore] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def cap(self, operation: str) -> int:
        return self.concurrency.get(operation, self.default)

    def set(self, operation: str, concurrency: int) -> None:
        """Send at most ``concurrency`` requests of ``operation`` at once (from now on)."""
        published = PUBLISHED_CONCURRENCY.get(operation)
        if not isinstance(concurrency, int) or concurrency < 1:
            raise ConfigError(
                {f"limits.{operation}": ("arguments", f"must be a positive integer, got {concurrency!r}")}
            )
        if published is not None and concurrency > published:
            raise ConfigError(
                {
                    f"limits.{operation}": (
                        "arguments",
                        f"OFS allows at most {published} at once, got {concurrency}",
                    )
                }
            )
        with self._lock:
            self.concurrency[operation] = concurrency
            self._sync.pop(operation, None)
            self._async.pop(operation, None)

    def sync_slot(self, operation: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._sync.get(operation)
            if slot is None:
                slot = self._sync[operation] = threading.BoundedSemaphore(self.cap(operation))
            return slot

    def async_slot(self, operation: str) -> asyncio.Semaphore:
        import asyncio

        with self._lock:
            slot = self._async.get(operation)
            if slot is None:
                slot = self._async[operation] = asyncio.Semaphore(self.cap(operation))
            return slot


def client_limits(client: Any) -> Limits:
    """The :class:`Limits` of ``client``, shared with its ``with_options`` copies."""
    shared: dict[str, Any] = client._shared
    limits = shared.get("limits")
    if limits is None:
        limits = shared.setdefault("limits", Limits())
    assert isinstance(limits, Limits)
    return limits
