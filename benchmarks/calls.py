"""The cost of one call: sync latency per call, and async throughput with 20 in flight.

Every contender asks the same server for the same ~2 KB activity and ends up with it
parsed: the SDK into its ``Activity`` model, raw httpx and aiohttp into a dict
(``.json()``); ofsc 2.27.2 into whatever its ``get_activity`` returns: a dict from the sync
``OFSC`` (its default; ``requests.get`` without a session, so a new connection per call),
an ``Activity`` model from ``AsyncOFSC`` (httpx, default ``HTTPClientConfig``).

2.x runs under Python 3.13 (what 2.27.2 requires), the rest under the project's Python.
Over the benchmark server's plain-text HTTP, httpx speaks HTTP/1.1 even with ``http2=True``
(HTTP/2 needs TLS to be negotiated), as every other contender does.
"""

from __future__ import annotations

import asyncio
import functools
import time
from typing import TYPE_CHECKING

import httpx

from ofsc._auth import basic_credentials
from ofsc._base_client import USER_AGENT

from .context import ACTIVITY_ID, CLIENT_ID, CLIENT_SECRET, INSTANCE, async_client, sync_client
from .external import V2_NAME
from .report import Figure, Measure, at_least, at_most, versus
from .timing import Samples, per_call, rounds, schedule

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from .context import Bench

ACTIVITY_PATH = f"/rest/ofscCore/v1/activities/{ACTIVITY_ID}"
IN_FLIGHT = 20


def _headers() -> dict[str, str]:
    """What the SDK sends, so that raw clients do the same work on the wire."""
    basic = basic_credentials(CLIENT_ID, INSTANCE, CLIENT_SECRET)
    return {"Authorization": basic, "Accept": "application/json", "User-Agent": USER_AGENT}


def sync_call(bench: Bench) -> Figure:
    sizes, url = bench.sizes, bench.fast_url
    with httpx.Client(headers=_headers()) as raw, sync_client(url) as sdk:

        def raw_call() -> object:
            return raw.get(url + ACTIVITY_PATH).json()

        def our_call() -> object:
            return sdk.core.get_activity(activity_id=ACTIVITY_ID)

        contenders: dict[str, Callable[[], float]] = {
            "ours": lambda: per_call(our_call, sizes.calls),
            "raw": lambda: per_call(raw_call, sizes.calls),
        }
        v2 = bench.v2
        if v2 is not None:
            contenders["v2"] = lambda: v2.get_activity(url, sizes.calls)
        for contender in contenders.values():  # warm up: imports, model building, connections
            contender()
        results = rounds(contenders, sizes.rounds)
    ours = results["ours"]
    return Figure(
        "sync_call",
        "sync `core.get_activity` per call, model parsed",
        Measure(ours, "s"),
        [versus("raw `httpx.Client` GET + `.json()`", ours, results["raw"], "s", at_most(1.0, "<= 1.0x")),
         versus(f"{V2_NAME} sync `OFSC.core.get_activity` (returns a dict, no model)", ours,
                results.get("v2"), "s", at_most(0.50, "<= 0.50x"))],
        notes=[f"{sizes.rounds} rounds of {sizes.calls} calls per contender, in rotating order; "
               "relation = our time / theirs, per round."],
    )  # fmt: skip


async def _throughput(call: Callable[[], Awaitable[object]], seconds: float) -> float:
    """Requests per second over about ``seconds``, with ``IN_FLIGHT`` concurrent workers."""
    completed = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def worker() -> None:
        nonlocal completed
        while True:  # at least one call each, so that a loaded machine cannot measure nothing
            await call()
            completed += 1
            if time.perf_counter() >= deadline:
                return

    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    return completed / (time.perf_counter() - start)


def async_throughput(bench: Bench) -> list[Figure]:
    """Requests per second at 20 in flight, ``AsyncOFSC`` on each backend beside the raw
    library it sends through (and ofsc 2.x)."""
    sizes = bench.sizes
    results = asyncio.run(_async_rounds(bench, sizes.async_seconds, sizes.rounds))
    note = (f"{sizes.rounds} rounds of {sizes.async_seconds:g} s per contender, in rotating order; "
            "relation = our rate / theirs, per round.")  # fmt: skip
    aiohttp_backend, httpx_backend = results["ours_aiohttp"], results["ours_httpx"]
    return [
        Figure(
            "async_throughput",
            f"async throughput, {IN_FLIGHT} in flight, `AsyncOFSC(http_backend=\"aiohttp\")`",
            Measure(aiohttp_backend, "req/s"),
            [
                versus("raw `aiohttp.ClientSession`, same concurrency", aiohttp_backend, results["aiohttp"],
                       "req/s", at_least(0.85, ">= 0.85x")),
                versus("raw `httpx.AsyncClient` (default pool), same concurrency", aiohttp_backend,
                       results["httpx"], "req/s", at_least(10.0, ">= 10x")),
                versus(f"{V2_NAME} `AsyncOFSC.core.get_activity` (default `HTTPClientConfig`), same concurrency",
                       aiohttp_backend, results.get("v2"), "req/s", at_least(8.0, ">= 8x")),
            ],
            notes=[note],
        ),
        Figure(
            "async_throughput_httpx",
            f"async throughput, {IN_FLIGHT} in flight, `AsyncOFSC(http_backend=\"httpx\")` (the default)",
            Measure(httpx_backend, "req/s"),
            [versus("raw `httpx.AsyncClient` (default pool), same concurrency", httpx_backend, results["httpx"],
                    "req/s", at_least(10.0, ">= 10x"))],
            notes=[note, "The httpx backend sends through `httpx.AsyncClient` itself, so it cannot outrun "
                   "it: at this concurrency most of the time goes to httpcore's connection pool "
                   "(`_assign_requests_to_connections` checks every pooled connection on each request). "
                   "That is what `http_backend=\"aiohttp\"` is for."],
        ),
    ]  # fmt: skip


async def _async_rounds(bench: Bench, seconds: float, count: int) -> dict[str, Samples]:
    import aiohttp

    url, v2 = bench.fast_url, bench.v2
    async with (
        async_client(url, "aiohttp") as sdk,
        async_client(url, "httpx") as sdk_httpx,
        httpx.AsyncClient(headers=_headers()) as raw_httpx,
        aiohttp.ClientSession(headers=_headers()) as raw_aiohttp,
    ):

        async def our_call() -> object:
            return await sdk.core.get_activity(activity_id=ACTIVITY_ID)

        async def our_httpx_call() -> object:
            return await sdk_httpx.core.get_activity(activity_id=ACTIVITY_ID)

        async def httpx_call() -> object:
            return (await raw_httpx.get(url + ACTIVITY_PATH)).json()

        async def aiohttp_call() -> object:
            async with raw_aiohttp.get(url + ACTIVITY_PATH) as response:
                return await response.json()

        async def in_this_loop(call: Callable[[], Awaitable[object]]) -> float:
            return await _throughput(call, seconds)

        contenders: dict[str, Callable[[], Awaitable[float]]] = {
            name: functools.partial(in_this_loop, call)
            for name, call in (
                ("ours_aiohttp", our_call),
                ("ours_httpx", our_httpx_call),
                ("httpx", httpx_call),
                ("aiohttp", aiohttp_call),
            )
        }
        if v2 is not None:

            async def v2_rate() -> float:
                # 2.x runs its own event loop in its own process; this one waits, idle.
                return v2.async_throughput(url, seconds, IN_FLIGHT)

            contenders["v2"] = v2_rate
        for contender in contenders.values():  # warm up: imports, model building, connections
            await contender()
        results = {name: Samples() for name in contenders}
        for name in schedule(list(contenders), count):
            results[name].add(await contenders[name]())
        return results
