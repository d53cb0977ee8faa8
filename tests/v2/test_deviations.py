"""Where ``ofsc.v2`` deliberately differs from 2.x (each listed in docs/MIGRATION.md): 2.x
behaviour that lost data or hid a failure, and what the v3 transport adds."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from urllib.parse import parse_qsl

import httpx
import pytest

from ofsc.v2 import OFSC as OFSCV2
from ofsc.v2 import OFSCApiError, OFSCNetworkError, OFSCNotFoundError

from .conftest import TOKEN_PATH, ScriptedOFS, error, reply

CORE = "/rest/ofscCore/v1"
META = "/rest/ofscMetadata/v1"


def test_the_token_cache_is_per_client_and_keeps_its_entry(c: OFSCV2, ofs: ScriptedOFS) -> None:
    # 2.x had one cache slot for the whole process: the sub-APIs evicted each other's token.
    tokens = [api.token().json()["access_token"] for api in (c.core, c.metadata, c.capacity, c.core)]
    assert tokens == ["token-1"] * 4
    assert ofs.tokens_issued == 1


def test_a_refused_token_is_not_cached(c: OFSCV2, ofs: ScriptedOFS) -> None:
    # 2.x cached the 401 too, and failed with KeyError('access_token') for 50 minutes.
    ofs.on(
        "POST", TOKEN_PATH, error(401, "Invalid client"), reply(200, {"access_token": "t", "expires_in": 60})
    )
    assert c.core.token().status_code == 401
    assert c.core.token().json()["access_token"] == "t"
    assert len(ofs.requests) == 2


def test_success_statuses_2x_did_not_expect_return_the_result(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("PUT", f"{CORE}/resources/R1", reply(201, {"resourceId": "R1"}))
    ofs.on("POST", f"{CORE}/activities/1/custom-actions/move", reply(204))
    assert c.core.create_resource("R1", '{"name": "X"}') == {"resourceId": "R1"}  # 2.x: None
    assert c.core.move_activity(1, '{"setResource": {"resourceId": "R2"}}') == ""  # 2.x: None


def test_a_redirect_is_an_error_not_none(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{CORE}/activities/1", reply(302, location="https://elsewhere.example.com/"))
    with pytest.raises(OFSCApiError) as caught:
        c.core.get_activity(1)
    assert caught.value.status_code == 302


def test_no_response_raises_a_network_error(v2: Callable[..., OFSCV2]) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    c = v2(transport=httpx.MockTransport(refuse))
    with pytest.raises(OFSCNetworkError, match="connection refused"):
        c.core.get_activity(1)


def test_idempotent_calls_are_retried(v2: Callable[..., OFSCV2], ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{CORE}/activities/1", error(503, "Busy"), reply(200, {"activityId": 1}))
    c = v2(max_retries=2, initial_retry_delay=0)
    assert c.core.get_activity(1) == {"activityId": 1}
    assert len(ofs.requests) == 2


def test_call_sends_the_additional_headers(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("POST", f"{CORE}/activities", reply(201, {"activityId": 9}))
    response = c.core.call(
        method="POST", partialUrl="/rest/ofscCore/v1/activities", additionalHeaders={"X-Trace": "abc"},
        json={"activityType": "INST"},
    )  # fmt: skip
    assert response.status_code == 201
    assert ofs.last.headers["X-Trace"] == "abc"
    assert json.loads(ofs.last.content) == {"activityType": "INST"}


def test_a_dict_passed_as_a_json_string_is_sent_as_json(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("PATCH", f"{CORE}/users/william", reply(200, {"login": "william"}))
    c.core.update_user("william", {"name": "William"})  # 2.x form-encoded this, which OFS refused
    assert json.loads(ofs.last.content) == {"name": "William"}


def test_date_defaults_are_today_at_call_time(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{CORE}/resources/33001/assignedLocations", reply(200, {}))
    c.core.get_assigned_locations("33001")
    today = dt.date.today().isoformat()
    assert dict(parse_qsl(ofs.last.url.query.decode())) == {"dateFrom": today, "dateTo": today}


def test_export_plan_file_raises_instead_of_returning_the_error_body(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("GET", f"{META}/routingProfiles/P/plans/X/custom-actions/export", error(404, "No plan X"))
    with pytest.raises(OFSCNotFoundError):
        c.metadata.export_plan_file("P", "X")


def test_plugins_are_uploaded_as_multipart(c: OFSCV2, ofs: ScriptedOFS) -> None:
    ofs.on("POST", f"{META}/plugins/custom-actions/import", reply(204))
    assert c.metadata.import_plugin("<plugin/>") == ""
    content_type = ofs.last.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert b'name="pluginFile"; filename="noname.xml"' in ofs.last.content
    assert b"<plugin/>" in ofs.last.content
