"""``ofsc.async_client.AsyncOFSC``: the 2.x async client's constructor, context manager,
exceptions and transport settings, and what the v3 runtime under it adds (retries with
Retry-After, token refresh) without changing results."""

from __future__ import annotations

import asyncio
import base64
import importlib
import logging
import warnings
from collections.abc import Coroutine
from typing import Any

import httpx
import pytest

import ofsc
from ofsc.exceptions import APIConnectionError, BadRequestError, NotFoundError, RateLimitError
from ofsc.testing import MockOFS
from ofsc.v2.exceptions import OFSAPIException

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import ofsc.async_client as async_client
    from ofsc.async_client import (
        AsyncOFSC,
        HTTPClientConfig,
        OFSCNetworkError,
        OFSCNotFoundError,
        OFSCRateLimitError,
        OFSCValidationError,
    )
    from ofsc.async_client._session import http_client, v3_settings

BASE = "http://mock.localhost"
ZONE = {"workZoneLabel": "ALTAMONTE", "workZoneName": "Altamonte Springs", "status": "active",
        "travelArea": "sunrise_enterprise"}  # fmt: skip


def run[T](coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def client(mock: MockOFS, *args: Any, **kwargs: Any) -> AsyncOFSC:
    if not args:
        args = ("cid", "acme", "s3cr3t")
    kwargs.setdefault("baseUrl", BASE)
    return AsyncOFSC(*args, transport=mock.async_transport(), **kwargs)


def test_importing_warns_and_names_the_v3_client() -> None:
    """Importing ``ofsc.async_client`` warns that it is the 2.x API and names v3's AsyncOFSC."""
    with pytest.warns(DeprecationWarning, match=r"ofsc\.AsyncOFSC\(instance=") as caught:
        importlib.reload(async_client)
    assert "ofsc.async_client is the 2.x async API" in str(caught[0].message)


def test_constructor_in_2x_order_and_basic_credentials() -> None:
    """``AsyncOFSC(clientID, companyName, secret)`` positionally, as in 2.x: Basic
    ``clientID@companyName:secret``, the default base URL, ``str()`` as 2.x printed it."""
    instance = AsyncOFSC("cid", "acme", "s3cr3t")
    assert str(instance) == "AsyncOFSC(baseURL=https://acme.fs.ocs.oraclecloud.com)"
    mock = MockOFS(seed=1, fixture={"workZones": [ZONE]})

    async def call() -> Any:
        async with client(mock) as c:
            assert c.core.headers["Authorization"] == "Basic " + base64.b64encode(b"cid@acme:s3cr3t").decode()
            return await c.metadata.get_workzone("ALTAMONTE")

    zone = run(call())
    assert zone.workZoneName == "Altamonte Springs"
    assert mock.calls[-1].headers["authorization"].startswith("Basic ")
    assert mock.calls[-1].headers["content-type"] == "application/json;charset=UTF-8"


def test_sub_apis_need_the_context_manager() -> None:
    """Outside ``async with`` the sub-APIs raise RuntimeError, as in 2.x."""
    instance = AsyncOFSC(clientID="cid", companyName="acme", secret="s3cr3t")
    for name in ("core", "metadata", "capacity", "statistics", "oauth2"):
        with pytest.raises(RuntimeError, match="async context manager"):
            getattr(instance, name)


def test_errors_are_2x_and_v3_exceptions() -> None:
    """An error answer raises the 2.x ``OFSC*Error``, which is also ``OFSAPIException`` and
    the v3 class for the status; its message is 2.x's ``"<context>: <detail>"``."""
    mock = MockOFS(seed=1)

    async def missing() -> Any:
        async with client(mock) as c:
            return await c.core.get_activity(123)

    with pytest.raises(OFSCNotFoundError) as caught:
        run(missing())
    error = caught.value
    assert isinstance(error, NotFoundError) and isinstance(error, OFSAPIException)
    assert error.status_code == 404 and error.title == "Not Found"
    assert str(error) == f"Failed to get activity: {error.detail}"
    assert error.method == "GET" and error.url == f"{BASE}/rest/ofscCore/v1/activities/123"

    mock.faults.add("/rest/ofscMetadata/v1/workZones", status=400)

    async def refused() -> Any:
        async with client(mock) as c:
            return await c.metadata.get_workzones()

    with pytest.raises(OFSCValidationError) as bad:
        run(refused())
    assert isinstance(bad.value, BadRequestError)


def test_connection_failure_is_a_network_error() -> None:
    """No answer at all raises ``OFSCNetworkError``, also v3's ``APIConnectionError``."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async def call() -> Any:
        async with AsyncOFSC(
            "cid", "acme", "s3cr3t", baseUrl=BASE, transport=httpx.MockTransport(refuse),
            http_config=HTTPClientConfig(max_retries=0),
        ) as c:  # fmt: skip
            return await c.metadata.get_workzones()

    with pytest.raises(OFSCNetworkError, match="connection refused") as caught:
        run(call())
    assert isinstance(caught.value, APIConnectionError) and isinstance(caught.value, OFSAPIException)


def test_429_and_5xx_are_retried_with_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 429 with Retry-After and a 503 are retried by the v3 runtime (2.x raised at once);
    the result is the one the successful attempt answered."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("ofsc._base_client._asyncio_sleep", sleep)
    mock = MockOFS(seed=1, fixture={"workZones": [ZONE]})
    mock.faults.add("/rest/ofscMetadata/v1/workZones/*", status=429, retry_after=3, count=1)
    mock.faults.add("/rest/ofscMetadata/v1/workZones/*", status=503, count=1)

    async def call() -> Any:
        async with client(mock) as c:
            return await c.metadata.get_workzone("ALTAMONTE")

    zone = run(call())
    assert zone.workZoneLabel == "ALTAMONTE"
    assert [c.status for c in mock.calls] == [429, 503, 200]
    assert slept[0] == 3


def test_max_retries_zero_keeps_2x_behaviour() -> None:
    """``HTTPClientConfig(max_retries=0)`` asks for no retries: a 429 raises at once."""
    mock = MockOFS(seed=1, fixture={"workZones": [ZONE]})
    mock.faults.add("/rest/ofscMetadata/v1/workZones/*", status=429, retry_after=1, count=1)

    async def call() -> Any:
        async with client(mock, http_config=HTTPClientConfig(max_retries=0)) as c:
            return await c.metadata.get_workzone("ALTAMONTE")

    with pytest.raises(OFSCRateLimitError) as caught:
        run(call())
    assert isinstance(caught.value, RateLimitError)
    assert len(mock.calls) == 1


def test_supplied_token_is_sent_and_refreshed_when_refused() -> None:
    """``useToken=True, access_token=...`` sends that token as 2.x did; when OFS refuses it,
    the v3 runtime gets a new one from the token service and repeats the call once."""
    mock = MockOFS(seed=1, fixture={"workZones": [ZONE]})

    async def call() -> Any:
        async with client(mock, useToken=True, access_token="stale-token") as c:
            return await c.metadata.get_workzone("ALTAMONTE")

    zone = run(call())
    assert zone.workZoneLabel == "ALTAMONTE"
    first, token, retried = mock.calls
    assert first.headers["authorization"] == "Bearer stale-token" and first.status == 401
    assert token.path == "/rest/oauthTokenService/v2/token"
    assert retried.headers["authorization"].startswith("Bearer ") and retried.status == 200


def test_use_token_without_a_token_fails_as_in_2x() -> None:
    """``headers`` with ``useToken=True`` and no ``access_token`` raises ValueError, as in 2.x."""
    mock = MockOFS(seed=1)

    async def call() -> Any:
        async with client(mock, useToken=True) as c:
            return c.metadata.headers

    with pytest.raises(ValueError, match="access_token required"):
        run(call())


def test_http_config_shapes_the_connection_pool() -> None:
    """``HTTPClientConfig`` is honoured: connection cap, redirects, environment trust and
    TLS verification on the pool; timeout and retries on the v3 client."""
    config = HTTPClientConfig(max_concurrency=3, timeout=7.5, max_retries=4, follow_redirects=True,
                              trust_env=False, verify_ssl=False, http2=False)  # fmt: skip
    pool = http_client(config, None)
    try:
        assert pool.follow_redirects is True and pool.trust_env is False
        transport = pool._transport
        assert transport._pool._max_connections == 3  # type: ignore[attr-defined]
        assert transport._pool._ssl_context.check_hostname is False  # type: ignore[attr-defined]
    finally:
        run(pool.aclose())
    assert v3_settings(config, enable_logging=True) == {"timeout": 7.5, "max_retries": 4, "log": "debug"}
    # Left out, timeout and retries keep v3's defaults (which add retries 2.x lacked).
    assert v3_settings(HTTPClientConfig(), enable_logging=False) == {}
    with pytest.raises(ValueError):
        HTTPClientConfig(max_concurrency=0)


def test_proxy_is_used_for_the_tenant() -> None:
    """``HTTPClientConfig(proxy=...)`` routes the requests through that proxy."""
    pool = http_client(HTTPClientConfig(proxy="http://proxy.example:3128", trust_env=False), None)
    try:
        transport = pool._transport_for_url(httpx.URL("https://acme.fs.ocs.oraclecloud.com/rest"))
        assert type(transport._pool).__name__ == "AsyncHTTPProxy"  # type: ignore[attr-defined]
    finally:
        run(pool.aclose())


def test_concurrent_calls_share_one_client(caplog: pytest.LogCaptureFixture) -> None:
    """``asyncio.gather`` of calls on one client works as in 2.x; with ``enable_logging`` the
    runtime logs each call, with the credentials redacted."""
    # Plain resources: sampled ones carry expanded work schedules that 2.x's models check
    # across fields (a weekly recurrence needs weekDays), which is not what this test is about.
    resources = [{"resourceId": f"tech{n}", "name": f"Tech {n}", "status": "active"} for n in range(3)]
    mock = MockOFS(seed=1, fixture={"workZones": [ZONE], "resources": resources})

    async def call() -> list[Any]:
        async with client(mock, enable_logging=True) as c:
            return await asyncio.gather(
                c.metadata.get_workzone("ALTAMONTE"),
                c.core.get_resources(limit=2),
                c.metadata.get_workzones(),
            )

    with caplog.at_level(logging.DEBUG, logger="ofsc"):
        zone, resources, zones = run(call())
    assert zone.workZoneLabel == "ALTAMONTE" and len(resources.items) == 2 and len(zones.items) == 1
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /rest/ofscMetadata/v1/workZones/ALTAMONTE: 200" in logged
    assert "authorization" in logged.lower()
    assert base64.b64encode(b"cid@acme:s3cr3t").decode() not in logged


def test_v3_and_2x_exception_classes_are_shared_with_the_sync_layer() -> None:
    """``ofsc.async_client`` raises the same classes as ``ofsc.v2`` (one set of 2.x exceptions)."""
    from ofsc import v2

    assert async_client.OFSCNotFoundError is v2.OFSCNotFoundError
    assert issubclass(v2.OFSCServerError, ofsc.InternalServerError)


def test_calls_are_traced(spans: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each attempt of a 2.x async call is an OpenTelemetry span (the retried one too), and
    the trace context travels with the request."""

    async def no_wait(seconds: float) -> None:
        return None

    monkeypatch.setattr("ofsc._base_client._asyncio_sleep", no_wait)
    mock = MockOFS(seed=1, fixture={"workZones": [ZONE]})
    mock.faults.add("/rest/ofscMetadata/v1/workZones/*", status=503, count=1)

    async def call() -> Any:
        async with client(mock) as c:
            return await c.metadata.get_workzone("ALTAMONTE")

    run(call())
    first, second = [s for s in spans.get_finished_spans() if "workZones" in s.name]
    assert first.name == second.name == "GET /rest/ofscMetadata/v1/workZones/ALTAMONTE"
    assert first.attributes["http.response.status_code"] == 503
    assert second.attributes["http.response.status_code"] == 200
    assert mock.calls[-1].headers["traceparent"].split("-")[1] == format(second.context.trace_id, "032x")


def test_a_path_value_stays_one_segment() -> None:
    """A value put in the path is percent-encoded (``/``, and a ``.`` or ``..`` value), so it
    cannot move the request to another path (2.x inserted some values raw)."""
    mock = MockOFS(seed=1)

    async def call() -> None:
        async with client(mock) as c:
            for login in ("..", "a/b"):
                with pytest.raises(OFSCNotFoundError):
                    await c.core.get_user(login)
            with pytest.raises(OFSCNotFoundError):
                await c.metadata.get_workzone("..")

    run(call())
    assert [c.path for c in mock.calls] == [
        "/rest/ofscCore/v1/users/%2E%2E",
        "/rest/ofscCore/v1/users/a%2Fb",
        "/rest/ofscMetadata/v1/workZones/%2E%2E",
    ]


def test_the_2x_submodules_still_import() -> None:
    """``from ofsc.async_client.core import AsyncOFSCore`` (and the other sub-APIs) as in 2.x."""
    from ofsc.async_client.capacity import AsyncOFSCapacity
    from ofsc.async_client.core import AsyncOFSCore
    from ofsc.async_client.metadata import AsyncOFSMetadata
    from ofsc.async_client.oauth import AsyncOFSOauth2
    from ofsc.async_client.statistics import AsyncOFSStatistics

    instance = AsyncOFSC("cid", "acme", "s3cr3t")

    async def sub_apis() -> list[Any]:
        async with instance as c:
            return [c.core, c.metadata, c.capacity, c.statistics, c.oauth2]

    classes = (AsyncOFSCore, AsyncOFSMetadata, AsyncOFSCapacity, AsyncOFSStatistics, AsyncOFSOauth2)
    assert [type(api) for api in run(sub_apis())] == list(classes)
