"""Authentication as OFS does it: Basic ``client_id@instance:client_secret``, and expiring
bearer tokens from the token service (v1 and v2)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from ofsc import AuthenticationError
from ofsc.testing import MockOFS

from ..conftest import Call
from .conftest import Wire

USERS = "/rest/ofscCore/v1/users"
TOKEN = "/rest/oauthTokenService/v2/token"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ofsc_mock_options(clock: Clock) -> dict[str, Any]:
    return {"token_lifetime": 600, "clock": clock}


def basic(user: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode()


@pytest.mark.parametrize(
    ("authorization", "detail"),
    [
        (None, "Authorization header is missing"),
        (basic("cid@acme", "wrong"), "invalid client_id or client_secret"),
        (basic("cid@other", "s3cr3t"), "unknown instance 'other'"),
        (basic("cid", "s3cr3t"), "expected client_id@acme"),
        ("Bearer not-issued", "unknown or revoked access token"),
        ("Digest abc", "unsupported authorization scheme 'Digest'"),
    ],
    ids=["missing", "secret", "instance", "no-instance", "bearer", "scheme"],
)
async def test_bad_credentials_are_401_with_an_ofs_error(
    wire: Wire, authorization: str | None, detail: str
) -> None:
    response = await wire.request("GET", USERS, headers={"Authorization": authorization or ""})
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == "401" and body["title"] == "Unauthorized" and detail in body["detail"]


@pytest.mark.parametrize(("version", "field"), [("v1", "token"), ("v2", "access_token")])
async def test_the_token_service_issues_bearer_tokens_that_expire(
    wire: Wire, clock: Clock, version: str, field: str
) -> None:
    path = f"/rest/oauthTokenService/{version}/token"
    issued = (await wire.request("POST", path, data={"grant_type": "client_credentials"})).json()
    assert issued["token_type"] == "bearer" and issued["expires_in"] == 600
    assert wire.mock.tokens_issued == 1
    bearer = {"Authorization": f"Bearer {issued[field]}"}
    assert (await wire.request("GET", USERS, headers=bearer)).status_code == 200

    clock.now += 600
    response = await wire.request("GET", USERS, headers=bearer)
    assert response.status_code == 401 and response.json()["detail"] == "the access token has expired"


async def test_the_token_service_takes_basic_credentials_only(wire: Wire) -> None:
    grant = {"grant_type": "client_credentials"}
    issued = (await wire.request("POST", TOKEN, data=grant)).json()
    bearer = {"Authorization": f"Bearer {issued['access_token']}"}
    response = await wire.request("POST", TOKEN, data=grant, headers=bearer)
    assert response.status_code == 401 and "expected Basic" in response.json()["detail"]


async def test_a_jwt_bearer_grant_needs_an_assertion(wire: Wire) -> None:
    grant = {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer"}
    response = await wire.request("POST", TOKEN, data=grant)
    assert response.status_code == 401
    response = await wire.request("POST", TOKEN, data={**grant, "assertion": "a.b.c"})
    assert response.status_code == 200 and wire.mock.tokens_issued == 1


async def test_an_oauth2_client_fetches_one_token_and_refreshes_a_revoked_one(
    make_client: Any, ofsc_mock: MockOFS
) -> None:
    call = Call(make_client(auth="oauth2"))
    for _ in range(3):
        await call("core.get_users")
    assert ofsc_mock.tokens_issued == 1

    ofsc_mock.revoke_tokens()
    await call("core.get_users")
    assert ofsc_mock.tokens_issued == 2
    assert [c.status for c in ofsc_mock.calls if c.path == USERS][-2:] == [401, 200]


async def test_a_client_with_a_wrong_secret_gets_authentication_error(make_client: Any) -> None:
    call = Call(make_client(client_secret="wrong"))
    with pytest.raises(AuthenticationError) as raised:
        await call("core.get_users")
    assert raised.value.detail == "invalid client_id or client_secret"
