"""Operations of the `core` API family (1), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation

if TYPE_CHECKING:
    from ..models.event import Event

GET_EVENTS: Operation[Event] = Operation(
    family="core",
    name="get_events",
    method="GET",
    path="/rest/ofscCore/v1/events/one",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.event:Event",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/events/one",
    summary="Get it",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (GET_EVENTS,)
