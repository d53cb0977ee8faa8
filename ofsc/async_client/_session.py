"""``AsyncSession``: the v3 :class:`ofsc.AsyncOFSC` behind a 2.x ``AsyncOFSC``, and how a
2.x request is sent through it (the async twin of :class:`ofsc.v2._session.Session`; both
use the I/O-free :func:`ofsc.v2._carrier.prepare`).

Every request goes through the v3 pipeline: timeouts, retries (connection errors, 429 and
5xx, honouring ``Retry-After``), OAuth2 token refresh, redaction, hooks and tracing. The
answer comes back as a :class:`~ofsc.v2.common.Response` whatever its status.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import time
from typing import TYPE_CHECKING, Any

import httpx

from .._exceptions import APIConnectionError, APIStatusError
from ..v2._carrier import network_error, prepare
from ..v2._config import DEFAULT_BASE_URL
from ..v2._wire import origin
from ..v2.common import Response

if TYPE_CHECKING:
    from .. import AsyncOFSC as V3AsyncClient
    from .._response import RawResponse
    from ..v2._config import OFSConfig
    from ..v2._wire import Call
    from ._http_config import HTTPClientConfig

# 2.x sent the caller's access token as it was; v3 replaces it when OFS refuses it.
SUPPLIED_TOKEN_SECONDS = 3000.0


def http_client(config: HTTPClientConfig, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    """The connection pool ``config`` describes."""
    limits = httpx.Limits()
    if config.max_concurrency is not None:
        limits = httpx.Limits(
            max_connections=config.max_concurrency, max_keepalive_connections=config.max_concurrency
        )
    return httpx.AsyncClient(
        transport=transport,
        limits=limits,
        proxy=config.proxy,
        verify=config.verify_ssl,
        # HTTP/2 needs the h2 package; without it the same requests go over HTTP/1.1.
        http2=config.http2 and importlib.util.find_spec("h2") is not None,
        follow_redirects=config.follow_redirects,
        trust_env=config.trust_env,
    )


def v3_settings(config: HTTPClientConfig, enable_logging: bool) -> dict[str, Any]:
    """The v3 client settings ``config`` asks for (what it leaves out keeps v3's default)."""
    settings: dict[str, Any] = {}
    if config.timeout is not None:
        settings["timeout"] = config.timeout
    if "max_retries" in config.model_fields_set:
        settings["max_retries"] = config.max_retries
    if enable_logging:
        settings["log"] = "debug"
    return settings


class AsyncSession:
    """The v3 async client for one 2.x ``AsyncOFSC`` (and a Basic one for the token service)."""

    def __init__(self, config: OFSConfig, http: httpx.AsyncClient, settings: dict[str, Any]) -> None:
        self.config = config
        self.http = http
        self._settings = settings
        self._clients: dict[str, V3AsyncClient] = {}

    def client(self, *, basic: bool = False) -> V3AsyncClient:
        auth = "basic" if basic or not self.config.useToken else "oauth2"
        client = self._clients.get(auth)
        if client is None:
            client = self._clients[auth] = self._new_client(auth)
        return client

    def _new_client(self, auth: str) -> V3AsyncClient:
        from .. import AsyncOFSC as V3AsyncClient

        c = self.config
        client = V3AsyncClient(
            instance=c.companyName,
            client_id=c.clientID,
            client_secret=c.secret,
            auth=auth,  # type: ignore[arg-type]
            # 2.x joined "/rest/..." to the base URL, dropping any path it had.
            base_url=origin(c.baseURL or DEFAULT_BASE_URL.format(companyName=c.companyName)),
            http_client=self.http,
            **self._settings,
        )
        state = client.token_state
        if state is not None and c.access_token:
            # The token the caller got; once it expires or OFS refuses it, v3 fetches another.
            state.token = c.access_token
            state.refresh_at = state.clock() + SUPPLIED_TOKEN_SECONDS
        return client

    async def send(self, v3_name: str | None, call: Call, *, basic: bool = False) -> Response:
        """Send ``call``; the response whatever its status (no response raises
        :class:`~ofsc.v2.exceptions.OFSCNetworkError`)."""
        client = self.client(basic=basic)
        operation, args, options = prepare(v3_name, call)
        started = time.perf_counter()
        try:
            raw: RawResponse[object] = await client.raw(client.request, operation, args, options)
            http_response = raw.http_response
        except APIStatusError as exc:
            http_response = exc.response
        except APIConnectionError as exc:
            raise network_error(exc) from exc
        return Response(http_response, dt.timedelta(seconds=time.perf_counter() - started))

    async def close(self) -> None:
        for client in self._clients.values():
            await client.close()
        self._clients.clear()
        await self.http.aclose()
