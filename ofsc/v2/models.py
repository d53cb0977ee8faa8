"""The 2.x models: every name 2.x exported from ``ofsc.models``.

Three kinds (the first two built on first use):

- **Aliases of the generated models** where 2.x described the same JSON object
  (``Workzone`` is ``ofsc_generated.models.WorkZone``): a subclass that also answers to
  the 2.x attribute names (``zone.workZoneLabel`` as well as ``zone.work_zone_label``), whose
  nested models are the 2.x ones too. ``isinstance(zone, WorkZone)`` holds.
- **List envelopes** (``WorkzoneListResponse``): ``OFSResponseList[Workzone]`` as in 2.x, so
  ``len()``, iteration, indexing and the ``hasMore``/``totalResults`` defaults are unchanged.
- **Compatibility models** where 2.x differs from the spec in a way a script can see: the
  defaults 2.x filled into request bodies (``Workskill``, ``Property``,
  ``ResourceWorkScheduleItem``, ...), request helpers (``CsvList``, ``CapacityRequest``,
  ``GetActivitiesParams``), enums, and the shapes 2.x read differently from the spec
  (capacity and quota responses, daily extract folders, routing plans).
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
import types
import typing
from enum import Enum
from typing import Any, ClassVar, Literal, Union, get_args, get_origin

from pydantic import (
    AliasChoices,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from ._base import OFSApi as OFSApi
from ._config import OFSConfig as OFSConfig
from ._config import OFSOAuthRequest as OFSOAuthRequest

# region Enums
# (str, Enum) rather than StrEnum: str() and f-strings give "Status.active", as in 2.x.


class Status(str, Enum):  # noqa: UP042
    active = "active"
    inactive = "inactive"


class SharingEnum(str, Enum):  # noqa: UP042
    no_sharing = "no sharing"
    maximal = "maximal"
    minimal = "minimal"
    summary = "summary"


class EntityEnum(str, Enum):  # noqa: UP042
    activity = "activity"
    inventory = "inventory"
    resource = "resource"
    service_request = "service request"
    user = "user"


class RecurrenceType(str, Enum):  # noqa: UP042
    daily = "daily"
    weekly = "weekly"
    everyday = "everyday"
    yearly = "yearly"


class WeekDay(str, Enum):  # noqa: UP042
    Sunday = "Sun"
    Monday = "Mon"
    Tuesday = "Tue"
    Wednesday = "Wed"
    Thursday = "Thu"
    Friday = "Fri"
    Saturday = "Sat"


class CalendarViewItemRecordType(str, Enum):  # noqa: UP042
    schedule = "schedule"
    shift = "shift"
    extra_shift = "extra_shift"
    working = "working"
    extra_working = "extra_working"
    non_working = "non-working"
    error = "error"


class LinkTemplateType(str, Enum):  # noqa: UP042
    finishToStart = "finishToStart"
    startToStart = "startToStart"
    simultaneous = "simultaneous"
    related = "related"


class LinkTemplateInterval(str, Enum):  # noqa: UP042
    unlimited = "unlimited"
    adjustable = "adjustable"
    nonAdjustable = "nonAdjustable"


class LinkTemplateSchedulingConstraint(str, Enum):  # noqa: UP042
    sameDay = "sameDay"
    differentDays = "differentDays"


class LinkTemplateAssignmentConstraint(str, Enum):  # noqa: UP042
    sameResource = "sameResource"
    differentResources = "differentResources"


class ShapeHintActionType(str, Enum):  # noqa: UP042
    plugin = "plugin"
    form = "form"


class OrganizationType(str, Enum):  # noqa: UP042
    contractor = "contractor"
    inhouse = "inhouse"


class ShiftType(str, Enum):  # noqa: UP042
    regular = "regular"
    on_call = "on-call"


class ShiftDecoration(str, Enum):  # noqa: UP042
    yellow = "yellow"
    orange = "orange"
    red = "red"
    blue = "blue"
    green = "green"
    purple = "purple"


# endregion

# region Generic containers and request helpers


class CsvList(BaseModel):
    """A list of strings sent as one comma-separated value."""

    value: str = ""

    @classmethod
    def from_list(cls, string_list: list[str]) -> CsvList:
        return cls(value=",".join(string_list))

    def to_list(self) -> list[str]:
        return [item.strip() for item in self.value.split(",") if item.strip()]

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"CsvList(value='{self.value}', list={self.to_list()})"


class _ItemsBehaviour[T](BaseModel):
    """``len()``, iteration, indexing and ``in`` over ``items``, as 2.x list responses had."""

    model_config = ConfigDict(extra="allow")

    items: list[T] = []

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> typing.Iterator[T]:  # type: ignore[override]
        return iter(self.items)

    def __getitem__(self, item: int) -> T:
        return self.items[item]

    def __contains__(self, item: object) -> bool:
        return item in self.items


class OFSResponseList[T](_ItemsBehaviour[T]):
    offset: int | None = None
    limit: int | None = None
    hasMore: bool | None = False
    totalResults: int = -1


class OFSResponseBoundedList[T](_ItemsBehaviour[T]):
    offset: int | None = None
    limit: int | None = None
    hasMore: bool | None = False


class OFSResponseUnboundedList[T](_ItemsBehaviour[T]):
    offset: int | None = None
    limit: int | None = None
    totalResults: int = -1


class _RootList[T](RootModel[list[T]]):
    """A JSON array, iterable and indexable like 2.x's ``*List`` root models."""

    def __iter__(self) -> typing.Iterator[T]:  # type: ignore[override]
        return iter(self.root)

    def __getitem__(self, item: int) -> T:
        return self.root[item]

    def __len__(self) -> int:
        return len(self.root)


class Translation(BaseModel):
    model_config = ConfigDict(extra="allow")

    language: str = "en"
    name: str
    languageISO: str | None = None


class TranslationList(_RootList[Translation]):
    def map(self) -> dict[str, Translation]:
        return {translation.language: translation for translation in self.root}


def _csv(value: Any) -> CsvList | None:
    if value is None or isinstance(value, CsvList):
        return value
    if isinstance(value, list | tuple):
        return CsvList.from_list([str(v) for v in value])
    if isinstance(value, str):
        return CsvList(value=value)
    if isinstance(value, dict) and "value" in value:
        return CsvList(value=value["value"])
    raise ValueError(f"expected list[str], CsvList, str or None, got {type(value).__name__}")


class CapacityRequest(BaseModel):
    """The query of ``getAvailableCapacity``: lists, ``CsvList`` or CSV strings are accepted."""

    aggregateResults: bool | None = None
    areas: CsvList | None = None
    availableTimeIntervals: str = "all"
    calendarTimeIntervals: str = "all"
    categories: CsvList | None = None
    dates: CsvList
    fields: CsvList | None = None

    @field_validator("areas", "categories", "dates", "fields", mode="before")
    @classmethod
    def _to_csv(cls, value: Any) -> CsvList | None:
        return _csv(value)

    def get_areas_list(self) -> list[str]:
        return self.areas.to_list() if self.areas is not None else []

    def get_categories_list(self) -> list[str]:
        return self.categories.to_list() if self.categories is not None else []

    def get_dates_list(self) -> list[str]:
        return self.dates.to_list()

    def get_fields_list(self) -> list[str]:
        return self.fields.to_list() if self.fields is not None else []


class GetQuotaRequest(BaseModel):
    """The query of ``getQuota``."""

    aggregateResults: bool | None = None
    areas: CsvList | None = None
    categories: CsvList | None = None
    categoryLevel: bool | None = None
    dates: CsvList
    intervalLevel: bool | None = None
    returnStatuses: bool | None = None
    timeSlotLevel: bool | None = None

    @field_validator("areas", "categories", "dates", mode="before")
    @classmethod
    def _to_csv(cls, value: Any) -> CsvList | None:
        return _csv(value)

    def get_areas_list(self) -> list[str]:
        return self.areas.to_list() if self.areas is not None else []

    def get_categories_list(self) -> list[str]:
        return self.categories.to_list() if self.categories is not None else []

    def get_dates_list(self) -> list[str]:
        return self.dates.to_list()


class GetActivitiesParams(BaseModel):
    """The query of ``get_activities`` (``to_api_params()`` gives the params dict)."""

    model_config = ConfigDict(extra="forbid")

    resources: list[str] | None = None
    includeChildren: Literal["none", "immediate", "all"] | None = "all"
    q: str | None = None
    dateFrom: dt.date | None = None
    dateTo: dt.date | None = None
    fields: list[str] | None = None
    includeNonScheduled: bool | None = False
    svcWorkOrderId: int | None = None

    @model_validator(mode="after")
    def _check_dates(self) -> GetActivitiesParams:
        if (self.dateFrom is None) != (self.dateTo is None):
            raise ValueError("dateFrom and dateTo must both be specified or both omitted")
        if self.dateFrom and self.dateTo and self.dateFrom > self.dateTo:
            raise ValueError("dateFrom must be before or equal to dateTo")
        if self.dateFrom is None and self.svcWorkOrderId is None and not self.includeNonScheduled:
            raise ValueError(
                "Either dateFrom/dateTo, svcWorkOrderId, or includeNonScheduled=True is required"
            )
        return self

    def to_api_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if self.resources:
            params["resources"] = ",".join(self.resources)
        if self.includeChildren:
            params["includeChildren"] = self.includeChildren
        if self.q:
            params["q"] = self.q
        if self.dateFrom:
            params["dateFrom"] = self.dateFrom.isoformat()
        if self.dateTo:
            params["dateTo"] = self.dateTo.isoformat()
        if self.fields:
            params["fields"] = ",".join(self.fields)
        if self.includeNonScheduled:
            params["includeNonScheduled"] = "true"
        if self.svcWorkOrderId:
            params["svcWorkOrderId"] = self.svcWorkOrderId
        return params


class OFSAPIError(BaseModel):
    type: str
    title: str
    status: int
    detail: str


class Item(BaseModel):
    label: str
    name: str | None = None


class ItemList(_RootList[Item]):
    pass


class Link(BaseModel):
    model_config = ConfigDict(extra="ignore")

    rel: str
    href: str


class BaseUser(BaseModel):
    login: str


class ResourceUsersListResponse(OFSResponseList[BaseUser]):
    @property
    def users(self) -> list[str]:
        return [item.login for item in self.items]


# endregion

# region Models whose 2.x defaults reach the request body


class Workskill(BaseModel):
    """A work skill; without ``translations`` one is made from ``name`` (sent as 2.x sent it)."""

    label: str
    active: bool = True
    name: str = ""
    sharing: SharingEnum
    translations: TranslationList | None = Field(default=None, validate_default=True)

    @field_validator("translations")
    @classmethod
    def _default_translation(cls, value: TranslationList | None, info: ValidationInfo) -> TranslationList:
        return value or TranslationList([Translation(name=info.data.get("name", ""))])


class WorkskillAssignment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    ratio: int = Field(gt=0, lt=101)


class WorkskillAssignmentList(_RootList[WorkskillAssignment]):
    pass


class WorkskillGroup(BaseModel):
    model_config = ConfigDict(extra="ignore")

    label: str
    name: str
    active: bool
    assignToResource: bool
    addToCapacityCategory: bool
    workSkills: WorkskillAssignmentList
    translations: TranslationList


class Condition(BaseModel):
    label: str
    function: str
    value: Any = None
    valueList: list[Any] = []


class WorkskillCondition(BaseModel):
    internalId: int
    label: str
    requiredLevel: int
    preferableLevel: int
    conditions: list[Condition]
    dependencies: Any = None


class WorkskillConditionList(_RootList[WorkskillCondition]):
    pass


_GUI_VALUES = frozenset(
    {"text", "checkbox", "combobox", "radiogroup", "file", "signature", "image", "url", "phone", "email",
     "capture", "geo", "attachments"}
)  # fmt: skip


class Property(BaseModel):
    """A property; without ``translations`` one is made from ``name``."""

    model_config = ConfigDict(extra="ignore")

    label: str
    name: str
    type: str
    entity: EntityEnum | None = None
    gui: str | None = None
    translations: TranslationList | None = Field(default=None, validate_default=True)

    @field_validator("translations")
    @classmethod
    def _default_translation(cls, value: TranslationList | None, info: ValidationInfo) -> TranslationList:
        return value if value is not None else TranslationList([Translation(name=info.data.get("name", ""))])

    @field_validator("gui")
    @classmethod
    def _known_gui(cls, value: str | None) -> str | None:
        if value is not None and value not in _GUI_VALUES:
            raise ValueError(f"{value} is not a valid GUI value")
        return value


class Recurrence(BaseModel):
    dayFrom: dt.date | None = None
    dayTo: dt.date | None = None
    recurEvery: int = Field(ge=1, le=255)
    recurrenceType: RecurrenceType
    weekDays: list[str] | None = None

    @model_validator(mode="after")
    def _check_days(self) -> Recurrence:
        if self.recurrenceType == RecurrenceType.weekly and not self.weekDays:
            raise ValueError("weekDays is required for weekly recurrence")
        if self.recurrenceType == RecurrenceType.yearly and not (self.dayFrom and self.dayTo):
            raise ValueError("dayFrom and dayTo are required for yearly recurrence")
        return self


class CalendarViewItem(BaseModel):
    comments: str | None = None
    nonWorkingReason: str | None = None
    points: int | None = None
    recordType: CalendarViewItemRecordType
    scheduleLabel: str | None = None
    shiftLabel: str | None = None
    workTimeEnd: str | None = None
    workTimeStart: str | None = None


class ResourceWorkScheduleItem(BaseModel):
    """A work schedule entry; ``recurrence`` defaults to every day and ``startDate`` to today."""

    comments: str | None = None
    endDate: dt.date | None = None
    isWorking: bool | None = None
    nonWorkingReason: str | None = None
    points: int | None = None
    recordType: CalendarViewItemRecordType
    recurrence: Recurrence | None = Field(
        default_factory=lambda: Recurrence(recurEvery=1, recurrenceType=RecurrenceType.daily)
    )
    scheduleItemId: int | None = None
    scheduleLabel: str | None = None
    scheduleShifts: list[CalendarViewItem] | None = None
    shiftLabel: str | None = None
    shiftType: str | None = None
    startDate: dt.date | None = Field(default_factory=dt.date.today)
    workTimeEnd: str | None = None
    workTimeStart: str | None = None


class BulkUpdateActivityItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    activityId: int | None = None
    activityType: str | None = None
    date: str | None = None


class BulkUpdateParameters(BaseModel):
    fallbackResource: str | None = None
    identifyActivityBy: str | None = None
    ifExistsThenDoNotUpdateFields: list[str] | None = None
    ifInFinalStatusThen: str | None = None
    inventoryPropertiesUpdateMode: str | None = None


class BulkUpdateRequest(BaseModel):
    activities: list[BulkUpdateActivityItem]
    updateParameters: BulkUpdateParameters


class InventoryCreate(BaseModel):
    model_config = ConfigDict(extra="allow")

    inventoryType: str
    resourceId: str | None = None
    resourceInternalId: int | None = None
    activityId: int | None = None
    status: str | None = None
    serialNumber: str | None = None
    quantity: float | None = None

    @model_validator(mode="after")
    def _require_context(self) -> InventoryCreate:
        if not any([self.resourceId, self.resourceInternalId, self.activityId]):
            raise ValueError(
                "At least one of 'resourceId', 'resourceInternalId', or 'activityId' must be set"
            )
        return self


class CreateSubscriptionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    events: list[str]
    title: str
    apiVersion: str | None = None


class ShiftUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    name: str
    active: bool
    workTimeStart: dt.time
    workTimeEnd: dt.time
    points: int | None = None
    decoration: ShiftDecoration | None = None


# endregion

# region Models whose 2.x shape differs from the spec's


class Subscription(BaseModel):
    model_config = ConfigDict(extra="allow")

    subscriptionId: str | None = None
    title: str | None = None
    events: list[str] = []
    apiVersion: str | None = None
    active: bool | None = None
    createdTime: str | None = None
    links: list[dict[str, Any]] | None = None


class CalendarViewShift(BaseModel):
    regular: CalendarViewItem | None = None
    on_call: CalendarViewItem | None = Field(default=None, validation_alias=AliasChoices("onCall", "on-call"))


class CalendarView(RootModel[dict[str, CalendarViewShift]]):
    """The calendar of a resource: date -> its regular and on-call shifts."""

    def __iter__(self) -> typing.Iterator[str]:  # type: ignore[override]
        return iter(self.root)

    def __getitem__(self, item: str) -> CalendarViewShift:
        return self.root[item]


class CapacityMetrics(BaseModel):
    model_config = ConfigDict(extra="allow")

    count: list[int] = []
    minutes: list[int] | None = None


class CapacityCategoryItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    label: str
    calendar: CapacityMetrics
    available: CapacityMetrics | None = None


class CapacityAreaResponseItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    label: str
    name: str | None = None
    calendar: CapacityMetrics | None = None
    available: CapacityMetrics | None = None
    categories: list[CapacityCategoryItem] = []


class CapacityResponseItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    date: str
    areas: list[CapacityAreaResponseItem] = []


class GetCapacityResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    items: list[CapacityResponseItem] = []


class QuotaTimeInterval(BaseModel):
    model_config = ConfigDict(extra="allow")

    timeFrom: str
    timeTo: str
    quota: int | None = None
    used: int | None = None
    quotaIsClosed: bool | None = None
    quotaIsAutoClosed: bool | None = None


class QuotaCategoryItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    label: str | None = None
    maxAvailable: int | None = None
    quota: int | None = None
    quotaPercentDay: float | None = None
    quotaPercentCategory: float | None = None
    minQuota: int | None = None
    used: int | None = None
    usedQuotaPercent: float | None = None
    bookedActivities: int | None = None
    quotaIsClosed: bool | None = None
    quotaIsAutoClosed: bool | None = None
    intervals: list[QuotaTimeInterval] = []


class QuotaAreaItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    label: str | None = None
    name: str | None = None
    maxAvailable: int | None = None
    otherActivities: int | None = None
    quota: int | None = None
    quotaPercent: float | None = None
    minQuota: int | None = None
    used: int | None = None
    usedQuotaPercent: float | None = None
    bookedActivities: int | None = None
    quotaIsClosed: bool | None = None
    quotaIsAutoClosed: bool | None = None
    intervals: list[QuotaTimeInterval] = []
    categories: list[QuotaCategoryItem] = []


class QuotaResponseItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    date: str
    areas: list[QuotaAreaItem] = []


class GetQuotaResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    items: list[QuotaResponseItem] = []


class DailyExtractLink(BaseModel):
    href: AnyHttpUrl
    rel: str
    mediaType: str | None = None


class DailyExtractItem(BaseModel):
    name: str
    bytes: int | None = None
    mediaType: str | None = None
    links: list[DailyExtractLink]


class DailyExtractItemList(BaseModel):
    items: list[DailyExtractItem] = []


class DailyExtractFolders(BaseModel):
    name: str = "folders"
    folders: DailyExtractItemList | None = None


class DailyExtractFiles(BaseModel):
    name: str = "files"
    files: DailyExtractItemList | None = None


class RoutingProfile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    profileLabel: str


class RoutingPlan(BaseModel):
    model_config = ConfigDict(extra="ignore")

    planLabel: str


class RoutingPlanExport(BaseModel):
    model_config = ConfigDict(extra="allow")

    mediaType: str = "application/octet-stream"
    links: list[Link] = []


class RoutingProviderGroup(BaseModel):
    model_config = ConfigDict(extra="allow")

    priority: str
    filterLabel: str


class RoutingActivityGroup(BaseModel):
    model_config = ConfigDict(extra="allow")

    activity_location: str
    unacceptable_overdue: int = 0
    overdue_cost: int = 50
    non_assignment_cost: int = 0
    sla_cost_coeff: int = 3
    sla_overdue_cost: int = -1
    sla_violation_fact_cost: int = -1
    is_multiday: int = 0
    autoordering_type: int = 0
    sla_policy: int = 0
    bundling_policy: int = 0
    filterLabel: str
    providerGroups: list[RoutingProviderGroup] = []


class RoutingPlanConfig(BaseModel):
    """A routing plan's settings; the many ``rp*`` fields are kept as they come."""

    model_config = ConfigDict(extra="allow")

    rpname: str
    rp_label: str
    activityGroups: list[RoutingActivityGroup] = []


class RoutingPlanData(BaseModel):
    model_config = ConfigDict(extra="allow")

    routing_plan: RoutingPlanConfig | None = None
    sign: str | None = None
    version: str | None = None
    mediaType: str | None = None


class Shift(BaseModel):
    model_config = ConfigDict(extra="ignore")

    label: str
    name: str
    active: bool
    type: ShiftType | None = None
    workTimeStart: dt.time
    workTimeEnd: dt.time
    points: int | None = None
    decoration: ShiftDecoration | None = None
    links: list[Link] | None = None


class TimeSlot(BaseModel):
    label: str
    name: str
    active: bool
    isAllDay: bool
    timeStart: dt.time | None = None
    timeEnd: dt.time | None = None


class Calendar(BaseModel):
    model_config = ConfigDict(extra="allow")

    label: str | None = None
    name: str | None = None


class ResourceAssistant(BaseModel):
    model_config = ConfigDict(extra="allow")

    resourceId: str | None = None
    parentResourceId: str | None = None


class ResourcePlan(BaseModel):
    model_config = ConfigDict(extra="allow")

    label: str | None = None
    name: str | None = None


class PositionHistoryItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    time: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class ApiEntity(BaseModel):
    model_config = ConfigDict(extra="ignore")

    label: str
    access: str


class ApiMethod(BaseModel):
    model_config = ConfigDict(extra="ignore")

    label: str
    status: str


class BaseApiAccess(BaseModel):
    label: str
    name: str
    status: Status
    links: list[Link] | None = None


class SimpleApiAccess(BaseApiAccess):
    """coreAPI, metadataAPI, statisticsAPI, fieldCollaborationAPI."""

    model_config = ConfigDict(extra="forbid")

    apiEntities: list[ApiEntity]


class CapacityApiAccess(BaseApiAccess):
    model_config = ConfigDict(extra="forbid")

    apiMethods: list[ApiMethod]


class StructuredApiAccess(BaseApiAccess):
    """partsCatalogAPI, outboundAPI and the others without detailed permissions."""

    model_config = ConfigDict(extra="forbid")


class InboundApiAccess(BaseApiAccess):
    model_config = ConfigDict(extra="forbid")

    activityFields: list[Any] | None = None
    inventoryFields: list[Any] | None = None
    providerFields: list[Any] | None = None


ApplicationApiAccess = SimpleApiAccess | CapacityApiAccess | InboundApiAccess | StructuredApiAccess
_API_ACCESS_TYPES: dict[str, type[BaseApiAccess]] = {
    "coreAPI": SimpleApiAccess,
    "metadataAPI": SimpleApiAccess,
    "statisticsAPI": SimpleApiAccess,
    "fieldCollaborationAPI": SimpleApiAccess,
    "capacityAPI": CapacityApiAccess,
    "inboundAPI": InboundApiAccess,
}


def parse_application_api_access(data: dict[str, Any]) -> ApplicationApiAccess:
    """The access class for an application API (by its ``label``)."""
    cls = _API_ACCESS_TYPES.get(data.get("label", ""), StructuredApiAccess)
    return cls.model_validate(data)  # type: ignore[return-value]


class ApplicationApiAccessList(_RootList[ApplicationApiAccess]):
    pass


class ApplicationApiAccessListResponse(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[ApplicationApiAccess]
    links: list[Link] | None = None

    @field_validator("items", mode="before")
    @classmethod
    def _parse_items(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        detailed = ("apiEntities", "apiMethods", "activityFields")
        return [
            (parse_application_api_access(item) if any(k in item for k in detailed)
             else StructuredApiAccess.model_validate(item)) if isinstance(item, dict) else item
            for item in value
        ]  # fmt: skip


# endregion

# region Aliases of the generated models, envelopes and root lists (built on first use)

# 2.x name -> the generated model(s) describing the same JSON object.
_ALIASES: dict[str, str | tuple[str, ...]] = {
    "Activity": "Activity",
    "ActivityBookingOptionsResponse": "ActivityBookingOptions",
    "ActivityCapacityCategory": "ActivityCapacityCategory",
    "ActivityDurationStat": "ActivityDuration",
    "ActivityDurationStatRequest": "ActivityDurationRequest",
    "ActivityDurationStatRequestList": "ActivityDurationRequestList",
    "ActivityKeys": "ActivityBulkUpdateItemResultActivityKeys",
    "ActivityTravelStat": "ActivityTravel",
    "ActivityTravelStatRequest": "ActivityTravelRequest",
    "ActivityTravelStatRequestList": "ActivityTravelRequestList",
    "ActivityType": "ActivityType",
    "ActivityTypeColors": "ActivityTypeColors",
    "ActivityTypeFeatures": "ActivityTypeFeatures",
    "ActivityTypeGroup": "ActivityTypeGroup",
    "ActivityTypeTimeSlots": "ActivityTypeTimeSlotsItem",
    "AirlineDistanceBasedTravel": "AirlineDistanceBasedTravel",
    "AirlineDistanceBasedTravelRequest": "AirlineDistanceBasedTravelRequest",
    "AirlineDistanceBasedTravelRequestList": "AirlineDistanceBasedTravelRequestList",
    "AirlineDistanceData": "AirlineDistanceBasedTravelDataResponse",
    "AirlineDistanceOverrideData": "AirlineDistanceBasedTravelOverrideData",
    "Application": "Application",
    "ApplicationsResourcestoAllow": "ApplicationResourcesToAllowItem",
    "AssignedLocation": "ResourceAssignedLocationsDay",
    "AssignedLocationsResponse": "ResourceAssignedLocationsWeek",
    "BookingArea": "BookingOptionsArea",
    "BookingClosingScheduleItem": "BookingClosingSchedule",
    "BookingClosingScheduleUpdateRequest": "BookingClosingScheduleList",
    "BookingDate": "BookingOptionsDate",
    "BookingFieldDependency": "ShowBookingDependencyItem",
    "BookingFieldsDependenciesResponse": "BookingFieldsDependencies",
    "BookingGridActivity": "ShowBookingGridActivityProperty",
    "BookingGridArea": "BookingGridArea",
    "BookingGridDateItem": "BookingGridDate",
    "BookingGridTimeSlot": "BookingGridTimeSlot",
    "BookingStatusEntry": "BookingStatusStatusesItem",
    "BookingStatusItem": "BookingStatus",
    "BookingStatusesUpdateRequest": "BookingStatusRequestList",
    "BookingTimeSlot": "BookingOptionsTimeSlot",
    "BulkUpdateError": "ActivityBulkUpdateItemResultErrorsItem",
    "BulkUpdateResponse": "ActivityBulkUpdateResult",
    "BulkUpdateResult": "ActivityBulkUpdateItemResult",
    "BulkUpdateWarning": "ActivityBulkUpdateItemResultWarningsItem",
    # 2.x read a list item and the single area (which adds its configuration) as one model.
    "CapacityArea": ("CapacityArea", "CapacityAreaConfiguration"),
    "CapacityAreaCapacityCategory": "AreaCapacityCategory",
    "CapacityAreaConfiguration": "CapacityAreaConfigurationConfiguration",
    "CapacityAreaOrganization": "AreaOrganization",
    "CapacityAreaParent": "CapacityAreaParent",
    "CapacityAreaTimeInterval": "AreaTimeInterval",
    "CapacityAreaTimeSlot": "AreaTimeSlot",
    "CapacityAreaWorkZone": "AreaWorkZone",
    "CapacityAreaWorkZoneV1": "AreaWorkZoneOld",
    "CapacityCategory": "CapacityCategory",
    "CapacityCategoryWorkSkill": "CapacityCategoryWorkSkillsItem",
    "CapacityCategoryWorkSkillGroup": "CapacityCategoryWorkSkillGroupsItem",
    "CollaborationGroup": "CollaborationGroup",
    "EnumerationValue": "PropertyEnumeration",
    "Event": "Event",
    "Form": "Form",
    "FormIdentifier": "SubmittedFormFormIdentifier",
    "Inventory": "Inventory",
    "InventoryCustomAction": "InventoryAction",
    "InventoryType": "InventoryType",
    "Language": "Language",
    "LanguageTranslation": "Translation",
    "LinkTemplate": "LinkTemplate",
    "LinkTemplateTranslation": "TranslationLinkTemplates",
    "LinkedActivity": "LinkedActivity",
    "Location": "ResourceLocation",
    "MapLayer": "CustomMapLayer",
    "NonWorkingReason": "NonWorkingReason",
    "OAuthTokenResponse": "GetTokenResponse",
    "Organization": "Organization",
    "PopulateStatusResponse": "MapLayersPopulateResult",
    "QuotaUpdateArea": "V2PatchQuotaArea",
    "QuotaUpdateCategory": "V2PatchQuotaCategories",
    "QuotaUpdateItem": "V2PatchQuotaRequest",
    "QuotaUpdateRequest": "V2PatchQuota",
    "QuotaUpdateResponse": "V2PatchQuotaResult",
    "RequiredInventory": "RequiredInventory",
    "Resource": "Resource",
    "ResourceCreate": "ResourceCreate",
    "ResourcePreference": "ResourcePreference",
    "ResourceRouteActivity": "Activity",
    "ResourceType": "ResourceType",
    "ResourceWorkskillAssignment": "ResourceWorkSkill",
    "ResourceWorkzoneAssignment": "GetResourceWorkZoneObject",
    "ShapeHintButton": "CustomMapLayerShapeHintButton",
    "ShapeHintColumn": "CustomMapLayerShapeHintColumnsItem",
    "ShowBookingGridRequest": "ShowBookingGridRequest",
    "ShowBookingGridResponse": "ShowBookingGrid",
    "StatisticsPatchResponse": "ActivityDurationPatchResponse",
    "SubmittedForm": "SubmittedForm",
    "User": "User",
    "UserCreate": "UserCreate",
    "WorkZoneKeyElement": "WorkZoneKeyElement",
    "WorkZoneKeyResponse": "WorkZoneKey",
    # The list items carry workZoneName, which the single-zone schema lacks.
    "Workzone": "WorkZone",
}

# Generated model -> the 2.x model that stands for it inside other models, where it is not
# simply the one aliased above (or where two 2.x names alias the same generated model).
_STANDS_FOR: dict[str, str] = {
    "Activity": "Activity",
    "CalendarViewItem": "CalendarViewItem",
    "CapacityArea": "CapacityArea",
    "LinksAssistItem": "Link",
    "PaginationLink": "Link",
    "PropertyRequest": "Property",
    "Property": "Property",
    "ResourceUser": "BaseUser",
    "Translation": "Translation",
    "WorkScheduleItem": "ResourceWorkScheduleItem",
    "WorkSkill": "Workskill",
    "WorkSkillCondition": "WorkskillCondition",
    "WorkSkillConditionConditionsItem": "Condition",
    "WorkSkillGroup": "WorkskillGroup",
    "NewWorkZone": "Workzone",
}

# 2.x list response -> the model of its items (an ``OFSResponseList`` of it).
_ENVELOPES: dict[str, str] = {
    "ActivityCapacityCategoriesResponse": "ActivityCapacityCategory",
    "ActivityDurationStatsList": "ActivityDurationStat",
    "ActivityListResponse": "Activity",
    "ActivityTravelStatsList": "ActivityTravelStat",
    "ActivityTypeGroupListResponse": "ActivityTypeGroup",
    "ActivityTypeListResponse": "ActivityType",
    "AirlineDistanceBasedTravelList": "AirlineDistanceBasedTravel",
    "ApplicationListResponse": "Application",
    "BookingClosingScheduleResponse": "BookingClosingScheduleItem",
    "BookingStatusesResponse": "BookingStatusItem",
    "CalendarsListResponse": "Calendar",
    "CapacityAreaCapacityCategoriesResponse": "CapacityAreaCapacityCategory",
    "CapacityAreaChildrenResponse": "CapacityArea",
    "CapacityAreaListResponse": "CapacityArea",
    "CapacityAreaOrganizationsResponse": "CapacityAreaOrganization",
    "CapacityAreaTimeIntervalsResponse": "CapacityAreaTimeInterval",
    "CapacityAreaTimeSlotsResponse": "CapacityAreaTimeSlot",
    "CapacityAreaWorkZonesResponse": "CapacityAreaWorkZone",
    "CapacityAreaWorkZonesV1Response": "CapacityAreaWorkZoneV1",
    "CapacityCategoryListResponse": "CapacityCategory",
    "CollaborationGroupsResponse": "CollaborationGroup",
    "EnumerationValueList": "EnumerationValue",
    "EventListResponse": "Event",
    "FormListResponse": "Form",
    "InventoryListResponse": "Inventory",
    "InventoryTypeListResponse": "InventoryType",
    "LanguageListResponse": "Language",
    "LinkTemplateListResponse": "LinkTemplate",
    "LinkedActivitiesResponse": "LinkedActivity",
    "LocationListResponse": "Location",
    "MapLayerListResponse": "MapLayer",
    "MultidaySegmentListResponse": "Activity",
    "NonWorkingReasonListResponse": "NonWorkingReason",
    "OrganizationListResponse": "Organization",
    "PositionHistoryResponse": "PositionHistoryItem",
    "PropertyListResponse": "Property",
    "RequiredInventoriesResponse": "RequiredInventory",
    "ResourceAssistantsResponse": "ResourceAssistant",
    "ResourceListResponse": "Resource",
    "ResourcePlansResponse": "ResourcePlan",
    "ResourcePreferencesResponse": "ResourcePreference",
    "ResourceRouteResponse": "ResourceRouteActivity",
    "ResourceTypeListResponse": "ResourceType",
    "ResourceWorkScheduleResponse": "ResourceWorkScheduleItem",
    "ResourceWorkskillListResponse": "ResourceWorkskillAssignment",
    "ResourceWorkzoneListResponse": "ResourceWorkzoneAssignment",
    "RoutingPlanList": "RoutingPlan",
    "RoutingProfileList": "RoutingProfile",
    "ShiftListResponse": "Shift",
    "SubmittedFormsResponse": "SubmittedForm",
    "SubscriptionListResponse": "Subscription",
    "TimeSlotListResponse": "TimeSlot",
    "UserListResponse": "User",
    "WorkskillGroupListResponse": "WorkskillGroup",
    "WorkskillListResponse": "Workskill",
    "WorkzoneListResponse": "Workzone",
}
# Fields some envelopes declare besides the list ones.
_ENVELOPE_FIELDS: dict[str, dict[str, Any]] = {
    "ResourceRouteResponse": {"routeStartTime": (str | None, None)},
}

# 2.x JSON-array model -> the model of its items.
_ROOT_LISTS: dict[str, str] = {
    "ActivityTypeGroupList": "ActivityTypeGroup",
    "ActivityTypeList": "ActivityType",
    "CalendarViewList": "CalendarViewItem",
    "CapacityAreaList": "CapacityArea",
    "FormList": "Form",
    "InventoryTypeList": "InventoryType",
    "LanguageList": "Language",
    "LinkTemplateList": "LinkTemplate",
    "LocationList": "Location",
    "MapLayerList": "MapLayer",
    "NonWorkingReasonList": "NonWorkingReason",
    "OrganizationList": "Organization",
    "PropertyList": "Property",
    "ResourceList": "Resource",
    "ResourceTypeList": "ResourceType",
    "ResourceWorkScheduleResponseList": "ResourceWorkScheduleItem",
    "ShiftList": "Shift",
    "WorkskillGroupList": "WorkskillGroup",
    "WorkskillList": "Workskill",
    "WorkzoneList": "Workzone",
}


class V2Attributes:
    """Lets a generated model answer to its JSON (2.x) attribute names as well:
    ``zone.workZoneLabel`` reads and writes ``zone.work_zone_label``."""

    _v2_names: ClassVar[dict[str, str]] = {}

    def __getattr__(self, name: str) -> Any:
        field = type(self)._v2_names.get(name)
        if field is not None:
            return getattr(self, field)
        return super().__getattr__(name)  # type: ignore[misc]

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(type(self)._v2_names.get(name, name), value)


# Building a model builds the ones it holds first; one lock keeps every name to one class.
_building = threading.RLock()
_in_progress: set[str] = set()
# Generated models nested in an alias that no 2.x name stands for: derived once, unnamed.
_helpers: dict[type[BaseModel], type[BaseModel]] = {}


def _generated(name: str) -> type[BaseModel]:
    model: type[BaseModel] = getattr(importlib.import_module("ofsc_generated.models"), name)
    return model


def _stand_in(generated: type[BaseModel]) -> Any:
    """The 2.x model to use where ``generated`` appears inside another model."""
    name = _STANDS_FOR.get(generated.__name__) or next(
        (v2 for v2, sources in _ALIASES.items() if generated.__name__ in _names(sources)), None
    )
    if name is not None:
        return generated if name in _in_progress else _model(name)
    helper = _helpers.get(generated)
    if helper is None:
        _helpers[generated] = generated  # a model nested in itself stays generated
        helper = _helpers[generated] = _derive(generated.__name__, generated)
    return helper


def _swap(annotation: Any) -> Any:
    """``annotation`` with every generated model replaced by its 2.x stand-in."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _stand_in(annotation) if annotation.__module__.startswith("ofsc_generated.") else annotation
    origin = get_origin(annotation)
    if origin is None or origin is Literal:
        return annotation
    args = get_args(annotation)
    swapped = tuple(_swap(arg) for arg in args)
    if swapped == args:
        return annotation
    if origin in (Union, types.UnionType):
        return Union[swapped]  # noqa: UP007  (rebuilt from parts)
    return origin[swapped if len(swapped) > 1 else swapped[0]]


def _names(sources: str | tuple[str, ...]) -> tuple[str, ...]:
    return (sources,) if isinstance(sources, str) else sources


def _derive(name: str, *generated: type[BaseModel]) -> type[BaseModel]:
    """A subclass of ``generated`` answering to the JSON names, with 2.x models nested."""
    fields = {n: info for model in reversed(generated) for n, info in model.model_fields.items()}
    overrides: dict[str, Any] = {}
    for field_name, info in fields.items():
        annotation = _swap(info.annotation)
        if annotation is not info.annotation:
            overrides[field_name] = (annotation, info)
    derived: Any = typing.cast(
        "Any", create_model(name, __base__=(V2Attributes, *generated), __module__=__name__, **overrides)
    )
    derived._v2_names = {
        info.alias: field_name
        for field_name, info in fields.items()
        if info.alias and info.alias != field_name
    }
    return typing.cast("type[BaseModel]", derived)


def _build(name: str) -> Any:
    if name in _ALIASES:
        return _derive(name, *(_generated(source) for source in _names(_ALIASES[name])))
    if name in _ENVELOPES:
        item = _model(_ENVELOPES[name])
        fields = _ENVELOPE_FIELDS.get(name, {})
        return create_model(name, __base__=OFSResponseList[item], __module__=__name__, **fields)  # type: ignore[valid-type]
    item = _model(_ROOT_LISTS[name])
    return types.new_class(name, (_RootList[item],), exec_body=lambda ns: ns.update(__module__=__name__))  # type: ignore[valid-type]


def _model(name: str) -> Any:
    return globals()[name] if name in globals() else __getattr__(name)


def __getattr__(name: str) -> Any:
    if name not in _ALIASES and name not in _ENVELOPES and name not in _ROOT_LISTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _building:
        if name not in globals():
            _in_progress.add(name)
            try:
                globals()[name] = _build(name)
            finally:
                _in_progress.discard(name)
        return globals()[name]


# endregion

# The compatibility models defined above.
_DEFINED_HERE = [
    "ApiEntity",
    "ApiMethod",
    "ApplicationApiAccess",
    "ApplicationApiAccessList",
    "ApplicationApiAccessListResponse",
    "BaseApiAccess",
    "BaseUser",
    "BulkUpdateActivityItem",
    "BulkUpdateParameters",
    "BulkUpdateRequest",
    "Calendar",
    "CalendarView",
    "CalendarViewItem",
    "CalendarViewItemRecordType",
    "CalendarViewShift",
    "CapacityApiAccess",
    "CapacityAreaResponseItem",
    "CapacityCategoryItem",
    "CapacityMetrics",
    "CapacityRequest",
    "CapacityResponseItem",
    "Condition",
    "CreateSubscriptionRequest",
    "CsvList",
    "DailyExtractFiles",
    "DailyExtractFolders",
    "DailyExtractItem",
    "DailyExtractItemList",
    "DailyExtractLink",
    "EntityEnum",
    "GetActivitiesParams",
    "GetCapacityResponse",
    "GetQuotaRequest",
    "GetQuotaResponse",
    "InboundApiAccess",
    "InventoryCreate",
    "Item",
    "ItemList",
    "Link",
    "LinkTemplateAssignmentConstraint",
    "LinkTemplateInterval",
    "LinkTemplateSchedulingConstraint",
    "LinkTemplateType",
    "OFSAPIError",
    "OFSApi",
    "OFSConfig",
    "OFSOAuthRequest",
    "OFSResponseBoundedList",
    "OFSResponseList",
    "OFSResponseUnboundedList",
    "OrganizationType",
    "PositionHistoryItem",
    "Property",
    "QuotaAreaItem",
    "QuotaCategoryItem",
    "QuotaResponseItem",
    "QuotaTimeInterval",
    "Recurrence",
    "RecurrenceType",
    "ResourceAssistant",
    "ResourcePlan",
    "ResourceUsersListResponse",
    "ResourceWorkScheduleItem",
    "RoutingActivityGroup",
    "RoutingPlan",
    "RoutingPlanConfig",
    "RoutingPlanData",
    "RoutingPlanExport",
    "RoutingProfile",
    "RoutingProviderGroup",
    "ShapeHintActionType",
    "SharingEnum",
    "Shift",
    "ShiftDecoration",
    "ShiftType",
    "ShiftUpdate",
    "SimpleApiAccess",
    "Status",
    "StructuredApiAccess",
    "Subscription",
    "TimeSlot",
    "Translation",
    "TranslationList",
    "WeekDay",
    "Workskill",
    "WorkskillAssignment",
    "WorkskillAssignmentList",
    "WorkskillCondition",
    "WorkskillConditionList",
    "WorkskillGroup",
    "parse_application_api_access",
]
__all__ = sorted({*_DEFINED_HERE, *_ALIASES, *_ENVELOPES, *_ROOT_LISTS})


def __dir__() -> list[str]:
    return __all__
