"""Sender profile categories and groups (Sender API v2.3), the Brand Message profile view."""

from __future__ import annotations

import json

import pytest
import respx

from notify_sdk import SenderProfile
from notify_sdk.errors import SenderProfileError, ValidationError
from notify_sdk.services.brand.senders import BrandSenderProfile
from notify_sdk.services.kakao.senders import SenderCategory, SenderGroup, SenderGroupMember
from notify_sdk.testing import DEFAULT_SENDER_KEY, Emulator
from tests.helpers import ALIMTALK_PREFIX, BRAND_PREFIX, SENDER_KEY, Api, kakao_envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, kakao_mock

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock"]

HOSTILE = ["../x", "a/b", "a?k=v", "a#f", "%2e%2e", "a\x00", "a\nb", ".."]

CATEGORIES = kakao_envelope(
    categories=[
        {
            "parentCode": None,
            "depth": 1,
            "code": "001",
            "name": "Health",
            "subCategories": [
                {
                    "parentCode": "001",
                    "depth": 2,
                    "code": "0010001",
                    "name": "Hospital",
                    "subCategories": [
                        {
                            "parentCode": "0010001",
                            "depth": 3,
                            "code": "00100010001",
                            "name": "General hospital",
                        }
                    ],
                }
            ],
        }
    ]
)


async def test_sender_categories_are_a_tree(api: Api, kakao_mock: respx.MockRouter) -> None:
    kakao_mock.get(f"{ALIMTALK_PREFIX}/sender/categories").respond(json=CATEGORIES)
    (top,) = await api("list_sender_categories")
    assert isinstance(top, SenderCategory)
    assert [c.code for c in top.walk()] == ["001", "0010001", "00100010001"]
    leaf = top.walk()[-1]
    assert leaf.parent_code == "0010001" and leaf.depth == 3 and leaf.subcategories == ()


async def test_sender_group_is_read(api: Api, kakao_mock: respx.MockRouter) -> None:
    kakao_mock.get(f"{ALIMTALK_PREFIX}/sender-groups/grp-key-1").respond(
        json=kakao_envelope(
            senderGroup={
                "groupName": "All shops",
                "senderKey": "grp-key-1",
                "status": "YSC03",
                "senders": [
                    {"plusFriendId": "@shop", "senderKey": SENDER_KEY, "createDate": "2026-01-02"}
                ],
                "createDate": "2026-01-01 09:00:00",
                "updateDate": "2026-01-03 09:00:00",
            }
        )
    )
    group = await api("get_sender_group", "grp-key-1")
    assert group == SenderGroup(
        sender_key="grp-key-1",
        name="All shops",
        status="YSC03",
        senders=(SenderGroupMember(SENDER_KEY, "@shop", "2026-01-02"),),
        create_date="2026-01-01 09:00:00",
        update_date="2026-01-03 09:00:00",
    )


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("method", ["get_sender_group", "get_brand_sender_profile"])
async def test_sender_keys_cannot_leave_their_path_segment(
    api: Api, kakao_mock: respx.MockRouter, hostile: str, method: str
) -> None:
    with pytest.raises(ValidationError):
        await api(method, hostile)
    assert not kakao_mock.calls


BRAND_SENDER = kakao_envelope(
    sender={
        "plusFriendId": "@hanbitbooks",
        "senderKey": SENDER_KEY,
        "categoryCode": "00100010001",
        "unsubscribePhoneNumber": "0805550100",
        "unsubscribeAuthNumber": "1234",
        "status": "YSC03",
        "statusName": "Registered",
        "kakaoStatus": "A",
        "kakaoProfileStatus": "A",
        "brandMessage": {
            "resendAppKey": "q7Rk2mPzL9sT4vXa",
            "isResend": True,
            "resendSendNo": "0215449876",
            "resendUnsubscribeNo": "0805550100",
        },
        "block": False,
        "dormant": False,
        "marketingAgreement": "Y",
        "createDate": "2025-03-02 09:14:00",
        "initialUserRestriction": False,
    }
)


async def test_brand_sender_profile_reads_080_and_marketing_agreement(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    route = kakao_mock.get(f"{BRAND_PREFIX}/senders/{SENDER_KEY}").respond(json=BRAND_SENDER)
    profile = await api("get_brand_sender_profile")  # the client's default sender key
    assert route.called
    assert isinstance(profile, BrandSenderProfile) and isinstance(profile, SenderProfile)
    assert profile.active and profile.marketing_agreement
    assert (profile.unsubscribe_no, profile.unsubscribe_auth_no) == ("0805550100", "1234")
    assert profile.brand_message is not None and profile.brand_message.resend_enabled is True
    assert profile.alimtalk is None


async def test_set_brand_unsubscribe_content_body(api: Api, kakao_mock: respx.MockRouter) -> None:
    route = kakao_mock.put(f"{BRAND_PREFIX}/senders/{SENDER_KEY}/unsubscribe-content").respond(
        json=kakao_envelope()
    )
    await api("set_brand_unsubscribe_content", "080-555-0100", "1234")
    assert json.loads(route.calls[0].request.content) == {
        "unsubscribeNo": "080-555-0100",
        "unsubscribeAuthNo": "1234",
    }


@pytest.mark.parametrize(
    ("args", "field"),
    [(("0215550100",), "unsubscribe_no"), (("0805550100", "1234567890"), "unsubscribe_auth_no")],
)
async def test_set_brand_unsubscribe_content_validates(
    api: Api, kakao_mock: respx.MockRouter, args: tuple[str, ...], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api("set_brand_unsubscribe_content", *args)
    assert info.value.field == field
    assert not kakao_mock.calls


async def test_senders_on_the_emulator(emu_api: Api, emu: Emulator) -> None:
    categories = await emu_api("list_sender_categories")
    assert any(c.code == "00100010001" for top in categories for c in top.walk())

    emu.add_sender_group("group-1", "All shops", [DEFAULT_SENDER_KEY])
    group = await emu_api("get_sender_group", "group-1")
    assert [m.sender_key for m in group.senders] == [DEFAULT_SENDER_KEY]
    with pytest.raises(SenderProfileError):
        await emu_api("get_sender_group", "no-such-group")

    await emu_api("set_brand_unsubscribe_content", "0805550199", "77")
    profile = await emu_api("get_brand_sender_profile")
    assert profile.sender_key == DEFAULT_SENDER_KEY
    assert (profile.unsubscribe_no, profile.unsubscribe_auth_no) == ("0805550199", "77")
