"""Brand Message profile settings: the M/N application (evidence, apply) and SMS fallback."""

from __future__ import annotations

import json

import pytest
import respx

from notify_sdk.errors import ValidationError
from notify_sdk.errors.kakao import FallbackNotConfiguredError, MnApplicationFailedError
from notify_sdk.testing import DEFAULT_SENDER_KEY, DEFAULT_SENDER_NUMBER, Emulator
from tests.helpers import BRAND_PREFIX, SENDER_KEY, Api, kakao_envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, kakao_mock

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock"]

SENDER = f"{BRAND_PREFIX}/senders/{SENDER_KEY}"


async def test_evidence_upload_is_one_multipart_file(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    route = kakao_mock.post(f"{SENDER}/upload-marketing-agreement").respond(json=kakao_envelope())
    assert await api("upload_brand_marketing_agreement", b"%PDF-1.4 x", "consent.pdf") is None
    request = route.calls[0].request
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'name="file"; filename="consent.pdf"' in request.content
    assert b"%PDF-1.4 x" in request.content


@pytest.mark.parametrize(
    ("content", "name", "field"), [(b"", "a.pdf", "content"), (b"x", "", "file_name")]
)
async def test_evidence_upload_refuses_empty_input(
    api: Api, content: bytes, name: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        await api("upload_brand_marketing_agreement", content, name)
    assert caught.value.field == field


async def test_fallback_requests_carry_the_documented_fields(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    link = kakao_mock.post(f"{BRAND_PREFIX}/failback/appkey").respond(json=kakao_envelope())
    defaults = kakao_mock.post(f"{BRAND_PREFIX}/failback").respond(json=kakao_envelope())
    await api("link_brand_fallback_app_key", "sms-app-key")
    await api(
        "set_brand_fallback_defaults",
        True,
        resend_send_no="02-1234-5678",
        resend_unsubscribe_no="080-123-4567",
    )
    assert json.loads(link.calls[0].request.content) == {"resendAppKey": "sms-app-key"}
    assert json.loads(defaults.calls[0].request.content) == {
        "senderKey": SENDER_KEY,
        "isResend": True,
        "resendSendNo": "0212345678",
        "resendUnsubscribeNo": "080-123-4567",
    }


async def test_fallback_defaults_refuse_a_bad_080_number(api: Api) -> None:
    with pytest.raises(ValidationError) as caught:
        await api("set_brand_fallback_defaults", True, resend_unsubscribe_no="0212345678")
    assert caught.value.field == "resend_unsubscribe_no"


async def test_mn_application_on_the_emulator(emu_api: Api) -> None:
    profile = await emu_api("get_brand_sender_profile", DEFAULT_SENDER_KEY)
    assert profile.marketing_agreement is False
    with pytest.raises(MnApplicationFailedError):
        await emu_api("apply_brand_marketing_agreement")
    await emu_api("upload_brand_marketing_agreement", b"%PDF-1.4", "consent.pdf")
    await emu_api("apply_brand_marketing_agreement")
    profile = await emu_api("get_brand_sender_profile", DEFAULT_SENDER_KEY)
    assert profile.marketing_agreement is True


async def test_fallback_settings_on_the_emulator(emu_api: Api, emu: Emulator) -> None:
    with pytest.raises(FallbackNotConfiguredError):
        await emu_api("set_brand_fallback_defaults", True)
    await emu_api("link_brand_fallback_app_key", emu.sms_app_key)
    await emu_api("set_brand_fallback_defaults", True, resend_send_no=DEFAULT_SENDER_NUMBER)
    profile = await emu_api("get_brand_sender_profile", DEFAULT_SENDER_KEY)
    assert profile.brand_message is not None
    assert profile.brand_message.resend_enabled is True
    assert profile.brand_message.resend_sender == DEFAULT_SENDER_NUMBER
