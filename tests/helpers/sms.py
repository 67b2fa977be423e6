"""Shared helpers of the SMS tests: one runner for both clients, mocks, documented answers.

Holds no tests itself. Every SMS test takes the ``api`` fixture, which runs the
same test body once against ``NotifyClient`` and once against
``AsyncNotifyClient``; a test body always ``await``s ``api.call(...)`` and the
runner awaits only when the client is the async one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
import respx

from notify_sdk._core.params import KST
from tests.helpers import SECRET, SMS_PREFIX, envelope, mock_router

JSON_CT = "application/json;charset=UTF-8"
REQUEST_ID = "20261124103015aZ3kP9qLwX0"


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    """respx router on the SMS prefix; an unmocked request fails the test."""
    with mock_router(SMS_PREFIX) as m:
        yield m


def check_headers(request: httpx.Request) -> None:
    """The two headers every SMS v3.0 call carries, GETs included."""
    assert request.headers["X-Secret-Key"] == SECRET
    assert request.headers["Content-Type"] == JSON_CT


def send_answer(rows: list[dict[str, Any]], key: str = "order-58213-ship") -> dict[str, Any]:
    return envelope(
        {
            "data": {
                "requestId": REQUEST_ID,
                "statusCode": "2",
                "senderGroupingKey": key,
                "sendResultList": rows,
            }
        }
    )


def ok_row(seq: int = 1, number: str = "01055550123", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "recipientNo": number,
        "resultCode": 0,
        "resultMessage": "SUCCESS",
        "recipientSeq": seq,
    }
    row.update(extra)
    return row


#: sms-v3.md 4.3, response: one accepted recipient, one refused with -2019.
DOC_SEND_ANSWER = send_answer(
    [
        ok_row(1, "01055550123", recipientGroupingKey="cust-9917"),
        {
            "recipientNo": "0105555",
            "resultCode": -2019,
            "resultMessage": "RecipientNo is invalid.",
            "recipientSeq": 2,
            "recipientGroupingKey": "cust-9918",
        },
    ]
)

#: sms-v3.md 5.3: the single-recipient query.
DOC_DELIVERY_ITEM: dict[str, Any] = {
    "requestId": REQUEST_ID,
    "recipientSeq": 1,
    "requestDate": "2026-11-24 10:30:15.0",
    "resultDate": "2026-11-24 10:30:19.0",
    "templateId": None,
    "templateName": None,
    "categoryId": None,
    "categoryName": None,
    "body": "[Hanbit Books] Order 58213 has shipped.",
    "sendNo": "0215449876",
    "countryCode": "82",
    "recipientNo": "01055550123",
    "msgStatus": "3",
    "msgStatusName": "성공",
    "resultCode": "1000",
    "resultCodeName": "성공",
    "telecomCode": 10002,
    "telecomCodeName": "KT",
    "sendType": "0",
    "messageType": "SMS",
    "messageCount": 1,
    "userId": None,
    "adYn": "N",
    "originCode": None,
    "resultMessage": "",
    "senderGroupingKey": "order-58213-ship",
    "recipientGroupingKey": "cust-9917",
    "dlr": None,
}


def list_item(seq: int, **extra: Any) -> dict[str, Any]:
    item = dict(DOC_DELIVERY_ITEM, recipientSeq=seq, recipientNo=f"010555501{seq:02d}")
    item.update(extra)
    return item


def page_answer(items: list[dict[str, Any]], total: int | None, num: int = 1) -> dict[str, Any]:
    body: dict[str, Any] = {"pageNum": num, "pageSize": len(items), "data": items}
    if total is not None:
        body["totalCount"] = total
    return envelope(body)


def kst_now() -> datetime:
    """Now as a naive Korea wall-clock datetime, as the SDK reads naive values."""
    return datetime.now(KST).replace(tzinfo=None)


def kst_minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def tomorrow_kst() -> datetime:
    return (kst_now() + timedelta(days=1)).replace(second=0, microsecond=0)
