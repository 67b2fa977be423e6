"""Brand Message literals the API matches exactly, and its enums."""

from __future__ import annotations

import enum
import re
from typing import Any

# --- literals the API matches exactly (never translate them) -------------------

#: The only name an add-channel (``AC``) button may have (API rule -3348).
ADD_CHANNEL_BUTTON_NAME = "채널 추가"
#: The names a business-form (``BF``) button may have (API rules -3045, -3331):
#: "book on KakaoTalk", "survey on KakaoTalk", "enter on KakaoTalk".
BIZ_FORM_BUTTON_NAMES: tuple[str, ...] = ("톡에서 예약하기", "톡에서 설문하기", "톡에서 응모하기")
#: The fixed coupon title for a shipping-fee coupon.
SHIPPING_COUPON_TITLE = "배송비 할인 쿠폰"
#: The marker an advertising SMS fallback text must start with.
AD_PREFIX = "(광고)"
#: The free opt-out phrase an advertising SMS fallback text must carry, followed
#: by the 080 number.
FREE_OPT_OUT_PHRASE = "무료 수신거부"

#: Link fields of free-form sends (buttons, coupons, items, carousel links).
LINK_MAX_CHARS = 1000
#: Video and thumbnail URLs.
VIDEO_URL_MAX_CHARS = 500

_COUPON_TITLES = (
    re.compile(r"(?P<won>[1-9][0-9]{0,7})원 할인 쿠폰"),
    re.compile(r"(?P<pct>[1-9][0-9]{0,2})% 할인 쿠폰"),
    re.compile(re.escape(SHIPPING_COUPON_TITLE)),
    re.compile(r"[^\n]{1,7} 무료 쿠폰"),
    re.compile(r"[^\n]{1,7} UP 쿠폰"),
)
_CHANNEL_COUPON = "alimtalk=coupon://"
_HTTP = ("http://", "https://")


# --- enums ----------------------------------------------------------------------


class ChatBubbleType(str, enum.Enum):
    """The API's ``chatBubbleType``: which layout a Brand Message uses."""

    TEXT = "TEXT"
    IMAGE = "IMAGE"
    WIDE = "WIDE"
    WIDE_ITEM_LIST = "WIDE_ITEM_LIST"
    PREMIUM_VIDEO = "PREMIUM_VIDEO"
    COMMERCE = "COMMERCE"
    CAROUSEL_FEED = "CAROUSEL_FEED"
    CAROUSEL_COMMERCE = "CAROUSEL_COMMERCE"


class Targeting(str, enum.Enum):
    """Who may receive a Brand Message (sent per recipient as ``targeting``).

    ``I`` needs no approval and reproduces FriendTalk; ``M`` and ``N`` need the
    sender profile's approved marketing-consent application (else -4029).
    """

    #: Every user who gave the advertiser marketing consent on Kakao's side;
    #: non-friends get it as an N-type message with the 080 opt-out details.
    M = "M"
    #: The ``M`` audience minus the channel's friends.
    N = "N"
    #: Only the requested recipients who are channel friends (FriendTalk behaviour).
    I = "I"  # noqa: E741 - the API's own value


class BrandButtonType(str, enum.Enum):
    """Button types (``buttons[].type``) a Brand Message accepts."""

    #: Web link: ``link_mo`` required, ``link_pc`` optional (``http(s)://``).
    WEB_LINK = "WL"
    #: App link: at least two of ``scheme_android``, ``scheme_ios``, ``link_mo``.
    APP_LINK = "AL"
    #: Bot keyword: sends the button name to the chatbot.
    BOT_KEYWORD = "BK"
    #: Message forwarding: forwards the message text to the chatbot.
    MESSAGE_FORWARD = "MD"
    #: Add channel: named exactly :data:`ADD_CHANNEL_BUTTON_NAME`; friends do not see it.
    ADD_CHANNEL = "AC"
    #: Bot transfer to a Kakao i Open Builder chatbot (``chat_extra``, ``chat_event``).
    BOT_TRANSFER = "BT"
    #: Business form: ``biz_form_key`` and one of :data:`BIZ_FORM_BUTTON_NAMES`.
    BIZ_FORM = "BF"


class BrandImageType(str, enum.Enum):
    """The ``imageType`` an image is uploaded as; a send must use the matching type (-8002).

    All are JPG or PNG, at most 5 MB, at least 500 px wide.
    """

    #: IMAGE bubbles, COMMERCE images, PREMIUM_VIDEO thumbnails; height/width 0.5..1.333.
    IMAGE = "IMAGE"
    #: WIDE bubbles; height/width 0.5..1.
    WIDE_IMAGE = "WIDE_IMAGE"
    #: The first entry of a WIDE_ITEM_LIST; height/width exactly 0.5 (2:1).
    MAIN_WIDE_ITEMLIST_IMAGE = "MAIN_WIDE_ITEMLIST_IMAGE"
    #: Entries 2..4 of a WIDE_ITEM_LIST; square.
    NORMAL_WIDE_ITEMLIST_IMAGE = "NORMAL_WIDE_ITEMLIST_IMAGE"
    #: CAROUSEL_FEED cards; height/width 0.5..1.333.
    CAROUSEL_FEED_IMAGE = "CAROUSEL_FEED_IMAGE"
    #: CAROUSEL_COMMERCE head and cards; height/width 0.5..1.333, one ratio per message.
    CAROUSEL_COMMERCE_IMAGE = "CAROUSEL_COMMERCE_IMAGE"


class VideoStatus(str, enum.Enum):
    """The state of an uploaded premium video; only ``PUBLIC`` videos can be sent."""

    REGISTERED = "REGISTERED"
    ENCODING = "ENCODING"
    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"
    VIOLATED = "VIOLATED"
    ILLEGAL = "ILLEGAL"
    DELETED = "DELETED"
    ERROR = "ERROR"


class BrandMessageStatus(str, enum.Enum):
    """The ``messageStatus`` of a queried Brand Message recipient."""

    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class ResendStatus(str, enum.Enum):
    """The SMS fallback state of a recipient (``resendStatusCode``)."""

    #: Not a fallback target.
    NOT_TARGET = "RSC01"
    #: A fallback target (the KakaoTalk result is not final yet, or fallback is due).
    TARGET = "RSC02"
    #: The fallback SMS is being sent.
    IN_PROGRESS = "RSC03"
    #: The fallback SMS was sent.
    SUCCEEDED = "RSC04"
    #: The fallback SMS failed.
    FAILED = "RSC05"


def _parse_enum(cls: type[enum.Enum], value: object) -> Any:
    if value is None:
        return None
    try:
        return cls(str(value))
    except ValueError:
        return None
