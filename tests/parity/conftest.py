"""The facade's behaviour tests, run over the three wires.

``facade`` here is parametrised over the sync client (httpx), the async client on httpx and
the async client on aiohttp. A facade test's in-process :class:`Server` is served on
127.0.0.1 by :class:`Bridge` (which hands it each request as an ``httpx.Request`` for the
client's own base URL, so the test sees what it would see in process), and the client is
pointed there, so every wire sends real bytes through its own library. An exception a test
scripts as an answer becomes a dropped connection.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from ..facade.conftest import Facade, Server, isolated, server  # noqa: F401  (fixtures for the tests)
from ..reliability.conftest import WIRES

OFS_URL = "https://acme.fs.ocs.oraclecloud.com"


class Bridge:
    """Serves a facade :class:`Server` on 127.0.0.1."""

    def __init__(self, answer: Server) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = [(k, v) for k, v in self.headers.items() if k.lower() != "host"]
                request = httpx.Request(self.command, OFS_URL + self.path, headers=headers, content=body)
                try:
                    response = answer(request)
                except Exception:  # a scripted fault: the connection drops without an answer
                    self.close_connection = True
                    return
                content = response.read()
                self.send_response(response.status_code)
                for name, value in response.headers.multi_items():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class WireFacade(Facade):
    """A :class:`Facade` whose clients reach their server over 127.0.0.1 on one wire."""

    def __init__(self, wire: str) -> None:
        cls, self.backend = WIRES[wire]
        super().__init__(cls)
        self.wire = wire
        self._bridges: list[Bridge] = []

    def __repr__(self) -> str:
        return self.wire

    def client(self, scripted: Server | None = None, **settings: Any) -> Any:
        if scripted is not None and "transport" not in settings and "http_client" not in settings:
            bridge = Bridge(scripted)
            self._bridges.append(bridge)
            settings.setdefault("base_url", bridge.url)
        for key, value in self.backend.items():
            settings.setdefault(key, value)
        return super().client(**settings)

    def close(self) -> None:
        super().close()
        for bridge in self._bridges:
            bridge.close()


@pytest.fixture(params=list(WIRES))
def facade(request: pytest.FixtureRequest) -> Iterator[WireFacade]:
    driver = WireFacade(request.param)
    yield driver
    driver.close()


# Tests that need the in-process transport itself: they script transport exceptions
# (ConnectError before sending, a local protocol error), patch the client's sleep or clock, or
# name a host other than the bridge's. Their faults are tested over the three wires on a
# loopback mock by tests/facade/test_faults.py and tests/reliability/.
IN_PROCESS_ONLY = frozenset(
    {
        "test_v1_style_token_field_and_absolute_token_url",
        "test_a_request_that_cannot_be_sent_is_not_retried",
        "test_no_response_is_a_connection_error",
        "test_status_error_carries_the_ofs_fields",
        "test_connection_failure_span_records_the_error_type",
        "test_one_span_per_attempt_with_http_conventions",
        "test_backoff_grows_with_full_jitter_under_a_cap",
        "test_post_is_replayed_only_when_it_cannot_act_twice",
        "test_retry_after_http_date_is_honoured_up_to_the_cap",
        "test_retry_after_seconds_is_honoured",
        "test_timeout_after_retries_is_an_api_timeout_error",
        "test_timeout_defaults_are_finite_and_overridable",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="needs the in-process transport (see IN_PROCESS_ONLY)")
    for item in items:
        if "tests/parity/" in item.nodeid and item.originalname in IN_PROCESS_ONLY:  # type: ignore[attr-defined]
            item.add_marker(skip)
