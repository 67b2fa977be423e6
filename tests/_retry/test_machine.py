"""The per-call machine on its own: outcomes in, steps out, no I/O and a fake clock."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notify_sdk._core import Operation, Safety
from notify_sdk._retry import RetryBudget, RetryPolicy
from notify_sdk._retry.machine import KEY_WINDOW, Machine, Next, Step
from notify_sdk.errors import (
    DuplicateRequestError,
    NotifyError,
    RateLimitError,
    ServerError,
    TransportError,
    ValidationError,
    from_code,
)
from notify_sdk.results import SendResult

POLICY = RetryPolicy(initial_delay=1.0, max_delay=4.0, jitter=False, deadline=30.0)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _lookup() -> Operation[Any]:
    return Operation(
        namespace="sms", method="GET", path="/x", parse=lambda d: d, safety=Safety.READ
    )


def op(safety: Safety, *, lookup: bool = True, replayed: bool = False, key: bool = False) -> Any:
    return Operation(
        namespace="kakao" if key else "sms",
        method="POST",
        path="/send",
        parse=lambda data: data,
        safety=safety,
        json={"senderGroupingKey": "g-1"},
        idempotency_key="idem-1" if key else None,
        lookup=_lookup if lookup else None,
        replayed=(lambda: "replayed") if replayed else None,
        label="send",
    )


def machine(
    operation: Any, policy: RetryPolicy = POLICY, budget: RetryBudget | None = None
) -> tuple[Machine, Clock]:
    clock = Clock()
    m = Machine(operation, policy, budget or RetryBudget(), clock=clock)
    return m, clock


def attempt(m: Machine, error: NotifyError) -> Next:
    m.sends += 1
    return m.attempt_failed(error)


LOST = TransportError("lost", ambiguous=True)
REFUSED = TransportError("refused", ambiguous=False)


@pytest.mark.parametrize(
    ("safety", "mode", "error", "expected"),
    [
        (Safety.READ, "reconcile", LOST, Next(Step.SEND, delay=1.0, retry=True)),
        (Safety.IDEMPOTENT, "reconcile", LOST, Next(Step.SEND, delay=1.0, retry=True)),
        (Safety.RECONCILE, "reconcile", LOST, Next(Step.LOOKUP, delay=1.0, retry=True)),
        (Safety.RECONCILE, "retry", LOST, Next(Step.SEND, delay=1.0, retry=True)),
        (Safety.RECONCILE, "raise", LOST, Next(Step.RAISE, error=LOST)),
        (Safety.UNSAFE, "retry", REFUSED, Next(Step.SEND, delay=1.0, retry=True)),
        (Safety.RECONCILE, "raise", REFUSED, Next(Step.SEND, delay=1.0, retry=True)),
        (Safety.READ, "retry", RateLimitError("429", http_status=429, retry_after=3.0),
         Next(Step.SEND, delay=3.0, retry=True)),
    ],
)  # fmt: skip
def test_first_failure_table(safety: Safety, mode: str, error: NotifyError, expected: Next) -> None:
    m, _ = machine(op(safety), POLICY.evolve(on_ambiguous=mode))
    assert attempt(m, error) == expected


def test_unsafe_ambiguous_failure_looks_up_once_then_raises_with_its_keys() -> None:
    m, _ = machine(op(Safety.UNSAFE))
    assert attempt(m, LOST) == Next(Step.LOOKUP)  # the final look before raising
    step = m.looked_up(None)
    assert step.step is Step.RAISE and step.error is LOST
    final = m.failed(LOST)
    assert final.attempts == 1 and final.sender_grouping_key == "g-1"


def test_reconcile_settles_then_resends_when_not_found() -> None:
    m, _ = machine(op(Safety.RECONCILE), POLICY.evolve(reconcile_wait=2.0))
    assert attempt(m, LOST).step is Step.LOOKUP
    assert m.looked_up(None) == Next(Step.LOOKUP, delay=2.0)  # the listing may lag
    assert m.looked_up(None) == Next(Step.SEND)


def test_reconcile_found_returns_the_earlier_send_marked_recovered() -> None:
    m, _ = machine(op(Safety.RECONCILE))
    attempt(m, LOST)
    found = SendResult(service="sms", request_id="r-1", recipients=())
    assert m.looked_up(found) == Next(Step.RETURN, result=found)
    stamped = m.succeeded(found)
    assert stamped.recovered and stamped.attempts == 1


def test_reconcile_lookup_failure_raises_maybe_sent() -> None:
    m, _ = machine(op(Safety.RECONCILE))
    attempt(m, LOST)
    broken = ServerError("502", http_status=502)
    step = m.looked_up(broken)
    assert step.step is Step.RAISE and isinstance(step.error, TransportError)
    assert step.error.ambiguous and step.error.__cause__ is broken


def test_no_resend_when_the_deadline_leaves_no_time_for_it() -> None:
    m, clock = machine(op(Safety.RECONCILE), POLICY.evolve(reconcile_wait=0.0))
    attempt(m, LOST)
    clock.now += 29.9
    assert m.looked_up(None) == Next(Step.LOOKUP)  # no settle wait is left: no sleep
    step = m.looked_up(None)
    assert step.step is Step.RAISE and isinstance(step.error, TransportError)
    assert step.error.__cause__ is LOST


def test_minus_1005_after_a_lost_answer_recovers_and_replays() -> None:
    m, _ = machine(op(Safety.IDEMPOTENT, replayed=True, key=True))
    assert attempt(m, LOST).step is Step.SEND
    duplicate = from_code("kakao", -1005, "dup")
    assert isinstance(duplicate, DuplicateRequestError)
    assert attempt(m, duplicate) == Next(Step.LOOKUP)
    # A failed lookup means "not found" and is not looked again.
    assert m.looked_up(ServerError("502", http_status=502)) == Next(Step.REPLAY)
    assert m.recovered


def test_minus_1005_without_a_replayed_result_raises_it() -> None:
    m, _ = machine(op(Safety.IDEMPOTENT, key=True, lookup=False))
    attempt(m, LOST)
    duplicate = from_code("kakao", -1005, "dup")
    assert attempt(m, duplicate) == Next(Step.RAISE, error=duplicate)


def test_final_errors_raise_at_once() -> None:
    bad = ValidationError("bad", field="to")
    m, _ = machine(op(Safety.READ))
    assert attempt(m, bad) == Next(Step.RAISE, error=bad)
    assert m.failed(bad).attempts == 1


def test_attempts_run_out() -> None:
    m, _ = machine(op(Safety.READ), POLICY.evolve(max_attempts=2))
    assert attempt(m, REFUSED).step is Step.SEND
    assert attempt(m, REFUSED).step is Step.RAISE


def test_a_retry_spends_from_the_budget_and_an_empty_one_stops() -> None:
    budget = RetryBudget(capacity=1.0)
    m, _ = machine(op(Safety.READ), budget=budget)
    assert attempt(m, REFUSED).step is Step.SEND
    assert budget.available == 0.0
    assert attempt(m, REFUSED).step is Step.RAISE
    assert m.decision is not None and "budget" in m.decision.reason


def test_a_safe_last_failure_after_an_ambiguous_one_is_raised_as_maybe_sent() -> None:
    m, _ = machine(op(Safety.IDEMPOTENT, lookup=False, key=True), POLICY.evolve(max_attempts=2))
    attempt(m, LOST)
    step = attempt(m, REFUSED)
    assert step == Next(Step.RAISE, error=REFUSED)
    final = m.failed(REFUSED)
    assert isinstance(final, TransportError) and final.ambiguous and final.__cause__ is REFUSED
    assert final.attempts == 2 and final.idempotency_key == "idem-1"


def test_keyed_sends_stop_inside_the_key_window() -> None:
    keyed, _ = machine(op(Safety.IDEMPOTENT, key=True), POLICY.evolve(deadline=None))
    assert keyed.deadline == KEY_WINDOW
    plain, _ = machine(op(Safety.READ), POLICY.evolve(deadline=None))
    assert plain.time_left() is None


def test_a_first_success_is_returned_as_is() -> None:
    m, _ = machine(op(Safety.RECONCILE))
    m.sends = 1
    result = SendResult(service="sms", request_id="r", recipients=())
    assert m.succeeded(result) is result


# --- properties over any run of outcomes ----------------------------------------------

OUTCOMES = st.sampled_from(
    [
        LOST,
        REFUSED,
        ServerError("500", http_status=500),
        RateLimitError("429", http_status=429),
        ValidationError("bad", field="x"),
        from_code("kakao", -1005, "dup"),
    ]
)
FOUND = st.sampled_from([None, "found", ServerError("502", http_status=502)])


@settings(max_examples=300, deadline=None)
@given(
    safety=st.sampled_from(list(Safety)),
    mode=st.sampled_from(["reconcile", "raise", "retry"]),
    max_attempts=st.integers(1, 5),
    outcomes=st.lists(OUTCOMES, min_size=1, max_size=12),
    lookups=st.lists(FOUND, min_size=12, max_size=12),
)
def test_no_run_resends_what_may_have_landed(
    safety: Safety,
    mode: str,
    max_attempts: int,
    outcomes: list[NotifyError],
    lookups: list[Any],
) -> None:
    policy = POLICY.evolve(on_ambiguous=mode, max_attempts=max_attempts, deadline=None)
    m, _ = machine(op(safety, replayed=True), policy)
    pending, found = iter(outcomes), iter(lookups)
    step = attempt(m, next(pending))
    checked_since_ambiguous = False
    ambiguous = m.kind is not None and m.kind.value == "ambiguous"
    for _ in range(40):
        if step.step is Step.LOOKUP:
            checked_since_ambiguous = True
            step = m.looked_up(next(found, None))
            continue
        if step.step is not Step.SEND:
            break
        if ambiguous and safety is Safety.UNSAFE:
            pytest.fail("an unrepeatable request was sent again after an ambiguous failure")
        if ambiguous and safety is Safety.RECONCILE and mode == "reconcile":
            assert checked_since_ambiguous, "resent without looking the send up first"
        error = next(pending, None)
        if error is None:
            break
        step = attempt(m, error)
        checked_since_ambiguous = False
        ambiguous = m.kind is not None and m.kind.value == "ambiguous"
    assert m.sends <= max_attempts
    if step.step is Step.RAISE:
        assert isinstance(step.error, NotifyError)
