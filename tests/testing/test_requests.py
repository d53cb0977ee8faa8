"""The mock routes and validates requests as OFS does, and answers bad ones with OFS errors.

Each test runs over the sync transport, the async transport and the loopback server.
"""

from __future__ import annotations

import pytest

from ofsc.testing import MockOFS

from .conftest import Wire

ACTIVITIES = "/rest/ofscCore/v1/activities"
TOKEN = "/rest/oauthTokenService/v2/token"


def assert_ofs_error(body: dict[str, str], status: int, *mentioned: str) -> None:
    """An OFS error body: ``status`` is a string, and ``detail`` names what was wrong."""
    assert set(body) == {"type", "title", "status", "detail"}
    assert body["status"] == str(status)
    assert body["type"].startswith("http")
    for text in mentioned:
        assert text in body["detail"]


async def test_an_unknown_path_is_404(wire: Wire) -> None:
    response = await wire.request("GET", "/rest/ofscCore/v1/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert_ofs_error(response.json(), 404, "/rest/ofscCore/v1/nowhere")


async def test_a_method_the_path_lacks_is_405_with_the_allowed_ones(wire: Wire) -> None:
    response = await wire.request("POST", "/rest/ofscCore/v1/users")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert_ofs_error(response.json(), 405, "POST")


async def test_literal_segments_win_over_parameters(wire: Wire, ofsc_mock: MockOFS) -> None:
    # Also fits /activities/{activityId}/{propertyLabel}, a file download.
    search = {"searchInField": "apptNumber", "searchForValue": "1"}
    response = await wire.request("GET", f"{ACTIVITIES}/custom-actions/search", params=search)
    assert response.status_code == 200
    assert ofsc_mock.calls[-1].operation == "search_activities"
    ofsc_mock.store.add("activities", {"activityId": 7})
    response = await wire.request("GET", f"{ACTIVITIES}/7/linkedActivities")
    assert response.status_code == 200 and "items" in response.json()
    assert ofsc_mock.calls[-1].operation == "get_linked_activities"


@pytest.mark.parametrize(
    ("path", "query", "field", "problem"),
    [
        ("/rest/ofscCore/v1/users", {"limit": "ten"}, "'limit'", "expected an integer"),
        (ACTIVITIES, {"includeChildren": "some"}, "'includeChildren'", "must be one of"),
        (ACTIVITIES, {"dateFrom": "2025-13-01"}, "'dateFrom'", "must be a date"),
        (ACTIVITIES, {"includeNonScheduled": "yes"}, "'includeNonScheduled'", "true or false"),
        ("/rest/ofscCore/v1/calendars", {"dateFrom": "2025-06-01"}, "'resources'", "is required"),
        ("/rest/ofscCapacity/v1/capacity", {}, "'dates'", "is required"),
    ],
    ids=["type", "enum", "format", "boolean", "required", "required-array"],
)
async def test_bad_query_parameters_are_400_naming_the_parameter(
    wire: Wire, path: str, query: dict[str, str], field: str, problem: str
) -> None:
    response = await wire.request("GET", path, params=query)
    assert response.status_code == 400
    assert_ofs_error(response.json(), 400, f"query parameter {field}", problem)


async def test_a_path_parameter_of_the_wrong_type_is_400(wire: Wire) -> None:
    response = await wire.request("GET", f"{ACTIVITIES}/not-a-number")
    assert response.status_code == 400
    assert_ofs_error(response.json(), 400, "path parameter 'activityId'", "expected an integer")


@pytest.mark.parametrize(
    ("body", "mentioned"),
    [
        ({}, ["body field 'activityType': is required", "body field 'resourceId': is required"]),
        (
            {"activityType": 5, "resourceId": "tech1"},
            ["body field 'activityType': expected a string, got int 5"],
        ),
        ({"activityType": "install", "resourceId": "tech1", "latitude": 91.5}, ["'latitude': must be <= 90"]),
        (["install"], ["the request body: expected an object"]),
    ],
    ids=["missing", "type", "bounds", "not-an-object"],
)
async def test_an_invalid_json_body_is_400_naming_the_field(
    wire: Wire, body: object, mentioned: list[str]
) -> None:
    response = await wire.request("POST", ACTIVITIES, json=body)
    assert response.status_code == 400
    assert_ofs_error(response.json(), 400, *mentioned)


async def test_a_nested_body_field_is_named_by_its_path(wire: Wire) -> None:
    user = {"name": "Ada", "language": "en", "timeZone": "UTC", "userType": "tech", "resources": [7]}
    response = await wire.request("PUT", "/rest/ofscCore/v1/users/ada", json=user)
    assert response.status_code == 400
    assert_ofs_error(response.json(), 400, "body field 'resources[0]': expected a string")


async def test_a_body_that_is_not_json_is_400_and_one_of_another_type_415(wire: Wire) -> None:
    json_type, xml_type = {"Content-Type": "application/json"}, {"Content-Type": "text/xml"}
    response = await wire.request("POST", ACTIVITIES, content=b"{nope", headers=json_type)
    assert response.status_code == 400
    assert_ofs_error(response.json(), 400, "not valid JSON")
    response = await wire.request("POST", ACTIVITIES, content=b"<activity/>", headers=xml_type)
    assert response.status_code == 415
    assert_ofs_error(response.json(), 415, "application/json")


async def test_form_fields_are_validated(wire: Wire) -> None:
    response = await wire.request("POST", TOKEN, data={"grant_type": "password"})
    assert response.status_code == 400
    assert_ofs_error(response.json(), 400, "form field 'grant_type'", "client_credentials")
    response = await wire.request("POST", TOKEN, data={})
    assert_ofs_error(response.json(), 400, "form field 'grant_type' is required")
    response = await wire.request("POST", TOKEN, data={"grant_type": "client_credentials", "colour": "blue"})
    assert_ofs_error(response.json(), 400, "form field 'colour' is not a field of this operation")


async def test_every_problem_is_named_at_once(wire: Wire) -> None:
    response = await wire.request("GET", "/rest/ofscCore/v1/calendars")
    detail = response.json()["detail"]
    assert all(f"'{name}' is required" in detail for name in ("resources", "dateFrom", "dateTo"))
