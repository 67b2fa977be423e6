"""AlimTalk template review and media: inspection comments, categories, image uploads.

A template goes to Kakao's review by an inspection comment; the categories
and uploaded images are what a registration refers to. :mod:`.templates`
holds the template resource itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..._core import Context, JSONDict, Operation, Safety, body_of, expect_dict
from ..._core.endpoints import KAKAO
from ..._core.params import require_text
from ..._core.wire import opt_str
from ...errors import ValidationError
from .._manage import ALIMTALK_PREFIX, header_only, read, segment, sender_key_segment, write
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


def _code(value: object) -> str:
    return segment(value, "template_code", max_chars=TEMPLATE_CODE_MAX)


def _path(ctx: Context, sender_key: str | None, *rest: str) -> str:
    return "/".join((f"{ALIMTALK_PREFIX}/senders", sender_key_segment(ctx, sender_key), *rest))


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


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

KAKAO.endpoint(
    "comment_alimtalk_template",
    "POST",
    "senders/{senderKey}/templates/{templateCode}/comments",
    group="AlimTalk templates",
    segments={"template_code": "templateCode", "sender_key": "senderKey"},
).builds(comment_alimtalk_template)
KAKAO.endpoint(
    "comment_alimtalk_template_with_files",
    "POST",
    "senders/{senderKey}/templates/{templateCode}/comments_file",
    group="AlimTalk templates",
    segments={"template_code": "templateCode", "sender_key": "senderKey"},
    body="multipart",
).builds(comment_alimtalk_template_with_files)
KAKAO.endpoint(
    "list_alimtalk_template_categories", "GET", "template/categories", group="AlimTalk templates"
).builds(list_alimtalk_template_categories)
KAKAO.endpoint(
    "upload_alimtalk_item_highlight_image",
    "POST",
    "template-image/item-highlight",
    group="AlimTalk templates",
    body="multipart",
    example={"file_name": "a.png", "content": b"\x89PNG\r\n"},
).builds(upload_alimtalk_item_highlight_image)
KAKAO.endpoint(
    "upload_alimtalk_template_image",
    "POST",
    "template-image",
    group="AlimTalk templates",
    body="multipart",
    example={"file_name": "a.png", "content": b"\x89PNG\r\n"},
).builds(upload_alimtalk_template_image)
