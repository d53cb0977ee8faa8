"""Credentials and OAuth2 token state (no I/O: the request pipeline sends what this asks for).

- Basic: ``Authorization: Basic base64(client_id@instance:client_secret)``, as OFS expects.
- OAuth2: the token service (``/rest/oauthTokenService/v2/token``), client credentials or
  a JWT-bearer assertion. The token is cached per client, refreshed ahead of its
  ``expires_in``, and invalidated when the API answers 401 so that the next caller fetches
  a fresh one. The pipeline fetches it under a lock, re-checking first, so that when many
  threads or tasks need a token at once exactly one fetches it.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._exceptions import ResponseValidationError, status_error
from ._request import JSON, PreparedRequest

if TYPE_CHECKING:
    from collections.abc import Callable

    import httpx

TOKEN_PATH = "/rest/oauthTokenService/v2/token"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def basic_credentials(client_id: str, instance: str, client_secret: str) -> str:
    raw = f"{client_id}@{instance}:{client_secret}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


@dataclass
class TokenState:
    """The OAuth2 token of one client and what is needed to get a new one."""

    basic: str  # the Basic credentials the token service itself takes
    token_path: str = TOKEN_PATH
    scope: str | None = None
    assertion: str | Callable[[], str] | None = None  # JWT-bearer grant when set
    refresh_margin: float = 60.0  # refresh this many seconds before expiry
    clock: Callable[[], float] = time.time
    token: str | None = None
    expires_at: float = 0.0
    fetches: int = field(default=0)

    def current(self) -> str | None:
        if self.token is not None and self.clock() < self.expires_at - self.refresh_margin:
            return self.token
        return None

    def invalidate(self, token: str | None) -> None:
        """Forget ``token`` (unless another caller already replaced it)."""
        if token is not None and token == self.token:
            self.token = None
            self.expires_at = 0.0

    def token_request(self) -> PreparedRequest:
        form = {"grant_type": "client_credentials"}
        if self.assertion is not None:
            form = {
                "grant_type": JWT_BEARER,
                "assertion": self.assertion() if callable(self.assertion) else self.assertion,
            }
        if self.scope:
            form["ofsc_dynamic_scope"] = self.scope
        return PreparedRequest("POST", self.token_path, headers={"Accept": JSON}, form=form)

    def accept(self, response: httpx.Response, attempts: int = 1) -> str:
        """Store the token from the token service's answer; raise a typed error otherwise."""
        if not response.is_success:
            raise status_error(response, attempts=attempts)
        body: Any = None
        try:
            body = response.json()
            token = body.get("access_token") or body.get("token")
            lifetime = float(body.get("expires_in", 3600))
        except (ValueError, AttributeError, TypeError) as exc:
            raise ResponseValidationError(
                "the token service answered without a usable token",
                response=response,
                body=body,
                errors=[str(exc)],
            ) from exc
        if not token:
            raise ResponseValidationError(
                "the token service answered without access_token", response=response, body=body, errors=[]
            )
        self.token = str(token)
        self.expires_at = self.clock() + lifetime
        self.fetches += 1
        return self.token
