"""Authentication errors say which credential they can mean, for the service that answered.

The SMS API answers -1000 ("Invalid appkey") for a wrong app key in the URL and
for a wrong ``X-Secret-Key`` header alike; KakaoTalk tells them apart (-1000 app
key, -1001 secret key). The message must not send a user with a bad secret key
off to check an app key that is fine.
"""

from __future__ import annotations

import pytest

from notify_sdk import errors
from notify_sdk.testing import Emulator


def test_wrong_sms_secret_key_names_both_sms_credentials(notify_emulator: Emulator) -> None:
    with (
        notify_emulator.client(sms_secret_key="not-the-secret") as client,
        pytest.raises(errors.AuthenticationError) as info,
    ):
        client.send_sms("01055550123", "hello")
    text = str(info.value)
    assert info.value.code == -1000
    assert "X-Secret-Key" in text and "sms_secret_key" in text and "sms_app_key" in text
    assert "kakao" not in text


def test_wrong_kakao_secret_key_names_the_secret_only(notify_emulator: Emulator) -> None:
    with (
        notify_emulator.client(kakao_secret_key="not-the-secret") as client,
        pytest.raises(errors.AuthenticationError) as info,
    ):
        client.send_alimtalk("01055550123", "WELCOME", params={"name": "Kim"})
    text = str(info.value)
    assert info.value.code == -1001
    assert "kakao_secret_key" in text and "X-Secret-Key" in text
    assert "sms_" not in text


def test_wrong_kakao_app_key_names_the_app_key(notify_emulator: Emulator) -> None:
    with (
        notify_emulator.client(kakao_app_key="not-the-app") as client,
        pytest.raises(errors.AuthenticationError) as info,
    ):
        client.send_alimtalk("01055550123", "WELCOME", params={"name": "Kim"})
    assert info.value.code == -1000
    assert "kakao_app_key" in str(info.value)


@pytest.mark.parametrize(
    ("service", "code", "words"),
    [
        ("sms", -1000, ("sms_app_key", "sms_secret_key")),
        ("sms", -1001, ("sms_app_key",)),
        ("sms", -1002, ("sms_app_key",)),
        ("kakao", -1000, ("kakao_app_key",)),
        ("kakao", -1001, ("kakao_secret_key",)),
        ("kakao", -1002, ("link_brand_fallback_app_key",)),
        ("kakao", -4004, ("kakao_app_key",)),
    ],
)
def test_the_code_tables_hint_at_the_credential(
    service: str, code: int, words: tuple[str, ...]
) -> None:
    cls = errors.lookup(service, code)
    text = str(cls("x"))
    assert all(word in text for word in words), text
    assert cls.hint in text


def test_no_hint_for_other_codes_or_a_borrowed_class() -> None:
    assert errors.lookup("sms", -2019).hint == ""
    # A class used for another code (as lookup's fallbacks may) does not claim its hint.
    cls = errors.lookup("sms", -1000)
    assert cls.hint not in str(cls("x", code=-1234))
