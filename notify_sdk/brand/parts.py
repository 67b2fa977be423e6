"""Brand Message parts: coupons, images, videos, commerce blocks, wide items and carousel cards."""

from __future__ import annotations

from typing import Any

import attrs

from .buttons import (
    Button,
    _buttons,
    _check_buttons,
)
from .enums import (
    _CHANNEL_COUPON,
    _COUPON_TITLES,
    SHIPPING_COUPON_TITLE,
    VIDEO_URL_MAX_CHARS,
)
from .fields import (
    _fail,
    _int,
    _link,
    _links_wire,
    _put,
    _text,
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
