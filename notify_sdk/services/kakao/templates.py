"""AlimTalk templates: list, read, register, modify, delete, review and images.

A template is registered (``TSC01``), sent to Kakao for review by an
inspection comment (``TSC02``) and approved (``TSC03``) or rejected
(``TSC04``, with Kakao's comment) — usually after days. Poll
``get_alimtalk_template_status`` from a job: its :class:`TemplateReview`
says where the template stands and, when rejected, why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Pager,
)
from ..._core.endpoints import KAKAO
from ..._core.params import require_text
from ...errors import ValidationError
from .._manage import header_only, paged, sender_segments
from .models import TEMPLATE_CODE_MAX, KakaoButton, KakaoQuickReply
from .template_body import EmphasizeType, MessageType, template_body
from .template_models import (
    TEMPLATE_NAME_MAX,
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


#: Every template endpoint is below the sender profile (or group) it belongs to.
_TEMPLATES = "senders/{senderKey}/templates"
_TEMPLATE = "senders/{senderKey}/templates/{templateCode}"
_SEGMENTS = {"template_code": "templateCode", "sender_key": "senderKey"}


def _segments(ctx: Context, sender_key: str | None, template_code: object = None) -> dict[str, str]:
    return sender_segments(ctx, sender_key, template_code, code_max=TEMPLATE_CODE_MAX)


LIST_TEMPLATES = KAKAO.endpoint(
    "list_alimtalk_templates",
    "GET",
    _TEMPLATES,
    group="AlimTalk templates",
    pager=True,
    segments={"sender_key": "senderKey"},
    query={"template_code": "templateCode", "template_name": "templateName"},
    parser=_templates_page("templateListResponse"),
)
GET_TEMPLATE = KAKAO.endpoint(
    "get_alimtalk_template",
    "GET",
    _TEMPLATE,
    group="AlimTalk templates",
    segments=_SEGMENTS,
    also=("get_alimtalk_template_status",),
    parser=_single_template,
)
#: A repeat would fail with "code exists" (-3001) after a success.
REGISTER_TEMPLATE = KAKAO.endpoint(
    "register_alimtalk_template",
    "POST",
    _TEMPLATES,
    group="AlimTalk templates",
    segments={"sender_key": "senderKey"},
    parser=header_only,
)
#: A repeat meets the template "under modification" (-3013).
MODIFY_TEMPLATE = KAKAO.endpoint(
    "modify_alimtalk_template",
    "PUT",
    _TEMPLATE,
    group="AlimTalk templates",
    segments=_SEGMENTS,
    parser=header_only,
)
#: A repeat after a lost answer would report "no such template".
DELETE_TEMPLATE = KAKAO.endpoint(
    "delete_alimtalk_template",
    "DELETE",
    _TEMPLATE,
    group="AlimTalk templates",
    segments=_SEGMENTS,
    parser=header_only,
)
TEMPLATE_MODIFICATIONS = KAKAO.endpoint(
    "list_alimtalk_template_modifications",
    "GET",
    f"{_TEMPLATE}/modifications",
    group="AlimTalk templates",
    segments=_SEGMENTS,
)


@LIST_TEMPLATES.builds
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
    segments = _segments(ctx, sender_key)
    return paged(
        LIST_TEMPLATES, params, page_size=page_size, limit=limit, retry=retry, segments=segments
    )


@GET_TEMPLATE.builds
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
    return GET_TEMPLATE.operation(segments=_segments(ctx, sender_key, template_code), retry=retry)


def _review(data: JSONDict) -> TemplateReview:
    return _single_template(data).review


@GET_TEMPLATE.builds
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
    return GET_TEMPLATE.operation(
        _review,
        segments=_segments(ctx, sender_key, template_code),
        retry=retry,
        label="get_alimtalk_template_status",
    )


@REGISTER_TEMPLATE.builds
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
    segments = _segments(ctx, sender_key, template_code)
    body = {"templateCode": segments.pop("templateCode"), **template_body(locals())}
    return REGISTER_TEMPLATE.operation(segments=segments, json=body, retry=retry)


@MODIFY_TEMPLATE.builds
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
    segments = _segments(ctx, sender_key, template_code)
    body = template_body(locals())
    return MODIFY_TEMPLATE.operation(segments=segments, json=body, retry=retry)


@DELETE_TEMPLATE.builds
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
    return DELETE_TEMPLATE.operation(
        segments=_segments(ctx, sender_key, template_code), retry=retry
    )


def _versions(data: JSONDict) -> tuple[AlimTalkTemplate, ...]:
    return _templates_page("templateModificationsResponse")(data).items


@TEMPLATE_MODIFICATIONS.builds
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
    return TEMPLATE_MODIFICATIONS.operation(
        _versions, segments=_segments(ctx, sender_key, template_code), retry=retry
    )


def _variables(data: JSONDict) -> tuple[str, ...]:
    return _single_template(data).variables


def alimtalk_template_variables(
    ctx: Context, template_code: str, sender_key: str | None
) -> Operation[tuple[str, ...]]:
    """Read a template's ``#{name}`` variables (the template check's lookup)."""
    return GET_TEMPLATE.operation(
        _variables,
        segments=_segments(ctx, sender_key, template_code),
        label="alimtalk_template_variables",
    )
