"""The `core` API family: 2 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import core as _ops

if TYPE_CHECKING:
    from ofsc.runtime import RequestOptions

    from ..models.get_subscriptions_response import GetSubscriptionsResponse
    from ..models.plans import Plans


class CoreAPI(SyncAPI):
    """The `core` operations (blocking). Reached as ``client.core``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def get_subscriptions(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> GetSubscriptionsResponse:
        """Get subscriptions.

        ``GET /rest/ofscCore/v1/events/subscriptions``
        """
        return self._request(
            _ops.GET_SUBSCRIPTIONS,
            {},
            options,
        )

    def get_plans(
        self,
        *,
        resource_id: str,
        options: RequestOptions | None = None,
    ) -> Plans | None:
        """Get plans.

        Args:
            resource_id: See the OFS documentation.

        ``GET /rest/ofscCore/v1/resources/{resourceId}/plans``
        """
        return self._request(
            _ops.GET_PLANS,
            {
                "resource_id": resource_id,
            },
            options,
        )


class AsyncCoreAPI(AsyncAPI):
    """The `core` operations (async). Reached as ``client.core``."""

    _operations = _ops

    async def get_subscriptions(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> GetSubscriptionsResponse:
        """Get subscriptions.

        ``GET /rest/ofscCore/v1/events/subscriptions``
        """
        return await self._request(
            _ops.GET_SUBSCRIPTIONS,
            {},
            options,
        )

    async def get_plans(
        self,
        *,
        resource_id: str,
        options: RequestOptions | None = None,
    ) -> Plans | None:
        """Get plans.

        Args:
            resource_id: See the OFS documentation.

        ``GET /rest/ofscCore/v1/resources/{resourceId}/plans``
        """
        return await self._request(
            _ops.GET_PLANS,
            {
                "resource_id": resource_id,
            },
            options,
        )
