"""The life of one API call, written once for both clients.

A call is a generator that *yields* the I/O it needs (:class:`Send`, :class:`Sleep`, ...)
and receives the outcome; it decides everything else: validation, auth, retries,
Retry-After, the circuit breaker, the 401 token refresh, error mapping. The sync client
drives it with blocking calls and the async client with ``await`` (see
:mod:`ofsc._base_client`); neither contains a policy of its own.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import APIConnectionError, APIStatusError, APITimeoutError, status_error
from ._request import prepare_request
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
    response: httpx.Response


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
    strict_responses: bool = False


def strict_responses(settings: CallSettings, options: RequestOptions | None) -> bool:
    """Whether a 2xx body that does not fit its model raises: the call's option, else the client's."""
    if options and options.get("strict_responses") is not None:
        return bool(options["strict_responses"])
    return settings.strict_responses


def call_flow(
    settings: CallSettings, op: Operation[Any], args: Mapping[str, object], options: RequestOptions | None
) -> Flow:
    """Send ``op`` with retries; return the successful answer."""
    prepared = prepare_request(op, args, options)
    retry = settings.retry
    timeout = settings.timeout
    retry_unsafe = False
    if options:
        if "max_retries" in options:
            retry = _with_retries(retry, options["max_retries"])
        if options.get("timeout") is not None:  # None keeps the client's: never wait forever
            timeout = httpx.Timeout(options["timeout"])
        retry_unsafe = bool(options.get("retry_unsafe"))
    trace = settings.instrumentation.start(op)
    attempt = 0
    refreshed = False
    error: BaseException | None = None

    def retry_in(delay: float, *, replay: bool, reason: str) -> float | None:
        """Count a failed attempt; the wait before the next one, or None to give up."""
        settings.circuit.record_failure()
        if attempt > retry.max_retries or not replay:
            return None
        trace.retry(delay, reason)
        return delay

    try:
        while True:
            attempt += 1
            settings.circuit.before_call()
            try:
                authorization = _current_authorization(settings)
                if authorization is None:
                    authorization = yield from _fetch_token(settings)
            except (APIConnectionError, APIStatusError) as exc:
                # The token service failed: a passing failure is retried like the call itself.
                transient = isinstance(exc, APIConnectionError) or should_retry_status(exc.status_code)
                wait = retry_in(retry.backoff(attempt), replay=transient, reason=f"token service: {exc}")
                if wait is None:
                    raise
                yield Sleep(wait)
                continue
            request = prepared.build(settings.base_url, settings.headers, timeout, authorization)
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
                yield ReadBody(as_httpx(response))
            status = response.status_code
            if status == 401 and settings.token is not None and not refreshed:
                # The token may have been revoked or expired early: fetch a new one, replay once.
                settings.token.invalidate(authorization.removeprefix("Bearer "))
                settings.circuit.record_success()  # the service answered: the replay may go out
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


def _current_authorization(settings: CallSettings) -> str | None:
    """The Authorization header, or None when a token must be fetched first."""
    token_state = settings.token
    if token_state is None:
        return settings.basic
    token = token_state.current()
    return None if token is None else f"Bearer {token}"


def _fetch_token(settings: CallSettings) -> Generator[Effect, Any, str]:
    token_state = settings.token
    assert token_state is not None
    yield AcquireTokenLock()
    try:
        token = token_state.current()  # another caller may have fetched it while we waited
        if token is None:
            prepared: PreparedRequest = token_state.token_request()
            request = prepared.build(settings.base_url, settings.headers, settings.timeout)
            try:
                response: Answer = yield Send(request)
            except httpx.TransportError as exc:
                raise _connection_error(exc, request, 1) from exc
            token = token_state.accept(as_httpx(response))
    finally:
        yield ReleaseTokenLock()
    return f"Bearer {token}"


def _with_retries(policy: RetryPolicy, max_retries: int) -> RetryPolicy:
    return replace(policy, max_retries=max(0, max_retries))


def _connection_error(
    exc: httpx.TransportError, request: OutgoingRequest, attempts: int
) -> APIConnectionError:
    sent = request.http_request or request  # a request hook may have changed it
    url = str(sent.url.copy_with(query=None))
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__,
               method=sent.method, url=url, attempts=attempts)  # fmt: skip
