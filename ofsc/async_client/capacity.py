"""``ofsc.async_client.capacity``: where 2.x kept ``AsyncOFSCapacity``, the 2.x async capacity API."""

from ._apis import AsyncOFSCapacity

__all__ = ["AsyncOFSCapacity"]
