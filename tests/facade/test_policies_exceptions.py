"""What the SDK's errors carry and say (ofsc._exceptions).

The rules (the module's docstring and ``docs/BEST_PRACTICES.md``): a non-2xx answer raises
the error class of its status with OFS's error fields, the request id (from whichever header
the server used), the attempts made and a message that names the call and holds no
credentials; bad arguments and configuration say what was wrong and where.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    CircuitOpenError,
    ConfigError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    PluginError,
    RateLimitError,
    RequestValidationError,
    ResponseValidationError,
    UnprocessableEntityError,
)
from ofsc._exceptions import REQUEST_ID_HEADERS, request_id, status_error

PROPERTY = settings(max_examples=60, deadline=None)
URL = "https://acme.example/rest/ofscCore/v1/activities/1"
BY_STATUS = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def answer(status: int, body: Any = None, *, content: bytes | None = None, **headers: str) -> httpx.Response:
    request = httpx.Request("GET", URL + "?fields=x")
    if content is not None:
        return httpx.Response(status, content=content, headers=headers, request=request)
    if body is None:
        return httpx.Response(status, headers=headers, request=request)
    return httpx.Response(status, json=body, headers=headers, request=request)


@PROPERTY
@given(st.integers(min_value=300, max_value=599))
def test_each_status_raises_its_own_class(status: int) -> None:
    """400, 401, 403, 404, 409, 422 and 429 have their classes; any other 5xx is
    InternalServerError; anything else is APIStatusError itself."""
    exc = status_error(answer(status))
    expected = BY_STATUS.get(status, InternalServerError if status >= 500 else APIStatusError)
    assert type(exc) is expected
    assert exc.status_code == status


@pytest.mark.parametrize(
    "header", ["X-Request-Id", "X-Oracle-DMS-ECID", "X-OFSC-Request-Id", "opc-request-id"]
)
def test_the_request_id_is_read_from_any_header_ofs_uses(header: str) -> None:
    """The id the server gave the request is on the error and in its message, whichever of
    the headers OFS and Oracle's gateways use carried it."""
    exc = status_error(answer(404, {"title": "Not Found"}, **{header: "rid-42"}))
    assert exc.request_id == "rid-42"
    assert "request id rid-42" in str(exc)
    assert request_id(answer(200)) is None


def test_the_first_request_id_header_wins() -> None:
    """With several id headers, the first in the documented order is used."""
    response = answer(500, **{"opc-request-id": "opc", "X-Request-Id": "xri"})
    assert request_id(response) == "xri"
    assert REQUEST_ID_HEADERS[0] == "x-request-id"


def test_the_error_carries_the_ofs_error_fields() -> None:
    """type, title, detail and o:errorCode are read from the body; the URL loses its query."""
    body = {"type": "http://x/400", "title": "Bad", "detail": "no such field", "o:errorCode": 12}
    exc = status_error(answer(400, body), attempts=3)
    assert (exc.type, exc.title, exc.detail, exc.error_code) == ("http://x/400", "Bad", "no such field", "12")
    assert (exc.method, exc.url, exc.attempts, exc.body) == ("GET", URL, 3, body)
    assert str(exc) == f"400 Bad: no such field (GET {URL}, error code 12, after 3 attempts)"


def test_a_single_attempt_is_not_mentioned() -> None:
    """'after N attempts' appears only when the call was retried."""
    exc = status_error(answer(404, {"title": "Not Found"}))
    assert str(exc) == f"404 Not Found (GET {URL})"
    assert str(status_error(answer(404, {"title": "Not Found"}), attempts=2)).endswith(", after 2 attempts)")


def test_without_a_title_the_reason_phrase_is_used() -> None:
    """A body without title falls back to the status's reason phrase."""
    exc = status_error(answer(503, {"detail": "maintenance"}))
    assert exc.title == "Service Unavailable"
    assert str(exc) == f"503 Service Unavailable: maintenance (GET {URL})"
    assert (exc.type, exc.error_code) == (None, None)


def test_a_body_that_is_not_json_becomes_the_detail() -> None:
    """A text or HTML body (a gateway's page) is shown squeezed to one line of at most 200 characters."""
    exc = status_error(answer(502, content=b"<html>\n  bad   gateway\n</html>"))
    assert exc.body is None
    assert exc.detail == "<html> bad gateway </html>"
    long = status_error(answer(502, content=b"x" * 500))
    assert long.detail == "x" * 199 + "…"
    exact = status_error(answer(502, content=b"y" * 200))
    assert exact.detail == "y" * 200


def test_a_json_body_that_is_not_an_object_has_no_fields() -> None:
    """A JSON list or string is kept as the body; no error fields are read from it."""
    exc = status_error(answer(400, ["a", "b"]))
    assert exc.body == ["a", "b"] and exc.detail is None and exc.type is None
    empty = status_error(answer(400))
    assert empty.body is None and empty.detail is None
    binary = status_error(answer(400, content=b"\xff\xfe{"))
    assert binary.body is None


def test_a_request_validation_error_names_each_problem() -> None:
    """RequestValidationError says which operation and each (where, what) problem."""
    exc = RequestValidationError("core.get_activity", [("activity_id", "required"), ("body.x", "bad")])
    assert exc.operation == "core.get_activity"
    assert exc.errors == [("activity_id", "required"), ("body.x", "bad")]
    assert str(exc) == "core.get_activity(): activity_id: required; body.x: bad"
    assert isinstance(exc, ValueError)


def test_a_config_error_names_each_field_and_its_source() -> None:
    """ConfigError lists each bad field with where it came from."""
    problems = {"timeout": ("OFSC_TIMEOUT", "must be > 0"), "instance": ("nowhere", "not set")}
    exc = ConfigError(problems)
    assert exc.problems == problems
    assert str(exc) == (
        "invalid ofsc configuration:\n  timeout (from OFSC_TIMEOUT): must be > 0\n  instance (from nowhere): not set"
    )
    assert isinstance(exc, ValueError)


def test_a_plugin_error_names_the_entry_point_and_the_cause() -> None:
    """PluginError says which plugin failed and why."""
    exc = PluginError("audit", "pkg.mod:setup", KeyError("x"))
    assert (exc.name, exc.value) == ("audit", "pkg.mod:setup")
    assert str(exc) == "ofsc plugin 'audit' (pkg.mod:setup) failed: KeyError: 'x'"


def test_an_error_made_directly_counts_one_attempt() -> None:
    """Without attempts=, a status or connection error says one attempt was made (and does
    not say "after N attempts")."""
    exc = NotFoundError(answer(404, {"title": "Not Found"}))
    assert exc.attempts == 1 and "attempts" not in str(exc)
    connection = APIConnectionError("ConnectError: refused", method="GET", url=URL)
    assert (connection.method, connection.url, connection.attempts) == ("GET", URL, 1)
    assert str(connection) == f"ConnectError: refused (GET {URL}, 1 attempt)"
    assert str(APIConnectionError("x", method="GET", url=URL, attempts=2)) == f"x (GET {URL}, 2 attempts)"


def test_a_status_without_title_or_reason_is_shown_alone() -> None:
    """An unknown status with no title shows the bare code."""
    exc = status_error(answer(599, {"detail": "odd"}))
    assert exc.title is None
    assert str(exc) == f"599: odd (GET {URL})"


def test_the_circuit_open_error_says_when_to_try_again() -> None:
    """CircuitOpenError carries retry_in and the failures, and says both."""
    exc = CircuitOpenError(2.54, 5)
    assert (exc.retry_in, exc.failures) == (2.54, 5)
    assert str(exc).startswith("circuit open after 5 consecutive fail")
    assert "; next probe in 2.5s" in str(exc)


def test_a_response_validation_error_carries_what_was_received() -> None:
    """ResponseValidationError keeps its message, the response, the body and the errors."""
    response = answer(200, {"a": 1})
    exc = ResponseValidationError("not a model", response=response, body={"a": 1}, errors=["e"])
    assert str(exc) == "not a model"
    assert (exc.response, exc.body, exc.errors) == (response, {"a": 1}, ["e"])


def test_a_circuit_open_error_names_the_refused_call() -> None:
    """With the call's operation, method and URL, the message names the call that was not sent;
    without them it says no more than the wait."""
    exc = CircuitOpenError(1.0, 3, operation="core.get_activity", method="GET", url=URL)
    assert (exc.operation, exc.method, exc.url) == ("core.get_activity", "GET", URL)
    assert str(exc).endswith(f"; next probe in 1.0s (core.get_activity: GET {URL})")
    bare = CircuitOpenError(1.0, 3)
    assert (bare.operation, bare.method, bare.url) == (None, None, None)
    assert str(bare).endswith("; next probe in 1.0s")


def test_a_too_large_answer_says_the_limit_and_the_call() -> None:
    """ResponseTooLargeError carries the limit, the status and the call, and says them."""
    from ofsc import ResponseTooLargeError

    exc = ResponseTooLargeError(limit=10, status_code=200, method="GET", url=URL)
    assert (exc.limit, exc.status_code, exc.method, exc.url) == (10, 200, "GET", URL)
    assert str(exc) == f"the 200 answer is larger than max_response_size (10 bytes) (GET {URL})"


def test_the_public_errors_show_as_ofsc_errors() -> None:
    """Errors are shown as ofsc.<Name> in tracebacks and reprs, wherever they are defined."""
    from ofsc import PaginationError, ResponseTooLargeError

    for cls in (PaginationError, ResponseTooLargeError, NotFoundError):
        assert cls.__module__ == "ofsc"
