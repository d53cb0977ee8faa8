"""The facade's behaviour tests, run over the three wires.

``facade`` here is parametrised over the sync client (httpx), the async client on httpx and
the async client on aiohttp. A facade test's in-process :class:`Server` is served on
127.0.0.1 by :class:`Bridge` (which hands it each request as an ``httpx.Request`` for the
client's own base URL, so the test sees what it would see in process), and the client is
pointed there, so every wire sends real bytes through its own library. An exception a test
scripts as an answer becomes a dropped connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx
import pytest

from ..facade.conftest import Facade, Server, isolated, server  # noqa: F401  (fixtures for the tests)
from ..reliability.conftest import WIRES
from ._loopback import LoopbackHTTP, Reply, request_body

OFS_URL = "https://acme.fs.ocs.oraclecloud.com"


class Bridge(LoopbackHTTP):
    """Serves a facade :class:`Server` on 127.0.0.1."""

    def __init__(self, answer: Server) -> None:
        def respond(handler: BaseHTTPRequestHandler) -> Reply:
            headers = [(k, v) for k, v in handler.headers.items() if k.lower() != "host"]
            request = httpx.Request(
                handler.command, OFS_URL + handler.path, headers=headers, content=request_body(handler)
            )
            try:
                response = answer(request)
            except Exception:  # a scripted fault: the connection drops without an answer
                return None
            return response.status_code, response.headers.multi_items(), response.read()

        super().__init__(respond)


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
