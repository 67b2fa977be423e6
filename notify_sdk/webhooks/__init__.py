"""Receive NHN Cloud webhooks (SMS and KakaoTalk Bizmessage) as typed events.

The provider POSTs one JSON envelope per call (``hooksId``, ``webhookConfigId``,
``productName``, ``appKey``, ``event``, ``hooks[]``) with the header
``X-Toast-Webhook-Signature`` carrying the literal "signature" string typed into the
console: no HMAC, no timestamp. :func:`parse` compares it in constant time with one or
more accepted secrets (several while rotating) and turns every hook into a typed
event; result updates carry a :class:`~notify_sdk.tracking.DeliveryStatus`.

In a web framework, answer 2xx at once and queue the events::

    from notify_sdk.webhooks import WebhookReceiver
    from notify_sdk.errors import WebhookPayloadError, WebhookSignatureError

    receiver = WebhookReceiver(secret=os.environ["NHN_WEBHOOK_SECRET"])

    def view(request):
        try:
            events = receiver.handle(request.headers, request.body)  # verified, de-duplicated
        except WebhookSignatureError:
            return 401
        except WebhookPayloadError:
            return 400
        queue.put_many(events)
        return 200

Webhooks are hints: they may arrive late, twice, out of order or never. Keep the most
final status per recipient (:func:`notify_sdk.tracking.more_final`) and keep polling
(``client.iter_delivery_updates``) as the source of truth.
"""

from __future__ import annotations

from .events import (
    KakaoResultUpdate,
    KakaoTemplateStatusUpdate,
    SmsConversionBlock,
    SmsDeliveryReceipt,
    SmsResultUpdate,
    SmsUnsubscribe,
    TemplateComment,
    UnknownWebhookEvent,
    WebhookEvent,
)
from .parsing import parse
from .receiver import DedupeStore, InMemoryDedupeStore, WebhookReceiver
from .signature import SIGNATURE_HEADER, verify_signature

__all__ = [
    "SIGNATURE_HEADER",
    "DedupeStore",
    "InMemoryDedupeStore",
    "KakaoResultUpdate",
    "KakaoTemplateStatusUpdate",
    "SmsConversionBlock",
    "SmsDeliveryReceipt",
    "SmsResultUpdate",
    "SmsUnsubscribe",
    "TemplateComment",
    "UnknownWebhookEvent",
    "WebhookEvent",
    "WebhookReceiver",
    "parse",
    "verify_signature",
]
