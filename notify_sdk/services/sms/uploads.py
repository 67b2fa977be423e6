"""SMS v3.0 attachments: the MMS image upload."""

from __future__ import annotations

import base64
import os
from typing import TYPE_CHECKING

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Safety,
    reads_file,
)
from ..._core.endpoints import SMS
from ..._core.params import require_text
from ..._core.wire import opt_int, opt_str
from ...errors import ProtocolError, ValidationError

if TYPE_CHECKING:
    from ..._retry import RetryPolicy
from .models import _PREFIX, ATTACHMENT_MAX_BYTES, Attachment, _data_of

# --- attachments -----------------------------------------------------------------


@reads_file(limit=ATTACHMENT_MAX_BYTES)
def upload_attachment(
    ctx: Context,
    file: bytes | str | os.PathLike[str],
    *,
    file_name: str | None = None,
    create_user: str = "notify-sdk",
    retry: RetryPolicy | None = None,
) -> Operation[Attachment]:
    """Upload a JPEG image for an MMS; pass the returned ``file_id`` to ``send_mms``.

    Args:
        file: the image bytes, or a path to a ``.jpg`` / ``.jpeg`` file (read
            when the method is called).
        file_name: the name to upload under (required with bytes; default the
            path's name); must end in ``.jpg`` or ``.jpeg``, at most 45 characters.
        create_user: the uploader label the API records (at most 100 characters).
        retry: a retry policy for this call only.

    Raises:
        ValidationError: not a jpg name, empty, or 300 KB or more.
        APIError: the API refused the file.
    """
    # The client method has read a path already (see reads_file): bytes only here.
    if not isinstance(file, (bytes, bytearray, memoryview)):
        raise ValidationError("file must be bytes or a path", field="file")
    content = bytes(file)
    name = file_name
    if not name:
        raise ValidationError("file_name is required when uploading bytes", field="file_name")
    if not isinstance(name, str) or len(name) > 45 or not name.lower().endswith((".jpg", ".jpeg")):
        raise ValidationError(
            "file_name must end in .jpg or .jpeg and be at most 45 characters", field="file_name"
        )
    if not content or len(content) >= ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            f"file must be between 1 byte and 300 KB, not {len(content)} bytes", field="file"
        )

    create_user = require_text(create_user, "create_user", max_chars=100)

    def parse(data: JSONDict) -> Attachment:
        inner = _data_of(data)
        file_id = opt_int(inner.get("fileId"))
        if file_id is None:
            raise ProtocolError(
                f"sms API answer to the upload has no usable fileId ({inner.get('fileId')!r})",
                service="sms",
            )
        return Attachment(
            file_id=file_id,
            file_name=opt_str(inner.get("fileName")) or str(name),
            file_path=opt_str(inner.get("filePath")),
        )

    return Operation(
        namespace="sms",
        method="POST",
        path=f"{_PREFIX}/attachfile/binaryUpload",
        parse=parse,
        # A repeated upload only leaves an unused temporary file behind (it
        # expires), so an ambiguous failure is worth retrying.
        safety=Safety.READ,
        json={
            "fileName": name,
            "createUser": create_user,
            "fileBody": base64.b64encode(content).decode("ascii"),
        },
        retry=retry,
        label="upload_attachment",
    )


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

SMS.endpoint(
    "upload_attachment",
    "POST",
    "attachfile/binaryUpload",
    group="SMS",
    safety=Safety.READ,
    example={"file_name": "a.jpg"},
).builds(upload_attachment)
