"""What the mock's core takes and gives: a request, a reply, and OFS-style errors.

The in-process transports and the loopback server both turn their I/O into a
:class:`MockRequest`, ask :meth:`MockOFS.handle` for a :class:`Reply`, and carry the reply
out (waiting, resetting the connection or cutting the body short when it says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

JSON = "application/json"
CHUNK = 64 * 1024

# The ``type`` OFS puts in its error bodies: the RFC section describing the status.
_RFC2616 = "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10"
_ERROR_TYPES = {
    400: f"{_RFC2616}.4.1", 401: f"{_RFC2616}.4.2", 403: f"{_RFC2616}.4.4", 404: f"{_RFC2616}.4.5",
    405: f"{_RFC2616}.4.6", 409: f"{_RFC2616}.4.10", 415: f"{_RFC2616}.4.16",
    422: "https://tools.ietf.org/html/rfc4918#section-11.2", 429: "https://tools.ietf.org/html/rfc6585#section-4",
    500: f"{_RFC2616}.5.1", 502: f"{_RFC2616}.5.3", 503: f"{_RFC2616}.5.4", 504: f"{_RFC2616}.5.5",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class MockRequest:
    method: str
    raw_path: str  # without the query, still percent-encoded
    query: str  # the raw query string
    headers: Mapping[str, str]  # names in lower case
    body: bytes


@dataclass(slots=True)
class Reply:
    """A response to send, and how to send it.

    ``body`` holds small bodies; ``stream`` large ones (a file download), produced lazily
    so that neither side holds the whole file. ``delay``, ``reset`` and ``truncate`` come
    from injected faults.
    """

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    stream: Callable[[], Iterator[bytes]] | None = None
    length: int | None = None
    delay: float = 0.0
    reset: bool = False
    truncate: bool = False

    @property
    def content_length(self) -> int:
        return self.length if self.length is not None else len(self.body)

    def chunks(self) -> Iterator[bytes]:
        """The bytes to put on the wire: the whole body, or its first half when truncated
        (the ``Content-Length`` header still announces all of it)."""
        budget = self.content_length // 2 if self.truncate else self.content_length
        source = self.stream() if self.stream is not None else iter((self.body,))
        for chunk in source:
            if budget <= 0:
                break
            piece = chunk[:budget]
            budget -= len(piece)
            yield piece

    def wire_headers(self) -> dict[str, str]:
        return {**self.headers, "Content-Length": str(self.content_length)}


def json_reply(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Reply:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return Reply(status, {"Content-Type": JSON, **(headers or {})}, data)


def error_body(status: int, detail: str) -> dict[str, str]:
    """An error body as OFS writes it (note that ``status`` is a string)."""
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    kind = _ERROR_TYPES.get(status, f"https://www.rfc-editor.org/rfc/rfc9110#status.{status}")
    return {"type": kind, "title": title, "status": str(status), "detail": detail}


class OFSError(Exception):
    """Raised inside the mock to answer with an OFS error body."""

    def __init__(self, status: int, detail: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = dict(headers or {})

    def reply(self) -> Reply:
        return json_reply(self.status, error_body(self.status, self.detail), self.headers)
