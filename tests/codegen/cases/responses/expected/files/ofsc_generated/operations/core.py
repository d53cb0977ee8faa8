"""Operations of the `core` API family (2), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation, Param

if TYPE_CHECKING:
    from ..models.get_subscriptions_response import GetSubscriptionsResponse
    from ..models.plans import Plans

GET_SUBSCRIPTIONS: Operation[GetSubscriptionsResponse] = Operation(
    family="core",
    name="get_subscriptions",
    method="GET",
    path="/rest/ofscCore/v1/events/subscriptions",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.get_subscriptions_response:GetSubscriptionsResponse",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/events/subscriptions",
    summary="Get subscriptions",
    tag="Core/Events",
)

GET_PLANS: Operation[Plans | None] = Operation(
    family="core",
    name="get_plans",
    method="GET",
    path="/rest/ofscCore/v1/resources/{resourceId}/plans",
    params=(Param("resource_id", "resourceId", "path", True, (str,)),),
    success=(
        200,
        204,
    ),
    response_kind="optional_model",
    response_model="ofsc_generated.models.plans:Plans",
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/resources/{resourceId}/plans",
    summary="Get plans",
    tag="Core/Resources",
)

OPERATIONS: tuple[Operation[Any], ...] = (
    GET_SUBSCRIPTIONS,
    GET_PLANS,
)
