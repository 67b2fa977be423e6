"""Emulated SMS management endpoints: 080 opt-out (more resources join this module)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ._common import (
    ApiFailure,
    JSONDict,
    WireReply,
    WireRequest,
    fmt_tenths,
    header,
    json_reply,
    normalize_number,
    page_params,
    paginate,
    parse_date,
    sms_reply,
)
from ._state import Route, State

_QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"


def _fail_if(condition: bool, code: int) -> None:
    if condition:
        raise ApiFailure(code)


def _page(query: Mapping[str, str], rows: list[JSONDict]) -> WireReply:
    num, size = page_params(query, invalid_code=-1005)
    return sms_reply(
        {
            "pageNum": num,
            "pageSize": size,
            "totalCount": len(rows),
            "data": paginate(rows, num, size),
        }
    )


# --- 080 opt-out -------------------------------------------------------------------


def _number_item(number: str, enterprise: str) -> JSONDict:
    return {
        "unsubscribeNo": number,
        "enterpriseName": enterprise or "emulator",
        "requestDateTime": "2026-01-01 00:00:00",
        "startDateTime": "2026-01-05 00:00:00",
        "status": "USED",
        "shareType": "MASTER",
    }


def list_optout_numbers(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET blockservice/unsubscribe-nos."""
    _fail_if(not state.opt_out_numbers, -6000)
    return _page(req.query, [_number_item(n, e) for n, e in state.opt_out_numbers.items()])


def get_optout_number(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET blockservice/unsubscribe-nos/{unsubscribeNo}, in the listing shape the docs show."""
    _fail_if(not state.opt_out_numbers, -6000)
    number = groups[0]
    _fail_if(number not in state.opt_out_numbers, -6004)
    return sms_reply(
        {
            "pageNum": 1,
            "pageSize": 15,
            "totalCount": 1,
            "data": [_number_item(number, state.opt_out_numbers[number])],
        }
    )


def _opt_out_rows(state: State) -> list[tuple[str, str, datetime | None]]:
    rows: list[tuple[str, str, datetime | None]] = []
    listed: set[str] = set()
    for unsubscribe_no, entries in state.opt_out_requests.items():
        for number, when in entries.items():
            rows.append((unsubscribe_no, number, when))
            listed.add(number)
    # Numbers opted out through Emulator.opt_out() belong to the first 080 number.
    first = next(iter(state.opt_out_numbers), "")
    for number in sorted(state.opted_out - listed):
        rows.append((first, number, None))
    return rows


def list_opted_out(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET blockservice/recipients."""
    _fail_if(not state.opt_out_numbers, -6000)
    query = req.query
    start = parse_date(query.get("startRequestDate"), _QUERY_FORMAT)
    end = parse_date(query.get("endRequestDate"), _QUERY_FORMAT)
    _fail_if(("startRequestDate" in query) != ("endRequestDate" in query), -1005)
    _fail_if("startRequestDate" in query and (start is None or end is None), -1005)
    rows = []
    for unsubscribe_no, number, when in _opt_out_rows(state):
        if query.get("unsubscribeNo") not in (None, unsubscribe_no):
            continue
        if query.get("recipientNo") not in (None, number):
            continue
        moment = when if isinstance(when, datetime) else None
        if start is not None and end is not None and (moment is None or not start <= moment <= end):
            continue
        rows.append(
            {
                "unsubscribeNo": unsubscribe_no,
                "recipientNo": number,
                "requestDate": fmt_tenths(moment),
            }
        )
    return _page(query, rows)


def add_opted_out(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST blockservice/recipients: header-only answer."""
    data = req.json("sms")
    _fail_if(not state.opt_out_numbers, -6000)
    number = normalize_number(data.get("unsubscribeNo"))
    _fail_if(number not in state.opt_out_numbers, -6004)
    numbers = data.get("recipientNoList")
    _fail_if(not isinstance(numbers, list) or not numbers, 4)
    assert isinstance(numbers, list)
    entries = state.opt_out_requests.setdefault(number, {})
    for raw in numbers:
        recipient = normalize_number(raw)
        _fail_if(not recipient, 4)
        entries.setdefault(recipient, state.now())
        state.opted_out.add(recipient)
    return json_reply({"header": header("sms")})


def remove_opted_out(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """DELETE blockservice/recipients/removes?unsubscribeNo=&updateUser=&recipientNoList=a,b."""
    query = req.query
    _fail_if(not state.opt_out_numbers, -6000)
    number = query.get("unsubscribeNo", "")
    _fail_if(not query.get("updateUser") or not query.get("recipientNoList"), 4)
    _fail_if(number not in state.opt_out_numbers, -6004)
    entries = state.opt_out_requests.get(number, {})
    for raw in query["recipientNoList"].split(","):
        recipient = normalize_number(raw)
        entries.pop(recipient, None)
        if not any(recipient in other for other in state.opt_out_requests.values()):
            state.opted_out.discard(recipient)
    return sms_reply(None)


ROUTES: tuple[Route, ...] = (
    Route("GET", r"blockservice/unsubscribe-nos", list_optout_numbers),
    Route("GET", r"blockservice/unsubscribe-nos/([0-9]+)", get_optout_number),
    Route("GET", r"blockservice/recipients", list_opted_out),
    Route("POST", r"blockservice/recipients", add_opted_out),
    Route("DELETE", r"blockservice/recipients/removes", remove_opted_out),
)
