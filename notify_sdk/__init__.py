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

from ._core.models import Recipient, SmsFallback
from ._http.client import AsyncNotifyClient, NotifyClient
from ._retry import RetryEvent, RetryPolicy, RetryStats
from ._version import __version__
from .errors import NotifyError
from .results import RecipientResult, SendResult
from .services.brand.senders import BrandSenderProfile
from .services.brand.templates import BrandTemplate
from .services.kakao import (
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

__all__ = [
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
