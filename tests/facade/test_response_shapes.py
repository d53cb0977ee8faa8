"""A successful answer whose body disagrees with the model still gives a typed result.

What does not fit is kept as received, listed in ``result.shape_mismatches``, warned about
once per operation and field path (``ResponseShapeWarning``) and logged on the ``ofsc``
logger; ``strict_responses=True`` raises ``ResponseValidationError`` instead. A body that
is not JSON at all raises, and after a write says the write was applied.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import Field

import ofsc.exceptions
from ofsc import OFSC, AsyncOFSC, ResponseShapeWarning, ResponseValidationError, ShapeMismatch
from ofsc._aiohttp import AiohttpSender
from ofsc._models import OFSCModel
from ofsc._operation import Operation
from ofsc._shapes import forget_warnings

from .conftest import Facade, Server

CAPACITY = "/rest/ofscCapacity/v1/capacity"
BULK_UPDATE = "/rest/ofscCore/v1/activities/custom-actions/bulkUpdate"
WORKZONES = "/rest/ofscMetadata/v1/workZones"
ACTIVITY = "/rest/ofscCore/v1/activities/1"

# areas[].calendar and areas[].available as lists of objects (the shape Oracle's spec
# gives them), where the model declares one object of arrays (as OFS sends them).
CAPACITY_BODY = {
    "items": [
        {
            "date": "2026-03-02",
            "areas": [
                {
                    "label": "north",
                    "calendar": [{"count": [2, 3], "minutes": [960, 1440]}],
                    "available": [{"count": [1, 3], "minutes": [480, 1200]}],
                    "categories": [{"label": "install", "quota": 120}],
                },
                {"label": "south"},
            ],
        }
    ]
}
BULK_BODY = {
    "results": [
        {
            "activityKeys": {"activityId": "A-1/4225274", "apptNumber": "A-1"},
            "operationsPerformed": ["updated"],
        },
        {"activityKeys": {"activityId": 4225275, "apptNumber": "A-2"}, "operationsPerformed": ["created"]},
    ]
}
BULK_REQUEST = {
    "updateParameters": {"identifyActivityBy": "apptNumber", "ifInFinalStatusThen": "doNothing"},
    "activities": [{"apptNumber": "A-1"}, {"apptNumber": "A-2"}],
}


@pytest.fixture(autouse=True)
def fresh_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Every test starts as a new process would: no path warned about yet; all warnings recorded."""
    forget_warnings()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    forget_warnings()


def shape_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, ResponseShapeWarning)]


def capacity(client: Any, facade: Facade) -> Any:
    return facade(client.capacity.get_available_capacity(dates=["2026-03-02"]))


# ---- tolerant by default -------------------------------------------------------------------


def test_capacity_areas_sent_as_objects_come_back_typed_with_the_objects_kept(
    facade: Facade, server: Server, fresh_warnings: list[warnings.WarningMessage]
) -> None:
    """An object where a list of objects is declared does not raise: the result is the typed
    model, the misfit values read as received, and everything round-trips to the API's JSON
    without pydantic serializer warnings."""
    server.on("GET", CAPACITY, httpx.Response(200, json=CAPACITY_BODY))
    client = facade.client(server)
    result = capacity(client, facade)
    assert type(result).__name__ == "CapacityList"
    day = result.items[0]
    assert type(day).__name__ == "Capacity" and str(day.date) == "2026-03-02"  # typed: a date
    north, south = day.areas
    assert type(north).__name__ == "CapacityAreasItem" and north.label == "north"
    assert north.calendar == [{"count": [2, 3], "minutes": [960, 1440]}]
    assert north.available == [{"count": [1, 3], "minutes": [480, 1200]}]
    assert type(north.categories[0]).__name__ == "CapacityAreasItemCategoriesItem"  # what fits stays typed
    assert south.shape_mismatches == ()
    assert result.to_api() == CAPACITY_BODY
    assert json.loads(result.model_dump_json(exclude_unset=True)) == CAPACITY_BODY
    assert result.model_dump()["items"][0]["areas"][0]["calendar"] == [
        {"count": [2, 3], "minutes": [960, 1440]}
    ]
    assert result.raw_response.status_code == 200
    assert not [w for w in fresh_warnings if "serializ" in str(w.message).lower()]


def test_a_value_of_another_type_does_not_fail_a_write(facade: Facade, server: Server) -> None:
    """bulk_update's activityKeys.activityId arrives as text where an integer is declared: the
    POST was applied, so it must return its result (the text kept as sent), never raise."""
    server.on("POST", BULK_UPDATE, httpx.Response(200, json=BULK_BODY))
    client = facade.client(server)
    result = facade(client.core.bulk_update(body=BULK_REQUEST))
    first, second = result.results
    assert first.activity_keys.activity_id == "A-1/4225274" and first.activity_keys.appt_number == "A-1"
    assert second.activity_keys.activity_id == 4225275
    assert result.to_api() == BULK_BODY
    assert [m.path for m in result.shape_mismatches] == ["results[0].activityKeys.activityId"]


def test_the_mismatch_list_says_where_what_was_expected_and_what_came(facade: Facade, server: Server) -> None:
    """``shape_mismatches`` gives one typed record per misfit value: path (API names), loc,
    expected type, the value as received, pydantic's message and error type; a nested
    model lists its own, relative to itself."""
    server.on("GET", CAPACITY, httpx.Response(200, json=CAPACITY_BODY))
    result = capacity(facade.client(server), facade)
    calendar, available = result.shape_mismatches
    assert calendar == ShapeMismatch(
        loc=("items", 0, "areas", 0, "calendar"),
        expected="CapacityMetrics | None",
        value=[{"count": [2, 3], "minutes": [960, 1440]}],
        message="Input should be a valid dictionary or instance of CapacityMetrics",
        error_type="model_type",
    )
    assert calendar.path == "items[0].areas[0].calendar" and not calendar.missing
    assert available.path == "items[0].areas[0].available"
    area = result.items[0].areas[0]
    assert [m.path for m in area.shape_mismatches] == ["calendar", "available"]
    assert [m.path for m in result.items[0].shape_mismatches] == ["areas[0].calendar", "areas[0].available"]


def test_an_answer_that_fits_has_no_mismatches_and_no_warning(
    facade: Facade, server: Server, fresh_warnings: list[warnings.WarningMessage]
) -> None:
    """A fitting body is parsed as always: nothing listed, nothing warned."""
    server.on("GET", CAPACITY, httpx.Response(200, json={"items": [{"date": "2026-03-02", "areas": []}]}))
    result = capacity(facade.client(server), facade)
    assert result.shape_mismatches == ()
    assert shape_warnings(fresh_warnings) == []


def test_an_unknown_enum_value_is_tolerated_silently(
    facade: Facade, server: Server, fresh_warnings: list[warnings.WarningMessage]
) -> None:
    """A value outside a field's documented set is accepted as it is, without a shape warning."""
    server.on("GET", ACTIVITY, httpx.Response(200, json={"activityId": 1, "status": "awaitingParts"}))
    activity = facade(facade.client(server).core.get_activity(activity_id=1))
    assert activity.status == "awaitingParts" and activity.shape_mismatches == ()
    assert shape_warnings(fresh_warnings) == []


class Signature(OFSCModel):
    """A model with required fields (the spec's response models declare none)."""

    signed_by: str = Field(alias="signedBy")
    pages: int
    note: str | None = None


SIGNATURE_OP: Operation[Signature] = Operation(
    family="core",
    name="get_signature",
    method="GET",
    path="/rest/ofscCore/v1/signature",
    params=(),
    success=(200,),
    response_kind="model",
    response_model=f"{__name__}:Signature",
)


def test_a_missing_or_wrong_required_field_does_not_raise(facade: Facade, server: Server) -> None:
    """A required field that is absent reads None and is listed as missing (and left out of
    to_api()); a required field of the wrong type is kept as received."""
    server.on("GET", "/rest/ofscCore/v1/signature", httpx.Response(200, json={"pages": "many", "x": 1}))
    client = facade.client(server)
    result = facade(client.request(SIGNATURE_OP, {}, None))
    assert isinstance(result, Signature)
    assert result.signed_by is None and result.pages == "many" and result.note is None
    assert result.to_api() == {"pages": "many", "x": 1}
    by_path = {m.path: m for m in result.shape_mismatches}
    assert by_path["signedBy"].missing and by_path["signedBy"].expected == "str"
    assert by_path["pages"].value == "many" and by_path["pages"].error_type == "int_parsing"


def test_a_body_of_the_wrong_kind_gives_an_empty_model_and_says_so(facade: Facade, server: Server) -> None:
    """A list where an object is declared: the result is the model with no fields set, and the
    whole body is the one mismatch (path "")."""
    server.on("GET", CAPACITY, httpx.Response(200, json=[1, 2]))
    result = capacity(facade.client(server), facade)
    assert result.items is None
    (mismatch,) = result.shape_mismatches
    assert mismatch.path == "" and mismatch.value == [1, 2] and mismatch.error_type == "model_type"


# ---- warnings and logging ------------------------------------------------------------------


def test_the_warning_comes_once_per_operation_and_field_path(
    facade: Facade, server: Server, fresh_warnings: list[warnings.WarningMessage]
) -> None:
    """The same misfit field (in any list position, on any later call) warns once per process;
    another path or another operation warns again."""
    zones = {"items": [{"workZoneLabel": "A", "keys": "A"}, {"workZoneLabel": "B", "keys": "B"}]}
    server.on("GET", WORKZONES, httpx.Response(200, json=zones))
    server.on("GET", CAPACITY, httpx.Response(200, json=CAPACITY_BODY))
    client = facade.client(server)
    for _ in range(3):
        facade(client.metadata.get_workzones())
    assert len(messages := shape_warnings(fresh_warnings)) == 1
    assert messages[0].startswith("metadata.get_workzones(): the response's field items[0].keys is a string")
    assert "'A'" not in messages[0]  # values are customer data: never in warnings or logs
    assert "strict_responses=True" in messages[0]
    capacity(client, facade)
    capacity(client, facade)
    assert len(shape_warnings(fresh_warnings)) == 3  # calendar and available, once each


def test_the_warning_is_logged_on_the_ofsc_logger_and_points_at_the_caller(
    facade: Facade,
    server: Server,
    fresh_warnings: list[warnings.WarningMessage],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Each first-seen mismatch is logged at WARNING on ``ofsc``; the warning is attributed to
    the code that made the call, not to the SDK's internals."""
    server.on("POST", BULK_UPDATE, httpx.Response(200, json=BULK_BODY))
    client = facade.client(server)
    with caplog.at_level(logging.WARNING, logger="ofsc"):
        facade(client.core.bulk_update(body=BULK_REQUEST))
    (record,) = [r for r in caplog.records if r.name == "ofsc" and "activityKeys" in r.getMessage()]
    assert record.levelno == logging.WARNING
    assert record.getMessage().startswith(
        "core.bulk_update(): the response's field results[0].activityKeys.activityId is a string where "
        "the model declares int | None (Input should be a valid integer"
    )
    (warning,) = [w for w in fresh_warnings if issubclass(w.category, ResponseShapeWarning)]
    assert (
        issubclass(ResponseShapeWarning, UserWarning)
        and ofsc.exceptions.ResponseShapeWarning is ResponseShapeWarning
    )
    # The async client's call runs in the event loop: the warning lands where the loop is run.
    assert warning.filename == (str(Path(__file__).with_name("conftest.py")) if facade.is_async else __file__)


# ---- pages -----------------------------------------------------------------------------------


def test_a_page_whose_items_partly_misfit_still_yields_every_item(facade: Facade, server: Server) -> None:
    """paginate() yields all items of every page; a misfit item keeps its value and lists it."""
    first = {
        "items": [{"workZoneLabel": "A", "keys": ["a"]}, {"workZoneLabel": "B", "keys": "b"}],
        "totalResults": 3,
    }
    second = {"items": [{"workZoneLabel": "C", "shapes": [{"zip": 1}]}], "totalResults": 3}
    server.on(
        "GET",
        WORKZONES,
        lambda request: httpx.Response(
            200, json=second if request.url.params.get("offset") == "2" else first
        ),
    )
    client = facade.client(server)
    zones = facade.items(client.paginate(client.metadata.get_workzones, limit=2))
    assert [z.work_zone_label for z in zones] == ["A", "B", "C"]
    assert zones[0].keys == ["a"] and zones[1].keys == "b" and zones[2].shapes == [{"zip": 1}]
    assert [m.path for m in zones[1].shape_mismatches] == ["keys"]
    assert [m.path for m in zones[2].shape_mismatches] == ["shapes[0]"]


def test_raw_responses_parse_tolerantly_too(facade: Facade, server: Server) -> None:
    """``client.raw(...).parse()`` gives the same tolerant result as the call itself."""
    server.on("POST", BULK_UPDATE, httpx.Response(200, json=BULK_BODY))
    client = facade.client(server)
    raw = facade(client.raw(client.core.bulk_update, body=BULK_REQUEST))
    assert raw.parse().results[0].activity_keys.activity_id == "A-1/4225274"


# ---- strict mode -------------------------------------------------------------------------------


def strict_by_constructor(
    facade: Facade, server: Server, env: pytest.MonkeyPatch
) -> tuple[Any, dict[str, Any]]:
    return facade.client(server, strict_responses=True), {}


def strict_by_with_options(
    facade: Facade, server: Server, env: pytest.MonkeyPatch
) -> tuple[Any, dict[str, Any]]:
    return facade.client(server).with_options(strict_responses=True), {}


def strict_by_options(facade: Facade, server: Server, env: pytest.MonkeyPatch) -> tuple[Any, dict[str, Any]]:
    return facade.client(server), {"options": {"strict_responses": True}}


def strict_by_config_file(
    facade: Facade, server: Server, env: pytest.MonkeyPatch
) -> tuple[Any, dict[str, Any]]:
    with open("config.toml", "w", encoding="utf-8") as file:  # the test's own working directory
        file.write("[client]\nstrict_responses = true\n")
    return facade.client(server), {}


def strict_by_environment(
    facade: Facade, server: Server, env: pytest.MonkeyPatch
) -> tuple[Any, dict[str, Any]]:
    env.setenv("OFSC_STRICT_RESPONSES", "true")
    return facade.client(server), {}


@pytest.mark.parametrize(
    "make_strict",
    [
        strict_by_constructor,
        strict_by_with_options,
        strict_by_options,
        strict_by_config_file,
        strict_by_environment,
    ],
    ids=lambda f: f.__name__.removeprefix("strict_by_"),
)
def test_strict_responses_raises_wherever_it_is_set(
    facade: Facade, server: Server, make_strict: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """strict_responses=True, set on the constructor, with_options, a call's options,
    config.toml's [client] or OFSC_STRICT_RESPONSES, raises ResponseValidationError carrying
    the body, pydantic's errors and the response."""
    server.on("GET", CAPACITY, httpx.Response(200, json=CAPACITY_BODY))
    client, extra = make_strict(facade, server, monkeypatch)
    exc = facade.raises(
        ResponseValidationError, lambda: client.capacity.get_available_capacity(dates=["2026-03-02"], **extra)
    )
    assert exc.body == CAPACITY_BODY and exc.response.status_code == 200
    assert exc.errors[0]["loc"] == ("items", 0, "areas", 0, "calendar")
    assert "does not fit CapacityList" in str(exc)


def test_a_call_can_be_tolerant_on_a_strict_client(facade: Facade, server: Server) -> None:
    """options={"strict_responses": False} overrides the client's strictness for that call."""
    server.on("GET", CAPACITY, httpx.Response(200, json=CAPACITY_BODY))
    client = facade.client(server, strict_responses=True)
    result = facade(
        client.capacity.get_available_capacity(dates=["2026-03-02"], options={"strict_responses": False})
    )
    assert len(result.shape_mismatches) == 2


def test_with_options_keeps_strictness_unless_told(facade: Facade, server: Server) -> None:
    """A with_options copy inherits the client's strict_responses; passing False relaxes it."""
    server.on("GET", CAPACITY, httpx.Response(200, json=CAPACITY_BODY))
    strict = facade.client(server, strict_responses=True)
    facade.raises(
        ResponseValidationError,
        lambda: strict.with_options(max_retries=0).capacity.get_available_capacity(dates=["2026-03-02"]),
    )
    relaxed = strict.with_options(strict_responses=False)
    assert len(capacity(relaxed, facade).shape_mismatches) == 2


# ---- bodies that are not JSON -----------------------------------------------------------------


def test_a_write_answered_with_a_non_json_2xx_says_the_write_was_applied(
    facade: Facade, server: Server
) -> None:
    """A 2xx body that is not JSON raises, even when not strict; after a POST the message says
    the server answered 2xx so the write was applied, and the error carries the response."""
    server.on(
        "POST",
        BULK_UPDATE,
        httpx.Response(200, text="<html>OK</html>", headers={"Content-Type": "text/html"}),
    )
    client = facade.client(server)
    exc = facade.raises(ResponseValidationError, lambda: client.core.bulk_update(body=BULK_REQUEST))
    assert "The server answered 200, so the POST was applied" in str(exc)
    assert exc.response.status_code == 200 and exc.response.text == "<html>OK</html>"
    assert exc.body == "<html>OK</html>"


def test_a_read_answered_with_a_non_json_2xx_raises_without_speaking_of_a_write(
    facade: Facade, server: Server
) -> None:
    """For a GET the not-JSON error says what is wrong and no more."""
    server.on("GET", ACTIVITY, httpx.Response(200, text="<html>OK</html>"))
    exc = facade.raises(
        ResponseValidationError, lambda: facade.client(server).core.get_activity(activity_id=1)
    )
    assert "get_activity(): the 200 response is not JSON" in str(exc) and "applied" not in str(exc)


# ---- the three wires ---------------------------------------------------------------------------


class CannedOFS(ThreadingHTTPServer):
    """A loopback HTTP server answering each (method, path) with a fixed body."""

    daemon_threads = True

    def __init__(self, answers: dict[tuple[str, str], tuple[int, str, bytes]]) -> None:
        super().__init__(("127.0.0.1", 0), _CannedHandler)
        self.answers = answers


class _CannedHandler(BaseHTTPRequestHandler):
    server: CannedOFS

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, content_type, body = self.server.answers[(self.command, self.path.partition("?")[0])]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


WIRES: dict[str, tuple[type[OFSC] | type[AsyncOFSC], dict[str, str]]] = {
    "sync": (OFSC, {}),
    "async-httpx": (AsyncOFSC, {"http_backend": "httpx"}),
    "async-aiohttp": (AsyncOFSC, {"http_backend": "aiohttp"}),
}


@pytest.fixture(params=list(WIRES))
def wire_client(request: pytest.FixtureRequest) -> Iterator[tuple[Facade, Any]]:
    answers = {
        ("GET", CAPACITY): (200, "application/json", json.dumps(CAPACITY_BODY).encode()),
        ("POST", BULK_UPDATE): (200, "application/json", json.dumps(BULK_BODY).encode()),
        ("POST", "/rest/ofscCore/v1/activities"): (201, "text/plain", b"created"),
    }
    server = CannedOFS(answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    cls, backend = WIRES[request.param]
    facade = Facade(cls)
    settings: dict[str, Any] = {"base_url": f"http://127.0.0.1:{server.server_address[1]}", "max_retries": 0}
    settings.update(backend)
    client = facade.client(**settings)
    if request.param == "async-aiohttp":
        assert isinstance(client._state.wire.sender, AiohttpSender)
    try:
        yield facade, client
    finally:
        facade.close()
        server.shutdown()
        server.server_close()


def test_every_wire_returns_typed_results_for_misfit_answers(wire_client: tuple[Facade, Any]) -> None:
    """Sync httpx, async httpx and async aiohttp all give the tolerant typed result."""
    facade, client = wire_client
    result = capacity(client, facade)
    assert result.items[0].areas[0].calendar == [{"count": [2, 3], "minutes": [960, 1440]}]
    assert result.to_api() == CAPACITY_BODY
    written = facade(client.core.bulk_update(body=BULK_REQUEST))
    assert written.results[0].activity_keys.activity_id == "A-1/4225274"


def test_every_wire_reports_a_non_json_answer_to_a_write(wire_client: tuple[Facade, Any]) -> None:
    """On every wire a write answered 2xx with a non-JSON body raises saying it was applied."""
    facade, client = wire_client
    body = {"activityType": "install", "resourceId": "tech1"}
    exc = facade.raises(ResponseValidationError, lambda: client.core.create_activity(body=body))
    assert "The server answered 201, so the POST was applied" in str(exc)
    assert exc.response.status_code == 201 and exc.response.content == b"created"


def test_a_strict_write_that_does_not_fit_says_the_write_was_applied(facade: Facade, server: Server) -> None:
    """In strict mode a misfit answer to a POST raises, and the message says the POST was applied."""
    server.on("POST", BULK_UPDATE, httpx.Response(200, json=BULK_BODY))
    client = facade.client(server, strict_responses=True)
    exc = facade.raises(ResponseValidationError, lambda: client.core.bulk_update(body=BULK_REQUEST))
    assert "does not fit ActivityBulkUpdateResult" in str(exc)
    assert "The server answered 200, so the POST was applied" in str(exc)
