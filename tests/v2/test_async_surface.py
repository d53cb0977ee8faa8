"""Every 2.x async method (``ofsc.async_client``), from the survey of the 2.x surface
(``data/v2_async_surface.json``): the same signature, a request the in-process mock OFS
accepts, and the result 2.x returned for the body the mock answered."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import inspect
import json
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import httpx
import pytest

from ofsc.testing import MockOFS
from ofsc.v2 import exceptions as v2_exceptions
from ofsc.v2 import models

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from ofsc.async_client import AsyncOFSC
    from ofsc.async_client._apis import SUB_APIS
    from ofsc.async_client._table import METHODS, MethodSpec

SURFACE = json.loads((Path(__file__).parent / "data" / "v2_async_surface.json").read_text())
SURVEYED = [(api, m) for api, methods in SURFACE["apis"].items() for m in methods]
DAY = dt.date(2025, 6, 25)
ACTIVITY, INVENTORY, RESOURCE, LOGIN, LABEL = 4225274, 21, "33001", "william", "LBL"
AREA = "sunrise_enterprise"  # a travel area Oracle's spec knows

# Objects the mock holds, so that the calls reaching them by id find them.
FIXTURE: dict[str, Any] = {
    "activities": [{"activityId": ACTIVITY, "activityType": "LU", "resourceId": RESOURCE, "date": "2025-06-25"}],
    "resources": [{"resourceId": RESOURCE, "name": "Tech One", "resourceType": "PR", "status": "active"}],
    "users": [{"login": LOGIN, "name": "William", "userType": "technician", "resources": [RESOURCE]}],
    "inventories": [{"inventoryId": INVENTORY, "inventoryType": "METER", "resourceId": RESOURCE}],
    "workZones": [{"workZoneLabel": LABEL, "workZoneName": "Zone", "status": "active", "travelArea": AREA}],
    "properties": [{"label": LABEL, "name": "Prop", "type": "string", "entity": "activity", "gui": "text"}],
    "shifts": [{"label": LABEL, "name": "Day", "type": "regular", "active": True, "workTimeStart": "08:00:00",
                "workTimeEnd": "17:00:00"}],
    "workSkillGroups": [{"label": LABEL, "name": "Group", "active": True, "assignToResource": True,
                         "addToCapacityCategory": False, "workSkills": [{"label": LABEL, "ratio": 100}]}],
    **{
        name: [{"label": LABEL}]
        for name in (
            "activityTypeGroups", "activityTypes", "applications", "capacityAreas", "capacityCategories",
            "forms", "inventoryTypes", "languages", "linkTemplates", "mapLayers", "nonWorkingReasons",
            "organizations", "resourceTypes", "timeSlots", "workSkills",
        )
    },
    "files": [
        {"collection": "activities", "id": ACTIVITY, "property": "photo", "text": "A"},
        {"collection": "resources", "id": RESOURCE, "property": "photo", "text": "R"},
        {"collection": "users", "id": LOGIN, "property": "photo", "text": "U"},
        {"collection": "inventories", "id": INVENTORY, "property": "photo", "text": "I"},
    ],
}  # fmt: skip

# Arguments by parameter name (the bodies by method, below).
SAMPLES: dict[str, Any] = {
    "activity_id": ACTIVITY, "linked_activity_id": ACTIVITY + 1, "link_type": "start-before",
    "resource_id": RESOURCE, "login": LOGIN, "inventory_id": INVENTORY, "label": LABEL,
    "property_label": "photo", "profile_label": LABEL, "plan_label": LABEL, "plugin_label": LABEL,
    "access_id": "coreAPI", "api_label": "coreAPI", "location_id": 42, "download_id": 7,
    "workskill": LABEL, "workzone_item_id": 3, "schedule_item_id": 4,
    "date": "2025-06-25", "filename": "activities.zip", "date_from": DAY, "date_to": DAY,
    "position_date": DAY, "actual_date": DAY, "route_date": DAY, "resources": [RESOURCE],
    "resource_external_id": "TECH1", "dates": ["2025-06-25"], "areas": ["FLUSA"], "media_type": "text/plain",
    "content": b"file", "content_type": "text/plain", "plan_data": b'{"routing_plan": {}}',
    "users": ["chris", "william"], "groups": ["Dispatchers"], "activityType": "LU",
}  # fmt: skip

# Optional 2.x parameters that Oracle's spec requires for the method.
OPTIONAL_SAMPLES = {"get_activity_booking_options": ("activityType",)}
LINK = {"fromActivityId": ACTIVITY, "toActivityId": ACTIVITY + 1, "linkType": "start-before"}
BODIES: dict[str, Callable[[Path], Any]] = {
    "create_activity": lambda _: models.Activity(activityType="LU", resourceId=RESOURCE, date="2025-06-25"),
    "update_activity": lambda _: {"status": "pending"},
    "create_customer_inventory": lambda _: models.Inventory(inventoryType="METER"),
    "link_activities": lambda _: models.LinkedActivity(**LINK),
    "set_activity_link": lambda _: {**LINK, "minIntervalValue": 10},
    "set_required_inventories": lambda _: [models.RequiredInventory(inventoryType="METER", model="M1", quantity=1)],
    "set_resource_preferences": lambda _: [models.ResourcePreference(resourceId=RESOURCE, preferenceType="preferred")],
    "create_subscription": lambda _: models.CreateSubscriptionRequest(events=["activityMoved"], title="t"),
    "create_resource": lambda _: {"name": "Tech", "resourceType": "PR", "language": "en", "timeZone": "Eastern", "parentResourceId": RESOURCE, "status": "active"},
    "create_resource_from_obj": lambda _: {"name": "Tech", "resourceType": "PR", "language": "en", "timeZone": "Eastern", "parentResourceId": RESOURCE, "status": "active"},
    "update_resource": lambda _: {"name": "Renamed"},
    "set_resource_workschedules": lambda _: models.ResourceWorkScheduleItem(recordType="working", startDate="2025-06-25", shiftType="regular", shiftLabel="DAY"),
    "bulk_update_resource_workzones": lambda _: [{"resourceId": RESOURCE, "workZones": [{"workZoneItemId": 1, "workZone": LABEL, "startDate": "2025-06-25"}]}],
    "bulk_update_resource_workskills": lambda _: [{"resourceId": RESOURCE, "workSkills": [{"workSkill": LABEL, "ratio": 100, "startDate": "2025-06-25"}]}],
    "bulk_update_resource_workschedules": lambda _: [{"resourceId": RESOURCE, "workSchedules": [{"recordType": "working", "startDate": "2025-06-25", "shiftType": "regular", "shiftLabel": "DAY"}]}],
    "create_resource_location": lambda _: models.Location(label="home", city="Orlando", country="US", postalCode="32801", address="1 Main St", state="FL"),
    "set_assigned_locations": lambda _: models.AssignedLocationsResponse(mon={"start": 1, "end": 1}),
    "create_resource_inventory": lambda _: {"inventoryType": "METER"},
    "set_resource_workskills": lambda _: [models.ResourceWorkskillAssignment(workSkill=LABEL, ratio=100, startDate="2025-06-25")],
    "set_resource_workzones": lambda _: [models.ResourceWorkzoneAssignment(workZoneItemId=1, workZone=LABEL, startDate="2025-06-25")],
    "update_resource_location": lambda _: {"city": "Tampa"},
    "create_user": lambda _: {"name": "New", "userType": "technician", "language": "en", "timeZone": "Eastern", "resources": [RESOURCE], "password": "p4ss-WORD-123"},
    "update_user": lambda _: {"name": "Renamed"},
    "create_inventory": lambda _: {"inventoryType": "METER", "resourceId": RESOURCE},
    "update_inventory": lambda _: {"serialNumber": "SN-1"},
    "create_or_replace_activity_type_group": lambda _: models.ActivityTypeGroup(label=LABEL, name="Group"),
    "create_or_replace_activity_type": lambda _: models.ActivityType(label=LABEL, name="Type", active=True, groupLabel="customer", defaultDuration=60),
    "create_or_replace_application": lambda _: models.Application(label=LABEL, name="App", status="active", tokenService="ofsc", resourcesToAllow=[], IPAddressesToAllow=[]),
    "update_application_api_access": lambda _: {"status": "active"},
    "create_or_replace_capacity_category": lambda _: models.CapacityCategory(label=LABEL, name="Cat", active=True),
    "create_or_replace_form": lambda _: models.Form(label=LABEL, name="Form", content="{}"),
    "create_or_replace_inventory_type": lambda _: models.InventoryType(label=LABEL, name="Type", active=True, nonSerialized=False, translations=[{"language": "en", "name": "Type"}]),
    "create_link_template": lambda _: models.LinkTemplate(label=LABEL, name="Tpl", active=True, linkType="related"),
    "update_link_template": lambda _: models.LinkTemplate(label=LABEL, active=True, linkType="related", translations=[{"language": "en", "name": "Tpl", "reverseName": "Tpl"}]),
    "create_or_replace_map_layer": lambda _: models.MapLayer(label=LABEL, status="active", text="Layer"),
    "create_map_layer": lambda _: models.MapLayer(label="NEW", status="active", text="Layer"),
    "populate_map_layers": lambda _: b"label,shape",
    "import_plugin_file": lambda tmp: _file(tmp, "plugin.xml", "<plugin/>"),
    "import_plugin": lambda _: "<plugin/>",
    "create_or_replace_property": lambda _: models.Property(label=LABEL, name="Prop", type="string", entity="activity"),
    "update_property": lambda _: models.Property(label=LABEL, name="Renamed", type="string", entity="activity"),
    "create_or_update_enumeration_value": lambda _: models.EnumerationValueList(items=[{"label": "V1", "active": True, "translations": [{"language": "en", "name": "One"}]}]),
    "create_or_replace_shift": lambda _: models.Shift(label=LABEL, name="Day", active=True, type="regular", workTimeStart="08:00:00", workTimeEnd="17:00:00"),
    "create_or_update_workskill": lambda _: models.Workskill(label=LABEL, name="Skill", sharing="maximal"),
    "replace_workskill_conditions": lambda _: models.WorkskillConditionList([{"internalId": 1, "label": "C", "requiredLevel": 1, "preferableLevel": 1, "conditions": []}]),
    "create_or_update_workskill_group": lambda _: models.WorkskillGroup(label=LABEL, name="Group", active=True, assignToResource=True, addToCapacityCategory=False, workSkills=[{"label": LABEL, "ratio": 100}], translations=[{"name": "Group"}]),
    "create_workzone": lambda _: models.Workzone(workZoneLabel="NEW", workZoneName="New", status="active", travelArea=AREA),
    "replace_workzone": lambda _: models.Workzone(workZoneLabel=LABEL, workZoneName="Zone", status="active", travelArea=AREA),
    "replace_workzones": lambda _: [models.Workzone(workZoneLabel=LABEL, workZoneName="Zone", status="active", travelArea=AREA)],
    "update_workzones": lambda _: [models.Workzone(workZoneLabel=LABEL, workZoneName="Zone", status="active", travelArea=AREA)],
    "populate_workzone_shapes": lambda tmp: _file(tmp, "shapes.csv", "label,shape"),
    "update_quota": lambda _: {"items": [{"date": "2025-06-25", "label": "FLUSA", "quota": 100}]},
    "update_booking_closing_schedule": lambda _: {"items": [{"label": "FLUSA"}]},
    "update_booking_statuses": lambda _: {"items": [{"date": "2025-06-25", "label": "FLUSA"}]},
    "show_booking_grid": lambda _: {"dateFrom": "2025-06-25", "areas": ["FLUSA"], "activity": {"activityType": "LU", "timeZone": "Eastern"}},
    "update_activity_duration_stats": lambda _: {"items": [{"resourceId": RESOURCE, "akey": "LU", "override": 30}]},
    "update_activity_travel_stats": lambda _: {"items": [{"tkey": "A", "fkey": "B", "override": 10}]},
    "update_airline_distance_based_travel": lambda _: {"items": [{"key": "A", "data": [{"distance": 1, "estimation": 1}]}]},
}  # fmt: skip
BODY_PARAMS = {"activity", "data", "inventory", "link", "inventories", "preferences", "subscription",
               "location", "inventory_data", "workskills", "workzones", "plugin", "property", "value",
               "skill", "workzone"}  # fmt: skip


def _file(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text)
    return path


class Recording(httpx.AsyncBaseTransport):
    """The mock's transport, keeping each exchange (the body read, so the test can see it)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.exchanges: list[tuple[httpx.Request, httpx.Response]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer = await self.inner.handle_async_request(request)
        content = await answer.aread()
        response = httpx.Response(
            answer.status_code, headers=answer.headers, content=content, request=request
        )
        self.exchanges.append((request, response))
        return response


def on_mock(transport: httpx.AsyncBaseTransport) -> AsyncOFSC:
    """``AsyncOFSC("cid", "acme", "s3cr3t")`` talking to the in-process mock."""
    return AsyncOFSC("cid", "acme", "s3cr3t", baseUrl="http://mock.localhost", transport=transport)


def _arguments(spec: MethodSpec, tmp: Path, subscription: str = "") -> tuple[list[Any], dict[str, Any]]:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in list(spec.signature.parameters.values())[1:]:
        if param.name in OPTIONAL_SAMPLES.get(spec.name, ()):
            kwargs[param.name] = SAMPLES[param.name]
            continue
        if param.default is not inspect.Parameter.empty or param.kind is param.VAR_KEYWORD:
            continue
        if param.name in BODY_PARAMS or (param.name == "data" and spec.name in BODIES):
            value = BODIES[spec.name](tmp)
        elif spec.name == "get_activities" and param.name == "params":
            value = {"dateFrom": "2025-06-25", "dateTo": "2025-06-25", "resources": [RESOURCE]}
        elif spec.name == "get_events" and param.name == "params":
            value = {"subscriptionId": subscription}
        elif param.name == "subscription_id":
            value = subscription
        elif param.name == "content" and spec.name == "set_file_property":
            value = b"file"
        else:
            value = SAMPLES[param.name]
        if param.kind is param.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    return args, kwargs


def expected_result(spec: MethodSpec, response: httpx.Response, args: list[Any]) -> Any:
    """What 2.x returned for ``response``: the row's model of the body without ``links``,
    None, the bytes or the dict."""
    if spec.returns == "None" or (spec.returns == "Workzone | None" and response.status_code == 204):
        return None
    if spec.returns == "bytes":
        return response.content
    if not response.content:
        return {} if spec.returns == "dict" else None
    data = response.json()
    if spec.returns == "dict":
        return data
    if isinstance(data, dict):
        data.pop("links", None)
    if spec.name == "link_activities" and "fromActivityId" not in data:
        return args[1]
    if spec.returns == "ApplicationApiAccess":
        return models.parse_application_api_access(data)
    if spec.name in ("get_workskill_conditions", "replace_workskill_conditions"):
        data = data["items"]
    return getattr(models, str(spec.returns).split(" | ")[0]).model_validate(data)


ERRORS = {401: "OFSCAuthenticationError", 403: "OFSCAuthorizationError", 404: "OFSCNotFoundError",
          409: "OFSCConflictError", 429: "OFSCRateLimitError"}  # fmt: skip


def expected_error(response: httpx.Response) -> type[Exception]:
    status = response.status_code
    name = ERRORS.get(status) or ("OFSCServerError" if status >= 500 else "OFSCValidationError")
    error: type[Exception] = getattr(v2_exceptions, name)
    return error


ENDPOINTS = [m for m in METHODS if not m.stub and not m.custom]
OUTCOMES = "v2 async methods against the mock"
OUTCOME_COUNTERS = (
    "same result",
    "same error (2.x model refused the answer)",
    "2.x error for the mock's 4xx",
)


@pytest.mark.parametrize("spec", ENDPOINTS, ids=[f"{m.api}.{m.name}" for m in ENDPOINTS])
def test_method(spec: MethodSpec, tmp_path: Path, tally: Callable[..., Counter[str]]) -> None:
    """The method sends one request to the row's endpoint, and returns what 2.x returned for
    the mock's answer (or raises what 2.x raised: the 2.x error for the status, with 2.x's
    message, or the model's validation error when 2.x's model does not fit the answer)."""
    mock = MockOFS(seed=3, fixture=FIXTURE)
    transport = Recording(mock.async_transport())
    subscription = mock.events.subscribe(["activityCreated"])  # for the event calls
    args, kwargs = _arguments(spec, tmp_path, subscription)
    outcomes = tally(OUTCOMES, row=spec.api, column="calls", counters=OUTCOME_COUNTERS)

    async def call() -> Any:
        async with on_mock(transport) as client:
            return await getattr(getattr(client, spec.api), spec.name)(*args, **kwargs)

    kind, value = _outcome(lambda: asyncio.run(call()))
    [(request, response)] = transport.exchanges
    assert request.method == spec.method
    if spec.v3 is not None:  # the mock's route for the path is the row's v3 operation
        assert mock.calls[-1].operation == spec.v3.split(".")[1]
    names = list(spec.signature.parameters)[1:]
    for name, argument in {**dict(zip(names, args, strict=False)), **kwargs}.items():
        if f"{name}}}" in spec.path and isinstance(argument, str | int):  # a path parameter
            assert f"/{quote_plus(str(argument))}" in request.url.raw_path.decode()
    if response.is_success:
        expected_kind, expected_value = _outcome(lambda: expected_result(spec, response, args))
        assert kind == expected_kind
        assert value == expected_value if kind == "returned" else type(value) is type(expected_value)
        outcomes["same result" if kind == "returned" else "same error (2.x model refused the answer)"] += 1
    else:
        assert kind == "raised"
        assert isinstance(value, expected_error(response))
        assert str(value) == f"Failed to {spec.name.replace('_', ' ')}: {response.json()['detail']}"
        outcomes[f"2.x error for the mock's {response.status_code // 100}xx"] += 1


def _outcome(thunk: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "returned", thunk()
    except Exception as exc:  # what 2.x let through: compared by type
        return "raised", exc


STUBS = [m for m in METHODS if m.stub]


@pytest.mark.parametrize("spec", STUBS, ids=[f"{m.api}.{m.name}" for m in STUBS])
def test_stub(spec: MethodSpec) -> None:
    """A method 2.x's async client left unimplemented still raises NotImplementedError, sending nothing."""
    mock = MockOFS(seed=3)
    transport = Recording(mock.async_transport())
    params = list(spec.signature.parameters.values())[1:]
    args = [object() for p in params if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD]
    kwargs = {p.name: object() for p in params if p.default is p.empty and p.kind is p.KEYWORD_ONLY}

    async def call() -> Any:
        async with on_mock(transport) as client:
            return await getattr(getattr(client, spec.api), spec.name)(*args, **kwargs)

    with pytest.raises(NotImplementedError):
        asyncio.run(call())
    assert transport.exchanges == []


@pytest.mark.parametrize(
    ("api", "generator", "page_method", "collection"),
    [("metadata", "get_all_workzones", "get_workzones", "workZones"),
     ("core", "get_all_resources", "get_resources", "resources")],
)  # fmt: skip
def test_async_generators(api: str, generator: str, page_method: str, collection: str) -> None:
    """``get_all_workzones``/``get_all_resources`` yield every item of every page, in order,
    asking for the next page while the last one said ``hasMore`` (or, for an answer without
    ``hasMore``, while fewer than ``totalResults`` came)."""
    mock = MockOFS(seed=5)
    if collection == "resources":  # sampled ones carry work schedules 2.x checks across fields
        for n in range(5):
            mock.store.add("resources", {"resourceId": f"tech{n}", "name": f"Tech {n}", "status": "active"})
    else:
        mock.store.generate(collection, 5)
    transport = Recording(mock.async_transport())

    async def run() -> tuple[list[Any], list[Any]]:
        async with on_mock(transport) as client:
            sub_api = getattr(client, api)
            streamed = [item async for item in getattr(sub_api, generator)(limit=2)]
            pages = [await getattr(sub_api, page_method)(offset=offset, limit=2) for offset in (0, 2, 4)]
            return streamed, [item for page in pages for item in page.items]

    streamed, paged = asyncio.run(run())
    assert len(streamed) == 5
    assert streamed == paged
    offsets = [r.url.params["offset"] for r, _ in transport.exchanges[:3]]
    assert offsets == ["0", "2", "4"]


def test_get_token() -> None:
    """``oauth2.get_token()`` asks the token service with a client-credentials form and the
    Basic credentials, and returns its answer as ``OAuthTokenResponse``."""
    mock = MockOFS(seed=3)
    transport = Recording(mock.async_transport())

    async def run() -> Any:
        async with on_mock(transport) as client:
            return await client.oauth2.get_token()

    token = asyncio.run(run())
    [(request, response)] = transport.exchanges
    assert (request.method, request.url.path) == ("POST", "/rest/oauthTokenService/v2/token")
    assert request.content == b"grant_type=client_credentials"
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"cid@acme:s3cr3t").decode()
    assert token == models.OAuthTokenResponse.model_validate(response.json())


def _default(text: str) -> Any:
    # 2.x's default OFSOAuthRequest() is None here: get_token makes a fresh one.
    return None if text == "OFSOAuthRequest()" else eval(text)


def test_every_2x_async_method_is_kept_and_tested(summary: Callable[[str], None]) -> None:
    """The table has exactly the 2.x async methods, each with 2.x's parameters (names, order,
    keyword-only, defaults), request, return type and kind (stub, async generator), and each
    sub-API class has them with those signatures; every one of them has a test above."""
    rows = {(m.api, m.name): m for m in METHODS}
    assert len(rows) == len(METHODS) == len(SURVEYED)
    problems: dict[str, list[str]] = {}
    for api, surveyed in SURVEYED:
        row = rows.get((api, surveyed["name"]))
        if row is None:
            problems[f"{api}.{surveyed['name']}"] = ["missing"]
            continue
        member = getattr(SUB_APIS[api], row.name)
        found = []
        for signature in (row.signature, inspect.signature(member)):
            params = [p for p in signature.parameters.values() if p.name != "self"]
            if [("**" if p.kind is p.VAR_KEYWORD else "") + p.name for p in params] != [
                p["name"] for p in surveyed["params"]
            ]:
                found.append(f"parameters {[p.name for p in params]}")
                continue
            for mine, theirs in zip(params, surveyed["params"], strict=True):
                if (mine.kind is mine.KEYWORD_ONLY) != bool(theirs.get("keyword_only")):
                    found.append(f"{mine.name}: keyword-only")
                if theirs.get("required") and mine.default is not mine.empty:
                    found.append(f"{mine.name}: has a default")
                if (
                    "default" in theirs
                    and not theirs.get("variadic")
                    and mine.default != _default(theirs["default"])
                ):
                    found.append(f"{mine.name}: default {mine.default!r}")
        if row.http != surveyed["http"] and not surveyed.get("async_generator"):
            found.append(f"http {row.http}")
        if row.returns != surveyed["returns"] or row.stub != bool(surveyed.get("stub")):
            found.append(f"returns {row.returns} stub {row.stub}")
        generator = inspect.isasyncgenfunction(member)
        if generator != bool(surveyed.get("async_generator")) or not (
            generator or inspect.iscoroutinefunction(member)
        ):
            found.append("not a coroutine / async generator as in 2.x")
        if found:
            problems[f"{api}.{row.name}"] = found
    assert problems == {}
    tested = (
        {m.name for m in ENDPOINTS}
        | {m.name for m in STUBS}
        | {"get_all_workzones", "get_all_resources", "get_token"}
    )
    covered = [m for _, m in SURVEYED if m["name"] in tested]
    assert len(covered) == len(SURVEYED)
    summary(f"v2 async surface: {len(covered)}/{len(SURVEYED)} methods tested")
