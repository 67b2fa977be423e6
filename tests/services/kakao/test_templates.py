"""AlimTalk templates: list/get/register/modify/delete, review, categories, images."""

from __future__ import annotations

import json

import pytest
import respx

from notify_sdk import KakaoButton
from notify_sdk.errors import TemplateError, ValidationError
from notify_sdk.services.kakao.templates import (
    AlimTalkTemplate,
    TemplateImage,
    TemplateItem,
    TemplateItemHighlight,
    TemplateLink,
    TemplateStatus,
)
from notify_sdk.testing import DEFAULT_SENDER_KEY, DEFAULT_TEMPLATE_CODE, Emulator
from tests.helpers import ALIMTALK_PREFIX, SENDER_KEY, Api, kakao_envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, kakao_mock

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock"]

TEMPLATES = f"{ALIMTALK_PREFIX}/senders/{SENDER_KEY}/templates"
HOSTILE = ["../x", "a/b", "a?k=v", "a#f", "%2e%2e", "a\x00", "a\nb", ".."]

DOC_TEMPLATE = {
    "plusFriendId": "@hanbitbooks",
    "senderKey": SENDER_KEY,
    "plusFriendType": "NORMAL",
    "templateCode": "ORDER_SHIPPED",
    "kakaoTemplateCode": "ORDER_SHIPPED",
    "templateName": "Order shipped",
    "templateMessageType": "BA",
    "templateEmphasizeType": "ITEM_LIST",
    "templateContent": "#{name}, order #{orderNo} is on its way.",
    "templateItem": {
        "list": [
            {"title": "Item", "description": "#{item}"},
            {"title": "Qty", "description": "#{qty}"},
        ],
        "summary": {"title": "Total", "description": "#{total}"},
    },
    "templateItemHighlight": {"title": "Shipped", "description": "Today", "imageUrl": None},
    "templateRepresentLink": {"linkMo": "https://m.example.test", "linkPc": None},
    "buttons": [
        {"ordering": "1", "type": "DS", "name": "Track", "bizFormId": None},
        {"ordering": 2, "type": "WL", "name": "Shop", "linkMo": "https://m.example.test"},
    ],
    "quickReplies": [],
    "comments": [
        {
            "id": 11,
            "content": "Please review",
            "userName": "ops",
            "createdAt": "2026-11-20 09:00:00",
            "attachment": None,
            "status": "INQ",
        },
        {
            "id": 12,
            "content": "Advertising wording is not allowed in AlimTalk.",
            "userName": "kakao",
            "createAt": "2026-11-21 09:00:00",
            "attachment": [{"originalFileName": "a.png", "filePath": "/f/a.png"}],
            "status": "REJ",
        },
    ],
    "status": "TSC04",
    "statusName": "Rejected",
    "securityFlag": False,
    "categoryCode": "999999",
    "block": False,
    "dormant": False,
    "createDate": "2026-11-20 08:59:00",
    "updateDate": "2026-11-21 09:00:00",
}


async def test_single_template_under_the_plural_key_and_its_review(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    kakao_mock.get(f"{TEMPLATES}/ORDER_SHIPPED").respond(
        json=kakao_envelope(templates=DOC_TEMPLATE)
    )
    template = await api("get_alimtalk_template", "ORDER_SHIPPED")
    assert isinstance(template, AlimTalkTemplate)
    assert template.status is TemplateStatus.REJECTED
    assert template.variables == ("name", "orderNo", "item", "qty", "total")
    assert [i.title for i in template.items] == ["Item", "Qty"]
    assert template.item_summary == TemplateItem("Total", "#{total}")
    assert template.represent_link == TemplateLink("https://m.example.test")
    assert [b.ordering for b in template.buttons] == [1, 2]
    assert template.comments[1].created_at == "2026-11-21 09:00:00"
    assert template.comments[1].attachments[0].file_name == "a.png"
    review = template.review
    assert review.rejected and not review.pending and not review.approved
    assert review.comment == "Advertising wording is not allowed in AlimTalk."


@pytest.mark.parametrize(
    ("status", "approved", "pending"),
    [
        ("TSC01", False, True),
        ("TSC02", False, True),
        ("TSC03", True, False),
        ("TSC99", False, False),
    ],
)
async def test_template_status_is_easy_to_poll(
    api: Api, kakao_mock: respx.MockRouter, status: str, approved: bool, pending: bool
) -> None:
    kakao_mock.get(f"{TEMPLATES}/ORDER_SHIPPED").respond(
        json=kakao_envelope(templates={**DOC_TEMPLATE, "status": status, "comments": []})
    )
    review = await api("get_alimtalk_template_status", "ORDER_SHIPPED")
    assert (review.approved, review.pending, review.rejected) == (approved, pending, False)
    assert review.comment is None
    assert review.template_code == "ORDER_SHIPPED"


async def test_list_templates_filters_and_pages(api: Api, kakao_mock: respx.MockRouter) -> None:
    route = kakao_mock.get(TEMPLATES).respond(
        json=kakao_envelope(templateListResponse={"templates": [DOC_TEMPLATE], "totalCount": 1})
    )
    found = await api.collect("list_alimtalk_templates", status="TSC03", template_name="Order")
    params = route.calls[0].request.url.params
    assert (params["templateStatus"], params["templateName"], params["pageNum"]) == (
        "TSC03",
        "Order",
        "1",
    )
    assert [t.template_code for t in found] == ["ORDER_SHIPPED"]
    with pytest.raises(ValidationError):
        await api.collect("list_alimtalk_templates", status="approved")


async def test_register_sends_the_documented_body(api: Api, kakao_mock: respx.MockRouter) -> None:
    route = kakao_mock.post(TEMPLATES).respond(json=kakao_envelope())
    await api(
        "register_alimtalk_template",
        "ORDER_SHIPPED",
        "Order shipped",
        "#{name}, order #{orderNo} is on its way.",
        emphasize_type="ITEM_LIST",
        items=[TemplateItem("Item", "#{item}"), TemplateItem("Qty", "#{qty}")],
        item_summary=TemplateItem("Total", "#{total}"),
        item_highlight=TemplateItemHighlight("Shipped", "Today"),
        represent_link=TemplateLink(link_mobile="https://m.example.test"),
        buttons=[KakaoButton("WL", "Shop", link_mobile="https://m.example.test")],
        category_code="999999",
        security=True,
    )
    body = json.loads(route.calls[0].request.content)
    assert body["templateCode"] == "ORDER_SHIPPED"
    assert body["templateMessageType"] == "BA"
    assert body["templateEmphasizeType"] == "ITEM_LIST"
    assert body["templateItem"]["summary"] == {"title": "Total", "description": "#{total}"}
    assert body["templateItemHighlight"] == {"title": "Shipped", "description": "Today"}
    assert body["templateRepresentLink"] == {"linkMo": "https://m.example.test"}
    assert body["buttons"][0]["type"] == "WL" and body["buttons"][0]["ordering"] == 1
    assert body["securityFlag"] is True and body["categoryCode"] == "999999"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"emphasize_type": "TEXT", "title": "T"}, "title"),
        ({"message_type": "EX"}, "extra"),
        ({"message_type": "XX"}, "message_type"),
        ({"items": [TemplateItem("a", "b")]}, "items"),
        ({"item_summary": TemplateItem("a", "b")}, "item_summary"),
    ],
)
async def test_register_refuses_what_kakao_would(
    api: Api, kakao_mock: respx.MockRouter, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api("register_alimtalk_template", "CODE", "Name", "Body #{x}", **kwargs)
    assert info.value.field == field
    assert not kakao_mock.calls


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(
    "method",
    [
        "get_alimtalk_template",
        "get_alimtalk_template_status",
        "delete_alimtalk_template",
        "list_alimtalk_template_modifications",
    ],
)
async def test_template_codes_stay_one_path_segment(
    api: Api, kakao_mock: respx.MockRouter, hostile: str, method: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api(method, hostile)
    assert info.value.field == "template_code"
    with pytest.raises(ValidationError) as info:
        await api(method, "OK_CODE", sender_key=hostile)
    assert info.value.field == "sender_key"
    assert not kakao_mock.calls


async def test_comment_with_files_is_multipart_and_without_is_json(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    plain = kakao_mock.post(f"{TEMPLATES}/ORDER_SHIPPED/comments").respond(json=kakao_envelope())
    files = kakao_mock.post(f"{TEMPLATES}/ORDER_SHIPPED/comments_file").respond(
        json=kakao_envelope()
    )
    await api("comment_alimtalk_template", "ORDER_SHIPPED", "Please review")
    assert json.loads(plain.calls[0].request.content) == {"comment": "Please review"}
    await api(
        "comment_alimtalk_template_with_files",
        "ORDER_SHIPPED",
        "Screenshot attached",
        [("screen.png", b"\x89PNG-bytes")],
    )
    request = files.calls[0].request
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'name="comment"' in request.content and b"Screenshot attached" in request.content
    assert b'name="attachments"; filename="screen.png"' in request.content
    with pytest.raises(ValidationError):
        await api("comment_alimtalk_template_with_files", "X", "c", [("virus.exe", b"MZ")])
    with pytest.raises(ValidationError):
        await api("comment_alimtalk_template_with_files", "X", "c", [])


async def test_image_uploads_take_bytes(api: Api, kakao_mock: respx.MockRouter) -> None:
    answer = kakao_envelope(
        templateImage={"templateImageName": "hero.jpg", "templateImageUrl": "https://img/x.jpg"}
    )
    plain = kakao_mock.post(f"{ALIMTALK_PREFIX}/template-image").respond(json=answer)
    highlight = kakao_mock.post(f"{ALIMTALK_PREFIX}/template-image/item-highlight").respond(
        json=answer
    )
    image = await api("upload_alimtalk_template_image", "hero.jpg", b"\xff\xd8jpeg")
    assert image == TemplateImage("hero.jpg", "https://img/x.jpg")
    assert b'name="file"; filename="hero.jpg"' in plain.calls[0].request.content
    await api("upload_alimtalk_item_highlight_image", "thumb.png", b"\x89PNG")
    assert highlight.called
    with pytest.raises(ValidationError):
        await api("upload_alimtalk_template_image", "hero.jpg", "/path/to/hero.jpg")
    with pytest.raises(ValidationError):
        await api("upload_alimtalk_template_image", "hero.gif", b"GIF89a")


async def test_categories_and_modifications(api: Api, kakao_mock: respx.MockRouter) -> None:
    kakao_mock.get(f"{ALIMTALK_PREFIX}/template/categories").respond(
        json=kakao_envelope(
            categories=[
                {
                    "name": "Member",
                    "subCategories": [{"code": "001001", "name": "Sign-up", "groupName": "Member"}],
                }
            ]
        )
    )
    (group,) = await api("list_alimtalk_template_categories")
    assert group.name == "Member" and group.subcategories[0].code == "001001"
    kakao_mock.get(f"{TEMPLATES}/ORDER_SHIPPED/modifications").respond(
        json=kakao_envelope(
            templateModificationsResponse={
                "templates": [
                    {**DOC_TEMPLATE, "activated": False},
                    {**DOC_TEMPLATE, "activated": True},
                ],
                "totalCount": 2,
            }
        )
    )
    versions = await api("list_alimtalk_template_modifications", "ORDER_SHIPPED")
    assert [v.activated for v in versions] == [False, True]


async def test_template_errors_are_typed(api: Api, kakao_mock: respx.MockRouter) -> None:
    kakao_mock.delete(f"{TEMPLATES}/OLD").respond(
        json=kakao_envelope(code=-3034, message="sent within 3 days")
    )
    with pytest.raises(TemplateError) as info:
        await api("delete_alimtalk_template", "OLD")
    assert info.value.code == -3034


# --- the review cycle on the emulator, both clients ------------------------------------


async def test_register_review_approve_send_on_the_emulator(emu_api: Api, emu: Emulator) -> None:
    await emu_api(
        "register_alimtalk_template", "ORDER_SHIPPED", "Order shipped", "Hi #{name}, shipped."
    )
    review = await emu_api("get_alimtalk_template_status", "ORDER_SHIPPED")
    assert review.status is TemplateStatus.REQUESTED and review.pending
    with pytest.raises(TemplateError):  # -3001: the code is taken
        await emu_api("register_alimtalk_template", "ORDER_SHIPPED", "Other", "x")
    with pytest.raises(TemplateError):  # -3005: not approved yet
        await emu_api("send_alimtalk", "01055550123", "ORDER_SHIPPED", params={"name": "Kim"})

    await emu_api("comment_alimtalk_template", "ORDER_SHIPPED", "Please review")
    assert (await emu_api("get_alimtalk_template_status", "ORDER_SHIPPED")).status is (
        TemplateStatus.INSPECTING
    )
    emu.reject_template(DEFAULT_SENDER_KEY, "ORDER_SHIPPED", "Too promotional")
    review = await emu_api("get_alimtalk_template_status", "ORDER_SHIPPED")
    assert review.rejected and review.comment == "Too promotional"

    await emu_api("modify_alimtalk_template", "ORDER_SHIPPED", "Order shipped", "#{name}: shipped.")
    await emu_api(
        "comment_alimtalk_template_with_files", "ORDER_SHIPPED", "Fixed", [("a.png", b"png")]
    )
    emu.approve_template(DEFAULT_SENDER_KEY, "ORDER_SHIPPED")
    template = await emu_api("get_alimtalk_template", "ORDER_SHIPPED")
    assert template.review.approved and template.content == "#{name}: shipped."
    assert [c.status for c in template.comments] == ["INQ", "REJ", "INQ", "APR"]
    versions = await emu_api("list_alimtalk_template_modifications", "ORDER_SHIPPED")
    assert [v.activated for v in versions] == [False, True]

    sent = await emu_api("send_alimtalk", "01055550123", "ORDER_SHIPPED", params={"name": "Kim"})
    assert sent.ok
    assert emu.messages_to("01055550123")[0].content == "Kim: shipped."

    listed = await emu_api.collect("list_alimtalk_templates", status=TemplateStatus.APPROVED)
    assert {t.template_code for t in listed} == {DEFAULT_TEMPLATE_CODE, "ORDER_SHIPPED"}


async def test_modify_and_delete_rules_on_the_emulator(emu_api: Api) -> None:
    await emu_api("register_alimtalk_template", "NEW_ONE", "New one", "Body")
    with pytest.raises(TemplateError) as info:  # still under review
        await emu_api("modify_alimtalk_template", "NEW_ONE", "New one", "Body 2")
    assert info.value.code == -3012
    await emu_api("delete_alimtalk_template", "NEW_ONE")
    with pytest.raises(TemplateError) as info:
        await emu_api("get_alimtalk_template", "NEW_ONE")
    assert info.value.code == -3003


async def test_categories_and_images_on_the_emulator(emu_api: Api) -> None:
    groups = await emu_api("list_alimtalk_template_categories")
    assert "999999" in {s.code for g in groups for s in g.subcategories}
    image = await emu_api("upload_alimtalk_template_image", "hero.jpg", b"\xff\xd8jpeg")
    assert image.name == "hero.jpg" and image.url.startswith("https://")
    thumb = await emu_api("upload_alimtalk_item_highlight_image", "t.png", b"\x89PNG")
    assert "item-highlight" in thumb.url
