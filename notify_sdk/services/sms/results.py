"""SMS v3.0 result-update search: deliveries whose result changed in a time window.

``GET /sms/v3.0/appKeys/{appKey}/message-results`` is the polling way to
collect final results (delivery tracking reads it): a window of at most one
day of *update* times, optionally one message type, paged.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

import attrs

from ..._core import (
    Context,
    JSONDict,
    Page,
    Pager,
    async_pager,
    expect_dict,
    expect_list,
    sync_pager,
)
from ..._core.params import date_range
from ..._core.wire import opt_int, opt_str, parse_date
from ...delivery import SmsResultCode
from ...errors import ValidationError
from .._manage import listing
from .models import _PREFIX, _QUERY_FORMAT

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = ["AsyncSmsResultMethods", "SmsResultMethods", "SmsResultUpdate", "search_sms_results"]

ResultMessageType = Literal["SMS", "LMS", "MMS", "AUTH"]
_MESSAGE_TYPES = ("SMS", "LMS", "MMS", "AUTH")


@attrs.frozen(slots=True)
class SmsResultUpdate:
    """One SMS recipient whose delivery result changed (a row of the result-update search).

    Attributes:
        request_id: the send's ``request_id``.
        seq: the recipient's ``seq`` (``RecipientResult.seq``).
        message_type: ``"SMS"``, ``"LMS"``, ``"MMS"`` or ``"AUTH"``.
        result_code: the typed delivery result (``None``: a code no table lists).
        raw_result_code: the code as the API sent it.
        result_code_name: the API's name of the code.
        requested_at, result_at, updated_at: Korea wall-clock times (naive).
        telecom_code, telecom_name: the carrier.
        sender_grouping_key, recipient_grouping_key: the caller's tags.
    """

    request_id: str
    seq: int | None
    message_type: str | None = None
    result_code: SmsResultCode | None = None
    raw_result_code: str | None = None
    result_code_name: str | None = None
    requested_at: datetime | None = None
    result_at: datetime | None = None
    updated_at: datetime | None = None
    telecom_code: str | None = None
    telecom_name: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None


def _date(value: object) -> datetime | None:
    # The API writes tenths of a second ("...:15.0"); the minute/second part is what counts.
    text = opt_str(value)
    return parse_date(text.split(".", 1)[0]) if text else None


def _update(item: JSONDict) -> SmsResultUpdate:
    raw = opt_str(item.get("resultCode"))
    return SmsResultUpdate(
        request_id=str(item.get("requestId") or ""),
        seq=opt_int(item.get("recipientSeq")),
        message_type=opt_str(item.get("messageType")),
        result_code=SmsResultCode.parse(raw) if raw else None,
        raw_result_code=raw,
        result_code_name=opt_str(item.get("resultCodeName")),
        requested_at=_date(item.get("requestDate")),
        result_at=_date(item.get("resultDate")),
        updated_at=_date(item.get("updateDate")),
        telecom_code=opt_str(item.get("telecomCode")),
        telecom_name=opt_str(item.get("telecomCodeName")),
        sender_grouping_key=opt_str(item.get("senderGroupingKey")),
        recipient_grouping_key=opt_str(item.get("recipientGroupingKey")),
    )


def _parse_page(data: JSONDict) -> Page[SmsResultUpdate]:
    body = expect_dict(data.get("body"), "body", "sms")
    inner = body.get("data")
    # The field table names body.data.resultUpdateList[]; the example is a
    # plain paged body.data[]. Both are read.
    if isinstance(inner, dict):
        inner = inner.get("resultUpdateList")
    items = expect_list(inner, "body.data", "sms")
    total = opt_int(body.get("totalCount"))
    return Page(tuple(_update(i) for i in items if isinstance(i, dict)), total)


def search_sms_results(
    ctx: Context,
    *,
    updated_from: datetime,
    updated_to: datetime,
    message_type: ResultMessageType | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsResultUpdate]:
    """Search SMS deliveries whose result changed between ``updated_from`` and ``updated_to``.

    The polling source of delivery tracking: ask for consecutive windows and
    every final result arrives once. Naive datetimes are Korea time.

    Args:
        updated_from, updated_to: the update-time window, at most one day.
        message_type: only ``"SMS"``, ``"LMS"``, ``"MMS"`` or ``"AUTH"``.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`SmsResultUpdate`.

    Raises:
        ValidationError: no window, a window over one day, bad arguments.
    """
    ends = date_range(
        updated_from,
        updated_to,
        "updated",
        fmt=_QUERY_FORMAT,
        max_days=1,
        required=True,
        rule="API rule -4000",
    )
    assert ends is not None
    params: dict[str, object] = {"startUpdateDate": ends[0], "endUpdateDate": ends[1]}
    if message_type is not None:
        if message_type not in _MESSAGE_TYPES:
            raise ValidationError(
                f"message_type must be one of {', '.join(_MESSAGE_TYPES)}, not {message_type!r}",
                field="message_type",
            )
        params["messageType"] = message_type
    return listing(
        "sms",
        f"{_PREFIX}/message-results",
        params,
        _parse_page,
        page_size=page_size,
        limit=limit,
        retry=retry,
        label="search_sms_results",
    )


class SmsResultMethods:
    """The SMS result-update search of :class:`~notify_sdk.NotifyClient`."""

    search_sms_results = sync_pager(search_sms_results)


class AsyncSmsResultMethods:
    """The SMS result-update search of :class:`~notify_sdk.AsyncNotifyClient`."""

    search_sms_results = async_pager(search_sms_results)
