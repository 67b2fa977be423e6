"""The pure retry decision: classify a failed attempt, then decide what follows.

The decision "retry / reconcile / recover / stop" is one pure function,
:func:`decide`, of the operation's safety, the classified failure, the attempt
number and the time left. The drivers feed it and obey it. Nothing here does
I/O or sleeps.

What is repeated, and why:

* ``SAFE`` failures provably did not reach the provider's send logic
  (connect errors, pool timeouts, HTTP 429 and 503): always retried.
* ``AMBIGUOUS`` failures may have been processed (read timeouts, connections
  dropped after sending, HTTP 500/502/504 pages, the tables' retryable
  system-error codes): retried only when repeating cannot duplicate —
  queries; KakaoTalk sends, which carry an idempotency key; SMS and Brand
  Message sends after a lookup found the earlier attempt absent.
* ``FINAL`` failures (validation, authentication, permission, template,
  sender, quota, protocol violations) are never retried.
* ``REPLAYED``: -1005 on a retried KakaoTalk send whose earlier attempt may
  have landed — the message was accepted once; recover, never resend.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable

from .._core.operation import Safety
from .._core.record import Record
from ..errors import (
    APIError,
    ClientClosedError,
    DuplicateRequestError,
    NotifyError,
    RateLimitError,
    ServerError,
    TransportError,
)
from .policy import MIN_ATTEMPT_TIME, RetryPolicy

__all__ = ["Action", "Decision", "FailureKind", "classify", "decide"]


class FailureKind(enum.Enum):
    """What a failure says about whether the request took effect."""

    SAFE = "safe"
    AMBIGUOUS = "ambiguous"
    FINAL = "final"
    REPLAYED = "replayed"


class Action(enum.Enum):
    """What the driver does after a failed attempt."""

    RETRY = "retry"
    RECONCILE = "reconcile"
    RECOVER = "recover"
    STOP = "stop"


class Decision(Record):
    """The result of :func:`decide`: an action, the wait before it, and why."""

    __slots__ = ("action", "delay", "reason")

    def __init__(self, action: Action, delay: float = 0.0, reason: str = "") -> None:
        self.action = action
        self.delay = delay
        self.reason = reason


_SAFE_STATUSES = frozenset({429, 503})


def classify(error: NotifyError, *, earlier_ambiguous: bool = False) -> FailureKind:
    """Classify a failed attempt by what it says about the request's effect.

    Args:
        error: the typed error of the attempt.
        earlier_ambiguous: whether an earlier attempt of the same call may have
            reached the server; decides what a KakaoTalk -1005 means.
    """
    if isinstance(error, ClientClosedError):
        # Nothing more can be sent through a closed client.
        return FailureKind.FINAL
    if isinstance(error, TransportError):
        return FailureKind.AMBIGUOUS if error.ambiguous else FailureKind.SAFE
    if isinstance(error, DuplicateRequestError):
        return FailureKind.REPLAYED if earlier_ambiguous else FailureKind.FINAL
    if isinstance(error, RateLimitError):
        return FailureKind.SAFE
    if isinstance(error, APIError):
        if error.http_status in _SAFE_STATUSES and (error.code is None or error.retryable):
            return FailureKind.SAFE
        if isinstance(error, ServerError) and error.code is None:
            return FailureKind.AMBIGUOUS
        if error.retryable:
            # A transient system error of the provider: whether the request was
            # processed before it failed is unknown, so treat it as ambiguous.
            return FailureKind.AMBIGUOUS
    return FailureKind.FINAL


#: What an ambiguous failure calls for, by the operation's safety: an action,
#: or ``None`` where the policy's ``on_ambiguous`` decides (see ``_BY_MODE``).
_AMBIGUOUS: dict[Safety, Action | None] = {
    Safety.READ: Action.RETRY,
    Safety.IDEMPOTENT: Action.RETRY,
    Safety.RECONCILE: None,
    Safety.UNSAFE: Action.STOP,
}
_BY_MODE = {"reconcile": Action.RECONCILE, "retry": Action.RETRY, "raise": Action.STOP}
_WHY_STOP = {
    Safety.UNSAFE: "ambiguous failure of an unrepeatable request",
    Safety.RECONCILE: "ambiguous failure and on_ambiguous='raise'",
}


class _Facts(Record):
    """What the checks of :func:`decide` look at."""

    __slots__ = ("attempt", "budget_ok", "kind", "policy", "retry_after", "time_left")

    def __init__(
        self,
        kind: FailureKind,
        attempt: int,
        policy: RetryPolicy,
        time_left: float | None,
        retry_after: float | None,
        budget_ok: bool,
    ) -> None:
        self.kind = kind
        self.attempt = attempt
        self.policy = policy
        self.time_left = time_left
        self.retry_after = retry_after
        self.budget_ok = budget_ok


def _out_of_attempts(facts: _Facts, delay: float) -> Decision | None:
    if facts.attempt >= facts.policy.max_attempts:
        return Decision(Action.STOP, reason=f"gave up after {facts.attempt} attempts")
    return None


def _out_of_budget(facts: _Facts, delay: float) -> Decision | None:
    if not facts.budget_ok:
        return Decision(Action.STOP, reason="the client's retry budget is exhausted")
    return None


def _asked_too_long(facts: _Facts, delay: float) -> Decision | None:
    policy, asked = facts.policy, facts.retry_after
    if asked is not None and policy.respect_retry_after and asked > policy.max_delay:
        # No wait inside a call runs past max_delay: a server asking for
        # longer is answered by giving up with its retry_after.
        return Decision(
            Action.STOP,
            reason=f"the server asked to wait {asked:g}s, beyond max_delay {policy.max_delay:g}s",
        )
    return None


def _past_deadline(facts: _Facts, delay: float) -> Decision | None:
    if facts.time_left is not None and delay + MIN_ATTEMPT_TIME > facts.time_left:
        return Decision(
            Action.STOP, reason=f"a {delay:.2f}s wait would leave no time before the deadline"
        )
    return None


_Check = Callable[[_Facts, float], "Decision | None"]

#: The checks a repeatable failure still has to pass, in order, before and
#: after its wait is worked out; the first that answers stops the call
#: (botocore's standard retry mode is built the same way).
_BEFORE_WAIT: tuple[_Check, ...] = (_out_of_attempts, _out_of_budget)
_AFTER_WAIT: tuple[_Check, ...] = (_asked_too_long, _past_deadline)


def decide(
    safety: Safety,
    kind: FailureKind,
    *,
    attempt: int,
    policy: RetryPolicy,
    time_left: float | None,
    retry_after: float | None = None,
    budget_ok: bool = True,
    rng: Callable[[], float] = random.random,
) -> Decision:
    """Decide what follows a failed attempt. Pure: same inputs, same answer.

    The kind of failure and the operation's safety give the action
    (``_AMBIGUOUS``, ``_BY_MODE``); the checks of ``_BEFORE_WAIT`` and
    ``_AFTER_WAIT`` then stop a retry that has run out of attempts, budget or
    time.

    Args:
        safety: how safe the operation is to repeat.
        kind: the classified failure (:func:`classify`).
        attempt: the attempt that failed, from 1.
        policy: the policy in force for the call.
        time_left: seconds left before the policy's deadline (``None``: no cap).
        retry_after: the server's ``Retry-After``, in seconds, if any.
        budget_ok: whether the client's retry budget can pay for a retry.
        rng: source of jitter.
    """
    if kind is FailureKind.FINAL:
        return Decision(Action.STOP, reason="not retryable")
    if kind is FailureKind.REPLAYED:
        return Decision(Action.RECOVER, reason="-1005: an earlier attempt was accepted")
    action = Action.RETRY
    if kind is FailureKind.AMBIGUOUS:
        action = _AMBIGUOUS[safety] or _BY_MODE[policy.on_ambiguous]
        if action is Action.STOP:
            return Decision(Action.STOP, reason=_WHY_STOP[safety])
    facts = _Facts(kind, attempt, policy, time_left, retry_after, budget_ok)
    for check in _BEFORE_WAIT:
        stop = check(facts, 0.0)
        if stop is not None:
            return stop
    delay = policy.backoff(attempt, rng)
    if retry_after is not None and policy.respect_retry_after:
        delay = max(delay, retry_after)
    for check in _AFTER_WAIT:
        stop = check(facts, delay)
        if stop is not None:
            return stop
    return Decision(action, delay=delay, reason=kind.value)
