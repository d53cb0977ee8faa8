"""Export every resource to JSON Lines, fetching pages in parallel.

    python examples/parallel_pagination.py [--out resources.jsonl] [--concurrency 4]

The async client's ``paginate`` reads the first page, learns the total, then fetches the
remaining pages concurrently (at most ``--concurrency`` at once) while still yielding the
items in order. Keep the concurrency modest: OFS queues or rejects requests beyond its
per-operation limits (see docs/BEST_PRACTICES.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from ofsc import AsyncOFSC


async def export_resources(out: Path, concurrency: int, page_size: int) -> int:
    count = 0
    async with AsyncOFSC() as client:
        resources = client.paginate(client.core.get_resources, limit=page_size, concurrency=concurrency)
        with out.open("w", encoding="utf-8") as lines:
            async for resource in resources:
                lines.write(json.dumps(resource.to_api()) + "\n")
                count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources.jsonl"))
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    count = asyncio.run(export_resources(args.out, args.concurrency, args.page_size))
    print(f"wrote {count} resources to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
