"""Results: response metadata on models, raw access to any operation, file downloads."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from ofsc import AsyncBinaryResponse, BinaryResponse, RawResponse

from .conftest import ACTIVITY_PATH, Facade, Server

PHOTO_PATH = "/rest/ofscCore/v1/activities/1/photo"
PHOTO = bytes(range(256)) * 1000


def photo(request: httpx.Request) -> httpx.Response:
    headers = {"Content-Type": "image/png", "Content-Disposition": 'attachment; filename="site photo.png"'}
    return httpx.Response(200, content=PHOTO, headers=headers)


def test_model_results_carry_their_response_outside_their_data(facade: Facade, server: Server) -> None:
    server.on(
        "GET", ACTIVITY_PATH, httpx.Response(200, json={"activityId": 1}, headers={"X-Request-Id": "r1"})
    )
    client = facade.client(server)
    activity = facade(client.core.get_activity(activity_id=1))
    assert activity.status_code == 200 and activity.headers["X-Request-Id"] == "r1"
    assert activity.raw_response.request.url.path == ACTIVITY_PATH
    assert activity.model_dump(exclude_unset=True) == {"activityId": 1}  # serialised by API name
    assert "raw_response" not in activity.model_dump_json()


def test_raw_gives_the_response_and_parses_on_demand(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, httpx.Response(200, json={"activityId": 1}, headers={"ETag": "v7"}))
    client = facade.client(server)
    raw = facade(client.raw(client.core.get_activity, activity_id=1))
    assert isinstance(raw, RawResponse)
    assert (raw.status_code, raw.headers["ETag"], raw.json()) == (200, "v7", {"activityId": 1})
    assert raw.parse().activity_id == 1


def test_with_raw_response_gives_the_response_and_the_typed_result(facade: Facade, server: Server) -> None:
    """Promise: client.with_raw_response.<family>.<method>(...) returns a RawResponse with
    status_code, headers, http_response and .parse() giving the typed model; the client
    itself still returns models, and the raw twin shares its pool."""
    server.on("GET", ACTIVITY_PATH, httpx.Response(200, json={"activityId": 1}, headers={"ETag": "v7"}))
    client = facade.client(server)
    raw = facade(client.with_raw_response.core.get_activity(activity_id=1))
    assert isinstance(raw, RawResponse)
    assert (raw.status_code, raw.headers["ETag"]) == (200, "v7")
    assert isinstance(raw.http_response, httpx.Response) and raw.http_response.json() == {"activityId": 1}
    parsed = raw.parse()
    assert type(parsed) is type(facade(client.core.get_activity(activity_id=1))) and parsed.activity_id == 1
    assert facade(client.core.get_activity(activity_id=1)).activity_id == 1  # not raw
    assert client.with_raw_response._http is client._http


def test_raw_refuses_a_method_of_another_client(facade: Facade, server: Server) -> None:
    """Promise: client.raw(method) takes a method of that client; another's is a TypeError."""
    client, other = facade.client(server), facade.client(server)
    with pytest.raises(TypeError, match="method of this client"):
        facade(client.raw(other.core.get_activity, activity_id=1))


def test_raw_works_for_operations_without_a_body(facade: Facade, server: Server) -> None:
    server.on("DELETE", ACTIVITY_PATH, httpx.Response(204))
    client = facade.client(server)
    assert facade(client.core.delete_activity(activity_id=1)) is None
    raw = facade(client.raw(client.core.delete_activity, activity_id=1))
    assert raw.status_code == 204 and raw.content == b"" and raw.parse() is None


def test_raw_download_holds_the_whole_file(facade: Facade, server: Server) -> None:
    server.on("GET", PHOTO_PATH, photo)
    client = facade.client(server)
    raw = facade(client.raw(client.core.get_file_property, activity_id=1, property_label="photo"))
    assert raw.content == PHOTO and raw.headers["Content-Type"] == "image/png"
    assert isinstance(raw.parse(), AsyncBinaryResponse if facade.is_async else BinaryResponse)


def test_download_streams_to_a_file(facade: Facade, server: Server, tmp_path: Path) -> None:
    server.on("GET", PHOTO_PATH, photo)
    client = facade.client(server)
    download = facade(client.core.get_file_property(activity_id=1, property_label="photo"))
    assert download.filename == "site photo.png" and download.content_type == "image/png"
    assert download.status_code == 200
    assert facade(download.write_to(tmp_path / "photo.png")) == len(PHOTO)
    assert (tmp_path / "photo.png").read_bytes() == PHOTO
    assert server.requests[0].headers["Accept"] == "application/octet-stream"


def test_download_read(facade: Facade, server: Server) -> None:
    server.on("GET", PHOTO_PATH, photo)
    client = facade.client(server)
    download = facade(client.core.get_file_property(activity_id=1, property_label="photo"))
    assert facade(download.read()) == PHOTO
