"""The local template check: missing or extra variables are refused before sending."""

from __future__ import annotations

import inspect

import pytest
import respx

from notify_sdk import AsyncNotifyClient, NotifyClient, Recipient
from notify_sdk.errors import ValidationError
from notify_sdk.services._template_check import (
    TemplateCache,
    check_params,
    kakao_variables,
    sms_variables,
)
from notify_sdk.testing import DEFAULT_TEMPLATE_CODE, Emulator
from tests.helpers import ALIMTALK_PREFIX, SENDER_KEY, Api, kakao_envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, kakao_mock

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock"]


def test_variables_are_found_in_order_once() -> None:
    assert kakao_variables("#{a} and #{b}, again #{a}", None, "#{c}") == ("a", "b", "c")
    assert sms_variables("##name## owes ##amount## (##name##)") == ("name", "amount")
    assert kakao_variables("no variables") == ()


def test_check_params_names_the_variable() -> None:
    with pytest.raises(ValidationError) as info:
        check_params("T1", ("name", "code"), {"name": "Kim"})
    assert info.value.field == "params" and "#{code}" in str(info.value)
    with pytest.raises(ValidationError) as info:
        check_params("T1", ("name",), {"name": "Kim", "nmae": "x"}, style="sms")
    assert "'nmae'" in str(info.value)
    with pytest.raises(ValidationError) as info:
        check_params("S1", ("amount",), {}, style="sms")
    assert "##amount##" in str(info.value)
    check_params("T1", ("name",), {"name": "Kim", "k@$.x": "y"}, ignore=lambda k: "@" in k)


def test_cache_expires_after_its_ttl() -> None:
    now = [100.0]
    cache = TemplateCache(ttl=60, clock=lambda: now[0])
    cache.put(("alimtalk", "s", "T"), ("name",))
    now[0] += 59.9
    assert cache.get(("alimtalk", "s", "T")) == ("name",)
    now[0] += 0.2
    assert cache.get(("alimtalk", "s", "T")) is None
    with pytest.raises(ValueError):
        TemplateCache(ttl=-1)


def test_send_alimtalk_shows_check_template_in_both_signatures() -> None:
    for client_type in (NotifyClient, AsyncNotifyClient):
        params = inspect.signature(client_type.send_alimtalk).parameters
        assert list(params)[:3] == ["self", "to", "template_code"]
        assert params["check_template"].default is None
        assert "retry" in params


async def test_enabled_check_refuses_missing_and_extra_before_sending(
    emu_api: Api, emu: Emulator
) -> None:
    emu_api.client.enable_template_check()
    with pytest.raises(ValidationError) as info:
        await emu_api("send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE)
    assert "#{name}" in str(info.value) and info.value.field == "params"
    with pytest.raises(ValidationError) as info:
        await emu_api(
            "send_alimtalk",
            ["01055550123", Recipient("01055550124", params={"nickname": "K"})],
            DEFAULT_TEMPLATE_CODE,
            params={"name": "Kim"},
        )
    assert "'nickname'" in str(info.value) and "recipient 2" in str(info.value)
    assert emu.accepted == ()
    sent = await emu_api(
        "send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, params={"name": "Kim"}
    )
    assert sent.ok
    # One call can opt out: an extra parameter then goes to the API, which ignores it.
    skipped = await emu_api(
        "send_alimtalk",
        "01055550125",
        DEFAULT_TEMPLATE_CODE,
        params={"name": "Kim", "unused": "x"},
        check_template=False,
    )
    assert skipped.ok


async def test_per_call_opt_in_without_enabling(emu_api: Api, emu: Emulator) -> None:
    extra = {"name": "Kim", "unused": "x"}
    with pytest.raises(ValidationError):
        await emu_api(
            "send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, params=extra, check_template=True
        )
    assert emu.accepted == ()
    # Not enabled and not asked for: nothing is checked.
    result = await emu_api("send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, params=extra)
    assert result.ok and len(emu.accepted) == 1


async def test_template_is_read_once_per_ttl(api: Api, kakao_mock: respx.MockRouter) -> None:
    template = kakao_mock.get(f"{ALIMTALK_PREFIX}/senders/{SENDER_KEY}/templates/HELLO").respond(
        json=kakao_envelope(
            templates={
                "templateCode": "HELLO",
                "templateContent": "Hi #{name}",
                "templateTitle": "#{title}",
                "buttons": [
                    {"ordering": 1, "type": "WL", "name": "Go", "linkMo": "https://x/#{path}"}
                ],
                "status": "TSC03",
            }
        )
    )
    send = kakao_mock.post(f"{ALIMTALK_PREFIX}/messages").respond(
        json={
            **kakao_envelope(),
            "message": {
                "requestId": "20261124103015abcdefghijk",
                "senderGroupingKey": None,
                "sendResults": [{"recipientSeq": 1, "recipientNo": "01055550123", "resultCode": 0}],
            },
        }
    )
    params = {"name": "Kim", "title": "T", "path": "p"}
    for _ in range(3):
        await api("send_alimtalk", "01055550123", "HELLO", params=params, check_template=True)
    assert template.call_count == 1 and send.call_count == 3
    with pytest.raises(ValidationError) as info:
        await api(
            "send_alimtalk", "01055550123", "HELLO", params={"name": "Kim"}, check_template=True
        )
    assert "#{title}" in str(info.value)
    assert send.call_count == 3
    api.client.clear_template_cache()
    await api("send_alimtalk", "01055550123", "HELLO", params=params, check_template=True)
    assert template.call_count == 2


async def test_check_template_must_be_a_bool(api: Api, kakao_mock: respx.MockRouter) -> None:
    with pytest.raises(ValidationError) as info:
        await api("send_alimtalk", "01055550123", "HELLO", check_template="yes")
    assert info.value.field == "check_template"
    assert not kakao_mock.calls
