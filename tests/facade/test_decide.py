"""``decide``: the retry rules of docs/SECURITY.md as a pure function of one attempt's outcome."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from ofsc import APIConnectionError, APIStatusError
from ofsc._pipeline import (
    Answered,
    Finish,
    GiveUp,
    RefreshToken,
    Retry,
    Situation,
    TokenFailed,
    TransportFailed,
    decide,
)
from ofsc._retry import RetryPolicy
from ofsc._wire import Answer, BaseURL, OutgoingRequest

POLICY = RetryPolicy(max_retries=2, initial_delay=0.5, jitter=False)
FIRST = Situation(
    attempt=1, retry=POLICY, replayable=True, replay_safe=False, can_refresh_token=False, time_left=60.0
)


REQUEST = OutgoingRequest("GET", BaseURL("https://a.example"), "/x", {}, httpx.Timeout(1))


def answered(status: int, **headers: str) -> Answered:
    return Answered(Answer(status, httpx.Headers(headers), REQUEST, content=b""))


def test_a_success_finishes() -> None:
    """Promise: a 2xx answer ends the call."""
    assert decide(answered(200), FIRST) == Finish()


@pytest.mark.parametrize("status", [408, 429, 503])
def test_a_status_that_says_not_processed_is_retried_even_for_a_post(status: int) -> None:
    """Promise: 408, 429 and 503 are replayed even when the operation is not safe to repeat."""
    assert decide(answered(status), FIRST) == Retry(0.5, f"HTTP {status}")


@pytest.mark.parametrize("status", [500, 502, 504])
def test_a_server_error_is_retried_only_when_safe(status: int) -> None:
    """Promise: a 500/502/504 may have acted: replayed only for a retry-safe operation; the
    breaker hears a failure when the call gives up."""
    assert decide(answered(status), FIRST) == GiveUp(service_failed=True)
    assert decide(answered(status), replace(FIRST, replay_safe=True)) == Retry(0.5, f"HTTP {status}")


def test_a_client_error_gives_up_and_counts_as_the_service_working() -> None:
    """Promise: a 4xx other than 408/429 is not retried and is not a failure of the service."""
    assert decide(answered(404), replace(FIRST, replay_safe=True)) == GiveUp(service_failed=False)


def test_retry_after_sets_the_wait_and_retries_stop_at_max_retries() -> None:
    """Promise: Retry-After is honoured (up to its cap); after max_retries retries the call gives up."""
    assert decide(answered(429, **{"Retry-After": "3"}), FIRST) == Retry(3.0, "HTTP 429")
    assert decide(answered(503), replace(FIRST, attempt=3)) == GiveUp(service_failed=True)


def test_no_retry_whose_wait_would_pass_the_deadline() -> None:
    """Promise: a retry whose wait would pass the call's deadline is not made."""
    assert decide(answered(503), replace(FIRST, time_left=0.4)) == GiveUp(service_failed=True)


def test_a_401_refreshes_the_token_once() -> None:
    """Promise: with OAuth2 a 401 fetches a new token and replays the call, once."""
    assert decide(answered(401), replace(FIRST, can_refresh_token=True)) == RefreshToken()
    assert decide(answered(401), FIRST) == GiveUp(service_failed=False)


def test_transport_errors_replay_only_what_cannot_act_twice() -> None:
    """Promise: a failure to connect is always retried; a reset after sending only when safe;
    a one-shot body never; a request that cannot be sent is neither retried nor counted."""
    connect, reset = httpx.ConnectError("refused"), httpx.ReadError("reset")
    assert decide(TransportFailed(connect), FIRST) == Retry(0.5, "ConnectError")
    assert decide(TransportFailed(reset), FIRST) == GiveUp(service_failed=True)
    assert decide(TransportFailed(reset), replace(FIRST, replay_safe=True)) == Retry(0.5, "ReadError")
    assert decide(TransportFailed(connect), replace(FIRST, replayable=False)) == GiveUp(service_failed=True)
    assert decide(TransportFailed(httpx.LocalProtocolError("bad header")), FIRST) == GiveUp(
        service_failed=None
    )


def test_a_token_service_failure_is_retried_unless_it_refused_the_credentials() -> None:
    """Promise: a passing token-service failure is retried like the call; a 4xx from it is not."""
    down = APIConnectionError("ConnectError", method="POST", url="https://x/token")
    assert decide(TokenFailed(down), FIRST) == Retry(0.5, f"token service: {down}")
    refused = APIStatusError(httpx.Response(401, request=httpx.Request("POST", "https://x/token")))
    assert decide(TokenFailed(refused), FIRST) == GiveUp(service_failed=False)
