"""Operations of the `core` API family (2), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation

if TYPE_CHECKING:
    from ..models.holder import Holder
    from ..models.team_work import TeamWork

GET_HOLDERS: Operation[Holder] = Operation(
    family="core",
    name="get_holders",
    method="GET",
    path="/rest/ofscCore/v1/holders/one",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.holder:Holder",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/holders/one",
    summary="Get it",
    tag="Core/Things",
)

GET_TEAMS: Operation[TeamWork] = Operation(
    family="core",
    name="get_teams",
    method="GET",
    path="/rest/ofscCore/v1/teams/one",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.team_work:TeamWork",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/teams/one",
    summary="Get team",
    tag="Core/Teams",
)

OPERATIONS: tuple[Operation[Any], ...] = (
    GET_HOLDERS,
    GET_TEAMS,
)
