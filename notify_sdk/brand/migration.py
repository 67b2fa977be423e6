"""The FriendTalk to Brand Message migration helper."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from .._core.models import SmsFallback
from .._core.wire import opt_int, opt_str
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
from .enums import (
    BrandButtonType,
    Targeting,
    _parse_enum,
)
from .fields import _fail
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
