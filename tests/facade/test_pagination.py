"""``paginate``: every list operation with a reliable end signal, sync and async."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from ofsc import AsyncOFSC, InternalServerError, PaginationError
from ofsc._operation import Operation
from ofsc.testing import SchemaSampler
from ofsc_generated.operations import all_operations

from .conftest import Facade, Server, error

PAGED = [op for op in all_operations() if op.paging is not None]
WORKZONES = "/rest/ofscMetadata/v1/workZones"


def test_the_paged_operations_are_the_34_offset_ones_and_the_events_cursor() -> None:
    """31 from the spec, and the 3 statistics lists whose answers carry totalResults and
    hasMore (specs/reality.toml)."""
    kinds = [op.paging.kind for op in PAGED if op.paging]
    assert (kinds.count("offset"), kinds.count("cursor")) == (34, 1)
    statistics = {op.name for op in PAGED if op.family == "statistics"}
    assert statistics == {
        "get_activity_duration_stats",
        "get_activity_travel_stats",
        "get_airline_distance_based_travel",
    }
    assert [op.name for op in PAGED if op.paging and op.paging.kind == "cursor"] == ["get_events"]


def _seq(item: Any) -> Any:
    return (item.model_extra or {}).get("seq") if isinstance(item, BaseModel) else item


class PagedServer:
    """Serves ``total`` items of one operation, ``page_size`` at a time, with the end
    signals that operation declares (hasMore and/or totalResults, or nextPage)."""

    def __init__(self, op: Operation[Any], total: int = 5, page_size: int = 2, seed: int = 3) -> None:
        self.op = op
        self.page_size = page_size
        self.template = SchemaSampler(seed=seed).response_body(op)
        sample = self.template["items"][0]
        self.items = []
        for seq in range(total):
            item = copy.deepcopy(sample)
            if isinstance(item, dict):
                item["seq"] = seq
            self.items.append(item)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        paging = self.op.paging
        assert paging is not None and request.url.path.startswith(self.op.path.split("{")[0])
        body = dict(self.template)
        if paging.kind == "cursor":
            start = int(request.url.params["page"].removeprefix("p"))
            body["items"] = self.items[start : start + self.page_size]
            body["nextPage"] = f"p{start + self.page_size}"
            return httpx.Response(200, json=body)
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", self.page_size))
        body["items"] = self.items[offset : offset + min(limit, self.page_size)]
        for key in ("hasMore", "totalResults", "offset", "limit"):
            body.pop(key, None)
        if paging.has_more:
            body["hasMore"] = offset + len(body["items"]) < len(self.items)
        if paging.total_results:
            body["totalResults"] = len(self.items)
        return httpx.Response(200, json=body)


@pytest.mark.parametrize("op", PAGED, ids=lambda op: f"{op.family}.{op.name}")
def test_paginate_yields_every_item_of_every_paged_operation(facade: Facade, op: Operation[Any]) -> None:
    pages = PagedServer(op)
    client = facade.client(transport=httpx.MockTransport(pages))
    kwargs = SchemaSampler(seed=3).arguments(op, optional=False)
    if op.paging and op.paging.kind == "cursor":
        kwargs["page"] = "p0"
    elif op.param("limit") is not None:
        kwargs["limit"] = 2
    method = getattr(getattr(client, op.family), op.name)
    items = facade.items(client.paginate(method, **kwargs))
    assert [_seq(i) for i in items] == [d["seq"] if isinstance(d, dict) else d for d in pages.items]
    # 3 pages, and a 4th for the events feed, which ends only at an empty page
    assert len(pages.requests) == (4 if op.paging and op.paging.kind == "cursor" else 3)


def test_paginate_refuses_operations_without_an_end_signal(facade: Facade) -> None:
    client = facade.client(Server())
    with pytest.raises(TypeError, match="get_activity\\(\\) cannot be paginated"):
        client.paginate(client.core.get_activity, activity_id=1)  # at once, not when iterated
    with pytest.raises(TypeError, match="takes an endpoint method"):
        client.paginate(lambda **kw: None)


def test_paginate_refuses_a_method_of_the_raw_twin(facade: Facade, server: Server) -> None:
    """Promise: a method of ``client.with_raw_response`` answers with one page's RawResponse,
    so paginate refuses it at once (TypeError) instead of yielding a silently empty list;
    the client's own method pages as usual, also through the twin's ``paginate``."""
    server.on("GET", WORKZONES, zones(3))
    client = facade.client(server)
    twin = client.with_raw_response
    for paginate in (client.paginate, twin.paginate):
        with pytest.raises(
            TypeError,
            match=r"not of client\.with_raw_response: get_workzones\(\) there answers with one page's RawResponse$",
        ):
            paginate(twin.metadata.get_workzones, limit=2)
    assert server.requests == []
    items = facade.items(twin.paginate(client.metadata.get_workzones, limit=2))
    assert [z.work_zone_label for z in items] == ["z0", "z1", "z2"]


def _zone(seq: int) -> dict[str, Any]:
    return {"workZoneLabel": f"z{seq}", "workZoneName": f"Zone {seq}", "status": "active", "travelArea": "t"}


def zones(total: int, short_at: int | None = None) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params["limit"])
        end = min(offset + limit, total) if offset != short_at else offset + 1
        return httpx.Response(
            200, json={"items": [_zone(i) for i in range(offset, end)], "totalResults": total}
        )

    return answer


def test_a_failed_page_raises_instead_of_ending_the_list(facade: Facade, server: Server) -> None:
    calls = 0

    def flaky(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return zones(10)(request) if calls == 1 else error(500)

    server.on("GET", WORKZONES, flaky)
    client = facade.client(server, max_retries=0)
    seen: list[str] = []
    with pytest.raises(InternalServerError):
        if facade.is_async:

            async def drain() -> None:
                async for zone in client.paginate(client.metadata.get_workzones, limit=2, concurrency=1):
                    seen.append(zone.work_zone_label)

            facade(drain())
        else:
            for zone in client.paginate(client.metadata.get_workzones, limit=2):
                seen.append(zone.work_zone_label)
    assert seen == ["z0", "z1"]


def test_paginate_starts_at_the_given_offset(facade: Facade, server: Server) -> None:
    server.on("GET", WORKZONES, zones(5))
    client = facade.client(server)
    labels = [
        z.work_zone_label
        for z in facade.items(client.paginate(client.metadata.get_workzones, limit=2, offset=3))
    ]
    assert labels == ["z3", "z4"]


def test_async_pages_are_fetched_concurrently_within_the_bound_and_yielded_in_order() -> None:
    in_flight = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.001 * (7 - int(request.url.params.get("offset", 0)) % 7))  # out-of-order finish
        in_flight -= 1
        return zones(40)(request)

    async def main() -> list[str]:
        async with AsyncOFSC(
            instance="acme", client_id="cid", client_secret="s", transport=httpx.MockTransport(handler)
        ) as client:
            return [
                z.work_zone_label
                async for z in client.paginate(client.metadata.get_workzones, limit=4, concurrency=3)
            ]

    labels = asyncio.run(main())
    assert labels == [f"z{i}" for i in range(40)]
    assert peak == 3  # pages overlapped, never more than the bound


def test_async_concurrent_page_that_comes_back_short_is_an_error() -> None:
    async def main() -> list[str]:
        async with AsyncOFSC(
            instance="acme",
            client_id="cid",
            client_secret="s",
            transport=httpx.MockTransport(zones(10, short_at=4)),
        ) as client:
            return [z.work_zone_label async for z in client.paginate(client.metadata.get_workzones, limit=2)]

    with pytest.raises(PaginationError, match="offset 4 returned 1 items, expected 2"):
        asyncio.run(main())


def test_async_pages_are_not_fetched_far_ahead_of_the_consumer(server: Server) -> None:
    facade = Facade(AsyncOFSC)
    server.on("GET", WORKZONES, zones(100))
    client = facade.client(server)
    first = facade.items(client.paginate(client.metadata.get_workzones, limit=2, concurrency=3), limit=6)
    facade.close()
    assert [z.work_zone_label for z in first] == [f"z{i}" for i in range(6)]
    assert len(server.requests) <= 1 + 3 + 2  # the first page, the window, its refills: not all 50
