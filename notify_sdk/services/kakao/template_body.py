"""What an AlimTalk template registration or modification sends: its JSON body.

Both writes take the same template fields (``register_alimtalk_template``
adds the code); the rules Kakao applies to them (-3016, -3018, -3039 and the
field lengths) are checked here, once, before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from ..._core import JSONDict
from ..._core.params import require_text
from ...errors import ValidationError
from .models import _ALIMTALK_BUTTON_TYPES, MAX_BUTTONS
from .parts import _buttons, _quick_replies, _short
from .template_models import (
    _EMPHASIZE_TYPES,
    _MESSAGE_TYPES,
    HEADER_MAX,
    TEMPLATE_CONTENT_MAX,
    TEMPLATE_NAME_MAX,
    TITLE_MAX,
    TemplateItem,
    TemplateItemHighlight,
    TemplateLink,
)

__all__ = ["EmphasizeType", "MessageType", "template_body"]

MessageType = Literal["BA", "EX", "AD", "MI"]
EmphasizeType = Literal["NONE", "TEXT", "IMAGE", "ITEM_LIST"]

#: Optional text fields: wire name, argument, character limit.
_TEXTS = (
    ("templateExtra", "extra", 500),
    ("templateAd", "ad", 500),
    ("templateTitle", "title", TITLE_MAX),
    ("templateSubtitle", "subtitle", TITLE_MAX),
    ("templateHeader", "header", HEADER_MAX),
    ("templateImageName", "image_name", 200),
    ("templateImageUrl", "image_url", 500),
    ("categoryCode", "category_code", 11),
)


def _link(link: TemplateLink | None) -> JSONDict | None:
    if link is None:
        return None
    if not isinstance(link, TemplateLink):
        raise ValidationError("represent_link must be a TemplateLink", field="represent_link")
    wire = {
        "linkMo": link.link_mobile,
        "linkPc": link.link_pc,
        "schemeIos": link.scheme_ios,
        "schemeAndroid": link.scheme_android,
    }
    for name, value in wire.items():
        if value is not None:
            require_text(value, f"represent_link.{name}", max_chars=500)
    return {k: v for k, v in wire.items() if v is not None}


def _pair(item: TemplateItem | TemplateItemHighlight) -> JSONDict:
    return {"title": item.title, "description": item.description}


def _item_list(items: list[TemplateItem] | None, summary: TemplateItem | None) -> JSONDict | None:
    if items is None and summary is None:
        return None
    entries = list(items or ())
    if entries and not 2 <= len(entries) <= 10:
        raise ValidationError("items must hold 2 to 10 entries", field="items")
    if summary is not None and not entries:
        raise ValidationError("item_summary needs items (API rule -3039)", field="item_summary")
    wire: JSONDict = {}
    if entries:
        wire["list"] = [_pair(i) for i in entries]
    if summary is not None:
        wire["summary"] = _pair(summary)
    return wire


def _highlight(highlight: TemplateItemHighlight | None) -> JSONDict | None:
    if highlight is None:
        return None
    wire = _pair(highlight)
    if highlight.image_url is not None:
        wire["imageUrl"] = highlight.image_url
    return wire


def template_body(args: Mapping[str, Any]) -> JSONDict:
    """The JSON body of a template write, from the builder's arguments by name.

    ``args`` holds the template fields of :func:`register_alimtalk_template`
    (``name``, ``content``, ``message_type`` ... ``quick_replies``); the
    builders pass their ``locals()`` so that the field list is written once,
    in their signatures.

    Raises:
        ValidationError: a field breaks one of Kakao's template rules.
    """
    message_type = args["message_type"]
    emphasize_type = args["emphasize_type"]
    body: JSONDict = {
        "templateName": require_text(args["name"], "name", max_chars=TEMPLATE_NAME_MAX),
        "templateContent": require_text(args["content"], "content", max_chars=TEMPLATE_CONTENT_MAX),
    }
    if message_type not in _MESSAGE_TYPES:
        raise ValidationError(
            f"message_type must be one of {', '.join(_MESSAGE_TYPES)}", field="message_type"
        )
    if emphasize_type not in _EMPHASIZE_TYPES:
        raise ValidationError(
            f"emphasize_type must be one of {', '.join(_EMPHASIZE_TYPES)}",
            field="emphasize_type",
        )
    body["templateMessageType"] = message_type
    body["templateEmphasizeType"] = emphasize_type
    if message_type in ("EX", "MI") and args["extra"] is None:
        raise ValidationError(
            "extra is required for extra-information (EX) and mixed (MI) templates (API rule "
            "-3018)",
            field="extra",
        )
    if emphasize_type == "TEXT" and (args["title"] is None or args["subtitle"] is None):
        raise ValidationError(
            "an emphasized (TEXT) template needs title and subtitle (API rule -3016)",
            field="title",
        )
    for wire, field, limit in _TEXTS:
        checked = _short(args[field], field, limit)
        if checked is not None:
            body[wire] = checked
    for wire, part in (
        ("templateItem", _item_list(args["items"], args["item_summary"])),
        ("templateItemHighlight", _highlight(args["item_highlight"])),
        ("templateRepresentLink", _link(args["represent_link"])),
    ):
        if part is not None:
            body[wire] = part
    security = args["security"]
    if not isinstance(security, bool):
        raise ValidationError("security must be True or False", field="security")
    body["securityFlag"] = security
    button_list = _buttons(args["buttons"], _ALIMTALK_BUTTON_TYPES, MAX_BUTTONS)
    if button_list:
        body["buttons"] = button_list
    reply_list = _quick_replies(args["quick_replies"])
    if reply_list:
        body["quickReplies"] = reply_list
    return body
