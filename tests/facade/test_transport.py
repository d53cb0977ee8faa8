"""Transport and lifecycle: one pool per client, user-supplied clients, the async default."""

from __future__ import annotations

import httpx
import pytest

from ofsc import OFSC, AsyncOFSC, ConfigError
from ofsc._aiohttp import AiohttpSender
from ofsc._sender import AsyncHttpxSender
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


def test_aiohttp_sends_the_async_clients_plain_requests_when_chosen() -> None:
    """Promise: with http_backend="aiohttp" the async client sends plain requests through
    aiohttp; downloads, multipart and one-shot uploads still stream through httpx."""
    client = AsyncOFSC(instance="acme", client_id="cid", client_secret="s", http_backend="aiohttp")
    assert isinstance(client._state.wire.sender, AiohttpSender)
    base, timeout = BaseURL("http://x"), httpx.Timeout(5.0)
    plain = OutgoingRequest("POST", base, "/a", {}, timeout, content=b"{}")
    assert client._state.wire.sender.can_send(plain, stream=False)
    assert not client._state.wire.sender.can_send(plain, stream=True)  # downloads stream through httpx
    multipart = OutgoingRequest("POST", base, "/a", {}, timeout, files={"f": b"data"})
    assert not client._state.wire.sender.can_send(multipart, stream=False)
    upload = OutgoingRequest("PUT", base, "/a", {}, timeout, content=iter([b"a", b"b"]))
    assert not client._state.wire.sender.can_send(upload, stream=False)  # a one-shot stream


def test_the_async_backend_is_httpx_unless_chosen() -> None:
    """Promise: the async backend is a choice, not what is installed: httpx by default, even
    with aiohttp installed."""
    client = AsyncOFSC(instance="acme", client_id="cid", client_secret="s")
    assert client.settings.http_backend == "httpx"
    assert isinstance(client._state.wire.sender, AsyncHttpxSender)
    assert isinstance(client._http._transport, httpx.AsyncHTTPTransport)


@pytest.mark.parametrize("source", ["environment", "config file"])
def test_the_backend_is_read_like_every_setting(
    source: str, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """Promise: OFSC_HTTP_BACKEND and config.toml's [client] http_backend choose the backend."""
    if source == "environment":
        monkeypatch.setenv("OFSC_HTTP_BACKEND", "aiohttp")
    else:
        from pathlib import Path

        config = Path(str(tmp_path)) / "config.toml"
        config.write_text('[client]\nhttp_backend = "aiohttp"\n')
        monkeypatch.setenv("OFSC_CONFIG", str(config))
    client = AsyncOFSC(instance="acme", client_id="cid", client_secret="s")
    assert client.settings.http_backend == "aiohttp"
    assert isinstance(client._state.wire.sender, AiohttpSender)


def test_the_aiohttp_backend_without_aiohttp_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Promise: choosing aiohttp where it is not installed is a ConfigError naming the extra."""
    monkeypatch.setattr("ofsc._config.find_spec", lambda name: None)
    with pytest.raises(ConfigError) as info:
        AsyncOFSC(instance="acme", client_id="cid", client_secret="s", http_backend="aiohttp")
    assert "http_backend" in info.value.problems and "ofsc[aiohttp]" in str(info.value)


@pytest.mark.parametrize("given", ["transport", "http_client"])
def test_an_httpx_transport_with_the_aiohttp_backend_is_a_config_error(given: str) -> None:
    """Promise: an httpx transport or client that the aiohttp backend would ignore is refused."""
    thing = (
        httpx.MockTransport(lambda r: httpx.Response(200)) if given == "transport" else httpx.AsyncClient()
    )
    with pytest.raises(ConfigError) as info:
        AsyncOFSC(
            instance="acme", client_id="cid", client_secret="s", http_backend="aiohttp", **{given: thing}
        )
    assert given in info.value.problems


def test_a_supplied_transport_sends_everything() -> None:
    client = AsyncOFSC(
        instance="acme",
        client_id="cid",
        client_secret="s",
        transport=httpx.MockTransport(lambda r: httpx.Response(200)),
    )
    assert isinstance(client._state.wire.sender, AsyncHttpxSender)


def test_the_sync_client_uses_httpx_pool() -> None:
    client = OFSC(instance="acme", client_id="cid", client_secret="s")
    assert isinstance(client._http._transport, httpx.HTTPTransport)
    client.close()


def test_a_client_opens_nothing_until_its_first_request(facade: Facade, server: Server) -> None:
    """Building a client opens no connection pool and builds no HTTP client or TLS context:
    the first request does. A client closed before any request stays closed."""
    client = facade.client(server)
    wire = client._state.wire
    assert wire._sender is None and wire._http is None
    facade(client.core.get_activity(activity_id=1))
    assert wire._sender is not None
    unused = facade.client(server)
    facade(unused.close())
    assert unused._state.wire._sender is None
    error = facade.raises(RuntimeError, lambda: unused.core.get_activity(activity_id=1))
    assert "has been closed" in str(error)
    facade(client.close())


def test_threads_starting_together_share_one_http_client() -> None:
    """The first requests of threads sharing a client build its HTTP client once."""
    import threading
    import time

    from ofsc._state import Wire

    built: list[int] = []

    def build() -> tuple[object, object]:
        time.sleep(0.01)  # long enough for every thread to arrive before it is done
        built.append(1)
        return object(), object()

    wire = Wire(build)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(wire.sender)) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len({id(s) for s in seen}) == 1


def test_constructing_a_client_loads_no_connection_machinery() -> None:
    """A script or command that builds a client without sending (``--help``, a failed check)
    pays for no connection pool or TLS context; they load with the first request."""
    import subprocess
    import sys

    code = (
        "import sys; from ofsc import OFSC; c = OFSC(instance='acme', client_id='c', client_secret='s'); "
        "print('httpcore' in sys.modules, 'certifi' in sys.modules); c.close()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_the_sdks_own_client_keeps_no_cookies_and_a_callers_client_keeps_its_hooks(
    facade: Facade, server: Server
) -> None:
    """Answers' cookies are not kept on any backend (the SDK authorizes every request
    itself); a caller's own ``http_client`` still runs its event hooks."""
    server.on("GET", "/rest/ofscCore/v1/activities/1",
              httpx.Response(200, json={"activityId": 1}, headers={"Set-Cookie": "affinity=a1; Path=/"}))  # fmt: skip
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1))
    facade(client.core.get_activity(activity_id=1))
    assert "cookie" not in server.requests[1].headers
    seen: list[str] = []

    def hook(request: httpx.Request) -> None:
        seen.append(request.url.path)

    async def async_hook(request: httpx.Request) -> None:
        hook(request)

    http_cls = httpx.AsyncClient if facade.is_async else httpx.Client
    hooks = {"request": [async_hook if facade.is_async else hook]}
    http = http_cls(transport=httpx.MockTransport(server), event_hooks=hooks)  # type: ignore[dict-item]
    own = facade.client(http_client=http)
    facade(own.core.get_activity(activity_id=1))
    assert seen == ["/rest/ofscCore/v1/activities/1"]
    facade(http.aclose() if facade.is_async else http.close())


def test_aiohttp_refuses_a_request_whose_deadline_has_passed_without_sending_it() -> None:
    """A call's deadline is aiohttp's total timeout, where 0 would mean "no limit": a request
    whose deadline has already passed times out at once instead of being sent unbounded."""
    import asyncio
    import time

    from ofsc._network import Network
    from ofsc._sender import AsyncHttpxSender

    async def main() -> None:
        companion = AsyncHttpxSender(httpx.AsyncClient())
        sender = AiohttpSender(Network(), companion=companion)
        request = OutgoingRequest("GET", BaseURL("http://127.0.0.1:9"), "/x", {}, httpx.Timeout(5.0))
        request.deadline = time.monotonic() - 1  # port 9 refuses: a ConnectError would mean it was sent
        try:
            with pytest.raises(httpx.ReadTimeout, match="within the deadline"):
                await sender.send(request, stream=False)
        finally:
            await sender.aclose()

    asyncio.run(main())


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
def test_a_copy_cannot_reopen_a_closed_clients_pool(backend: str) -> None:
    """Closing a client closes the pool its copies share: a copy's request afterwards is
    refused, not sent through a new pool nobody will close."""
    import asyncio

    from ofsc.testing import MockOFS

    async def main() -> None:
        mock = MockOFS(seed=1)
        with mock.serve() as base_url:
            client = mock.async_client(base_url, http_backend=backend)
            copy = client.with_options(timeout=5.0)
            await copy.metadata.get_workzones(limit=1)
            await client.close()
            with pytest.raises(RuntimeError, match="has been closed"):
                await copy.metadata.get_workzones(limit=1)

    asyncio.run(main())


def test_async_httpx_requests_import_nothing_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpcore imports sniffio each time its async pool sets up a lock, and Python does not
    remember a failed import: without sniffio installed (a dependency of ofsc for this
    reason), every request would search sys.path again. Once warm, a request finds nothing
    to import."""
    import asyncio
    import sys
    from importlib.abc import MetaPathFinder

    from ofsc.testing import MockOFS

    searched: list[str] = []

    class Recorder(MetaPathFinder):
        def find_spec(self, fullname: str, path: object, target: object = None) -> None:
            searched.append(fullname)

    async def main() -> None:
        mock = MockOFS(seed=1)
        with mock.serve() as base_url:
            async with mock.async_client(base_url, http_backend="httpx") as client:
                calls = 3
                # Warm, as the recorded round runs: the first calls and connections import.
                await asyncio.gather(*(client.metadata.get_workzones(limit=1) for _ in range(calls)))
                monkeypatch.setattr(sys, "meta_path", [Recorder(), *sys.meta_path])
                await asyncio.gather(*(client.metadata.get_workzones(limit=1) for _ in range(calls)))

    asyncio.run(main())
    assert searched == []


@pytest.mark.parametrize(
    ("timeout", "left", "steps"),
    [
        (httpx.Timeout(30.0), 30.0, (None, None, None)),  # the usual attempt: its read timeout
        (httpx.Timeout(30.0), 10.0, (None, None, None)),  # the call's deadline is nearer still
        (httpx.Timeout(5.0), 10.0, (5.0, 5.0, 5.0)),  # shorter limits can end the request first
        # each limit on its own: aiohttp's connect is the pool wait, sock_connect httpx's connect
        (httpx.Timeout(30.0, pool=4.0, read=40.0), 20.0, (4.0, None, None)),
        (httpx.Timeout(30.0, connect=3.0, read=6.0), 20.0, (None, 6.0, 3.0)),
    ],
)
def test_aiohttp_gets_only_the_step_limits_that_can_fire_before_the_deadline(
    timeout: httpx.Timeout, left: float, steps: tuple[float | None, ...]
) -> None:
    """Each aiohttp step limit (pool wait, connect, read) arms a timer; one no shorter than
    the time left can never fire before the total does, so it is not given at all."""
    import math
    import time

    from ofsc._network import Network

    sender = AiohttpSender(Network(), companion=AsyncHttpxSender(httpx.AsyncClient()))
    request = OutgoingRequest("GET", BaseURL("http://x"), "/a", {}, timeout)
    request.deadline = time.monotonic() + left
    given = sender._timeout(request)
    assert given.total is not None and left - 1 < given.total <= left
    assert (given.connect, given.sock_read, given.sock_connect) == steps
    assert given.ceil_threshold == math.inf
