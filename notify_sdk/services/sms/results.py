"""SMS result-update search (``GET /message-results``): what changed in a window.

The polling way to collect final SMS results: every message whose result changed
between two update times (at most one day apart). ``iter_delivery_updates`` cuts
longer ranges into one-day windows and reads them through this search.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from ..._core import (
    JSONDict,
    Page,
    Pager,
    body_of,
    expect_dict,
    expect_list,
)
from ..._core.endpoints import SMS
from ..._core.params import to_kst
from ..._core.wire import opt_int
from ...errors import ValidationError
from .._manage import SMS_QUERY_FORMAT, date_range, paged

if TYPE_CHECKING:
    from ..._core import Context
    from ..._retry import RetryPolicy
    from .models import SmsDelivery

__all__ = ["search_sms_results"]

_TYPES = ("SMS", "LMS", "MMS", "AUTH")


def _parse(data: JSONDict) -> Page[SmsDelivery]:
    from .models import _delivery

    body = expect_dict(data.get("body"), "body", "sms")
    # The field table nests the list as data.resultUpdateList[]; the example is a
    # plain paged list (data[]). Accept both.
    inner = body_of(body, "data", "sms")
    if isinstance(inner, dict):
        inner = inner.get("resultUpdateList")
    items = expect_list(inner, "body.data", "sms")
    return Page(
        tuple(_delivery(i) for i in items if isinstance(i, dict)), opt_int(body.get("totalCount"))
    )


#: ``GET /message-results``: what changed between two update times, paged.
RESULT_UPDATES = SMS.endpoint(
    "search_sms_results",
    "GET",
    "message-results",
    group="SMS",
    pager=True,
    query={
        "updated_from": "startUpdateDate",
        "updated_to": "endUpdateDate",
        "message_type": "messageType",
    },
    parser=_parse,
)


@RESULT_UPDATES.builds
def search_sms_results(
    ctx: Context,
    *,
    updated_from: datetime,
    updated_to: datetime,
    message_type: Literal["SMS", "LMS", "MMS", "AUTH"] | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsDelivery]:
    """List SMS whose result changed in a time range (for polling).

    Items carry the request id, seq, message type, receive code and dates (no
    recipient number or text: fetch those with :meth:`get_sms_delivery`). Naive
    datetimes are Korea time.

    Args:
        updated_from, updated_to: the update time range, at most one day.
        message_type: ``"SMS"``, ``"LMS"``, ``"MMS"`` or ``"AUTH"``; default all.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of
        :class:`~notify_sdk.SmsDelivery` (``status`` is ``None``: the search
        reports codes, not ``msgStatus``).

    Raises:
        ValidationError: a missing or reversed range, one over a day, bad arguments.
    """
    window = date_range(updated_from, updated_to, "updated", fmt=SMS_QUERY_FORMAT, required=True)
    assert window is not None
    if to_kst(updated_to) - to_kst(updated_from) > timedelta(days=1):
        raise ValidationError(
            "updated_from..updated_to spans at most one day (split longer ranges)",
            field="updated_from",
        )
    params: dict[str, Any] = {"startUpdateDate": window[0], "endUpdateDate": window[1]}
    if message_type is not None:
        if message_type not in _TYPES:
            raise ValidationError(
                f"message_type must be one of {', '.join(_TYPES)}", field="message_type"
            )
        params["messageType"] = message_type
    return paged(RESULT_UPDATES, params, page_size=page_size, limit=limit, retry=retry)
