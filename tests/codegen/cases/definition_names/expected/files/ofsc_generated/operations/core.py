"""Operations of the `core` API family (1), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation, Param

if TYPE_CHECKING:
    from ..models.resource_work_skill_list import ResourceWorkSkillList

GET_WORK_SKILLS: Operation[ResourceWorkSkillList] = Operation(
    family="core",
    name="get_work_skills",
    method="GET",
    path="/rest/ofscCore/v1/resources/{resourceId}/workSkills",
    params=(Param("resource_id", "resourceId", "path", True, (str,)),),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.resource_work_skill_list:ResourceWorkSkillList",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/resources/{resourceId}/workSkills",
    summary="Get it",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (GET_WORK_SKILLS,)
