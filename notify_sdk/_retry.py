"""Retry policy and the pure retry decision shared by both drivers.

The decision "retry / reconcile / recover / stop" is one pure function,
:func:`decide`, of the operation's safety, the classified failure, the attempt
number and the time left. The drivers feed it and obey it; tenacity runs the
loop. Nothing here does I/O or sleeps.

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
import threading
from collections.abc import Callable
from typing import Any, Literal

import attrs
import httpx

from ._core import Safety
from .errors import (
    APIError,
    ClientClosedError,
    ConfigurationError,
    DuplicateRequestError,
    NotifyError,
    ProtocolError,
    RateLimitError,
    ServerError,
    TransportError,
)

__all__ = [
    "Action",
    "Decision",
    "FailureKind",
    "RetryBudget",
    "RetryEvent",
    "RetryPolicy",
    "RetryStats",
    "classify",
    "decide",
    "map_transport_error",
]

OnAmbiguous = Literal["reconcile", "raise", "retry"]

#: No retry starts with less of the deadline left than this (seconds): an
#: attempt cut short by the deadline only turns a clean failure into an
#: ambiguous one.
MIN_ATTEMPT_TIME = 0.25
_ON_AMBIGUOUS = ("reconcile", "raise", "retry")


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value < 0:
        raise ValueError(f"RetryPolicy.{attribute.name} must be >= 0, not {value!r}")


def _deadline_ok(_inst: object, _attr: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and value <= 0:
        raise ValueError(f"RetryPolicy.deadline must be > 0 or None, not {value!r}")


def _attempts_ok(_inst: object, _attr: attrs.Attribute[Any], value: int) -> None:
    if not isinstance(value, int) or value < 1:
        raise ValueError(f"RetryPolicy.max_attempts must be an int >= 1, not {value!r}")


def _mode_ok(_inst: object, _attr: attrs.Attribute[Any], value: str) -> None:
    if value not in _ON_AMBIGUOUS:
        raise ValueError(f"RetryPolicy.on_ambiguous must be one of {_ON_AMBIGUOUS}, not {value!r}")


@attrs.frozen(slots=True)
class RetryEvent:
    """Passed to ``RetryPolicy.on_retry`` before each retry's wait.

    Attributes:
        attempt: the attempt that just failed, counting from 1.
        error: the typed error of that attempt.
        delay: seconds the SDK will wait before the next attempt.
        operation: the method that is retrying, e.g. ``"send_sms"``.
        reconcile: ``True`` when the next attempt first looks the send up
            (SMS / Brand Message after an ambiguous failure) and resends only
            if it is absent.
    """

    attempt: int
    error: NotifyError
    delay: float
    operation: str = ""
    reconcile: bool = False


@attrs.frozen(slots=True)
class RetryPolicy:
    """When and how the SDK repeats a failed request.

    Policies are immutable; derive variants with :meth:`evolve`. Pass one to
    the client (``NotifyClient(retry=...)``) or to a single call (``retry=``).

    Args:
        max_attempts: attempts including the first; 1 disables retries.
        initial_delay: seconds before the first retry.
        max_delay: cap of one wait. No wait runs past it: when a 429/503
            ``Retry-After`` asks for longer, the call gives up at once with the
            typed error, whose ``retry_after`` says how long the server asked for.
        multiplier: growth of the wait from one retry to the next.
        jitter: randomize each wait between half and all of its value, so that
            many clients failing together do not retry in lockstep.
        deadline: seconds for all attempts and waits of one call; ``None`` for
            no cap. No wait runs past it and each attempt's HTTP timeout
            shrinks to the time left. Keep it under 10 minutes for KakaoTalk:
            the idempotency key protects a send for 10 minutes only.
        respect_retry_after: wait as long as a 429/503 ``Retry-After`` asks
            (up to ``max_delay``). When that is beyond ``max_delay`` or the
            deadline the call fails at once.
        on_ambiguous: what an SMS or Brand Message send does after a failure
            that may or may not have been accepted (these APIs have no
            idempotency key): ``"reconcile"`` looks the send up by its unique
            ``senderGroupingKey`` and resends only if it is absent;
            ``"raise"`` raises at once (``TransportError(ambiguous=True)`` or
            the typed error); ``"retry"`` resends blindly (at-least-once: a
            recipient may get the message twice).
        on_retry: called with a :class:`RetryEvent` before each retry's wait,
            e.g. to log or count retries. Exceptions it raises propagate.
        reconcile_wait: seconds to wait before looking a send up a second time
            when the first lookup found nothing (the provider's listing can lag
            a freshly accepted request).
    """

    max_attempts: int = attrs.field(default=4, validator=_attempts_ok)
    initial_delay: float = attrs.field(default=0.5, validator=_positive)
    max_delay: float = attrs.field(default=8.0, validator=_positive)
    multiplier: float = attrs.field(default=2.0, validator=_positive)
    jitter: bool = True
    deadline: float | None = attrs.field(default=30.0, validator=_deadline_ok)
    respect_retry_after: bool = True
    on_ambiguous: OnAmbiguous = attrs.field(default="reconcile", validator=_mode_ok)
    on_retry: Callable[[RetryEvent], object] | None = attrs.field(default=None, eq=False)
    reconcile_wait: float = attrs.field(default=1.0, validator=_positive)

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """A policy that never retries (``max_attempts=1``)."""
        return cls(max_attempts=1)

    def evolve(self, **changes: Any) -> RetryPolicy:
        """Return a copy with ``changes`` applied, e.g. ``policy.evolve(deadline=5)``."""
        return attrs.evolve(self, **changes)

    def backoff(self, retry_number: int, rng: Callable[[], float] = random.random) -> float:
        """The wait before retry number ``retry_number`` (1 for the first retry)."""
        delay = min(self.initial_delay * self.multiplier ** (retry_number - 1), self.max_delay)
        if self.jitter:
            delay *= 0.5 + rng() / 2
        return delay


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


@attrs.frozen(slots=True)
class Decision:
    """The result of :func:`decide`: an action, the wait before it, and why."""

    action: Action
    delay: float = 0.0
    reason: str = ""


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
        if safety is Safety.UNSAFE:
            return Decision(Action.STOP, reason="ambiguous failure of an unrepeatable request")
        if safety is Safety.RECONCILE:
            if policy.on_ambiguous == "raise":
                return Decision(Action.STOP, reason="ambiguous failure and on_ambiguous='raise'")
            if policy.on_ambiguous == "reconcile":
                action = Action.RECONCILE
    if attempt >= policy.max_attempts:
        return Decision(Action.STOP, reason=f"gave up after {attempt} attempts")
    if not budget_ok:
        return Decision(Action.STOP, reason="the client's retry budget is exhausted")
    delay = policy.backoff(attempt, rng)
    if retry_after is not None and policy.respect_retry_after:
        if retry_after > policy.max_delay:
            # No wait inside a call runs past max_delay: a server asking for
            # longer is answered by giving up with its retry_after.
            return Decision(
                Action.STOP,
                reason=f"the server asked to wait {retry_after:g}s, beyond max_delay "
                f"{policy.max_delay:g}s",
            )
        delay = max(delay, retry_after)
    if time_left is not None and delay + MIN_ATTEMPT_TIME > time_left:
        return Decision(
            Action.STOP, reason=f"a {delay:.2f}s wait would leave no time before the deadline"
        )
    return Decision(action, delay=delay, reason=kind.value)


@attrs.frozen(slots=True)
class RetryStats:
    """A snapshot of a client's retry counters (``client.retry_stats``).

    Attributes:
        attempts: HTTP attempts made by sends and queries (lookups included).
        retries: attempts that were retries of a failed one.
        budget_left: tokens left in the retry budget.
        budget_capacity: the budget's size.
    """

    attempts: int
    retries: int
    budget_left: float
    budget_capacity: float


class RetryBudget:
    """A token bucket that stops a failing provider from causing a retry storm.

    Every retry spends tokens (an ambiguous failure costs more than a safe
    one); every call that succeeds pays ``success_refund`` back. Retries are
    therefore paid for while the link mostly works — with the defaults, up to
    a failure rate of about 40 % of attempts (50 % when the failures are
    safe ones; 16 threads at 30 % faults retry as freely as one) — and the
    bucket drains only when most attempts fail.
    With the bucket empty, failures are raised at once instead of retried, so
    a bulk job hitting an outage degrades to fast failures; the first
    successes after the outage earn the retries back. Lookups that find an
    ambiguous send again neither spend from nor pay into the bucket on their
    own behalf: they belong to the send. Thread-safe.

    Args:
        capacity: the size of the bucket.
        retry_cost: tokens a retry after a safe failure costs.
        ambiguous_cost: tokens a retry after an ambiguous failure costs.
        success_refund: tokens a successful call pays back.
    """

    def __init__(
        self,
        capacity: float = 100.0,
        retry_cost: float = 1.0,
        ambiguous_cost: float = 1.5,
        success_refund: float = 1.0,
    ) -> None:
        self.capacity = capacity
        self.retry_cost = retry_cost
        self.ambiguous_cost = ambiguous_cost
        self.success_refund = success_refund
        self._tokens = capacity
        self._lock = threading.Lock()
        self.attempts = 0
        self.retries = 0

    @property
    def available(self) -> float:
        """Tokens left."""
        return self._tokens

    def cost_of(self, kind: FailureKind) -> float:
        """What a retry after a failure of ``kind`` costs."""
        return self.ambiguous_cost if kind is FailureKind.AMBIGUOUS else self.retry_cost

    def can_spend(self, amount: float) -> bool:
        """Whether ``amount`` tokens are available (without taking them)."""
        return self._tokens >= amount

    def spend(self, amount: float) -> bool:
        """Take ``amount`` tokens; ``False`` (and nothing taken) when short."""
        with self._lock:
            if self._tokens < amount:
                return False
            self._tokens -= amount
            self.retries += 1
            return True

    def refund(self, amount: float) -> None:
        """Give tokens back after a success, up to the capacity."""
        if self._tokens < self.capacity:
            with self._lock:
                self._tokens = min(self.capacity, self._tokens + amount)

    def count_attempt(self) -> None:
        """Count one HTTP attempt."""
        with self._lock:
            self.attempts += 1

    def stats(self) -> RetryStats:
        """A snapshot of the counters."""
        return RetryStats(self.attempts, self.retries, self._tokens, self.capacity)


_CONNECT_PHASE: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
)


def map_transport_error(exc: Exception, namespace: str, label: str) -> NotifyError:
    """Turn an httpx exception into the SDK's typed error.

    Connect-phase failures never sent a byte of the request, so they are not
    ambiguous; anything after the connection was made (read/write timeouts,
    dropped connections) may have been processed.
    """
    name = type(exc).__name__
    if isinstance(exc, _CONNECT_PHASE):
        return TransportError(
            f"{label}: could not reach the {namespace} API ({name}); the request was not sent",
            ambiguous=False,
            service=namespace,
        )
    if isinstance(exc, httpx.UnsupportedProtocol):
        return ConfigurationError(f"{label}: unsupported URL scheme in the base URL ({exc})")
    if isinstance(exc, (httpx.DecodingError, httpx.TooManyRedirects, httpx.LocalProtocolError)):
        return ProtocolError(f"{label}: {name} talking to the {namespace} API", service=namespace)
    if isinstance(exc, httpx.InvalidURL):
        return ConfigurationError(f"{label}: invalid URL ({exc})")
    return TransportError(
        f"{label}: {name} after the request was sent to the {namespace} API; it may or may "
        "not have been processed",
        ambiguous=True,
        service=namespace,
    )
