"""client.extract: every item of a large list exactly once, within OFS's published limits."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from ofsc import InternalServerError, RequestValidationError
from ofsc.bulk import MAX_RANGE_DAYS, Progress, date_windows
from ofsc.testing import MockOFS

ACTIVITIES = "/rest/ofscCore/v1/activities"


def activity_calls(mock: MockOFS) -> list[Any]:
    return [call for call in mock.calls if call.operation == "get_activities"]


def test_a_90_day_extract_of_50000_activities_is_complete_within_the_limits(mock: MockOFS, seed: Any) -> None:
    """Every activity of 90 days comes exactly once; the mock, enforcing OFS's limits (31
    days, 3 requests at once, answers cut short with hasMore), refused nothing."""
    seed(50_000, 90)
    mock.limits.answer_size["get_activities"] = 1500  # OFS cuts answers at 20 MB or 30 s
    mock.faults.add(path=ACTIVITIES, latency=0.01)  # requests overlap in time
    with mock.client(max_retries=0) as client:
        ids = [activity.activity_id for activity in client.extract.activities("2025-01-01", "2025-03-31")]

    assert len(ids) == 50_000 and set(ids) == set(range(1, 50_001))
    assert mock.limits.rejected == []
    assert mock.limits.peak["get_activities"] <= 3
    assert mock.limits.widest_range <= MAX_RANGE_DAYS
    calls = activity_calls(mock)
    assert all(call.status == 200 for call in calls)
    assert len(calls) > 50_000 // 1500  # cut answers were followed from where they stopped


async def test_the_async_extract_yields_typed_activities_once(mock: MockOFS, seed: Any) -> None:
    """``async for`` over an AsyncOFSC extract: typed activities, each once, within the limits."""
    seed(6000, 70)
    mock.limits.answer_size["get_activities"] = 400
    mock.faults.add(path=ACTIVITIES, latency=0.01)
    async with mock.async_client(max_retries=0) as client:
        got = [activity async for activity in client.extract.activities("2025-01-01", "2025-03-11")]

    assert type(got[0]).__name__ == "Activity"
    assert Counter(a.activity_id for a in got) == Counter(range(1, 6001))
    assert mock.limits.rejected == [] and mock.limits.peak["get_activities"] <= 3


async def test_extracts_of_one_client_share_the_operations_cap(mock: MockOFS, seed: Any) -> None:
    """Two extracts running at once on one client together stay within get_activities' cap of 3."""
    seed(3000, 60)
    mock.limits.answer_size["get_activities"] = 100
    mock.faults.add(path=ACTIVITIES, latency=0.02)
    async with mock.async_client(max_retries=0) as client:

        async def ids(date_from: str, date_to: str) -> list[int]:
            return [a.activity_id async for a in client.extract.activities(date_from, date_to)]

        first, second = await asyncio.gather(ids("2025-01-01", "2025-01-30"), ids("2025-01-31", "2025-03-01"))

    assert sorted(first + second) == list(range(1, 3001))
    assert mock.limits.rejected == [] and mock.limits.peak["get_activities"] <= 3


def test_a_lowered_cap_is_kept(mock: MockOFS, seed: Any) -> None:
    """``client.extract.limits.set(operation, n)`` keeps that operation to n requests at once."""
    seed(2000, 40)
    mock.limits.answer_size["get_activities"] = 100
    mock.faults.add(path=ACTIVITIES, latency=0.02)
    with mock.client(max_retries=0) as client:
        client.extract.limits.set("get_activities", 1)
        ids = [a.activity_id for a in client.extract.activities("2025-01-01", "2025-02-09")]

    assert sorted(ids) == list(range(1, 2001))
    assert mock.limits.peak["get_activities"] == 1


def test_a_cap_above_the_published_one_is_refused(mock: MockOFS) -> None:
    """OFS rejects a fourth concurrent get_activities: the SDK will not be told to send one."""
    from ofsc import ConfigError

    with mock.client() as client, pytest.raises(ConfigError, match="at most 3"):
        client.extract.limits.set("get_activities", 4)


def test_windows_never_exceed_31_days_and_cover_the_range() -> None:
    """Windows are contiguous, cover the range, span at most 31 days, and are at least as many as asked."""
    start = dt.date(2025, 1, 1)
    for days in (1, 2, 30, 31, 32, 62, 63, 90, 365):
        end = start + dt.timedelta(days=days - 1)
        windows = date_windows(start, end, at_least=3)
        assert windows[0][0] == start and windows[-1][1] == end
        assert all((high - low).days + 1 <= MAX_RANGE_DAYS for low, high in windows)
        assert all(b[0] == a[1] + dt.timedelta(days=1) for a, b in itertools.pairwise(windows))
        assert len(windows) >= min(3, days)


def test_bad_arguments_fail_before_anything_is_sent(mock: MockOFS) -> None:
    """A reversed range or an impossible window is a RequestValidationError naming the argument; nothing is sent."""
    with mock.client() as client:
        with pytest.raises(RequestValidationError, match="date_to"):
            client.extract.activities("2025-02-01", "2025-01-01")
        with pytest.raises(RequestValidationError, match="window_days"):
            client.extract.activities("2025-01-01", "2025-02-01", window_days=40)
        with pytest.raises(RequestValidationError, match="date_from"):
            client.extract.activities("January", "2025-02-01")
    assert mock.calls == []


def test_resources_are_sent_in_groups_and_each_activity_once(mock: MockOFS, seed: Any) -> None:
    """A long resource list is split into groups of resources_per_request; each activity comes once."""
    seed(1200, 10, resources=120)
    resources = [f"tech{n}" for n in range(120)]
    with mock.client() as client:
        ids = [a.activity_id for a in client.extract.activities(
            "2025-01-01", "2025-01-10", resources=resources, resources_per_request=50)]  # fmt: skip

    assert Counter(ids) == Counter(range(1, 1201))
    sent = [parse_qs(call.query.get("resources", "")) for call in activity_calls(mock)]
    assert sent and all(len(call.query["resources"].split(",")) <= 50 for call in activity_calls(mock))
    assert len(sent) >= 3


def test_an_activity_every_window_returns_comes_once(mock: MockOFS, seed: Any) -> None:
    """Non-scheduled activities, which OFS returns for every window, are handed out once."""
    seed(300, 60)
    mock.store.collection("activities").objects["9999"] = {"activityId": 9999, "resourceId": "tech1",
                                                             "status": "pending", "activityType": "install"}  # fmt: skip
    with mock.client() as client:
        ids = [
            a.activity_id
            for a in client.extract.activities("2025-01-01", "2025-03-01", include_non_scheduled=True)
        ]

    assert Counter(ids) == Counter([*range(1, 301), 9999])


def test_fields_always_include_the_id(mock: MockOFS, seed: Any) -> None:
    """Asking only for status still gets activityId, without which items could not be told apart."""
    seed(50, 5)
    with mock.client() as client:
        got = list(client.extract.activities("2025-01-01", "2025-01-05", fields=["status"]))

    assert {a.activity_id for a in got} == set(range(1, 51)) and got[0].status == "pending"
    assert activity_calls(mock)[0].query["fields"] == "activityId,status"


def test_an_interrupted_extract_resumes_where_it_stopped(mock: MockOFS, seed: Any, tmp_path: Path) -> None:
    """A failed extract leaves a checkpoint; the same call with it hands out only the
    activities not taken before: together, every activity exactly once. The file goes when done."""
    seed(5000, 60)
    mock.limits.answer_size["get_activities"] = 300
    checkpoint = tmp_path / "extract.ckpt"
    first: list[int] = []
    with mock.client(max_retries=0) as client:
        with pytest.raises(InternalServerError):
            for activity in client.extract.activities("2025-01-01", "2025-03-01", checkpoint=checkpoint):
                first.append(activity.activity_id)
                if len(first) == 1000:  # from now on OFS fails
                    mock.faults.add(path=ACTIVITIES, status=500)
        assert checkpoint.exists() and 1000 <= len(first) < 5000
        mock.faults.clear()
        second = [
            a.activity_id
            for a in client.extract.activities("2025-01-01", "2025-03-01", checkpoint=checkpoint)
        ]

    assert Counter(first + second) == Counter(range(1, 5001))
    assert not checkpoint.exists()


async def test_an_extract_stopped_by_its_consumer_resumes_after_the_last_item_taken(
    mock: MockOFS, seed: Any, tmp_path: Path
) -> None:
    """Breaking out mid-page records the items taken (an item counts once the next is asked
    for): the resumed extract starts right after them, also for the async client."""
    seed(2000, 40)
    mock.limits.answer_size["get_activities"] = 250
    checkpoint = tmp_path / "extract.ckpt"
    first: list[int] = []
    async with mock.async_client() as client:
        extraction = client.extract.activities("2025-01-01", "2025-02-09", checkpoint=checkpoint)
        iterator = aiter(extraction)
        async for activity in iterator:
            if len(first) == 777:
                break  # the 778th is not used: it has not been taken
            first.append(activity.activity_id)
        await iterator.aclose()  # type: ignore[attr-defined]
        second = [
            a.activity_id
            async for a in client.extract.activities("2025-01-01", "2025-02-09", checkpoint=checkpoint)
        ]

    assert Counter(first + second) == Counter(range(1, 2001))


def test_a_checkpoint_of_another_extract_is_refused(mock: MockOFS, tmp_path: Path) -> None:
    """A checkpoint written for other arguments is a RequestValidationError, not a silent mix."""
    checkpoint = tmp_path / "extract.ckpt"
    checkpoint.write_text(json.dumps({"version": 1, "extract": {"operation": "get_activities"}, "parts": {}}))
    with mock.client() as client, pytest.raises(RequestValidationError, match="another extract"):
        list(client.extract.activities("2025-01-01", "2025-01-31", checkpoint=checkpoint))
    assert mock.calls == []


def test_progress_is_reported_after_each_answer(mock: MockOFS, seed: Any) -> None:
    """on_progress gets a Progress after each answer; the last one counts every activity and part."""
    seed(900, 30)
    mock.limits.answer_size["get_activities"] = 100
    seen: list[Progress] = []
    with mock.client() as client:
        count = sum(1 for _ in client.extract.activities("2025-01-01", "2025-01-30", on_progress=seen.append))

    assert count == 900 and len(seen) == len(activity_calls(mock))
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert seen[-1].done == 900 and seen[-1].parts_done == seen[-1].parts == 3


def test_every_resource_and_user_once(mock: MockOFS) -> None:
    """The other large lists: every resource and every user, once, through their paging."""
    mock.store.generate("resources", 250)
    mock.store.generate("users", 130)
    with mock.client() as client:
        resources = [r.resource_id for r in client.extract.resources(page_size=40, fields=["name"])]
        users = [u.login for u in client.extract.users(page_size=50)]

    assert sorted(resources) == sorted(r["resourceId"] for r in mock.store.items("resources"))
    assert sorted(users) == sorted(u["login"] for u in mock.store.items("users"))


def test_the_sync_extract_refuses_async_for_and_the_reverse(mock: MockOFS) -> None:
    """Iterating an extract the wrong way is a TypeError that says which way is right."""
    with mock.client() as client, pytest.raises(TypeError, match="for"):
        aiter(client.extract.activities("2025-01-01", "2025-01-02"))  # type: ignore[call-overload]


def test_with_options_copies_share_the_limits(mock: MockOFS) -> None:
    """A with_options copy takes slots from the same limiter as its original."""
    with mock.client() as client:
        copy = client.with_options(timeout=5.0)
        client.extract.limits.set("get_activities", 2)
        assert copy.extract.limits is client.extract.limits is client.bulk.limits
        assert copy.extract.limits.cap("get_activities") == 2


def test_last_known_positions_come_through_their_paging(mock: MockOFS) -> None:
    """Every position the (sampled) answer holds comes out, typed; the request names no resources."""
    with mock.client() as client:
        positions = list(client.extract.last_known_positions())
    calls = [call for call in mock.calls if call.operation == "get_last_known_positions"]
    assert positions and type(positions[0]).__name__.startswith("LastKnown")
    assert len(calls) == 1 and "resources" not in calls[0].query
