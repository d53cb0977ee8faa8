"""Every 2.x sub-API method, from the survey of the 2.x surface (``data/v2_surface.json``):
the same signature, the request it sends and what it returns under ``OBJ_RESPONSE``."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ofsc.v2 import OFSC as OFSCV2
from ofsc.v2 import OFSCapacity, OFSCore, OFSMetadata, OFSOauth2, models
from ofsc.v2.common import FULL_RESPONSE

from .conftest import SURFACE, ScriptedOFS, reply

CLASSES = {"core": OFSCore, "metadata": OFSMetadata, "capacity": OFSCapacity, "oauth2": OFSOauth2}
DAY = dt.date(2025, 6, 25)
LABEL = "LBL"  # every label-like argument: the same in raw and quote_plus encoding
# Defaults 2.x evaluated once, at import time; ofsc.v2 evaluates them per call (None in the signature).
IMPORT_TIME_DEFAULTS = {
    "date.today()",
    "date.today() - timedelta(days=7)",
    "date.today() + timedelta(days=7)",
}

# Arguments by parameter name; ``data`` depends on the method.
SAMPLES: dict[str, Any] = {
    "activity_id": 3951935, "activityId": 3951935, "resource_id": "33001", "resourceId": "33001",
    "label": LABEL, "profile_label": LABEL, "plan_label": LABEL, "accessId": LABEL,
    "login": "william", "date": "2025-06-25", "filename": "activities.zip", "subscription_id": "sub-1",
    "location_id": 42, "resource_external_id": "TECH1", "actualDate": DAY, "dateFrom": DAY, "dateTo": DAY,
    "dates": ["2025-06-25"], "users": ("chris",), "plan_data": b"plan", "params": {"dateFrom": "2025-06-25"},
    "plugin": "<xml/>",
}  # fmt: skip
JSON_TEXT = '{"status": "pending"}'


def _data(method: str) -> Any:
    by_method: dict[str, Callable[[], Any]] = {
        "create_resource_from_obj": lambda: {"name": "X"},
        "update_resource": lambda: {"name": "X"},
        "set_resource_workschedules": lambda: models.ResourceWorkScheduleItem(recordType="working"),
        "set_assigned_locations": lambda: models.AssignedLocationsResponse(mon={"start": 1}),
        "bulk_update": lambda: models.BulkUpdateRequest(activities=[{"activityId": 1}], updateParameters={}),
        "replace_workskill_conditions": lambda: models.WorkskillConditionList(
            [{"internalId": 1, "label": "C", "requiredLevel": 1, "preferableLevel": 1, "conditions": []}]
        ),
        "create_or_update_workskill_group": lambda: models.WorkskillGroup(**WORKSKILL_GROUP),
    }
    return by_method.get(method, lambda: JSON_TEXT)()


WORKSKILL_GROUP = {
    "label": LABEL, "name": "Group", "active": True, "assignToResource": True, "addToCapacityCategory": False,
    "workSkills": [{"label": "COM", "ratio": 100}], "translations": [{"name": "Group"}],
}  # fmt: skip
OBJECTS: dict[str, Callable[[], Any]] = {
    "property": lambda: models.Property(label=LABEL, name="Prop", type="string"),
    "value": lambda: (models.EnumerationValue(label="V1", active=True, translations=[{"name": "One"}]),),
    "workzone": lambda: models.Workzone(
        workZoneLabel=LABEL, workZoneName="Zone", status="active", travelArea="A"
    ),
    "skill": lambda: models.Workskill(label=LABEL, name="Skill", sharing="maximal"),
    "location": lambda: models.Location(label=LABEL, city="Orlando"),
}
# Bodies the models with required fields need (everything else validates from an empty object).
BODIES: dict[str, dict[str, Any]] = {
    "Workskill": {"label": LABEL, "name": "Skill", "sharing": "maximal"},
    "WorkskillGroup": WORKSKILL_GROUP,
}
METHODS = [m for m in SURFACE["methods"] if m["name"] not in ("get_all_activities", "get_all_properties")]


def _arguments(method: dict[str, Any], tmp_path: Path) -> tuple[list[Any], dict[str, Any]]:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in method["params"]:
        if not param.get("required"):
            continue
        name = param["name"]
        if name == "data":
            value = _data(method["name"])
        elif name in OBJECTS:
            value = OBJECTS[name]()
        elif name == "plugin" and method["name"] == "import_plugin_file":
            value = tmp_path / "plugin.xml"
            value.write_text("<xml/>")
        else:
            value = SAMPLES[name]
        if param.get("keyword_only"):
            kwargs[name] = value
        else:
            args.append(value)
    return args, kwargs


def _expected_path(method: dict[str, Any], args: list[Any], kwargs: dict[str, Any]) -> str:
    """The path of the survey's ``http``, with each placeholder filled in."""
    path = method["http"].split(" ")[1].split("?")[0]
    positional = [p["name"] for p in method["params"] if p.get("required") and not p.get("keyword_only")]
    values = {**dict(zip(positional, args, strict=True)), **kwargs}

    def fill(placeholder: str) -> str:
        value = values.get(placeholder, LABEL)
        return str(value) if isinstance(value, str | int) else LABEL

    for name in [part[1:-1] for part in path.split("/") if part.startswith("{")]:
        path = path.replace("{" + name + "}", fill(name))
    return path


def _answer(method: dict[str, Any]) -> tuple[int, Any]:
    status = (method["expected_status"] or [200])[0]
    if status == 204:
        return 204, None
    model = method["model"]
    return status, {**BODIES.get(model or "", {}), "links": [{"rel": "self", "href": "x"}]}


def _check_result(method: dict[str, Any], result: Any, status: int) -> None:
    if method["default_response_type"] == "FILE_RESPONSE" or method["name"] == "export_plan_file":
        assert isinstance(result, bytes)
    elif status == 204:
        assert result == ""
    elif method["model"]:
        assert isinstance(result, getattr(models, method["model"]))
        assert "links" not in result.model_dump()
    else:
        assert isinstance(result, dict)
        assert "links" in result  # no model: the body as it came


@pytest.mark.parametrize("method", METHODS, ids=[f"{m['api']}.{m['name']}" for m in METHODS])
def test_method(method: dict[str, Any], c: OFSCV2, ofs: ScriptedOFS, tmp_path: Path) -> None:
    args, kwargs = _arguments(method, tmp_path)
    http_method = method["http"].split(" ")[0]
    path = _expected_path(method, args, kwargs)
    status, body = _answer(method)
    ofs.on(http_method, path, reply(status, body) if body is not None else reply(status))

    result = getattr(getattr(c, method["api"]), method["name"])(*args, **kwargs)

    sent = ofs.requests
    assert [(r.method, r.url.raw_path.decode().split("?")[0]) for r in sent] == [(http_method, path)]
    _check_result(method, result, status)


def test_get_all_activities(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on(
        "GET", "/rest/ofscCore/v1/activities", reply(200, {"items": [{"activityId": 1}], "hasMore": False})
    )
    result = c.core.get_all_activities(root="FLUSA")
    assert isinstance(result, models.OFSResponseList) and result.items == [{"activityId": 1}]
    assert len(ofs.requests) == 1


def test_get_all_properties_fails_as_in_2x(c: OFSCV2, ofs: ScriptedOFS) -> None:
    with pytest.raises(AttributeError, match="get_properties"):
        c.core.get_all_properties()
    assert ofs.requests == []


def _default(text: str) -> Any:
    if text in IMPORT_TIME_DEFAULTS:
        return None
    namespace = {"FULL_RESPONSE": FULL_RESPONSE, "OFSOAuthRequest": models.OFSOAuthRequest}
    return eval(text, namespace)


def _signature_problems(method: dict[str, Any]) -> list[str]:
    cls = CLASSES[method["api"]]
    member = getattr(cls, method["name"], None)
    if member is None:
        return ["missing"]
    actual = [
        p
        for p in inspect.signature(inspect.unwrap(member)).parameters.values()
        if p.name != "self" and p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    problems = []
    if [p.name for p in actual] != [p["name"] for p in method["params"]]:
        problems.append(f"parameters {[p.name for p in actual]}")
    for mine, theirs in zip(actual, method["params"], strict=False):
        keyword_only = mine.kind is inspect.Parameter.KEYWORD_ONLY
        if keyword_only != bool(theirs.get("keyword_only")):
            problems.append(f"{mine.name}: keyword-only {keyword_only}")
        if theirs.get("required"):
            if mine.default is not inspect.Parameter.empty:
                problems.append(f"{mine.name}: has a default")
        elif mine.default != _default(theirs["default"]):
            problems.append(f"{mine.name}: default {mine.default!r}, 2.x {theirs['default']}")
    return problems


def test_every_2x_method_is_kept_and_tested(summary: Callable[[str], None]) -> None:
    surface = SURFACE["methods"]
    problems = {f"{m['api']}.{m['name']}": p for m in surface if (p := _signature_problems(m))}
    assert problems == {}
    tested = {m["name"] for m in METHODS} | {"get_all_activities", "get_all_properties"}
    covered = [m for m in surface if m["name"] in tested]
    assert len(covered) == len(surface)
    summary(f"v2 surface: {len(covered)}/{len(surface)} methods tested")
