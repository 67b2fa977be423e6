"""Emulated SMS management endpoints: 080 opt-out (more resources join this module)."""

from __future__ import annotations

import json
from datetime import datetime

import attrs

from . import _sms
from ._common import (
    JSONDict,
    WireReply,
    WireRequest,
    fail_if,
    fmt_tenths,
    header,
    json_reply,
    normalize_number,
    parse_date,
    sms_reply,
)
from ._management_state import extras
from ._state import Route, State

_QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"


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
    fail_if(not state.opt_out_numbers, -6000)
    return _sms.page_reply(
        req.query, [_number_item(n, e) for n, e in state.opt_out_numbers.items()]
    )


def get_optout_number(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET blockservice/unsubscribe-nos/{unsubscribeNo}, in the listing shape the docs show."""
    fail_if(not state.opt_out_numbers, -6000)
    number = groups[0]
    fail_if(number not in state.opt_out_numbers, -6004)
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
    fail_if(not state.opt_out_numbers, -6000)
    query = req.query
    start = parse_date(query.get("startRequestDate"), _QUERY_FORMAT)
    end = parse_date(query.get("endRequestDate"), _QUERY_FORMAT)
    fail_if(("startRequestDate" in query) != ("endRequestDate" in query), -1005)
    fail_if("startRequestDate" in query and (start is None or end is None), -1005)
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
    return _sms.page_reply(query, rows)


def add_opted_out(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST blockservice/recipients: header-only answer."""
    data = req.json("sms")
    fail_if(not state.opt_out_numbers, -6000)
    number = normalize_number(data.get("unsubscribeNo"))
    fail_if(number not in state.opt_out_numbers, -6004)
    numbers = data.get("recipientNoList")
    fail_if(not isinstance(numbers, list) or not numbers, 4)
    assert isinstance(numbers, list)
    entries = state.opt_out_requests.setdefault(number, {})
    for raw in numbers:
        recipient = normalize_number(raw)
        fail_if(not recipient, 4)
        entries.setdefault(recipient, state.now())
        state.opted_out.add(recipient)
    return json_reply({"header": header("sms")})


def remove_opted_out(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """DELETE blockservice/recipients/removes?unsubscribeNo=&updateUser=&recipientNoList=a,b."""
    query = req.query
    fail_if(not state.opt_out_numbers, -6000)
    number = query.get("unsubscribeNo", "")
    fail_if(not query.get("updateUser") or not query.get("recipientNoList"), 4)
    fail_if(number not in state.opt_out_numbers, -6004)
    entries = state.opt_out_requests.get(number, {})
    for raw in query["recipientNoList"].split(","):
        recipient = normalize_number(raw)
        entries.pop(recipient, None)
        if not any(recipient in other for other in state.opt_out_requests.values()):
            state.opted_out.discard(recipient)
    return sms_reply(None)


# --- templates and categories ---------------------------------------------------------


def _stamp(state: State) -> str | None:
    return fmt_tenths(state.now())


def _template_fields(state: State, data: JSONDict) -> JSONDict:
    fail_if(not data.get("templateName"), -2102)
    fail_if(not data.get("sendNo"), -2103)
    fail_if(str(data.get("sendType")) not in ("0", "1"), -2104)
    body = data.get("body")
    fail_if(not isinstance(body, str) or not body, -2105)
    assert isinstance(body, str)
    fail_if(data.get("useYn") not in ("Y", "N"), -2106)
    long_form = str(data.get("sendType")) == "1"
    fail_if(long_form and not data.get("title"), -2114)
    fail_if(len(str(data.get("title") or "")) > 120, -2115)
    fail_if(not long_form and len(body) > 255, -2116)
    fail_if(long_form and len(body) > 4000, -2117)
    files = []
    for file_id in data.get("attachFileIdList") or []:
        found = state.files.get(int(file_id)) if str(file_id).isdigit() else None
        fail_if(found is None, -2004)
        assert found is not None
        files.append(dict(found))
    return {
        "templateName": data["templateName"],
        "templateDesc": data.get("templateDesc"),
        "sendNo": data["sendNo"],
        "sendType": str(data["sendType"]),
        "sendTypeName": "MMS 발송" if long_form else "SMS 발송",
        "title": data.get("title"),
        "body": body,
        "useYn": data["useYn"],
        "attachFileYn": "Y" if files else "N",
        "attachFileList": files,
        "updateDate": _stamp(state),
    }


def create_template(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST templates: header-only answer, with the documented ``resultCode: ""``."""
    data = req.json("sms")
    more = extras(state)
    template_id = data.get("templateId")
    fail_if(not template_id, -2100)
    fail_if(len(str(template_id)) > 50, -2109)
    fail_if(str(template_id) in more.sms_templates, -2101)
    fail_if(len(more.sms_templates) >= 1000, -2112)
    category = data.get("categoryId")
    fail_if(category is None, -2108)
    fail_if(int(str(category)) not in more.sms_categories, -2206)
    fields = _template_fields(state, data)
    more.sms_templates[str(template_id)] = {
        "templateId": str(template_id),
        "serviceId": 1,
        "categoryId": int(str(category)),
        "categoryName": more.sms_categories[int(str(category))]["categoryName"],
        "sort": 0,
        "priority": "S",
        "delYn": "N",
        "createDate": _stamp(state),
        "createUser": None,
        "updateUser": None,
        **fields,
    }
    return _blank_header()


def _blank_header() -> WireReply:
    # The docs show template and category writes answering resultCode "".
    return json_reply({"header": {"isSuccessful": True, "resultCode": "", "resultMessage": ""}})


def list_templates(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET templates."""
    query = req.query
    rows = [
        t
        for t in extras(state).sms_templates.values()
        if query.get("categoryId") in (None, str(t["categoryId"]))
        and query.get("useYn") in (None, t["useYn"])
    ]
    return _sms.page_reply(query, rows)


def get_template(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET templates/{templateId}."""
    found = extras(state).sms_templates.get(groups[0])
    fail_if(found is None, -2110)
    return sms_reply({"data": found})


def modify_template(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """PUT templates/{templateId}."""
    found = extras(state).sms_templates.get(groups[0])
    fail_if(found is None, -2107)
    assert found is not None
    found.update(_template_fields(state, req.json("sms")))
    return _blank_header()


def delete_template(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """DELETE templates/{templateId}."""
    fail_if(extras(state).sms_templates.pop(groups[0], None) is None, -2107)
    return _blank_header()


def create_category(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST categories: answers with the new category."""
    data = req.json("sms")
    more = extras(state)
    fail_if(not data.get("categoryName") or data.get("useYn") not in ("Y", "N"), -2200)
    parent = int(data.get("categoryParentId") or 1)
    fail_if(parent not in more.sms_categories, -2203)
    category_id = more.next_category_id
    more.next_category_id += 1
    item = {
        "categoryId": category_id,
        "categoryParentId": parent,
        "depth": int(more.sms_categories[parent]["depth"]) + 1,
        "sort": 0,
        "categoryName": data["categoryName"],
        "categoryDesc": data.get("categoryDesc"),
        "useYn": data["useYn"],
        "createDate": _stamp(state),
        "createUser": data.get("createUser"),
        "updateDate": _stamp(state),
        "updateUser": None,
    }
    more.sms_categories[category_id] = item
    return sms_reply({"data": item})


def list_categories(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET categories."""
    return _sms.page_reply(req.query, list(extras(state).sms_categories.values()))


def get_category(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET categories/{categoryId}: a one-item list under ``data``, as the docs print it."""
    found = extras(state).sms_categories.get(int(groups[0]))
    fail_if(found is None, -2206)
    return sms_reply({"data": [found]})


def modify_category(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """PUT categories/{categoryId}."""
    data = req.json("sms")
    found = extras(state).sms_categories.get(int(groups[0]))
    fail_if(found is None, -2206)
    assert found is not None
    fail_if(not data.get("categoryName") or data.get("useYn") not in ("Y", "N"), -2201)
    found.update(
        categoryName=data["categoryName"],
        categoryDesc=data.get("categoryDesc"),
        useYn=data["useYn"],
        updateDate=_stamp(state),
    )
    return _blank_header()


def delete_category(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """DELETE categories/{categoryId}; the top category stays (-2205)."""
    more = extras(state)
    category_id = int(groups[0])
    fail_if(category_id not in more.sms_categories, -2206)
    fail_if(more.sms_categories[category_id]["depth"] == 0, -2205)
    del more.sms_categories[category_id]
    return _blank_header()


def send_with_template(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """A send naming ``templateId`` with no body takes body, title and sender from the template."""
    data = req.json("sms")
    template_id = data.get("templateId")
    if template_id and not data.get("body"):
        template = extras(state).sms_templates.get(str(template_id))
        fail_if(template is None, -2110)
        assert template is not None
        long_form = groups[0] in ("mms", "ad-mms")
        fail_if(long_form != (template["sendType"] == "1"), -2006)
        data = {
            **data,
            "body": template["body"],
            "sendNo": data.get("sendNo") or template["sendNo"],
        }
        if long_form and not data.get("title"):
            data["title"] = template["title"]
        req = attrs.evolve(req, body=json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return _sms.send(state, req, groups)


# --- reservations: search-and-cancel ------------------------------------------------

_SEND_TYPES = {"0": ("SMS",), "1": ("LMS", "MMS"), "2": ("AUTH",)}
_MINUTES = "%Y-%m-%d %H:%M"


def search_cancel(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """PUT reservations/search-cancels: cancel every RESERVED message the filter matches."""
    data = req.json("sms")
    search = data.get("searchParameter")
    fail_if(not isinstance(search, dict) or not data.get("updateUser"), 4)
    assert isinstance(search, dict)
    fail_if(str(search.get("sendType")) not in _SEND_TYPES, 4)
    ranges = []
    for wire in ("RequestDate", "CreateDate"):
        start = parse_date(search.get(f"start{wire}"), _MINUTES)
        end = parse_date(search.get(f"end{wire}"), _MINUTES)
        if start is not None and end is not None:
            ranges.append((wire, start, end))
    fail_if(not ranges, 4)
    # With both ranges the scheduled one is ignored, as documented.
    wire, start, end = ranges[-1]
    now = state.now()
    matched = 0
    for delivery in state.deliveries:
        message = delivery.message
        if message.service != "sms" or delivery.state(now) != "RESERVED":
            continue
        if message.message_type not in _SEND_TYPES[str(search["sendType"])]:
            continue
        moment = delivery.request_date if wire == "RequestDate" else message.created_at
        if not start <= moment.replace(second=0, microsecond=0) <= end:
            continue
        if any(
            search.get(key) not in (None, value)
            for key, value in (
                ("sendNo", message.sender),
                ("recipientNo", message.number),
                ("requestId", message.request_id),
                ("templateId", delivery.wire.get("templateId")),
                ("senderGroupingKey", message.sender_grouping_key),
                ("recipientGroupingKey", message.recipient_grouping_key),
            )
        ):
            continue
        delivery.cancelled_at = now
        matched += 1
    job = {
        "reservationCancelId": state.new_request_id(),
        "searchParameter": search,
        "requestedDateTime": f"{now:%Y-%m-%d %H:%M:%S}",
        "completedDateTime": f"{now:%Y-%m-%d %H:%M:%S}",
        "reservationCancelStatus": "COMPLETED",
        "totalCount": matched,
        "successCount": matched,
        "createUser": data["updateUser"],
    }
    extras(state).reservation_cancels.append(job)
    return sms_reply(
        {
            "data": {
                "reservationCancelId": job["reservationCancelId"],
                "requestedDateTime": job["requestedDateTime"],
                # The cancel runs asynchronously: the answer always says READY.
                "reservationCancelStatus": "READY",
            }
        }
    )


def list_search_cancels(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET reservations/search-cancels."""
    query = req.query
    rows = [
        job
        for job in extras(state).reservation_cancels
        if query.get("reservationCancelId") in (None, job["reservationCancelId"])
    ]
    return _sms.page_reply(query, rows)


ROUTES: tuple[Route, ...] = (
    Route("PUT", r"reservations/search-cancels", search_cancel),
    Route("GET", r"reservations/search-cancels", list_search_cancels),
    Route("POST", r"sender/(sms|mms|auth/sms|ad-sms|ad-mms)", send_with_template),
    Route("POST", r"templates", create_template),
    Route("GET", r"templates", list_templates),
    Route("GET", r"templates/([^/]+)", get_template),
    Route("PUT", r"templates/([^/]+)", modify_template),
    Route("DELETE", r"templates/([^/]+)", delete_template),
    Route("POST", r"categories", create_category),
    Route("GET", r"categories", list_categories),
    Route("GET", r"categories/([0-9]+)", get_category),
    Route("PUT", r"categories/([0-9]+)", modify_category),
    Route("DELETE", r"categories/([0-9]+)", delete_category),
    Route("GET", r"blockservice/unsubscribe-nos", list_optout_numbers),
    Route("GET", r"blockservice/unsubscribe-nos/([0-9]+)", get_optout_number),
    Route("GET", r"blockservice/recipients", list_opted_out),
    Route("POST", r"blockservice/recipients", add_opted_out),
    Route("DELETE", r"blockservice/recipients/removes", remove_opted_out),
)
