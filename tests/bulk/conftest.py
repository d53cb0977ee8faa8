"""Plumbing for the tests of extracts and bulk updates: a mock OFS filled quickly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from ofsc.testing import MockOFS

START = dt.date(2025, 1, 1)


def seed_activities(
    mock: MockOFS, count: int, days: int, resources: int = 40, start: dt.date = START
) -> None:
    """``count`` activities spread over ``days`` days from ``start`` and ``resources`` resources.

    Written straight into the store's collection: storing 50,000 objects one by one (each
    completed from its schema) would take longer than the tests that read them."""
    collection = mock.store.collection("activities")
    dates = [(start + dt.timedelta(days=day)).isoformat() for day in range(days)]
    for activity_id in range(1, count + 1):
        collection.objects[str(activity_id)] = {
            "activityId": activity_id,
            "resourceId": f"tech{activity_id % resources}",
            "date": dates[activity_id % days],
            "status": "pending",
            "activityType": "install",
        }
    collection.note_id(str(count))


@pytest.fixture
def mock() -> MockOFS:
    return MockOFS(seed=3)


@pytest.fixture
def seed(mock: MockOFS) -> Callable[..., None]:
    """``seed(count, days, ...)``: fill ``mock`` with activities (see :func:`seed_activities`)."""
    return lambda count, days, **options: seed_activities(mock, count, days, **options)
