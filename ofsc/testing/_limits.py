"""OFS's published limits, as the mock enforces them (``mock.limits``).

Oracle documents these limits on the operations themselves (see ``docs/BULK.md`` for the
sources); the mock answers as OFS does when a request breaks one:

- a body larger than the operation's ``x-max-size-bytes`` (5 MB for the bulk updates and
  ``setPositions``): 413;
- ``GET /activities`` over a date range longer than 31 days: 400;
- more requests of one operation in flight at once than its cap (``get_activities`` and
  ``get_last_known_positions`` without ``resources``: 3): 429. OFS queues up to 10
  requests of ``get_activities`` for up to 30 s before it rejects them; the mock rejects at
  once, which is stricter. A request is in flight from its arrival until the latency the
  faults give it has passed: that latency is the mock's service time;
- an answer cut at ``answer_size[operation]`` items with ``hasMore`` set, as OFS cuts
  answers at 20 MB or 30 s (off unless set);
- bulk updates answer 200 with one result per item, a share ``bulk_failure_rate`` of them
  failed with a reason (seeded; ``failed_items`` records which).

All of it is on by default except the truncation and the failures; ``enforce=False``
turns every check off. What the mock saw is kept for tests: ``peak`` (the most requests
of an operation in flight at once), ``widest_range`` (the longest activity date range
asked, in days), ``rejected`` (the statuses it answered for broken limits).
"""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._http import OFSError, json_reply

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._http import MockRequest, Reply
    from ._routes import Endpoint
    from ._validate import ValidRequest

MAX_RANGE_DAYS = 31
# Operations whose concurrency OFS caps, and the condition under which it applies.
CONCURRENCY = {"get_activities": 3, "get_last_known_positions": 3}
_CAPPED_WHEN: dict[str, Callable[[ValidRequest], bool]] = {
    "get_last_known_positions": lambda valid: not valid.query.get("resources"),
}
# The bulk updates: operation name -> (the list of items in the body, the key of an item).
_BULK: dict[str, tuple[str | None, str]] = {
    "bulk_update": ("activities", "activityId"),
    "bulk_update_resource_inventories": ("resources", "resourceId"),
    "bulk_update_resource_workzones": (None, "resourceId"),
    "bulk_update_resource_workskills": (None, "resourceId"),
    "bulk_update_resource_workschedules": (None, "resourceId"),
}
FAILURE_REASON = "injected item failure"


@dataclass
class MockLimits:
    """What the mock enforces and what it saw (see the module docstring)."""

    seed: int = 0
    enforce: bool = True
    max_range_days: int | None = MAX_RANGE_DAYS
    concurrency: dict[str, int] = field(default_factory=lambda: dict(CONCURRENCY))
    answer_size: dict[str, int] = field(default_factory=dict)
    bulk_failure_rate: float = 0.0
    clock: Callable[[], float] = time.monotonic
    peak: dict[str, int] = field(default_factory=dict)
    widest_range: int = 0
    rejected: list[tuple[str, int]] = field(default_factory=list)
    failed_items: list[tuple[str, Any]] = field(default_factory=list)
    _in_flight: dict[str, list[float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    # ---- hooks called by MockOFS ------------------------------------------------------

    def check_size(self, endpoint: Endpoint, request: MockRequest) -> None:
        """413 for a body over the operation's published maximum (before it is parsed)."""
        limit = _max_body_bytes(endpoint)
        if self.enforce and limit is not None and len(request.body) > limit:
            self._reject(endpoint, 413)
            raise OFSError(413, f"Request entity too large: {len(request.body)} bytes, at most {limit}")

    def admit(self, endpoint: Endpoint, valid: ValidRequest, service_time: float) -> None:
        """400 for a date range over the maximum, 429 beyond the concurrency cap; otherwise
        count the request in flight for ``service_time`` seconds."""
        name = endpoint.operation.name
        if name == "get_activities":
            self._check_range(endpoint, valid)
        cap = self.concurrency.get(name)
        if cap is None or not _CAPPED_WHEN.get(name, _always)(valid):
            return
        now = self.clock()
        with self._lock:
            running = [end for end in self._in_flight.get(name, []) if end > now]
            if self.enforce and len(running) >= cap:
                self._in_flight[name] = running
                self.rejected.append((name, 429))
                raise OFSError(429, f"Too many concurrent requests: at most {cap} at once")
            running.append(now + service_time)
            self._in_flight[name] = running
            self.peak[name] = max(self.peak.get(name, 0), len(running))

    def page_size(self, endpoint: Endpoint, limit: int) -> int:
        """How many items an answer carries: ``limit``, or fewer when answers are cut."""
        cut = self.answer_size.get(endpoint.operation.name)
        return limit if cut is None or not self.enforce else min(limit, cut)

    def bulk_reply(self, endpoint: Endpoint, valid: ValidRequest) -> Reply | None:
        """The per-item answer of a bulk update, or None for any other operation."""
        name = endpoint.operation.name
        shape = _BULK.get(name)
        if shape is None:
            return None
        container, key = shape
        body = valid.body
        items = body.get(container) if container and isinstance(body, dict) else body
        items = items if isinstance(items, list) else []
        results = []
        for item in items:
            item_key = item.get(key) if isinstance(item, dict) else None
            failed = self.bulk_failure_rate > 0 and self._rng.random() < self.bulk_failure_rate
            if failed:
                with self._lock:
                    self.failed_items.append((name, item_key))
            results.append(_result(name, item, item_key, failed))
        if name == "bulk_update":
            return json_reply(200, {"results": results})
        return json_reply(
            200, {"resourcesUpdated": sum(1 for r in results if not _failed(r)), "results": results}
        )

    # ---- helpers ----------------------------------------------------------------------

    def _check_range(self, endpoint: Endpoint, valid: ValidRequest) -> None:
        low, high = valid.query.get("dateFrom"), valid.query.get("dateTo")
        if low is None or high is None:
            return
        try:
            days = (dt.date.fromisoformat(str(high)) - dt.date.fromisoformat(str(low))).days + 1
        except ValueError:
            return  # the spec's validation speaks of malformed dates
        with self._lock:
            self.widest_range = max(self.widest_range, days)
        if self.enforce and self.max_range_days is not None and days > self.max_range_days:
            self._reject(endpoint, 400)
            raise OFSError(
                400,
                f"The date range is {days} days: dateFrom to dateTo may span at most {self.max_range_days}",
            )

    def _reject(self, endpoint: Endpoint, status: int) -> None:
        with self._lock:
            self.rejected.append((endpoint.operation.name, status))


def _always(valid: ValidRequest) -> bool:
    return True


def _max_body_bytes(endpoint: Endpoint) -> int | None:
    for param in endpoint.spec.get("parameters", []):
        if param.get("in") == "body" and "x-max-size-bytes" in param:
            return int(param["x-max-size-bytes"])
    return None


def _result(name: str, item: Any, key: Any, failed: bool) -> dict[str, Any]:
    error = {"type": "about:blank", "title": "Item failed", "status": "400", "detail": FAILURE_REASON}
    if name == "bulk_update":
        # OFS answers the activity's integer id (specs/reality.toml), whatever form the item gave.
        activity_id = int(key) if isinstance(key, str) and key.isdigit() else key
        keys = {"activityKeys": {"activityId": activity_id}} if key is not None else {}
        if failed:
            return {**keys, "operationsFailed": ["updateActivity"],
                    "errors": [{"operation": "updateActivity", "errorDetail": FAILURE_REASON}]}  # fmt: skip
        return {**keys, "operationsPerformed": ["updateActivity"]}
    if name == "bulk_update_resource_inventories":
        base = {"resourceId": str(key)} if key is not None else {}
        return {**base, "errors": [error]} if failed else {**base, "created": 0, "updated": 1, "deleted": 0}
    count = len(item.get("workZones") or item.get("workSkills") or item.get("workSchedules") or [])
    base = {"resourceId": str(key)} if key is not None else {}
    if failed:
        errors_field = "error" if name == "bulk_update_resource_workzones" else "errors"
        return {**base, "itemsUpdated": 0, "itemsFailed": max(count, 1),
                errors_field: error if errors_field == "error" else [error]}  # fmt: skip
    return {**base, "itemsUpdated": count, "itemsFailed": 0}


def _failed(result: dict[str, Any]) -> bool:
    return bool(result.get("errors") or result.get("error") or result.get("itemsFailed"))
