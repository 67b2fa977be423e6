"""``friendtalk_to_brand``: FriendTalk v2.4 requests mapped to Brand Message sends
(brand-message.md section 14), and the models' own contracts.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
import respx

from notify_sdk import SmsFallback
from notify_sdk.brand import (
    ADD_CHANNEL_BUTTON_NAME,
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
    friendtalk_to_brand,
)
from notify_sdk.errors import ValidationError
from tests.helpers import Api, body_json
from tests.helpers.brand import IMG, SAMPLES, api, mock, row, send_answer

__all__ = ["api", "mock"]  # fixtures imported for pytest

WL = {"name": "Shop", "type": "WL", "linkMo": "https://m.s/shop", "target": "out"}


def entry(number: str, **fields: Any) -> dict[str, Any]:
    return {"recipientNo": number, **fields}


def test_recipients_grouped_by_identical_payload() -> None:
    request = {
        "senderKey": "k",
        "recipientList": [
            entry("01000000001", content="Hello A", buttons=[WL]),
            entry("01000000002", content="Hello B"),
            entry("01000000003", content="Hello A", buttons=[WL], recipientGroupingKey="g3"),
            entry("01000000004", content="Hello B", isAd=True),
        ],
    }
    plan = friendtalk_to_brand(request)
    assert [([r.number for r in to], message) for to, message in plan] == [
        (
            ["01000000001", "01000000003"],
            TextMessage("Hello A", buttons=[Button.web("Shop", "https://m.s/shop")]),
        ),
        (["01000000002", "01000000004"], TextMessage("Hello B")),
    ]
    first = plan[0][0]
    assert all(isinstance(r, BrandRecipient) for r in first)
    assert [r.targeting for r in first] == [Targeting.I, Targeting.I]
    assert [r.grouping_key for r in first] == [None, "g3"]


def test_targeting_can_be_chosen() -> None:
    plan = friendtalk_to_brand({"recipientList": [entry("0101", content="x")]}, targeting="M")
    assert plan[0][0][0].targeting is Targeting.M
    with pytest.raises(ValidationError) as info:
        friendtalk_to_brand({"recipientList": [entry("0101", content="x")]}, targeting="F")
    assert info.value.field == "targeting"


def test_groups_are_split_at_one_thousand() -> None:
    entries = [entry(f"0105555{i:04d}", content="same") for i in range(2001)]
    plan = friendtalk_to_brand({"recipientList": entries})
    assert [len(to) for to, _ in plan] == [1000, 1000, 1]
    assert plan[2][0][0].number == "01055552000"


def test_informational_friendtalk_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        friendtalk_to_brand({"recipientList": [entry("0101", content="x", isAd=False)]})
    assert info.value.field == "request.recipientList[0].isAd"


def test_consultation_button_has_no_equivalent() -> None:
    buttons = [{"name": "Chat", "type": "BC"}]
    with pytest.raises(ValidationError) as info:
        friendtalk_to_brand({"recipientList": [entry("0101", content="x", buttons=buttons)]})
    assert info.value.field == "request.recipientList[0].buttons[0].type"


@pytest.mark.parametrize("request_body", [{}, {"recipientList": []}, {"recipientList": [{}]}])
def test_malformed_request(request_body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        friendtalk_to_brand(request_body)


def test_button_ordering_applied_and_fields_kept() -> None:
    buttons = [
        {"ordering": 2, "type": "AL", "name": "App", "schemeAndroid": "a://", "schemeIos": "i://"},
        {"ordering": 1, "type": "AC", "name": ADD_CHANNEL_BUTTON_NAME},
        {"ordering": 3, "type": "BF", "name": BIZ_FORM_BUTTON_NAMES[1], "bizFormKey": "bf"},
    ]
    coupon = {"title": "배송비 할인 쿠폰", "description": "d", "linkMo": "https://m.s/c"}
    plan = friendtalk_to_brand(
        {"recipientList": [entry("0101", content="x", buttons=buttons, coupon=coupon)]}
    )
    message = plan[0][1]
    assert message == TextMessage(
        "x",
        buttons=[
            Button.add_channel(),
            Button.app("App", scheme_android="a://", scheme_ios="i://"),
            Button.biz_form(BIZ_FORM_BUTTON_NAMES[1], "bf"),
        ],
        coupon=Coupon("배송비 할인 쿠폰", "d", link_mo="https://m.s/c"),
    )


def test_image_wide_and_replaced_urls() -> None:
    old, new = "https://ft.example/old.jpg", f"{IMG}new.jpg"
    request = {
        "recipientList": [
            entry("0101", content="a", imageUrl=old, imageLink="https://m.s/a"),
            entry("0102", content="b", imageUrl="https://ft.example/wide.jpg"),
        ]
    }
    plan = friendtalk_to_brand(
        request, wide_image_urls={"https://ft.example/wide.jpg"}, image_urls={old: new}
    )
    assert [m for _, m in plan] == [
        ImageMessage("a", Image(new, "https://m.s/a")),
        WideMessage("b", "https://ft.example/wide.jpg"),
    ]


def test_carousel_attachment_is_flattened() -> None:
    request = {
        "recipientList": [
            entry(
                "0101",
                carousel={
                    "list": [
                        {
                            "header": "H1",
                            "message": "M1",
                            "attachment": {
                                "buttons": [WL],
                                "image": {"imageUrl": f"{IMG}1.jpg", "imageLink": "https://m.s/1"},
                                "coupon": {"title": "신상 UP 쿠폰", "description": "d",
                                           "linkMo": "https://m.s/c"},
                            },
                        },
                        {"header": "H2", "message": "M2",
                         "attachment": {"buttons": [WL], "image": {"imageUrl": f"{IMG}2.jpg"}}},
                    ],
                    "tail": {"linkMo": "https://m.s/all", "linkPc": "https://s/all"},
                },
            )
        ]
    }  # fmt: skip
    ((_, message),) = friendtalk_to_brand(request)
    shop = Button.web("Shop", "https://m.s/shop")
    assert message == CarouselFeedMessage(
        [
            CarouselFeedCard(
                "H1", "M1", f"{IMG}1.jpg", [shop], image_link="https://m.s/1",
                coupon=Coupon("신상 UP 쿠폰", "d", link_mo="https://m.s/c"),
            ),
            CarouselFeedCard("H2", "M2", f"{IMG}2.jpg", [shop]),
        ],
        tail=CarouselTail("https://m.s/all", link_pc="https://s/all"),
    )  # fmt: skip
    message.validate()


def test_carousel_commerce_with_head_and_string_prices() -> None:
    card = {
        "additionalContent": "Ships fast",
        "attachment": {
            "buttons": [WL],
            "image": {"imageUrl": f"{IMG}b.jpg"},
            "commerce": {"title": "Book", "regularPrice": "22000", "discountPrice": "17600",
                         "discountRate": "20"},
        },
    }  # fmt: skip
    request = {
        "recipientList": [
            entry(
                "0101",
                carousel={
                    "head": {"header": "Head", "content": "Intro", "imageUrl": f"{IMG}h.jpg"},
                    "list": [card],
                },
            )
        ]
    }
    ((_, message),) = friendtalk_to_brand(request)
    assert message == CarouselCommerceMessage(
        [
            CarouselCommerceCard(
                f"{IMG}b.jpg",
                Commerce("Book", 22000, discount_price=17600, discount_rate=20),
                [Button.web("Shop", "https://m.s/shop")],
                additional_content="Ships fast",
            )
        ],
        head=CarouselHead("Head", "Intro", f"{IMG}h.jpg"),
    )
    message.validate()


def test_item_list_video_and_commerce() -> None:
    items = [
        {"imageUrl": f"{IMG}m.jpg", "linkMo": "https://m.s/1"},
        {"title": "Two", "imageUrl": f"{IMG}2.jpg", "linkMo": "https://m.s/2"},
        {"title": "Three", "imageUrl": f"{IMG}3.jpg", "linkMo": "https://m.s/3"},
    ]
    request = {
        "recipientList": [
            entry("0101", header="List", item={"list": items}),
            entry("0102", header="Clip", content="Watch",
                  video={"videoUrl": "https://tv.kakao.com/v/1"}),
            entry("0103", imageUrl=f"{IMG}c.jpg", commerce={"title": "T", "regularPrice": 100},
                  buttons=[WL], additionalContent="extra", adult=True),
        ]
    }  # fmt: skip
    messages = [m for _, m in friendtalk_to_brand(request)]
    assert messages == [
        WideItemListMessage(
            "List",
            [
                WideItem(f"{IMG}m.jpg", "https://m.s/1"),
                WideItem(f"{IMG}2.jpg", "https://m.s/2", title="Two"),
                WideItem(f"{IMG}3.jpg", "https://m.s/3", title="Three"),
            ],
        ),
        PremiumVideoMessage(Video("https://tv.kakao.com/v/1"), header="Clip", content="Watch"),
        CommerceMessage(
            f"{IMG}c.jpg",
            Commerce("T", 100),
            [Button.web("Shop", "https://m.s/shop")],
            additional_content="extra",
            adult=True,
        ),
    ]
    for message in messages:
        message.validate()


def test_fallback_is_carried_per_recipient() -> None:
    content = "(광고)한빛 할인 [무료 수신거부]0805550100"
    request = {
        "recipientList": [
            entry("0101", content="x", resendParameter={"isResend": True, "resendContent": content,
                                                        "resendSendNo": "0215449876"}),
            entry("0102", content="x", resendParameter={"isResend": False}),
            entry("0103", content="x", resendParameter={"isResend": True}),
            entry("0104", content="x"),
        ]
    }  # fmt: skip
    ((to, _),) = friendtalk_to_brand(request)
    assert [r.fallback for r in to] == [
        SmsFallback(content=content, sender="0215449876"),
        False,
        True,
        None,
    ]


async def test_plan_feeds_send_brand_message(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/freestyle-messages").respond(json=send_answer(row(1), row(2)))
    request = {
        "recipientList": [
            entry("01055550101", content="Hi", recipientGroupingKey="a"),
            entry("01055550102", content="Hi"),
        ]
    }
    for to, message in friendtalk_to_brand(request):
        await api.call("send_brand_message", to, message)
    body = body_json(route.calls.last.request)
    assert body["recipientList"] == [
        {"recipientNo": "01055550101", "targeting": "I", "recipientGroupingKey": "a"},
        {"recipientNo": "01055550102", "targeting": "I"},
    ]
    assert body["content"] == "Hi"
    assert route.call_count == 1


# --- model contracts ---


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_models_are_frozen_hashable_and_render(kind: str) -> None:
    message, wire = SAMPLES[kind]
    message.validate()
    assert message.to_wire() == wire
    assert message.chat_bubble_type.value == kind
    assert hash(message) == hash(attrs.evolve(message))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        message.adult = True


def test_validate_uses_the_given_prefix() -> None:
    with pytest.raises(ValidationError) as info:
        TextMessage("x", buttons=[Button.web("Go", "ftp://x")]).validate("plan[3]")
    assert info.value.field == "plan[3].buttons[0].link_mo"


def test_korean_literals_are_kept() -> None:
    assert ADD_CHANNEL_BUTTON_NAME == "채널 추가"
    assert BIZ_FORM_BUTTON_NAMES == ("톡에서 예약하기", "톡에서 설문하기", "톡에서 응모하기")
    assert Button.add_channel().to_wire() == {"name": "채널 추가", "type": "AC"}
