"""Representative 2.x calls on ``OFSCV2("cid", "acme", "s3cr3t")``: what is sent and what comes back.

Numbered as in the 2.x compatibility brief: 1-3 construction, 4-10 core, 11-17 metadata,
18-19 capacity, 20-21 OAuth2, 22-24 cross-cutting.
"""

from __future__ import annotations

import base64
import json
import warnings
from collections.abc import Callable
from datetime import date
from urllib.parse import parse_qsl

import httpx
import pydantic
import pytest

from ofsc.v2 import (
    FULL_RESPONSE,
    OBJ_RESPONSE,
    TEXT_RESPONSE,
    OFSAPIException,
    OFSCNotFoundError,
    OFSCServerError,
)
from ofsc.v2 import OFSC as OFSCV2
from ofsc.v2.common import Response
from ofsc.v2.models import (
    CsvList,
    GetCapacityResponse,
    GetQuotaResponse,
    OFSOAuthRequest,
    OFSResponseList,
    ResourceWorkScheduleResponse,
    Workskill,
    WorkskillGroup,
    WorkskillListResponse,
    Workzone,
    WorkzoneListResponse,
)

from .conftest import BASE, TOKEN_PATH, ScriptedOFS, error, reply

CORE = "/rest/ofscCore/v1"
META = "/rest/ofscMetadata/v1"
BASIC = "Basic " + base64.b64encode(b"cid@acme:s3cr3t").decode()
JSON_CT = "application/json;charset=UTF-8"


def query(request: httpx.Request) -> dict[str, str]:
    return dict(parse_qsl(request.url.query.decode(), keep_blank_values=True))


def body(request: httpx.Request) -> object:
    return json.loads(request.content)


# -- 1-3: construction ------------------------------------------------------------------


def test_01_positional_construction(ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{CORE}/activities/1", reply(200, {"activityId": 1}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = OFSCV2("cid", "acme", "s3cr3t", transport=httpx.MockTransport(ofs))
    assert str(c) == f"baseURL={BASE}"
    # one warning, pointing at the v3 call; none about companyName
    assert [w.category for w in caught] == [DeprecationWarning]
    message = str(caught[0].message)
    assert "ofsc.OFSC(instance='acme', client_id='cid', client_secret=...)" in message
    assert "company" not in message.replace("companyName", "")
    assert c.core.get_activity(1) == {"activityId": 1}
    sent = ofs.last
    assert (sent.method, str(sent.url)) == ("GET", f"{BASE}{CORE}/activities/1")
    assert sent.headers["Authorization"] == BASIC
    assert sent.headers["Content-Type"] == JSON_CT


def test_02_company_alias_and_options(ofs: ScriptedOFS, v2: Callable[..., OFSCV2]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = OFSCV2(clientID="cid", company="acme", secret="s", transport=httpx.MockTransport(ofs))
    assert str(c) == f"baseURL={BASE}"
    assert {w.category for w in caught} == {DeprecationWarning}
    assert "company= is deprecated: pass companyName=" in str(caught[0].message)
    with pytest.raises(TypeError, match="companyName='acme' and company='other'"):
        OFSCV2(clientID="cid", companyName="acme", company="other", secret="s")

    custom = v2(baseUrl="https://x.example.com", root="FLUSA")
    assert str(custom) == "baseURL=https://x.example.com"
    assert custom.core.config.root == "FLUSA"
    ofs.on("GET", f"{CORE}/activities/7", error(404, "Activity 7 not found"))
    with pytest.raises(OFSCNotFoundError):
        custom.core.get_activity(7)
    assert ofs.last.url.host == "x.example.com"

    lenient = v2(enable_auto_raise=False, enable_auto_model=False)
    assert lenient.core.get_activity(7)["detail"] == "Activity 7 not found"
    ofs.on("GET", f"{META}/workZones", reply(200, {"items": [], "links": [{"rel": "self", "href": "x"}]}))
    assert lenient.metadata.get_workzones() == {"items": [], "links": [{"rel": "self", "href": "x"}]}


def test_02_environment_fills_in_what_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSC_CLIENT_ID", "env-cid")
    monkeypatch.setenv("OFSC_COMPANY", "envco")  # the 2.x scripts' variable, a fallback for OFSC_INSTANCE
    monkeypatch.setenv("OFSC_CLIENT_SECRET", "env-secret")
    with pytest.warns(DeprecationWarning):
        c = OFSCV2()
    assert str(c) == "baseURL=https://envco.fs.ocs.oraclecloud.com"
    assert (c.core.config.clientID, c.core.config.secret) == ("env-cid", "env-secret")


def test_03_sub_api_methods_on_the_top_level_object(c: OFSCV2, ofs: ScriptedOFS) -> None:
    with pytest.raises(
        NotImplementedError, match=r"get_workzones was called without the API name \(Metadata\)"
    ):
        c.get_workzones()
    with pytest.raises(Exception, match="method not found"):
        c.unknown()
    assert hasattr(c, "x")
    assert ofs.requests == []


# -- 4-10: core --------------------------------------------------------------------------


def test_04_get_activities_passes_params_through(c: OFSCV2, ofs: ScriptedOFS) -> None:
    page = {"items": [{"activityId": 1}], "hasMore": False, "links": []}
    ofs.on("GET", f"{CORE}/activities", reply(200, page))
    params = {"dateFrom": "2025-06-25", "dateTo": "2025-06-25", "resources": "FLUSA", "includeChildren": "all",
              "offset": 0, "limit": 100}  # fmt: skip
    result = c.core.get_activities(params)
    assert result == page  # a dict, links kept: get_activities has no model
    assert query(ofs.last) == {k: str(v) for k, v in params.items()}


def test_05_full_response_and_errors(c: OFSCV2, ofs: ScriptedOFS, v2: Callable[..., OFSCV2]) -> None:
    ofs.on("GET", f"{CORE}/activities/3951935", reply(200, {"activityId": 3951935}))
    ofs.on("GET", f"{CORE}/activities/99999", error(404, "Activity 99999 not found"))
    full = c.core.get_activity(3951935, response_type=FULL_RESPONSE)
    assert isinstance(full, Response)
    assert full.status_code == 200 and full.ok
    assert full.json() == {"activityId": 3951935}
    assert full.text == '{"activityId":3951935}' and full.content == full.text.encode()
    assert full.headers["content-type"] == "application/json"
    assert full.elapsed.total_seconds() >= 0

    with pytest.raises(OFSAPIException) as caught:
        c.core.get_activity(99999)
    e = caught.value
    assert (e.status_code, e.title, e.detail) == (404, "Not Found", "Activity 99999 not found")
    assert e.type == "about:blank"
    assert str(e) == "[404] Not Found Activity 99999 not found"

    assert v2(enable_auto_raise=False).core.get_activity(99999) == {
        "type": "about:blank", "title": "Not Found", "status": "404", "detail": "Activity 99999 not found",
    }  # fmt: skip


def test_06_get_all_activities_pages(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on(
        "GET",
        f"{CORE}/activities",
        reply(200, {"items": [{"activityId": 1}, {"activityId": 2}], "hasMore": True}),
        reply(200, {"items": [{"activityId": 3}], "hasMore": False}),
    )
    result = c.core.get_all_activities(
        root="FLUSA", date_from=date(2025, 6, 25), date_to=date(2025, 6, 26), limit=2
    )
    assert isinstance(result, OFSResponseList)
    assert len(result) == 3 and result.items[2] == {"activityId": 3}  # raw dicts, as in 2.x
    assert result.totalResults == -1
    first, second = (query(r) for r in ofs.requests)
    assert first == {
        "dateFrom": "2025-06-25", "dateTo": "2025-06-26", "resources": "FLUSA", "includeChildren": "all",
        "includeNonScheduled": "false", "fields": "activityId,activityType,date,resourceId,status",
        "limit": "2", "offset": "0",
    }  # fmt: skip
    assert second["offset"] == "2"


def test_06_a_failing_page_is_not_a_short_list(
    c: OFSCV2, ofs: ScriptedOFS, v2: Callable[..., OFSCV2]
) -> None:
    ofs.on(
        "GET",
        f"{CORE}/activities",
        reply(200, {"items": [{"activityId": 1}], "hasMore": True}),
        error(400, "Invalid date range"),
    )
    with pytest.raises(OFSAPIException) as caught:
        c.core.get_all_activities(root="FLUSA", date_from=date(2025, 6, 25), date_to=date(2025, 6, 26))
    assert caught.value.status_code == 400
    ofs.routes[("GET", f"{CORE}/activities")] = [
        reply(200, {"items": [{"activityId": 1}], "hasMore": True}),
        error(400, "Invalid date range"),
    ]
    lenient = v2(enable_auto_raise=False)
    result = lenient.core.get_all_activities(root="FLUSA", additional_fields=["XA_NOTE"])
    assert result["detail"] == "Invalid date range"  # the failing page's error, not a partial list
    assert query(ofs.last)["fields"].endswith(",status,XA_NOTE")


def test_07_resources_expand_flags(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{CORE}/resources", reply(200, {"items": []}))
    ofs.on("GET", f"{CORE}/resources/FLUSA-1", reply(200, {"resourceId": "FLUSA-1"}))
    c.core.get_resources(canBeTeamHolder=True, fields=["resourceId", "name"], offset=0, limit=50, workSkills=True,
                         inventories=True)  # fmt: skip
    assert query(ofs.last) == {
        "expand": "inventories,workSkills", "canBeTeamHolder": "true", "fields": "resourceId,name",
        "offset": "0", "limit": "50",
    }  # fmt: skip
    assert c.core.get_resource("FLUSA-1", workZones=True) == {"resourceId": "FLUSA-1"}
    assert query(ofs.last) == {"expand": "workZones"}


def test_08_bodies_as_2x_sent_them(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("PATCH", f"{CORE}/resources/R1", reply(200, {"resourceId": "R1", "name": "X"}))
    ofs.on("PATCH", f"{CORE}/activities/123", reply(200, {"activityId": 123, "status": "pending"}))
    assert c.core.update_resource("R1", {"name": "X"}, identify_by_internal_id=True)["name"] == "X"
    assert body(ofs.last) == {"name": "X"}
    assert query(ofs.last) == {"identifyResourceBy": "resourceInternalId"}
    raw = json.dumps({"status": "pending"})
    assert c.core.update_activity(123, raw) == {"activityId": 123, "status": "pending"}
    assert (ofs.last.method, ofs.last.content) == ("PATCH", raw.encode())


def test_09_keyword_only_and_204(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("PUT", f"{CORE}/resources/33001/users", reply(200, {"items": [{"login": "chris"}]}))
    ofs.on("DELETE", f"{CORE}/activities/123", reply(204))
    c.core.set_resource_users(resource_id="33001", users=("chris", "william"))
    assert ofs.last.method == "PUT"
    assert ofs.last.content == b'{"items": [{"login": "chris"}, {"login": "william"}]}'
    with pytest.raises(TypeError):
        c.core.set_resource_users("33001", ("chris",))
    assert c.core.delete_activity(123) == ""


def test_10_work_schedules_and_daily_extract(c: OFSCV2, ofs: ScriptedOFS) -> None:
    schedule = {"items": [{"recordType": "working", "startDate": "2025-06-25"}], "totalResults": 1}
    ofs.on("GET", f"{CORE}/resources/33001/workSchedules", reply(200, schedule))
    path = f"{CORE}/folders/dailyExtract/folders/2025-06-25/files/activities.zip"
    ofs.on("GET", path, reply(200, content=b"PK\x03\x04zip", **{"content-type": "application/octet-stream"}))
    result = c.core.get_resource_workschedules("33001", date(2025, 6, 25))
    assert isinstance(result, ResourceWorkScheduleResponse)
    assert result.items[0].startDate == date(2025, 6, 25)
    assert query(ofs.last) == {"actualDate": "2025-06-25"}
    assert c.core.get_daily_extract_file("2025-06-25", "activities.zip") == b"PK\x03\x04zip"
    assert ofs.last.headers["Accept"] == "application/octet-stream"


# -- 11-17: metadata ---------------------------------------------------------------------


def test_11_models_drop_links(c: OFSCV2, ofs: ScriptedOFS) -> None:
    zones = {"items": [{"workZoneLabel": "ALTAMONTE", "workZoneName": "Altamonte", "status": "active",
                        "travelArea": "FLUSA"}], "totalResults": 1, "links": [{"rel": "next", "href": "x"}]}  # fmt: skip
    ofs.on("GET", f"{META}/workZones", reply(200, zones))
    result = c.metadata.get_workzones(offset=0, limit=100)
    assert isinstance(result, WorkzoneListResponse)
    assert "links" not in result.model_dump()
    assert result[0].workZoneLabel == "ALTAMONTE" and isinstance(result[0], Workzone)
    assert query(ofs.last) == {"offset": "0", "limit": "100"}
    c.auto_model = False
    assert c.metadata.get_workzones(offset=0, limit=100) == zones


def test_12_dead_response_type_default(c: OFSCV2, ofs: ScriptedOFS) -> None:
    skills = {"items": [{"label": "COM", "name": "Commercial", "sharing": "maximal", "active": True}]}
    ofs.on("GET", f"{META}/workSkills", reply(200, skills))
    assert isinstance(c.metadata.get_workskills(response_type=FULL_RESPONSE), Response)
    result = c.metadata.get_workskills(0, 100, FULL_RESPONSE)  # positional: ignored, as in 2.x
    assert isinstance(result, WorkskillListResponse)
    assert result[0].translations[0].name == "Commercial"  # made from the name, as 2.x did


def test_13_text_responses_never_raise(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{META}/workSkills/COM", reply(200, {"label": "COM"}))
    ofs.on("GET", f"{CORE}/events/subscriptions", error(403, "Not allowed"))
    assert c.metadata.get_workskill("COM", response_type=TEXT_RESPONSE) == '{"label":"COM"}'
    text = c.core.get_subscriptions(response_type=TEXT_RESPONSE)
    assert isinstance(text, str) and json.loads(text)["detail"] == "Not allowed"


def test_14_capacity_areas_and_label_encoding(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{META}/capacityAreas", reply(200, {"items": [{"label": "FLUSA"}]}))
    ofs.on("GET", f"{META}/capacityAreas/South+Florida", reply(200, {"label": "South Florida"}))
    ofs.on("GET", f"{META}/workZones/A%20B", reply(200, {"workZoneLabel": "A B"}))
    c.metadata.get_capacity_areas()
    assert query(ofs.last) == {"fields": "label"}
    c.metadata.get_capacity_areas(
        expandParent=True, fields=["label", "name"], activeOnly=True, areasOnly=True
    )
    assert list(parse_qsl(ofs.last.url.query.decode())) == [
        ("expand", "parent"), ("fields", "label,name"), ("status", "active"), ("type", "area"),
    ]  # fmt: skip
    # 2.x quote_plus-encoded this label (a space becomes "+") but sent work zone labels raw
    assert c.metadata.get_capacity_area("South Florida").label == "South Florida"
    assert c.metadata.get_workzone("A B").workZoneLabel == "A B"


def test_15_replace_workzone(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("PUT", f"{META}/workZones/ALTAMONTE", reply(204))
    zone = Workzone(workZoneLabel="ALTAMONTE", workZoneName="Altamonte", status="active", travelArea="FLUSA")
    assert c.metadata.replace_workzone(zone, auto_resolve_conflicts=True) == ""
    assert query(ofs.last) == {"autoResolveConflicts": "true"}
    assert body(ofs.last) == {"workZoneLabel": "ALTAMONTE", "workZoneName": "Altamonte", "status": "active",
                              "travelArea": "FLUSA"}  # fmt: skip


def test_16_created_objects_are_returned(c: OFSCV2, ofs: ScriptedOFS) -> None:
    group = WorkskillGroup(label="G1", name="Group", active=True, assignToResource=True, addToCapacityCategory=False,
                           workSkills=[{"label": "COM", "ratio": 100}], translations=[{"name": "Group"}])  # fmt: skip
    answer = group.model_dump()
    ofs.on("PUT", f"{META}/workSkillGroups/G1", reply(200, answer), reply(201, answer))
    assert isinstance(c.metadata.create_or_update_workskill_group(group), WorkskillGroup)
    assert body(ofs.last) == answer
    assert isinstance(c.metadata.create_or_update_workskill_group(group), WorkskillGroup)

    skill = Workskill(label="COM", name="Commercial", sharing="maximal")
    ofs.on("PUT", f"{META}/workSkills/COM", reply(201, skill.model_dump(mode="json")))
    created = c.metadata.create_or_update_workskill(skill)  # 2.x returned None for a 201
    assert isinstance(created, Workskill) and created.label == "COM"
    assert body(ofs.last) == {"label": "COM", "active": True, "name": "Commercial", "sharing": "maximal",
                              "translations": [{"language": "en", "name": "Commercial"}]}  # fmt: skip


def test_17_routing_plans(c: OFSCV2, ofs: ScriptedOFS) -> None:
    export = f"{META}/routingProfiles/Profile1/plans/Plan1/custom-actions/export"
    ofs.on("GET", export, reply(200, content=b'{"routing_plan": {}}'))
    ofs.on("PUT", f"{META}/routingProfiles/Profile2/plans/custom-actions/import",
           reply(409, {"force": "required", "title": "Conflict", "status": "409"}))  # fmt: skip
    plan = c.metadata.export_plan_file("Profile1", "Plan1")
    assert plan == b'{"routing_plan": {}}'
    assert ofs.last.headers["Accept"] == "application/octet-stream"
    with pytest.raises(TypeError):
        c.metadata.export_plan_file("Profile1", "Plan1", response_type=FULL_RESPONSE)
    assert c.metadata.import_routing_plan("Profile2", plan)["force"] == "required"
    assert ofs.last.content == plan
    assert ofs.last.headers["Content-Type"] == "application/octet-stream"


# -- 18-19: capacity ---------------------------------------------------------------------


def test_18_available_capacity(c: OFSCV2, ofs: ScriptedOFS) -> None:
    capacity = {"items": [{"date": "2025-06-25", "areas": [{"label": "FLUSA", "calendar": {"count": [3]},
                "categories": [{"label": "EST", "calendar": {"count": [1], "minutes": [60]}}]}]}]}  # fmt: skip
    ofs.on("GET", "/rest/ofscCapacity/v1/capacity", reply(200, capacity))
    result = c.capacity.getAvailableCapacity(
        dates=["2025-06-25"], areas="FLUSA,CAUSA", categories=CsvList.from_list(["EST"])
    )
    assert isinstance(result, GetCapacityResponse)
    assert result.items[0].areas[0].categories[0].calendar.minutes == [60]
    assert query(ofs.last) == {
        "areas": "FLUSA,CAUSA", "availableTimeIntervals": "all", "calendarTimeIntervals": "all",
        "categories": "EST", "dates": "2025-06-25",
    }  # fmt: skip


def test_19_quota_with_boolean_flags(c: OFSCV2, ofs: ScriptedOFS) -> None:
    quota = {"items": [{"date": "2025-06-25", "areas": [{"maxAvailable": 20000, "otherActivities": 1500,
             "quota": 0, "used": 16000, "bookedActivities": 320}]}]}  # fmt: skip
    ofs.on("GET", "/rest/ofscCapacity/v2/quota", reply(200, quota))
    result = c.capacity.getQuota(dates=["2025-06-25"], areas=["FLUSA", "CAUSA"], aggregateResults=True,
                                 categoryLevel=False, intervalLevel=True, returnStatuses=False, timeSlotLevel=True)  # fmt: skip
    assert isinstance(result, GetQuotaResponse)
    assert result.items[0].areas[0].used == 16000
    assert query(ofs.last) == {
        "aggregateResults": "true", "areas": "FLUSA,CAUSA", "categoryLevel": "false", "dates": "2025-06-25",
        "intervalLevel": "true", "returnStatuses": "false", "timeSlotLevel": "true",
    }  # fmt: skip


# -- 20-21: OAuth2 -----------------------------------------------------------------------


def test_20_get_token(c: OFSCV2, ofs: ScriptedOFS) -> None:
    token = c.oauth2.get_token()
    assert token == {"access_token": "token-1", "token_type": "bearer", "expires_in": 3600}
    sent = ofs.last
    assert (sent.method, sent.url.path) == ("POST", TOKEN_PATH)
    assert sent.headers["Authorization"] == BASIC
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(sent.content.decode())) == {"grant_type": "client_credentials"}

    jwt = OFSOAuthRequest(assertion="eyJ.jwt", grant_type="urn:ietf:params:oauth:grant-type:jwt-bearer")
    full = c.oauth2.get_token(params=jwt, response_type=FULL_RESPONSE)
    assert isinstance(full, Response) and full.json()["access_token"] == "token-2"
    assert dict(parse_qsl(ofs.last.content.decode())) == {
        "assertion": "eyJ.jwt", "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
    }  # fmt: skip


def test_21_bearer_token_is_reused(v2: Callable[..., OFSCV2], ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{META}/workZones", reply(200, {"items": []}))
    c = v2("cid", "acme", "s3cr3t", useToken=True)
    c.metadata.get_workzones()
    c.metadata.get_workzones()
    assert [r.headers["Authorization"] for r in ofs.api_requests()] == ["Bearer token-1", "Bearer token-1"]
    assert ofs.tokens_issued == 1
    token_request = ofs.requests[0]
    assert token_request.url.path == TOKEN_PATH and token_request.headers["Authorization"] == BASIC


# -- 22-24: cross-cutting ----------------------------------------------------------------


def test_22_call_returns_the_raw_response(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{CORE}/whereIsMyTech", error(400, "activityId is not valid"))
    response = c.core.call(
        method="GET", partialUrl="/rest/ofscCore/v1/whereIsMyTech", params={"activityId": 1}
    )
    assert isinstance(response, Response)
    assert response.status_code == 400 and not response.ok
    assert query(ofs.last) == {"activityId": "1"}
    assert ofs.last.headers["Authorization"] == BASIC


def test_23_error_paths(c: OFSCV2, ofs: ScriptedOFS, v2: Callable[..., OFSCV2]) -> None:
    ofs.on("GET", f"{CORE}/activities/1", error(500, "Internal failure"))
    ofs.on("GET", f"{CORE}/activities/2", reply(502, content=b"<html><h1>502 Bad Gateway</h1></html>"))
    ofs.on("GET", f"{META}/workSkills/BAD", reply(200, {"label": "BAD", "sharing": "not a sharing"}))
    with pytest.raises(OFSCServerError) as server_error:
        c.core.get_activity(1)
    assert server_error.value.status_code == 500
    # 2.x raised a JSONDecodeError here; the body is not JSON, the error is still an API error
    with pytest.raises(OFSAPIException) as gateway:
        c.core.get_activity(2)
    assert isinstance(gateway.value, OFSCServerError)
    assert str(gateway.value) == "[502] Bad Gateway <html><h1>502 Bad Gateway</h1></html>"
    assert v2(enable_auto_raise=False).core.get_activity(2)["status"] == "502"
    with pytest.raises(pydantic.ValidationError):
        c.metadata.get_workskill("BAD")


def test_24_imports_resolve() -> None:
    from ofsc.v2 import (  # noqa: F401
        FULL_RESPONSE,
        OBJ_RESPONSE,
        OFSC,
        TEXT_RESPONSE,
        OFSCapacity,
        OFSConfig,
        OFSCore,
        OFSMetadata,
        OFSOauth2,
    )
    from ofsc.v2.common import FILE_RESPONSE, wrap_return  # noqa: F401
    from ofsc.v2.exceptions import OFSAPIException  # noqa: F401
    from ofsc.v2.models import (  # noqa: F401
        BulkUpdateRequest,
        CsvList,
        OFSOAuthRequest,
        OFSResponseList,
        WorkskillGroup,
        Workzone,
    )

    assert (TEXT_RESPONSE, FULL_RESPONSE, OBJ_RESPONSE, FILE_RESPONSE) == (1, 2, 3, 4)
    config = OFSConfig(clientID="cid", secret="s", companyName="acme", baseURL=None)
    assert config.baseURL == BASE
    assert config.basicAuthString == base64.b64encode(b"cid@acme:s")


def test_24_deprecated_2x_import_paths_still_resolve() -> None:
    from ofsc.v2.exceptions import OFSAPIException as V2Exception
    from ofsc.v2.models import Workzone as V2Workzone

    with pytest.warns(DeprecationWarning, match="import it from ofsc.v2.models"):
        from ofsc.models import Workzone
    with pytest.warns(DeprecationWarning, match="import wrap_return from ofsc.v2.common"):
        from ofsc.common import wrap_return  # noqa: F401
    with pytest.warns(DeprecationWarning, match="import it from ofsc.v2.exceptions"):
        from ofsc.exceptions import OFSAPIException
    assert (Workzone, OFSAPIException) == (V2Workzone, V2Exception)
    assert OBJ_RESPONSE == 3
