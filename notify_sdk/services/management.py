"""The management methods of both clients, gathered in one mixin per client.

Templates, sender profiles, 080 opt-outs, statistics and reservations: one
module per resource under ``services/``; the clients inherit the mixins
below, so adding a resource is one line here.
"""

from __future__ import annotations

from .sms.optout import AsyncOptOutMethods, OptOutMethods

__all__ = ["AsyncManagementMethods", "ManagementMethods"]


class ManagementMethods(OptOutMethods):
    """The management methods of :class:`~notify_sdk.NotifyClient`."""


class AsyncManagementMethods(AsyncOptOutMethods):
    """The management methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""
