"""Local validation of the KakaoTalk builders: each rule accepts, rejects, and sends nothing.

Every case is a pair: the accepted variant goes out as exactly one request, the
rejected one raises ``ValidationError`` naming the parameter and makes no
request at all. Both run on the sync and the async client.
"""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import Recipient, SmsFallback
from notify_sdk.errors import ValidationError
from notify_sdk.services.kakao import ButtonParams, KakaoButton, KakaoQuickReply
from tests.helpers import KST, Runner, kakao_envelope
from tests.helpers.kakao import REQUEST_ID, accepted, with_message

#: The pinned clock of Runner, as naive Korea time.
NOW_KST = datetime(2026, 11, 24, 10, 30, 20)
IMAGE = "https://mud-kage.kakao.com/dn/example/img_l.jpg"
WL = KakaoButton("WL", "Go", link_mobile="https://m.x.example")


def answer(request: httpx.Request) -> httpx.Response:
    """A fitting success answer for whichever endpoint was called."""
    if request.method == "POST":
        return httpx.Response(200, json=accepted())
    if request.method == "DELETE":
        return httpx.Response(200, json=kakao_envelope())
    if f"/messages/{REQUEST_ID}/" in request.url.path:
        return httpx.Response(200, json=with_message({"requestId": REQUEST_ID, "recipientSeq": 1}))
    if request.url.path.endswith("/message-results"):
        return httpx.Response(200, json=kakao_envelope(messages=[]))
    if request.url.path.endswith("/senders"):
        return httpx.Response(200, json=kakao_envelope(senders=[], totalCount=0))
    return httpx.Response(
        200, json=kakao_envelope(messageSearchResultResponse={"messages": [], "totalCount": 0})
    )


async def attempt(run: Runner, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """Call ``method``; return how many HTTP requests it made."""
    with respx.mock(assert_all_called=False) as mock, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        route = mock.route().mock(side_effect=answer)
        try:
            if method.startswith(("list_", "search_")):
                await run.collect(method, *args, **kwargs)
            else:
                await run(method, *args, **kwargs)
        finally:
            calls = route.call_count
    return calls


def case(
    id: str,
    method: str,
    field: str,
    good: tuple[tuple[Any, ...], dict[str, Any]],
    bad: tuple[tuple[Any, ...], dict[str, Any]],
) -> Any:
    return pytest.param(method, field, good, bad, id=id)


def at(**kwargs: Any) -> dict[str, Any]:
    return kwargs


ALIM = ("01055550123", "T1")
RAW = ("01055550123", "Hello")
FT = ("01055550123", "Hello")
DAY = timedelta(days=1)

CASES = [
    # recipients
    case(
        "recipients-1000",
        "send_alimtalk",
        "to",
        ((["0105555" + f"{i:04d}" for i in range(1000)], "T1"), {}),
        ((["0105555" + f"{i:04d}" for i in range(1001)], "T1"), {}),
    ),
    case("recipients-empty", "send_alimtalk", "to", (ALIM, {}), (([], "T1"), {})),
    case(
        "recipient-number-15",
        "send_alimtalk",
        "to",
        (("0" * 15, "T1"), {}),
        (("0" * 16, "T1"), {}),
    ),
    case(
        "recipient-country-code",
        "send_alimtalk",
        "to",
        ((Recipient("01055550123"), "T1"), {}),
        ((Recipient("01055550123", country_code="82"), "T1"), {}),
    ),
    case(
        "recipient-number-shape",
        "send_alimtalk",
        "to",
        (("010-5555-0123", "T1"), {}),
        (("call me", "T1"), {}),
    ),
    # template code and sender key
    case(
        "template-code-20",
        "send_alimtalk",
        "template_code",
        (("01055550123", "T" * 20), {}),
        (("01055550123", "T" * 21), {}),
    ),
    case("template-code-empty", "send_alimtalk", "template_code", (ALIM, {}), (("0101", " "), {})),
    case(
        "sender-key-40",
        "send_alimtalk",
        "sender_key",
        (ALIM, at(sender_key="k" * 40)),
        (ALIM, at(sender_key="k" * 41)),
    ),
    # template parameters
    case(
        "param-value-1300",
        "send_alimtalk",
        "params",
        (ALIM, at(params={"a": "x" * 1300})),
        (ALIM, at(params={"a": "x" * 1301})),
    ),
    case(
        "param-value-type",
        "send_alimtalk",
        "params",
        (ALIM, at(params={"a": 12})),
        (ALIM, at(params={"a": None})),
    ),
    case(
        "param-recipient-merge",
        "send_alimtalk",
        "params",
        ((Recipient("01055550123", params={"a": "x"}), "T1"), {}),
        ((Recipient("01055550123", params={"a": "x" * 1301}), "T1"), {}),
    ),
    case(
        "params-mapping", "send_alimtalk", "params", (ALIM, at(params={})), (ALIM, at(params=["a"]))
    ),
    # schedule
    case(
        "schedule-future",
        "send_alimtalk",
        "scheduled_at",
        (ALIM, at(scheduled_at=NOW_KST + timedelta(minutes=5))),
        (ALIM, at(scheduled_at=NOW_KST - timedelta(minutes=5))),
    ),
    case(
        "schedule-60-days",
        "send_alimtalk",
        "scheduled_at",
        (ALIM, at(scheduled_at=NOW_KST + 60 * DAY - timedelta(minutes=1))),
        (ALIM, at(scheduled_at=NOW_KST + 60 * DAY + timedelta(minutes=1))),
    ),
    case(
        "schedule-type",
        "send_alimtalk",
        "scheduled_at",
        (ALIM, at(scheduled_at=(NOW_KST + DAY).replace(tzinfo=KST))),
        (ALIM, at(scheduled_at="2026-11-25 10:00")),
    ),
    # keys
    case(
        "idempotency-key-100",
        "send_alimtalk",
        "idempotency_key",
        (ALIM, at(idempotency_key="k" * 100)),
        (ALIM, at(idempotency_key="k" * 101)),
    ),
    case(
        "idempotency-key-empty",
        "send_alimtalk",
        "idempotency_key",
        (ALIM, at(idempotency_key="k")),
        (ALIM, at(idempotency_key="")),
    ),
    case(
        "grouping-key-100",
        "send_alimtalk",
        "sender_grouping_key",
        (ALIM, at(sender_grouping_key="g" * 100)),
        (ALIM, at(sender_grouping_key="g" * 101)),
    ),
    case(
        "stats-id-8",
        "send_alimtalk",
        "stats_id",
        (ALIM, at(stats_id="s" * 8)),
        (ALIM, at(stats_id="s" * 9)),
    ),
    # template button parameters
    case(
        "button-params-5",
        "send_alimtalk",
        "buttons",
        (ALIM, at(buttons=[ButtonParams(i) for i in range(1, 6)])),
        (ALIM, at(buttons=[ButtonParams(i) for i in range(1, 7)])),
    ),
    case(
        "button-params-unique-ordering",
        "send_alimtalk",
        "buttons",
        (ALIM, at(buttons=[ButtonParams(1), ButtonParams(2)])),
        (ALIM, at(buttons=[ButtonParams(1), ButtonParams(1)])),
    ),
    case(
        "button-params-type",
        "send_alimtalk",
        "buttons",
        (ALIM, at(buttons=[ButtonParams(1)])),
        (ALIM, at(buttons=[WL])),
    ),
    case(
        "quick-reply-params",
        "send_alimtalk",
        "quick_replies",
        (ALIM, at(quick_replies=[ButtonParams(1, chat_extra="x", target_out=True)])),
        (ALIM, at(quick_replies=[ButtonParams(1, relay_id="r")])),
    ),
    # fallback
    case(
        "fallback-type",
        "send_alimtalk",
        "fallback",
        (ALIM, at(fallback=SmsFallback(type="LMS"))),
        (ALIM, at(fallback=SmsFallback(type="MMS"))),
    ),
    case(
        "fallback-sender-13",
        "send_alimtalk",
        "fallback",
        (ALIM, at(fallback=SmsFallback(sender="0" * 13))),
        (ALIM, at(fallback=SmsFallback(sender="0" * 14))),
    ),
    case(
        "fallback-kind",
        "send_alimtalk",
        "fallback",
        (ALIM, at(fallback=False)),
        (ALIM, at(fallback="yes")),
    ),
    case(
        "fallback-content-encodable",
        "send_alimtalk",
        "fallback.content",
        (ALIM, at(fallback=SmsFallback(content="배송 시작"))),
        (ALIM, at(fallback=SmsFallback(content="shipped \U0001f69a"))),
    ),
    case(
        "recipient-fallback",
        "send_alimtalk",
        "to",
        ((Recipient("01055550123", fallback=SmsFallback(type="SMS")), "T1"), {}),
        ((Recipient("01055550123", fallback=SmsFallback(type="XMS")), "T1"), {}),
    ),
    # full-text AlimTalk
    case(
        "raw-content-1300",
        "send_alimtalk_raw",
        "content",
        (("01055550123", "x" * 1300), at(template_code="T1")),
        (("01055550123", "x" * 1301), at(template_code="T1")),
    ),
    case(
        "raw-content-after-substitution",
        "send_alimtalk_raw",
        "content",
        (("01055550123", "#{a}" + "x" * 1290), at(template_code="T1", params={"a": "y" * 10})),
        (("01055550123", "#{a}" + "x" * 1290), at(template_code="T1", params={"a": "y" * 11})),
    ),
    case(
        "raw-title-50",
        "send_alimtalk_raw",
        "title",
        (RAW, at(template_code="T1", title="t" * 50)),
        (RAW, at(template_code="T1", title="t" * 51)),
    ),
    case(
        "raw-header-16",
        "send_alimtalk_raw",
        "header",
        (RAW, at(template_code="T1", header="h" * 16)),
        (RAW, at(template_code="T1", header="h" * 17)),
    ),
    case(
        "raw-buttons-5",
        "send_alimtalk_raw",
        "buttons",
        (RAW, at(template_code="T1", buttons=[WL] * 5)),
        (RAW, at(template_code="T1", buttons=[WL] * 6)),
    ),
    case(
        "raw-button-name-14",
        "send_alimtalk_raw",
        "buttons",
        (RAW, at(template_code="T1", buttons=[KakaoButton("DS", "n" * 14)])),
        (RAW, at(template_code="T1", buttons=[KakaoButton("DS", "n" * 15)])),
    ),
    case(
        "raw-button-type",
        "send_alimtalk_raw",
        "buttons",
        (RAW, at(template_code="T1", buttons=[KakaoButton("P1", "Plugin", plugin_id="p")])),
        (RAW, at(template_code="T1", buttons=[KakaoButton("XX", "What")])),
    ),
    case(
        "raw-button-wl-link",
        "send_alimtalk_raw",
        "buttons",
        (RAW, at(template_code="T1", buttons=[WL])),
        (RAW, at(template_code="T1", buttons=[KakaoButton("WL", "Go", link_pc="https://x")])),
    ),
    case(
        "raw-button-al-two-links",
        "send_alimtalk_raw",
        "buttons",
        (
            RAW,
            at(
                template_code="T1",
                buttons=[KakaoButton("AL", "App", scheme_ios="a://", link_mobile="https://m")],
            ),
        ),
        (RAW, at(template_code="T1", buttons=[KakaoButton("AL", "App", scheme_ios="a://")])),
    ),
    case(
        "raw-button-link-500",
        "send_alimtalk_raw",
        "buttons.link_mobile",
        (RAW, at(template_code="T1", buttons=[KakaoButton("WL", "Go", link_mobile="h" * 500)])),
        (RAW, at(template_code="T1", buttons=[KakaoButton("WL", "Go", link_mobile="h" * 501)])),
    ),
    case(
        "raw-button-tn",
        "send_alimtalk_raw",
        "buttons",
        (RAW, at(template_code="T1", buttons=[KakaoButton("TN", "Call", tel_number="0215449876")])),
        (RAW, at(template_code="T1", buttons=[KakaoButton("TN", "Call")])),
    ),
    case(
        "raw-quick-reply-type",
        "send_alimtalk_raw",
        "quick_replies",
        (RAW, at(template_code="T1", quick_replies=[KakaoQuickReply("BC", "Chat")])),
        (RAW, at(template_code="T1", quick_replies=[KakaoQuickReply("DS", "Track")])),
    ),
    case(
        "raw-quick-replies-5",
        "send_alimtalk_raw",
        "quick_replies",
        (RAW, at(template_code="T1", quick_replies=[KakaoQuickReply("BK", "k")] * 5)),
        (RAW, at(template_code="T1", quick_replies=[KakaoQuickReply("BK", "k")] * 6)),
    ),
    # FriendTalk
    case(
        "ft-text-1000",
        "send_friendtalk",
        "content",
        (("01055550123", "x" * 1000), {}),
        (("01055550123", "x" * 1001), {}),
    ),
    case(
        "ft-image-400",
        "send_friendtalk",
        "content",
        (("01055550123", "x" * 400), at(message_type="image", image_url=IMAGE)),
        (("01055550123", "x" * 401), at(message_type="image", image_url=IMAGE)),
    ),
    case(
        "ft-wide-76",
        "send_friendtalk",
        "content",
        (("01055550123", "x" * 76), at(message_type="wide_image", image_url=IMAGE)),
        (("01055550123", "x" * 77), at(message_type="wide_image", image_url=IMAGE)),
    ),
    case(
        "ft-image-needs-url",
        "send_friendtalk",
        "image_url",
        (FT, at(message_type="image", image_url=IMAGE)),
        (FT, at(message_type="image")),
    ),
    case(
        "ft-text-has-no-image", "send_friendtalk", "image_url", (FT, {}), (FT, at(image_url=IMAGE))
    ),
    case(
        "ft-message-type",
        "send_friendtalk",
        "message_type",
        (FT, at(message_type="text")),
        (FT, at(message_type="carousel")),
    ),
    case(
        "ft-buttons-5",
        "send_friendtalk",
        "buttons",
        (FT, at(buttons=[WL] * 5)),
        (FT, at(buttons=[WL] * 6)),
    ),
    case(
        "ft-wide-buttons-2",
        "send_friendtalk",
        "buttons",
        (FT, at(message_type="wide_image", image_url=IMAGE, buttons=[WL] * 2)),
        (FT, at(message_type="wide_image", image_url=IMAGE, buttons=[WL] * 3)),
    ),
    case(
        "ft-button-type",
        "send_friendtalk",
        "buttons",
        (FT, at(buttons=[KakaoButton("BF", "Form", biz_form_key="f")])),
        (FT, at(buttons=[KakaoButton("DS", "Track")])),
    ),
    case(
        "ft-night-schedule-start",
        "send_friendtalk",
        "scheduled_at",
        (FT, at(scheduled_at=datetime(2026, 11, 24, 20, 49))),
        (FT, at(scheduled_at=datetime(2026, 11, 24, 20, 50))),
    ),
    case(
        "ft-night-schedule-end",
        "send_friendtalk",
        "scheduled_at",
        (FT, at(scheduled_at=datetime(2026, 11, 25, 8, 0))),
        (FT, at(scheduled_at=datetime(2026, 11, 25, 7, 59))),
    ),
    case(
        "ft-night-schedule-aware",
        "send_friendtalk",
        "scheduled_at",
        # 02:00 UTC is 11:00 KST; 13:00 UTC is 22:00 KST.
        (FT, at(scheduled_at=datetime.fromisoformat("2026-11-25T02:00:00+00:00"))),
        (FT, at(scheduled_at=datetime.fromisoformat("2026-11-25T13:00:00+00:00"))),
    ),
    case(
        "ft-ad-fallback-wording",
        "send_friendtalk",
        "fallback",
        (FT, at(is_ad=True, fallback=SmsFallback(content="(광고) Sale 무료수신거부 0805550100"))),
        (FT, at(is_ad=True, fallback=SmsFallback(content="Sale today"))),
    ),
    case(
        "ft-no-template-params",
        "send_friendtalk",
        "to",
        ((Recipient("01055550123"), "Hi"), {}),
        ((Recipient("01055550123", params={"a": "b"}), "Hi"), {}),
    ),
    # queries
    case(
        "list-selector",
        "list_alimtalk_messages",
        "request_id",
        ((), at(request_id=REQUEST_ID)),
        ((), at(sender_grouping_key="g")),
    ),
    case(
        # The AlimTalk guide documents 30 days (the -4003 text says 31).
        "list-range-30-days",
        "list_alimtalk_messages",
        "requested_from",
        ((), at(requested_from=NOW_KST - 30 * DAY, requested_to=NOW_KST)),
        ((), at(requested_from=NOW_KST - 31 * DAY, requested_to=NOW_KST)),
    ),
    case(
        "list-range-ordered",
        "list_alimtalk_messages",
        "created_from",
        ((), at(created_from=NOW_KST - DAY, created_to=NOW_KST)),
        ((), at(created_from=NOW_KST, created_to=NOW_KST - DAY)),
    ),
    case(
        "list-range-pair",
        "list_alimtalk_messages",
        "requested_from",
        ((), at(requested_from=NOW_KST - DAY, requested_to=NOW_KST)),
        ((), at(requested_from=NOW_KST - DAY)),
    ),
    case(
        "list-status",
        "list_alimtalk_messages",
        "status",
        ((), at(request_id=REQUEST_ID, status="CANCEL")),
        ((), at(request_id=REQUEST_ID, status="DONE")),
    ),
    case(
        "friendtalk-list-status",
        "list_friendtalk_messages",
        "status",
        ((), at(request_id=REQUEST_ID, status="FAILED")),
        ((), at(request_id=REQUEST_ID, status="CANCEL")),
    ),
    case(
        "list-result",
        "list_alimtalk_messages",
        "result",
        ((), at(request_id=REQUEST_ID, result="MRC02")),
        ((), at(request_id=REQUEST_ID, result="1000")),
    ),
    case(
        "list-page-size",
        "list_alimtalk_messages",
        "page_size",
        ((), at(request_id=REQUEST_ID, page_size=1000)),
        ((), at(request_id=REQUEST_ID, page_size=1001)),
    ),
    case(
        "list-limit",
        "list_alimtalk_messages",
        "limit",
        ((), at(request_id=REQUEST_ID, limit=1)),
        # limit=0 is refused everywhere (it asks for nothing), as SMS always did.
        ((), at(request_id=REQUEST_ID, limit=0)),
    ),
    case("get-seq", "get_alimtalk_message", "seq", ((REQUEST_ID, 1), {}), ((REQUEST_ID, 0), {})),
    case(
        "get-request-id",
        "get_friendtalk_message",
        "request_id",
        ((REQUEST_ID, 1), {}),
        (("", 1), {}),
    ),
    case(
        "cancel-seqs",
        "cancel_alimtalk",
        "recipient_seqs",
        ((REQUEST_ID,), at(recipient_seqs=[1, 2])),
        ((REQUEST_ID,), at(recipient_seqs=[0])),
    ),
    case(
        "search-message-type",
        "search_alimtalk_results",
        "message_type",
        ((), at(updated_from=NOW_KST - DAY, updated_to=NOW_KST, message_type="AUTH")),
        ((), at(updated_from=NOW_KST - DAY, updated_to=NOW_KST, message_type="MASS")),
    ),
    case(
        "search-range",
        "search_alimtalk_results",
        "updated_from",
        ((), at(updated_from=NOW_KST - DAY, updated_to=NOW_KST)),
        ((), at(updated_from=NOW_KST, updated_to=NOW_KST - DAY)),
    ),
    case(
        "senders-status",
        "list_sender_profiles",
        "status",
        ((), at(status="YSC02")),
        ((), at(status="A")),
    ),
]


@pytest.mark.parametrize(("method", "field", "good", "bad"), CASES)
async def test_rule(
    run: Runner,
    method: str,
    field: str,
    good: tuple[tuple[Any, ...], dict[str, Any]],
    bad: tuple[tuple[Any, ...], dict[str, Any]],
) -> None:
    assert await attempt(run, method, *good) == 1
    with respx.mock(assert_all_called=False) as mock, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        route = mock.route().mock(side_effect=answer)
        with pytest.raises(ValidationError) as info:
            if method.startswith(("list_", "search_")):
                await run.collect(method, *bad[0], **bad[1])
            else:
                await run(method, *bad[0], **bad[1])
        assert route.call_count == 0
    assert info.value.field == field
    assert info.value.code is None and info.value.service is None


async def test_listing_rejects_before_iteration(run: Runner) -> None:
    """Bad listing arguments fail where the method is called, not on first iteration."""
    with respx.mock(assert_all_called=False) as mock:
        route = mock.route()
        with pytest.raises(ValidationError):
            run.client.list_alimtalk_messages()
    assert route.call_count == 0


def test_button_ordering_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        KakaoButton("WL", "Go", link_mobile="https://m", ordering=0)
    with pytest.raises(ValidationError):
        ButtonParams(0)
    assert KakaoQuickReply("BK", "k", ordering=3).ordering == 3
