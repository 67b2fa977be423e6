"""The client's retry budget: a token bucket shared by every call of one client."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .decision import FailureKind

__all__ = ["RetryBudget", "RetryStats"]


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
        from .decision import FailureKind  # asked only after a failure

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

    def count_attempt(self, attempts: int = 1) -> None:
        """Count HTTP attempts (a call counts all of its own once, when it ends)."""
        with self._lock:
            self.attempts += attempts

    def stats(self) -> RetryStats:
        """A snapshot of the counters."""
        return RetryStats(self.attempts, self.retries, self._tokens, self.capacity)
