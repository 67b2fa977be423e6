"""Hooks: small typed events about every SDK call, for metrics, tracing and audit logs.

Give a client one or more :class:`Hooks`::

    from notify_sdk import NotifyClient
    from notify_sdk.hooks import Hooks

    def count(event):
        metrics.increment("notify.sends", tags={"service": event.service})

    client = NotifyClient(hooks=Hooks(on_success=count))
    client.add_hooks(Hooks(on_give_up=lambda e: alert(e.error_type)))

Every event carries the same identity: ``call_id`` (one per SDK call;
retries of the call share it), ``parent_id`` (set on the lookups a call
makes to reconcile an ambiguous send), ``service`` and ``operation``. Events
are redacted like the SDK's log lines: a recipient appears masked
(``010****5678``) and only when there is exactly one, and no event carries a
message body, an app key or a secret key.

Hooks run inline, on the thread or task of the call: keep them fast. An
exception raised by a hook is logged (logger ``notify_sdk.hooks``) and does
not change the call: a send that reached the provider must not look failed
because a metrics backend was down.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._core.params import mask_number

if TYPE_CHECKING:
    from ._retry import RetryEvent
    from .errors import NotifyError

__all__ = [
    "LOG_KEYS",
    "CallEvent",
    "GiveUpEvent",
    "Hooks",
    "RequestEvent",
    "ResponseEvent",
    "SuccessEvent",
    "log_fields",
]

logger = logging.getLogger("notify_sdk.hooks")

#: The stable ``extra`` keys every SDK log record about a call carries.
LOG_KEYS = (
    "notify.service",
    "notify.operation",
    "notify.request_id",
    "notify.attempt",
    "notify.outcome",
    "notify.recipient",
    "notify.recipient_count",
)

# The first path segment of an operation names its product.
_PRODUCTS = {
    "sms": "sms",
    "alimtalk": "alimtalk",
    "friendtalk": "friendtalk",
    "brand-message": "brand",
}


def service_of(path: str, namespace: str) -> str:
    """The product an API path belongs to: ``sms``, ``alimtalk``, ``friendtalk`` or ``brand``."""
    head = path.split("/", 2)[1] if path.startswith("/") else ""
    return _PRODUCTS.get(head, namespace)


def recipients_of(body: object) -> tuple[int | None, str | None]:
    """How many recipients a request body addresses, and the one masked number if only one."""
    if not isinstance(body, Mapping):
        return None, None
    entries = body.get("recipientList")
    if not isinstance(entries, list):
        return None, None
    if len(entries) != 1:
        return len(entries), None
    entry = entries[0]
    number = entry.get("recipientNo") if isinstance(entry, Mapping) else None
    return 1, mask_number(number) if isinstance(number, str) else None


@attrs.frozen(slots=True, kw_only=True)
class CallEvent:
    """What every hook event carries: which call it is about.

    Attributes:
        call_id: the call's id; every event of the call (and its retries) shares it.
        parent_id: for a reconciliation lookup, the ``call_id`` of the send it
            looks up; ``None`` otherwise.
        service: ``"sms"``, ``"alimtalk"``, ``"friendtalk"`` or ``"brand"``.
        operation: the SDK method, e.g. ``"send_sms"``.
    """

    call_id: int
    parent_id: int | None
    service: str
    operation: str


@attrs.frozen(slots=True, kw_only=True)
class RequestEvent(CallEvent):
    """Before each HTTP attempt of a call (``Hooks.on_request``); see :class:`CallEvent`.

    Attributes:
        attempt: the attempt about to be made, from 1.
        method: the HTTP method.
        path: the URL path with ``{appkey}`` in place of the app key.
        recipient_count: recipients in the request (``None`` for queries).
        recipient: the recipient, masked, when there is exactly one.
    """

    attempt: int
    method: str
    path: str
    recipient_count: int | None
    recipient: str | None


@attrs.frozen(slots=True, kw_only=True)
class ResponseEvent(CallEvent):
    """After each HTTP attempt, answered or failed (``Hooks.on_response``).

    Attributes:
        attempt: the attempt that ended, from 1.
        status_code: the HTTP status, or ``None`` when no answer arrived.
        result_code: the envelope's ``resultCode`` (0 on success), or ``None``.
        error: the typed error of the attempt, or ``None`` when it succeeded.
        elapsed: seconds the attempt took.
        request_id: the API's ``requestId`` when the answer was a send result.
    """

    attempt: int
    status_code: int | None
    result_code: int | None
    error: NotifyError | None
    elapsed: float
    request_id: str | None = None

    @property
    def ok(self) -> bool:
        """``True`` when the attempt succeeded."""
        return self.error is None

    @property
    def error_type(self) -> str | None:
        """The class name of :attr:`error` (``"ServerError"``), or ``None``."""
        return None if self.error is None else type(self.error).__name__


@attrs.frozen(slots=True, kw_only=True)
class SuccessEvent(CallEvent):
    """A call returned a result (``Hooks.on_success``).

    Attributes:
        attempts: HTTP attempts the call made (its lookups not included).
        elapsed: seconds from the first attempt to the result.
        request_id: the API's ``requestId`` (sends), else ``None``.
        recipient_count: recipients in the result (sends), else ``None``.
        accepted: recipients the API accepted (sends), else ``None``.
        refused: recipients the API refused (sends), else ``None``.
        unconfirmed: recipients of a reconciled send that the provider's
            listing did not show (sends), else ``None``.
        reconciled: the result was found again after an ambiguous failure
            instead of being read from the send's own answer.
    """

    attempts: int
    elapsed: float
    request_id: str | None = None
    recipient_count: int | None = None
    accepted: int | None = None
    refused: int | None = None
    unconfirmed: int | None = None
    reconciled: bool = False

    @property
    def retried(self) -> bool:
        """``True`` when the call needed more than one attempt."""
        return self.attempts > 1


@attrs.frozen(slots=True, kw_only=True)
class GiveUpEvent(CallEvent):
    """A call raised: retries ran out, or the failure was not retryable (``Hooks.on_give_up``).

    Attributes:
        attempts: HTTP attempts the call made.
        elapsed: seconds from the first attempt to the error.
        error: the typed error the call raises.
        recipient_count: recipients in the request (sends), else ``None``.
    """

    attempts: int
    elapsed: float
    error: NotifyError
    recipient_count: int | None = None

    @property
    def error_type(self) -> str:
        """The class name of :attr:`error`."""
        return type(self.error).__name__

    @property
    def ambiguous(self) -> bool:
        """``True`` when the message may have been accepted all the same."""
        return bool(getattr(self.error, "ambiguous", False))


@attrs.frozen(slots=True)
class Hooks:
    """Callables the client calls with an event at each step of every call.

    Each is optional; pass several ``Hooks`` to a client and all of them run,
    in the order given.

    Args:
        on_request: called with a :class:`RequestEvent` before each HTTP attempt.
        on_response: called with a :class:`ResponseEvent` after each attempt.
        on_retry: called with a :class:`~notify_sdk.RetryEvent` before each
            retry's wait (besides the policy's own ``RetryPolicy.on_retry``).
        on_give_up: called with a :class:`GiveUpEvent` when a call raises.
        on_success: called with a :class:`SuccessEvent` when a call returns.
    """

    on_request: Callable[[RequestEvent], object] | None = None
    on_response: Callable[[ResponseEvent], object] | None = None
    on_retry: Callable[[RetryEvent], object] | None = None
    on_give_up: Callable[[GiveUpEvent], object] | None = None
    on_success: Callable[[SuccessEvent], object] | None = None


def _run(callbacks: tuple[Callable[[Any], object], ...], event: object) -> None:
    for callback in callbacks:
        try:
            callback(event)
        except Exception:
            logger.exception("notify-sdk hook %r raised; the call goes on", callback)


_ids = itertools.count(1)


class HookSet:
    """The hooks of one client, grouped by step (internal to the drivers)."""

    __slots__ = ("give_up", "hooks", "request", "response", "retry", "success")

    def __init__(self, hooks: Iterable[Hooks] = ()) -> None:
        self.hooks: tuple[Hooks, ...] = tuple(hooks)
        for hook in self.hooks:
            if not isinstance(hook, Hooks):
                raise TypeError(f"hooks must be notify_sdk.hooks.Hooks, not {type(hook).__name__}")
        self.request = tuple(h.on_request for h in self.hooks if h.on_request is not None)
        self.response = tuple(h.on_response for h in self.hooks if h.on_response is not None)
        self.retry = tuple(h.on_retry for h in self.hooks if h.on_retry is not None)
        self.give_up = tuple(h.on_give_up for h in self.hooks if h.on_give_up is not None)
        self.success = tuple(h.on_success for h in self.hooks if h.on_success is not None)

    def __bool__(self) -> bool:
        return bool(self.hooks)

    def observe(
        self,
        *,
        label: str,
        method: str,
        path: str,
        namespace: str,
        body: object,
        parent: CallObserver | None = None,
    ) -> CallObserver:
        """Start observing one call."""
        return CallObserver(self, label, method, path, namespace, body, parent)


class CallObserver:
    """Turns one call's steps into events for its client's hooks (internal)."""

    __slots__ = (
        "call_id",
        "hooks",
        "method",
        "operation",
        "parent_id",
        "path",
        "recipient",
        "recipient_count",
        "service",
        "started",
    )

    def __init__(
        self,
        hooks: HookSet,
        label: str,
        method: str,
        path: str,
        namespace: str,
        body: object,
        parent: CallObserver | None,
    ) -> None:
        self.hooks = hooks
        self.call_id = next(_ids)
        self.parent_id = parent.call_id if parent is not None else None
        self.service = service_of(path, namespace)
        self.operation = label or path
        self.method = method
        self.path = path
        self.recipient_count, self.recipient = recipients_of(body)
        self.started = time.perf_counter()

    def identity(self) -> dict[str, Any]:
        """The :class:`CallEvent` fields of this call's events."""
        return {
            "call_id": self.call_id,
            "parent_id": self.parent_id,
            "service": self.service,
            "operation": self.operation,
        }

    def request(self, attempt: int) -> None:
        """Before attempt number ``attempt``."""
        if self.hooks.request:
            _run(
                self.hooks.request,
                RequestEvent(
                    **self.identity(),
                    attempt=attempt,
                    method=self.method,
                    path=self.path,
                    recipient_count=self.recipient_count,
                    recipient=self.recipient,
                ),
            )

    def response(
        self,
        attempt: int,
        *,
        status_code: int | None,
        result_code: int | None,
        error: NotifyError | None,
        elapsed: float,
        result: object = None,
    ) -> None:
        """After attempt number ``attempt``."""
        if self.hooks.response:
            _run(
                self.hooks.response,
                ResponseEvent(
                    **self.identity(),
                    attempt=attempt,
                    status_code=status_code,
                    result_code=result_code,
                    error=error,
                    elapsed=elapsed,
                    request_id=_request_id(result),
                ),
            )

    def retry(self, event: RetryEvent) -> None:
        """Before a retry's wait."""
        if self.hooks.retry:
            _run(self.hooks.retry, event)

    def success(self, result: object, attempts: int) -> None:
        """The call returned ``result``."""
        if not self.hooks.success:
            return
        counts: dict[str, Any] = {}
        recipients = getattr(result, "recipients", None)
        if isinstance(recipients, tuple) and hasattr(result, "request_id"):
            codes = [getattr(r, "result_code", None) for r in recipients]
            counts = {
                "request_id": _request_id(result),
                "recipient_count": len(codes),
                "accepted": codes.count(0),
                "unconfirmed": codes.count(-1),
                "refused": len(codes) - codes.count(0) - codes.count(-1),
                "reconciled": bool(getattr(result, "recovered", False)),
            }
        _run(
            self.hooks.success,
            SuccessEvent(
                **self.identity(),
                attempts=attempts,
                elapsed=time.perf_counter() - self.started,
                **counts,
            ),
        )

    def give_up(self, error: NotifyError, attempts: int) -> None:
        """The call raises ``error``."""
        if self.hooks.give_up:
            _run(
                self.hooks.give_up,
                GiveUpEvent(
                    **self.identity(),
                    attempts=attempts,
                    elapsed=time.perf_counter() - self.started,
                    error=error,
                    recipient_count=self.recipient_count,
                ),
            )


def _request_id(result: object) -> str | None:
    value = getattr(result, "request_id", None)
    return value if isinstance(value, str) else None


def log_fields(
    *,
    service: str,
    operation: str,
    attempt: int | None = None,
    outcome: str | None = None,
    request_id: str | None = None,
    body: object = None,
) -> dict[str, Any]:
    """The stable ``extra`` of an SDK log record about a call (see :data:`LOG_KEYS`).

    ``body`` (the request body) is read only for the recipient count and the
    masked recipient; nothing else of it reaches the record.
    """
    count, recipient = recipients_of(body)
    return {
        "notify.service": service,
        "notify.operation": operation,
        "notify.request_id": request_id,
        "notify.attempt": attempt,
        "notify.outcome": outcome,
        "notify.recipient": recipient,
        "notify.recipient_count": count,
    }
