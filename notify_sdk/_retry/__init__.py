"""Retries: the user's policy, the pure decision table, the per-call machine
(:mod:`.machine`), the budget and reconciliation.

Nothing here does I/O or sleeps; the drivers in ``notify_sdk._http`` feed
these pieces and obey them.
"""

from .budget import RetryBudget, RetryStats
from .decision import Action, Decision, FailureKind, classify, decide
from .policy import MIN_ATTEMPT_TIME, OnAmbiguous, RetryEvent, RetryPolicy

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
