"""Emulated SMS API v3.0 (``/sms/v3.0/appKeys/{appKey}/...``)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from datetime import datetime

from ._common import (
    ApiFailure,
    JSONDict,
    WindowRule,
    WireReply,
    WireRequest,
    delivery_name,
    encodable,
    encoded_size,
    fail_if,
    fmt_tenths,
    normalize_number,
    page_params,
    paginate,
    query_window,
    result_message,
    sms_reply,
    valid_number,
)
from ._records import AcceptedMessage
from ._state import Delivery, Route, State

_SCHEDULE_FORMAT = "%Y-%m-%d %H:%M"
_QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"
_AUTH_WORDS = ("auth", "password", "verify", "にんしょう", "認証", "비밀번호", "인증")
_AD_PREFIX = "(광고)"
# The opt-out line at the end of an ad: "무료수신거부 080..." or "무료거부 080...",
# spaces inside the phrase and brackets around it allowed, hyphens in the number.
_OPT_OUT_LINE = re.compile(
    r"[\[(]?\s*무\s*료\s*(?:수\s*신\s*)?거\s*부\s*[\])]?\s*:?\s*(080[0-9-]{7,10})\s*$"
)
_PARAM = re.compile(r"##([^#]+)##")
_STATUS_NAMES = {
    "0": "실패",
    "1": "요청",
    "2": "처리중",
    "3": "성공",
    "4": "예약취소",
    "5": "중복실패",
}


def _text_limits(state: State, body: str, title: str | None, long_form: bool) -> None:
    """Hard limits in characters; the display standard in EUC-KR bytes when strict."""
    strict = state.strict_byte_limits
    if long_form:
        assert title is not None
        fail_if(len(title) > 120 or (strict and encoded_size(title) > 40), -2015)
        fail_if(len(body) > 4000 or (strict and encoded_size(body) > 2000), -2015)
    else:
        fail_if(len(body) > 255 or (strict and encoded_size(body) > 90), -2015)


def _check_ad(state: State, body: str) -> None:
    fail_if(not state.opt_out_numbers, -6000)
    match = _OPT_OUT_LINE.search(body.rstrip())
    fail_if(not body.lstrip().startswith(_AD_PREFIX) or match is None, -6003)
    assert match is not None
    fail_if(match.group(1).replace("-", "") not in state.opt_out_numbers, -6004)


def _fill(body: str, params: object) -> str:
    if not isinstance(params, dict):
        return body
    return _PARAM.sub(lambda m: str(params.get(m.group(1), m.group(0))), body)


def send(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST sender/sms | sender/mms | sender/auth/sms | sender/ad-sms | sender/ad-mms."""
    kind = groups[0]
    data = req.json("sms")
    long_form = kind in ("mms", "ad-mms")
    is_ad = kind.startswith("ad-")
    is_auth = kind == "auth/sms"

    send_no = normalize_number(data.get("sendNo"))
    fail_if(not send_no or send_no not in state.sender_numbers, -2312)
    fail_if(state.sender_numbers[send_no].blocked, -2313)
    recipients = data.get("recipientList")
    fail_if(not isinstance(recipients, list) or not recipients, -2001)
    assert isinstance(recipients, list)
    fail_if(len(recipients) > 1000, -2016)
    body = data.get("body")
    title = data.get("title") if long_form else None
    fail_if(not isinstance(body, str) or not body.strip(), -2014)
    fail_if(long_form and (not isinstance(title, str) or not title.strip()), -2014)
    assert isinstance(body, str)
    fail_if(not encodable(body) or (title is not None and not encodable(str(title))), -2023)
    _text_limits(state, body, None if title is None else str(title), long_form)
    scheduled = state.check_schedule(
        data.get("requestDate"),
        fmt=_SCHEDULE_FORMAT,
        format_code=-2000,
        past_code=-2022,
        far_code=-2000,
    )
    fail_if(bool(data.get("useConversion")) and scheduled is not None, 4)
    attachments: list[JSONDict] = []
    if long_form:
        ids = data.get("attachFileIdList") or []
        fail_if(not isinstance(ids, list) or len(ids) > 3, -2004)
        for file_id in ids:
            try:
                attachments.append(state.files[int(file_id)])
            except (KeyError, TypeError, ValueError):
                raise ApiFailure(-2004) from None
    if is_auth:
        lowered = body.lower()
        fail_if(not any(word in lowered for word in _AUTH_WORDS), -8000)
    if is_ad:
        _check_ad(state, body)

    if is_auth:
        message_type, send_type = "AUTH", "2"
    elif long_form:
        message_type, send_type = ("MMS" if attachments else "LMS"), "1"
    else:
        message_type, send_type = "SMS", "0"
    request_id = state.new_request_id()
    grouping = data.get("senderGroupingKey")
    now = state.now()
    results: list[JSONDict] = []
    for seq, entry in enumerate(recipients, start=1):
        item = entry if isinstance(entry, dict) else {}
        number = normalize_number(item.get("recipientNo")) or normalize_number(
            item.get("internationalRecipientNo")
        )
        country = str(item.get("countryCode") or "82")
        recipient_key = item.get("recipientGroupingKey", item.get("RecipientGroupingKey"))
        code = 0
        domestic = country == "82"
        if not number:
            code = -2018
        elif long_form and not domestic:
            code = -2024
        elif not (valid_number(number, "sms") if domestic else number.isdigit()):
            code = -2019
        elif is_ad and number in state.opted_out:
            code = -6001
        if code == 0:
            params = item.get("templateParameter")
            message = AcceptedMessage(
                service="sms",
                endpoint=f"sender/{kind}",
                request_id=request_id,
                recipient_seq=seq,
                number=number,
                content=_fill(body, params),
                title=None if title is None else _fill(str(title), params),
                template_code=data.get("templateId"),
                sender_grouping_key=grouping,
                recipient_grouping_key=recipient_key,
                sender=send_no,
                message_type=message_type,
                scheduled_at=scheduled,
                created_at=now,
                is_ad=is_ad,
                params=params if isinstance(params, dict) else None,
            )
            state.accept(
                message,
                wire={
                    "sendType": send_type,
                    "countryCode": country,
                    "templateId": data.get("templateId"),
                    "userId": data.get("userId"),
                    "attachFileList": attachments,
                },
            )
        results.append(
            {
                "recipientNo": item.get("recipientNo") or item.get("internationalRecipientNo"),
                "resultCode": code,
                "resultMessage": result_message("sms", code),
                "recipientSeq": seq,
                "recipientGroupingKey": recipient_key,
            }
        )
    state.settle()
    return sms_reply(
        {
            "data": {
                "requestId": request_id,
                "statusCode": "2",
                "senderGroupingKey": grouping,
                "sendResultList": results,
            }
        }
    )


def _msg_status(delivery: Delivery, now: datetime) -> str:
    state = delivery.state(now)
    if state == "CANCELLED":
        return "4"
    if state == "RESERVED":
        return "1"
    if state == "PENDING":
        return "2"
    if state == "DELIVERED":
        return "3"
    return "5" if delivery.outcome == "E915" else "0"


def item(state: State, delivery: Delivery, *, single: bool = False) -> JSONDict:
    """One delivery as the list / single query endpoints show it."""
    now = state.now()
    message = delivery.message
    wire = delivery.wire
    status = _msg_status(delivery, now)
    final = delivery.finalized_at is not None and delivery.cancelled_at is None
    code = delivery.outcome if final else None
    out: JSONDict = {
        "requestId": message.request_id,
        "recipientSeq": message.recipient_seq,
        "requestDate": fmt_tenths(delivery.request_date),
        "createDate": fmt_tenths(message.created_at),
        "resultDate": fmt_tenths(delivery.finalized_at) if final else None,
        "templateId": wire.get("templateId"),
        "templateName": None,
        "categoryId": None,
        "categoryName": None,
        "body": message.content,
        "sendNo": message.sender,
        "countryCode": wire.get("countryCode", "82"),
        "recipientNo": message.number,
        "msgStatus": status,
        "msgStatusName": _STATUS_NAMES.get(status, ""),
        "resultCode": code,
        "resultCodeName": None if code is None else delivery_name("sms", code),
        "telecomCode": 10001,
        "telecomCodeName": "SKT",
        "sendType": wire.get("sendType", "0"),
        "messageType": message.message_type,
        "messageCount": 1,
        "userId": wire.get("userId"),
        "adYn": "Y" if message.is_ad else "N",
        "resultMessage": "",
        "senderGroupingKey": message.sender_grouping_key,
        "recipientGroupingKey": message.recipient_grouping_key,
    }
    if message.title is not None:
        out["title"] = message.title
    if wire.get("sendType") == "1":
        out["attachFileList"] = list(wire.get("attachFileList", []))
    if single:
        out["originCode"] = None
        out["dlr"] = None
    return out


#: The SMS listings' window rule (API rule -4000).
_WINDOW = WindowRule(_QUERY_FORMAT, partial=-2011, malformed=-2000, backwards=-1005, too_long=-4000)


def _range(query: Mapping[str, str], start: str, end: str) -> tuple[datetime, datetime] | None:
    return query_window(query, start, end, _WINDOW)


_LIST_TYPES = {"sms": ("SMS",), "mms": ("LMS", "MMS"), "auth/sms": ("AUTH",)}


def list_messages(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET sender/sms | sender/mms | sender/auth/sms (delivery list)."""
    query = req.query
    request_id = query.get("requestId")
    created = _range(query, "startCreateDate", "endCreateDate")
    requested = None if created else _range(query, "startRequestDate", "endRequestDate")
    fail_if(not request_id and created is None and requested is None, -2011)
    num, size = page_params(query, invalid_code=-1005)
    types = _LIST_TYPES[groups[0]]
    now = state.now()
    wanted_number = normalize_number(query.get("recipientNo"))

    def keep(delivery: Delivery) -> bool:
        message = delivery.message
        if message.service != "sms" or message.message_type not in types:
            return False
        if request_id and message.request_id != request_id:
            return False
        if created and not created[0] <= message.created_at <= created[1]:
            return False
        if requested and not requested[0] <= delivery.request_date <= requested[1]:
            return False
        filters = {
            "senderGroupingKey": message.sender_grouping_key,
            "recipientGroupingKey": message.recipient_grouping_key,
            "sendNo": message.sender,
            "templateId": delivery.wire.get("templateId"),
            "msgStatus": _msg_status(delivery, now),
        }
        for name, actual in filters.items():
            if name in query and query[name] != actual:
                return False
        if wanted_number and message.number != wanted_number:
            return False
        result = query.get("resultCode")
        if result is not None:
            final_code = (
                delivery.outcome if delivery.state(now) in ("DELIVERED", "FAILED") else None
            )
            if result == "MTR1" and final_code != "1000":
                return False
            if result == "MTR2" and final_code in (None, "1000"):
                return False
        return True

    matches = [d for d in state.deliveries if keep(d) and (request_id or state.listed(d))]
    return sms_reply(
        {
            "pageNum": num,
            "pageSize": size,
            "totalCount": len(matches),
            "data": [item(state, d) for d in paginate(matches, num, size)],
        }
    )


def get_message(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET sender/{sms|mms|auth/sms}/{requestId}?recipientSeq=n."""
    kind, request_id = groups
    fail_if(len(request_id) > 25, -2008)
    try:
        seq = int(req.query["recipientSeq"])
    except (KeyError, ValueError):
        raise ApiFailure(-2012) from None
    delivery = state.find(("sms",), request_id, seq)
    fail_if(delivery is None or delivery.message.message_type not in _LIST_TYPES[kind], -2012)
    assert delivery is not None
    return sms_reply({"data": item(state, delivery, single=True)})


def _reservation_status(delivery: Delivery, now: datetime) -> str:
    return {
        "RESERVED": "RESERVED",
        "PENDING": "SENDING",
        "DELIVERED": "COMPLETED",
        "FAILED": "FAILED",
        "CANCELLED": "CANCEL",
    }[delivery.state(now)]


def _reservation_item(state: State, delivery: Delivery) -> JSONDict:
    message = delivery.message
    return {
        "requestId": message.request_id,
        "recipientSeq": message.recipient_seq,
        "requestDate": fmt_tenths(delivery.request_date),
        "createDate": fmt_tenths(message.created_at),
        "sendNo": message.sender,
        "recipientNo": message.number,
        "countryCode": delivery.wire.get("countryCode", "82"),
        "sendType": delivery.wire.get("sendType", "0"),
        "messageType": message.message_type,
        "title": message.title,
        "body": message.content,
        "templateId": delivery.wire.get("templateId"),
        "templateParameter": json.dumps(dict(message.params), ensure_ascii=False),
        "messageStatus": _reservation_status(delivery, state.now()),
        "adYn": "Y" if message.is_ad else "N",
        "senderGroupingKey": message.sender_grouping_key,
        "recipientGroupingKey": message.recipient_grouping_key,
    }


def list_reservations(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET reservations (scheduled sends)."""
    query = req.query
    num, size = page_params(query, invalid_code=-1005)
    now = state.now()
    send_types = {"0": ("SMS",), "1": ("LMS", "MMS"), "2": ("AUTH",)}
    matches = []
    for delivery in state.deliveries:
        message = delivery.message
        if message.service != "sms" or message.scheduled_at is None:
            continue
        if "sendType" in query and message.message_type not in send_types.get(
            query["sendType"], ()
        ):
            continue
        if query.get("requestId") not in (None, message.request_id):
            continue
        if query.get("messageStatus") not in (None, _reservation_status(delivery, now)):
            continue
        if query.get("recipientNo") not in (None, message.number):
            continue
        matches.append(delivery)
    return sms_reply(
        {
            "pageNum": num,
            "pageSize": size,
            "totalCount": len(matches),
            "data": [_reservation_item(state, d) for d in paginate(matches, num, size)],
        }
    )


def get_reservation(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET reservations/{requestId}/{recipientSeq}."""
    delivery = state.find(("sms",), groups[0], int(groups[1]))
    fail_if(delivery is None or delivery.message.scheduled_at is None, -2012)
    assert delivery is not None
    data = _reservation_item(state, delivery)
    data["attachFileList"] = list(delivery.wire.get("attachFileList", []))
    return sms_reply({"data": data})


def cancel_reservations(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """PUT reservations/cancel: cancel scheduled recipients still ``RESERVED``."""
    data = req.json("sms")
    entries = data.get("reservationList")
    fail_if(not isinstance(entries, list) or not entries, 4)
    assert isinstance(entries, list)
    fail_if(not isinstance(data.get("updateUser"), str) or not data["updateUser"], 4)
    now = state.now()
    cancelled = 0
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        try:
            delivery = state.find(("sms",), str(entry["requestId"]), int(entry["recipientSeq"]))
        except (KeyError, TypeError, ValueError):
            continue
        if delivery is not None and delivery.state(now) == "RESERVED":
            delivery.cancelled_at = now
            cancelled += 1
    return sms_reply({"data": {"requestedCount": len(entries), "canceledCount": cancelled}})


def upload(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST attachfile/binaryUpload (JSON with a base64 ``fileBody``)."""
    data = req.json("sms")
    name = data.get("fileName")
    fail_if(not isinstance(name, str) or not name or len(name) > 45, -2002)
    assert isinstance(name, str)
    fail_if(not name.lower().endswith((".jpg", ".jpeg")), -2003)
    fail_if(not isinstance(data.get("createUser"), str) or not data["createUser"], 4)
    raw = data.get("fileBody")
    try:
        if isinstance(raw, list):
            content = bytes(int(b) & 0xFF for b in raw)
        else:
            content = base64.b64decode(str(raw), validate=True)
    except (ValueError, TypeError):
        raise ApiFailure(4) from None
    fail_if(not content or len(content) >= 300 * 1024, -2005)
    file_id = state.next_file_id
    state.next_file_id += 1
    path = f"0/emulator-{state.now():%Y-%m-%d}/{file_id}"
    state.files[file_id] = {
        "fileId": file_id,
        "filePath": path,
        "fileName": name,
        "saveFileName": f"{file_id}.jpg",
        "uploadType": "MMS",
    }
    return sms_reply({"data": {"fileId": file_id, "fileName": name, "filePath": path}})


def page_reply(query: Mapping[str, str], rows: list[JSONDict]) -> WireReply:
    """An SMS listing's answer: the page ``pageNum``/``pageSize`` ask for, and the total."""
    num, size = page_params(query, invalid_code=-1005)
    return sms_reply(
        {
            "pageNum": num,
            "pageSize": size,
            "totalCount": len(rows),
            "data": paginate(rows, num, size),
        }
    )


def send_nos(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET sendNos (registered sender numbers)."""
    query = req.query
    page_params(query, invalid_code=-1005)  # a bad page is refused before filtering
    rows = []
    for number in state.sender_numbers.values():
        block_yn = "Y" if number.blocked else "N"
        if query.get("sendNo") not in (None, number.send_no):
            continue
        if query.get("blockYn") not in (None, block_yn):
            continue
        if query.get("useYn") not in (None, "Y"):
            continue
        rows.append(
            {
                "serviceId": 1,
                "sendNo": number.send_no,
                "useYn": "Y",
                "blockYn": block_yn,
                "blockReason": number.block_reason,
                "createDate": "2026-01-01 00:00:00",
                "createUser": "emulator",
                "updateDate": "2026-01-01 00:00:00",
                "updateUser": "emulator",
                "appKey": None,
            }
        )
    return page_reply(query, rows)


ROUTES: tuple[Route, ...] = (
    Route("POST", r"sender/(sms|mms|auth/sms|ad-sms|ad-mms)", send),
    Route("GET", r"sender/(sms|mms|auth/sms)", list_messages),
    Route("GET", r"sender/(sms|mms|auth/sms)/([^/]+)", get_message),
    Route("GET", r"reservations", list_reservations),
    Route("GET", r"reservations/([^/]+)/([0-9]+)", get_reservation),
    Route("PUT", r"reservations/cancel", cancel_reservations),
    Route("POST", r"attachfile/binaryUpload", upload),
    Route("GET", r"sendNos", send_nos),
)
