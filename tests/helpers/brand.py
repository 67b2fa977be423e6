"""Shared helpers of the Brand Message tests: one runner for both clients, a fixed
clock, mocks, documented answers and one sample bubble per chat-bubble type.

Holds no tests itself. Every Brand Message test that talks HTTP takes ``api``,
which runs the same test body against ``NotifyClient`` and
``AsyncNotifyClient``, each with its clock fixed to a weekday noon in Korea so
that the night-time rule never depends on when the suite runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
import respx

from notify_sdk._core.params import KST
from notify_sdk.brand import (
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
    TextMessage,
    Video,
    WideItem,
    WideItemListMessage,
    WideMessage,
)
from tests.helpers import BRAND_PREFIX, SECRET, Api, kakao_envelope, mock_router

JSON_CT = "application/json;charset=UTF-8"
REQUEST_ID = "20261124153012pR4sT6vX8z0"
#: Tuesday 2026-11-24 12:00 KST: well outside the night window.
NOON = datetime(2026, 11, 24, 12, 0, tzinfo=KST)
IMG = "https://mud-kage.kakao.com/dn/ex4mpl/"


@pytest.fixture
def api(api: Api) -> Api:
    """conftest's ``api`` (both clients), its clock fixed at ``NOON``."""
    api.set_clock(NOON)
    return api


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    """respx router on the Brand Message prefix; an unmocked request fails the test."""
    with mock_router(BRAND_PREFIX) as m:
        yield m


def check_headers(request: httpx.Request, *, json_body: bool = True) -> None:
    assert request.headers["X-Secret-Key"] == SECRET
    if json_body:
        assert request.headers["Content-Type"] == JSON_CT


def send_answer(*rows: dict[str, Any], code: int = 0) -> dict[str, Any]:
    # kakao_envelope's own "message" parameter is the header text: add the part here.
    out = kakao_envelope(code, "SUCCESS" if code == 0 else "failed")
    out["message"] = {"requestId": REQUEST_ID, "sendResults": list(rows)}
    return out


def row(seq: int, number: str | None = "01055550123", code: int = 0) -> dict[str, Any]:
    return {
        "recipientSeq": seq,
        "recipientNo": number,
        "resultCode": code,
        "resultMessage": "SUCCESS" if code == 0 else "failed",
    }


def list_item(seq: int, key: str, **extra: Any) -> dict[str, Any]:
    """A ``messages[]`` item shaped as brand-message.md 8.1 documents it."""
    item: dict[str, Any] = {
        "requestId": REQUEST_ID,
        "recipientSeq": seq,
        "plusFriendId": "@hanbitbooks",
        "senderKey": "5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
        "templateCode": None,
        "recipientNo": f"010555501{seq:02d}",
        "targeting": "I",
        "requestDate": "2026-11-24 12:00:00",
        "createDate": "2026-11-24 12:00:00",
        "receiveDate": "2026-11-24 12:00:04",
        "chatBubbleType": "TEXT",
        "pushAlarm": True,
        "messageStatus": "COMPLETED",
        "resendStatusCode": "RSC02",
        "resendStatusName": "Fallback target",
        "resendResultCode": None,
        "resendRequestId": None,
        "isAddedChannel": True,
        "resultCode": "1000",
        "resultCodeName": "Success",
        "createUser": None,
        "senderGroupingKey": key,
        "recipientGroupingKey": f"cust-{seq}",
    }
    item.update(extra)
    return item


def list_answer(items: list[dict[str, Any]], total: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"messages": items}
    if total is not None:
        body["totalCount"] = total
    return kakao_envelope(messageSearchResultResponse=body)


def web(name: str = "Open", url: str = "https://m.shop.example/a") -> Button:
    return Button.web(name, url)


COUPON = Coupon("20% 할인 쿠폰", "Week only", link_mo="https://m.shop.example/c")
COUPON_WIRE = {
    "title": "20% 할인 쿠폰",
    "description": "Week only",
    "linkMo": "https://m.shop.example/c",
}


def feed_card(n: int, *buttons: Button) -> CarouselFeedCard:
    return CarouselFeedCard(
        f"Pick {n}",
        f"Staff pick number {n}",
        f"{IMG}feed{n}.jpg",
        buttons or (web("Read"),),
    )


def commerce_card(n: int, *buttons: Button) -> CarouselCommerceCard:
    return CarouselCommerceCard(
        f"{IMG}book{n}.jpg",
        Commerce(f"Book {n}", 18500),
        buttons or (web("Buy"),),
    )


#: One valid bubble per chat-bubble type, with the exact JSON it renders to.
SAMPLES: dict[str, tuple[Any, dict[str, Any]]] = {
    "TEXT": (
        TextMessage(
            "(광고) Winter sale\nAll titles 20% off",
            buttons=[Button.add_channel(), web("Shop now")],
            coupon=COUPON,
        ),
        {
            "chatBubbleType": "TEXT",
            "content": "(광고) Winter sale\nAll titles 20% off",
            "buttons": [
                {"name": "채널 추가", "type": "AC"},
                {"name": "Shop now", "type": "WL", "linkMo": "https://m.shop.example/a"},
            ],
            "coupon": COUPON_WIRE,
        },
    ),
    "IMAGE": (
        ImageMessage(
            "New arrivals",
            Image(f"{IMG}img.jpg", "https://m.shop.example/new"),
            buttons=[Button.app("App", scheme_android="shop://a", scheme_ios="shop://i")],
        ),
        {
            "chatBubbleType": "IMAGE",
            "content": "New arrivals",
            "image": {"imageUrl": f"{IMG}img.jpg", "imageLink": "https://m.shop.example/new"},
            "buttons": [
                {"name": "App", "type": "AL", "schemeAndroid": "shop://a", "schemeIos": "shop://i"}
            ],
        },
    ),
    "WIDE": (
        WideMessage(
            "Wide news",
            f"{IMG}wide.jpg",
            buttons=[web("Go"), Button.add_channel()],
            coupon=Coupon("무료배송 무료 쿠폰", "Free shipping", link_mo="https://m.s/c"),
            adult=True,
        ),
        {
            "chatBubbleType": "WIDE",
            "adult": True,
            "content": "Wide news",
            "image": {"imageUrl": f"{IMG}wide.jpg"},
            "buttons": [
                {"name": "Go", "type": "WL", "linkMo": "https://m.shop.example/a"},
                {"name": "채널 추가", "type": "AC"},
            ],
            "coupon": {
                "title": "무료배송 무료 쿠폰",
                "description": "Free shipping",
                "linkMo": "https://m.s/c",
            },
        },
    ),
    "WIDE_ITEM_LIST": (
        WideItemListMessage(
            "Top picks",
            [
                WideItem(f"{IMG}main.jpg", "https://m.s/1"),
                WideItem(f"{IMG}n2.jpg", "https://m.s/2", title="Second"),
                WideItem(f"{IMG}n3.jpg", "https://m.s/3", title="Third", link_pc="https://s/3"),
            ],
        ),
        {
            "chatBubbleType": "WIDE_ITEM_LIST",
            "header": "Top picks",
            "item": {
                "list": [
                    {"imageUrl": f"{IMG}main.jpg", "linkMo": "https://m.s/1"},
                    {"title": "Second", "imageUrl": f"{IMG}n2.jpg", "linkMo": "https://m.s/2"},
                    {
                        "title": "Third",
                        "imageUrl": f"{IMG}n3.jpg",
                        "linkMo": "https://m.s/3",
                        "linkPc": "https://s/3",
                    },
                ]
            },
        },
    ),
    "PREMIUM_VIDEO": (
        PremiumVideoMessage(
            Video("https://tv.kakao.com/v/123456", f"{IMG}thumb.jpg"),
            header="Trailer",
            content="Watch it",
            buttons=[Button.bot_keyword("More")],
        ),
        {
            "chatBubbleType": "PREMIUM_VIDEO",
            "header": "Trailer",
            "content": "Watch it",
            "video": {
                "videoUrl": "https://tv.kakao.com/v/123456",
                "thumbnailUrl": f"{IMG}thumb.jpg",
            },
            "buttons": [{"name": "More", "type": "BK"}],
        },
    ),
    "COMMERCE": (
        CommerceMessage(
            f"{IMG}deal.jpg",
            Commerce("Quiet Harbour", 22000, discount_price=17600, discount_rate=20),
            [web("Buy")],
            additional_content="Ships in 1 day",
        ),
        {
            "chatBubbleType": "COMMERCE",
            "additionalContent": "Ships in 1 day",
            "image": {"imageUrl": f"{IMG}deal.jpg"},
            "commerce": {
                "title": "Quiet Harbour",
                "regularPrice": 22000,
                "discountPrice": 17600,
                "discountRate": 20,
            },
            "buttons": [{"name": "Buy", "type": "WL", "linkMo": "https://m.shop.example/a"}],
        },
    ),
    "CAROUSEL_FEED": (
        CarouselFeedMessage(
            [feed_card(1), feed_card(2, web("Read"), Button.add_channel())],
            tail=CarouselTail("https://m.s/all"),
        ),
        {
            "chatBubbleType": "CAROUSEL_FEED",
            "carousel": {
                "list": [
                    {
                        "header": "Pick 1",
                        "message": "Staff pick number 1",
                        "imageUrl": f"{IMG}feed1.jpg",
                        "buttons": [
                            {"name": "Read", "type": "WL", "linkMo": "https://m.shop.example/a"}
                        ],
                    },
                    {
                        "header": "Pick 2",
                        "message": "Staff pick number 2",
                        "imageUrl": f"{IMG}feed2.jpg",
                        "buttons": [
                            {"name": "Read", "type": "WL", "linkMo": "https://m.shop.example/a"},
                            {"name": "채널 추가", "type": "AC"},
                        ],
                    },
                ],
                "tail": {"linkMo": "https://m.s/all"},
            },
        },
    ),
    "CAROUSEL_COMMERCE": (
        CarouselCommerceMessage(
            [commerce_card(1)],
            head=CarouselHead(
                "Winter list", "Two picks", f"{IMG}head.jpg", link_mo="https://m.s/w"
            ),
        ),
        {
            "chatBubbleType": "CAROUSEL_COMMERCE",
            "carousel": {
                "head": {
                    "header": "Winter list",
                    "content": "Two picks",
                    "imageUrl": f"{IMG}head.jpg",
                    "linkMo": "https://m.s/w",
                },
                "list": [
                    {
                        "imageUrl": f"{IMG}book1.jpg",
                        "commerce": {"title": "Book 1", "regularPrice": 18500},
                        "buttons": [
                            {"name": "Buy", "type": "WL", "linkMo": "https://m.shop.example/a"}
                        ],
                    }
                ],
            },
        },
    ),
}
