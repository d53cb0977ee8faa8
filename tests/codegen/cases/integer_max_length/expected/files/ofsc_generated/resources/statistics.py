"""The `statistics` API family: 1 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import statistics as _ops

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from ofsc.runtime import RequestOptions

    from ..models.travel_request import TravelRequest


class StatisticsAPI(SyncAPI):
    """The `statistics` operations (blocking). Reached as ``client.statistics``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def patch_travel(
        self,
        *,
        body: TravelRequest | Mapping[str, Any],
        options: RequestOptions | None = None,
    ) -> None:
        """Update travel.

        Args:
            body: The request body.

        ``PATCH /rest/ofscStatistics/v1/travel``
        """
        return self._request(
            _ops.PATCH_TRAVEL,
            {
                "body": body,
            },
            options,
        )


class AsyncStatisticsAPI(AsyncAPI):
    """The `statistics` operations (async). Reached as ``client.statistics``."""

    _operations = _ops

    async def patch_travel(
        self,
        *,
        body: TravelRequest | Mapping[str, Any],
        options: RequestOptions | None = None,
    ) -> None:
        """Update travel.

        Args:
            body: The request body.

        ``PATCH /rest/ofscStatistics/v1/travel``
        """
        return await self._request(
            _ops.PATCH_TRAVEL,
            {
                "body": body,
            },
            options,
        )
