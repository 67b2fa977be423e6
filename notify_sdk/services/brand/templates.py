"""Brand Message templates: list, read, register, modify, delete.

Unlike AlimTalk there is no review: a template can be used as soon as it is
registered, and Kakao assigns its code (``register_brand_template`` returns
it). A template is written with the same bubble models a free-form send
takes (:mod:`notify_sdk.brand`), its variables as ``#{name}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Pager,
    Safety,
    body_of,
    expect_dict,
    expect_list,
)
from ..._core.endpoints import BRAND
from ..._core.lazy import lazy_module
from ..._core.params import require_text
from ..._core.wire import opt_bool, opt_str
from ...errors import ValidationError
from .._manage import header_only, kakao_object, kakao_page, paged, sender_segments
from .._template_check import kakao_variables

if TYPE_CHECKING:
    from ... import brand
    from ..._retry import RetryPolicy
else:
    # Loaded on first use: import notify_sdk does not pay for the bubble models.
    brand = lazy_module("notify_sdk.brand")

__all__ = [
    "BrandTemplate",
]

TEMPLATE_NAME_MAX = 200
TEMPLATE_CODE_MAX = 50
#: Template links are limited to 500 characters (free-form sends: 1,000).
TEMPLATE_LINK_MAX = 500
_LINK_FIELDS = ("linkMo", "linkPc", "schemeAndroid", "schemeIos")


@attrs.frozen(slots=True, kw_only=True)
class BrandTemplate:
    """A Brand Message template as the API returns it.

    The bubble parts are kept as the API's JSON objects (``image``,
    ``buttons``, ``item``, ``coupon``, ``commerce``, ``video``,
    ``carousel``): they mirror the free-form message fields of
    :mod:`notify_sdk.brand`.

    Attributes:
        template_code: Kakao's code; what ``send_brand_template`` takes.
        name: ``templateName``.
        chat_bubble_type: one of the eight bubble types.
        status: ``"A"`` (usable) or ``"S"`` (blocked by Kakao).
        content / header / additional_content: the texts, with ``#{name}``.
        adult: an adult-only template.
        push_alarm: (single query only) whether delivery makes a sound.
    """

    template_code: str
    name: str | None = None
    chat_bubble_type: str | None = None
    status: str | None = None
    plus_friend_id: str | None = None
    plus_friend_type: str | None = None
    content: str | None = None
    header: str | None = None
    additional_content: str | None = None
    adult: bool = False
    push_alarm: bool | None = None
    image: Mapping[str, Any] | None = None
    buttons: tuple[Mapping[str, Any], ...] = ()
    item: Mapping[str, Any] | None = None
    coupon: Mapping[str, Any] | None = None
    commerce: Mapping[str, Any] | None = None
    video: Mapping[str, Any] | None = None
    carousel: Mapping[str, Any] | None = None
    create_date: str | None = None
    update_date: str | None = None

    @property
    def usable(self) -> bool:
        """``True`` unless Kakao blocked the template (status ``S``)."""
        return self.status != "S"

    @property
    def variables(self) -> tuple[str, ...]:
        """The ``#{name}`` variables a send must fill, outside the carousel.

        Carousel cards are addressed by path keys (``name@$.carousel.list[i]``)
        and are not listed here.
        """
        parts = {
            "content": self.content,
            "header": self.header,
            "additionalContent": self.additional_content,
            "image": self.image,
            "item": self.item,
            "coupon": self.coupon,
            "commerce": self.commerce,
            "video": self.video,
            "buttons": list(self.buttons),
        }
        return kakao_variables(*_texts(parts))


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for inner in value.values():
            yield from _texts(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _texts(inner)


def _mapping(value: object) -> Mapping[str, Any] | None:
    return value if isinstance(value, dict) else None


def parse_brand_template(item: JSONDict) -> BrandTemplate:
    """A :class:`BrandTemplate` from a template object of the API."""
    code = opt_str(item.get("templateCode"))
    if not code:
        raise ValueError("a template without templateCode")
    carousel = _mapping(item.get("carousel"))
    # The docs' table nests status and dates under the carousel; read both places.
    nested = carousel or {}
    return BrandTemplate(
        template_code=code,
        name=opt_str(item.get("templateName")),
        chat_bubble_type=opt_str(item.get("chatBubbleType")),
        status=opt_str(item.get("status", nested.get("status"))),
        plus_friend_id=opt_str(item.get("plusFriendId")),
        plus_friend_type=opt_str(item.get("plusFriendType")),
        content=opt_str(item.get("content")),
        header=opt_str(item.get("header")),
        additional_content=opt_str(item.get("additionalContent")),
        adult=opt_bool(item.get("adult")) is True,
        push_alarm=opt_bool(item.get("pushAlarm")),
        image=_mapping(item.get("image")),
        buttons=tuple(
            b for b in expect_list(item.get("buttons"), "buttons", "kakao") if isinstance(b, dict)
        ),
        item=_mapping(item.get("item")),
        coupon=_mapping(item.get("coupon")),
        commerce=_mapping(item.get("commerce")),
        video=_mapping(item.get("video")),
        carousel=carousel,
        create_date=opt_str(item.get("createDate", nested.get("createDate"))),
        update_date=opt_str(item.get("updateDate", nested.get("updateDate"))),
    )


def _single(data: JSONDict) -> BrandTemplate:
    return parse_brand_template(kakao_object(data, "template"))


def _segments(ctx: Context, sender_key: str | None, template_code: object = None) -> dict[str, str]:
    return sender_segments(ctx, sender_key, template_code, code_max=TEMPLATE_CODE_MAX)


def _registered_code(data: JSONDict) -> str:
    template = expect_dict(body_of(data, "template", "kakao"), "template", "kakao")
    code = opt_str(template.get("templateCode"))
    if not code:
        raise ValueError("a registered template without templateCode")
    return code


_GROUP = "Brand Message templates and media"
_TEMPLATES = "senders/{senderKey}/templates"
_TEMPLATE = "senders/{senderKey}/templates/{templateCode}"
_SEGMENTS = {"template_code": "templateCode", "sender_key": "senderKey"}

LIST_TEMPLATES = BRAND.endpoint(
    "list_brand_templates",
    "GET",
    _TEMPLATES,
    group=_GROUP,
    pager=True,
    segments={"sender_key": "senderKey"},
    query={"template_code": "templateCode", "template_name": "templateName"},
    parser=kakao_page("templateListResponse", parse_brand_template),
)
GET_TEMPLATE = BRAND.endpoint(
    "get_brand_template", "GET", _TEMPLATE, group=_GROUP, segments=_SEGMENTS, parser=_single
)
#: A repeat would register a second template under a new code.
REGISTER_TEMPLATE = BRAND.endpoint(
    "register_brand_template",
    "POST",
    _TEMPLATES,
    group=_GROUP,
    segments={"sender_key": "senderKey"},
    parser=_registered_code,
)
#: Writing the same template twice leaves the same template.
MODIFY_TEMPLATE = BRAND.endpoint(
    "modify_brand_template",
    "PUT",
    _TEMPLATE,
    group=_GROUP,
    safety=Safety.IDEMPOTENT,
    segments=_SEGMENTS,
    parser=header_only,
)
DELETE_TEMPLATE = BRAND.endpoint(
    "delete_brand_template",
    "DELETE",
    _TEMPLATE,
    group=_GROUP,
    segments=_SEGMENTS,
    parser=header_only,
)


@LIST_TEMPLATES.builds
def list_brand_templates(
    ctx: Context,
    *,
    sender_key: str | None = None,
    template_code: str | None = None,
    template_name: str | None = None,
    status: Literal["A", "S"] | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[BrandTemplate]:
    """List a sender profile's Brand Message templates, fetching further pages as you iterate.

    Args:
        sender_key: the profile; default the client's ``kakao_sender_key``.
        template_code / template_name: filters.
        status: ``"A"`` (registered) or ``"S"`` (blocked).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.
    """
    params: dict[str, Any] = {}
    if template_code is not None:
        params["templateCode"] = require_text(
            template_code, "template_code", max_chars=TEMPLATE_CODE_MAX
        )
    if template_name is not None:
        params["templateName"] = require_text(
            template_name, "template_name", max_chars=TEMPLATE_NAME_MAX
        )
    if status is not None:
        if status not in ("A", "S"):
            raise ValidationError("status must be 'A' or 'S'", field="status")
        params["status"] = status
    segments = _segments(ctx, sender_key)
    return paged(
        LIST_TEMPLATES, params, page_size=page_size, limit=limit, retry=retry, segments=segments
    )


@GET_TEMPLATE.builds
def get_brand_template(
    ctx: Context,
    template_code: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[BrandTemplate]:
    """Get one Brand Message template.

    Raises:
        TemplateError: no such template.
    """
    return GET_TEMPLATE.operation(segments=_segments(ctx, sender_key, template_code), retry=retry)


def _variables(data: JSONDict) -> tuple[str, ...]:
    return _single(data).variables


def brand_template_variables(
    ctx: Context, template_code: str, sender_key: str | None
) -> Operation[tuple[str, ...]]:
    """Read a Brand template's ``#{name}`` variables (the template check's lookup)."""
    return GET_TEMPLATE.operation(
        _variables,
        segments=_segments(ctx, sender_key, template_code),
        label="brand_template_variables",
    )


def _template_body(name: object, message: object) -> JSONDict:
    if not isinstance(message, brand.MESSAGE_TYPES):
        raise ValidationError(
            "message must be one of the notify_sdk.brand message models (TextMessage, "
            f"ImageMessage, ...), not {type(message).__name__}",
            field="message",
        )
    message.validate("message")
    wire = message.to_wire()
    for index, button in enumerate(wire.get("buttons") or ()):
        if "chatExtra" in button or "chatEvent" in button:
            raise ValidationError(
                "template buttons carry no chat_extra/chat_event", field=f"message.buttons[{index}]"
            )
        for link in _LINK_FIELDS:
            value = button.get(link)
            if isinstance(value, str) and len(value) > TEMPLATE_LINK_MAX:
                raise ValidationError(
                    f"template links are limited to {TEMPLATE_LINK_MAX} characters",
                    field=f"message.buttons[{index}]",
                )
    return {"templateName": require_text(name, "name", max_chars=TEMPLATE_NAME_MAX), **wire}


@REGISTER_TEMPLATE.builds
def register_brand_template(
    ctx: Context,
    name: str,
    message: brand.BrandMessage,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[str]:
    """Register a Brand Message template; usable at once (no review).

    Args:
        name: ``templateName`` (≤ 200).
        message: the layout, as a :mod:`notify_sdk.brand` bubble model with
            ``#{name}`` placeholders (not in button names, image URLs or
            links); template links are limited to 500 characters.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Returns:
        The ``templateCode`` Kakao assigned (``send_brand_template`` takes it).
    """
    body = _template_body(name, message)
    return REGISTER_TEMPLATE.operation(segments=_segments(ctx, sender_key), json=body, retry=retry)


@MODIFY_TEMPLATE.builds
def modify_brand_template(
    ctx: Context,
    template_code: str,
    name: str,
    message: brand.BrandMessage,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Replace a Brand Message template (same arguments as :meth:`register_brand_template`).

    Changing a template's image removes the old image from Kakao's CDN: every
    message and template still using that URL loses it.
    """
    body = _template_body(name, message)
    segments = _segments(ctx, sender_key, template_code)
    return MODIFY_TEMPLATE.operation(segments=segments, json=body, retry=retry)


@DELETE_TEMPLATE.builds
def delete_brand_template(
    ctx: Context,
    template_code: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Delete a Brand Message template."""
    return DELETE_TEMPLATE.operation(
        segments=_segments(ctx, sender_key, template_code), retry=retry
    )


def is_path_key(name: str) -> bool:
    """Whether a parameter name addresses a carousel card (``name@$.carousel.list[i]``)."""
    return "@" in name
