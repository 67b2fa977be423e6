"""AlimTalk, FriendTalk and sender-profile endpoints: exact requests, parsing, idempotency.

Every case runs against the sync and the async client from the same body (the
``run`` fixture). The clients' clock is pinned to 2026-11-24 10:30 KST so that
schedules, lookup windows and the FriendTalk night window are deterministic.
"""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import httpx
import pytest
import respx

from notify_sdk import NotifyClient, Recipient, SmsFallback
from notify_sdk.delivery import KakaoResultCode, Outcome
from notify_sdk.errors import (
    APIError,
    DuplicateRequestError,
    SenderProfileBlocked,
    SenderProfileError,
    TemplateError,
    TransportError,
    ValidationError,
)
from notify_sdk.results import UNCONFIRMED, CancelResult
from notify_sdk.services.kakao import (
    ButtonParams,
    FallbackResult,
    KakaoButton,
    KakaoMessage,
    KakaoQuickReply,
    SenderProfile,
)
from tests.helpers import (
    ALIMTALK_PREFIX,
    FRIENDTALK_PREFIX,
    KST,
    SECRET,
    SENDER_KEY,
    Runner,
    kakao_envelope,
)
from tests.helpers.kakao import (
    ALIMTALK_RAW,
    ALIMTALK_SEND,
    CONVERT,
    FRIENDTALK_SEND,
    IDEM,
    JSON_TYPE,
    NOW,
    REQUEST_ID,
    body,
    headers,
    listed,
    listing,
    ok_send,
    with_message,
)

# --- AlimTalk send: the exact request and the documented answer ----------------------


async def test_send_alimtalk_documented_example(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_SEND).mock(return_value=ok_send())
        result = await run(
            "send_alimtalk",
            Recipient(
                "010-5555-0123",
                params={"orderNo": "58213", "courier": "Hanjin"},
                grouping_key="cust-9917",
            ),
            "ORDER_SHIPPED_V2",
            params={"name": "Kim Minji", "orderNo": "overridden"},
            fallback=SmsFallback(title="Order shipped", sender="02-1544-9876", type="LMS"),
            sender_grouping_key="order-58213-ship",
            idempotency_key="0c6f8f2e-3b1d-4f7a-9a55-6e1d2b7c9a10",
        )
    assert route.call_count == 1
    request = route.calls[0].request
    assert request.method == "POST"
    assert request.url.path == "/alimtalk/v2.3/appkeys/test-kakao-app-key/messages"
    assert request.headers["X-Secret-Key"] == SECRET
    assert request.headers["Content-Type"] == JSON_TYPE
    assert request.headers[IDEM] == "0c6f8f2e-3b1d-4f7a-9a55-6e1d2b7c9a10"
    assert CONVERT not in request.headers
    assert body(route) == {
        "senderKey": SENDER_KEY,
        "senderGroupingKey": "order-58213-ship",
        "templateCode": "ORDER_SHIPPED_V2",
        "recipientList": [
            {
                "recipientNo": "01055550123",
                "templateParameter": {
                    "name": "Kim Minji",
                    "orderNo": "58213",
                    "courier": "Hanjin",
                },
                "resendParameter": {
                    "isResend": True,
                    "resendType": "LMS",
                    "resendTitle": "Order shipped",
                    "resendSendNo": "0215449876",
                },
                "recipientGroupingKey": "cust-9917",
            }
        ],
    }
    assert result.service == "alimtalk"
    assert result.request_id == REQUEST_ID
    assert result.sender_grouping_key == "order-58213-ship"
    assert result.idempotency_key == "0c6f8f2e-3b1d-4f7a-9a55-6e1d2b7c9a10"
    assert result.attempts == 1 and not result.recovered and result.ok
    (r,) = result.recipients
    assert (r.number, r.seq, r.result_code, r.result_message, r.grouping_key, r.namespace) == (
        "01055550123",
        1,
        0,
        "SUCCESS",
        "cust-9917",
        "kakao",
    )


async def test_send_alimtalk_mints_keys_and_maps_options(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_SEND).mock(
            return_value=ok_send(
                rows=[
                    {"recipientSeq": 2, "recipientNo": "01055550124", "resultCode": 0},
                    {"recipientSeq": 1, "recipientNo": "01055550123", "resultCode": 0},
                ]
            )
        )
        result = await run(
            "send_alimtalk",
            [
                "01055550123",
                Recipient("01055550124", fallback=False),
                Recipient("01055550125", fallback=SmsFallback(content="Shipped", type="SMS")),
            ],
            "ORDER_SHIPPED_V2",
            fallback=True,
            scheduled_at=datetime(2026, 11, 25, 9, 15, 42),
            buttons=[ButtonParams(1, chat_extra="x", target_out=True, tel_number="0215449876")],
            quick_replies=[ButtonParams(2, chat_event="ev")],
            stats_id="stat0001",
        )
    sent = body(route)
    key = headers(route)[IDEM]
    assert len(key) == 32 and int(key, 16) >= 0
    assert sent["senderGroupingKey"].startswith("nsdk-")
    assert sent["senderKey"] == SENDER_KEY
    assert sent["requestDate"] == "2026-11-25 09:15"
    assert sent["statsId"] == "stat0001"
    buttons = [{"ordering": 1, "chatExtra": "x", "telNumber": "0215449876", "target": "out"}]
    replies = [{"ordering": 2, "chatEvent": "ev"}]
    assert sent["recipientList"] == [
        {
            "recipientNo": "01055550123",
            "resendParameter": {"isResend": True},
            "buttons": buttons,
            "quickReplies": replies,
        },
        {
            "recipientNo": "01055550124",
            "resendParameter": {"isResend": False},
            "buttons": buttons,
            "quickReplies": replies,
        },
        {
            "recipientNo": "01055550125",
            "resendParameter": {"isResend": True, "resendType": "SMS", "resendContent": "Shipped"},
            "buttons": buttons,
            "quickReplies": replies,
        },
    ]
    assert result.idempotency_key == key
    # Results are reported in recipientSeq (request) order, one per recipient
    # sent: the third, which the answer does not list, is not reported accepted.
    assert [(r.seq, r.result_code) for r in result.recipients] == [(1, 0), (2, 0), (3, UNCONFIRMED)]
    assert not result.ok


async def test_each_send_mints_a_new_key(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_SEND).mock(return_value=ok_send())
        await run("send_alimtalk", "01055550123", "T1")
        await run("send_alimtalk", "01055550123", "T1")
    assert headers(route, 0)[IDEM] != headers(route, 1)[IDEM]
    assert body(route, 0)["senderGroupingKey"] != body(route, 1)["senderGroupingKey"]


async def test_send_alimtalk_raw_exact_request(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_RAW).mock(return_value=ok_send())
        result = await run(
            "send_alimtalk_raw",
            Recipient("01055550123", params={"name": "Kim Minji"}),
            "#{name}, your order 58213 has been handed to Hanjin. #{unknown}",
            template_code="ORDER_SHIPPED_V2",
            title="Shipped",
            header="Order",
            buttons=[
                KakaoButton("DS", "Track parcel"),
                KakaoButton(
                    "WL", "Shop", link_mobile="https://m.x.example", link_pc="https://x.example"
                ),
                KakaoButton("AL", "App", scheme_ios="x://a", scheme_android="x://b", ordering=7),
                KakaoButton("BF", "Form", biz_form_id=12, chat_extra="c"),
            ],
            quick_replies=[KakaoQuickReply("BK", "Help", chat_extra="help")],
            idempotency_key="raw-key-1",
            sender_grouping_key="g-raw",
        )
    request = route.calls[0].request
    assert request.url.path == "/alimtalk/v2.3/appkeys/test-kakao-app-key/raw-messages"
    assert request.headers[IDEM] == "raw-key-1"
    assert request.headers["X-Secret-Key"] == SECRET
    assert request.headers["Content-Type"] == JSON_TYPE
    assert body(route) == {
        "senderKey": SENDER_KEY,
        "senderGroupingKey": "g-raw",
        "templateCode": "ORDER_SHIPPED_V2",
        "recipientList": [
            {
                "recipientNo": "01055550123",
                "content": "Kim Minji, your order 58213 has been handed to Hanjin. #{unknown}",
                "templateTitle": "Shipped",
                "templateHeader": "Order",
                "buttons": [
                    {"ordering": 1, "type": "DS", "name": "Track parcel"},
                    {
                        "ordering": 2,
                        "type": "WL",
                        "name": "Shop",
                        "linkMo": "https://m.x.example",
                        "linkPc": "https://x.example",
                    },
                    {
                        "ordering": 7,
                        "type": "AL",
                        "name": "App",
                        "schemeIos": "x://a",
                        "schemeAndroid": "x://b",
                    },
                    {
                        "ordering": 4,
                        "type": "BF",
                        "name": "Form",
                        "chatExtra": "c",
                        "bizFormId": 12,
                    },
                ],
                "quickReplies": [
                    {"ordering": 1, "type": "BK", "name": "Help", "chatExtra": "help"}
                ],
            }
        ],
    }
    assert result.service == "alimtalk" and result.idempotency_key == "raw-key-1"


# --- FriendTalk send ---------------------------------------------------------------


async def test_send_friendtalk_documented_example(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(FRIENDTALK_SEND).mock(return_value=ok_send("ft-1"))
        with pytest.warns(DeprecationWarning, match=r"2026-12-31.*send_brand_message"):
            result = await run(
                "send_friendtalk",
                "01055550123",
                "Hanbit Books weekend sale: 20% off all novels until Sunday.",
                buttons=[
                    KakaoButton("WL", "Shop now", link_mobile="https://m.hanbit.example/sale")
                ],
                is_ad=True,
                fallback=SmsFallback(
                    content="(광고) 한빛서점 주말 20% 할인\n무료수신거부 0805550100",
                    sender="0215449876",
                    type="SMS",
                ),
                sender_grouping_key="ft-1",
                idempotency_key="7d1e0b9a-52c4-4e0f-b1a8-3f6c2d9e4a77",
            )
    request = route.calls[0].request
    assert request.method == "POST"
    assert request.url.path == "/friendtalk/v2.4/appkeys/test-kakao-app-key/messages"
    assert request.headers["X-Secret-Key"] == SECRET
    assert request.headers[CONVERT] == "true"
    assert request.headers[IDEM] == "7d1e0b9a-52c4-4e0f-b1a8-3f6c2d9e4a77"
    assert request.headers["Content-Type"] == JSON_TYPE
    assert body(route) == {
        "senderKey": SENDER_KEY,
        "senderGroupingKey": "ft-1",
        "recipientList": [
            {
                "recipientNo": "01055550123",
                "content": "Hanbit Books weekend sale: 20% off all novels until Sunday.",
                "buttons": [
                    {
                        "ordering": 1,
                        "type": "WL",
                        "name": "Shop now",
                        "linkMo": "https://m.hanbit.example/sale",
                    }
                ],
                "isAd": True,
                "resendParameter": {
                    "isResend": True,
                    "resendType": "SMS",
                    "resendContent": "(광고) 한빛서점 주말 20% 할인\n무료수신거부 0805550100",
                    "resendSendNo": "0215449876",
                },
            }
        ],
    }
    assert result.service == "friendtalk"
    assert result.request_id == REQUEST_ID
    assert result.idempotency_key == "7d1e0b9a-52c4-4e0f-b1a8-3f6c2d9e4a77"


async def test_send_friendtalk_leaves_is_ad_to_the_apis_default(run: Runner) -> None:
    # isAd defaults to true in the API and the route converts to Brand Message
    # (advertising): the SDK does not send false on the caller's behalf.
    with respx.mock() as mock:
        route = mock.post(FRIENDTALK_SEND).mock(return_value=ok_send())
        with pytest.warns(DeprecationWarning):
            await run(
                "send_friendtalk",
                Recipient("01055550123", grouping_key="r1"),
                "New arrivals",
                message_type="wide_image",
                image_url="https://mud-kage.kakao.com/dn/example/img_l.jpg",
                image_link="https://m.shop.example",
                adult=True,
                scheduled_at=datetime(2026, 11, 24, 20, 49),
            )
    sent = body(route)
    assert sent["requestDate"] == "2026-11-24 20:49"
    assert sent["recipientList"] == [
        {
            "recipientNo": "01055550123",
            "content": "New arrivals",
            "imageUrl": "https://mud-kage.kakao.com/dn/example/img_l.jpg",
            "imageLink": "https://m.shop.example",
            "adult": True,
            "recipientGroupingKey": "r1",
        }
    ]


def test_friendtalk_deprecation_points_at_the_caller(client: NotifyClient) -> None:
    client._ctx = attrs.evolve(client._ctx, clock=lambda: NOW)
    with respx.mock() as mock:
        mock.post(FRIENDTALK_SEND).mock(return_value=ok_send())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            client.send_friendtalk("01055550123", "hi")
    (warning,) = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert warning.filename == __file__


@pytest.mark.parametrize(
    "local_time", [datetime(2026, 11, 24, 20, 50), datetime(2026, 11, 25, 7, 59)]
)
async def test_friendtalk_immediate_send_at_night_warns_and_sends(
    run: Runner, local_time: datetime
) -> None:
    run.set_clock(local_time.replace(tzinfo=KST))
    with respx.mock() as mock:
        route = mock.post(FRIENDTALK_SEND).mock(return_value=ok_send())
        with pytest.warns(DeprecationWarning), pytest.warns(UserWarning, match="20:50 and 08:00"):
            result = await run("send_friendtalk", "01055550123", "hi")
    assert route.call_count == 1 and result.ok


async def test_friendtalk_daytime_send_does_not_warn_about_night(run: Runner) -> None:
    run.set_clock(datetime(2026, 11, 24, 8, 0, tzinfo=KST))
    with respx.mock() as mock:
        mock.post(FRIENDTALK_SEND).mock(return_value=ok_send())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            await run("send_friendtalk", "01055550123", "hi")
    assert [w.category for w in caught] == [DeprecationWarning]


# --- per-recipient failures and typed errors ----------------------------------------


async def test_all_failed_envelope_maps_each_recipient(run: Runner) -> None:
    rows = [
        {
            "recipientSeq": 1,
            "recipientNo": "01055550123",
            "resultCode": -2019,
            "resultMessage": "Body too long.",
        },
        {
            "recipientSeq": "2",
            "recipientNo": "01055550124",
            "resultCode": "-3005",
            "resultMessage": "Template not approved.",
            "recipientGroupingKey": "g2",
        },
    ]
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_SEND).mock(return_value=ok_send(rows=rows, code=-1031))
        result = await run("send_alimtalk", ["01055550123", "01055550124"], "T1")
    assert route.call_count == 1
    assert not result.ok and result.request_id == REQUEST_ID
    assert [(r.seq, r.result_code, r.grouping_key) for r in result.failed] == [
        (1, -2019, None),
        (2, -3005, "g2"),
    ]
    assert isinstance(result.recipients[0].error, ValidationError)
    assert isinstance(result.recipients[1].error, TemplateError)
    assert result.recipients[1].error.service == "kakao"


async def test_all_failed_envelope_without_results_raises_its_code(run: Runner) -> None:
    with respx.mock() as mock:
        mock.post(ALIMTALK_SEND).mock(
            return_value=httpx.Response(200, json=kakao_envelope(-1031, "All failed."))
        )
        with pytest.raises(APIError) as info:
            await run("send_alimtalk", "01055550123", "T1")
    assert info.value.code == -1031 and info.value.service == "kakao"


async def test_partial_failure_in_a_successful_envelope(run: Runner) -> None:
    rows = [
        {"recipientSeq": 1, "recipientNo": "01055550123", "resultCode": 0},
        {"recipientSeq": 2, "recipientNo": "01055550124", "resultCode": -2019},
    ]
    with respx.mock() as mock:
        mock.post(ALIMTALK_SEND).mock(return_value=ok_send(rows=rows))
        result = await run("send_alimtalk", ["01055550123", "01055550124"], "T1")
    assert [r.ok for r in result.recipients] == [True, False]
    assert result.recipients[0].result_message == ""


@pytest.mark.parametrize("service", ["alimtalk", "friendtalk"])
async def test_blocked_sender_profile_raises(run: Runner, service: str) -> None:
    url = ALIMTALK_SEND if service == "alimtalk" else FRIENDTALK_SEND
    with respx.mock() as mock:
        route = mock.post(url).mock(
            return_value=httpx.Response(
                200, json=kakao_envelope(-1027, "Sender profile is blocked.")
            )
        )
        with pytest.raises(SenderProfileBlocked) as info, warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            if service == "alimtalk":
                await run("send_alimtalk", "01055550123", "T1")
            else:
                await run("send_friendtalk", "01055550123", "hi")
    assert route.call_count == 1  # never retried
    error = info.value
    assert isinstance(error, SenderProfileError) and isinstance(error, APIError)
    assert (error.service, error.code, error.attempts) == ("kakao", -1027, 1)


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_missing_sender_key_is_a_local_error(kind: str) -> None:
    runner = Runner(kind, now=NOW, kakao_sender_key=None)
    with respx.mock(assert_all_called=False) as mock:
        route = mock.route()
        with pytest.raises(ValidationError) as info:
            await runner("send_alimtalk", "01055550123", "T1")
    assert info.value.field == "sender_key" and info.value.code is None
    assert route.call_count == 0
    await runner.aclose()


# --- idempotency and recovery --------------------------------------------------------


async def test_first_attempt_minus_1005_is_a_reused_key(run: Runner) -> None:
    with respx.mock(assert_all_called=False) as mock:
        post = mock.post(ALIMTALK_SEND).mock(
            return_value=httpx.Response(200, json=kakao_envelope(-1005, "Same key."))
        )
        get = mock.get(ALIMTALK_SEND)
        with pytest.raises(DuplicateRequestError) as info:
            await run("send_alimtalk", "01055550123", "T1", idempotency_key="reused")
    assert post.call_count == 1 and get.call_count == 0
    assert info.value.code == -1005


async def test_read_timeout_is_retried_with_the_same_key(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(ALIMTALK_SEND).mock(side_effect=[httpx.ReadTimeout("slow"), ok_send()])
        result = await run("send_alimtalk", "01055550123", "T1")
    assert post.call_count == 2
    assert headers(post, 0)[IDEM] == headers(post, 1)[IDEM] == result.idempotency_key
    assert body(post, 0) == body(post, 1)
    assert result.attempts == 2 and not result.recovered
    assert result.request_id == REQUEST_ID


async def test_system_error_is_retried_with_the_same_key(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(ALIMTALK_SEND).mock(
            side_effect=[
                httpx.Response(200, json=kakao_envelope(-9999, "System error.")),
                ok_send(),
            ]
        )
        result = await run("send_alimtalk", "01055550123", "T1", idempotency_key="k-9999")
    assert [headers(post, i)[IDEM] for i in range(2)] == ["k-9999", "k-9999"]
    assert result.attempts == 2


def _replay_sequence() -> list[Any]:
    return [
        httpx.ReadTimeout("slow"),
        httpx.Response(200, json=kakao_envelope(-1005, "Same key used within 10 minutes.")),
    ]


async def test_minus_1005_after_timeout_recovers_the_request_by_lookup(run: Runner) -> None:
    seen: list[httpx.Request] = []

    def found(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        grouping = request.url.params["senderGroupingKey"]
        # Newest first, as the API sorts: the SDK must report recipientSeq order.
        return httpx.Response(
            200,
            json=listing([listed(grouping, 2, "01055550124"), listed(grouping, 1, "01055550123")]),
        )

    with respx.mock() as mock:
        post = mock.post(ALIMTALK_SEND).mock(side_effect=_replay_sequence())
        get = mock.get(ALIMTALK_SEND).mock(side_effect=found)
        result = await run("send_alimtalk", ["01055550123", "01055550124"], "T1")
    assert post.call_count == 2  # never a third POST
    assert get.call_count == 1
    sent = body(post)
    assert headers(post, 0)[IDEM] == headers(post, 1)[IDEM] == result.idempotency_key
    assert result.recovered and result.attempts == 2
    assert result.request_id == REQUEST_ID
    assert result.service == "alimtalk"
    assert result.sender_grouping_key == sent["senderGroupingKey"]
    assert [(r.seq, r.number, r.result_code) for r in result.recipients] == [
        (1, "01055550123", 0),
        (2, "01055550124", 0),
    ]
    params = seen[0].url.params
    assert params["senderGroupingKey"] == sent["senderGroupingKey"]
    # Built at 10:30 KST: the window runs from 2 minutes before to 2 after the lookup.
    assert params["startRequestDate"] == "2026-11-24 10:28"
    assert params["endRequestDate"] == "2026-11-24 10:32"
    assert seen[0].headers["X-Secret-Key"] == SECRET
    assert IDEM not in seen[0].headers


async def test_minus_1005_after_timeout_with_nothing_found_reports_unknown_id(
    run: Runner,
) -> None:
    with respx.mock() as mock:
        post = mock.post(ALIMTALK_SEND).mock(side_effect=_replay_sequence())
        get = mock.get(ALIMTALK_SEND).mock(return_value=httpx.Response(200, json=listing([])))
        result = await run("send_alimtalk", [Recipient("01055550123", grouping_key="g1")], "T1")
    assert post.call_count == 2  # never a third POST
    assert get.call_count >= 1
    assert result.request_id is None
    assert result.recovered and result.attempts == 2 and result.ok
    (r,) = result.recipients
    assert (r.number, r.result_code, r.grouping_key, r.namespace) == (
        "01055550123",
        0,
        "g1",
        "kakao",
    )
    assert "-1005" in r.result_message
    assert result.idempotency_key == headers(post, 0)[IDEM]
    assert result.sender_grouping_key == body(post)["senderGroupingKey"]


async def test_lookup_ignores_rows_of_other_grouping_keys(run: Runner) -> None:
    def other(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=listing([listed("someone-else", 1, "01055550123")]))

    with respx.mock() as mock:
        mock.post(ALIMTALK_SEND).mock(side_effect=_replay_sequence())
        mock.get(ALIMTALK_SEND).mock(side_effect=other)
        result = await run("send_alimtalk", "01055550123", "T1")
    assert result.request_id is None and result.recovered


async def test_friendtalk_replay_looks_up_friendtalk_with_the_switch_header(run: Runner) -> None:
    seen: list[httpx.Request] = []

    def found(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        grouping = request.url.params["senderGroupingKey"]
        return httpx.Response(200, json=listing([listed(grouping, 1, "01055550123")]))

    with respx.mock() as mock:
        post = mock.post(FRIENDTALK_SEND).mock(side_effect=_replay_sequence())
        mock.get(FRIENDTALK_SEND).mock(side_effect=found)
        with pytest.warns(DeprecationWarning):
            result = await run("send_friendtalk", "01055550123", "hi")
    assert post.call_count == 2
    assert headers(post, 0)[IDEM] == headers(post, 1)[IDEM]
    assert headers(post, 1)[CONVERT] == "true"
    assert seen[0].headers[CONVERT] == "true"
    assert result.service == "friendtalk" and result.recovered
    assert result.request_id == REQUEST_ID


async def test_scheduled_send_is_looked_up_around_its_schedule(run: Runner) -> None:
    seen: list[httpx.Request] = []

    def nothing(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=listing([]))

    with respx.mock() as mock:
        mock.post(ALIMTALK_SEND).mock(side_effect=_replay_sequence())
        mock.get(ALIMTALK_SEND).mock(side_effect=nothing)
        await run(
            "send_alimtalk", "01055550123", "T1", scheduled_at=datetime(2026, 12, 1, 9, 0, 30)
        )
    params = seen[0].url.params
    assert params["startRequestDate"] == "2026-12-01 08:58"
    assert params["endRequestDate"] == "2026-12-01 09:02"


# --- AlimTalk queries ------------------------------------------------------------------


DOC_LIST_ITEM: dict[str, Any] = {
    "requestId": REQUEST_ID,
    "recipientSeq": 1,
    "plusFriendId": "@hanbitbooks",
    "senderKey": "5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
    "templateCode": "ORDER_SHIPPED_V2",
    "recipientNo": "01055550123",
    "content": "Kim Minji, your order 58213 has been handed to Hanjin.",
    "requestDate": "2026-11-24 10:30:15",
    "createDate": "2026-11-24 10:30:15",
    "receiveDate": "2026-11-24 10:30:18",
    "resendStatus": "RSC01",
    "resendStatusName": "No fallback target",
    "messageStatus": "COMPLETED",
    "resultCode": "1000",
    "resultCodeName": "Success",
    "createUser": None,
    "senderGroupingKey": "order-58213-ship",
    "recipientGroupingKey": "cust-9917",
}


async def test_list_alimtalk_messages_request_and_documented_answer(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.get(ALIMTALK_SEND).mock(
            return_value=httpx.Response(200, json=listing([DOC_LIST_ITEM]))
        )
        items = await run.collect(
            "list_alimtalk_messages",
            requested_from=datetime(2026, 11, 24, 10, 0),
            requested_to=datetime(2026, 11, 24, 11, 0, 59),
            sender_grouping_key="order-58213-ship",
            recipient="010-5555-0123",
            template_code="ORDER_SHIPPED_V2",
            sender_key=SENDER_KEY,
            recipient_grouping_key="cust-9917",
            status="COMPLETED",
            result="MRC01",
            page_size=50,
        )
    request = route.calls[0].request
    assert request.method == "GET"
    assert request.url.path == "/alimtalk/v2.3/appkeys/test-kakao-app-key/messages"
    assert request.headers["X-Secret-Key"] == SECRET
    assert dict(request.url.params) == {
        "startRequestDate": "2026-11-24 10:00",
        "endRequestDate": "2026-11-24 11:00",
        "senderGroupingKey": "order-58213-ship",
        "recipientNo": "01055550123",
        "templateCode": "ORDER_SHIPPED_V2",
        "senderKey": SENDER_KEY,
        "recipientGroupingKey": "cust-9917",
        "messageStatus": "COMPLETED",
        "resultCode": "MRC01",
        "pageNum": "1",
        "pageSize": "50",
    }
    assert items == [
        KakaoMessage(
            service="alimtalk",
            request_id=REQUEST_ID,
            seq=1,
            recipient="01055550123",
            template_code="ORDER_SHIPPED_V2",
            content="Kim Minji, your order 58213 has been handed to Hanjin.",
            status="COMPLETED",
            result_code=KakaoResultCode("1000"),
            raw_result_code="1000",
            result_message="Success",
            request_date="2026-11-24 10:30:15",
            create_date="2026-11-24 10:30:15",
            receive_date="2026-11-24 10:30:18",
            sender_key="5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
            plus_friend_id="@hanbitbooks",
            sender_grouping_key="order-58213-ship",
            recipient_grouping_key="cust-9917",
            fallback=FallbackResult("RSC01", "No fallback target"),
        )
    ]
    assert items[0].outcome is Outcome.DELIVERED and items[0].ok


async def test_list_pages_until_the_total_and_honours_limit(run: Runner) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        num = int(request.url.params["pageNum"])
        item = {**DOC_LIST_ITEM, "recipientSeq": num}
        return httpx.Response(200, json=listing([item], total=3))

    with respx.mock() as mock:
        route = mock.get(ALIMTALK_SEND).mock(side_effect=page)
        items = await run.collect("list_alimtalk_messages", request_id=REQUEST_ID, page_size=1)
        assert [m.seq for m in items] == [1, 2, 3]
        assert route.call_count == 3
        assert [c.request.url.params["requestId"] for c in route.calls] == [REQUEST_ID] * 3
        limited = await run.collect(
            "list_alimtalk_messages", request_id=REQUEST_ID, page_size=1, limit=2
        )
    assert [m.seq for m in limited] == [1, 2]
    assert route.call_count == 5


async def test_list_by_created_range(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.get(ALIMTALK_SEND).mock(return_value=httpx.Response(200, json=listing([])))
        items = await run.collect(
            "list_alimtalk_messages",
            created_from=datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc),
            created_to=datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc),
        )
    assert items == []
    params = route.calls[0].request.url.params
    assert params["startCreateDate"] == "2026-11-24 10:00"
    assert params["endCreateDate"] == "2026-11-24 11:00"


async def test_get_alimtalk_message_documented_answer(run: Runner) -> None:
    answer = with_message(
        {
            "requestId": REQUEST_ID,
            "recipientSeq": 1,
            "templateCode": "ORDER_SHIPPED_V2",
            "recipientNo": "01055550123",
            "content": "Kim Minji, your order 58213 has been handed to Hanjin.",
            "requestDate": "2026-11-24 10:30:15",
            "receiveDate": None,
            "messageStatus": "FAILED",
            "resultCode": "3018",
            "resultCodeName": "Unable to send",
            "resendStatus": "RSC04",
            "resendStatusName": "Fallback succeeded",
            "resendResultCode": "0",
            "resendRequestId": "20261124103021Xw4TgPq8Lm0",
            "senderGroupingKey": "order-58213-ship",
            "recipientGroupingKey": "cust-9917",
        }
    )
    with respx.mock() as mock:
        route = mock.get(f"{ALIMTALK_SEND}/{REQUEST_ID}/1").mock(
            return_value=httpx.Response(200, json=answer)
        )
        message = await run("get_alimtalk_message", REQUEST_ID, 1)
    request = route.calls[0].request
    assert request.method == "GET" and request.headers["X-Secret-Key"] == SECRET
    assert message.status == "FAILED" and message.receive_date is None
    assert message.result_code is KakaoResultCode("3018")
    assert message.outcome is Outcome.PERMANENT_FAILURE and not message.ok
    assert message.fallback == FallbackResult(
        "RSC04", "Fallback succeeded", "0", "20261124103021Xw4TgPq8Lm0"
    )
    assert message.fallback.sent and not message.fallback.failed


@pytest.mark.parametrize(
    ("status", "code", "outcome"),
    [
        ("CANCEL", None, Outcome.PERMANENT_FAILURE),
        (None, None, Outcome.PENDING),
        ("FAILED", "7777", Outcome.UNKNOWN_FAILURE),
    ],
)
def test_message_outcome_without_a_known_code(
    status: str | None, code: str | None, outcome: Outcome
) -> None:
    message = KakaoMessage("alimtalk", REQUEST_ID, 1, status=status, raw_result_code=code)
    assert message.outcome is outcome


async def test_unknown_message_raises_its_typed_error(run: Runner) -> None:
    with respx.mock() as mock:
        mock.get(f"{ALIMTALK_SEND}/{REQUEST_ID}/9").mock(
            return_value=httpx.Response(200, json=kakao_envelope(-1016, "No message."))
        )
        with pytest.raises(APIError) as info:
            await run("get_alimtalk_message", REQUEST_ID, 9)
    assert info.value.code == -1016 and info.value.service == "kakao"


@pytest.mark.parametrize(("seqs", "query"), [(None, {}), ([1, 2, 3], {"recipientSeq": "1,2,3"})])
async def test_cancel_alimtalk(run: Runner, seqs: list[int] | None, query: dict[str, str]) -> None:
    with respx.mock() as mock:
        route = mock.delete(f"{ALIMTALK_SEND}/{REQUEST_ID}").mock(
            return_value=httpx.Response(200, json=kakao_envelope())
        )
        outcome = await run("cancel_alimtalk", REQUEST_ID, recipient_seqs=seqs)
    # One typed answer for every cancel; the header-only answer counts nothing.
    assert outcome == CancelResult(
        None if seqs is None else len(seqs), None, service="alimtalk", request_id=REQUEST_ID
    )
    request = route.calls[0].request
    assert request.method == "DELETE"
    assert request.url.path == f"/alimtalk/v2.3/appkeys/test-kakao-app-key/messages/{REQUEST_ID}"
    assert dict(request.url.params) == query
    assert request.headers["X-Secret-Key"] == SECRET


async def test_cancel_nothing_cancellable_is_not_retried(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.delete(f"{ALIMTALK_SEND}/{REQUEST_ID}").mock(
            return_value=httpx.Response(200, json=kakao_envelope(-2029, "Nothing to cancel."))
        )
        with pytest.raises(APIError) as info:
            await run("cancel_alimtalk", REQUEST_ID)
    assert info.value.code == -2029 and route.call_count == 1


async def test_search_alimtalk_results_bare_array(run: Runner) -> None:
    item = {
        "requestId": REQUEST_ID,
        "recipientSeq": 1,
        "requestDate": "2026-11-24 10:30:15",
        "createDate": "2026-11-24 10:30:15",
        "receiveDate": "2026-11-24 10:30:18",
        "resendStatus": "RSC01",
        "resendStatusName": "No fallback target",
        "resendResultCode": None,
        "resendRequestId": None,
        "messageStatus": "COMPLETED",
        "resultCode": "1000",
        "resultCodeName": "Success",
    }
    with respx.mock() as mock:
        route = mock.get(f"{ALIMTALK_PREFIX}/message-results").mock(
            return_value=httpx.Response(200, json=kakao_envelope(messages=[item]))
        )
        items = await run.collect(
            "search_alimtalk_results",
            updated_from=datetime(2026, 11, 24, 10, 0),
            updated_to=datetime(2026, 11, 24, 10, 30),
            message_type="NORMAL",
            page_size=10,
        )
    assert route.call_count == 1  # fewer items than a page: the end
    assert dict(route.calls[0].request.url.params) == {
        "startUpdateDate": "2026-11-24 10:00",
        "endUpdateDate": "2026-11-24 10:30",
        "alimtalkMessageType": "NORMAL",
        "pageNum": "1",
        "pageSize": "10",
    }
    (message,) = items
    assert (message.request_id, message.seq, message.recipient) == (REQUEST_ID, 1, None)
    assert message.outcome is Outcome.DELIVERED
    assert message.fallback == FallbackResult("RSC01", "No fallback target")


async def test_search_results_pages_without_a_total(run: Runner) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        num = int(request.url.params["pageNum"])
        items = [{"requestId": REQUEST_ID, "recipientSeq": num}] if num <= 2 else []
        return httpx.Response(200, json=kakao_envelope(messages=items))

    with respx.mock() as mock:
        route = mock.get(f"{ALIMTALK_PREFIX}/message-results").mock(side_effect=page)
        items = await run.collect(
            "search_alimtalk_results",
            updated_from=datetime(2026, 11, 24, 10, 0),
            updated_to=datetime(2026, 11, 24, 10, 30),
            page_size=1,
        )
    assert [m.seq for m in items] == [1, 2]
    assert route.call_count == 3


# --- FriendTalk queries ----------------------------------------------------------------


async def test_friendtalk_list_and_get_send_the_switch_header(run: Runner) -> None:
    item = {**DOC_LIST_ITEM, "templateCode": None, "resultCode": "3022"}
    with respx.mock() as mock:
        listed_route = mock.get(FRIENDTALK_SEND).mock(
            return_value=httpx.Response(200, json=listing([item]))
        )
        got_route = mock.get(f"{FRIENDTALK_SEND}/{REQUEST_ID}/1").mock(
            return_value=httpx.Response(200, json=with_message(item))
        )
        items = await run.collect(
            "list_friendtalk_messages", request_id=REQUEST_ID, status="FAILED", result="MRC02"
        )
        message = await run("get_friendtalk_message", REQUEST_ID, 1)
    for route in (listed_route, got_route):
        assert route.calls[0].request.headers[CONVERT] == "true"
        assert route.calls[0].request.headers["X-Secret-Key"] == SECRET
    assert listed_route.calls[0].request.url.path.startswith("/friendtalk/v2.4/appkeys/")
    assert dict(listed_route.calls[0].request.url.params) == {
        "requestId": REQUEST_ID,
        "messageStatus": "FAILED",
        "resultCode": "MRC02",
        "pageNum": "1",
        "pageSize": "100",
    }
    assert items[0].service == message.service == "friendtalk"
    assert message.outcome is Outcome.TIME_WINDOW


# --- sender profiles -------------------------------------------------------------------


DOC_SENDER: dict[str, Any] = {
    "plusFriendId": "@hanbitbooks",
    "senderKey": "5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
    "categoryCode": "00100010001",
    "status": "YSC03",
    "statusName": "Registered",
    "kakaoStatus": "A",
    "kakaoStatusName": "Normal",
    "kakaoProfileStatus": "A",
    "kakaoProfileStatusName": "Activated",
    "profileSpamLevel": "정상",
    "profileMessageSpamLevel": "정상",
    "alimtalk": {
        "resendAppKey": "q7Rk2mPzL9sT4vXa",
        "isResend": True,
        "resendSendNo": "0215449876",
        "dailyMaxCount": 0,
        "sentCount": 0,
    },
    "friendtalk": None,
    "dormant": False,
    "block": False,
    "createDate": "2025-03-02 09:14:00",
    "initialUserRestriction": False,
}


async def test_list_sender_profiles_documented_answer(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.get(f"{ALIMTALK_PREFIX}/senders").mock(
            return_value=httpx.Response(
                200, json=kakao_envelope(senders=[DOC_SENDER], totalCount=1)
            )
        )
        profiles = await run.collect(
            "list_sender_profiles", plus_friend_id="@hanbitbooks", status="YSC03"
        )
    request = route.calls[0].request
    assert request.method == "GET" and request.headers["X-Secret-Key"] == SECRET
    assert dict(request.url.params) == {
        "plusFriendId": "@hanbitbooks",
        "status": "YSC03",
        "pageNum": "1",
        "pageSize": "100",
    }
    (profile,) = profiles
    assert profile.sender_key == "5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a"
    assert profile.plus_friend_id == "@hanbitbooks"
    assert (profile.status, profile.kakao_status, profile.kakao_profile_status) == (
        "YSC03",
        "A",
        "A",
    )
    assert profile.profile_spam_level == "정상"
    assert profile.active and not profile.blocked and not profile.dormant
    assert profile.alimtalk is not None and profile.friendtalk is None
    assert profile.alimtalk.resend_enabled is True
    assert profile.alimtalk.resend_sender == "0215449876"
    assert profile.alimtalk.daily_max_count == 0 and profile.alimtalk.daily_remaining is None
    assert profile.create_date == "2025-03-02 09:14:00"


async def test_get_sender_profile_defaults_to_the_configured_key(run: Runner) -> None:
    blocked = {**DOC_SENDER, "senderKey": SENDER_KEY, "block": True, "kakaoStatus": "S"}
    with respx.mock() as mock:
        route = mock.get(f"{ALIMTALK_PREFIX}/senders/{SENDER_KEY}").mock(
            return_value=httpx.Response(200, json=kakao_envelope(sender=blocked))
        )
        profile = await run("get_sender_profile")
    assert route.calls[0].request.headers["X-Secret-Key"] == SECRET
    assert isinstance(profile, SenderProfile)
    assert profile.blocked and not profile.active


@pytest.mark.parametrize(
    ("changes", "active", "blocked"),
    [
        ({}, True, False),
        ({"status": "YSC02", "kakaoStatus": None, "kakaoProfileStatus": None}, False, False),
        ({"kakaoProfileStatus": "B"}, False, True),
        ({"dormant": True}, False, False),
        ({"block": True}, False, True),
    ],
)
def test_sender_profile_flags(changes: dict[str, Any], active: bool, blocked: bool) -> None:
    from notify_sdk.services.kakao.models import _profile

    profile = _profile({**DOC_SENDER, **changes})
    assert (profile.active, profile.blocked) == (active, blocked)


def test_daily_remaining() -> None:
    from notify_sdk.services.kakao import SenderChannelSettings

    assert SenderChannelSettings(daily_max_count=100, sent_count=40).daily_remaining == 60
    assert SenderChannelSettings(daily_max_count=10, sent_count=40).daily_remaining == 0


async def test_cancel_friendtalk_sends_the_switch_header(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.delete(f"{FRIENDTALK_SEND}/{REQUEST_ID}").mock(
            return_value=httpx.Response(200, json=kakao_envelope())
        )
        outcome = await run("cancel_friendtalk", REQUEST_ID, recipient_seqs=[1, 3])
    assert outcome == CancelResult(2, None, service="friendtalk", request_id=REQUEST_ID)
    request = route.calls[0].request
    assert request.url.path == f"/friendtalk/v2.4/appkeys/test-kakao-app-key/messages/{REQUEST_ID}"
    assert dict(request.url.params) == {"recipientSeq": "1,3"}
    assert request.headers[CONVERT] == "true"


async def test_cancel_friendtalk_ambiguous_failure_is_not_repeated(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.delete(f"{FRIENDTALK_SEND}/{REQUEST_ID}").mock(
            side_effect=[httpx.ReadTimeout("lost")]
        )
        with pytest.raises(TransportError) as info:
            await run("cancel_friendtalk", REQUEST_ID)
    assert info.value.ambiguous and route.call_count == 1


async def test_search_friendtalk_results_reads_the_wrapped_list(run: Runner) -> None:
    item = {"requestId": REQUEST_ID, "recipientSeq": 2, "resultCode": "3022"}
    body = kakao_envelope(messageSearchResultResponse={"messages": [item], "totalCount": 1})
    with respx.mock() as mock:
        route = mock.get(f"{FRIENDTALK_PREFIX}/message-results").mock(
            return_value=httpx.Response(200, json=body)
        )
        items = await run.collect(
            "search_friendtalk_results",
            updated_from=datetime(2026, 11, 24, 10, 0),
            updated_to=datetime(2026, 11, 24, 10, 30),
        )
    assert [(m.request_id, m.seq, m.service) for m in items] == [(REQUEST_ID, 2, "friendtalk")]
    assert items[0].result_code is KakaoResultCode("3022")
    request = route.calls[0].request
    assert request.headers[CONVERT] == "true"
    assert request.url.params["startUpdateDate"] == "2026-11-24 10:00"


async def test_send_friendtalk_sends_is_ad_only_when_given(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(FRIENDTALK_SEND).mock(return_value=ok_send())
        with pytest.warns(DeprecationWarning):
            await run("send_friendtalk", "01055550123", "Notice", is_ad=False)
    assert body(route)["recipientList"][0]["isAd"] is False


async def test_friendtalk_text_is_at_most_1000_characters(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(FRIENDTALK_SEND).mock(return_value=ok_send())
        with pytest.warns(DeprecationWarning):
            await run("send_friendtalk", "01055550123", "가" * 1000, is_ad=False)
        with pytest.warns(DeprecationWarning), pytest.raises(ValidationError) as info:
            await run("send_friendtalk", "01055550123", "가" * 1001, is_ad=False)
    assert info.value.field == "content"
    assert route.call_count == 1


async def test_friendtalk_default_is_advertising_so_the_fallback_needs_the_ad_marks(
    run: Runner,
) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(FRIENDTALK_SEND).mock(return_value=ok_send())
        with pytest.warns(DeprecationWarning), pytest.raises(ValidationError):
            await run(
                "send_friendtalk",
                "01055550123",
                "Weekend sale",
                fallback=SmsFallback(content="Weekend sale", sender="0215449876"),
            )
    assert route.call_count == 0


async def test_friendtalk_calls_outside_the_compatibility_scope_warn(run: Runner) -> None:
    with respx.mock(assert_all_called=False) as mock:
        mock.delete(url__regex=r".*/friendtalk/.*").mock(
            return_value=httpx.Response(200, json=kakao_envelope())
        )
        mock.get(url__regex=r".*/friendtalk/.*").mock(
            return_value=httpx.Response(
                200,
                json=kakao_envelope(messageSearchResultResponse={"messages": [], "totalCount": 0}),
            )
        )
        with pytest.warns(FutureWarning, match="outside NHN's compatibility scope"):
            await run("cancel_friendtalk", "20261124103015aZ3kP9qLwX0")
        with pytest.warns(FutureWarning, match="outside NHN's compatibility scope"):
            await run.collect(
                "search_friendtalk_results",
                updated_from=datetime(2026, 11, 24, 9, 0, tzinfo=KST),
                updated_to=datetime(2026, 11, 24, 10, 0, tzinfo=KST),
            )


# --- AlimTalk conformance: createUser, messageOption, the list's createUser and 30 days ---


@pytest.mark.parametrize(("method", "url"), [("send_alimtalk", ALIMTALK_SEND),
                                             ("send_alimtalk_raw", ALIMTALK_RAW)])  # fmt: skip
async def test_alimtalk_sends_carry_create_user_and_message_option(
    run: Runner, method: str, url: str
) -> None:
    args: tuple[Any, ...] = (
        ("01055550123", "T1") if method == "send_alimtalk" else ("01055550123", "hi")
    )
    extra: dict[str, Any] = {} if method == "send_alimtalk" else {"template_code": "T1"}
    with respx.mock() as mock:
        route = mock.post(url).mock(return_value=ok_send())
        await run(method, *args, create_user="ops", price=12000, currency_type="KRW", **extra)
    body = json.loads(route.calls[0].request.content)
    assert body["createUser"] == "ops"
    assert body["messageOption"] == {"price": 12000, "currencyType": "KRW"}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"price": -1}, "price"), ({"price": True}, "price"), ({"price": "12"}, "price"),
     ({"currency_type": "KRW"}, "currency_type"),
     ({"price": 1, "currency_type": "won"}, "currency_type"),
     ({"create_user": "x" * 101}, "create_user")],
)  # fmt: skip
async def test_alimtalk_send_options_are_checked(
    run: Runner, kwargs: dict[str, Any], field: str
) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(ALIMTALK_SEND).mock(return_value=ok_send())
        with pytest.raises(ValidationError) as info:
            await run("send_alimtalk", "01055550123", "T1", **kwargs)
    assert info.value.field == field and not route.called


async def test_alimtalk_list_filters_by_create_user_and_allows_30_days(run: Runner) -> None:
    end = datetime(2026, 11, 24, 10, 0)
    with respx.mock() as mock:
        route = mock.get(ALIMTALK_SEND).mock(return_value=httpx.Response(200, json=listing([])))
        await run.collect(
            "list_alimtalk_messages",
            requested_from=end - timedelta(days=30),
            requested_to=end,
            create_user="ops",
        )
    assert dict(route.calls[0].request.url.params)["createUser"] == "ops"


async def test_alimtalk_list_range_is_30_days(run: Runner) -> None:
    end = datetime(2026, 11, 24, 10, 0)
    with pytest.raises(ValidationError) as info:
        await run.collect(
            "list_alimtalk_messages",
            requested_from=end - timedelta(days=30, minutes=1),
            requested_to=end,
        )
    assert info.value.field.startswith("requested")
