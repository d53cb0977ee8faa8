"""The `core` API family answering with raw responses, for type checkers.

``client.with_raw_response.core`` has the methods of ``client.core`` with the
same arguments; each returns a :class:`~ofsc.RawResponse` whose ``.parse()`` gives what the
method itself returns. At run time that object is an endpoint class of ``resources/`` on
the client's raw twin: these protocols describe it and are not imported by the runtime.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Literal

    from ofsc.runtime import RawResponse, RequestOptions

    from ..models.things import Things


class RawCoreAPI(Protocol):
    """``client.with_raw_response.core`` of :class:`~ofsc.OFSC`."""

    def things_get_things(
        self,
        *,
        date_from: dt.date | str,
        fields: Sequence[str] | None = None,
        include_children: Literal["none", "immediate", "all"] | str | None = None,
        offset: int | None = None,
        options: RequestOptions | None = None,
    ) -> RawResponse[Things]:
        """Get things."""


class AsyncRawCoreAPI(Protocol):
    """``client.with_raw_response.core`` of :class:`~ofsc.AsyncOFSC`."""

    async def things_get_things(
        self,
        *,
        date_from: dt.date | str,
        fields: Sequence[str] | None = None,
        include_children: Literal["none", "immediate", "all"] | str | None = None,
        offset: int | None = None,
        options: RequestOptions | None = None,
    ) -> RawResponse[Things]:
        """Get things."""
