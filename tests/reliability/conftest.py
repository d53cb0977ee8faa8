"""Plumbing for the reliability suite: every test runs on the three wires.

- ``wire``: the sync client (httpx), the async client on httpx's transport, and the async
  client as it comes (aiohttp), each against a :class:`MockOFS` served on 127.0.0.1.
- ``scripted``: a bare HTTP/1.1 server on 127.0.0.1 whose answers a test writes itself
  (trickled bodies, decompression bombs, echoed headers, deeply nested JSON), and which
  counts the bytes it managed to send.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from ofsc import OFSC, AsyncOFSC
from ofsc._plugins import forget_plugins
from ofsc.testing import MockOFS

from ..facade.conftest import Facade

WORKZONES = "/rest/ofscMetadata/v1/workZones"
ACTIVITIES = "/rest/ofscCore/v1/activities"
TOKEN = "/rest/oauthTokenService/v2/token"

WIRES: dict[str, tuple[type[OFSC] | type[AsyncOFSC], Callable[[], Any] | None]] = {
    "sync": (OFSC, None),
    "async-httpx": (AsyncOFSC, httpx.AsyncHTTPTransport),
    "async-aiohttp": (AsyncOFSC, None),  # the async default when aiohttp is installed
}


@dataclass
class Reply:
    """What the scripted server sends: ``body`` chunks are written (and flushed) one by one."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Iterable[bytes] = ()


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]


class ScriptedServer:
    """Answers every request with ``script(request)``; records requests and bytes sent."""

    def __init__(self) -> None:
        self.script: Callable[[Received], Reply] = lambda request: Reply(body=[b"{}"])
        self.requests: list[Received] = []
        self.body_bytes_sent = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                received = Received(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
                server.requests.append(received)
                reply = server.script(received)
                self.send_response(reply.status)
                headers = dict(reply.headers)
                if isinstance(reply.body, list | tuple):
                    headers.setdefault("Content-Length", str(sum(map(len, reply.body))))
                elif "Content-Length" not in headers:  # a generator: its end is the connection's
                    headers["Connection"] = "close"
                    self.close_connection = True
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    for chunk in reply.body:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        server.body_bytes_sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _serve

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that went away is what several tests do on purpose

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def trickle(body: bytes, every: float) -> Iterator[bytes]:
    """``body`` one byte at a time, ``every`` seconds apart (stops when the client leaves)."""
    for index in range(len(body)):
        time.sleep(every)
        yield body[index : index + 1]


class Wire:
    """One client kind on one transport, against a mock OFS (or a scripted server)."""

    def __init__(self, name: str, mock: MockOFS, base_url: str) -> None:
        self.name = name
        cls, self.transport = WIRES[name]
        self.facade = Facade(cls)
        self.mock = mock
        self.base_url = base_url

    def client(self, **settings: Any) -> Any:
        settings.setdefault("client_secret", self.mock.credentials.client_secret)
        settings.setdefault("base_url", self.base_url)
        if self.transport is not None:
            settings["transport"] = self.transport()
        return self.facade.client(**settings)

    def calls(self, path: str) -> int:
        return sum(1 for call in self.mock.calls if call.path == path)


@pytest.fixture(params=list(WIRES))
def wire(request: pytest.FixtureRequest) -> Iterator[Wire]:
    mock = MockOFS(seed=5)
    with mock.serve(port=0) as base_url:
        loopback = Wire(request.param, mock, base_url)
        yield loopback
        loopback.facade.close()


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No OFSC_* variable, config file or plugin of the machine running the tests leaks in."""
    for name in list(os.environ):
        if name.startswith("OFSC_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(home)
    forget_plugins()
    level = logging.getLogger("ofsc").level
    yield
    logging.getLogger("ofsc").setLevel(level)
    forget_plugins()
