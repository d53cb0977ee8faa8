"""The circuit breaker's states, for all sequences of outcomes (ofsc._circuit: pure state).

The rules (``docs/BEST_PRACTICES.md`` and the module's docstring): after ``threshold``
consecutive failures calls fail fast with ``CircuitOpenError`` for ``cooldown`` seconds; then
one probe goes out; its success closes the breaker, its failure reopens it. A clock that the
test moves stands in for time.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc import CircuitOpenError
from ofsc._circuit import CircuitBreaker

PROPERTY = settings(max_examples=60, deadline=None)


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def breaker(threshold: int = 3, cooldown: float = 10.0, now: float = 1000.0) -> tuple[CircuitBreaker, Clock]:
    clock = Clock(now)
    return CircuitBreaker(threshold=threshold, cooldown=cooldown, clock=clock), clock


def open_breaker(threshold: int = 3, cooldown: float = 10.0) -> tuple[CircuitBreaker, Clock]:
    cb, clock = breaker(threshold, cooldown)
    for _ in range(threshold):
        cb.before_call()
        cb.record_failure()
    assert cb.state == "open"
    return cb, clock


@PROPERTY
@given(st.integers(min_value=1, max_value=6), st.lists(st.booleans(), max_size=30))
def test_the_breaker_opens_after_threshold_consecutive_failures(threshold: int, outcomes: list[bool]) -> None:
    """It opens exactly when the failures since the last success reach the threshold: a
    success while closed resets the count."""
    cb, _ = breaker(threshold)
    run = 0
    for succeeded in outcomes:
        cb.before_call()  # never raises while closed
        if succeeded:
            cb.record_success()
            run = 0
        else:
            cb.record_failure()
            run += 1
        assert cb.failures == run
        if run >= threshold:
            assert cb.state == "open"
            with pytest.raises(CircuitOpenError) as caught:
                cb.before_call()
            assert caught.value.failures == threshold
            return
        assert cb.state == "closed"


def test_a_success_between_failures_keeps_the_breaker_closed() -> None:
    """Failures must be consecutive: fail, succeed, fail never opens a threshold-2 breaker."""
    cb, _ = breaker(threshold=2)
    cb.record_failure()
    cb.record_success()
    cb.record_failure()
    assert cb.state == "closed"
    cb.before_call()


@PROPERTY
@given(st.floats(min_value=0.5, max_value=120), st.floats(min_value=0, max_value=0.99))
def test_retry_in_is_the_time_left_until_the_probe(cooldown: float, fraction: float) -> None:
    """While open, CircuitOpenError.retry_in is the cool-down left (what a caller should wait)."""
    cb, clock = open_breaker(cooldown=cooldown)
    elapsed = cooldown * fraction
    clock.now += elapsed
    with pytest.raises(CircuitOpenError) as caught:
        cb.before_call()
    assert caught.value.retry_in == pytest.approx(cooldown - elapsed)
    assert 0 < caught.value.retry_in <= cooldown
    assert f"next probe in {caught.value.retry_in:.1f}s" in str(caught.value)


def test_after_the_cooldown_one_probe_goes_out_and_others_still_fail_fast() -> None:
    """Half-open: exactly one call is let through; the rest wait for its outcome."""
    cb, clock = open_breaker(cooldown=10)
    clock.now += 9.999
    assert cb.state == "open"
    clock.now += 0.001
    assert cb.state == "half-open"
    cb.before_call()  # the probe, at exactly the cool-down
    with pytest.raises(CircuitOpenError) as caught:
        cb.before_call()
    assert caught.value.retry_in == pytest.approx(10.0)  # a new wait, counted from the probe


def test_a_successful_probe_closes_the_breaker() -> None:
    """The probe's success closes the breaker and clears the failure count."""
    cb, clock = open_breaker()
    clock.now += 10
    cb.before_call()
    cb.record_success()
    assert (cb.state, cb.failures, cb.opened_at, cb.probe_started_at) == ("closed", 0, None, None)
    cb.before_call()
    cb.before_call()


def test_a_failed_probe_reopens_the_breaker_for_a_full_cooldown() -> None:
    """The probe's failure reopens it from that moment."""
    cb, clock = open_breaker(cooldown=10)
    clock.now += 15
    cb.before_call()
    clock.now += 2
    cb.record_failure()
    assert cb.state == "open"
    assert cb.opened_at == clock.now
    assert cb.probe_started_at is None
    with pytest.raises(CircuitOpenError) as caught:
        cb.before_call()
    assert caught.value.retry_in == pytest.approx(10.0)


def test_a_probe_failing_below_the_threshold_still_reopens() -> None:
    """A failed probe reopens the breaker even when the count is below the threshold
    (a threshold raised since it opened, say)."""
    cb, clock = open_breaker(threshold=2, cooldown=10)
    cb.threshold = 50
    clock.now += 10
    cb.before_call()
    cb.record_failure()
    assert cb.state == "open"


def test_a_probe_that_never_reports_back_is_replaced_after_another_cooldown() -> None:
    """A cancelled probe does not keep the breaker shut forever."""
    cb, clock = open_breaker(cooldown=10)
    clock.now += 10
    cb.before_call()  # the probe, which never reports
    clock.now += 9
    with pytest.raises(CircuitOpenError) as caught:
        cb.before_call()
    assert caught.value.retry_in == pytest.approx(1.0)
    clock.now += 1
    cb.before_call()  # a new probe
    assert cb.probe_started_at == clock.now


def test_threshold_zero_disables_the_breaker() -> None:
    """circuit_breaker_threshold=0 turns the breaker off: failures are not even counted."""
    cb, _ = breaker(threshold=0)
    assert not cb.enabled
    for _ in range(20):
        cb.before_call()
        cb.record_failure()
    assert cb.failures == 0 and cb.state == "closed"


def test_a_breaker_left_open_by_a_disabled_threshold_lets_calls_through() -> None:
    """A disabled breaker never fails a call, whatever state it was left in."""
    cb, _ = open_breaker(threshold=1)
    cb.threshold = 0
    cb.before_call()


def test_the_defaults_are_the_documented_ones() -> None:
    """5 consecutive failures open the breaker, for 30 seconds."""
    cb = CircuitBreaker()
    assert (cb.threshold, cb.cooldown, cb.failures, cb.state) == (5, 30.0, 0, "closed")


def test_the_open_error_says_how_many_failures_opened_it() -> None:
    """CircuitOpenError names the consecutive failures and the wait."""
    cb, clock = open_breaker(threshold=4, cooldown=30)
    clock.now += 5
    with pytest.raises(CircuitOpenError) as caught:
        cb.before_call()
    assert str(caught.value).startswith("circuit open after 4 consecutive fail")
    assert "; next probe in 25.0s" in str(caught.value)


def test_the_open_error_names_the_refused_call() -> None:
    """before_call's operation, method and URL go into the CircuitOpenError it raises."""
    cb, _ = open_breaker()
    with pytest.raises(CircuitOpenError) as caught:
        cb.before_call("core.get_activity", "GET", "https://acme.example/rest/x")
    assert (caught.value.operation, caught.value.method, caught.value.url) == (
        "core.get_activity",
        "GET",
        "https://acme.example/rest/x",
    )
