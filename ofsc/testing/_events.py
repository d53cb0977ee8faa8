"""The mock's Events API: subscriptions and the change stream (``mock.events``).

Writes to the mock's store produce the events OFS would publish: an activity created,
updated, moved (its ``resourceId`` changed), started, completed, cancelled, not done,
suspended or deleted (a status change, also through the activity custom actions), and
resources and users created, updated or deleted. Tests can add events directly with
:meth:`EventFeed.emit`. OFS's rules are kept, measured on the mock's ``clock``:

- a subscription expires 36 hours after its last read (or its creation); then reading it
  answers 404, and it is no longer listed;
- at most 100 subscriptions are active at once: the 101st create answers 503 "Too many
  subscriptions registered. Found 100."; creating one with the same configuration and title
  as an active one returns that one;
- events are kept 7 days; a cursor pointing at older ones reads from the oldest kept;
- only the application that created a subscription may read it (403 otherwise);
- ``page`` is an opaque cursor (``lastRequested`` works as documented); ``since``
  (``YYYY-MM-DD HH:MM:SS``, UTC) answers no events, only the ``nextPage`` of the first
  event after that time, including events older than the subscription (which OFS does not
  guarantee).

Faults are injected into event reads as into any request::

    mock.faults.add(path="/rest/ofscCore/v1/events", method="GET", status=503, count=2)
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ._http import OFSError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

EVENTS_PATH = "/rest/ofscCore/v1/events"
SUBSCRIPTION_LIFETIME = 36 * 3600.0
RETENTION = 7 * 24 * 3600.0
SUBSCRIPTION_LIMIT = 100
MAX_LIMIT = 1000
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_STATUS_EVENTS = {
    "started": "activityStarted",
    "completed": "activityCompleted",
    "cancelled": "activityCanceled",
    "notdone": "activityNotDone",
    "suspended": "activitySuspended",
}
# The activity custom actions that set a status, and the status they set.
ACTION_STATUS = {
    "start": "started",
    "complete": "completed",
    "cancel": "cancelled",
    "notDone": "notdone",
    "suspend": "suspended",
    "reopen": "pending",
}
_DETAIL_FIELDS = {
    "activities": (
        "activityDetails",
        ("activityId", "resourceId", "date", "apptNumber", "activityType", "status"),
    ),
    "resources": ("resourceDetails", ("resourceId", "name", "resourceType")),
    "users": ("userDetails", ("login", "name", "mainResourceId", "userType")),
}
_CHANGES = {"activities": "activityChanges", "resources": "resourceChanges", "users": "userChanges"}


def ofs_time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime(TIME_FORMAT)


@dataclass(slots=True)
class RecordedEvent:
    seq: int
    at: float  # clock seconds
    body: dict[str, Any]


@dataclass(slots=True)
class MockSubscription:
    """One subscription; ``last_read`` is when it was last read (or created)."""

    id: str
    title: str | None
    config: list[dict[str, Any]]
    types: frozenset[str]
    application_id: str
    created: float
    last_read: float
    start: int  # the first event seq it collects
    last_requested: int = field(default=0)

    def info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "subscriptionId": self.id,
            "subscriptionConfig": self.config,
            "createdTime": ofs_time(self.created),
            "expirationTime": ofs_time(self.last_read + SUBSCRIPTION_LIFETIME),
            "applicationId": self.application_id,
        }
        if self.title is not None:
            info["subscriptionTitle"] = self.title
        return info


class EventFeed:
    """The event stream and subscriptions of one mock (see the module docstring)."""

    def __init__(self, application_id: str, clock: Callable[[], float]) -> None:
        self.application_id = application_id
        self.clock = clock
        self.events: list[RecordedEvent] = []
        self.subscriptions: dict[str, MockSubscription] = {}
        self._next_seq = 1
        self._next_id = 1
        self._lock = threading.RLock()

    # ---- for tests -------------------------------------------------------------------

    def emit(self, event_type: str, *, user: str | None = "admin", **fields: Any) -> dict[str, Any]:
        """Publish an event (``fields`` are its parts, e.g. ``activityDetails={...}``); its body."""
        with self._lock:
            now = self.clock()
            body: dict[str, Any] = {"eventType": event_type, "time": ofs_time(now)}
            if user is not None:
                body["user"] = user
            body.update(fields)
            self.events.append(RecordedEvent(self._next_seq, now, body))
            self._next_seq += 1
            return body

    def subscribe(self, types: list[str], title: str | None = None) -> str:
        """Create a subscription as the API does (limit included); its id."""
        body: dict[str, Any] = {"subscriptionConfig": [{"events": list(types)}]}
        if title is not None:
            body["subscriptionTitle"] = title
        return str(self._create(body)["subscriptionId"])

    @property
    def active(self) -> list[MockSubscription]:
        """The subscriptions that have not expired."""
        with self._lock:
            self._expire()
            return list(self.subscriptions.values())

    # ---- hooks into the store and the custom actions ---------------------------------

    def on_store_change(
        self, collection: str, key: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
    ) -> None:
        """Publish the events a change of a stored object makes (see the module docstring)."""
        if collection not in _DETAIL_FIELDS:
            return
        details_name, detail_fields = _DETAIL_FIELDS[collection]
        current = after if after is not None else before or {}
        details = {name: current[name] for name in detail_fields if current.get(name) is not None}
        changed = {
            name: value
            for name, value in (after or {}).items()
            if before is None or before.get(name) != value
        }
        parts: dict[str, Any] = {details_name: details}
        noun = {"activities": "activity", "resources": "resource", "users": "user"}[collection]
        if after is None:
            self.emit(f"{noun}Deleted", **parts)
            return
        if changed:
            parts[_CHANGES[collection]] = changed
        if before is None:
            self.emit(f"{noun}Created", **parts)
            return
        if not changed:
            return
        if collection == "activities":
            if "resourceId" in changed:
                parts["moveDetails"] = {"moveCondition": "resourceToResource"}
                self.emit("activityMoved", **parts)
                return
            status_event = _STATUS_EVENTS.get(str(changed.get("status")))
            if status_event is not None:
                self.emit(status_event, **parts)
                return
            if changed.get("status") == "pending" and before.get("status") not in (None, "pending"):
                self.emit("activityReopened", **parts)
                return
        self.emit(f"{noun}Updated", **parts)

    # ---- the API -----------------------------------------------------------------------

    def answer(
        self, operation: str, valid_path: Mapping[str, Any], query: Mapping[str, Any], body: Any
    ) -> Any:
        """The body for one Events API operation; raises :class:`OFSError` for an error."""
        with self._lock:
            self._expire()
            self._prune()
            if operation == "create_subscription":
                return self._create(body if isinstance(body, dict) else {})
            if operation == "get_subscriptions":
                own_only = str(query.get("allSubscriptions", "false")).lower() != "true"
                return [
                    s.info()
                    for s in self.subscriptions.values()
                    if not own_only or s.application_id == self.application_id
                ]
            if operation == "get_events":
                subscription = self._subscription(str(query.get("subscriptionId", "")))
                return self._read(subscription, query)
            subscription = self._subscription(str(valid_path.get("subscriptionId", "")))
            if operation == "delete_subscription":
                del self.subscriptions[subscription.id]
                return None
            return subscription.info()

    def _create(self, body: Mapping[str, Any]) -> dict[str, Any]:
        config = body.get("subscriptionConfig")
        if not isinstance(config, list) or not config:
            events = body.get("events")
            if not isinstance(events, list) or not events:
                raise OFSError(400, "name the events: 'subscriptionConfig' or 'events' is required")
            config = [{"events": events}]
        types = frozenset(t for item in config if isinstance(item, dict) for t in item.get("events") or [])
        if not types:
            raise OFSError(400, "subscriptionConfig: every element needs a non-empty 'events'")
        title = body.get("subscriptionTitle")
        with self._lock:
            self._expire()
            now = self.clock()
            for existing in self.subscriptions.values():
                if existing.config == config and existing.title == title:
                    return {"subscriptionId": existing.id, "nextPage": _cursor(self._next_seq)}
            if len(self.subscriptions) >= SUBSCRIPTION_LIMIT:
                raise OFSError(503, f"Too many subscriptions registered. Found {len(self.subscriptions)}.")
            subscription_id = f"sub{self._next_id:06d}"
            self._next_id += 1
            self.subscriptions[subscription_id] = MockSubscription(
                subscription_id, title, config, types, self.application_id, now, now, self._next_seq,
                self._next_seq,
            )  # fmt: skip
            return {"subscriptionId": subscription_id, "nextPage": _cursor(self._next_seq)}

    def _subscription(self, subscription_id: str) -> MockSubscription:
        subscription = self.subscriptions.get(subscription_id)
        if subscription is None:
            raise OFSError(404, f"subscription {subscription_id!r} not found (it may have expired)")
        if subscription.application_id != self.application_id:
            raise OFSError(
                403,
                "Getting events is only allowed for the application which was used to create the subscription",
            )
        return subscription

    def _read(self, subscription: MockSubscription, query: Mapping[str, Any]) -> dict[str, Any]:
        now = self.clock()
        subscription.last_read = now
        since = query.get("since")
        if since is not None:
            try:
                moment = datetime.strptime(str(since), TIME_FORMAT).replace(tzinfo=UTC).timestamp()
            except ValueError:
                raise OFSError(400, f"since: expected 'YYYY-MM-DD HH:MM:SS', got {since!r}") from None
            # Whole seconds, as OFS keeps them: the first event of a later second.
            index = bisect.bisect_left([int(e.at) for e in self.events], int(moment) + 1)
            position = self.events[index].seq if index < len(self.events) else self._next_seq
            return {"found": False, "nextPage": _cursor(position), "items": []}
        page = query.get("page")
        if page is None:
            position = subscription.start
        elif page == "lastRequested":
            position = subscription.last_requested
        else:
            position = _position(str(page))
        subscription.last_requested = position
        limit = min(int(query.get("limit") or MAX_LIMIT), MAX_LIMIT)
        index = bisect.bisect_left(self.events, position, key=lambda e: e.seq)
        items: list[dict[str, Any]] = []
        next_position = max(position, self.events[0].seq if self.events else position)
        while index < len(self.events) and len(items) < limit:
            event = self.events[index]
            if event.body["eventType"] in subscription.types:
                items.append(event.body)
            next_position = event.seq + 1
            index += 1
        if not items:
            next_position = max(next_position, self._next_seq if index >= len(self.events) else next_position)
        return {"found": bool(items), "nextPage": _cursor(next_position), "items": items}

    def _expire(self) -> None:
        deadline = self.clock() - SUBSCRIPTION_LIFETIME
        for subscription_id in [s.id for s in self.subscriptions.values() if s.last_read < deadline]:
            del self.subscriptions[subscription_id]

    def _prune(self) -> None:
        cutoff = self.clock() - RETENTION
        drop = bisect.bisect_left(self.events, cutoff, key=lambda e: e.at)
        if drop:
            del self.events[:drop]


def _cursor(position: int) -> str:
    return f"p{position:x}"


def _position(page: str) -> int:
    try:
        if not page.startswith("p"):
            raise ValueError(page)
        return int(page[1:], 16)
    except ValueError:
        raise OFSError(400, f"page: {page!r} is not a nextPage this server returned") from None


ACTIONS_PATH = "/rest/ofscCore/v1/activities/{activityId}/custom-actions/"


def apply_activity_action(store: Any, template: str, key: str, body: Any) -> None:
    """Carry out the state change of an activity custom action on the store (so that it
    publishes its event): the status a status action sets, the resource of a move."""
    if not template.startswith(ACTIONS_PATH):
        return
    action = template.removeprefix(ACTIONS_PATH)
    existing = store.get("activities", key)
    if existing is None:
        return
    change: dict[str, Any] = {}
    if action in ACTION_STATUS:
        change["status"] = ACTION_STATUS[action]
    elif action == "move" and isinstance(body, dict):
        resource = (body.get("setResource") or {}).get("resourceId")
        if resource:
            change["resourceId"] = resource
    if change:
        store.put("activities", key, {**existing, **change})
