"""A circuit breaker per client (pure state; thread-safe, no I/O).

Closed: calls flow. After ``threshold`` consecutive failures it opens: calls fail fast with
:class:`CircuitOpenError` without touching the network. After ``cooldown`` seconds it is
half-open: one probe call is let through; success closes it, failure reopens it.
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
    probing: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def enabled(self) -> bool:
        return self.threshold > 0

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        return "half-open" if self.clock() - self.opened_at >= self.cooldown else "open"

    def before_call(self) -> None:
        """Raise :class:`CircuitOpenError` unless a call may go out now."""
        if not self.enabled:
            return
        with self._lock:
            if self.opened_at is None:
                return
            waited = self.clock() - self.opened_at
            if waited >= self.cooldown and not self.probing:
                self.probing = True  # this caller is the probe
                return
            raise CircuitOpenError(max(0.0, self.cooldown - waited), self.failures)

    def record_success(self) -> None:
        with self._lock:
            self.failures = 0
            self.opened_at = None
            self.probing = False

    def record_failure(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            self.failures += 1
            if self.probing or self.failures >= self.threshold:
                self.opened_at = self.clock()
            self.probing = False
