"""Assertion helpers, configuration helpers, the SDK wiring and the pytest fixture."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import httpx
import pytest

from notify_sdk.testing import DEFAULT_SENDER_KEY, Emulator, _pytest_plugin
from tests.helpers import fixed_clock

SMS = "https://sms.api.nhncloudservice.com/sms/v3.0/appKeys/test-sms-app"
ALIMTALK = (
    "https://kakaotalk-bizmessage.api.nhncloudservice.com/alimtalk/v2.3/appkeys/test-kakao-app"
)

# Bring the plugin's fixture into this module, whether or not the entry point is installed.
notify_emulator = _pytest_plugin.notify_emulator


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(clock=fixed_clock)


def send_sms(http: httpx.Client, body: str, *numbers: str) -> None:
    payload = {
        "body": body,
        "sendNo": "0212345678",
        "recipientList": [{"recipientNo": n} for n in numbers],
    }
    assert http.post(f"{SMS}/sender/sms", json=payload).json()["header"]["resultCode"] == 0


def test_accepted_and_messages_to(http: httpx.Client, emulator: Emulator) -> None:
    send_sms(http, "one", "01055550001", "01055550002")
    send_sms(http, "two", "01055550001")
    assert [(m.number, m.content) for m in emulator.accepted] == [
        ("01055550001", "one"),
        ("01055550002", "one"),
        ("01055550001", "two"),
    ]
    assert [m.content for m in emulator.messages_to("010-5555-0001")] == ["one", "two"]
    assert emulator.messages_to("01055550001", service="alimtalk") == []
    assert [m.recipient_seq for m in emulator.accepted] == [1, 2, 1]
    status = emulator.status_of(emulator.accepted[0])
    assert (status.state, status.result_code, status.final) == ("DELIVERED", "1000", True)


def test_assert_no_duplicates(http: httpx.Client, emulator: Emulator) -> None:
    send_sms(http, "code 1111", "01055550001")
    send_sms(http, "code 2222", "01055550001")
    emulator.assert_no_duplicates()
    send_sms(http, "code 1111", "01055550001")
    with pytest.raises(AssertionError) as raised:
        emulator.assert_no_duplicates()
    text = str(raised.value)
    assert "01055550001" in text
    assert "'code 1111'" in text
    assert "2 times" in text
    emulator.assert_no_duplicates(service="alimtalk")


def test_assert_each_recipient_got_exactly_one(http: httpx.Client, emulator: Emulator) -> None:
    send_sms(http, "hello", "01055550001", "01055550002")
    emulator.assert_each_recipient_got_exactly_one(["01055550001", "010-5555-0002"])
    with pytest.raises(AssertionError, match="01055550003: 0 messages"):
        emulator.assert_each_recipient_got_exactly_one(["01055550003"])
    send_sms(http, "again", "01055550001")
    with pytest.raises(AssertionError, match="01055550001: 2 messages"):
        emulator.assert_each_recipient_got_exactly_one(["01055550001", "01055550002"])
    with pytest.raises(AssertionError, match="01055550002: 0 messages"):
        emulator.assert_each_recipient_got_exactly_one(["01055550002"], service="kakao")


def _alimtalk_with_fallback(number: str) -> dict[str, object]:
    return {
        "senderKey": DEFAULT_SENDER_KEY,
        "templateCode": "WELCOME",
        "recipientList": [
            {
                "recipientNo": number,
                "templateParameter": {"name": "Kim"},
                "resendParameter": {"isResend": True},
            }
        ],
    }


def test_a_failed_alimtalk_replaced_by_its_fallback_is_one_message(
    http: httpx.Client, emulator: Emulator
) -> None:
    # What reached the handset: the fallback SMS, not the AlimTalk it replaced.
    emulator.set_non_kakao_user("01055550001")
    http.post(f"{ALIMTALK}/messages", json=_alimtalk_with_fallback("01055550001"))
    assert len(emulator.messages_to("01055550001")) == 2  # both are still recorded
    emulator.assert_each_recipient_got_exactly_one(["01055550001"])
    emulator.assert_each_recipient_got_exactly_one(["01055550001"], service="alimtalk")
    emulator.assert_each_recipient_got_exactly_one(["01055550001"], service="sms")
    emulator.assert_no_duplicates()


def test_a_delivered_alimtalk_and_a_separate_sms_are_two_messages(
    http: httpx.Client, emulator: Emulator
) -> None:
    # A KakaoTalk user: no fallback is sent, so an SMS besides it is a second message.
    http.post(f"{ALIMTALK}/messages", json=_alimtalk_with_fallback("01055550002"))
    emulator.assert_each_recipient_got_exactly_one(["01055550002"])
    send_sms(http, "hello", "01055550002")
    with pytest.raises(AssertionError, match="01055550002: 2 messages"):
        emulator.assert_each_recipient_got_exactly_one(["01055550002"])


def test_a_fallback_beside_a_second_send_still_counts_the_second(
    http: httpx.Client, emulator: Emulator
) -> None:
    emulator.set_non_kakao_user("01055550003")
    http.post(f"{ALIMTALK}/messages", json=_alimtalk_with_fallback("01055550003"))
    http.post(f"{ALIMTALK}/messages", json=_alimtalk_with_fallback("01055550003"))
    with pytest.raises(AssertionError, match="01055550003: 2 messages"):
        emulator.assert_each_recipient_got_exactly_one(["01055550003"])


def test_set_outcome_accepts_delivery_enums(http: httpx.Client, emulator: Emulator) -> None:
    from notify_sdk.delivery import SmsResultCode

    emulator.set_outcome("01055550001", SmsResultCode("3018"), service="sms")
    send_sms(http, "hello", "01055550001")
    status = emulator.status_of(emulator.accepted[0])
    assert (status.state, status.result_code) == ("FAILED", "3018")


def test_set_outcome_checks_the_service(emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="unknown service"):
        emulator.set_outcome("01055550001", "3018", service="email")


def test_reset_keeps_configuration(http: httpx.Client, emulator: Emulator) -> None:
    emulator.add_sender_number("0311112222")
    send_sms(http, "before", "01055550001")
    first_id = emulator.accepted[0].request_id
    emulator.reset()
    assert emulator.accepted == ()
    payload = {
        "body": "after",
        "sendNo": "0311112222",
        "recipientList": [{"recipientNo": "01055550001"}],
    }
    response = http.post(f"{SMS}/sender/sms", json=payload).json()
    assert response["body"]["data"]["requestId"] == first_id  # ids restart from the seed


def test_advance_only_moves_forward(emulator: Emulator) -> None:
    before = emulator.now()
    emulator.advance(90)
    assert emulator.now() - before == timedelta(seconds=90)
    with pytest.raises(ValueError):
        emulator.advance(-1)


def test_default_identity(emulator: Emulator) -> None:
    assert emulator.sender_number == "0212345678"
    assert emulator.sender_key == DEFAULT_SENDER_KEY
    kwargs = emulator.client_kwargs("http://127.0.0.1:1")
    assert kwargs["sms_secret_key"] == kwargs["kakao_secret_key"] == "test-secret"
    assert kwargs["sms_base_url"] == kwargs["kakao_base_url"] == "http://127.0.0.1:1"
    split = Emulator(sms_secret_key="s1", kakao_secret_key="k1", defaults=False)
    assert (split.sms_secret_key, split.kakao_secret_key) == ("s1", "k1")
    assert (split.sender_number, split.sender_key) == (None, None)


def test_plugin_fixture(notify_emulator: Emulator) -> None:
    assert isinstance(notify_emulator, Emulator)
    assert notify_emulator.accepted == ()
    assert notify_emulator.sender_key == DEFAULT_SENDER_KEY


def test_imports_stay_light() -> None:
    code = (
        "import sys\n"
        "import notify_sdk.testing\n"
        "assert 'pytest' not in sys.modules, 'pytest imported'\n"
        "assert 'notify_sdk.testing._pytest_plugin' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_notify_sdk_does_not_import_the_emulator() -> None:
    code = (
        "import sys\n"
        "import notify_sdk\n"
        "assert 'notify_sdk.testing' not in sys.modules, 'notify_sdk imported the emulator'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sdk_client_sends_through_the_emulator(emulator: Emulator) -> None:
    with emulator.client() as client:
        result = client.send_sms("01055550001", "Hello from the SDK")
    assert result.ok
    [message] = emulator.accepted
    assert (message.number, message.content, message.request_id) == (
        "01055550001",
        "Hello from the SDK",
        result.request_id,
    )


async def test_async_sdk_client_sends_through_the_emulator(emulator: Emulator) -> None:
    async with emulator.async_client() as client:
        result = await client.send_alimtalk("01055550001", "WELCOME", params={"name": "Kim"})
    assert result.ok
    [message] = emulator.accepted
    assert (message.service, message.content) == ("alimtalk", "Hello Kim, welcome aboard.")
    assert message.idempotency_key == result.idempotency_key
