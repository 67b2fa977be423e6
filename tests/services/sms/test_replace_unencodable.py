"""replace_unencodable=True: SMS text (and KakaoTalk's SMS fallback text) swaps the
characters EUC-KR lacks for their look-alikes instead of being refused.
"""

from __future__ import annotations

import pytest

from notify_sdk import Recipient, SmsFallback
from notify_sdk.errors import ConfigurationError, ValidationError
from notify_sdk.testing import Emulator

ODD = "가격 \u20a91,000 \u2014 지금\u00a0구매"
SWAPPED = "가격 \uffe61,000 \u2015 지금 구매"


def test_by_default_the_send_is_refused_with_the_replacement_named(
    notify_emulator: Emulator,
) -> None:
    with notify_emulator.client() as client, pytest.raises(ValidationError) as info:
        client.send_sms("01055550123", ODD)
    assert info.value.field == "body"
    assert "'\uffe6' (U+FFE6)" in str(info.value)
    assert "replace_unencodable=True" in str(info.value)
    assert notify_emulator.accepted == ()


def test_the_option_swaps_body_title_and_params(notify_emulator: Emulator) -> None:
    with notify_emulator.client(replace_unencodable=True) as client:
        assert client.send_sms("01055550123", ODD).ok
        assert client.send_mms(
            [Recipient("01055550124", params={"price": "\u20a92,000"})],
            "price ##price## \u2014 ##when##",
            title="Sale\u00a0\u2014 today",
            params={"when": "today\u200b"},
        ).ok
    sms, mms = notify_emulator.accepted
    assert sms.content == SWAPPED
    assert mms.content == "price \uffe62,000 \u2015 today"
    assert mms.title == "Sale \u2015 today"


def test_emoji_are_still_refused_with_the_option(notify_emulator: Emulator) -> None:
    with (
        notify_emulator.client(replace_unencodable=True) as client,
        pytest.raises(ValidationError) as info,
    ):
        client.send_sms("01055550123", "hi \U0001f600")
    assert "leave it out" in str(info.value)


def test_the_option_swaps_the_alimtalk_fallback_text(notify_emulator: Emulator) -> None:
    notify_emulator.set_non_kakao_user("01055550125")
    fallback = SmsFallback(content="Kim, your order \u2014 \u20a99,000")
    with notify_emulator.client(replace_unencodable=True) as client:
        assert client.send_alimtalk(
            "01055550125", "WELCOME", params={"name": "Kim"}, fallback=fallback
        ).ok
    sms = notify_emulator.messages_to("01055550125", service="sms")
    assert [m.content for m in sms] == ["Kim, your order \u2015 \uffe69,000"]


def test_the_option_must_be_a_bool() -> None:
    from notify_sdk import NotifyClient

    with pytest.raises(ConfigurationError, match="replace_unencodable"):
        NotifyClient(sms_app_key="a", sms_secret_key="s", replace_unencodable="yes")  # type: ignore[arg-type]


async def test_the_async_client_takes_the_option(notify_emulator: Emulator) -> None:
    async with notify_emulator.async_client(replace_unencodable=True) as client:
        assert (await client.send_sms("01055550123", ODD)).ok
    assert notify_emulator.accepted[0].content == SWAPPED
