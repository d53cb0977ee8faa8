"""Every one of the 243 operations, through the sync and the async client, against respx.

For each operation the call is made with valid arguments synthesised from the spec
(every optional parameter included), and the test checks what went on the wire (method,
URL with encoded path parameters, query with comma-joined arrays, headers, body) and what
came back (the declared model carrying its response, ``None``, or a streamed download).
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import parse_qsl, quote

import httpx
import pytest
import respx

from ofsc import OFSC, AsyncBinaryResponse, AsyncOFSC, BinaryResponse
from ofsc._operation import Operation, resolve_model
from ofsc.testing import SchemaSampler
from ofsc_generated.operations import OPERATION_COUNT, all_operations

pytestmark = pytest.mark.mock

BASE = "https://acme.fs.ocs.oraclecloud.com"
BASIC = "Basic Y2lkQGFjbWU6czNjcjN0"  # base64("cid@acme:s3cr3t")
FILE_BYTES = b"\x89PNG file content"


def wire_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ",".join(wire_text(v) for v in value)
    return str(value)


def expected_request(op: Operation[Any], args: dict[str, Any]) -> dict[str, Any]:
    path = op.path
    query, headers, form = [], {}, {}
    for param in op.params:
        if param.name not in args:
            continue
        value = args[param.name]
        if param.location == "path":
            path = path.replace("{" + param.wire + "}", quote(wire_text(value), safe=""))
        elif param.location == "query":
            query.append((param.wire, wire_text(value)))
        elif param.location == "header":
            headers[param.wire.lower()] = wire_text(value)
        elif param.location == "form":
            form[param.wire] = wire_text(value)
    return {"path": path, "query": sorted(query), "headers": headers, "form": form}


def canned_response(op: Operation[Any], sampler: SchemaSampler) -> httpx.Response:
    status = op.success[0] if op.success else 200
    if op.response_kind == "binary":
        return httpx.Response(200, content=FILE_BYTES, headers={"Content-Type": "application/octet-stream"})
    if op.response_kind in ("model", "optional_model"):
        return httpx.Response(200 if status == 204 else status, json=sampler.response_body(op))
    return httpx.Response(status)


def check_request(op: Operation[Any], args: dict[str, Any], request: httpx.Request) -> None:
    expected = expected_request(op, args)
    assert request.method == op.method
    assert request.url.raw_path.decode().split("?")[0] == expected["path"]
    assert sorted(parse_qsl(request.url.query.decode(), keep_blank_values=True)) == expected["query"]
    assert request.headers["authorization"] == BASIC
    assert request.headers["accept"] == (
        "application/octet-stream" if op.response_kind == "binary" else "application/json"
    )
    for name, value in expected["headers"].items():
        assert request.headers[name] == value, name
    body = op.body
    if body is None:
        assert request.content == b"" and "content-type" not in request.headers
    elif body.kind == "json":
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == json.loads(json.dumps(args[body.name], default=str))
    elif body.kind == "binary":
        assert request.content == args[body.name]
    elif body.kind == "form":
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert dict(parse_qsl(request.content.decode())) == expected["form"]
    else:
        assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert b"sample file content" in request.content


async def check_result(op: Operation[Any], result: Any, response: httpx.Response) -> None:
    if op.response_kind == "binary":
        assert isinstance(result, BinaryResponse | AsyncBinaryResponse)
        content = result.read()
        assert (await content if inspect.isawaitable(content) else content) == FILE_BYTES
    elif op.response_kind == "none":
        assert result is None
    else:
        assert op.response_model is not None
        assert isinstance(result, resolve_model(op.response_model))
        assert result.status_code == response.status_code
        assert result.raw_response.request.url.path.startswith("/rest/")


@pytest.fixture(params=["sync", "async"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[OFSC | AsyncOFSC]:
    # Strict: every canned answer must fit its model, not merely be tolerated.
    credentials = {"instance": "acme", "client_id": "cid", "client_secret": "s3cr3t", "max_retries": 0,
                   "strict_responses": True}  # fmt: skip
    if request.param == "sync":
        with OFSC(**credentials) as sync_client:
            yield sync_client
    else:
        # respx intercepts httpx's own transport (not the optional aiohttp one).
        async with AsyncOFSC(**credentials, transport=httpx.AsyncHTTPTransport()) as async_client:
            yield async_client


async def test_every_operation_sends_what_the_spec_says_and_returns_its_type(
    client: OFSC | AsyncOFSC, summary: Callable[[str], None]
) -> None:
    operations = all_operations()
    failures: list[str] = []
    passed = 0
    for index, op in enumerate(operations):
        sampler = SchemaSampler(seed=index)
        args = sampler.arguments(op)
        response = canned_response(op, sampler)
        with respx.mock(base_url=BASE, assert_all_called=True) as router:
            route = router.route().mock(return_value=response)
            try:
                result = getattr(getattr(client, op.family), op.name)(**args)
                if inspect.isawaitable(result):
                    result = await result
                check_request(op, args, route.calls.last.request)
                await check_result(op, result, response)
            except Exception as exc:  # collect every failing operation, not just the first
                failures.append(f"{op.family}.{op.name}: {type(exc).__name__}: {exc}")
                continue
        passed += 1
    kind = "async" if isinstance(client, AsyncOFSC) else "sync"
    summary(
        f"respx sweep, {kind} client: {passed}/{len(operations)} operations checked (request sent and type returned)"
    )
    assert len(operations) == OPERATION_COUNT == 243
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("label", ["a/b", "two words", "100%", "x?y#z"])
async def test_path_parameters_cannot_escape_their_segment(client: OFSC | AsyncOFSC, label: str) -> None:
    with respx.mock(base_url=BASE) as router:
        route = router.route().mock(return_value=httpx.Response(200, json={"label": label}))
        result = client.metadata.get_workzone(label=label)
        if inspect.isawaitable(result):
            result = await result
    raw_path = route.calls.last.request.url.raw_path.decode()
    assert raw_path == "/rest/ofscMetadata/v1/workZones/" + quote(label, safe="")
    assert raw_path.count("/") == 5  # the label stays one segment
