"""A request and an answer as the pipeline handles them, before any HTTP library's objects.

Building an ``httpx.Request`` or ``httpx.Response`` costs about as much as the rest of the
SDK's work on a call, and most calls never look at either: a plain request goes out
through aiohttp, and a successful answer only needs its status and body. So the pipeline
builds an :class:`OutgoingRequest`, and a sender other than httpx answers with a
:class:`BufferedAnswer`; each builds its httpx object the first time something asks for it
(a hook, a log line, a span, an error, ``raw_response``), and keeps it, so that everyone
who asks sees the same object, hook changes included.
"""

from __future__ import annotations

import datetime as dt
import math
import time
import zlib
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import ResponseTooLargeError
from ._internals import join_url, keep_body, set_private_state

if TYPE_CHECKING:
    from collections.abc import Sequence

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
            if announced.isdigit() and int(announced) > limit:  # refused before reading any of it
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
            raise httpx.ReadTimeout(
                "the answer did not arrive within the deadline", request=self.request.to_httpx()
            )
        self._chunks.append(piece)

    def too_large(self) -> ResponseTooLargeError:
        request = self.request
        return ResponseTooLargeError(
            limit=request.max_size or 0,
            status_code=self.status_code,
            method=request.method,
            url=request.url_text.partition("?")[0],
        )


class BufferedAnswer:
    """A response read whole, and already decoded, by a sender other than httpx."""

    __slots__ = ("_elapsed", "_raw_headers", "content", "http_response", "request", "status_code")
    # ``content`` is the decoded body; the headers are the server's (Content-Encoding included).

    def __init__(
        self,
        status_code: int,
        raw_headers: Sequence[tuple[bytes, bytes]],
        content: bytes,
        request: OutgoingRequest,
        elapsed: float,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.request = request
        self._raw_headers = raw_headers
        self._elapsed = elapsed
        self.http_response: httpx.Response | None = None  # built by to_httpx()

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def to_httpx(self) -> httpx.Response:
        """The ``httpx.Response`` for this answer, built on first use."""
        if self.http_response is None:
            # An empty stream, then the decoded body: content= would decode it a second time.
            response = httpx.Response(
                self.status_code,
                headers=list(self._raw_headers),
                stream=httpx.ByteStream(b""),
                request=self.request.to_httpx(),
            )
            keep_body(response, self.content)
            response.elapsed = dt.timedelta(seconds=self._elapsed)
            self.http_response = response
        return self.http_response


Answer = httpx.Response | BufferedAnswer


def as_httpx(answer: Answer) -> httpx.Response:
    """The ``httpx.Response`` behind any answer."""
    return answer if isinstance(answer, httpx.Response) else answer.to_httpx()


RESPONSE_KEY = "raw_response"


def attach_response(model: BaseModel, answer: Answer) -> None:
    """Remember the answer a result came from (``model.raw_response``, see :mod:`ofsc._models`).

    It lives in the instance's private-state slot, set only on the top-level result:
    declaring a pydantic private attribute instead would make pydantic initialise it on
    every nested model of every response, which doubles the cost of parsing a page.
    """
    set_private_state(model, {RESPONSE_KEY: answer})
