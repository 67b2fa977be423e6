"""Brand Message uploads: images, and the two steps of a premium-video upload."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from ..._core import (
    Context,
    FilePath,
    JSONDict,
    Operation,
    Safety,
    body_of,
    expect_dict,
    reads_file,
)
from ..._core.endpoints import BRAND
from ..._core.lazy import lazy_module
from ..._core.params import (
    optional_key,
    require_text,
)
from ...errors import APIError, ProtocolError, ServerError, ValidationError
from .images import _RATIOS, _image_size
from .parts import (
    _PREFIX,
    _VIDEO_EXTENSIONS,
    IMAGE_MAX_BYTES,
    IMAGE_MIN_WIDTH,
    VIDEO_MAX_BYTES,
    VIDEO_NAME_MAX,
    _sender_key,
)

if TYPE_CHECKING:
    from ... import brand
    from ..._retry import RetryPolicy
else:
    # The 26 model classes of notify_sdk.brand cost ~20 ms to create; an
    # application that never sends a Brand Message should not pay for them
    # at ``import notify_sdk``.
    brand = lazy_module("notify_sdk.brand")


# --- uploads ---------------------------------------------------------------------------------


@reads_file(limit=IMAGE_MAX_BYTES)
def upload_brand_image(
    ctx: Context,
    file: bytes | str | os.PathLike[str],
    image_type: brand.BrandImageType | str,
    *,
    file_name: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[brand.BrandImage]:
    """Upload an image for Brand Messages; use the returned ``url`` in messages.

    The image type ties the image to the message parts that may use it (a
    mismatch fails the send with -8002):

    ==============================  =========================================  ==============
    image_type                      used by                                    height/width
    ==============================  =========================================  ==============
    ``IMAGE``                       ImageMessage, CommerceMessage, thumbnails  0.5 .. 1.333
    ``WIDE_IMAGE``                  WideMessage                                0.5 .. 1
    ``MAIN_WIDE_ITEMLIST_IMAGE``    first WideItem                             0.5 (2:1)
    ``NORMAL_WIDE_ITEMLIST_IMAGE``  WideItem 2..4                              1 (square)
    ``CAROUSEL_FEED_IMAGE``         CarouselFeedCard                           0.5 .. 1.333
    ``CAROUSEL_COMMERCE_IMAGE``     CarouselCommerceCard / CarouselHead        0.5 .. 1.333
    ==============================  =========================================  ==============

    Every image is JPG or PNG, at most 5 MB and at least 500 px wide; the
    SDK reads the size from the file header and checks it before uploading.

    Args:
        file: the image bytes, or a path (read when the method is called).
        image_type: a :class:`~notify_sdk.brand.BrandImageType` or its name.
        file_name: the name to upload under (required with bytes; default the
            path's name); ``.jpg``, ``.jpeg`` or ``.png``.
        retry: a retry policy for this call only (an upload whose answer was
            lost is not repeated).

    Returns:
        The :class:`~notify_sdk.brand.BrandImage` (``url``, ``seq``).

    Raises:
        ValidationError: wrong format, size, width or aspect ratio.
        APIError: the API refused the file (-8001, -4007, -4009, -8011...).
    """
    try:
        kind = brand.BrandImageType(image_type)
    except ValueError:
        raise ValidationError(
            f"image_type must be one of {[t.value for t in brand.BrandImageType]}, "
            f"not {image_type!r}",
            field="image_type",
        ) from None
    # The client method has read a path already (see reads_file): bytes only here.
    if not isinstance(file, (bytes, bytearray)):
        raise ValidationError("file must be bytes or a path", field="file")
    content, name = bytes(file), file_name
    if not name:
        raise ValidationError("file_name is required when uploading bytes", field="file_name")
    lowered = name.lower()
    if lowered.endswith((".jpg", ".jpeg")):
        mime, magic = "image/jpeg", b"\xff\xd8"
    elif lowered.endswith(".png"):
        mime, magic = "image/png", b"\x89PNG"
    else:
        raise ValidationError("file_name must end in .jpg, .jpeg or .png", field="file_name")
    if not content or len(content) > IMAGE_MAX_BYTES:
        raise ValidationError(
            f"file must be between 1 byte and 5 MB, not {len(content)} bytes", field="file"
        )
    if not content.startswith(magic):
        raise ValidationError(
            f"file is not a {mime.split('/')[1].upper()} image (its name says it is)", field="file"
        )
    size = _image_size(content)
    if size is not None:
        width, height = size
        if width < IMAGE_MIN_WIDTH:
            raise ValidationError(
                f"file is {width} px wide; Brand Message images need at least {IMAGE_MIN_WIDTH} px",
                field="file",
            )
        (low_n, low_d), (high_n, high_d) = _RATIOS[kind.value]
        # Compare height/width with the bounds in integers: exact for 2:1 and 1:1.
        if height * low_d < low_n * width or height * high_d > high_n * width:
            raise ValidationError(
                f"file is {width}x{height}; a {kind.value} needs height/width between "
                f"{low_n}/{low_d} and {high_n}/{high_d}",
                field="file",
            )

    def parse(data: JSONDict) -> brand.BrandImage:
        image = data.get("image")
        if isinstance(image, list) and image:
            image = image[0]
        inner = expect_dict(image, "image", "kakao")
        seq = inner.get("imageSeq")
        return brand.BrandImage(
            seq=seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
            url=str(body_of(inner, "imageUrl", "kakao")),
            name=None if inner.get("imageName") is None else str(inner["imageName"]),
            image_type=kind,
        )

    return Operation(
        namespace="kakao",
        method="POST",
        path=f"{_PREFIX}/images",
        parse=parse,
        safety=Safety.UNSAFE,
        files={"image": (name, content, mime)},
        data={"imageType": kind.value},
        retry=retry,
        label="upload_brand_image",
    )


def register_brand_video(
    ctx: Context,
    file_name: str,
    file_size: int,
    *,
    sender_key: str | None = None,
    create_user: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[brand.BrandVideoUpload]:
    """Step 1 of a premium-video upload: register the file, get an upload token.

    The video file never passes through NHN Cloud. The order is:

    1. ``ticket = client.register_brand_video("spring.mp4", os.path.getsize(path))``
    2. within 5 minutes: ``client.upload_brand_video(ticket, path)`` (sends the
       file to Kakao's ``ticket.upload_url``; the byte size must equal
       ``file_size`` exactly);
    3. wait for encoding (usually 5-10 minutes) until the video is ``PUBLIC``
       in the console or the video list, then send its ``videoUrl`` in a
       :class:`~notify_sdk.brand.PremiumVideoMessage`.

    Args:
        file_name: the file's name with extension ``mp4``, ``mov`` or ``avi``,
            at most 250 characters.
        file_size: its exact size in bytes, at most 4 GB.
        sender_key: the sender profile; default the client's ``kakao_sender_key``.
        create_user: a registrant label (at most 100 characters).
        retry: a retry policy for this call only.

    Returns:
        A :class:`~notify_sdk.brand.BrandVideoUpload` holding the registered
        video, Kakao's upload URL and the token.

    Raises:
        ValidationError: bad name or size.
        APIError: the API refused the registration.
    """
    name = require_text(file_name, "file_name", max_chars=VIDEO_NAME_MAX)
    if os.path.basename(name) != name or not name.lower().endswith(_VIDEO_EXTENSIONS):
        raise ValidationError(
            "file_name must be a bare file name ending in .mp4, .mov or .avi", field="file_name"
        )
    if (
        not isinstance(file_size, int)
        or isinstance(file_size, bool)
        or not 0 < file_size <= VIDEO_MAX_BYTES
    ):
        raise ValidationError("file_size must be an int from 1 byte to 4 GB", field="file_size")
    payload: JSONDict = {
        "senderKey": _sender_key(ctx, sender_key),
        "fileName": name,
        "fileSize": file_size,
    }
    if create_user is not None:
        payload["createUser"] = optional_key(create_user, "create_user")

    def parse(data: JSONDict) -> brand.BrandVideoUpload:
        video = brand.BrandVideo.from_wire(
            expect_dict(body_of(data, "video", "kakao"), "video", "kakao")
        )
        info = expect_dict(body_of(data, "uploadInfo", "kakao"), "uploadInfo", "kakao")
        return brand.BrandVideoUpload(
            video=video,
            upload_url=str(body_of(info, "uploadUrl", "kakao")),
            token=str(body_of(info, "token", "kakao")),
            file_size=file_size,
            registered_at=ctx.now_kst(),
        )

    return Operation(
        namespace="kakao",
        method="POST",
        path=f"{_PREFIX}/videos",
        parse=parse,
        safety=Safety.UNSAFE,
        json=payload,
        retry=retry,
        label="register_brand_video",
    )


@reads_file(limit=None, name=None)
def upload_brand_video(
    ctx: Context,
    ticket: brand.BrandVideoUpload,
    file: bytes | str | os.PathLike[str],
    *,
    timeout: float | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[brand.BrandVideoUploaded]:
    """Step 2 of a premium-video upload: send the file to Kakao.

    Call :meth:`register_brand_video` first and upload within 5 minutes.
    The request goes to ``ticket.upload_url`` (Kakao, not NHN Cloud) with
    the ticket's ``x-kamp-upload-token``; your secret key is not sent
    there. A path is streamed from disk. Only a failure that provably never
    reached Kakao (no connection, 429, 503) is retried; after any other
    failure, register again and upload again.

    Args:
        ticket: the :class:`~notify_sdk.brand.BrandVideoUpload` from step 1.
        file: the video bytes or a path; exactly ``ticket.file_size`` bytes.
        timeout: seconds (or an ``httpx.Timeout``) for each attempt of the
            upload; default the client's timeout.
        retry: a retry policy for this call only.

    Returns:
        Kakao's :class:`~notify_sdk.brand.BrandVideoUploaded` (``vid``,
        ``play_url``).

    Raises:
        ValidationError: expired token, size mismatch, unreadable file.
        APIError: Kakao refused the file (its ``errCode`` is in the message).
        TransportError: the network failed.
    """
    if not isinstance(ticket, brand.BrandVideoUpload):
        raise ValidationError(
            "ticket must be the BrandVideoUpload returned by register_brand_video",
            field="ticket",
        )
    if not ticket.upload_url.startswith(("http://", "https://")):
        raise ValidationError("ticket.upload_url is not an http(s) URL", field="ticket")
    if ctx.now_kst() >= ticket.expires_at:
        raise ValidationError(
            "the upload token has expired (it lives 5 minutes): call register_brand_video again",
            field="ticket",
        )
    name = ticket.video.file_name or "video.mp4"
    content: bytes | FilePath
    if isinstance(file, (bytes, bytearray)):
        content = bytes(file)
        size = len(content)
    elif isinstance(file, FilePath):
        # The client method has looked the path up (see reads_file).
        content, size = file, file.size
    else:
        raise ValidationError("file must be bytes or a path", field="file")
    if size != ticket.file_size:
        raise ValidationError(
            f"file is {size} bytes but {ticket.file_size} were registered; Kakao refuses a "
            "size mismatch (errCode 109) — register again with the right size",
            field="file",
        )
    return Operation(
        namespace="kakao",
        method="POST",
        # Logged as written: Kakao's upload URL is the ticket's, never a log line's.
        path="{upload_url}",
        url=ticket.upload_url,
        parse=_video_uploaded,
        decode=_video_upload_answer,
        safety=Safety.UNSAFE,
        headers={"x-kamp-upload-token": ticket.token},
        files={"file": (name, content)},
        opens_files=isinstance(content, FilePath),
        timeout=timeout,
        retry=retry,
        label="upload_brand_video",
    )


def _video_uploaded(data: JSONDict) -> brand.BrandVideoUploaded:
    vid, play = data.get("vid"), data.get("playUrl")
    return brand.BrandVideoUploaded(
        vid=None if vid is None else str(vid), play_url=None if play is None else str(play)
    )


def _video_upload_answer(status: int, content: bytes) -> JSONDict:
    """Kakao's answer (not an NHN Cloud envelope) as a dict, or its typed error."""
    try:
        data = json.loads(content)
    except ValueError:
        data = None
    if 200 <= status < 300:
        if not isinstance(data, dict):
            raise ProtocolError(
                "Kakao's video upload answered without a JSON object",
                service="kakao",
                http_status=status,
            )
        return data
    detail = ""
    if isinstance(data, dict):
        detail = f"errCode {data.get('errCode')}: {data.get('message') or ''}".strip()
    text = f"Kakao refused the video upload ({detail or 'no details'})"
    if status >= 500:
        error: APIError = ServerError(text, service="kakao")
        error.http_status = status
        raise error
    raise APIError(text, service="kakao", http_status=status)


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

BRAND.endpoint(
    "register_brand_video",
    "POST",
    "videos",
    group="Brand Message methods",
    example={"file_name": "a.mp4"},
).builds(register_brand_video)
BRAND.endpoint(
    "upload_brand_image",
    "POST",
    "images",
    group="Brand Message methods",
    body="multipart",
    example={"file_name": "a.jpg"},
).builds(upload_brand_image)
BRAND.helper(
    "upload_brand_video",
    uses=("register_brand_video",),
    reason="step 2 of a video upload goes to the ticket's Kakao upload URL, not to an NHN path",
    group="Brand Message methods",
    entry="notify_sdk.services.brand.uploads.upload_brand_video",
)
