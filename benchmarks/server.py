"""A fast OFS-like HTTP/1.1 server on loopback, run in its own process.

It speaks just enough HTTP/1.1 for the clients under test (keep-alive, ``Content-Length``
request bodies, no pipelining) and answers from precomputed bytes, so that what the
benchmarks measure is the client, not the server. Routes:

- ``GET /rest/ofscCore/v1/activities/{id}``: a ~2 KB activity (:func:`payloads.activity`);
- ``GET /rest/ofscCore/v1/activities/{id}/blob_{n}``: ``n`` bytes of a file property, streamed;
- ``GET /rest/ofscCore/v1/users`` and ``/resources`` (``offset``, ``limit``): pages out of
  ``--users``/``--resources`` items;
- any other operation of the SDK's spec: a schema-valid sample body (``ofsc.testing``).

``--latency S`` delays every response by ``S`` seconds, like a distant server. The server
prints ``listening on PORT`` once ready and exits when its standard input closes, so it
never outlives the benchmark that started it::

    python -m benchmarks.server --port 0 --latency 0.05
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from . import payloads

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ofsc._operation import Operation

ROOT = Path(__file__).resolve().parent.parent
ACTIVITIES = f"{payloads.BASE}/activities/"
LISTS = {f"{payloads.BASE}/{name}": name for name in payloads.LISTS}
BLOB = re.compile(r"(\d+)/blob_(\d+)")
CHUNK = 256 * 1024


@dataclass(frozen=True, slots=True)
class Stream:
    """A response whose body is ``size`` bytes, written as the socket drains."""

    size: int


Response = bytes | Stream


def respond_json(body: bytes, status: int = 200) -> bytes:
    head = f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
    if status != 204:  # a 204 has no body, and says nothing about its length
        head += f"Content-Length: {len(body)}\r\n"
    if body:
        head += "Content-Type: application/json\r\n"
    return (head + "\r\n").encode() + body


def stream_head(size: int) -> bytes:
    return (
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
        f'Content-Disposition: attachment; filename="blob.bin"\r\nContent-Length: {size}\r\n\r\n'
    ).encode()


NOT_FOUND = respond_json(b'{"type":"about:blank","title":"Not Found","status":"404"}', 404)


class App:
    """Maps a request to its response bytes; every body is built once and cached."""

    def __init__(self, users: int, resources: int) -> None:
        self.totals = {"users": users, "resources": resources}
        self.activity = respond_json(payloads.encode(payloads.activity()))
        self._samples: list[tuple[re.Pattern[str], str, Operation[Any]]] | None = None

    def respond(self, method: bytes, target: bytes) -> Response:
        path, _, query = target.decode("latin-1").partition("?")
        if path.startswith(ACTIVITIES) and method == b"GET":
            rest = path[len(ACTIVITIES) :]
            if rest.isdigit():
                return self.activity
            if blob := BLOB.fullmatch(rest):
                return Stream(int(blob.group(2)))
        collection = LISTS.get(path)
        if collection is not None:
            params = dict(parse_qsl(query))
            return self.page(collection, int(params.get("offset", 0)), int(params.get("limit", 100)))
        return self.sample(method.decode(), path)

    @cache  # noqa: B019  # one App per process: the cache lives as long as the server
    def page(self, collection: str, offset: int, limit: int) -> bytes:
        total = self.totals[collection]
        return respond_json(payloads.encode(payloads.page(collection, total, offset, limit)))

    @cache  # noqa: B019
    def sample(self, method: str, path: str) -> bytes:
        for pattern, op_method, op in self._sample_routes():
            if op_method == method and pattern.fullmatch(path):
                if op.response_kind == "none":
                    return respond_json(b"", op.success[0])
                from ofsc.testing import SchemaSampler

                return respond_json(payloads.encode(SchemaSampler(seed=1).response_body(op)))
        return NOT_FOUND

    def _sample_routes(self) -> list[tuple[re.Pattern[str], str, Operation[Any]]]:
        if self._samples is None:
            from ofsc_generated.operations import all_operations

            routes = []
            for op in all_operations():
                if op.response_kind != "binary":
                    pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(op.path)))
                    literal = op.path.count("/") - op.path.count("{")
                    routes.append((literal, pattern, op.method, op))
            # Literal segments win over parameters (".../custom-actions/search" before ".../{id}").
            routes.sort(key=lambda route: -route[0])
            self._samples = [(pattern, method, op) for _, pattern, method, op in routes]
        return self._samples


class Connection(asyncio.Protocol):
    """One keep-alive connection: requests are answered in order, one at a time."""

    def __init__(self, app: App, latency: float) -> None:
        self.app = app
        self.latency = latency
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.busy = False  # a delayed or streamed response is being written
        self.sending: asyncio.Task[None] | None = None
        self.writable = asyncio.Event()
        self.writable.set()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self.writable.set()

    def pause_writing(self) -> None:
        self.writable.clear()

    def resume_writing(self) -> None:
        self.writable.set()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self.handle_requests()

    def handle_requests(self) -> None:
        while not self.busy and self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end])
            size = end + 4 + _content_length(head)
            if len(self.buffer) < size:
                return
            del self.buffer[:size]
            method, target, _ = head.split(b" ", 2)
            response = self.app.respond(method, target)
            if self.latency or isinstance(response, Stream):
                self.busy = True
                self.sending = asyncio.ensure_future(self.send_later(response))
            else:
                self.transport.write(response)

    async def send_later(self, response: Response) -> None:
        if self.latency:
            await asyncio.sleep(self.latency)
        if isinstance(response, Stream):
            await self.write_stream(response.size)
        elif self.transport is not None:
            self.transport.write(response)
        self.busy = False
        self.handle_requests()

    async def write_stream(self, size: int) -> None:
        block = memoryview(bytes(range(256)) * (CHUNK // 256))
        if self.transport is not None:
            self.transport.write(stream_head(size))
        left = size
        while left > 0 and self.transport is not None:
            await self.writable.wait()
            if self.transport is None:
                return
            self.transport.write(block[: min(left, CHUNK)])
            left -= CHUNK


def _content_length(head: bytes) -> int:
    at = head.lower().find(b"\r\ncontent-length:")
    if at < 0:
        return 0
    line_end = head.find(b"\r\n", at + 2)
    return int(head[at + 17 : line_end if line_end >= 0 else None])


async def serve(port: int, latency: float, users: int, resources: int) -> None:
    loop = asyncio.get_running_loop()
    app = App(users, resources)
    server = await loop.create_server(lambda: Connection(app, latency), "127.0.0.1", port, backlog=1024)
    print(f"listening on {server.sockets[0].getsockname()[1]}", flush=True)
    # Run until the parent closes our stdin (or dies).
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()


@contextlib.contextmanager
def running_server(*, latency: float = 0.0, users: int = 5000, resources: int = 5000) -> Iterator[str]:
    """Start a server process; yield its base URL (``http://127.0.0.1:PORT``)."""
    command = [sys.executable, "-m", "benchmarks.server", "--port", "0", "--latency", str(latency),
               "--users", str(users), "--resources", str(resources)]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("listening on "):
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[-1])}"
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """End a server started with its stdin as the stop signal (closing it), killing it if it hangs."""
    assert process.stdin is not None
    process.stdin.close()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every response")
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--resources", type=int, default=5000)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, args.latency, args.users, args.resources))


if __name__ == "__main__":
    main()
