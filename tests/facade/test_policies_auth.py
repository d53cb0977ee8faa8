"""Credentials and the OAuth2 token's life (ofsc._auth: no I/O).

The rules (the module's docstring and ``docs/BEST_PRACTICES.md``): Basic credentials are
``base64(client_id@instance:client_secret)``; a token is refreshed ahead of its
``expires_in`` by a margin of at most half its lifetime; a 401 invalidates the token that
was sent, never one another caller fetched meanwhile; the token service's answer is checked.
"""

from __future__ import annotations

import base64
import stat
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import AuthenticationError, ConfigError, ResponseValidationError
from ofsc._auth import JWTSigner, TokenState, _pem, basic_credentials, client_credentials
from ofsc._config import Settings
from ofsc._token_service import JWT_BEARER, TOKEN_PATH

PROPERTY = settings(max_examples=60, deadline=None)


class Clock:
    def __init__(self, now: float = 10_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def token_answer(status: int = 200, **body: Any) -> httpx.Response:
    request = httpx.Request("POST", "https://acme.example" + TOKEN_PATH)
    return httpx.Response(status, json=body, request=request)


def fresh_state(margin: float = 60.0) -> tuple[TokenState, Clock]:
    clock = Clock()
    return TokenState(basic="Basic abc", refresh_margin=margin, clock=clock), clock


@PROPERTY
@given(
    st.text(min_size=1, max_size=20),
    st.text(min_size=1, max_size=20),
    st.text(max_size=30),
)
def test_basic_credentials_are_client_id_at_instance_and_secret(
    client_id: str, instance: str, secret: str
) -> None:
    """Authorization: Basic base64(client_id@instance:client_secret), as OFS expects."""
    header = basic_credentials(client_id, instance, secret)
    assert header.startswith("Basic ")
    assert base64.b64decode(header.removeprefix("Basic ")).decode() == f"{client_id}@{instance}:{secret}"


@PROPERTY
@given(st.floats(min_value=1, max_value=100_000), st.floats(min_value=0, max_value=10_000))
def test_a_token_is_refreshed_ahead_of_expiry_by_at_most_half_its_lifetime(
    lifetime: float, margin: float
) -> None:
    """The token is used until expires_in minus the margin, the margin capped at half the
    lifetime; at its refresh moment and after it, a new one is fetched."""
    state, clock = fresh_state(margin)
    assert state.accept(token_answer(access_token="tok", expires_in=lifetime)) == "tok"
    refresh_at = clock.now + lifetime - min(margin, lifetime / 2)
    assert state.refresh_at == pytest.approx(refresh_at)
    clock.now = state.refresh_at - 1e-3 * lifetime
    assert state.current() == "tok"
    clock.now = state.refresh_at
    assert state.current() is None
    clock.now = state.refresh_at + 1
    assert state.current() is None


def test_a_short_lived_token_is_used_for_half_its_life() -> None:
    """A 60-second token with the default 60-second margin is refreshed after 30 seconds, not at once."""
    state, clock = fresh_state()
    state.accept(token_answer(access_token="tok", expires_in=60))
    clock.now += 29
    assert state.current() == "tok"
    clock.now += 1
    assert state.current() is None


def test_the_default_margin_is_a_minute_and_the_default_lifetime_an_hour() -> None:
    """Without expires_in a token is taken to live an hour; it is refreshed a minute early."""
    state, clock = fresh_state()
    assert TokenState(basic="").refresh_margin == 60.0
    state.accept(token_answer(access_token="tok"))
    assert state.refresh_at == clock.now + 3600 - 60


def test_no_token_before_the_first_fetch() -> None:
    """A new state has no token: the first call fetches one."""
    state, _ = fresh_state()
    assert state.current() is None
    assert state.fetches == 0


def test_invalidate_forgets_the_token_that_was_sent() -> None:
    """After a 401 the token that was sent is forgotten, so the next caller fetches a fresh one."""
    state, _ = fresh_state()
    state.accept(token_answer(access_token="old"))
    state.invalidate("old")
    assert state.current() is None
    assert state.token is None and state.refresh_at == 0.0


def test_invalidate_keeps_a_token_another_caller_already_replaced() -> None:
    """Single flight under a 401 race: a caller holding a stale token must not throw away
    the replacement another caller fetched meanwhile."""
    state, _ = fresh_state()
    state.accept(token_answer(access_token="old"))
    state.accept(token_answer(access_token="new"))
    state.invalidate("old")
    assert state.current() == "new"
    state.invalidate(None)
    assert state.current() == "new"


def test_each_accepted_token_is_counted() -> None:
    """fetches counts the tokens obtained (what the single-flight tests read)."""
    state, _ = fresh_state()
    state.accept(token_answer(access_token="a"))
    state.accept(token_answer(token="b"))
    assert state.fetches == 2
    assert state.current() == "b"  # "token" is read when "access_token" is absent


def test_a_refused_token_request_raises_the_status_error() -> None:
    """A non-2xx answer from the token service raises its typed error, with the attempts made."""
    state, _ = fresh_state()
    with pytest.raises(AuthenticationError) as caught:
        state.accept(token_answer(401, error="invalid_client"), attempts=3)
    assert caught.value.attempts == 3
    with pytest.raises(AuthenticationError) as caught:
        state.accept(token_answer(401, error="invalid_client"))
    assert caught.value.attempts == 1
    assert state.current() is None and state.fetches == 0


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (
            httpx.Response(200, content=b"not json", request=httpx.Request("POST", "https://a" + TOKEN_PATH)),
            "JSONDecodeError",
        ),
        (
            httpx.Response(200, json=["a list"], request=httpx.Request("POST", "https://a" + TOKEN_PATH)),
            "AttributeError",
        ),
        (token_answer(access_token="tok", expires_in="soon"), "ValueError"),
        (token_answer(access_token="tok", expires_in=None), "TypeError"),
    ],
)
def test_an_unusable_token_answer_is_a_validation_error_that_keeps_no_body(
    answer: httpx.Response, error: str
) -> None:
    """An answer that is not a JSON object with a usable lifetime raises, naming what was
    wrong, and the error never holds the body (it may be a token)."""
    state, _ = fresh_state()
    with pytest.raises(ResponseValidationError) as caught:
        state.accept(answer)
    assert caught.value.body is None
    assert caught.value.response is answer
    assert caught.value.errors == [error]
    assert str(caught.value) == "the token service answered without a usable token"
    assert state.token is None


def test_an_answer_without_a_token_is_a_validation_error() -> None:
    """A JSON answer with neither access_token nor token raises."""
    state, _ = fresh_state()
    answer = token_answer(expires_in=10)
    with pytest.raises(ResponseValidationError) as caught:
        state.accept(answer)
    assert str(caught.value) == "the token service answered without access_token"
    assert caught.value.response is answer
    assert caught.value.body is None and caught.value.errors == []
    assert state.token is None and state.fetches == 0


def test_the_client_credentials_token_request() -> None:
    """POST form grant_type=client_credentials to the token path, Basic auth, JSON accepted."""
    state = TokenState(basic="Basic abc", token_path="/custom/token")
    request = state.token_request()
    assert (request.method, request.path) == ("POST", "/custom/token")
    assert request.form == {"grant_type": "client_credentials"}
    assert request.headers == {"Accept": "application/json", "Authorization": "Basic abc"}


def test_the_jwt_bearer_token_request_carries_the_assertion_and_scope() -> None:
    """With an assertion the grant is JWT-bearer; a callable gives a fresh assertion each time;
    a scope is sent as ofsc_dynamic_scope; without a secret no Authorization header goes out."""
    made = iter(["jwt-1", "jwt-2"])
    state = TokenState(basic="", scope="dispatch", assertion=lambda: next(made))
    first, second = state.token_request(), state.token_request()
    assert first.form == {"grant_type": JWT_BEARER, "assertion": "jwt-1", "ofsc_dynamic_scope": "dispatch"}
    assert second.form is not None and second.form["assertion"] == "jwt-2"
    assert first.headers == {"Accept": "application/json"}
    fixed = TokenState(basic="Basic abc", assertion="jwt-fixed").token_request()
    assert fixed.form == {"grant_type": JWT_BEARER, "assertion": "jwt-fixed"}
    assert JWT_BEARER == "urn:ietf:params:oauth:grant-type:jwt-bearer"


def settings_of(**values: Any) -> Settings:
    return Settings(**{"instance": "acme", "client_id": "cid", **values})


def test_basic_auth_has_no_token_state() -> None:
    """auth="basic" sends the Basic credentials on every call; no token is fetched."""
    basic, token = client_credentials(settings_of(client_secret="s3"))
    assert basic == basic_credentials("cid", "acme", "s3")
    assert token is None


def test_oauth2_with_client_credentials() -> None:
    """auth="oauth2" keeps a token state that asks with the Basic credentials; an absolute
    token URL is reduced to its path (requests only go to the client's base URL)."""
    basic, token = client_credentials(
        settings_of(
            client_secret="s3", auth="oauth2", scope="sc", token_url="https://other.example/t/token?x=1"
        )
    )
    assert token is not None
    assert basic == token.basic == basic_credentials("cid", "acme", "s3")
    assert (token.token_path, token.scope, token.assertion) == ("/t/token?x=1", "sc", None)
    _, default = client_credentials(settings_of(client_secret="s3", auth="oauth2"))
    assert default is not None and default.token_path == TOKEN_PATH
    _, relative = client_credentials(settings_of(client_secret="s3", auth="oauth2", token_url="/t/my token"))
    assert relative is not None and relative.token_path == "/t/my token"  # a path is used as configured


def test_oauth2_with_an_assertion_and_no_secret() -> None:
    """A JWT-bearer grant needs no secret: no Basic credentials; the assertion is passed as
    given (text, or a callable for a fresh one each time)."""
    basic, token = client_credentials(settings_of(auth="oauth2", assertion="jwt-text"))
    assert basic == "" and token is not None and token.assertion == "jwt-text"

    def make() -> str:
        return "fresh"

    _, token = client_credentials(settings_of(auth="oauth2", assertion=make))
    assert token is not None and token.assertion is make


@pytest.fixture(scope="module")
def rsa_pem() -> tuple[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def test_oauth2_with_a_signing_key_signs_assertions_for_this_instance(rsa_pem: tuple[str, str]) -> None:
    """signing_key= makes a signer whose audience is ofsc:<instance>:<client id>, issued by
    the client id, on behalf of jwt_subject."""
    private, _ = rsa_pem
    _, token = client_credentials(settings_of(auth="oauth2", signing_key=private, jwt_subject="disp1"))
    assert token is not None and isinstance(token.assertion, JWTSigner)
    signer = token.assertion
    assert (signer.audience, signer.issuer, signer.subject, signer.key) == (
        "ofsc:acme:cid",
        "cid",
        "disp1",
        private,
    )


def test_a_signed_assertion_has_the_claims_ofs_expects(rsa_pem: tuple[str, str]) -> None:
    """RS256; iss, aud, sub (the audience itself when no user is named), iat, and exp two
    minutes later."""
    import jwt

    private, public = rsa_pem
    signer = JWTSigner(key=private, audience="ofsc:acme:cid", issuer="cid", clock=lambda: 1_700_000_000.7)
    claims = jwt.decode(
        signer(), public, algorithms=["RS256"], audience="ofsc:acme:cid", options={"verify_exp": False}
    )
    assert claims == {
        "iss": "cid",
        "aud": "ofsc:acme:cid",
        "sub": "ofsc:acme:cid",
        "iat": 1_700_000_000,
        "exp": 1_700_000_120,
    }
    user = JWTSigner(key=private, audience="a", issuer="i", subject="disp1", lifetime=30, clock=lambda: 100.0)
    claims = jwt.decode(
        user(), public, algorithms=["RS256"], audience="a", options={"verify_exp": False, "verify_iat": False}
    )
    assert (claims["sub"], claims["exp"] - claims["iat"]) == ("disp1", 30)
    assert jwt.get_unverified_header(user())["alg"] == "RS256"


def test_a_signing_key_is_pem_text_or_a_file_holding_it(tmp_path: Path, rsa_pem: tuple[str, str]) -> None:
    """The signing key is PEM text as given (leading blanks allowed), or the path of a file
    (~ expanded) that holds it."""
    private, _ = rsa_pem
    assert _pem("  \n" + private) == "  \n" + private
    path = tmp_path / "key.pem"
    path.write_text(private, encoding="ascii")
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert _pem(str(path)) == private


def test_an_unreadable_key_file_is_a_config_error_naming_the_setting(tmp_path: Path) -> None:
    """A key path that cannot be read, or that holds anything but ASCII (a PEM file is ASCII),
    raises ConfigError on signing_key, saying which file."""
    missing = tmp_path / "nope.pem"
    not_pem = tmp_path / "binary.pem"
    not_pem.write_text("clé", encoding="utf-8")
    for path in (missing, not_pem):
        with pytest.raises(ConfigError) as caught:
            _pem(str(path))
        assert list(caught.value.problems) == ["signing_key"]
        assert caught.value.problems["signing_key"][0] == "settings"
    assert caught.value.problems["signing_key"][1] == f"cannot read the key file {not_pem}: not ASCII text"


@pytest.mark.parametrize(
    "value", ["not a key\nnor a path", "nul\x00in a name", "/no/such/key.pem", "MIIEvQIBADAN" * 400]
)
def test_a_signing_key_that_is_neither_pem_nor_a_file_is_refused_without_echoing_it(value: str) -> None:
    """A value that is not PEM text and names no existing file is refused; the message never
    repeats the value (it may be key material without its armour)."""
    with pytest.raises(ConfigError) as caught:
        _pem(value)
    assert caught.value.problems == {
        "signing_key": ("settings", "is neither PEM text (-----BEGIN ...) nor the path of an existing file")
    }


def test_a_key_file_the_system_will_not_read_is_refused_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key file that exists but cannot be read is refused, naming the file and the
    system's reason."""
    path = tmp_path / "key.pem"
    path.write_text("-----BEGIN PRIVATE KEY-----", encoding="ascii")

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(ConfigError) as caught:
        _pem(str(path))
    assert caught.value.problems == {
        "signing_key": ("settings", f"cannot read the key file {path}: Permission denied")
    }


def test_a_value_of_several_lines_is_never_read_as_a_file_name(
    tmp_path: Path, rsa_pem: tuple[str, str]
) -> None:
    """Text of more than one line is key material, not a path: it is refused even when a file
    of that name exists."""
    private, _ = rsa_pem
    path = tmp_path / "key\nfile.pem"
    path.write_text(private, encoding="ascii")
    with pytest.raises(ConfigError):
        _pem(str(path))


def test_a_key_file_without_a_pem_key_is_refused(tmp_path: Path) -> None:
    """A readable file that holds no PEM block is refused, naming the file."""
    path = tmp_path / "empty.pem"
    path.write_text("just text", encoding="ascii")
    with pytest.raises(ConfigError) as caught:
        _pem(str(path))
    assert caught.value.problems == {"signing_key": ("settings", f"the key file {path} holds no PEM key")}


def test_an_absolute_token_url_is_asked_at_its_own_host() -> None:
    """token_url with a scheme and host sends the token request there; a path goes to the base URL."""
    _, token = client_credentials(
        settings_of(client_secret="s3", auth="oauth2", token_url="https://login.example:8443/t/token")
    )
    assert token is not None and token.base is not None
    assert (token.base.text, token.token_path) == ("https://login.example:8443", "/t/token")
    _, relative = client_credentials(settings_of(client_secret="s3", auth="oauth2"))
    assert relative is not None and relative.base is None


class Asker:
    pass


def test_a_failed_fetch_is_shared_with_waiters_and_recent_callers_only() -> None:
    """After a failed token fetch: a caller that waited for it gets its error; another caller
    within failure_hold seconds gets it too; the caller that asked, and anyone after the hold,
    asks again; a success forgets the failure. Each fetch, either way, counts once."""
    clock = Clock()
    state = TokenState(basic="Basic abc", clock=clock, failure_hold=0.5)
    owner, other = Asker(), Asker()
    assert state.shared_failure(0, other, 1) is None  # nothing failed yet
    with pytest.raises(AuthenticationError):
        state.accept(token_answer(401), attempts=1, asker=owner)
    assert state.finished == 1
    shared = state.shared_failure(0, owner, 3)  # it waited for that fetch (seen 0, now 1)
    assert isinstance(shared, AuthenticationError) and shared.attempts == 3
    assert state.shared_failure(1, owner, 1) is None  # its own failure: it asks again
    assert isinstance(state.shared_failure(1, other, 2), AuthenticationError)  # recent, someone else's
    clock.now += 0.5
    assert state.shared_failure(1, other, 2) is None  # the hold is over
    state.fetch_failed(lambda n: RuntimeError(f"down after {n}"), owner)
    assert state.finished == 2
    assert str(state.shared_failure(1, other, 4)) == "down after 4"
    state.accept(token_answer(access_token="tok"), asker=owner)
    assert state.finished == 3
    assert state.shared_failure(0, other, 1) is None  # a success forgets the failure


def test_the_token_path_is_the_generated_get_token_operations() -> None:
    """Promise: tokens are asked where the spec puts the token service. ``TOKEN_PATH`` is the
    path of the generated ``auth.get_token`` operation, and the default ``token_url``."""
    from ofsc_generated.operations.auth import GET_TOKEN

    assert (GET_TOKEN.method, GET_TOKEN.path) == ("POST", TOKEN_PATH)
    assert Settings.model_fields["token_url"].default == TOKEN_PATH
    assert TokenState(basic="").token_request().path == TOKEN_PATH


def test_the_token_path_is_written_once() -> None:
    """Promise: the runtime, its settings and the 2.x layers take the token service's path from
    ``ofsc._token_service`` (the 2.x async method table only records what 2.x sent), and
    naming it costs the settings no generated module."""
    import subprocess
    import sys

    import ofsc

    package = Path(ofsc.__file__).parent
    spelled = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if TOKEN_PATH in path.read_text(encoding="utf-8")
    )
    assert spelled == ["_token_service.py", "async_client/_table.py"]
    probe = (
        "import sys, ofsc._config; print(sorted(m for m in sys.modules if m.startswith('ofsc_generated')))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
