"""Signals of the Django integration."""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["webhook_event"]

#: Sent once per event of an authenticated webhook POST, with keyword
#: arguments ``event`` (a typed event of :mod:`notify_sdk.webhooks`) and
#: ``request`` (the Django request). The sender is the webhook view function.
#: Receivers run inside the request: keep them short and hand slow work to a
#: queue, because the provider expects a quick 2xx.
webhook_event = Signal()
