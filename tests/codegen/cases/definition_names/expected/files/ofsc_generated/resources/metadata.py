"""The `metadata` API family: 1 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import metadata as _ops

if TYPE_CHECKING:
    from ofsc.runtime import RequestOptions

    from ..models.work_skills import WorkSkills


class MetadataAPI(SyncAPI):
    """The `metadata` operations (blocking). Reached as ``client.metadata``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def get_work_skills(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> WorkSkills:
        """Get it.

        ``GET /rest/ofscMetadata/v1/workSkills``
        """
        return self._request(
            _ops.GET_WORK_SKILLS,
            {},
            options,
        )


class AsyncMetadataAPI(AsyncAPI):
    """The `metadata` operations (async). Reached as ``client.metadata``."""

    _operations = _ops

    async def get_work_skills(
        self,
        *,
        options: RequestOptions | None = None,
    ) -> WorkSkills:
        """Get it.

        ``GET /rest/ofscMetadata/v1/workSkills``
        """
        return await self._request(
            _ops.GET_WORK_SKILLS,
            {},
            options,
        )
