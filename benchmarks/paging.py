"""Fetching every user, 100 a page, from a server that adds a fixed latency per request.

ofsc 2.x has no paginator: its users loop on ``offset`` until ``hasMore`` is false, one
request after another. The SDK's sync ``paginate`` does the same walk; its async
``paginate`` reads the total from the first page and then fetches the remaining pages
concurrently.
"""

from __future__ import annotations

import asyncio
import functools
import time
from typing import TYPE_CHECKING

from .context import async_client, sync_client
from .report import Figure, Measure, at_least, at_most, versus
from .timing import rounds

if TYPE_CHECKING:
    from collections.abc import Callable

    from .context import Bench

PAGE = 100
CONCURRENCY = 10  # pages in flight for the async figure
DEFAULT_CONCURRENCY = 4  # AsyncOFSC.paginate's default, measured as well


def paging(bench: Bench) -> list[Figure]:
    sizes = bench.sizes
    latency_ms = sizes.page_latency * 1000

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

    def v2_all(url: str) -> float:
        assert bench.v2 is not None
        return _checked(*bench.v2.all_users(url, PAGE), sizes.users)

    with asyncio.Runner() as runner:
        contenders: dict[str, Callable[[str], float]] = {
            "async": lambda url: runner.run(async_all(url, CONCURRENCY)),
            "async-default": lambda url: runner.run(async_all(url, DEFAULT_CONCURRENCY)),
            "sync": sync_all,
        }
        if bench.v2 is not None:
            contenders["v2"] = v2_all
        for contender in contenders.values():  # warm up (imports, model building) without the latency
            contender(bench.fast_url)
        timed = {name: functools.partial(contender, bench.slow_url) for name, contender in contenders.items()}
        results = rounds(timed, sizes.paging_rounds)
    title = f"fetch all {sizes.users:,} users in pages of {PAGE}, server adding {latency_ms:g} ms per request"
    against = "`ofsc` 2.18.1 (sync, requests), paging by hand on `offset`/`hasMore`"
    v2 = results.get("v2")
    return [
        Figure(
            "paging_async",
            f"{title}: async `paginate(concurrency={CONCURRENCY})`",
            Measure(results["async"], "s"),
            [versus(against, results["async"], v2, "s", at_least(5.0, ">= 5x faster"), speedup=True)],
            notes=[f"{sizes.paging_rounds} rounds; relation = 2.x's time / ours, per round."],
        ),
        Figure(
            "paging_async_default",
            f"{title}: async `paginate()` (default concurrency={DEFAULT_CONCURRENCY})",
            Measure(results["async-default"], "s"),
            [versus(against, results["async-default"], v2, "s", speedup=True)],
        ),
        Figure(
            "paging_sync",
            f"{title}: sync `paginate`",
            Measure(results["sync"], "s"),
            [versus(against, results["sync"], v2, "s", at_most(1.0, "<= 1.00x (no slower)"))],
            notes=["relation = our time / 2.x's, per round."],
        ),
    ]


def _checked(seconds: float, items: int, expected: int) -> float:
    if items != expected:
        raise RuntimeError(f"paging returned {items} users, expected {expected}")
    return seconds
