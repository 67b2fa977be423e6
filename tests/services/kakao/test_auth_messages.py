"""AlimTalk authentication messages: the auth route, with the sends' guarantees."""

from __future__ import annotations

import inspect
import json
from datetime import datetime

import pytest
import respx

from notify_sdk import NotifyClient
from notify_sdk.errors import ValidationError
from notify_sdk.testing import DEFAULT_SENDER_KEY, Emulator, faults
from tests.helpers import ALIMTALK_PREFIX, Api, kakao_envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, kakao_mock

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock"]

SEND_ANSWER = {
    **kakao_envelope(),
    "message": {
        "requestId": "20261124103015abcdefghijk",
        "senderGroupingKey": None,
        "sendResults": [{"recipientSeq": 1, "recipientNo": "01055550123", "resultCode": 0}],
    },
}


def test_auth_sends_show_the_parameters_of_their_twins() -> None:
    params = inspect.signature(NotifyClient.send_alimtalk_auth).parameters
    assert list(params)[:3] == ["self", "to", "template_code"]
    assert {"params", "fallback", "idempotency_key", "retry"} <= set(params)
    raw = inspect.signature(NotifyClient.send_alimtalk_auth_raw).parameters
    assert list(raw)[:3] == ["self", "to", "content"] and "template_code" in raw


async def test_auth_send_goes_to_the_auth_route_with_a_key(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    route = kakao_mock.post(f"{ALIMTALK_PREFIX}/auth/messages").respond(json=SEND_ANSWER)
    result = await api("send_alimtalk_auth", "01055550123", "OTP", params={"code": "482913"})
    assert result.ok and result.service == "alimtalk"
    request = route.calls[0].request
    body = json.loads(request.content)
    assert body["templateCode"] == "OTP"
    assert body["recipientList"][0]["templateParameter"] == {"code": "482913"}
    assert request.headers["X-NC-API-IDEMPOTENCY-KEY"] == result.idempotency_key


async def test_auth_raw_needs_an_auth_word(api: Api, kakao_mock: respx.MockRouter) -> None:
    with pytest.raises(ValidationError) as info:
        await api("send_alimtalk_auth_raw", "01055550123", "Your code: 1234", template_code="OTP")
    assert info.value.field == "content"
    assert not kakao_mock.calls
    route = kakao_mock.post(f"{ALIMTALK_PREFIX}/auth/raw-messages").respond(json=SEND_ANSWER)
    await api("send_alimtalk_auth_raw", "01055550123", "[인증] code 1234", template_code="OTP")
    assert json.loads(route.calls[0].request.content)["recipientList"][0]["content"] == (
        "[인증] code 1234"
    )


async def test_auth_messages_are_listed_apart_on_the_emulator(
    emu_api: Api, emu: Emulator, emu_clock: object
) -> None:
    emu.add_template(DEFAULT_SENDER_KEY, "OTP", "[인증] Your code is #{code}")
    sent = await emu_api("send_alimtalk_auth", "01055550123", "OTP", params={"code": "482913"})
    assert sent.ok
    assert emu.messages_to("01055550123")[0].content == "[인증] Your code is 482913"
    window = {
        "requested_from": datetime(2026, 11, 24, 10, 0),
        "requested_to": datetime(2026, 11, 24, 11, 0),
    }
    listed = await emu_api.collect("list_alimtalk_auth_messages", **window)
    assert [m.request_id for m in listed] == [sent.request_id]
    assert await emu_api.collect("list_alimtalk_messages", **window) == []
    one = await emu_api("get_alimtalk_auth_message", sent.request_id, 1)
    assert one.template_code == "OTP"


async def test_a_lost_answer_is_retried_with_the_same_key_and_lands_once(
    emu_api: Api, emu: Emulator
) -> None:
    emu.add_template(DEFAULT_SENDER_KEY, "OTP", "[인증] Your code is #{code}")
    emu.inject(faults.timeout_after_accept(), match="auth/messages")
    sent = await emu_api("send_alimtalk_auth", "01055550123", "OTP", params={"code": "1"})
    assert sent.ok and sent.attempts >= 2
    emu.assert_no_duplicates()
    assert len(emu.messages_to("01055550123")) == 1
