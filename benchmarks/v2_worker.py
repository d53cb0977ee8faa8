"""Drives ofsc 2.x for the benchmarks, inside the 2.x virtualenv.

Runs under that virtualenv's Python and imports nothing from this project, so the 2.x
package is never installed beside ofsc 3 (and the small timing loops below are written
here, not imported). It reads one JSON command per line on stdin and answers each with
one JSON line on stdout:

- ``{"do": "versions"}``: the Python version, and the installed versions of ofsc, httpx
  and requests;
- ``{"do": "get_activity", "base_url": URL, "calls": N}``: seconds per sync
  ``OFSC.core.get_activity`` call, over N calls;
- ``{"do": "async_throughput", "base_url": URL, "seconds": S, "in_flight": N}``: requests
  per second of ``AsyncOFSC.core.get_activity`` (default ``HTTPClientConfig``) with N
  calls in flight, over about S seconds;
- ``{"do": "all_users", "base_url": URL, "limit": 100, "way": WAY}``: seconds to fetch
  every user and how many came back, where WAY is one of :data:`WAYS`.

Everything async runs on one event loop kept for the worker's life. The throughput's
client is opened once per base URL and kept, as the SDK's is in that figure; each paging
run opens a client of its own (outside the timing), as the SDK's paging runs do.

``--path DIR`` puts DIR first on ``sys.path`` (to drive a stand-in package instead).
"""

import asyncio
import importlib
import json
import platform
import sys
import time
from importlib import metadata
from typing import Any

ACTIVITY_ID = 4225274
_clients: dict[str, Any] = {}
_async_clients: dict[str, Any] = {}
_loop = asyncio.Runner()


def client(base_url: str) -> Any:
    if base_url not in _clients:
        ofsc = importlib.import_module("ofsc")  # 2.x: positional (clientID, companyName, secret)
        _clients[base_url] = ofsc.OFSC("bench", "acme", "secret", baseUrl=base_url)
    return _clients[base_url]


def new_async_client(base_url: str) -> Any:
    module = importlib.import_module("ofsc.async_client")  # 2.19 and later
    return module.AsyncOFSC(clientID="bench", companyName="acme", secret="secret", baseUrl=base_url)


async def async_client(base_url: str) -> Any:
    if base_url not in _async_clients:
        # 2.x's client is only usable inside `async with`; this one stays open until the end.
        _async_clients[base_url] = await new_async_client(base_url).__aenter__()
    return _async_clients[base_url]


def users_sync_by_hand(api: Any, limit: int) -> list[Any]:
    """The sync client has no paginator: scripts loop on offset until there is no more."""
    users: list[Any] = []
    offset = 0
    while True:
        page = api.core.get_users(offset=offset, limit=limit)
        items = page.get("items", [])
        users.extend(items)
        offset += len(items)
        if not items or not page.get("hasMore"):
            return users


async def users_async_page_by_page(api: Any, limit: int) -> list[Any]:
    """The loop of 2.x's async ``get_all_*`` helpers (``get_all_resources``,
    ``get_all_workzones``): one page after another on offset until ``hasMore`` is false.
    2.x has no such helper for users, so it is written out with ``core.get_users``."""
    users: list[Any] = []
    offset = 0
    while True:
        page = await api.core.get_users(offset=offset, limit=limit)
        users.extend(page.items)
        offset += len(page.items)
        if not page.items or not page.hasMore:
            return users


async def users_async_gather(api: Any, limit: int) -> list[Any]:
    """What ``AsyncOFSC``'s documentation recommends for bulk reads, parallel requests with
    ``asyncio.gather``: the first page gives the total, then every other page at once."""
    first = await api.core.get_users(offset=0, limit=limit)
    offsets = range(len(first.items), first.totalResults, limit)
    pages = await asyncio.gather(*(api.core.get_users(offset=offset, limit=limit) for offset in offsets))
    return [*first.items, *(user for page in pages for user in page.items)]


WAYS = {"async-page-by-page": users_async_page_by_page, "async-gather": users_async_gather}


async def throughput(base_url: str, seconds: float, in_flight: int) -> float:
    api = await async_client(base_url)
    completed = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def worker() -> None:
        nonlocal completed
        while True:  # at least one call each, as the SDK's throughput is measured
            await api.core.get_activity(ACTIVITY_ID)
            completed += 1
            if time.perf_counter() >= deadline:
                return

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return completed / (time.perf_counter() - start)


async def all_users_async(base_url: str, limit: int, way: str) -> tuple[float, int]:
    async with new_async_client(base_url) as api:  # a fresh client, as the SDK's paging is measured
        start = time.perf_counter()
        users = await WAYS[way](api, limit)
        return time.perf_counter() - start, len(users)


def handle(command: dict[str, Any]) -> dict[str, Any]:
    if command["do"] == "versions":
        versions = {"Python": platform.python_version()}
        for name in ("ofsc", "httpx", "requests"):
            try:
                versions[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                versions[name] = "not installed"
        return versions
    base_url = command["base_url"]
    if command["do"] == "get_activity":
        api, calls = client(base_url), command["calls"]
        start = time.perf_counter()
        for _ in range(calls):
            api.core.get_activity(ACTIVITY_ID)
        return {"seconds_per_call": (time.perf_counter() - start) / calls}
    if command["do"] == "async_throughput":
        rate = _loop.run(throughput(base_url, command["seconds"], command["in_flight"]))
        return {"requests_per_second": rate}
    if command["do"] == "all_users":
        if command.get("way", "sync") == "sync":
            start = time.perf_counter()
            users = users_sync_by_hand(client(base_url), command["limit"])
            return {"seconds": time.perf_counter() - start, "items": len(users)}
        seconds, items = _loop.run(all_users_async(base_url, command["limit"], command["way"]))
        return {"seconds": seconds, "items": items}
    raise ValueError(f"unknown command {command['do']!r}")


async def close_async_clients() -> None:
    for api in _async_clients.values():
        await api.__aexit__(None, None, None)


def main() -> None:
    if sys.argv[1:2] == ["--path"]:
        sys.path.insert(0, sys.argv[2])
    try:
        for line in sys.stdin:
            print(json.dumps(handle(json.loads(line))), flush=True)
    finally:
        _loop.run(close_async_clients())
        _loop.close()


if __name__ == "__main__":
    main()
