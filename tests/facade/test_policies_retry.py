"""The retry policy's rules, for all inputs (ofsc._retry: pure decisions, no I/O).

Each test states one rule of ``docs/BEST_PRACTICES.md`` ("Retries and idempotency") or of
the module's docstring; hypothesis checks it over many inputs.
"""

from __future__ import annotations

import email.utils
import random
import time

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc._config import Settings
from ofsc._retry import (
    RetryPolicy,
    is_transient,
    reached_server,
    retry_after_seconds,
    should_retry_status,
)

PROPERTY = settings(max_examples=60, deadline=None)
METHODS = st.sampled_from(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "POST", "PATCH"])
IDEMPOTENT = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}
NEVER_CONNECTED = [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout]
MAYBE_PROCESSED = [
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.CloseError,
    httpx.ProxyError,
]


@PROPERTY
@given(st.integers(min_value=100, max_value=599))
def test_exactly_the_transient_statuses_are_retried(status: int) -> None:
    """408, 429, 500, 502, 503 and 504 are retried; no other status is."""
    assert should_retry_status(status) is (status in {408, 429, 500, 502, 503, 504})


# The POSTs reviewed as safe to repeat (specs/overlay.toml [retry_safe]): they only read,
# or ask for a token.
REVIEWED_POSTS = {
    "POST /rest/oauthTokenService/v1/token",
    "POST /rest/oauthTokenService/v2/token",
    "POST /rest/ofscCore/v1/resources/custom-actions/findMatchingResources",
    "POST /rest/ofscCore/v1/resources/custom-actions/findResourcesForUrgentAssignment",
}


def test_the_generator_marks_exactly_get_put_delete_and_the_reviewed_posts_replay_safe() -> None:
    """Replay safety comes from each operation alone: GET, PUT and DELETE leave the same
    state when sent twice, and so do the reviewed POSTs; every other POST and every PATCH is
    not replayed once it may have reached OFS."""
    from ofsc_generated.operations import all_operations

    for operation in all_operations():
        expected = operation.method in ("GET", "PUT", "DELETE") or operation.key in REVIEWED_POSTS
        assert operation.retry_safe is expected, operation.key


@pytest.mark.parametrize("cls", NEVER_CONNECTED)
def test_connect_failures_never_reached_the_server(cls: type[httpx.TransportError]) -> None:
    """A failure to connect (refused, connect timeout, no pool slot) is always safe to retry."""
    assert reached_server(cls("x")) is False
    assert is_transient(cls("x"))


@pytest.mark.parametrize("cls", MAYBE_PROCESSED)
def test_failures_after_connecting_may_have_reached_the_server(cls: type[httpx.TransportError]) -> None:
    """Anything but a failure to connect may have been processed by the server."""
    assert reached_server(cls("x")) is True
    assert is_transient(cls("x"))


@pytest.mark.parametrize("cls", [httpx.LocalProtocolError, httpx.UnsupportedProtocol])
def test_a_request_that_cannot_be_sent_as_it_is_is_not_transient(cls: type[httpx.TransportError]) -> None:
    """A request httpx refuses to send (bad header, unknown scheme) fails the same way every time."""
    assert is_transient(cls("x")) is False


@PROPERTY
@given(
    st.integers(min_value=1, max_value=40),
    st.floats(min_value=0, max_value=10, allow_nan=False),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_backoff_without_jitter_doubles_from_the_initial_delay_up_to_the_cap(
    retry: int, initial: float, cap: float
) -> None:
    """Retry n waits initial_delay * 2**(n-1), never more than max_delay."""
    policy = RetryPolicy(initial_delay=initial, max_delay=cap, jitter=False)
    assert policy.backoff(retry) == min(cap, initial * 2.0 ** (retry - 1))


class RecordingRandom(random.Random):
    def __init__(self, pick: float) -> None:
        super().__init__(0)
        self.pick = pick
        self.calls: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.calls.append((a, b))
        return a + (b - a) * self.pick


@PROPERTY
@given(
    st.integers(min_value=1, max_value=12),
    st.floats(min_value=0.01, max_value=5),
    st.floats(min_value=0.01, max_value=50),
    st.floats(min_value=0, max_value=1),
)
def test_backoff_with_jitter_is_drawn_uniformly_below_the_exponential_ceiling(
    retry: int, initial: float, cap: float, pick: float
) -> None:
    """Full jitter: the wait is uniform over [0, min(max_delay, initial_delay * 2**(n-1))]."""
    rng = RecordingRandom(pick)
    policy = RetryPolicy(initial_delay=initial, max_delay=cap)
    ceiling = min(cap, initial * 2.0 ** (retry - 1))
    wait = policy.backoff(retry, rng)
    assert rng.calls == [(0, ceiling)]
    assert wait == pytest.approx(ceiling * pick)
    assert 0 <= policy.backoff(retry) <= ceiling  # the module's own random source


def test_the_default_policy_is_the_documented_one() -> None:
    """2 retries, waits from 0.5 s doubling to at most 8 s with jitter, Retry-After up to 60 s."""
    policy = RetryPolicy()
    assert (policy.max_retries, policy.initial_delay, policy.max_delay, policy.max_retry_after) == (
        2,
        0.5,
        8.0,
        60.0,
    )
    assert policy.jitter is True


def test_the_policy_follows_the_client_settings() -> None:
    """max_retries, initial_retry_delay, max_retry_delay and max_retry_after set the policy."""
    s = Settings(
        instance="acme",
        client_id="cid",
        client_secret="s",
        max_retries=7,
        initial_retry_delay=0.25,
        max_retry_delay=3.5,
        max_retry_after=12.0,
    )
    assert RetryPolicy.from_settings(s) == RetryPolicy(
        max_retries=7, initial_delay=0.25, max_delay=3.5, max_retry_after=12.0
    )


@PROPERTY
@given(st.floats(min_value=0, max_value=10_000, allow_nan=False), st.floats(min_value=0, max_value=600))
def test_retry_after_seconds_are_honoured_up_to_the_cap(hint: float, cap: float) -> None:
    """A Retry-After in seconds is the wait, up to max_retry_after."""
    policy = RetryPolicy(max_retry_after=cap)
    response = httpx.Response(429, headers={"Retry-After": repr(hint)})
    assert policy.delay_for_response(response, 1) == min(hint, cap)


def test_without_retry_after_the_wait_is_the_backoff() -> None:
    """With no Retry-After header (or an unreadable one) the wait is the exponential backoff."""
    policy = RetryPolicy(initial_delay=1.5, max_delay=100, jitter=False)
    assert policy.delay_for_response(httpx.Response(503), 3) == 6.0
    assert policy.delay_for_response(httpx.Response(503, headers={"Retry-After": "soon"}), 2) == 3.0


@PROPERTY
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from(["", " ", "\t"]))
def test_retry_after_in_seconds_is_never_negative(value: float, pad: str) -> None:
    """A number of seconds (surrounding blanks ignored) is the wait; a negative one is 0."""
    assert retry_after_seconds(f"{pad}{value!r}{pad}") == max(0.0, value)


@PROPERTY
@given(
    st.integers(min_value=-86_400, max_value=86_400),
    st.integers(min_value=1_000_000, max_value=2_000_000_000),
)
def test_retry_after_as_an_http_date_is_the_time_until_then(ahead: int, now: int) -> None:
    """An HTTP date is the seconds from now until then; a date in the past is 0."""
    value = email.utils.formatdate(now + ahead, usegmt=True)
    assert retry_after_seconds(value, now=now) == max(0.0, float(ahead))


def test_retry_after_as_an_http_date_is_measured_from_the_current_time() -> None:
    """Without an explicit ``now`` an HTTP date is measured from the wall clock."""
    far_future = email.utils.formatdate(4_000_000_000, usegmt=True)
    assert retry_after_seconds(far_future) == pytest.approx(4_000_000_000 - time.time(), abs=5)


@pytest.mark.parametrize("value", [None, "", "soon", "Mon, 99 Foo 2020"])
def test_an_absent_or_unreadable_retry_after_is_no_hint(value: str | None) -> None:
    """Nothing usable in Retry-After means no hint (the backoff applies)."""
    assert retry_after_seconds(value) is None
