"""``ofsc.async_client.statistics``: where 2.x kept ``AsyncOFSStatistics``, the 2.x async statistics API."""

from ._apis import AsyncOFSStatistics

__all__ = ["AsyncOFSStatistics"]
