"""The SDK against the emulator: behaviour end to end, sync and async.

These tests use the ``notify_emulator`` fixture from the package's pytest
plugin, exactly as an application's tests would, and check the two promises
under injected faults: no recipient gets a message twice, and no send the SDK
reports as accepted is missing.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from notify_sdk import NotifyClient, NotifyError, Recipient, RetryPolicy, SendResult
from notify_sdk.brand import TextMessage
from notify_sdk.delivery import KakaoResultCode, Outcome
from notify_sdk.errors import (
    SenderNumberError,
    SenderProfileBlocked,
    TemplateError,
    TransportError,
)
from notify_sdk.testing import Emulator, faults

FAST = RetryPolicy(initial_delay=0.0, max_delay=0.0, jitter=False, reconcile_wait=0.0)


def numbers(n: int, base: int = 0) -> list[str]:
    return [f"0105555{base + i:04d}" for i in range(n)]


def check_invariants(
    emulator: Emulator, outcomes: list[tuple[str, SendResult | BaseException]], service: str
) -> None:
    """No duplicates; every reported acceptance is real; failures are typed."""
    emulator.assert_no_duplicates()
    for number, outcome in outcomes:
        got = emulator.messages_to(number, service=service)
        if isinstance(outcome, SendResult):
            assert outcome.ok, outcome
            assert len(got) == 1, f"{number}: reported accepted, emulator has {len(got)}"
        else:
            # A give-up is typed; an ambiguous one may have landed, once at most.
            assert isinstance(outcome, NotifyError), repr(outcome)
            assert len(got) <= 1
            if not (isinstance(outcome, TransportError) and outcome.ambiguous):
                assert outcome.attempts is not None


def send_all_sync(
    client: NotifyClient, method: str, targets: list[str], *args: Any, **kwargs: Any
) -> list[Any]:
    outcomes: list[tuple[str, SendResult | BaseException]] = []
    for number in targets:
        try:
            outcomes.append((number, getattr(client, method)(number, *args, **kwargs)))
        except NotifyError as error:
            outcomes.append((number, error))
    return outcomes


async def send_all_async(
    emulator: Emulator, method: str, targets: list[str], *args: Any, **kwargs: Any
) -> Any:
    async with emulator.async_client(retry=FAST) as client:

        async def one(number: str) -> tuple[str, SendResult | BaseException]:
            try:
                return number, await getattr(client, method)(number, *args, **kwargs)
            except NotifyError as error:
                return number, error

        outcomes = await asyncio.gather(*(one(n) for n in targets))
        return list(outcomes), client.retry_stats


def inject_storm(emulator: Emulator, service: str) -> None:
    """The faults of the storm tests: lost answers, dropped connections, throttling."""
    emulator.inject(faults.timeout_after_accept(), ratio=0.25, match=service)
    emulator.inject(faults.connect_error(), ratio=0.15, match=service)
    emulator.inject(faults.http_status(503, retry_after=0), ratio=0.1, match=service)


SCENARIOS: dict[str, tuple[str, tuple[Any, ...], dict[str, Any], str]] = {
    "sms": ("send_sms", ("[shop] your order has shipped",), {}, "sms"),
    "alimtalk": ("send_alimtalk", ("WELCOME",), {"params": {"name": "Kim"}}, "alimtalk"),
    "brand": ("send_brand_message", (TextMessage(content="(광고) winter sale"),), {}, "brand"),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_fault_storm_never_duplicates_nor_loses(
    notify_emulator: Emulator, scenario: str, kind: str
) -> None:
    method, args, kwargs, service = SCENARIOS[scenario]
    emulator = notify_emulator
    inject_storm(emulator, service)
    targets = numbers(40)
    if kind == "sync":
        with emulator.client(retry=FAST) as client:
            outcomes = send_all_sync(client, method, targets, *args, **kwargs)
            stats = client.retry_stats
    else:
        outcomes, stats = asyncio.run(send_all_async(emulator, method, targets, *args, **kwargs))
    check_invariants(emulator, outcomes, service)
    accepted = sum(isinstance(o, SendResult) for _, o in outcomes)
    recovered = sum(isinstance(o, SendResult) and o.recovered for _, o in outcomes)
    assert stats.retries > 0, "the faults never fired"
    assert recovered > 0, "no send was recovered after a timeout-after-accept"
    assert accepted >= 30, f"only {accepted} of 40 sends came through"


def test_alimtalk_fallback_for_a_non_kakao_user(notify_emulator: Emulator) -> None:
    emulator = notify_emulator
    emulator.set_non_kakao_user("01055550002")
    with emulator.client(retry=FAST) as client:
        result = client.send_alimtalk(
            [
                Recipient("01055550001", params={"name": "Kim"}),
                Recipient("01055550002", params={"name": "Lee"}),
            ],
            "WELCOME",
            fallback=True,
        )
        assert result.ok and result.service == "alimtalk"
        friend = client.get_alimtalk_message(result.request_id or "", 1)
        stranger = client.get_alimtalk_message(result.request_id or "", 2)
    assert friend.result_code is KakaoResultCode("1000")
    assert friend.outcome is Outcome.DELIVERED
    assert stranger.result_code is KakaoResultCode("3018")
    assert stranger.outcome is not Outcome.DELIVERED
    assert stranger.fallback is not None
    sms = emulator.messages_to("01055550002", service="sms")
    assert len(sms) == 1 and sms[0].endpoint == "fallback"
    assert emulator.messages_to("01055550001", service="sms") == []


def test_scheduled_sms_is_listed_and_cancelled(notify_emulator: Emulator) -> None:
    emulator = notify_emulator
    with emulator.client(retry=FAST) as client:
        when = emulator.now() + timedelta(days=1)
        result = client.send_sms(numbers(3), "see you tomorrow", scheduled_at=when)
        listed = list(client.list_sms_deliveries(request_id=result.request_id))
        cancelled = client.cancel_scheduled_sms(result)
    assert [d.seq for d in listed] == [1, 2, 3]
    assert cancelled.requested == 3 and cancelled.canceled == 3


def test_listing_pages_through_the_emulator(notify_emulator: Emulator) -> None:
    emulator = notify_emulator
    with emulator.client(retry=FAST) as client:
        result = client.send_sms(numbers(25), "hello")
        items = list(client.list_sms_deliveries(request_id=result.request_id, page_size=10))
        limited = list(
            client.list_sms_deliveries(request_id=result.request_id, page_size=10, limit=12)
        )
    assert len(items) == 25 and len({d.seq for d in items}) == 25
    assert len(limited) == 12


async def test_async_listing_pages_through_the_emulator(notify_emulator: Emulator) -> None:
    async with notify_emulator.async_client(retry=FAST) as client:
        result = await client.send_sms(numbers(12), "hello")
        seqs = [
            d.seq
            async for d in client.list_sms_deliveries(request_id=result.request_id, page_size=5)
        ]
    assert seqs == list(range(1, 13))


def test_server_side_rules_surface_as_typed_errors(notify_emulator: Emulator) -> None:
    emulator = notify_emulator
    emulator.add_sender_profile("blocked-profile-key-0000000000000000000", blocked=True)
    with emulator.client(retry=FAST) as client:
        with pytest.raises(SenderNumberError) as sender:
            client.send_sms("01055550001", "hi", sender="0299998888")
        with pytest.raises(SenderProfileBlocked):
            client.send_alimtalk(
                "01055550001", "WELCOME", sender_key="blocked-profile-key-0000000000000000000"
            )
        with pytest.raises(TemplateError):
            client.send_alimtalk("01055550001", "NO_SUCH_TEMPLATE")
    assert sender.value.code == -2312 and sender.value.attempts == 1
    assert emulator.accepted == ()


def test_over_real_http_on_loopback(notify_emulator: Emulator) -> None:
    emulator = notify_emulator
    with (
        emulator.serve() as base_url,
        NotifyClient(retry=FAST, **emulator.client_kwargs(base_url)) as client,
    ):
        emulator.inject(faults.timeout_after_accept(), times=1, match="sms")
        result = client.send_sms("01055550001", "over the wire", retry=FAST.evolve(deadline=5.0))
    assert result.ok and result.recovered
    emulator.assert_each_recipient_got_exactly_one(["01055550001"])


def test_reused_idempotency_key_is_the_callers_duplicate(notify_emulator: Emulator) -> None:
    from notify_sdk.errors import DuplicateRequestError

    with notify_emulator.client(retry=FAST) as client:
        params = {"name": "Kim"}
        assert client.send_alimtalk(
            "01055550001", "WELCOME", params=params, idempotency_key="order-1"
        ).ok
        with pytest.raises(DuplicateRequestError) as info:
            client.send_alimtalk("01055550002", "WELCOME", params=params, idempotency_key="order-1")
        assert info.value.attempts == 1
        notify_emulator.advance(601)
        again = client.send_alimtalk(
            "01055550002", "WELCOME", params=params, idempotency_key="order-1"
        )
        assert again.ok and again.idempotency_key == "order-1"
