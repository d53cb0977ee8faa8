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
from typing import TYPE_CHECKING, Any

import httpx

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
        reference: Any = getattr(self.parsed, "_uri_reference", None)
        if hasattr(reference, "_replace") and hasattr(reference, "path"):
            url = object.__new__(httpx.URL)
            url._uri_reference = reference._replace(
                path=reference.path.rstrip("/") + path, query=query or None
            )
            return url
        return httpx.URL(self.text + target)


class OutgoingRequest:
    """One attempt's request: what the pipeline decided to send."""

    __slots__ = (
        "_url",
        "base",
        "content",
        "files",
        "form",
        "headers",
        "http_request",
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


class BufferedAnswer:
    """A response read whole, and already decoded, by a sender other than httpx."""

    __slots__ = ("_elapsed", "_raw_headers", "content", "http_response", "request", "status_code")

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
            response = httpx.Response(
                self.status_code,
                headers=list(self._raw_headers),
                content=self.content,
                request=self.request.to_httpx(),
            )
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
    object.__setattr__(model, "__pydantic_private__", {RESPONSE_KEY: answer})
