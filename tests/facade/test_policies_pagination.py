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
from ofsc._pagination import (
    CursorPager,
    OffsetPager,
    _aitems,
    _concurrent_pages,
    _items,
    apaginate,
    operation_of,
)

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

    total_from = 0  # the first offset whose page reports totalResults
    fail_at: int | None = None

    async def __call__(self, offset: int = 0, **_: Any) -> OffsetPage:
        self.offsets.append(offset)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            if offset == self.fail_at:
                raise RuntimeError(f"page {offset} failed")
        finally:
            self.in_flight -= 1
        end = min(offset + self.page_size, self.size)
        if offset == self.short_at:
            end -= 1
        total = self.size if offset >= self.total_from else None
        return OffsetPage(items=list(range(offset, end)), total_results=total, limit=self.page_size)


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


def test_sequential_paging_follows_a_short_page_from_where_it_ended() -> None:
    """With concurrency=1 pages are asked one after another from where the last one ended,
    so a short page loses nothing (the concurrent window's short-page check does not apply)."""
    server = AsyncOffsetServer(12, 3, short_at=3)
    pager = OffsetPager(Paging("offset", total_results=True), {})
    assert asyncio.run(collect(_aitems(server, pager, 1))) == list(range(12))
    assert server.offsets == [0, 3, 5, 8, 11]


def test_pages_are_planned_only_from_the_first_page() -> None:
    """Concurrent fetching starts only when the first page tells the total; a total that
    shows up later leaves paging sequential."""
    server = AsyncOffsetServer(20, 2)
    server.total_from = 2
    pager = OffsetPager(Paging("offset", total_results=True), {})
    assert asyncio.run(collect(_aitems(server, pager, 4))) == list(range(20))
    assert server.most_in_flight == 1


def test_a_failed_page_raises_its_own_error_after_settling_the_others() -> None:
    """When a page of the window fails, the caller gets that page's error, and every other
    request in flight has been cancelled and settled by then."""
    server = AsyncOffsetServer(30, 3)
    server.fail_at = 9
    pager = OffsetPager(Paging("offset", total_results=True), {})

    async def run() -> list[int]:
        seen: list[int] = []
        with pytest.raises(RuntimeError, match="page 9 failed"):
            async for item in _aitems(server, pager, 4):
                seen.append(item)
        assert server.in_flight == 0
        return seen

    assert asyncio.run(run()) == list(range(9))


def test_closing_the_iterator_early_settles_the_pages_in_flight_before_it_returns() -> None:
    """Stopping early (``aclose()``, or leaving ``async for`` in an ``aclosing`` block)
    cancels and settles the pages fetched ahead before it returns: no request outlives it."""
    server = AsyncOffsetServer(60, 3)
    pager = OffsetPager(Paging("offset", total_results=True), {})

    async def slow_after_the_second_page(offset: int = 0, **kwargs: Any) -> OffsetPage:
        if offset > 3:
            await asyncio.sleep(30)  # still in flight when the caller stops
        return await server(offset, **kwargs)

    async def run() -> tuple[list[int], list[int]]:
        items = _aitems(slow_after_the_second_page, pager, 4)
        seen = [await anext(items) for _ in range(6)]  # the first page, then the window's first
        await asyncio.sleep(0)  # let the window's requests start
        started = list(server.offsets)
        await items.aclose()  # type: ignore[attr-defined]
        unsettled = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
        assert not unsettled, f"{len(unsettled)} page request(s) outlived aclose()"
        return seen, started

    seen, started = asyncio.run(run())
    assert seen == [0, 1, 2, 3, 4, 5] and started == [0, 3]


def test_apaginate_fetches_four_pages_at_a_time_by_default() -> None:
    """Without concurrency=, four pages are in flight at most (the documented default)."""
    import httpx

    from ofsc import AsyncOFSC

    from .test_pagination import zones

    in_flight = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.001)
        in_flight -= 1
        return zones(40)(request)  # type: ignore[no-any-return]

    async def main() -> list[str]:
        async with AsyncOFSC(
            instance="acme", client_id="cid", client_secret="s", transport=httpx.MockTransport(handler)
        ) as client:
            return [z.work_zone_label async for z in apaginate(client.metadata.get_workzones, {"limit": 2})]

    assert asyncio.run(main()) == [f"z{i}" for i in range(40)]
    assert peak == 4


class Owner:
    """Stands for a generated endpoint class: it names the operations module of its methods."""

    from ofsc_generated.operations import core as _operations


def test_a_method_of_no_known_operation_cannot_be_paginated() -> None:
    """An endpoint-like method whose operation is unknown, or that has no name, is a TypeError
    naming it, never an AttributeError."""
    import types

    def no_such_operation() -> None: ...

    with pytest.raises(TypeError, match=r"^no_such_operation\(\) cannot be paginated"):
        operation_of(types.MethodType(no_such_operation, Owner()))

    class Nameless:
        __self__ = Owner()

    with pytest.raises(TypeError, match=r"^\(\) cannot be paginated"):
        operation_of(Nameless())


def test_an_operation_without_an_end_signal_says_what_to_do() -> None:
    """paginate() of a list that cannot say where it ends is refused with the reason and the alternative."""
    from ofsc import OFSC

    client = OFSC(instance="acme", client_id="cid", client_secret="s")
    with pytest.raises(TypeError) as caught:
        operation_of(client.core.get_activity)
    assert str(caught.value) == (
        "get_activity() cannot be paginated: its response has no reliable end signal "
        "(hasMore, totalResults or nextPage); call it directly with offset/limit"
    )
    client.close()


def test_pages_without_the_usual_attributes_end_the_list() -> None:
    """A page object lacking items (or nextPage) is read as empty (or last), not an error."""

    class Bare:
        pass

    cursor = CursorPager({"page": "1"})
    assert cursor.accept(Bare()) == [] and cursor.done
    with_items = CursorPager({"page": "1"})

    class OnlyItems:
        items = [1, 2]

    assert with_items.accept(OnlyItems()) == [1, 2] and with_items.done
    offset = OffsetPager(Paging("offset", total_results=True), {})
    assert offset.accept(Bare(), 0) == [] and offset.done


def test_the_page_size_is_set_by_the_first_page() -> None:
    """The planned page size is the first page's reported limit (or its length), whatever later pages say."""
    pager = OffsetPager(Paging("offset", has_more=True), {})
    pager.accept(OffsetPage(items=[1, 2], limit=5, has_more=True), 0)
    assert pager.page_size == 5
    pager.accept(OffsetPage(items=[3], limit=9, has_more=True), 2)
    assert pager.page_size == 5
    unreported = OffsetPager(Paging("offset", has_more=True), {})
    unreported.accept(OffsetPage(items=[], has_more=True), 0)
    assert unreported.page_size is None


def test_no_pages_are_planned_without_a_total_even_with_a_page_size() -> None:
    """A totalled operation whose first page left out totalResults plans nothing."""
    pager = OffsetPager(Paging("offset", total_results=True), {})
    pager.accept(OffsetPage(items=[1, 2], limit=2), 0)
    assert pager.page_size == 2 and pager.total is None
    assert pager.planned_offsets() == []


@pytest.mark.parametrize("planned", [False, True])
def test_a_total_that_changes_while_paging_is_an_error(planned: bool) -> None:
    """Every page's totalResults must match the first page's: a change means items moved
    between pages, so paging stops with PaginationError saying where, never a wrong list."""
    pager = OffsetPager(Paging("offset", total_results=True), {})
    pager.accept(OffsetPage(items=[0, 1], total_results=6, limit=2), 0)
    changed = OffsetPage(items=[2, 3], total_results=7, limit=2)
    with pytest.raises(PaginationError) as caught:
        if planned:
            pager.accept_planned(changed, 2)
        else:
            pager.accept(changed, 2)
    assert str(caught.value) == (
        "the collection changed while paging: totalResults was 6, the page at offset 2 says 7; "
        "items may have moved between pages, so the list cannot be completed consistently: start again"
    )
    assert pager.accept(OffsetPage(items=[2, 3], total_results=6, limit=2), 2) == [2, 3]


def test_a_planned_page_without_items_is_a_short_page() -> None:
    """A page object lacking items, fetched where items were planned, is a short page:
    PaginationError, never a shorter list."""

    class Bare:
        pass

    pager = OffsetPager(Paging("offset", total_results=True), {})
    pager.accept(OffsetPage(items=[0, 1], total_results=6, limit=2), 0)
    with pytest.raises(PaginationError, match="page at offset 2 returned 0 items, expected 2"):
        pager.accept_planned(Bare(), 2)


def test_stopping_early_cancels_and_settles_the_pages_in_flight() -> None:
    """A consumer that stops reading and closes the window of planned pages leaves no request
    running: the pages fetched ahead are cancelled and settled before closing returns."""

    async def run() -> tuple[int, int]:
        never = asyncio.Event()
        in_flight = 0

        async def method(offset: int = 0, **_: Any) -> OffsetPage:
            nonlocal in_flight
            if offset > 3:  # the pages after the second never arrive
                in_flight += 1
                try:
                    await never.wait()
                finally:
                    in_flight -= 1
            return OffsetPage(items=list(range(offset, offset + 3)), total_results=30, limit=3)

        pager = OffsetPager(Paging("offset", total_results=True), {})
        pager.accept(await method(), 0)
        items = _concurrent_pages(method, pager, pager.planned_offsets(), 4)
        assert [await anext(items) for _ in range(3)] == [3, 4, 5]
        waiting = in_flight
        await items.aclose()  # type: ignore[attr-defined]
        return waiting, in_flight

    waiting, left = asyncio.run(run())
    assert waiting > 0 and left == 0
