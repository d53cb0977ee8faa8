"""A client's state: what every call needs, built once, in one place, never changed.

``BaseClient.__init__`` calls :func:`build_state`; ``with_options`` and ``with_raw_response``
make copies (:meth:`ClientState.with_options`, :meth:`ClientState.as_raw`) that share the
connection pool, token, circuit breaker and limits. The token lock and the :class:`Wire`
(HTTP client and sender) exist whatever the transport (the caller's ``http_client`` or the
SDK's own), so OAuth2 works with either; the SDK's own HTTP client, its TLS context and
the HTTP library's connection machinery are built by the first request, so a client that
is made and never used (a command's ``--help``, a failed check) costs none of them. The
sync and async clients differ only in their :class:`Wiring`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import httpx

from ._auth import client_credentials
from ._circuit import CircuitBreaker
from ._instrument import AuditSink, Hooks, Instrumentation, configure_logging
from ._network import Network
from ._pipeline import CallSettings
from ._plugins import apply_plugins
from ._redact import remember_secret
from ._retry import RetryPolicy
from ._tracing import default_tracer
from ._version import __version__
from ._wire import ACCEPT_ENCODING, BaseURL

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from ._config import Settings

USER_AGENT = f"ofsc-python/{__version__}"


@dataclass(frozen=True, slots=True)
class Wiring:
    """What the sync and async clients build differently: a lock, an HTTP client, a sender."""

    new_lock: Callable[[], Any]
    new_http: Callable[[Settings, Network, Any], Any]  # (settings, network, transport)
    # (settings, network, http client, whether the SDK built that client)
    new_sender: Callable[[Settings, Network, Any, bool], Any]
    check: Callable[[Settings, Any, Any], None] = lambda settings, http_client, transport: None


class Wire:
    """A client's HTTP client and sender, shared with its copies and built on first use."""

    __slots__ = ("_build", "_closed", "_http", "_lock", "_sender")

    def __init__(self, build: Callable[[], tuple[Any, Any]]) -> None:
        self._build = build  # () -> (HTTP client, sender)
        self._http: Any = None
        self._sender: Any = None
        self._closed = False
        self._lock = threading.Lock()  # threads sharing a sync client may all start at once

    @property
    def sender(self) -> Any:
        """The ``ofsc._sender.Sender`` (or ``AsyncSender``)."""
        sender = self._sender
        if sender is None:
            with self._lock:
                if self._sender is None:
                    if self._closed:  # as httpx says of a closed client
                        raise RuntimeError("Cannot send a request, as the client has been closed.")
                    self._http, self._sender = self._build()
                sender = self._sender
        return sender

    def detach(self) -> Any:
        """Close the wire to new requests; the sender to close, if one was built."""
        with self._lock:
            self._closed = True
            return self._sender

    @property
    def http(self) -> Any:
        """The ``httpx.Client`` (or ``httpx.AsyncClient``) behind the sender."""
        _ = self.sender
        return self._http


@dataclass(frozen=True, slots=True)
class ClientState:
    settings: Settings
    call: CallSettings
    network: Network
    wire: Wire
    token_lock: Any  # threading.Lock or asyncio.Lock
    # Shared with copies: the bulk helpers' concurrency limits.
    shared: dict[str, object] = field(default_factory=dict)
    owns_http: bool = True  # only the original closes the pool
    raw: bool = False  # calls answer with their RawResponse

    def with_options(
        self,
        *,
        timeout: float | None,
        call_timeout: float | None,
        max_retries: int | None,
        headers: Mapping[str, str] | None,
        strict_responses: bool | None,
    ) -> ClientState:
        """A copy with other defaults (checked by the caller); ``.settings`` says the same."""
        changed = {"timeout": timeout, "call_timeout": call_timeout, "max_retries": max_retries,
                   "strict_responses": strict_responses}  # fmt: skip
        settings = self.settings.model_copy(update={k: v for k, v in changed.items() if v is not None})
        call = self.call
        return replace(
            self,
            settings=settings,
            call=replace(
                call,
                timeout=httpx.Timeout(settings.timeout) if timeout is not None else call.timeout,
                call_timeout=settings.call_timeout,
                retry=replace(call.retry, max_retries=settings.max_retries),
                headers={**call.headers, **(headers or {})},
                strict_responses=settings.strict_responses,
            ),
            owns_http=False,
        )

    def as_raw(self) -> ClientState:
        return replace(self, raw=True, owns_http=False)


def build_state(
    wiring: Wiring,
    arguments: dict[str, Any],
    *,
    profile: str | None,
    config_file: str | Path | None,
    hooks: Hooks | None,
    audit: AuditSink | None,
    headers: Mapping[str, str] | None,
    http_client: Any,
    transport: Any,
) -> ClientState:
    """Resolve the settings and build everything a client's calls need."""
    # Imported here: the settings model loads pydantic's model machinery, which
    # `from ofsc import OFSC` alone should not pay for.
    from ._config import load_settings

    settings = load_settings(arguments, profile=profile, config_file=config_file)
    configure_logging(settings.log)
    basic, token = client_credentials(settings)
    # Masked wherever they might be echoed back (an error detail, a log line).
    if settings.client_secret is not None:
        remember_secret(settings.client_secret.get_secret_value())
    remember_secret(basic.removeprefix("Basic "))
    client_hooks = Hooks().merged(hooks or Hooks())
    if settings.plugins:
        apply_plugins(client_hooks)
    audit = audit or (AuditSink(settings.audit_log) if settings.audit_log else None)
    instrumentation = Instrumentation(
        hooks=client_hooks, audit=audit, tracer=default_tracer(), client_id=settings.client_id
    )
    call = CallSettings(
        base_url=BaseURL(settings.resolved_base_url),
        # A supplied http_client's default headers: requests are built here, not by it.
        headers={
            **(http_client.headers if http_client is not None else {}),
            "User-Agent": USER_AGENT,
            "Accept-Encoding": ACCEPT_ENCODING,  # codings decoded in bounded steps (ofsc._wire)
            **(headers or {}),
        },
        timeout=httpx.Timeout(settings.timeout),
        retry=RetryPolicy.from_settings(settings),
        basic=basic,
        token=token,
        circuit=CircuitBreaker(settings.circuit_breaker_threshold, settings.circuit_breaker_cooldown),
        instrumentation=instrumentation,
        call_timeout=settings.call_timeout,
        max_response_size=settings.max_response_size,
        strict_responses=settings.strict_responses,
    )
    network = Network.from_settings(settings)
    wiring.check(settings, http_client, transport)

    def build_wire() -> tuple[Any, Any]:
        http = http_client if http_client is not None else wiring.new_http(settings, network, transport)
        return http, wiring.new_sender(settings, network, http, http_client is None)

    return ClientState(
        settings=settings,
        call=call,
        network=network,
        wire=Wire(build_wire),
        token_lock=wiring.new_lock(),
        owns_http=http_client is None,
    )
