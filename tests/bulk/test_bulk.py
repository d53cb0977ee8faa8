"""client.bulk: items packed under 5 MB, sent concurrently, every item's outcome reported."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ofsc import RequestValidationError
from ofsc.bulk import MAX_REQUEST_BYTES, BulkReport, Progress
from ofsc.bulk._bulk_plan import KINDS, BulkJob, BulkPlan, Pack
from ofsc.testing import MockOFS

BULK = "/rest/ofscCore/v1/activities/custom-actions/bulkUpdate"


def activities(count: int, start: int = 1, note: str = "") -> list[dict[str, Any]]:
    return [{"activityId": n, "customerName": f"customer {n}{note}", "activityType": "install"}
            for n in range(start, start + count)]  # fmt: skip


def bulk_calls(mock: MockOFS, path: str = BULK) -> list[Any]:
    return [call for call in mock.calls if call.path == path]


def test_20000_updates_with_2_percent_failing_report_exactly_those(mock: MockOFS) -> None:
    """Of 20,000 activity updates, the report fails exactly the items OFS failed, with OFS's
    reason, and every other item is ok; no request carried more than 5 MB."""
    mock.limits.bulk_failure_rate = 0.02
    items = activities(20_000, note=" " + "x" * 300)
    with mock.client() as client:
        report = client.bulk.update_activities(items, max_bytes=2_000_000)

    failed_by_ofs = {int(key) for _, key in mock.limits.failed_items}
    assert 300 < len(failed_by_ofs) < 500
    assert len(report.outcomes) == 20_000
    assert [o.index for o in report.outcomes] == list(range(20_000))
    assert {o.item["activityId"] for o in report.failed} == failed_by_ofs
    assert all(o.reason == "injected item failure" for o in report.failed)
    assert len(report.ok) == 20_000 - len(failed_by_ofs)
    calls = bulk_calls(mock)
    assert len(calls) == report.requests >= 4  # 6 MB of items: several requests
    assert all(len(call.body) <= 2_000_000 for call in calls) and mock.limits.rejected == []
    assert sorted(a["activityId"] for call in calls for a in call.json()["activities"]) == list(
        range(1, 20_001)
    )


def test_retrying_the_failed_items_is_one_call(mock: MockOFS) -> None:
    """client.bulk.retry(report) sends only the failed items, with the same parameters."""
    mock.limits.bulk_failure_rate = 0.1
    with mock.client() as client:
        report = client.bulk.update_activities(
            activities(500), parameters={"ifInFinalStatusThen": "updateExisting"}
        )
        mock.limits.bulk_failure_rate = 0.0
        retried = client.bulk.retry(report)

    assert retried.failed == [] and retried.failed_items == []
    assert [o.item for o in retried.outcomes] == report.failed_items
    last = bulk_calls(mock)[-1].json()
    assert [a["activityId"] for a in last["activities"]] == [i["activityId"] for i in report.failed_items]
    assert last["updateParameters"] == {"ifInFinalStatusThen": "updateExisting"}


async def test_the_async_client_reports_the_same(mock: MockOFS) -> None:
    """AsyncOFSC's client.bulk is awaited and gives the same report."""
    mock.limits.bulk_failure_rate = 0.05
    async with mock.async_client() as client:
        report = await client.bulk.update_activities(activities(3000), max_items=200)

    assert isinstance(report, BulkReport) and len(report.outcomes) == 3000
    assert {o.item["activityId"] for o in report.failed} == {int(k) for _, k in mock.limits.failed_items}
    assert report.requests == 15


def test_an_invalid_item_fails_alone_before_anything_is_sent(mock: MockOFS) -> None:
    """An item that does not fit the item schema fails with the reason; the others are sent."""
    items = [*activities(3), {"activityId": "not a number"}]
    with mock.client() as client:
        report = client.bulk.update_activities(items)

    assert [o.status for o in report.outcomes] == ["ok", "ok", "ok", "failed"]
    assert "invalid item, not sent" in (report.failed[0].reason or "")
    assert [a["activityId"] for a in bulk_calls(mock)[0].json()["activities"]] == [1, 2, 3]


def test_an_item_larger_than_a_request_may_be_fails_alone(mock: MockOFS) -> None:
    """An item that alone exceeds max_bytes is failed, never sent; the rest are packed."""
    items = [*activities(2), {"activityId": 99, "customerName": "y" * 5000}]
    with mock.client() as client:
        report = client.bulk.update_activities(items, max_bytes=4000)

    assert report.outcomes[2].status == "failed" and "more than 4,000" in (report.outcomes[2].reason or "")
    assert [o.status for o in report.outcomes[:2]] == ["ok", "ok"]
    assert all(len(call.body) <= 4000 for call in bulk_calls(mock))


def test_a_request_ofs_finds_too_large_is_split_and_sent_again(mock: MockOFS) -> None:
    """A 413 from OFS (which counts bytes its own way) splits the request in two; nothing fails."""
    mock.faults.add(path=BULK, status=413, count=1)
    with mock.client() as client:
        report = client.bulk.update_activities(activities(100))

    assert report.failed == [] and len(report.ok) == 100
    assert [len(call.json()["activities"]) for call in bulk_calls(mock)] == [100, 50, 50]


def test_a_failed_request_fails_each_of_its_items_with_the_reason(mock: MockOFS) -> None:
    """A request that fails as a whole (after retries) fails its items with why; the others go on."""
    mock.faults.add(path=BULK, status=500, count=1)
    with mock.client(max_retries=0) as client:
        report = client.bulk.update_activities(activities(30), max_items=10, concurrency=1)

    assert [o.status for o in report.outcomes] == ["failed"] * 10 + ["ok"] * 20
    assert "500" in (report.failed[0].reason or "") and "injected fault" in (report.failed[0].reason or "")


def test_the_mock_refuses_a_body_over_5_mb(mock: MockOFS) -> None:
    """OFS answers 413 to a bulk request over 5 MB; so does the mock."""
    from ofsc import APIStatusError

    items = activities(4000, note=" " + "z" * 1400)
    with mock.client(max_retries=0) as client, pytest.raises(APIStatusError) as refused:
        client.core.bulk_update(
            body={"updateParameters": {"ifInFinalStatusThen": "doNothing"}, "activities": items}
        )
    assert refused.value.status_code == 413
    assert len(mock.calls[-1].body) > MAX_REQUEST_BYTES


@pytest.mark.parametrize(
    ("method", "operation", "entry"),
    [
        ("update_inventories", "bulk_update_resource_inventories", {"inventories": [{"inventoryType": "part"}]}),
        ("update_work_zones", "bulk_update_resource_workzones",
         {"workZones": [{"workZone": "NORTH", "startDate": "2025-01-01"}]}),
        ("update_work_skills", "bulk_update_resource_workskills",
         {"workSkills": [{"workSkill": "EST", "ratio": 100, "startDate": "2025-01-01"}]}),
        ("update_work_schedules", "bulk_update_resource_workschedules",
         {"workSchedules": [{"recordType": "schedule", "startDate": "2025-01-01", "scheduleLabel": "9-17"}]}),
    ],
)  # fmt: skip
def test_every_bulk_operation_reports_per_resource(
    mock: MockOFS, method: str, operation: str, entry: dict[str, Any]
) -> None:
    """Inventories, work zones, work skills and work schedules: one outcome per resource, failures with OFS's reason."""
    mock.limits.bulk_failure_rate = 0.3
    items = [{"resourceId": f"tech{n}", **entry} for n in range(60)]
    with mock.client() as client:
        report = getattr(client.bulk, method)(items, max_items=25)

    assert report.operation == operation and len(report.outcomes) == 60 and report.requests == 3
    failed = {key for name, key in mock.limits.failed_items if name == operation}
    assert failed and {o.item["resourceId"] for o in report.failed} == failed
    assert all(o.reason for o in report.failed)


def test_results_are_matched_by_key_when_they_do_not_line_up() -> None:
    """An answer with fewer results than items (OFS's activityId an integer, as it sends it)
    is matched by key; an item without a result is failed, not lost."""
    from ofsc_generated.operations.core import BULK_UPDATE

    plan = BulkPlan(KINDS["activities"], BULK_UPDATE, activities(3), {"ifInFinalStatusThen": "doNothing"})
    job = plan.next_job()
    assert isinstance(job, BulkJob)
    answer = {"results": [
        {"activityKeys": {"activityId": 3}, "warnings": [{"code": 1, "message": "moved"}]},
        {"activityKeys": {"activityId": 1}, "operationsPerformed": ["update"]},
    ]}  # fmt: skip
    plan.accept(job, answer)

    report = plan.report()
    assert [o.status for o in report.outcomes] == ["ok", "failed", "warning"]
    assert report.outcomes[2].warnings == ("moved",)
    assert report.outcomes[1].reason == "OFS's answer has no result for this item"


def test_items_are_packed_in_order_under_the_byte_limit() -> None:
    """Packs keep the items' order and each body, as sent, is within max_bytes."""
    from ofsc_generated.operations.core import BULK_UPDATE_RESOURCE_WORKZONES

    items = [{"resourceId": f"r{n}", "workZones": [{"workZone": "W" * (n % 50 + 1), "startDate": "2025-01-01"}]}
             for n in range(300)]  # fmt: skip
    plan = BulkPlan(KINDS["work_zones"], BULK_UPDATE_RESOURCE_WORKZONES, items, max_bytes=3000)
    packs: list[Pack] = []
    while (job := plan.next_job()) is not None:
        packs.append(job.pack)
        body = job.body.model_dump_json(by_alias=True, exclude_unset=True)
        assert len(body) <= 3000
        assert json.loads(body) == [items[i] for i in job.pack.indices]
    assert [i for pack in packs for i in pack.indices] == list(range(300))


def test_bad_arguments_are_refused_before_anything_is_sent(mock: MockOFS) -> None:
    """A limit above OFS's 5 MB, or bad update parameters, is a RequestValidationError; nothing is sent."""
    with mock.client() as client:
        with pytest.raises(RequestValidationError, match="max_bytes"):
            client.bulk.update_activities(activities(2), max_bytes=6_000_000)
        with pytest.raises(RequestValidationError, match="ifInFinalStatusThen"):
            client.bulk.update_activities(activities(2), parameters={"identifyActivityBy": "activityId"})
    assert mock.calls == []


def test_progress_counts_every_item(mock: MockOFS) -> None:
    """on_progress hears after each answer; the last Progress has every item done and the failures."""
    mock.limits.bulk_failure_rate = 0.1
    seen: list[Progress] = []
    with mock.client() as client:
        report = client.bulk.update_activities(activities(1000), max_items=100, on_progress=seen.append)

    assert len(seen) == 10 and [p.done for p in seen] == sorted(p.done for p in seen)
    assert seen[-1].done == seen[-1].total == 1000 and seen[-1].failed == len(report.failed)


def test_a_progress_bar_draws_the_counts(mock: MockOFS) -> None:
    """The terminal bar (ofsc[progress]) shows the items done and failed, and is closed at the end."""
    pytest.importorskip("rich")
    import io

    from rich.console import Console

    from ofsc.bulk._progress import RichProgressBar

    screen = io.StringIO()
    bar = RichProgressBar("updating", console=Console(file=screen, force_terminal=False, width=120))
    mock.limits.bulk_failure_rate = 0.1
    with mock.client() as client:
        report = client.bulk.update_activities(activities(300), max_items=100, on_progress=bar)
    bar.close()
    drawn = screen.getvalue()
    assert (
        "updating" in drawn and "300 items, 3 requests" in drawn and f"{len(report.failed)} failed" in drawn
    )


def test_progress_true_draws_on_stderr(mock: MockOFS, capsys: pytest.CaptureFixture[str]) -> None:
    """progress=True draws a bar on stderr and leaves stdout alone."""
    pytest.importorskip("rich")
    with mock.client() as client:
        client.bulk.update_activities(activities(50), progress=True)
    captured = capsys.readouterr()
    assert "bulk_update" in captured.err and captured.out == ""
