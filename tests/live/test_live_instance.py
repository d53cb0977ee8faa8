"""A few real calls against a real OFS instance, through both clients.

Read-only, except the location round trip, which runs only with ``--ofsc-write``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..conftest import Call

PAGE = 2  # small pages, so that a handful of users already spans several


async def some_resource_id(call: Call, live_data: dict[str, Any]) -> str:
    """The configured resource, else the first one the instance lists."""
    if "resource_id" in live_data:
        return str(live_data["resource_id"])
    resources = await call("core.get_resources", limit=1)
    assert resources.items, "the instance lists no resources"
    resource_id: str = resources.items[0].resource_id
    return resource_id


async def test_work_zones_are_listed(call: Call) -> None:
    zones = await call("metadata.get_workzones", limit=100)
    assert zones.status_code == 200
    assert zones.items, "the instance has no work zones"
    assert all(zone.work_zone_label for zone in zones.items)


async def test_users_come_page_after_page_in_the_order_of_one_big_page(call: Call) -> None:
    one_page = await call("core.get_users", limit=3 * PAGE)
    logins = [user.login for user in one_page.items or []]
    paged = await call.items("core.get_users", first=len(logins), limit=PAGE)
    assert [user.login for user in paged] == logins
    assert len(set(logins)) == len(logins)


async def test_a_resource_is_fetched_by_its_id(call: Call, live_data: dict[str, Any]) -> None:
    resource_id = await some_resource_id(call, live_data)
    resource = await call("core.get_resource", resource_id=resource_id)
    assert resource.resource_id == resource_id
    assert resource.raw_response.request.url.path.endswith(f"/resources/{resource_id}")


async def test_a_resource_location_is_created_then_deleted(
    call: Call, live_data: dict[str, Any], run_prefix: str, writes: None
) -> None:
    resource_id = await some_resource_id(call, live_data)
    label = f"{run_prefix}-{call.kind}"
    body = {"label": label, "address": "1 Test Street", "city": "Testville", "postalCode": "00000"}

    async def labels() -> list[str | None]:
        listed = await call("core.get_resource_locations", resource_id=resource_id)
        return [location.label for location in listed.items or []]

    created = await call("core.create_resource_location", resource_id=resource_id, body=body)
    try:
        assert created.label == label
        assert label in await labels()
    finally:
        await call("core.delete_resource_location", resource_id=resource_id, location_id=created.location_id)
    assert label not in await labels()
