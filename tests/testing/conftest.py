"""Plumbing for the tests of the mock OFS (``ofsc.testing``).

The shared ``client`` / ``call`` fixtures (tests/conftest.py) build a sync or an async
client; here they talk to the test's ``ofsc_mock`` in-process. ``wire`` sends raw HTTP
requests to the mock over each of its three ways in: the sync transport, the async
transport and the loopback server, so that one test body checks all three.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ofsc.testing import MOCK_BASE_URL, MockOFS

WIRES = ("transport", "async_transport", "server")


@pytest.fixture
def ofsc_settings(ofsc_mock: MockOFS, client_kind: str) -> dict[str, Any]:
    transport = ofsc_mock.transport() if client_kind == "sync" else ofsc_mock.async_transport()
    credentials = ofsc_mock.credentials
    return {
        "instance": credentials.instance,
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
        "base_url": MOCK_BASE_URL,
        "transport": transport,
        "max_retries": 0,
    }


class Wire:
    """Sends raw requests (Basic auth unless told otherwise) over one way into the mock."""

    def __init__(self, kind: str, mock: MockOFS, http: httpx.Client | httpx.AsyncClient) -> None:
        self.kind = kind
        self.mock = mock
        self._http = http

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": self.mock.basic_auth, **kwargs.pop("headers", {})}
        request = self._http.build_request(method, path, headers=headers, **kwargs)
        if isinstance(self._http, httpx.AsyncClient):
            response = await self._http.send(request)
        else:
            response = self._http.send(request)
        return response


@pytest.fixture(params=WIRES)
async def wire(request: pytest.FixtureRequest, ofsc_mock: MockOFS) -> AsyncIterator[Wire]:
    kind: str = request.param
    if kind == "server":
        with ofsc_mock.serve() as base_url, httpx.Client(base_url=base_url) as http:
            yield Wire(kind, ofsc_mock, http)
    elif kind == "transport":
        with httpx.Client(base_url=MOCK_BASE_URL, transport=ofsc_mock.transport()) as http:
            yield Wire(kind, ofsc_mock, http)
    else:
        async with httpx.AsyncClient(base_url=MOCK_BASE_URL, transport=ofsc_mock.async_transport()) as client:
            yield Wire(kind, ofsc_mock, client)
