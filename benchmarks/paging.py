"""Fetching every user, 100 a page, from a server that adds a fixed latency per request.

ofsc 2.27.2 is measured the ways it documents (see ``v2_worker``): its async ``get_all_*``
helpers loop on ``offset`` until ``hasMore`` is false, one page after another (it has none
for users, so that loop is written out with ``AsyncOFSC.core.get_users``); its
``AsyncOFSC`` documentation recommends parallel requests with ``asyncio.gather`` for bulk
work, which here is the first page, then every other page at once; its sync client has no
paginator, and scripts loop by hand. The SDK's async ``paginate`` reads the total from the
first page, then fetches the others ``concurrency`` at a time; its sync ``paginate`` walks
the pages one after another.

Any client needs at least two round trips here (the first page tells how many there are),
so no way of paging takes less than twice the server's latency.
"""

from __future__ import annotations

import asyncio
import functools
import time
from typing import TYPE_CHECKING

from .context import async_client, sync_client
from .external import V2_NAME
from .report import Comparison, Figure, Measure, Target, at_least, at_most, versus
from .timing import Samples, rounds

if TYPE_CHECKING:
    from collections.abc import Callable

    from .context import Bench

PAGE = 100
CONCURRENCY = 10  # pages in flight for the async figure
DEFAULT_CONCURRENCY = 4  # AsyncOFSC.paginate's default, measured as well
V2_ASYNC_WAYS = {
    "async-gather": f"{V2_NAME} `AsyncOFSC`, first page then `asyncio.gather` of the rest",
    "async-page-by-page": f"{V2_NAME} `AsyncOFSC`, page after page on `offset`/`hasMore` (its `get_all_*` helpers' loop)",
}  # fmt: skip


def paging(bench: Bench) -> list[Figure]:
    sizes = bench.sizes
    latency_ms = sizes.page_latency * 1000
    pages = -(-sizes.users // PAGE)
    all_at_once = max(pages - 1, 1)  # what asyncio.gather has in flight after the first page

    def sync_all(url: str) -> float:
        with sync_client(url) as client:
            start = time.perf_counter()
            users = list(client.paginate(client.core.get_users, limit=PAGE))
            return _checked(time.perf_counter() - start, len(users), sizes.users)

    async def async_all(url: str, concurrency: int) -> float:
        async with async_client(url) as client:
            start = time.perf_counter()
            users = [
                u async for u in client.paginate(client.core.get_users, limit=PAGE, concurrency=concurrency)
            ]
            return _checked(time.perf_counter() - start, len(users), sizes.users)

    def v2_all(way: str, url: str) -> float:
        assert bench.v2 is not None
        return _checked(*bench.v2.all_users(url, PAGE, way), sizes.users)

    with asyncio.Runner() as runner:
        contenders: dict[str, Callable[[str], float]] = {
            "async": lambda url: runner.run(async_all(url, CONCURRENCY)),
            "async-default": lambda url: runner.run(async_all(url, DEFAULT_CONCURRENCY)),
            "async-all": lambda url: runner.run(async_all(url, all_at_once)),
            "sync": sync_all,
        }
        if bench.v2 is not None:
            for way in ("sync", *V2_ASYNC_WAYS):
                contenders[f"v2 {way}"] = functools.partial(v2_all, way)
        for contender in contenders.values():  # warm up (imports, model building) without the latency
            contender(bench.fast_url)
        timed = {name: functools.partial(contender, bench.slow_url) for name, contender in contenders.items()}
        results = rounds(timed, sizes.paging_rounds)
    title = f"fetch all {sizes.users:,} users in pages of {PAGE}, server adding {latency_ms:g} ms per request"
    v2_ways = {way: results.get(f"v2 {way}") for way in V2_ASYNC_WAYS}
    fastest = _fastest(v2_ways)
    slowest = next(way for way in V2_ASYNC_WAYS if way != fastest)

    def versus_v2(ours: Samples, way: str, target: Target | None = None) -> Comparison:
        return versus(V2_ASYNC_WAYS[way], ours, v2_ways[way], "s", target, speedup=True)

    return [
        Figure(
            "paging_async",
            f"{title}: async `paginate(concurrency={CONCURRENCY})`",
            Measure(results["async"], "s"),
            [versus_v2(results["async"], fastest, at_least(3.0, ">= 3x faster")),
             versus_v2(results["async"], slowest)],
            notes=[f"{sizes.paging_rounds} rounds; relation = 2.x's time / ours, per round; the target is "
                   "against the faster of 2.x's two documented async ways in this run (the first row). "
                   f"Two round trips, the least any client needs here, take {2 * latency_ms:g} ms."],
        ),
        Figure(
            "paging_async_default",
            f"{title}: async `paginate()` (default concurrency={DEFAULT_CONCURRENCY})",
            Measure(results["async-default"], "s"),
            [versus_v2(results["async-default"], fastest)],
        ),
        Figure(
            "paging_async_all",
            f"{title}: async `paginate(concurrency={all_at_once})`, as many in flight as `asyncio.gather`",
            Measure(results["async-all"], "s"),
            [versus_v2(results["async-all"], "async-gather")],
        ),
        Figure(
            "paging_sync",
            f"{title}: sync `paginate`",
            Measure(results["sync"], "s"),
            [versus(f"{V2_NAME} sync `OFSC`, paging by hand on `offset`/`hasMore`", results["sync"],
                    results.get("v2 sync"), "s", at_most(1.0, "<= 1.00x (no slower)"))],
            notes=["relation = our time / 2.x's, per round."],
        ),
    ]  # fmt: skip


def _fastest(ways: dict[str, Samples | None]) -> str:
    """The way with the lowest median time (the first when none was measured)."""
    measured = {way: samples.median for way, samples in ways.items() if samples is not None}
    return min(measured, key=measured.__getitem__) if measured else next(iter(ways))


def _checked(seconds: float, items: int, expected: int) -> float:
    if items != expected:
        raise RuntimeError(f"paging returned {items} users, expected {expected}")
    return seconds
