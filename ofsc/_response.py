"""Results that are not models: file downloads, and raw responses on request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    import httpx

    from ._wire import Answer

T = TypeVar("T")
CHUNK = 64 * 1024
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?["']?([^"';]+)""", re.IGNORECASE)


class _Download:
    def __init__(self, answer: Answer) -> None:
        self._answer = answer

    @property
    def raw_response(self) -> httpx.Response:
        return self._answer.http_response

    @property
    def status_code(self) -> int:
        return self._answer.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self._answer.http_response.headers

    @property
    def content_type(self) -> str | None:
        return self._answer.headers.get("content-type")

    @property
    def filename(self) -> str | None:
        """The file name the server suggests (``Content-Disposition``), if any."""
        match = _FILENAME.search(self._answer.headers.get("content-disposition", ""))
        return unquote(match.group(1)) if match else None


class BinaryResponse(_Download):
    """A file being downloaded. The body is streamed: nothing is held in memory until you ask.

    Use it as a context manager, or call one of ``write_to``/``read``, which close it::

        with client.core.get_file_property(activity_id=1, property_label="photo") as f:
            f.write_to("photo.jpg")
    """

    def iter_bytes(self, chunk_size: int = CHUNK) -> Iterator[bytes]:
        try:
            yield from self._answer.iter_bytes(chunk_size)
        finally:
            self._answer.close()

    def write_to(self, path: str | Path) -> int:
        """Stream the body to ``path``; return the number of bytes written."""
        written = 0
        with Path(path).open("wb") as out:
            for chunk in self.iter_bytes():
                written += out.write(chunk)
        return written

    def read(self) -> bytes:
        try:
            return self._answer.read()
        finally:
            self._answer.close()

    def close(self) -> None:
        self._answer.close()

    def __enter__(self) -> BinaryResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncBinaryResponse(_Download):
    """The async form of :class:`BinaryResponse`."""

    async def iter_bytes(self, chunk_size: int = CHUNK) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._answer.aiter_bytes(chunk_size):
                yield chunk
        finally:
            await self._answer.aclose()

    async def write_to(self, path: str | Path) -> int:
        written = 0
        with Path(path).open("wb") as out:
            async for chunk in self.iter_bytes():
                written += out.write(chunk)
        return written

    async def read(self) -> bytes:
        try:
            return await self._answer.aread()
        finally:
            await self._answer.aclose()

    async def close(self) -> None:
        await self._answer.aclose()

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class RawResponse[T]:
    """The HTTP response of a call, with the parsed result on demand (``client.raw(...)``)."""

    def __init__(self, response: httpx.Response, parse: Callable[[], T]) -> None:
        self.http_response = response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content

    def json(self) -> Any:
        return self.http_response.json()

    def parse(self) -> T:
        """The result the method would have returned."""
        return self._parse()
