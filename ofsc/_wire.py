"""A request and an answer as the pipeline handles them, whatever HTTP library carries them.

Every sender takes an :class:`OutgoingRequest` and gives back an :class:`Answer`, buffered
or streamed; the drivers and the pipeline see nothing else. Building an ``httpx.Request``
or ``httpx.Response`` costs about as much as the rest of the SDK's work on a call, and most
calls never look at either: a plain request goes out through aiohttp, and a successful
answer only needs its status and body. So each is built in one place, the first time
something asks for it (a hook, a log line, a span, an error, ``raw_response``):
:meth:`OutgoingRequest.to_httpx` and :attr:`Answer.http_response`. The httpx senders'
own objects are carried, never rebuilt; either way the object is kept, so that everyone
who asks sees the same one, hook changes included.
"""

from __future__ import annotations

import datetime as dt
import math
import time
import zlib
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from ._exceptions import ResponseTooLargeError
from ._internals import join_url, keep_body, set_private_state

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator, Mapping, Sequence

    from pydantic import BaseModel


class BaseURL:
    """The client's base URL, parsed and checked once; each request's URL is joined to it.

    Parsing a URL makes httpx check it character by character, which costs more than the
    rest of building a request. The base was checked here, and the path and query joined to
    it were percent-encoded by the SDK, so a request's URL is text joined to text, and its
    ``httpx.URL`` reuses the parsed base with the path and query replaced (falling back to
    parsing the text, should httpx's URL internals ever change).
    """

    __slots__ = ("parsed", "text")

    def __init__(self, url: str) -> None:
        self.parsed = httpx.URL(url)
        self.text = str(self.parsed.copy_with(query=None, fragment=None)).rstrip("/")

    def __str__(self) -> str:
        return str(self.parsed)

    def join(self, target: str) -> httpx.URL:
        """The ``httpx.URL`` of ``target``, an encoded path with an optional query."""
        path, _, query = target.partition("?")
        url = join_url(self.parsed, path, query or None)
        return url if url is not None else httpx.URL(self.text + target)


class OutgoingRequest:
    """One attempt's request: what the pipeline decided to send."""

    __slots__ = (
        "_url",
        "base",
        "content",
        "deadline",
        "files",
        "form",
        "headers",
        "http_request",
        "max_size",
        "method",
        "target",
        "timeout",
    )

    def __init__(
        self,
        method: str,
        base: BaseURL,
        target: str,
        headers: dict[str, str],
        timeout: httpx.Timeout,
        *,
        content: Any = None,
        form: dict[str, str] | None = None,
        files: dict[str, Any] | None = None,
    ) -> None:
        self.method = method
        self.base = base
        self.target = target  # the encoded path and query
        self._url: httpx.URL | None = None
        self.headers = headers
        self.timeout = timeout
        self.content = content  # bytes, a file, or an iterable of chunks
        self.form = form
        self.files = files
        self.http_request: httpx.Request | None = None  # built by to_httpx()
        # The attempt's limits, set by the pipeline: when its answer must be complete (a
        # time.monotonic() value) and how many decoded bytes a buffered answer may hold.
        self.deadline = math.inf
        self.max_size: int | None = None

    @property
    def url(self) -> httpx.URL:
        if self._url is None:
            self._url = self.base.join(self.target)
        return self._url

    @property
    def url_text(self) -> str:
        return self.base.text + self.target

    @property
    def body_in_memory(self) -> bool:
        """Whether the body is bytes (or absent), so that any transport can send it as it is."""
        if self.http_request is not None:
            return isinstance(self.http_request.stream, httpx.ByteStream)
        return self.files is None and (self.content is None or isinstance(self.content, bytes | bytearray))

    def to_httpx(self) -> httpx.Request:
        """The ``httpx.Request`` for this attempt, built on first use; later changes to it
        (by a request hook, or trace context) are what gets sent."""
        if self.http_request is None:
            self.http_request = httpx.Request(
                self.method,
                self.url,
                headers=self.headers,
                content=self.content,
                data=self.form,
                files=self.files,
                extensions={"timeout": self.timeout.as_dict()},
            )
        return self.http_request


DEADLINE_PASSED = "the answer did not arrive within the deadline"

# Content codings the SDK asks for (every client sends this Accept-Encoding): both are
# decoded here in bounded steps, so a small compressed answer cannot inflate past the limit
# before it is counted.
ACCEPT_ENCODING = "gzip, deflate"
_STEP = 64 * 1024  # decoded bytes per step


class BodyReader:
    """Reads one buffered answer within its request's limits: decoded bytes up to
    ``max_size`` and time up to ``deadline``.

    The drivers feed it the body chunk by chunk (``raw`` chunks when :attr:`decodes`, else
    chunks their HTTP library already decoded in bounded steps), so a huge, decompressing
    or trickling answer is stopped as soon as it passes a limit, whatever the transport.
    """

    __slots__ = ("_chunks", "_deflate_head", "_inflater", "request", "size", "status_code")
    _ZLIB_HEADER = 2  # bytes of a zlib stream's header (RFC 1950)

    def __init__(
        self,
        request: OutgoingRequest,
        status_code: int,
        headers: httpx.Headers | Any,
        *,
        decoded: bool = False,
    ) -> None:
        self.request = request
        self.status_code = status_code
        self.size = 0
        self._chunks: list[bytes] = []
        encoding = "identity" if decoded else headers.get("content-encoding", "identity").strip().lower()
        self._inflater: Any = None
        # "deflate" is sent both with and without its zlib header (httpx accepts both too):
        # the body's first bytes, held until there are enough of them, tell which.
        self._deflate_head: bytes | None = None
        if encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj()
            self._deflate_head = b""
        limit = request.max_size
        if limit is not None and encoding == "identity":
            announced = headers.get("content-length", "")
            if announced.isascii() and announced.isdigit() and int(announced) > limit:  # refused unread
                raise self.too_large()

    @property
    def decodes(self) -> bool:
        """Whether to feed the body as received (still compressed)."""
        return self._inflater is not None

    def feed(self, chunk: bytes) -> None:
        if self._inflater is None:
            self._add(chunk)
            return
        if self._deflate_head is not None:
            chunk = self._deflate_head + chunk
            if len(chunk) < self._ZLIB_HEADER:  # too few bytes to tell: wait for more
                self._deflate_head = chunk
                return
            self._choose_deflate(chunk)
        self._inflate(chunk)

    def content(self) -> bytes:
        if self._inflater is not None:
            if self._deflate_head is not None:  # a body shorter than a zlib header
                head = self._deflate_head
                self._choose_deflate(head)
                self._inflate(head)
            self._add(self._inflater.flush())
        return b"".join(self._chunks)

    def _choose_deflate(self, head: bytes) -> None:
        """Keep the zlib inflater if ``head`` starts with a zlib header, else inflate raw deflate."""
        self._deflate_head = None
        cmf, flg = (head + b"\0\0")[: self._ZLIB_HEADER]
        # RFC 1950: method 8 (deflate), a window of at most 32 KiB, the check bits.
        if not (cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf << 8 | flg) % 31 == 0):
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)

    def _inflate(self, data: bytes) -> None:
        try:
            while data:
                self._add(self._inflater.decompress(data, _STEP))
                data = self._inflater.unconsumed_tail
        except zlib.error as exc:
            raise httpx.DecodingError(str(exc), request=self.request.to_httpx()) from exc

    def _add(self, piece: bytes) -> None:
        if not piece:
            return
        self.size += len(piece)
        limit = self.request.max_size
        if limit is not None and self.size > limit:
            self._chunks.clear()
            raise self.too_large()
        if time.monotonic() > self.request.deadline:
            raise httpx.ReadTimeout(DEADLINE_PASSED, request=self.request.to_httpx())
        self._chunks.append(piece)

    def too_large(self) -> ResponseTooLargeError:
        request = self.request
        return ResponseTooLargeError(
            limit=request.max_size or 0,
            status_code=self.status_code,
            method=request.method,
            url=request.url_text.partition("?")[0],
        )


class BodyStream(Protocol):
    """A body still to read, as a sender hands it over (an ``httpx.Response`` opened with
    ``stream=True`` is one)."""

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]: ...

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]: ...

    def read(self) -> bytes: ...

    async def aread(self) -> bytes: ...

    def close(self) -> None: ...

    async def aclose(self) -> None: ...


class Answer:
    """One attempt's answer, whichever sender got it: the only answer the pipeline sees.

    ``content`` is the decoded body (a streamed answer has none until it is read: see
    :meth:`read`); ``headers`` are the server's, case-insensitive. ``http_response`` is the
    ``httpx.Response``: the httpx senders' own, carried as it is, or built from what another
    sender read the first time something asks for it, and then kept. Once it exists, the
    headers and elapsed time are read from it, so that a response hook's changes are what
    everyone sees.
    """

    __slots__ = (
        "_elapsed",
        "_headers",
        "_http_response",
        "_raw_headers",
        "_stream",
        "content",
        "request",
        "status_code",
    )
    content: bytes  # unset on a streamed answer until it is read

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        request: OutgoingRequest,
        content: bytes | None = None,
        raw_headers: Sequence[tuple[bytes, bytes]] | None = None,
        elapsed: float = 0.0,
        http_response: httpx.Response | None = None,
        stream: BodyStream | None = None,
    ) -> None:
        self.status_code = status_code
        self.request = request
        if content is not None:
            self.content = content
        self._headers = headers
        self._raw_headers = raw_headers  # the bytes as received, for the httpx.Response
        self._elapsed = elapsed
        self._http_response = http_response
        self._stream = stream

    @classmethod
    def of_httpx(cls, response: httpx.Response, request: OutgoingRequest, *, stream: bool = False) -> Answer:
        """The answer of an httpx sender: its ``httpx.Response`` carried, never rebuilt (a
        streamed one's body is read from it)."""
        # Positional: an answer is made on every call, and keywords cost more.
        return cls(
            response.status_code,
            response.headers,
            request,
            None,
            None,
            0.0,
            response,
            response if stream else None,
        )

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    @property
    def headers(self) -> Mapping[str, str]:
        response = self._http_response
        return self._headers if response is None else response.headers

    @property
    def elapsed(self) -> dt.timedelta:
        """The time from sending the request to the end of the answer."""
        response = self._http_response
        return dt.timedelta(seconds=self._elapsed) if response is None else response.elapsed

    @property
    def http_response(self) -> httpx.Response:
        """The ``httpx.Response`` for this answer (for hooks, logs, errors, ``raw_response``),
        built on first use and then kept."""
        response = self._http_response
        if response is None:
            # An empty stream, then the decoded body: content= would decode it a second time.
            raw = self._raw_headers
            response = httpx.Response(
                self.status_code,
                headers=list(raw) if raw is not None else list(self._headers.items()),
                stream=httpx.ByteStream(b""),
                request=self.request.to_httpx(),
            )
            keep_body(response, self.content)
            response.elapsed = dt.timedelta(seconds=self._elapsed)
            self._http_response = response
        return response

    # The body, for file downloads: streamed from the sender, or the content once read.
    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        if self._stream is not None:
            return self._stream.iter_bytes(chunk_size)
        return _pieces(self.content, chunk_size)

    async def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        if self._stream is not None:
            async for chunk in self._stream.aiter_bytes(chunk_size):
                yield chunk
        else:
            for chunk in _pieces(self.content, chunk_size):
                yield chunk

    def read(self) -> bytes:
        """The whole body: the rest of a streamed one is read, without the size limit (a file
        the caller asked for), and kept as ``content``."""
        if self._stream is not None:
            self.content = self._stream.read()
        return self.content

    async def aread(self) -> bytes:
        if self._stream is not None:
            self.content = await self._stream.aread()
        return self.content

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()

    async def aclose(self) -> None:
        if self._stream is not None:
            await self._stream.aclose()


def _pieces(content: bytes, size: int | None) -> Iterator[bytes]:
    if not size:
        if content:
            yield content
        return
    for start in range(0, len(content), size):
        yield content[start : start + size]


RESPONSE_KEY = "raw_response"


def attach_response(model: BaseModel, answer: Answer) -> None:
    """Remember the answer a result came from (``model.raw_response``, see :mod:`ofsc._models`).

    It lives in the instance's private-state slot, set only on the top-level result:
    declaring a pydantic private attribute instead would make pydantic initialise it on
    every nested model of every response, which doubles the cost of parsing a page.
    """
    set_private_state(model, {RESPONSE_KEY: answer})
