"""Operations of the `core` API family (1), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation

if TYPE_CHECKING:
    from ..models.resource import Resource

GET_RESOURCES: Operation[Resource] = Operation(
    family="core",
    name="get_resources",
    method="GET",
    path="/rest/ofscCore/v1/resources/one",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.resource:Resource",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/resources/one",
    summary="Get it",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (GET_RESOURCES,)
