"""The `statistics` API family answering with raw responses, for type checkers.

``client.with_raw_response.statistics`` has the methods of ``client.statistics`` with the
same arguments; each returns a :class:`~ofsc.RawResponse` whose ``.parse()`` gives what the
method itself returns. At run time that object is an endpoint class of ``resources/`` on
the client's raw twin: these protocols describe it and are not imported by the runtime.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from ofsc.runtime import RawResponse, RequestOptions

    from ..models.travel_request import TravelRequest


class RawStatisticsAPI(Protocol):
    """``client.with_raw_response.statistics`` of :class:`~ofsc.OFSC`."""

    def patch_travel(
        self,
        *,
        body: TravelRequest | Mapping[str, Any],
        options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """Update travel."""


class AsyncRawStatisticsAPI(Protocol):
    """``client.with_raw_response.statistics`` of :class:`~ofsc.AsyncOFSC`."""

    async def patch_travel(
        self,
        *,
        body: TravelRequest | Mapping[str, Any],
        options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """Update travel."""
