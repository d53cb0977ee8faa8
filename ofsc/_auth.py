"""Credentials and OAuth2 token state (no I/O: the request pipeline sends what this asks for).

- Basic: ``Authorization: Basic base64(client_id@instance:client_secret)``, as OFS expects.
- OAuth2: the token service (:mod:`ofsc._token_service`), with client credentials
  or a JWT-bearer assertion (a fixed string, a callable returning a fresh one, or one signed
  here from a private key with ``ofsc[jwt]``). The token is cached per client, refreshed
  ahead of its ``expires_in``, and invalidated when the API answers 401 so that the next
  caller fetches a fresh one. The pipeline fetches it under a lock, re-checking first, so
  that when many threads or tasks need a token at once exactly one fetches it. A fetch
  that fails is remembered: the callers that were waiting for it, and any other caller for
  ``failure_hold`` seconds after it, get its error (and retry on their own schedule)
  instead of asking the failing service again one by one; the caller that asked keeps
  asking on its retries, so a recovered service is noticed at once.
- An absolute ``token_url`` is asked at its own host; a path, at the client's base URL.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import ConfigError, ResponseValidationError, status_error
from ._request import JSON, PreparedRequest
from ._token_service import CLIENT_CREDENTIALS, JWT_BEARER, TOKEN_PATH, token_form
from ._wire import BaseURL

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._config import Settings

# OFS asks for short-lived assertions ("a minute or a few minutes").
JWT_LIFETIME = 120.0


def basic_credentials(client_id: str, instance: str, client_secret: str) -> str:
    raw = f"{client_id}@{instance}:{client_secret}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


@dataclass
class TokenState:
    """The OAuth2 token of one client and what is needed to get a new one."""

    # The Basic credentials the token service takes ("" for a JWT grant without a secret).
    basic: str = field(repr=False)
    token_path: str = TOKEN_PATH
    scope: str | None = None
    assertion: str | Callable[[], str] | None = field(default=None, repr=False)  # JWT-bearer grant when set
    refresh_margin: float = 60.0  # refresh this many seconds before expiry (at most half the lifetime)
    clock: Callable[[], float] = field(default=time.time, repr=False)
    token: str | None = field(default=None, repr=False)
    refresh_at: float = 0.0
    fetches: int = 0
    # Where the token service is, when it is not at the client's base URL.
    base: BaseURL | None = field(default=None, repr=False)
    # Fetches finished so far (either way); the last one's failure (how to raise it again,
    # for a given attempt count), which call asked, and when.
    finished: int = 0
    failure: Callable[[int], BaseException] | None = field(default=None, repr=False)
    failure_owner: object = field(default=None, repr=False)
    failed_at: float = 0.0
    failure_hold: float = 0.5

    def current(self) -> str | None:
        if self.token is not None and self.clock() < self.refresh_at:
            return self.token
        return None

    def shared_failure(self, seen: int, asker: object, attempts: int) -> BaseException | None:
        """The last fetch's failure as this caller's error (``attempts`` made), when the caller
        was waiting for that fetch (``finished`` was ``seen``) or another caller's fetch failed
        under ``failure_hold`` seconds ago; None when it must ask the service itself."""
        if self.failure is None:
            return None
        waited = self.finished != seen
        recent = asker is not self.failure_owner and self.clock() - self.failed_at < self.failure_hold
        return self.failure(attempts) if waited or recent else None

    def fetch_failed(self, error: Callable[[int], BaseException], asker: object = None) -> None:
        self.failure, self.failure_owner, self.failed_at = error, asker, self.clock()
        self.finished += 1

    def invalidate(self, token: str | None) -> None:
        """Forget ``token`` (unless another caller already replaced it)."""
        if token is not None and token == self.token:
            self.token = None
            self.refresh_at = 0.0

    def token_request(self) -> PreparedRequest:
        assertion = self.assertion() if callable(self.assertion) else self.assertion
        grant_type = CLIENT_CREDENTIALS if assertion is None else JWT_BEARER
        form = token_form(grant_type, assertion, self.scope)
        headers = {"Accept": JSON}
        if self.basic:
            headers["Authorization"] = self.basic
        return PreparedRequest("POST", self.token_path, headers=headers, form=form)

    def accept(self, response: httpx.Response, attempts: int = 1, asker: object = None) -> str:
        """Store the token from the token service's answer; raise a typed error otherwise."""
        if not response.is_success:
            self.fetch_failed(lambda n: status_error(response, attempts=n), asker)
            raise status_error(response, attempts=attempts)
        body: Any = None
        try:
            body = response.json()
            token = body.get("access_token") or body.get("token")
            lifetime = float(body.get("expires_in", 3600))
        except (ValueError, AttributeError, TypeError, RecursionError) as exc:
            raise ResponseValidationError(
                "the token service answered without a usable token",
                response=response,
                body=None,  # never keep what may be a token
                errors=[type(exc).__name__],
            ) from None
        if not token:
            raise ResponseValidationError(
                "the token service answered without access_token",
                response=response,
                body=None,
                errors=[],
            )
        self.token = str(token)
        self.refresh_at = self.clock() + lifetime - min(self.refresh_margin, lifetime / 2)
        self.fetches += 1
        self.finished += 1
        self.failure = self.failure_owner = None
        return self.token


def client_credentials(settings: Settings) -> tuple[str, TokenState | None]:
    """The Basic credentials of ``settings`` (``""`` if it has no secret), and the token state
    when it uses OAuth2."""
    secret = settings.client_secret
    basic = (
        basic_credentials(settings.client_id, settings.instance, secret.get_secret_value()) if secret else ""
    )
    if settings.auth != "oauth2":
        return basic, None
    assertion: str | Callable[[], str] | None = None
    if settings.signing_key is not None:
        assertion = JWTSigner(
            key=_pem(settings.signing_key.get_secret_value()),
            audience=f"ofsc:{settings.instance}:{settings.client_id}",
            issuer=settings.client_id,
            subject=settings.jwt_subject,
        )
    elif callable(settings.assertion):
        assertion = settings.assertion
    elif settings.assertion is not None:
        assertion = settings.assertion.get_secret_value()
    token_url, token_base = settings.token_url, None
    if "://" in token_url:  # its own host (checked in Settings: http(s), no credentials in it)
        parsed = httpx.URL(token_url)
        token_base = BaseURL(f"{parsed.scheme}://{parsed.netloc.decode('ascii')}")
        token_url = parsed.raw_path.decode("ascii")
    return basic, TokenState(
        basic=basic, token_path=token_url, scope=settings.scope, assertion=assertion, base=token_base
    )


@dataclass(frozen=True)
class JWTSigner:
    """Makes a fresh RS256 assertion for each token request, as the OFS token service expects:
    ``aud`` is ``ofsc:<instance>:<client id>``; ``sub`` is a user login, or the audience itself
    when the application calls on its own behalf."""

    key: str = field(repr=False)
    audience: str
    issuer: str
    subject: str | None = None
    lifetime: float = JWT_LIFETIME
    clock: Callable[[], float] = field(default=time.time, repr=False)

    def __call__(self) -> str:
        import jwt  # the ofsc[jwt] extra; Settings checks that it is installed

        now = int(self.clock())
        claims = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": self.subject or self.audience,
            "iat": now,
            "exp": now + int(self.lifetime),
        }
        return jwt.encode(claims, self.key, algorithm="RS256")


def _pem(value: str) -> str:
    """The PEM text itself, or the content of the file it names.

    The error never shows the value: something that is not PEM text may still be key
    material (base64 without its armour, say), so the file is named only when it exists."""
    if value.lstrip().startswith("-----BEGIN"):
        return value
    path = Path(value).expanduser()
    try:
        exists = "\n" not in value and path.is_file()
    except (OSError, ValueError):  # too long, or not a possible name: not a path at all
        exists = False
    if not exists:
        raise ConfigError(
            {
                "signing_key": (
                    "settings",
                    "is neither PEM text (-----BEGIN ...) nor the path of an existing file",
                )
            }
        )
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not ASCII text"
        raise ConfigError(
            {"signing_key": ("settings", f"cannot read the key file {path}: {reason}")}
        ) from None
    if "-----BEGIN" not in text:
        raise ConfigError({"signing_key": ("settings", f"the key file {path} holds no PEM key")})
    return text
