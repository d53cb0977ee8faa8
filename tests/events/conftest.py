"""Plumbing for the tests of ``ofsc.events``: one test body for both consumers.

``consumers`` (parametrised over ``sync`` and ``async``) builds an :class:`EventConsumer`
on an in-process sync client of the test's mock, or an :class:`AsyncEventConsumer` on an
async one, with no waits (delays of 0) so that tests run at full speed; ``run(consumer)``
runs either to its end.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from ofsc import OFSC, AsyncOFSC
from ofsc.events import AsyncEventConsumer, EventConsumer
from ofsc.events._consumer import _Consumer
from ofsc.testing import MockOFS

FAST = {"idle_delay": 0.0, "max_idle_delay": 0.0, "error_delay": 0.0, "max_error_delay": 0.0}


class Clock:
    """A clock that stands still until told to move (the mock's and the consumers')."""

    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Consumers:
    """Makes consumers of one kind (``sync`` or ``async``) on one mock, sharing its clock."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.clock = Clock()
        self.mock = MockOFS(seed=18, clock=self.clock)
        self._clients: list[OFSC | AsyncOFSC] = []

    def client(self, **settings: Any) -> OFSC | AsyncOFSC:
        settings = {"max_retries": 0, **settings}
        client = self.mock.client(**settings) if self.kind == "sync" else self.mock.async_client(**settings)
        self._clients.append(client)
        return client

    def make(
        self, handler: Callable[..., Any], client: OFSC | AsyncOFSC | None = None, **options: Any
    ) -> _Consumer:
        options = {**FAST, "stop_when_idle": True, "types": "activityCreated", "clock": self.clock, **options}
        client = client or self.client()
        if self.kind == "sync":
            assert isinstance(client, OFSC)
            return EventConsumer(client, handler, **options)
        assert isinstance(client, AsyncOFSC)
        return AsyncEventConsumer(client, handler, **options)

    async def run(self, consumer: _Consumer, *, handle_signals: bool = False) -> Any:
        result = consumer.run(handle_signals=handle_signals)  # type: ignore[attr-defined]
        return await result if inspect.isawaitable(result) else result

    async def delete(self, consumer: _Consumer) -> Any:
        result = consumer.delete_subscription()  # type: ignore[attr-defined]
        return await result if inspect.isawaitable(result) else result

    async def close(self) -> None:
        for client in self._clients:
            result = client.close()
            if inspect.isawaitable(result):
                await result


@pytest.fixture(params=["sync", "async"])
async def consumers(request: pytest.FixtureRequest) -> AsyncIterator[Consumers]:
    made = Consumers(request.param)
    yield made
    await made.close()


def emit_activities(mock: MockOFS, first: int, count: int, event_type: str = "activityCreated") -> None:
    """``count`` events for the activities ``first``, ``first + 1``, ... in that order."""
    for activity_id in range(first, first + count):
        mock.events.emit(event_type, activityDetails={"activityId": activity_id, "resourceId": "tech1"})


def activity_ids(events: list[Any]) -> list[int]:
    return [int(e.data["activityDetails"]["activityId"]) for e in events]
