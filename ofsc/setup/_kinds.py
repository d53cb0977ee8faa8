"""The kinds of instance configuration, as data: how each is read, keyed and written.

Every kind is a collection of the metadata API. ``list_op`` reads all of its objects;
``write_op`` (and ``create_op`` where creating takes another operation) writes one;
kinds without a write operation are read-only through the API, so a plan lists their
differences as manual steps. ``depends_on`` orders a plan: an activity type is written
after its group exists, a skill group after its skills.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ofsc._operation import Operation


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # the folder name, as the API names the collection
    list_op: str
    key: str = "label"  # the field that identifies an object
    write_op: str | None = None  # create-or-replace (or update) one object
    create_op: str | None = None  # when creating takes another operation than writing
    delete_op: str | None = None
    depends_on: tuple[str, ...] = ()
    parent: str | None = None  # one object per object of this kind (e.g. a property's values)
    parent_filter: Callable[[Mapping[str, Any]], bool] | None = None
    singleton: str | None = None  # the one key of a kind the API reads and writes whole

    @property
    def writable(self) -> bool:
        return self.write_op is not None

    def write_operation(self, exists: bool) -> str:
        """The operation that writes an object that does (or does not yet) exist."""
        assert self.write_op is not None
        return self.write_op if exists or self.create_op is None else self.create_op


def _is_enumeration(prop: Mapping[str, Any]) -> bool:
    return prop.get("type") == "enumeration"


KINDS: tuple[Kind, ...] = (
    Kind("workSkills", "get_workskills", write_op="create_or_update_workskill", delete_op="delete_workskill"),
    Kind(
        "workSkillGroups",
        "get_workskill_groups",
        write_op="create_or_update_workskill_group",
        delete_op="delete_workskill_group",
        depends_on=("workSkills",),
    ),
    Kind(
        "workSkillConditions",
        "get_workskill_conditions",
        write_op="replace_workskill_conditions",
        depends_on=("workSkills",),
        singleton="conditions",
    ),
    Kind("properties", "get_properties", write_op="create_or_replace_property"),
    Kind(
        "propertyEnumerations",
        "get_enumeration_values",
        write_op="create_or_update_enumeration_value",
        depends_on=("properties",),
        parent="properties",
        parent_filter=_is_enumeration,
    ),
    Kind("activityTypeGroups", "get_activity_type_groups", write_op="create_or_replace_activity_type_group"),
    Kind(
        "activityTypes",
        "get_activity_types",
        write_op="create_or_replace_activity_type",
        depends_on=("activityTypeGroups", "workSkills"),
    ),
    Kind(
        "capacityCategories",
        "get_capacity_categories",
        write_op="create_or_replace_capacity_category",
        delete_op="delete_capacity_category",
        depends_on=("workSkills", "workSkillGroups"),
    ),
    Kind(
        "inventoryTypes",
        "get_inventory_types",
        write_op="create_or_replace_inventory_type",
        depends_on=("properties",),
    ),
    Kind("shifts", "get_shifts", write_op="create_or_replace_shift", delete_op="delete_shift"),
    Kind(
        "linkTemplates",
        "get_link_templates",
        write_op="update_link_template",
        create_op="create_link_template",
    ),
    Kind(
        "workZones",
        "get_workzones",
        key="workZoneLabel",
        write_op="replace_workzone",
        create_op="create_workzone",
    ),
    Kind("forms", "get_forms", write_op="create_or_replace_form", delete_op="delete_form"),
    Kind("mapLayers", "get_map_layers", write_op="create_or_replace_map_layer"),
    Kind("applications", "get_applications", write_op="create_or_replace_application"),
    # Read-only through the API: exported and compared, never written.
    Kind("resourceTypes", "get_resource_types"),
    Kind("timeSlots", "get_time_slots"),
    Kind("nonWorkingReasons", "get_non_working_reasons"),
    Kind("organizations", "get_organizations"),
    Kind("capacityAreas", "get_capacity_areas"),
    Kind("languages", "get_languages"),
    Kind("routingProfiles", "get_routing_profiles", key="profileLabel"),
)

KIND_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}


def kind_named(name: str) -> Kind:
    try:
        return KIND_BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown configuration kind {name!r}; known: {', '.join(KIND_BY_NAME)}") from None


def operation(name: str) -> Operation[Any]:
    """The metadata operation called ``name`` (the generated operation index)."""
    return _operations()[name]


@cache
def _operations() -> dict[str, Operation[Any]]:
    from ofsc_generated.operations import all_operations

    return {op.name: op for op in all_operations() if op.family == "metadata"}


@cache
def writable_fields(operation_name: str) -> frozenset[str] | None:
    """The API field names the operation's JSON body accepts (None: the body is open)."""
    from ofsc._operation import resolve_model

    op = operation(operation_name)
    if op.body is None or op.body.model is None:
        return frozenset()
    model = resolve_model(op.body.model)
    names = {field.alias or name for name, field in model.model_fields.items()}
    return frozenset(names) or None


def order(kinds: tuple[Kind, ...] = KINDS) -> list[Kind]:
    """``kinds`` with every kind after the kinds it depends on (table order otherwise)."""
    placed: list[Kind] = []
    seen: set[str] = set()

    def place(kind: Kind, path: tuple[str, ...]) -> None:
        if kind.name in seen:
            return
        if kind.name in path:
            raise ValueError(f"configuration kinds depend on each other in a cycle: {' -> '.join(path)}")
        for dependency in kind.depends_on:
            place(KIND_BY_NAME[dependency], (*path, kind.name))
        seen.add(kind.name)
        placed.append(kind)

    for kind in kinds:
        place(kind, ())
    return placed
