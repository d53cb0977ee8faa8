"""``AsyncOFSC``: the 2.x async client (``from ofsc.async_client import AsyncOFSC``), running
on the v3 async runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from ..v2._config import OFSConfig
from ._apis import AsyncOFSCapacity, AsyncOFSCore, AsyncOFSMetadata, AsyncOFSOauth2, AsyncOFSStatistics
from ._http_config import HTTPClientConfig
from ._session import AsyncSession, http_client, v3_settings

if TYPE_CHECKING:
    import httpx

    from ._apis import AsyncAPI

_OUTSIDE = "AsyncOFSC must be used as async context manager"


class AsyncOFSC:
    """The 2.x async client: ``async with AsyncOFSC(clientID, companyName, secret) as client:``.

    ``AsyncOFSC(clientID, companyName, secret, root=None, baseUrl=None, useToken=False,
    access_token=None, enable_auto_raise=True, enable_auto_model=True, enable_logging=False,
    http_config=None)`` as in 2.x. Its methods always return models and raise the 2.x
    ``OFSC*Error`` exceptions (which are also the v3 ones). Requests go through the v3
    pipeline, so they gain its retries (429 and 5xx too, honouring ``Retry-After``), token
    refresh, redaction and tracing. ``transport=`` (an ``httpx.AsyncBaseTransport``) replaces
    the network, for tests.
    """

    def __init__(
        self,
        clientID: str,
        companyName: str,
        secret: str,
        root: str | None = None,
        baseUrl: str | None = None,
        useToken: bool = False,
        access_token: str | None = None,
        enable_auto_raise: bool = True,
        enable_auto_model: bool = True,
        enable_logging: bool = False,
        http_config: HTTPClientConfig | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._config = OFSConfig(
            baseURL=baseUrl,
            clientID=clientID,
            secret=secret,
            companyName=companyName,
            root=root,
            useToken=useToken,
            access_token=access_token,
            auto_raise=enable_auto_raise,
            auto_model=enable_auto_model,
        )
        self._http_config = http_config if http_config is not None else HTTPClientConfig()
        self._enable_logging = enable_logging
        self._transport = transport
        self._session: AsyncSession | None = None
        self._apis: dict[str, AsyncAPI] = {}

    async def __aenter__(self) -> Self:
        session = AsyncSession(
            self._config,
            http_client(self._http_config, self._transport),
            v3_settings(self._http_config, self._enable_logging),
        )
        self._session = session
        self._apis = {
            "core": AsyncOFSCore(self._config, session),
            "metadata": AsyncOFSMetadata(self._config, session),
            "capacity": AsyncOFSCapacity(self._config, session),
            "statistics": AsyncOFSStatistics(self._config, session),
            "oauth2": AsyncOFSOauth2(self._config, session),
        }
        return self

    async def __aexit__(self, *exc: object) -> None:
        session, self._session = self._session, None
        self._apis = {}
        if session is not None:
            await session.close()

    def _api(self, name: str) -> Any:
        api = self._apis.get(name)
        if api is None:
            raise RuntimeError(_OUTSIDE)
        return api

    @property
    def core(self) -> AsyncOFSCore:
        api: AsyncOFSCore = self._api("core")
        return api

    @property
    def metadata(self) -> AsyncOFSMetadata:
        api: AsyncOFSMetadata = self._api("metadata")
        return api

    @property
    def capacity(self) -> AsyncOFSCapacity:
        api: AsyncOFSCapacity = self._api("capacity")
        return api

    @property
    def statistics(self) -> AsyncOFSStatistics:
        api: AsyncOFSStatistics = self._api("statistics")
        return api

    @property
    def oauth2(self) -> AsyncOFSOauth2:
        api: AsyncOFSOauth2 = self._api("oauth2")
        return api

    @property
    def auto_model(self) -> bool:
        """Kept for 2.x scripts; the async methods always return models, as in 2.x."""
        return self._config.auto_model

    @auto_model.setter
    def auto_model(self, value: bool) -> None:
        self._config.auto_model = value

    def __str__(self) -> str:
        return f"AsyncOFSC(baseURL={self._config.baseURL})"
