"""The `core` API family: 1 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import core as _ops

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Literal

    from ofsc.runtime import RequestOptions

    from ..models.things import Things


class CoreAPI(SyncAPI):
    """The `core` operations (blocking). Reached as ``client.core``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def things_get_things(
        self,
        *,
        date_from: dt.date | str,
        fields: Sequence[str] | None = None,
        include_children: Literal["none", "immediate", "all"] | str | None = None,
        offset: int | None = None,
        options: RequestOptions | None = None,
    ) -> Things:
        """Get things.

        Args:
            date_from: See the OFS documentation.
            fields: (optional) See the OFS documentation.
            include_children: (optional) See the OFS documentation.
            offset: (optional) See the OFS documentation.

        Pageable: pass this method to ``client.paginate(...)`` to iterate over every item.

        ``GET /rest/ofscCore/v1/things``
        """
        return self._request(
            _ops.THINGS_GET_THINGS,
            {
                "date_from": date_from,
                "fields": fields,
                "include_children": include_children,
                "offset": offset,
            },
            options,
        )


class AsyncCoreAPI(AsyncAPI):
    """The `core` operations (async). Reached as ``client.core``."""

    _operations = _ops

    async def things_get_things(
        self,
        *,
        date_from: dt.date | str,
        fields: Sequence[str] | None = None,
        include_children: Literal["none", "immediate", "all"] | str | None = None,
        offset: int | None = None,
        options: RequestOptions | None = None,
    ) -> Things:
        """Get things.

        Args:
            date_from: See the OFS documentation.
            fields: (optional) See the OFS documentation.
            include_children: (optional) See the OFS documentation.
            offset: (optional) See the OFS documentation.

        Pageable: pass this method to ``client.paginate(...)`` to iterate over every item.

        ``GET /rest/ofscCore/v1/things``
        """
        return await self._request(
            _ops.THINGS_GET_THINGS,
            {
                "date_from": date_from,
                "fields": fields,
                "include_children": include_children,
                "offset": offset,
            },
            options,
        )
