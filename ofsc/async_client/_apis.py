"""The 2.x async sub-APIs: ``AsyncOFSCore``, ``AsyncOFSMetadata``, ``AsyncOFSCapacity``,
``AsyncOFSStatistics`` and ``AsyncOFSOauth2``.

Their methods are made from the rows of :mod:`._table` (one coroutine per row, with the 2.x
signature); only the async generators and the token request are written out here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..v2._config import ConfiguredAPI, OFSOAuthRequest
from ..v2._wire import JSON_CONTENT_TYPE, token_call
from ._requests import build_call, shape_result
from ._table import MethodSpec, method_spec, methods_of

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable, Coroutine

    from ..v2._config import OFSConfig
    from ..v2.common import Response
    from ._session import AsyncSession

NOT_IMPLEMENTED = "Async method not yet implemented"


class AsyncAPI(ConfiguredAPI):
    """What every 2.x async sub-API has: ``config``, ``baseUrl`` and ``headers``."""

    API: str = ""

    def __init__(self, config: OFSConfig, session: AsyncSession) -> None:
        self._config = config
        self._session = session

    @property
    def headers(self) -> dict[str, str]:
        """The headers 2.x built for each request (v3 adds the credentials itself)."""
        if self._config.useToken:
            if self._config.access_token is None:
                raise ValueError("access_token required when useToken=True")
            return {"Content-Type": JSON_CONTENT_TYPE, "Authorization": f"Bearer {self._config.access_token}"}
        basic = self._config.basicAuthString.decode()
        return {"Content-Type": JSON_CONTENT_TYPE, "Authorization": f"Basic {basic}"}

    async def _call(self, spec: MethodSpec, arguments: dict[str, Any]) -> Any:
        response = await self._session.send(spec.v3, build_call(spec, arguments))
        return shape_result(spec, response, arguments)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for spec in methods_of(cls.API):
            if not spec.custom:
                setattr(cls, spec.name, _method(cls, spec))


def _method(cls: type, spec: MethodSpec) -> Callable[..., Coroutine[Any, Any, Any]]:
    """The coroutine method for a row: binds the arguments as the 2.x signature does."""
    signature = spec.signature

    async def method(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        api: AsyncAPI = arguments.pop("self")
        if spec.stub:
            raise NotImplementedError(NOT_IMPLEMENTED)
        return await api._call(spec, arguments)

    method.__name__ = spec.name
    method.__qualname__ = f"{cls.__name__}.{spec.name}"
    method.__module__ = cls.__module__
    method.__signature__ = signature  # type: ignore[attr-defined]
    method.__doc__ = _doc(spec)
    method.__ofsc_spec__ = spec  # type: ignore[attr-defined]
    return method


def _doc(spec: MethodSpec) -> str:
    if spec.stub:
        return "Not implemented in 2.x's async client: raises ``NotImplementedError`` (as in 2.x)."
    returns = spec.returns if spec.returns not in (None, "None") else "nothing"
    v3 = f" In v3: ``client.{spec.v3}(...)``." if spec.v3 else ""
    return f"``{spec.http}``; returns {returns}.{v3}"


def more_pages(page: Any, offset: int) -> bool:
    """Whether a page after ``page`` exists: its ``hasMore`` says so or, when the answer has
    no ``hasMore`` (the work zone list has only ``totalResults``), fewer than ``totalResults``
    items came so far. (2.x stopped at the first page without ``hasMore``.)"""
    if not page.items:
        return False
    if "hasMore" in page.model_fields_set:
        return bool(page.hasMore)
    total = page.totalResults if "totalResults" in page.model_fields_set else -1
    return bool(0 <= offset < total)


class AsyncOFSCore(AsyncAPI):
    """The 2.x core API (``client.core``): activities, resources, users, inventories, events."""

    API = "core"

    async def get_all_resources(
        self,
        limit: int = 100,
        fields: list[str] | None = None,
        expand_inventories: bool = False,
        expand_workskills: bool = False,
        expand_workzones: bool = False,
        expand_workschedules: bool = False,
    ) -> AsyncGenerator[Any, None]:
        """Every resource, page after page (a failed page raises)."""
        offset = 0
        while True:
            page = await self.get_resources(  # type: ignore[attr-defined]
                offset=offset,
                limit=limit,
                fields=fields,
                expand_inventories=expand_inventories,
                expand_workskills=expand_workskills,
                expand_workzones=expand_workzones,
                expand_workschedules=expand_workschedules,
            )
            for resource in page.items:
                yield resource
            offset += len(page.items)
            if not more_pages(page, offset):
                return


class AsyncOFSMetadata(AsyncAPI):
    """The 2.x metadata API (``client.metadata``)."""

    API = "metadata"

    async def get_all_workzones(self, limit: int = 100) -> AsyncGenerator[Any, None]:
        """Every work zone, page after page (a failed page raises)."""
        offset = 0
        while True:
            page = await self.get_workzones(offset=offset, limit=limit)  # type: ignore[attr-defined]
            for zone in page.items:
                yield zone
            offset += len(page.items)
            if not more_pages(page, offset):
                return


class AsyncOFSCapacity(AsyncAPI):
    """The 2.x capacity API (``client.capacity``)."""

    API = "capacity"


class AsyncOFSStatistics(AsyncAPI):
    """The 2.x statistics API (``client.statistics``)."""

    API = "statistics"


class AsyncOFSOauth2(AsyncAPI):
    """The 2.x token service API (``client.oauth2``)."""

    API = "oauth2"

    async def get_token(self, request: OFSOAuthRequest | None = None) -> Any:
        """A token from the token service (``OAuthTokenResponse``), asked with the Basic
        credentials; ``request`` gives the grant (``client_credentials`` by default)."""
        call = token_call(request if request is not None else OFSOAuthRequest())
        response: Response = await self._session.send("auth.get_token", call, basic=True)
        return shape_result(method_spec("oauth2", "get_token"), response, {})


SUB_APIS: dict[str, type[AsyncAPI]] = {
    "core": AsyncOFSCore,
    "metadata": AsyncOFSMetadata,
    "capacity": AsyncOFSCapacity,
    "statistics": AsyncOFSStatistics,
    "oauth2": AsyncOFSOauth2,
}
