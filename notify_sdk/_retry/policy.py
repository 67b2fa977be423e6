"""The retry policy (the user's knob), retry events and the client's retry budget.

What is repeated and why is decided in :mod:`.decision`; this module holds
the configuration; :mod:`.budget` the per-client token bucket.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..errors import InvalidSettingError
from ..errors._base import quote

if TYPE_CHECKING:
    from .events import RetryEvent

__all__ = ["MIN_ATTEMPT_TIME", "OnAmbiguous", "RetryPolicy"]

OnAmbiguous = Literal["reconcile", "raise", "retry"]

#: No retry starts with less of the deadline left than this (seconds): an
#: attempt cut short by the deadline only turns a clean failure into an
#: ambiguous one.
MIN_ATTEMPT_TIME = 0.25
_ON_AMBIGUOUS = ("reconcile", "raise", "retry")


def __getattr__(name: str) -> Any:
    # RetryEvent moved to .events (made only when a call retries); the old
    # import path keeps working.
    if name == "RetryEvent":
        from .events import RetryEvent

        return RetryEvent
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _bad(attribute: attrs.Attribute[Any], wanted: str, value: object) -> InvalidSettingError:
    return InvalidSettingError(
        f"RetryPolicy.{attribute.name} must be {wanted}, not {quote(value)}", field=attribute.name
    )


def _seconds(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not _seconds(value):
        raise _bad(attribute, "a finite number >= 0", value)


def _deadline_ok(_inst: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and (not _seconds(value) or value <= 0):
        raise _bad(attribute, "a finite number > 0 or None", value)


def _attempts_ok(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if type(value) is not int or value < 1:
        raise _bad(attribute, "an int >= 1", value)


def _mode_ok(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in _ON_AMBIGUOUS:
        raise _bad(attribute, f"one of {_ON_AMBIGUOUS}", value)


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
