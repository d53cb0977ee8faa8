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
from ._retry import is_transient, reached_server, should_retry_status

if TYPE_CHECKING:
    from ._auth import TokenState
    from ._circuit import CircuitBreaker
    from ._instrument import CallTrace, Instrumentation
    from ._operation import Operation
    from ._request import PreparedRequest
    from ._retry import RetryPolicy
    from ._types import RequestOptions
    from ._wire import Answer, BaseURL, OutgoingRequest


@dataclass(slots=True)
class Send:
    """Send a request; the outcome is an :class:`~ofsc._wire.Answer` (a streamed one for ``stream``)."""

    request: OutgoingRequest
    stream: bool = False


@dataclass(slots=True)
class Sleep:
    seconds: float


@dataclass(slots=True)
class ReadBody:
    """Read a streamed answer whole, within its request's limits (an error's body)."""

    answer: Answer


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


@dataclass(slots=True)
class CallOptions:
    """A call's limits and retry rules: the client's, with the call's ``options`` applied once."""

    retry: RetryPolicy
    timeout: httpx.Timeout
    call_timeout: float
    replay_safe: bool  # the operation's generated retry safety, or the caller's retry_unsafe


def call_options(settings: CallSettings, op: Operation[Any], options: RequestOptions | None) -> CallOptions:
    if not options:
        return CallOptions(settings.retry, settings.timeout, settings.call_timeout, op.retry_safe)
    _check_options(op.name, options)
    retry = settings.retry
    if "max_retries" in options:
        retry = replace(retry, max_retries=max(0, options["max_retries"]))
    timeout = settings.timeout
    if options.get("timeout") is not None:  # None keeps the client's: never wait forever
        timeout = httpx.Timeout(options["timeout"])
    return CallOptions(
        retry=retry,
        timeout=timeout,
        call_timeout=options.get("call_timeout") or settings.call_timeout,
        replay_safe=op.retry_safe or bool(options.get("retry_unsafe")),
    )


# What one attempt came to: the decision's input. (Plain slotted classes: a frozen one
# costs a setattr call per field, and these are made on every call.)
@dataclass(slots=True)
class Answered:
    answer: Answer


@dataclass(slots=True)
class TransportFailed:
    error: httpx.TransportError


@dataclass(slots=True)
class TokenFailed:
    """The token service failed before the request could be sent."""

    error: APIConnectionError | APIStatusError


Outcome = Answered | TransportFailed | TokenFailed


@dataclass(slots=True)
class Situation:
    """What else a decision depends on, read by the loop at that moment."""

    attempt: int
    retry: RetryPolicy
    replayable: bool  # the body can be sent again (not a one-shot stream)
    replay_safe: bool  # sending it twice cannot act twice
    can_refresh_token: bool
    time_left: float


# What to do next: the decision's output.
@dataclass(slots=True)
class Finish:
    pass


@dataclass(slots=True)
class Retry:
    wait: float
    reason: str


@dataclass(slots=True)
class RefreshToken:
    pass


@dataclass(slots=True)
class GiveUp:
    """Raise the outcome's error; ``service_failed`` is what the circuit breaker hears (None:
    nothing, the request itself could not be sent)."""

    service_failed: bool | None


Decision = Finish | Retry | RefreshToken | GiveUp
_FINISH, _REFRESH = Finish(), RefreshToken()


def decide(outcome: Outcome, now: Situation) -> Decision:
    """The retry rules (docs/SECURITY.md), as a pure function of an attempt's outcome."""
    if isinstance(outcome, TokenFailed):
        failed = outcome.error
        if isinstance(failed, APIStatusError) and not should_retry_status(failed.status_code):
            return GiveUp(service_failed=False)  # it answered: the credentials are wrong
        return _retry_if(now, now.retry.backoff(now.attempt), replay=True, reason=f"token service: {failed}")
    if isinstance(outcome, TransportFailed):
        exc = outcome.error
        if not is_transient(exc):  # nothing wrong with the service: not retried, not counted
            return GiveUp(service_failed=None)
        replay = now.replayable and (now.replay_safe or not reached_server(exc))
        return _retry_if(now, now.retry.backoff(now.attempt), replay=replay, reason=type(exc).__name__)
    answer = outcome.answer
    if answer.is_success:
        return _FINISH
    status = answer.status_code
    if status == 401 and now.can_refresh_token:
        return _REFRESH  # revoked or expired early: a new token, the call replayed once
    if not should_retry_status(status):
        return GiveUp(service_failed=False)  # the service is up; the request was wrong
    replay = now.replayable and (status in _NOT_PROCESSED or now.replay_safe)
    wait = now.retry.delay_for_response(answer, now.attempt)
    return _retry_if(now, wait, replay=replay, reason=f"HTTP {status}")


def _retry_if(now: Situation, wait: float, *, replay: bool, reason: str) -> Decision:
    """Retry after ``wait``, unless retries are spent, replaying is unsafe or time is short."""
    if now.attempt > now.retry.max_retries or not replay or not wait < now.time_left:
        return GiveUp(service_failed=True)
    return Retry(wait, reason)


def call_flow(
    settings: CallSettings, op: Operation[Any], args: Mapping[str, object], options: RequestOptions | None
) -> Flow:
    """Send ``op`` with retries, within the call's deadline; return the successful answer.

    Each attempt is prepared, authorized and sent; :func:`decide` says what its outcome
    means; the loop does it. The circuit breaker hears the call's outcome once.
    """
    call = call_options(settings, op, options)
    prepared = prepare_request(op, args, options)
    check_url_length(op.name, settings.base_url, prepared)
    limits = Limits(settings, call.timeout, settings.clock() + call.call_timeout)
    settings.circuit.before_call(op.name, op.method, settings.base_url.text + prepared.path)
    trace = settings.instrumentation.start(op)
    attempt, refreshed = 0, False
    error: BaseException | None = None
    try:
        while True:
            attempt += 1
            trace.attempt = attempt  # counted from 1 also when the token fetch fails before sending
            outcome, request, authorization = yield from _attempt(
                settings, call, limits, prepared, op, trace, attempt
            )
            now = Situation(attempt, call.retry, prepared.replayable, call.replay_safe,
                            settings.token is not None and not refreshed, limits.remaining())  # fmt: skip
            decision = decide(outcome, now)
            if isinstance(decision, Retry):
                trace.retry(decision.wait, decision.reason)
                yield Sleep(decision.wait)
            elif isinstance(decision, RefreshToken):
                settings.token.invalidate(authorization.removeprefix("Bearer "))  # type: ignore[union-attr]
                refreshed, attempt = True, attempt - 1
            else:
                return _conclude(settings.circuit, decision, outcome, request, attempt)
    except BaseException as exc:
        error = exc
        raise
    finally:
        trace.finish(error)


def _attempt(
    settings: CallSettings,
    call: CallOptions,
    limits: Limits,
    prepared: PreparedRequest,
    op: Operation[Any],
    trace: CallTrace,
    attempt: int,
) -> Generator[Effect, Any, tuple[Outcome, OutgoingRequest | None, str]]:
    """Authorize and send one attempt: its outcome, its request and its Authorization."""
    try:
        authorization = _current_authorization(settings)
        if authorization is None:
            authorization = yield from _fetch_token(settings, limits, attempt)
    except (APIConnectionError, APIStatusError) as exc:
        return TokenFailed(exc), None, ""
    request = limits.apply(prepared.build(settings.base_url, settings.headers, call.timeout, authorization))
    trace.request(request, attempt)
    try:
        answer: Answer = yield Send(request, stream=op.response_kind == "binary")
    except httpx.TransportError as exc:
        trace.transport_error(exc)
        return TransportFailed(exc), request, authorization
    trace.response(answer)
    if not answer.is_success and op.response_kind == "binary":
        yield ReadBody(answer)  # an error's body, to report it
    return Answered(answer), request, authorization


def _conclude(
    circuit: CircuitBreaker,
    decision: Finish | GiveUp,
    outcome: Outcome,
    request: OutgoingRequest | None,
    attempts: int,
) -> Answer:
    """Tell the circuit breaker how the call went; return the answer or raise its error."""
    if isinstance(decision, Finish):
        circuit.record_success()
        assert isinstance(outcome, Answered)
        return outcome.answer
    if decision.service_failed is not None:
        (circuit.record_failure if decision.service_failed else circuit.record_success)()
    if isinstance(outcome, TokenFailed):
        raise outcome.error
    if isinstance(outcome, TransportFailed):
        assert request is not None
        raise _connection_error(outcome.error, request, attempts) from outcome.error
    raise status_error(outcome.answer.http_response, attempts=attempts)


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
                answer: Answer = yield Send(request)
            except httpx.TransportError as exc:
                failed = exc  # the name `exc` is unbound after the except block
                token_state.fetch_failed(
                    lambda attempts: _connection_error(failed, request, attempts), limits
                )
                raise _connection_error(exc, request, attempt) from exc
            token = token_state.accept(answer.http_response, attempts=attempt, asker=limits)
    finally:
        yield ReleaseTokenLock()
    return f"Bearer {token}"


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
