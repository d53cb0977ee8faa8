"""The `core` API family: 2 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import core as _ops

if TYPE_CHECKING:
    from ofsc.runtime import RequestOptions

    from ..models.holder import Holder
    from ..models.team_work import TeamWork


class CoreAPI(SyncAPI):
    """The `core` operations (blocking). Reached as ``client.core``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def get_holders(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> Holder:
        """Get it.

        ``GET /rest/ofscCore/v1/holders/one``
        """
        return self._request(
            _ops.GET_HOLDERS,
            {},
            options,
        )

    def get_teams(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> TeamWork:
        """Get team.

        ``GET /rest/ofscCore/v1/teams/one``
        """
        return self._request(
            _ops.GET_TEAMS,
            {},
            options,
        )


class AsyncCoreAPI(AsyncAPI):
    """The `core` operations (async). Reached as ``client.core``."""

    _operations = _ops

    async def get_holders(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> Holder:
        """Get it.

        ``GET /rest/ofscCore/v1/holders/one``
        """
        return await self._request(
            _ops.GET_HOLDERS,
            {},
            options,
        )

    async def get_teams(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> TeamWork:
        """Get team.

        ``GET /rest/ofscCore/v1/teams/one``
        """
        return await self._request(
            _ops.GET_TEAMS,
            {},
            options,
        )
