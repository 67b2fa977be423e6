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

Character limits count Python ``str`` characters (the provider counts
"characters regardless of script, spaces included"); Kakao text is not limited
to EUC-KR, only SMS fallback text is.

The Korean literals the API matches exactly (:data:`ADD_CHANNEL_BUTTON_NAME`,
:data:`BIZ_FORM_BUTTON_NAMES`, the coupon title shapes) must not be translated.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, TypeAlias

import attrs

from ._models import Recipient, SmsFallback
from ._wire import opt_bool, opt_int, opt_str, parse_date
from .errors import ValidationError

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
]

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


# --- small validation helpers ----------------------------------------------------


def _fail(field: str, message: str) -> ValidationError:
    return ValidationError(f"{field}: {message}", field=field)


def _text(
    value: object,
    field: str,
    *,
    max_chars: int,
    max_breaks: int | None = 0,
    required: bool = True,
) -> None:
    if value is None:
        if required:
            raise _fail(field, "is required")
        return
    if not isinstance(value, str):
        raise _fail(field, f"must be a str, not {type(value).__name__}")
    if not value.strip():
        raise _fail(field, "must not be empty")
    if len(value) > max_chars:
        raise _fail(field, f"is {len(value)} characters; the limit is {max_chars}")
    if max_breaks is not None:
        breaks = value.count("\n")
        if breaks > max_breaks:
            allowed = "no line breaks" if max_breaks == 0 else f"at most {max_breaks} line breaks"
            raise _fail(field, f"has {breaks} line breaks; {allowed} allowed")


def _link(
    value: object,
    field: str,
    *,
    required: bool = False,
    http: bool = True,
    max_chars: int = LINK_MAX_CHARS,
) -> None:
    if value is None:
        if required:
            raise _fail(field, "is required")
        return
    if not isinstance(value, str) or not value.strip():
        raise _fail(field, "must be a non-empty str")
    if len(value) > max_chars:
        raise _fail(field, f"is {len(value)} characters; the limit is {max_chars}")
    if http and not value.startswith(_HTTP):
        raise _fail(field, "must start with http:// or https:// (API rule -3310)")


def _int(value: object, field: str, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(field, f"must be an int, not {type(value).__name__}")
    if not low <= value <= high:
        raise _fail(field, f"is {value}; allowed {low:,}..{high:,}")


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        out[key] = value


def _links_wire(
    out: dict[str, Any],
    link_mo: str | None,
    link_pc: str | None,
    scheme_android: str | None,
    scheme_ios: str | None,
) -> dict[str, Any]:
    _put(out, "linkMo", link_mo)
    _put(out, "linkPc", link_pc)
    _put(out, "schemeAndroid", scheme_android)
    _put(out, "schemeIos", scheme_ios)
    return out


# --- parts ---------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Button:
    """One button of a Brand Message; the list order is the display order.

    Prefer the constructors (:meth:`web`, :meth:`app`, :meth:`add_channel`,
    :meth:`biz_form`, ...), which ask for exactly what each type needs.

    Attributes:
        name: the label; at most 14 characters on TEXT/IMAGE bubbles, 8
            elsewhere, no line breaks.
        type: the :class:`BrandButtonType` (or its code, e.g. ``"WL"``).
        link_mo: mobile URL (``http(s)://``, at most 1,000 characters).
        link_pc: PC URL (``http(s)://``, at most 1,000 characters).
        scheme_android: Android app scheme (``AL``).
        scheme_ios: iOS app scheme (``AL``).
        chat_extra: data passed to the chatbot (``BT`` only).
        chat_event: the chatbot event to trigger (``BT`` only).
        biz_form_key: the business-form key (``BF`` only, required there).
    """

    name: str
    type: BrandButtonType = attrs.field(converter=BrandButtonType)
    link_mo: str | None = attrs.field(default=None, kw_only=True)
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)
    chat_extra: str | None = attrs.field(default=None, kw_only=True)
    chat_event: str | None = attrs.field(default=None, kw_only=True)
    biz_form_key: str | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def web(cls, name: str, link_mo: str, link_pc: str | None = None) -> Button:
        """A web-link (``WL``) button opening ``link_mo`` (``link_pc`` on PCs)."""
        return cls(name, BrandButtonType.WEB_LINK, link_mo=link_mo, link_pc=link_pc)

    @classmethod
    def app(
        cls,
        name: str,
        *,
        scheme_android: str | None = None,
        scheme_ios: str | None = None,
        link_mo: str | None = None,
        link_pc: str | None = None,
    ) -> Button:
        """An app-link (``AL``) button; give at least two of the Android scheme,
        the iOS scheme and ``link_mo`` (API rule -3309)."""
        return cls(
            name,
            BrandButtonType.APP_LINK,
            scheme_android=scheme_android,
            scheme_ios=scheme_ios,
            link_mo=link_mo,
            link_pc=link_pc,
        )

    @classmethod
    def bot_keyword(cls, name: str) -> Button:
        """A bot-keyword (``BK``) button: tapping sends ``name`` to the chatbot."""
        return cls(name, BrandButtonType.BOT_KEYWORD)

    @classmethod
    def message_forward(cls, name: str) -> Button:
        """A message-forwarding (``MD``) button: forwards the message to the chatbot."""
        return cls(name, BrandButtonType.MESSAGE_FORWARD)

    @classmethod
    def add_channel(cls) -> Button:
        """The add-channel (``AC``) button, named :data:`ADD_CHANNEL_BUTTON_NAME`.

        It must be the first button of a TEXT/IMAGE bubble and the last one
        elsewhere, and appear at most once in a carousel.
        """
        return cls(ADD_CHANNEL_BUTTON_NAME, BrandButtonType.ADD_CHANNEL)

    @classmethod
    def bot_transfer(
        cls, name: str, *, chat_extra: str | None = None, chat_event: str | None = None
    ) -> Button:
        """A bot-transfer (``BT``) button (Kakao i Open Builder channels only)."""
        return cls(name, BrandButtonType.BOT_TRANSFER, chat_extra=chat_extra, chat_event=chat_event)

    @classmethod
    def biz_form(cls, name: str, biz_form_key: str) -> Button:
        """A business-form (``BF``) button; ``name`` is one of :data:`BIZ_FORM_BUTTON_NAMES`."""
        return cls(name, BrandButtonType.BIZ_FORM, biz_form_key=biz_form_key)

    def validate(self, field: str, *, max_name: int = 14) -> None:
        """Check this button on its own (placement is checked by the message).

        Raises:
            ValidationError: ``field`` plus the attribute at fault, e.g.
                ``"message.buttons[0].link_mo"``.
        """
        _text(self.name, f"{field}.name", max_chars=max_name)
        kind = self.type
        for attr in ("link_mo", "link_pc"):
            _link(getattr(self, attr), f"{field}.{attr}")
        for attr in ("scheme_android", "scheme_ios"):
            _link(getattr(self, attr), f"{field}.{attr}", http=False)
        if kind is BrandButtonType.WEB_LINK and self.link_mo is None:
            raise _fail(f"{field}.link_mo", "a web-link (WL) button needs link_mo (API rule -3307)")
        if kind is BrandButtonType.APP_LINK:
            given = sum(v is not None for v in (self.scheme_android, self.scheme_ios, self.link_mo))
            if given < 2:
                raise _fail(
                    f"{field}.scheme_android",
                    "an app-link (AL) button needs at least two of scheme_android, scheme_ios "
                    "and link_mo (API rule -3309)",
                )
        if kind is BrandButtonType.ADD_CHANNEL and self.name != ADD_CHANNEL_BUTTON_NAME:
            raise _fail(
                f"{field}.name",
                f"an add-channel (AC) button must be named {ADD_CHANNEL_BUTTON_NAME!r} "
                "(API rule -3348); use Button.add_channel()",
            )
        if kind is BrandButtonType.BIZ_FORM:
            if self.name not in BIZ_FORM_BUTTON_NAMES:
                raise _fail(
                    f"{field}.name",
                    f"a business-form (BF) button must be named one of {BIZ_FORM_BUTTON_NAMES} "
                    "(API rule -3331)",
                )
            if not self.biz_form_key:
                raise _fail(f"{field}.biz_form_key", "a business-form (BF) button needs it")
        elif self.biz_form_key is not None:
            raise _fail(f"{field}.biz_form_key", "only business-form (BF) buttons take it")
        if kind is not BrandButtonType.BOT_TRANSFER:
            for attr in ("chat_extra", "chat_event"):
                if getattr(self, attr) is not None:
                    raise _fail(f"{field}.{attr}", "only bot-transfer (BT) buttons take it")

    def to_wire(self) -> dict[str, Any]:
        """The button's JSON."""
        out: dict[str, Any] = {"name": self.name, "type": self.type.value}
        _links_wire(out, self.link_mo, self.link_pc, self.scheme_android, self.scheme_ios)
        _put(out, "chatExtra", self.chat_extra)
        _put(out, "chatEvent", self.chat_event)
        _put(out, "bizFormKey", self.biz_form_key)
        return out


def _buttons(value: Iterable[Button]) -> tuple[Button, ...]:
    return tuple(value)


def _check_buttons(
    buttons: tuple[Button, ...],
    field: str,
    *,
    low: int,
    high: int,
    max_name: int,
    vertical: bool,
) -> None:
    """Count, validate and place a button list (AC and BF placement rules)."""
    if not low <= len(buttons) <= high:
        need = f"exactly {low}" if low == high else f"{low} to {high}"
        raise _fail(field, f"has {len(buttons)} buttons; this layout takes {need}")
    ac_at: list[int] = []
    bf_at: list[int] = []
    for index, button in enumerate(buttons):
        where = f"{field}[{index}]"
        if not isinstance(button, Button):
            raise _fail(where, f"must be a Button, not {type(button).__name__}")
        button.validate(where, max_name=max_name)
        if button.type is BrandButtonType.ADD_CHANNEL:
            ac_at.append(index)
        elif button.type is BrandButtonType.BIZ_FORM:
            bf_at.append(index)
    if len(ac_at) > 1:
        raise _fail(f"{field}[{ac_at[1]}]", "at most one add-channel (AC) button")
    last = len(buttons) - 1
    if ac_at:
        want, rule = (0, "first (API rule -3311)") if vertical else (last, "last (API rule -3312)")
        if ac_at[0] != want:
            raise _fail(f"{field}[{ac_at[0]}]", f"the add-channel (AC) button must be {rule}")
    for index in bf_at:
        # The error table's placement codes: vertical layouts put BF first
        # (second after AC); horizontal ones put it right, or left of AC.
        if vertical:
            want, rule = (1, "-3336") if ac_at else (0, "-3330")
        else:
            want, rule = (0, "-3338") if ac_at else (last, "-3337")
        if index != want:
            raise _fail(
                f"{field}[{index}]",
                f"a business-form (BF) button must be button {want + 1} of this layout "
                f"(API rule {rule})",
            )


@attrs.frozen(slots=True)
class Coupon:
    """A coupon shown under the message.

    Attributes:
        title: one of five shapes (API rule -3315): ``"{N}원 할인 쿠폰"`` (N
            1..99,999,999), ``"{N}% 할인 쿠폰"`` (N 1..100), ``"배송비 할인 쿠폰"``,
            ``"{up to 7 characters} 무료 쿠폰"``, ``"{up to 7 characters} UP 쿠폰"``.
        description: at most 12 characters (18 on WIDE, WIDE_ITEM_LIST and
            PREMIUM_VIDEO), no line breaks.
        link_mo: the coupon's mobile link; required unless a scheme holds a
            KakaoTalk channel coupon URL (``alimtalk=coupon://...``).
        link_pc: PC link.
        scheme_android: Android scheme, or a channel coupon URL.
        scheme_ios: iOS scheme, or a channel coupon URL.
    """

    title: str
    description: str
    link_mo: str | None = attrs.field(default=None, kw_only=True)
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)

    def validate(self, field: str, *, max_description: int = 12) -> None:
        """Check title shape, description length and the link rule.

        Raises:
            ValidationError: the attribute at fault under ``field``.
        """
        _text(self.title, f"{field}.title", max_chars=100)
        match = next((m for m in (p.fullmatch(self.title) for p in _COUPON_TITLES) if m), None)
        if match is None or (match.groupdict().get("pct") and int(match["pct"]) > 100):
            raise _fail(
                f"{field}.title",
                f"{self.title!r} is not an allowed coupon title: '{{N}}원 할인 쿠폰', "
                f"'{{N}}% 할인 쿠폰', '{SHIPPING_COUPON_TITLE}', '{{up to 7 chars}} 무료 쿠폰' "
                "or '{up to 7 chars} UP 쿠폰' (API rule -3315)",
            )
        _text(self.description, f"{field}.description", max_chars=max_description)
        _link(self.link_mo, f"{field}.link_mo")
        _link(self.link_pc, f"{field}.link_pc")
        _link(self.scheme_android, f"{field}.scheme_android", http=False)
        _link(self.scheme_ios, f"{field}.scheme_ios", http=False)
        channel_coupon = any(
            s is not None and s.startswith(_CHANNEL_COUPON)
            for s in (self.scheme_android, self.scheme_ios)
        )
        if self.link_mo is None and not channel_coupon:
            raise _fail(
                f"{field}.link_mo",
                "a coupon needs link_mo, or a channel coupon URL "
                f"({_CHANNEL_COUPON}...) in scheme_android/scheme_ios (API rule -3313)",
            )

    def to_wire(self) -> dict[str, Any]:
        """The coupon's JSON."""
        out: dict[str, Any] = {"title": self.title, "description": self.description}
        return _links_wire(out, self.link_mo, self.link_pc, self.scheme_android, self.scheme_ios)


@attrs.frozen(slots=True)
class Image:
    """An uploaded image used by IMAGE, WIDE and COMMERCE bubbles.

    Attributes:
        url: the ``imageUrl`` returned by ``upload_brand_image`` for the
            bubble's image type (IMAGE/COMMERCE: ``IMAGE``, WIDE: ``WIDE_IMAGE``).
        link: where tapping the image leads (``http(s)://``, at most 1,000
            characters); ``None`` opens KakaoTalk's image viewer.
    """

    url: str
    link: str | None = None

    def validate(self, field: str) -> None:
        """Check both URLs (API rules -3326, -3327)."""
        _link(self.url, f"{field}.url", required=True)
        _link(self.link, f"{field}.link")

    def to_wire(self) -> dict[str, Any]:
        """The image's JSON."""
        out: dict[str, Any] = {"imageUrl": self.url}
        _put(out, "imageLink", self.link)
        return out


def _image(value: Image | str) -> Image:
    return Image(value) if isinstance(value, str) else value


@attrs.frozen(slots=True)
class Video:
    """The video of a PREMIUM_VIDEO bubble.

    Attributes:
        url: a Kakao TV address (``https://tv.kakao.com/v/...``) or the
            ``video_url`` of a video uploaded with ``register_brand_video`` once
            it is ``PUBLIC``; at most 500 characters.
        thumbnail_url: an image uploaded as ``IMAGE``; ``None`` uses the
            video's own thumbnail. At most 500 characters.
    """

    url: str
    thumbnail_url: str | None = None

    def validate(self, field: str) -> None:
        """Check both URLs (API rule -3318 for the video)."""
        _link(self.url, f"{field}.url", required=True, max_chars=VIDEO_URL_MAX_CHARS)
        _link(self.thumbnail_url, f"{field}.thumbnail_url", max_chars=VIDEO_URL_MAX_CHARS)

    def to_wire(self) -> dict[str, Any]:
        """The video's JSON."""
        out: dict[str, Any] = {"videoUrl": self.url}
        _put(out, "thumbnailUrl", self.thumbnail_url)
        return out


@attrs.frozen(slots=True)
class Commerce:
    """Product and price of a COMMERCE bubble or a carousel-commerce card.

    Allowed price combinations (API rule -3299): ``regular_price`` alone;
    ``regular_price`` + ``discount_price`` + ``discount_rate``; or
    ``regular_price`` + ``discount_price`` + ``discount_fixed``.

    Attributes:
        title: the product name, at most 30 characters, no line breaks.
        regular_price: 0..99,999,999 (KRW).
        discount_price: the price after discount, 0..99,999,999.
        discount_rate: percent, 0..100.
        discount_fixed: the amount taken off, 0..999,999.
    """

    title: str
    regular_price: int
    discount_price: int | None = attrs.field(default=None, kw_only=True)
    discount_rate: int | None = attrs.field(default=None, kw_only=True)
    discount_fixed: int | None = attrs.field(default=None, kw_only=True)

    def validate(self, field: str) -> None:
        """Check the title, the ranges and the price combination."""
        _text(self.title, f"{field}.title", max_chars=30)
        _int(self.regular_price, f"{field}.regular_price", 0, 99_999_999)
        if self.discount_price is not None:
            _int(self.discount_price, f"{field}.discount_price", 0, 99_999_999)
        if self.discount_rate is not None:
            _int(self.discount_rate, f"{field}.discount_rate", 0, 100)
        if self.discount_fixed is not None:
            _int(self.discount_fixed, f"{field}.discount_fixed", 0, 999_999)
        discounts = (self.discount_rate is not None) + (self.discount_fixed is not None)
        if discounts > 1 or (self.discount_price is None) != (discounts == 0):
            raise _fail(
                f"{field}.discount_price",
                "give regular_price alone, or with discount_price and exactly one of "
                "discount_rate / discount_fixed (API rule -3299)",
            )

    def to_wire(self) -> dict[str, Any]:
        """The commerce JSON (prices as ints)."""
        out: dict[str, Any] = {"title": self.title, "regularPrice": self.regular_price}
        _put(out, "discountPrice", self.discount_price)
        _put(out, "discountRate", self.discount_rate)
        _put(out, "discountFixed", self.discount_fixed)
        return out


@attrs.frozen(slots=True)
class WideItem:
    """One entry of a WIDE_ITEM_LIST bubble.

    Attributes:
        image_url: first entry: an image uploaded as ``MAIN_WIDE_ITEMLIST_IMAGE``;
            others: ``NORMAL_WIDE_ITEMLIST_IMAGE``.
        link_mo: where tapping the entry leads (required).
        title: at most 25 characters on the first entry (where it is
            optional), 30 on the others (required), at most 1 line break.
        link_pc: PC link.
        scheme_android: Android scheme.
        scheme_ios: iOS scheme.
    """

    image_url: str
    link_mo: str
    title: str | None = attrs.field(default=None, kw_only=True)
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)

    def validate(self, field: str, *, first: bool) -> None:
        """Check the entry; ``first`` selects the first entry's rules."""
        _text(
            self.title,
            f"{field}.title",
            max_chars=25 if first else 30,
            max_breaks=1,
            required=not first,
        )
        _link(self.image_url, f"{field}.image_url", required=True)
        _link(self.link_mo, f"{field}.link_mo", required=True)
        _link(self.link_pc, f"{field}.link_pc")
        _link(self.scheme_android, f"{field}.scheme_android", http=False)
        _link(self.scheme_ios, f"{field}.scheme_ios", http=False)

    def to_wire(self) -> dict[str, Any]:
        """The entry's JSON."""
        out: dict[str, Any] = {}
        _put(out, "title", self.title)
        out["imageUrl"] = self.image_url
        return _links_wire(out, self.link_mo, self.link_pc, self.scheme_android, self.scheme_ios)


@attrs.frozen(slots=True)
class CarouselFeedCard:
    """One card of a CAROUSEL_FEED bubble.

    Attributes:
        header: at most 20 characters, no line breaks.
        message: at most 180 characters.
        image_url: an image uploaded as ``CAROUSEL_FEED_IMAGE``.
        buttons: 1 or 2 buttons, names at most 8 characters.
        image_link: where tapping the image leads.
        coupon: an optional coupon (description at most 12 characters).
    """

    header: str
    message: str
    image_url: str
    buttons: tuple[Button, ...] = attrs.field(converter=_buttons)
    image_link: str | None = attrs.field(default=None, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def validate(self, field: str) -> None:
        """Check the card's parts."""
        _text(self.header, f"{field}.header", max_chars=20)
        _text(self.message, f"{field}.message", max_chars=180, max_breaks=None)
        _link(self.image_url, f"{field}.image_url", required=True)
        _link(self.image_link, f"{field}.image_link")
        _check_buttons(self.buttons, f"{field}.buttons", low=1, high=2, max_name=8, vertical=False)
        if self.coupon is not None:
            self.coupon.validate(f"{field}.coupon")

    def to_wire(self) -> dict[str, Any]:
        """The card's JSON (flat: no FriendTalk ``attachment`` wrapper)."""
        out: dict[str, Any] = {
            "header": self.header,
            "message": self.message,
            "imageUrl": self.image_url,
        }
        _put(out, "imageLink", self.image_link)
        out["buttons"] = [b.to_wire() for b in self.buttons]
        if self.coupon is not None:
            out["coupon"] = self.coupon.to_wire()
        return out


@attrs.frozen(slots=True)
class CarouselCommerceCard:
    """One product card of a CAROUSEL_COMMERCE bubble.

    Attributes:
        image_url: an image uploaded as ``CAROUSEL_COMMERCE_IMAGE`` (all
            images of one message must share one aspect ratio).
        commerce: the product and price.
        buttons: 1 or 2 buttons, names at most 8 characters.
        additional_content: at most 34 characters.
        image_link: where tapping the image leads.
        coupon: an optional coupon (description at most 12 characters).
    """

    image_url: str
    commerce: Commerce
    buttons: tuple[Button, ...] = attrs.field(converter=_buttons)
    additional_content: str | None = attrs.field(default=None, kw_only=True)
    image_link: str | None = attrs.field(default=None, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def validate(self, field: str) -> None:
        """Check the card's parts."""
        _link(self.image_url, f"{field}.image_url", required=True)
        _link(self.image_link, f"{field}.image_link")
        if not isinstance(self.commerce, Commerce):
            raise _fail(f"{field}.commerce", "must be a Commerce")
        self.commerce.validate(f"{field}.commerce")
        _text(
            self.additional_content,
            f"{field}.additional_content",
            max_chars=34,
            max_breaks=None,
            required=False,
        )
        _check_buttons(self.buttons, f"{field}.buttons", low=1, high=2, max_name=8, vertical=False)
        if self.coupon is not None:
            self.coupon.validate(f"{field}.coupon")

    def to_wire(self) -> dict[str, Any]:
        """The card's JSON."""
        out: dict[str, Any] = {}
        _put(out, "additionalContent", self.additional_content)
        out["imageUrl"] = self.image_url
        _put(out, "imageLink", self.image_link)
        out["commerce"] = self.commerce.to_wire()
        out["buttons"] = [b.to_wire() for b in self.buttons]
        if self.coupon is not None:
            out["coupon"] = self.coupon.to_wire()
        return out


@attrs.frozen(slots=True)
class CarouselHead:
    """The optional intro card of a CAROUSEL_COMMERCE bubble.

    Attributes:
        header: at most 20 characters, no line breaks.
        content: at most 50 characters.
        image_url: an image uploaded as ``CAROUSEL_COMMERCE_IMAGE``.
        link_mo: mobile link; required as soon as any link is given (-3321).
        link_pc: PC link.
        scheme_android: Android scheme.
        scheme_ios: iOS scheme.
    """

    header: str
    content: str
    image_url: str
    link_mo: str | None = attrs.field(default=None, kw_only=True)
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)

    def validate(self, field: str) -> None:
        """Check the intro card."""
        _text(self.header, f"{field}.header", max_chars=20)
        _text(self.content, f"{field}.content", max_chars=50, max_breaks=None)
        _link(self.image_url, f"{field}.image_url", required=True)
        any_link = any(v is not None for v in (self.link_pc, self.scheme_android, self.scheme_ios))
        _link(self.link_mo, f"{field}.link_mo", required=any_link)
        _link(self.link_pc, f"{field}.link_pc")
        _link(self.scheme_android, f"{field}.scheme_android", http=False)
        _link(self.scheme_ios, f"{field}.scheme_ios", http=False)

    def to_wire(self) -> dict[str, Any]:
        """The head's JSON."""
        out: dict[str, Any] = {
            "header": self.header,
            "content": self.content,
            "imageUrl": self.image_url,
        }
        return _links_wire(out, self.link_mo, self.link_pc, self.scheme_android, self.scheme_ios)


@attrs.frozen(slots=True)
class CarouselTail:
    """The "more" link at the end of a carousel.

    Attributes:
        link_mo: mobile link (required).
        link_pc: PC link.
        scheme_android: Android scheme.
        scheme_ios: iOS scheme.
    """

    link_mo: str
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)

    def validate(self, field: str) -> None:
        """Check the links (API rule -3323)."""
        _link(self.link_mo, f"{field}.link_mo", required=True)
        _link(self.link_pc, f"{field}.link_pc")
        _link(self.scheme_android, f"{field}.scheme_android", http=False)
        _link(self.scheme_ios, f"{field}.scheme_ios", http=False)

    def to_wire(self) -> dict[str, Any]:
        """The tail's JSON."""
        return _links_wire({}, self.link_mo, self.link_pc, self.scheme_android, self.scheme_ios)


# --- messages ----------------------------------------------------------------------------


def _cards(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _items(value: Iterable[WideItem]) -> tuple[WideItem, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class _Message:
    """What every bubble model has: the ``adult`` flag, ``validate`` and ``to_wire``."""

    #: The API's ``chatBubbleType`` of this model.
    chat_bubble_type: ClassVar[ChatBubbleType]

    adult: bool = attrs.field(default=False, kw_only=True)
    # (field, wire) of the last _checked_wire: a model is frozen, so a bubble
    # built once for a campaign is checked and rendered once, not per send.
    _wire: tuple[str, dict[str, Any]] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    def _checked_wire(self, field: str = "message") -> dict[str, Any]:
        """:meth:`validate` then :meth:`to_wire`, done once per model and field path.

        The dict is shared by every send of this model: callers copy, never change it.
        """
        cached = self._wire
        if cached is not None and cached[0] == field:
            return cached[1]
        self.validate(field)
        wire = self.to_wire()
        object.__setattr__(self, "_wire", (field, wire))
        return wire

    def validate(self, field: str = "message") -> None:
        """Check every documented rule of this bubble type.

        Args:
            field: the path prefix of error fields (``"message"`` in sends).

        Raises:
            ValidationError: ``field`` names the part at fault, e.g.
                ``"message.buttons[2].name"``.
        """
        if not isinstance(self.adult, bool):
            raise _fail(f"{field}.adult", "must be a bool")
        self._check(field)

    def _check(self, field: str) -> None:
        raise NotImplementedError

    def to_wire(self) -> dict[str, Any]:
        """The message's part of the request JSON (``chatBubbleType`` and its parts).

        Renders without checking; call :meth:`validate` first (the send
        methods do).
        """
        out: dict[str, Any] = {"chatBubbleType": self.chat_bubble_type.value}
        if self.adult:
            out["adult"] = True
        self._render(out)
        return out

    def _render(self, out: dict[str, Any]) -> None:
        raise NotImplementedError


def _check_coupon(coupon: Coupon | None, field: str, *, max_description: int = 12) -> None:
    if coupon is None:
        return
    if not isinstance(coupon, Coupon):
        raise _fail(field, "must be a Coupon")
    coupon.validate(field, max_description=max_description)


def _render_common(out: dict[str, Any], buttons: tuple[Button, ...], coupon: Coupon | None) -> None:
    if buttons:
        out["buttons"] = [b.to_wire() for b in buttons]
    if coupon is not None:
        out["coupon"] = coupon.to_wire()


@attrs.frozen(slots=True)
class TextMessage(_Message):
    """A TEXT bubble: text with up to 5 buttons (4 with a coupon).

    Attributes:
        content: at most 1,300 characters and 99 line breaks; URLs allowed.
        buttons: 0..5 buttons (0..4 with a coupon), names at most 14
            characters; an AC button must come first.
        coupon: an optional coupon (description at most 12 characters).
        adult: adult-only content (hidden until the reader's age is verified).
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.TEXT

    content: str
    buttons: tuple[Button, ...] = attrs.field(default=(), converter=_buttons, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        _text(self.content, f"{field}.content", max_chars=1300, max_breaks=99)
        _check_buttons(
            self.buttons,
            f"{field}.buttons",
            low=0,
            high=4 if self.coupon is not None else 5,
            max_name=14,
            vertical=True,
        )
        _check_coupon(self.coupon, f"{field}.coupon")

    def _render(self, out: dict[str, Any]) -> None:
        out["content"] = self.content
        _render_common(out, self.buttons, self.coupon)


@attrs.frozen(slots=True)
class ImageMessage(_Message):
    """An IMAGE bubble: an image above text, with up to 5 buttons (4 with a coupon).

    Attributes:
        content: at most 1,300 characters and 99 line breaks.
        image: an :class:`Image` (or its URL) uploaded as ``IMAGE``.
        buttons: 0..5 buttons (0..4 with a coupon), names at most 14
            characters; an AC button must come first.
        coupon: an optional coupon (description at most 12 characters).
        adult: adult-only content.
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.IMAGE

    content: str
    image: Image = attrs.field(converter=_image)
    buttons: tuple[Button, ...] = attrs.field(default=(), converter=_buttons, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        _text(self.content, f"{field}.content", max_chars=1300, max_breaks=99)
        self.image.validate(f"{field}.image")
        _check_buttons(
            self.buttons,
            f"{field}.buttons",
            low=0,
            high=4 if self.coupon is not None else 5,
            max_name=14,
            vertical=True,
        )
        _check_coupon(self.coupon, f"{field}.coupon")

    def _render(self, out: dict[str, Any]) -> None:
        out["content"] = self.content
        out["image"] = self.image.to_wire()
        _render_common(out, self.buttons, self.coupon)


@attrs.frozen(slots=True)
class WideMessage(_Message):
    """A WIDE bubble: a wide image with short text and up to 2 buttons.

    Attributes:
        content: at most 76 characters and 5 line breaks.
        image: an :class:`Image` (or its URL) uploaded as ``WIDE_IMAGE``.
        buttons: 0..2 buttons, names at most 8 characters; AC goes last.
        coupon: an optional coupon (description at most 18 characters).
        adult: adult-only content.
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.WIDE

    content: str
    image: Image = attrs.field(converter=_image)
    buttons: tuple[Button, ...] = attrs.field(default=(), converter=_buttons, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        _text(self.content, f"{field}.content", max_chars=76, max_breaks=5)
        self.image.validate(f"{field}.image")
        _check_buttons(self.buttons, f"{field}.buttons", low=0, high=2, max_name=8, vertical=False)
        _check_coupon(self.coupon, f"{field}.coupon", max_description=18)

    def _render(self, out: dict[str, Any]) -> None:
        out["content"] = self.content
        out["image"] = self.image.to_wire()
        _render_common(out, self.buttons, self.coupon)


@attrs.frozen(slots=True)
class WideItemListMessage(_Message):
    """A WIDE_ITEM_LIST bubble: a header over 3 or 4 linked entries.

    Attributes:
        header: at most 20 characters, no line breaks.
        items: 3 or 4 :class:`WideItem` entries.
        buttons: 0..2 buttons, names at most 8 characters; AC goes last.
        coupon: an optional coupon (description at most 18 characters).
        adult: adult-only content.
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.WIDE_ITEM_LIST

    header: str
    items: tuple[WideItem, ...] = attrs.field(converter=_items)
    buttons: tuple[Button, ...] = attrs.field(default=(), converter=_buttons, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        _text(self.header, f"{field}.header", max_chars=20)
        if not 3 <= len(self.items) <= 4:
            raise _fail(f"{field}.items", f"has {len(self.items)} entries; 3 or 4 are required")
        for index, item in enumerate(self.items):
            if not isinstance(item, WideItem):
                raise _fail(f"{field}.items[{index}]", "must be a WideItem")
            item.validate(f"{field}.items[{index}]", first=index == 0)
        _check_buttons(self.buttons, f"{field}.buttons", low=0, high=2, max_name=8, vertical=False)
        _check_coupon(self.coupon, f"{field}.coupon", max_description=18)

    def _render(self, out: dict[str, Any]) -> None:
        out["header"] = self.header
        out["item"] = {"list": [i.to_wire() for i in self.items]}
        _render_common(out, self.buttons, self.coupon)


@attrs.frozen(slots=True)
class PremiumVideoMessage(_Message):
    """A PREMIUM_VIDEO bubble: a video with optional header, text and one button.

    Attributes:
        video: the :class:`Video`.
        content: at most 76 characters and 5 line breaks.
        header: at most 20 characters, no line breaks.
        buttons: 0 or 1 button, name at most 8 characters.
        coupon: an optional coupon (description at most 18 characters).
        adult: adult-only content.
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.PREMIUM_VIDEO

    video: Video
    content: str | None = attrs.field(default=None, kw_only=True)
    header: str | None = attrs.field(default=None, kw_only=True)
    buttons: tuple[Button, ...] = attrs.field(default=(), converter=_buttons, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        if not isinstance(self.video, Video):
            raise _fail(f"{field}.video", "must be a Video")
        self.video.validate(f"{field}.video")
        _text(self.content, f"{field}.content", max_chars=76, max_breaks=5, required=False)
        _text(self.header, f"{field}.header", max_chars=20, required=False)
        _check_buttons(self.buttons, f"{field}.buttons", low=0, high=1, max_name=8, vertical=False)
        _check_coupon(self.coupon, f"{field}.coupon", max_description=18)

    def _render(self, out: dict[str, Any]) -> None:
        _put(out, "header", self.header)
        _put(out, "content", self.content)
        out["video"] = self.video.to_wire()
        _render_common(out, self.buttons, self.coupon)


@attrs.frozen(slots=True)
class CommerceMessage(_Message):
    """A COMMERCE bubble: a product image, title and price, with 1 or 2 buttons.

    Attributes:
        image: an :class:`Image` (or its URL) uploaded as ``IMAGE``.
        commerce: the product and price.
        buttons: 1 or 2 buttons (required, -3306), names at most 8 characters.
        additional_content: at most 34 characters and 1 line break.
        coupon: an optional coupon (description at most 12 characters).
        adult: adult-only content.
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.COMMERCE

    image: Image = attrs.field(converter=_image)
    commerce: Commerce
    buttons: tuple[Button, ...] = attrs.field(converter=_buttons)
    additional_content: str | None = attrs.field(default=None, kw_only=True)
    coupon: Coupon | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        self.image.validate(f"{field}.image")
        if not isinstance(self.commerce, Commerce):
            raise _fail(f"{field}.commerce", "must be a Commerce")
        self.commerce.validate(f"{field}.commerce")
        _text(
            self.additional_content,
            f"{field}.additional_content",
            max_chars=34,
            max_breaks=1,
            required=False,
        )
        _check_buttons(self.buttons, f"{field}.buttons", low=1, high=2, max_name=8, vertical=False)
        _check_coupon(self.coupon, f"{field}.coupon")

    def _render(self, out: dict[str, Any]) -> None:
        _put(out, "additionalContent", self.additional_content)
        out["image"] = self.image.to_wire()
        out["commerce"] = self.commerce.to_wire()
        _render_common(out, self.buttons, self.coupon)


def _check_carousel_ac(cards: tuple[Any, ...], field: str) -> None:
    seen: str | None = None
    for index, card in enumerate(cards):
        for pos, button in enumerate(card.buttons):
            if button.type is BrandButtonType.ADD_CHANNEL:
                where = f"{field}[{index}].buttons[{pos}]"
                if seen is not None:
                    raise _fail(
                        where,
                        f"a carousel may hold one add-channel (AC) button; {seen} is one "
                        "already (API rule -3349)",
                    )
                seen = where


@attrs.frozen(slots=True)
class CarouselFeedMessage(_Message):
    """A CAROUSEL_FEED bubble: 2 to 6 swipeable cards with text and buttons.

    Attributes:
        cards: 2..6 :class:`CarouselFeedCard` (each with 1 or 2 buttons).
        tail: an optional "more" link after the last card.
        adult: adult-only content.
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.CAROUSEL_FEED

    cards: tuple[CarouselFeedCard, ...] = attrs.field(converter=_cards)
    tail: CarouselTail | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        if not 2 <= len(self.cards) <= 6:
            raise _fail(
                f"{field}.cards",
                f"has {len(self.cards)} cards; 2 to 6 are allowed (API rule -3320)",
            )
        for index, card in enumerate(self.cards):
            if not isinstance(card, CarouselFeedCard):
                raise _fail(f"{field}.cards[{index}]", "must be a CarouselFeedCard")
            card.validate(f"{field}.cards[{index}]")
        _check_carousel_ac(self.cards, f"{field}.cards")
        if self.tail is not None:
            self.tail.validate(f"{field}.tail")

    def _render(self, out: dict[str, Any]) -> None:
        carousel: dict[str, Any] = {"list": [c.to_wire() for c in self.cards]}
        if self.tail is not None:
            carousel["tail"] = self.tail.to_wire()
        out["carousel"] = carousel


@attrs.frozen(slots=True)
class CarouselCommerceMessage(_Message):
    """A CAROUSEL_COMMERCE bubble: product cards, optionally after an intro card.

    Attributes:
        cards: 2..6 :class:`CarouselCommerceCard`, or 1..5 with a ``head``.
        head: an optional intro :class:`CarouselHead`.
        tail: an optional "more" link after the last card.
        adult: adult-only content.
    """

    chat_bubble_type: ClassVar[ChatBubbleType] = ChatBubbleType.CAROUSEL_COMMERCE

    cards: tuple[CarouselCommerceCard, ...] = attrs.field(converter=_cards)
    head: CarouselHead | None = attrs.field(default=None, kw_only=True)
    tail: CarouselTail | None = attrs.field(default=None, kw_only=True)

    def _check(self, field: str) -> None:
        low, high = (1, 5) if self.head is not None else (2, 6)
        if not low <= len(self.cards) <= high:
            with_head = " with a head" if self.head is not None else ""
            raise _fail(
                f"{field}.cards",
                f"has {len(self.cards)} cards; {low} to {high} are allowed{with_head} "
                "(API rule -3320)",
            )
        if self.head is not None:
            self.head.validate(f"{field}.head")
        for index, card in enumerate(self.cards):
            if not isinstance(card, CarouselCommerceCard):
                raise _fail(f"{field}.cards[{index}]", "must be a CarouselCommerceCard")
            card.validate(f"{field}.cards[{index}]")
        _check_carousel_ac(self.cards, f"{field}.cards")
        if self.tail is not None:
            self.tail.validate(f"{field}.tail")

    def _render(self, out: dict[str, Any]) -> None:
        carousel: dict[str, Any] = {}
        if self.head is not None:
            carousel["head"] = self.head.to_wire()
        carousel["list"] = [c.to_wire() for c in self.cards]
        if self.tail is not None:
            carousel["tail"] = self.tail.to_wire()
        out["carousel"] = carousel


#: Any Brand Message bubble model; ``send_brand_message`` takes one.
BrandMessage: TypeAlias = (
    TextMessage
    | ImageMessage
    | WideMessage
    | WideItemListMessage
    | PremiumVideoMessage
    | CommerceMessage
    | CarouselFeedMessage
    | CarouselCommerceMessage
)
MESSAGE_TYPES: tuple[type[_Message], ...] = (
    TextMessage,
    ImageMessage,
    WideMessage,
    WideItemListMessage,
    PremiumVideoMessage,
    CommerceMessage,
    CarouselFeedMessage,
    CarouselCommerceMessage,
)


# --- recipients ------------------------------------------------------------------------


@attrs.frozen(slots=True)
class BrandRecipient(Recipient):
    """A :class:`~notify_sdk.Recipient` with the Brand Message per-recipient options.

    Args:
        number: the phone number.
        targeting: this recipient's :class:`Targeting`, overriding the call's.
        image_parameters: template sends only: one entry per template image,
            ``None`` for an image that stays (the API's ``imageParameters``).
        video_parameter: template sends only: a replacement video.
        params, grouping_key, fallback: as for :class:`~notify_sdk.Recipient`
            (``params`` only on template sends).
    """

    targeting: Targeting | str | None = attrs.field(default=None, kw_only=True)
    image_parameters: Sequence[Image | None] | None = attrs.field(default=None, kw_only=True)
    video_parameter: Video | None = attrs.field(default=None, kw_only=True)


# --- results of queries and uploads --------------------------------------------------------


@attrs.frozen(slots=True, kw_only=True)
class BrandDelivery:
    """One recipient of a Brand Message, as ``list_brand_messages`` reports it.

    Dates are the API's Korea-time strings; :attr:`requested_at` parses them.

    Attributes:
        request_id: the send's ``requestId``.
        seq: the recipient's ``recipientSeq``.
        recipient: the recipient number.
        sender_key: the sender profile key.
        plus_friend_id: the channel's search id (``@name``).
        template_code: the template sent, ``None`` for free-form sends.
        targeting: the recipient's :class:`Targeting` (``None`` if unknown).
        chat_bubble_type: the bubble type, ``None`` if unknown.
        push_alarm: whether a push notification was requested.
        status: ``COMPLETED`` / ``FAILED``; ``None`` while pending or unknown
            (``raw_status`` keeps the value).
        raw_status: ``messageStatus`` as received.
        result_code: the KakaoTalk delivery code as a string, e.g. ``"1000"``.
        result_code_name: the API's name for it.
        is_added_channel: whether the recipient was a channel friend.
        resend_status: the SMS fallback state (``None`` if absent/unknown).
        raw_resend_status: ``resendStatusCode`` as received.
        resend_status_name: the API's name for it.
        resend_result_code: the fallback's SMS API result code, if any.
        resend_request_id: the fallback's SMS ``requestId``, if any.
        request_date, create_date, receive_date: the API's date strings.
        create_user: the registrant label.
        sender_grouping_key, recipient_grouping_key: the send's tags.
    """

    request_id: str
    seq: int | None
    recipient: str | None = None
    sender_key: str | None = None
    plus_friend_id: str | None = None
    template_code: str | None = None
    targeting: Targeting | None = None
    chat_bubble_type: ChatBubbleType | None = None
    push_alarm: bool | None = None
    status: BrandMessageStatus | None = None
    raw_status: str | None = None
    result_code: str | None = None
    result_code_name: str | None = None
    is_added_channel: bool | None = None
    resend_status: ResendStatus | None = None
    raw_resend_status: str | None = None
    resend_status_name: str | None = None
    resend_result_code: str | None = None
    resend_request_id: str | None = None
    request_date: str | None = None
    create_date: str | None = None
    receive_date: str | None = None
    create_user: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None

    @property
    def requested_at(self) -> datetime | None:
        """:attr:`request_date` as a naive Korea-time datetime."""
        return parse_date(self.request_date)

    @property
    def received_at(self) -> datetime | None:
        """:attr:`receive_date` as a naive Korea-time datetime."""
        return parse_date(self.receive_date)

    @property
    def delivery_code(self) -> Any:
        """:attr:`result_code` as a ``notify_sdk.delivery.KakaoResultCode`` (``None``
        when absent or not in the tables); ``.outcome`` tells whether to resend."""
        if not self.result_code:
            return None
        from .delivery import KakaoResultCode

        return KakaoResultCode.parse(self.result_code)

    @classmethod
    def from_wire(cls, item: Mapping[str, Any]) -> BrandDelivery:
        """Build from one ``messages[]`` item (unknown enum values become ``None``)."""
        return cls(**_delivery_fields(item))


def _delivery_fields(item: Mapping[str, Any]) -> dict[str, Any]:
    status = opt_str(item.get("messageStatus"))
    resend = opt_str(item.get("resendStatusCode", item.get("resendStatus")))
    return {
        "request_id": str(item.get("requestId") or ""),
        "seq": opt_int(item.get("recipientSeq")),
        "recipient": opt_str(item.get("recipientNo")),
        "sender_key": opt_str(item.get("senderKey")),
        "plus_friend_id": opt_str(item.get("plusFriendId")),
        "template_code": opt_str(item.get("templateCode")),
        "targeting": _parse_enum(Targeting, item.get("targeting")),
        "chat_bubble_type": _parse_enum(ChatBubbleType, item.get("chatBubbleType")),
        "push_alarm": opt_bool(item.get("pushAlarm")),
        "status": _parse_enum(BrandMessageStatus, status),
        "raw_status": status,
        "result_code": opt_str(item.get("resultCode")),
        "result_code_name": opt_str(item.get("resultCodeName")),
        "is_added_channel": opt_bool(item.get("isAddedChannel")),
        "resend_status": _parse_enum(ResendStatus, resend),
        "raw_resend_status": resend,
        "resend_status_name": opt_str(item.get("resendStatusName")),
        "resend_result_code": opt_str(item.get("resendResultCode")),
        "resend_request_id": opt_str(item.get("resendRequestId")),
        "request_date": opt_str(item.get("requestDate")),
        "create_date": opt_str(item.get("createDate")),
        "receive_date": opt_str(item.get("receiveDate")),
        "create_user": opt_str(item.get("createUser")),
        "sender_grouping_key": opt_str(item.get("senderGroupingKey")),
        "recipient_grouping_key": opt_str(item.get("recipientGroupingKey")),
    }


def _template_parameter(value: object) -> Mapping[str, Any] | None:
    """The docs give ``templateParameter`` as a string; accept an object too."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        return dict(parsed) if isinstance(parsed, dict) else None
    return None


@attrs.frozen(slots=True, kw_only=True)
class BrandMessageDetail(BrandDelivery):
    """One recipient of a Brand Message with its rendered body and fallback result
    (``get_brand_message``).

    Attributes:
        content: the message text, if the bubble has one.
        header: the header, if any.
        additional_content: the additional text, if any.
        adult: whether the message was adult-only.
        template_parameter: the template values sent (the docs describe a
            JSON string; it is parsed, ``None`` if unreadable).
        raw: the whole ``message`` object, for the parts not modelled here
            (``image``, ``buttons``, ``item``, ``coupon``, ``commerce``,
            ``video``, ``carousel``).
    """

    content: str | None = None
    header: str | None = None
    additional_content: str | None = None
    adult: bool | None = None
    template_parameter: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @classmethod
    def from_wire(cls, item: Mapping[str, Any]) -> BrandMessageDetail:
        """Build from the ``message`` object of the get-one answer."""
        return cls(
            **_delivery_fields(item),
            content=opt_str(item.get("content")),
            header=opt_str(item.get("header")),
            additional_content=opt_str(item.get("additionalContent")),
            adult=opt_bool(item.get("adult")),
            template_parameter=_template_parameter(item.get("templateParameter")),
            raw=dict(item),
        )


@attrs.frozen(slots=True)
class BrandImage:
    """An uploaded Brand Message image.

    Attributes:
        seq: the API's ``imageSeq`` (used to delete it).
        url: the ``imageUrl`` to put in messages of the matching type.
        name: the stored file name.
        image_type: the type it was uploaded as.
    """

    seq: int | None
    url: str
    name: str | None = None
    image_type: BrandImageType | None = None


@attrs.frozen(slots=True, kw_only=True)
class BrandVideo:
    """A registered premium video.

    Attributes:
        seq: the API's ``videoSeq``.
        vid: Kakao's video id.
        sender_key: the sender profile it belongs to.
        title: the title, if any.
        file_name: the registered file name.
        file_size: the registered size in bytes.
        status: its :class:`VideoStatus` (``None`` if unknown; ``raw_status``).
        raw_status: ``status`` as received.
        video_url: the URL to send, once the video is ``PUBLIC``.
        thumbnail_url: its thumbnail, when listed.
    """

    seq: int | None
    vid: str | None = None
    sender_key: str | None = None
    title: str | None = None
    file_name: str | None = None
    file_size: int | None = None
    status: VideoStatus | None = None
    raw_status: str | None = None
    video_url: str | None = None
    thumbnail_url: str | None = None

    @classmethod
    def from_wire(cls, item: Mapping[str, Any]) -> BrandVideo:
        """Build from a ``video`` object."""
        raw_status = opt_str(item.get("status"))
        return cls(
            seq=opt_int(item.get("videoSeq")),
            vid=opt_str(item.get("vid")),
            sender_key=opt_str(item.get("senderKey")),
            title=opt_str(item.get("title")),
            file_name=opt_str(item.get("fileName")),
            file_size=opt_int(item.get("fileSize")),
            status=_parse_enum(VideoStatus, raw_status),
            raw_status=raw_status,
            video_url=opt_str(item.get("videoUrl")),
            thumbnail_url=opt_str(item.get("thumbnailUrl")),
        )


@attrs.frozen(slots=True, kw_only=True)
class BrandVideoUpload:
    """Step 1 of a video upload: the registered video and where to send the file.

    Pass it to ``upload_brand_video`` within 5 minutes of ``registered_at``
    (the token expires; register again afterwards).

    Attributes:
        video: the registered :class:`BrandVideo` (status ``REGISTERED``).
        upload_url: Kakao's upload address (not an NHN endpoint).
        token: the ``x-kamp-upload-token`` for that address.
        file_size: the byte size registered; the upload must match it exactly.
        registered_at: when the registration was answered (naive Korea time).
    """

    video: BrandVideo
    upload_url: str
    token: str = attrs.field(repr=False)
    file_size: int
    registered_at: datetime

    #: How long the upload token lives, in seconds.
    TOKEN_TTL: ClassVar[int] = 300

    @property
    def expires_at(self) -> datetime:
        """When the token stops working (naive Korea time)."""
        from datetime import timedelta

        return self.registered_at + timedelta(seconds=self.TOKEN_TTL)


@attrs.frozen(slots=True)
class BrandVideoUploaded:
    """Kakao's answer to step 2 of a video upload.

    The video then encodes (usually 5 to 10 minutes); it can be sent once its
    status is ``PUBLIC``.

    Attributes:
        vid: Kakao's video id.
        play_url: Kakao's playback URL.
    """

    vid: str | None
    play_url: str | None


# --- FriendTalk migration ------------------------------------------------------------------


def _ft_links(part: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "link_mo": part.get("linkMo"),
        "link_pc": part.get("linkPc"),
        "scheme_android": part.get("schemeAndroid"),
        "scheme_ios": part.get("schemeIos"),
    }


def _ft_buttons(raw: object, field: str) -> tuple[Button, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(field, "must be a list")
    ordered = sorted(
        enumerate(raw),
        key=lambda pair: (
            (opt_int(pair[1].get("ordering")) or pair[0] + 1, pair[0])
            if isinstance(pair[1], Mapping)
            else (pair[0] + 1, pair[0])
        ),
    )
    out = []
    for index, button in ordered:
        where = f"{field}[{index}]"
        if not isinstance(button, Mapping):
            raise _fail(where, "must be an object")
        kind = button.get("type")
        try:
            button_type = BrandButtonType(kind)
        except ValueError:
            raise _fail(
                f"{where}.type", f"button type {kind!r} has no Brand Message equivalent"
            ) from None
        out.append(
            Button(
                str(button.get("name") or ""),
                button_type,
                chat_extra=button.get("chatExtra"),
                chat_event=button.get("chatEvent"),
                biz_form_key=button.get("bizFormKey"),
                **_ft_links(button),
            )
        )
    return tuple(out)


def _ft_coupon(raw: object) -> Coupon | None:
    if not isinstance(raw, Mapping):
        return None
    return Coupon(str(raw.get("title") or ""), str(raw.get("description") or ""), **_ft_links(raw))


def _ft_commerce(raw: Mapping[str, Any]) -> Commerce:
    def price(name: str) -> int | None:
        return opt_int(raw.get(name))

    return Commerce(
        str(raw.get("title") or ""),
        price("regularPrice") or 0,
        discount_price=price("discountPrice"),
        discount_rate=price("discountRate"),
        discount_fixed=price("discountFixed"),
    )


def _ft_message(
    entry: Mapping[str, Any],
    field: str,
    url: Callable[[object], str],
    wide_image_urls: Collection[str],
) -> BrandMessage:
    """Map one FriendTalk recipient entry to a Brand Message bubble (section 14.1)."""
    buttons = _ft_buttons(entry.get("buttons"), f"{field}.buttons")
    coupon = _ft_coupon(entry.get("coupon"))
    adult = bool(entry.get("adult", False))
    carousel = entry.get("carousel")
    if isinstance(carousel, Mapping):
        cards_raw = carousel.get("list") or []
        tail_raw = carousel.get("tail")
        tail = (
            CarouselTail(
                str(tail_raw.get("linkMo") or ""),
                **{k: v for k, v in _ft_links(tail_raw).items() if k != "link_mo"},
            )
            if isinstance(tail_raw, Mapping)
            else None
        )
        head_raw = carousel.get("head")
        is_commerce = isinstance(head_raw, Mapping) or any(
            isinstance(c, Mapping)
            and isinstance((c.get("attachment") or {}).get("commerce"), Mapping)
            for c in cards_raw
        )
        feed_cards: list[CarouselFeedCard] = []
        commerce_cards: list[CarouselCommerceCard] = []
        for index, card in enumerate(cards_raw):
            where = f"{field}.carousel.list[{index}]"
            if not isinstance(card, Mapping):
                raise _fail(where, "must be an object")
            attachment = card.get("attachment") or {}
            image = attachment.get("image") or {}
            card_buttons = _ft_buttons(attachment.get("buttons"), f"{where}.attachment.buttons")
            if is_commerce:
                commerce = attachment.get("commerce")
                if not isinstance(commerce, Mapping):
                    raise _fail(f"{where}.attachment.commerce", "is required on commerce cards")
                commerce_cards.append(
                    CarouselCommerceCard(
                        url(image.get("imageUrl")),
                        _ft_commerce(commerce),
                        card_buttons,
                        additional_content=card.get("additionalContent"),
                        image_link=image.get("imageLink"),
                        coupon=_ft_coupon(attachment.get("coupon")),
                    )
                )
            else:
                feed_cards.append(
                    CarouselFeedCard(
                        str(card.get("header") or ""),
                        str(card.get("message") or ""),
                        url(image.get("imageUrl")),
                        card_buttons,
                        image_link=image.get("imageLink"),
                        coupon=_ft_coupon(attachment.get("coupon")),
                    )
                )
        if is_commerce:
            head = None
            if isinstance(head_raw, Mapping):
                head = CarouselHead(
                    str(head_raw.get("header") or ""),
                    str(head_raw.get("content") or ""),
                    url(head_raw.get("imageUrl")),
                    **_ft_links(head_raw),
                )
            return CarouselCommerceMessage(commerce_cards, head=head, tail=tail, adult=adult)
        return CarouselFeedMessage(feed_cards, tail=tail, adult=adult)
    video = entry.get("video")
    if isinstance(video, Mapping):
        return PremiumVideoMessage(
            Video(str(video.get("videoUrl") or ""), video.get("thumbnailUrl")),
            content=entry.get("content"),
            header=entry.get("header"),
            buttons=buttons,
            coupon=coupon,
            adult=adult,
        )
    item = entry.get("item")
    if isinstance(item, Mapping):
        items = []
        for index, raw in enumerate(item.get("list") or []):
            if not isinstance(raw, Mapping):
                raise _fail(f"{field}.item.list[{index}]", "must be an object")
            links = _ft_links(raw)
            link_mo = links.pop("link_mo")
            items.append(
                WideItem(
                    url(raw.get("imageUrl")), str(link_mo or ""), title=raw.get("title"), **links
                )
            )
        return WideItemListMessage(
            str(entry.get("header") or ""), items, buttons=buttons, coupon=coupon, adult=adult
        )
    commerce = entry.get("commerce")
    image_url = entry.get("imageUrl")
    if isinstance(commerce, Mapping):
        return CommerceMessage(
            Image(url(image_url), entry.get("imageLink")),
            _ft_commerce(commerce),
            buttons,
            additional_content=entry.get("additionalContent"),
            coupon=coupon,
            adult=adult,
        )
    content = str(entry.get("content") or "")
    if image_url is not None:
        image = Image(url(image_url), entry.get("imageLink"))
        if image_url in wide_image_urls or image.url in wide_image_urls:
            return WideMessage(content, image, buttons=buttons, coupon=coupon, adult=adult)
        return ImageMessage(content, image, buttons=buttons, coupon=coupon, adult=adult)
    return TextMessage(content, buttons=buttons, coupon=coupon, adult=adult)


def _ft_fallback(raw: object) -> SmsFallback | bool | None:
    if not isinstance(raw, Mapping):
        return None
    if raw.get("isResend") is False:
        return False
    parts = {
        "content": raw.get("resendContent"),
        "title": raw.get("resendTitle"),
        "sender": raw.get("resendSendNo"),
        "type": raw.get("resendType"),
    }
    if all(v is None for v in parts.values()):
        return True
    return SmsFallback(**parts)


def friendtalk_to_brand(
    request: Mapping[str, Any],
    *,
    targeting: Targeting | str = Targeting.I,
    wide_image_urls: Collection[str] = (),
    image_urls: Mapping[str, str] | None = None,
) -> list[tuple[tuple[BrandRecipient, ...], BrandMessage]]:
    """Turn a FriendTalk v2.4 send request into Brand Message free-form sends.

    FriendTalk let every recipient carry its own body, image and buttons; a
    Brand Message request has one bubble for all recipients. This maps every
    recipient entry with the documented field map (FriendTalk's ``attachment``
    wrapper flattened, button ``ordering`` applied then dropped, ``target``
    dropped), then groups recipients whose bubbles are identical, in order of
    first appearance, into chunks of at most 1,000::

        for to, message in friendtalk_to_brand(old_request_body):
            client.send_brand_message(to, message, targeting="I")

    Top-level FriendTalk fields (``senderKey``, ``requestDate``,
    ``senderGroupingKey``...) are not carried over: pass them to
    ``send_brand_message`` yourself. Nothing is validated here beyond the
    mapping; the send validates every bubble.

    Args:
        request: the FriendTalk ``POST /friendtalk/v2.4/.../messages`` JSON
            body (``{"senderKey": ..., "recipientList": [...]}``).
        targeting: the targeting given to every recipient; the default ``I``
            (channel friends only) is FriendTalk's behaviour. ``M``/``N`` need
            the sender profile's approved marketing-consent application.
        wide_image_urls: image URLs uploaded as wide images: FriendTalk told
            wide from normal by the upload, Brand Message by ``WIDE`` bubbles.
        image_urls: old URL -> new URL, for images re-uploaded with
            ``upload_brand_image`` under the right image type (the docs do not
            say whether FriendTalk image URLs are accepted).

    Returns:
        ``(recipients, message)`` pairs, in the order of first appearance;
        each recipient keeps its ``recipientGroupingKey`` and
        ``resendParameter`` (as ``Recipient.fallback``).

    Raises:
        ValidationError: an entry with ``isAd: false`` (Brand Message is always
            advertising), a button type without an equivalent (``BC``), or a
            request that is not FriendTalk-shaped.
    """
    if not isinstance(request, Mapping):
        raise _fail("request", "must be the FriendTalk request body (a mapping)")
    target = _parse_enum(
        Targeting, targeting.value if isinstance(targeting, Targeting) else targeting
    )
    if target is None:
        raise _fail("targeting", f"must be 'M', 'N' or 'I', not {targeting!r}")
    entries = request.get("recipientList")
    if not isinstance(entries, list) or not entries:
        raise _fail("request.recipientList", "must be a non-empty list")
    mapping = dict(image_urls or {})

    def url(value: object) -> str:
        text = str(value or "")
        return mapping.get(text, text)

    groups: dict[BrandMessage, list[BrandRecipient]] = {}
    for index, entry in enumerate(entries):
        field = f"request.recipientList[{index}]"
        if not isinstance(entry, Mapping):
            raise _fail(field, "must be an object")
        if entry.get("isAd") is False:
            raise _fail(
                f"{field}.isAd",
                "Brand Message is always advertising; an informational FriendTalk "
                "(isAd=false) has no equivalent — use AlimTalk for informational messages",
            )
        number = entry.get("recipientNo")
        if not isinstance(number, str) or not number:
            raise _fail(f"{field}.recipientNo", "is required")
        message = _ft_message(entry, field, url, wide_image_urls)
        recipient = BrandRecipient(
            number,
            grouping_key=opt_str(entry.get("recipientGroupingKey")),
            fallback=_ft_fallback(entry.get("resendParameter")),
            targeting=target,
        )
        groups.setdefault(message, []).append(recipient)
    out: list[tuple[tuple[BrandRecipient, ...], BrandMessage]] = []
    for message, members in groups.items():
        for start in range(0, len(members), 1000):
            out.append((tuple(members[start : start + 1000]), message))
    return out
