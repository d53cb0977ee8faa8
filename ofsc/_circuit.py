"""A circuit breaker per client (pure state; thread-safe, no I/O).

Closed: calls flow. After ``threshold`` consecutive failed *calls* it opens: calls fail fast
with :class:`CircuitOpenError` without touching the network. A call counts as failed only
when it gave up on a fault of the service (a connection error, a timeout, or a 408/429/5xx)
after its retries; faults that a retry absorbed, and answers that say the request was wrong
(4xx), count as the service working. The request pipeline reports each call's outcome once. After ``cooldown`` seconds it is
half-open: one probe call is let through; success closes it, failure reopens it. A probe
that never reports back (cancelled, say) is replaced by another after a further cool-down.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._exceptions import CircuitOpenError

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass
class CircuitBreaker:
    threshold: int = 5
    cooldown: float = 30.0
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    opened_at: float | None = None
    probe_started_at: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def enabled(self) -> bool:
        return self.threshold > 0

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        return "half-open" if self.clock() - self.opened_at >= self.cooldown else "open"

    def before_call(
        self, operation: str | None = None, method: str | None = None, url: str | None = None
    ) -> None:
        """Raise :class:`CircuitOpenError` (naming the call) unless a call may go out now."""
        if not self.enabled or self.opened_at is None:  # closed: no need to lock
            return
        with self._lock:
            if self.opened_at is None:
                return
            now = self.clock()
            since = self.opened_at if self.probe_started_at is None else self.probe_started_at
            if now - since >= self.cooldown:
                self.probe_started_at = now  # this caller is the probe
                return
            raise CircuitOpenError(
                max(0.0, self.cooldown - (now - since)),
                self.failures,
                operation=operation,
                method=method,
                url=url,
            )

    def record_success(self) -> None:
        if self.failures == 0 and self.opened_at is None:  # the usual case: nothing to reset
            return
        with self._lock:
            self.failures = 0
            self.opened_at = None
            self.probe_started_at = None

    def record_failure(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            self.failures += 1
            if self.probe_started_at is not None or self.failures >= self.threshold:
                self.opened_at = self.clock()
            self.probe_started_at = None
