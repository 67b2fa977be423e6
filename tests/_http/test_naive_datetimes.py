"""A naive datetime is Korea time (API.md); the client warns once unless told it is meant.

``datetime.utcnow() + timedelta(hours=10)`` on a UTC host was scheduled 9 hours
early without a word.
"""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone

import pytest

from notify_sdk import AsyncNotifyClient, NotifyClient
from notify_sdk.errors import ConfigurationError
from notify_sdk.testing import Emulator
from tests.helpers import KST

KOREA_TOMORROW = datetime.now(KST).replace(tzinfo=None, second=0, microsecond=0) + timedelta(
    days=1, hours=1
)


def _naive_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "naive datetime" in str(w.message)]


def test_warns_once_per_client(notify_emulator: Emulator) -> None:
    client = notify_emulator.client(naive_datetimes=None)
    with client, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.send_sms("01055550001", "a", scheduled_at=KOREA_TOMORROW)
        client.send_sms("01055550001", "b", scheduled_at=KOREA_TOMORROW)
        list(
            client.list_sms_deliveries(
                requested_from=KOREA_TOMORROW, requested_to=KOREA_TOMORROW + timedelta(hours=1)
            )
        )
    texts = _naive_warnings(caught)
    assert len(texts) == 1
    assert "scheduled_at" in texts[0] and 'naive_datetimes="Asia/Seoul"' in texts[0]
    # It points at the caller's line, not into the SDK.
    (first,) = [w for w in caught if "naive datetime" in str(w.message)]
    assert first.filename == __file__


def test_each_client_warns_on_its_own(notify_emulator: Emulator) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(2):
            with notify_emulator.client(naive_datetimes=None) as client:
                client.send_sms("01055550001", "a", scheduled_at=KOREA_TOMORROW)
    assert len(_naive_warnings(caught)) == 2


def test_a_date_filter_warns_too(notify_emulator: Emulator) -> None:
    client = notify_emulator.client(naive_datetimes=None)
    with client, pytest.warns(UserWarning, match="requested_from is a naive datetime"):
        list(
            client.list_sms_deliveries(
                requested_from=KOREA_TOMORROW, requested_to=KOREA_TOMORROW + timedelta(hours=1)
            )
        )


def test_asia_seoul_silences_it(notify_emulator: Emulator) -> None:
    client = notify_emulator.client(naive_datetimes="Asia/Seoul")
    with client, warnings.catch_warnings():
        warnings.simplefilter("error")
        result = client.send_sms("01055550001", "a", scheduled_at=KOREA_TOMORROW)
    assert result.ok


def test_aware_datetimes_never_warn(notify_emulator: Emulator) -> None:
    with notify_emulator.client(naive_datetimes=None) as client, warnings.catch_warnings():
        warnings.simplefilter("error")
        client.send_sms(
            "01055550001", "a", scheduled_at=datetime.now(timezone.utc) + timedelta(days=1)
        )


async def test_the_async_client_warns_too(notify_emulator: Emulator) -> None:
    async with notify_emulator.async_client(naive_datetimes=None) as client:
        with pytest.warns(UserWarning, match="naive datetime"):
            await client.send_sms("01055550001", "a", scheduled_at=KOREA_TOMORROW)


@pytest.mark.parametrize("value", ["KST", "UTC", "asia/seoul", 9])
def test_other_values_are_refused(value: object) -> None:
    with pytest.raises(ConfigurationError, match="naive_datetimes"):
        NotifyClient(naive_datetimes=value)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="naive_datetimes"):
        AsyncNotifyClient(naive_datetimes=value)  # type: ignore[arg-type]
