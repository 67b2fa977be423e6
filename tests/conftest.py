"""Shared pytest fixtures; holds no tests itself (helpers live in ``tests/helpers``).

- Clients wired to respx-mocked base URLs, with fast retries (``client``,
  ``aclient``), and ``api``: the same test body against both of them.
- The in-process emulator: the ``clock``/``emulator``/``emulator_base_url``/``http`` fixtures.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from notify_sdk import AsyncNotifyClient, NotifyClient
from notify_sdk.testing import Emulator

from .helpers import CLIENT_KWARGS, FAST_RETRY, Api, Clock, emulator_http


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


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    """The same test body against NotifyClient (``client``) and AsyncNotifyClient (``aclient``)."""
    return Api(request.getfixturevalue("client" if request.param == "sync" else "aclient"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def emulator(clock: Clock) -> Emulator:
    return Emulator(clock=clock)


@pytest.fixture
def emulator_base_url() -> str:
    """Where ``http`` sends relative paths; a module overrides it to use them."""
    return ""


@pytest.fixture
def http(emulator: Emulator, emulator_base_url: str) -> Iterator[httpx.Client]:
    with emulator_http(emulator, emulator_base_url) as client:
        yield client
