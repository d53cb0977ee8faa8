"""Injected failures, reproducible per seed: what ``mock.faults`` holds.

::

    mock.faults.add(path="/rest/ofscCore/v1/activities/*", method="GET", status=503, count=2)
    mock.faults.add(status=429, retry_after=1.0, count=1)
    mock.faults.add(latency=0.2, rate=0.5)
    mock.faults.add(reset=True, count=1)
    mock.faults.add(truncate=True, count=1)
    mock.faults.clear()

Rules are tried in the order they were added, for every request (the token service's
included). A rule applies to a request whose path (without the query) matches its glob
and whose method matches, at most ``count`` times (``None``: always), each time with
probability ``rate`` drawn from the plan's seeded generator. Latencies of all applying
rules add up; the first applying rule with an outcome (``status``, ``reset`` or
``truncate``) decides it, and the rules after it are not consumed.

- ``status``: answer with this status and an OFS error body instead of handling the
  request (plus ``Retry-After`` when ``retry_after`` is given). The request has no effect.
- ``reset``: drop the connection without answering; the request has no effect.
- ``truncate``: handle the request, announce the whole body's length but send only half of
  it, then close the connection.
- ``latency``: wait this many seconds before answering.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from fnmatch import fnmatchcase


@dataclass(slots=True)
class Fault:
    """One rule. ``fired`` counts the requests it applied to."""

    path: str = "*"
    method: str | None = None
    status: int | None = None
    retry_after: float | None = None
    latency: float = 0.0
    reset: bool = False
    truncate: bool = False
    count: int | None = None
    rate: float = 1.0
    fired: int = 0

    @property
    def exhausted(self) -> bool:
        return self.count is not None and self.fired >= self.count

    @property
    def has_outcome(self) -> bool:
        return self.status is not None or self.reset or self.truncate

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method.upper()) and fnmatchcase(path, self.path)


@dataclass(frozen=True, slots=True)
class Decision:
    """What the faults decided for one request."""

    latency: float = 0.0
    outcome: Fault | None = None


class FaultPlan:
    """The fault rules of one mock (``mock.faults``)."""

    def __init__(self, seed: int = 0) -> None:
        self._rules: list[Fault] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def add(
        self,
        path: str = "*",
        method: str | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        latency: float = 0.0,
        reset: bool = False,
        truncate: bool = False,
        count: int | None = None,
        rate: float = 1.0,
    ) -> Fault:
        """Add a rule and return it (``rule.fired`` tells how often it applied).

        Args:
            path: a glob over the request path without the query (``*`` matches ``/`` too).
            method: the HTTP method to match; any when None.
            status: answer with this status and an OFS error body; the request has no effect.
            retry_after: with ``status``, the seconds to put in ``Retry-After``.
            latency: seconds to wait before answering (added to other rules' latency).
            reset: drop the connection without answering; the request has no effect.
            truncate: answer, but send only half the announced body, then close.
            count: apply to at most this many requests; always when None.
            rate: the probability of applying to each matching request (seeded).
        """
        if sum((status is not None, reset, truncate)) > 1:
            raise ValueError("a fault answers with one of status=, reset=True or truncate=True")
        if status is None and not (reset or truncate or latency):
            raise ValueError("a fault needs status=, latency=, reset=True or truncate=True")
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, got {rate}")
        rule = Fault(path, method, status, retry_after, latency, reset, truncate, count, rate)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> list[Fault]:
        with self._lock:
            return list(self._rules)

    def decide(self, method: str, path: str) -> Decision:
        latency = 0.0
        with self._lock:
            for rule in self._rules:
                if rule.exhausted or not rule.matches(method, path):
                    continue
                if rule.rate < 1.0 and self._rng.random() >= rule.rate:
                    continue
                rule.fired += 1
                latency += rule.latency
                if rule.has_outcome:
                    return Decision(latency, rule)
        return Decision(latency)
