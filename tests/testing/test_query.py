"""OFS filter expressions (``q``), as the mock's activity search applies them."""

from __future__ import annotations

from typing import Any

import pytest

from ofsc import BadRequestError
from ofsc.testing import MockOFS
from ofsc.testing._query import QuerySyntaxError, parse

ACTIVITY = {
    "activityId": 5,
    "status": "pending",
    "activityType": "IN",
    "duration": 90,
    "customerName": "John.Smith",
    "date": "2015-06-03",
    "address": {"city": "Lyon"},
    "slaWindowEnd": "2016-10-22 10:00:00",
    "note": "it's ~ here",
}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("status == 'pending'", True),
        ("status=='PENDING'", True),  # strings compare without case
        ("status != 'pending'", False),
        ("duration > 60 and duration <= 90", True),
        ("duration > '60'", True),  # an integer-looking string compares as a number
        ("activityId == '5'", True),
        ("activityId < 10", True),
        ("date > '2015-06-02'", True),
        ("customerName == 'john.smith'", True),
        ("activityType in ['IN', 'TC']", True),
        ("activityType IN ['BR']", False),
        ("not (activityType in ['IN','TC','BR'])", False),
        ("not status == 'done'", True),
        ("unset == ''", True),  # a field that is not set is the empty string
        ("address.city == 'LYON'", True),
        ("note == 'it~'s ~~ here'", True),  # ~ escapes
        ("status == 'done' or duration < 0 or activityId in [1, 5]", True),
        ("status == 'done' and duration > 0 or activityId == 5", True),  # left to right
        ("status == 'done' and (duration > 0 or activityId == 5)", False),
        ("status == 'pending' AND slaWindowEnd < '2016-10-23'", True),
        ("duration >= -1", True),
    ],
)
def test_an_expression_matches_as_ofs_documents(expression: str, expected: bool) -> None:
    assert parse(expression)(ACTIVITY) is expected


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("'Install' == activityType", "expected a field name, found \"'Install'\" at position 0"),
        ("status == type", "expected a string or an integer, found 'type' at position 10"),
        ("1 == 1", "expected a field name"),
        ("status in []", "expected a string or an integer, found ']'"),
        ("status in ['a', 1]", "only strings or only integers"),
        ("status in 'a'", "expected '['"),
        ("status == 'a' type == 'b'", "unexpected 'type' at position 14"),
        ("(status == 'a'", "expected ')', found the end"),
        ("status ==", "found the end"),
        ("duration == 012", "unexpected '012'"),
        ("duration = 1", "unexpected '= 1'"),
        ("duration == 1.5", "unexpected '1.5'"),
        ("status == 'open", 'unexpected "\'open"'),
    ],
)
def test_a_malformed_expression_says_what_and_where(expression: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as raised:
        parse(expression)
    assert message in str(raised.value)


def test_the_activity_search_applies_q_and_answers_400_to_a_malformed_one() -> None:
    mock = MockOFS()
    for activity_id, status in ((1, "pending"), (2, "started"), (3, "pending")):
        mock.store.add("activities", {"activityId": activity_id, "status": status, "resourceId": "t1"})
    client = mock.client()

    def ids(q: str, **query: Any) -> list[int]:
        return [a.activity_id for a in client.core.get_activities(resources=["t1"], q=q, **query).items]

    assert ids("status == 'pending'") == [1, 3]
    assert ids("status in ['started'] or activityId == 3") == [2, 3]
    with pytest.raises(BadRequestError) as raised:
        ids("status = 'pending'")
    assert raised.value.status_code == 400 and "q: unexpected" in (raised.value.detail or "")
