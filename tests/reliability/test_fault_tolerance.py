"""Transient faults are absorbed by retries, the breaker opens only on calls that failed
after them, every attempt is one request, and every call ends by its deadline."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ofsc import APIConnectionError, APITimeoutError, CircuitOpenError, InternalServerError, OFSCError
from ofsc.testing import SchemaSampler
from ofsc_generated.operations.core import CREATE_ACTIVITY

from .conftest import ACTIVITIES, WORKZONES, Reply, ScriptedServer, Wire, trickle

CALLS = 1000
FAULT_RATE = 0.3


def add_mixed_faults(wire: Wire, rate: float) -> None:
    """``rate`` of all requests fail, a third each with 503, 429 and a connection reset
    (each rule draws in turn, so the later rates are raised to keep the thirds equal)."""
    third = rate / 3
    wire.mock.faults.add(path=WORKZONES, status=503, rate=third)
    wire.mock.faults.add(path=WORKZONES, status=429, retry_after=0, rate=third / (1 - third))
    wire.mock.faults.add(path=WORKZONES, reset=True, rate=third / (1 - 2 * third))


def test_1000_gets_at_30_percent_transient_faults_succeed_with_default_settings(
    wire: Wire, summary: Callable[[str], None]
) -> None:
    """Promise: with the default retries and circuit breaker, 30% transient faults (503, 429,
    reset) fail about 0.3**3 of calls (2.7%); the breaker does not defeat the retries, since
    it counts calls that failed after them. Backoff is shortened so the run is fast."""
    add_mixed_faults(wire, FAULT_RATE)
    client = wire.client(initial_retry_delay=0.0005, max_retry_delay=0.002)
    assert client.settings.max_retries == 2 and client.settings.circuit_breaker_threshold == 5
    outcomes: dict[str, int] = {}
    for _ in range(CALLS):
        try:
            wire.facade(client.metadata.get_workzones())
            outcome = "ok"
        except OFSCError as exc:
            outcome = type(exc).__name__
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    requests = wire.calls(WORKZONES)
    share = outcomes.get("ok", 0) / CALLS
    summary(
        f"reliability [{wire.name}]: {CALLS} GETs at {FAULT_RATE:.0%} transient faults, default retries and "
        f"breaker: {share:.1%} succeeded ({requests} requests; failures {sorted(outcomes.items())})"
    )
    assert share >= 0.97
    assert outcomes.get("CircuitOpenError", 0) == 0


def test_faults_the_retries_absorb_never_open_the_breaker(wire: Wire) -> None:
    """Promise: a call that succeeded after retrying counts as a success for the breaker."""
    client = wire.client(initial_retry_delay=0, circuit_breaker_threshold=2)
    for _ in range(4):
        wire.mock.faults.add(path=WORKZONES, status=503, count=2)
        assert wire.facade(client.metadata.get_workzones()).status_code == 200
    assert client.circuit.failures == 0 and client.circuit.state == "closed"
    assert wire.calls(WORKZONES) == 12


def test_an_open_circuit_names_the_call_it_refused(wire: Wire) -> None:
    """Promise: CircuitOpenError carries the operation, method and URL of the refused call."""
    wire.mock.faults.add(path=WORKZONES, status=503)
    client = wire.client(initial_retry_delay=0, circuit_breaker_threshold=1)
    wire.facade.raises(InternalServerError, lambda: client.metadata.get_workzones())
    assert wire.calls(WORKZONES) == 3  # one call, three attempts, one failure counted
    exc = wire.facade.raises(CircuitOpenError, lambda: client.metadata.get_workzones(limit=3))
    assert (exc.operation, exc.method, exc.url) == ("get_workzones", "GET", f"{wire.base_url}{WORKZONES}")
    assert "get_workzones" in str(exc) and wire.calls(WORKZONES) == 3


def test_a_reset_on_a_reused_connection_is_not_resent_behind_the_retry_policy(wire: Wire) -> None:
    """Promise: one request per attempt on every transport: with max_retries=0 a reset
    GET is sent once (no hidden resend by the HTTP library), and the error says 1 attempt."""
    client = wire.client(max_retries=0)
    wire.facade(client.metadata.get_workzones())  # opens a keep-alive connection
    wire.mock.faults.add(path=WORKZONES, reset=True, count=1)
    exc = wire.facade.raises(APIConnectionError, lambda: client.metadata.get_workzones())
    assert exc.attempts == 1 and wire.calls(WORKZONES) == 2


def test_a_post_cut_after_receipt_is_received_exactly_once(
    wire: Wire, summary: Callable[[str], None]
) -> None:
    """Promise: a POST that may have reached the server is never replayed (default settings)."""
    client = wire.client()
    wire.facade(client.metadata.get_workzones())  # a reused connection, as in real traffic
    wire.mock.faults.add(path=ACTIVITIES, method="POST", truncate=True, count=1)
    args = SchemaSampler(seed=1).arguments(CREATE_ACTIVITY, optional=False)
    wire.facade.raises(APIConnectionError, lambda: client.core.create_activity(**args))
    receipts = wire.calls(ACTIVITIES)
    summary(f"reliability [{wire.name}]: POST cut after receipt: {receipts} receipt(s)")
    assert receipts == 1


def test_a_stalled_read_ends_at_the_read_timeout_well_before_the_deadline(
    wire: Wire, scripted: ScriptedServer
) -> None:
    """Promise: `timeout` bounds an attempt's wait for data on every wire, also when the
    call's deadline is much later."""
    body = b'{"items": []}'

    def stalling(request: Any) -> Reply:
        def chunks() -> Iterator[bytes]:
            yield body[:1]
            time.sleep(2.0)  # far past the read timeout, far before the deadline
            yield body[1:]

        headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
        return Reply(200, headers, chunks())

    scripted.script = stalling
    client = wire.client(base_url=scripted.base_url, timeout=0.3, call_timeout=30, max_retries=0)
    wire.facade.raises(APITimeoutError, client.metadata.get_workzones)
    assert scripted.body_bytes_sent == 1  # the client left during the stall, not after it


def _trickling(seconds: float) -> Callable[[Any], Reply]:
    body = b'{"items": []}' + b" " * 400

    def script(request: Any) -> Reply:
        length = str(len(body))
        return Reply(
            200, {"Content-Type": "application/json", "Content-Length": length}, trickle(body, seconds)
        )

    return script


@pytest.mark.parametrize("how", ["client", "with_options", "options"])
def test_a_trickling_server_cannot_hold_a_call_past_its_deadline(
    wire: Wire, scripted: ScriptedServer, how: str, summary: Callable[[str], None]
) -> None:
    """Promise: call_timeout bounds the whole call (every attempt, trickled bodies, retry
    waits), however slowly bytes arrive; `timeout` alone, applied per read, would not."""
    scripted.script = _trickling(0.05)  # every read gets a byte well within `timeout`
    limit = {"call_timeout": 0.3}
    client = wire.client(base_url=scripted.base_url, timeout=5, **(limit if how == "client" else {}))
    if how == "with_options":
        client = client.with_options(**limit)
    call = (
        (lambda: client.metadata.get_workzones(options=limit))
        if how == "options"
        else client.metadata.get_workzones
    )
    exc = wire.facade.raises(APITimeoutError, call)
    sent, total = scripted.body_bytes_sent, 413 * len(scripted.requests)
    if how == "client":
        summary(
            f"reliability [{wire.name}]: trickling server (1 byte/50 ms, {total} bytes): the call ended at its "
            f"0.3 s deadline after {len(scripted.requests)} attempt(s) and {sent} bytes"
        )
    assert sent < total / 2  # stopped long before the body was through
    assert exc.attempts >= 1
