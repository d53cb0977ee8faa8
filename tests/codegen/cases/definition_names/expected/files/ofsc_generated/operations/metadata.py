"""Operations of the `metadata` API family (1), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation

if TYPE_CHECKING:
    from ..models.work_skills import WorkSkills

GET_WORK_SKILLS: Operation[WorkSkills] = Operation(
    family="metadata",
    name="get_work_skills",
    method="GET",
    path="/rest/ofscMetadata/v1/workSkills",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.work_skills:WorkSkills",
    retry_safe=True,
    operation_id="get /rest/ofscMetadata/v1/workSkills",
    summary="Get it",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (GET_WORK_SKILLS,)
