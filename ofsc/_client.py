"""``OFSC`` and ``AsyncOFSC``: the clients users meet.

Each exposes the API families as attributes (``client.core``, ``client.metadata``, ...),
built on first use from the generated package so that importing ``ofsc`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar

from ._base_client import AsyncClient, SyncClient
from ._config import Settings, load_settings
from ._pagination import Page, apaginate, paginate

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
    from pathlib import Path

    import httpx

    from ofsc_generated.resources.auth import AsyncAuthAPI, AuthAPI
    from ofsc_generated.resources.capacity import AsyncCapacityAPI, CapacityAPI
    from ofsc_generated.resources.collaboration import AsyncCollaborationAPI, CollaborationAPI
    from ofsc_generated.resources.core import AsyncCoreAPI, CoreAPI
    from ofsc_generated.resources.metadata import AsyncMetadataAPI, MetadataAPI
    from ofsc_generated.resources.parts_catalog import AsyncPartsCatalogAPI, PartsCatalogAPI
    from ofsc_generated.resources.statistics import AsyncStatisticsAPI, StatisticsAPI

    from ._instrument import AuditSink, Hooks

T = TypeVar("T")
AuthMode = Literal["basic", "oauth2"]


def _settings(
    instance: str | None,
    client_id: str | None,
    client_secret: str | None,
    auth: AuthMode | None,
    base_url: str | None,
    profile: str | None,
    config_file: str | Path | None,
    settings: Mapping[str, Any],
) -> Settings:
    arguments = {
        "instance": instance,
        "client_id": client_id,
        "client_secret": client_secret,
        "auth": auth,
        "base_url": base_url,
        **settings,
    }
    return load_settings(arguments, profile=profile, config_file=config_file)


def _family(client: object, cache: dict[str, Any], name: str, index: int) -> Any:
    api = cache.get(name)
    if api is None:
        from ofsc_generated import FAMILIES

        module, *classes = FAMILIES[name]
        api = cache[name] = getattr(importlib.import_module(module), classes[index])(client)
    return api


class OFSC(SyncClient):
    """The blocking client.

    ``OFSC(instance=..., client_id=..., client_secret=...)``; any argument left out is read
    from ``OFSC_*`` environment variables, then ``config.toml``. Extra settings
    (``timeout``, ``max_retries``, ``circuit_breaker_threshold``, ``token_url``, ``scope``,
    ``assertion``, ``audit_log``, ...) may be passed as keywords too.
    """

    def __init__(
        self,
        instance: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        *,
        auth: AuthMode | None = None,
        base_url: str | None = None,
        profile: str | None = None,
        config_file: str | Path | None = None,
        hooks: Hooks | None = None,
        audit: AuditSink | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        **settings: Any,
    ) -> None:
        resolved = _settings(
            instance, client_id, client_secret, auth, base_url, profile, config_file, settings
        )
        super().__init__(resolved, http_client=http_client, transport=transport, hooks=hooks, audit=audit,
                         headers=headers)  # fmt: skip
        self._families: dict[str, Any] = {}

    @classmethod
    def from_config(
        cls, profile: str | None = None, config_file: str | Path | None = None, **kwargs: Any
    ) -> Self:
        """A client configured from ``config.toml`` (optionally a named profile)."""
        return cls(profile=profile, config_file=config_file, **kwargs)

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy with other defaults that shares this client's connection pool, token and circuit."""
        clone = self._copy_with(timeout=timeout, max_retries=max_retries, headers=headers)
        clone._families = {}
        return clone

    def paginate(self, method: Callable[..., Page[T]], /, **kwargs: Any) -> Iterator[T]:
        """Every item of a paged list operation, fetching page after page.

        ``for zone in client.paginate(client.metadata.get_workzones, limit=100): ...``
        """
        return paginate(method, kwargs)

    @property
    def core(self) -> CoreAPI:
        return _family(self, self._families, "core", 0)  # type: ignore[no-any-return]

    @property
    def metadata(self) -> MetadataAPI:
        return _family(self, self._families, "metadata", 0)  # type: ignore[no-any-return]

    @property
    def capacity(self) -> CapacityAPI:
        return _family(self, self._families, "capacity", 0)  # type: ignore[no-any-return]

    @property
    def statistics(self) -> StatisticsAPI:
        return _family(self, self._families, "statistics", 0)  # type: ignore[no-any-return]

    @property
    def parts_catalog(self) -> PartsCatalogAPI:
        return _family(self, self._families, "parts_catalog", 0)  # type: ignore[no-any-return]

    @property
    def collaboration(self) -> CollaborationAPI:
        return _family(self, self._families, "collaboration", 0)  # type: ignore[no-any-return]

    @property
    def auth(self) -> AuthAPI:
        return _family(self, self._families, "auth", 0)  # type: ignore[no-any-return]


class AsyncOFSC(AsyncClient):
    """The async client; the same arguments as :class:`OFSC`.

    ``async with AsyncOFSC(...) as client: await client.core.get_activity(activity_id=1)``
    """

    def __init__(
        self,
        instance: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        *,
        auth: AuthMode | None = None,
        base_url: str | None = None,
        profile: str | None = None,
        config_file: str | Path | None = None,
        hooks: Hooks | None = None,
        audit: AuditSink | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        **settings: Any,
    ) -> None:
        resolved = _settings(
            instance, client_id, client_secret, auth, base_url, profile, config_file, settings
        )
        super().__init__(resolved, http_client=http_client, transport=transport, hooks=hooks, audit=audit,
                         headers=headers)  # fmt: skip
        self._families: dict[str, Any] = {}

    @classmethod
    def from_config(
        cls, profile: str | None = None, config_file: str | Path | None = None, **kwargs: Any
    ) -> Self:
        return cls(profile=profile, config_file=config_file, **kwargs)

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Self:
        clone = self._copy_with(timeout=timeout, max_retries=max_retries, headers=headers)
        clone._families = {}
        return clone

    def paginate(
        self, method: Callable[..., Awaitable[Page[T]]], /, *, concurrency: int = 4, **kwargs: Any
    ) -> AsyncIterator[T]:
        """Every item of a paged list operation. When the total is known after the first page,
        up to ``concurrency`` pages are fetched at once; items still come in order."""
        return apaginate(method, kwargs, concurrency=concurrency)

    @property
    def core(self) -> AsyncCoreAPI:
        return _family(self, self._families, "core", 1)  # type: ignore[no-any-return]

    @property
    def metadata(self) -> AsyncMetadataAPI:
        return _family(self, self._families, "metadata", 1)  # type: ignore[no-any-return]

    @property
    def capacity(self) -> AsyncCapacityAPI:
        return _family(self, self._families, "capacity", 1)  # type: ignore[no-any-return]

    @property
    def statistics(self) -> AsyncStatisticsAPI:
        return _family(self, self._families, "statistics", 1)  # type: ignore[no-any-return]

    @property
    def parts_catalog(self) -> AsyncPartsCatalogAPI:
        return _family(self, self._families, "parts_catalog", 1)  # type: ignore[no-any-return]

    @property
    def collaboration(self) -> AsyncCollaborationAPI:
        return _family(self, self._families, "collaboration", 1)  # type: ignore[no-any-return]

    @property
    def auth(self) -> AsyncAuthAPI:
        return _family(self, self._families, "auth", 1)  # type: ignore[no-any-return]
