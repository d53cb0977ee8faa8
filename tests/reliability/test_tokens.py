"""The OAuth2 token: fetched once for many callers, a failed fetch shared the same way,
and counted honestly; a supplied HTTP client works with it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from ofsc import OFSC, AsyncOFSC, InternalServerError, OFSCError
from ofsc._auth import TokenState

from .conftest import TOKEN, WORKZONES, Wire


def _threads(count: int, work: Callable[[], Any]) -> list[BaseException]:
    barrier = threading.Barrier(count)
    failures: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            work()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def _many(wire: Wire, client: Any) -> list[BaseException]:
    """100 concurrent tasks on the async client, or 20 threads on the sync one; their errors."""
    if wire.facade.is_async:

        async def one() -> BaseException | None:
            try:
                await client.metadata.get_workzones()
            except OFSCError as exc:
                return exc
            return None

        results = wire.facade.gather([one] * 100)
        return [result for result in results if result is not None]
    return _threads(20, client.metadata.get_workzones)


def test_one_token_for_many_concurrent_callers(wire: Wire, summary: Callable[[str], None]) -> None:
    """Promise: however many tasks or threads need a token at once, one fetch serves them."""
    wire.mock.faults.add(path=TOKEN, latency=0.05)  # every caller reaches the lock during the fetch
    client = wire.client(auth="oauth2")
    failures = _many(wire, client)
    callers = 100 if wire.facade.is_async else 20
    summary(
        f"reliability [{wire.name}]: token single-flight: {callers} concurrent "
        f"{'tasks' if wire.facade.is_async else 'threads'}, {wire.mock.tokens_issued} token fetch(es)"
    )
    assert failures == [] and wire.mock.tokens_issued == 1 and wire.calls(WORKZONES) == callers


def test_a_failing_token_service_is_asked_a_handful_of_times_not_once_per_caller(
    wire: Wire, summary: Callable[[str], None]
) -> None:
    """Promise: callers waiting for a token fetch that fails share its failure instead of each
    asking the failing service again; every caller still makes its own retries."""
    wire.mock.faults.add(path=TOKEN, status=503)
    client = wire.client(auth="oauth2", circuit_breaker_threshold=0, initial_retry_delay=0)
    failures = _many(wire, client)
    callers = 100 if wire.facade.is_async else 20
    asked = wire.calls(TOKEN)
    summary(
        f"reliability [{wire.name}]: token service down, breaker off: {callers} callers x 3 attempts "
        f"asked it {asked} time(s)"
    )
    assert len(failures) == callers and all(isinstance(exc, InternalServerError) for exc in failures)
    assert asked <= 10 and wire.calls(WORKZONES) == 0


def test_a_token_error_counts_every_attempt(wire: Wire) -> None:
    """Promise: an error from the token service reports the attempts the call made."""
    wire.mock.faults.add(path=TOKEN, status=503)
    client = wire.client(auth="oauth2", initial_retry_delay=0)
    exc = wire.facade.raises(InternalServerError, lambda: client.metadata.get_workzones())
    assert exc.attempts == 3 and wire.calls(TOKEN) == 3
    assert "after 3 attempts" in str(exc)


@pytest.mark.parametrize("wire", ["sync", "async-httpx"], indirect=True)
def test_a_supplied_http_client_works_with_oauth2(wire: Wire) -> None:
    """Promise: OFSC(http_client=...) and AsyncOFSC(http_client=...) fetch and use a token
    like clients that made their own HTTP client (http_client= is httpx's, so two wires)."""
    http: Any = httpx.Client() if wire.name == "sync" else httpx.AsyncClient()
    cls = OFSC if wire.name == "sync" else AsyncOFSC
    client = cls(
        instance="acme",
        client_id="cid",
        client_secret="s3cr3t",
        base_url=wire.base_url,
        auth="oauth2",
        http_client=http,
    )
    assert wire.facade(client.metadata.get_workzones()).status_code == 200
    assert wire.mock.tokens_issued == 1
    wire.facade(client.close())
    wire.facade(http.close() if wire.name == "sync" else http.aclose())


def test_a_remembered_token_failure_expires_and_never_stops_its_own_caller() -> None:
    """Promise: a failed fetch is shared with other callers for failure_hold seconds; the
    caller that asked asks again on its next retry, and after the hold everyone does."""
    now = [1000.0]
    state = TokenState(basic="Basic x", clock=lambda: now[0])
    asker, other = object(), object()
    state.fetch_failed(lambda attempts: RuntimeError(f"down after {attempts}"), asker)
    seen = state.finished
    shared = state.shared_failure(seen, other, 2)
    assert isinstance(shared, RuntimeError) and str(shared) == "down after 2"
    assert state.shared_failure(seen, asker, 2) is None
    now[0] += state.failure_hold
    assert state.shared_failure(seen, other, 3) is None
