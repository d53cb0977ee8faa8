"""Running the setup flows with a client: the only I/O of :mod:`ofsc.setup`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from ofsc._exceptions import OFSCError
from ofsc._flow import advance

from ._flows import ReadAll, Write
from ._kinds import operation

if TYPE_CHECKING:
    from collections.abc import Generator

    from ofsc import OFSC, AsyncOFSC

R = TypeVar("R")
Request = ReadAll | Write


def run[R](client: OFSC, flow: Generator[Any, Any, R]) -> R:
    reply: Any = None
    error: OFSCError | None = None
    while True:
        done, request = advance(flow, reply, error)
        if done:
            return request  # type: ignore[no-any-return]
        reply, error = None, None
        method, paged = _resolve(client, request)
        try:
            if paged:
                reply = [_plain(item) for item in client.paginate(method, **request.arguments)]
            else:
                reply = _reply(request, method(**request.arguments))
        except OFSCError as exc:
            error = exc


async def arun[R](client: AsyncOFSC, flow: Generator[Any, Any, R]) -> R:
    reply: Any = None
    error: OFSCError | None = None
    while True:
        done, request = advance(flow, reply, error)
        if done:
            return request  # type: ignore[no-any-return]
        reply, error = None, None
        method, paged = _resolve(client, request)
        try:
            if paged:
                reply = [_plain(item) async for item in client.paginate(method, **request.arguments)]
            else:
                reply = _reply(request, await method(**request.arguments))
        except OFSCError as exc:
            error = exc


def _resolve(client: OFSC | AsyncOFSC, request: Request) -> tuple[Any, bool]:
    """The endpoint method a request calls, and whether its items are read page by page."""
    paged = isinstance(request, ReadAll) and operation(request.operation).paging is not None
    return getattr(client.metadata, request.operation), paged


def _reply(request: Request, result: Any) -> Any:
    """What the flow is sent back: a read's items, nothing for a write."""
    return None if isinstance(request, Write) else _items(result)


def _items(page: Any) -> list[Any]:
    items = getattr(page, "items", None)
    if items is None:
        items = getattr(page, "root", None)
    return [_plain(item) for item in items or []]


def _plain(item: Any) -> Any:
    to_api = getattr(item, "to_api", None)
    return to_api() if to_api is not None else item
