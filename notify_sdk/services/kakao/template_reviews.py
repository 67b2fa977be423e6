"""AlimTalk template review and media: inspection comments, categories, image uploads.

A template goes to Kakao's review by an inspection comment; the categories
and uploaded images are what a registration refers to. :mod:`.templates`
holds the template resource itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..._core import Context, JSONDict, Operation, body_of, expect_dict
from ..._core.endpoints import KAKAO, Endpoint
from ..._core.params import require_text
from ..._core.wire import opt_str
from ...errors import ValidationError
from .._manage import header_only, sender_segments
from .models import TEMPLATE_CODE_MAX
from .template_models import (
    _ATTACHMENT_EXTENSIONS,
    _IMAGE_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    IMAGE_MAX_BYTES,
    MAX_ATTACHMENTS,
    TemplateCategory,
    TemplateImage,
    TemplateSubcategory,
    _dicts,
)

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "comment_alimtalk_template",
    "comment_alimtalk_template_with_files",
    "list_alimtalk_template_categories",
    "upload_alimtalk_item_highlight_image",
    "upload_alimtalk_template_image",
]


def _segments(ctx: Context, sender_key: str | None, template_code: object) -> dict[str, str]:
    return sender_segments(ctx, sender_key, template_code, code_max=TEMPLATE_CODE_MAX)


def _category(group: JSONDict) -> TemplateCategory:
    subs = _dicts(group.get("subCategories"), "categories[].subCategories")
    return TemplateCategory(
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


def _categories(data: JSONDict) -> tuple[TemplateCategory, ...]:
    return tuple(_category(g) for g in _dicts(body_of(data, "categories", "kakao"), "categories"))


def _image(data: JSONDict) -> TemplateImage:
    image = expect_dict(body_of(data, "templateImage", "kakao"), "templateImage", "kakao")
    url = opt_str(image.get("templateImageUrl"))
    if not url:
        raise ValueError("templateImage without templateImageUrl")
    return TemplateImage(opt_str(image.get("templateImageName")), url)


_COMMENTS = "senders/{senderKey}/templates/{templateCode}/comments"
_SEGMENTS = {"template_code": "templateCode", "sender_key": "senderKey"}
_IMAGE_EXAMPLE = {"file_name": "a.png", "content": b"\x89PNG\r\n"}

#: A repeat would post the comment twice.
COMMENT = KAKAO.endpoint(
    "comment_alimtalk_template",
    "POST",
    _COMMENTS,
    group="AlimTalk templates",
    segments=_SEGMENTS,
    parser=header_only,
)
COMMENT_WITH_FILES = KAKAO.endpoint(
    "comment_alimtalk_template_with_files",
    "POST",
    f"{_COMMENTS}_file",
    group="AlimTalk templates",
    segments=_SEGMENTS,
    body="multipart",
    parser=header_only,
)
CATEGORIES = KAKAO.endpoint(
    "list_alimtalk_template_categories",
    "GET",
    "template/categories",
    group="AlimTalk templates",
    parser=_categories,
)
#: An upload repeated would store a second copy: retried only when nothing was sent.
TEMPLATE_IMAGE = KAKAO.endpoint(
    "upload_alimtalk_template_image",
    "POST",
    "template-image",
    group="AlimTalk templates",
    body="multipart",
    example=_IMAGE_EXAMPLE,
    parser=_image,
)
ITEM_HIGHLIGHT_IMAGE = KAKAO.endpoint(
    "upload_alimtalk_item_highlight_image",
    "POST",
    "template-image/item-highlight",
    group="AlimTalk templates",
    body="multipart",
    example=_IMAGE_EXAMPLE,
    parser=_image,
)


@COMMENT.builds
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
    segments = _segments(ctx, sender_key, template_code)
    return COMMENT.operation(segments=segments, json={"comment": text}, retry=retry)


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


@COMMENT_WITH_FILES.builds
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
    return COMMENT_WITH_FILES.operation(
        segments=_segments(ctx, sender_key, template_code),
        files=files,
        data={"comment": text},
        retry=retry,
    )


@CATEGORIES.builds
def list_alimtalk_template_categories(
    ctx: Context, *, retry: RetryPolicy | None = None
) -> Operation[tuple[TemplateCategory, ...]]:
    """Get the template categories (``category_code=`` of a registration takes their codes)."""
    return CATEGORIES.operation(retry=retry)


def _image_upload(
    endpoint: Endpoint, file_name: str, content: bytes, retry: RetryPolicy | None
) -> Operation[TemplateImage]:
    name = _file(file_name, content, "content", _IMAGE_EXTENSIONS, IMAGE_MAX_BYTES)
    return endpoint.operation(files={"file": (name, bytes(content))}, retry=retry)


@TEMPLATE_IMAGE.builds
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
    return _image_upload(TEMPLATE_IMAGE, file_name, content, retry)


@ITEM_HIGHLIGHT_IMAGE.builds
def upload_alimtalk_item_highlight_image(
    ctx: Context, file_name: str, content: bytes, *, retry: RetryPolicy | None = None
) -> Operation[TemplateImage]:
    """Upload the thumbnail of an item highlight (JPG/PNG, ≤ 500 KB; 108×108 recommended).

    Returns:
        A :class:`TemplateImage`; put its ``url`` in ``TemplateItemHighlight.image_url``.
    """
    return _image_upload(ITEM_HIGHLIGHT_IMAGE, file_name, content, retry)
