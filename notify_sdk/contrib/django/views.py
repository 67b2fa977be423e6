"""The webhook view: point the NHN console's webhook URL at it.

::

    # urls.py
    from notify_sdk.contrib.django.views import webhook

    urlpatterns = [path("hooks/notify/", webhook)]

It is CSRF-exempt and takes POST only. It checks the
``X-Toast-Webhook-Signature`` header against ``NOTIFY_SDK['WEBHOOK_SECRET']``
(one string, or a list while rotating), drops POSTs and hooks it has seen
before, sends :data:`~notify_sdk.contrib.django.signals.webhook_event` once
per new event, calls ``NOTIFY_SDK['WEBHOOK_HANDLER']`` with it, and answers
200 at once. Answers: 401 for a missing or wrong signature, 400 for a body
that is not a webhook, 405 for other methods. Receivers and the handler run
inside the request, so they should queue slow work (a Celery task) rather
than do it; an exception they raise is logged and the answer stays 200.

``NOTIFY_SDK['WEBHOOK_STORE']`` (an object with ``add(key) -> bool``, or the
dotted path of one, or of a callable making one) remembers the ids seen, for
example in Redis when several processes receive; default: in this process's
memory.
"""

from __future__ import annotations

import threading

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from notify_sdk.webhooks import WebhookReceiver

from .._webhooks import deliver, receive
from ._settings import NotifySettings, notify_settings
from .signals import webhook_event

__all__ = ["webhook"]

_lock = threading.Lock()
_receivers: dict[int, tuple[NotifySettings, WebhookReceiver]] = {}


def _receiver(loaded: NotifySettings) -> WebhookReceiver:
    # One receiver (and so one de-duplication store) per settings object: the
    # settings are read once, and override_settings makes a new object.
    with _lock:
        cached = _receivers.get(id(loaded))
        if cached is not None and cached[0] is loaded:
            return cached[1]
        if not loaded.webhook_secret:
            raise ImproperlyConfigured(
                "NOTIFY_SDK['WEBHOOK_SECRET'] is not set: the webhook view refuses every POST"
            )
        receiver = WebhookReceiver(list(loaded.webhook_secret), store=loaded.webhook_store)
        _receivers.clear()
        _receivers[id(loaded)] = (loaded, receiver)
        return receiver


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    """Receive one NHN Cloud webhook POST (see the module's documentation)."""
    loaded = notify_settings()
    status, events = receive(_receiver(loaded), request.headers, request.body)
    for event in events:
        # send_robust logs a failing receiver (logger django.dispatch) and goes on.
        webhook_event.send_robust(sender=webhook, event=event, request=request)
    if events and loaded.webhook_handler is not None:
        deliver(loaded.webhook_handler, events)
    return HttpResponse(status=status)
