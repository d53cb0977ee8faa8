"""The life of one API call, written once for both clients.

A call is a generator that *yields* the I/O it needs (:class:`Send`, :class:`Sleep`, ...)
and receives the outcome; it decides everything else: validation, auth, retries,
Retry-After, the circuit breaker, the 401 token refresh, error mapping. The sync client
drives it with blocking calls and the async client with ``await`` (see
:mod:`ofsc._base_client`); neither contains a policy of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    RequestValidationError,
    status_error,
)
from ._request import check_url_length, prepare_request
from ._retry import is_transient, may_replay, reached_server, should_retry_status
from ._wire import Answer, BaseURL, OutgoingRequest, as_httpx

if TYPE_CHECKING:
    from ._auth import TokenState
    from ._circuit import CircuitBreaker
    from ._instrument import Instrumentation
    from ._operation import Operation
    from ._request import PreparedRequest
    from ._retry import RetryPolicy
    from ._types import RequestOptions


@dataclass(slots=True)
class Send:
    """Send a request; the outcome is an :data:`~ofsc._wire.Answer` (a streamed one for ``stream``)."""

    request: OutgoingRequest
    stream: bool = False


@dataclass(slots=True)
class Sleep:
    seconds: float


@dataclass(slots=True)
class ReadBody:
    """Read a streamed answer whole, within the request's limits (an error's body)."""

    response: httpx.Response
    request: OutgoingRequest


@dataclass(slots=True)
class AcquireTokenLock:
    pass


@dataclass(slots=True)
class ReleaseTokenLock:
    pass


Effect = Send | Sleep | ReadBody | AcquireTokenLock | ReleaseTokenLock
Flow = Generator[Effect, Any, Any]

# Statuses that mean the server refused the request without acting on it: replaying a
# POST after one of these cannot do anything twice.
_NOT_PROCESSED = frozenset({408, 429, 503})


@dataclass(frozen=True, slots=True)
class CallSettings:
    """Everything the pipeline needs to know about the client, resolved once per client."""

    base_url: BaseURL
    headers: Mapping[str, str]
    timeout: httpx.Timeout
    retry: RetryPolicy
    basic: str = field(repr=False)
    token: TokenState | None
    circuit: CircuitBreaker
    instrumentation: Instrumentation
    # The whole call's limit (attempts and the waits between them), and a buffered answer's.
    call_timeout: float = 120.0
    max_response_size: int | None = None
    clock: Callable[[], float] = time.monotonic  # the drivers compare deadlines with time.monotonic()
    strict_responses: bool = False


@dataclass(slots=True)
class Limits:
    """The time a call has left; each attempt gets the smaller of it and its own timeout."""

    settings: CallSettings
    timeout: httpx.Timeout
    deadline: float

    def remaining(self) -> float:
        return self.deadline - self.settings.clock()

    def allows_wait(self, seconds: float) -> bool:
        """Whether waiting ``seconds`` still leaves time for another attempt."""
        return seconds < self.remaining()

    def apply(self, request: OutgoingRequest) -> OutgoingRequest:
        """Give one attempt's request its timeout, deadline and size limit."""
        now = self.settings.clock()
        per_attempt = self.timeout.read if self.timeout.read is not None else float("inf")
        budget = min(per_attempt, self.deadline - now)
        if budget < per_attempt:  # the call's deadline comes first: no single wait may pass it
            request.timeout = httpx.Timeout(max(budget, 0.001))
        request.deadline = now + budget
        request.max_size = self.settings.max_response_size
        return request


def strict_responses(settings: CallSettings, options: RequestOptions | None) -> bool:
    """Whether a 2xx body that does not fit its model raises: the call's option, else the client's."""
    if options and options.get("strict_responses") is not None:
        return bool(options["strict_responses"])
    return settings.strict_responses


def call_flow(
    settings: CallSettings, op: Operation[Any], args: Mapping[str, object], options: RequestOptions | None
) -> Flow:
    """Send ``op`` with retries, within the call's deadline; return the successful answer.

    The circuit breaker hears the call's outcome once, after its retries: a failure only
    when the call gave up on a fault of the service.
    """
    prepared = prepare_request(op, args, options)
    check_url_length(op.name, settings.base_url, prepared)
    retry = settings.retry
    timeout = settings.timeout
    call_timeout = settings.call_timeout
    retry_unsafe = False
    if options:
        _check_options(op.name, options)
        if "max_retries" in options:
            retry = _with_retries(retry, options["max_retries"])
        if options.get("timeout") is not None:  # None keeps the client's: never wait forever
            timeout = httpx.Timeout(options["timeout"])
        call_timeout = options.get("call_timeout") or call_timeout
        retry_unsafe = bool(options.get("retry_unsafe"))
    limits = Limits(settings, timeout, settings.clock() + call_timeout)
    settings.circuit.before_call(op.name, op.method, settings.base_url.text + prepared.path)
    trace = settings.instrumentation.start(op)
    attempt = 0
    refreshed = False
    error: BaseException | None = None

    def retry_in(delay: float, *, replay: bool, reason: str) -> float | None:
        """The wait before the next attempt, or None to give up (the service failed this call)."""
        if attempt > retry.max_retries or not replay or not limits.allows_wait(delay):
            settings.circuit.record_failure()
            return None
        trace.retry(delay, reason)
        return delay

    try:
        while True:
            attempt += 1
            try:
                authorization = _current_authorization(settings)
                if authorization is None:
                    authorization = yield from _fetch_token(settings, limits, attempt)
            except (APIConnectionError, APIStatusError) as exc:
                # The token service failed: a passing failure is retried like the call itself.
                transient = isinstance(exc, APIConnectionError) or should_retry_status(exc.status_code)
                if not transient:
                    settings.circuit.record_success()  # it answered: the credentials are wrong
                    raise
                wait = retry_in(retry.backoff(attempt), replay=True, reason=f"token service: {exc}")
                if wait is None:
                    raise
                yield Sleep(wait)
                continue
            request = limits.apply(
                prepared.build(settings.base_url, settings.headers, timeout, authorization)
            )
            trace.request(request, attempt)
            try:
                response: Answer = yield Send(request, stream=op.response_kind == "binary")
            except httpx.TransportError as exc:
                trace.transport_error(exc)
                if not is_transient(exc):  # nothing wrong with the service: not retried, not counted
                    raise _connection_error(exc, request, attempt) from exc
                replay = prepared.replayable and may_replay(
                    op.method, op.retry_safe or retry_unsafe, reached_server=reached_server(exc)
                )
                wait = retry_in(retry.backoff(attempt), replay=replay, reason=type(exc).__name__)
                if wait is None:
                    raise _connection_error(exc, request, attempt) from exc
                yield Sleep(wait)
                continue
            trace.response(response)
            if response.is_success:
                settings.circuit.record_success()
                return response
            if op.response_kind == "binary":
                yield ReadBody(as_httpx(response), request)
            status = response.status_code
            if status == 401 and settings.token is not None and not refreshed:
                # The token may have been revoked or expired early: fetch a new one, replay once.
                settings.token.invalidate(authorization.removeprefix("Bearer "))
                refreshed = True
                attempt -= 1
                continue
            if not should_retry_status(status):
                settings.circuit.record_success()  # the service is up; the request was wrong
                raise status_error(as_httpx(response), attempts=attempt)
            replay = prepared.replayable and (
                status in _NOT_PROCESSED
                or may_replay(op.method, op.retry_safe or retry_unsafe, reached_server=True)
            )
            wait = retry_in(
                retry.delay_for_response(as_httpx(response), attempt), replay=replay, reason=f"HTTP {status}"
            )
            if wait is None:
                raise status_error(as_httpx(response), attempts=attempt)
            yield Sleep(wait)
    except BaseException as exc:
        error = exc
        raise
    finally:
        trace.finish(error)


def _check_options(operation: str, options: RequestOptions) -> None:
    """Per-call limits follow the same rules as the client's settings."""
    from ._config import setting_problem  # deferred: loads the settings model

    problems = [
        (f"options[{name!r}]", problem)
        for name in ("timeout", "call_timeout", "max_retries")
        if options.get(name) is not None and (problem := setting_problem(name, options.get(name)))
    ]
    if problems:
        raise RequestValidationError(operation, problems)


def _current_authorization(settings: CallSettings) -> str | None:
    """The Authorization header, or None when a token must be fetched first."""
    token_state = settings.token
    if token_state is None:
        return settings.basic
    token = token_state.current()
    return None if token is None else f"Bearer {token}"


def _fetch_token(settings: CallSettings, limits: Limits, attempt: int) -> Generator[Effect, Any, str]:
    token_state = settings.token
    assert token_state is not None
    seen = token_state.finished
    yield AcquireTokenLock()
    try:
        token = token_state.current()  # another caller may have fetched it while we waited
        if token is None:
            # A fetch that failed while we waited: share its outcome rather than ask again.
            shared = token_state.shared_failure(seen, limits, attempt)  # limits: one per call
            if shared is not None:
                raise shared
            prepared: PreparedRequest = token_state.token_request()
            base = token_state.base or settings.base_url
            request = limits.apply(prepared.build(base, settings.headers, settings.timeout))
            try:
                response: Answer = yield Send(request)
            except httpx.TransportError as exc:
                failed = exc  # the name `exc` is unbound after the except block
                token_state.fetch_failed(
                    lambda attempts: _connection_error(failed, request, attempts), limits
                )
                raise _connection_error(exc, request, attempt) from exc
            token = token_state.accept(as_httpx(response), attempts=attempt, asker=limits)
    finally:
        yield ReleaseTokenLock()
    return f"Bearer {token}"


def _with_retries(policy: RetryPolicy, max_retries: int) -> RetryPolicy:
    return replace(policy, max_retries=max(0, max_retries))


def _connection_error(
    exc: httpx.TransportError, request: OutgoingRequest, attempts: int
) -> APIConnectionError:
    sent = request.http_request  # a request hook may have changed it
    # The URL as text, never re-parsed: building the error must not fail.
    url = (str(sent.url) if sent is not None else request.url_text).partition("?")[0]
    method = sent.method if sent is not None else request.method
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__,
               method=method, url=url, attempts=attempts)  # fmt: skip
