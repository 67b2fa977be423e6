"""Emulated KakaoTalk queries that AlimTalk, FriendTalk and Brand Message share.

Listings, single lookups, cancels and result-update searches of
``messages`` and ``message-results``; the sends are in ``_kakao.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta

from ._common import (
    ApiFailure,
    JSONDict,
    WindowRule,
    WireReply,
    WireRequest,
    delivery_name,
    fail_if,
    fmt_seconds,
    kakao_reply,
    normalize_number,
    page_params,
    paginate,
    parse_date,
    query_window,
)
from ._state import Delivery, State

#: KakaoTalk query dates have minute precision.
DATE_FORMAT = "%Y-%m-%d %H:%M"


def message_status(delivery: Delivery, now: datetime) -> str:
    """KakaoTalk ``messageStatus``; in-flight values are READY / SENDING."""
    return {
        "RESERVED": "READY",
        "PENDING": "SENDING",
        "DELIVERED": "COMPLETED",
        "FAILED": "FAILED",
        "CANCELLED": "CANCEL",
    }[delivery.state(now)]


def message_item(
    state: State, delivery: Delivery, *, single: bool = False, brand: bool = False
) -> JSONDict:
    """One KakaoTalk message as the list / single query endpoints show it."""
    now = state.now()
    message = delivery.message
    final = delivery.finalized_at is not None and delivery.cancelled_at is None
    code = delivery.outcome if final else None
    wire = delivery.wire
    out: JSONDict = {
        "requestId": message.request_id,
        "recipientSeq": message.recipient_seq,
        "plusFriendId": wire.get("plusFriendId"),
        "senderKey": message.sender,
        "templateCode": wire.get("templateCode"),
        "recipientNo": message.number,
        "requestDate": fmt_seconds(delivery.request_date),
        "createDate": fmt_seconds(message.created_at),
        "receiveDate": fmt_seconds(delivery.finalized_at) if code == "1000" else None,
        "messageStatus": message_status(delivery, now),
        "resultCode": code,
        "resultCodeName": None if code is None else delivery_name("kakao", code),
        "createUser": wire.get("createUser"),
        "senderGroupingKey": message.sender_grouping_key,
        "recipientGroupingKey": message.recipient_grouping_key,
    }
    resend = state.resend_fields(delivery)
    if brand:
        out["resendStatusCode"] = resend.pop("resendStatus")
        out.update(resend)
        out["targeting"] = wire.get("targeting")
        out["chatBubbleType"] = message.message_type
        out["pushAlarm"] = wire.get("pushAlarm", True)
        out["isAddedChannel"] = wire.get("targeting") == "I"
        del out["createUser"]
    else:
        out["resendStatus"] = resend["resendStatus"]
        out["resendStatusName"] = resend["resendStatusName"]
    if not brand or single:
        out["content"] = message.content
    if single:
        out.update(resend if not brand else {})
        for name, value in wire.items():
            if name not in ("plusFriendId", "templateCode", "createUser", "targeting"):
                out.setdefault(name, value)
        if brand:
            out["templateParameter"] = (
                json.dumps(dict(message.params), ensure_ascii=False) if message.params else None
            )
        elif message.title is not None:
            out["templateTitle"] = message.title
    return out


#: The KakaoTalk listings' window rule (API rule -4003); minute precision on
#: the wire, so the end minute is inclusive.
_WINDOW = WindowRule(
    DATE_FORMAT,
    partial=-4103,
    malformed=-2027,
    backwards=-4103,
    too_long=-4003,
    end_slack=timedelta(seconds=59, microseconds=999999),
)


def _date_range(query: Mapping[str, str], start: str, end: str) -> tuple[datetime, datetime] | None:
    return query_window(query, start, end, _WINDOW)


def list_messages(
    state: State,
    req: WireRequest,
    *,
    service: str,
    message_types: tuple[str, ...] | None = None,
    brand: bool = False,
) -> WireReply:
    """GET messages for one KakaoTalk product."""
    query = req.query
    request_id = query.get("requestId")
    requested = _date_range(query, "startRequestDate", "endRequestDate")
    created = None if brand else _date_range(query, "startCreateDate", "endCreateDate")
    fail_if(not request_id and requested is None and created is None, -4103)
    num, size = page_params(query, invalid_code=-2005)
    now = state.now()
    wanted_number = normalize_number(query.get("recipientNo"))

    def keep(delivery: Delivery) -> bool:
        message = delivery.message
        if message.service != service:
            return False
        if message_types is not None and message.message_type not in message_types:
            return False
        if request_id and message.request_id != request_id:
            return False
        if requested and not requested[0] <= delivery.request_date <= requested[1]:
            return False
        if created and not created[0] <= message.created_at <= created[1]:
            return False
        if wanted_number and message.number != wanted_number:
            return False
        filters = {
            "senderKey": message.sender,
            "templateCode": delivery.wire.get("templateCode"),
            "senderGroupingKey": message.sender_grouping_key,
            "recipientGroupingKey": message.recipient_grouping_key,
            "messageStatus": message_status(delivery, now),
        }
        if not brand:
            filters["createUser"] = delivery.wire.get("createUser")
        for name, actual in filters.items():
            if name in query and query[name] != actual:
                return False
        result = query.get("resultCode")
        if result is not None:
            final = delivery.state(now) in ("DELIVERED", "FAILED")
            code = delivery.outcome if final else None
            if result == "MRC01" and code != "1000":
                return False
            if result == "MRC02" and code in (None, "1000"):
                return False
        return True

    matches = [d for d in state.deliveries if keep(d) and (request_id or state.listed(d))]
    matches.sort(
        key=lambda d: (d.request_date, d.message.request_id, d.message.recipient_seq),
        reverse=True,
    )
    page = [message_item(state, d, brand=brand) for d in paginate(matches, num, size)]
    return kakao_reply(
        {"messageSearchResultResponse": {"messages": page, "totalCount": len(matches)}}
    )


def get_message(
    state: State, request_id: str, seq: str, *, service: str, brand: bool = False
) -> WireReply:
    """GET messages/{requestId}/{recipientSeq}; -1016 when there is no such message."""
    delivery = state.find((service,), request_id, int(seq))
    fail_if(delivery is None, -1016)
    assert delivery is not None
    return kakao_reply({"message": message_item(state, delivery, single=True, brand=brand)})


def cancel(state: State, req: WireRequest, request_id: str, *, service: str) -> WireReply:
    """DELETE messages/{requestId}[?recipientSeq=1,2]: cancel scheduled recipients."""
    wanted: set[int] | None = None
    raw = req.query.get("recipientSeq")
    if raw:
        try:
            wanted = {int(part) for part in raw.split(",") if part.strip()}
        except ValueError:
            raise ApiFailure(-2029) from None
    now = state.now()
    cancelled = 0
    for delivery in state.by_request.get(request_id, ()):
        if delivery.message.service != service:
            continue
        if wanted is not None and delivery.message.recipient_seq not in wanted:
            continue
        if delivery.state(now) == "RESERVED":
            delivery.cancelled_at = now
            cancelled += 1
    fail_if(cancelled == 0, -2029)
    return kakao_reply()


def _results(
    state: State, req: WireRequest, *, service: str, count_only: bool, wrapped: bool
) -> WireReply:
    """GET message-results[/count]: messages whose result changed in a window."""
    query = req.query
    first = parse_date(query.get("startUpdateDate"), DATE_FORMAT)
    last = parse_date(query.get("endUpdateDate"), DATE_FORMAT)
    fail_if(first is None or last is None, -4103)
    assert first is not None and last is not None
    last = last + timedelta(seconds=59, microseconds=999999)
    kind = query.get("alimtalkMessageType")
    matches = []
    for delivery in state.deliveries:
        changed = delivery.changed_at
        if delivery.message.service != service or changed is None:
            continue
        if kind is not None and delivery.message.message_type != kind:
            continue
        if first <= changed <= last:
            matches.append(delivery)
    if count_only:
        return kakao_reply({"totalCount": len(matches)})
    num, size = page_params(query, invalid_code=-2005)
    items = []
    for delivery in paginate(matches, num, size):
        full = message_item(state, delivery)
        full.update(state.resend_fields(delivery))
        items.append(
            {
                name: full.get(name)
                for name in (
                    "requestId",
                    "recipientSeq",
                    "requestDate",
                    "createDate",
                    "receiveDate",
                    "resendStatus",
                    "resendStatusName",
                    "resendResultCode",
                    "resendRequestId",
                    "messageStatus",
                    "resultCode",
                    "resultCodeName",
                )
            }
        )
    if wrapped:
        return kakao_reply(
            {"messageSearchResultResponse": {"messages": items, "totalCount": len(matches)}}
        )
    return kakao_reply({"messages": items})
