"""Paging a collection that changes under it: both clients stop with PaginationError when
the server's totalResults changes, so no item is silently lost (or repeated)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from ofsc import PaginationError

from .conftest import Received, Reply, ScriptedServer, Wire


class ChangingZones:
    """Work zones z0..z19 served in pages; after the first page, ``change`` is applied once."""

    def __init__(self, change: str) -> None:
        self.labels = [f"z{i}" for i in range(20)]
        self.change = change
        self.pages = 0

    def __call__(self, request: Received) -> Reply:
        query = parse_qs(urlsplit(request.path).query)
        offset, limit = int(query.get("offset", ["0"])[0]), int(query["limit"][0])
        items = [
            {"workZoneLabel": label, "workZoneName": label, "status": "active", "travelArea": "t"}
            for label in self.labels[offset : offset + limit]
        ]
        body = {"items": items, "totalResults": len(self.labels), "offset": offset, "limit": limit}
        self.pages += 1
        if self.pages == 1:
            if self.change == "insert":
                self.labels.insert(0, "new")  # shifts every later item one place right
            else:
                del self.labels[0]  # shifts every later item one place left
        return Reply(200, {"Content-Type": "application/json"}, [json.dumps(body).encode()])


@pytest.mark.parametrize("change", ["insert", "delete"])
def test_a_collection_changed_while_paging_raises_instead_of_losing_items(
    wire: Wire, scripted: ScriptedServer, change: str
) -> None:
    """Promise: when totalResults changes between pages, paginate raises PaginationError on
    both clients (the async one fetching pages one at a time or several at once); the items
    yielded before it are distinct items of the collection."""
    client = wire.client(base_url=scripted.base_url)
    for concurrency in (1, 4) if wire.facade.is_async else (1,):
        scripted.script = ChangingZones(change)
        kwargs: dict[str, Any] = {"limit": 5}
        if wire.facade.is_async:
            kwargs["concurrency"] = concurrency
        seen: list[str] = []

        async def drain_async(kwargs: dict[str, Any] = kwargs, seen: list[str] = seen) -> None:
            async for zone in client.paginate(client.metadata.get_workzones, **kwargs):
                seen.append(zone.work_zone_label)

        with pytest.raises(PaginationError, match="changed while paging"):
            if wire.facade.is_async:
                wire.facade(drain_async())
            else:
                for zone in client.paginate(client.metadata.get_workzones, **kwargs):
                    seen.append(zone.work_zone_label)
        assert len(seen) == len(set(seen)) and seen[:5] == [f"z{i}" for i in range(5)]
