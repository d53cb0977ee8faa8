"""Serving a :class:`MockOFS` over HTTP/1.1 on loopback, from a background thread.

Each connection gets a thread (keep-alive is honoured), so concurrent clients are served
at once. Injected faults happen on the wire: a reset closes the socket with an RST, a
truncated body is cut after half its announced length and the connection closed.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from ._http import MockRequest, OFSError

if TYPE_CHECKING:
    from ._http import Reply
    from ._mock import MockOFS

_MAX_BODY = 64 * 1024 * 1024
_SMALL = 64 * 1024  # bodies up to this size go out in the same write as the headers


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # many clients connecting at once must not be refused
    mock: MockOFS

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that went away is no error
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except OFSError as exc:
            self.close_connection = True
            self._send(exc.reply())
            return
        raw_path, _, query = self.path.partition("?")
        request = MockRequest(
            method=self.command,
            raw_path=raw_path,
            query=query,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
        )
        try:
            reply = self.server.mock.handle(request)
        except Exception as exc:  # a bug in the mock: tell the client rather than drop it
            reply = OFSError(500, f"the mock failed: {exc!r}").reply()
        if reply.delay:
            time.sleep(reply.delay)
        if reply.reset:
            self._reset()
        else:
            self._send(reply)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise OFSError(413, f"request bodies are limited to {_MAX_BODY} bytes")
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, reply: Reply) -> None:
        headers = {"Date": self.date_time_string(), **reply.wire_headers()}
        if reply.truncate:
            headers["Connection"] = "close"
            self.close_connection = True
        lines = [f"{self.protocol_version} {reply.status} {_phrase(reply.status)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if self.command == "HEAD":
            self.wfile.write(head)
        elif reply.stream is None and reply.content_length <= _SMALL:
            self.wfile.write(head + b"".join(reply.chunks()))  # one write: no Nagle/delayed-ACK stall
        else:
            self.wfile.write(head)
            for chunk in reply.chunks():
                self.wfile.write(chunk)

    def _reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: requests are recorded in mock.calls


def _phrase(status: int) -> str:
    return HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Status"


class LoopbackServer:
    """A running server (``mock.serve()``); ``with`` it to get its base URL and stop it on exit."""

    def __init__(self, mock: MockOFS, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _Server((host, port), _Handler)
        self._server.mock = mock
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="ofsc-mock-server",
            daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        """Stop serving and close the listening socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> str:
        return self.base_url

    def __exit__(self, *exc: object) -> None:
        self.close()
