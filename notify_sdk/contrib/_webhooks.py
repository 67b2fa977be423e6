"""What the framework webhook endpoints share: verify, answer, hand the events on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from notify_sdk.errors import WebhookPayloadError, WebhookSignatureError
from notify_sdk.webhooks import SIGNATURE_HEADER, WebhookEvent, WebhookReceiver

__all__ = ["deliver", "receive"]

logger = logging.getLogger("notify_sdk.contrib.webhooks")


def receive(
    receiver: WebhookReceiver,
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
    body: bytes | str,
) -> tuple[int, list[WebhookEvent]]:
    """The HTTP status to answer and the new events of one webhook POST.

    401 for a missing or wrong signature, 400 for a body that is not a
    webhook envelope, 200 otherwise (repeats and the console's URL check
    included, with no event). Nothing of the secret or the body is logged.
    """
    try:
        return 200, receiver.handle(headers, body)
    except WebhookSignatureError:
        logger.warning("webhook POST refused: missing or wrong %s header", SIGNATURE_HEADER)
        return 401, []
    except WebhookPayloadError as exc:
        logger.warning("webhook POST refused: %s", exc)
        return 400, []


def deliver(handler: Callable[[WebhookEvent], object], events: Iterable[WebhookEvent]) -> None:
    """Call ``handler`` with each event; an exception is logged and the next event goes on.

    The POST was already verified and answered (or is about to be): failing it
    now would only make the provider drop or repeat events that the
    de-duplication store has already recorded.
    """
    for event in events:
        try:
            handler(event)
        except Exception:
            logger.exception("webhook handler %r raised on %r", handler, event)
