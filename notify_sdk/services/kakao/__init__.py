"""KakaoTalk Bizmessage: AlimTalk v2.3, FriendTalk v2.4 and sender profiles.

One module per concept: :mod:`.alimtalk`, :mod:`.friendtalk` (deletable as a
unit when its route closes), :mod:`.senders`; :mod:`.messages` holds the
queries both message services share, :mod:`.parts` the request parts they
share, :mod:`.models` the models and limits, and :mod:`.common` what Brand
Message shares with them (idempotency keys, fallbacks, reconciliation).
"""

from .alimtalk import AlimTalkMethods, AsyncAlimTalkMethods
from .friendtalk import AsyncFriendTalkMethods, FriendTalkMethods
from .models import (
    AlimTalkRecipient,
    ButtonParams,
    FallbackResult,
    KakaoButton,
    KakaoMessage,
    KakaoQuickReply,
    SenderChannelSettings,
    SenderProfile,
)
from .profiles import AsyncSenderMethods, SenderMethods

__all__ = [
    "AlimTalkRecipient",
    "AsyncKakaoMethods",
    "ButtonParams",
    "FallbackResult",
    "KakaoButton",
    "KakaoMessage",
    "KakaoMethods",
    "KakaoQuickReply",
    "SenderChannelSettings",
    "SenderProfile",
]


class KakaoMethods(AlimTalkMethods, FriendTalkMethods, SenderMethods):
    """The KakaoTalk (AlimTalk, FriendTalk, sender) methods of :class:`~notify_sdk.NotifyClient`."""


class AsyncKakaoMethods(AsyncAlimTalkMethods, AsyncFriendTalkMethods, AsyncSenderMethods):
    """The KakaoTalk methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""
