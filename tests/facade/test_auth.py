"""Authentication: Basic, OAuth2 client credentials and JWT-bearer, token caching and refresh."""

from __future__ import annotations

import asyncio
import base64
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ofsc import OFSC, AsyncOFSC, AuthenticationError, InternalServerError, ResponseValidationError

from .conftest import ACTIVITY_PATH, CLIENT_ID, INSTANCE, SECRET, TOKEN_PATH, Facade, Server, error

BASIC = "Basic " + base64.b64encode(f"{CLIENT_ID}@{INSTANCE}:{SECRET}".encode()).decode()


def form(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


def test_basic_auth_is_client_id_at_instance(facade: Facade, server: Server) -> None:
    client = facade.client(server)
    facade(client.core.get_activity(activity_id=1))
    assert server.requests[0].headers["Authorization"] == BASIC
    assert server.tokens_issued == 0


def test_oauth2_client_credentials_fetches_one_token_and_reuses_it(facade: Facade, server: Server) -> None:
    client = facade.client(server, auth="oauth2", scope="ofsc:activities")
    for _ in range(3):
        facade(client.core.get_activity(activity_id=1))
    token_request, *api_requests = server.requests
    assert (token_request.method, token_request.url.path) == ("POST", TOKEN_PATH)
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert token_request.headers["Authorization"] == BASIC
    assert form(token_request) == {
        "grant_type": "client_credentials",
        "ofsc_dynamic_scope": "ofsc:activities",
    }
    assert [r.headers["Authorization"] for r in api_requests] == ["Bearer tok-1"] * 3
    assert server.tokens_issued == 1


def test_token_is_refreshed_ahead_of_its_expiry(facade: Facade, server: Server) -> None:
    server.token_lifetime = 600
    client = facade.client(server, auth="oauth2")
    now = [1_000_000.0]
    client.token_state.clock = lambda: now[0]
    facade(client.core.get_activity(activity_id=1))
    now[0] += 600 - 61  # still more than the refresh margin left
    facade(client.core.get_activity(activity_id=1))
    assert server.tokens_issued == 1
    now[0] += 2  # inside the margin: refresh before the server would refuse it
    facade(client.core.get_activity(activity_id=1))
    assert server.tokens_issued == 2
    assert server.requests[-1].headers["Authorization"] == "Bearer tok-2"


def test_a_401_refreshes_the_token_once_and_replays(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(401, "token revoked"), httpx.Response(200, json={"activityId": 1}))
    client = facade.client(server, auth="oauth2")
    activity = facade(client.core.get_activity(activity_id=1))
    assert activity.activity_id == 1
    assert [r.headers["Authorization"] for r in server.calls(ACTIVITY_PATH)] == [
        "Bearer tok-1",
        "Bearer tok-2",
    ]


def test_a_second_401_is_an_authentication_error(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(401, "no access"))
    client = facade.client(server, auth="oauth2")
    exc = facade.raises(AuthenticationError, lambda: client.core.get_activity(activity_id=1))
    assert exc.status_code == 401 and exc.detail == "no access"
    assert server.tokens_issued == 2 and len(server.calls(ACTIVITY_PATH)) == 2


def test_basic_auth_401_is_not_replayed(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(401))
    client = facade.client(server)
    facade.raises(AuthenticationError, lambda: client.core.get_activity(activity_id=1))
    assert len(server.requests) == 1


def test_token_service_refusal_is_typed(facade: Facade, server: Server) -> None:
    server.on("POST", TOKEN_PATH, error(401, "invalid client"))
    client = facade.client(server, auth="oauth2")
    exc = facade.raises(AuthenticationError, lambda: client.core.get_activity(activity_id=1))
    assert exc.url.endswith(TOKEN_PATH) and exc.detail == "invalid client"
    assert server.calls(ACTIVITY_PATH) == []


def test_token_answer_without_a_token_is_a_validation_error(facade: Facade, server: Server) -> None:
    server.on("POST", TOKEN_PATH, httpx.Response(200, json={"token_type": "bearer"}))
    client = facade.client(server, auth="oauth2")
    facade.raises(ResponseValidationError, lambda: client.core.get_activity(activity_id=1))


def test_v1_style_token_field_and_absolute_token_url(facade: Facade, server: Server) -> None:
    server.on("POST", "/rest/oauthTokenService/v1/token", httpx.Response(200, json={"token": "v1tok"}))
    client = facade.client(
        server, auth="oauth2", token_url="https://acme.fs.ocs.oraclecloud.com/rest/oauthTokenService/v1/token"
    )
    facade(client.core.get_activity(activity_id=1))
    assert server.requests[-1].headers["Authorization"] == "Bearer v1tok"


def test_assertion_string_uses_the_jwt_bearer_grant(facade: Facade, server: Server) -> None:
    client = facade.client(server, auth="oauth2", client_secret=None, assertion="eyJh.eyJz.sig")
    facade(client.core.get_activity(activity_id=1))
    token_request = server.calls(TOKEN_PATH)[0]
    assert form(token_request) == {
        "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
        "assertion": "eyJh.eyJz.sig",
    }
    assert "Authorization" not in token_request.headers  # the assertion is the credential


def test_assertion_callable_is_asked_for_each_token(facade: Facade, server: Server) -> None:
    made: list[str] = []

    def assertion() -> str:
        made.append(f"assertion-{len(made) + 1}")
        return made[-1]

    server.on("GET", ACTIVITY_PATH, error(401), httpx.Response(200, json={"activityId": 1}))
    client = facade.client(server, auth="oauth2", assertion=assertion)
    facade(client.core.get_activity(activity_id=1))
    assert [form(r)["assertion"] for r in server.calls(TOKEN_PATH)] == ["assertion-1", "assertion-2"]


@pytest.mark.parametrize("key_source", ["pem", "path"])
def test_signing_key_makes_an_rs256_assertion_ofs_accepts(
    facade: Facade, server: Server, tmp_path: Path, key_source: str
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    if key_source == "path":
        (tmp_path / "key.pem").write_text(pem)
        pem = str(tmp_path / "key.pem")
    client = facade.client(server, auth="oauth2", signing_key=pem, jwt_subject="dispatcher1")
    facade(client.core.get_activity(activity_id=1))
    assertion = form(server.calls(TOKEN_PATH)[0])["assertion"]
    audience = f"ofsc:{INSTANCE}:{CLIENT_ID}"
    claims = jwt.decode(assertion, key.public_key(), algorithms=["RS256"], audience=audience)
    assert jwt.get_unverified_header(assertion)["alg"] == "RS256"
    assert (claims["sub"], claims["iss"]) == ("dispatcher1", CLIENT_ID)
    assert 0 < claims["exp"] - claims["iat"] <= 300  # short-lived, as OFS asks


def test_single_flight_token_across_100_tasks() -> None:
    """100 tasks needing a token at once: exactly one fetches it, all use it."""
    issued = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal issued
        if request.url.path == TOKEN_PATH:
            issued += 1
            await asyncio.sleep(0.01)  # let every other task reach the token lock meanwhile
            return httpx.Response(200, json={"access_token": f"tok-{issued}", "expires_in": 3600})
        assert request.headers["Authorization"] == "Bearer tok-1"
        return httpx.Response(200, json={"activityId": 1})

    async def main() -> None:
        async with AsyncOFSC(
            instance=INSTANCE,
            client_id=CLIENT_ID,
            client_secret=SECRET,
            auth="oauth2",
            transport=httpx.MockTransport(handler),
        ) as client:
            results = await asyncio.gather(*(client.core.get_activity(activity_id=1) for _ in range(100)))
        assert len(results) == 100

    asyncio.run(main())
    assert issued == 1


def test_single_flight_token_across_20_threads() -> None:
    issued = 0
    barrier = threading.Barrier(20)

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal issued
        if request.url.path == TOKEN_PATH:
            issued += 1
            time.sleep(0.02)  # let every other thread reach the token lock meanwhile
            return httpx.Response(200, json={"access_token": f"tok-{issued}", "expires_in": 3600})
        return httpx.Response(200, json={"activityId": 1})

    with OFSC(
        instance=INSTANCE,
        client_id=CLIENT_ID,
        client_secret=SECRET,
        auth="oauth2",
        transport=httpx.MockTransport(handler),
    ) as client:

        def work() -> None:
            barrier.wait()
            client.core.get_activity(activity_id=1)

        threads = [threading.Thread(target=work) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert issued == 1


@pytest.mark.parametrize("failure", [error(503), httpx.ConnectError("refused"), httpx.ReadTimeout("slow")])
def test_a_token_service_hiccup_is_retried(facade: Facade, server: Server, failure: Any) -> None:
    server.on("POST", TOKEN_PATH, failure, lambda request: server.issue_token())
    client = facade.client(server, auth="oauth2")
    assert facade(client.core.get_activity(activity_id=1)).activity_id == 1
    assert len(server.calls(TOKEN_PATH)) == 2 and server.tokens_issued == 1


def test_refused_credentials_are_not_retried(facade: Facade, server: Server) -> None:
    server.on("POST", TOKEN_PATH, error(401, "invalid client"))
    client = facade.client(server, auth="oauth2")
    facade.raises(AuthenticationError, lambda: client.core.get_activity(activity_id=1))
    assert len(server.calls(TOKEN_PATH)) == 1


def test_a_circuit_probe_answered_401_still_refreshes_and_replays(facade: Facade, server: Server) -> None:
    server.on("GET", ACTIVITY_PATH, error(503), error(401), httpx.Response(200, json={"activityId": 1}))
    client = facade.client(server, auth="oauth2", max_retries=0, circuit_breaker_threshold=1)
    now = [0.0]
    client.circuit.clock = lambda: now[0]
    facade.raises(InternalServerError, lambda: client.core.get_activity(activity_id=1))
    now[0] += client.settings.circuit_breaker_cooldown
    assert facade(client.core.get_activity(activity_id=1)).activity_id == 1  # the probe, replayed once
    assert client.circuit.state == "closed"
