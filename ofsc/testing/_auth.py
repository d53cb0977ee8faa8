"""Authentication as OFS does it: Basic ``client_id@instance:client_secret``, and bearer
tokens from the token service, which expire."""

from __future__ import annotations

import base64
import binascii
import hashlib
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._http import OFSError

if TYPE_CHECKING:
    from collections.abc import Callable

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
_CHALLENGE = {"WWW-Authenticate": 'Basic realm="OFS", Bearer'}


@dataclass
class Credentials:
    instance: str
    client_id: str
    client_secret: str

    @property
    def basic(self) -> str:
        """The ``Authorization`` header value these credentials make."""
        raw = f"{self.client_id}@{self.instance}:{self.client_secret}".encode()
        return "Basic " + base64.b64encode(raw).decode("ascii")


@dataclass
class TokenIssuer:
    credentials: Credentials
    lifetime: float
    clock: Callable[[], float]
    seed: int = 0
    issued: int = 0
    _expiry: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, authorization: str | None, *, basic_only: bool = False) -> None:
        """Raise a 401 :class:`OFSError` unless ``authorization`` is accepted."""
        if not authorization:
            raise OFSError(401, "Authorization header is missing", _CHALLENGE)
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "basic":
            self._check_basic(value.strip())
        elif scheme.lower() == "bearer" and not basic_only:
            self._check_bearer(value.strip())
        else:
            expected = "Basic" if basic_only else "Basic or Bearer"
            raise OFSError(
                401, f"unsupported authorization scheme {scheme!r}: expected {expected}", _CHALLENGE
            )

    def _check_basic(self, value: str) -> None:
        try:
            user, _, secret = base64.b64decode(value, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise OFSError(401, "malformed Basic credentials", _CHALLENGE) from None
        client_id, _, instance = user.rpartition("@")
        expected = self.credentials
        if not client_id or instance != expected.instance:
            raise OFSError(
                401, f"unknown instance {instance!r}: expected client_id@{expected.instance}", _CHALLENGE
            )
        if client_id != expected.client_id or secret != expected.client_secret:
            raise OFSError(401, "invalid client_id or client_secret", _CHALLENGE)

    def _check_bearer(self, token: str) -> None:
        with self._lock:
            expires_at = self._expiry.get(token)
        if expires_at is None:
            raise OFSError(401, "unknown or revoked access token", _CHALLENGE)
        if self.clock() >= expires_at:
            raise OFSError(401, "the access token has expired", _CHALLENGE)

    def issue(self, grant_type: str, assertion: str | None) -> tuple[str, int]:
        """A new token and its lifetime in seconds."""
        if grant_type == JWT_BEARER and not assertion:
            raise OFSError(401, "the jwt-bearer grant needs an assertion to authenticate", _CHALLENGE)
        with self._lock:
            self.issued += 1
            token = hashlib.sha256(f"{self.seed}:{self.issued}".encode()).hexdigest()
            self._expiry[token] = self.clock() + self.lifetime
        return token, int(self.lifetime)

    def revoke_all(self) -> None:
        with self._lock:
            self._expiry.clear()
