"""Test helpers shared by every test module; pytest fixtures live in ``tests/conftest.py``.

- ``Api`` runs a client method the same way on the sync and the async client;
  ``Runner`` is an ``Api`` on a fresh client of its own whose waits are recorded.
- ``mock_router``, ``body_json``, ``envelope``, ``kakao_envelope``: respx and wire helpers.
- The in-process emulator with raw httpx: ``Clock``, ``fixed_clock``,
  ``emulator_http``, ``code_of``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import httpx
import respx

from notify_sdk import AsyncNotifyClient, NotifyClient, RetryPolicy
from notify_sdk._core import Operation
from notify_sdk.testing import Emulator

#: Korea Standard Time, the wall clock the APIs speak.
KST = timezone(timedelta(hours=9))
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


# --- clients ------------------------------------------------------------------------


class Api:
    """Calls a client method the same way for the sync and the async client.

    A test body always awaits ``api.call(...)`` (or ``api(...)``): the result is
    awaited when the client is the async one and returned as is otherwise.
    """

    def __init__(self, client: NotifyClient | AsyncNotifyClient) -> None:
        self.client = client
        self.is_async = isinstance(client, AsyncNotifyClient)

    def set_clock(self, moment: datetime) -> None:
        """Fix the client's clock (what ``Context.now_kst`` reads)."""
        self.client._ctx = attrs.evolve(self.client._ctx, clock=lambda: moment)

    async def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, name)(*args, **kwargs)
        if self.is_async:
            return await result
        return result

    __call__ = call

    async def collect(self, name: str, *args: Any, **kwargs: Any) -> list[Any]:
        """Run a listing method to the end and return its items."""
        items = getattr(self.client, name)(*args, **kwargs)
        if self.is_async:
            return [item async for item in items]
        return list(items)


class Runner(Api):
    """An ``Api`` on a fresh ``kind`` ("sync" or "async") client on the mocked base
    URLs, clock pinned to ``now`` if given; its retry waits are recorded in
    ``sleeps``, never slept. ``overrides`` replace client keyword arguments."""

    def __init__(
        self,
        kind: str,
        policy: RetryPolicy = FAST_RETRY,
        *,
        now: datetime | None = None,
        **overrides: Any,
    ) -> None:
        kwargs = {**CLIENT_KWARGS, **overrides}
        client_type = NotifyClient if kind == "sync" else AsyncNotifyClient
        super().__init__(client_type(retry=policy, **kwargs))
        self.kind = kind
        self.sleeps: list[float] = []
        if isinstance(self.client, NotifyClient):
            self.client._sleep = self.sleeps.append
        else:

            async def asleep(seconds: float) -> None:
                self.sleeps.append(seconds)

            self.client._sleep = asleep
        if now is not None:
            self.set_clock(now)

    async def execute(self, op: Operation[Any]) -> Any:
        if isinstance(self.client, NotifyClient):
            return self.client._execute(op)
        return await self.client._execute(op)

    async def aclose(self) -> None:
        if isinstance(self.client, NotifyClient):
            self.client.close()
        else:
            await self.client.aclose()


# --- respx --------------------------------------------------------------------------


def mock_router(base_url: str) -> respx.MockRouter:
    """A respx router on ``base_url`` under which an unmocked request fails the test."""
    return respx.mock(base_url=base_url, assert_all_mocked=True, assert_all_called=False)


def body_json(request: httpx.Request) -> Any:
    return json.loads(request.content)


# --- the emulator with raw httpx -----------------------------------------------------


class Clock:
    """A clock the test can move (``clock.now += ...``); starts 2026-11-24 10:30:15 KST."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 10, 30, 15, tzinfo=KST)

    def __call__(self) -> datetime:
        return self.now


def fixed_clock() -> datetime:
    """A clock that stands still at 2026-11-24 10:30 KST."""
    return datetime(2026, 11, 24, 10, 30, tzinfo=KST)


def emulator_http(emulator: Emulator, base_url: str = "") -> httpx.Client:
    """A raw httpx client wired to ``emulator``, with the secret-key header set."""
    return httpx.Client(
        transport=emulator.transport(), base_url=base_url, headers={"X-Secret-Key": "test-secret"}
    )


def code_of(response: httpx.Response) -> int:
    """The envelope's result code, once its ``isSuccessful`` is checked to agree."""
    header = response.json()["header"]
    assert header["isSuccessful"] is (header["resultCode"] == 0)
    return int(header["resultCode"])
