"""Brand Message v1.0: sends, queries and uploads.

One module per resource: :mod:`.sends`, :mod:`.queries`, :mod:`.uploads`;
:mod:`.parts` holds what every send shares and :mod:`.images` the JPEG/PNG
header reader. The message models live in the public :mod:`notify_sdk.brand`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import httpx

from ..._core import Context, async_method, async_pager, sync_method, sync_pager
from ..._core.endpoints import BRAND
from ..._core.lazy import lazy_module
from .queries import cancel_brand_message, get_brand_message, list_brand_messages
from .sends import send_brand_message, send_brand_template
from .uploads import (
    _video_upload_check,
    _video_upload_result,
    register_brand_video,
    upload_brand_image,
)

__all__ = ["AsyncBrandMethods", "BrandMethods"]

if TYPE_CHECKING:
    from ... import brand
else:
    # The 26 model classes of notify_sdk.brand cost ~20 ms to create; an
    # application that never sends a Brand Message should not pay for them
    # at ``import notify_sdk``.
    brand = lazy_module("notify_sdk.brand")


class BrandMethods:
    """The Brand Message methods of :class:`~notify_sdk.NotifyClient`."""

    send_brand_message = sync_method(send_brand_message)
    send_brand_template = sync_method(send_brand_template)
    list_brand_messages = sync_pager(list_brand_messages)
    get_brand_message = sync_method(get_brand_message)
    cancel_brand_message = sync_method(cancel_brand_message)
    upload_brand_image = sync_method(upload_brand_image)
    register_brand_video = sync_method(register_brand_video)

    def upload_brand_video(
        self,
        ticket: brand.BrandVideoUpload,
        file: bytes | str | os.PathLike[str],
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> brand.BrandVideoUploaded:
        """Step 2 of a premium-video upload: send the file to Kakao.

        Call :meth:`register_brand_video` first and upload within 5 minutes.
        The request goes to ``ticket.upload_url`` (Kakao, not NHN Cloud) with
        the ticket's ``x-kamp-upload-token``; your secret key is not sent
        there. A path is streamed from disk. The upload is never retried
        automatically: on any failure, register again and upload again.

        Args:
            ticket: the :class:`~notify_sdk.brand.BrandVideoUpload` from step 1.
            file: the video bytes or a path; exactly ``ticket.file_size`` bytes.
            timeout: seconds (or an ``httpx.Timeout``) for the upload;
                default the client's timeout.

        Returns:
            Kakao's :class:`~notify_sdk.brand.BrandVideoUploaded` (``vid``,
            ``play_url``).

        Raises:
            ValidationError: expired token, size mismatch, unreadable file.
            APIError: Kakao refused the file (its ``errCode`` is in the message).
            TransportError: the network failed.
        """
        from ..._http.transport import map_transport_error

        client: Any = self
        ctx: Context = client._context
        ticket, path, content, name = _video_upload_check(ctx, ticket, file)
        http: httpx.Client = client._http
        try:
            if path is not None:
                with open(path, "rb") as handle:
                    response = http.post(
                        ticket.upload_url,
                        headers={"x-kamp-upload-token": ticket.token},
                        files={"file": (name, handle)},
                        timeout=timeout if timeout is not None else ctx.config.timeout,
                    )
            else:
                response = http.post(
                    ticket.upload_url,
                    headers={"x-kamp-upload-token": ticket.token},
                    files={"file": (name, content or b"")},
                    timeout=timeout if timeout is not None else ctx.config.timeout,
                )
        except httpx.HTTPError as exc:
            raise map_transport_error(exc, "kakao", "upload_brand_video") from exc
        return _video_upload_result(response)


class AsyncBrandMethods:
    """The Brand Message methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    send_brand_message = async_method(send_brand_message)
    send_brand_template = async_method(send_brand_template)
    list_brand_messages = async_pager(list_brand_messages)
    get_brand_message = async_method(get_brand_message)
    cancel_brand_message = async_method(cancel_brand_message)
    upload_brand_image = async_method(upload_brand_image)
    register_brand_video = async_method(register_brand_video)

    async def upload_brand_video(
        self,
        ticket: brand.BrandVideoUpload,
        file: bytes | str | os.PathLike[str],
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> brand.BrandVideoUploaded:
        """Step 2 of a premium-video upload: send the file to Kakao (awaitable).

        See :meth:`NotifyClient.upload_brand_video`.
        """
        from ..._http.transport import map_transport_error

        client: Any = self
        ctx: Context = client._context
        ticket, path, content, name = _video_upload_check(ctx, ticket, file)
        http: httpx.AsyncClient = client._http
        try:
            if path is not None:
                with open(path, "rb") as handle:  # noqa: ASYNC230 - streamed by httpx
                    response = await http.post(
                        ticket.upload_url,
                        headers={"x-kamp-upload-token": ticket.token},
                        files={"file": (name, handle)},
                        timeout=timeout if timeout is not None else ctx.config.timeout,
                    )
            else:
                response = await http.post(
                    ticket.upload_url,
                    headers={"x-kamp-upload-token": ticket.token},
                    files={"file": (name, content or b"")},
                    timeout=timeout if timeout is not None else ctx.config.timeout,
                )
        except httpx.HTTPError as exc:
            raise map_transport_error(exc, "kakao", "upload_brand_video") from exc
        return _video_upload_result(response)


# --- helper declarations (see notify_sdk._core.endpoints) -----------------------------

BRAND.helper(
    "upload_brand_video",
    uses=("register_brand_video",),
    reason="step 2 of a video upload goes to Kakao's upload URL from the ticket, not to NHN Cloud",
    group="Brand Message methods",
    entry="notify_sdk.services.brand.BrandMethods.upload_brand_video",
)
