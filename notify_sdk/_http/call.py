"""The bookkeeping of one logical call, shared by the sync and async drivers."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import httpx
import tenacity

from .._core import Operation, Safety, decode_envelope, json_bytes
from .._core.params import unencodable_field
from .._retry import (
    MIN_ATTEMPT_TIME,
    Action,
    Decision,
    FailureKind,
    RetryBudget,
    RetryEvent,
    RetryPolicy,
    classify,
    decide,
)
from ..errors import (
    ClientClosedError,
    NotifyError,
    ProtocolError,
    TransportError,
    ValidationError,
)
from ..results import SendResult
from .config import Config
from .transport import map_transport_error

if TYPE_CHECKING:
    # Imported only by clients given hooks: attrs classes cost ~1 ms each to
    # build, and most applications never ask for them.
    from ..hooks import CallObserver, HookSet

__all__ = ["Call", "complete"]

T = TypeVar("T")

logger = logging.getLogger("notify_sdk")

_JSON_CONTENT_TYPE = "application/json;charset=UTF-8"
_RETRYING_ACTIONS = (Action.RETRY, Action.RECONCILE)
_KEY_WINDOW = 540.0
# Exceptions a parser can hit on an answer of an unexpected shape; they become
# ProtocolError so that no KeyError or TypeError ever reaches the caller.
_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)


def complete(response: httpx.Response) -> bool:
    """Whether the whole body (per Content-Length) has arrived."""
    length = response.headers.get("content-length")
    return length is not None and length.isdigit() and response.num_bytes_downloaded >= int(length)


class Call:
    """Bookkeeping for one logical call: attempts, deadline, the last decision."""

    __slots__ = (
        "body",
        "budget",
        "deadline",
        "decision",
        "earlier_ambiguous",
        "is_lookup",
        "kind",
        "last_error",
        "lookups",
        "observer",
        "op",
        "policy",
        "reconcile_next",
        "recovered",
        "sends",
        "started",
    )

    def __init__(
        self,
        op: Operation[Any],
        policy: RetryPolicy,
        budget: RetryBudget,
        *,
        is_lookup: bool = False,
        hooks: HookSet | None = None,
        parent: Call | None = None,
    ) -> None:
        self.op = op
        # Events for the client's hooks; None (and nothing built) without hooks.
        self.observer: CallObserver | None = None
        if hooks:
            self.observer = hooks.observe(
                label=op.label,
                method=op.method,
                path=op.path,
                namespace=op.namespace,
                body=op.json,
                parent=parent.observer if parent is not None else None,
            )
        #: A lookup that finds an ambiguous send again: its HTTP requests are
        #: counted on the send (``lookups``), not as a call of their own.
        self.is_lookup = is_lookup
        self.policy = policy
        self.budget = budget
        # Serialised once per call, not per attempt, and handed to httpx as
        # bytes: a 1,000-recipient body is ~60 KB of JSON.
        try:
            self.body = None if op.json is None else json_bytes(op.json)
        except UnicodeEncodeError:
            raise self.unencodable() from None
        self.started = time.monotonic()
        self.deadline = policy.deadline
        if op.idempotency_key is not None:
            # The provider remembers an idempotency key for 10 minutes only; a
            # retry after that would be a new message, so retrying stops well
            # inside the window whatever the policy says.
            self.deadline = min(self.deadline or _KEY_WINDOW, _KEY_WINDOW)
        self.sends = 0
        # HTTP requests of the lookups that looked this send up again.
        self.lookups = 0
        self.decision: Decision | None = None
        self.kind: FailureKind | None = None
        self.last_error: NotifyError | None = None
        self.earlier_ambiguous = False
        self.reconcile_next = False
        self.recovered = False

    # -- time ---------------------------------------------------------------

    def time_left(self) -> float | None:
        if self.deadline is None:
            return None
        return self.deadline - (time.monotonic() - self.started)

    def past_deadline(self) -> bool:
        return self.deadline is not None and time.monotonic() - self.started > self.deadline

    def timeout(self, base: httpx.Timeout) -> httpx.Timeout:
        """The configured timeout, shrunk so that no attempt outlives the deadline."""
        left = self.time_left()
        if left is None:
            return base
        left = max(left, 0.001)

        def cap(value: float | None) -> float:
            return left if value is None else min(value, left)

        if all(v is not None and v <= left for v in (base.connect, base.read, base.write)):
            return base
        return httpx.Timeout(
            connect=cap(base.connect),
            read=cap(base.read),
            write=cap(base.write),
            pool=cap(base.pool),
        )

    # -- the request --------------------------------------------------------

    def request_args(self, config: Config) -> tuple[str, str, dict[str, Any]]:
        """Method, URL and httpx keyword arguments for the next attempt."""
        op = self.op
        creds = config.credentials(op.namespace)
        app_key, secret = creds.require(op.namespace)
        headers = {"X-Secret-Key": secret}
        if op.files is None:
            headers["Content-Type"] = _JSON_CONTENT_TYPE
        if op.headers:
            headers.update(op.headers)
        kwargs: dict[str, Any] = {"headers": headers, "timeout": self.timeout(config.timeout)}
        if op.params:
            kwargs["params"] = op.params
        if self.body is not None:
            kwargs["content"] = self.body
        if op.files is not None:
            kwargs["files"] = op.files
        if op.data is not None:
            kwargs["data"] = op.data
        self.sends += 1
        self.budget.count_attempt()
        if self.observer is not None:
            self.observer.request(self.sends)
        return op.method, creds.base_url + op.path.replace("{appkey}", app_key), kwargs

    def read(self, response: httpx.Response, content: bytes, started: float) -> Any:
        """Decode and parse an answer, or raise its typed error."""
        op = self.op
        try:
            data = decode_envelope(
                op.namespace,
                response.status_code,
                content,
                response.headers.get("retry-after"),
                op.tolerate,
            )
            try:
                result = op.parse(data)
            except _SHAPE_ERRORS as exc:
                raise ProtocolError(
                    f"{op.label}: the {op.namespace} API answer does not have the documented "
                    f"shape ({type(exc).__name__}: {exc})",
                    service=op.namespace,
                    http_status=response.status_code,
                ) from None
        except NotifyError as error:
            self.log(response.status_code, getattr(error, "code", None), started, error)
            raise
        self.log(response.status_code, 0, started, None, result)
        return result

    def too_slow(self, started: float) -> NotifyError:
        """The deadline passed while the answer was still arriving."""
        error = TransportError(
            f"{self.op.label}: the deadline passed while the {self.op.namespace} API was still "
            "answering; the request may or may not have been processed",
            ambiguous=True,
            service=self.op.namespace,
        )
        self.log(None, None, started, error)
        return error

    def transport_failure(self, exc: Exception, started: float) -> NotifyError:
        error = map_transport_error(exc, self.op.namespace, self.op.label or self.op.path)
        self.log(None, None, started, error)
        return error

    def log(
        self,
        status: int | None,
        code: int | None,
        started: float,
        error: NotifyError | None,
        result: object = None,
    ) -> None:
        """Report one attempt's end to the hooks and, at DEBUG, to the log."""
        observer = self.observer
        if observer is not None:
            observer.response(
                self.sends,
                status_code=status,
                result_code=code,
                error=error,
                elapsed=time.perf_counter() - started,
                result=result,
            )
        if not logger.isEnabledFor(logging.DEBUG):
            return
        from ..hooks import log_fields, service_of

        op = self.op
        elapsed = (time.perf_counter() - started) * 1000
        outcome = f"{status}" if status is not None else type(error).__name__
        request_id = getattr(result, "request_id", None)
        extra = log_fields(
            service=service_of(op.path, op.namespace),
            operation=op.label or op.path,
            attempt=self.sends,
            outcome="ok" if error is None else "failed",
            request_id=request_id if isinstance(request_id, str) else None,
            body=op.json,
        )
        # op.path still holds the "{appkey}" placeholder: the key is never logged.
        logger.debug(
            "%s %s -> %s code=%s %.1fms attempt=%d%s",
            op.method,
            op.path,
            outcome,
            code,
            elapsed,
            self.sends,
            f" error={type(error).__name__}" if error is not None else "",
            extra=extra,
        )

    # -- decisions ----------------------------------------------------------

    def begin(self) -> None:
        self.decision = None

    def on_failure(self, error: NotifyError) -> Decision:
        """Classify a failed attempt, decide, and pay for a retry from the budget."""
        kind = classify(error, earlier_ambiguous=self.earlier_ambiguous)
        cost = self.budget.cost_of(kind)
        decision = decide(
            self.op.safety,
            kind,
            attempt=self.sends,
            policy=self.policy,
            time_left=self.time_left(),
            retry_after=getattr(error, "retry_after", None),
            budget_ok=self.budget.can_spend(cost),
        )
        if decision.action in _RETRYING_ACTIONS and not self.budget.spend(cost):
            decision = Decision(Action.STOP, reason="the client's retry budget is exhausted")
        if kind is FailureKind.AMBIGUOUS:
            self.earlier_ambiguous = True
        self.kind = kind
        self.last_error = error
        self.reconcile_next = decision.action is Action.RECONCILE
        self.decision = decision
        return decision

    def wants_final_lookup(self) -> bool:
        """Whether to look a send up once more before raising an ambiguous failure.

        When retries are exhausted (or disabled) after a failure whose effect
        is unknown, one read turns "maybe sent" into a definite answer: found
        means the message was accepted and its result is returned.
        """
        decision = self.decision
        left = self.time_left()
        if self.op.safety is Safety.RECONCILE and self.policy.on_ambiguous == "raise":
            return False
        return (
            (left is None or left > 0)
            and decision is not None
            and decision.action is Action.STOP
            and (self.kind is FailureKind.AMBIGUOUS or self.earlier_ambiguous)
            and self.op.lookup is not None
        )

    def lookup_policy(self) -> RetryPolicy:
        """The policy of a reconciliation lookup: the call's, inside its deadline's rest."""
        # A read is safe to repeat: it may retry as the call's policy allows,
        # within what is left of the call's deadline.
        left = self.time_left()
        return self.policy.evolve(
            deadline=None if left is None else max(left, 0.001),
            on_retry=None,
        )

    def settle_wait(self) -> float:
        left = self.time_left()
        wait = self.policy.reconcile_wait
        # Leave room for the second lookup and for the resend that follows.
        return wait if left is None else max(min(wait, left - 3 * MIN_ATTEMPT_TIME), 0.0)

    def resend_or_give_up(self) -> None:
        """After a lookup found nothing: resend only if the attempt has time to finish.

        A resend started with a few milliseconds left would time out and turn
        "not sent" into "maybe sent"; better to stop with the earlier error.
        """
        left = self.time_left()
        if left is not None and left < MIN_ATTEMPT_TIME:
            error = TransportError(
                f"{self.op.label}: an earlier attempt failed ambiguously; looking it up found "
                "nothing, but too little of the deadline is left to resend safely — check "
                "before sending again",
                ambiguous=True,
                service=self.op.namespace,
            )
            error.__cause__ = self.last_error
            raise error

    def lookup_failed(self, exc: NotifyError) -> TransportError:
        error = TransportError(
            f"{self.op.label}: an earlier attempt failed ambiguously and looking the send up "
            f"failed too ({type(exc).__name__}); it may or may not have been accepted — check "
            "before sending again",
            ambiguous=True,
            service=self.op.namespace,
        )
        error.__cause__ = exc
        return error

    def replayed_or_raise(self, error: NotifyError) -> Any:
        if self.op.replayed is None:
            raise error
        self.recovered = True
        return self.op.replayed()

    def found(self, result: Any) -> Any:
        self.recovered = True
        return result

    # -- tenacity hooks -----------------------------------------------------

    def will_retry(self) -> bool:
        """Whether the failure just decided on is to be retried."""
        return self.decision is not None and self.decision.action in _RETRYING_ACTIONS

    @staticmethod
    def replay_then(first: NotifyError, attempt: Callable[[Call], Any]) -> Callable[[Call], Any]:
        """An attempt function whose first call re-raises ``first`` (already sent).

        The driver makes the first attempt outside tenacity; when it fails
        and is to be retried, tenacity starts from that outcome instead of
        sending again.
        """
        pending = [first]

        def run(call: Call) -> Any:
            if pending:
                raise pending.pop()
            return attempt(call)

        return run

    @staticmethod
    def areplay_then(
        first: NotifyError, attempt: Callable[[Call], Awaitable[Any]]
    ) -> Callable[[Call], Awaitable[Any]]:
        """The async twin of :meth:`replay_then`."""
        pending = [first]

        async def run(call: Call) -> Any:
            if pending:
                raise pending.pop()
            return await attempt(call)

        return run

    def should_retry(self, state: tenacity.RetryCallState) -> bool:
        outcome = state.outcome
        if outcome is None or not outcome.failed or self.decision is None:
            return False
        return self.decision.action in _RETRYING_ACTIONS

    def wait(self, state: tenacity.RetryCallState) -> float:
        return self.decision.delay if self.decision is not None else 0.0

    def before_sleep(self, state: tenacity.RetryCallState) -> None:
        callback = self.policy.on_retry
        observer = self.observer
        if (callback is None and observer is None) or self.decision is None:
            return
        if self.last_error is None:
            return
        event = RetryEvent(
            attempt=self.sends,
            error=self.last_error,
            delay=self.decision.delay,
            operation=self.op.label,
            reconcile=self.decision.action is Action.RECONCILE,
            call_id=observer.call_id if observer is not None else None,
        )
        if observer is not None:
            observer.retry(event)
        if callback is not None:
            callback(event)

    # -- the end ------------------------------------------------------------

    def finish(self, result: T) -> T:
        """Stamp attempts on a send result and refill the budget."""
        if not self.is_lookup:
            # A lookup's success belongs to its send: in a storm whose reads
            # still work, it must not pay for the failing sends' retries.
            self.budget.refund(self.budget.success_refund)
        if isinstance(result, SendResult) and (self.sends > 1 or self.recovered or self.lookups):
            changes: dict[str, Any] = {"attempts": max(self.sends, 1), "lookups": self.lookups}
            if self.recovered:
                changes["recovered"] = True
            result = attrs.evolve(result, **changes)
        if self.observer is not None:
            self.observer.success(result, self.sends)
        return result

    def failed(self, error: NotifyError) -> NotifyError:
        """The error to raise when the call gives up, with ``attempts`` set.

        A last attempt that provably did not reach the server (refused
        connection, 429, 503, an empty budget) says nothing about an earlier
        attempt that may have: raising it as is would tell the caller "not
        sent" about a message that may have gone out. Such a call ends with
        an ambiguous TransportError instead, the last error as its cause.
        """
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
        self.name_keys(error)
        if self.observer is not None:
            self.observer.give_up(error, self.sends)
        return error

    def name_keys(self, error: NotifyError) -> None:
        """Put a send's keys on its error: the caller's handle on what may have gone out."""
        op = self.op
        grouping = op.json.get("senderGroupingKey") if isinstance(op.json, dict) else None
        if isinstance(grouping, str) and op.lookup is not None:
            error.sender_grouping_key = grouping
        if op.idempotency_key is not None:
            error.idempotency_key = op.idempotency_key

    def unencodable(self) -> ValidationError:
        """The request carries text UTF-8 cannot encode (a lone surrogate): bad input.

        Found while encoding the request, before anything is sent.
        """
        op = self.op
        path = unencodable_field(
            ("", op.json), ("", op.params), ("", op.data), ("header", dict(op.headers))
        )
        field = path or "request"
        return ValidationError(
            f"{op.label}: {field} holds text that cannot be encoded (a lone surrogate such as "
            "'\\ud800', often from a bad decode); fix the value before sending",
            field=field,
        )

    def closed(self, *, in_flight: bool) -> ClientClosedError:
        """The error of an attempt that met a closed client."""
        maybe_sent = in_flight or self.earlier_ambiguous
        if maybe_sent:
            text = (
                f"{self.op.label}: the client was closed while this call was in flight; "
                "an earlier attempt may have been processed — check before sending again"
            )
        else:
            text = f"{self.op.label}: the client is closed; make a new client to send again"
        return ClientClosedError(text, ambiguous=maybe_sent, service=self.op.namespace)
