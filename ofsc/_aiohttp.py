"""Sending the async client's requests with aiohttp, when it is installed (``ofsc[aiohttp]``).

httpx's async connection pool is slow under concurrency (encode/httpx#3215), and its client
layers cost more per request than aiohttp does in all. So :class:`AsyncClient` hands plain
requests (a body in memory, an answer read whole) to aiohttp directly; streamed downloads and
multipart uploads still go through httpx. Requests go out from the pipeline's
:class:`~ofsc._wire.OutgoingRequest` and answers come back as a
:class:`~ofsc._wire.BufferedAnswer`, without building httpx objects that nobody reads. This
module maps aiohttp's errors onto httpx's so that the retry rules (was anything sent?) stay
the same, and turns off aiohttp's own replay of idempotent requests after a reset on a reused
connection: every attempt is the pipeline's, so ``max_retries``, the retry log, spans and the
attempt count see each request that goes out. Bodies are decoded by aiohttp in bounded steps
and read chunk by chunk within the request's size limit.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import aiohttp
import httpx

from ._wire import BodyReader, BufferedAnswer

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._wire import Answer, OutgoingRequest


class AiohttpSender:
    """One aiohttp session (its own connection pool), opened on first use in the running loop."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        # Clients pass the same Timeout to every call: convert it once.
        self._timeouts: tuple[httpx.Timeout, aiohttp.ClientTimeout] | None = None

    @staticmethod
    def can_send(request: OutgoingRequest, stream: bool) -> bool:
        return not stream and request.body_in_memory

    async def send(self, request: OutgoingRequest) -> Answer:
        session = self._session
        if session is None or session.closed:
            # Cookies are not ours to keep. (The SDK always sends its User-Agent, so aiohttp
            # never adds its own.)
            session = self._session = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
            # aiohttp re-sends an idempotent request once by itself after a reset on a reused
            # connection; retrying is the pipeline's job (it has no public switch).
            if hasattr(session, "_retry_connection"):
                session._retry_connection = False
        method, url, headers, body = _wire_parts(request)
        started = time.perf_counter()
        try:
            async with session.request(
                method,
                url,
                headers=headers,
                data=body,
                allow_redirects=False,
                timeout=self._timeout(request.timeout),
            ) as answer:
                status, raw_headers = answer.status, answer.raw_headers
                # aiohttp decodes in bounded steps itself: the reader counts decoded bytes.
                reader = BodyReader(request, status, answer.headers, decoded=True)
                async for chunk in answer.content.iter_any():
                    reader.feed(chunk)
                content = reader.content()
        except aiohttp.ClientError as exc:
            raise as_httpx_error(exc, request.to_httpx()) from exc
        except TimeoutError as exc:  # aiohttp's own timeouts are ClientErrors; this is a bare one
            raise httpx.ReadTimeout(str(exc) or "timed out", request=request.to_httpx()) from exc
        return BufferedAnswer(status, raw_headers, content, request, time.perf_counter() - started)

    def _timeout(self, timeout: httpx.Timeout) -> aiohttp.ClientTimeout:
        cached = self._timeouts
        if cached is None or cached[0] is not timeout:
            cached = self._timeouts = (timeout, _client_timeout(timeout.as_dict()))
        return cached[1]

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _wire_parts(
    request: OutgoingRequest,
) -> tuple[str, str, Mapping[str, str] | list[tuple[str, str]], bytes | None]:
    """Method, URL, headers and body to send: as the pipeline built them, or as a hook or the
    tracer left the ``httpx.Request`` if one was built."""
    if request.http_request is None and request.form is None:
        return request.method, request.url_text, request.headers, request.content or None
    built = request.to_httpx()  # httpx encodes a form
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in built.headers.raw]
    return built.method, str(built.url), headers, built.content or None


def _client_timeout(seconds: Mapping[str, float | None]) -> aiohttp.ClientTimeout:
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
