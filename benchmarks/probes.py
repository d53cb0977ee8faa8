"""Measurements that need a fresh interpreter, run as ``python -m benchmarks.probes NAME JSON``.

Each prints one JSON object. ``first-calls`` times the first call of each API family in a
process that has made none yet (what lazy loading leaves for the first call to do);
``download`` streams a file property to disk and reports the process's peak RSS growth,
which only means something in a process that has done nothing else.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from .context import async_client, sync_client

if TYPE_CHECKING:
    from collections.abc import Callable

KiB = 1024


def first_calls(base_url: str, plan: list[dict[str, Any]]) -> dict[str, Any]:
    """The first client construction (under ``"client"``), then the first call of each family.

    ``plan``: ``{"family", "method", "arguments"}`` per family, in the order to call them."""
    timings = {}
    constructions = []
    for _ in range(2):  # the first client, then another
        start = time.perf_counter()
        sync_client(base_url).close()
        constructions.append(time.perf_counter() - start)
    timings["client"] = {"first": constructions[0], "again": constructions[1]}
    with sync_client(base_url) as client:
        # Open the connection first, so that no family's first call pays for the TCP handshake.
        client._http.get(f"{base_url}/rest/ofscCore/v1/activities/1").read()
        for step in plan:
            seconds = []
            for _ in range(2):  # the first call, then the same call again
                start = time.perf_counter()
                method = getattr(getattr(client, step["family"]), step["method"])
                method(**step["arguments"])
                seconds.append(time.perf_counter() - start)
            timings[step["family"]] = {"first": seconds[0], "again": seconds[1]}
    return timings


def download(base_url: str, size: int, target: str, mode: str) -> dict[str, Any]:
    """Stream a ``size``-byte file property to ``target`` with the sync or async client,
    after a small warm-up download (imports, buffers, the connection)."""
    warm_up, label = f"blob_{256 * KiB}", f"blob_{size}"
    if mode == "async":
        return asyncio.run(_download_async(base_url, warm_up, label, target))
    with sync_client(base_url) as client:
        client.core.get_file_property(activity_id=1, property_label=warm_up).write_to(target)
        with PeakRSS() as peak:
            written = client.core.get_file_property(activity_id=1, property_label=label).write_to(target)
    Path(target).unlink()
    return peak.report(written)


async def _download_async(base_url: str, warm_up: str, label: str, target: str) -> dict[str, Any]:
    async with async_client(base_url) as client:
        await (await client.core.get_file_property(activity_id=1, property_label=warm_up)).write_to(target)
        with PeakRSS() as peak:
            written = await (
                await client.core.get_file_property(activity_id=1, property_label=label)
            ).write_to(target)
    Path(target).unlink()
    return peak.report(written)


class PeakRSS:
    """How much the process's peak RSS grows during a block (Linux: ``/proc/self``)."""

    def __enter__(self) -> Self:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # peak := current
        self.baseline = _status_kib("VmHWM")
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
        self.growth = (_status_kib("VmHWM") - self.baseline) * KiB

    def report(self, written: int) -> dict[str, Any]:
        return {"bytes": written, "seconds": self.seconds, "rss_growth": self.growth}


def _status_kib(field: str) -> int:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"/proc/self/status has no {field}: peak RSS cannot be measured here")
    return int(match.group(1))


PROBES: dict[str, Callable[..., dict[str, Any]]] = {"first-calls": first_calls, "download": download}


def main() -> None:
    name, arguments = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(PROBES[name](**arguments)))


if __name__ == "__main__":
    main()
