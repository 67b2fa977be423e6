"""Fixtures of the management-endpoint tests (templates, opt-outs, stats, ...).

- ``sms_mock`` / ``kakao_mock``: respx routers on the mocked base URLs; an
  unmocked request fails the test.
- ``emu`` and ``emu_api``: an emulator on a fixed clock and an ``Api`` on a
  client wired to it, once sync and once async.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import respx

from notify_sdk.testing import Emulator
from tests.helpers import FAST_RETRY, KAKAO_BASE, SMS_BASE, Api, Clock, mock_router

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock", "sms_mock"]


@pytest.fixture
def sms_mock() -> Iterator[respx.MockRouter]:
    with mock_router(SMS_BASE) as router:
        yield router


@pytest.fixture
def kakao_mock() -> Iterator[respx.MockRouter]:
    with mock_router(KAKAO_BASE) as router:
        yield router


@pytest.fixture
def emu_clock() -> Clock:
    return Clock()


@pytest.fixture
def emu(emu_clock: Clock) -> Emulator:
    return Emulator(clock=emu_clock)


@pytest.fixture(params=["sync", "async"])
async def emu_api(
    request: pytest.FixtureRequest, emu: Emulator, emu_clock: Clock
) -> AsyncIterator[Api]:
    """An ``Api`` on an emulator client, on the emulator's clock: both clients, one body."""
    client: Any
    if request.param == "sync":
        client = emu.client(retry=FAST_RETRY)
        api = Api(client)
        api.set_clock(emu_clock.now)
        yield api
        client.close()
    else:
        client = emu.async_client(retry=FAST_RETRY)
        api = Api(client)
        api.set_clock(emu_clock.now)
        yield api
        await client.aclose()
