"""Change the status of many activities at once: start, complete, cancel, suspend or not done.

    python examples/bulk_status_update.py complete 4225274 4225275 4225276
    python examples/bulk_status_update.py cancel --ids-file to_cancel.txt --concurrency 4

The calls run concurrently on one async client, at most --concurrency at a time. A status
change is a POST: if a request may have reached OFS before failing, it is not replayed
(doing it twice could fail or do harm), so it is reported as failed for you to check. The
exit status is 1 when any activity failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ofsc import AsyncOFSC, OFSCError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

ACTIONS = ("start", "complete", "cancel", "suspend", "not_done")


def action_method(client: AsyncOFSC, action: str) -> Callable[..., Awaitable[object]]:
    core = client.core
    return {
        "start": core.start_activity,
        "complete": core.complete_activity,
        "cancel": core.cancel_activity,
        "suspend": core.suspend_activity,
        "not_done": core.mark_activity_not_done,
    }[action]


async def update_statuses(
    client: AsyncOFSC, action: str, activity_ids: list[int], concurrency: int
) -> dict[int, str]:
    """Apply ``action`` to every activity; return the failures (activity id -> reason)."""
    change = action_method(client, action)
    limit = asyncio.Semaphore(concurrency)
    failures: dict[int, str] = {}

    async def update(activity_id: int) -> None:
        async with limit:
            try:
                await change(activity_id=activity_id, body={})
            except OFSCError as exc:
                failures[activity_id] = f"{type(exc).__name__}: {exc}"

    await asyncio.gather(*(update(activity_id) for activity_id in activity_ids))
    return failures


async def run(action: str, activity_ids: list[int], concurrency: int) -> int:
    async with AsyncOFSC() as client:
        failures = await update_statuses(client, action, activity_ids, concurrency)
    for activity_id, reason in sorted(failures.items()):
        print(f"activity {activity_id}: {reason}", file=sys.stderr)
    print(f"{action}: {len(activity_ids) - len(failures)} done, {len(failures)} failed")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=ACTIONS)
    parser.add_argument("ids", nargs="*", type=int, help="activity ids")
    parser.add_argument("--ids-file", type=Path, help="a file with one activity id per line")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight at once")
    args = parser.parse_args()
    activity_ids = list(args.ids)
    if args.ids_file:
        activity_ids += [int(line) for line in args.ids_file.read_text().split() if line]
    if not activity_ids:
        parser.error("no activity ids given")
    return asyncio.run(run(args.action, activity_ids, args.concurrency))


if __name__ == "__main__":
    sys.exit(main())
