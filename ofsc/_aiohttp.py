"""Sending the async client's requests with aiohttp, when it is installed (``ofsc[aiohttp]``).

httpx's async connection pool is slow under concurrency (encode/httpx#3215), and its client
layers cost more per request than aiohttp does in all. So :class:`AsyncClient` hands plain
requests (a body in memory, an answer read whole) to aiohttp directly; streamed downloads and
multipart uploads still go through httpx. The pipeline keeps speaking ``httpx.Request`` and
``httpx.Response``: this module only converts, and maps aiohttp's errors onto httpx's so that
the retry rules (was anything sent?) stay the same.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

import aiohttp
import httpx

if TYPE_CHECKING:
    from collections.abc import Mapping


class AiohttpSender:
    """One aiohttp session (its own connection pool), opened on first use in the running loop."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    @staticmethod
    def can_send(request: httpx.Request, stream: bool) -> bool:
        return not stream and isinstance(request.stream, httpx.ByteStream)

    async def send(self, request: httpx.Request) -> httpx.Response:
        session = self._session
        if session is None or session.closed:
            # httpx decodes the body (it knows the Content-Encoding); cookies are not ours to keep.
            session = self._session = aiohttp.ClientSession(
                auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar(), skip_auto_headers=("User-Agent",)
            )
        started = time.perf_counter()
        try:
            async with session.request(
                request.method,
                str(request.url),
                headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
                data=request.content or None,
                allow_redirects=False,
                timeout=_timeout(request.extensions.get("timeout", {})),
            ) as answer:
                content = await answer.read()
                status, headers = answer.status, list(answer.raw_headers)
        except aiohttp.ClientError as exc:
            raise as_httpx_error(exc, request) from exc
        except TimeoutError as exc:  # aiohttp's own timeouts are ClientErrors; this is a bare one
            raise httpx.ReadTimeout(str(exc) or "timed out", request=request) from exc
        response = httpx.Response(status, headers=headers, content=content, request=request)
        response.elapsed = dt.timedelta(seconds=time.perf_counter() - started)
        return response

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _timeout(seconds: Mapping[str, float | None]) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(
        total=None,
        connect=seconds.get("pool"),
        sock_connect=seconds.get("connect"),
        sock_read=seconds.get("read"),
    )


def as_httpx_error(exc: aiohttp.ClientError, request: httpx.Request) -> httpx.TransportError:
    """The httpx error that says the same: in particular, whether the request can have been sent."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message, request=request)
    if isinstance(exc, TimeoutError):
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError(message, request=request)
    return httpx.ReadError(message, request=request)
