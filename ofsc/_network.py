"""What every HTTP backend is given, built from the client's settings in one place.

TLS verification (one ``ssl.SSLContext``, the CA bundle httpx would use), proxies (the
``proxy`` setting, else ``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY`` when
``trust_env``) and the pool size are decided here, so that the sync client, the async client
over httpx and the async client over aiohttp reach the same servers the same way.
"""

from __future__ import annotations

import os
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ssl

    from ._config import Settings

# Connections per client, on every backend (httpx's own default; aiohttp's is the same).
MAX_CONNECTIONS = 100


@dataclass(frozen=True, slots=True)
class Network:
    """How a client reaches the network, whatever library does it."""

    verify: bool | str = True
    trust_env: bool = True
    proxy: str | None = field(default=None, repr=False)  # may hold the proxy's credentials

    @classmethod
    def from_settings(cls, settings: Settings) -> Network:
        proxy = settings.proxy.get_secret_value() if settings.proxy is not None else None
        return cls(verify=settings.verify, trust_env=settings.trust_env, proxy=proxy)

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context of every connection (shared between clients with the same settings)."""
        env = os.environ
        certs = (env.get("SSL_CERT_FILE"), env.get("SSL_CERT_DIR")) if self.trust_env else (None, None)
        return _ssl_context(self.verify, self.trust_env, certs)

    def httpx_options(self) -> dict[str, Any]:
        """``httpx.Client``/``httpx.AsyncClient`` arguments (when the SDK builds the client)."""
        import httpx

        return {
            "verify": self.ssl_context(),
            "trust_env": self.trust_env,
            "proxy": self.proxy,
            "limits": httpx.Limits(max_connections=MAX_CONNECTIONS),
        }

    def proxies(self) -> ProxyChoice:
        """The proxy of each destination, for backends that take one per request."""
        if self.proxy is not None:
            return ProxyChoice({"all": self.proxy}, bypass=None)
        if not self.trust_env:
            return ProxyChoice({}, bypass=None)
        found = urllib.request.getproxies_environment()
        bypass = found.pop("no", None)
        return ProxyChoice(found, bypass=bypass)


class ProxyChoice:
    """Which proxy a destination goes through, as httpx decides it from the same variables."""

    __slots__ = ("_bypass", "_chosen", "_proxies")

    def __init__(self, proxies: dict[str, str], bypass: str | None) -> None:
        self._proxies = proxies
        self._bypass = bypass
        self._chosen: dict[tuple[str, str], str | None] = {}

    def __bool__(self) -> bool:
        return bool(self._proxies)

    def for_url(self, scheme: str, host: str) -> str | None:
        key = (scheme, host)
        if key not in self._chosen:
            self._chosen[key] = self._choose(scheme, host)
        return self._chosen[key]

    def _choose(self, scheme: str, host: str) -> str | None:
        if self._bypass is not None and _bypassed(host, self._bypass):
            return None
        return self._proxies.get(scheme) or self._proxies.get("all")


def _bypassed(host: str, no_proxy: str) -> bool:
    """Whether ``NO_PROXY`` names ``host``: ``*``, the host itself, or a domain it is in."""
    host = host.lower().strip("[]")
    for entry in (part.strip().lower() for part in no_proxy.split(",")):
        name = entry.lstrip(".").partition(":")[0] if not entry.startswith("[") else entry.strip("[]")
        if entry == "*" or (name and (host == name or host.endswith("." + name))):
            return True
    return False


@lru_cache(maxsize=8)
def _ssl_context(verify: bool | str, trust_env: bool, certs: tuple[str | None, str | None]) -> ssl.SSLContext:
    import ssl

    if isinstance(verify, str):  # a CA bundle: a file, or a directory of hashed certificates
        if os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    if verify is False:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    cafile, capath = certs
    if cafile:
        return ssl.create_default_context(cafile=cafile)
    if capath:
        return ssl.create_default_context(capath=capath)
    import certifi  # httpx's own default bundle (a dependency of httpx)

    return ssl.create_default_context(cafile=certifi.where())
