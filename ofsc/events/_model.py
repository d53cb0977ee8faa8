"""What a consumer subscribes to, and what its handler receives."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, get_args

from .._exceptions import RequestValidationError

if TYPE_CHECKING:
    from ofsc_generated.models.event import Event

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # OFS's event and `since` times, in UTC
MAX_TITLE = 255


@cache
def event_types() -> frozenset[str]:
    """The event types the spec names (``activityCreated``, ``userUpdated``, ...)."""
    from ofsc_generated.models.event import Event

    found: set[str] = set()
    pending: list[Any] = [Event.model_fields["event_type"].annotation]
    while pending:
        annotation = pending.pop()
        for arg in get_args(annotation):
            if isinstance(arg, str):
                found.add(arg)
            else:
                pending.append(arg)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class SubscriptionSpec:
    """The subscription a consumer reads: event types, optional filters, and a title.

    ``filter_expression``, ``fields`` and ``monitor_changes`` are passed to OFS as they are
    (see ``subscriptionConfig`` in the API reference). The title names the consumer: a
    restarted consumer finds its subscription by it.
    """

    types: tuple[str, ...]
    title: str
    filter_expression: str | None = None
    fields: tuple[str, ...] | None = None
    monitor_changes: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        errors: list[tuple[str, str]] = []
        if not self.types:
            errors.append(("types", "name at least one event type"))
        known = event_types()
        for index, name in enumerate(self.types):
            if name not in known:
                errors.append((f"types[{index}]", f"unknown event type {name!r}"))
        if not 1 <= len(self.title) <= MAX_TITLE:
            errors.append(("title", f"must be 1 to {MAX_TITLE} characters, got {len(self.title)}"))
        if errors:
            raise RequestValidationError("create_subscription", errors)

    def body(self) -> dict[str, Any]:
        """The ``create_subscription`` request body."""
        config: dict[str, Any] = {"events": list(self.types)}
        if self.filter_expression:
            config["filterExpression"] = self.filter_expression
        if self.fields:
            config["fields"] = list(self.fields)
        if self.monitor_changes:
            config["monitorChanges"] = list(self.monitor_changes)
        return {"subscriptionTitle": self.title, "subscriptionConfig": [config]}

    def matches(self, info: dict[str, Any]) -> bool:
        """Whether a listed subscription (API field names) is this one: same title and config."""
        if info.get("subscriptionTitle") != self.title:
            return False
        configs = info.get("subscriptionConfig")
        if not isinstance(configs, list) or not configs:
            return True  # a listing without the config: the title decides
        wanted = self.body()["subscriptionConfig"][0]
        return any(
            isinstance(c, dict)
            and sorted(c.get("events") or []) == sorted(wanted["events"])
            and c.get("filterExpression") == wanted.get("filterExpression")
            for c in configs
        )


@dataclass(frozen=True, slots=True)
class ReceivedEvent:
    """One event as the handler receives it.

    ``id`` identifies the event for de-duplication: a digest of everything OFS sent for it,
    so the same event read twice (after a restart, or by a recovery with ``since``) has the
    same id. Two events with identical content (same type, time, user and details) share an
    id, and applying either is the same change. ``event`` is the parsed model (fields the
    spec does not know are kept); ``data`` the same as a dict with API field names.
    """

    id: str
    type: str
    time: datetime | None
    event: Event
    data: dict[str, Any] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Batch(Sequence[ReceivedEvent]):
    """The events of one read, oldest first. ``attempt`` is 1, then 2, ... when the handler
    is retried on the same batch."""

    events: tuple[ReceivedEvent, ...]
    subscription_id: str
    page: str | None  # the cursor the events were read from
    next_page: str  # where the checkpoint moves once the handler returns
    attempt: int = 1

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[ReceivedEvent]:
        return iter(self.events)

    def __getitem__(self, index: Any) -> Any:
        return self.events[index]

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.events]


def received(event: Event) -> ReceivedEvent:
    data = event.model_dump(mode="json", by_alias=True, exclude_unset=True)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    event_type = data.get("eventType")
    return ReceivedEvent(digest[:32], str(event_type or ""), parse_time(data.get("time")), event, data)


def parse_time(value: object) -> datetime | None:
    """An OFS time (``YYYY-MM-DD HH:MM:SS``, UTC); None when absent or not a time."""
    return _parse_time(value) if isinstance(value, str) else None


@lru_cache(maxsize=256)  # the events of one read share few distinct seconds
def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)  # C-fast; OFS's form is ISO with a space
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def format_time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime(TIME_FORMAT)
