"""Base classes of the generated endpoint classes (``client.core``, ``client.metadata``, ...).

An endpoint method only packs its arguments and hands them, with its
:class:`~ofsc._operation.Operation`, to the client it belongs to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Mapping

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

    async def _request(
        self, op: Operation[T], args: Mapping[str, object], options: RequestOptions | None
    ) -> T:
        return await self._client.request(op, args, options)

    async def _download(
        self, op: Operation[Binary], args: Mapping[str, object], options: RequestOptions | None
    ) -> AsyncBinaryResponse:
        return await self._client.download(op, args, options)
