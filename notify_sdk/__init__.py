"""notify_sdk: a typed, retry-safe client for the NHN Cloud Notification APIs.

Send SMS (v3.0) and KakaoTalk Bizmessage (AlimTalk, FriendTalk, Brand
Message) with :class:`NotifyClient` or :class:`AsyncNotifyClient`::

    from notify_sdk import NotifyClient

    with NotifyClient() as client:          # keys from NHN_SMS_* variables
        result = client.send_sms("01012345678", "Your code is 1234")
        result.raise_for_failures()

Failures raise the typed exceptions of :mod:`notify_sdk.errors`; retries are
safe by construction (see :class:`RetryPolicy`). Brand Message models live in
:mod:`notify_sdk.brand`, delivery-code enums in :mod:`notify_sdk.delivery`,
and the API emulator for your tests in :mod:`notify_sdk.testing`.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ._core.models import Recipient, SmsFallback
from ._http.client import AsyncNotifyClient, NotifyClient
from ._retry import RetryPolicy, RetryStats
from ._version import __version__
from .errors import NotifyError
from .results import RecipientResult, SendResult

if TYPE_CHECKING:
    from ._retry.events import RetryEvent
    from .services.brand.senders import BrandSenderProfile
    from .services.brand.templates import BrandTemplate
    from .services.kakao import (
        AlimTalkRecipient,
        ButtonParams,
        FallbackResult,
        KakaoButton,
        KakaoMessage,
        KakaoQuickReply,
        SenderChannelSettings,
        SenderProfile,
    )
    from .services.kakao.senders import SenderCategory, SenderGroup, SenderGroupMember
    from .services.kakao.templates import (
        AlimTalkTemplate,
        CommentAttachment,
        TemplateCategory,
        TemplateComment,
        TemplateImage,
        TemplateItem,
        TemplateItemHighlight,
        TemplateLink,
        TemplateReview,
        TemplateStatus,
        TemplateSubcategory,
    )
    from .services.sms import (
        Attachment,
        CancelResult,
        DlrInfo,
        SenderNumber,
        SmsDelivery,
        SmsMessageStatus,
    )
    from .services.sms.optout import (
        OptedOutRecipient,
        OptOutFilter,
        OptOutNumber,
        OptOutNumberStatus,
        split_opted_out,
    )
    from .services.sms.reservations import ReservationCancel, SmsReservation
    from .services.sms.templates import SmsTemplate, SmsTemplateCategory
    from .services.stats import KakaoStatsRow, StatsRow

# The service models load with their package, on first use: ``import
# notify_sdk`` must cost little more than httpx (see benchmarks/).
_LAZY: dict[str, str] = {
    "RetryEvent": "notify_sdk._retry.events",
    "BrandSenderProfile": "notify_sdk.services.brand.senders",
    "BrandTemplate": "notify_sdk.services.brand.templates",
    "ReservationCancel": "notify_sdk.services.sms.reservations",
    "SmsReservation": "notify_sdk.services.sms.reservations",
    "KakaoStatsRow": "notify_sdk.services.stats",
    "StatsRow": "notify_sdk.services.stats",
    "SmsTemplate": "notify_sdk.services.sms.templates",
    "SmsTemplateCategory": "notify_sdk.services.sms.templates",
    "AlimTalkRecipient": "notify_sdk.services.kakao",
    "ButtonParams": "notify_sdk.services.kakao",
    "FallbackResult": "notify_sdk.services.kakao",
    "KakaoButton": "notify_sdk.services.kakao",
    "KakaoMessage": "notify_sdk.services.kakao",
    "KakaoQuickReply": "notify_sdk.services.kakao",
    "SenderChannelSettings": "notify_sdk.services.kakao",
    "SenderProfile": "notify_sdk.services.kakao",
    "SenderCategory": "notify_sdk.services.kakao.senders",
    "SenderGroup": "notify_sdk.services.kakao.senders",
    "SenderGroupMember": "notify_sdk.services.kakao.senders",
    "AlimTalkTemplate": "notify_sdk.services.kakao.templates",
    "CommentAttachment": "notify_sdk.services.kakao.templates",
    "TemplateCategory": "notify_sdk.services.kakao.templates",
    "TemplateComment": "notify_sdk.services.kakao.templates",
    "TemplateImage": "notify_sdk.services.kakao.templates",
    "TemplateItem": "notify_sdk.services.kakao.templates",
    "TemplateItemHighlight": "notify_sdk.services.kakao.templates",
    "TemplateLink": "notify_sdk.services.kakao.templates",
    "TemplateReview": "notify_sdk.services.kakao.templates",
    "TemplateStatus": "notify_sdk.services.kakao.templates",
    "TemplateSubcategory": "notify_sdk.services.kakao.templates",
    "Attachment": "notify_sdk.services.sms",
    "CancelResult": "notify_sdk.services.sms",
    "DlrInfo": "notify_sdk.services.sms",
    "SenderNumber": "notify_sdk.services.sms",
    "SmsDelivery": "notify_sdk.services.sms",
    "SmsMessageStatus": "notify_sdk.services.sms",
    "OptedOutRecipient": "notify_sdk.services.sms.optout",
    "OptOutFilter": "notify_sdk.services.sms.optout",
    "OptOutNumber": "notify_sdk.services.sms.optout",
    "OptOutNumberStatus": "notify_sdk.services.sms.optout",
    "split_opted_out": "notify_sdk.services.sms.optout",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'notify_sdk' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "AlimTalkRecipient",
    "AlimTalkTemplate",
    "AsyncNotifyClient",
    "Attachment",
    "BrandSenderProfile",
    "BrandTemplate",
    "ButtonParams",
    "CancelResult",
    "CommentAttachment",
    "DlrInfo",
    "FallbackResult",
    "KakaoButton",
    "KakaoMessage",
    "KakaoQuickReply",
    "KakaoStatsRow",
    "NotifyClient",
    "NotifyError",
    "OptOutFilter",
    "OptOutNumber",
    "OptOutNumberStatus",
    "OptedOutRecipient",
    "Recipient",
    "RecipientResult",
    "ReservationCancel",
    "RetryEvent",
    "RetryPolicy",
    "RetryStats",
    "SendResult",
    "SenderCategory",
    "SenderChannelSettings",
    "SenderGroup",
    "SenderGroupMember",
    "SenderNumber",
    "SenderProfile",
    "SmsDelivery",
    "SmsFallback",
    "SmsMessageStatus",
    "SmsReservation",
    "SmsTemplate",
    "SmsTemplateCategory",
    "StatsRow",
    "TemplateCategory",
    "TemplateComment",
    "TemplateImage",
    "TemplateItem",
    "TemplateItemHighlight",
    "TemplateLink",
    "TemplateReview",
    "TemplateStatus",
    "TemplateSubcategory",
    "__version__",
    "split_opted_out",
]
