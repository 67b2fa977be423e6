"""A send is reported accepted only for what its answer confirms.

Every send answer is read the same way, whatever the service: one
``RecipientResult`` per recipient sent, in request order; a recipient the
answer does not confirm (missing row, a row without a result code) is
``UNCONFIRMED``, so ``ok`` is ``False``; an answer that cannot be read at all
(no request id) is a ``ProtocolError``, whose message quotes at most a few
hundred characters of the bad answer.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import RetryPolicy
from notify_sdk.brand import TextMessage
from notify_sdk.errors import NotifyError, ProtocolError
from notify_sdk.results import UNCONFIRMED
from tests.helpers import (
    ALIMTALK_PREFIX,
    BRAND_PREFIX,
    FRIENDTALK_PREFIX,
    KST,
    SMS_PREFIX,
    Api,
    envelope,
    kakao_envelope,
)

NUMBERS = ["01055550101", "01055550102", "01055550103"]
NO_RETRY = RetryPolicy.disabled()
#: Noon KST: no night rule gets in the way of a send.
NOON = datetime(2026, 11, 24, 12, 0, tzinfo=KST).astimezone(timezone.utc)


def _sms(rows: Any, *, request_id: Any = "R-SMS-1", drop: tuple[str, ...] = ()) -> object:
    data: dict[str, Any] = {"requestId": request_id, "statusCode": "2", "sendResultList": rows}
    for key in drop:
        data.pop(key)
    return envelope({"data": data})


def _kakao(rows: Any, *, request_id: Any = "K1", drop: tuple[str, ...] = ()) -> object:
    message: dict[str, Any] = {"requestId": request_id, "sendResults": rows}
    for key in drop:
        message.pop(key)
    out = kakao_envelope()
    out["message"] = message
    return out


# (service, url, call, answer builder)
SERVICES = {
    "sms": (f"{SMS_PREFIX}/sender/sms", ("send_sms", NUMBERS, "hi"), _sms),
    "alimtalk": (f"{ALIMTALK_PREFIX}/messages", ("send_alimtalk", NUMBERS, "T1"), _kakao),
    "friendtalk": (f"{FRIENDTALK_PREFIX}/messages", ("send_friendtalk", NUMBERS, "hi"), _kakao),
    "brand": (
        f"{BRAND_PREFIX}/freestyle-messages",
        ("send_brand_message", NUMBERS, TextMessage("hi")),
        _kakao,
    ),
}
LIST_KEY = {"sms": "sendResultList", "alimtalk": "sendResults"}


@pytest.fixture(params=list(SERVICES))
def service(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as m:
        yield m


def _row(seq: int | None, number: str | None, code: Any = 0, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"recipientNo": number, "resultCode": code, "resultMessage": "SUCCESS"}
    if seq is not None:
        row["recipientSeq"] = seq
    row.update(extra)
    return row


async def _send(api: Api, mock: respx.MockRouter, service: str, answer: object) -> Any:
    url, (method, *args), _ = SERVICES[service]
    mock.post(url).mock(return_value=httpx.Response(200, json=answer))
    api.set_clock(NOON)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # FriendTalk's sunset notice
        return await api.call(method, *args, retry=NO_RETRY)


def _codes(result: Any) -> list[tuple[int | None, str | None, int]]:
    return [(r.seq, r.number, r.result_code) for r in result.recipients]


async def test_every_recipient_confirmed_is_accepted(
    api: Api, mock: respx.MockRouter, service: str
) -> None:
    build = SERVICES[service][2]
    rows = [_row(i, n) for i, n in enumerate(NUMBERS, start=1)]
    result = await _send(api, mock, service, build(rows))
    assert result.ok
    assert _codes(result) == [(1, NUMBERS[0], 0), (2, NUMBERS[1], 0), (3, NUMBERS[2], 0)]


async def test_one_row_for_three_recipients_leaves_two_unconfirmed(
    api: Api, mock: respx.MockRouter, service: str
) -> None:
    build = SERVICES[service][2]
    result = await _send(api, mock, service, build([_row(2, NUMBERS[1])]))
    assert not result.ok
    assert _codes(result) == [
        (1, NUMBERS[0], UNCONFIRMED),
        (2, NUMBERS[1], 0),
        (3, NUMBERS[2], UNCONFIRMED),
    ]
    assert [r.number for r in result.failed] == [NUMBERS[0], NUMBERS[2]]
    assert "not confirm" in result.failed[0].result_message


@pytest.mark.parametrize("shape", ["empty", "missing", "null"])
async def test_no_per_recipient_list_confirms_nobody(
    api: Api, mock: respx.MockRouter, service: str, shape: str
) -> None:
    build = SERVICES[service][2]
    key = "sendResultList" if service == "sms" else "sendResults"
    answer = build([] if shape == "empty" else None, drop=(key,) if shape == "missing" else ())
    result = await _send(api, mock, service, answer)
    assert not result.ok
    assert result.request_id is not None
    assert _codes(result) == [(i, n, UNCONFIRMED) for i, n in enumerate(NUMBERS, start=1)]


@pytest.mark.parametrize(
    "row",
    [
        pytest.param({"recipientSeq": 1, "resultCode": None}, id="null"),
        pytest.param({"recipientSeq": 1, "resultCode": ""}, id="blank"),
        pytest.param({"recipientSeq": 1, "recipientNo": NUMBERS[0]}, id="missing"),
        pytest.param({}, id="empty-row"),
    ],
)
async def test_row_without_a_result_code_is_not_accepted(
    api: Api, mock: respx.MockRouter, service: str, row: dict[str, Any]
) -> None:
    build = SERVICES[service][2]
    rows = [row, _row(2, NUMBERS[1]), _row(3, NUMBERS[2])]
    result = await _send(api, mock, service, build(rows))
    assert not result.ok
    assert [r.result_code for r in result.recipients] == [UNCONFIRMED, 0, 0]
    assert result.recipients[0].number == NUMBERS[0]


async def test_rows_out_of_order_without_seq_are_placed_by_number(
    api: Api, mock: respx.MockRouter, service: str
) -> None:
    build = SERVICES[service][2]
    rows = [_row(None, NUMBERS[2]), _row(None, NUMBERS[0], -2019)]
    result = await _send(api, mock, service, build(rows))
    assert _codes(result) == [
        (1, NUMBERS[0], -2019),
        (2, NUMBERS[1], UNCONFIRMED),
        (3, NUMBERS[2], 0),
    ]


async def test_duplicate_and_out_of_range_rows_confirm_nobody_else(
    api: Api, mock: respx.MockRouter, service: str
) -> None:
    build = SERVICES[service][2]
    rows = [_row(1, NUMBERS[0]), _row(1, NUMBERS[0]), _row(9, "01099999999")]
    result = await _send(api, mock, service, build(rows))
    assert [r.result_code for r in result.recipients] == [0, UNCONFIRMED, UNCONFIRMED]


@pytest.mark.parametrize("request_id", [None, "", "missing"])
async def test_answer_without_request_id_is_a_protocol_error(
    api: Api, mock: respx.MockRouter, service: str, request_id: Any
) -> None:
    build = SERVICES[service][2]
    rows = [_row(i, n) for i, n in enumerate(NUMBERS, start=1)]
    if request_id == "missing":
        answer = build(rows, drop=("requestId",))
    else:
        answer = build(rows, request_id=request_id)
    with pytest.raises(ProtocolError) as info:
        await _send(api, mock, service, answer)
    # The caller can still find the send again.
    assert "senderGroupingKey" in str(info.value)


async def test_empty_kakao_message_is_a_protocol_error(
    api: Api, mock: respx.MockRouter, service: str
) -> None:
    if service == "sms":
        answer = envelope({"data": {}})
    else:
        answer = kakao_envelope()
        answer["message"] = {}
    with pytest.raises(ProtocolError):
        await _send(api, mock, service, answer)


async def test_a_huge_bad_field_is_not_quoted_whole(
    api: Api, mock: respx.MockRouter, service: str
) -> None:
    build = SERVICES[service][2]
    huge = "E" * 100_000
    rows = [_row(1, NUMBERS[0], huge)]
    with pytest.raises(NotifyError) as info:
        await _send(api, mock, service, build(rows))
    assert isinstance(info.value, ProtocolError)
    assert len(str(info.value)) < 600
    assert len(repr(info.value)) < 600
    assert all(len(str(a)) < 600 for a in info.value.args)


async def test_a_huge_server_message_is_capped(api: Api, mock: respx.MockRouter) -> None:
    huge = "x" * 100_000
    mock.post(f"{SMS_PREFIX}/sender/sms").respond(json=envelope(code=-2019, message=huge))
    with pytest.raises(NotifyError) as info:
        await api.call("send_sms", NUMBERS[0], "hi", retry=NO_RETRY)
    assert len(str(info.value)) < 600
    assert len(repr(info.value)) < 600
