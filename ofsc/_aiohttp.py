"""Sending the async client's requests with aiohttp (``http_backend="aiohttp"``, ``ofsc[aiohttp]``).

httpx's async connection pool is slow under concurrency (encode/httpx#3215), and its client
layers cost more per request than aiohttp does in all. So :class:`AsyncClient` hands plain
requests (a body in memory, an answer read whole) to aiohttp directly; streamed downloads and
multipart uploads still go through httpx. Requests go out from the pipeline's
:class:`~ofsc._wire.OutgoingRequest` and answers come back as an
:class:`~ofsc._wire.Answer`, without building httpx objects that nobody reads. This
module maps aiohttp's errors onto httpx's so that the retry rules (was anything sent?) stay
the same, and turns off aiohttp's own replay of idempotent requests after a reset on a reused
connection: every attempt is the pipeline's, so ``max_retries``, the retry log, spans and the
attempt count see each request that goes out. Bodies are decoded by aiohttp in bounded steps
and read chunk by chunk within the request's size limit. TLS, proxies and the pool size
come from :class:`~ofsc._network.Network`, as for httpx; aiohttp's own ``trust_env`` stays
off, since it would also read ``~/.netrc`` (in a thread, on every request) and refuse a
request that has an ``Authorization`` header for a host listed there.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import aiohttp
import httpx

from ._internals import no_aiohttp_replays
from ._network import MAX_CONNECTIONS
from ._wire import DEADLINE_PASSED, Answer, BodyReader

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._network import Network, ProxyChoice
    from ._sender import AsyncHttpxSender
    from ._wire import OutgoingRequest


class AiohttpSender:
    """An :class:`~ofsc._sender.AsyncSender`: one aiohttp session (its own connection pool),
    opened on first use in the running loop, and an httpx companion for what aiohttp is not
    given (streamed downloads, multipart and one-shot uploads)."""

    def __init__(self, network: Network, companion: AsyncHttpxSender) -> None:
        self._network = network
        self.companion = companion
        self._proxies: ProxyChoice | None = None
        self._session: aiohttp.ClientSession | None = None
        self._closed = False
        # Clients pass the same Timeout to every call: convert it once.
        self._timeouts: tuple[httpx.Timeout, aiohttp.ClientTimeout] | None = None

    @staticmethod
    def can_send(request: OutgoingRequest, stream: bool) -> bool:
        return not stream and request.body_in_memory

    async def read(self, answer: Answer) -> None:
        await self.companion.read(answer)  # only the companion's answers are streamed

    async def send(self, request: OutgoingRequest, *, stream: bool) -> Answer:
        if stream or not request.body_in_memory:  # as can_send says, without the extra call
            return await self.companion.send(request, stream=stream)  # keeps the deadline itself
        session = self._session
        if session is None or session.closed:
            if self._closed:  # as httpx says of a closed client; a copy must not reopen the pool
                raise RuntimeError("Cannot send a request, as the client has been closed.")
            # Cookies are not ours to keep. (The SDK always sends its User-Agent, so aiohttp
            # never adds its own.)
            network = self._network
            connector = aiohttp.TCPConnector(ssl=network.ssl_context(), limit=MAX_CONNECTIONS)
            session = self._session = aiohttp.ClientSession(
                connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False
            )
            self._proxies = network.proxies()
            no_aiohttp_replays(session)  # retrying is the pipeline's job
        method, url, headers, body = _wire_parts(request)
        proxies = self._proxies
        proxy = proxies.for_url(request.base.parsed.scheme, request.base.parsed.host) if proxies else None
        started = time.perf_counter()
        try:
            async with session.request(
                method,
                url,
                headers=headers,
                data=body,
                allow_redirects=False,
                proxy=proxy,
                timeout=self._timeout(request),
            ) as received:
                status, headers, raw_headers = received.status, received.headers, received.raw_headers
                if _whole_within_limit(headers, request.max_size):
                    # Sent as is, no longer than the limit: one read, which aiohttp ends at the
                    # announced length and (its total timeout) at the deadline.
                    content = await received.read()
                else:
                    # aiohttp decodes in bounded steps itself: the reader counts decoded bytes.
                    reader = BodyReader(request, status, headers, decoded=True)
                    async for chunk in received.content.iter_any():
                        reader.feed(chunk)
                    content = reader.content()
        except aiohttp.ClientError as exc:
            raise as_httpx_error(exc, request.to_httpx()) from exc
        except TimeoutError as exc:  # the deadline (aiohttp's total) passed while reading
            raise httpx.ReadTimeout(DEADLINE_PASSED, request=request.to_httpx()) from exc
        elapsed = time.perf_counter() - started
        return Answer(status, headers, request, content, raw_headers, elapsed)

    def _timeout(self, request: OutgoingRequest) -> aiohttp.ClientTimeout:
        """The request's timeouts, and its deadline as aiohttp's total: aiohttp then stops
        connecting, sending and reading at the deadline itself, with the one timer it runs
        anyway, instead of a second one around it."""
        timeout = request.timeout
        cached = self._timeouts
        if cached is None or cached[0] is not timeout:
            cached = self._timeouts = (timeout, _client_timeout(timeout.as_dict(), total=None))
        each = cached[1]
        if request.deadline == math.inf:
            return each
        left = request.deadline - time.monotonic()
        if left <= 0:  # aiohttp reads a total of 0 as "no limit": refuse here instead
            raise httpx.ReadTimeout(DEADLINE_PASSED, request=request.to_httpx())
        return aiohttp.ClientTimeout(
            left,
            _shorter(each.connect, left),
            _shorter(each.sock_read, left),
            _shorter(each.sock_connect, left),
            each.ceil_threshold,
        )

    async def aclose(self) -> None:
        self._closed = True
        await self.companion.aclose()
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


def _whole_within_limit(headers: Mapping[str, str], limit: int | None) -> bool:
    """Whether the body can be read in one go: sent as is, with a length within ``limit``
    (which the reader checked already). Compressed or unannounced bodies are read chunk by
    chunk, since only their decoded size counts."""
    announced = headers.get("Content-Length", "")
    encoding = headers.get("Content-Encoding", "identity").strip().lower()
    whole = encoding == "identity" and announced.isascii() and announced.isdigit()
    return whole and (limit is None or int(announced) <= limit)


def _shorter(limit: float | None, left: float) -> float | None:
    """A step's own limit, if it is shorter than the time the request has left. One that is
    not can never fire before the total does (it starts later and runs no shorter), so it is
    dropped: aiohttp would otherwise arm and cancel a timer for it on every request (the pool
    wait) and on every chunk read (the read timeout)."""
    return limit if limit is not None and limit < left else None


def _client_timeout(seconds: Mapping[str, float | None], *, total: float | None) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(
        total=total,
        connect=seconds.get("pool"),
        sock_connect=seconds.get("connect"),
        sock_read=seconds.get("read"),
        ceil_threshold=math.inf,  # aiohttp would round a timer of 5 s or more up to a whole second
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
