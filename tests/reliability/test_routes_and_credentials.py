"""A caller's or a server's value never changes where a request goes or what credentials
go where, and no secret shows in an error, a log line or a repr (docs/SECURITY.md)."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
from typing import Any

import pytest

from ofsc import ConfigError, OFSCError, RequestValidationError
from ofsc.testing import MockOFS

from .conftest import TOKEN, Received, Reply, ScriptedServer, Wire

SECRET = "s3cr3t"  # the mock's client secret


@pytest.mark.parametrize("value", ["..", ".", ""])
def test_a_dot_segment_path_value_is_refused_before_sending(wire: Wire, value: str) -> None:
    """Promise: a path value is sent as one segment or refused; `..`, `.` and `` never reach
    a URL parser, proxy or server that would resolve them into another route."""
    client = wire.client()
    exc = wire.facade.raises(
        RequestValidationError, lambda: client.core.get_resource_users(resource_id=value)
    )
    assert exc.errors[0][0] == "resource_id" and "route" in exc.errors[0][1]
    wire.facade.raises(
        RequestValidationError,
        lambda: client.core.delete_user_property(login=value, property_label="activities"),
    )
    assert wire.mock.calls == []


def test_dots_inside_a_value_are_sent_as_part_of_one_segment(wire: Wire) -> None:
    """Promise: only whole dot segments are refused; `a..b` or `../x` is one encoded segment."""
    client = wire.client()
    for value in ("a..b", "../users"):
        with contextlib.suppress(OFSCError):  # no such resource: what matters is where it went
            wire.facade(client.core.get_resource_users(resource_id=value))
    sent = [(call.path, call.operation) for call in wire.mock.calls]
    assert sent == [
        ("/rest/ofscCore/v1/resources/a..b/users", "get_resource_users"),
        ("/rest/ofscCore/v1/resources/..%2Fusers/users", "get_resource_users"),
    ]


@pytest.mark.parametrize(
    "instance",
    ["evil.example#", "evil.example/x?", "acme@evil.example", "127.0.0.1:8080/", "acme.evil", "-acme"],
)
def test_an_instance_that_is_not_an_instance_name_is_refused(wire: Wire, instance: str) -> None:
    """Promise: the instance is an OFS instance name (one DNS label); anything that could
    move the request and its credentials to another host is a ConfigError before any connection."""
    with pytest.raises(ConfigError, match="instance") as info:
        wire.client(instance=instance, base_url=None)
    assert "instance" in info.value.problems
    assert wire.mock.calls == []


def test_credentials_in_base_url_are_refused_without_echoing_them(wire: Wire) -> None:
    """Promise: `user:pass@` in base_url is refused (it would replace the Authorization
    header), and the error does not show the password."""
    url = wire.base_url.replace("http://", "http://admin:hunter2pass@")
    with pytest.raises(ConfigError, match="must not hold credentials") as info:
        wire.client(base_url=url)
    assert "hunter2pass" not in str(info.value) and "hunter2pass" not in repr(info.value)


def test_an_absolute_token_url_keeps_its_host(wire: Wire) -> None:
    """Promise: an absolute token_url is asked at its own host, never at the API's."""
    token_mock = MockOFS(seed=1)
    with token_mock.serve(port=0) as token_base:
        client = wire.client(auth="oauth2", token_url=f"{token_base}{TOKEN}", max_retries=0)
        with contextlib.suppress(OFSCError):  # the API mock does not know the other mock's token
            wire.facade(client.metadata.get_workzones())
    assert token_mock.tokens_issued >= 1
    assert wire.calls(TOKEN) == 0


def test_key_material_given_as_signing_key_is_never_printed(wire: Wire) -> None:
    """Promise: a signing_key that is neither PEM text nor an existing file is refused
    without showing it (it may be the key itself)."""
    key = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7" * 4
    with pytest.raises(ConfigError) as info:
        wire.client(auth="oauth2", signing_key=key, client_secret=None)
    exc = info.value
    assert "signing_key" in exc.problems and wire.mock.calls == []
    assert key[:20] not in str(exc) and key[:20] not in repr(exc)


def _echo_authorization(request: Received) -> Reply:
    """A server that quotes the credentials it was sent, bare, in its error."""
    bare = request.headers.get("authorization", "").removeprefix("Basic ")
    body = {
        "title": f"Bad credentials {bare}",
        "detail": f"credentials {bare} are not valid",
        "status": "403",
    }
    return Reply(403, {"Content-Type": "application/json"}, [json.dumps(body).encode()])


def test_echoed_basic_credentials_are_masked_in_errors_and_logs(
    wire: Wire, scripted: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Promise: the bare base64 of the Basic header, and the secret itself, are masked in
    every error text, error attribute, log line and repr, even when a server echoes them."""
    caplog.set_level(logging.DEBUG, logger="ofsc")
    scripted.script = _echo_authorization
    client = wire.client(base_url=scripted.base_url, client_secret="a-long-s3cr3t-value", log="debug")
    exc = wire.facade.raises(OFSCError, lambda: client.metadata.get_workzones())
    bare = base64.b64encode(b"cid@acme:a-long-s3cr3t-value").decode()
    texts = [str(exc), repr(exc), str(exc.detail), str(exc.title), repr(client), caplog.text]
    assert scripted.requests and all(bare not in text and "a-long-s3cr3t-value" not in text for text in texts)
    assert "[REDACTED]" in str(exc)


def test_http_to_another_host_is_refused_unless_allowed(wire: Wire) -> None:
    """Promise: credentials never go in clear text to a host other than this machine,
    unless allow_insecure_http=True says the network is trusted."""
    with pytest.raises(ConfigError, match="clear text") as info:
        wire.client(base_url="http://ofs.example.com")
    assert "base_url" in info.value.problems
    with pytest.raises(ConfigError, match="clear text"):
        wire.client(auth="oauth2", token_url=f"http://tokens.example.com{TOKEN}")
    allowed: Any = wire.client(base_url="http://ofs.example.com", allow_insecure_http=True)
    assert allowed.base_url == "http://ofs.example.com"
    assert wire.client(base_url="http://localhost:1").base_url == "http://localhost:1"
