"""The `metadata` API family answering with raw responses, for type checkers.

``client.with_raw_response.metadata`` has the methods of ``client.metadata`` with the
same arguments; each returns a :class:`~ofsc.RawResponse` whose ``.parse()`` gives what the
method itself returns. At run time that object is an endpoint class of ``resources/`` on
the client's raw twin: these protocols describe it and are not imported by the runtime.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ofsc.runtime import RawResponse, RequestOptions

    from ..models.work_skills import WorkSkills


class RawMetadataAPI(Protocol):
    """``client.with_raw_response.metadata`` of :class:`~ofsc.OFSC`."""

    def get_work_skills(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> RawResponse[WorkSkills]:
        """Get it."""


class AsyncRawMetadataAPI(Protocol):
    """``client.with_raw_response.metadata`` of :class:`~ofsc.AsyncOFSC`."""

    async def get_work_skills(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> RawResponse[WorkSkills]:
        """Get it."""
