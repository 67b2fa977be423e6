"""The typed webhook events: one class per documented event, and one for the rest."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from .._core.params import mask_number
from ..delivery import DlrErrorCode, DlrStatus
from ..tracking._status import DeliveryStatus

__all__ = [
    "KakaoResultUpdate",
    "KakaoTemplateStatusUpdate",
    "SmsConversionBlock",
    "SmsDeliveryReceipt",
    "SmsResultUpdate",
    "SmsUnsubscribe",
    "TemplateComment",
    "UnknownWebhookEvent",
    "WebhookEvent",
]


def _masked(number: str | None) -> str:
    return "None" if number is None else repr(mask_number(number))


@attrs.frozen(slots=True, kw_only=True)
class WebhookEvent:
    """What every webhook event carries: the envelope and its hook's id.

    Attributes:
        hooks_id: ``hooksId``, unique per POST.
        hook_id: ``hookId``, unique per event (de-duplicate on it).
        webhook_config_id: which console configuration fired.
        product: ``"sms"`` or ``"kakao"`` (from ``productName``: ``SMS``/``Sms``,
            ``KakaoTalk Bizmessage``).
        app_key: the app key of the service that raised the event (not in ``repr``).
        event: the event name as sent (``MESSAGE_RESULT_UPDATE``...).
        raw: the hook as received (not in ``repr``: it may hold phone numbers).
    """

    hooks_id: str | None
    hook_id: str | None
    webhook_config_id: str | None
    product: str
    app_key: str | None = attrs.field(repr=False)
    event: str
    raw: Mapping[str, Any] = attrs.field(repr=False, factory=dict)


@attrs.frozen(slots=True, kw_only=True)
class SmsResultUpdate(WebhookEvent):
    """SMS ``MESSAGE_RESULT_UPDATE``: a message's receive result changed.

    Attributes:
        status: the recipient's :class:`~notify_sdk.tracking.DeliveryStatus`
            (final: ``COMPLETED``, ``FAILED``, ``CANCEL``, ``DUPLICATED``, ``FAILED_AD``).
        message_status: ``messageStatus`` as sent.
        sender_type: ``senderType`` (``NORMAL_SMS``; other values undocumented).
        message_count: billed segments.
        self_url: the single-message query URL, rebuilt on the v3.0 path (not in
            ``repr``: it carries the app key).
    """

    status: DeliveryStatus
    message_status: str | None = None
    sender_type: str | None = None
    message_count: int | None = None
    self_url: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(slots=True, kw_only=True)
class SmsDeliveryReceipt(WebhookEvent):
    """SMS ``INTERNATIONAL_DELIVERY_RECEIPT``: a handset report for an international SMS.

    Attributes:
        status: the recipient's status (``ACCEPTED``/``BUFFERED`` are still pending).
        dlr_status: the typed ``dlrStatus`` (``None`` if in no table).
        error_code: the typed DLR ``errorCode`` (``None`` if absent or in no table).
        network_code: the carrier network.
    """

    status: DeliveryStatus
    dlr_status: DlrStatus | None = None
    error_code: DlrErrorCode | None = None
    network_code: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class SmsUnsubscribe(WebhookEvent):
    """SMS ``UNSUBSCRIBE``: a recipient opted out of advertising through a 080 number.

    Attributes:
        number: the recipient who opted out (masked in ``repr``).
        unsubscribe_no: the 080 number used.
        enterprise_name: the business the 080 number belongs to.
        created_at: when (aware).
    """

    number: str | None = attrs.field(repr=_masked)
    unsubscribe_no: str | None = None
    enterprise_name: str | None = None
    created_at: datetime | None = None


@attrs.frozen(slots=True, kw_only=True)
class SmsConversionBlock(WebhookEvent):
    """SMS ``CONVERSION_BLOCK``: a country was blocked by the conversion-rate rule.

    Attributes:
        country_code: the blocked country's calling code.
        blocked_at: when (aware).
    """

    country_code: str | None = None
    blocked_at: datetime | None = None


@attrs.frozen(slots=True, kw_only=True)
class KakaoResultUpdate(WebhookEvent):
    """KakaoTalk ``MESSAGE_RESULT_UPDATE`` for AlimTalk, FriendTalk or Brand Message.

    The hook has no fallback fields, so a failed result is not final here: the SMS
    fallback may still be under way (``wait_for_delivery`` or a query settles it).

    Attributes:
        status: the recipient's status (service ``"alimtalk"``, ``"friendtalk"`` or
            ``"brand"``, from ``kakaoMessageType``).
        kakao_message_type: ``ALIMTALK_NORMAL``, ``ALIMTALK_AUTH``, ``ALIMTALK_MASS``,
            ``FRIENDTALK_NORMAL``, ``FRIENDTALK_MASS``, ``BRAND_MESSAGE_NORMAL`` or
            ``BRAND_MESSAGE_MASS``.
        is_added_channel: Brand Message: whether the recipient is a channel friend.
        self_url: the single-message query URL (not in ``repr``: it carries the app key).
    """

    status: DeliveryStatus
    kakao_message_type: str | None = None
    is_added_channel: bool | None = None
    self_url: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(slots=True, kw_only=True)
class TemplateComment:
    """One review comment on an AlimTalk template.

    Attributes:
        id: the comment id.
        content: the text.
        user_name: who wrote it.
        created_at: when (aware).
        status: ``INQ``, ``APR``, ``REJ``, ``REP`` or ``REQ``.
        attachments: ``(originalFileName, filePath)`` pairs.
    """

    id: int | None
    content: str | None = None
    user_name: str | None = None
    created_at: datetime | None = None
    status: str | None = None
    attachments: tuple[tuple[str | None, str | None], ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class KakaoTemplateStatusUpdate(WebhookEvent):
    """KakaoTalk template status or review-comment update (AlimTalk templates).

    Attributes:
        sender_key: the template's sender profile.
        template_code / kakao_template_code: the template.
        status: ``TSC01`` requested, ``TSC02`` under review, ``TSC03`` approved,
            ``TSC04`` rejected.
        comments: the review comments.
        updated_at: when (aware).
    """

    sender_key: str | None = None
    template_code: str | None = None
    kakao_template_code: str | None = None
    status: str | None = None
    comments: tuple[TemplateComment, ...] = ()
    updated_at: datetime | None = None

    @property
    def approved(self) -> bool:
        """``True`` when the template can now be sent (``TSC03``)."""
        return self.status == "TSC03"


@attrs.frozen(slots=True, kw_only=True)
class UnknownWebhookEvent(WebhookEvent):
    """An event this SDK version does not know; :attr:`raw` holds the hook."""
