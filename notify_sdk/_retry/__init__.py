"""Retries: the user's policy, the pure decision table, the per-call machine
(:mod:`.machine`), the budget and reconciliation.

Nothing here does I/O or sleeps; the drivers in ``notify_sdk._http`` feed
these pieces and obey them.
"""

import importlib
from typing import TYPE_CHECKING, Any

from .budget import RetryBudget, RetryStats
from .policy import MIN_ATTEMPT_TIME, OnAmbiguous, RetryPolicy

if TYPE_CHECKING:
    from .decision import Action, Decision, FailureKind, classify, decide
    from .events import RetryEvent

# Loaded on first use: a process whose calls all succeed never makes the
# decision table or a retry event.
_LAZY = {
    "Action": "decision",
    "Decision": "decision",
    "FailureKind": "decision",
    "classify": "decision",
    "decide": "decision",
    "RetryEvent": "events",
}

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
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
