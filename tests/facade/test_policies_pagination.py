"""The pagers' arithmetic, for all list sizes and page sizes (ofsc._pagination: no I/O).

The rules (the module's docstring and ``docs/BEST_PRACTICES.md``, "Large exports"): an
offset list ends when ``hasMore`` is false, when ``offset + items`` reaches
``totalResults``, or on an empty page; the events cursor ends at the first empty page or
when there is no next page; the async pager fetches the remaining pages ``concurrency`` at
a time once the total is known, yields items in order, and raises on a short page, so a list
is never silently shorter than the server's; ``concurrency`` below 1 is an error.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import PaginationError
from ofsc._operation import Paging
from ofsc._pagination import CursorPager, OffsetPager, _aitems, _items, apaginate, operation_of

PROPERTY = settings(max_examples=60, deadline=None)


@dataclass
class OffsetPage:
    items: list[int] | None
    total_results: int | None = None
    has_more: bool | None = None
    limit: int | None = None


class OffsetServer:
    """``size`` items, at most ``page_size`` a page, with the chosen end signals."""

    def __init__(self, size: int, page_size: int, *, has_more: bool, total: bool, limit: bool = True) -> None:
        self.size, self.page_size = size, page_size
        self.has_more, self.total, self.limit = has_more, total, limit
        self.offsets: list[int] = []

    def page(self, offset: int) -> OffsetPage:
        self.offsets.append(offset)
        items = list(range(offset, min(offset + self.page_size, self.size)))
        return OffsetPage(
            items=items,
            total_results=self.size if self.total else None,
            has_more=(offset + len(items) < self.size) if self.has_more else None,
            limit=self.page_size if self.limit else None,
        )

    def __call__(self, offset: int = 0, **_: Any) -> OffsetPage:
        return self.page(offset)


SIGNALS = st.sampled_from([(True, False), (False, True), (True, True)])


@PROPERTY
@given(st.integers(min_value=0, max_value=40), st.integers(min_value=1, max_value=9), SIGNALS)
def test_offset_paging_yields_every_item_once_in_order(
    size: int, page_size: int, signals: tuple[bool, bool]
) -> None:
    """Whatever the end signal (hasMore, totalResults or both), every item comes once, in order,
    and no page is asked for past the end (beyond one empty page when only the end of the
    items can tell)."""
    has_more, total = signals
    server = OffsetServer(size, page_size, has_more=has_more, total=total)
    pager = OffsetPager(Paging("offset", has_more=has_more, total_results=total), {"limit": page_size})
    assert list(_items(server, pager)) == list(range(size))
    full_pages = -(-size // page_size)
    assert server.offsets == [page_size * n for n in range(max(full_pages, 1))]


@PROPERTY
@given(
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=1, max_value=7),
    st.integers(min_value=0, max_value=10),
)
def test_offset_paging_starts_at_the_callers_offset(size: int, page_size: int, start: int) -> None:
    """An offset= given by the caller is where paging starts; the other arguments are kept."""
    server = OffsetServer(size, page_size, has_more=True, total=False)
    pager = OffsetPager(Paging("offset", has_more=True), {"offset": start, "q": "x"})
    assert list(_items(server, pager)) == list(range(start, size))
    assert pager.next_args() is None
    fresh = OffsetPager(Paging("offset", has_more=True), {"offset": start, "q": "x"})
    assert fresh.next_args() == {"offset": start, "q": "x"}


def test_has_more_false_ends_the_list_even_with_items_left_per_the_total() -> None:
    """For operations that declare hasMore, hasMore=false is the end (the total is not trusted)."""
    pager = OffsetPager(Paging("offset", has_more=True, total_results=True), {})
    assert pager.accept(OffsetPage(items=[1, 2], total_results=10, has_more=False), 0) == [1, 2]
    assert pager.done and pager.next_args() is None
    assert pager.planned_offsets() == []


def test_has_more_true_goes_on_even_when_the_total_is_reached() -> None:
    """hasMore=true asks for the next page, whatever totalResults says."""
    pager = OffsetPager(Paging("offset", has_more=True, total_results=True), {})
    pager.accept(OffsetPage(items=[1, 2], total_results=2, has_more=True), 0)
    assert not pager.done and pager.next_args() == {"offset": 2}


def test_has_more_is_ignored_for_operations_that_do_not_declare_it() -> None:
    """Only a declared hasMore is read; otherwise the total decides."""
    pager = OffsetPager(Paging("offset", total_results=True), {})
    pager.accept(OffsetPage(items=[1, 2], total_results=5, has_more=False), 0)
    assert not pager.done
    pager.accept(OffsetPage(items=[3, 4, 5], total_results=5, has_more=True), 2)
    assert pager.done


def test_an_empty_page_ends_the_list() -> None:
    """An empty page (or one without items) is the end, whatever the other signals say."""
    for page in (
        OffsetPage(items=[], total_results=10, has_more=True),
        OffsetPage(items=None, has_more=True),
    ):
        pager = OffsetPager(Paging("offset", has_more=True, total_results=True), {})
        assert pager.accept(page, 0) == []
        assert pager.done


def test_without_any_end_signal_paging_goes_on_until_an_empty_page() -> None:
    """A page with neither hasMore nor a total does not end the list."""
    pager = OffsetPager(Paging("offset", has_more=True), {})
    pager.accept(OffsetPage(items=[1]), 0)
    assert not pager.done and pager.next_args() == {"offset": 1}


@PROPERTY
@given(
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1, max_value=9),
    st.booleans(),
)
def test_the_planned_offsets_are_every_remaining_page(
    size: int, page_size: int, limit_reported: bool
) -> None:
    """After the first page of a totalled list, the remaining pages start at page_size
    steps up to the total; the page size is the reported limit, else the first page's length."""
    server = OffsetServer(size, page_size, has_more=False, total=True, limit=limit_reported)
    pager = OffsetPager(Paging("offset", total_results=True), {})
    pager.accept(server.page(0), 0)
    assert pager.total == size
    assert pager.page_size == (page_size if limit_reported else min(page_size, size))
    assert pager.planned_offsets() == list(range(min(page_size, size), size, pager.page_size))


def test_no_pages_are_planned_when_they_cannot_be_known() -> None:
    """Without a total, for hasMore operations (the total may move), or when done: nothing planned."""
    unknown = OffsetPager(Paging("offset", has_more=True), {})
    unknown.accept(OffsetPage(items=[1, 2]), 0)
    assert unknown.planned_offsets() == []
    has_more = OffsetPager(Paging("offset", has_more=True, total_results=True), {})
    has_more.accept(OffsetPage(items=[1, 2], total_results=9, has_more=True, limit=2), 0)
    assert has_more.planned_offsets() == []
    done = OffsetPager(Paging("offset", total_results=True), {})
    done.accept(OffsetPage(items=[1, 2], total_results=2, limit=2), 0)
    assert done.planned_offsets() == []


@dataclass
class EventsPage:
    items: list[int] | None
    next_page: str | None


@PROPERTY
@given(st.lists(st.lists(st.integers(), min_size=1, max_size=4), max_size=6), st.booleans())
def test_the_cursor_follows_next_page_until_an_empty_page(
    pages: list[list[int]], last_has_next: bool
) -> None:
    """The events feed: each page's nextPage is the next request's page; the first empty page
    (no new events yet) or a page without nextPage ends it."""
    asked: list[dict[str, Any]] = []

    def method(**kwargs: Any) -> EventsPage:
        asked.append(kwargs)
        n = int(kwargs["page"])
        if n >= len(pages):
            return EventsPage(items=[], next_page=str(n + 1))
        is_last = n == len(pages) - 1
        return EventsPage(items=pages[n], next_page=str(n + 1) if (not is_last or last_has_next) else None)

    pager = CursorPager({"page": "0", "subscription_id": "s"})
    assert list(_items(method, pager)) == [item for page in pages for item in page]
    expected_requests = len(pages) + (1 if last_has_next or not pages else 0)
    assert [a["page"] for a in asked] == [str(n) for n in range(expected_requests)]
    assert all(a["subscription_id"] == "s" for a in asked)
    assert pager.next_args() is None


class AsyncOffsetServer:
    """An async endpoint over ``size`` items that records how many requests are in flight."""

    def __init__(self, size: int, page_size: int, short_at: int | None = None) -> None:
        self.size, self.page_size, self.short_at = size, page_size, short_at
        self.in_flight = 0
        self.most_in_flight = 0
        self.offsets: list[int] = []

    async def __call__(self, offset: int = 0, **_: Any) -> OffsetPage:
        self.offsets.append(offset)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        self.in_flight -= 1
        end = min(offset + self.page_size, self.size)
        if offset == self.short_at:
            end -= 1
        return OffsetPage(items=list(range(offset, end)), total_results=self.size, limit=self.page_size)


async def collect(items: AsyncIterator[int]) -> list[int]:
    return [item async for item in items]


@PROPERTY
@given(
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=5),
)
def test_concurrent_pages_arrive_in_order_within_the_window(
    size: int, page_size: int, concurrency: int
) -> None:
    """Once the total is known the remaining pages are fetched at most ``concurrency`` at a
    time, each once, and their items are yielded in order."""
    server = AsyncOffsetServer(size, page_size)
    pager = OffsetPager(Paging("offset", total_results=True), {})
    assert asyncio.run(collect(_aitems(server, pager, concurrency))) == list(range(size))
    assert server.most_in_flight <= concurrency
    assert sorted(server.offsets) == list(range(0, max(size, 1), page_size))
    if concurrency > 1 and size > 2 * page_size:
        assert server.most_in_flight > 1


def test_concurrency_one_fetches_page_after_page() -> None:
    """concurrency=1 never has two requests in flight."""
    server = AsyncOffsetServer(20, 3)
    pager = OffsetPager(Paging("offset", total_results=True), {})
    assert asyncio.run(collect(_aitems(server, pager, 1))) == list(range(20))
    assert server.most_in_flight == 1
    assert server.offsets == list(range(0, 20, 3))


@pytest.mark.parametrize("short_at", [3, 6, 9])
def test_a_short_page_is_an_error_not_a_shorter_list(short_at: int) -> None:
    """A planned page with fewer items than the total implies raises PaginationError."""
    server = AsyncOffsetServer(12, 3, short_at=short_at)
    pager = OffsetPager(Paging("offset", total_results=True), {})
    with pytest.raises(PaginationError) as caught:
        asyncio.run(collect(_aitems(server, pager, 4)))
    assert str(caught.value) == (
        f"page at offset {short_at} returned 2 items, expected 3 (total 12): the collection changed while paging"
    )


def test_the_last_planned_page_may_be_partial() -> None:
    """The last page holds only what is left of the total."""
    server = AsyncOffsetServer(10, 4)
    pager = OffsetPager(Paging("offset", total_results=True), {})
    assert asyncio.run(collect(_aitems(server, pager, 3))) == list(range(10))


@pytest.mark.parametrize("concurrency", [0, -1])
def test_concurrency_below_one_is_an_error(concurrency: int) -> None:
    """apaginate(concurrency=0) (or less) raises ValueError at once, saying what was wrong."""

    async def method(**_: Any) -> OffsetPage:
        raise AssertionError("nothing may be fetched")

    with pytest.raises(ValueError, match=f"concurrency must be at least 1, got {concurrency}"):
        apaginate(method, {}, concurrency=concurrency)


def test_only_endpoint_methods_can_be_paginated() -> None:
    """paginate() takes a bound endpoint method; anything else is a TypeError saying so."""
    with pytest.raises(TypeError, match="takes an endpoint method"):
        operation_of(print)
