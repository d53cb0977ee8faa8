"""Fault behaviour over real HTTP: the mock OFS on 127.0.0.1 injects the faults.

Each test runs on the three wires of the reliability suite: the sync client (httpx), the
async client on httpx, and the async client on aiohttp.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator

import httpx
import pytest

from ofsc import (
    OFSC,
    APIConnectionError,
    APITimeoutError,
    AsyncOFSC,
    CallInfo,
    CircuitOpenError,
    Hooks,
    InternalServerError,
    NotFoundError,
)
from ofsc._aiohttp import AiohttpSender
from ofsc._wire import Answer
from ofsc.testing import MockOFS, SchemaSampler
from ofsc_generated.operations.core import CREATE_ACTIVITY

from ..reliability.conftest import WIRES, loopback_wire
from ..reliability.conftest import Wire as Loopback

WORKZONES = "/rest/ofscMetadata/v1/workZones"
ACTIVITIES = "/rest/ofscCore/v1/activities"
TOKEN = "/rest/oauthTokenService/v2/token"


@pytest.fixture(params=list(WIRES))
def wire(request: pytest.FixtureRequest) -> Iterator[Loopback]:
    with loopback_wire(request.param) as loopback:
        yield loopback


def test_each_wire_uses_its_backend(wire: Loopback) -> None:
    """Promise: the async client sends through aiohttp exactly when http_backend says so."""
    client = wire.client()
    if isinstance(client, AsyncOFSC):
        assert isinstance(client._state.wire.sender, AiohttpSender) == (wire.name == "async-aiohttp")


def test_503s_are_retried_until_success(wire: Loopback) -> None:
    wire.mock.faults.add(path=WORKZONES, method="GET", status=503, count=2)
    client = wire.client()
    zones = wire.facade(client.metadata.get_workzones())
    assert zones.status_code == 200 and wire.calls(WORKZONES) == 3


def test_retry_after_is_honoured(wire: Loopback, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ofsc")
    wire.mock.faults.add(path=WORKZONES, status=429, retry_after=0.05, count=1)
    client = wire.client(initial_retry_delay=5.0)
    wire.facade(client.metadata.get_workzones())
    delays = [r.ofsc["delay"] for r in caplog.records if r.getMessage().startswith("retrying")]  # type: ignore[attr-defined]
    assert delays == [0.05] and wire.calls(WORKZONES) == 2


def test_circuit_breaker_fails_fast_without_touching_the_server(wire: Loopback) -> None:
    wire.mock.faults.add(path=WORKZONES, status=503)
    client = wire.client(max_retries=0, circuit_breaker_threshold=2)
    for _ in range(2):
        wire.facade.raises(InternalServerError, lambda: client.metadata.get_workzones())
    for _ in range(3):
        wire.facade.raises(CircuitOpenError, lambda: client.metadata.get_workzones())
    assert wire.calls(WORKZONES) == 2


def test_a_slow_answer_times_out_and_the_retry_succeeds(wire: Loopback) -> None:
    wire.mock.faults.add(path=WORKZONES, latency=3.0, count=1)
    client = wire.client(timeout=0.5)
    assert wire.facade(client.metadata.get_workzones()).status_code == 200
    assert wire.calls(WORKZONES) == 2


def test_a_timeout_on_the_last_attempt_is_an_api_timeout_error(wire: Loopback) -> None:
    wire.mock.faults.add(path=WORKZONES, latency=3.0, count=1)
    client = wire.client(timeout=0.5, max_retries=0)
    exc = wire.facade.raises(APITimeoutError, lambda: client.metadata.get_workzones())
    assert exc.attempts == 1


@pytest.mark.parametrize("fault", ["reset", "truncate"])
def test_a_dropped_get_is_replayed(wire: Loopback, fault: str) -> None:
    wire.mock.faults.add(path=WORKZONES, count=1, **{fault: True})
    client = wire.client()
    assert wire.facade(client.metadata.get_workzones()).status_code == 200
    assert wire.calls(WORKZONES) == 2


@pytest.mark.parametrize("fault", ["reset", "truncate"])
def test_a_dropped_post_is_not_replayed(wire: Loopback, fault: str) -> None:
    wire.mock.faults.add(path=ACTIVITIES, method="POST", count=1, **{fault: True})
    client = wire.client()
    args = SchemaSampler(seed=1).arguments(CREATE_ACTIVITY, optional=False)
    wire.facade.raises(APIConnectionError, lambda: client.core.create_activity(**args))
    assert wire.calls(ACTIVITIES) == 1  # it may have been created: never create it twice
    created = wire.facade(client.core.create_activity(**args, options={"retry_unsafe": True}))
    assert created.status_code in (200, 201)


def test_a_revoked_token_is_refreshed_once_and_the_call_replayed(wire: Loopback) -> None:
    client = wire.client(auth="oauth2")
    wire.facade(client.metadata.get_workzones())
    wire.mock.revoke_tokens()
    assert wire.facade(client.metadata.get_workzones()).status_code == 200
    assert wire.mock.tokens_issued == 2 and wire.calls(WORKZONES) == 3


@pytest.mark.parametrize("wire", ["async-httpx", "async-aiohttp"], indirect=True)
def test_one_token_for_100_concurrent_tasks(wire: Loopback) -> None:
    wire.mock.faults.add(path=TOKEN, latency=0.05)  # every task reaches the lock while it is fetched
    client = wire.client(auth="oauth2")
    results = wire.facade.gather([lambda: client.metadata.get_workzones()] * 100)
    assert len(results) == 100 and wire.mock.tokens_issued == 1
    assert wire.calls(WORKZONES) == 100


@pytest.mark.parametrize("wire", ["sync"], indirect=True)
def test_one_token_for_20_threads(wire: Loopback) -> None:
    wire.mock.faults.add(path=TOKEN, latency=0.05)
    client = wire.client(auth="oauth2")
    barrier = threading.Barrier(20)
    failures: list[BaseException] = []

    def work() -> None:
        barrier.wait()
        try:
            client.metadata.get_workzones()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and wire.mock.tokens_issued == 1 and wire.calls(WORKZONES) == 20


def test_async_client_works_when_built_outside_a_running_loop() -> None:
    mock = MockOFS(seed=5)
    with mock.serve(port=0) as base_url:
        client = AsyncOFSC(instance="acme", client_id="cid", client_secret="s3cr3t", base_url=base_url)

        async def main() -> int:
            async with client:
                return (await client.metadata.get_workzones()).status_code

        assert asyncio.run(main()) == 200


def test_a_token_service_outage_is_retried(wire: Loopback) -> None:
    wire.mock.faults.add(path=TOKEN, status=503, count=1)
    client = wire.client(auth="oauth2")
    assert wire.facade(client.metadata.get_workzones()).status_code == 200
    assert wire.calls(TOKEN) == 2 and wire.mock.tokens_issued == 1


def test_hooks_see_and_change_what_goes_on_the_wire(wire: Loopback) -> None:
    answers: list[httpx.Response] = []

    def tag(request: httpx.Request, info: CallInfo) -> None:
        request.headers["X-Tenant"] = "t1"

    client = wire.client(
        hooks=Hooks(request=[tag], response=[lambda response, info: answers.append(response)])
    )
    zones = wire.facade(client.metadata.get_workzones(limit=5))
    assert wire.mock.calls[-1].headers["x-tenant"] == "t1"
    assert answers == [zones.raw_response]  # the hook and the result share one response object
    assert answers[0].request.headers["X-Tenant"] == "t1"


def test_a_result_keeps_the_http_response_it_came_from(wire: Loopback) -> None:
    client = wire.client()
    zones = wire.facade(client.metadata.get_workzones(limit=5))
    raw = zones.raw_response
    assert isinstance(raw, httpx.Response) and raw.status_code == zones.status_code == 200
    assert raw.request.method == "GET" and raw.request.url == httpx.URL(f"{wire.base_url}{WORKZONES}?limit=5")
    assert raw.headers["content-type"].startswith("application/json") and zones.headers is raw.headers
    assert raw.json()["items"] == zones.to_api()["items"] and raw.elapsed.total_seconds() > 0
    assert zones.raw_response is raw  # built once


def test_an_error_answer_carries_its_response_and_request(wire: Loopback) -> None:
    client = wire.client()
    exc = wire.facade.raises(NotFoundError, lambda: client.core.get_activity(activity_id=424242))
    assert exc.status_code == 404 and exc.attempts == 1 and "424242" in (exc.detail or "")
    assert exc.response.json()["status"] == "404" and exc.response.elapsed.total_seconds() > 0
    assert exc.response.request.url == httpx.URL(f"{wire.base_url}{ACTIVITIES}/424242")


def test_an_error_carries_the_response_its_hooks_saw(wire: Loopback) -> None:
    """Promise: a response hook, and the error the call raises, see one and the same
    httpx.Response (a hook's change included)."""
    seen: list[httpx.Response] = []

    def mark(response: httpx.Response, info: CallInfo) -> None:
        response.headers["X-Seen"] = "yes"
        seen.append(response)

    client = wire.client(hooks=Hooks(response=[mark]))
    exc = wire.facade.raises(NotFoundError, lambda: client.core.get_activity(activity_id=424242))
    assert seen == [exc.response] and seen[0] is exc.response
    assert exc.response.headers["X-Seen"] == "yes" and exc.response.json()["status"] == "404"


def test_the_aiohttp_path_builds_no_httpx_objects_nobody_asked_for() -> None:
    """Promise: on the aiohttp backend a plain successful call builds neither an
    httpx.Request nor an httpx.Response; raw_response builds the response on first use and
    then keeps it."""
    mock = MockOFS(seed=5)

    async def main(base_url: str) -> None:
        async with mock.async_client(base_url, http_backend="aiohttp") as client:
            # A span needs the request: no tracing here, whatever provider another test installed.
            client._instrumentation.tracer = None
            zones = await client.metadata.get_workzones(limit=5)
            answer = zones.__pydantic_private__["raw_response"]
            assert isinstance(answer, Answer)
            assert answer._http_response is None and answer.request.http_request is None
            assert zones.status_code == 200 and answer.headers["content-type"].startswith("application/json")
            assert answer._http_response is None and answer.request.http_request is None
            assert zones.raw_response is answer.http_response is answer._http_response is not None
            assert zones.raw_response.request is answer.request.http_request is not None

    with mock.serve(port=0) as base_url:
        asyncio.run(main(base_url))


def test_the_httpx_path_carries_the_response_httpx_gave() -> None:
    """Promise: on the httpx backend the answer carries the httpx.Response the httpx client
    returned: raw_response is that very object, never a rebuilt copy."""
    mock = MockOFS(seed=5)
    returned: list[httpx.Response] = []
    http = httpx.Client(transport=mock.transport(), event_hooks={"response": [returned.append]})
    credentials = mock.credentials
    with http, OFSC(instance=credentials.instance, client_id=credentials.client_id,
                    client_secret=credentials.client_secret, base_url="http://mock.localhost",
                    http_client=http) as client:  # fmt: skip
        zones = client.metadata.get_workzones(limit=5)
    assert len(returned) == 1 and zones.raw_response is returned[0]
