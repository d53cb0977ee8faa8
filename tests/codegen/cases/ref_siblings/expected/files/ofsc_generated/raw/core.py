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
    from ofsc.runtime import RawResponse, RequestOptions

    from ..models.event import Event


class RawCoreAPI(Protocol):
    """``client.with_raw_response.core`` of :class:`~ofsc.OFSC`."""

    def get_events(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> RawResponse[Event]:
        """Get it."""


class AsyncRawCoreAPI(Protocol):
    """``client.with_raw_response.core`` of :class:`~ofsc.AsyncOFSC`."""

    async def get_events(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> RawResponse[Event]:
        """Get it."""
