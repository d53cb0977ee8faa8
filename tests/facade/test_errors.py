"""Errors: always raised, typed by status, carrying what a log or a support ticket needs."""

from __future__ import annotations

import pickle
import traceback

import httpx
import pytest

import ofsc
import ofsc.exceptions
from ofsc import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ConfigError,
    OFSCError,
    RequestValidationError,
    ResponseValidationError,
)

from .conftest import ACTIVITY_PATH, SECRET, Facade, Server, error


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ofsc.BadRequestError),
        (401, ofsc.AuthenticationError),
        (403, ofsc.PermissionDeniedError),
        (404, ofsc.NotFoundError),
        (409, ofsc.ConflictError),
        (422, ofsc.UnprocessableEntityError),
        (429, ofsc.RateLimitError),
        (500, ofsc.InternalServerError),
        (503, ofsc.InternalServerError),
        (418, APIStatusError),
    ],
)
def test_each_status_has_its_error_class(facade: Facade, server: Server, status: int, cls: type) -> None:
    server.on("GET", ACTIVITY_PATH, error(status))
    client = facade.client(server, max_retries=0)
    exc = facade.raises(cls, lambda: client.core.get_activity(activity_id=1))
    assert isinstance(exc, APIStatusError) and isinstance(exc, OFSCError)
    assert exc.status_code == status


def test_status_error_carries_the_ofs_fields(facade: Facade, server: Server) -> None:
    body = {
        "type": "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5",
        "title": "Not Found",
        "status": "404",
        "detail": "The requested activity 1 does not exist",
        "o:errorCode": "OFS-404-7",
    }
    server.on("GET", ACTIVITY_PATH, httpx.Response(404, json=body, headers={"X-Request-Id": "req-42"}))
    client = facade.client(server)
    exc = facade.raises(ofsc.NotFoundError, lambda: client.core.get_activity(activity_id=1))
    assert (exc.method, exc.url) == ("GET", "https://acme.fs.ocs.oraclecloud.com" + ACTIVITY_PATH)
    assert (exc.type, exc.title, exc.detail, exc.error_code) == (
        body["type"],
        "Not Found",
        body["detail"],
        "OFS-404-7",
    )
    assert exc.request_id == "req-42" and exc.attempts == 1
    assert exc.response.status_code == 404 and exc.body == body
    assert str(exc) == (
        "404 Not Found: The requested activity 1 does not exist "
        f"(GET https://acme.fs.ocs.oraclecloud.com{ACTIVITY_PATH}, error code OFS-404-7, request id req-42)"
    )


def test_error_text_holds_no_query_string_or_secret(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(400, "Bearer abc.def"))
    client = facade.client(server)
    exc = facade.raises(
        ofsc.BadRequestError,
        lambda: client.core.get_activity(activity_id=1, options={"query": {"secret": "q-value"}}),
    )
    text = f"{exc} {exc!r} {exc.url}"
    assert "q-value" not in text and SECRET not in text and "abc.def" not in text
    assert "Bearer [REDACTED]" in str(exc)


def test_html_502_is_still_a_typed_error(facade: Facade, server: Server) -> None:
    html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
    server.on("GET", ACTIVITY_PATH, httpx.Response(502, text=html, headers={"Content-Type": "text/html"}))
    client = facade.client(server, max_retries=1)
    exc = facade.raises(ofsc.InternalServerError, lambda: client.core.get_activity(activity_id=1))
    assert exc.status_code == 502 and exc.body is None and exc.attempts == 2
    assert exc.title == "Bad Gateway" and "<h1>Bad Gateway</h1>" in (exc.detail or "")
    assert str(exc).startswith("502 Bad Gateway: <html>") and "after 2 attempts" in str(exc)


def test_strict_client_raises_response_validation_error_for_a_body_not_fitting_its_model(
    facade: Facade, server: Server
) -> None:
    """With strict_responses=True a 2xx body that does not fit raises, carrying body and errors."""
    server.on("GET", ACTIVITY_PATH, httpx.Response(200, json={"activityId": "not a number"}))
    client = facade.client(server, strict_responses=True)
    exc = facade.raises(ResponseValidationError, lambda: client.core.get_activity(activity_id=1))
    assert exc.body == {"activityId": "not a number"}
    assert exc.errors[0]["loc"] == ("activityId",) and exc.errors[0]["type"] == "int_parsing"
    assert exc.response.status_code == 200


def test_bad_arguments_fail_before_anything_is_sent(facade: Facade, server: Server) -> None:
    client = facade.client(server)
    exc = facade.raises(RequestValidationError, lambda: client.core.get_activity(activity_id="one"))
    assert exc.errors == [("activity_id", "expected int, got str 'one'")]
    assert server.requests == []


@pytest.mark.parametrize(
    ("headers", "where", "message"),
    [
        ({"X-Tag": "a\r\nX-Injected: 1"}, "options[\"headers\"]['X-Tag']", "found '\\r' at position 1"),
        ({"X-Tag": "café"}, "options[\"headers\"]['X-Tag']", "found 'é' at position 3"),
        ({"Bad Name": "x"}, "options[\"headers\"]['Bad Name']", "'Bad Name' is not a valid header name"),
        ({"X-Count": 3}, "options[\"headers\"]['X-Count']", "header values must be str, got int 3"),
    ],
)
def test_headers_that_cannot_be_sent_fail_before_anything_is_sent(
    facade: Facade, server: Server, headers: dict[str, object], where: str, message: str
) -> None:
    client = facade.client(server)
    call = lambda: client.core.get_activity(activity_id=1, options={"headers": headers})  # noqa: E731
    exc = facade.raises(RequestValidationError, call)
    assert len(exc.errors) == 1 and exc.errors[0][0] == where and message in exc.errors[0][1]
    assert "X-Injected" not in str(exc)  # the value is not repeated: it may be a credential
    assert server.requests == []


def test_a_non_ascii_file_name_is_refused_with_the_way_to_send_it(facade: Facade, server: Server) -> None:
    client = facade.client(server)
    call = lambda: client.core.set_file_property(  # noqa: E731
        activity_id=1,
        property_label="photo",
        content=b"x",
        content_disposition='attachment; filename="résumé.pdf"',
    )
    exc = facade.raises(RequestValidationError, call)
    assert exc.errors[0][0] == "content_disposition" and "filename*=UTF-8''" in exc.errors[0][1]
    assert server.requests == []


def test_default_headers_that_cannot_be_sent_are_a_config_error(facade: Facade, server: Server) -> None:
    with pytest.raises(ConfigError, match="headers\\['X-Tenant'\\]"):
        facade.client(server, headers={"X-Tenant": "t\n1"})
    client = facade.client(server)
    with pytest.raises(ConfigError, match="not a valid header name"):
        client.with_options(headers={"X Tenant": "t1"})


@pytest.mark.parametrize(
    ("raised", "cls"),
    [
        (httpx.ConnectError("connection refused"), APIConnectionError),
        (httpx.ReadTimeout("timed out"), APITimeoutError),
    ],
)
def test_no_response_is_a_connection_error(
    facade: Facade, server: Server, raised: Exception, cls: type[APIConnectionError]
) -> None:
    server.on("GET", ACTIVITY_PATH, raised)
    client = facade.client(server, max_retries=1)
    exc = facade.raises(cls, lambda: client.core.get_activity(activity_id=1))
    assert type(exc) is cls and exc.attempts == 2 and exc.method == "GET"
    assert isinstance(exc.__cause__, type(raised))
    assert str(exc).endswith(f"(GET https://acme.fs.ocs.oraclecloud.com{ACTIVITY_PATH}, 2 attempts)")


def test_a_request_that_cannot_be_sent_is_not_retried(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, httpx.LocalProtocolError("Illegal header value"))
    client = facade.client(server, max_retries=3)
    exc = facade.raises(APIConnectionError, lambda: client.core.get_activity(activity_id=1))
    assert exc.attempts == 1 and len(server.requests) == 1
    assert client.circuit.failures == 0  # the service did nothing wrong


PUBLIC_ERRORS = [*ofsc.exceptions.__all__, "PaginationError", "ConfigFileWarning"]


@pytest.mark.parametrize("name", PUBLIC_ERRORS)
def test_public_errors_are_named_where_users_import_them(name: str) -> None:
    """Reprs and tracebacks name a public error ``ofsc.<Name>``, the import users write,
    never the private module that defines it."""
    cls = getattr(ofsc, name)
    assert f"{cls.__module__}.{cls.__qualname__}" == f"ofsc.{name}"
    assert repr(cls) == f"<class 'ofsc.{name}'>"


def test_a_raised_error_shows_its_public_name_in_the_traceback() -> None:
    """A configuration mistake reads ``ofsc.ConfigError: ...`` in a traceback."""
    with pytest.raises(ConfigError) as caught:
        ofsc.OFSC(instance="acme", client_id="cid", client_secret="s3cr3t", timeout="soon")
    shown = "".join(traceback.format_exception_only(caught.value))
    assert shown.startswith("ofsc.ConfigError: invalid ofsc configuration:")


def test_a_public_error_survives_pickling() -> None:
    """Its public name resolves, so an error can cross a process boundary (multiprocessing)."""
    error = pickle.loads(pickle.dumps(ofsc.OFSCError("boom")))
    assert type(error) is ofsc.OFSCError and str(error) == "boom"
