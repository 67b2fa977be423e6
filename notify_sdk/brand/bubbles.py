"""The eight Brand Message chat bubbles, and the Brand Message recipient."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, TypeAlias

import attrs

from .._core.models import Recipient
from .buttons import (
    Button,
    _buttons,
    _check_buttons,
)
from .enums import (
    BrandButtonType,
    ChatBubbleType,
    Targeting,
)
from .fields import (
    _fail,
    _put,
    _text,
)
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
    _image,
)

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
        unsubscribe_no: this recipient's 080 opt-out number (the API's
            per-recipient ``unsubscribeNo``); needs ``unsubscribe_auth_no``
            too, because the provider uses the sender profile's 080 number
            whenever either of the pair is missing. Refused beside a
            call-level ``unsubscribe_no``: the API's top level would win
            over it silently.
        unsubscribe_auth_no: its verification number (1 to 9 digits); only
            together with ``unsubscribe_no``.
        params, grouping_key, fallback: as for :class:`~notify_sdk.Recipient`
            (``params`` only on template sends).
    """

    targeting: Targeting | str | None = attrs.field(default=None, kw_only=True)
    image_parameters: Sequence[Image | None] | None = attrs.field(default=None, kw_only=True)
    video_parameter: Video | None = attrs.field(default=None, kw_only=True)
    unsubscribe_no: str | None = attrs.field(default=None, kw_only=True)
    unsubscribe_auth_no: str | None = attrs.field(default=None, kw_only=True)
