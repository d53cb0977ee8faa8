"""What an answer can cost: its size (counted after decompression), its nesting, and the
length of the URL a caller can make; each past its limit is an ``ofsc`` error."""

from __future__ import annotations

import gzip
import tracemalloc
from collections.abc import Callable
from functools import cache

from ofsc import InternalServerError, RequestValidationError, ResponseTooLargeError, ResponseValidationError

from .conftest import Reply, ScriptedServer, Wire

MIB = 1024 * 1024
BOMB_SIZE = 100 * MIB  # inflated; the default limit is 64 MiB


@cache
def bomb() -> bytes:
    """A gzip body of about 100 KB that inflates to 100 MiB of JSON-ish text."""
    return gzip.compress(b'{"items": ["' + b"0" * (BOMB_SIZE - 14) + b'"]}', compresslevel=9)


def test_a_decompression_bomb_stops_at_the_size_limit(
    wire: Wire, scripted: ScriptedServer, summary: Callable[[str], None]
) -> None:
    """Promise: a buffered answer is limited by max_response_size (default 64 MiB) counted in
    decompressed bytes; reading stops there, so memory stays bounded, and the error is not retried."""
    body = bomb()
    scripted.script = lambda request: Reply(
        200, {"Content-Type": "application/json", "Content-Encoding": "gzip"}, [body]
    )
    client = wire.client(base_url=scripted.base_url)
    tracemalloc.start()
    try:
        exc = wire.facade.raises(ResponseTooLargeError, lambda: client.metadata.get_workzones())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    summary(
        f"reliability [{wire.name}]: decompression bomb ({len(body) // 1024} KB gzip -> {BOMB_SIZE // MIB} MiB): "
        f"refused at {exc.limit // MIB} MiB, peak traced memory {peak / MIB:.0f} MiB"
    )
    assert exc.limit == 64 * MIB and exc.status_code == 200 and len(scripted.requests) == 1
    assert peak < BOMB_SIZE  # never held the whole inflated body


def test_an_announced_oversized_answer_is_refused_before_it_is_read(
    wire: Wire, scripted: ScriptedServer
) -> None:
    """Promise: a Content-Length past the limit is refused without reading the body."""
    scripted.script = lambda request: Reply(
        500, {"Content-Type": "application/json"}, [b'{"detail": "' + b"x" * (2 * MIB) + b'"}']
    )
    client = wire.client(base_url=scripted.base_url, max_response_size=MIB)
    exc = wire.facade.raises(ResponseTooLargeError, lambda: client.metadata.get_workzones())
    assert (exc.status_code, exc.method, exc.url) == (
        500,
        "GET",
        f"{scripted.base_url}/rest/ofscMetadata/v1/workZones",
    )
    assert len(scripted.requests) == 1  # not retried: the same answer would come back


def test_a_streamed_download_is_not_limited(wire: Wire) -> None:
    """Promise: streamed downloads (BinaryResponse) have no size limit and are read in chunks."""
    wire.mock.file_size = 3 * MIB
    wire.mock.store.add("activities", {"activityId": 1})
    client = wire.client(max_response_size=MIB)
    download = wire.facade(client.core.get_file_property(activity_id=1, property_label="manual"))
    chunks = []

    async def drain_async() -> None:
        async for chunk in download.iter_bytes():
            chunks.append(len(chunk))

    if wire.facade.is_async:
        wire.facade(drain_async())
    else:
        chunks.extend(len(chunk) for chunk in download.iter_bytes())
    assert sum(chunks) == 3 * MIB and max(chunks) < MIB


def _deep(depth: int) -> bytes:
    return b'{"items": ' + b"[" * depth + b"]" * depth + b"}"


def test_deeply_nested_json_is_an_ofsc_error_that_keeps_the_status(
    wire: Wire, scripted: ScriptedServer
) -> None:
    """Promise: JSON nested deeper than can be read is an ofsc error, never a bare RecursionError;
    on an error answer the status is kept."""
    status = [500]
    scripted.script = lambda request: Reply(status[0], {"Content-Type": "application/json"}, [_deep(100_000)])
    client = wire.client(base_url=scripted.base_url, max_retries=0)
    exc = wire.facade.raises(InternalServerError, lambda: client.metadata.get_workzones())
    assert exc.status_code == 500 and exc.body is None
    status[0] = 200
    invalid = wire.facade.raises(ResponseValidationError, lambda: client.metadata.get_workzones())
    assert invalid.response.status_code == 200


def test_an_over_long_url_is_refused_before_sending(wire: Wire) -> None:
    """Promise: a URL longer than can be sent is a RequestValidationError, before any request."""
    client = wire.client()
    exc = wire.facade.raises(
        RequestValidationError, lambda: client.metadata.get_workzones(options={"query": {"q": "x" * 65_536}})
    )
    assert exc.errors[0][0] == "url"
    wire.facade.raises(
        RequestValidationError, lambda: client.core.get_resource_users(resource_id="r" * 65_536)
    )
    assert wire.mock.calls == []
