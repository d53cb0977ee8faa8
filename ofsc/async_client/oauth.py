"""``ofsc.async_client.oauth``: where 2.x kept ``AsyncOFSOauth2``, the 2.x async token service API."""

from ._apis import AsyncOFSOauth2

__all__ = ["AsyncOFSOauth2"]
