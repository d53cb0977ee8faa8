"""One call's life, decision by decision (ofsc._pipeline, driven here without any I/O).

The pipeline is a generator that yields the I/O it needs; these tests answer its ``Send``
effects by hand and record its ``Sleep`` effects, so each replay rule of
``docs/BEST_PRACTICES.md`` ("Retries and idempotency") is checked exactly:

- GET, PUT and DELETE are replayed whatever went wrong;
- POST and PATCH only when the connection was never made, or when OFS answered 408, 429 or
  503 (it did not act), or when the operation or the call says it is safe;
- a one-shot stream body is never replayed;
- a 401 refreshes the OAuth2 token and replays once;
- a request that cannot be sent as it is fails at once and does not count as a failure of the service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CircuitOpenError,
    InternalServerError,
    RequestValidationError,
)
from ofsc._auth import TokenState
from ofsc._circuit import CircuitBreaker
from ofsc._instrument import Instrumentation
from ofsc._operation import Body, Operation, Param
from ofsc._pipeline import (
    AcquireTokenLock,
    CallSettings,
    ReadBody,
    ReleaseTokenLock,
    Send,
    Sleep,
    call_flow,
    strict_responses,
)
from ofsc._retry import RetryPolicy
from ofsc._wire import Answer, BaseURL

PROPERTY = settings(max_examples=40, deadline=None)
BASE = "https://acme.example"
RETRY_STATUSES = [408, 429, 500, 502, 503, 504]
NOT_PROCESSED = {408, 429, 503}
IDEMPOTENT = {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"}


def op(
    method: str = "GET", *, retry_safe: bool | None = None, body: Body | None = None, kind: Any = "model"
) -> Operation[Any]:
    """An operation as the generator makes it: GET, PUT, DELETE, HEAD and OPTIONS replay-safe
    unless said otherwise."""
    if retry_safe is None:
        retry_safe = method in IDEMPOTENT
    params = (Param("item_id", "itemId", "path", True, (int,)), Param("q", "q", "query", False, (str,)))
    return Operation(
        "core", "item", method, "/rest/items/{itemId}", params, (200,), kind, body=body, retry_safe=retry_safe
    )


class Clock:
    """A clock the test moves: each Sleep effect advances it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def call_settings(
    *,
    retries: int = 2,
    token: TokenState | None = None,
    circuit: CircuitBreaker | None = None,
    strict: bool = False,
    clock: Clock | None = None,
    call_timeout: float = 120.0,
    max_size: int | None = None,
) -> CallSettings:
    return CallSettings(
        clock=clock or Clock(),
        call_timeout=call_timeout,
        max_response_size=max_size,
        base_url=BaseURL(BASE),
        headers={"User-Agent": "t"},
        timeout=httpx.Timeout(30.0),
        retry=RetryPolicy(max_retries=retries, initial_delay=1.0, max_delay=100.0, jitter=False),
        basic="Basic creds",
        token=token,
        circuit=circuit or CircuitBreaker(threshold=100),
        instrumentation=Instrumentation(),
        strict_responses=strict,
    )


Reply = Exception | Callable[[Send], Answer]


def answer(status: int, **kwargs: Any) -> Callable[[Send], Answer]:
    """An answer as an httpx sender gives it, read whole."""

    def respond(effect: Send) -> Answer:
        request = httpx.Request(effect.request.method, effect.request.url)
        response = httpx.Response(status, request=request, **kwargs)
        reply = Answer.of_httpx(response, effect.request)
        reply.content = response.read()
        return reply

    return respond


class Run:
    """Drives a flow: answers each Send from ``answers`` in turn and records every effect."""

    def __init__(self, answers: list[Reply]) -> None:
        self.answers: Iterator[Reply] = iter(answers)
        self.effects: list[Any] = []

    @property
    def sends(self) -> list[Send]:
        return [e for e in self.effects if isinstance(e, Send)]

    @property
    def sleeps(self) -> list[float]:
        return [e.seconds for e in self.effects if isinstance(e, Sleep)]

    def __call__(
        self,
        settings: CallSettings,
        operation: Operation[Any],
        args: dict[str, Any] | None = None,
        options: Any = None,
    ) -> Any:
        flow = call_flow(settings, operation, args or {"item_id": 1}, options)
        effect = next(flow)
        while True:
            self.effects.append(effect)
            try:
                if isinstance(effect, Send):
                    reply = next(self.answers)
                    effect = flow.throw(reply) if isinstance(reply, Exception) else flow.send(reply(effect))
                else:
                    if isinstance(effect, Sleep) and isinstance(settings.clock, Clock):
                        settings.clock.now += effect.seconds
                    effect = flow.send(None)
            except StopIteration as stop:
                return stop.value


OK = answer(200, json={"ok": True})


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "HEAD", "OPTIONS"])
@pytest.mark.parametrize("status", RETRY_STATUSES)
def test_idempotent_methods_are_replayed_after_any_retryable_status(method: str, status: int) -> None:
    """GET, PUT and DELETE (and HEAD, OPTIONS) are retried whatever the transient status."""
    run = Run([answer(status), OK])
    assert run(call_settings(), op(method)).status_code == 200
    assert len(run.sends) == 2 and run.sleeps == [1.0]


@pytest.mark.parametrize("method", ["POST", "PATCH"])
@pytest.mark.parametrize("status", RETRY_STATUSES)
def test_writes_are_replayed_only_after_statuses_that_say_nothing_was_done(method: str, status: int) -> None:
    """A POST or PATCH is sent again after 408, 429 or 503 (OFS did not act on it), never
    after 500, 502 or 504 (it may have been carried out)."""
    run = Run([answer(status), OK])
    if status in NOT_PROCESSED:
        assert run(call_settings(), op(method)).status_code == 200
        assert len(run.sends) == 2
    else:
        with pytest.raises(InternalServerError) as caught:
            run(call_settings(), op(method))
        assert caught.value.attempts == 1 and len(run.sends) == 1 and run.sleeps == []


@pytest.mark.parametrize("status", [500, 502, 504])
def test_writes_known_or_declared_safe_are_replayed(status: int) -> None:
    """An operation marked retry_safe, or a call with retry_unsafe=True, is replayed like a PUT."""
    run = Run([answer(status), OK])
    assert run(call_settings(), op("POST", retry_safe=True)).status_code == 200
    run = Run([answer(status), OK])
    assert run(call_settings(), op("POST"), options={"retry_unsafe": True}).status_code == 200
    assert len(run.sends) == 2


@pytest.mark.parametrize(
    "exc", [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("full")]
)
def test_a_write_is_replayed_when_the_connection_was_never_made(exc: Exception) -> None:
    """Nothing can have been processed when the connection failed: a POST is sent again."""
    run = Run([exc, OK])
    assert run(call_settings(), op("POST")).status_code == 200
    assert len(run.sends) == 2


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ReadTimeout("slow"), APITimeoutError),
        (httpx.ReadError("reset"), APIConnectionError),
        (httpx.RemoteProtocolError("eof"), APIConnectionError),
    ],
)
def test_a_write_that_may_have_reached_the_server_is_not_replayed(
    exc: Exception, cls: type[Exception]
) -> None:
    """A POST that failed after it was sent may have been carried out: it raises instead."""
    run = Run([exc, OK])
    with pytest.raises(cls) as caught:
        run(call_settings(), op("POST"))
    assert type(caught.value) is cls
    assert len(run.sends) == 1
    run = Run([exc, OK])
    assert run(call_settings(), op("GET")).status_code == 200  # a GET is replayed


def chunks() -> Iterator[bytes]:
    yield b"chunk"


STREAM = Body("binary", name="content")


@pytest.mark.parametrize("failure", [httpx.ConnectError("refused"), httpx.ReadError("reset"), 503, 500])
def test_a_one_shot_stream_body_is_never_replayed(failure: Exception | int) -> None:
    """An upload from an iterator is consumed by the first attempt: not retried, whatever failed."""
    run = Run([failure if isinstance(failure, Exception) else answer(failure), OK])
    with pytest.raises((APIConnectionError, InternalServerError)):
        run(call_settings(), op("PUT", retry_safe=True, body=STREAM), {"item_id": 1, "content": chunks()})
    assert len(run.sends) == 1
    run = Run([failure if isinstance(failure, Exception) else answer(failure), OK])
    assert (
        run(call_settings(), op("PUT", body=STREAM), {"item_id": 1, "content": b"bytes"}).status_code == 200
    )


def test_a_request_that_cannot_be_sent_fails_at_once_and_is_not_a_service_failure() -> None:
    """A request httpx refuses to send is not retried and does not count towards the breaker."""
    circuit = CircuitBreaker(threshold=1)
    run = Run([httpx.LocalProtocolError("bad header"), OK])
    with pytest.raises(APIConnectionError, match="LocalProtocolError: bad header"):
        run(call_settings(circuit=circuit), op("GET"))
    assert len(run.sends) == 1 and circuit.failures == 0 and circuit.state == "closed"


@PROPERTY
@given(st.integers(min_value=0, max_value=5), st.sampled_from(RETRY_STATUSES))
def test_a_call_is_tried_max_retries_plus_one_times_with_growing_waits(retries: int, status: int) -> None:
    """max_retries retries, then the last error with the attempts made; waits double from the
    initial delay; a call that gave up counts towards the breaker."""
    circuit = CircuitBreaker(threshold=100)
    run = Run([answer(status)] * (retries + 1))
    with pytest.raises(APIStatusError) as caught:
        run(call_settings(retries=retries, circuit=circuit), op("GET"))
    assert caught.value.status_code == status
    assert caught.value.attempts == retries + 1
    assert len(run.sends) == retries + 1
    assert run.sleeps == [2.0**n for n in range(retries)]
    assert circuit.failures >= 1


@PROPERTY
@given(st.integers(min_value=0, max_value=4))
def test_transport_errors_are_retried_max_retries_times(retries: int) -> None:
    """A connection error is retried like a transient status; the error says how many attempts."""
    run = Run([httpx.ConnectError("refused")] * (retries + 1))
    with pytest.raises(APIConnectionError) as caught:
        run(call_settings(retries=retries), op("GET"), {"item_id": 1, "q": "secret-query"})
    assert caught.value.attempts == retries + 1 and len(run.sends) == retries + 1
    assert run.sleeps == [2.0**n for n in range(retries)]
    assert caught.value.url == f"{BASE}/rest/items/1"  # the query is left out
    plural = "s" if retries else ""
    assert (
        str(caught.value) == f"ConnectError: refused (GET {BASE}/rest/items/1, {retries + 1} attempt{plural})"
    )


def test_an_error_without_text_is_named_by_its_type() -> None:
    """A transport error with an empty message still says what happened."""
    run = Run([httpx.ReadTimeout("")])
    with pytest.raises(APITimeoutError) as caught:
        run(call_settings(retries=0), op("GET"))
    assert str(caught.value).startswith(f"ReadTimeout (GET {BASE}/rest/items/1")


def test_per_call_options_override_the_client() -> None:
    """options max_retries and timeout apply to the call (a negative count is refused before
    anything is sent); timeout None keeps the client's."""
    run = Run([answer(503)] * 5)
    with pytest.raises(InternalServerError):
        run(call_settings(retries=3), op("GET"), options={"max_retries": 0})
    assert len(run.sends) == 1
    run = Run([answer(503)] * 5)
    with pytest.raises(RequestValidationError):
        run(call_settings(retries=3), op("GET"), options={"max_retries": -2})
    assert run.sends == []
    run = Run([answer(503)] * 5)
    with pytest.raises(InternalServerError):
        run(call_settings(retries=0), op("GET"), options={"max_retries": 2, "timeout": 3.0})
    assert len(run.sends) == 3
    assert all(s.request.timeout == httpx.Timeout(3.0) for s in run.sends)
    run = Run([OK])
    run(call_settings(), op("GET"), options={"timeout": None})
    assert run.sends[0].request.timeout == httpx.Timeout(30.0)


def test_retry_after_is_the_wait() -> None:
    """A 429's Retry-After in seconds is how long the call sleeps."""
    run = Run([answer(429, headers={"Retry-After": "7"}), OK])
    run(call_settings(), op("POST"))
    assert run.sleeps == [7.0]


def test_a_client_error_is_raised_at_once_and_the_service_counts_as_up() -> None:
    """A 400 is the request's fault: raised at once, and the breaker's count is reset."""
    circuit = CircuitBreaker(threshold=3)
    circuit.record_failure()
    circuit.record_failure()
    run = Run([answer(400, json={"title": "Bad", "detail": "no"}), OK])
    with pytest.raises(BadRequestError) as caught:
        run(call_settings(circuit=circuit), op("GET"))
    assert caught.value.attempts == 1 and circuit.failures == 0


def test_a_success_resets_the_breaker_and_an_open_breaker_sends_nothing() -> None:
    """A 2xx closes the count; with the breaker open, the call fails fast before any I/O."""
    circuit = CircuitBreaker(threshold=2)
    circuit.record_failure()
    Run([OK])(call_settings(circuit=circuit), op("GET"))
    assert circuit.failures == 0
    circuit.record_failure()
    circuit.record_failure()
    run = Run([OK])
    with pytest.raises(CircuitOpenError):
        run(call_settings(circuit=circuit), op("GET"))
    assert run.effects == []


def test_basic_auth_is_sent_on_every_attempt() -> None:
    """Without OAuth2 the Basic credentials go out with each request, under the client's headers."""
    run = Run([answer(503), OK])
    run(call_settings(), op("GET"))
    assert [s.request.headers["Authorization"] for s in run.sends] == ["Basic creds", "Basic creds"]
    assert all(s.request.headers["User-Agent"] == "t" for s in run.sends)


def token_state() -> TokenState:
    return TokenState(basic="Basic creds", clock=lambda: 1000.0)


def token(value: str) -> Callable[[Send], Answer]:
    return answer(200, json={"access_token": value, "expires_in": 3600})


def test_a_token_is_fetched_under_the_lock_then_used() -> None:
    """OAuth2: the token is fetched once, between AcquireTokenLock and ReleaseTokenLock, with
    the Basic credentials; the call then carries it as a Bearer token."""
    state = token_state()
    run = Run([token("t1"), OK, OK])
    run(call_settings(token=state), op("GET"))
    run(call_settings(token=state), op("GET"))
    kinds = [type(e) for e in run.effects]
    assert kinds == [AcquireTokenLock, Send, ReleaseTokenLock, Send, Send]
    fetch, first, second = run.sends
    assert fetch.request.method == "POST" and fetch.request.headers["Authorization"] == "Basic creds"
    assert first.request.headers["Authorization"] == second.request.headers["Authorization"] == "Bearer t1"
    assert state.fetches == 1


def test_a_401_refreshes_the_token_and_replays_once() -> None:
    """A 401 may mean a revoked or early-expired token: the token is fetched anew and the call
    replayed once; a second 401 raises AuthenticationError."""
    state = token_state()
    run = Run([token("t1"), answer(401), token("t2"), OK])
    assert run(call_settings(token=state, retries=0), op("POST")).status_code == 200
    calls = [s for s in run.sends if s.request.method == "POST" and "items" in s.request.target]
    assert [c.request.headers["Authorization"] for c in calls] == ["Bearer t1", "Bearer t2"]
    run = Run([answer(401), token("t3"), answer(401), OK])
    with pytest.raises(AuthenticationError) as caught:
        run(call_settings(token=state, retries=0), op("GET"))
    assert caught.value.attempts == 1
    assert state.fetches == 3


def test_a_401_with_basic_auth_is_not_replayed() -> None:
    """Without a token to refresh a 401 raises at once."""
    run = Run([answer(401), OK])
    with pytest.raises(AuthenticationError):
        run(call_settings(), op("GET"))
    assert len(run.sends) == 1


@pytest.mark.parametrize("failure", [503, 429, httpx.ConnectError("refused")])
def test_a_passing_token_service_failure_is_retried(failure: int | Exception) -> None:
    """The token service failing with a transient status or a connection error is retried like the call."""
    state = token_state()
    run = Run([failure if isinstance(failure, Exception) else answer(failure), token("t1"), OK])
    assert run(call_settings(token=state), op("POST")).status_code == 200
    assert run.sleeps == [1.0]


def test_a_refused_token_request_is_not_retried() -> None:
    """A 400 or 401 from the token service is final (retrying would not help)."""
    run = Run([answer(401, json={"error": "invalid_client"}), token("t1"), OK])
    with pytest.raises(AuthenticationError):
        run(call_settings(token=token_state()), op("GET"))
    assert len(run.sends) == 1 and run.sleeps == []
    assert isinstance(run.effects[-1], ReleaseTokenLock)  # the lock is released on failure


def test_a_failed_download_reads_its_body_before_raising() -> None:
    """A streamed (binary) answer that is an error has its body read, for the error's detail."""
    run = Run([answer(404, json={"title": "Not Found", "detail": "gone"})])
    with pytest.raises(Exception, match="gone"):
        run(call_settings(), op("GET", kind="binary"))
    assert run.sends[0].stream is True
    assert any(isinstance(e, ReadBody) for e in run.effects)
    run = Run([answer(404)])
    with pytest.raises(Exception, match="404"):
        run(call_settings(), op("GET"))
    assert run.sends[0].stream is False and not any(isinstance(e, ReadBody) for e in run.effects)


def test_strict_responses_is_the_calls_option_else_the_clients() -> None:
    """options["strict_responses"] (True or False) wins; None or absent keeps the client's setting."""
    lenient, strict = call_settings(), call_settings(strict=True)
    assert strict_responses(lenient, None) is False and strict_responses(strict, None) is True
    assert strict_responses(lenient, {"strict_responses": True}) is True
    assert strict_responses(strict, {"strict_responses": False}) is False
    assert strict_responses(strict, {"strict_responses": None}) is True
    assert strict_responses(strict, {}) is True


def test_a_retry_that_would_pass_the_call_deadline_is_not_waited_for() -> None:
    """call_timeout bounds the whole call, waits included: a wait that leaves no time for
    another attempt ends the call with the last error, counted as a failed call."""
    circuit = CircuitBreaker(threshold=100)
    run = Run([answer(503, headers={"Retry-After": "30"}), OK])
    with pytest.raises(InternalServerError) as caught:
        run(call_settings(call_timeout=20.0, circuit=circuit), op("GET"))
    assert caught.value.attempts == 1 and run.sleeps == [] and circuit.failures == 1
    run = Run([answer(503, headers={"Retry-After": "5"}), OK])
    assert run(call_settings(call_timeout=20.0), op("GET")).status_code == 200
    assert run.sleeps == [5.0]
    run = Run([answer(503, headers={"Retry-After": "20"}), OK])
    with pytest.raises(InternalServerError):
        run(call_settings(call_timeout=20.0), op("GET"))  # exactly the time left: no attempt could follow


def test_each_attempt_gets_the_smaller_of_its_timeout_and_the_time_left() -> None:
    """An attempt's timeout never runs past the call's deadline; its deadline and the size
    limit travel with the request."""
    clock = Clock()
    run = Run([answer(503, headers={"Retry-After": "15"}), OK])
    run(call_settings(call_timeout=40.0, clock=clock, max_size=1234), op("GET"))
    first, second = run.sends
    assert first.request.timeout == httpx.Timeout(30.0)  # 40 s left: the attempt's own 30 s
    assert first.request.deadline == 1000.0 + 30.0
    assert second.request.timeout == httpx.Timeout(25.0)  # 25 s left after the 15 s wait
    assert second.request.deadline == 1000.0 + 40.0
    assert first.request.max_size == second.request.max_size == 1234


def test_call_timeout_can_be_set_per_call() -> None:
    """options["call_timeout"] replaces the client's for that call."""
    run = Run([answer(503, headers={"Retry-After": "30"}), OK])
    assert (
        run(call_settings(call_timeout=20.0), op("GET"), options={"call_timeout": 100.0}).status_code == 200
    )
    run = Run([answer(503, headers={"Retry-After": "30"}), OK])
    with pytest.raises(InternalServerError):
        run(call_settings(call_timeout=100.0), op("GET"), options={"call_timeout": 10.0})


def test_the_breaker_hears_a_call_once() -> None:
    """Faults a retry absorbed do not count; a call that gave up counts once, whatever its attempts."""
    circuit = CircuitBreaker(threshold=100)
    Run([answer(503), answer(503), OK])(call_settings(circuit=circuit), op("GET"))
    assert circuit.failures == 0
    with pytest.raises(InternalServerError):
        Run([answer(503)] * 3)(call_settings(circuit=circuit), op("GET"))
    assert circuit.failures == 1
    with pytest.raises(APIConnectionError):
        Run([httpx.ConnectError("x")] * 3)(call_settings(circuit=circuit), op("GET"))
    assert circuit.failures == 2


def test_a_refused_token_request_counts_as_the_service_working() -> None:
    """Wrong credentials are not a fault of the service: the breaker's count is reset."""
    circuit = CircuitBreaker(threshold=100)
    circuit.record_failure()
    with pytest.raises(AuthenticationError):
        Run([answer(401)])(call_settings(token=token_state(), circuit=circuit), op("GET"))
    assert circuit.failures == 0


def test_an_open_breaker_names_the_refused_call() -> None:
    """CircuitOpenError says which operation, method and URL were not sent."""
    circuit = CircuitBreaker(threshold=1)
    circuit.record_failure()
    with pytest.raises(CircuitOpenError) as caught:
        Run([])(call_settings(circuit=circuit), op("GET"), {"item_id": 5, "q": "x"})
    assert (caught.value.operation, caught.value.method, caught.value.url) == (
        "item",
        "GET",
        f"{BASE}/rest/items/5",
    )


def test_an_error_names_the_request_a_hook_changed() -> None:
    """A connection error reports the method and URL of the request as it was sent."""
    settings = call_settings(retries=0)
    flow = call_flow(settings, op("GET"), {"item_id": 1, "q": "secret"}, None)
    effect = next(flow)
    assert isinstance(effect, Send)
    sent = effect.request.to_httpx()
    sent.url = httpx.URL(f"{BASE}/rest/other?token=x")
    with pytest.raises(APIConnectionError) as caught:
        flow.throw(httpx.ConnectError("refused"))
    assert caught.value.url == f"{BASE}/rest/other"
    assert caught.value.method == "GET"


def test_an_attempt_never_gets_more_time_than_the_call_has_left() -> None:
    """Even a short remainder is the attempt's timeout; with no per-attempt timeout the
    call's deadline alone bounds it."""
    clock = Clock()
    run = Run([answer(503, headers={"Retry-After": "39.5"}), OK])
    run(call_settings(call_timeout=40.0, clock=clock), op("GET"))
    assert run.sends[1].request.timeout == httpx.Timeout(0.5)
    unbounded = call_settings(call_timeout=60.0)
    object.__setattr__(unbounded, "timeout", httpx.Timeout(None))
    run = Run([OK])
    run(unbounded, op("GET"))
    assert run.sends[0].request.timeout == httpx.Timeout(60.0)


def test_per_call_limits_are_checked_like_the_clients() -> None:
    """A bad per-call timeout or call_timeout is refused before sending, naming the call and the option."""
    for name in ("timeout", "call_timeout"):
        run = Run([OK])
        with pytest.raises(RequestValidationError) as caught:
            run(call_settings(), op("GET"), options={name: -1.0})
        assert caught.value.operation == "item"
        assert [where for where, _ in caught.value.errors] == [f"options[{name!r}]"]
        assert run.sends == []


def test_per_call_headers_and_query_reach_the_request() -> None:
    """options["headers"] and options["query"] are part of what is sent."""
    run = Run([OK])
    run(call_settings(), op("GET"), options={"headers": {"X-Extra": "1"}, "query": {"fields": "a"}})
    sent = run.sends[0].request
    assert sent.headers["X-Extra"] == "1" and sent.target.endswith("fields=a")


def test_a_url_too_long_to_send_is_refused_naming_the_call() -> None:
    """A URL past the length limit is a RequestValidationError for this operation, before anything is sent."""
    run = Run([OK])
    with pytest.raises(RequestValidationError) as caught:
        run(call_settings(), op("GET"), {"item_id": 1, "q": "x" * 100_000})
    assert caught.value.operation == "item" and caught.value.errors[0][0] == "url"


def test_a_failed_download_is_read_with_its_request() -> None:
    """ReadBody carries the error answer, and with it the request it answered (for the request's limits)."""
    run = Run([answer(404)])
    with pytest.raises(Exception, match="404"):
        run(call_settings(), op("GET", kind="binary"))
    read = next(e for e in run.effects if isinstance(e, ReadBody))
    assert read.answer.request is run.sends[0].request
    assert read.answer.status_code == 404


def test_a_token_service_connection_failure_is_shared_with_callers_that_waited() -> None:
    """A failed token fetch is remembered: a caller that waited on it gets its error (for its
    own attempt count) instead of asking again."""
    state = token_state()
    first = call_flow(call_settings(token=state, retries=0), op("GET"), {"item_id": 1}, None)
    second = call_flow(call_settings(token=state, retries=0), op("GET"), {"item_id": 1}, None)
    assert isinstance(next(first), AcquireTokenLock)
    assert isinstance(next(second), AcquireTokenLock)  # waits for the lock
    fetch = first.send(None)
    assert isinstance(fetch, Send)
    assert isinstance(first.throw(httpx.ConnectError("token service down")), ReleaseTokenLock)
    with pytest.raises(APIConnectionError) as mine:
        first.send(None)
    assert mine.value.attempts == 1 and "token service down" in str(mine.value)
    assert "/rest/oauthTokenService/v2/token" in mine.value.url
    assert isinstance(second.send(None), ReleaseTokenLock)  # its turn at the lock: no second fetch
    with pytest.raises(APIConnectionError) as shared:
        second.send(None)
    assert str(shared.value) == str(mine.value)


def test_each_retry_and_the_outcome_are_logged_with_their_reason(caplog: pytest.LogCaptureFixture) -> None:
    """The ofsc logger says why each retry happens (the status, the transport error, or the
    token service's failure) and how the call ended (the error's type and text)."""
    import logging

    caplog.set_level(logging.INFO, logger="ofsc")
    with pytest.raises(APIConnectionError):
        Run([answer(503), httpx.ConnectError("refused"), httpx.ConnectError("refused")])(
            call_settings(), op("GET")
        )
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert retries[0].endswith("(attempt 1 failed: HTTP 503)")
    assert retries[1].endswith("(attempt 2 failed: ConnectError)")
    final = caplog.records[-1]
    assert (
        final.levelno == logging.WARNING and "APIConnectionError: ConnectError: refused" in final.getMessage()
    )
    caplog.clear()
    Run([answer(503), token("t1"), OK])(call_settings(token=token_state()), op("GET"))
    assert any("failed: token service: 503 Service Unavailable" in r.getMessage() for r in caplog.records)


def test_token_service_retries_count_attempts_from_1_like_api_retries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Promise: a retry after the token service failed names the call's attempt that failed,
    counted from 1 as for API answers (it said "attempt 0"), and the call's last log line
    counts the attempts its error counts."""
    import logging

    caplog.set_level(logging.INFO, logger="ofsc")
    with pytest.raises(InternalServerError) as caught:
        Run([answer(503), answer(503), answer(503)])(call_settings(token=token_state()), op("GET"))
    retries = [r for r in caplog.records if r.getMessage().startswith("retrying")]
    assert [r.ofsc["attempt"] for r in retries] == [1, 2]  # type: ignore[attr-defined]
    assert "(attempt 1 failed: token service: 503 Service Unavailable" in retries[0].getMessage()
    assert "(attempt 2 failed: token service: 503 Service Unavailable" in retries[1].getMessage()
    assert caught.value.attempts == 3 and caplog.records[-1].getMessage().endswith("after 3 attempt(s)")


def test_errors_count_the_attempts_made() -> None:
    """An error after retries says how many attempts were made, whatever kind of error ended the call."""
    run = Run([answer(503), answer(400)])
    with pytest.raises(BadRequestError) as caught:
        run(call_settings(), op("GET"))
    assert caught.value.attempts == 2
    run = Run([answer(503), httpx.LocalProtocolError("bad")])
    with pytest.raises(APIConnectionError) as refused:
        run(call_settings(), op("GET"))
    assert refused.value.attempts == 2
    run = Run([answer(503), answer(401, json={"error": "invalid_client"})])
    with pytest.raises(AuthenticationError) as token_refused:
        run(call_settings(token=token_state()), op("GET"))
    assert token_refused.value.attempts == 2  # the token service refused on the second attempt


def test_an_attempt_within_the_deadline_keeps_its_own_timeouts() -> None:
    """When the call has exactly the attempt's read timeout left, the attempt's own timeouts
    (connect, write, pool) are kept as configured."""
    settings = call_settings(call_timeout=30.0)
    object.__setattr__(settings, "timeout", httpx.Timeout(30.0, connect=5.0))
    run = Run([OK])
    run(settings, op("GET"))
    assert run.sends[0].request.timeout == httpx.Timeout(30.0, connect=5.0)


def test_an_error_names_the_method_a_hook_changed() -> None:
    """The method reported is the one sent, after any request hook."""
    flow = call_flow(call_settings(retries=0), op("GET"), {"item_id": 1}, None)
    effect = next(flow)
    assert isinstance(effect, Send)
    effect.request.to_httpx().method = "HEAD"
    with pytest.raises(APIConnectionError) as caught:
        flow.throw(httpx.ConnectError("refused"))
    assert caught.value.method == "HEAD"


class SpanRecorder:
    """A tracer that records how each attempt's span was ended."""

    def __init__(self) -> None:
        self.ended: list[tuple[int, dict[str, Any]]] = []

    def start(self, op: Operation[Any], request: Any, attempt: int) -> Callable[..., None]:
        return lambda **outcome: self.ended.append((attempt, outcome))


def test_each_attempt_has_a_span_and_error_hooks_see_only_a_failed_call() -> None:
    """Each attempt's span ends with its outcome (the transport error of one that failed, the
    status of one answered); error hooks see the final error of a call, and nothing of a call
    that succeeded after a retry."""
    from dataclasses import replace

    from ofsc._instrument import Hooks

    tracer, failures = SpanRecorder(), []
    hooks = Hooks(error=[lambda exc, info: failures.append((exc, info.attempt))])
    settings = replace(call_settings(), instrumentation=Instrumentation(hooks=hooks, tracer=tracer))
    refused = httpx.ConnectError("refused")
    assert Run([refused, OK])(settings, op("GET")).status_code == 200
    assert tracer.ended == [(1, {"status": None, "error": refused}), (2, {"status": 200, "error": None})]
    assert failures == []
    with pytest.raises(BadRequestError) as caught:
        Run([answer(400)])(settings, op("GET"))
    assert failures == [(caught.value, 1)]
