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

from typing import TYPE_CHECKING, Protocol

from ._internals import keep_body
from ._wire import Answer, BodyReader

if TYPE_CHECKING:
    import httpx

    from ._wire import OutgoingRequest


class Sender(Protocol):
    """Sends with blocking I/O."""

    def send(self, request: OutgoingRequest, *, stream: bool) -> Answer: ...

    def read(self, answer: Answer) -> None:
        """Read a streamed answer whole, within its request's limits (an error's body)."""
        ...

    def close(self) -> None: ...


class AsyncSender(Protocol):
    """Sends with async I/O."""

    async def send(self, request: OutgoingRequest, *, stream: bool) -> Answer: ...

    async def read(self, answer: Answer) -> None: ...

    async def aclose(self) -> None: ...


class HttpxSender:
    """Sends through an ``httpx.Client`` (the SDK's own, or one the caller supplied)."""

    __slots__ = ("http",)

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def send(self, request: OutgoingRequest, *, stream: bool) -> Answer:
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
    """Sends through an ``httpx.AsyncClient``."""

    __slots__ = ("http",)

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def send(self, request: OutgoingRequest, *, stream: bool) -> Answer:
        response = await self.http.send(request.to_httpx(), stream=True)
        answer = Answer.of_httpx(response, request, stream=stream)
        if not stream:
            await self.read(answer)
        return answer

    async def read(self, answer: Answer) -> None:
        """Read the answer whole, decoded, within the request's size limit."""
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
