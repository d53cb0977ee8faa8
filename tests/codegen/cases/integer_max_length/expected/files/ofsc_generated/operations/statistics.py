"""Operations of the `statistics` API family (1), as data."""

from __future__ import annotations

from typing import Any

from ofsc.runtime import Body, Operation

PATCH_TRAVEL: Operation[None] = Operation(
    family="statistics",
    name="patch_travel",
    method="PATCH",
    path="/rest/ofscStatistics/v1/travel",
    params=(),
    success=(204,),
    response_kind="none",
    body=Body("json", name="body", required=True, model="ofsc_generated.models.travel_request:TravelRequest"),
    retry_safe=False,
    operation_id="patch /rest/ofscStatistics/v1/travel",
    summary="Update travel",
    tag="Statistics/Travel",
)

OPERATIONS: tuple[Operation[Any], ...] = (PATCH_TRAVEL,)
