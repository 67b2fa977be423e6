"""Brand Message v1.0: sends, queries and uploads.

One module per resource: :mod:`.sends`, :mod:`.queries`, :mod:`.uploads`;
:mod:`.parts` holds what every send shares and :mod:`.images` the JPEG/PNG
header reader. The message models live in the public :mod:`notify_sdk.brand`.
"""

from __future__ import annotations

from ..._core import async_method, async_pager, sync_method, sync_pager
from .queries import cancel_brand_message, get_brand_message, list_brand_messages
from .sends import send_brand_message, send_brand_template
from .uploads import register_brand_video, upload_brand_image, upload_brand_video

__all__ = ["AsyncBrandMethods", "BrandMethods"]


class BrandMethods:
    """The Brand Message methods of :class:`~notify_sdk.NotifyClient`."""

    send_brand_message = sync_method(send_brand_message)
    send_brand_template = sync_method(send_brand_template)
    list_brand_messages = sync_pager(list_brand_messages)
    get_brand_message = sync_method(get_brand_message)
    cancel_brand_message = sync_method(cancel_brand_message)
    upload_brand_image = sync_method(upload_brand_image)
    register_brand_video = sync_method(register_brand_video)
    upload_brand_video = sync_method(upload_brand_video)


class AsyncBrandMethods:
    """The Brand Message methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    send_brand_message = async_method(send_brand_message)
    send_brand_template = async_method(send_brand_template)
    list_brand_messages = async_pager(list_brand_messages)
    get_brand_message = async_method(get_brand_message)
    cancel_brand_message = async_method(cancel_brand_message)
    upload_brand_image = async_method(upload_brand_image)
    register_brand_video = async_method(register_brand_video)
    upload_brand_video = async_method(upload_brand_video)
