"""The shared client core and the two I/O drivers.

:class:`BaseClient` holds what both clients share (settings, credentials, token state,
circuit breaker, instrumentation) and builds the per-call flow from
:mod:`ofsc._pipeline`. :class:`SyncClient` and :class:`AsyncClient` only carry out the
flow's I/O requests: blocking with ``httpx.Client``, awaited with ``httpx.AsyncClient``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar

import httpx

from ._auth import client_credentials
from ._circuit import CircuitBreaker
from ._compat import refuse_2x_arguments
from ._exceptions import ConfigError
from ._instrument import AuditSink, Hooks, Instrumentation, configure_logging
from ._network import Network
from ._parse import parse_result
from ._pipeline import (
    AcquireTokenLock,
    CallSettings,
    Flow,
    ReadBody,
    ReleaseTokenLock,
    Send,
    Sleep,
    call_flow,
    strict_responses,
)
from ._plugins import apply_plugins
from ._redact import remember_secret
from ._request import header_problems
from ._response import AsyncBinaryResponse, BinaryResponse, RawResponse
from ._retry import RetryPolicy
from ._sender import AsyncHttpxSender, HttpxSender
from ._tracing import default_tracer
from ._version import __version__
from ._wire import ACCEPT_ENCODING, Answer, BaseURL, as_httpx

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Awaitable, Callable, Mapping
    from pathlib import Path

    from ._auth import TokenState
    from ._operation import Binary, Operation
    from ._sender import AsyncSender, Sender
    from ._types import RequestOptions
    from ._wire import OutgoingRequest

T = TypeVar("T")

USER_AGENT = f"ofsc-python/{__version__}"


class BaseClient[HttpT: (httpx.Client, httpx.AsyncClient), TransportT]:
    """State shared by a client and its ``with_options`` copies; no I/O.

    Arguments left out are read from ``OFSC_*`` environment variables, then ``config.toml``
    (see :mod:`ofsc._config`). Further settings (``timeout`` per attempt, ``call_timeout``
    per call, ``max_retries``, ``max_response_size``, ``circuit_breaker_threshold``,
    ``circuit_breaker_cooldown``, ``token_url``, ``scope``, ``assertion``, ``audit_log``,
    ``log``, ``strict_responses``, ``allow_insecure_http``) may be passed as keywords too.
    """

    _owns_http: bool
    _http: HttpT
    # Where the 2.x client of this kind lives (named when a 2.x call reaches the v3 client).
    _V2_IMPORT = "from ofsc.v2 import OFSC"
    # A raw twin (with_raw_response) answers every call with its RawResponse.
    _raw = False
    _raw_twin: Any = None

    def __init__(
        self,
        *positional: object,
        instance: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        auth: Literal["basic", "oauth2"] | None = None,
        base_url: str | None = None,
        profile: str | None = None,
        config_file: str | Path | None = None,
        hooks: Hooks | None = None,
        audit: AuditSink | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: HttpT | None = None,
        transport: TransportT | None = None,
        **settings: Any,
    ) -> None:
        refuse_2x_arguments(type(self).__name__, self._V2_IMPORT, positional, settings)
        _check_headers(headers)
        # Imported here: the settings model loads pydantic's model machinery, which
        # `from ofsc import OFSC` alone should not pay for.
        from ._config import load_settings

        arguments = {"instance": instance, "client_id": client_id, "client_secret": client_secret,
                     "auth": auth, "base_url": base_url, **settings}  # fmt: skip
        self.settings = resolved = load_settings(arguments, profile=profile, config_file=config_file)
        configure_logging(resolved.log)
        basic, token = client_credentials(resolved)
        # Masked wherever they might be echoed back (an error detail, a log line).
        if resolved.client_secret is not None:
            remember_secret(resolved.client_secret.get_secret_value())
        remember_secret(basic.removeprefix("Basic "))
        client_hooks = Hooks().merged(hooks or Hooks())
        if resolved.plugins:
            apply_plugins(client_hooks)
        audit = audit or (AuditSink(resolved.audit_log) if resolved.audit_log else None)
        self._instrumentation = Instrumentation(
            hooks=client_hooks, audit=audit, tracer=default_tracer(), client_id=resolved.client_id
        )
        self._circuit = CircuitBreaker(resolved.circuit_breaker_threshold, resolved.circuit_breaker_cooldown)
        self._call_settings = CallSettings(
            base_url=BaseURL(resolved.resolved_base_url),
            # A supplied http_client's default headers: requests are built here, not by it.
            headers={
                **(http_client.headers if http_client is not None else {}),
                "User-Agent": USER_AGENT,
                "Accept-Encoding": ACCEPT_ENCODING,  # codings decoded in bounded steps (ofsc._wire)
                **(headers or {}),
            },
            timeout=httpx.Timeout(resolved.timeout),
            retry=RetryPolicy.from_settings(resolved),
            basic=basic,
            token=token,
            circuit=self._circuit,
            instrumentation=self._instrumentation,
            call_timeout=resolved.call_timeout,
            max_response_size=resolved.max_response_size,
            strict_responses=resolved.strict_responses,
        )
        self._families: dict[str, object] = {}
        # State shared with with_options copies (the bulk helpers' concurrency limits).
        self._shared: dict[str, object] = {}
        self._owns_http = http_client is None
        # Made whether or not the caller supplies the HTTP client: token refresh needs it.
        self._token_lock = self._new_token_lock()
        self._network = Network.from_settings(resolved)
        self._check_wire(http_client, transport)
        self._http = http_client if http_client is not None else self._new_http_client(transport)
        self._sender = self._new_sender()

    def _check_wire(self, http_client: HttpT | None, transport: TransportT | None) -> None:
        """Refuse an HTTP client or transport the chosen backend would not use."""

    def _new_token_lock(self) -> Any:
        raise NotImplementedError

    def _new_http_client(self, transport: TransportT | None) -> HttpT:
        raise NotImplementedError

    def _new_sender(self) -> Any:
        raise NotImplementedError

    @classmethod
    def from_config(
        cls, profile: str | None = None, config_file: str | Path | None = None, **kwargs: Any
    ) -> Self:
        """A client configured from ``config.toml`` (optionally one of its named profiles)."""
        return cls(profile=profile, config_file=config_file, **kwargs)

    def with_options(
        self,
        *,
        timeout: float | None = None,
        call_timeout: float | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
        strict_responses: bool | None = None,
    ) -> Self:
        """A copy with other defaults that shares this client's connection pool, token and circuit breaker."""
        _check_headers(headers)
        _check_settings(timeout=timeout, call_timeout=call_timeout, max_retries=max_retries)
        clone = self._copy()
        changed = {"timeout": timeout, "call_timeout": call_timeout, "max_retries": max_retries,
                   "strict_responses": strict_responses}  # fmt: skip
        clone.settings = self.settings.model_copy(update={k: v for k, v in changed.items() if v is not None})
        call = self._call_settings
        clone._call_settings = replace(
            call,
            timeout=httpx.Timeout(timeout) if timeout is not None else call.timeout,
            call_timeout=call_timeout if call_timeout is not None else call.call_timeout,
            retry=replace(call.retry, max_retries=max_retries) if max_retries is not None else call.retry,
            headers={**call.headers, **(headers or {})},
            strict_responses=call.strict_responses if strict_responses is None else strict_responses,
        )
        return clone

    def _copy(self) -> Self:
        """A client sharing this one's pool, token, circuit breaker and limits."""
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._families = {}
        clone._raw_twin = None
        clone._owns_http = False  # the original closes the shared pool
        return clone

    @property
    def with_raw_response(self) -> Any:
        """This client, answering each call with its :class:`~ofsc.RawResponse` (``status_code``,
        ``headers``, ``http_response``, and ``.parse()`` for the typed result)::

            raw = client.with_raw_response.core.get_activity(activity_id=1)
            raw.status_code, raw.headers["ETag"], raw.parse().status
        """
        twin = self._raw_twin
        if twin is None:
            twin = self._copy()
            twin._raw = True
            self._raw_twin = twin
        return twin

    def _raw_method(self, method: Callable[..., Any]) -> Callable[..., Any]:
        """``method`` (of this client or one of its families) on the raw twin."""
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        twin = self.with_raw_response
        if owner is self:
            return getattr(twin, name)  # type: ignore[no-any-return]
        for family, api in self._families.items():
            if api is owner:
                return getattr(getattr(twin, family), name)  # type: ignore[no-any-return]
        raise TypeError("raw() takes a method of this client, such as client.core.get_activity")

    @property
    def base_url(self) -> str:
        return str(self._call_settings.base_url)

    @property
    def circuit(self) -> CircuitBreaker:
        return self._circuit

    @property
    def token_state(self) -> TokenState | None:
        return self._call_settings.token

    def _flow(self, op: Operation[Any], args: Mapping[str, object], options: RequestOptions | None) -> Flow:
        return call_flow(self._call_settings, op, args, options)

    def _result(self, op: Operation[T], answer: Answer, options: RequestOptions | None) -> T:
        strict = strict_responses(self._call_settings, options)
        if self._raw:
            return RawResponse(as_httpx(answer), lambda: parse_result(op, answer, strict=strict))  # type: ignore[return-value]
        result: T = parse_result(op, answer, strict=strict)
        return result

    def _download_result[D: (BinaryResponse, AsyncBinaryResponse)](
        self, download: D, response: httpx.Response
    ) -> D:
        if self._raw:  # the body has been read: the raw response holds the whole file
            return RawResponse(response, lambda: download)  # type: ignore[return-value]
        return download

    def __repr__(self) -> str:
        return f"{type(self).__name__}(instance={self.settings.instance!r}, base_url={self.base_url!r}, auth={self.settings.auth!r})"


class SyncClient(BaseClient[httpx.Client, httpx.BaseTransport]):
    """Carries out call flows with blocking I/O."""

    _token_lock: threading.Lock
    _sender: Sender

    def _new_token_lock(self) -> threading.Lock:
        return threading.Lock()

    def _new_http_client(self, transport: httpx.BaseTransport | None) -> httpx.Client:
        wire = self._network.httpx_options() if transport is None else {"transport": transport}
        return httpx.Client(**wire, timeout=self.settings.timeout, follow_redirects=False)

    def _new_sender(self) -> Sender:
        return HttpxSender(self._http)

    def request(self, op: Operation[T], args: Mapping[str, object], options: RequestOptions | None) -> T:
        response = self._drive(self._flow(op, args, options))
        return self._result(op, response, options)

    def download(
        self, op: Operation[Binary], args: Mapping[str, object], options: RequestOptions | None
    ) -> BinaryResponse:
        response = self._drive(self._flow(op, args, options))
        if self._raw:
            response.read()
        return self._download_result(BinaryResponse(response), response)

    def _drive(self, flow: Flow) -> Any:
        outcome: Any = None
        error: BaseException | None = None
        while True:
            done, effect = advance(flow, outcome, error)
            if done:
                return effect
            outcome, error = None, None
            try:
                if isinstance(effect, Send):
                    outcome = self._sender.send(effect.request, stream=effect.stream)
                elif isinstance(effect, Sleep):
                    time.sleep(effect.seconds)
                elif isinstance(effect, ReadBody):
                    self._sender.read(effect.response, effect.request)
                elif isinstance(effect, AcquireTokenLock):
                    self._token_lock.acquire()
                elif isinstance(effect, ReleaseTokenLock):
                    self._token_lock.release()
            except BaseException as exc:
                error = exc

    def raw(self, method: Callable[..., T], /, *args: Any, **kwargs: Any) -> RawResponse[T]:
        """Call ``method`` and return its HTTP response, with ``.parse()`` for the result."""
        return self._raw_method(method)(*args, **kwargs)  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._owns_http:
            self._sender.close()
        if self._instrumentation.audit is not None and self._owns_http:
            self._instrumentation.audit.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(BaseClient[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """Carries out call flows with async I/O."""

    _token_lock: asyncio.Lock
    _sender: AsyncSender
    _V2_IMPORT = "from ofsc.async_client import AsyncOFSC"

    def _new_token_lock(self) -> asyncio.Lock:
        import asyncio  # only async users pay for importing asyncio

        return asyncio.Lock()

    def _check_wire(
        self, http_client: httpx.AsyncClient | None, transport: httpx.AsyncBaseTransport | None
    ) -> None:
        if self.settings.http_backend == "aiohttp" and (http_client is not None or transport is not None):
            given = "http_client" if http_client is not None else "transport"
            message = (
                f'an httpx {given} is not used by http_backend="aiohttp": leave it out, or choose "httpx"'
            )
            raise ConfigError({given: ("arguments", message)})

    def _new_sender(self) -> AsyncSender:
        httpx_sender = AsyncHttpxSender(self._http)
        if self.settings.http_backend == "aiohttp":
            from ._aiohttp import AiohttpSender

            return AiohttpSender(self._network, companion=httpx_sender)
        return httpx_sender

    def _new_http_client(self, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
        # Also the aiohttp backend's companion, with the same settings.
        wire = self._network.httpx_options() if transport is None else {"transport": transport}
        return httpx.AsyncClient(**wire, timeout=self.settings.timeout, follow_redirects=False)

    async def request(
        self, op: Operation[T], args: Mapping[str, object], options: RequestOptions | None
    ) -> T:
        response = await self._drive(self._flow(op, args, options))
        return self._result(op, response, options)

    async def download(
        self, op: Operation[Binary], args: Mapping[str, object], options: RequestOptions | None
    ) -> AsyncBinaryResponse:
        response = await self._drive(self._flow(op, args, options))
        if self._raw:
            await response.aread()
        return self._download_result(AsyncBinaryResponse(response), response)

    async def _drive(self, flow: Flow) -> Any:
        outcome: Any = None
        error: BaseException | None = None
        while True:
            done, effect = advance(flow, outcome, error)
            if done:
                return effect
            outcome, error = None, None
            try:
                if isinstance(effect, Send):
                    sending = self._sender.send(effect.request, stream=effect.stream)
                    outcome = await _within_deadline(effect.request, sending)
                elif isinstance(effect, Sleep):
                    await _asyncio_sleep(effect.seconds)
                elif isinstance(effect, ReadBody):
                    reading = self._sender.read(effect.response, effect.request)
                    await _within_deadline(effect.request, reading)
                elif isinstance(effect, AcquireTokenLock):
                    await self._token_lock.acquire()
                elif isinstance(effect, ReleaseTokenLock):
                    self._token_lock.release()
            except BaseException as exc:
                error = exc

    async def raw(self, method: Callable[..., Any], /, *args: Any, **kwargs: Any) -> RawResponse[Any]:
        """Await ``method`` and return its HTTP response, with ``.parse()`` for the result."""
        result: RawResponse[Any] = await self._raw_method(method)(*args, **kwargs)
        return result

    async def close(self) -> None:
        if self._owns_http:
            await self._sender.aclose()
        if self._instrumentation.audit is not None and self._owns_http:
            self._instrumentation.audit.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


async def _within_deadline[R](request: OutgoingRequest, work: Awaitable[R]) -> R:
    """``work``, stopped at the request's deadline (connecting, sending and reading included)."""
    import asyncio

    try:
        async with asyncio.timeout(request.deadline - time.monotonic()):
            return await work
    except TimeoutError as exc:
        raise httpx.ReadTimeout("no complete answer within the deadline", request=request.to_httpx()) from exc


def _check_settings(**values: object) -> None:
    """Refuse settings that ``with_options`` is given, by the rules of the client's settings."""
    from ._config import setting_problem

    problems = {
        name: ("with_options", problem)
        for name, value in values.items()
        if value is not None and (problem := setting_problem(name, value))
    }
    if problems:
        raise ConfigError(problems)


def _check_headers(headers: Mapping[str, str] | None) -> None:
    """Reject default headers that could never be sent, when they are given."""
    if headers and (problems := header_problems(headers, "headers")):
        raise ConfigError({where: ("arguments", message) for where, message in problems})


def advance(flow: Flow, outcome: Any, error: BaseException | None) -> tuple[bool, Any]:
    """Resume ``flow`` with the last I/O outcome (or error): ``(True, result)`` when it is done,
    else ``(False, next effect)``."""
    try:
        return False, (flow.throw(error) if error is not None else flow.send(outcome))
    except StopIteration as stop:
        return True, stop.value
