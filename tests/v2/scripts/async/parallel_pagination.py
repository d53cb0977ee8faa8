"""A script written for the ofsc 2.x async client: the first page tells the total, the other
pages are fetched at the same time."""

import asyncio
import os

from ofsc.async_client import AsyncOFSC

PAGE = 4


async def main() -> None:
    async with AsyncOFSC(
        os.environ["OFSC_CLIENT_ID"],
        os.environ["OFSC_COMPANY"],
        os.environ["OFSC_CLIENT_SECRET"],
        baseUrl=os.environ.get("OFSC_BASE_URL"),
    ) as client:
        first = await client.core.get_resources(offset=0, limit=PAGE)
        offsets = range(PAGE, first.totalResults, PAGE)
        rest = await asyncio.gather(*(client.core.get_resources(offset=o, limit=PAGE) for o in offsets))
        resources = [r for page in [first, *rest] for r in page.items]
        print(f"pages: {1 + len(rest)}")
        print(f"resources: {len(resources)} of {first.totalResults}")
        print(f"distinct: {len({r.resourceId for r in resources})}")


if __name__ == "__main__":
    asyncio.run(main())
