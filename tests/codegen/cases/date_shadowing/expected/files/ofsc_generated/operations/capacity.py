"""Operations of the `capacity` API family (1), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation

if TYPE_CHECKING:
    from ..models.capacity import Capacity

GET_CAPACITY: Operation[Capacity] = Operation(
    family="capacity",
    name="get_capacity",
    method="GET",
    path="/rest/ofscCapacity/v1/capacity",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.capacity:Capacity",
    retry_safe=True,
    operation_id="get /rest/ofscCapacity/v1/capacity",
    summary="Get it",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (GET_CAPACITY,)
