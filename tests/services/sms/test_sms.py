"""SMS v3.0 endpoints: the exact request each method makes and how answers are read.

Requests and answers follow /work/shared/api/sms-v3.md (sections 4 to 6 and the
doc traps of 2.2 and 13). Every test runs against both clients (``api``).
"""

from __future__ import annotations

import base64
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import Recipient, SendResult
from notify_sdk.delivery import DlrErrorCode, DlrStatus, MtrCode, Outcome, SmsResultCode
from notify_sdk.errors import RecipientError
from notify_sdk.errors import sms as sms_errors
from notify_sdk.results import UNCONFIRMED, RecipientResult
from notify_sdk.services.sms import Attachment, CancelResult, SmsDelivery, SmsMessageStatus
from tests.helpers import SENDER, SMS_APP_KEY, SMS_PREFIX, Api, body_json, envelope
from tests.helpers.sms import (
    DOC_DELIVERY_ITEM,
    DOC_SEND_ANSWER,
    REQUEST_ID,
    check_headers,
    kst_minute,
    kst_now,
    list_item,
    mock,
    ok_row,
    page_answer,
    send_answer,
    tomorrow_kst,
)

__all__ = ["mock"]  # fixtures imported for pytest

AUTO_KEY = re.compile(r"nsdk-[0-9a-f]{32}")
AD_BODY = "(광고) 한빛서점 주말 20% 할인\n무료수신거부 080-555-0100"


# --- sends: the request ---------------------------------------------------------


async def test_send_sms_doc_example_request_and_answer(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/sms").respond(json=DOC_SEND_ANSWER)
    result = await api.call(
        "send_sms",
        [
            Recipient("01055550123", grouping_key="cust-9917"),
            Recipient("0105555", grouping_key="cust-9918"),
        ],
        "[Hanbit Books] Order 58213 has shipped.",
        sender="0215449876",
        sender_grouping_key="order-58213-ship",
    )

    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == f"{SMS_PREFIX}/sender/sms"
    assert request.url.raw_path == f"/sms/v3.0/appKeys/{SMS_APP_KEY}/sender/sms".encode()
    check_headers(request)
    assert body_json(request) == {
        "body": "[Hanbit Books] Order 58213 has shipped.",
        "sendNo": "0215449876",
        "senderGroupingKey": "order-58213-ship",
        "recipientList": [
            {"recipientNo": "01055550123", "recipientGroupingKey": "cust-9917"},
            {"recipientNo": "0105555", "recipientGroupingKey": "cust-9918"},
        ],
    }

    assert isinstance(result, SendResult)
    assert result.service == "sms"
    assert result.request_id == REQUEST_ID
    assert result.sender_grouping_key == "order-58213-ship"
    assert result.attempts == 1
    assert result.idempotency_key is None
    assert result.recovered is False
    assert result.recipients == (
        RecipientResult("01055550123", 1, 0, "SUCCESS", "cust-9917", "sms"),
        RecipientResult("0105555", 2, -2019, "RecipientNo is invalid.", "cust-9918", "sms"),
    )
    assert not result.ok
    assert [r.number for r in result.failed] == ["0105555"]
    error = result.failed[0].error
    assert isinstance(error, RecipientError)
    assert isinstance(error, sms_errors.InvalidRecipientNumberError)
    assert (error.service, error.code) == ("sms", -2019)


SEND_CASES: list[tuple[str, str, tuple[Any, ...], dict[str, Any], dict[str, Any]]] = [
    ("send_sms", "sender/sms", ("01055550123", "hello"), {}, {"body": "hello"}),
    (
        "send_mms",
        "sender/mms",
        ("01055550123", "Your November statement is ready."),
        {"title": "November statement", "attachment_ids": [771204]},
        {
            "body": "Your November statement is ready.",
            "title": "November statement",
            "attachFileIdList": [771204],
        },
    ),
    (
        "send_mms",
        "sender/mms",
        ("01055550123", "LMS body without pictures"),
        {"title": "LMS"},
        {"body": "LMS body without pictures", "title": "LMS"},
    ),
    (
        "send_auth_sms",
        "sender/auth/sms",
        ("01055550123", "[인증] code 481516"),
        {},
        {"body": "[인증] code 481516"},
    ),
    ("send_ad_sms", "sender/ad-sms", ("01055550123", AD_BODY), {}, {"body": AD_BODY}),
    (
        "send_ad_mms",
        "sender/ad-mms",
        ("01055550123", AD_BODY),
        {"title": "주말 할인", "attachment_ids": (1, 2, 3)},
        {"body": AD_BODY, "title": "주말 할인", "attachFileIdList": [1, 2, 3]},
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "args", "kwargs", "expected"),
    SEND_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(SEND_CASES)],
)
async def test_each_send_posts_its_path_and_body(
    api: Api,
    mock: respx.MockRouter,
    method: str,
    path: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    route = mock.post(f"/{path}").respond(json=send_answer([ok_row()]))
    result = await api.call(method, *args, **kwargs)

    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == f"{SMS_PREFIX}/{path}"
    check_headers(request)
    sent = body_json(request)
    key = sent.pop("senderGroupingKey")
    assert AUTO_KEY.fullmatch(key), key
    assert sent == {
        **expected,
        "sendNo": SENDER,  # the client's default sender
        "recipientList": [{"recipientNo": "01055550123"}],
    }
    assert result.ok
    assert result.recipients[0].seq == 1


async def test_auto_keys_differ_between_sends(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    await api.call("send_sms", "01055550123", "one")
    await api.call("send_sms", "01055550123", "two")
    keys = {body_json(c.request)["senderGroupingKey"] for c in route.calls}
    assert len(keys) == 2


async def test_schedule_naive_is_korea_time(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    when = tomorrow_kst().replace(hour=9, minute=5)
    await api.call("send_sms", "01055550123", "hi", scheduled_at=when)
    assert body_json(route.calls.last.request)["requestDate"] == kst_minute(when)


async def test_schedule_aware_is_converted_to_korea_time(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/mms").respond(json=send_answer([ok_row()]))
    utc = (datetime.now(timezone.utc) + timedelta(days=2)).replace(
        hour=23, minute=30, second=0, microsecond=0
    )
    await api.call("send_mms", "01055550123", "hi", title="t", scheduled_at=utc)
    # 23:30 UTC is 08:30 the next day in Korea (UTC+9, no daylight saving).
    expected = (utc + timedelta(hours=9)).strftime("%Y-%m-%d %H:%M")
    assert expected.endswith("08:30")
    assert body_json(route.calls.last.request)["requestDate"] == expected


async def test_schedule_other_offset(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/ad-sms").respond(json=send_answer([ok_row()]))
    new_york = timezone(timedelta(hours=-5))
    when = (datetime.now(new_york) + timedelta(days=3)).replace(
        hour=20, minute=0, second=0, microsecond=0
    )
    await api.call("send_ad_sms", "01055550123", AD_BODY, scheduled_at=when)
    assert body_json(route.calls.last.request)["requestDate"] == (
        (when + timedelta(hours=14)).strftime("%Y-%m-%d") + " 10:00"
    )


async def test_template_params_and_options(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/sms").respond(
        json=send_answer([ok_row(1), ok_row(2, "01055550124")])
    )
    await api.call(
        "send_sms",
        [
            "010-5555-0123",
            Recipient("01055550124", params={"name": "Kim"}, grouping_key="g2"),
        ],
        "##name##, order ##order## shipped",
        sender="02-1544-9876",
        template_id="TPL-ship",
        params={"name": "Lee", "order": 58213},
        user_id="ops-bot",
        sender_grouping_key="k1",
    )
    assert body_json(route.calls.last.request) == {
        "body": "##name##, order ##order## shipped",
        "sendNo": "0215449876",
        "senderGroupingKey": "k1",
        "recipientList": [
            {"recipientNo": "01055550123", "templateParameter": {"name": "Lee", "order": "58213"}},
            {
                "recipientNo": "01055550124",
                "templateParameter": {"name": "Kim", "order": "58213"},
                "recipientGroupingKey": "g2",
            },
        ],
        "templateId": "TPL-ship",
        "userId": "ops-bot",
    }


async def test_template_body_needs_no_body_nor_sender(mock: respx.MockRouter) -> None:
    """With a template and no body, the API takes body and sender from the template."""
    from notify_sdk import NotifyClient
    from tests.helpers import CLIENT_KWARGS

    kwargs = dict(CLIENT_KWARGS, sms_sender=None)
    route = mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    with NotifyClient(**kwargs) as client:  # type: ignore[arg-type]
        client.send_sms("01055550123", None, template_id="TPL-1", sender_grouping_key="k")
    assert body_json(route.calls.last.request) == {
        "body": "",
        "senderGroupingKey": "k",
        "recipientList": [{"recipientNo": "01055550123"}],
        "templateId": "TPL-1",
    }


async def test_international_numbers(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/sms").respond(
        json=send_answer([ok_row(1), ok_row(2), ok_row(3), ok_row(4)])
    )
    await api.call(
        "send_sms",
        [
            "+82 10-5555-0123",
            "+14155550123",
            Recipient("9012345678", country_code="81"),
            Recipient("01055550124", country_code="+82"),
        ],
        "hi",
        sender_grouping_key="k",
    )
    assert body_json(route.calls.last.request)["recipientList"] == [
        {"recipientNo": "01055550123"},
        {"internationalRecipientNo": "14155550123"},
        {"recipientNo": "9012345678", "countryCode": "81"},
        {"recipientNo": "01055550124", "countryCode": "82"},
    ]


# --- sends: reading the answer (doc traps) ---------------------------------------


async def test_send_answer_codes_as_strings_and_mtpr(api: Api, mock: respx.MockRouter) -> None:
    rows = [
        {"recipientNo": "01055550123", "resultCode": "0", "resultMessage": "SUCCESS", "mtPr": "1"},
        {
            "recipientNo": "01055550124",
            "resultCode": "-6001",
            "resultMessage": "opted out",
            "mtPr": "2",
            "RecipientGroupingKey": "cust-2",
        },
    ]
    mock.post("/sender/sms").respond(json=send_answer(rows, key="k"))
    result = await api.call(
        "send_sms", ["01055550123", "01055550124"], "hi", sender_grouping_key="k"
    )
    assert [(r.seq, r.result_code, r.grouping_key) for r in result.recipients] == [
        (1, 0, None),
        (2, -6001, "cust-2"),
    ]
    assert isinstance(result.recipients[1].error, sms_errors.RecipientOptedOutError)


async def test_send_answer_matched_by_order_not_number(api: Api, mock: respx.MockRouter) -> None:
    """Rows may come out of order and echo numbers in another form (doc section 13)."""
    rows = [
        ok_row(2, "821055550124"),
        {"resultCode": -2019, "resultMessage": "bad", "recipientSeq": 1},
    ]
    mock.post("/sender/sms").respond(json=send_answer(rows, key="k"))
    result = await api.call(
        "send_sms",
        [Recipient("01055550123", grouping_key="a"), Recipient("01055550124", grouping_key="b")],
        "hi",
        sender_grouping_key="k",
    )
    assert result.recipients == (
        RecipientResult("01055550123", 1, -2019, "bad", "a", "sms"),
        RecipientResult("821055550124", 2, 0, "SUCCESS", "b", "sms"),
    )


async def test_send_answer_without_result_list(api: Api, mock: respx.MockRouter) -> None:
    answer = envelope({"data": {"requestId": REQUEST_ID, "statusCode": "2"}})
    mock.post("/sender/sms").respond(json=answer)
    result = await api.call(
        "send_sms", ["01055550123", "01055550124"], "hi", sender_grouping_key="mine"
    )
    assert result.request_id == REQUEST_ID
    assert result.sender_grouping_key == "mine"
    # The envelope says "accepted" but confirms no recipient: none is reported accepted.
    assert [(r.number, r.seq, r.result_code) for r in result.recipients] == [
        ("01055550123", 1, UNCONFIRMED),
        ("01055550124", 2, UNCONFIRMED),
    ]
    assert not result.ok


async def test_failure_envelope_raises_typed_error(api: Api, mock: respx.MockRouter) -> None:
    mock.post("/sender/sms").respond(json=envelope(code=-2312, message="SendNo is not registered."))
    with pytest.raises(sms_errors.UnregisteredSenderNumberError) as info:
        await api.call("send_sms", "01055550123", "hi")
    assert info.value.code == -2312
    assert info.value.message == "SendNo is not registered."
    assert info.value.attempts == 1


# --- upload ------------------------------------------------------------------------

UPLOAD_ANSWER = envelope(
    {
        "data": {
            "fileId": 771204,
            "fileName": "statement-nov.jpg",
            "filePath": "0/toast-mt-2026-11-24/1030/771204",
        }
    }
)
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


async def test_upload_attachment_bytes(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/attachfile/binaryUpload").respond(json=UPLOAD_ANSWER)
    attachment = await api.call(
        "upload_attachment", JPEG, file_name="statement-nov.jpg", create_user="billing-svc"
    )
    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == f"{SMS_PREFIX}/attachfile/binaryUpload"
    check_headers(request)
    assert body_json(request) == {
        "fileName": "statement-nov.jpg",
        "createUser": "billing-svc",
        "fileBody": base64.b64encode(JPEG).decode(),
    }
    assert attachment == Attachment(
        771204, "statement-nov.jpg", "0/toast-mt-2026-11-24/1030/771204"
    )


async def test_upload_attachment_from_path(
    api: Api, mock: respx.MockRouter, tmp_path: Path
) -> None:
    route = mock.post("/attachfile/binaryUpload").respond(json=envelope({"data": {"fileId": "55"}}))
    image = tmp_path / "photo.JPEG"
    image.write_bytes(JPEG)
    attachment = await api.call("upload_attachment", image)
    sent = body_json(route.calls.last.request)
    assert sent["fileName"] == "photo.JPEG"
    assert sent["createUser"] == "notify-sdk"
    assert base64.b64decode(sent["fileBody"]) == JPEG
    # fileId as a digit string, fileName absent: the name sent is reported.
    assert attachment == Attachment(55, "photo.JPEG", None)


# --- single delivery ---------------------------------------------------------------


async def test_get_sms_delivery_doc_example(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get(f"/sender/sms/{REQUEST_ID}").respond(
        json=envelope({"data": DOC_DELIVERY_ITEM})
    )
    delivery = await api.call("get_sms_delivery", REQUEST_ID, 1)

    request = route.calls.last.request
    assert request.method == "GET"
    assert str(request.url) == f"{SMS_PREFIX}/sender/sms/{REQUEST_ID}?recipientSeq=1"
    check_headers(request)
    assert request.content == b""
    assert delivery == SmsDelivery(
        request_id=REQUEST_ID,
        seq=1,
        recipient="01055550123",
        status=SmsMessageStatus.SUCCEEDED,
        result_code=SmsResultCode("1000"),
        raw_result_code="1000",
        message_type="SMS",
        body="[Hanbit Books] Order 58213 has shipped.",
        title=None,
        sender="0215449876",
        country_code="82",
        request_date="2026-11-24 10:30:15.0",
        result_date="2026-11-24 10:30:19.0",
        sender_grouping_key="order-58213-ship",
        recipient_grouping_key="cust-9917",
        template_id=None,
        is_ad=False,
        telecom_code=10002,
        dlr=None,
    )
    assert delivery.outcome is Outcome.DELIVERED
    assert delivery.status.final
    assert delivery.requested_at == datetime(2026, 11, 24, 10, 30, 15)
    assert delivery.result_at == datetime(2026, 11, 24, 10, 30, 19)


async def test_get_mms_delivery_doc_traps(api: Api, mock: respx.MockRouter) -> None:
    """MMS single query: ``mtPr`` string, no messageType, capital-R key, dlr code as string."""
    item = {
        k: v
        for k, v in DOC_DELIVERY_ITEM.items()
        if k not in ("recipientSeq", "messageType", "messageCount", "recipientGroupingKey")
    }
    item.update(
        mtPr="2",
        title="November statement",
        RecipientGroupingKey="cust-77",
        msgStatus="2",
        resultCode=None,
        adYn="Y",
        telecomCode="10003",
        dlr={"dlrStatus": "DELIVERED", "networkCode": "310260", "errorCode": "0"},
    )
    route = mock.get(f"/sender/mms/{REQUEST_ID}").respond(json=envelope({"data": item}))
    delivery = await api.call("get_sms_delivery", REQUEST_ID, 2, kind="mms")

    assert dict(route.calls.last.request.url.params) == {"recipientSeq": "2"}
    assert delivery.seq == 2
    assert delivery.message_type is None
    assert delivery.title == "November statement"
    assert delivery.recipient_grouping_key == "cust-77"
    assert delivery.status is SmsMessageStatus.PROCESSING
    assert delivery.result_code is None and delivery.raw_result_code is None
    assert delivery.outcome is Outcome.PENDING
    assert delivery.is_ad is True
    assert delivery.telecom_code == 10003
    assert delivery.dlr is not None
    assert delivery.dlr.status is DlrStatus("DELIVERED")
    assert delivery.dlr.error is DlrErrorCode(0)
    assert (delivery.dlr.raw_error, delivery.dlr.network_code) == ("0", "310260")


async def test_get_auth_delivery_minimal_item(api: Api, mock: respx.MockRouter) -> None:
    """Every field but the identity may be absent; the identity falls back to the request."""
    route = mock.get("/sender/auth/sms/REQ1").respond(
        json=envelope({"data": {"resultCode": "3018", "msgStatus": 0}})
    )
    delivery = await api.call("get_sms_delivery", "REQ1", 7, kind="auth")
    assert str(route.calls.last.request.url) == f"{SMS_PREFIX}/sender/auth/sms/REQ1?recipientSeq=7"
    assert (delivery.request_id, delivery.seq) == ("REQ1", 7)
    assert delivery.status is SmsMessageStatus.FAILED
    assert delivery.result_code is SmsResultCode("3018")
    assert delivery.outcome is SmsResultCode("3018").outcome


async def test_unknown_receive_code_is_kept_raw(api: Api, mock: respx.MockRouter) -> None:
    mock.get(f"/sender/sms/{REQUEST_ID}").respond(
        json=envelope({"data": list_item(1, resultCode="X123", msgStatus="0")})
    )
    delivery = await api.call("get_sms_delivery", REQUEST_ID, 1)
    assert delivery.result_code is None
    assert delivery.raw_result_code == "X123"
    assert delivery.outcome is Outcome.UNKNOWN_FAILURE


# --- listing -----------------------------------------------------------------------


async def test_list_by_request_id_params(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get("/sender/sms").respond(json=page_answer([list_item(1)], total=1))
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID)
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.url.path == f"/sms/v3.0/appKeys/{SMS_APP_KEY}/sender/sms"
    check_headers(request)
    assert dict(request.url.params) == {"requestId": REQUEST_ID, "pageNum": "1", "pageSize": "100"}
    assert [(d.request_id, d.seq) for d in items] == [(REQUEST_ID, 1)]


async def test_list_filters_and_date_ranges(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get("/sender/mms").respond(json=page_answer([], total=0))
    utc = timezone.utc
    await api.collect(
        "list_sms_deliveries",
        kind="mms",
        requested_from=datetime(2026, 11, 1, 0, 0),
        requested_to=datetime(2026, 11, 30, 23, 59, 59),
        created_from=datetime(2026, 10, 31, 15, 0, tzinfo=utc),
        created_to=datetime(2026, 11, 10, 15, 0, tzinfo=utc),
        result_from=datetime(2026, 11, 2, 8, 0),
        result_to=datetime(2026, 11, 3, 8, 0),
        sender_grouping_key="order-58213-ship",
        recipient_grouping_key="cust-9917",
        recipient="010-5555-0123",
        sender="02-1544-9876",
        template_id="TPL-1",
        status=SmsMessageStatus.SUCCEEDED,
        result=MtrCode("MTR2_2"),
        page_size=1000,
    )
    assert dict(route.calls.last.request.url.params) == {
        "startRequestDate": "2026-11-01 00:00:00",
        "endRequestDate": "2026-11-30 23:59:59",
        "startCreateDate": "2026-11-01 00:00:00",
        "endCreateDate": "2026-11-11 00:00:00",
        "startResultDate": "2026-11-02 08:00:00",
        "endResultDate": "2026-11-03 08:00:00",
        "senderGroupingKey": "order-58213-ship",
        "recipientGroupingKey": "cust-9917",
        "recipientNo": "01055550123",
        "sendNo": "0215449876",
        "templateId": "TPL-1",
        "msgStatus": "3",
        "resultCode": "MTR2",
        "subResultCode": "MTR2_2",
        "pageNum": "1",
        "pageSize": "1000",
    }


async def test_list_auth_with_string_filters(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get("/sender/auth/sms").respond(json=page_answer([], total=0))
    await api.collect(
        "list_sms_deliveries",
        kind="auth",
        sender_grouping_key="otp-1",
        created_from=datetime(2026, 11, 1),
        created_to=datetime(2026, 11, 2),
        status="0",
        result="MTR1",
    )
    params = dict(route.calls.last.request.url.params)
    assert params["msgStatus"] == "0"
    assert params["resultCode"] == "MTR1"
    assert "subResultCode" not in params
    assert params["senderGroupingKey"] == "otp-1"


def _pager_route(
    mock: respx.MockRouter, pages: dict[int, list[dict[str, Any]]], total: int | None
) -> respx.Route:
    def answer(request: httpx.Request) -> httpx.Response:
        num = int(request.url.params["pageNum"])
        return httpx.Response(200, json=page_answer(pages.get(num, []), total, num))

    return mock.get("/sender/sms").mock(side_effect=answer)


def _page_nums(route: respx.Route) -> list[tuple[str, str]]:
    return [
        (c.request.url.params["pageNum"], c.request.url.params["pageSize"]) for c in route.calls
    ]


async def test_paging_fetches_page_two_when_needed(api: Api, mock: respx.MockRouter) -> None:
    route = _pager_route(mock, {1: [list_item(1), list_item(2)], 2: [list_item(3)]}, total=3)
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID, page_size=2)
    assert [d.seq for d in items] == [1, 2, 3]
    assert _page_nums(route) == [("1", "2"), ("2", "2")]


async def test_paging_stops_on_total_count(api: Api, mock: respx.MockRouter) -> None:
    route = _pager_route(mock, {1: [list_item(1), list_item(2)]}, total=2)
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID, page_size=2)
    assert len(items) == 2
    assert _page_nums(route) == [("1", "2")]


async def test_paging_stops_on_short_page(api: Api, mock: respx.MockRouter) -> None:
    route = _pager_route(mock, {1: [list_item(1)]}, total=None)
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID, page_size=2)
    assert len(items) == 1
    assert _page_nums(route) == [("1", "2")]


async def test_paging_without_total_stops_on_empty_page(api: Api, mock: respx.MockRouter) -> None:
    route = _pager_route(mock, {1: [list_item(1), list_item(2)]}, total=None)
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID, page_size=2)
    assert len(items) == 2
    assert _page_nums(route) == [("1", "2"), ("2", "2")]


async def test_paging_stops_at_limit(api: Api, mock: respx.MockRouter) -> None:
    pages = {n: [list_item(2 * n - 1), list_item(2 * n)] for n in range(1, 6)}
    route = _pager_route(mock, pages, total=10)
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID, page_size=2, limit=3)
    assert [d.seq for d in items] == [1, 2, 3]
    assert _page_nums(route) == [("1", "2"), ("2", "2")]


async def test_small_limit_caps_page_size(api: Api, mock: respx.MockRouter) -> None:
    route = _pager_route(mock, {1: [list_item(1)]}, total=50)
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID, limit=1)
    assert len(items) == 1
    assert _page_nums(route) == [("1", "1")]


async def test_listing_is_lazy(api: Api, mock: respx.MockRouter) -> None:
    route = _pager_route(mock, {1: [list_item(1)]}, total=1)
    iterator = api.client.list_sms_deliveries(request_id=REQUEST_ID)
    assert not route.called
    del iterator


# --- cancel ------------------------------------------------------------------------


async def test_cancel_scheduled_by_request_id(api: Api, mock: respx.MockRouter) -> None:
    route = mock.put("/reservations/cancel").respond(
        json=envelope({"data": {"requestedCount": 2, "canceledCount": 1}})
    )
    outcome = await api.call("cancel_scheduled_sms", REQUEST_ID, [1, 2], update_user="ops-bot")
    request = route.calls.last.request
    assert request.method == "PUT"
    assert str(request.url) == f"{SMS_PREFIX}/reservations/cancel"
    check_headers(request)
    assert body_json(request) == {
        "reservationList": [
            {"requestId": REQUEST_ID, "recipientSeq": 1},
            {"requestId": REQUEST_ID, "recipientSeq": 2},
        ],
        "updateUser": "ops-bot",
    }
    assert outcome == CancelResult(requested=2, canceled=1, service="sms", request_id=REQUEST_ID)


async def test_cancel_scheduled_from_send_result(api: Api, mock: respx.MockRouter) -> None:
    route = mock.put("/reservations/cancel").respond(
        json=envelope({"data": {"requestedCount": "2", "canceledCount": "2"}})
    )
    sent = SendResult(
        service="sms",
        request_id=REQUEST_ID,
        recipients=(
            RecipientResult("01055550123", 1, 0),
            RecipientResult("0105555", 2, -2019),  # refused: nothing to cancel
            RecipientResult("01055550125", 3, 0),
        ),
    )
    outcome = await api.call("cancel_scheduled_sms", sent)
    assert body_json(route.calls.last.request) == {
        "reservationList": [
            {"requestId": REQUEST_ID, "recipientSeq": 1},
            {"requestId": REQUEST_ID, "recipientSeq": 3},
        ],
        "updateUser": "notify-sdk",
    }
    assert outcome == CancelResult(2, 2, service="sms", request_id=REQUEST_ID)


# --- surface -----------------------------------------------------------------------


def test_methods_keep_builder_docs() -> None:
    from notify_sdk import AsyncNotifyClient, NotifyClient

    for cls in (NotifyClient, AsyncNotifyClient):
        for name in (
            "send_sms",
            "send_mms",
            "send_auth_sms",
            "send_ad_sms",
            "send_ad_mms",
            "upload_attachment",
            "get_sms_delivery",
            "list_sms_deliveries",
            "cancel_scheduled_sms",
        ):
            method = getattr(cls, name)
            assert method.__name__ == name
            assert method.__doc__ and len(method.__doc__) > 40


def test_kst_helper_sanity() -> None:
    assert (
        abs(
            (kst_now() - datetime.now(timezone.utc).replace(tzinfo=None)).total_seconds() - 9 * 3600
        )
        < 5
    )


# --- reconciliation lookup ---------------------------------------------------------


async def test_ambiguous_failure_found_by_lookup(api: Api, mock: respx.MockRouter) -> None:
    from notify_sdk import RetryPolicy

    send = mock.post("/sender/sms").respond(502, text="<html>bad gateway</html>")
    found = [
        list_item(2, senderGroupingKey="k-1", recipientGroupingKey=None, RecipientGroupingKey="b"),
        list_item(1, senderGroupingKey="k-1", recipientGroupingKey="a"),
    ]
    lookup = mock.get("/sender/sms").respond(json=page_answer(found, total=2))
    result = await api.call(
        "send_sms",
        ["01055550101", "01055550102"],
        DOC_DELIVERY_ITEM["body"],  # the listing shows what was sent
        sender_grouping_key="k-1",
        retry=RetryPolicy.disabled(),
    )
    assert send.call_count == 1
    assert result.recovered is True
    assert result.request_id == REQUEST_ID
    assert [(r.seq, r.number, r.grouping_key, r.result_code) for r in result.recipients] == [
        (1, "01055550101", "a", 0),
        (2, "01055550102", "b", 0),
    ]
    params = dict(lookup.calls.last.request.url.params)
    assert params["senderGroupingKey"] == "k-1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", params["startCreateDate"])
    assert params["startCreateDate"] < params["endCreateDate"]
    assert params["pageSize"] == "1000"


async def test_lookup_with_two_sends_under_one_key_does_not_guess(
    api: Api, mock: respx.MockRouter
) -> None:
    from notify_sdk import RetryPolicy
    from notify_sdk.errors import ServerError

    mock.post("/sender/mms").respond(502, text="<html>bad gateway</html>")
    found = [
        list_item(1, senderGroupingKey="mine"),
        list_item(1, senderGroupingKey="mine", requestId="20261124103016bbbbbbbbbbb"),
    ]
    mock.get("/sender/mms").respond(json=page_answer(found, total=2))
    with pytest.raises(ServerError):
        await api.call(
            "send_mms",
            "01055550101",
            "hi",
            title="t",
            sender_grouping_key="mine",
            retry=RetryPolicy.disabled(),
        )


async def test_ambiguous_failure_absent_then_resent(api: Api, mock: respx.MockRouter) -> None:
    send = mock.post("/sender/ad-sms")
    send.side_effect = [
        httpx.ReadTimeout("slow"),
        httpx.Response(200, json=send_answer([ok_row()])),
    ]
    # Ad SMS are listed under the plain SMS path.
    lookup = mock.get("/sender/sms").respond(json=page_answer([], total=0))
    result = await api.call("send_ad_sms", "01055550123", AD_BODY)
    assert send.call_count == 2
    assert lookup.call_count >= 1
    first, second = (body_json(c.request) for c in send.calls)
    assert first == second  # same key: the lookup can find either attempt
    assert lookup.calls.last.request.url.params["senderGroupingKey"] == first["senderGroupingKey"]
    assert result.ok and result.attempts == 2 and not result.recovered


async def test_lookup_ignores_a_listed_request_with_other_text(
    api: Api, mock: respx.MockRouter
) -> None:
    from notify_sdk import RetryPolicy
    from notify_sdk.errors import ServerError

    mock.post("/sender/sms").respond(502, text="<html>bad gateway</html>")
    earlier = [list_item(1, senderGroupingKey="k-1", recipientNo="01055550101")]
    lookup = mock.get("/sender/sms").respond(json=page_answer(earlier, total=1))
    # The earlier request sent other text under the same key: not this send.
    with pytest.raises(ServerError) as info:
        await api.call(
            "send_sms", "01055550101", "hi", sender_grouping_key="k-1", retry=RetryPolicy.disabled()
        )
    assert info.value.http_status == 502 and lookup.call_count == 1
