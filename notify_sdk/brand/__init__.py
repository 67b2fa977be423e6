"""Brand Message (KakaoTalk's FriendTalk successor): message models and result types.

A Brand Message request carries exactly one *chat bubble* for all of its
recipients. Each of the eight bubble types has its own model here, holding only
the parts that type accepts, so that a request the API would refuse with
-3305 ("field not allowed for this chatBubbleType") cannot be built::

    from notify_sdk.brand import Button, Coupon, TextMessage

    message = TextMessage(
        "(광고) Winter sale: every title 20% off this week.",
        buttons=[Button.web("Shop now", "https://m.shop.example/sale")],
        coupon=Coupon("20% 할인 쿠폰", "Until Sunday", link_mo="https://m.shop.example/c"),
    )
    client.send_brand_message("01012345678", message)

Every model has ``validate(field)``, which checks the documented limits (part
counts, character and line-break limits, button rules, coupon title shapes,
link prefixes) and raises :class:`~notify_sdk.errors.ValidationError` whose
``field`` is a path such as ``"message.buttons[2].name"``, and ``to_wire()``,
which renders the API's JSON. The send methods call both.
:func:`message_to_dict` / :func:`message_from_dict` give a model a plain,
JSON-ready form and back (for task queues that carry JSON).

Character limits count Python ``str`` characters (the provider counts
"characters regardless of script, spaces included"); Kakao text is not limited
to EUC-KR, only SMS fallback text is.

The Korean literals the API matches exactly (:data:`ADD_CHANNEL_BUTTON_NAME`,
:data:`BIZ_FORM_BUTTON_NAMES`, the coupon title shapes) must not be translated.
"""

from __future__ import annotations

from .bubbles import (
    MESSAGE_TYPES as MESSAGE_TYPES,
)
from .bubbles import (
    BrandMessage,
    BrandRecipient,
    CarouselCommerceMessage,
    CarouselFeedMessage,
    CommerceMessage,
    ImageMessage,
    PremiumVideoMessage,
    TextMessage,
    WideItemListMessage,
    WideMessage,
)
from .buttons import Button
from .dicts import message_from_dict, message_to_dict
from .enums import (
    AD_PREFIX,
    ADD_CHANNEL_BUTTON_NAME,
    BIZ_FORM_BUTTON_NAMES,
    FREE_OPT_OUT_PHRASE,
    SHIPPING_COUPON_TITLE,
    BrandButtonType,
    BrandImageType,
    BrandMessageStatus,
    ChatBubbleType,
    ResendStatus,
    Targeting,
    VideoStatus,
)
from .migration import friendtalk_to_brand
from .parts import (
    CarouselCommerceCard,
    CarouselFeedCard,
    CarouselHead,
    CarouselTail,
    Commerce,
    Coupon,
    Image,
    Video,
    WideItem,
)
from .results import (
    BrandDelivery,
    BrandImage,
    BrandMessageDetail,
    BrandVideo,
    BrandVideoUpload,
    BrandVideoUploaded,
)

__all__ = [
    "ADD_CHANNEL_BUTTON_NAME",
    "AD_PREFIX",
    "BIZ_FORM_BUTTON_NAMES",
    "FREE_OPT_OUT_PHRASE",
    "SHIPPING_COUPON_TITLE",
    "BrandButtonType",
    "BrandDelivery",
    "BrandImage",
    "BrandImageType",
    "BrandMessage",
    "BrandMessageDetail",
    "BrandMessageStatus",
    "BrandRecipient",
    "BrandVideo",
    "BrandVideoUpload",
    "BrandVideoUploaded",
    "Button",
    "CarouselCommerceCard",
    "CarouselCommerceMessage",
    "CarouselFeedCard",
    "CarouselFeedMessage",
    "CarouselHead",
    "CarouselTail",
    "ChatBubbleType",
    "Commerce",
    "CommerceMessage",
    "Coupon",
    "Image",
    "ImageMessage",
    "PremiumVideoMessage",
    "ResendStatus",
    "Targeting",
    "TextMessage",
    "Video",
    "VideoStatus",
    "WideItem",
    "WideItemListMessage",
    "WideMessage",
    "friendtalk_to_brand",
    "message_from_dict",
    "message_to_dict",
]
