"""Injected faults, and the record of every request (``mock.faults``, ``mock.calls``)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ofsc import APIConnectionError, InternalServerError
from ofsc.testing import MockOFS, MockRequest

from ..conftest import Call
from .conftest import Wire

ACTIVITIES = "/rest/ofscCore/v1/activities"
USERS = "/rest/ofscCore/v1/users"


def request(method: str, path: str) -> MockRequest:
    return MockRequest(method, path, "", {"authorization": MockOFS().basic_auth}, b"")


async def test_a_burst_of_503s_is_survived_by_retries(make_client: Any, ofsc_mock: MockOFS) -> None:
    ofsc_mock.store.add("activities", {"activityId": 1})
    ofsc_mock.faults.add(path=f"{ACTIVITIES}/*", method="GET", status=503, retry_after=0, count=2)
    call = Call(make_client(max_retries=2))
    assert (await call("core.get_activity", activity_id=1)).activity_id == 1
    assert [c.status for c in ofsc_mock.calls] == [503, 503, 200]


async def test_a_burst_longer_than_the_retries_fails(make_client: Any, ofsc_mock: MockOFS) -> None:
    ofsc_mock.faults.add(status=503, retry_after=0, count=3)
    call = Call(make_client(max_retries=2))
    with pytest.raises(InternalServerError) as raised:
        await call("core.get_users")
    assert raised.value.attempts == 3 and raised.value.detail == "injected fault"


async def test_429_carries_retry_after(wire: Wire) -> None:
    wire.mock.faults.add(status=429, retry_after=1.5, count=1)
    limited = await wire.request("GET", USERS)
    assert (limited.status_code, limited.headers["retry-after"]) == (429, "1.5")
    assert limited.json()["status"] == "429"
    assert (await wire.request("GET", USERS)).status_code == 200


async def test_a_reset_drops_the_connection_without_an_answer(wire: Wire) -> None:
    wire.mock.faults.add(reset=True, count=1)
    with pytest.raises(httpx.TransportError):
        await wire.request("GET", USERS)
    assert wire.mock.calls[-1].status is None
    assert (await wire.request("GET", USERS)).status_code == 200


async def test_a_truncated_body_fails_while_it_is_read(wire: Wire) -> None:
    wire.mock.store.generate("users", 3)
    wire.mock.faults.add(path=USERS, truncate=True, count=1)
    with pytest.raises(httpx.TransportError):
        await wire.request("GET", USERS)
    assert len((await wire.request("GET", USERS)).json()["items"]) == 3


async def test_a_client_reports_a_reset_it_cannot_retry(make_client: Any, ofsc_mock: MockOFS) -> None:
    ofsc_mock.faults.add(reset=True)
    call = Call(make_client(max_retries=0))
    with pytest.raises(APIConnectionError):
        await call("core.get_users")


def test_rules_match_by_path_glob_and_method() -> None:
    mock = MockOFS()
    rule = mock.faults.add(path=f"{ACTIVITIES}/*", method="get", status=500)
    statuses = [
        mock.handle(request(method, path)).status
        for method, path in [
            ("GET", f"{ACTIVITIES}/1"),
            ("DELETE", f"{ACTIVITIES}/1"),
            ("GET", USERS),
            ("GET", f"{ACTIVITIES}/1/linkedActivities"),
        ]
    ]
    assert statuses == [500, 404, 200, 500] and rule.fired == 2


def test_a_counted_rule_runs_out_and_clear_removes_the_rest() -> None:
    mock = MockOFS()
    mock.faults.add(status=502, count=1)
    mock.faults.add(status=504)
    assert [mock.handle(request("GET", USERS)).status for _ in range(3)] == [502, 504, 504]
    mock.faults.clear()
    assert mock.handle(request("GET", USERS)).status == 200


def test_latency_is_added_up_and_left_to_the_wire() -> None:
    mock = MockOFS()
    mock.faults.add(latency=0.2)
    mock.faults.add(path=USERS, latency=0.1, status=503)
    reply = mock.handle(request("GET", USERS))
    assert (reply.status, reply.delay) == (503, pytest.approx(0.3))


def test_rate_based_faults_are_reproducible_per_seed() -> None:
    def pattern(seed: int) -> list[int]:
        mock = MockOFS(seed=seed)
        mock.faults.add(status=503, rate=0.5)
        return [mock.handle(request("GET", USERS)).status for _ in range(40)]

    assert pattern(3) == pattern(3)
    assert pattern(3) != pattern(4)
    assert {503, 200} == set(pattern(3))


def test_a_fault_needs_an_effect() -> None:
    mock = MockOFS()
    with pytest.raises(ValueError, match="needs status="):
        mock.faults.add(path=USERS)
    with pytest.raises(ValueError, match="one of"):
        mock.faults.add(status=503, reset=True)


async def test_every_request_is_recorded(wire: Wire) -> None:
    wire.mock.faults.add(status=503, count=1)
    await wire.request("GET", USERS, params={"limit": "5"})
    await wire.request("POST", ACTIVITIES, json={"activityType": "install", "resourceId": "tech1"})
    first, second = wire.mock.calls
    assert (first.method, first.path, first.query, first.status) == ("GET", USERS, {"limit": "5"}, 503)
    assert first.headers["authorization"] == wire.mock.basic_auth
    assert (second.operation, second.status) == ("create_activity", 201)
    assert second.json() == {"activityType": "install", "resourceId": "tech1"}
