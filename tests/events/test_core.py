"""The consumer's decisions, driven without any I/O: what it asks for, in which order,
and where it may be stopped."""

from __future__ import annotations

from typing import Any

import pytest

from ofsc import ConfigError, RequestValidationError
from ofsc.events import Checkpoint, EventStreamError, SubscriptionSpec
from ofsc.events._core import Call, ConsumerSettings, Deliver, Load, Save, Sleep, consume
from ofsc.events._metrics import EventMetrics
from ofsc_generated.models.get_events_response import GetEventsResponse

SPEC = SubscriptionSpec(("activityCreated",), "ofsc.events c")


def settings(**overrides: Any) -> ConsumerSettings:
    values: dict[str, Any] = {
        "consumer": "c",
        "subscription": SPEC,
        "jitter": lambda d: d,
        "clock": lambda: 0.0,
    }
    return ConsumerSettings(**{**values, **overrides})


def page(next_page: str | None, *times: str) -> GetEventsResponse:
    items = [
        {"eventType": "activityCreated", "time": t, "activityDetails": {"activityId": n}}
        for n, t in enumerate(times)
    ]
    return GetEventsResponse.model_validate({"nextPage": next_page, "items": items})


def test_empty_reads_back_off_exponentially_up_to_the_ceiling_and_keep_the_cursor() -> None:
    """After each empty read the consumer sleeps 1, 2, 4, 8, 8 ... seconds (idle_delay
    doubling up to max_idle_delay) and reads again from the same page; the first events
    reset the wait."""
    flow = consume(settings(idle_delay=1, max_idle_delay=8), EventMetrics("c"))
    assert next(flow) == Load("c")
    effect = flow.send(Checkpoint("c", "sub1", "p1"))
    sleeps = []
    for _ in range(5):
        assert effect == Call(
            "get_events", {"subscription_id": "sub1", "limit": 1000, "page": "p1"}, stoppable=True
        )
        effect = flow.send(page("p1"))
        assert isinstance(effect, Sleep) and effect.stoppable
        sleeps.append(effect.seconds)
        effect = flow.send(None)
    assert sleeps == [1, 2, 4, 8, 8]
    effect = flow.send(page("p2", "2026-01-01 00:00:00"))
    assert isinstance(effect, Deliver) and not effect.stoppable
    assert isinstance(flow.send(None), Save)
    assert flow.send(None).arguments["page"] == "p2"  # type: ignore[union-attr]
    assert flow.send(page("p2")) == Sleep(1)  # events reset the wait


def test_only_reads_and_waits_are_places_to_stop() -> None:
    """A stop request is honoured before a read or during a wait, never between handing a
    batch to the handler and saving the checkpoint past it."""
    flow = consume(settings(), EventMetrics("c"))
    effects = [next(flow), flow.send(Checkpoint("c", "sub1", "p1"))]
    effects.append(flow.send(page("p2", "2026-01-01 00:00:00")))
    effects.append(flow.send(None))
    assert [type(e).__name__ for e in effects] == ["Load", "Call", "Deliver", "Save"]
    assert [e.stoppable for e in effects] == [False, True, False, False]


def test_events_without_a_next_page_stop_the_consumer_instead_of_being_skipped() -> None:
    """A page of events without nextPage cannot be moved past: EventStreamError."""
    flow = consume(settings(), EventMetrics("c"))
    next(flow)
    flow.send(Checkpoint("c", "sub1", "p1"))
    with pytest.raises(EventStreamError, match="no nextPage"):
        flow.send(page(None, "2026-01-01 00:00:00"))


def test_bad_settings_are_refused_before_anything_is_sent() -> None:
    """Out-of-range settings raise ConfigError naming each; unknown event types and a bad
    title raise RequestValidationError naming where."""
    with pytest.raises(ConfigError) as config:
        settings(batch_size=5000, on_handler_error="skip", max_idle_delay=200_000.0)
    assert {"batch_size", "on_handler_error", "max_idle_delay"} <= config.value.problems.keys()
    with pytest.raises(RequestValidationError) as spec:
        SubscriptionSpec(("activityCreated", "activityNompleted"), "")
    assert [where for where, _ in spec.value.errors] == ["types[1]", "title"]


def test_the_subscription_body_names_the_types_filters_and_title() -> None:
    """The create request carries the title and one subscriptionConfig with the types and
    any filter expression, fields and monitored changes."""
    spec = SubscriptionSpec(
        ("activityCreated",), "t", "activityDetails.activityType == 'install'", ("apptNumber",)
    )
    assert spec.body() == {
        "subscriptionTitle": "t",
        "subscriptionConfig": [
            {
                "events": ["activityCreated"],
                "filterExpression": "activityDetails.activityType == 'install'",
                "fields": ["apptNumber"],
            }
        ],
    }
