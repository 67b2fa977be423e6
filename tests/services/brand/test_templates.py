"""Brand Message templates, image and video listings and deletes, the Brand template check."""

from __future__ import annotations

import json

import pytest
import respx

from notify_sdk.brand import BrandImageType, Button, TextMessage, VideoStatus
from notify_sdk.errors import TemplateError, ValidationError
from notify_sdk.services.brand.templates import BrandTemplate
from notify_sdk.testing import DEFAULT_BRAND_TEMPLATE_CODE, Emulator
from tests.helpers import BRAND_PREFIX, SENDER_KEY, Api, kakao_envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, kakao_mock

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock"]

TEMPLATES = f"{BRAND_PREFIX}/senders/{SENDER_KEY}/templates"
HOSTILE = ["../x", "a/b", "a?k=v", "a#f", "%2e%2e", "a\x00", "a\nb", ".."]
DOC_TEMPLATE = {
    "plusFriendId": "@hanbitbooks",
    "plusFriendType": "NORMAL",
    "templateCode": "9b3d52e8f1a07c64d2e9",
    "templateName": "Weekly deal - commerce",
    "chatBubbleType": "COMMERCE",
    "pushAlarm": True,
    "additionalContent": "Free shipping for #{member}",
    "adult": False,
    "image": {"imageUrl": "https://mud-kage.kakao.com/dn/ex4mpl/deal_800x400.jpg"},
    "commerce": {"title": "#{bookTitle}", "regularPrice": None},
    "buttons": [
        {"name": "Buy", "type": "WL", "linkMo": "https://m.hanbit.example/deal", "bizFormId": 3}
    ],
    "coupon": {"title": "#{할인율}% 할인 쿠폰", "description": "This week only"},
    # The docs' table nests these under the carousel.
    "carousel": {"status": "A", "createDate": "2026-11-01 09:00:00", "updateDate": None},
}


async def test_get_template_reads_parts_and_variables(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    kakao_mock.get(f"{TEMPLATES}/9b3d52e8f1a07c64d2e9").respond(
        json=kakao_envelope(template=DOC_TEMPLATE)
    )
    template = await api("get_brand_template", "9b3d52e8f1a07c64d2e9")
    assert isinstance(template, BrandTemplate)
    assert template.chat_bubble_type == "COMMERCE" and template.usable
    assert template.status == "A" and template.create_date == "2026-11-01 09:00:00"
    assert set(template.variables) == {"member", "bookTitle", "할인율"}
    assert template.buttons[0]["bizFormId"] == 3
    assert template.push_alarm is True


async def test_register_returns_kakaos_code_and_sends_the_bubble(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    route = kakao_mock.post(TEMPLATES).respond(
        json=kakao_envelope(template={"templateCode": "9b3d52e8f1a07c64d2e9"})
    )
    message = TextMessage("Hi #{name}", buttons=[Button.web("Open", "https://m.example.test")])
    code = await api("register_brand_template", "Welcome", message)
    assert code == "9b3d52e8f1a07c64d2e9"
    body = json.loads(route.calls[0].request.content)
    assert body["templateName"] == "Welcome" and body["chatBubbleType"] == "TEXT"
    assert (
        body["content"] == "Hi #{name}" and body["buttons"][0]["linkMo"] == "https://m.example.test"
    )


async def test_register_refuses_what_templates_do_not_allow(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    long_link = "https://m.example.test/" + "x" * 600
    with pytest.raises(ValidationError):
        await api(
            "register_brand_template", "W", TextMessage("x", buttons=[Button.web("Go", long_link)])
        )
    with pytest.raises(ValidationError) as info:
        await api("register_brand_template", "W", {"content": "x"})
    assert info.value.field == "message"
    assert not kakao_mock.calls


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("method", ["get_brand_template", "delete_brand_template"])
async def test_brand_template_codes_stay_one_segment(
    api: Api, kakao_mock: respx.MockRouter, hostile: str, method: str
) -> None:
    with pytest.raises(ValidationError):
        await api(method, hostile)
    assert not kakao_mock.calls


@pytest.mark.parametrize(
    "answer",
    [
        {
            "imagesResponse": {
                "images": [{"imageSeq": 5, "imageUrl": "https://i/5.jpg"}],
                "totalCount": 1,
            }
        },
        {"image": {"imageSeq": 5, "imageUrl": "https://i/5.jpg"}},
        {"images": [{"imageSeq": 5, "imageUrl": "https://i/5.jpg"}]},
    ],
)
async def test_image_listing_reads_every_documented_shape(
    api: Api, kakao_mock: respx.MockRouter, answer: dict[str, object]
) -> None:
    route = kakao_mock.get(f"{BRAND_PREFIX}/images").respond(json=kakao_envelope(**answer))
    images = await api.collect("list_brand_images", [BrandImageType.IMAGE, "WIDE_IMAGE"])
    assert route.calls[0].request.url.params["imageTypes"] == "IMAGE,WIDE_IMAGE"
    assert [(i.seq, i.url) for i in images] == [(5, "https://i/5.jpg")]


async def test_deletes_put_ids_in_the_query(api: Api, kakao_mock: respx.MockRouter) -> None:
    image = kakao_mock.delete(f"{BRAND_PREFIX}/images").respond(json=kakao_envelope())
    videos = kakao_mock.delete(f"{BRAND_PREFIX}/videos").respond(json=kakao_envelope())
    await api("delete_brand_image", 50872)
    await api("delete_brand_videos", [1, 2])
    assert image.calls[0].request.url.params["imageSeq"] == "50872"
    assert videos.calls[0].request.url.params["videoSeq"] == "1,2"
    with pytest.raises(ValidationError):
        await api("delete_brand_videos", [])
    with pytest.raises(ValidationError):
        await api.collect("list_brand_images", ["SQUARE"])


# --- on the emulator, both clients ---------------------------------------------------


async def test_brand_template_round_trip_and_send(emu_api: Api, emu: Emulator) -> None:
    code = await emu_api("register_brand_template", "Welcome", TextMessage("Hi #{name}!"))
    template = await emu_api("get_brand_template", code)
    assert template.variables == ("name",) and template.usable
    await emu_api("modify_brand_template", code, "Welcome 2", TextMessage("Hello #{name}!"))
    listed = await emu_api.collect("list_brand_templates")
    assert {t.template_code for t in listed} == {DEFAULT_BRAND_TEMPLATE_CODE, code}
    assert next(t for t in listed if t.template_code == code).name == "Welcome 2"

    emu_api.client.enable_template_check()
    with pytest.raises(ValidationError) as info:
        await emu_api("send_brand_template", "01055550123", code)
    assert "#{name}" in str(info.value)
    assert emu.accepted == ()
    sent = await emu_api("send_brand_template", "01055550123", code, params={"name": "Kim"})
    assert sent.ok and emu.messages_to("01055550123")[0].content == "Hello Kim!"

    await emu_api("delete_brand_template", code)
    with pytest.raises(TemplateError):
        await emu_api("get_brand_template", code)


async def test_media_listing_and_deletes_on_the_emulator(emu_api: Api) -> None:
    image = await emu_api(
        "upload_brand_image", _jpeg(800, 400), image_type="IMAGE", file_name="a.jpg"
    )
    listed = await emu_api.collect("list_brand_images", "IMAGE")
    assert [i.seq for i in listed] == [image.seq]
    await emu_api("delete_brand_image", image.seq)
    assert await emu_api.collect("list_brand_images", "IMAGE") == []

    upload = await emu_api("register_brand_video", "clip.mp4", 1024)
    videos = await emu_api.collect("list_brand_videos")
    assert [v.seq for v in videos] == [upload.video.seq]
    await emu_api("delete_brand_videos", [upload.video.seq])
    (video,) = await emu_api.collect("list_brand_videos")
    assert video.status is VideoStatus.DELETED


def _jpeg(width: int, height: int) -> bytes:
    """The smallest JPEG header that carries a size (SOI + SOF0)."""
    sof = (
        b"\xff\xc0\x00\x11\x08"
        + height.to_bytes(2, "big")
        + width.to_bytes(2, "big")
        + b"\x03"
        + b"\x00" * 9
    )
    return b"\xff\xd8" + sof + b"\xff\xd9"
