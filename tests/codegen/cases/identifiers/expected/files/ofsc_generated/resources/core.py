"""The `core` API family: 2 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import core as _ops

if TYPE_CHECKING:
    from ofsc.runtime import RequestOptions

    from ..models.calendar_item import CalendarItem
    from ..models.error_with_response_code import ErrorWithResponseCode


class CoreAPI(SyncAPI):
    """The `core` operations (blocking). Reached as ``client.core``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def get_errors(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> ErrorWithResponseCode:
        """Get it.

        ``GET /rest/ofscCore/v1/errors/one``
        """
        return self._request(
            _ops.GET_ERRORS,
            {},
            options,
        )

    def get_calendars(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> CalendarItem:
        """Get it.

        ``GET /rest/ofscCore/v1/calendars/one``
        """
        return self._request(
            _ops.GET_CALENDARS,
            {},
            options,
        )


class AsyncCoreAPI(AsyncAPI):
    """The `core` operations (async). Reached as ``client.core``."""

    _operations = _ops

    async def get_errors(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> ErrorWithResponseCode:
        """Get it.

        ``GET /rest/ofscCore/v1/errors/one``
        """
        return await self._request(
            _ops.GET_ERRORS,
            {},
            options,
        )

    async def get_calendars(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> CalendarItem:
        """Get it.

        ``GET /rest/ofscCore/v1/calendars/one``
        """
        return await self._request(
            _ops.GET_CALENDARS,
            {},
            options,
        )
