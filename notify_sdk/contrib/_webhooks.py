"""What the framework webhook endpoints share: verify, answer, hand the events on."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from notify_sdk.errors import WebhookPayloadError, WebhookSignatureError
from notify_sdk.webhooks import SIGNATURE_HEADER, WebhookEvent, WebhookReceiver

__all__ = ["deliver", "receive", "result_update"]

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


_hook_ids = itertools.count(1)
_KAKAO_TYPES = {
    "alimtalk": "ALIMTALK_NORMAL",
    "friendtalk": "FRIENDTALK_NORMAL",
    "brand": "BRAND_MESSAGE_NORMAL",
}


def result_update(message: Any, result_code: str, *, secret: str) -> tuple[dict[str, str], bytes]:
    """Headers and body of the ``MESSAGE_RESULT_UPDATE`` webhook the provider would POST.

    ``message`` is an emulator record (:class:`notify_sdk.testing.AcceptedMessage`).
    """
    n = next(_hook_ids)
    created = message.created_at.strftime("%Y-%m-%d %H:%M:%S")
    hook: dict[str, Any] = {
        "hookId": f"hook-{n:08d}",
        "requestId": message.request_id,
        "recipientSeq": message.recipient_seq,
        "recipientNo": message.number,
        "resultCode": result_code,
        "senderGroupingKey": message.sender_grouping_key,
        "recipientGroupingKey": message.recipient_grouping_key,
    }
    if message.service == "sms":
        product = "SMS"
        hook.update(
            senderType="NORMAL_SMS",
            requestDate=created.replace(" ", "T"),
            receiveDate=created.replace(" ", "T"),
            sendNo=message.sender,
            messageStatus="COMPLETED" if result_code == "1000" else "FAILED",
            messageCount=1,
        )
    else:
        product = "KakaoTalk Bizmessage"
        hook.update(
            kakaoMessageType=_KAKAO_TYPES.get(message.service, "ALIMTALK_NORMAL"),
            requestDate=created,
            createDate=created,
            receiveDate=created,
        )
    envelope = {
        "hooksId": f"hooks-{n:08d}",
        "webhookConfigId": "wh-emulator",
        "productName": product,
        "appKey": "emulator-app-key",
        "event": "MESSAGE_RESULT_UPDATE",
        "hooks": [hook],
    }
    headers = {SIGNATURE_HEADER: secret, "Content-Type": "application/json;charset=UTF-8"}
    return headers, json.dumps(envelope).encode()
