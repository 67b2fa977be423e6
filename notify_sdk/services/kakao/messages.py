"""Message queries AlimTalk and FriendTalk share: listings, single messages,
cancels and result-update searches, parametrised by service and path prefix.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..._core import (
    JSONDict,
    Operation,
    Page,
    Pager,
    Safety,
    body_of,
    expect_dict,
    expect_list,
)
from ..._core.params import (
    date_range,
    normalize_number,
    optional_key,
    positive_seq,
    request_id_segment,
    require_text,
)
from ..._core.wire import opt_int
from ...errors import ValidationError
from .common import (
    MINUTE_FORMAT,
    SENDER_KEY_MAX,
    listing,
    message_items,
    search_result,
)

if TYPE_CHECKING:
    from ..._retry import RetryPolicy
from .models import (
    _RESULT_FILTERS,
    TEMPLATE_CODE_MAX,
    KakaoMessage,
    _message,
)

# --- message queries --------------------------------------------------------------


def _message_page(service: str) -> Callable[[JSONDict], Page[KakaoMessage]]:
    def parse(data: JSONDict) -> Page[KakaoMessage]:
        return Page(
            tuple(_message(i, service) for i in message_items(data)),
            opt_int(search_result(data).get("totalCount")),
        )

    return parse


def _range(
    start: object,
    end: object,
    name: str,
    wire: tuple[str, str],
    params: dict[str, Any],
    max_days: int = 31,
) -> None:
    ends = date_range(start, end, name, fmt=MINUTE_FORMAT, max_days=max_days, rule="API rule -4003")
    if ends is not None:
        params[wire[0]], params[wire[1]] = ends


def _list_messages(
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    statuses: tuple[str, ...],
    *,
    request_id: str | None,
    requested_from: datetime | None,
    requested_to: datetime | None,
    created_from: datetime | None,
    created_to: datetime | None,
    sender_key: str | None,
    template_code: str | None,
    sender_grouping_key: str | None,
    recipient_grouping_key: str | None,
    recipient: str | None,
    status: str | None,
    result: str | None,
    page_size: int,
    limit: int | None,
    retry: RetryPolicy | None,
    label: str | None = None,
    create_user: str | None = None,
    max_days: int = 31,
) -> Pager[KakaoMessage]:
    params: dict[str, Any] = {}
    if request_id is not None:
        params["requestId"] = request_id_segment(request_id, "request_id")
    _range(
        requested_from,
        requested_to,
        "requested",
        ("startRequestDate", "endRequestDate"),
        params,
        max_days,
    )
    _range(
        created_from, created_to, "created", ("startCreateDate", "endCreateDate"), params, max_days
    )
    if not params:
        raise ValidationError(
            "give request_id, requested_from/requested_to or created_from/created_to",
            field="request_id",
        )
    if recipient is not None:
        params["recipientNo"] = normalize_number(recipient, "recipient")
    if sender_key is not None:
        params["senderKey"] = require_text(sender_key, "sender_key", max_chars=SENDER_KEY_MAX)
    if template_code is not None:
        params["templateCode"] = require_text(
            template_code, "template_code", max_chars=TEMPLATE_CODE_MAX
        )
    for name, value, wire in (
        ("sender_grouping_key", sender_grouping_key, "senderGroupingKey"),
        ("recipient_grouping_key", recipient_grouping_key, "recipientGroupingKey"),
        ("create_user", create_user, "createUser"),
    ):
        if value is not None:
            params[wire] = optional_key(value, name)
    if status is not None:
        value = status.value if isinstance(status, enum.Enum) else status
        if value not in statuses:
            raise ValidationError(
                f"status must be one of {', '.join(statuses)}, not {status!r}", field="status"
            )
        params["messageStatus"] = value
    if result is not None:
        if result not in _RESULT_FILTERS:
            raise ValidationError(
                "result must be 'MRC01' (success) or 'MRC02' (failure)", field="result"
            )
        params["resultCode"] = result
    return listing(
        f"{prefix}/messages",
        params,
        _message_page(service),
        page_size=page_size,
        limit=limit,
        retry=retry,
        label=label or f"list_{service}_messages",
        headers=headers,
    )


def _get_message(
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    request_id: str,
    seq: int,
    retry: RetryPolicy | None,
    label: str | None = None,
) -> Operation[KakaoMessage]:
    request_id = request_id_segment(request_id, "request_id")
    seq = positive_seq(seq)

    def parse(data: JSONDict) -> KakaoMessage:
        return _message(expect_dict(body_of(data, "message", "kakao"), "message", "kakao"), service)

    return Operation(
        namespace="kakao",
        method="GET",
        path=f"{prefix}/messages/{request_id}/{seq}",
        parse=parse,
        safety=Safety.READ,
        headers=dict(headers),
        retry=retry,
        label=label or f"get_{service}_message",
    )


def _search_results(
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    params: dict[str, Any],
    updated_from: datetime,
    updated_to: datetime,
    page_size: int,
    limit: int | None,
    retry: RetryPolicy | None,
) -> Pager[KakaoMessage]:
    if updated_from is None or updated_to is None:
        raise ValidationError("updated_from and updated_to are required", field="updated_from")
    _range(updated_from, updated_to, "updated", ("startUpdateDate", "endUpdateDate"), params)

    def parse(data: JSONDict) -> Page[KakaoMessage]:
        # AlimTalk answers a bare top-level array without a total; FriendTalk
        # wraps it in messageSearchResultResponse. Accept both for both.
        if "messages" in data:
            items = expect_list(data.get("messages"), "messages", "kakao")
            total = opt_int(data.get("totalCount"))
        else:
            items = message_items(data)
            inner = data.get("messageSearchResultResponse")
            total = opt_int(inner.get("totalCount")) if isinstance(inner, dict) else None
        return Page(tuple(_message(i, service) for i in items if isinstance(i, dict)), total)

    return listing(
        f"{prefix}/message-results",
        params,
        parse,
        page_size=page_size,
        limit=limit,
        retry=retry,
        label=f"search_{service}_results",
        headers=headers,
    )
