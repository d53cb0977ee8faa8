"""The `core` API family: 1 operations, sync and async.

Generated from OFS REST spec 1.0; do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ofsc.runtime import AsyncAPI, SyncAPI

from ..operations import core as _ops

if TYPE_CHECKING:
    from ofsc.runtime import RequestOptions

    from ..models.resource_work_skill_list import ResourceWorkSkillList


class CoreAPI(SyncAPI):
    """The `core` operations (blocking). Reached as ``client.core``."""

    _operations = _ops  # how the runtime finds a method's Operation (client.paginate)

    def get_work_skills(
        self,
        *,
        resource_id: str,
        options: RequestOptions | None = None,
    ) -> ResourceWorkSkillList:
        """Get it.

        Args:
            resource_id: See the OFS documentation.

        ``GET /rest/ofscCore/v1/resources/{resourceId}/workSkills``
        """
        return self._request(
            _ops.GET_WORK_SKILLS,
            {
                "resource_id": resource_id,
            },
            options,
        )


class AsyncCoreAPI(AsyncAPI):
    """The `core` operations (async). Reached as ``client.core``."""

    _operations = _ops

    async def get_work_skills(
        self,
        *,
        resource_id: str,
        options: RequestOptions | None = None,
    ) -> ResourceWorkSkillList:
        """Get it.

        Args:
            resource_id: See the OFS documentation.

        ``GET /rest/ofscCore/v1/resources/{resourceId}/workSkills``
        """
        return await self._request(
            _ops.GET_WORK_SKILLS,
            {
                "resource_id": resource_id,
            },
            options,
        )
