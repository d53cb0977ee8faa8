"""Retries, Retry-After, replay safety, timeouts and the circuit breaker (in-process server).

Waits are read from the ``ofsc`` logger's retry records (``record.ofsc["delay"]``), so no
test measures time; settings keep the real sleeps at zero or a few milliseconds.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from typing import Any

import httpx
import pytest

from ofsc import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    CircuitOpenError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
)
from ofsc._circuit import CircuitBreaker
from ofsc._retry import RetryPolicy, retry_after_seconds
from ofsc.testing import SchemaSampler
from ofsc_generated.operations.core import CREATE_ACTIVITY, FIND_MATCHING_RESOURCES

from .conftest import ACTIVITY_PATH, Facade, Server, error

OK = httpx.Response(200, json={"activityId": 1})
CREATE_PATH = "/rest/ofscCore/v1/activities"
FIND_PATH = "/rest/ofscCore/v1/resources/custom-actions/findMatchingResources"


def retry_delays(caplog: pytest.LogCaptureFixture) -> list[float]:
    return [r.ofsc["delay"] for r in caplog.records if r.getMessage().startswith("retrying")]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _log_retries(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ofsc")


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried(facade: Facade, server: Server, status: int) -> None:
    server.on("GET", ACTIVITY_PATH, error(status), error(status), OK)
    client = facade.client(server)
    assert facade(client.core.get_activity(activity_id=1)).activity_id == 1
    assert len(server.requests) == 3  # the default: 2 retries


@pytest.mark.parametrize(("status", "cls"), [(400, BadRequestError), (404, NotFoundError)])
def test_client_errors_are_not_retried(facade: Facade, server: Server, status: int, cls: type) -> None:
    server.on("GET", ACTIVITY_PATH, error(status), OK)
    client = facade.client(server)
    facade.raises(cls, lambda: client.core.get_activity(activity_id=1))
    assert len(server.requests) == 1


def test_retries_give_up_after_max_retries(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(503))
    client = facade.client(server, max_retries=3)
    exc = facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))
    assert exc.attempts == 4 and len(server.requests) == 4


def test_per_call_and_per_copy_retry_settings(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(503))
    client = facade.client(server)
    facade.raises(
        InternalServerError, lambda: client.core.get_activity(activity_id=1, options={"max_retries": 0})
    )
    assert len(server.requests) == 1
    facade.raises(
        InternalServerError, lambda: client.with_options(max_retries=1).core.get_activity(activity_id=1)
    )
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    "raised", [httpx.ConnectError("refused"), httpx.ReadError("reset"), httpx.ReadTimeout("slow")]
)
def test_connection_errors_and_timeouts_are_retried(
    facade: Facade, server: Server, raised: Exception
) -> None:
    server.on("GET", ACTIVITY_PATH, raised, OK)
    client = facade.client(server)
    assert facade(client.core.get_activity(activity_id=1)).activity_id == 1
    assert len(server.requests) == 2


def test_retry_after_seconds_is_honoured(
    facade: Facade, server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    server.on("GET", ACTIVITY_PATH, error(429, **{"Retry-After": "0.02"}), OK)
    client = facade.client(server, initial_retry_delay=5.0)  # the hint wins over backoff
    facade(client.core.get_activity(activity_id=1))
    assert retry_delays(caplog) == [0.02]


def test_retry_after_http_date_is_honoured_up_to_the_cap(
    facade: Facade, server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    in_an_hour = email.utils.formatdate(time.time() + 3600, usegmt=True)
    server.on("GET", ACTIVITY_PATH, error(503, **{"Retry-After": in_an_hour}), OK)
    client = facade.client(server, max_retry_after=0.01)
    facade(client.core.get_activity(activity_id=1))
    assert retry_delays(caplog) == [0.01]


def test_rate_limit_error_after_the_last_retry(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(429, **{"Retry-After": "0"}))
    client = facade.client(server, max_retries=1)
    exc = facade.raises(RateLimitError, lambda: client.core.get_activity(activity_id=1))
    assert exc.attempts == 2


def test_backoff_grows_with_full_jitter_under_a_cap(
    facade: Facade, server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    server.on("GET", ACTIVITY_PATH, error(500))
    client = facade.client(server, max_retries=4, initial_retry_delay=0.001, max_retry_delay=0.004)
    facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))
    ceilings = [0.001, 0.002, 0.004, 0.004]
    delays = retry_delays(caplog)
    assert len(delays) == 4 and all(0 <= d <= c for d, c in zip(delays, ceilings, strict=True))


def test_backoff_policy() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=3.0)
    assert [
        RetryPolicy(initial_delay=0.5, max_delay=3.0, jitter=False).backoff(n) for n in (1, 2, 3, 4, 5)
    ] == [
        0.5,
        1.0,
        2.0,
        3.0,
        3.0,
    ]
    rng = random.Random(7)
    samples = [policy.backoff(3, rng) for _ in range(200)]
    assert all(0 <= s <= 2.0 for s in samples) and min(samples) < 0.5 < max(samples) > 1.5
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None


def _create_args() -> dict[str, Any]:
    return SchemaSampler(seed=1).arguments(CREATE_ACTIVITY, optional=False)


def _find_args() -> dict[str, Any]:
    return SchemaSampler(seed=1).arguments(FIND_MATCHING_RESOURCES, optional=False)


@pytest.mark.parametrize(
    ("failure", "replayed"),
    [
        (httpx.ConnectError("refused"), True),  # never reached the server
        (error(503), True),  # refused without acting
        (error(429), True),
        (httpx.ReadError("connection reset"), False),  # may have been processed
        (httpx.ReadTimeout("slow"), False),
        (error(500), False),
        (error(502), False),
    ],
)
def test_post_is_replayed_only_when_it_cannot_act_twice(
    facade: Facade, server: Server, failure: Any, replayed: bool
) -> None:
    created = httpx.Response(201, json={"activityId": 2})
    server.on("POST", CREATE_PATH, failure, created)
    client = facade.client(server)
    call = lambda: client.core.create_activity(**_create_args())  # noqa: E731
    if replayed:
        assert facade(call()).activity_id == 2
    else:
        facade.raises((APIConnectionError, InternalServerError), call)
    assert len(server.requests) == (2 if replayed else 1)


def test_post_known_safe_or_declared_safe_is_replayed(facade: Facade, server: Server) -> None:
    server.on("POST", FIND_PATH, error(500), httpx.Response(200, json={"items": []}))
    client = facade.client(server)
    facade(client.core.find_matching_resources(**_find_args()))  # [retry_safe] in the overlay
    assert len(server.requests) == 2
    server.on("POST", CREATE_PATH, httpx.ReadError("reset"), httpx.Response(201, json={"activityId": 2}))
    facade(client.core.create_activity(**_create_args(), options={"retry_unsafe": True}))
    assert len(server.calls(CREATE_PATH)) == 2


def test_timeout_defaults_are_finite_and_overridable(facade: Facade, server: Server) -> None:
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1))
    facade(client.core.get_activity(activity_id=1, options={"timeout": 2.5}))
    facade(client.core.get_activity(activity_id=1, options={"timeout": None}))  # None: the client's
    timeouts = [r.extensions["timeout"] for r in server.requests]
    assert timeouts[0] == {"connect": 30.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert set(timeouts[1].values()) == {2.5}
    assert timeouts[2] == timeouts[0]


def test_timeout_after_retries_is_an_api_timeout_error(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, httpx.ReadTimeout("slow"))
    client = facade.client(server, max_retries=1)
    exc = facade.raises(APITimeoutError, lambda: client.core.get_activity(activity_id=1))
    assert exc.attempts == 2


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_circuit_opens_after_consecutive_failures_and_probes_after_cooldown(
    facade: Facade, server: Server
) -> None:
    server.on("GET", ACTIVITY_PATH, error(503))
    client = facade.client(server, max_retries=0, circuit_breaker_threshold=3, circuit_breaker_cooldown=30)
    clock = client.circuit.clock = FakeClock()
    for _ in range(3):
        facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))
    assert client.circuit.state == "open"
    exc = facade.raises(CircuitOpenError, lambda: client.core.get_activity(activity_id=1))
    assert exc.failures == 3 and exc.retry_in == 30
    assert len(server.requests) == 3  # failing fast: the network was not touched
    clock.now += 30
    assert client.circuit.state == "half-open"
    facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))  # the probe fails
    facade.raises(CircuitOpenError, lambda: client.core.get_activity(activity_id=1))
    assert len(server.requests) == 4
    clock.now += 30
    server.on("GET", ACTIVITY_PATH, OK)
    facade(client.core.get_activity(activity_id=1))  # the probe succeeds: closed again
    facade(client.core.get_activity(activity_id=1))
    assert client.circuit.state == "closed" and len(server.requests) == 6


def test_circuit_is_shared_by_copies_and_ignores_client_errors(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(404))
    client = facade.client(server, circuit_breaker_threshold=2)
    for _ in range(3):
        facade.raises(
            NotFoundError, lambda: client.with_options(max_retries=0).core.get_activity(activity_id=1)
        )
    assert client.circuit.state == "closed"  # the service answered: it is up
    server.on("GET", ACTIVITY_PATH, error(500))
    facade.raises(
        InternalServerError, lambda: client.with_options(max_retries=1).core.get_activity(activity_id=1)
    )
    assert client.circuit.failures == 1  # one failed call, however many attempts it made
    facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))
    facade.raises(CircuitOpenError, lambda: client.core.get_activity(activity_id=1))


def test_circuit_disabled_with_threshold_zero(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(500))
    client = facade.client(server, max_retries=0, circuit_breaker_threshold=0)
    for _ in range(10):
        facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))
    assert len(server.requests) == 10


def test_a_probe_that_never_reports_is_replaced_after_another_cooldown() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=1, cooldown=10, clock=clock)
    breaker.record_failure()
    clock.now += 10
    breaker.before_call()  # the probe goes out... and is cancelled, never reporting
    with pytest.raises(CircuitOpenError):
        breaker.before_call()
    clock.now += 10
    breaker.before_call()  # a new probe
    breaker.record_success()
    assert breaker.state == "closed"
