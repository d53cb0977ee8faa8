"""Operations whose request body may be omitted are called without one."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import respx

from ofsc import OFSC, AsyncOFSC, RequestValidationError

BASE = "https://acme.fs.ocs.oraclecloud.com"
CREDENTIALS: dict[str, Any] = {
    "instance": "acme",
    "client_id": "cid",
    "client_secret": "s3cr3t",
    "max_retries": 0,
}


@pytest.fixture(params=["sync", "async"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[OFSC | AsyncOFSC]:
    if request.param == "sync":
        with OFSC(**CREDENTIALS) as sync_client:
            yield sync_client
    else:
        async with AsyncOFSC(**CREDENTIALS, transport=httpx.AsyncHTTPTransport()) as async_client:
            yield async_client


async def test_start_activity_needs_no_body(client: OFSC | AsyncOFSC) -> None:
    """The promise: client.core.start_activity(activity_id=1) sends the action with no body
    (its fields all have defaults); a body, when given, is sent."""
    with respx.mock(base_url=BASE) as router:
        route = router.post("/rest/ofscCore/v1/activities/1/custom-actions/start").mock(
            return_value=httpx.Response(200, json={"activityId": 1, "status": "started"})
        )
        result = client.core.start_activity(activity_id=1)
        result = await result if inspect.isawaitable(result) else result
        assert result.status == "started"
        assert route.calls.last.request.content == b""
        assert "content-type" not in route.calls.last.request.headers
        sent = client.core.start_activity(activity_id=1, body={"time": "2025-10-20 08:00:00"})
        await sent if inspect.isawaitable(sent) else sent
        assert route.calls.last.request.content == b'{"time":"2025-10-20 08:00:00"}'


async def test_a_required_body_is_still_required(client: OFSC | AsyncOFSC) -> None:
    """A body the overlay keeps required (moving an activity says where to) is refused
    before any request when missing."""
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        route = router.route().mock(return_value=httpx.Response(204))
        with pytest.raises(RequestValidationError, match="body"):
            result = client.core.move_activity(activity_id=1, body=None)  # type: ignore[arg-type]
            await result if inspect.isawaitable(result) else result
        assert not route.called
