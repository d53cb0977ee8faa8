"""The seam between the clients and HTTP libraries: a sender.

A sender takes the pipeline's :class:`~ofsc._wire.OutgoingRequest` and gives back an
:class:`~ofsc._wire.Answer`, whatever library it uses: read whole within the request's size
limit and deadline, or (``stream=True``, for file downloads) with the body still to read.
The drivers in :mod:`ofsc._base_client` call only this interface and see only answers;
which library is behind it is the client's ``http_backend`` setting:

- :class:`HttpxSender` (``OFSC``) and :class:`AsyncHttpxSender` (``AsyncOFSC``, the default);
- :class:`~ofsc._aiohttp.AiohttpSender` (``AsyncOFSC`` with ``http_backend="aiohttp"``).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Protocol

import httpx

from ._internals import keep_body, send_through_async_transport, send_through_transport
from ._wire import DEADLINE_PASSED, Answer, BodyReader

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from ._wire import OutgoingRequest


class Sender(Protocol):
    """Sends with blocking I/O."""

    def send(self, request: OutgoingRequest, *, stream: bool) -> Answer: ...

    def read(self, answer: Answer) -> None:
        """Read a streamed answer whole, within its request's limits (an error's body)."""
        ...

    def close(self) -> None: ...


class AsyncSender(Protocol):
    """Sends with async I/O; each send and read ends by its request's deadline."""

    async def send(self, request: OutgoingRequest, *, stream: bool) -> Answer: ...

    async def read(self, answer: Answer) -> None: ...

    async def aclose(self) -> None: ...


class HttpxSender:
    """Sends through an ``httpx.Client`` (the SDK's own, or one the caller supplied)."""

    __slots__ = ("direct", "http")

    def __init__(self, http: httpx.Client, *, direct: bool = False) -> None:
        self.http = http
        # The SDK's own client: a buffered request goes straight to its transport, since it
        # has no auth, hooks or cookies of a caller's for httpx's client layers to apply.
        self.direct = direct

    def send(self, request: OutgoingRequest, *, stream: bool) -> Answer:
        if self.direct and not stream:
            started = time.perf_counter()
            response = send_through_transport(self.http, request.to_httpx())
            answer = Answer.of_httpx(response, request)
            self.read(answer)
            response.elapsed = dt.timedelta(seconds=time.perf_counter() - started)
            return answer
        response = self.http.send(request.to_httpx(), stream=True)
        answer = Answer.of_httpx(response, request, stream=stream)
        if not stream:
            self.read(answer)
        return answer

    def read(self, answer: Answer) -> None:
        """Read the answer whole, decoded, within the request's size limit and deadline
        (checked after each chunk; a silent server is stopped by the read timeout)."""
        response = answer.http_response  # this sender's own: carried, not built
        try:
            reader = BodyReader(answer.request, response.status_code, response.headers)
            for chunk in response.iter_raw() if reader.decodes else response.iter_bytes():
                reader.feed(chunk)
        finally:
            response.close()
        answer.content = content = reader.content()
        keep_body(response, content)

    def close(self) -> None:
        self.http.close()


class AsyncHttpxSender:
    """Sends through an ``httpx.AsyncClient`` (straight to its transport when ``direct``, as
    :class:`HttpxSender` does)."""

    __slots__ = ("direct", "http")

    def __init__(self, http: httpx.AsyncClient, *, direct: bool = False) -> None:
        self.http = http
        self.direct = direct

    async def send(self, request: OutgoingRequest, *, stream: bool) -> Answer:
        return await within_deadline(request, self._exchange(request, stream))

    async def read(self, answer: Answer) -> None:
        """Read the answer whole, decoded, within the request's size limit and deadline."""
        await within_deadline(answer.request, self._read(answer))

    async def _exchange(self, request: OutgoingRequest, stream: bool) -> Answer:
        if self.direct and not stream:
            started = time.perf_counter()
            response = await send_through_async_transport(self.http, request.to_httpx())
            answer = Answer.of_httpx(response, request)
            await self._read(answer)
            response.elapsed = dt.timedelta(seconds=time.perf_counter() - started)
            return answer
        response = await self.http.send(request.to_httpx(), stream=True)
        answer = Answer.of_httpx(response, request, stream=stream)
        if not stream:
            await self._read(answer)
        return answer

    async def _read(self, answer: Answer) -> None:
        response = answer.http_response
        try:
            reader = BodyReader(answer.request, response.status_code, response.headers)
            async for chunk in response.aiter_raw() if reader.decodes else response.aiter_bytes():
                reader.feed(chunk)
        finally:
            await response.aclose()
        answer.content = content = reader.content()
        keep_body(response, content)

    async def aclose(self) -> None:
        await self.http.aclose()


async def within_deadline[R](request: OutgoingRequest, work: Awaitable[R]) -> R:
    """``work``, stopped at the request's deadline (connecting, sending and reading included):
    a per-read timeout alone would let a server that trickles its answer hold the call."""
    import asyncio

    try:
        async with asyncio.timeout(request.deadline - time.monotonic()):
            return await work
    except TimeoutError as exc:
        raise httpx.ReadTimeout(DEADLINE_PASSED, request=request.to_httpx()) from exc
