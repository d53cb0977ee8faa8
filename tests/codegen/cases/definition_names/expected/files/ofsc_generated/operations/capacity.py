"""Operations of the `capacity` API family (1), as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation

if TYPE_CHECKING:
    from ..models.v2_quota_area import V2QuotaArea

GET_QUOTA: Operation[V2QuotaArea] = Operation(
    family="capacity",
    name="get_quota",
    method="GET",
    path="/rest/ofscCapacity/v2/quota",
    params=(),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.v2_quota_area:V2QuotaArea",
    retry_safe=True,
    operation_id="get /rest/ofscCapacity/v2/quota",
    summary="Get it",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (GET_QUOTA,)
