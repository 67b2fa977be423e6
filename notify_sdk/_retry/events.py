"""``RetryEvent``: what ``RetryPolicy.on_retry`` and the hooks hear before a retry's wait.

In a module of its own, loaded when a call first retries: a process whose
calls all succeed never creates the class.
"""

from __future__ import annotations

import attrs

from ..errors import NotifyError

__all__ = ["RetryEvent"]


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
        call_id: the id the client's hook events of this call carry (see
            :mod:`notify_sdk.hooks`); ``None`` when the client has no hooks.
    """

    attempt: int
    error: NotifyError
    delay: float
    operation: str = ""
    reconcile: bool = False
    call_id: int | None = None
