"""The management methods of both clients, gathered in one mixin per client.

Templates, sender profiles, 080 opt-outs, statistics and reservations: one
module per resource under ``services/``; the clients inherit the mixins
below, so adding a resource is one line in each.
"""

from __future__ import annotations

from .brand.media import AsyncBrandMediaMethods, BrandMediaMethods
from .brand.senders import AsyncBrandSenderMethods, BrandSenderMethods
from .brand.templates import AsyncBrandTemplateMethods, BrandTemplateMethods
from .kakao.auth_messages import AlimTalkAuthMethods, AsyncAlimTalkAuthMethods
from .kakao.senders import AsyncKakaoSenderMethods, KakaoSenderMethods
from .kakao.templates import AlimTalkTemplateMethods, AsyncAlimTalkTemplateMethods
from .sms.optout import AsyncOptOutMethods, OptOutMethods
from .sms.reservations import AsyncSmsReservationMethods, SmsReservationMethods
from .sms.statistics import AsyncSmsStatisticsMethods, SmsStatisticsMethods
from .sms.templates import AsyncSmsTemplateMethods, SmsTemplateMethods
from .stats import AsyncStatsMethods, StatsMethods

__all__ = ["AsyncManagementMethods", "ManagementMethods"]


class ManagementMethods(
    OptOutMethods,
    KakaoSenderMethods,
    BrandSenderMethods,
    AlimTalkTemplateMethods,
    SmsTemplateMethods,
    BrandTemplateMethods,
    BrandMediaMethods,
    AlimTalkAuthMethods,
    SmsReservationMethods,
    StatsMethods,
    SmsStatisticsMethods,
):
    """The management methods of :class:`~notify_sdk.NotifyClient`."""


class AsyncManagementMethods(
    AsyncOptOutMethods,
    AsyncKakaoSenderMethods,
    AsyncBrandSenderMethods,
    AsyncAlimTalkTemplateMethods,
    AsyncSmsTemplateMethods,
    AsyncBrandTemplateMethods,
    AsyncBrandMediaMethods,
    AsyncAlimTalkAuthMethods,
    AsyncSmsReservationMethods,
    AsyncStatsMethods,
    AsyncSmsStatisticsMethods,
):
    """The management methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""
