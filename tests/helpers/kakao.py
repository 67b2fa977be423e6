"""KakaoTalk test helpers: the documented answers, the pinned clock and request readers."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import httpx
import respx

from tests.helpers import ALIMTALK_PREFIX, FRIENDTALK_PREFIX, KST, SENDER_KEY, kakao_envelope

#: 2026-11-24 10:30:20 KST, as the aware UTC instant the clients' clock returns.
NOW = datetime(2026, 11, 24, 10, 30, 20, tzinfo=KST).astimezone(timezone.utc)
REQUEST_ID = "20261124103015kQ7vZs2NfH0"
ALIMTALK_SEND = f"{ALIMTALK_PREFIX}/messages"
ALIMTALK_RAW = f"{ALIMTALK_PREFIX}/raw-messages"
FRIENDTALK_SEND = f"{FRIENDTALK_PREFIX}/messages"
JSON_TYPE = "application/json;charset=UTF-8"
IDEM = "X-NC-API-IDEMPOTENCY-KEY"
CONVERT = "X-Convert-To-Brand-Message"


def body(route: respx.Route, index: int = 0) -> Any:
    return json.loads(route.calls[index].request.content)


def headers(route: respx.Route, index: int = 0) -> httpx.Headers:
    request: httpx.Request = route.calls[index].request
    return request.headers


def accepted(
    grouping: str = "order-58213-ship", rows: list[dict[str, Any]] | None = None, code: int = 0
) -> dict[str, object]:
    """The documented send answer (section 4.1); ``code=-1031`` for "all failed"."""
    if rows is None:
        rows = [
            {
                "recipientSeq": 1,
                "recipientNo": "01055550123",
                "resultCode": 0,
                "resultMessage": "SUCCESS",
                "recipientGroupingKey": "cust-9917",
            }
        ]
    # Built by hand: kakao_envelope's ``message`` is the header text, and the
    # send answer's body part is also called "message".
    data = kakao_envelope(code, "SUCCESS" if code == 0 else "All recipients failed.")
    data["message"] = {"requestId": REQUEST_ID, "senderGroupingKey": grouping, "sendResults": rows}
    return data


def with_message(message: dict[str, Any]) -> dict[str, object]:
    """A single-message answer: header plus ``message`` (not kakao_envelope's header text)."""
    data = kakao_envelope()
    data["message"] = message
    return data


def ok_send(grouping: str = "order-58213-ship", **kw: Any) -> httpx.Response:
    return httpx.Response(200, json=accepted(grouping, **kw))


def listed(
    grouping: str, seq: int, number: str, request_id: str = REQUEST_ID, template: str = "T1"
) -> dict[str, Any]:
    # The template code the tests send ("T1"): the lookup only adopts a listed
    # request that sent what this send sent.
    return {
        "requestId": request_id,
        "recipientSeq": seq,
        "plusFriendId": "@hanbitbooks",
        "senderKey": SENDER_KEY,
        "templateCode": template,
        "recipientNo": number,
        "content": "Kim Minji, your order 58213 has been handed to Hanjin.",
        "requestDate": "2026-11-24 10:30:15",
        "createDate": "2026-11-24 10:30:15",
        "receiveDate": None,
        "resendStatus": "RSC02",
        "resendStatusName": "Fallback target",
        "messageStatus": "COMPLETED",
        "resultCode": None,
        "resultCodeName": None,
        "createUser": None,
        "senderGroupingKey": grouping,
        "recipientGroupingKey": None,
    }


def listing(items: list[dict[str, Any]], total: int | None = None) -> dict[str, object]:
    return kakao_envelope(
        messageSearchResultResponse={
            "messages": items,
            "totalCount": len(items) if total is None else total,
        }
    )
