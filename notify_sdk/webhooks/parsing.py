"""Reading a webhook POST: its body, its envelope and each hook as a typed event."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._core.wire import opt_bool, opt_int, opt_str
from ..delivery import DlrErrorCode, DlrStatus
from ..errors import WebhookPayloadError
from ..tracking._status import DeliveryStatus, from_brand, from_kakao, from_sms, kst_datetime
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
from .signature import _check, _secrets

__all__ = ["parse"]

# The public module's name: applications configure this logger.
logger = logging.getLogger("notify_sdk.webhooks")

_KAKAO_PRODUCT = "kakaotalk bizmessage"
# The console's "check URL" POST fills the envelope with type names.
_PLACEHOLDERS = frozenset({"string", "integer", "boolean"})
# SMS webhook messageStatus -> the query API's msgStatus, so one mapping serves both.
_SMS_STATUS = {
    "COMPLETED": "3",
    "FAILED": "0",
    "CANCEL": "4",
    "DUPLICATED": "5",
    "FAILED_AD": "6",
}


def _product(value: object, hooks: list[Any]) -> str:
    text = str(value or "").strip().lower()
    if text == "sms":
        return "sms"
    if text == _KAKAO_PRODUCT or text.startswith("kakao"):
        return "kakao"
    # Unknown product name: tell by the hooks' fields.
    first = hooks[0] if hooks and isinstance(hooks[0], Mapping) else {}
    if "kakaoMessageType" in first or "templateCode" in first:
        return "kakao"
    return "sms"


def _placeholder(envelope: Mapping[str, Any]) -> bool:
    for field in ("appKey", "hooksId", "webhookConfigId"):
        value = envelope.get(field)
        if isinstance(value, str) and value.strip().lower() in _PLACEHOLDERS:
            return True
    return False


def _self_url(hook: Mapping[str, Any]) -> str | None:
    links = hook.get("_links", hook.get("_link"))
    if not isinstance(links, Mapping):
        return None
    link = links.get("self")
    href = link.get("href") if isinstance(link, Mapping) else None
    if not isinstance(href, str):
        return None
    # The documented sample still points at v2.4; the API is v3.0.
    return href.replace("/sms/v2.4/", "/sms/v3.0/")


def _require_identity(hook: Mapping[str, Any], index: int) -> None:
    if not opt_str(hook.get("requestId")):
        raise WebhookPayloadError(
            f"hooks[{index}] has no requestId", field=f"hooks[{index}].requestId"
        )


def _sms_row(hook: Mapping[str, Any], **changes: Any) -> DeliveryStatus:
    # Read the hook as the query row it mirrors, so one parser serves both.
    from ..services.sms.models import _delivery

    row = {
        **hook,
        "resultDate": hook.get("receiveDate"),
        # The documented sample misspells it.
        "recipientGroupingKey": hook.get("recipientGroupingKey")
        or hook.get("recipientGropuingKey"),
        **changes,
    }
    return from_sms(_delivery(row), source="webhook")


def _sms_result(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    _require_identity(hook, index)
    message_status = opt_str(hook.get("messageStatus"))
    return SmsResultUpdate(
        **base,
        status=_sms_row(
            hook,
            msgStatus=_SMS_STATUS.get((message_status or "").upper()),
            resultCode=opt_str(hook.get("resultCode")) or None,
        ),
        message_status=message_status,
        sender_type=opt_str(hook.get("senderType")),
        message_count=opt_int(hook.get("messageCount")),
        self_url=_self_url(hook),
    )


def _sms_receipt(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    _require_identity(hook, index)
    dlr = {k: hook.get(k) for k in ("dlrStatus", "errorCode", "networkCode")}
    status = _sms_row(hook, dlr=dlr, resultCode=None, msgStatus=None)
    error_number = opt_int(hook.get("errorCode"))
    return SmsDeliveryReceipt(
        **base,
        status=status,
        dlr_status=DlrStatus.parse(opt_str(hook.get("dlrStatus"))),
        error_code=None if error_number is None else DlrErrorCode.parse(error_number),
        network_code=opt_str(hook.get("networkCode")),
    )


def _kakao_result(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    _require_identity(hook, index)
    kind = opt_str(hook.get("kakaoMessageType"))
    upper = (kind or "").upper()
    if upper.startswith("BRAND"):
        from ..brand import BrandDelivery

        status = from_brand(
            BrandDelivery.from_wire(hook), source="webhook", message_type=kind, fallback_known=False
        )
    else:
        from ..services.kakao.models import _message

        service = "friendtalk" if upper.startswith("FRIENDTALK") else "alimtalk"
        status = from_kakao(
            _message(dict(hook), service),
            source="webhook",
            message_type=kind,
            fallback_known=False,
        )
    return KakaoResultUpdate(
        **base,
        status=status,
        kakao_message_type=kind,
        is_added_channel=opt_bool(hook.get("isAddedChannel")),
        self_url=_self_url(hook),
    )


def _comments(value: object) -> tuple[TemplateComment, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        if not isinstance(item, Mapping):
            continue
        files = item.get("attachment")
        attachments = tuple(
            (opt_str(f.get("originalFileName")), opt_str(f.get("filePath")))
            for f in (files if isinstance(files, list) else [])
            if isinstance(f, Mapping)
        )
        out.append(
            TemplateComment(
                id=opt_int(item.get("id")),
                content=opt_str(item.get("content")),
                user_name=opt_str(item.get("userName")),
                created_at=kst_datetime(item.get("createdAt")),
                status=opt_str(item.get("status")),
                attachments=attachments,
            )
        )
    return tuple(out)


def _kakao_template(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    return KakaoTemplateStatusUpdate(
        **base,
        sender_key=opt_str(hook.get("senderKey")),
        template_code=opt_str(hook.get("templateCode")),
        kakao_template_code=opt_str(hook.get("kakaoTemplateCode")),
        status=opt_str(hook.get("status")),
        comments=_comments(hook.get("comments")),
        updated_at=kst_datetime(hook.get("updateDate")),
    )


def _event(
    product: str, event: str, base: dict[str, Any], hook: Mapping[str, Any], index: int
) -> WebhookEvent:
    name = event.upper()
    if product == "sms":
        if name == "MESSAGE_RESULT_UPDATE":
            return _sms_result(base, hook, index)
        if name == "INTERNATIONAL_DELIVERY_RECEIPT":
            return _sms_receipt(base, hook, index)
        if name == "UNSUBSCRIBE":
            return SmsUnsubscribe(
                **base,
                number=opt_str(hook.get("recipientNo")),
                unsubscribe_no=opt_str(hook.get("unsubscribeNo")),
                enterprise_name=opt_str(hook.get("enterpriseName")),
                created_at=kst_datetime(hook.get("createdDateTime")),
            )
        if name == "CONVERSION_BLOCK":
            return SmsConversionBlock(
                **base,
                country_code=opt_str(hook.get("countryCode")),
                blocked_at=kst_datetime(hook.get("blockedDateTime")),
            )
        return UnknownWebhookEvent(**base)
    # KakaoTalk: the template event's name is not documented; tell by the fields.
    if "kakaoMessageType" in hook or name == "MESSAGE_RESULT_UPDATE":
        return _kakao_result(base, hook, index)
    if "templateCode" in hook and "status" in hook:
        return _kakao_template(base, hook, index)
    return UnknownWebhookEvent(**base)


def _decode(body: bytes | bytearray | memoryview | str) -> Mapping[str, Any]:
    if isinstance(body, (bytes, bytearray, memoryview)):
        try:
            text = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            raise WebhookPayloadError("the webhook body is not UTF-8 text") from None
    elif isinstance(body, str):
        text = body
    else:
        raise WebhookPayloadError(
            f"the webhook body must be bytes or str, not {type(body).__name__}"
        )
    try:
        data = json.loads(text)
    except ValueError:
        raise WebhookPayloadError("the webhook body is not JSON") from None
    if not isinstance(data, Mapping):
        raise WebhookPayloadError("the webhook body is not a JSON object")
    return data


def _parse_envelope(data: Mapping[str, Any]) -> list[WebhookEvent]:
    event = data.get("event")
    if not isinstance(event, str) or not event.strip():
        raise WebhookPayloadError("the envelope has no event name", field="event")
    hooks = data.get("hooks")
    if not isinstance(hooks, list):
        raise WebhookPayloadError("the envelope has no hooks list", field="hooks")
    product = _product(data.get("productName"), hooks)
    events: list[WebhookEvent] = []
    for index, hook in enumerate(hooks):
        if not isinstance(hook, Mapping):
            raise WebhookPayloadError(f"hooks[{index}] is not an object", field=f"hooks[{index}]")
        base: dict[str, Any] = {
            "hooks_id": opt_str(data.get("hooksId")),
            "hook_id": opt_str(hook.get("hookId")),
            "webhook_config_id": opt_str(data.get("webhookConfigId")),
            "product": product,
            "app_key": opt_str(data.get("appKey")),
            "event": event.strip(),
            "raw": dict(hook),
        }
        events.append(_event(product, event.strip(), base, hook, index))
    return events


def parse(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
    body: bytes | bytearray | memoryview | str,
    *,
    secret: str | Sequence[str] | None,
    insecure: bool = False,
) -> list[WebhookEvent]:
    """Verify one webhook POST and return its events, one per hook, in order.

    Args:
        headers: the request headers: any mapping (``X-Toast-Webhook-Signature`` is
            looked up case-insensitively) or ``(name, value)`` pairs.
        body: the raw body of the POST (``bytes`` or ``str``).
        secret: the signature string configured in the console, or a sequence of
            accepted strings (rotation: the new one and the old one). ``None`` is
            refused unless ``insecure=True``.
        insecure: accept POSTs without checking any signature (only for local
            experiments: the provider's secret is optional, the SDK's is not).

    Returns:
        The typed events (:class:`SmsResultUpdate`, :class:`SmsDeliveryReceipt`,
        :class:`SmsUnsubscribe`, :class:`SmsConversionBlock`, :class:`KakaoResultUpdate`,
        :class:`KakaoTemplateStatusUpdate`, :class:`UnknownWebhookEvent`). The
        console's registration check (placeholder values such as ``appKey: "String"``)
        gives an empty list; answer it with 200.

    Raises:
        WebhookSignatureError: missing or wrong signature header.
        WebhookPayloadError: the body is not a webhook envelope.
        ConfigurationError: no (or an empty) secret and not ``insecure``.
    """
    return _verified_events(headers, body, _secrets(secret, insecure))


def _verified_events(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
    body: bytes | bytearray | memoryview | str,
    accepted: tuple[bytes, ...],
) -> list[WebhookEvent]:
    data = _decode(body)
    if _placeholder(data):
        # The console's URL check posts type names as values and may not carry the
        # signature yet: nothing in it to protect, nothing to hand on.
        logger.debug("webhook registration check answered with no event")
        return []
    _check(headers, accepted)
    events = _parse_envelope(data)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("webhook %s: %d event(s)", data.get("event"), len(events))
    return events
