"""Brand Message queries: listings, single messages and cancels."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from ..._core import Context, JSONDict, Operation, Page, Pager, expect_dict
from ..._core.endpoints import BRAND
from ..._core.lazy import lazy_module
from ..._core.params import (
    date_range,
    normalize_number,
    optional_key,
    positive_seq,
    request_id_segment,
)
from ..._core.wire import opt_int
from ...errors import ValidationError
from ...results import CancelResult, SendResult
from .._manage import paged
from ..kakao.common import MINUTE_FORMAT, cancel_operation, message_items, search_result
from .parts import _PREFIX

if TYPE_CHECKING:
    from ... import brand
    from ..._retry import RetryPolicy
else:
    # The 26 model classes of notify_sdk.brand cost ~20 ms to create; an
    # application that never sends a Brand Message should not pay for them
    # at ``import notify_sdk``.
    brand = lazy_module("notify_sdk.brand")


# --- queries ---------------------------------------------------------------------------------


def _parse_page(data: JSONDict) -> Page[brand.BrandDelivery]:
    return Page(
        tuple(brand.BrandDelivery.from_wire(i) for i in message_items(data)),
        opt_int(search_result(data).get("totalCount")),
    )


def _detail(data: JSONDict) -> brand.BrandMessageDetail | None:
    message = data.get("message")
    if message is None:
        return None
    return brand.BrandMessageDetail.from_wire(expect_dict(message, "message", "kakao"))


_GROUP = "Brand Message methods"

MESSAGES = BRAND.endpoint(
    "list_brand_messages",
    "GET",
    "messages",
    group=_GROUP,
    pager=True,
    query={
        "sender_key": "senderKey",
        "template_code": "templateCode",
        "sender_grouping_key": "senderGroupingKey",
        "recipient_grouping_key": "recipientGroupingKey",
    },
    example={"request_id": "20260101000000abcdef"},
    parser=_parse_page,
)
MESSAGE = BRAND.endpoint(
    "get_brand_message",
    "GET",
    "messages/{requestId}/{recipientSeq}",
    group=_GROUP,
    segments={"request_id": "requestId", "seq": "recipientSeq"},
    parser=_detail,
)
CANCEL = BRAND.endpoint(
    "cancel_brand_message",
    "DELETE",
    "messages/{requestId}",
    group=_GROUP,
    segments={"request": "requestId"},
)


@MESSAGES.builds
def list_brand_messages(
    ctx: Context,
    *,
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    sender_key: str | None = None,
    template_code: str | None = None,
    recipient: str | None = None,
    status: brand.BrandMessageStatus | str | None = None,
    result: Literal["MRC01", "MRC02"] | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[brand.BrandDelivery]:
    """List Brand Message recipients, fetching further pages as you iterate.

    Give ``request_id`` or a ``requested_from``/``requested_to`` range
    (minute precision, at most 31 days; naive datetimes are Korea time).

    Args:
        request_id: all recipients of one send.
        requested_from, requested_to: the send (or scheduled) time range.
        sender_key, template_code, recipient: filters.
        status: ``brand.BrandMessageStatus.COMPLETED`` or ``FAILED``.
        result: ``"MRC01"`` (delivered) or ``"MRC02"`` (failed).
        sender_grouping_key, recipient_grouping_key: your tags.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of
        :class:`~notify_sdk.brand.BrandDelivery`.

    Raises:
        ValidationError: no selector, a bad range, bad arguments.
    """
    params: dict[str, Any] = {}
    if request_id is not None:
        params["requestId"] = request_id_segment(request_id, "request_id", max_chars=100)
    ends = date_range(
        requested_from,
        requested_to,
        "requested",
        fmt=MINUTE_FORMAT,
        max_days=31,
        rule="API rule -4003",
    )
    if ends is not None:
        params["startRequestDate"], params["endRequestDate"] = ends
    if not params:
        raise ValidationError("give request_id or requested_from/requested_to", field="request_id")
    for name, value, wire in (
        ("sender_key", sender_key, "senderKey"),
        ("template_code", template_code, "templateCode"),
        ("sender_grouping_key", sender_grouping_key, "senderGroupingKey"),
        ("recipient_grouping_key", recipient_grouping_key, "recipientGroupingKey"),
    ):
        if value is not None:
            params[wire] = optional_key(value, name)
    if recipient is not None:
        params["recipientNo"] = normalize_number(recipient, "recipient")
    if status is not None:
        try:
            params["messageStatus"] = brand.BrandMessageStatus(status).value
        except ValueError:
            raise ValidationError(
                f"status must be COMPLETED or FAILED, not {status!r}", field="status"
            ) from None
    if result is not None:
        if result not in ("MRC01", "MRC02"):
            raise ValidationError("result must be 'MRC01' or 'MRC02'", field="result")
        params["resultCode"] = result
    return paged(MESSAGES, params, page_size=page_size, limit=limit, retry=retry)


@MESSAGE.builds
def get_brand_message(
    ctx: Context,
    request_id: str,
    seq: int,
    *,
    retry: RetryPolicy | None = None,
) -> Operation[brand.BrandMessageDetail | None]:
    """Get one recipient of a Brand Message with its body and SMS fallback result.

    Args:
        request_id: the send's ``request_id``.
        seq: the recipient's ``seq`` (``RecipientResult.seq``).
        retry: a retry policy for this call only.

    Returns:
        The :class:`~notify_sdk.brand.BrandMessageDetail`
        (``resend_status``, ``resend_result_code`` and ``resend_request_id``
        describe the fallback SMS), or ``None`` when the API answered without
        a message body (documented for some failed messages).

    Raises:
        NotFoundError: no such message (-1016).
    """
    segments = {
        "requestId": request_id_segment(request_id, "request_id", max_chars=100),
        "recipientSeq": str(positive_seq(seq)),
    }
    return MESSAGE.operation(segments=segments, retry=retry)


@CANCEL.builds
def cancel_brand_message(
    ctx: Context,
    request: SendResult | str,
    recipient_seqs: Iterable[int] | None = None,
    *,
    retry: RetryPolicy | None = None,
) -> Operation[CancelResult]:
    """Cancel a scheduled Brand Message that has not gone out yet.

    Args:
        request: the :class:`~notify_sdk.SendResult` of the scheduled send, or
            its ``request_id``.
        recipient_seqs: which recipients to cancel; default all of them.
        retry: a retry policy for this call only.

    Returns:
        A :class:`~notify_sdk.CancelResult` (``service="brand"``): the API
        answers with a header only, so ``canceled`` is ``None`` and
        ``requested`` counts the seqs asked for (``None`` for every recipient
        of a bare request id).

    Raises:
        NotFoundError: nothing to cancel (-2029: already sent or unknown).
    """
    return cancel_operation(
        "brand",
        _PREFIX,
        request,
        recipient_seqs,
        retry,
        label="cancel_brand_message",
        max_chars=100,
    )
