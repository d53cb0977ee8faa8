"""The `capacity` API family: 1 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import capacity as _ops

if TYPE_CHECKING:
    from ofsc.runtime import RequestOptions

    from ..models.v2_quota_area import V2QuotaArea


class CapacityAPI(SyncAPI):
    """The `capacity` operations (blocking). Reached as ``client.capacity``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def get_quota(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> V2QuotaArea:
        """Get it.

        ``GET /rest/ofscCapacity/v2/quota``
        """
        return self._request(
            _ops.GET_QUOTA,
            {},
            options,
        )


class AsyncCapacityAPI(AsyncAPI):
    """The `capacity` operations (async). Reached as ``client.capacity``."""

    _operations = _ops

    async def get_quota(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> V2QuotaArea:
        """Get it.

        ``GET /rest/ofscCapacity/v2/quota``
        """
        return await self._request(
            _ops.GET_QUOTA,
            {},
            options,
        )
