"""AlimTalk template models and how they are read from the API.

:mod:`.templates` holds the builders; this module the typed template, its
review status and comments, categories and image answers, and the parsers
that make them from the wire.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs

from ..._core import JSONDict, Page, expect_list
from ..._core.wire import opt_bool, opt_int, opt_str
from .._manage import kakao_object, kakao_page
from .._template_check import kakao_variables
from .models import KakaoButton, KakaoQuickReply

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


def _links(item: JSONDict) -> dict[str, Any]:
    """What a template's button and quick reply both carry: links, biz form and order."""
    return {
        "link_mobile": opt_str(item.get("linkMo")),
        "link_pc": opt_str(item.get("linkPc")),
        "scheme_ios": opt_str(item.get("schemeIos")),
        "scheme_android": opt_str(item.get("schemeAndroid")),
        "biz_form_id": opt_int(item.get("bizFormId")),
        "ordering": _ordering(item.get("ordering")),
    }


def _button(item: JSONDict) -> KakaoButton:
    return KakaoButton(
        str(item.get("type") or ""),
        str(item.get("name") or ""),
        plugin_id=opt_str(item.get("pluginId")),
        tel_number=opt_str(item.get("telNumber")),
        **_links(item),
    )


def _quick_reply(item: JSONDict) -> KakaoQuickReply:
    return KakaoQuickReply(str(item.get("type") or ""), str(item.get("name") or ""), **_links(item))


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
    return kakao_page(key, parse_template)


def _single_template(data: JSONDict) -> AlimTalkTemplate:
    # The single query puts one object under the plural key "templates".
    return parse_template(kakao_object(data, "templates"))
