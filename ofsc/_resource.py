"""Base classes of the generated endpoint classes (``client.core``, ``client.metadata``, ...).

An endpoint method only packs its arguments and hands them, with its
:class:`~ofsc._operation.Operation`, to the client it belongs to.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Coroutine, Mapping

    from ._base_client import AsyncClient, SyncClient
    from ._operation import Binary, Operation
    from ._response import AsyncBinaryResponse, BinaryResponse
    from ._types import RequestOptions

T = TypeVar("T")


class SyncAPI:
    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def _request(self, op: Operation[T], args: Mapping[str, object], options: RequestOptions | None) -> T:
        return self._client.request(op, args, options)

    def _download(
        self, op: Operation[Binary], args: Mapping[str, object], options: RequestOptions | None
    ) -> BinaryResponse:
        return self._client.download(op, args, options)


class AsyncAPI:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    # Plain functions handing back the client's coroutine: one coroutine per call, not two.
    def _request(
        self, op: Operation[T], args: Mapping[str, object], options: RequestOptions | None
    ) -> Coroutine[Any, Any, T]:
        return self._client.request(op, args, options)

    def _download(
        self, op: Operation[Binary], args: Mapping[str, object], options: RequestOptions | None
    ) -> Coroutine[Any, Any, AsyncBinaryResponse]:
        return self._client.download(op, args, options)


class FamilyAccess:
    """Builds ``client.<family>`` on first use (the generated ``SyncFamilies``/``AsyncFamilies``
    declare the typed attributes); a client is either sync or async, hence ``_FAMILY_INDEX``."""

    _FAMILY_INDEX = 0  # 0: the sync class of FAMILIES' entry, 1: the async class
    _families: dict[str, object]

    def _family(self, name: str) -> object:
        api = self._families.get(name)
        if api is None:
            from ofsc_generated import FAMILIES

            module, *classes = FAMILIES[name]
            cls = getattr(importlib.import_module(module), classes[self._FAMILY_INDEX])
            api = self._families[name] = cls(self)
        return api
