"""The SDK end to end, against a local mock OFS: no network, no credentials.

    make demo            (or: .venv/bin/python examples/demo.py)

Starts the mock OFS from ``ofsc.testing`` on 127.0.0.1 and drives it over HTTP with the
real clients, ``OFSC`` and ``AsyncOFSC``: metadata, an activity's life, paging, a file
download, concurrent calls and a retry through injected failures. Each step prints what
it did and how long it took.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ofsc import OFSC, AsyncOFSC
from ofsc.testing import MockOFS

if TYPE_CHECKING:
    from collections.abc import Iterator

CREDENTIALS = {"instance": "acme", "client_id": "cid", "client_secret": "s3cr3t"}
# What the mock holds at the start: sampled objects, the same on every run.
FIXTURE = {"generate": {"workZones": 6, "resources": 2, "users": 230}}
FILE_SIZE = 50 * 1024 * 1024
PAGE = 50


class Steps:
    """Times each step and prints it."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []

    @contextmanager
    def step(self, title: str) -> Iterator[None]:
        print(f"\n== {len(self.timings) + 1}. {title}")
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
        self.timings.append((title, elapsed))
        print(f"   done in {_ms(elapsed)}")

    def summary(self, requests: int) -> None:
        total = sum(elapsed for _, elapsed in self.timings)
        width = max(len(title) for title, _ in self.timings)
        print("\n== Summary")
        for title, elapsed in self.timings:
            print(f"   {title.ljust(width)}  {_ms(elapsed):>9}")
        print(f"   {'all steps'.ljust(width)}  {_ms(total):>9}   ({requests} requests served by the mock)")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def sync_steps(client: OFSC, mock: MockOFS, steps: Steps, workdir: Path) -> int:
    with steps.step("List work zones"):
        zones = client.metadata.get_workzones()
        labels = ", ".join(zone.work_zone_label for zone in zones.items or [])
        print(f"   {zones.total_results} work zones: {labels}")

    with steps.step("Create, update and read an activity"):
        resource_id = mock.store.items("resources")[0]["resourceId"]
        activity = {
            "activityType": "install",
            "resourceId": resource_id,
            "date": "2025-06-25",
            "customerName": "Ada Lovelace",
            "city": "London",
        }
        created = client.core.create_activity(body=activity)
        print(f"   created activity {created.activity_id} for resource {resource_id!r}")
        client.core.update_activity(activity_id=created.activity_id, body={"city": "Manchester", "points": 3})
        activity = client.core.get_activity(activity_id=created.activity_id)
        print(f"   read it back: {activity.customer_name}, {activity.city}, {activity.points} points")

    with steps.step(f"Page through users ({PAGE} a page)"):
        before = len(mock.calls)
        logins = [user.login for user in client.paginate(client.core.get_users, limit=PAGE)]
        requests = len(mock.calls) - before
        print(f"   {len(logins)} users in {requests} requests, from {logins[0]!r} to {logins[-1]!r}")

    with steps.step(f"Download a file property ({FILE_SIZE // (1024 * 1024)} MB, streamed)"):
        target = workdir / "site_survey.bin"
        with client.core.get_file_property(
            activity_id=created.activity_id, property_label="site_survey"
        ) as file:
            written = file.write_to(target)
        print(f"   wrote {written:,} bytes ({file.content_type}) to {target}")

    with steps.step("Survive two injected 503s with retries"):
        path = f"/rest/ofscCore/v1/activities/{created.activity_id}"
        mock.faults.add(path=path, method="GET", status=503, retry_after=0.1, count=2)
        activity = client.core.get_activity(activity_id=created.activity_id)
        statuses = [call.status for call in mock.calls if call.path == path][-3:]
        print(f"   the mock answered {statuses}; the client returned activity {activity.activity_id}")
    return created.activity_id


async def async_steps(base_url: str, activity_id: int, steps: Steps) -> None:
    async with AsyncOFSC(**CREDENTIALS, base_url=base_url) as client:
        with steps.step(f"Page through users, async ({PAGE} a page, 4 pages at a time)"):
            users = client.paginate(client.core.get_users, limit=PAGE, concurrency=4)
            logins = [user.login async for user in users]
            print(f"   {len(logins)} users, in order: {logins[0]!r} ... {logins[-1]!r}")

        with steps.step("100 concurrent async gets"):
            gets = [client.core.get_activity(activity_id=activity_id) for _ in range(100)]
            activities = await asyncio.gather(*gets)
            print(f"   {len(activities)} answers, all for activity {activities[0].activity_id}")


def main() -> int:
    mock = MockOFS(seed=7, fixture=FIXTURE, file_size=FILE_SIZE)
    steps = Steps()
    with mock.serve() as base_url, tempfile.TemporaryDirectory() as workdir:
        print(f"Mock OFS serving on {base_url} (instance 'acme', Basic auth)")
        with OFSC(**CREDENTIALS, base_url=base_url) as client:
            activity_id = sync_steps(client, mock, steps, Path(workdir))
        asyncio.run(async_steps(base_url, activity_id, steps))
    steps.summary(len(mock.calls))
    return 0


if __name__ == "__main__":
    sys.exit(main())
