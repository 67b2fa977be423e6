"""KakaoTalk Bizmessage: AlimTalk v2.3, FriendTalk v2.4 and sender profiles.

One module per concept: :mod:`.alimtalk`, :mod:`.friendtalk` (deletable as a
unit when its route closes), :mod:`.senders`; :mod:`.messages` holds the
queries both message services share, :mod:`.parts` the request parts they
share, :mod:`.models` the models and limits, and :mod:`.common` what Brand
Message shares with them (idempotency keys, fallbacks, reconciliation). The
client methods are generated from the declarations (``tools/gen_methods.py``).
"""

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

__all__ = [
    "AlimTalkRecipient",
    "ButtonParams",
    "FallbackResult",
    "KakaoButton",
    "KakaoMessage",
    "KakaoQuickReply",
    "SenderChannelSettings",
    "SenderProfile",
]
