"""The shared client core and the two I/O drivers.

:class:`BaseClient` holds one :class:`~ofsc._state.ClientState` (settings, credentials,
token state, circuit breaker, instrumentation, sender) and builds the per-call flow from
:mod:`ofsc._pipeline`. :class:`SyncClient` and :class:`AsyncClient` only carry out the
flow's I/O requests through their sender (:mod:`ofsc._sender`): blocking, or awaited.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self, TypeVar

import httpx

from ._compat import refuse_2x_arguments
from ._exceptions import ConfigError
from ._flow import advance
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
from ._request import header_problems
from ._response import AsyncBinaryResponse, BinaryResponse, RawResponse
from ._sender import AsyncHttpxSender, HttpxSender
from ._state import USER_AGENT, ClientState, Wiring, build_state

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Awaitable, Callable, Mapping
    from pathlib import Path

    from ._auth import TokenState
    from ._circuit import CircuitBreaker
    from ._config import Settings
    from ._instrument import AuditSink, Hooks, Instrumentation
    from ._network import Network
    from ._operation import Binary, Operation
    from ._pipeline import CallSettings
    from ._sender import AsyncSender, Sender
    from ._types import RequestOptions
    from ._wire import Answer

T = TypeVar("T")

__all__ = ["USER_AGENT", "AsyncClient", "BaseClient", "SyncClient"]


class BaseClient[HttpT: (httpx.Client, httpx.AsyncClient), TransportT]:
    """State shared by a client and its ``with_options`` copies; no I/O.

    Arguments left out are read from ``OFSC_*`` environment variables, then ``config.toml``
    (see :mod:`ofsc._config`). Further settings (``timeout`` per attempt, ``call_timeout``
    per call, ``max_retries``, ``max_response_size``, ``circuit_breaker_threshold``,
    ``circuit_breaker_cooldown``, ``token_url``, ``scope``, ``assertion``, ``audit_log``,
    ``log``, ``strict_responses``, ``allow_insecure_http``, ``http_backend``, ``proxy``,
    ``trust_env``, ``verify``) may be passed as keywords too.
    """

    _state: ClientState
    _WIRING: ClassVar[Wiring]
    # Where the 2.x client of this kind lives (named when a 2.x call reaches the v3 client).
    _V2_IMPORT = "from ofsc.v2 import OFSC"
    _raw_twin: Any = None  # with_raw_response, made on first use

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
        arguments = {"instance": instance, "client_id": client_id, "client_secret": client_secret,
                     "auth": auth, "base_url": base_url, **settings}  # fmt: skip
        self._state = build_state(self._WIRING, arguments, profile=profile, config_file=config_file,
                                  hooks=hooks, audit=audit, headers=headers,
                                  http_client=http_client, transport=transport)  # fmt: skip
        self._families: dict[str, object] = {}

    # The state's parts, by the names the rest of the SDK uses.
    @property
    def settings(self) -> Settings:
        return self._state.settings

    @property
    def _call_settings(self) -> CallSettings:
        return self._state.call

    @property
    def _http(self) -> HttpT:
        http: HttpT = self._state.wire.http
        return http

    @property
    def _instrumentation(self) -> Instrumentation:
        return self._state.call.instrumentation

    @property
    def _shared(self) -> dict[str, object]:
        return self._state.shared

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
        state = self._state.with_options(timeout=timeout, call_timeout=call_timeout, max_retries=max_retries,
                                         headers=headers, strict_responses=strict_responses)  # fmt: skip
        return self._copy(state)

    def _copy(self, state: ClientState) -> Self:
        """A client on ``state`` (which shares this one's pool, token, breaker and limits)."""
        clone = object.__new__(type(self))
        clone._state = state
        clone._families = {}
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
            twin = self._raw_twin = self._copy(self._state.as_raw())
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
        return self._state.call.circuit

    @property
    def token_state(self) -> TokenState | None:
        return self._call_settings.token

    def _flow(self, op: Operation[Any], args: Mapping[str, object], options: RequestOptions | None) -> Flow:
        return call_flow(self._state.call, op, args, options)

    def _result(self, op: Operation[T], answer: Answer, options: RequestOptions | None) -> T:
        strict = strict_responses(self._state.call, options)
        if self._state.raw:
            return RawResponse(answer.http_response, lambda: parse_result(op, answer, strict=strict))  # type: ignore[return-value]
        result: T = parse_result(op, answer, strict=strict)
        return result

    def _download_result[D: (BinaryResponse, AsyncBinaryResponse)](self, download: D, answer: Answer) -> D:
        if self._state.raw:  # the body has been read: the raw response holds the whole file
            return RawResponse(answer.http_response, lambda: download)  # type: ignore[return-value]
        return download

    def __repr__(self) -> str:
        return f"{type(self).__name__}(instance={self.settings.instance!r}, base_url={self.base_url!r}, auth={self.settings.auth!r})"


class SyncClient(BaseClient[httpx.Client, httpx.BaseTransport]):
    """Carries out call flows with blocking I/O."""

    _WIRING = Wiring(
        new_lock=threading.Lock,
        new_http=lambda settings, network, transport: httpx.Client(
            **_httpx_wire(network, transport), timeout=settings.timeout, follow_redirects=False
        ),
        new_sender=lambda settings, network, http, owned: HttpxSender(http, direct=owned),
    )

    def request(self, op: Operation[T], args: Mapping[str, object], options: RequestOptions | None) -> T:
        answer: Answer = self._drive(self._flow(op, args, options))
        return self._result(op, answer, options)

    def download(
        self, op: Operation[Binary], args: Mapping[str, object], options: RequestOptions | None
    ) -> BinaryResponse:
        answer: Answer = self._drive(self._flow(op, args, options))
        if self._state.raw:
            answer.read()
        return self._download_result(BinaryResponse(answer), answer)

    def _drive(self, flow: Flow) -> Any:
        sender: Sender = self._state.wire.sender
        lock: threading.Lock = self._state.token_lock
        outcome: Any = None
        error: BaseException | None = None
        while True:
            done, effect = advance(flow, outcome, error)
            if done:
                return effect
            outcome, error = None, None
            try:
                if isinstance(effect, Send):
                    outcome = sender.send(effect.request, stream=effect.stream)
                elif isinstance(effect, Sleep):
                    time.sleep(effect.seconds)
                elif isinstance(effect, ReadBody):
                    sender.read(effect.answer)
                elif isinstance(effect, AcquireTokenLock):
                    lock.acquire()
                elif isinstance(effect, ReleaseTokenLock):
                    lock.release()
            except BaseException as exc:
                error = exc

    def raw(self, method: Callable[..., T], /, *args: Any, **kwargs: Any) -> RawResponse[T]:
        """Call ``method`` and return its HTTP response, with ``.parse()`` for the result."""
        return self._raw_method(method)(*args, **kwargs)  # type: ignore[no-any-return]

    def close(self) -> None:
        state = self._state
        if state.owns_http:  # copies leave the shared pool and audit log open
            sender = state.wire.detach()
            if sender is not None:  # nothing was opened before the first request
                sender.close()
            if self._instrumentation.audit is not None:
                self._instrumentation.audit.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(BaseClient[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """Carries out call flows with async I/O."""

    _V2_IMPORT = "from ofsc.async_client import AsyncOFSC"
    _WIRING = Wiring(
        new_lock=lambda: _asyncio().Lock(),
        new_http=lambda settings, network, transport: httpx.AsyncClient(
            **_httpx_wire(network, transport), timeout=settings.timeout, follow_redirects=False
        ),
        new_sender=lambda settings, network, http, owned: _async_sender(settings, network, http, owned),
        check=lambda settings, http_client, transport: _check_async_wire(settings, http_client, transport),
    )

    async def request(
        self, op: Operation[T], args: Mapping[str, object], options: RequestOptions | None
    ) -> T:
        answer: Answer = await self._drive(self._flow(op, args, options))
        return self._result(op, answer, options)

    async def download(
        self, op: Operation[Binary], args: Mapping[str, object], options: RequestOptions | None
    ) -> AsyncBinaryResponse:
        answer: Answer = await self._drive(self._flow(op, args, options))
        if self._state.raw:
            await answer.aread()
        return self._download_result(AsyncBinaryResponse(answer), answer)

    async def _drive(self, flow: Flow) -> Any:
        sender: AsyncSender = self._state.wire.sender
        lock: asyncio.Lock = self._state.token_lock
        outcome: Any = None
        error: BaseException | None = None
        while True:
            done, effect = advance(flow, outcome, error)
            if done:
                return effect
            outcome, error = None, None
            try:
                if isinstance(effect, Send):
                    outcome = await sender.send(effect.request, stream=effect.stream)
                elif isinstance(effect, Sleep):
                    await _asyncio_sleep(effect.seconds)
                elif isinstance(effect, ReadBody):
                    await sender.read(effect.answer)
                elif isinstance(effect, AcquireTokenLock):
                    await lock.acquire()
                elif isinstance(effect, ReleaseTokenLock):
                    lock.release()
            except BaseException as exc:
                error = exc

    async def raw(self, method: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> RawResponse[T]:
        """Await ``method`` and return its HTTP response, with ``.parse()`` for the result."""
        result: RawResponse[T] = await self._raw_method(method)(*args, **kwargs)
        return result

    async def close(self) -> None:
        state = self._state
        if state.owns_http:  # copies leave the shared pool and audit log open
            sender = state.wire.detach()
            if sender is not None:  # nothing was opened before the first request
                await sender.aclose()
            if self._instrumentation.audit is not None:
                self._instrumentation.audit.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def _httpx_wire(network: Network, transport: object) -> dict[str, Any]:
    """httpx.Client/AsyncClient arguments: the caller's transport, or the network settings."""
    return network.httpx_options() if transport is None else {"transport": transport}


def _async_sender(settings: Settings, network: Network, http: httpx.AsyncClient, owned: bool) -> AsyncSender:
    companion = AsyncHttpxSender(http, direct=owned)  # also the aiohttp backend's, for streams and multipart
    if settings.http_backend == "aiohttp":
        from ._aiohttp import AiohttpSender

        return AiohttpSender(network, companion=companion)
    return companion


def _check_async_wire(settings: Settings, http_client: object, transport: object) -> None:
    """Refuse an httpx client or transport that the aiohttp backend would not use."""
    if settings.http_backend == "aiohttp" and (http_client is not None or transport is not None):
        given = "http_client" if http_client is not None else "transport"
        message = f'an httpx {given} is not used by http_backend="aiohttp": leave it out, or choose "httpx"'
        raise ConfigError({given: ("arguments", message)})


def _asyncio() -> Any:
    import asyncio  # only async users pay for importing asyncio

    return asyncio


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


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
