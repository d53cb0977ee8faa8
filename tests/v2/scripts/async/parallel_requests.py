"""A script written for the ofsc 2.x async client: parallel requests with asyncio.gather."""

import asyncio
import os

from ofsc.async_client import AsyncOFSC, HTTPClientConfig


async def main() -> None:
    async with AsyncOFSC(
        os.environ["OFSC_CLIENT_ID"],
        os.environ["OFSC_COMPANY"],
        os.environ["OFSC_CLIENT_SECRET"],
        baseUrl=os.environ.get("OFSC_BASE_URL"),
        http_config=HTTPClientConfig(max_concurrency=4, timeout=30),
    ) as client:
        zones, resources, users = await asyncio.gather(
            client.metadata.get_workzones(offset=0, limit=100),
            client.core.get_resources(offset=0, limit=100),
            client.core.get_users(offset=0, limit=100),
        )
        print(f"work zones: {zones.totalResults}")
        print(f"resources: {resources.totalResults}")
        print(f"users: {users.totalResults}")
        details = await asyncio.gather(
            *(client.metadata.get_workzone(z.workZoneLabel) for z in zones.items[:3])
        )
        print("details:", ", ".join(sorted(d.workZoneLabel for d in details)))


if __name__ == "__main__":
    asyncio.run(main())
