"""The fault plan's decisions, for all rule lists (ofsc.testing._faults: no I/O).

The rules (the module's docstring): rules are tried in the order they were added; a rule
applies to a request whose path matches its glob and whose method matches (any case), at
most ``count`` times, each time with probability ``rate`` from the plan's seeded generator;
the latencies of all applying rules add up; the first applying rule with an outcome decides
it, and the rules after it are not consumed; a rule must say what it does.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsc.testing._faults import Decision, Fault, FaultPlan

PROPERTY = settings(max_examples=60, deadline=None)
RULES = st.lists(
    st.tuples(
        st.sampled_from(["*", "/a/*", "/b/*", "/a/1"]),
        st.sampled_from([None, "GET", "post"]),
        st.sampled_from([None, 503, "reset", "truncate"]),
        st.sampled_from([0.0, 0.5, 2.0]),
        st.sampled_from([None, 0, 1, 2]),
    ).filter(lambda r: r[2] is not None or r[3] > 0),
    max_size=5,
)
REQUESTS = st.lists(
    st.tuples(st.sampled_from(["GET", "POST", "get"]), st.sampled_from(["/a/1", "/a/2/x", "/b/1", "/c"])),
    max_size=8,
)


def add(
    plan: FaultPlan,
    path: str,
    method: str | None,
    outcome: int | str | None,
    latency: float,
    count: int | None,
) -> Fault:
    return plan.add(
        path,
        method,
        status=outcome if isinstance(outcome, int) else None,
        reset=outcome == "reset",
        truncate=outcome == "truncate",
        latency=latency,
        count=count,
    )


@PROPERTY
@given(RULES, REQUESTS)
def test_rules_apply_in_order_up_to_their_count_and_the_first_outcome_decides(
    rules: list[tuple[str, str | None, int | str | None, float, int | None]], requests: list[tuple[str, str]]
) -> None:
    """For each request: walk the rules in order, skipping used-up and non-matching ones; add
    up the latencies of those that apply; stop at the first with an outcome."""
    import fnmatch

    plan = FaultPlan()
    added = [add(plan, *rule) for rule in rules]
    fired = [0] * len(rules)
    for method, path in requests:
        latency, outcome = 0.0, None
        for n, (glob, rule_method, result, delay, count) in enumerate(rules):
            if count is not None and fired[n] >= count:
                continue
            if rule_method is not None and rule_method.upper() != method.upper():
                continue
            if not fnmatch.fnmatchcase(path, glob):
                continue
            fired[n] += 1
            latency += delay
            if result is not None:
                outcome = added[n]
                break
        decision = plan.decide(method, path)
        assert decision.latency == latency
        assert decision.outcome is outcome
    assert [rule.fired for rule in added] == fired


@PROPERTY
@given(st.floats(min_value=0, max_value=1), st.integers(min_value=0, max_value=2**16))
def test_a_rate_is_a_seeded_probability(rate: float, seed: int) -> None:
    """A rule applies with probability ``rate``; the same seed gives the same sequence."""
    decisions = []
    for _ in range(2):
        plan = FaultPlan(seed=seed)
        plan.add(status=503, rate=rate)
        decisions.append([plan.decide("GET", "/x").outcome is not None for _ in range(40)])
    assert decisions[0] == decisions[1]
    if rate == 0.0:
        assert not any(decisions[0])
    if rate == 1.0:
        assert all(decisions[0])


def test_a_rate_of_one_half_fires_about_half_the_time() -> None:
    """rate=0.5 applies to some requests and not others."""
    plan = FaultPlan(seed=1)
    rule = plan.add(status=503, rate=0.5)
    outcomes = [plan.decide("GET", "/x").outcome for _ in range(200)]
    assert 60 < rule.fired < 140
    assert outcomes.count(None) == 200 - rule.fired


def test_an_exhausted_rule_no_longer_applies() -> None:
    """count=N: N requests, then the rule is used up; count=None never is."""
    rule = Fault(status=503, count=2)
    assert not rule.exhausted
    rule.fired = 2
    assert rule.exhausted
    assert not Fault(status=503).exhausted
    assert Fault(status=503, count=0).exhausted


def test_what_counts_as_an_outcome() -> None:
    """A status, a reset or a truncation decides the answer; latency alone does not."""
    assert (
        Fault(status=500).has_outcome and Fault(reset=True).has_outcome and Fault(truncate=True).has_outcome
    )
    assert not Fault(latency=1.0).has_outcome


def test_matching_is_by_glob_and_method_in_any_case() -> None:
    """The path glob's ``*`` crosses ``/``; a method matches whatever its case; None matches any."""
    rule = Fault(path="/rest/*", method="get", status=503)
    assert rule.matches("GET", "/rest/a/b") and rule.matches("get", "/rest/x")
    assert not rule.matches("POST", "/rest/a") and not rule.matches("GET", "/other")
    assert Fault(path="/REST/*").matches("PUT", "/REST/x") and not Fault(path="/REST/*").matches(
        "PUT", "/rest/x"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": 503, "reset": True}, "a fault answers with one of status=, reset=True or truncate=True"),
        (
            {"reset": True, "truncate": True},
            "a fault answers with one of status=, reset=True or truncate=True",
        ),
        ({}, "a fault needs status=, latency=, reset=True or truncate=True"),
        ({"status": 503, "rate": 1.5}, "rate must be between 0 and 1, got 1.5"),
        ({"status": 503, "rate": -0.1}, "rate must be between 0 and 1, got -0.1"),
    ],
)
def test_a_rule_must_say_one_thing_to_do(kwargs: dict[str, object], message: str) -> None:
    """Contradictory or empty rules, and rates outside [0, 1], are refused."""
    with pytest.raises(ValueError) as caught:
        FaultPlan().add(**kwargs)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_rules_are_kept_as_given_until_cleared() -> None:
    """add returns the rule with every setting as given; rules lists them; clear removes them all."""
    plan = FaultPlan()
    rule = plan.add("/p", "GET", status=429, retry_after=1.5, latency=0.1, count=3, rate=0.9)
    assert (rule.path, rule.method, rule.status, rule.retry_after, rule.latency, rule.count, rule.rate) == (
        "/p", "GET", 429, 1.5, 0.1, 3, 0.9,
    )  # fmt: skip
    assert (rule.reset, rule.truncate, rule.fired) == (False, False, 0)
    latency_only = plan.add(latency=0.5)
    assert plan.rules == [rule, latency_only]
    plan.clear()
    assert plan.rules == [] and plan.decide("GET", "/p") == Decision()
    reset = plan.add(reset=True)
    truncate = plan.add(truncate=True)
    assert (reset.reset, reset.truncate, truncate.truncate, truncate.reset) == (True, False, True, False)


def test_the_default_seed_is_zero() -> None:
    """FaultPlan() draws the same sequence as FaultPlan(seed=0)."""
    default, zero = FaultPlan(), FaultPlan(seed=0)
    for plan in (default, zero):
        plan.add(status=503, rate=0.5)
    assert [default.decide("GET", "/x").outcome is None for _ in range(40)] == [
        zero.decide("GET", "/x").outcome is None for _ in range(40)
    ]


def test_a_rule_that_always_applies_draws_nothing_from_the_generator() -> None:
    """Only rules with a rate below 1 use the seeded generator: adding a certain rule does not
    change which requests a random rule hits."""
    alone = FaultPlan(seed=5)
    alone.add(latency=0.1, rate=0.5)
    with_certain = FaultPlan(seed=5)
    with_certain.add(latency=0.2)
    with_certain.add(latency=0.1, rate=0.5)
    assert [alone.decide("GET", "/x").latency for _ in range(30)] == [
        round(with_certain.decide("GET", "/x").latency - 0.2, 9) for _ in range(30)
    ]


def test_a_rule_that_does_not_fire_lets_the_next_one_decide() -> None:
    """A rule skipped by its rate is passed over: later rules still apply."""
    plan = FaultPlan()
    plan.add(status=500, rate=0.0)
    second = plan.add(status=503)
    assert plan.decide("GET", "/x").outcome is second
