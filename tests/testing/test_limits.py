"""MockOFS enforces OFS's published limits (``mock.limits``) as OFS answers them."""

from __future__ import annotations

import asyncio

import pytest

from ofsc import BadRequestError, RateLimitError
from ofsc.testing import MockOFS

ACTIVITIES = "/rest/ofscCore/v1/activities"


def test_a_range_over_31_days_is_a_400() -> None:
    """get_activities over 32 days answers 400 naming the range; 31 days is accepted."""
    mock = MockOFS()
    with mock.client(max_retries=0) as client:
        client.core.get_activities(date_from="2025-01-01", date_to="2025-01-31")
        with pytest.raises(BadRequestError, match="32 days"):
            client.core.get_activities(date_from="2025-01-01", date_to="2025-02-01")
    assert mock.limits.widest_range == 32 and mock.limits.rejected == [("get_activities", 400)]


async def test_a_fourth_concurrent_get_activities_is_a_429() -> None:
    """A request beyond get_activities' cap of 3 in flight answers 429; the first three succeed."""
    mock = MockOFS()
    mock.faults.add(path=ACTIVITIES, latency=0.2)
    async with mock.async_client(max_retries=0) as client:
        results = await asyncio.gather(
            *(client.core.get_activities(date_from="2025-01-01", date_to="2025-01-02") for _ in range(4)),
            return_exceptions=True,
        )
    assert sum(isinstance(r, RateLimitError) for r in results) == 1
    assert mock.limits.peak["get_activities"] == 3


async def test_last_known_positions_are_capped_only_without_resources() -> None:
    """OFS caps get_last_known_positions at 3 at once only when no resources are named."""
    mock = MockOFS()
    mock.faults.add(latency=0.2)
    async with mock.async_client(max_retries=0) as client:
        named = await asyncio.gather(
            *(client.core.get_last_known_positions(resources=["t1"]) for _ in range(5))
        )
        unnamed = await asyncio.gather(*(client.core.get_last_known_positions() for _ in range(4)),
                                       return_exceptions=True)  # fmt: skip
    assert len(named) == 5
    assert sum(isinstance(r, RateLimitError) for r in unnamed) == 1


def test_answers_are_cut_at_the_configured_size_with_has_more() -> None:
    """answer_size cuts an answer short and sets hasMore, as OFS does near 20 MB or 30 s."""
    mock = MockOFS()
    for n in range(1, 11):
        mock.store.add("activities", {"activityId": n, "date": "2025-01-01", "resourceId": "t"})
    mock.limits.answer_size["get_activities"] = 4
    with mock.client() as client:
        page = client.core.get_activities(date_from="2025-01-01", date_to="2025-01-01", limit=100)
        last = client.core.get_activities(date_from="2025-01-01", date_to="2025-01-01", limit=100, offset=8)
    assert [a.activity_id for a in page.items or []] == [1, 2, 3, 4] and page.has_more is True
    assert len(last.items or []) == 2 and last.has_more is False


def test_enforce_false_turns_every_check_off() -> None:
    """With limits.enforce = False the mock answers as before the limits existed."""
    mock = MockOFS()
    mock.limits.enforce = False
    with mock.client(max_retries=0) as client:
        client.core.get_activities(date_from="2025-01-01", date_to="2025-06-30")
    assert mock.limits.rejected == []


def test_bulk_answers_have_one_result_per_item_in_order() -> None:
    """A bulk update answers 200 with a result per item, in order; failed ones as OFS reports them."""
    mock = MockOFS()
    mock.limits.bulk_failure_rate = 0.5
    body = {"updateParameters": {"ifInFinalStatusThen": "doNothing"},
            "activities": [{"activityId": n} for n in range(1, 21)]}  # fmt: skip
    with mock.client() as client:
        answer = client.raw(client.core.bulk_update, body=body).json()
    results = answer["results"]
    assert [r["activityKeys"]["activityId"] for r in results] == list(range(1, 21))  # integers, as OFS sends
    failed = [int(r["activityKeys"]["activityId"]) for r in results if r.get("errors")]
    assert failed == [int(key) for _, key in mock.limits.failed_items] and 0 < len(failed) < 20
