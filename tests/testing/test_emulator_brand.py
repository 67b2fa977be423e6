"""The emulator's Brand Message v1.0 endpoints, with raw httpx."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from notify_sdk.testing import DEFAULT_BRAND_TEMPLATE_CODE, DEFAULT_SENDER_KEY, Emulator
from tests.helpers import Clock, code_of

HOST = "https://kakaotalk-bizmessage.api.nhncloudservice.com"
BRAND = "/brand-message/v1.0/appkeys/test-kakao-app"
WL = {"name": "Open", "type": "WL", "linkMo": "https://m.example.com"}
IMAGE = {"imageUrl": "https://cdn.example.com/a.jpg"}


@pytest.fixture
def emulator_base_url() -> str:
    return HOST


def freestyle(bubble: str = "TEXT", *, targeting: str | None = "I", **parts: Any) -> dict[str, Any]:
    if bubble == "TEXT" and not parts:
        parts = {"content": "This week: 20% off novels"}
    recipient: dict[str, Any] = {"recipientNo": "01055550123"}
    if targeting is not None:
        recipient["targeting"] = targeting
    return {
        "senderKey": DEFAULT_SENDER_KEY,
        "chatBubbleType": bubble,
        "recipientList": [recipient],
        **parts,
    }


def basic(**recipient: Any) -> dict[str, Any]:
    entry = {"recipientNo": "01055550123", "targeting": "I", **recipient}
    return {
        "senderKey": DEFAULT_SENDER_KEY,
        "templateCode": DEFAULT_BRAND_TEMPLATE_CODE,
        "recipientList": [entry],
    }


def first_result(response: httpx.Response) -> int:
    return int(response.json()["message"]["sendResults"][0]["resultCode"])


def test_freestyle_text_send_and_queries(http: httpx.Client, emulator: Emulator) -> None:
    payload = freestyle(content="Winter list", buttons=[WL], senderGroupingKey="winter")
    response = http.post(f"{BRAND}/freestyle-messages", json=payload)
    assert code_of(response) == 0
    message = response.json()["message"]
    assert "senderGroupingKey" not in message
    assert "recipientGroupingKey" not in message["sendResults"][0]
    request_id = message["requestId"]

    listed = http.get(
        f"{BRAND}/messages",
        params={
            "senderGroupingKey": "winter",
            "startRequestDate": "2026-11-24 10:25",
            "endRequestDate": "2026-11-24 10:35",
        },
    ).json()["messageSearchResultResponse"]
    [item] = listed["messages"]
    assert item["requestId"] == request_id
    assert (item["chatBubbleType"], item["targeting"], item["isAddedChannel"]) == (
        "TEXT",
        "I",
        True,
    )
    assert (item["resendStatusCode"], item["resultCode"]) == ("RSC01", "1000")
    assert "resendStatus" not in item
    one = http.get(f"{BRAND}/messages/{request_id}/1").json()["message"]
    assert (one["content"], one["buttons"]) == ("Winter list", [WL])
    [accepted] = emulator.accepted
    assert (accepted.service, accepted.message_type, accepted.is_ad) == ("brand", "TEXT", True)
    create_range = {"startCreateDate": "2026-11-24 10:25", "endCreateDate": "2026-11-24 10:35"}
    assert code_of(http.get(f"{BRAND}/messages", params=create_range)) == -4103


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({**freestyle(), "chatBubbleType": None}, -3303),
        (freestyle("POSTCARD", content="x"), -3304),
        (freestyle("TEXT", content="x", image=IMAGE), -3305),
        (freestyle("IMAGE", content="x"), -3319),
        (freestyle("IMAGE", content="x", image={"imageUrl": "ftp://x/a.jpg"}), -3326),
        (freestyle("WIDE", content="x" * 77, image=IMAGE), -2004),
        (freestyle("TEXT", content="x" * 1301), -2004),
        (
            freestyle("COMMERCE", image=IMAGE, commerce={"title": "Book", "regularPrice": 100}),
            -3306,
        ),
        (
            freestyle(
                "COMMERCE",
                image=IMAGE,
                buttons=[WL],
                commerce={"title": "Book", "regularPrice": 100, "discountPrice": 80},
            ),
            -3299,
        ),
        (freestyle("PREMIUM_VIDEO", video={"videoUrl": "https://youtube.com/v/1"}), -3318),
        (freestyle("WIDE_ITEM_LIST", header="Picks"), -3325),
        (
            freestyle(
                "CAROUSEL_FEED",
                carousel={
                    "list": [
                        {
                            "header": "h",
                            "message": "m",
                            "imageUrl": IMAGE["imageUrl"],
                            "buttons": [WL],
                        }
                    ]
                },
            ),
            -3320,
        ),
        (
            freestyle(
                "CAROUSEL_FEED",
                carousel={
                    "list": [
                        {
                            "header": "h",
                            "message": "m",
                            "imageUrl": IMAGE["imageUrl"],
                            "buttons": [WL],
                            "commerce": {"title": "t", "regularPrice": 1},
                        }
                    ]
                    * 2
                },
            ),
            -3335,
        ),
        (
            freestyle(
                "CAROUSEL_COMMERCE",
                carousel={
                    "list": [
                        {
                            "header": "h",
                            "imageUrl": IMAGE["imageUrl"],
                            "buttons": [WL],
                            "commerce": {"title": "t", "regularPrice": 1},
                        }
                    ]
                    * 2
                },
            ),
            -3333,
        ),
        (freestyle(content="x", buttons=[{"name": "Open", "type": "WL"}]), -3307),
        (freestyle(content="x", buttons=[{**WL, "linkMo": "m.example.com"}]), -3310),
        (
            freestyle(content="x", buttons=[{"name": "App", "type": "AL", "schemeIos": "a://"}]),
            -3309,
        ),
        (freestyle(content="x", buttons=[{"name": "Call", "type": "BC"}]), -3328),
        (freestyle(content="x", buttons=[WL, {"name": "채널 추가", "type": "AC"}]), -3311),
        (freestyle(content="x", buttons=[{"name": "Add", "type": "AC"}]), -3026),
        (freestyle(content="x", buttons=[WL] * 6), -3304),
        (
            freestyle(
                content="x",
                coupon={"title": "Big coupon", "description": "d", "linkMo": "https://x"},
            ),
            -3315,
        ),
        (
            freestyle(content="x", coupon={"title": "10% 할인 쿠폰", "description": "d"}),
            -3313,
        ),
        ({**freestyle(), "unsubscribeAuthNo": "1234"}, -3339),
        ({**freestyle(), "unsubscribeNo": "0701234567"}, -3340),
        ({**freestyle(), "unsubscribeNo": "080-123-4567", "unsubscribeAuthNo": "12ab"}, -3341),
        ({**freestyle(), "senderKey": "nope"}, -2017),
    ],
)
def test_freestyle_validation_codes(
    http: httpx.Client, emulator: Emulator, payload: dict[str, Any], code: int
) -> None:
    assert code_of(http.post(f"{BRAND}/freestyle-messages", json=payload)) == code
    assert emulator.accepted == ()


def test_valid_layouts_are_accepted(http: httpx.Client, emulator: Emulator) -> None:
    card = {"imageUrl": IMAGE["imageUrl"], "buttons": [WL]}
    payloads = [
        freestyle(
            "IMAGE",
            content="x",
            image=IMAGE,
            coupon={"title": "10% 할인 쿠폰", "description": "d", "linkMo": "https://x"},
        ),
        freestyle("PREMIUM_VIDEO", video={"videoUrl": "https://tv.kakao.com/v/123"}, header="New"),
        freestyle(
            "COMMERCE",
            image=IMAGE,
            buttons=[WL, {"name": "채널 추가", "type": "AC"}],
            commerce={
                "title": "Book",
                "regularPrice": 100,
                "discountPrice": 80,
                "discountRate": 20,
            },
        ),
        freestyle(
            "CAROUSEL_COMMERCE",
            carousel={
                "head": {"header": "Picks", "content": "Two", "imageUrl": IMAGE["imageUrl"]},
                "list": [{**card, "commerce": {"title": "t", "regularPrice": 1}}],
                "tail": {"linkMo": "https://m.example.com/all"},
            },
        ),
        freestyle(
            "WIDE_ITEM_LIST",
            header="Picks",
            item={
                "list": [
                    {"imageUrl": IMAGE["imageUrl"], "linkMo": "https://x"},
                    {"title": "B", "imageUrl": IMAGE["imageUrl"], "linkMo": "https://x"},
                    {"title": "C", "imageUrl": IMAGE["imageUrl"], "linkMo": "https://x"},
                ]
            },
        ),
    ]
    for payload in payloads:
        response = http.post(f"{BRAND}/freestyle-messages", json=payload)
        assert code_of(response) == 0, (payload["chatBubbleType"], response.json())
    assert [m.message_type for m in emulator.accepted] == [p["chatBubbleType"] for p in payloads]


def test_recipient_rules(http: httpx.Client, emulator: Emulator) -> None:
    emulator.opt_out("01066660000")
    payload = freestyle()
    payload["recipientList"] = [
        {"recipientNo": "01055550123", "targeting": "I"},
        {"recipientNo": "01055550124", "targeting": "M"},
        {"recipientNo": "01055550125", "targeting": "X"},
        {"recipientNo": "01066660000", "targeting": "I"},
        {"recipientNo": "01055550126"},
    ]
    response = http.post(f"{BRAND}/freestyle-messages", json=payload)
    codes = [r["resultCode"] for r in response.json()["message"]["sendResults"]]
    assert codes == [0, -4029, -3298, -3301, 0]
    assert [m.number for m in emulator.accepted] == ["01055550123", "01055550126"]

    emulator.add_sender_profile(DEFAULT_SENDER_KEY, marketing_agreement=True)
    only_m = freestyle(targeting="M")
    assert code_of(http.post(f"{BRAND}/freestyle-messages", json=only_m)) == 0


def test_all_recipients_failing_is_minus_1031(http: httpx.Client, emulator: Emulator) -> None:
    response = http.post(f"{BRAND}/freestyle-messages", json=freestyle(targeting="N"))
    assert code_of(response) == -1031
    assert first_result(response) == -4029
    assert emulator.accepted == ()


def test_basic_messages(http: httpx.Client, emulator: Emulator) -> None:
    ok = http.post(f"{BRAND}/basic-messages", json=basic(templateParameter={"name": "Kim"}))
    assert code_of(ok) == 0
    [message] = emulator.accepted
    assert message.content == "(광고) Kim, this week's picks are in."
    assert (message.endpoint, message.template_code) == ("basic-messages", "BRAND_WELCOME")
    one = http.get(f"{BRAND}/messages/{ok.json()['message']['requestId']}/1").json()["message"]
    assert one["templateParameter"] == '{"name": "Kim"}'

    assert first_result(http.post(f"{BRAND}/basic-messages", json=basic())) == -3049
    no_targeting = basic(templateParameter={"name": "Kim"})
    del no_targeting["recipientList"][0]["targeting"]
    assert first_result(http.post(f"{BRAND}/basic-messages", json=no_targeting)) == -3298
    unknown = {**basic(), "templateCode": "nope"}
    assert code_of(http.post(f"{BRAND}/basic-messages", json=unknown)) == -3003
    emulator.add_brand_template(
        DEFAULT_SENDER_KEY, "PIC", "Hi", chat_bubble_type="IMAGE", image_count=1
    )
    images = {**basic(imageParameters=[{}, {}]), "templateCode": "PIC"}
    assert first_result(http.post(f"{BRAND}/basic-messages", json=images)) == -3344
    images_ok = {**basic(imageParameters=[{}]), "templateCode": "PIC"}
    assert code_of(http.post(f"{BRAND}/basic-messages", json=images_ok)) == 0
    assert len(emulator.accepted) == 2


def test_image_upload_and_type_checks(http: httpx.Client) -> None:
    def upload(image_type: str, name: str = "a.jpg") -> httpx.Response:
        return http.post(
            f"{BRAND}/images",
            files={"image": (name, b"\xff\xd8\xff" + b"0" * 64, "image/jpeg")},
            data={"imageType": image_type},
        )

    assert code_of(upload("POSTER")) == -8011
    assert code_of(upload("IMAGE", "a.gif")) == -4009
    wide = upload("WIDE_IMAGE")
    assert code_of(wide) == 0
    image = wide.json()["image"]
    assert image["imageName"] == "a.jpg"
    assert isinstance(image["imageSeq"], int)
    wrong = freestyle("IMAGE", content="x", image={"imageUrl": image["imageUrl"]})
    assert code_of(http.post(f"{BRAND}/freestyle-messages", json=wrong)) == -8002
    right = freestyle("WIDE", content="x", image={"imageUrl": image["imageUrl"]})
    assert code_of(http.post(f"{BRAND}/freestyle-messages", json=right)) == 0
    as_json = http.post(f"{BRAND}/images", json={"image": "x"})
    assert code_of(as_json) == -9996


def test_video_register(http: httpx.Client) -> None:
    body = {"senderKey": DEFAULT_SENDER_KEY, "fileName": "teaser.mp4", "fileSize": 1024}
    response = http.post(f"{BRAND}/videos", json=body)
    assert code_of(response) == 0
    payload = response.json()
    assert payload["video"]["status"] == "REGISTERED"
    assert payload["video"]["fileSize"] == 1024
    assert set(payload["uploadInfo"]) == {"uploadUrl", "token"}
    assert code_of(http.post(f"{BRAND}/videos", json={**body, "fileName": "teaser.gif"})) == -4009
    assert code_of(http.post(f"{BRAND}/videos", json={**body, "senderKey": "x"})) == -2017


def test_sender_profile(http: httpx.Client, emulator: Emulator) -> None:
    sender = http.get(f"{BRAND}/senders/{DEFAULT_SENDER_KEY}").json()["sender"]
    assert sender["marketingAgreement"] is False
    assert sender["unsubscribePhoneNumber"] == "0801234567"
    assert "alimtalk" not in sender
    emulator.add_sender_profile("blocked", blocked=True)
    assert (
        code_of(
            http.post(f"{BRAND}/freestyle-messages", json={**freestyle(), "senderKey": "blocked"})
        )
        == -1027
    )


def test_cancel_scheduled(http: httpx.Client, clock: Clock) -> None:
    scheduled = freestyle(content="Later", requestDate="2026-11-24 12:00")
    request_id = http.post(f"{BRAND}/freestyle-messages", json=scheduled).json()["message"][
        "requestId"
    ]
    assert code_of(http.delete(f"{BRAND}/messages/{request_id}", params={"recipientSeq": "1"})) == 0
    assert (
        http.get(f"{BRAND}/messages/{request_id}/1").json()["message"]["messageStatus"] == "CANCEL"
    )
    assert code_of(http.delete(f"{BRAND}/messages/{request_id}")) == -2029
    now = http.post(f"{BRAND}/freestyle-messages", json=freestyle()).json()["message"]["requestId"]
    assert code_of(http.delete(f"{BRAND}/messages/{now}")) == -2029


def test_brand_fallback_is_an_ad_sms(http: httpx.Client, emulator: Emulator) -> None:
    emulator.set_non_kakao_user("01055550123")
    payload = freestyle()
    payload["recipientList"][0]["resendParameter"] = {"isResend": True}
    request_id = http.post(f"{BRAND}/freestyle-messages", json=payload).json()["message"][
        "requestId"
    ]
    item = http.get(f"{BRAND}/messages/{request_id}/1").json()["message"]
    assert (item["resultCode"], item["resendStatusCode"]) == ("3018", "RSC04")
    [fallback] = emulator.messages_to("01055550123", service="sms")
    assert fallback.is_ad
    assert fallback.content is not None
    assert fallback.content.startswith("(광고)")
    assert fallback.content.endswith("무료수신거부 0801234567")
    assert fallback.request_id == item["resendRequestId"]

    bad = freestyle()
    bad["recipientList"][0]["resendParameter"] = {"isResend": True, "resendContent": "plain text"}
    assert first_result(http.post(f"{BRAND}/freestyle-messages", json=bad)) == -4200


def test_idempotency_applies_to_brand_sends(http: httpx.Client, emulator: Emulator) -> None:
    key = {"X-NC-API-IDEMPOTENCY-KEY": "brand-1"}
    assert code_of(http.post(f"{BRAND}/freestyle-messages", json=freestyle(), headers=key)) == 0
    assert code_of(http.post(f"{BRAND}/basic-messages", json=basic(), headers=key)) == -1005
    assert len(emulator.accepted) == 1
