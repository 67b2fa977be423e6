"""Brand Message queries: listings, single messages and cancels."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    Safety,
    expect_dict,
)
from ..._core.lazy import lazy_module
from ..._core.params import (
    normalize_number,
    optional_key,
    require_text,
    to_kst,
)
from ..._core.wire import opt_int
from ...errors import ValidationError
from ...results import SendResult
from ..kakao.common import (
    MINUTE_FORMAT,
    listing,
    message_items,
    search_result,
)
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


def _query_date(value: object, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise ValidationError(f"{field} must be a datetime", field=field)
    return to_kst(value)


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
        params["requestId"] = require_text(request_id, "request_id", max_chars=100)
    if requested_from is not None or requested_to is not None:
        if requested_from is None or requested_to is None:
            raise ValidationError(
                "requested_from and requested_to go together", field="requested_from"
            )
        start = _query_date(requested_from, "requested_from")
        end = _query_date(requested_to, "requested_to")
        if end < start or end - start > timedelta(days=31):
            raise ValidationError(
                "requested_from..requested_to must be ordered and span at most 31 days "
                "(API rule -4003)",
                field="requested_from",
            )
        params["startRequestDate"] = start.strftime(MINUTE_FORMAT)
        params["endRequestDate"] = end.strftime(MINUTE_FORMAT)
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
    return listing(
        f"{_PREFIX}/messages",
        params,
        _parse_page,
        page_size=page_size,
        limit=limit,
        retry=retry,
        label="list_brand_messages",
    )


def _parse_page(data: JSONDict) -> Page[brand.BrandDelivery]:
    return Page(
        tuple(brand.BrandDelivery.from_wire(i) for i in message_items(data)),
        opt_int(search_result(data).get("totalCount")),
    )


_PATH_ID = re.compile(r"[A-Za-z0-9._\-]{1,100}")


def _request_id(value: object, field: str) -> str:
    """A requestId that is safe to put in a URL path."""
    text = require_text(value, field, max_chars=100)
    if _PATH_ID.fullmatch(text) is None:
        raise ValidationError(
            f"{field} must be a requestId (letters, digits, '.', '_', '-')", field=field
        )
    return text


def _seq(value: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError(f"{field} must be a positive int (RecipientResult.seq)", field=field)
    return value


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
    request_id = _request_id(request_id, "request_id")
    seq = _seq(seq, "seq")

    def parse(data: JSONDict) -> brand.BrandMessageDetail | None:
        message = data.get("message")
        if message is None:
            return None
        return brand.BrandMessageDetail.from_wire(expect_dict(message, "message", "kakao"))

    return Operation(
        namespace="kakao",
        method="GET",
        path=f"{_PREFIX}/messages/{request_id}/{seq}",
        parse=parse,
        safety=Safety.READ,
        retry=retry,
        label="get_brand_message",
    )


def cancel_brand_message(
    ctx: Context,
    request: SendResult | str,
    recipient_seqs: Iterable[int] | None = None,
    *,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Cancel a scheduled Brand Message that has not gone out yet.

    Args:
        request: the :class:`~notify_sdk.SendResult` of the scheduled send, or
            its ``request_id``.
        recipient_seqs: which recipients to cancel; default all of them.
        retry: a retry policy for this call only.

    Raises:
        NotFoundError: nothing to cancel (-2029: already sent or unknown).
    """
    if isinstance(request, SendResult):
        if request.request_id is None:
            raise ValidationError("this SendResult has no request_id", field="request")
        request_id = request.request_id
    else:
        request_id = _request_id(request, "request")
    params: dict[str, Any] | None = None
    if recipient_seqs is not None:
        seqs = [_seq(s, "recipient_seqs") for s in recipient_seqs]
        if not seqs:
            raise ValidationError("recipient_seqs must not be empty", field="recipient_seqs")
        params = {"recipientSeq": ",".join(str(s) for s in seqs)}
    return Operation(
        namespace="kakao",
        method="DELETE",
        path=f"{_PREFIX}/messages/{request_id}",
        parse=lambda data: None,
        safety=Safety.UNSAFE,
        params=params,
        retry=retry,
        label="cancel_brand_message",
    )
