"""Operations of the `core` API family (2), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation

if TYPE_CHECKING:
    from ..models.calendar_item import CalendarItem
    from ..models.error_with_response_code import ErrorWithResponseCode

GET_ERRORS: Operation[ErrorWithResponseCode] = Operation(
    family="core",
    name="get_errors",
    method="GET",
    path="/rest/ofscCore/v1/errors/one",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.error_with_response_code:ErrorWithResponseCode",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/errors/one",
    summary="Get it",
    tag="Core/Things",
)

GET_CALENDARS: Operation[CalendarItem] = Operation(
    family="core",
    name="get_calendars",
    method="GET",
    path="/rest/ofscCore/v1/calendars/one",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.calendar_item:CalendarItem",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/calendars/one",
    summary="Get it",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (
    GET_ERRORS,
    GET_CALENDARS,
)
