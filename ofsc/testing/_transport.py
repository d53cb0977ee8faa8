"""httpx transports that hand requests to a :class:`MockOFS` in-process.

Injected faults look to the client as they would over a network: a reset raises
``httpx.ReadError``, a truncated body raises ``httpx.RemoteProtocolError`` while it is
read, and latency is waited out (with ``asyncio.sleep`` in the async transport).
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import httpx

from ._http import MockRequest

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from ._http import Reply
    from ._mock import MockOFS


def _mock_request(request: httpx.Request, body: bytes) -> MockRequest:
    return MockRequest(
        method=request.method,
        raw_path=request.url.raw_path.split(b"?", 1)[0].decode("ascii"),
        query=request.url.query.decode("ascii"),
        headers={name.lower(): value for name, value in request.headers.items()},
        body=body,
    )


def _response(
    request: httpx.Request, reply: Reply, stream: httpx.SyncByteStream | httpx.AsyncByteStream
) -> httpx.Response:
    if reply.reset:
        raise httpx.ReadError("connection reset by peer", request=request)
    return httpx.Response(reply.status, headers=reply.wire_headers(), stream=stream, request=request)


def _cut_short(request: httpx.Request) -> httpx.RemoteProtocolError:
    return httpx.RemoteProtocolError(
        "peer closed connection without sending complete message body", request=request
    )


class _ReplyStream(httpx.SyncByteStream):
    def __init__(self, request: httpx.Request, reply: Reply) -> None:
        self._request = request
        self._reply = reply

    def __iter__(self) -> Iterator[bytes]:
        yield from self._reply.chunks()
        if self._reply.truncate:
            raise _cut_short(self._request)


class _AsyncReplyStream(httpx.AsyncByteStream):
    def __init__(self, request: httpx.Request, reply: Reply) -> None:
        self._request = request
        self._reply = reply

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._reply.chunks():
            yield chunk
        if self._reply.truncate:
            raise _cut_short(self._request)


class MockTransport(httpx.BaseTransport):
    """``OFSC(..., transport=mock.transport())``."""

    def __init__(self, mock: MockOFS) -> None:
        self.mock = mock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        reply = self.mock.handle(_mock_request(request, request.read()))
        if reply.delay:
            time.sleep(reply.delay)
        return _response(request, reply, _ReplyStream(request, reply))


class AsyncMockTransport(httpx.AsyncBaseTransport):
    """``AsyncOFSC(..., transport=mock.async_transport())``."""

    def __init__(self, mock: MockOFS) -> None:
        self.mock = mock

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        reply = self.mock.handle(_mock_request(request, await request.aread()))
        if reply.delay:
            await asyncio.sleep(reply.delay)
        return _response(request, reply, _AsyncReplyStream(request, reply))
