"""The per-call machine: what follows each attempt and each lookup of one call.

A driver sends, looks up, sleeps and returns or raises as the machine says;
the machine decides. It holds the bookkeeping of one logical call (attempts,
the deadline, the idempotency-key window, what the last failure said, whether
an earlier attempt may have landed) and turns each outcome into a
:class:`Next` step:

=====================  =====================================================
the driver reports     the machine answers (first row that fits)
=====================  =====================================================
attempt failed         :func:`~.decision.decide` says retry → ``SEND`` after
                       its wait; reconcile → ``LOOKUP`` after its wait;
                       recover (-1005 after an ambiguous attempt) →
                       ``LOOKUP``; stop, with an ambiguous failure behind
                       and a lookup to ask → ``LOOKUP`` (the final one);
                       stop → ``RAISE`` the final error
lookup found the send  ``RETURN`` it (recovered)
lookup failed          reconciling → ``RAISE`` "maybe sent, lookup failed";
                       otherwise as "found nothing", without a second look
lookup found nothing   first look of a reconcile or recover → ``LOOKUP``
                       again after ``reconcile_wait`` (listings lag);
                       reconcile → ``SEND`` if an attempt still fits the
                       deadline, else ``RAISE``; recover → ``REPLAY`` (or
                       ``RAISE`` without a replayed result); final → ``RAISE``
=====================  =====================================================

Nothing here does I/O or sleeps, and the only clock it reads is the one it
is handed. The happy path costs nothing: a call whose first attempt succeeds
never asks the machine anything but :meth:`Machine.succeeded`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._core.operation import Operation, Safety
from .._core.record import Record
from ..errors import NotifyError, TransportError
from ..results import SendResult
from .budget import RetryBudget
from .policy import MIN_ATTEMPT_TIME, RetryPolicy

if TYPE_CHECKING:
    from .decision import Decision, FailureKind

__all__ = ["KEY_WINDOW", "Machine", "Next", "Step"]

#: The provider remembers an idempotency key for 10 minutes; retries of a
#: keyed send stop well inside that window, whatever the policy says.
KEY_WINDOW = 540.0

_Looking = Literal["reconcile", "recover", "final"]


class Step(enum.Enum):
    """What the driver does next."""

    #: Send the request (again), after ``delay`` if it is set.
    SEND = "send"
    #: Look the send up by its keys (``Operation.lookup``), after ``delay``.
    LOOKUP = "lookup"
    #: The call's answer is ``result``.
    RETURN = "return"
    #: An earlier attempt was accepted and cannot be found: return
    #: ``Operation.replayed()``.
    REPLAY = "replay"
    #: The call fails with ``error``.
    RAISE = "raise"


class Next(Record):
    """One step of the machine's answer.

    Attributes:
        step: what to do.
        delay: seconds to sleep first; ``None`` for no sleep at all.
        result: with ``RETURN``, the call's result.
        error: with ``RAISE``, the error to raise.
        retry: whether the step starts a retry (the policy's ``on_retry``
            and the hooks hear of it before the sleep).
    """

    __slots__ = ("delay", "error", "result", "retry", "step")

    def __init__(
        self,
        step: Step,
        delay: float | None = None,
        result: Any = None,
        error: NotifyError | None = None,
        retry: bool = False,
    ) -> None:
        self.step = step
        self.delay = delay
        self.result = result
        self.error = error
        self.retry = retry


class Machine:
    """The state and transitions of one logical call. Pure but for the handed clock.

    Args:
        op: the operation the call runs.
        policy: the retry policy in force.
        budget: the client's retry budget (a retry spends from it).
        clock: seconds, monotonic; read for the deadline only.
        is_lookup: the call looks another call's send up again; its success
            belongs to that send and refills no budget.
    """

    __slots__ = (
        "budget",
        "clock",
        "deadline",
        "decision",
        "earlier_ambiguous",
        "is_lookup",
        "kind",
        "last_error",
        "looking",
        "lookups",
        "op",
        "policy",
        "reconcile_next",
        "recovered",
        "sends",
        "settled",
        "started",
    )

    def __init__(
        self,
        op: Operation[Any],
        policy: RetryPolicy,
        budget: RetryBudget,
        *,
        clock: Callable[[], float],
        is_lookup: bool = False,
    ) -> None:
        self.op = op
        self.policy = policy
        self.budget = budget
        self.clock = clock
        self.is_lookup = is_lookup
        self.started = clock()
        deadline = policy.deadline
        if op.idempotency_key is not None:
            # A retry after the key's window would be a new message.
            deadline = KEY_WINDOW if deadline is None else min(deadline, KEY_WINDOW)
        self.deadline = deadline
        #: HTTP attempts made (the driver counts them as it sends).
        self.sends = 0
        #: HTTP requests of the lookups that looked this send up again.
        self.lookups = 0
        self.decision: Decision | None = None
        self.kind: FailureKind | None = None
        self.last_error: NotifyError | None = None
        self.earlier_ambiguous = False
        self.reconcile_next = False
        self.recovered = False
        self.looking: _Looking | None = None
        self.settled = False

    # -- time -----------------------------------------------------------------

    def time_left(self) -> float | None:
        """Seconds left before the deadline (``None``: no deadline)."""
        if self.deadline is None:
            return None
        return self.deadline - (self.clock() - self.started)

    def past_deadline(self) -> bool:
        """Whether the deadline has passed."""
        return self.deadline is not None and self.clock() - self.started > self.deadline

    def settle_wait(self) -> float:
        """The wait before a second lookup, leaving room for it and a resend."""
        left = self.time_left()
        wait = self.policy.reconcile_wait
        return wait if left is None else max(min(wait, left - 3 * MIN_ATTEMPT_TIME), 0.0)

    def lookup_policy(self) -> RetryPolicy:
        """The policy of a lookup: the call's, inside what is left of its deadline."""
        left = self.time_left()
        return self.policy.evolve(
            deadline=None if left is None else max(left, 0.001), on_retry=None
        )

    # -- transitions ------------------------------------------------------------

    def attempt_failed(self, error: NotifyError) -> Next:
        """An attempt ended with ``error``: classify it, decide, pay for a retry."""
        # The decision table loads with the first failure: a process whose
        # calls all succeed never imports it.
        from .decision import Action, Decision, FailureKind, classify, decide

        kind = classify(error, earlier_ambiguous=self.earlier_ambiguous)
        budget = self.budget
        cost = budget.cost_of(kind)
        decision = decide(
            self.op.safety,
            kind,
            attempt=self.sends,
            policy=self.policy,
            time_left=self.time_left(),
            retry_after=getattr(error, "retry_after", None),
            budget_ok=budget.can_spend(cost),
        )
        if decision.action in (Action.RETRY, Action.RECONCILE) and not budget.spend(cost):
            decision = Decision(Action.STOP, reason="the client's retry budget is exhausted")
        if kind is FailureKind.AMBIGUOUS:
            self.earlier_ambiguous = True
        self.kind = kind
        self.last_error = error
        self.decision = decision
        action = decision.action
        self.reconcile_next = action is Action.RECONCILE
        if action is Action.RETRY:
            return Next(Step.SEND, delay=decision.delay, retry=True)
        if action is Action.RECONCILE:
            if self.op.lookup is None:
                # Nothing to look the send up with: resend, as found absent.
                return Next(Step.SEND, delay=decision.delay, retry=True)
            return self._look("reconcile", decision.delay, retry=True)
        if action is Action.RECOVER:
            if self.op.lookup is None:
                return self._not_found("recover")
            return self._look("recover")
        if self.wants_final_lookup():
            return self._look("final")
        return Next(Step.RAISE, error=error)

    def looked_up(self, found: Any) -> Next:
        """A lookup ended: ``found`` is the send found, ``None``, or the lookup's error."""
        looking = self.looking
        if isinstance(found, NotifyError):
            if looking == "reconcile":
                return Next(Step.RAISE, error=self.lookup_failed(found))
            # Recovering or a last look before raising: a failed lookup only
            # means "not found", and a second look would not do better.
            self.settled = True
            found = None
        if found is not None:
            self.looking = None
            self.recovered = True
            return Next(Step.RETURN, result=found)
        if looking != "final" and not self.settled:
            self.settled = True
            wait = self.settle_wait()
            return Next(Step.LOOKUP, delay=wait if wait > 0 else None)
        return self._not_found(looking)

    def _not_found(self, looking: _Looking | None) -> Next:
        self.looking = None
        if looking == "reconcile":
            too_late = self.too_late_to_resend()
            return Next(Step.SEND) if too_late is None else Next(Step.RAISE, error=too_late)
        if looking == "recover" and self.op.replayed is not None:
            self.recovered = True
            return Next(Step.REPLAY)
        assert self.last_error is not None
        return Next(Step.RAISE, error=self.last_error)

    def _look(self, why: _Looking, delay: float | None = None, *, retry: bool = False) -> Next:
        self.looking = why
        self.settled = False
        return Next(Step.LOOKUP, delay=delay, retry=retry)

    def wants_final_lookup(self) -> bool:
        """Whether to look a send up once more before raising an ambiguous failure.

        When retries are exhausted (or disabled) after a failure whose effect
        is unknown, one read turns "maybe sent" into a definite answer.
        """
        if self.op.safety is Safety.RECONCILE and self.policy.on_ambiguous == "raise":
            return False
        from .decision import Action, FailureKind

        left = self.time_left()
        decision = self.decision
        return (
            (left is None or left > 0)
            and decision is not None
            and decision.action is Action.STOP
            and (self.kind is FailureKind.AMBIGUOUS or self.earlier_ambiguous)
            and self.op.lookup is not None
        )

    def too_late_to_resend(self) -> TransportError | None:
        """After a lookup found nothing: the error to stop with if no resend fits.

        A resend started with a few milliseconds left would time out and turn
        "not sent" into "maybe sent"; better to stop with the earlier error.
        """
        left = self.time_left()
        if left is None or left >= MIN_ATTEMPT_TIME:
            return None
        error = TransportError(
            f"{self.op.label}: an earlier attempt failed ambiguously; looking it up found "
            "nothing, but too little of the deadline is left to resend safely — check "
            "before sending again",
            ambiguous=True,
            service=self.op.namespace,
        )
        error.__cause__ = self.last_error
        return error

    def resend_or_give_up(self) -> None:
        """Raise :meth:`too_late_to_resend`'s error, if there is one."""
        error = self.too_late_to_resend()
        if error is not None:
            raise error

    def lookup_failed(self, exc: NotifyError) -> TransportError:
        """The error of a reconciliation whose lookup failed: maybe sent."""
        error = TransportError(
            f"{self.op.label}: an earlier attempt failed ambiguously and looking the send up "
            f"failed too ({type(exc).__name__}); it may or may not have been accepted — check "
            "before sending again",
            ambiguous=True,
            service=self.op.namespace,
        )
        error.__cause__ = exc
        return error

    # -- the end ------------------------------------------------------------------

    def succeeded(self, result: Any) -> Any:
        """The call's result: attempts stamped on a send result, the budget refilled."""
        if not self.is_lookup:
            # A lookup's success belongs to its send: in a storm whose reads
            # still work, it must not pay for the failing sends' retries.
            self.budget.refund(self.budget.success_refund)
        if (self.sends > 1 or self.recovered or self.lookups) and isinstance(result, SendResult):
            changes: dict[str, Any] = {"attempts": max(self.sends, 1), "lookups": self.lookups}
            if self.recovered:
                changes["recovered"] = True
            result = attrs.evolve(result, **changes)
        return result

    def failed(self, error: NotifyError) -> NotifyError:
        """The error to raise when the call gives up, with ``attempts`` set.

        A last attempt that provably did not reach the server (refused
        connection, 429, 503, an empty budget) says nothing about an earlier
        attempt that may have: raising it as is would tell the caller "not
        sent" about a message that may have gone out. Such a call ends with
        an ambiguous TransportError instead, the last error as its cause.
        """
        from .decision import FailureKind

        if self.earlier_ambiguous and self.kind is FailureKind.SAFE and error is self.last_error:
            wrapped = TransportError(
                f"{self.op.label}: an earlier attempt may have been accepted (its answer was "
                f"lost) and the last one failed with {type(error).__name__}; check before "
                "sending again",
                ambiguous=True,
                service=self.op.namespace,
            )
            wrapped.__cause__ = error
            error = wrapped
        if error.attempts is None and self.sends > 0:
            error.attempts = self.sends
        if self.lookups:
            error.lookups = self.lookups
        op = self.op
        # The caller's handle on what may have gone out.
        grouping = op.json.get("senderGroupingKey") if isinstance(op.json, dict) else None
        if isinstance(grouping, str) and op.lookup is not None:
            error.sender_grouping_key = grouping
        if op.idempotency_key is not None:
            error.idempotency_key = op.idempotency_key
        return error
