"""``Session``: the v3 client behind a 2.x client, and how a 2.x :class:`~._wire.Call` is
sent through it.

Every request goes through the v3 pipeline of an :class:`ofsc.OFSC` (timeouts, retries of
idempotent calls, OAuth2 token refresh, the circuit breaker). The answer comes back as an
:class:`~.common.Response` whatever its status: turning it into a 2.x result is
:mod:`.common`'s job.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from typing import TYPE_CHECKING, Any, Literal

from .._exceptions import APIConnectionError, APIStatusError
from .._token_service import CLIENT_CREDENTIALS, JWT_BEARER
from ._carrier import network_error, prepare
from ._config import DEFAULT_BASE_URL
from ._wire import Call, origin, token_call
from .common import Response

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .. import OFSC
    from ._config import OFSConfig, OFSOAuthRequest

# 2.x cached a token response for 50 minutes whatever its expires_in said.
TOKEN_CACHE_SECONDS = 3000.0
_GRANT_TYPES = (CLIENT_CREDENTIALS, JWT_BEARER)


class Session:
    """The v3 client behind an :class:`OFSConfig`, shared by the sub-APIs of one 2.x client.

    The client is rebuilt when the credentials, base URL or ``useToken`` of the config
    change (2.x read them on every request).
    """

    def __init__(
        self, config: OFSConfig, options: Mapping[str, Any] | None = None, *, client: OFSC | None = None
    ) -> None:
        self.config = config
        self._options = dict(options or {})
        # A transport or HTTP client the caller passed in is shared by every client built here.
        self._shared_transport = bool({"transport", "http_client"} & self._options.keys())
        self._lock = threading.Lock()
        self._clients: dict[str, OFSC] = {}
        self._key: tuple[object, ...] | None = None
        self._tokens: dict[OFSOAuthRequest, tuple[float, Response]] = {}
        if client is not None:  # already built for this config: reuse it
            self._key = self._connection_key()
            self._clients[client.settings.auth] = client

    def _connection_key(self) -> tuple[object, ...]:
        c = self.config
        return (c.clientID, c.companyName, c.secret, c.baseURL, c.useToken)

    def client(self, *, basic: bool = False) -> OFSC:
        """The v3 client for API calls; ``basic=True`` for one that always sends Basic
        credentials (the token service takes no Bearer token)."""
        with self._lock:
            key = self._connection_key()
            if key != self._key:
                self._close_clients(closing_shared=False)
                self._key = key
            auth: Literal["basic", "oauth2"] = "basic" if basic or not self.config.useToken else "oauth2"
            client = self._clients.get(auth)
            if client is None:
                client = self._clients[auth] = self._new_client(auth)
            return client

    def _new_client(self, auth: Literal["basic", "oauth2"]) -> OFSC:
        from .. import OFSC

        c = self.config
        return OFSC(
            instance=c.companyName,
            client_id=c.clientID,
            client_secret=c.secret,
            auth=auth,
            # 2.x joined "/rest/..." to the base URL, dropping any path it had.
            base_url=origin(c.baseURL or DEFAULT_BASE_URL.format(companyName=c.companyName)),
            **self._options,
        )

    def send(self, v3_name: str | None, call: Call, *, basic: bool = False) -> Response:
        """Send ``call``; the response whatever its status (transport failures raise
        :class:`OFSCNetworkError`)."""
        client = self.client(basic=basic)
        operation, args, options = prepare(v3_name, call)
        started = time.perf_counter()
        try:
            http_response = client.raw(client.request, operation, args, options).http_response
        except APIStatusError as exc:
            http_response = exc.response
        except APIConnectionError as exc:
            raise network_error(exc) from exc
        return Response(http_response, dt.timedelta(seconds=time.perf_counter() - started))

    def token(self, auth: OFSOAuthRequest) -> Response:
        """The token service's answer for ``auth``, cached per request until it expires
        (successful answers only)."""
        if auth.grant_type not in _GRANT_TYPES:
            raise NotImplementedError(f"grant_type {auth.grant_type} not implemented yet")
        now = time.monotonic()
        cached = self._tokens.get(auth)
        if cached is not None and now < cached[0]:
            return cached[1]
        response = self.send("auth.get_token", token_call(auth), basic=True)
        if response.ok:
            lifetime = TOKEN_CACHE_SECONDS
            with contextlib.suppress(ValueError, KeyError, TypeError):
                lifetime = min(lifetime, float(response.json()["expires_in"]))
            self._tokens[auth] = (now + lifetime, response)
        return response

    def _close_clients(self, *, closing_shared: bool) -> None:
        # Closing a client closes its transport: one the caller passed in is closed only at the end.
        if closing_shared or not self._shared_transport:
            for client in self._clients.values():
                client.close()
        self._clients.clear()
        self._tokens.clear()

    def close(self) -> None:
        with self._lock:
            self._close_clients(closing_shared=True)
            self._key = None
