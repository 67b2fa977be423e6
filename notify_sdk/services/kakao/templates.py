"""AlimTalk templates: list, read, register, modify, delete, review and images.

A template is registered (``TSC01``), sent to Kakao for review by an
inspection comment (``TSC02``) and approved (``TSC03``) or rejected
(``TSC04``, with Kakao's comment) — usually after days. Poll
``get_alimtalk_template_status`` from a job: its :class:`TemplateReview`
says where the template stands and, when rejected, why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Pager,
    Safety,
)
from ..._core.endpoints import KAKAO
from ..._core.params import require_text
from ...errors import ValidationError
from .._manage import (
    header_only,
    listing,
    read,
    write,
)
from .models import (
    _ALIMTALK_BUTTON_TYPES,
    MAX_BUTTONS,
    TEMPLATE_CODE_MAX,
    KakaoButton,
    KakaoQuickReply,
)
from .parts import _buttons, _quick_replies
from .template_models import (
    _EMPHASIZE_TYPES,
    _MESSAGE_TYPES,
    HEADER_MAX,
    TEMPLATE_CONTENT_MAX,
    TEMPLATE_NAME_MAX,
    TITLE_MAX,
    AlimTalkTemplate,
    CommentAttachment,
    TemplateCategory,
    TemplateComment,
    TemplateImage,
    TemplateItem,
    TemplateItemHighlight,
    TemplateLink,
    TemplateReview,
    TemplateStatus,
    TemplateSubcategory,
    _single_template,
    _templates_page,
)
from .template_reviews import (
    _code,
    _path,
)

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "AlimTalkTemplate",
    "CommentAttachment",
    "TemplateCategory",
    "TemplateComment",
    "TemplateImage",
    "TemplateItem",
    "TemplateItemHighlight",
    "TemplateLink",
    "TemplateReview",
    "TemplateStatus",
    "TemplateSubcategory",
]


def list_alimtalk_templates(
    ctx: Context,
    *,
    sender_key: str | None = None,
    template_code: str | None = None,
    template_name: str | None = None,
    status: TemplateStatus | str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[AlimTalkTemplate]:
    """List a sender profile's AlimTalk templates, fetching further pages as you iterate.

    Args:
        sender_key: the profile (or group); default the client's ``kakao_sender_key``.
        template_code / template_name: filters.
        status: only templates in this :class:`TemplateStatus`.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`AlimTalkTemplate`.
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
        try:
            params["templateStatus"] = TemplateStatus(status).value
        except ValueError:
            raise ValidationError(
                f"status must be a TemplateStatus (TSC01..TSC04), not {status!r}", field="status"
            ) from None
    return listing(
        "kakao",
        _path(ctx, sender_key, "templates"),
        params,
        _templates_page("templateListResponse"),
        page_size=page_size,
        limit=limit,
        retry=retry,
        label="list_alimtalk_templates",
    )


def get_alimtalk_template(
    ctx: Context,
    template_code: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[AlimTalkTemplate]:
    """Get one AlimTalk template with its buttons, review thread and flags.

    Args:
        template_code: the template.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        TemplateError: the template does not exist (-3003).
    """
    return read(
        "kakao",
        _path(ctx, sender_key, "templates", _code(template_code)),
        _single_template,
        retry=retry,
        label="get_alimtalk_template",
    )


def get_alimtalk_template_status(
    ctx: Context,
    template_code: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[TemplateReview]:
    """Get where a template stands in Kakao's review; made to be polled from a job.

    Approval takes days: poll this from a scheduled job (hourly is plenty),
    not in a loop.

    Example::

        review = client.get_alimtalk_template_status("ORDER_SHIPPED")
        if review.rejected:
            notify_team(review.comment)
        elif review.approved:
            enable_feature()

    Args:
        template_code: the template.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Returns:
        A :class:`TemplateReview`: ``approved``, ``rejected`` (with
        ``comment``) or ``pending``.
    """

    def parse(data: JSONDict) -> TemplateReview:
        return _single_template(data).review

    return read(
        "kakao",
        _path(ctx, sender_key, "templates", _code(template_code)),
        parse,
        retry=retry,
        label="get_alimtalk_template_status",
    )


def _short(value: object, field: str, max_chars: int) -> str | None:
    if value is None:
        return None
    return require_text(value, field, max_chars=max_chars)


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


def _template_body(
    *,
    name: object,
    content: object,
    message_type: object,
    emphasize_type: object,
    extra: str | None,
    ad: str | None,
    title: str | None,
    subtitle: str | None,
    header: str | None,
    items: Sequence[TemplateItem] | None,
    item_summary: TemplateItem | None,
    item_highlight: TemplateItemHighlight | None,
    represent_link: TemplateLink | None,
    image_name: str | None,
    image_url: str | None,
    security: bool,
    category_code: str | None,
    buttons: Sequence[KakaoButton] | None,
    quick_replies: Sequence[KakaoQuickReply] | None,
) -> JSONDict:
    body: JSONDict = {
        "templateName": require_text(name, "name", max_chars=TEMPLATE_NAME_MAX),
        "templateContent": require_text(content, "content", max_chars=TEMPLATE_CONTENT_MAX),
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
    if message_type in ("EX", "MI") and extra is None:
        raise ValidationError(
            "extra is required for extra-information (EX) and mixed (MI) templates (API rule "
            "-3018)",
            field="extra",
        )
    if emphasize_type == "TEXT" and (title is None or subtitle is None):
        raise ValidationError(
            "an emphasized (TEXT) template needs title and subtitle (API rule -3016)",
            field="title",
        )
    for wire, value, field, limit in (
        ("templateExtra", extra, "extra", 500),
        ("templateAd", ad, "ad", 500),
        ("templateTitle", title, "title", TITLE_MAX),
        ("templateSubtitle", subtitle, "subtitle", TITLE_MAX),
        ("templateHeader", header, "header", HEADER_MAX),
        ("templateImageName", image_name, "image_name", 200),
        ("templateImageUrl", image_url, "image_url", 500),
        ("categoryCode", category_code, "category_code", 11),
    ):
        checked = _short(value, field, limit)
        if checked is not None:
            body[wire] = checked
    if items is not None or item_summary is not None:
        entries = list(items or ())
        if entries and not 2 <= len(entries) <= 10:
            raise ValidationError("items must hold 2 to 10 entries", field="items")
        if item_summary is not None and not entries:
            raise ValidationError("item_summary needs items (API rule -3039)", field="item_summary")
        wire_items: JSONDict = {}
        if entries:
            wire_items["list"] = [{"title": i.title, "description": i.description} for i in entries]
        if item_summary is not None:
            wire_items["summary"] = {
                "title": item_summary.title,
                "description": item_summary.description,
            }
        body["templateItem"] = wire_items
    if item_highlight is not None:
        highlight: JSONDict = {
            "title": item_highlight.title,
            "description": item_highlight.description,
        }
        if item_highlight.image_url is not None:
            highlight["imageUrl"] = item_highlight.image_url
        body["templateItemHighlight"] = highlight
    link = _link(represent_link)
    if link is not None:
        body["templateRepresentLink"] = link
    if not isinstance(security, bool):
        raise ValidationError("security must be True or False", field="security")
    body["securityFlag"] = security
    button_list = _buttons(buttons, _ALIMTALK_BUTTON_TYPES, MAX_BUTTONS)
    if button_list:
        body["buttons"] = button_list
    reply_list = _quick_replies(quick_replies)
    if reply_list:
        body["quickReplies"] = reply_list
    return body


MessageType = Literal["BA", "EX", "AD", "MI"]
EmphasizeType = Literal["NONE", "TEXT", "IMAGE", "ITEM_LIST"]


def register_alimtalk_template(
    ctx: Context,
    template_code: str,
    name: str,
    content: str,
    *,
    sender_key: str | None = None,
    message_type: MessageType = "BA",
    emphasize_type: EmphasizeType = "NONE",
    extra: str | None = None,
    ad: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    header: str | None = None,
    items: Sequence[TemplateItem] | None = None,
    item_summary: TemplateItem | None = None,
    item_highlight: TemplateItemHighlight | None = None,
    represent_link: TemplateLink | None = None,
    image_name: str | None = None,
    image_url: str | None = None,
    security: bool = False,
    category_code: str | None = None,
    buttons: Sequence[KakaoButton] | None = None,
    quick_replies: Sequence[KakaoQuickReply] | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Register an AlimTalk template; Kakao then reviews it (status ``TSC01``).

    Args:
        template_code: your code for it, at most 20 letters, digits, ``_``, ``-``, ``.``.
        name: ``templateName``, at most 150 characters.
        content: the text with ``#{variable}`` placeholders, at most 1,300 characters.
        sender_key: the profile or group; default the client's ``kakao_sender_key``.
        message_type: ``BA`` basic, ``EX`` extra info, ``AD`` channel-add, ``MI`` mixed.
        emphasize_type: ``NONE``, ``TEXT`` (needs ``title`` and ``subtitle``),
            ``IMAGE`` (needs an uploaded image) or ``ITEM_LIST``.
        extra: ``templateExtra`` (required for ``EX`` and ``MI``).
        ad: ``templateAd``.
        title / subtitle: the emphasized title and its subtitle (≤ 50 each).
        header: ``templateHeader`` (≤ 16).
        items / item_summary / item_highlight: the item-list parts.
        represent_link: the template's main link.
        image_name / image_url: from :meth:`upload_alimtalk_template_image`.
        security: a security template (OTP): text hidden on secondary devices.
        category_code: from :meth:`list_alimtalk_template_categories`.
        buttons / quick_replies: at most 5 each.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad input, before anything is sent.
        TemplateError: the code or name exists already (-3001), or Kakao's rules.
    """
    code = _code(template_code)
    body = {
        "templateCode": code,
        **_template_body(
            name=name,
            content=content,
            message_type=message_type,
            emphasize_type=emphasize_type,
            extra=extra,
            ad=ad,
            title=title,
            subtitle=subtitle,
            header=header,
            items=items,
            item_summary=item_summary,
            item_highlight=item_highlight,
            represent_link=represent_link,
            image_name=image_name,
            image_url=image_url,
            security=security,
            category_code=category_code,
            buttons=buttons,
            quick_replies=quick_replies,
        ),
    }
    return write(
        "kakao",
        "POST",
        _path(ctx, sender_key, "templates"),
        header_only,
        # A repeat would fail with "code exists" (-3001) after a success.
        safety=Safety.UNSAFE,
        json=body,
        retry=retry,
        label="register_alimtalk_template",
    )


def modify_alimtalk_template(
    ctx: Context,
    template_code: str,
    name: str,
    content: str,
    *,
    sender_key: str | None = None,
    message_type: MessageType = "BA",
    emphasize_type: EmphasizeType = "NONE",
    extra: str | None = None,
    ad: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    header: str | None = None,
    items: Sequence[TemplateItem] | None = None,
    item_summary: TemplateItem | None = None,
    item_highlight: TemplateItemHighlight | None = None,
    represent_link: TemplateLink | None = None,
    image_name: str | None = None,
    image_url: str | None = None,
    security: bool = False,
    category_code: str | None = None,
    buttons: Sequence[KakaoButton] | None = None,
    quick_replies: Sequence[KakaoQuickReply] | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Modify an AlimTalk template (only approved or rejected ones, -3012); it is reviewed again.

    The arguments are those of :meth:`register_alimtalk_template`; the
    template is replaced as a whole.
    """
    code = _code(template_code)
    body = _template_body(
        name=name,
        content=content,
        message_type=message_type,
        emphasize_type=emphasize_type,
        extra=extra,
        ad=ad,
        title=title,
        subtitle=subtitle,
        header=header,
        items=items,
        item_summary=item_summary,
        item_highlight=item_highlight,
        represent_link=represent_link,
        image_name=image_name,
        image_url=image_url,
        security=security,
        category_code=category_code,
        buttons=buttons,
        quick_replies=quick_replies,
    )
    return write(
        "kakao",
        "PUT",
        _path(ctx, sender_key, "templates", code),
        header_only,
        # A repeat meets the template "under modification" (-3013).
        safety=Safety.UNSAFE,
        json=body,
        retry=retry,
        label="modify_alimtalk_template",
    )


def delete_alimtalk_template(
    ctx: Context,
    template_code: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Delete an AlimTalk template (refused when it was sent in the last 3 days, -3034).

    Raises:
        TemplateError: missing (-3003) or recently sent (-3034).
    """
    return write(
        "kakao",
        "DELETE",
        _path(ctx, sender_key, "templates", _code(template_code)),
        header_only,
        # A repeat after a lost answer would report "no such template".
        safety=Safety.UNSAFE,
        retry=retry,
        label="delete_alimtalk_template",
    )


def list_alimtalk_template_modifications(
    ctx: Context,
    template_code: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[tuple[AlimTalkTemplate, ...]]:
    """Get a template's modification history: every version, ``activated`` marking the live one.

    Args:
        template_code: the template.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.
    """
    parse_page = _templates_page("templateModificationsResponse")

    def parse(data: JSONDict) -> tuple[AlimTalkTemplate, ...]:
        return parse_page(data).items

    return read(
        "kakao",
        _path(ctx, sender_key, "templates", _code(template_code), "modifications"),
        parse,
        retry=retry,
        label="list_alimtalk_template_modifications",
    )


def alimtalk_template_variables(
    ctx: Context, template_code: str, sender_key: str | None
) -> Operation[tuple[str, ...]]:
    """Read a template's ``#{name}`` variables (the template check's lookup)."""

    def parse(data: JSONDict) -> tuple[str, ...]:
        return _single_template(data).variables

    return read(
        "kakao",
        _path(ctx, sender_key, "templates", _code(template_code)),
        parse,
        retry=None,
        label="alimtalk_template_variables",
    )


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

KAKAO.endpoint(
    "delete_alimtalk_template",
    "DELETE",
    "senders/{senderKey}/templates/{templateCode}",
    group="AlimTalk templates",
    segments={"template_code": "templateCode", "sender_key": "senderKey"},
).builds(delete_alimtalk_template)
_GET_TEMPLATE = KAKAO.endpoint(
    "get_alimtalk_template",
    "GET",
    "senders/{senderKey}/templates/{templateCode}",
    group="AlimTalk templates",
    segments={"template_code": "templateCode", "sender_key": "senderKey"},
    also=("get_alimtalk_template_status",),
)
_GET_TEMPLATE.builds(get_alimtalk_template)
_GET_TEMPLATE.builds(get_alimtalk_template_status)
KAKAO.endpoint(
    "list_alimtalk_template_modifications",
    "GET",
    "senders/{senderKey}/templates/{templateCode}/modifications",
    group="AlimTalk templates",
    segments={"template_code": "templateCode", "sender_key": "senderKey"},
).builds(list_alimtalk_template_modifications)
KAKAO.endpoint(
    "list_alimtalk_templates",
    "GET",
    "senders/{senderKey}/templates",
    group="AlimTalk templates",
    pager=True,
    segments={"sender_key": "senderKey"},
    query={"template_code": "templateCode", "template_name": "templateName"},
).builds(list_alimtalk_templates)
KAKAO.endpoint(
    "modify_alimtalk_template",
    "PUT",
    "senders/{senderKey}/templates/{templateCode}",
    group="AlimTalk templates",
    segments={"template_code": "templateCode", "sender_key": "senderKey"},
).builds(modify_alimtalk_template)
KAKAO.endpoint(
    "register_alimtalk_template",
    "POST",
    "senders/{senderKey}/templates",
    group="AlimTalk templates",
    segments={"sender_key": "senderKey"},
).builds(register_alimtalk_template)
