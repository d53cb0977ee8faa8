"""The private parts of other libraries that ``ofsc/_internals.py`` uses are still there.

Each function there falls back to the public way when a part is missing, so a library
release that changes one would only make the SDK slower, silently. These tests make it loud.
"""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import httpx
import pytest
from pydantic import BaseModel

from ofsc import _internals


def test_httpx_urls_can_be_joined_without_parsing() -> None:
    """httpx.URL keeps a ``_uri_reference`` with ``path``/``_replace``: join_url uses it, and
    the URL it makes is the one httpx would parse from the text."""
    base = httpx.URL("https://acme.example/base/")
    joined = _internals.join_url(base, "/rest/ofscCore/v1/activities/1%2F2", "fields=a%2Cb")
    assert joined is not None, "httpx.URL no longer has _uri_reference: update ofsc/_internals.py"
    expected = httpx.URL("https://acme.example/base/rest/ofscCore/v1/activities/1%2F2?fields=a%2Cb")
    assert joined == expected and joined.raw_path == expected.raw_path


def test_httpx_responses_take_a_body_read_elsewhere() -> None:
    """httpx.Response keeps its body in ``_content``: keep_body makes content/json() work."""
    response = httpx.Response(200, stream=httpx.ByteStream(b""))
    _internals.keep_body(response, b'{"a": 1}')
    assert response.content == b'{"a": 1}' and response.json() == {"a": 1}


def test_httpx_clients_pick_their_transport_by_url() -> None:
    """httpx.Client/AsyncClient have ``_transport_for_url`` (mounts, proxies, pool): the SDK's
    own client sends buffered requests straight to it; without it, through ``send``."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={"ok": True})

    client = httpx.Client(transport=httpx.MockTransport(answer))
    assert hasattr(client, "_transport_for_url"), "httpx changed: update ofsc/_internals.py"
    request = client.build_request("GET", "https://acme.example/x")
    response = _internals.send_through_transport(client, request)
    assert response.request is request and response.read() == b'{"ok":true}'

    # A client without the method (a later httpx): the public send, streamed.
    sent: list[tuple[httpx.Request, bool]] = []
    public = SimpleNamespace(is_closed=False, send=lambda r, stream: sent.append((r, stream)) or response)
    assert _internals.send_through_transport(public, request) is response  # type: ignore[arg-type]
    assert sent == [(request, True)] and len(seen) == 1
    client.close()
    with pytest.raises(RuntimeError, match="closed"):  # as httpx's own send says
        _internals.send_through_transport(client, request)


def test_pydantic_models_have_private_state_and_a_validator() -> None:
    """pydantic models keep ``__pydantic_private__`` per instance and ``__pydantic_validator__``
    per class, as the parse path relies on."""

    class Model(BaseModel):
        a: int

    model = _internals.validate_json(Model, b'{"a": 1}')
    assert model == Model(a=1)
    assert _internals.private_state(model) is None
    _internals.set_private_state(model, {"raw_response": "x"})
    assert _internals.private_state(model) == {"raw_response": "x"}
    assert model.model_dump() == {"a": 1}  # not a field


@pytest.mark.skipif(importlib.util.find_spec("aiohttp") is None, reason="needs aiohttp")
def test_aiohttp_sessions_have_the_replay_switch() -> None:
    """aiohttp's ClientSession has ``_retry_connection``: without it aiohttp would replay
    requests by itself and attempts would no longer be the pipeline's."""
    import asyncio

    import aiohttp

    async def check() -> None:
        async with aiohttp.ClientSession() as session:
            assert hasattr(session, "_retry_connection"), "update ofsc/_internals.py"
            _internals.no_aiohttp_replays(session)
            assert session._retry_connection is False

    asyncio.run(check())


@pytest.mark.skipif(importlib.util.find_spec("opentelemetry") is None, reason="needs opentelemetry")
def test_opentelemetry_keeps_the_installed_provider_where_we_look() -> None:
    """opentelemetry.trace keeps the installed provider in ``_TRACER_PROVIDER``."""
    from opentelemetry import trace

    assert _internals.installed_tracer_provider(trace) is not _internals.UNKNOWN, "update ofsc/_internals.py"
