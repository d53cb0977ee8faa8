"""Iterating over every item of a paged list operation.

The decisions (what to ask for next, when the list is complete, which pages can be
fetched at once) live in :class:`OffsetPager` and :class:`CursorPager`, which do no I/O;
:func:`paginate` and :func:`apaginate` only call the endpoint method. A failed page
raises: a list is never silently shorter than the server's.

Offset operations (``offset``/``limit``, ``hasMore`` and/or ``totalResults``) stop when
``hasMore`` is false, when ``offset + items`` reaches ``totalResults``, or on an empty
page.

A collection that changes while it is paged shifts items across page boundaries: an
insertion ahead of the current offset repeats an item, a deletion skips one. Both clients
therefore compare every page's ``totalResults`` with the first page's and raise
:class:`PaginationError` when it changed, after yielding only items of pages that agreed:
an item is never silently lost or repeated because of a change the server reports. (An
operation that reports only ``hasMore`` gives nothing to compare.) The events feed (``page``/``nextPage``) is a cursor; it ends at the first empty
page, which means "no new events yet".
"""

from __future__ import annotations

from collections import deque
from contextlib import aclosing
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ._exceptions import OFSCError, show_as_public

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator, Sequence

    from ._operation import Operation, Paging

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Page(Protocol[T_co]):
    @property
    def items(self) -> Sequence[T_co] | None: ...


class PaginationError(OFSCError):
    """The server's pages do not add up (for example the total changed while paging)."""


show_as_public(PaginationError)


def operation_of(method: Callable[..., Any]) -> Operation[Any]:
    """The operation behind a bound endpoint method, if it can be paged; else ``TypeError``."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    # Each generated endpoint class names the operations module its methods call.
    ops = getattr(type(owner), "_operations", None) if owner is not None else None
    if ops is None:
        raise TypeError(
            f"paginate() takes an endpoint method such as client.metadata.get_workzones, got {method!r}"
        )
    client = getattr(owner, "_client", None)
    if getattr(getattr(client, "_state", None), "raw", False):  # its answers are not pages
        raise TypeError(
            f"paginate() takes a method of the client, not of client.with_raw_response: {name}() "
            "there answers with one page's RawResponse"
        )
    op: Operation[Any] | None = getattr(ops, name.upper(), None)
    if op is None or op.paging is None:
        raise TypeError(
            f"{name}() cannot be paginated: its response has no reliable end signal "
            "(hasMore, totalResults or nextPage); call it directly with offset/limit"
        )
    return op


class OffsetPager:
    def __init__(self, paging: Paging, kwargs: dict[str, Any]) -> None:
        self.paging = paging
        self.kwargs = kwargs
        self.offset = int(kwargs.get("offset") or 0)
        self.total: int | None = None
        self.page_size: int | None = None
        self.done = False

    def next_args(self) -> dict[str, Any] | None:
        return None if self.done else {**self.kwargs, "offset": self.offset}

    def accept(self, page: Any, offset: int) -> Sequence[Any]:
        """Record the page fetched at ``offset``; return its items."""
        items = list(getattr(page, "items", None) or [])
        self._check_total(page, offset)
        if self.page_size is None and items:
            self.page_size = int(getattr(page, "limit", None) or len(items))
        self.offset = offset + len(items)
        has_more = getattr(page, "has_more", None)
        if not items:
            self.done = True
        elif self.paging.has_more and has_more is not None:
            self.done = not has_more
        elif self.total is not None:
            self.done = self.offset >= self.total
        return items

    def accept_planned(self, page: Any, offset: int) -> Sequence[Any]:
        """The items of a page fetched at a planned offset (see :meth:`planned_offsets`), once
        it agrees with the first page."""
        self._check_total(page, offset)
        items = list(getattr(page, "items", None) or [])
        expected = min(self.page_size or 0, (self.total or 0) - offset)
        if len(items) < expected:
            raise PaginationError(
                f"page at offset {offset} returned {len(items)} items, expected {expected} "
                f"(total {self.total}): the collection changed while paging"
            )
        return items

    def _check_total(self, page: Any, offset: int) -> None:
        total = getattr(page, "total_results", None)
        if total is None:
            return
        if self.total is not None and int(total) != self.total:
            raise PaginationError(
                f"the collection changed while paging: totalResults was {self.total}, "
                f"the page at offset {offset} says {int(total)}; items may have moved between "
                "pages, so the list cannot be completed consistently: start again"
            )
        self.total = int(total)

    def planned_offsets(self) -> list[int]:
        """After the first page: the offsets of every remaining page, when they are knowable."""
        if self.done or self.total is None or not self.page_size or self.paging.has_more:
            return []
        return list(range(self.offset, self.total, self.page_size))


class CursorPager:
    def __init__(self, kwargs: dict[str, Any]) -> None:
        self.kwargs = kwargs
        self.done = False

    def next_args(self) -> dict[str, Any] | None:
        return None if self.done else dict(self.kwargs)

    def accept(self, page: Any, offset: int = 0) -> Sequence[Any]:
        items = list(getattr(page, "items", None) or [])
        next_page = getattr(page, "next_page", None)
        if not items or not next_page:
            self.done = True
        else:
            self.kwargs = {**self.kwargs, "page": next_page}
        return items


def _pager(op: Operation[Any], kwargs: dict[str, Any]) -> OffsetPager | CursorPager:
    assert op.paging is not None
    return CursorPager(kwargs) if op.paging.kind == "cursor" else OffsetPager(op.paging, kwargs)


def paginate[T](method: Callable[..., Page[T]], kwargs: dict[str, Any]) -> Iterator[T]:
    """Every item, page after page (``TypeError`` at once for an operation that cannot be paged)."""
    return _items(method, _pager(operation_of(method), kwargs))


def _items[T](method: Callable[..., Page[T]], pager: OffsetPager | CursorPager) -> Iterator[T]:
    while (args := pager.next_args()) is not None:
        yield from pager.accept(method(**args), args.get("offset", 0))


def apaginate[T](
    method: Callable[..., Awaitable[Page[T]]], kwargs: dict[str, Any], *, concurrency: int = 4
) -> AsyncIterator[T]:
    """The async :func:`paginate`; pages are fetched ``concurrency`` at a time once the total is known."""
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    return _aitems(method, _pager(operation_of(method), kwargs), concurrency)


async def _aitems[T](
    method: Callable[..., Awaitable[Page[T]]], pager: OffsetPager | CursorPager, concurrency: int
) -> AsyncIterator[T]:
    first = True
    while (args := pager.next_args()) is not None:
        for item in pager.accept(await method(**args), args.get("offset", 0)):
            yield item
        if first and isinstance(pager, OffsetPager) and concurrency > 1:
            first = False
            offsets = pager.planned_offsets()
            if offsets:
                # Closed with this iterator, not a loop tick later: no request outlives aclose().
                async with aclosing(_concurrent_pages(method, pager, offsets, concurrency)) as pages:
                    async for item in pages:
                        yield item
                return


async def _concurrent_pages[T](
    method: Callable[..., Awaitable[Page[T]]], pager: OffsetPager, offsets: list[int], concurrency: int
) -> AsyncGenerator[T]:
    """Fetch the planned pages in a window of ``concurrency`` ahead of the consumer; yield items
    in order. The window bounds both the requests in flight and the pages held in memory."""
    import asyncio  # deferred: importing ofsc must not import asyncio

    remaining = iter(offsets)
    window: deque[tuple[int, asyncio.Future[Page[T]]]] = deque()

    def fill() -> None:
        while len(window) < concurrency and (offset := next(remaining, None)) is not None:
            window.append((offset, asyncio.ensure_future(method(**{**pager.kwargs, "offset": offset}))))

    try:
        fill()
        while window:
            offset, fetch = window.popleft()
            page = await fetch
            fill()
            for item in pager.accept_planned(page, offset):
                yield item
    finally:
        for _, fetch in window:
            fetch.cancel()
        await asyncio.gather(*(fetch for _, fetch in window), return_exceptions=True)
