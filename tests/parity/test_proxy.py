"""Proxies over the three wires, through a tiny forward proxy on 127.0.0.1."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import pytest

from ..reliability.conftest import WIRES, WORKZONES, Wire, loopback_wire
from ._loopback import LoopbackHTTP, Reply, request_body


class ForwardProxy(LoopbackHTTP):
    """An HTTP forward proxy: takes absolute-form requests and relays them; records each URL."""

    def __init__(self) -> None:
        self.seen: list[str] = []

        def relay(handler: BaseHTTPRequestHandler) -> Reply:
            self.seen.append(handler.path)
            target = urlsplit(handler.path)
            body = request_body(handler) or None
            headers = {
                k: v
                for k, v in handler.headers.items()
                if k.lower() not in ("proxy-connection", "connection")
            }
            upstream = http.client.HTTPConnection(target.hostname or "", target.port, timeout=10)
            upstream.request(handler.command, target.path + (f"?{target.query}" if target.query else ""),
                             body=body, headers=headers)  # fmt: skip
            answer = upstream.getresponse()
            content = answer.read()
            upstream.close()
            return answer.status, answer.getheaders(), content

        super().__init__(relay)


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    server = ForwardProxy()
    yield server
    server.close()


@pytest.fixture(params=list(WIRES))
def wire(request: pytest.FixtureRequest) -> Iterator[Wire]:
    with loopback_wire(request.param) as loopback:
        yield loopback


def _clear_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_http_proxy_from_the_environment_is_used(
    wire: Wire, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise: with trust_env (the default), every wire sends through HTTP_PROXY, as httpx does."""
    _clear_proxy_variables(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    client = wire.client()
    assert wire.facade(client.metadata.get_workzones(limit=2)).status_code == 200
    assert [urlsplit(url).path for url in proxy.seen] == [WORKZONES]


def test_the_proxy_setting_is_used(wire: Wire, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Promise: proxy= sends every wire's requests through that proxy, whatever the environment."""
    _clear_proxy_variables(monkeypatch)
    client = wire.client(proxy=proxy.url)
    assert wire.facade(client.metadata.get_workzones(limit=2)).status_code == 200
    assert len(proxy.seen) == 1
    assert proxy.url not in repr(client.settings)  # a proxy URL may hold credentials


@pytest.mark.parametrize("setting", ["trust_env", "no_proxy"])
def test_the_environment_proxy_can_be_bypassed(
    wire: Wire, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    """Promise: trust_env=False, or the host in NO_PROXY, sends directly on every wire."""
    _clear_proxy_variables(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    if setting == "no_proxy":
        monkeypatch.setenv("NO_PROXY", "example.test,127.0.0.1")
    client = wire.client(**({"trust_env": False} if setting == "trust_env" else {}))
    assert wire.facade(client.metadata.get_workzones(limit=2)).status_code == 200
    assert proxy.seen == []
    assert wire.calls(WORKZONES) == 1
