"""``ofsc.async_client.metadata``: where 2.x kept ``AsyncOFSMetadata``, the 2.x async metadata API."""

from ._apis import AsyncOFSMetadata

__all__ = ["AsyncOFSMetadata"]
