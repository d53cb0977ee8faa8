"""``OFSMetadata``: the 2.x metadata API (properties, work zones and skills, activity types,
capacity areas and categories, inventory types, applications, organizations, routing plans)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ._base import OFSApi
from ._endpoint import endpoint, v3_equivalent
from ._wire import Call, json_body, plus_segment, query_pairs, raw_segment
from .common import FULL_RESPONSE, OBJ_RESPONSE, shape_result

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from pydantic import BaseModel

    from .models import Property, Workskill, WorkskillConditionList, WorkskillGroup

METADATA = "/rest/ofscMetadata/v1"
OCTET_STREAM = "application/octet-stream"


def _page(offset: int, limit: int) -> list[tuple[str, str]]:
    return query_pairs({"offset": offset, "limit": limit})


class OFSMetadata(OFSApi):
    """The 2.x metadata API, reached as ``client.metadata``."""

    # The fields get_capacity_areas asks for when given an empty list.
    capacityAreasFields: ClassVar[list[str]] = [
        "label", "name", "type", "status", "parent.name", "parent.label"
    ]  # fmt: skip

    # region Properties

    @endpoint("metadata.get_properties")
    def get_properties(self, offset: int = 0, limit: int = 100) -> Call:
        return Call("GET", f"{METADATA}/properties", _page(offset, limit))

    @endpoint("metadata.get_property")
    def get_property(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/properties/{raw_segment(label)}")

    @endpoint(
        "metadata.create_or_replace_property",
        args={"property": "body"},
        derived={"label": "{property}.label"},
    )
    def create_or_replace_property(self, property: Property) -> Call:
        path = f"{METADATA}/properties/{raw_segment(property.label)}"
        return Call("PUT", path, content=property.model_dump_json().encode())

    @endpoint("metadata.get_enumeration_values", model="EnumerationValueList")
    def get_enumeration_values(self, label: str, offset: int = 0, limit: int = 100) -> Call:
        return Call(
            "GET", f"{METADATA}/properties/{raw_segment(label)}/enumerationList", _page(offset, limit)
        )

    @endpoint(
        "metadata.create_or_update_enumeration_value",
        model="EnumerationValueList",
        args={"value": "body"},
        note="body={'items': [...]}",
    )
    def create_or_update_enumeration_value(self, label: str, value: Sequence[BaseModel]) -> Call:
        body = {"items": [item.model_dump(mode="json") for item in value]}
        return Call(
            "PUT", f"{METADATA}/properties/{raw_segment(label)}/enumerationList", content=json_body(body)
        )

    # endregion

    # region Work zones

    @endpoint("metadata.get_workzones", model="WorkzoneListResponse")
    def get_workzones(self, offset: int = 0, limit: int = 100) -> Call:
        return Call("GET", f"{METADATA}/workZones", _page(offset, limit))

    @endpoint("metadata.get_workzone", model="Workzone")
    def get_workzone(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/workZones/{raw_segment(label)}")

    @endpoint(
        "metadata.replace_workzone",
        expected=(200, 204),
        model="Workzone",
        args={"workzone": "body"},
        derived={"label": "{workzone}.workZoneLabel"},
    )
    def replace_workzone(self, workzone: Any, auto_resolve_conflicts: bool = False) -> Call:
        """Replace the work zone ``workzone`` (a :class:`~ofsc.v2.models.Workzone`)."""
        path = f"{METADATA}/workZones/{raw_segment(workzone.workZoneLabel)}"
        query = [("autoResolveConflicts", "true")] if auto_resolve_conflicts else []
        return Call("PUT", path, query, content=workzone.model_dump_json(exclude_none=True).encode())

    # endregion

    @endpoint("metadata.get_resource_types")
    def get_resource_types(self) -> Call:
        return Call("GET", f"{METADATA}/resourceTypes")

    # region Plugins

    @endpoint(
        "metadata.import_plugin",
        expected=(204,),
        args={"plugin": "plugin_file"},
        note="plugin_file=(name, content) or an open file",
    )
    def import_plugin_file(self, plugin: Path) -> Call:
        return self._plugin_upload(plugin.name, plugin.read_text())

    @endpoint(
        "metadata.import_plugin",
        expected=(204,),
        args={"plugin": "plugin_file"},
        note="plugin_file=('plugin.xml', xml_text)",
    )
    def import_plugin(self, plugin: str) -> Call:
        return self._plugin_upload("noname.xml", plugin)

    @staticmethod
    def _plugin_upload(filename: str, xml: str) -> Call:
        files = {"pluginFile": (filename, xml.encode(), "text/xml")}
        return Call("POST", f"{METADATA}/plugins/custom-actions/import", files=files)

    # endregion

    # region Work skills
    # The response_type=FULL_RESPONSE parameters below never had an effect in 2.x (the
    # keyword is taken before the method runs, a positional value is ignored): kept so.

    @endpoint("metadata.get_workskills", model="WorkskillListResponse")
    def get_workskills(self, offset: int = 0, limit: int = 100, response_type: int = FULL_RESPONSE) -> Call:
        return Call("GET", f"{METADATA}/workSkills", _page(offset, limit))

    @endpoint("metadata.get_workskill", model="Workskill")
    def get_workskill(self, label: str, response_type: int = FULL_RESPONSE) -> Call:
        return Call("GET", f"{METADATA}/workSkills/{raw_segment(label)}")

    @endpoint(
        "metadata.create_or_update_workskill",
        model="Workskill",
        args={"skill": "body"},
        derived={"label": "{skill}.label"},
    )
    def create_or_update_workskill(self, skill: Workskill, response_type: int = FULL_RESPONSE) -> Call:
        path = f"{METADATA}/workSkills/{raw_segment(skill.label)}"
        return Call("PUT", path, content=skill.model_dump_json(exclude_none=True).encode())

    @endpoint("metadata.delete_workskill", expected=(204,))
    def delete_workskill(self, label: str, response_type: int = FULL_RESPONSE) -> Call:
        return Call("DELETE", f"{METADATA}/workSkills/{raw_segment(label)}")

    @endpoint("metadata.get_workskill_conditions")
    def get_workskill_conditions(self, response_type: int = FULL_RESPONSE) -> Call:
        return Call("GET", f"{METADATA}/workSkillConditions")

    @endpoint("metadata.replace_workskill_conditions", args={"data": "body"}, note="body={'items': [...]}")
    def replace_workskill_conditions(
        self, data: WorkskillConditionList, response_type: int = FULL_RESPONSE
    ) -> Call:
        content = '{"items":' + data.model_dump_json(exclude_none=True) + "}"
        return Call(
            "PUT",
            f"{METADATA}/workSkillConditions",
            content=content.encode(),
            headers={"Content-Type": "application/json"},
        )

    # endregion

    # region Activity types

    @endpoint("metadata.get_activity_type_groups", model="ActivityTypeGroupListResponse")
    def get_activity_type_groups(self, offset: int = 0, limit: int = 100) -> Call:
        return Call("GET", f"{METADATA}/activityTypeGroups", _page(offset, limit))

    @endpoint("metadata.get_activity_type_group", model="ActivityTypeGroup")
    def get_activity_type_group(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/activityTypeGroups/{plus_segment(label)}")

    @endpoint("metadata.get_activity_types", model="ActivityTypeListResponse")
    def get_activity_types(self, offset: int = 0, limit: int = 100) -> Call:
        return Call("GET", f"{METADATA}/activityTypes", _page(offset, limit))

    @endpoint("metadata.get_activity_type")
    def get_activity_type(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/activityTypes/{plus_segment(label)}")

    # endregion

    # region Capacity areas and categories

    @endpoint(
        "metadata.get_capacity_areas",
        model="CapacityAreaListResponse",
        args={"expandParent": None, "activeOnly": None, "areasOnly": None},
        note="expandParent=True -> expand='parent', activeOnly=True -> status='active', areasOnly=True -> type='area'",
    )
    def get_capacity_areas(
        self,
        expandParent: bool = False,
        fields: list[str] = ["label"],  # noqa: B006  (2.x default, never mutated)
        activeOnly: bool = False,
        areasOnly: bool = False,
    ) -> Call:
        if not isinstance(fields, list):
            raise TypeError(f"fields must be a list, got {type(fields).__name__}")
        query = query_pairs(
            {
                "expand": "parent" if expandParent else None,
                "fields": ",".join(fields or self.capacityAreasFields),
                "status": "active" if activeOnly else None,
                "type": "area" if areasOnly else None,
            }
        )
        return Call("GET", f"{METADATA}/capacityAreas", query)

    @endpoint("metadata.get_capacity_area", model="CapacityArea")
    def get_capacity_area(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/capacityAreas/{plus_segment(label)}")

    @endpoint("metadata.get_capacity_categories", model="CapacityCategoryListResponse")
    def get_capacity_categories(self, offset: int = 0, limit: int = 100) -> Call:
        return Call("GET", f"{METADATA}/capacityCategories", _page(offset, limit))

    @endpoint("metadata.get_capacity_category", model="CapacityCategory")
    def get_capacity_category(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/capacityCategories/{plus_segment(label)}")

    # endregion

    # region Inventory types

    @endpoint("metadata.get_inventory_types", model="InventoryTypeListResponse")
    def get_inventory_types(self) -> Call:
        return Call("GET", f"{METADATA}/inventoryTypes")

    @endpoint("metadata.get_inventory_type", model="InventoryType")
    def get_inventory_type(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/inventoryTypes/{plus_segment(label)}")

    # endregion

    # region Work skill groups

    @endpoint("metadata.get_workskill_groups", model="WorkskillGroupListResponse")
    def get_workskill_groups(self) -> Call:
        return Call("GET", f"{METADATA}/workSkillGroups")

    @endpoint("metadata.get_workskill_group", model="WorkskillGroup")
    def get_workskill_group(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/workSkillGroups/{raw_segment(label)}")

    @endpoint(
        "metadata.create_or_update_workskill_group",
        expected=(200, 201),
        model="WorkskillGroup",
        args={"data": "body"},
        derived={"label": "{data}.label"},
    )
    def create_or_update_workskill_group(self, data: WorkskillGroup) -> Call:
        path = f"{METADATA}/workSkillGroups/{raw_segment(data.label)}"
        return Call("PUT", path, content=json_body(data.model_dump(mode="json")))

    @endpoint("metadata.delete_workskill_group", expected=(204,))
    def delete_workskill_group(self, label: str) -> Call:
        return Call("DELETE", f"{METADATA}/workSkillGroups/{raw_segment(label)}")

    # endregion

    # region Applications and organizations

    @endpoint("metadata.get_applications", model="ApplicationListResponse")
    def get_applications(self) -> Call:
        return Call("GET", f"{METADATA}/applications")

    @endpoint("metadata.get_application", model="Application")
    def get_application(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/applications/{raw_segment(label)}")

    @endpoint("metadata.get_application_api_accesses")
    def get_application_api_accesses(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/applications/{raw_segment(label)}/apiAccess")

    @endpoint("metadata.get_application_api_access", args={"accessId": "api_label"})
    def get_application_api_access(self, label: str, accessId: str) -> Call:
        return Call("GET", f"{METADATA}/applications/{raw_segment(label)}/apiAccess/{raw_segment(accessId)}")

    @endpoint("metadata.get_organizations", model="OrganizationListResponse")
    def get_organizations(self) -> Call:
        return Call("GET", f"{METADATA}/organizations")

    @endpoint("metadata.get_organization", model="Organization")
    def get_organization(self, label: str) -> Call:
        return Call("GET", f"{METADATA}/organizations/{raw_segment(label)}")

    # endregion

    # region Routing profiles and plans

    @endpoint("metadata.get_routing_profiles", model="RoutingProfileList")
    def get_routing_profiles(self, offset: int = 0, limit: int = 100) -> Call:
        return Call("GET", f"{METADATA}/routingProfiles", _page(offset, limit))

    @endpoint("metadata.get_routing_profile_plans", model="RoutingPlanList")
    def get_routing_profile_plans(self, profile_label: str, offset: int = 0, limit: int = 100) -> Call:
        path = f"{METADATA}/routingProfiles/{plus_segment(profile_label)}/plans"
        return Call("GET", path, _page(offset, limit))

    @endpoint(
        "metadata.export_routing_plan",
        model="RoutingPlanData",
        note="returns a BinaryResponse: RoutingPlanData.model_validate_json(response.read())",
    )
    def export_routing_plan(self, profile_label: str, plan_label: str) -> Call:
        return _plan_export(profile_label, plan_label)

    @v3_equivalent(
        "metadata.export_routing_plan",
        note="returns a BinaryResponse: .read() gives these bytes; a failure raises",
    )
    def export_plan_file(self, profile_label: str, plan_label: str) -> bytes:
        """The routing plan as the bytes ``import_routing_plan`` takes (no ``response_type``)."""
        response = self._session.send("metadata.export_routing_plan", _plan_export(profile_label, plan_label))
        if not 200 <= response.status_code < 300 and self.config.auto_raise:
            shape_result(response, OBJ_RESPONSE, (), None, self.config)  # raises
        return response.content

    @endpoint(
        "metadata.import_routing_plan",
        expected=(200, 409),
        args={"plan_data": "content"},
        note="a 409 (the plan exists: use force_import_routing_plan) raises ConflictError",
    )
    def import_routing_plan(self, profile_label: str, plan_data: bytes) -> Call:
        path = f"{METADATA}/routingProfiles/{plus_segment(profile_label)}/plans/custom-actions/import"
        return Call("PUT", path, content=plan_data, headers={"Content-Type": OCTET_STREAM})

    @endpoint("metadata.force_import_routing_plan", args={"plan_data": "content"})
    def force_import_routing_plan(self, profile_label: str, plan_data: bytes) -> Call:
        path = f"{METADATA}/routingProfiles/{plus_segment(profile_label)}/plans/custom-actions/forceImport"
        return Call("PUT", path, content=plan_data, headers={"Content-Type": OCTET_STREAM})

    @endpoint("metadata.start_routing_plan", expected=(200, 202, 204))
    def start_routing_plan(
        self, profile_label: str, plan_label: str, resource_external_id: str, date: str
    ) -> Call:
        path = (
            f"{METADATA}/routingProfiles/{plus_segment(profile_label)}/plans/{plus_segment(plan_label)}"
            f"/{plus_segment(resource_external_id)}/{raw_segment(date)}/custom-actions/start"
        )
        return Call("POST", path)

    # endregion


def _plan_export(profile_label: str, plan_label: str) -> Call:
    path = (
        f"{METADATA}/routingProfiles/{plus_segment(profile_label)}/plans/{plus_segment(plan_label)}"
        "/custom-actions/export"
    )
    return Call("GET", path, headers={"Accept": OCTET_STREAM})


__all__ = ["OFSMetadata"]
