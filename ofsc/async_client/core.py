"""``ofsc.async_client.core``: where 2.x kept ``AsyncOFSCore``, the 2.x async core API."""

from ._apis import AsyncOFSCore

__all__ = ["AsyncOFSCore"]
