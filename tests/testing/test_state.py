"""The mock keeps what is created, updated and deleted, pages lists as OFS does, and serves
file properties; each test drives a sync and an async client."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import httpx
import pytest

from ofsc import NotFoundError
from ofsc.testing import MOCK_BASE_URL, MockOFS

from ..conftest import Call
from .conftest import Wire

FIXTURE = {
    "users": [
        {
            "login": "ada",
            "name": "Ada Lovelace",
            "language": "en",
            "timeZone": "UTC",
            "userType": "tech",
            "resources": ["r1"],
        }
    ],
    "generate": {"workZones": 3},
    "files": [
        {
            "collection": "users",
            "id": "ada",
            "property": "cv",
            "text": "curriculum",
            "contentType": "text/plain",
        }
    ],
}
FIXTURE_TOML = """
[[users]]
login = "ada"
name = "Ada Lovelace"
language = "en"
timeZone = "UTC"
userType = "tech"
resources = ["r1"]

[generate]
workZones = 3

[[files]]
collection = "users"
id = "ada"
property = "cv"
text = "curriculum"
contentType = "text/plain"
"""


async def test_an_activity_is_created_updated_read_and_deleted(call: Call, ofsc_mock: MockOFS) -> None:
    created = await call("core.create_activity", body={"activityType": "install", "resourceId": "tech1"})
    assert ofsc_mock.calls[-1].status == 201
    await call("core.update_activity", activity_id=created.activity_id, body={"customerName": "Ada"})
    fetched = await call("core.get_activity", activity_id=created.activity_id)
    assert (fetched.activity_type, fetched.resource_id, fetched.customer_name) == ("install", "tech1", "Ada")
    assert ofsc_mock.store.get("activities", created.activity_id)["customerName"] == "Ada"

    await call("core.delete_activity", activity_id=created.activity_id)
    with pytest.raises(NotFoundError) as raised:
        await call("core.get_activity", activity_id=created.activity_id)
    assert raised.value.detail == f"activityId '{created.activity_id}' not found in activities"


async def test_created_activities_get_new_ids(call: Call) -> None:
    first = await call("core.create_activity", body={"activityType": "install", "resourceId": "tech1"})
    second = await call("core.create_activity", body={"activityType": "repair", "resourceId": "tech1"})
    assert second.activity_id == first.activity_id + 1


async def test_a_put_creates_then_replaces(call: Call, ofsc_mock: MockOFS) -> None:
    resource = {"name": "North", "language": "en", "timeZone": "UTC", "status": "active"}
    await call("core.create_resource", resource_id="north", body=resource)
    await call("core.create_resource", resource_id="north", body={**resource, "name": "North team"})
    assert [c.status for c in ofsc_mock.calls] == [201, 200]
    fetched = await call("core.get_resource", resource_id="north")
    assert (fetched.resource_id, fetched.name) == ("north", "North team")


async def test_metadata_collections_keep_what_is_written(call: Call) -> None:
    skill = {"label": "GAS", "name": "Gas", "active": True, "sharing": "maximal"}
    await call("metadata.create_or_update_workskill", label="GAS", body=skill)
    assert (await call("metadata.get_workskill", label="GAS")).name == "Gas"
    await call("metadata.delete_workskill", label="GAS")
    assert (await call("metadata.get_workskills")).items == []


async def test_users_are_paged_with_offset_and_limit(call: Call, ofsc_mock: MockOFS) -> None:
    ofsc_mock.store.generate("users", 25)
    page = await call("core.get_users", offset=10, limit=10)
    assert (page.offset, page.limit, page.total_results, len(page.items)) == (10, 10, 25, 10)
    users = await call.items("core.get_users", limit=10)
    assert [user.login for user in users] == [user["login"] for user in ofsc_mock.store.items("users")]


async def test_a_list_has_exactly_the_paging_fields_its_schema_declares(
    wire: Wire, ofsc_mock: MockOFS
) -> None:
    ofsc_mock.store.generate("workZones", 2)
    ofsc_mock.store.generate("activities", 2)
    zones = (await wire.request("GET", "/rest/ofscMetadata/v1/workZones")).json()
    assert set(zones) == {"items", "totalResults"} and zones["totalResults"] == 2
    activities = (await wire.request("GET", "/rest/ofscCore/v1/activities", params={"limit": 1})).json()
    assert set(activities) == {"items", "offset", "limit", "hasMore"}
    assert (len(activities["items"]), activities["hasMore"]) == (1, True)


async def test_a_sub_resource_of_an_unknown_object_is_404(call: Call, ofsc_mock: MockOFS) -> None:
    with pytest.raises(NotFoundError):
        await call("core.get_linked_activities", activity_id="404")
    ofsc_mock.store.add("activities", {"activityId": 404})
    assert (await call("core.get_linked_activities", activity_id="404")).items is not None


async def test_an_uploaded_file_property_is_downloaded(
    call: Call, ofsc_mock: MockOFS, tmp_path: Path
) -> None:
    ofsc_mock.store.add("activities", {"activityId": 1})
    await call(
        "core.set_file_property",
        activity_id=1,
        property_label="photo",
        content=b"\x89PNG...",
        content_type="image/png",
        content_disposition='attachment; filename="site.png"',
    )
    download = await call("core.get_file_property", activity_id=1, property_label="photo")
    assert (download.content_type, download.filename) == ("image/png", "site.png")
    assert await call.awaited(download.write_to(tmp_path / "site.png")) == 7
    assert (tmp_path / "site.png").read_bytes() == b"\x89PNG..."


# Twice the bound on the peak: a file held whole by the mock or the client could not stay
# under it. (Larger files prove no more and take longer, traced as they are.)
LARGE_FILE = 64 * 1024 * 1024
MEMORY_BOUND = 32 * 1024 * 1024


async def test_a_large_file_is_streamed_without_being_held(
    make_client: Any, ofsc_mock: MockOFS, ofsc_mock_server: str
) -> None:
    """A file property larger than the memory bound streams from the mock to the caller in
    chunks: the peak of traced memory stays under the bound."""
    ofsc_mock.file_size = LARGE_FILE
    ofsc_mock.store.add("activities", {"activityId": 1})
    client = make_client(base_url=ofsc_mock_server, transport=None)
    call = Call(client)
    tracemalloc.start()
    try:
        download = await call("core.get_file_property", activity_id=1, property_label="manual")
        received = 0
        if call.kind == "sync":
            for chunk in download.iter_bytes():
                received += len(chunk)
        else:
            async for chunk in download.iter_bytes():
                received += len(chunk)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert received == LARGE_FILE
    assert peak < MEMORY_BOUND  # neither the mock nor the client held the file


@pytest.mark.parametrize("suffix", [".json", ".toml"])
async def test_a_fixture_file_seeds_the_store(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ofs{suffix}"
    path.write_text(json.dumps(FIXTURE) if suffix == ".json" else FIXTURE_TOML)
    mock = MockOFS(fixture=path)
    with mock.client() as client:
        assert client.core.get_user(login="ada").name == "Ada Lovelace"
        assert client.core.get_user_property(login="ada", property_label="cv").read() == b"curriculum"
        assert client.metadata.get_workzones().total_results == 3


def test_stored_objects_get_what_their_schema_requires() -> None:
    mock = MockOFS()
    stored = mock.store.add("users", {"login": "bob"})
    assert {"name", "language", "timeZone", "userType"} <= set(stored)
    with pytest.raises(KeyError, match="no collection 'gadgets'"):
        mock.store.add("gadgets", {})


async def test_sampled_answers_are_deterministic_per_seed(wire: Wire) -> None:
    path, query = "/rest/ofscCapacity/v1/capacity", {"dates": "2025-06-25"}
    first = (await wire.request("GET", path, params=query)).json()
    assert (await wire.request("GET", path, params=query)).json() == first

    def answer(mock: MockOFS) -> Any:
        with httpx.Client(base_url=MOCK_BASE_URL, transport=mock.transport()) as http:
            return http.get(path, params=query, headers={"Authorization": mock.basic_auth}).json()

    assert answer(MockOFS(seed=wire.mock.seed)) == first
    assert answer(MockOFS(seed=wire.mock.seed + 1)) != first


async def test_fields_keeps_only_the_named_fields_of_each_item(call: Call, ofsc_mock: MockOFS) -> None:
    created = await call(
        "core.create_activity", body={"activityType": "install", "resourceId": "tech1", "customerName": "Ada"}
    )
    page = await call("core.get_activities", resources=["tech1"], fields=["activityId", "customerName"])
    assert page.raw_response.json()["items"] == [{"activityId": created.activity_id, "customerName": "Ada"}]
    stored = ofsc_mock.store.get("activities", created.activity_id)
    assert stored["activityType"] == "install"  # what is kept is not cut down
    whole = await call("core.get_activities", resources=["tech1"])
    assert whole.items[0].activity_type == "install"


def test_a_dotted_field_keeps_part_of_a_nested_object() -> None:
    north = {"label": "NORTH", "name": "North", "type": "area", "status": "active"}
    south = {**north, "label": "SOUTH", "name": "South", "parent": {"label": "NORTH", "name": "North"}}
    client = MockOFS(fixture={"capacityAreas": [north, south]}).client()
    page = client.metadata.get_capacity_areas(fields=["label", "parent.label"])
    assert page.raw_response.json()["items"] == [
        {"label": "NORTH"},
        {"label": "SOUTH", "parent": {"label": "NORTH"}},
    ]
    assert client.metadata.get_capacity_areas().items[1].parent.name == "North"


def test_fields_the_mock_cannot_interpret_leave_the_answer_whole() -> None:
    from ofsc.testing._filters import project, requested_fields
    from ofsc.testing._schema import SchemaChecker

    checker = SchemaChecker({"definitions": {}})
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": {
        "type": "object", "properties": {"date": {"type": "string"}, "areas": {"type": "array"}}}}}}  # fmt: skip
    page = {"items": [{"date": "2026-01-05", "areas": [{"name": "North"}]}]}
    assert requested_fields({"fields": "area.name, "}) == ["area.name"]
    assert project(page, ["area.name"], checker, schema) == page  # "area" is not an item's field
    assert project(page, ["date"], checker, schema) == {"items": [{"date": "2026-01-05"}]}
    assert requested_fields({}) is None and requested_fields({"fields": ""}) is None


def test_the_activity_search_applies_its_resource_date_and_work_order_filters() -> None:
    mock = MockOFS()
    for resource_id, parent in (("region", None), ("bucket", "region"), ("tech1", "bucket"), ("other", None)):
        mock.store.add("resources", {"resourceId": resource_id, "parentResourceId": parent} if parent else
                       {"resourceId": resource_id})  # fmt: skip
    for activity_id, resource_id, date, order in (
        (1, "region", "2026-03-02", None), (2, "bucket", "2026-03-02", 77), (3, "tech1", "2026-03-03", 77),
        (4, "tech1", None, None), (5, "other", "2026-03-02", None),
    ):  # fmt: skip
        activity = {
            "activityId": activity_id,
            "resourceId": resource_id,
            "date": date,
            "svcWorkOrderId": order,
        }
        mock.store.add("activities", {k: v for k, v in activity.items() if v is not None})
    client = mock.client()

    def ids(**query: Any) -> list[int]:
        return [a.activity_id for a in client.core.get_activities(**query).items]

    day = {"date_from": "2026-03-02", "date_to": "2026-03-03"}
    assert ids(resources=["region"], **day) == [1, 2, 3]  # includeChildren defaults to all
    assert ids(resources=["region"], include_children="immediate", **day) == [1, 2]
    assert ids(resources=["bucket"], include_children="none", **day) == [2]
    assert ids(resources=["bucket", "other"], date_from="2026-03-02", date_to="2026-03-02") == [2, 5]
    assert ids(resources=["tech1"], include_non_scheduled=True) == [4]  # no dates: only non-scheduled
    assert ids(resources=["tech1"], include_non_scheduled=True, **day) == [3, 4]
    assert ids(svc_work_order_id=77) == [2, 3]
