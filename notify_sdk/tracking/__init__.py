"""Delivery outcomes: one status type for every service, polling, and resends.

"Accepted" is not "delivered". :class:`DeliveryStatus` tells, per recipient, whether
the handset got the message, whether a KakaoTalk message fell back to SMS and how that
ended, and whether a resend could help. Statuses come from:

* ``client.wait_for_delivery(results, timeout=...)``: poll until every recipient of
  some sends is final;
* ``client.iter_delivery_updates(since=...)``: every change in a time window, for a
  periodic sync into the application's database (with a resumable cursor);
* :func:`notify_sdk.webhooks.parse`: the provider's webhook POSTs (hints that arrive
  early, late, twice or never: keep polling as the source of truth).

Keep the most final status per :attr:`DeliveryStatus.key` with :func:`more_final`;
:func:`resend_failed` resends the temporary failures under new keys.
"""

from __future__ import annotations

from ._poller import DEFAULT_LADDER, DeliveryPoller, UpdateCursor, UpdatePlan
from ._resend import ResendReport, Skipped, plan_resend, resend_failed
from ._status import (
    DeliveryCode,
    DeliveryState,
    DeliveryStatus,
    from_brand,
    from_kakao,
    from_send,
    from_sms,
    kst_datetime,
    more_final,
)

__all__ = [
    "DEFAULT_LADDER",
    "DeliveryCode",
    "DeliveryPoller",
    "DeliveryState",
    "DeliveryStatus",
    "ResendReport",
    "Skipped",
    "UpdateCursor",
    "UpdatePlan",
    "from_brand",
    "from_kakao",
    "from_send",
    "from_sms",
    "kst_datetime",
    "more_final",
    "plan_resend",
    "resend_failed",
]
