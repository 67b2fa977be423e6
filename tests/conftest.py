"""Shared fixtures: clients wired to respx-mocked base URLs, with fast retries."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from notify_sdk import AsyncNotifyClient, NotifyClient, RetryPolicy

SMS_APP_KEY = "test-sms-app-key"
KAKAO_APP_KEY = "test-kakao-app-key"
SECRET = "test-secret-CANARY-5f3a"
SMS_BASE = "https://sms.example.test"
KAKAO_BASE = "https://kakao.example.test"
SMS_PREFIX = f"{SMS_BASE}/sms/v3.0/appKeys/{SMS_APP_KEY}"
ALIMTALK_PREFIX = f"{KAKAO_BASE}/alimtalk/v2.3/appkeys/{KAKAO_APP_KEY}"
FRIENDTALK_PREFIX = f"{KAKAO_BASE}/friendtalk/v2.4/appkeys/{KAKAO_APP_KEY}"
BRAND_PREFIX = f"{KAKAO_BASE}/brand-message/v1.0/appkeys/{KAKAO_APP_KEY}"
SENDER = "0212345678"
SENDER_KEY = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2"

#: Retries without real waiting: tests must not sleep.
FAST_RETRY = RetryPolicy(initial_delay=0.0, max_delay=0.0, jitter=False, reconcile_wait=0.0)

CLIENT_KWARGS = {
    "sms_app_key": SMS_APP_KEY,
    "sms_secret_key": SECRET,
    "kakao_app_key": KAKAO_APP_KEY,
    "kakao_secret_key": SECRET,
    "sms_sender": SENDER,
    "kakao_sender_key": SENDER_KEY,
    "sms_base_url": SMS_BASE,
    "kakao_base_url": KAKAO_BASE,
}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may pick up real credentials from the developer's environment."""
    for name in (
        "NHN_SMS_APP_KEY",
        "NHN_SMS_SECRET_KEY",
        "NHN_KAKAO_APP_KEY",
        "NHN_KAKAO_SECRET_KEY",
        "NHN_SMS_SENDER",
        "NHN_KAKAO_SENDER_KEY",
        "NHN_SMS_BASE_URL",
        "NHN_KAKAO_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def client() -> Iterator[NotifyClient]:
    """A sync client against the mocked base URLs with instant retries."""
    with NotifyClient(retry=FAST_RETRY, **CLIENT_KWARGS) as c:  # type: ignore[arg-type]
        yield c


@pytest.fixture
async def aclient() -> AsyncIterator[AsyncNotifyClient]:
    """An async client against the mocked base URLs with instant retries."""
    async with AsyncNotifyClient(retry=FAST_RETRY, **CLIENT_KWARGS) as c:  # type: ignore[arg-type]
        yield c


def envelope(body: object = None, code: int = 0, message: str = "SUCCESS") -> dict[str, object]:
    """An SMS-style envelope: header plus ``body``."""
    out: dict[str, object] = {
        "header": {"isSuccessful": code == 0, "resultCode": code, "resultMessage": message}
    }
    if body is not None:
        out["body"] = body
    return out


def kakao_envelope(code: int = 0, message: str = "SUCCESS", **parts: object) -> dict[str, object]:
    """A KakaoTalk-style envelope: header plus endpoint-specific parts."""
    out: dict[str, object] = {
        "header": {"isSuccessful": code == 0, "resultCode": code, "resultMessage": message}
    }
    out.update(parts)
    return out
