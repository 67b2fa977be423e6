"""Retries: the user's policy, the pure decision table, the per-call machine
(:mod:`.machine`), the budget and reconciliation.

Nothing here does I/O or sleeps; the drivers in ``notify_sdk._http`` feed
these pieces and obey them.
"""

from typing import TYPE_CHECKING, Any

from .budget import RetryBudget, RetryStats
from .decision import Action, Decision, FailureKind, classify, decide
from .policy import MIN_ATTEMPT_TIME, OnAmbiguous, RetryPolicy

if TYPE_CHECKING:
    from .events import RetryEvent

__all__ = [
    "MIN_ATTEMPT_TIME",
    "Action",
    "Decision",
    "FailureKind",
    "OnAmbiguous",
    "RetryBudget",
    "RetryEvent",
    "RetryPolicy",
    "RetryStats",
    "classify",
    "decide",
]


def __getattr__(name: str) -> Any:
    # RetryEvent is made only when a call first retries (see .events).
    if name == "RetryEvent":
        from .events import RetryEvent

        return RetryEvent
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
