"""The mock's Events API: writes publish the matching events, and OFS's rules (36-hour
expiry, 100 subscriptions, 7-day retention, cursors, ``since``) hold on the mock's clock."""

from __future__ import annotations

from typing import Any

import pytest

from ofsc import OFSC, NotFoundError
from ofsc.testing import MockOFS
from ofsc.testing._events import RETENTION, SUBSCRIPTION_LIFETIME, SUBSCRIPTION_LIMIT

ALL = ["activityCreated", "activityUpdated", "activityMoved", "activityStarted", "activityCompleted",
       "activityCanceled", "activityDeleted", "resourceCreated", "resourceUpdated", "userCreated",
       "userUpdated", "userDeleted"]  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = 1_780_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def mock(clock: Clock) -> MockOFS:
    return MockOFS(clock=clock)


@pytest.fixture
def client(mock: MockOFS) -> OFSC:
    return mock.client(max_retries=0)


def read_all(client: OFSC, subscription_id: str, page: str | None) -> tuple[list[dict[str, Any]], str | None]:
    events: list[dict[str, Any]] = []
    while True:
        answer = client.core.get_events(subscription_id=subscription_id, page=page, limit=2)
        page = answer.next_page
        if not answer.items:
            return events, page
        events += [e.to_api() for e in answer.items]


def test_writes_through_the_api_publish_the_matching_events(mock: MockOFS, client: OFSC) -> None:
    """Creating, updating, moving, starting, completing and deleting an activity, and
    creating or changing resources and users, each publish their event, with the object's
    key details and the changed fields."""
    created = client.core.create_subscription(
        body={"subscriptionConfig": [{"events": ALL}], "subscriptionTitle": "t"}
    )
    client.core.create_activity(body={"activityType": "install", "resourceId": "tech1", "date": "2025-06-25"})
    client.core.update_activity(activity_id=1, body={"customerName": "Jane Roe"})
    client.core.update_activity(activity_id=1, body={"resourceId": "tech2"})
    client.core.start_activity(activity_id=1, body={})
    client.core.complete_activity(activity_id=1, body={})
    client.core.delete_activity(activity_id=1)
    mock.store.add("resources", {"resourceId": "tech9", "name": "Nine"})
    mock.store.add("resources", {"resourceId": "tech9", "name": "Nine Renamed"})
    mock.store.add("users", {"login": "jdoe", "name": "Jane"})
    mock.store.add("users", {"login": "jdoe", "name": "Jane Doe"})
    mock.store.remove("users", "jdoe")

    events, _ = read_all(client, created.subscription_id or "", created.next_page)
    assert [e["eventType"] for e in events] == [
        "activityCreated", "activityUpdated", "activityMoved", "activityStarted", "activityCompleted",
        "activityDeleted", "resourceCreated", "resourceUpdated", "userCreated", "userUpdated", "userDeleted",
    ]  # fmt: skip
    assert events[1]["activityChanges"] == {"customerName": "Jane Roe"}
    assert events[2]["activityDetails"]["resourceId"] == "tech2" and "moveDetails" in events[2]
    assert events[4]["activityDetails"]["status"] == "completed"
    assert events[7]["resourceChanges"] == {"name": "Nine Renamed"}
    assert events[10]["userDetails"]["login"] == "jdoe"
    assert all(e["time"] == "2026-05-28 20:26:40" and e["user"] == "admin" for e in events)


def test_a_subscription_gets_only_its_types_from_its_creation_on(mock: MockOFS, client: OFSC) -> None:
    """Only the subscribed event types are returned, and only events after the subscription
    was made; an empty read keeps the cursor usable (nextPage), 'lastRequested' repeats."""
    mock.events.emit("activityCreated", activityDetails={"activityId": 0})
    created = client.core.create_subscription(body={"subscriptionConfig": [{"events": ["activityCreated"]}]})
    mock.events.emit("activityUpdated", activityDetails={"activityId": 1})
    mock.events.emit("activityCreated", activityDetails={"activityId": 2})
    sid = created.subscription_id or ""
    first = client.core.get_events(subscription_id=sid)
    assert [e.activity_details.activity_id for e in first.items or [] if e.activity_details] == [2]
    assert first.found is True
    again = client.core.get_events(subscription_id=sid, page="lastRequested")
    assert again.next_page == first.next_page
    empty = client.core.get_events(subscription_id=sid, page=first.next_page)
    assert empty.items == [] and empty.found is False and empty.next_page == first.next_page


def test_subscriptions_expire_36_hours_after_their_last_read(
    mock: MockOFS, client: OFSC, clock: Clock
) -> None:
    """A read keeps a subscription alive; 36 hours without one and it answers 404 and is no
    longer listed."""
    sid = mock.events.subscribe(["activityCreated"], title="kept")
    other = mock.events.subscribe(["activityUpdated"], title="forgotten")
    clock.now += SUBSCRIPTION_LIFETIME - 10
    client.core.get_events(subscription_id=sid)
    clock.now += 20
    listed = client.core.get_subscriptions()
    assert [s.subscription_id for s in listed.items or []] == [sid] and listed.total_results == 1
    with pytest.raises(NotFoundError):
        client.core.get_events(subscription_id=other)


def test_at_most_100_subscriptions_and_a_duplicate_is_the_same_one(mock: MockOFS, client: OFSC) -> None:
    """The 101st subscription is refused with 503 "Too many subscriptions registered. Found
    100."; creating one with the same configuration and title returns the existing id."""
    ids = [mock.events.subscribe(["activityCreated"], title=f"s{n}") for n in range(SUBSCRIPTION_LIMIT)]
    again = client.core.create_subscription(body={"subscriptionConfig": [{"events": ["activityCreated"]}],
                                                  "subscriptionTitle": "s7"})  # fmt: skip
    assert again.subscription_id == ids[7]
    with pytest.raises(Exception) as refused:
        client.core.create_subscription(body={"subscriptionConfig": [{"events": ["activityCreated"]}]})
    assert getattr(refused.value, "status_code", None) == 503
    assert "Too many subscriptions registered. Found 100." in str(refused.value)
    client.core.delete_subscription(subscription_id=ids[0])
    assert client.core.create_subscription(body={"subscriptionConfig": [{"events": ["activityCreated"]}]})


def test_events_are_kept_seven_days(mock: MockOFS, client: OFSC, clock: Clock) -> None:
    """Events older than 7 days are dropped; a cursor pointing at them reads from the oldest kept."""
    sid = mock.events.subscribe(["activityCreated"])
    start = client.core.get_events(subscription_id=sid).next_page
    mock.events.emit("activityCreated", activityDetails={"activityId": 1})
    for day in range(7):  # read daily, so that the subscription stays alive
        clock.now += RETENTION / 7
        if day == 3:
            mock.events.emit("activityCreated", activityDetails={"activityId": 2})
        client.core.get_events(subscription_id=sid, page=start, limit=1)
    clock.now += 1
    events, _ = read_all(client, sid, start)
    assert [e["activityDetails"]["activityId"] for e in events] == [2]


def test_since_answers_the_cursor_of_the_first_later_event(mock: MockOFS, client: OFSC, clock: Clock) -> None:
    """A read with since returns no events, only the nextPage of the first event after that
    second; a malformed since is a 400."""
    sid = mock.events.subscribe(["activityCreated"])
    mock.events.emit("activityCreated", activityDetails={"activityId": 1})
    clock.now += 5
    mock.events.emit("activityCreated", activityDetails={"activityId": 2})
    answer = client.core.get_events(subscription_id=sid, since="2026-05-28 20:26:41")
    assert answer.items == [] and answer.next_page
    events, _ = read_all(client, sid, answer.next_page)
    assert [e["activityDetails"]["activityId"] for e in events] == [2]
    with pytest.raises(Exception, match="since"):
        client.core.get_events(subscription_id=sid, since="yesterday")
