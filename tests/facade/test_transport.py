"""Transport and lifecycle: one pool per client, user-supplied clients, the async default."""

from __future__ import annotations

import sys

import httpx
import pytest

from ofsc import OFSC, AsyncOFSC
from ofsc._aiohttp import AiohttpSender
from ofsc._wire import BaseURL, OutgoingRequest

from .conftest import Facade, Server


def test_close_releases_the_clients_own_pool(facade: Facade, server: Server) -> None:
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1))
    copy = client.with_options(timeout=1.0)
    facade(copy.close())
    assert not client._http.is_closed  # a copy does not own the pool
    facade(client.close())
    assert client._http.is_closed


def test_context_managers_close_the_pool(server: Server) -> None:
    with OFSC(
        instance="acme", client_id="cid", client_secret="s", transport=httpx.MockTransport(server)
    ) as client:
        client.core.get_activity(activity_id=1)
    assert client._http.is_closed

    async def main() -> AsyncOFSC:
        async with AsyncOFSC(
            instance="acme", client_id="cid", client_secret="s", transport=httpx.MockTransport(server)
        ) as client:
            await client.core.get_activity(activity_id=1)
        return client

    import asyncio

    assert asyncio.run(main())._http.is_closed


def test_a_user_supplied_http_client_is_used_and_left_open(facade: Facade, server: Server) -> None:
    http_cls = httpx.AsyncClient if facade.is_async else httpx.Client
    http = http_cls(transport=httpx.MockTransport(server), headers={"X-Proxy-Tenant": "t1"})
    client = facade.client(http_client=http)
    facade(client.core.get_activity(activity_id=1))
    assert server.requests[0].headers["X-Proxy-Tenant"] == "t1"
    assert server.requests[0].extensions["timeout"]["read"] == 30.0  # the SDK's timeout still applies
    facade(client.close())
    assert not http.is_closed  # whoever made it closes it
    facade(http.aclose() if facade.is_async else http.close())


def test_oauth2_works_with_a_user_supplied_http_client(facade: Facade) -> None:
    """A client given its HTTP client still fetches (and guards) its OAuth2 token."""
    from ofsc.testing import MockOFS

    mock = MockOFS(seed=1, fixture={"users": [{"login": "jdoe", "name": "Jane Doe"}]})
    http_cls = httpx.AsyncClient if facade.is_async else httpx.Client
    transport = mock.async_transport() if facade.is_async else mock.transport()
    http = http_cls(transport=transport)  # type: ignore[arg-type]
    client_cls = AsyncOFSC if facade.is_async else OFSC
    client = client_cls(
        instance="acme", client_id="cid", client_secret="s3cr3t", auth="oauth2",
        base_url="http://mock.localhost", http_client=http,  # type: ignore[arg-type]
    )  # fmt: skip
    user = facade(client.core.get_user(login="jdoe"))
    assert user.name == "Jane Doe"
    assert [c.path for c in mock.calls] == [
        "/rest/oauthTokenService/v2/token",
        "/rest/ofscCore/v1/users/jdoe",
    ]
    facade(http.aclose() if facade.is_async else http.close())


def test_aiohttp_sends_the_async_clients_plain_requests_when_installed() -> None:
    client = AsyncOFSC(instance="acme", client_id="cid", client_secret="s")
    assert isinstance(client._aiohttp, AiohttpSender)
    base, timeout = BaseURL("http://x"), httpx.Timeout(5.0)
    plain = OutgoingRequest("POST", base, "/a", {}, timeout, content=b"{}")
    assert client._aiohttp.can_send(plain, stream=False)
    assert not client._aiohttp.can_send(plain, stream=True)  # downloads stream through httpx
    multipart = OutgoingRequest("POST", base, "/a", {}, timeout, files={"f": b"data"})
    assert not client._aiohttp.can_send(multipart, stream=False)
    upload = OutgoingRequest("PUT", base, "/a", {}, timeout, content=iter([b"a", b"b"]))
    assert not client._aiohttp.can_send(upload, stream=False)  # a one-shot stream


def test_httpx_sends_everything_without_aiohttp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # as if it were not installed
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    client = AsyncOFSC(instance="acme", client_id="cid", client_secret="s")
    assert client._aiohttp is None
    assert isinstance(client._http._transport, httpx.AsyncHTTPTransport)


def test_a_supplied_transport_sends_everything() -> None:
    client = AsyncOFSC(
        instance="acme",
        client_id="cid",
        client_secret="s",
        transport=httpx.MockTransport(lambda r: httpx.Response(200)),
    )
    assert client._aiohttp is None


def test_the_sync_client_uses_httpx_pool() -> None:
    client = OFSC(instance="acme", client_id="cid", client_secret="s")
    assert isinstance(client._http._transport, httpx.HTTPTransport)
    client.close()
