"""``OFSCore``: the 2.x core API (activities, resources, users, daily extracts, events)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ._base import OFSApi
from ._endpoint import endpoint, v3_equivalent
from ._wire import Call, json_body, query_pairs, raw_segment, verbatim_body
from .common import FILE_RESPONSE, FULL_RESPONSE, OBJ_RESPONSE, Response, shape_result
from .models import OFSResponseList

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from pydantic import BaseModel

    from .models import BulkUpdateRequest, ResourceWorkScheduleItem

CORE = "/rest/ofscCore/v1"
_EXPAND_FLAGS = ("inventories", "workSkills", "workZones", "workSchedules")
_ACTIVITY_FIELDS = ["activityId", "activityType", "date", "resourceId", "status"]
_DICT_BODY = "body is a dict or a model (2.x took a JSON string)"
_MODEL_BODY = "body=data.model_dump(exclude_none=True)"


def _expand(**flags: bool) -> list[tuple[str, str]]:
    """``expand=inventories,workSkills,...`` for the flags that are set, as 2.x sent it."""
    chosen = [name for name in _EXPAND_FLAGS if flags[name]]
    return [("expand", ",".join(chosen))] if chosen else []


def _true_false(value: bool | None) -> str | None:
    return None if value is None else ("true" if value else "false")


class OFSCore(OFSApi):
    """The 2.x core API, reached as ``client.core``."""

    # region Activities

    @endpoint(
        "core.get_activities",
        args={"params": None},
        note="pass the query as keywords: date_from=, date_to=, resources=[...], include_children=, ...",
    )
    def get_activities(self, params: Mapping[str, Any]) -> Call:
        return Call("GET", f"{CORE}/activities", query_pairs(params))

    @endpoint("core.get_activity")
    def get_activity(self, activity_id: int | str) -> Call:
        return Call("GET", f"{CORE}/activities/{raw_segment(activity_id)}")

    @endpoint("core.update_activity", args={"data": "body"}, note=_DICT_BODY, json_text=("data",))
    def update_activity(self, activity_id: int | str, data: str | bytes) -> Call:
        return Call("PATCH", f"{CORE}/activities/{raw_segment(activity_id)}", content=verbatim_body(data))

    @endpoint("core.delete_activity", expected=(204,))
    def delete_activity(self, activity_id: int | str) -> Call:
        return Call("DELETE", f"{CORE}/activities/{raw_segment(activity_id)}")

    @endpoint(
        "core.search_activities",
        args={"params": None},
        note="pass the query as keywords: search_in_field=, search_for_value=, ...",
        derived={
            "search_in_field": '{params}["searchInField"]',
            "search_for_value": '{params}["searchForValue"]',
        },
    )
    def search_activities(self, params: Mapping[str, Any]) -> Call:
        return Call("GET", f"{CORE}/activities/custom-actions/search", query_pairs(params))

    @endpoint("core.move_activity", args={"data": "body"}, note=_DICT_BODY, json_text=("data",))
    def move_activity(self, activity_id: int | str, data: str | bytes) -> Call:
        path = f"{CORE}/activities/{raw_segment(activity_id)}/custom-actions/move"
        return Call("POST", path, content=verbatim_body(data))

    @endpoint(
        "core.get_events",
        args={"params": None},
        note="pass the query as keywords: subscription_id=, page=, since=, limit=",
        derived={"subscription_id": '{params}["subscriptionId"]'},
    )
    def get_events(self, params: Mapping[str, Any]) -> Call:
        return Call("GET", f"{CORE}/events", query_pairs(params))

    # endregion

    # region Resources

    @endpoint(
        "core.get_resource",
        args={"inventories": None, "workSkills": None, "workZones": None, "workSchedules": None},
        note="the expand flags become expand=['inventories', 'workSkills', ...]",
    )
    def get_resource(
        self,
        resource_id: str,
        inventories: bool = False,
        workSkills: bool = False,
        workZones: bool = False,
        workSchedules: bool = False,
    ) -> Call:
        expand = _expand(
            inventories=inventories, workSkills=workSkills, workZones=workZones, workSchedules=workSchedules
        )
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}", expand)

    @endpoint("core.create_resource", args={"data": "body"}, note=_DICT_BODY, json_text=("data",))
    def create_resource(self, resourceId: str, data: str | bytes) -> Call:
        return Call("PUT", f"{CORE}/resources/{raw_segment(resourceId)}", content=verbatim_body(data))

    @endpoint("core.create_resource", args={"data": "body"})
    def create_resource_from_obj(self, resourceId: str, data: dict[str, Any]) -> Call:
        return Call("PUT", f"{CORE}/resources/{raw_segment(resourceId)}", content=json_body(data))

    @endpoint(
        "core.update_resource",
        args={"data": "body", "identify_by_internal_id": None},
        note="identify_by_internal_id=True becomes identify_resource_by='resourceInternalId'",
    )
    def update_resource(
        self,
        resourceId: str,
        data: dict[str, Any],
        identify_by_internal_id: bool = False,
    ) -> Call:
        query = [("identifyResourceBy", "resourceInternalId")] if identify_by_internal_id else []
        path = f"{CORE}/resources/{raw_segment(resourceId)}"
        return Call("PATCH", path, query, content=json_body(data))

    @endpoint("core.get_position_history")
    def get_position_history(self, resource_id: str, date: dt.date | str) -> Call:
        path = f"{CORE}/resources/{raw_segment(resource_id)}/positionHistory"
        return Call("GET", path, query_pairs({"date": date}))

    @endpoint("core.get_resource_route")
    def get_resource_route(
        self,
        resource_id: str,
        date: dt.date | str,
        activityFields: str | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> Call:
        # offset and limit were never sent by 2.x; scripts may rely on getting the whole route.
        path = f"{CORE}/resources/{raw_segment(resource_id)}/routes/{raw_segment(date)}"
        return Call("GET", path, query_pairs({"activityFields": activityFields}))

    @endpoint(
        "core.get_resource_descendants",
        args={"resourceFields": "fields", "inventories": None, "workSkills": None, "workZones": None,
              "workSchedules": None},
        note="the expand flags become expand=['inventories', 'workSkills', ...]",
    )  # fmt: skip
    def get_resource_descendants(
        self,
        resource_id: str,
        resourceFields: str | None = None,
        offset: int = 0,
        limit: int = 100,
        inventories: bool = False,
        workSkills: bool = False,
        workZones: bool = False,
        workSchedules: bool = False,
    ) -> Call:
        query = _expand(
            inventories=inventories, workSkills=workSkills, workZones=workZones, workSchedules=workSchedules
        ) + query_pairs({"fields": resourceFields, "limit": limit, "offset": offset})
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/descendants", query)

    @endpoint(
        "core.get_resources",
        args={"inventories": None, "workSkills": None, "workZones": None, "workSchedules": None},
        note="the expand flags become expand=['inventories', 'workSkills', ...]",
    )
    def get_resources(
        self,
        canBeTeamHolder: bool | None = None,
        canParticipateInTeam: bool | None = None,
        fields: list[str] | None = None,
        offset: int = 0,
        limit: int = 100,
        inventories: bool = False,
        workSkills: bool = False,
        workZones: bool = False,
        workSchedules: bool = False,
    ) -> Call:
        query = _expand(
            inventories=inventories, workSkills=workSkills, workZones=workZones, workSchedules=workSchedules
        ) + query_pairs(
            {
                "canBeTeamHolder": _true_false(canBeTeamHolder),
                "canParticipateInTeam": _true_false(canParticipateInTeam),
                "fields": ",".join(fields) if fields else None,
                "offset": offset,
                "limit": limit,
            }
        )
        return Call("GET", f"{CORE}/resources", query)

    @endpoint("core.get_resource_users", model="ResourceUsersListResponse")
    def get_resource_users(self, resource_id: str) -> Call:
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/users")

    @endpoint(
        "core.set_resource_users",
        args={"users": "body"},
        note="body={'items': [{'login': ...}, ...]}",
    )
    def set_resource_users(self, *, resource_id: str, users: Sequence[str]) -> Call:
        body = {"items": [{"login": user} for user in users]}
        return Call("PUT", f"{CORE}/resources/{raw_segment(resource_id)}/users", content=json_body(body))

    @endpoint("core.delete_resource_users", expected=(204,))
    def delete_resource_users(self, resource_id: str) -> Call:
        return Call("DELETE", f"{CORE}/resources/{raw_segment(resource_id)}/users")

    @endpoint(
        "core.get_resource_workschedules",
        model="ResourceWorkScheduleResponse",
        args={"actualDate": "actual_for_date"},
    )
    def get_resource_workschedules(self, resource_id: str, actualDate: dt.date) -> Call:
        path = f"{CORE}/resources/{raw_segment(resource_id)}/workSchedules"
        return Call("GET", path, [("actualDate", actualDate.isoformat())])

    @endpoint(
        "core.set_resource_workschedules",
        model="ResourceWorkScheduleResponse",
        args={"data": "body"},
        note=_MODEL_BODY,
    )
    def set_resource_workschedules(self, resource_id: str, data: ResourceWorkScheduleItem) -> Call:
        path = f"{CORE}/resources/{raw_segment(resource_id)}/workSchedules"
        return Call("POST", path, content=data.model_dump_json(exclude_none=True).encode())

    @endpoint("core.get_resource_calendar", model="CalendarView")
    def get_resource_calendar(self, resource_id: str, dateFrom: dt.date, dateTo: dt.date) -> Call:
        path = f"{CORE}/resources/{raw_segment(resource_id)}/workSchedules/calendarView"
        return Call("GET", path, [("dateFrom", f"{dateFrom:%Y-%m-%d}"), ("dateTo", f"{dateTo:%Y-%m-%d}")])

    @endpoint("core.get_resource_inventories")
    def get_resource_inventories(self, resource_id: str) -> Call:
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/inventories")

    @endpoint("core.get_assigned_locations")
    def get_resource_assigned_locations(self, resource_id: str) -> Call:
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/assignedLocations")

    @endpoint("core.get_resource_workzones")
    def get_resource_workzones(self, resource_id: str) -> Call:
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/workZones")

    @endpoint("core.get_resource_workskills")
    def get_resource_workskills(self, resource_id: str) -> Call:
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/workSkills")

    @endpoint(
        "core.bulk_update_resource_workzones", args={"data": "body"}, note=_DICT_BODY, json_text=("data",)
    )
    def bulk_update_resource_workzones(self, *, data: str | bytes) -> Call:
        path = f"{CORE}/resources/custom-actions/bulkUpdateWorkZones"
        return Call("POST", path, content=verbatim_body(data))

    @endpoint(
        "core.bulk_update_resource_workskills", args={"data": "body"}, note=_DICT_BODY, json_text=("data",)
    )
    def bulk_update_resource_workskills(self, *, data: str | bytes) -> Call:
        path = f"{CORE}/resources/custom-actions/bulkUpdateWorkSkills"
        return Call("POST", path, content=verbatim_body(data))

    @endpoint(
        "core.bulk_update_resource_workschedules", args={"data": "body"}, note=_DICT_BODY, json_text=("data",)
    )
    def bulk_update_resource_workschedules(self, *, data: str | bytes) -> Call:
        path = f"{CORE}/resources/custom-actions/bulkUpdateWorkSchedules"
        return Call("POST", path, content=verbatim_body(data))

    @endpoint("core.get_resource_locations", model="LocationListResponse")
    def get_resource_locations(self, resource_id: str) -> Call:
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/locations")

    @endpoint("core.create_resource_location", expected=(201,), model="Location", args={"location": "body"})
    def create_resource_location(self, resource_id: str, *, location: BaseModel) -> Call:
        fields = location.model_dump(exclude={"location_id"}, exclude_unset=True, exclude_none=True)
        return Call(
            "POST", f"{CORE}/resources/{raw_segment(resource_id)}/locations", content=json_body(fields)
        )

    @endpoint("core.delete_resource_location", expected=(204,), model="LocationListResponse")
    def delete_resource_location(self, resource_id: str, location_id: int | str) -> Call:
        path = f"{CORE}/resources/{raw_segment(resource_id)}/locations/{raw_segment(location_id)}"
        return Call("DELETE", path)

    @endpoint("core.get_assigned_locations", model="AssignedLocationsResponse")
    def get_assigned_locations(
        self,
        resource_id: str,
        *,
        dateFrom: dt.date | None = None,
        dateTo: dt.date | None = None,
    ) -> Call:
        # 2.x defaulted both to the day the module was imported; today is what was meant.
        today = dt.date.today()
        query = [("dateFrom", f"{dateFrom or today:%Y-%m-%d}"), ("dateTo", f"{dateTo or today:%Y-%m-%d}")]
        return Call("GET", f"{CORE}/resources/{raw_segment(resource_id)}/assignedLocations", query)

    @endpoint(
        "core.set_assigned_locations",
        model="AssignedLocationsResponse",
        args={"data": "body"},
        note=_MODEL_BODY,
    )
    def set_assigned_locations(self, resource_id: str, data: BaseModel) -> Call:
        body = data.model_dump_json(exclude_none=True, exclude_unset=True).encode()
        return Call("PUT", f"{CORE}/resources/{raw_segment(resource_id)}/assignedLocations", content=body)

    # endregion

    # region Users

    @endpoint("core.get_users")
    def get_users(self, offset: int = 0, limit: int = 100) -> Call:
        return Call("GET", f"{CORE}/users", query_pairs({"offset": offset, "limit": limit}))

    @endpoint("core.get_user")
    def get_user(self, login: str) -> Call:
        return Call("GET", f"{CORE}/users/{raw_segment(login)}")

    @endpoint("core.update_user", args={"data": "body"}, note=_DICT_BODY, json_text=("data",))
    def update_user(self, login: str, data: str | bytes) -> Call:
        return Call("PATCH", f"{CORE}/users/{raw_segment(login)}", content=verbatim_body(data))

    @endpoint("core.create_user", args={"data": "body"}, note=_DICT_BODY, json_text=("data",))
    def create_user(self, login: str, data: str | bytes) -> Call:
        return Call("PUT", f"{CORE}/users/{raw_segment(login)}", content=verbatim_body(data))

    @endpoint("core.delete_user")
    def delete_user(self, login: str) -> Call:
        return Call("DELETE", f"{CORE}/users/{raw_segment(login)}")

    # endregion

    # region Daily extract

    @endpoint("core.get_daily_extract_dates", model="DailyExtractFolders")
    def get_daily_extract_dates(self) -> Call:
        return Call("GET", f"{CORE}/folders/dailyExtract/folders/")

    @endpoint("core.get_daily_extract_files", model="DailyExtractFiles", args={"date": "daily_extract_date"})
    def get_daily_extract_files(self, date: str) -> Call:
        return Call("GET", f"{CORE}/folders/dailyExtract/folders/{raw_segment(date)}/files")

    @endpoint(
        "core.get_daily_extract_file",
        response_type=FILE_RESPONSE,
        args={"date": "daily_extract_date", "filename": "daily_extract_filename"},
        note="returns a BinaryResponse: .read() for the bytes, .write_to(path) to stream to a file",
    )
    def get_daily_extract_file(self, date: str, filename: str) -> Call:
        path = f"{CORE}/folders/dailyExtract/folders/{raw_segment(date)}/files/{raw_segment(filename)}"
        return Call("GET", path, headers={"Accept": "application/octet-stream"})

    # endregion

    # region Helpers

    @v3_equivalent(
        "client.paginate(client.core.get_activities, resources=[root], include_children='all', "
        "date_from=..., date_to=..., fields=[...], limit=...)",
        note="iterates over every activity; a failing page raises",
    )
    def get_all_activities(
        self,
        *,
        root: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        activity_fields: list[str] = _ACTIVITY_FIELDS,
        additional_fields: list[str] | None = None,
        initial_offset: int = 0,
        include_non_scheduled: bool = False,
        limit: int = 5000,
    ) -> OFSResponseList[Any] | Any:
        """Every activity of ``root`` (default: the client's ``root``) between the dates
        (default: a week either side of today), page after page, as raw dicts.

        Unlike 2.x, a page that fails raises (or, with ``auto_raise`` off, returns that
        page's error body) instead of ending the list early, and ``additional_fields`` are
        requested too.
        """
        today = dt.date.today()
        params: dict[str, Any] = {
            "dateFrom": (date_from or today - dt.timedelta(days=7)).strftime("%Y-%m-%d"),
            "dateTo": (date_to or today + dt.timedelta(days=7)).strftime("%Y-%m-%d"),
            "resources": root or self.config.root,
            "includeChildren": "all",
            "includeNonScheduled": "true" if include_non_scheduled else "false",
            "fields": ",".join([*activity_fields, *(additional_fields or [])]),
            "limit": limit,
        }
        items: list[Any] = []
        offset = initial_offset
        while True:
            response: Response = self.get_activities(
                params={**params, "offset": offset}, response_type=FULL_RESPONSE
            )
            if not 200 <= response.status_code < 300:
                return shape_result(response, OBJ_RESPONSE, (), None, self.config)  # raises, or the error
            page = response.json()
            page_items = page.get("items", [])
            items.extend(page_items)
            offset += len(page_items)
            if not page.get("hasMore") or not page_items:
                return OFSResponseList(items=items)

    @v3_equivalent(
        "client.paginate(client.metadata.get_properties, limit=...)",
        note="2.x always raised AttributeError here; properties are metadata",
    )
    def get_all_properties(self, initial_offset: int = 0, limit: int = 100) -> Any:
        """Kept as 2.x had it: it always raised ``AttributeError``. Use
        ``metadata.get_properties`` (or v3's ``client.paginate``)."""
        raise AttributeError(f"{type(self).__name__!r} object has no attribute 'get_properties'")

    # endregion

    # region Subscriptions

    @endpoint("core.get_subscriptions")
    def get_subscriptions(self) -> Call:
        return Call("GET", f"{CORE}/events/subscriptions")

    @endpoint("core.create_subscription", args={"data": "body"}, note=_DICT_BODY, json_text=("data",))
    def create_subscription(self, data: str | bytes) -> Call:
        return Call("POST", f"{CORE}/events/subscriptions", content=verbatim_body(data))

    @endpoint("core.delete_subscription", expected=(204,))
    def delete_subscription(self, subscription_id: str) -> Call:
        return Call("DELETE", f"{CORE}/events/subscriptions/{raw_segment(subscription_id)}")

    @endpoint("core.get_subscription_details")
    def get_subscription_details(self, subscription_id: str) -> Call:
        return Call("GET", f"{CORE}/events/subscriptions/{raw_segment(subscription_id)}")

    # endregion

    @endpoint("core.bulk_update", args={"data": "body"}, note=_MODEL_BODY)
    def bulk_update(self, data: BulkUpdateRequest) -> Call:
        return Call(
            "POST", f"{CORE}/activities/custom-actions/bulkUpdate", content=data.model_dump_json().encode()
        )

    @endpoint(
        "core.get_file_property",
        args={"activityId": "activity_id", "label": "property_label", "mediaType": None},
        note="returns a BinaryResponse; pass options={'headers': {'Accept': media_type}} for another type",
    )
    def get_file_property(
        self,
        activityId: int | str,
        label: str,
        mediaType: str = "application/octet-stream",
    ) -> Call:
        path = f"{CORE}/activities/{raw_segment(activityId)}/{raw_segment(label)}"
        return Call("GET", path, headers={"Accept": mediaType})


__all__ = ["OFSCore"]
