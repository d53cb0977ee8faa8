"""The I/O of a plan: send its requests, a bounded number at a time, and feed back the answers.

A plan (:class:`Plan`) decides what to send and what each answer means; :func:`run_sync`
(threads) and :func:`run_async` (tasks) only carry its requests out, taking a slot of the
operation's limiter for each, and hand on what the plan makes of the answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import asyncio
    import threading
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator


class Plan[J, O](Protocol):
    def next_job(self) -> J | None:
        """A request to send now, or None when none is ready."""

    def accept(self, job: J, answer: object) -> list[O]:
        """Take the answer to ``job``; what it yields."""

    def fail(self, job: J, error: Exception) -> list[O]:
        """Take the failure of ``job``; what it yields (or raise to stop everything)."""


def run_sync[J, O](
    plan: Plan[J, O], send: Callable[[J], object], slot: threading.BoundedSemaphore, concurrency: int
) -> Iterator[O]:
    """Carry out ``plan`` with up to ``concurrency`` requests in flight (threads)."""
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    def guarded(job: J) -> object:
        with slot:
            return send(job)

    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="ofsc-bulk")
    pending: dict[Future[object], J] = {}
    try:
        while True:
            while len(pending) < concurrency and (job := plan.next_job()) is not None:
                pending[pool.submit(guarded, job)] = job
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job = pending.pop(future)
                error = future.exception()
                if error is None:
                    yield from plan.accept(job, future.result())
                elif isinstance(error, Exception):
                    yield from plan.fail(job, error)
                else:
                    raise error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


async def run_async[J, O](
    plan: Plan[J, O], send: Callable[[J], Awaitable[object]], slot: asyncio.Semaphore, concurrency: int
) -> AsyncIterator[O]:
    """Carry out ``plan`` with up to ``concurrency`` requests in flight (tasks)."""
    import asyncio

    async def guarded(job: J) -> object:
        async with slot:
            return await send(job)

    pending: dict[asyncio.Task[object], J] = {}
    try:
        while True:
            while len(pending) < concurrency and (job := plan.next_job()) is not None:
                pending[asyncio.ensure_future(guarded(job))] = job
            if not pending:
                return
            finished, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                job = pending.pop(task)
                error = task.exception()
                if error is None:
                    for output in plan.accept(job, task.result()):
                        yield output
                elif isinstance(error, Exception):
                    for output in plan.fail(job, error):
                        yield output
                else:
                    raise error
    finally:
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
