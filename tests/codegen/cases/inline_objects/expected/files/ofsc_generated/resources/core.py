"""The `core` API family: 1 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import core as _ops

if TYPE_CHECKING:
    from ofsc.runtime import RequestOptions

    from ..models.resource import Resource


class CoreAPI(SyncAPI):
    """The `core` operations (blocking). Reached as ``client.core``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def get_resources(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> Resource:
        """Get it.

        ``GET /rest/ofscCore/v1/resources/one``
        """
        return self._request(
            _ops.GET_RESOURCES,
            {},
            options,
        )


class AsyncCoreAPI(AsyncAPI):
    """The `core` operations (async). Reached as ``client.core``."""

    _operations = _ops

    async def get_resources(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> Resource:
        """Get it.

        ``GET /rest/ofscCore/v1/resources/one``
        """
        return await self._request(
            _ops.GET_RESOURCES,
            {},
            options,
        )
