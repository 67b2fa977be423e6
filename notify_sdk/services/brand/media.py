"""Brand Message images and videos: the listing and deleting side of the uploads.

Uploading is ``upload_brand_image`` / ``register_brand_video``. A deleted
image can no longer be used; a deleted video stays with Kakao (the channel
admin removes it) but templates using it can no longer send.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    expect_list,
)
from ..._core.endpoints import BRAND
from ..._core.lazy import lazy_module
from ..._core.wire import opt_int, opt_str
from ...errors import ValidationError
from .._manage import header_only, paged, sender_key_segment

if TYPE_CHECKING:
    from ... import brand
    from ..._retry import RetryPolicy
else:
    brand = lazy_module("notify_sdk.brand")

__all__: list[str] = []

MAX_VIDEOS_PER_DELETE = 100


def _image(item: JSONDict) -> brand.BrandImage:
    kind = opt_str(item.get("imageType"))
    try:
        image_type = brand.BrandImageType(kind) if kind else None
    except ValueError:
        image_type = None
    return brand.BrandImage(
        seq=opt_int(item.get("imageSeq")),
        url=str(item.get("imageUrl") or ""),
        name=opt_str(item.get("imageName")),
        image_type=image_type,
    )


def _image_page(data: JSONDict) -> Page[brand.BrandImage]:
    # Documented as a single "image" object with neither list nor total; the
    # listings of the other resources wrap "images[]" and "totalCount" in
    # "imagesResponse". Every shape is read.
    wrapper = data.get("imagesResponse")
    if isinstance(wrapper, dict):
        raw: Any = wrapper.get("images")
        total = opt_int(wrapper.get("totalCount"))
    else:
        raw = data.get("images", data.get("image"))
        total = opt_int(data.get("totalCount"))
    if isinstance(raw, dict):
        raw = [raw]
    items = [i for i in expect_list(raw, "images", "kakao") if isinstance(i, dict)]
    return Page(tuple(_image(i) for i in items), total)


def _image_types(value: object) -> str:
    if isinstance(value, (str, brand.BrandImageType)):
        value = [value]
    if not isinstance(value, Iterable):
        raise ValidationError("image_types must be BrandImageType values", field="image_types")
    out = []
    for kind in value:
        try:
            out.append(brand.BrandImageType(kind).value)
        except ValueError:
            raise ValidationError(
                f"image_types: {kind!r} is not a BrandImageType", field="image_types"
            ) from None
    if not out:
        raise ValidationError("image_types needs at least one type", field="image_types")
    return ",".join(out)


def _video_page(data: JSONDict) -> Page[brand.BrandVideo]:
    wrapper = data.get("videosResponse")
    inner = wrapper if isinstance(wrapper, dict) else data
    items = expect_list(inner.get("videos"), "videosResponse.videos", "kakao")
    return Page(
        tuple(brand.BrandVideo.from_wire(i) for i in items if isinstance(i, dict)),
        opt_int(inner.get("totalCount")),
    )


_GROUP = "Brand Message templates and media"

IMAGES = BRAND.endpoint(
    "list_brand_images", "GET", "images", group=_GROUP, pager=True, parser=_image_page
)
DELETE_IMAGE = BRAND.endpoint(
    "delete_brand_image", "DELETE", "images", group=_GROUP, parser=header_only
)
VIDEOS = BRAND.endpoint(
    "list_brand_videos", "GET", "videos", group=_GROUP, pager=True, parser=_video_page
)
DELETE_VIDEOS = BRAND.endpoint(
    "delete_brand_videos", "DELETE", "videos", group=_GROUP, parser=header_only
)


@IMAGES.builds
def list_brand_images(
    ctx: Context,
    image_types: Iterable[brand.BrandImageType | str] | brand.BrandImageType | str,
    *,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[brand.BrandImage]:
    """List uploaded Brand Message images of the given types.

    Args:
        image_types: one or more :class:`~notify_sdk.brand.BrandImageType`
            (the API requires the filter).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of
        :class:`~notify_sdk.brand.BrandImage`.
    """
    params = {"imageTypes": _image_types(image_types)}
    return paged(IMAGES, params, page_size=page_size, limit=limit, retry=retry)


def _positive(value: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError(f"{field} must be a positive int", field=field)
    return value


@DELETE_IMAGE.builds
def delete_brand_image(
    ctx: Context, image_seq: int, *, retry: RetryPolicy | None = None
) -> Operation[None]:
    """Delete an uploaded image (``BrandImage.seq``); messages can no longer use it."""
    params = {"imageSeq": _positive(image_seq, "image_seq")}
    return DELETE_IMAGE.operation(params=params, retry=retry)


@VIDEOS.builds
def list_brand_videos(
    ctx: Context,
    *,
    sender_key: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[brand.BrandVideo]:
    """List a sender profile's premium videos with their encoding status.

    Args:
        sender_key: the profile; default the client's ``kakao_sender_key``.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of
        :class:`~notify_sdk.brand.BrandVideo`; ``video_url`` is set once a
        video is ``PUBLIC``.
    """
    params = {"senderKey": sender_key_segment(ctx, sender_key)}
    return paged(VIDEOS, params, page_size=page_size, limit=limit, retry=retry)


@DELETE_VIDEOS.builds
def delete_brand_videos(
    ctx: Context, video_seqs: Iterable[int], *, retry: RetryPolicy | None = None
) -> Operation[None]:
    """Delete premium videos (``BrandVideo.seq``); templates using them can no longer send."""
    if isinstance(video_seqs, int) or not isinstance(video_seqs, Iterable):
        raise ValidationError("video_seqs must be an iterable of ints", field="video_seqs")
    seqs = [_positive(s, "video_seqs") for s in video_seqs]
    if not 1 <= len(seqs) <= MAX_VIDEOS_PER_DELETE:
        raise ValidationError(
            f"video_seqs must hold 1 to {MAX_VIDEOS_PER_DELETE} ids", field="video_seqs"
        )
    params = {"videoSeq": ",".join(str(s) for s in seqs)}
    return DELETE_VIDEOS.operation(params=params, retry=retry)
