"""The management methods of both clients, gathered in one mixin per client.

Templates, sender profiles, 080 opt-outs, statistics and reservations: one
module per resource under ``services/``; the clients inherit the mixins
below, so adding a resource is one line in each.
"""

from __future__ import annotations

from .brand.senders import AsyncBrandSenderMethods, BrandSenderMethods
from .kakao.senders import AsyncKakaoSenderMethods, KakaoSenderMethods
from .kakao.templates import AlimTalkTemplateMethods, AsyncAlimTalkTemplateMethods
from .sms.optout import AsyncOptOutMethods, OptOutMethods

__all__ = ["AsyncManagementMethods", "ManagementMethods"]


class ManagementMethods(
    OptOutMethods,
    KakaoSenderMethods,
    BrandSenderMethods,
    AlimTalkTemplateMethods,
):
    """The management methods of :class:`~notify_sdk.NotifyClient`."""


class AsyncManagementMethods(
    AsyncOptOutMethods,
    AsyncKakaoSenderMethods,
    AsyncBrandSenderMethods,
    AsyncAlimTalkTemplateMethods,
):
    """The management methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""
