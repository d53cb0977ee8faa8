"""Operations of the `core` API family (1), as data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ofsc.runtime import Operation, Paging, Param

if TYPE_CHECKING:
    from ..models.things import Things

THINGS_GET_THINGS: Operation[Things] = Operation(
    family="core",
    name="things_get_things",
    method="GET",
    path="/rest/ofscCore/v1/things",
    params=(
        Param(
            "date_from",
            "dateFrom",
            "query",
            True,
            (
                dt.date,
                str,
            ),
        ),
        Param("fields", "fields", "query", False, (str,), array=True),
        Param("include_children", "includeChildren", "query", False, (str,)),
        Param("offset", "offset", "query", False, (int,), ge=0),
    ),
    success=(200,),
    response_kind="model",
    response_model="ofsc_generated.models.things:Things",
    paging=Paging("offset", has_more=False, total_results=True),
    retry_safe=True,
    operation_id="get /rest/ofscCore/v1/things",
    summary="Get things",
    tag="Core/Things",
)

OPERATIONS: tuple[Operation[Any], ...] = (THINGS_GET_THINGS,)
