"""A script written for the ofsc 2.x async client: basic usage (kept as 2.x users wrote it)."""

import asyncio
import os

from ofsc.async_client import AsyncOFSC
from ofsc.exceptions import OFSCNotFoundError


async def main() -> None:
    async with AsyncOFSC(
        clientID=os.environ["OFSC_CLIENT_ID"],
        companyName=os.environ["OFSC_COMPANY"],
        secret=os.environ["OFSC_CLIENT_SECRET"],
        baseUrl=os.environ.get("OFSC_BASE_URL"),
    ) as client:
        zone = await client.metadata.get_workzone("ALTAMONTE")
        print(f"work zone: {zone.workZoneLabel} {zone.workZoneName} {zone.status}")
        resource = await client.core.get_resource("TECH1", expand_workzones=True)
        print(f"resource: {resource.resourceId} {resource.name}")
        user = await client.core.get_user("jdoe")
        print(f"user: {user.login} {user.name}")
        try:
            await client.core.get_activity(999999)
        except OFSCNotFoundError as e:
            print(f"not found: {e.status_code}")


if __name__ == "__main__":
    asyncio.run(main())
