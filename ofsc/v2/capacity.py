"""``OFSCapacity``: the 2.x capacity API (``getAvailableCapacity``, ``getQuota``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import OFSApi
from ._endpoint import endpoint
from ._wire import Call
from .models import CapacityRequest, CsvList, GetQuotaRequest

if TYPE_CHECKING:
    from pydantic import BaseModel

CAPACITY = "/rest/ofscCapacity"
CsvInput = list[str] | CsvList | str


def _api_params(request: BaseModel) -> list[tuple[str, str]]:
    """The query 2.x sent for a request model: lists as CSV, booleans as ``true``/``false``."""
    pairs: list[tuple[str, str]] = []
    for name in type(request).model_fields:
        value = getattr(request, name)
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            value = ",".join(map(str, value))
        pairs.append((name, str(value)))
    return pairs


class OFSCapacity(OFSApi):
    """The 2.x capacity API, reached as ``client.capacity`` (its method names are camelCase)."""

    @endpoint(
        "capacity.get_available_capacity",
        model="GetCapacityResponse",
        args={"aggregateResults": "aggregate_results", "availableTimeIntervals": "available_time_intervals",
              "calendarTimeIntervals": "calendar_time_intervals"},
    )  # fmt: skip
    def getAvailableCapacity(
        self,
        dates: CsvInput,
        areas: CsvInput | None = None,
        categories: CsvInput | None = None,
        aggregateResults: bool | None = None,
        availableTimeIntervals: str = "all",
        calendarTimeIntervals: str = "all",
        fields: CsvInput | None = None,
    ) -> Call:
        request = CapacityRequest(
            dates=dates,  # made a CsvList by the model
            areas=areas,
            categories=categories,
            aggregateResults=aggregateResults,
            availableTimeIntervals=availableTimeIntervals,
            calendarTimeIntervals=calendarTimeIntervals,
            fields=fields,
        )
        return Call("GET", f"{CAPACITY}/v1/capacity", _api_params(request))

    @endpoint(
        "capacity.get_quota",
        model="GetQuotaResponse",
        args={"aggregateResults": "aggregate_results", "categoryLevel": "category_level",
              "intervalLevel": "interval_level", "returnStatuses": "return_statuses",
              "timeSlotLevel": "time_slot_level"},
    )  # fmt: skip
    def getQuota(
        self,
        dates: CsvInput,
        areas: CsvInput | None = None,
        categories: CsvInput | None = None,
        aggregateResults: bool | None = None,
        categoryLevel: bool | None = None,
        intervalLevel: bool | None = None,
        returnStatuses: bool | None = None,
        timeSlotLevel: bool | None = None,
    ) -> Call:
        request = GetQuotaRequest(
            dates=dates,  # made a CsvList by the model
            areas=areas,
            categories=categories,
            aggregateResults=aggregateResults,
            categoryLevel=categoryLevel,
            intervalLevel=intervalLevel,
            returnStatuses=returnStatuses,
            timeSlotLevel=timeSlotLevel,
        )
        return Call("GET", f"{CAPACITY}/v2/quota", _api_params(request))


__all__ = ["OFSCapacity"]
