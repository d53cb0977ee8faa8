"""Requests and answers before httpx objects: URLs joined to the base, objects built once."""

from __future__ import annotations

import asyncio
import gzip
import json
from typing import Any

import httpx
import pytest
from aiohttp import web

from ofsc import AsyncOFSC
from ofsc._aiohttp import AiohttpSender
from ofsc._wire import Answer, BaseURL, OutgoingRequest

TIMEOUT = httpx.Timeout(5.0)


@pytest.mark.parametrize(
    ("base", "target", "expected"),
    [
        ("https://acme.fs.ocs.oraclecloud.com", "/rest/a/1", "https://acme.fs.ocs.oraclecloud.com/rest/a/1"),
        ("https://h/", "/rest/a", "https://h/rest/a"),
        (
            "http://127.0.0.1:8080/prefix/",
            "/rest/a?limit=5&q=x%20y",
            "http://127.0.0.1:8080/prefix/rest/a?limit=5&q=x%20y",
        ),
        ("https://h", "/rest/a%2Fb", "https://h/rest/a%2Fb"),
    ],
)
def test_a_target_joins_the_base_as_text_and_as_an_httpx_url(base: str, target: str, expected: str) -> None:
    joined = BaseURL(base)
    assert joined.text + target == expected
    assert joined.join(target) == httpx.URL(expected)
    assert str(joined.join(target)) == expected


def test_joining_falls_back_to_parsing_when_httpx_urls_change_shape() -> None:
    base = BaseURL("http://h:81/p")
    object.__setattr__(base.parsed, "_uri_reference", None)  # as if httpx kept URLs otherwise
    assert base.join("/rest/a?x=1") == httpx.URL("http://h:81/p/rest/a?x=1")


def test_the_httpx_request_is_built_once_and_carries_everything() -> None:
    request = OutgoingRequest(
        "POST", BaseURL("https://h"), "/rest/a?x=1", {"Accept": "application/json"}, TIMEOUT, content=b"{}"
    )
    assert request.http_request is None and request.url_text == "https://h/rest/a?x=1"
    built = request.to_httpx()
    assert request.to_httpx() is built and request.http_request is built
    assert (built.method, str(built.url), built.content) == ("POST", "https://h/rest/a?x=1", b"{}")
    assert built.headers["Accept"] == "application/json" and built.extensions["timeout"]["read"] == 5.0


def test_a_form_is_encoded_by_httpx() -> None:
    request = OutgoingRequest("POST", BaseURL("https://h"), "/token", {}, TIMEOUT, form={"grant_type": "x y"})
    assert request.body_in_memory
    assert request.to_httpx().content == b"grant_type=x+y"


def test_an_answer_builds_its_httpx_response_on_first_use() -> None:
    request = OutgoingRequest("GET", BaseURL("https://h"), "/rest/a", {}, TIMEOUT)
    headers = [(b"Content-Type", b"application/json"), (b"Set-Cookie", b"a=1"), (b"Set-Cookie", b"b=2")]
    answer = Answer(
        404, httpx.Headers(headers), request, content=b'{"status": "404"}', raw_headers=headers, elapsed=0.25
    )
    assert not answer.is_success and answer._http_response is None
    assert answer.headers.get("content-type") == "application/json" and answer._http_response is None
    response = answer.http_response
    assert answer.http_response is response and response.request is request.http_request
    assert response.status_code == 404 and response.json() == {"status": "404"}
    assert response.headers.get_list("set-cookie") == ["a=1", "b=2"]
    assert response.elapsed.total_seconds() == 0.25 and answer.elapsed == response.elapsed


def test_a_compressed_answer_is_decoded_on_the_aiohttp_path() -> None:
    document = {"activityId": 7, "status": "pending", "customerName": "x" * 500}

    async def activity(request: web.Request) -> web.Response:
        body = gzip.compress(json.dumps(document).encode())
        return web.Response(
            body=body, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"}
        )

    async def main() -> Any:
        app = web.Application()
        app.router.add_get("/rest/ofscCore/v1/activities/{activity_id}", activity)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        try:
            async with AsyncOFSC(
                instance="acme", client_id="cid", client_secret="s", base_url=f"http://{host}:{port}",
                http_backend="aiohttp",
            ) as client:  # fmt: skip
                assert isinstance(client._state.wire.sender, AiohttpSender)
                return await client.core.get_activity(activity_id=7)
        finally:
            await runner.cleanup()

    result = asyncio.run(main())
    assert (result.activity_id, result.customer_name) == (7, "x" * 500)
    assert result.raw_response.headers["Content-Encoding"] == "gzip"
    assert result.raw_response.json() == document


@pytest.mark.parametrize(
    ("login", "segment"),
    [("../x", "..%2Fx"), ("a/b", "a%2Fb"), ("a b", "a%20b"), ("a.b", "a.b"), ("...", "%2E%2E%2E")],
)
def test_a_path_value_stays_one_segment(login: str, segment: str) -> None:
    """A path parameter's value cannot move the request elsewhere: a ``/`` inside it is
    percent-encoded, so the value stays one segment (``.`` and ``..`` alone are refused,
    tests/reliability)."""
    from ofsc import OFSC

    sent: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.raw_path)
        return httpx.Response(200, json={"login": login})

    transport = httpx.MockTransport(answer)
    with OFSC(instance="acme", client_id="cid", client_secret="s", transport=transport) as client:
        client.core.get_user(login=login)
    assert sent == [f"/rest/ofscCore/v1/users/{segment}".encode()]


@pytest.mark.parametrize(
    ("headers", "limit", "whole"),
    [
        ({"Content-Length": "10"}, 10, True),
        ({"Content-Length": "10", "Content-Encoding": "identity"}, None, True),
        ({"Content-Length": "11"}, 10, False),  # refused before reading, by the chunk reader
        ({"Content-Length": "10", "Content-Encoding": "gzip"}, 100, False),  # decoded size counts
        ({}, 100, False),  # unannounced: read chunk by chunk within the limit
        ({"Content-Length": "-1"}, 100, False),
        ({"Content-Length": "\u00b2"}, 100, False),  # a digit to str.isdigit, not to int()
    ],
)
def test_aiohttp_reads_in_one_go_only_what_is_announced_and_within_the_limit(
    headers: dict[str, str], limit: int | None, whole: bool
) -> None:
    """The aiohttp backend reads a body whole only when it is sent as is with a length
    within the size limit; anything else goes through the bounded chunk reader."""
    from multidict import CIMultiDict

    from ofsc._aiohttp import _whole_within_limit

    assert _whole_within_limit(CIMultiDict(headers), limit) is whole
