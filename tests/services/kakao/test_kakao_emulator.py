"""KakaoTalk methods end to end against the in-process emulator (both clients).

These complement the respx tests: the emulator keeps state (idempotency keys,
accepted messages), so exactly-once delivery can be checked, not just asserted
request by request.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from notify_sdk import NotifyClient, Recipient
from notify_sdk.delivery import Outcome
from notify_sdk.errors import DuplicateRequestError
from notify_sdk.testing import DEFAULT_SENDER_KEY, DEFAULT_TEMPLATE_CODE, Emulator, faults
from tests.helpers import FAST_RETRY, KST, Api

NOW = datetime(2026, 11, 24, 10, 30, 15, tzinfo=KST)


class Both(Api):
    """One emulator, one sync or async client on it, both clocks pinned."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.emulator = Emulator(clock=lambda: NOW)
        super().__init__(
            self.emulator.client(retry=FAST_RETRY)
            if kind == "sync"
            else self.emulator.async_client(retry=FAST_RETRY)
        )
        self.set_clock(NOW)

    async def close(self) -> None:
        if isinstance(self.client, NotifyClient):
            self.client.close()
            self.client._http.close()
        else:
            await self.client.aclose()
            await self.client._http.aclose()


@pytest.fixture(params=["sync", "async"])
async def env(request: pytest.FixtureRequest) -> AsyncIterator[Both]:
    both = Both(request.param)
    yield both
    await both.close()


async def test_alimtalk_round_trip(env: Both) -> None:
    result = await env(
        "send_alimtalk",
        [Recipient("01055550123", grouping_key="a"), "01055550124"],
        DEFAULT_TEMPLATE_CODE,
        params={"name": "Kim"},
    )
    assert result.ok and result.request_id and result.attempts == 1
    assert [r.seq for r in result.recipients] == [1, 2]
    items = await env.collect("list_alimtalk_messages", request_id=result.request_id)
    assert sorted(m.seq for m in items) == [1, 2]
    assert all(m.sender_grouping_key == result.sender_grouping_key for m in items)
    message = await env("get_alimtalk_message", result.request_id, 1)
    assert message.recipient == "01055550123"
    assert message.content == "Hello Kim, welcome aboard."
    assert message.outcome in set(Outcome)


async def test_timeout_after_accept_is_recovered_not_resent(env: Both) -> None:
    env.emulator.inject(faults.timeout_after_accept(), match="alimtalk")
    result = await env("send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, params={"name": "K"})
    assert result.recovered and result.attempts == 2
    (accepted,) = env.emulator.accepted
    assert result.request_id == accepted.request_id
    env.emulator.assert_no_duplicates()


async def test_timeout_before_accept_is_resent_once(env: Both) -> None:
    env.emulator.inject(faults.timeout_before_accept(), match="alimtalk")
    result = await env("send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, params={"name": "K"})
    assert not result.recovered and result.attempts == 2
    assert len(env.emulator.accepted) == 1


async def test_reused_key_raises(env: Both) -> None:
    await env("send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, idempotency_key="same",
              params={"name": "K"})  # fmt: skip
    with pytest.raises(DuplicateRequestError):
        await env("send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, idempotency_key="same",
                  params={"name": "K"})  # fmt: skip
    assert len(env.emulator.accepted) == 1


async def test_friendtalk_and_sender_profiles(env: Both) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        result = await env("send_friendtalk", "01055550123", "Weekend sale")
    assert result.ok and result.service == "friendtalk"
    items = await env.collect("list_friendtalk_messages", request_id=result.request_id)
    assert [m.service for m in items] == ["friendtalk"]
    profiles = await env.collect("list_sender_profiles")
    assert DEFAULT_SENDER_KEY in [p.sender_key for p in profiles]
    profile = await env("get_sender_profile")
    assert profile.sender_key == DEFAULT_SENDER_KEY and profile.active
