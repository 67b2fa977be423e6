"""AlimTalk templates: list, read, register, modify, delete, review and images.

A template is registered (``TSC01``), sent to Kakao for review by an
inspection comment (``TSC02``) and approved (``TSC03``) or rejected
(``TSC04``, with Kakao's comment) — usually after days. Poll
``get_alimtalk_template_status`` from a job: its :class:`TemplateReview`
says where the template stands and, when rejected, why.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    Safety,
    async_method,
    async_pager,
    body_of,
    expect_dict,
    expect_list,
    sync_method,
    sync_pager,
)
from ..._core.params import require_text
from ..._core.wire import opt_bool, opt_int, opt_str
from ...errors import ValidationError
from .._manage import (
    ALIMTALK_PREFIX,
    header_only,
    listing,
    read,
    segment,
    sender_key_segment,
    write,
)
from .._template_check import kakao_variables
from .models import (
    _ALIMTALK_BUTTON_TYPES,
    MAX_BUTTONS,
    TEMPLATE_CODE_MAX,
    KakaoButton,
    KakaoQuickReply,
)
from .parts import _buttons, _quick_replies

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "AlimTalkTemplate",
    "AlimTalkTemplateMethods",
    "AsyncAlimTalkTemplateMethods",
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

TEMPLATE_NAME_MAX = 150
TEMPLATE_CONTENT_MAX = 1300
TITLE_MAX = 50
HEADER_MAX = 16
#: Upload limits the docs give: template images up to 500 KB, comment files 50 MB.
IMAGE_MAX_BYTES = 500 * 1024
ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024
MAX_ATTACHMENTS = 10
_ATTACHMENT_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".pdf", ".hwp", ".doc", ".docx")
_IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
_MESSAGE_TYPES = ("BA", "EX", "AD", "MI")
_EMPHASIZE_TYPES = ("NONE", "TEXT", "IMAGE", "ITEM_LIST")


class TemplateStatus(str, enum.Enum):
    """Where an AlimTalk template stands in Kakao's review (``status``)."""

    #: ``TSC01``: registered, review requested.
    REQUESTED = "TSC01"
    #: ``TSC02``: Kakao is reviewing it.
    INSPECTING = "TSC02"
    #: ``TSC03``: approved; it can be sent.
    APPROVED = "TSC03"
    #: ``TSC04``: rejected; Kakao's comment says why.
    REJECTED = "TSC04"


@attrs.frozen(slots=True)
class CommentAttachment:
    """A file attached to a review comment."""

    file_name: str | None = None
    file_path: str | None = None


@attrs.frozen(slots=True)
class TemplateComment:
    """One entry of a template's review thread.

    Attributes:
        status: ``INQ`` (your inquiry), ``APR`` (approved), ``REJ``
            (rejected), ``REP`` (reply), ``REQ`` (under review).
        content: the text (Kakao's reason, on a rejection).
        user_name: the author.
        created_at: the API's date string.
    """

    id: int | None = None
    content: str | None = None
    user_name: str | None = None
    created_at: str | None = None
    status: str | None = None
    attachments: tuple[CommentAttachment, ...] = ()


@attrs.frozen(slots=True)
class TemplateReview:
    """A template's review state, made to be polled from a job.

    Attributes:
        template_code: the template.
        status: a :class:`TemplateStatus`, or the raw code of a state this SDK
            does not know (then neither ``approved`` nor ``rejected``).
        status_name: the API's label.
        comment: Kakao's latest rejection comment (``None`` unless rejected).
        comments: the whole review thread.
    """

    template_code: str
    status: TemplateStatus | str | None
    status_name: str | None = None
    comment: str | None = None
    comments: tuple[TemplateComment, ...] = ()

    @property
    def approved(self) -> bool:
        """``True`` once the template can be sent."""
        return self.status is TemplateStatus.APPROVED

    @property
    def rejected(self) -> bool:
        """``True`` when Kakao rejected it (fix it and comment to request a new review)."""
        return self.status is TemplateStatus.REJECTED

    @property
    def pending(self) -> bool:
        """``True`` while the review goes on (requested or inspecting): poll again later."""
        return self.status in (TemplateStatus.REQUESTED, TemplateStatus.INSPECTING)


@attrs.frozen(slots=True)
class TemplateItem:
    """One ``title``/``description`` pair of an item-list template."""

    title: str
    description: str


@attrs.frozen(slots=True)
class TemplateItemHighlight:
    """The item highlight of a template (``templateItemHighlight``)."""

    title: str
    description: str
    image_url: str | None = None


@attrs.frozen(slots=True)
class TemplateLink:
    """A template's main link (``templateRepresentLink``); at most 500 characters each."""

    link_mobile: str | None = None
    link_pc: str | None = None
    scheme_ios: str | None = None
    scheme_android: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class AlimTalkTemplate:
    """An AlimTalk template as the API returns it.

    Attributes:
        template_code: your code for it; ``kakao_template_code`` is Kakao's.
        sender_key / plus_friend_id / plus_friend_type: the owning profile or
            group (``NORMAL``/``GROUP``).
        name, content: ``templateName``, ``templateContent`` (with ``#{var}``).
        message_type: ``BA`` basic, ``EX`` extra info, ``AD`` channel-add, ``MI`` mixed.
        emphasize_type: ``NONE``, ``TEXT``, ``IMAGE`` or ``ITEM_LIST``.
        status: a :class:`TemplateStatus` (or the raw code); see ``review``.
        comments: the review thread.
        block / dormant: the single query's flags (``None`` in listings).
        variables: the ``#{name}`` variables of the content, in order.
    """

    template_code: str
    kakao_template_code: str | None = None
    sender_key: str | None = None
    plus_friend_id: str | None = None
    plus_friend_type: str | None = None
    name: str | None = None
    content: str | None = None
    message_type: str | None = None
    emphasize_type: str | None = None
    extra: str | None = None
    ad: str | None = None
    title: str | None = None
    subtitle: str | None = None
    header: str | None = None
    items: tuple[TemplateItem, ...] = ()
    item_summary: TemplateItem | None = None
    item_highlight: TemplateItemHighlight | None = None
    represent_link: TemplateLink | None = None
    image_name: str | None = None
    image_url: str | None = None
    buttons: tuple[KakaoButton, ...] = ()
    quick_replies: tuple[KakaoQuickReply, ...] = ()
    comments: tuple[TemplateComment, ...] = ()
    status: TemplateStatus | str | None = None
    status_name: str | None = None
    security: bool = False
    category_code: str | None = None
    block: bool | None = None
    dormant: bool | None = None
    activated: bool | None = None
    create_date: str | None = None
    update_date: str | None = None

    @property
    def review(self) -> TemplateReview:
        """The review state (approved / rejected with Kakao's comment / pending)."""
        return _review(self.template_code, self.status, self.status_name, self.comments)

    @property
    def variables(self) -> tuple[str, ...]:
        """The ``#{name}`` variables a send must fill, in order of appearance.

        They may sit in the content, the emphasized title, the header, the
        items, the item highlight and the button links.
        """
        texts: list[str | None] = [self.content, self.title, self.header]
        for pair in (*self.items, self.item_summary):
            if pair is not None:
                texts += [pair.title, pair.description]
        if self.item_highlight is not None:
            texts += [self.item_highlight.title, self.item_highlight.description]
        for button in self.buttons:
            texts += [button.link_mobile, button.link_pc, button.scheme_ios, button.scheme_android]
        return kakao_variables(*texts)


@attrs.frozen(slots=True)
class TemplateSubcategory:
    """A template category code to register templates under.

    Attributes:
        code: what ``category_code=`` takes.
        name / group_name: labels.
        inclusion / exclusion: which templates the category is for and not for.
    """

    code: str
    name: str | None = None
    group_name: str | None = None
    inclusion: str | None = None
    exclusion: str | None = None


@attrs.frozen(slots=True)
class TemplateCategory:
    """A group of template categories."""

    name: str | None
    subcategories: tuple[TemplateSubcategory, ...] = ()


@attrs.frozen(slots=True)
class TemplateImage:
    """An uploaded template image: put ``name`` and ``url`` into a template."""

    name: str | None
    url: str


# --- parsing -----------------------------------------------------------------------------


def _status(value: object) -> TemplateStatus | str | None:
    text = opt_str(value)
    if not text:
        return None
    try:
        return TemplateStatus(text)
    except ValueError:
        return text


def _comment(item: JSONDict) -> TemplateComment:
    files = expect_list(item.get("attachment"), "comments[].attachment", "kakao")
    return TemplateComment(
        id=opt_int(item.get("id")),
        content=opt_str(item.get("content")),
        user_name=opt_str(item.get("userName")),
        # The field table spells it createAt, the example createdAt.
        created_at=opt_str(item.get("createdAt", item.get("createAt"))),
        status=opt_str(item.get("status")),
        attachments=tuple(
            CommentAttachment(opt_str(f.get("originalFileName")), opt_str(f.get("filePath")))
            for f in files
            if isinstance(f, dict)
        ),
    )


def _review(
    code: str,
    status: TemplateStatus | str | None,
    name: str | None,
    comments: tuple[TemplateComment, ...],
) -> TemplateReview:
    reason = None
    if status is TemplateStatus.REJECTED:
        rejections = [c for c in comments if c.status == "REJ" and c.content]
        reason = rejections[-1].content if rejections else None
    return TemplateReview(code, status, name, reason, comments)


def _ordering(value: object) -> int | None:
    number = opt_int(value)
    return number if number is not None and number >= 1 else None


def _button(item: JSONDict) -> KakaoButton:
    return KakaoButton(
        str(item.get("type") or ""),
        str(item.get("name") or ""),
        link_mobile=opt_str(item.get("linkMo")),
        link_pc=opt_str(item.get("linkPc")),
        scheme_ios=opt_str(item.get("schemeIos")),
        scheme_android=opt_str(item.get("schemeAndroid")),
        biz_form_id=opt_int(item.get("bizFormId")),
        plugin_id=opt_str(item.get("pluginId")),
        tel_number=opt_str(item.get("telNumber")),
        ordering=_ordering(item.get("ordering")),
    )


def _quick_reply(item: JSONDict) -> KakaoQuickReply:
    return KakaoQuickReply(
        str(item.get("type") or ""),
        str(item.get("name") or ""),
        link_mobile=opt_str(item.get("linkMo")),
        link_pc=opt_str(item.get("linkPc")),
        scheme_ios=opt_str(item.get("schemeIos")),
        scheme_android=opt_str(item.get("schemeAndroid")),
        biz_form_id=opt_int(item.get("bizFormId")),
        ordering=_ordering(item.get("ordering")),
    )


def _pair(value: object) -> TemplateItem | None:
    if not isinstance(value, dict):
        return None
    return TemplateItem(str(value.get("title") or ""), str(value.get("description") or ""))


def _dicts(value: object, what: str) -> list[JSONDict]:
    return [i for i in expect_list(value, what, "kakao") if isinstance(i, dict)]


def parse_template(item: JSONDict) -> AlimTalkTemplate:
    """An :class:`AlimTalkTemplate` from a template object of the API."""
    code = opt_str(item.get("templateCode"))
    if not code:
        raise ValueError("a template without templateCode")
    items = item.get("templateItem")
    highlight = item.get("templateItemHighlight")
    link = item.get("templateRepresentLink")
    return AlimTalkTemplate(
        template_code=code,
        kakao_template_code=opt_str(item.get("kakaoTemplateCode")),
        sender_key=opt_str(item.get("senderKey")),
        plus_friend_id=opt_str(item.get("plusFriendId")),
        plus_friend_type=opt_str(item.get("plusFriendType")),
        name=opt_str(item.get("templateName")),
        content=opt_str(item.get("templateContent")),
        message_type=opt_str(item.get("templateMessageType")),
        emphasize_type=opt_str(item.get("templateEmphasizeType")),
        extra=opt_str(item.get("templateExtra")),
        ad=opt_str(item.get("templateAd")),
        title=opt_str(item.get("templateTitle")),
        subtitle=opt_str(item.get("templateSubtitle")),
        header=opt_str(item.get("templateHeader")),
        items=tuple(
            p
            for p in (
                _pair(i)
                for i in _dicts(
                    items.get("list") if isinstance(items, dict) else None, "templateItem.list"
                )
            )
            if p is not None
        ),
        item_summary=_pair(items.get("summary")) if isinstance(items, dict) else None,
        item_highlight=TemplateItemHighlight(
            str(highlight.get("title") or ""),
            str(highlight.get("description") or ""),
            opt_str(highlight.get("imageUrl")),
        )
        if isinstance(highlight, dict)
        else None,
        represent_link=TemplateLink(
            opt_str(link.get("linkMo")),
            opt_str(link.get("linkPc")),
            opt_str(link.get("schemeIos")),
            opt_str(link.get("schemeAndroid")),
        )
        if isinstance(link, dict)
        else None,
        image_name=opt_str(item.get("templateImageName")),
        image_url=opt_str(item.get("templateImageUrl")),
        buttons=tuple(_button(b) for b in _dicts(item.get("buttons"), "buttons")),
        quick_replies=tuple(
            _quick_reply(q) for q in _dicts(item.get("quickReplies"), "quickReplies")
        ),
        comments=tuple(_comment(c) for c in _dicts(item.get("comments"), "comments")),
        status=_status(item.get("status")),
        status_name=opt_str(item.get("statusName")),
        security=opt_bool(item.get("securityFlag")) is True,
        category_code=opt_str(item.get("categoryCode")),
        block=opt_bool(item.get("block")),
        dormant=opt_bool(item.get("dormant")),
        activated=opt_bool(item.get("activated")),
        create_date=opt_str(item.get("createDate")),
        update_date=opt_str(item.get("updateDate")),
    )


def _templates_page(key: str) -> Callable[[JSONDict], Page[AlimTalkTemplate]]:
    def parse(data: JSONDict) -> Page[AlimTalkTemplate]:
        wrapper = expect_dict(body_of(data, key, "kakao"), key, "kakao")
        items = _dicts(wrapper.get("templates"), f"{key}.templates")
        return Page(tuple(parse_template(i) for i in items), opt_int(wrapper.get("totalCount")))

    return parse


def _single_template(data: JSONDict) -> AlimTalkTemplate:
    # The single query puts one object under the plural key "templates"; a
    # one-item list is accepted too.
    found = body_of(data, "templates", "kakao")
    if isinstance(found, list):
        found = next((i for i in found if isinstance(i, dict)), None)
    return parse_template(expect_dict(found, "templates", "kakao"))


# --- builders ------------------------------------------------------------------------------


def _code(value: object) -> str:
    return segment(value, "template_code", max_chars=TEMPLATE_CODE_MAX)


def _path(ctx: Context, sender_key: str | None, *rest: str) -> str:
    return "/".join((f"{ALIMTALK_PREFIX}/senders", sender_key_segment(ctx, sender_key), *rest))


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


def comment_alimtalk_template(
    ctx: Context,
    template_code: str,
    comment: str,
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Post an inspection comment: ask Kakao to review, or answer a rejection (then ``REQ``).

    Args:
        template_code: the template.
        comment: the text.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.
    """
    text = require_text(comment, "comment", max_chars=1000)
    return write(
        "kakao",
        "POST",
        _path(ctx, sender_key, "templates", _code(template_code), "comments"),
        header_only,
        # A repeat would post the comment twice.
        safety=Safety.UNSAFE,
        json={"comment": text},
        retry=retry,
        label="comment_alimtalk_template",
    )


def _file(
    name: object, content: object, field: str, extensions: Sequence[str], max_bytes: int
) -> str:
    file_name = require_text(name, f"{field}.name", max_chars=200)
    if not file_name.lower().endswith(tuple(extensions)):
        raise ValidationError(
            f"{field}: {file_name!r} must end with one of {', '.join(extensions)}", field=field
        )
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise ValidationError(f"{field} content must be bytes (read the file first)", field=field)
    size = len(content)
    if not 0 < size <= max_bytes:
        raise ValidationError(
            f"{field}: {file_name!r} is {size} bytes; it must be 1 to {max_bytes}", field=field
        )
    return file_name


def comment_alimtalk_template_with_files(
    ctx: Context,
    template_code: str,
    comment: str,
    attachments: Sequence[tuple[str, bytes]],
    *,
    sender_key: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Post an inspection comment with files (e.g. a screenshot Kakao asked for).

    Args:
        template_code: the template.
        comment: the text.
        attachments: 1 to 10 ``(file_name, content)`` pairs; ``content`` is
            the bytes (png, jpg, jpeg, gif, pdf, hwp, doc, docx; ≤ 50 MB each).
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.
    """
    text = require_text(comment, "comment", max_chars=1000)
    pairs = list(attachments) if isinstance(attachments, Sequence) else None
    if not pairs or len(pairs) > MAX_ATTACHMENTS:
        raise ValidationError(
            f"attachments must be 1 to {MAX_ATTACHMENTS} (file_name, bytes) pairs; use "
            "comment_alimtalk_template without files",
            field="attachments",
        )
    files = []
    for index, pair in enumerate(pairs):
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise ValidationError(
                f"attachments[{index}] must be a (file_name, bytes) pair", field="attachments"
            )
        name = _file(
            pair[0], pair[1], f"attachments[{index}]", _ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES
        )
        files.append(("attachments", (name, bytes(pair[1]))))
    return write(
        "kakao",
        "POST",
        _path(ctx, sender_key, "templates", _code(template_code), "comments_file"),
        header_only,
        safety=Safety.UNSAFE,
        files=files,
        data={"comment": text},
        retry=retry,
        label="comment_alimtalk_template_with_files",
    )


def list_alimtalk_template_categories(
    ctx: Context, *, retry: RetryPolicy | None = None
) -> Operation[tuple[TemplateCategory, ...]]:
    """Get the template categories (``category_code=`` of a registration takes their codes)."""

    def parse(data: JSONDict) -> tuple[TemplateCategory, ...]:
        out = []
        for group in _dicts(body_of(data, "categories", "kakao"), "categories"):
            subs = _dicts(group.get("subCategories"), "categories[].subCategories")
            out.append(
                TemplateCategory(
                    opt_str(group.get("name")),
                    tuple(
                        TemplateSubcategory(
                            code=str(s.get("code") or ""),
                            name=opt_str(s.get("name")),
                            group_name=opt_str(s.get("groupName")),
                            inclusion=opt_str(s.get("inclusion")),
                            exclusion=opt_str(s.get("exclusion")),
                        )
                        for s in subs
                    ),
                )
            )
        return tuple(out)

    return read(
        "kakao",
        f"{ALIMTALK_PREFIX}/template/categories",
        parse,
        retry=retry,
        label="list_alimtalk_template_categories",
    )


def _image_upload(
    path: str, label: str, file_name: str, content: bytes, retry: RetryPolicy | None
) -> Operation[TemplateImage]:
    name = _file(file_name, content, "content", _IMAGE_EXTENSIONS, IMAGE_MAX_BYTES)

    def parse(data: JSONDict) -> TemplateImage:
        image = expect_dict(body_of(data, "templateImage", "kakao"), "templateImage", "kakao")
        url = opt_str(image.get("templateImageUrl"))
        if not url:
            raise ValueError("templateImage without templateImageUrl")
        return TemplateImage(opt_str(image.get("templateImageName")), url)

    return write(
        "kakao",
        "POST",
        path,
        parse,
        # A repeat would store a second copy: retried only when nothing was sent.
        safety=Safety.UNSAFE,
        files={"file": (name, bytes(content))},
        retry=retry,
        label=label,
    )


def upload_alimtalk_template_image(
    ctx: Context, file_name: str, content: bytes, *, retry: RetryPolicy | None = None
) -> Operation[TemplateImage]:
    """Upload an image for an ``IMAGE`` template (JPG/PNG, ≤ 500 KB; 800×400 recommended).

    Args:
        file_name: the file's name (``.jpg``, ``.jpeg`` or ``.png``).
        content: the file's bytes (read it yourself: the SDK does no file I/O).
        retry: a retry policy for this call only.

    Returns:
        A :class:`TemplateImage`: pass ``name`` and ``url`` as ``image_name``
        and ``image_url`` of the registration.
    """
    return _image_upload(
        f"{ALIMTALK_PREFIX}/template-image",
        "upload_alimtalk_template_image",
        file_name,
        content,
        retry,
    )


def upload_alimtalk_item_highlight_image(
    ctx: Context, file_name: str, content: bytes, *, retry: RetryPolicy | None = None
) -> Operation[TemplateImage]:
    """Upload the thumbnail of an item highlight (JPG/PNG, ≤ 500 KB; 108×108 recommended).

    Returns:
        A :class:`TemplateImage`; put its ``url`` in ``TemplateItemHighlight.image_url``.
    """
    return _image_upload(
        f"{ALIMTALK_PREFIX}/template-image/item-highlight",
        "upload_alimtalk_item_highlight_image",
        file_name,
        content,
        retry,
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


class AlimTalkTemplateMethods:
    """The AlimTalk template methods of :class:`~notify_sdk.NotifyClient`."""

    list_alimtalk_templates = sync_pager(list_alimtalk_templates)
    get_alimtalk_template = sync_method(get_alimtalk_template)
    get_alimtalk_template_status = sync_method(get_alimtalk_template_status)
    register_alimtalk_template = sync_method(register_alimtalk_template)
    modify_alimtalk_template = sync_method(modify_alimtalk_template)
    delete_alimtalk_template = sync_method(delete_alimtalk_template)
    list_alimtalk_template_modifications = sync_method(list_alimtalk_template_modifications)
    comment_alimtalk_template = sync_method(comment_alimtalk_template)
    comment_alimtalk_template_with_files = sync_method(comment_alimtalk_template_with_files)
    list_alimtalk_template_categories = sync_method(list_alimtalk_template_categories)
    upload_alimtalk_template_image = sync_method(upload_alimtalk_template_image)
    upload_alimtalk_item_highlight_image = sync_method(upload_alimtalk_item_highlight_image)


class AsyncAlimTalkTemplateMethods:
    """The AlimTalk template methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    list_alimtalk_templates = async_pager(list_alimtalk_templates)
    get_alimtalk_template = async_method(get_alimtalk_template)
    get_alimtalk_template_status = async_method(get_alimtalk_template_status)
    register_alimtalk_template = async_method(register_alimtalk_template)
    modify_alimtalk_template = async_method(modify_alimtalk_template)
    delete_alimtalk_template = async_method(delete_alimtalk_template)
    list_alimtalk_template_modifications = async_method(list_alimtalk_template_modifications)
    comment_alimtalk_template = async_method(comment_alimtalk_template)
    comment_alimtalk_template_with_files = async_method(comment_alimtalk_template_with_files)
    list_alimtalk_template_categories = async_method(list_alimtalk_template_categories)
    upload_alimtalk_template_image = async_method(upload_alimtalk_template_image)
    upload_alimtalk_item_highlight_image = async_method(upload_alimtalk_item_highlight_image)
