"""Brand Message sends: the exact requests, the answers, local validation, the
night-time rule and retry safety (brand-message.md sections 3-7 and 17).

Every HTTP test runs against both clients (``api``).
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import Recipient, RetryPolicy, SmsFallback
from notify_sdk._core.params import KST
from notify_sdk.brand import (
    BIZ_FORM_BUTTON_NAMES,
    BrandRecipient,
    Button,
    CarouselCommerceCard,
    CarouselCommerceMessage,
    CarouselFeedCard,
    CarouselFeedMessage,
    CarouselHead,
    CarouselTail,
    Commerce,
    CommerceMessage,
    Coupon,
    Image,
    ImageMessage,
    PremiumVideoMessage,
    Targeting,
    TextMessage,
    Video,
    WideItem,
    WideItemListMessage,
    WideMessage,
)
from notify_sdk.errors import (
    APIError,
    TemplateError,
    TransportError,
    ValidationError,
)
from tests import helpers
from tests.helpers import (
    BRAND_PREFIX,
    FAST_RETRY,
    KAKAO_APP_KEY,
    SENDER_KEY,
    Api,
    body_json,
    kakao_envelope,
)
from tests.helpers.brand import (
    IMG,
    NOON,
    REQUEST_ID,
    SAMPLES,
    api,
    check_headers,
    commerce_card,
    feed_card,
    list_answer,
    list_item,
    mock,
    row,
    send_answer,
    web,
)

__all__ = ["api", "mock"]  # fixtures imported for pytest

AUTO_KEY = re.compile(r"nsdk-[0-9a-f]{32}")
TOKEN = re.compile(r"[0-9a-f]{32}")
IDEM = "X-NC-API-IDEMPOTENCY-KEY"
AD_FALLBACK = "(광고)한빛서점 겨울 할인 m.hanbit.example [무료 수신거부]0805550100"


def _top(body: dict[str, Any]) -> dict[str, Any]:
    """The request body without the SDK-minted key (checked separately)."""
    assert AUTO_KEY.fullmatch(body.pop("senderGroupingKey"))
    return body


def commerce_card_of(image: str, commerce: Commerce, button: str, link: str, **extra: Any) -> Any:
    return CarouselCommerceCard(f"{IMG}{image}", commerce, [web(button, link)], **extra)


def feed_card_of(header: str, message: str, buttons: list[Button] | None = None) -> Any:
    return CarouselFeedCard(header, message, f"{IMG}f.jpg", [web()] if buttons is None else buttons)


# --- the request of each bubble type ---


@pytest.mark.parametrize("kind", list(SAMPLES))
async def test_each_bubble_type_is_sent_as_documented(
    api: Api, mock: respx.MockRouter, kind: str
) -> None:
    message, wire = SAMPLES[kind]
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))

    result = await api.call("send_brand_message", "010-5555-0123", message)

    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == f"{BRAND_PREFIX}/freestyle-messages"
    assert request.url.raw_path == (
        f"/brand-message/v1.0/appkeys/{KAKAO_APP_KEY}/freestyle-messages".encode()
    )
    check_headers(request)
    assert TOKEN.fullmatch(request.headers[IDEM])
    body = body_json(request)
    key = body["senderGroupingKey"]
    assert _top(body) == {
        "senderKey": SENDER_KEY,
        **wire,
        "recipientList": [{"recipientNo": "01055550123", "targeting": "I"}],
    }
    assert message.to_wire() == wire
    assert result.service == "brand"
    assert result.request_id == REQUEST_ID
    assert result.ok
    assert result.sender_grouping_key == key
    assert result.idempotency_key == request.headers[IDEM]
    assert result.attempts == 1
    assert not result.recovered
    assert [(r.number, r.seq, r.namespace) for r in result.recipients] == [
        ("01055550123", 1, "kakao")
    ]


async def test_doc_example_carousel_commerce_request_and_answer(
    api: Api, mock: respx.MockRouter
) -> None:
    """brand-message.md 4.7, rebuilt from the models."""
    answer = kakao_envelope()
    answer["message"] = {
        "requestId": "20261124153012pR4sT6vX8z0",
        "sendResults": [
            {"recipientSeq": 1, "recipientNo": "01055550123", "resultCode": 0,
             "resultMessage": "SUCCESS"},
            {"recipientSeq": 2, "recipientNo": "01055550456", "resultCode": 0,
             "resultMessage": "SUCCESS"},
        ],
    }  # fmt: skip
    route = mock.post("/freestyle-messages").respond(json=answer)
    message = CarouselCommerceMessage(
        [
            commerce_card_of(
                "book1_800x400.jpg",
                Commerce(
                    "The Quiet Harbour (hardcover)", 22000, discount_price=17600, discount_rate=20
                ),
                "Buy now",
                "https://m.hanbit.example/b/118",
                additional_content="Ships in 1 day",
            ),
            commerce_card_of(
                "book2_800x400.jpg",
                Commerce("Maps of Small Towns", 18500),
                "Details",
                "https://m.hanbit.example/b/241",
            ),
        ],
        head=CarouselHead(
            "Winter reading list",
            "Two picks from our staff",
            f"{IMG}head_800x400.jpg",
            link_mo="https://m.hanbit.example/winter",
        ),
        tail=CarouselTail("https://m.hanbit.example/winter/all"),
    )
    result = await api.call(
        "send_brand_message",
        [
            Recipient(
                "01055550123",
                grouping_key="cust-9917",
                fallback=SmsFallback(
                    content=AD_FALLBACK, title="Winter reading list", sender="0215449876",
                    type="LMS",
                ),
            ),
            Recipient("01055550456", grouping_key="cust-4410", fallback=False),
        ],
        message,
        sender_key="5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
        scheduled_at=datetime(2026, 11, 27, 10, 0),
        sender_grouping_key="winter-list-2611",
        fallback_unsubscribe_no="0805550100",
    )  # fmt: skip
    assert body_json(route.calls.last.request) == {
        "senderKey": "5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
        "requestDate": "2026-11-27 10:00",
        "chatBubbleType": "CAROUSEL_COMMERCE",
        "carousel": {
            "head": {
                "header": "Winter reading list",
                "content": "Two picks from our staff",
                "imageUrl": f"{IMG}head_800x400.jpg",
                "linkMo": "https://m.hanbit.example/winter",
            },
            "list": [
                {
                    "additionalContent": "Ships in 1 day",
                    "imageUrl": f"{IMG}book1_800x400.jpg",
                    "commerce": {
                        "title": "The Quiet Harbour (hardcover)",
                        "regularPrice": 22000,
                        "discountPrice": 17600,
                        "discountRate": 20,
                    },
                    "buttons": [
                        {
                            "name": "Buy now",
                            "type": "WL",
                            "linkMo": "https://m.hanbit.example/b/118",
                        }
                    ],
                },
                {
                    "imageUrl": f"{IMG}book2_800x400.jpg",
                    "commerce": {"title": "Maps of Small Towns", "regularPrice": 18500},
                    "buttons": [
                        {
                            "name": "Details",
                            "type": "WL",
                            "linkMo": "https://m.hanbit.example/b/241",
                        }
                    ],
                },
            ],
            "tail": {"linkMo": "https://m.hanbit.example/winter/all"},
        },
        "recipientList": [
            {
                "recipientNo": "01055550123",
                "targeting": "I",
                "resendParameter": {
                    "isResend": True,
                    "resendType": "LMS",
                    "resendTitle": "Winter reading list",
                    "resendContent": AD_FALLBACK,
                    "resendSendNo": "0215449876",
                    "resendUnsubscribeNo": "0805550100",
                },
                "recipientGroupingKey": "cust-9917",
            },
            {
                "recipientNo": "01055550456",
                "targeting": "I",
                "resendParameter": {"isResend": False},
                "recipientGroupingKey": "cust-4410",
            },
        ],
        "senderGroupingKey": "winter-list-2611",
    }
    assert result.sender_grouping_key == "winter-list-2611"
    assert [(r.number, r.seq, r.grouping_key) for r in result.recipients] == [
        ("01055550123", 1, "cust-9917"),
        ("01055550456", 2, "cust-4410"),
    ]


@pytest.mark.parametrize("method", ["send_brand_message", "send_brand_template"])
async def test_per_recipient_unsubscribe_pair(
    api: Api, mock: respx.MockRouter, method: str
) -> None:
    path = "/freestyle-messages" if method == "send_brand_message" else "/basic-messages"
    route = mock.post(path).respond(json=send_answer(row(1), row(2)))
    second = BrandRecipient("01055550102", unsubscribe_no="080-555-0101", unsubscribe_auth_no="77")
    content = TextMessage("hello") if method == "send_brand_message" else "tpl-1"
    await api.call(method, ["01055550101", second], content)
    first, entry = body_json(route.calls.last.request)["recipientList"]
    assert "unsubscribeNo" not in first
    assert (entry["unsubscribeNo"], entry["unsubscribeAuthNo"]) == ("080-555-0101", "77")


@pytest.mark.parametrize(
    ("recipient", "field"),
    [(BrandRecipient("01055550101", unsubscribe_no="0805550101"), "to[1].unsubscribe_auth_no"),
     (BrandRecipient("01055550101", unsubscribe_auth_no="77"), "to[1].unsubscribe_no"),
     (BrandRecipient("01055550101", unsubscribe_no="02-555-0101", unsubscribe_auth_no="77"),
      "to[1].unsubscribe_no"),
     (BrandRecipient("01055550101", unsubscribe_no="0805550101", unsubscribe_auth_no="7a"),
      "to[1].unsubscribe_auth_no")],
)  # fmt: skip
@pytest.mark.parametrize("method", ["send_brand_message", "send_brand_template"])
async def test_per_recipient_unsubscribe_half_a_pair_is_refused(
    api: Api, mock: respx.MockRouter, method: str, recipient: BrandRecipient, field: str
) -> None:
    # The provider would silently use the profile's 080 number instead.
    route = mock.post(re.compile(r".*-messages$")).respond(json=send_answer(row(1), row(2)))
    content = TextMessage("hello") if method == "send_brand_message" else "tpl-1"
    with pytest.raises(ValidationError) as info:
        await api.call(method, ["01055550100", recipient], content)
    assert info.value.field == field
    assert not route.called


async def test_top_level_options_and_targeting(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1), row(2), row(3)))
    await api.call(
        "send_brand_message",
        ["01055550101", BrandRecipient("01055550102", targeting="N"),
         BrandRecipient("01055550103", targeting=Targeting.I, grouping_key="g3")],
        TextMessage("hello"),
        targeting=Targeting.M,
        push_alarm=False,
        unsubscribe_no="080-555-0100",
        unsubscribe_auth_no="1234",
        reseller_code="RS01",
        create_user="ops",
        stats_id="camp01",
        fallback=True,
        idempotency_key="my-key-1",
        sender_grouping_key="my-group-1",
    )  # fmt: skip
    request = route.calls.last.request
    assert request.headers[IDEM] == "my-key-1"
    assert body_json(request) == {
        "senderKey": SENDER_KEY,
        "pushAlarm": False,
        "unsubscribeNo": "080-555-0100",
        "unsubscribeAuthNo": "1234",
        "resellerCode": "RS01",
        "createUser": "ops",
        "statsId": "camp01",
        "chatBubbleType": "TEXT",
        "content": "hello",
        "recipientList": [
            {"recipientNo": "01055550101", "targeting": "M", "resendParameter": {"isResend": True}},
            {"recipientNo": "01055550102", "targeting": "N", "resendParameter": {"isResend": True}},
            {
                "recipientNo": "01055550103",
                "targeting": "I",
                "resendParameter": {"isResend": True},
                "recipientGroupingKey": "g3",
            },
        ],
        "senderGroupingKey": "my-group-1",
    }


async def test_keys_are_unique_per_send(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    await api.call("send_brand_message", "01055550123", TextMessage("a"))
    await api.call("send_brand_message", "01055550123", TextMessage("a"))
    first, second = (c.request for c in route.calls)
    assert first.headers[IDEM] != second.headers[IDEM]
    assert body_json(first)["senderGroupingKey"] != body_json(second)["senderGroupingKey"]


async def test_schedule_aware_datetime_is_converted(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    await api.call(
        "send_brand_message",
        "01055550123",
        TextMessage("a"),
        scheduled_at=datetime(2026, 11, 25, 1, 30, tzinfo=timezone.utc),
    )
    assert body_json(route.calls.last.request)["requestDate"] == "2026-11-25 10:30"


# --- the answer ---


async def test_answer_mapped_by_recipient_seq(api: Api, mock: respx.MockRouter) -> None:
    """No grouping-key echo: results come back by recipientSeq, numbers may be null."""
    mock.post("/freestyle-messages").respond(
        json=send_answer(row(2, None, -5000), row(1, None), row(3, "01055550103"))
    )
    result = await api.call(
        "send_brand_message",
        [Recipient("01055550101", grouping_key="a"), Recipient("01055550102", grouping_key="b"),
         "01055550103"],
        TextMessage("a"),
    )  # fmt: skip
    assert [(r.seq, r.number, r.grouping_key, r.result_code) for r in result.recipients] == [
        (1, "01055550101", "a", 0),
        (2, "01055550102", "b", -5000),
        (3, "01055550103", None, 0),
    ]
    assert not result.ok
    assert [r.number for r in result.failed] == ["01055550102"]
    assert result.failed[0].namespace == "kakao"


async def test_all_failed_envelope_still_reports_recipients(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.post("/freestyle-messages").respond(
        json=send_answer(row(1, "01055550101", -3301), code=-1031)
    )
    result = await api.call("send_brand_message", "01055550101", TextMessage("a"))
    assert result.recipients[0].result_code == -3301
    assert result.attempts == 1


async def test_failure_envelope_raises_typed_error(api: Api, mock: respx.MockRouter) -> None:
    mock.post("/freestyle-messages").respond(json=kakao_envelope(-3305, "field not allowed"))
    with pytest.raises(ValidationError) as info:
        await api.call("send_brand_message", "01055550101", TextMessage("a"))
    assert info.value.code == -3305
    assert info.value.service == "kakao"


# --- local validation: nothing is sent ---

AC = Button.add_channel()
BF = Button.biz_form(BIZ_FORM_BUTTON_NAMES[0], "bf-key-1")
IMAGE = Image(f"{IMG}i.jpg")
VIDEO = Video("https://tv.kakao.com/v/1")
ITEMS = [WideItem(f"{IMG}m.jpg", "https://m.s/1")] + [
    WideItem(f"{IMG}n{i}.jpg", f"https://m.s/{i}", title=f"Item {i}") for i in (2, 3)
]
PRICE = Commerce("Book", 1000)
HEAD = CarouselHead("Head", "Intro", f"{IMG}h.jpg")

REJECTED: list[tuple[str, Any, str]] = [
    # TEXT
    ("text too long", TextMessage("x" * 1301), "message.content"),
    ("text 100 line breaks", TextMessage("x" + "\n" * 100), "message.content"),
    ("text empty", TextMessage(" "), "message.content"),
    ("text 6 buttons", TextMessage("x", buttons=[web()] * 6), "message.buttons"),
    ("text 5 buttons with coupon",
     TextMessage("x", buttons=[web()] * 5, coupon=Coupon("배송비 할인 쿠폰", "d", link_mo="https://c")),
     "message.buttons"),
    ("text button name 15", TextMessage("x", buttons=[web("n" * 15)]), "message.buttons[0].name"),
    ("text button name line break", TextMessage("x", buttons=[web("a\nb")]),
     "message.buttons[0].name"),
    ("text AC not first", TextMessage("x", buttons=[web(), AC]), "message.buttons[1]"),
    ("text two AC", TextMessage("x", buttons=[AC, AC]), "message.buttons[1]"),
    ("AC wrong name", TextMessage("x", buttons=[Button("Add Channel", "AC")]),
     "message.buttons[0].name"),
    ("WL without link", TextMessage("x", buttons=[Button("Go", "WL")]),
     "message.buttons[0].link_mo"),
    ("WL link not http", TextMessage("x", buttons=[web("Go", "www.shop.example")]),
     "message.buttons[0].link_mo"),
    ("link over 1000", TextMessage("x", buttons=[web("Go", "https://s/" + "a" * 991)]),
     "message.buttons[0].link_mo"),
    ("link_pc not http",
     TextMessage("x", buttons=[Button.web("Go", "https://m.s", link_pc="ftp://s")]),
     "message.buttons[0].link_pc"),
    ("AL with one link", TextMessage("x", buttons=[Button.app("App", scheme_ios="a://")]),
     "message.buttons[0].scheme_android"),
    ("BF wrong name", TextMessage("x", buttons=[Button.biz_form("Book now", "k")]),
     "message.buttons[0].name"),
    ("BF without key", TextMessage("x", buttons=[Button("톡에서 예약하기", "BF")]),
     "message.buttons[0].biz_form_key"),
    ("BF not first (vertical, no AC)", TextMessage("x", buttons=[web(), BF]),
     "message.buttons[1]"),
    ("BF not second after AC (vertical)", TextMessage("x", buttons=[AC, web(), BF]),
     "message.buttons[2]"),
    ("biz_form_key on WL",
     TextMessage("x", buttons=[Button("Go", "WL", link_mo="https://s", biz_form_key="k")]),
     "message.buttons[0].biz_form_key"),
    ("chat_extra on WL",
     TextMessage("x", buttons=[Button("Go", "WL", link_mo="https://s", chat_extra="e")]),
     "message.buttons[0].chat_extra"),
    ("coupon free-form title", TextMessage("x", coupon=Coupon("Big sale", "d", link_mo="https://c")),
     "message.coupon.title"),
    ("coupon 101 percent", TextMessage("x", coupon=Coupon("101% 할인 쿠폰", "d", link_mo="https://c")),
     "message.coupon.title"),
    ("coupon won with 9 digits",
     TextMessage("x", coupon=Coupon("100000000원 할인 쿠폰", "d", link_mo="https://c")),
     "message.coupon.title"),
    ("coupon free name over 7",
     TextMessage("x", coupon=Coupon("아주아주긴상품이름 무료 쿠폰", "d", link_mo="https://c")),
     "message.coupon.title"),
    ("coupon description 13",
     TextMessage("x", coupon=Coupon("배송비 할인 쿠폰", "d" * 13, link_mo="https://c")),
     "message.coupon.description"),
    ("coupon without link", TextMessage("x", coupon=Coupon("배송비 할인 쿠폰", "d")),
     "message.coupon.link_mo"),
    ("coupon scheme not a channel coupon",
     TextMessage("x", coupon=Coupon("배송비 할인 쿠폰", "d", scheme_android="shop://c")),
     "message.coupon.link_mo"),
    # IMAGE
    ("image url not http", ImageMessage("x", "mud-kage.kakao.com/i.jpg"), "message.image.url"),
    ("image link not http", ImageMessage("x", Image(f"{IMG}i.jpg", "m.s")), "message.image.link"),
    ("image content 1301", ImageMessage("x" * 1301, IMAGE), "message.content"),
    ("image AC not first", ImageMessage("x", IMAGE, buttons=[web(), AC]), "message.buttons[1]"),
    # WIDE
    ("wide content 77", WideMessage("x" * 77, IMAGE), "message.content"),
    ("wide 6 line breaks", WideMessage("x" + "\n" * 6, IMAGE), "message.content"),
    ("wide 3 buttons", WideMessage("x", IMAGE, buttons=[web()] * 3), "message.buttons"),
    ("wide button name 9", WideMessage("x", IMAGE, buttons=[web("n" * 9)]),
     "message.buttons[0].name"),
    ("wide AC not last", WideMessage("x", IMAGE, buttons=[AC, web()]), "message.buttons[0]"),
    ("wide BF left without AC", WideMessage("x", IMAGE, buttons=[BF, web()]),
     "message.buttons[0]"),
    ("wide coupon description 19",
     WideMessage("x", IMAGE, coupon=Coupon("배송비 할인 쿠폰", "d" * 19, link_mo="https://c")),
     "message.coupon.description"),
    # WIDE_ITEM_LIST
    ("item list of 2", WideItemListMessage("h", ITEMS[:2]), "message.items"),
    ("item list of 5", WideItemListMessage("h", ITEMS + ITEMS[1:3]), "message.items"),
    ("item header 21", WideItemListMessage("h" * 21, ITEMS), "message.header"),
    ("item header line break", WideItemListMessage("a\nb", ITEMS), "message.header"),
    ("second item without title",
     WideItemListMessage("h", [*ITEMS[:2], WideItem(f"{IMG}n.jpg", "https://m.s/4")]),
     "message.items[2].title"),
    ("first item title 26",
     WideItemListMessage("h", [WideItem(f"{IMG}m.jpg", "https://m.s", title="t" * 26), *ITEMS[1:]]),
     "message.items[0].title"),
    ("item title 2 line breaks",
     WideItemListMessage(
         "h", [*ITEMS[:2], WideItem(f"{IMG}n.jpg", "https://m.s", title="a\nb\nc")]),
     "message.items[2].title"),
    ("item link not http",
     WideItemListMessage("h", [*ITEMS[:2], WideItem(f"{IMG}n.jpg", "m.s/4", title="t")]),
     "message.items[2].link_mo"),
    ("item list 3 buttons", WideItemListMessage("h", ITEMS, buttons=[web()] * 3),
     "message.buttons"),
    # PREMIUM_VIDEO
    ("video 2 buttons", PremiumVideoMessage(VIDEO, buttons=[web(), web()]), "message.buttons"),
    ("video url 501", PremiumVideoMessage(Video("https://tv.kakao.com/v/" + "1" * 478)),
     "message.video.url"),
    ("video url not http", PremiumVideoMessage(Video("tv.kakao.com/v/1")), "message.video.url"),
    ("video header 21", PremiumVideoMessage(VIDEO, header="h" * 21), "message.header"),
    ("video content 77", PremiumVideoMessage(VIDEO, content="c" * 77), "message.content"),
    ("video coupon description 19",
     PremiumVideoMessage(VIDEO, coupon=Coupon("배송비 할인 쿠폰", "d" * 19, link_mo="https://c")),
     "message.coupon.description"),
    # COMMERCE
    ("commerce without buttons", CommerceMessage(IMAGE, PRICE, []), "message.buttons"),
    ("commerce 3 buttons", CommerceMessage(IMAGE, PRICE, [web()] * 3), "message.buttons"),
    ("commerce discount price alone",
     CommerceMessage(IMAGE, Commerce("B", 1000, discount_price=900), [web()]),
     "message.commerce.discount_price"),
    ("commerce rate and fixed",
     CommerceMessage(IMAGE, Commerce("B", 1000, discount_price=900, discount_rate=10,
                                     discount_fixed=100), [web()]),
     "message.commerce.discount_price"),
    ("commerce rate without price",
     CommerceMessage(IMAGE, Commerce("B", 1000, discount_rate=10), [web()]),
     "message.commerce.discount_price"),
    ("commerce price too high", CommerceMessage(IMAGE, Commerce("B", 100_000_000), [web()]),
     "message.commerce.regular_price"),
    ("commerce rate 101",
     CommerceMessage(IMAGE, Commerce("B", 1000, discount_price=900, discount_rate=101), [web()]),
     "message.commerce.discount_rate"),
    ("commerce fixed too high",
     CommerceMessage(IMAGE, Commerce("B", 10**7, discount_price=900, discount_fixed=10**6),
                     [web()]),
     "message.commerce.discount_fixed"),
    ("commerce price as str", CommerceMessage(IMAGE, Commerce("B", "1000"), [web()]),  # type: ignore[arg-type]
     "message.commerce.regular_price"),
    ("commerce title 31", CommerceMessage(IMAGE, Commerce("t" * 31, 1), [web()]),
     "message.commerce.title"),
    ("commerce additional content 2 line breaks",
     CommerceMessage(IMAGE, PRICE, [web()], additional_content="a\nb\nc"),
     "message.additional_content"),
    ("commerce additional content 35",
     CommerceMessage(IMAGE, PRICE, [web()], additional_content="a" * 35),
     "message.additional_content"),
    # CAROUSEL_FEED
    ("feed 1 card", CarouselFeedMessage([feed_card(1)]), "message.cards"),
    ("feed 7 cards", CarouselFeedMessage([feed_card(i) for i in range(7)]), "message.cards"),
    ("feed card without buttons",
     CarouselFeedMessage([feed_card(1), feed_card_of("h", "m", [])]),
     "message.cards[1].buttons"),
    ("feed card 3 buttons",
     CarouselFeedMessage([feed_card(1), feed_card(2, web(), web(), web())]),
     "message.cards[1].buttons"),
    ("feed card header 21", CarouselFeedMessage([feed_card(1), feed_card_of("h" * 21, "m")]),
     "message.cards[1].header"),
    ("feed card message 181",
     CarouselFeedMessage([feed_card(1), feed_card_of("h", "m" * 181)]),
     "message.cards[1].message"),
    ("feed AC twice across cards",
     CarouselFeedMessage([feed_card(1, web(), AC), feed_card(2, web(), AC)]),
     "message.cards[1].buttons[1]"),
    ("feed tail link not http",
     CarouselFeedMessage([feed_card(1), feed_card(2)], tail=CarouselTail("m.s/all")),
     "message.tail.link_mo"),
    # CAROUSEL_COMMERCE
    ("commerce carousel 1 card without head", CarouselCommerceMessage([commerce_card(1)]),
     "message.cards"),
    ("commerce carousel head and 6 cards",
     CarouselCommerceMessage([commerce_card(i) for i in range(6)], head=HEAD), "message.cards"),
    ("head link without link_mo",
     CarouselCommerceMessage([commerce_card(1)],
                             head=CarouselHead("H", "C", f"{IMG}h.jpg", link_pc="https://s")),
     "message.head.link_mo"),
    ("head content 51",
     CarouselCommerceMessage([commerce_card(1)], head=CarouselHead("H", "c" * 51, f"{IMG}h.jpg")),
     "message.head.content"),
    ("commerce card additional content 35",
     CarouselCommerceMessage([commerce_card(1), commerce_card_of(
         "b.jpg", PRICE, "Buy", "https://s", additional_content="a" * 35)]),
     "message.cards[1].additional_content"),
    ("commerce card bad price",
     CarouselCommerceMessage([commerce_card(1), commerce_card_of(
         "b.jpg", Commerce("B", -1), "Buy", "https://s")]),
     "message.cards[1].commerce.regular_price"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "message", "field"), REJECTED, ids=[c[0] for c in REJECTED])
async def test_invalid_message_is_refused_before_sending(
    api: Api, mock: respx.MockRouter, case: str, message: Any, field: str
) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    with pytest.raises(ValidationError) as info:
        await api.call("send_brand_message", "01055550123", message)
    assert info.value.field == field, str(info.value)
    assert info.value.code is None
    assert not route.called


ACCEPTED_EDGES: list[tuple[str, Any]] = [
    ("text at the limits", TextMessage("x" * 1201 + "\n" * 99, buttons=[web("n" * 14)] * 5)),
    ("text 4 buttons with coupon",
     TextMessage("x", buttons=[AC, BF, web(), web()],
                 coupon=Coupon("5000원 할인 쿠폰", "d" * 12, link_mo="https://c"))),
    ("channel coupon in scheme",
     TextMessage("x", coupon=Coupon("신상 UP 쿠폰", "d",
                                    scheme_ios="alimtalk=coupon://abc"))),
    ("coupon 100 percent", TextMessage("x", coupon=Coupon("100% 할인 쿠폰", "d", link_mo="https://c"))),
    ("BF first in vertical", ImageMessage("x", IMAGE, buttons=[BF, web()])),
    ("BF right without AC in horizontal", WideMessage("x", IMAGE, buttons=[web(), BF])),
    ("BF left of AC in horizontal", WideMessage("x", IMAGE, buttons=[BF, AC])),
    ("AL with scheme and link_mo",
     TextMessage("x", buttons=[Button.app("App", scheme_android="a://", link_mo="https://m")])),
    ("BT with chat extras",
     TextMessage("x", buttons=[Button.bot_transfer("Bot", chat_extra="e", chat_event="v")])),
    ("message forward", TextMessage("x", buttons=[Button.message_forward("Fwd")])),
    ("wide coupon description 18",
     WideMessage("x" * 71 + "\n" * 5, IMAGE,
                 coupon=Coupon("배송비 할인 쿠폰", "d" * 18, link_mo="https://c"))),
    ("four wide items", WideItemListMessage("h" * 20, [*ITEMS, ITEMS[1]])),
    ("video alone", PremiumVideoMessage(VIDEO)),
    ("commerce fixed discount",
     CommerceMessage(IMAGE,
                     Commerce("t" * 30, 99_999_999, discount_price=0, discount_fixed=999_999),
                     [web(), web()], additional_content="a\nb")),
    ("six feed cards", CarouselFeedMessage([feed_card(i) for i in range(6)])),
    ("head and five cards", CarouselCommerceMessage([commerce_card(i) for i in range(5)],
                                                    head=HEAD)),
    ("six commerce cards", CarouselCommerceMessage([commerce_card(i) for i in range(6)])),
]  # fmt: skip


@pytest.mark.parametrize(("case", "message"), ACCEPTED_EDGES, ids=[c[0] for c in ACCEPTED_EDGES])
async def test_valid_edge_cases_are_sent(
    api: Api, mock: respx.MockRouter, case: str, message: Any
) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    await api.call("send_brand_message", "01055550123", message)
    body = body_json(route.calls.last.request)
    assert body["chatBubbleType"] == message.chat_bubble_type.value
    assert {k: v for k, v in body.items() if k not in ("senderKey", "recipientList",
            "senderGroupingKey")} == message.to_wire()  # fmt: skip


def _many(n: int) -> list[str]:
    return [f"0105555{i:04d}" for i in range(n)]


REQUEST_REJECTED: list[tuple[str, dict[str, Any], str]] = [
    ("not a model", {"message": {"chatBubbleType": "TEXT"}}, "message"),
    ("no recipients", {"to": []}, "to"),
    ("1001 recipients", {"to": _many(1001)}, "to"),
    ("bad number", {"to": "call me"}, "to"),
    ("country code", {"to": Recipient("01055550123", country_code="1")}, "to[0].country_code"),
    ("targeting X", {"targeting": "X"}, "targeting"),
    ("targeting F (statistics only)", {"targeting": "F"}, "targeting"),
    ("recipient targeting", {"to": BrandRecipient("01055550123", targeting="Z")},
     "to[0].targeting"),
    ("is_ad False", {"is_ad": False}, "is_ad"),
    ("sender key too long", {"sender_key": "k" * 41}, "sender_key"),
    ("sender key empty", {"sender_key": ""}, "sender_key"),
    ("grouping key 101", {"sender_grouping_key": "g" * 101}, "sender_grouping_key"),
    ("stats id 9", {"stats_id": "s" * 9}, "stats_id"),
    ("080 number shape", {"unsubscribe_no": "02-555-0100"}, "unsubscribe_no"),
    ("080 auth without number", {"unsubscribe_auth_no": "1234"}, "unsubscribe_auth_no"),
    ("080 auth 10 digits", {"unsubscribe_no": "0805550100", "unsubscribe_auth_no": "1" * 10},
     "unsubscribe_auth_no"),
    ("080 auth letters", {"unsubscribe_no": "0805550100", "unsubscribe_auth_no": "12a"},
     "unsubscribe_auth_no"),
    ("schedule in the past", {"scheduled_at": datetime(2026, 11, 24, 11, 0)}, "scheduled_at"),
    ("schedule 61 days ahead", {"scheduled_at": datetime(2027, 1, 24, 12, 0)}, "scheduled_at"),
    ("params on free-form", {"to": Recipient("01055550123", params={"a": "b"})},
     "to[0].params"),
    ("image parameters on free-form",
     {"to": BrandRecipient("01055550123", image_parameters=[None])}, "to[0].image_parameters"),
    ("fallback emoji", {"fallback": SmsFallback(content=AD_FALLBACK + " 🎉")}, "fallback.content"),
    ("fallback without ad marker",
     {"fallback": SmsFallback(content="한빛서점 할인 [무료 수신거부]0805550100")},
     "fallback.content"),
    ("fallback without opt-out", {"fallback": SmsFallback(content="(광고)한빛서점 할인")},
     "fallback.content"),
    ("fallback type MMS", {"fallback": SmsFallback(type="MMS")}, "fallback.type"),
    ("fallback bad sender", {"fallback": SmsFallback(sender="phone")}, "fallback.sender"),
    ("recipient fallback",
     {"to": Recipient("01055550123", fallback=SmsFallback(content="no ad wording"))},
     "to[0].fallback.content"),
    ("fallback 080 shape", {"fallback": True, "fallback_unsubscribe_no": "1588-0000"},
     "fallback_unsubscribe_no"),
    ("push alarm not bool", {"push_alarm": "no"}, "push_alarm"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "changes", "field"), REQUEST_REJECTED, ids=[c[0] for c in REQUEST_REJECTED]
)
async def test_invalid_request_is_refused_before_sending(
    api: Api, mock: respx.MockRouter, case: str, changes: dict[str, Any], field: str
) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    kwargs: dict[str, Any] = {"to": "01055550123", "message": TextMessage("hi")}
    kwargs.update(changes)
    with pytest.raises(ValidationError) as info:
        await api.call("send_brand_message", kwargs.pop("to"), kwargs.pop("message"), **kwargs)
    assert info.value.field == field, str(info.value)
    assert not route.called


async def test_thousand_recipients_in_one_request(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    await api.call("send_brand_message", _many(1000), TextMessage("hi"))
    assert len(body_json(route.calls.last.request)["recipientList"]) == 1000


async def test_missing_sender_key_names_the_setting(mock: respx.MockRouter) -> None:
    from notify_sdk import NotifyClient

    with NotifyClient(
        kakao_app_key="k", kakao_secret_key="s", kakao_base_url="https://kakao.example.test"
    ) as bare:
        Api(bare)
        with pytest.raises(ValidationError) as info:
            bare.send_brand_message("01055550123", TextMessage("hi"))
    assert info.value.field == "sender_key"
    assert "NHN_KAKAO_SENDER_KEY" in str(info.value)


# --- the night-time rule ---


@pytest.mark.parametrize(
    ("hour", "minute", "allowed"),
    [(8, 0, True), (20, 49, True), (12, 0, True), (20, 50, False), (23, 0, False),
     (0, 0, False), (7, 59, False)],
)  # fmt: skip
async def test_schedule_inside_night_window_is_refused(
    api: Api, mock: respx.MockRouter, hour: int, minute: int, allowed: bool
) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    when = datetime(2026, 11, 25, hour, minute)
    if allowed:
        await api.call("send_brand_message", "01055550123", TextMessage("hi"), scheduled_at=when)
        assert body_json(route.calls.last.request)["requestDate"] == f"{when:%Y-%m-%d %H:%M}"
        return
    with pytest.raises(ValidationError) as info:
        await api.call("send_brand_message", "01055550123", TextMessage("hi"), scheduled_at=when)
    assert info.value.field == "scheduled_at"
    assert "allow_night_resend" in str(info.value)
    assert not route.called


async def test_night_schedule_allowed_with_next_morning_resend(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    await api.call(
        "send_brand_message", "01055550123", TextMessage("hi"),
        scheduled_at=datetime(2026, 11, 25, 22, 0), allow_night_resend=True,
    )  # fmt: skip
    body = body_json(route.calls.last.request)
    assert body["requestDate"] == "2026-11-25 22:00"
    # The re-send is a console setting: no field exists for it.
    assert set(body) == {
        "senderKey", "requestDate", "chatBubbleType", "content", "recipientList",
        "senderGroupingKey",
    }  # fmt: skip


async def test_night_schedule_judged_in_korea_time(api: Api, mock: respx.MockRouter) -> None:
    mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    # 12:30 UTC is 21:30 KST.
    with pytest.raises(ValidationError):
        await api.call(
            "send_brand_message", "01055550123", TextMessage("hi"),
            scheduled_at=datetime(2026, 11, 25, 12, 30, tzinfo=timezone.utc),
        )  # fmt: skip


async def test_immediate_send_at_night_warns(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    api.set_clock(datetime(2026, 11, 24, 13, 30, tzinfo=timezone.utc))  # 22:30 KST
    with pytest.warns(UserWarning, match="night window") as record:
        await api.call("send_brand_message", "01055550123", TextMessage("hi"))
    assert route.call_count == 1
    # The warning points at the SDK's caller: the test body, or the runner that calls for it.
    assert record[0].filename in (__file__, helpers.__file__)


async def test_immediate_send_by_day_or_with_resend_does_not_warn(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.post("/freestyle-messages").respond(json=send_answer(row(1)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await api.call("send_brand_message", "01055550123", TextMessage("hi"))
        api.set_clock(datetime(2026, 11, 24, 23, 0, tzinfo=KST))
        await api.call(
            "send_brand_message", "01055550123", TextMessage("hi"), allow_night_resend=True
        )


# --- template sends ---


async def test_template_send_request(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/basic-messages").respond(json=send_answer(row(1), row(2)))
    result = await api.call(
        "send_brand_template",
        [
            BrandRecipient(
                "01055550123",
                targeting="M",
                params={"name": "Kim Minji", "bookTitle@$.carousel.list[1]": "The Quiet Harbour"},
                image_parameters=[None, Image(f"{IMG}book1_alt.jpg"), None],
                grouping_key="cust-9917",
            ),
            "01055550456",
        ],
        "c41f07e2a9d35b68e1f0",
        params={"bookTitle": "Staff pick", "name": "friend"},
        video_parameter=Video("https://tv.kakao.com/v/99", f"{IMG}t.jpg"),
        sender_grouping_key="winter-tpl-2611",
    )
    request = route.calls.last.request
    assert str(request.url) == f"{BRAND_PREFIX}/basic-messages"
    check_headers(request)
    assert TOKEN.fullmatch(request.headers[IDEM])
    assert body_json(request) == {
        "senderKey": SENDER_KEY,
        "templateCode": "c41f07e2a9d35b68e1f0",
        "recipientList": [
            {
                "recipientNo": "01055550123",
                "targeting": "M",
                "recipientGroupingKey": "cust-9917",
                "templateParameter": {
                    "bookTitle": "Staff pick",
                    "name": "Kim Minji",
                    "bookTitle@$.carousel.list[1]": "The Quiet Harbour",
                },
                "imageParameters": [{}, {"imageUrl": f"{IMG}book1_alt.jpg"}, {}],
                "videoParameter": {
                    "videoUrl": "https://tv.kakao.com/v/99",
                    "thumbnailUrl": f"{IMG}t.jpg",
                },
            },
            {
                "recipientNo": "01055550456",
                "targeting": "I",
                "templateParameter": {"bookTitle": "Staff pick", "name": "friend"},
                "videoParameter": {
                    "videoUrl": "https://tv.kakao.com/v/99",
                    "thumbnailUrl": f"{IMG}t.jpg",
                },
            },
        ],
        "senderGroupingKey": "winter-tpl-2611",
    }
    assert result.service == "brand"
    assert [r.grouping_key for r in result.recipients] == ["cust-9917", None]


async def test_template_send_shared_images_and_schedule(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/basic-messages").respond(json=send_answer(row(1)))
    await api.call(
        "send_brand_template", "01055550123", "tpl-1",
        image_parameters=[Image(f"{IMG}a.jpg", "https://m.s/a")],
        scheduled_at=datetime(2026, 11, 26, 9, 15), targeting="N",
    )  # fmt: skip
    body = _top(body_json(route.calls.last.request))
    assert body == {
        "senderKey": SENDER_KEY,
        "requestDate": "2026-11-26 09:15",
        "templateCode": "tpl-1",
        "recipientList": [
            {
                "recipientNo": "01055550123",
                "targeting": "N",
                "imageParameters": [{"imageUrl": f"{IMG}a.jpg", "imageLink": "https://m.s/a"}],
            }
        ],
    }


TEMPLATE_REJECTED: list[tuple[str, dict[str, Any], str]] = [
    ("no template code", {"template_code": " "}, "template_code"),
    ("at sign in a plain key", {"params": {"e@mail": "x"}}, "params"),
    ("path key with bad path", {"params": {"name@$.list[1]": "x"}}, "params"),
    ("value 1301", {"params": {"k": "v" * 1301}}, "params"),
    ("key 1301", {"params": {"k" * 1301: "v"}}, "params"),
    ("value not text", {"params": {"k": ["v"]}}, "params"),
    ("recipient params", {"to": Recipient("01055550123", params={"a@b": "x"})}, "to[0].params"),
    ("image parameter not an Image", {"image_parameters": ["https://x"]}, "image_parameters"),
    ("image parameter bad url", {"image_parameters": [Image("ftp://x")]},
     "image_parameters[0].url"),
    ("video parameter bad url", {"video_parameter": Video("tv/1")}, "video_parameter.url"),
    ("night schedule", {"scheduled_at": datetime(2026, 11, 25, 21, 0)}, "scheduled_at"),
    ("is_ad False", {"is_ad": False}, "is_ad"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "changes", "field"), TEMPLATE_REJECTED, ids=[c[0] for c in TEMPLATE_REJECTED]
)
async def test_invalid_template_send_is_refused(
    api: Api, mock: respx.MockRouter, case: str, changes: dict[str, Any], field: str
) -> None:
    route = mock.post("/basic-messages").respond(json=send_answer(row(1)))
    kwargs: dict[str, Any] = {"to": "01055550123", "template_code": "tpl-1"}
    kwargs.update(changes)
    with pytest.raises(ValidationError) as info:
        await api.call(
            "send_brand_template", kwargs.pop("to"), kwargs.pop("template_code"), **kwargs
        )
    assert info.value.field == field, str(info.value)
    assert not route.called


async def test_template_not_found(api: Api, mock: respx.MockRouter) -> None:
    mock.post("/basic-messages").respond(json=kakao_envelope(-3003, "no template"))
    with pytest.raises(TemplateError):
        await api.call("send_brand_template", "01055550123", "missing")


# --- retry safety: reconcile, never resend blindly ------------------------------------------------


def _timeout_then(answer: dict[str, Any]) -> Any:
    """A POST side effect: the first attempt times out after sending, then ``answer``."""
    state = {"n": 0}

    def effect(request: httpx.Request) -> httpx.Response:
        state["n"] += 1
        if state["n"] == 1:
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(200, json=answer)

    return effect


async def test_ambiguous_failure_then_found_by_lookup(api: Api, mock: respx.MockRouter) -> None:
    post = mock.post("/freestyle-messages").mock(side_effect=_timeout_then(send_answer(row(1))))
    found: dict[str, Any] = {}

    def listing(request: httpx.Request) -> httpx.Response:
        key = request.url.params["senderGroupingKey"]
        found["params"] = dict(request.url.params)
        items = [list_item(2, key), list_item(1, key), list_item(1, "someone-else")]
        return httpx.Response(200, json=list_answer(items, 3))

    get = mock.get("/messages").mock(side_effect=listing)
    result = await api.call(
        "send_brand_message",
        ["01055550101", "01055550102"],
        TextMessage("hi"),
        retry=FAST_RETRY,
    )
    assert post.call_count == 1
    assert get.call_count == 1
    key = body_json(post.calls.last.request)["senderGroupingKey"]
    assert found["params"] == {
        "senderGroupingKey": key,
        "startRequestDate": "2026-11-24 11:58",
        "endRequestDate": "2026-11-24 12:02",
        "pageNum": "1",
        "pageSize": "1000",
    }
    check_headers(get.calls.last.request)
    assert result.recovered
    assert result.request_id == REQUEST_ID
    assert result.sender_grouping_key == key
    assert result.idempotency_key == post.calls.last.request.headers[IDEM]
    assert [(r.seq, r.number, r.grouping_key, r.result_code) for r in result.recipients] == [
        (1, "01055550101", "cust-1", 0),
        (2, "01055550102", "cust-2", 0),
    ]


async def test_ambiguous_failure_not_found_resends_once(api: Api, mock: respx.MockRouter) -> None:
    post = mock.post("/freestyle-messages").mock(side_effect=_timeout_then(send_answer(row(1))))
    get = mock.get("/messages").respond(json=list_answer([], 0))
    result = await api.call("send_brand_message", "01055550101", TextMessage("hi"))
    assert post.call_count == 2
    first, second = (c.request for c in post.calls)
    assert first.headers[IDEM] == second.headers[IDEM]
    assert first.content == second.content
    assert get.call_count >= 1
    assert result.attempts == 2
    assert not result.recovered
    assert result.request_id == REQUEST_ID


async def test_lookup_failure_raises_ambiguous_without_resend(
    api: Api, mock: respx.MockRouter
) -> None:
    post = mock.post("/freestyle-messages").mock(side_effect=_timeout_then(send_answer(row(1))))
    mock.get("/messages").mock(side_effect=httpx.ReadTimeout("lookup timed out"))
    with pytest.raises(TransportError) as info:
        await api.call("send_brand_message", "01055550101", TextMessage("hi"))
    assert info.value.ambiguous
    assert post.call_count == 1


async def test_replayed_answer_after_ambiguous_failure(api: Api, mock: respx.MockRouter) -> None:
    """-1005 on the resend: an earlier attempt was accepted; never resend again."""
    post = mock.post("/freestyle-messages").mock(
        side_effect=_timeout_then(kakao_envelope(-1005, "duplicate"))
    )
    mock.get("/messages").respond(json=list_answer([], 0))
    result = await api.call(
        "send_brand_message", [Recipient("01055550101", grouping_key="g1")], TextMessage("hi")
    )
    assert post.call_count == 2
    assert result.recovered
    assert result.request_id is None
    assert [(r.number, r.seq, r.result_code, r.grouping_key) for r in result.recipients] == [
        ("01055550101", 1, 0, "g1")
    ]
    assert "-1005" in result.recipients[0].result_message


async def test_on_ambiguous_raise_never_looks_up(api: Api, mock: respx.MockRouter) -> None:
    post = mock.post("/freestyle-messages").mock(side_effect=_timeout_then(send_answer(row(1))))
    get = mock.get("/messages").respond(json=list_answer([], 0))
    with pytest.raises(TransportError) as info:
        await api.call(
            "send_brand_message", "01055550101", TextMessage("hi"),
            retry=FAST_RETRY.evolve(on_ambiguous="raise"),
        )  # fmt: skip
    assert info.value.ambiguous
    assert post.call_count == 1
    assert not get.called


async def test_scheduled_send_is_looked_up_around_its_request_date(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.post("/freestyle-messages").mock(side_effect=_timeout_then(send_answer(row(1))))
    get = mock.get("/messages").mock(
        side_effect=lambda request: httpx.Response(
            200, json=list_answer([list_item(1, request.url.params["senderGroupingKey"])])
        )
    )
    result = await api.call(
        "send_brand_message", "01055550101", TextMessage("hi"),
        scheduled_at=datetime(2026, 11, 27, 10, 0),
    )  # fmt: skip
    params = get.calls.last.request.url.params
    assert (params["startRequestDate"], params["endRequestDate"]) == (
        "2026-11-27 09:58",
        "2026-11-27 10:02",
    )
    assert result.recovered


async def test_server_error_code_is_reconciled_too(api: Api, mock: respx.MockRouter) -> None:
    answers = iter([kakao_envelope(-9999, "system error"), send_answer(row(1))])
    post = mock.post("/freestyle-messages").mock(
        side_effect=lambda request: httpx.Response(200, json=next(answers))
    )
    get = mock.get("/messages").respond(json=list_answer([], 0))
    result = await api.call("send_brand_message", "01055550101", TextMessage("hi"))
    assert get.called
    assert post.call_count == 2
    assert result.ok


async def test_validation_error_code_is_not_retried(api: Api, mock: respx.MockRouter) -> None:
    post = mock.post("/freestyle-messages").respond(json=kakao_envelope(-3306, "no buttons"))
    with pytest.raises(APIError) as info:
        await api.call("send_brand_message", "01055550101", TextMessage("hi"))
    assert info.value.code == -3306
    assert info.value.attempts == 1
    assert post.call_count == 1


def test_retry_policy_fixture_is_instant() -> None:
    assert FAST_RETRY.initial_delay == 0.0
    assert isinstance(FAST_RETRY, RetryPolicy)
    assert NOON.tzinfo is KST
    assert timedelta(minutes=2) == timedelta(seconds=120)
