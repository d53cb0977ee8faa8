"""A script written for the ofsc 2.x async client: every work zone through the async generator."""

import asyncio
import os

from ofsc.async_client import AsyncOFSC


async def main() -> None:
    async with AsyncOFSC(
        os.environ["OFSC_CLIENT_ID"],
        os.environ["OFSC_COMPANY"],
        os.environ["OFSC_CLIENT_SECRET"],
        baseUrl=os.environ.get("OFSC_BASE_URL"),
    ) as client:
        labels = [zone.workZoneLabel async for zone in client.metadata.get_all_workzones(limit=3)]
        print(f"work zones: {len(labels)}")
        print("first:", labels[0])
        active = 0
        async for zone in client.metadata.get_all_workzones(limit=5):
            active += zone.status == "active"
        print(f"active: {active}")


if __name__ == "__main__":
    asyncio.run(main())
