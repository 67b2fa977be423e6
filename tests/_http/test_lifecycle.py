"""Client lifecycle and secrets: closing under load, masked keys, bounded waits,
a retry budget that stops storms without starving a flaky link, keys on errors
and truthful attempt counts.
"""

from __future__ import annotations

import asyncio
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import AsyncNotifyClient, NotifyClient, RetryPolicy
from notify_sdk.errors import (
    ClientClosedError,
    NotifyError,
    RateLimitError,
    TransportError,
)
from tests.helpers import (
    ALIMTALK_PREFIX,
    CLIENT_KWARGS,
    FAST_RETRY,
    KAKAO_APP_KEY,
    SMS_APP_KEY,
    SMS_PREFIX,
    Runner,
    envelope,
    kakao_envelope,
)

SMS_URL = f"{SMS_PREFIX}/sender/sms"
ALIMTALK_URL = f"{ALIMTALK_PREFIX}/messages"


def sms_ok(request: httpx.Request | None = None) -> httpx.Response:
    row = {"recipientSeq": 1, "recipientNo": "01055550120", "resultCode": 0, "resultMessage": ""}
    data = {"requestId": "R1", "statusCode": "2", "sendResultList": [row]}
    return httpx.Response(200, json=envelope({"data": data}))


def alimtalk_ok(request: httpx.Request | None = None) -> httpx.Response:
    answer = kakao_envelope()
    answer["message"] = {
        "requestId": "K1",
        "senderGroupingKey": "g",
        "sendResults": [{"recipientSeq": 1, "recipientNo": "01055550120", "resultCode": 0}],
    }
    return httpx.Response(200, json=answer)


def nothing_listed(mock: respx.MockRouter) -> None:
    """The AlimTalk listing the SDK reads to find an ambiguous send again: empty."""
    empty = kakao_envelope(messageSearchResultResponse={"messages": [], "totalCount": 0})
    mock.get(ALIMTALK_URL).mock(return_value=httpx.Response(200, json=empty))


# --- close() while sends are in flight ---------------------------------------------


def test_close_while_threads_send_is_an_ambiguous_transport_error() -> None:
    client = NotifyClient(retry=FAST_RETRY, **CLIENT_KWARGS)  # type: ignore[arg-type]
    arrived = threading.Barrier(9)
    closed = threading.Event()

    def committed_then_lost(request: httpx.Request) -> httpx.Response:
        # The server commits the message; the answer is lost while the
        # client is being closed, so the SDK's retry meets a closed client.
        arrived.wait(timeout=5)
        closed.wait(timeout=5)
        return httpx.Response(500, text="lost")

    errors: list[BaseException] = []

    def send() -> None:
        try:
            client.send_alimtalk("01055550120", "T1")
        except BaseException as exc:
            errors.append(exc)

    with respx.mock(assert_all_called=False) as mock:
        mock.post(ALIMTALK_URL).mock(side_effect=committed_then_lost)
        nothing_listed(mock)
        threads = [threading.Thread(target=send) for _ in range(8)]
        for t in threads:
            t.start()
        arrived.wait(timeout=5)
        client.close()
        closed.set()
        for t in threads:
            t.join(timeout=10)
    assert len(errors) == 8
    for error in errors:
        assert isinstance(error, TransportError), repr(error)
        assert error.ambiguous is True
        assert "closed" in str(error)


async def test_aclose_while_tasks_send_is_an_ambiguous_transport_error() -> None:
    client = AsyncNotifyClient(retry=FAST_RETRY, **CLIENT_KWARGS)  # type: ignore[arg-type]
    arrived = 0
    closed = asyncio.Event()
    all_in = asyncio.Event()

    async def committed_then_lost(request: httpx.Request) -> httpx.Response:
        nonlocal arrived
        arrived += 1
        if arrived == 32:
            all_in.set()
        await closed.wait()
        return httpx.Response(500, text="lost")

    with respx.mock(assert_all_called=False) as mock:
        mock.post(ALIMTALK_URL).mock(side_effect=committed_then_lost)
        nothing_listed(mock)
        tasks = [
            asyncio.ensure_future(client.send_alimtalk("01055550120", "T1")) for _ in range(32)
        ]
        await asyncio.wait_for(all_in.wait(), 5)
        await client.aclose()
        closed.set()
        results = await asyncio.gather(*tasks, return_exceptions=True)
    assert len(results) == 32
    for error in results:
        assert isinstance(error, TransportError), repr(error)
        assert error.ambiguous is True


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_call_after_close_is_a_clear_sdk_error(kind: str) -> None:
    runner = Runner(kind)
    await runner.aclose()
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(SMS_URL).mock(side_effect=sms_ok)
        with pytest.raises(ClientClosedError) as info:
            await runner("send_sms", "01055550120", "hi")
    assert not route.called
    assert isinstance(info.value, TransportError) and info.value.ambiguous is False
    assert "closed" in str(info.value)


# --- secrets --------------------------------------------------------------------------


@pytest.mark.parametrize("client_type", [NotifyClient, AsyncNotifyClient])
def test_repr_masks_app_keys(client_type: Any) -> None:
    client = client_type(**CLIENT_KWARGS)
    text = repr(client)
    assert SMS_APP_KEY not in text and KAKAO_APP_KEY not in text
    assert "test" in text  # a masked prefix still tells two clients apart


# --- Retry-After ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_retry_after_never_sleeps_past_max_delay(kind: str) -> None:
    runner = Runner(kind, RetryPolicy(deadline=None, max_delay=8.0, jitter=False))
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(SMS_URL).mock(
            return_value=httpx.Response(429, text="slow", headers={"Retry-After": "3600"})
        )
        with pytest.raises(RateLimitError) as info:
            await runner("send_sms", "01055550120", "hi")
    assert runner.sleeps == []
    assert route.call_count == 1
    assert info.value.retry_after == 3600.0
    assert info.value.attempts == 1
    await runner.aclose()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_retry_after_within_max_delay_is_honoured(kind: str) -> None:
    runner = Runner(kind, RetryPolicy(deadline=None, max_delay=8.0, jitter=False))
    with respx.mock(assert_all_called=False) as mock:
        mock.post(SMS_URL).mock(
            side_effect=[httpx.Response(429, text="slow", headers={"Retry-After": "5"}), sms_ok()]
        )
        result = await runner("send_sms", "01055550120", "hi")
    assert result.ok and runner.sleeps == [5.0]
    await runner.aclose()


# --- the retry budget -------------------------------------------------------------------


def _flaky(rate: float, seed: int) -> Any:
    """30 % of attempts fail (HTTP 500), never the last one a send may make.

    The last attempt always goes through, so any lost send is the budget's doing.
    """
    rng = random.Random(seed)
    lock = threading.Lock()
    seen: dict[str, int] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        key = request.headers["X-NC-API-IDEMPOTENCY-KEY"]
        with lock:
            seen[key] = seen.get(key, 0) + 1
            fail = seen[key] < 4 and rng.random() < rate
        return httpx.Response(500, text="flaky") if fail else alimtalk_ok()

    return answer


def test_sixteen_threads_on_a_flaky_link_still_deliver() -> None:
    runner = Runner("sync")
    with respx.mock(assert_all_called=False) as mock:
        mock.post(ALIMTALK_URL).mock(side_effect=_flaky(0.3, seed=7))
        nothing_listed(mock)

        def send(i: int) -> bool:
            try:
                return runner.client.send_alimtalk(f"0105555{i:04d}", "T1").ok
            except NotifyError:
                return False

        with ThreadPoolExecutor(max_workers=16) as pool:
            delivered = sum(pool.map(send, range(800)))
    assert delivered >= 792  # >= 99 %


async def test_two_hundred_tasks_on_a_flaky_link_still_deliver() -> None:
    runner = Runner("async")
    with respx.mock(assert_all_called=False) as mock:
        mock.post(ALIMTALK_URL).mock(side_effect=_flaky(0.3, seed=11))
        nothing_listed(mock)

        async def send(i: int) -> bool:
            try:
                return bool((await runner.client.send_alimtalk(f"0105555{i:04d}", "T1")).ok)
            except NotifyError:
                return False

        delivered = 0
        for start in range(0, 800, 200):
            delivered += sum(await asyncio.gather(*(send(i) for i in range(start, start + 200))))
    assert delivered >= 792
    await runner.aclose()


def _storm(runner: Runner, mock: respx.MockRouter, sends: int = 300) -> respx.Route:
    """Every attempt of ``sends`` sends fails: the budget drains."""
    route = mock.post(ALIMTALK_URL).mock(return_value=httpx.Response(500, text="down"))
    nothing_listed(mock)
    for i in range(sends):
        with pytest.raises(NotifyError):
            runner.client.send_alimtalk(f"0105555{i:04d}", "T1")
    return route


def test_a_real_storm_still_stops_retrying() -> None:
    runner = Runner("sync")
    with respx.mock(assert_all_called=False) as mock:
        route = _storm(runner, mock)
        before = route.call_count
        for i in range(50):
            with pytest.raises(NotifyError):
                runner.client.send_alimtalk(f"0106666{i:04d}", "T1")
    # Once the budget is empty, a failing send makes one attempt, no retry.
    assert route.call_count - before == 50
    assert before < 300 * 4


def test_a_recovered_link_earns_its_retries_back() -> None:
    runner = Runner("sync")
    with respx.mock(assert_all_called=False) as mock:
        route = _storm(runner, mock)
        assert runner.client.retry_stats.budget_left < 1.5
        route.mock(side_effect=alimtalk_ok)
        for i in range(50):
            runner.client.send_alimtalk(f"0107777{i:04d}", "T1")
        route.mock(side_effect=[httpx.Response(500, text="blip"), alimtalk_ok()])
        result = runner.client.send_alimtalk("01088880000", "T1")
    assert result.ok and result.attempts == 2


# --- keys on the raised error -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_failed_send_names_its_keys(kind: str) -> None:
    runner = Runner(kind, FAST_RETRY.evolve(max_attempts=2))
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(ALIMTALK_URL).mock(side_effect=httpx.ReadTimeout("lost"))
        nothing_listed(mock)
        with pytest.raises(TransportError) as info:
            await runner("send_alimtalk", "01055550120", "T1")
    sent = route.calls[0].request
    body = httpx.Response(200, content=sent.content).json()
    assert info.value.idempotency_key == sent.headers["X-NC-API-IDEMPOTENCY-KEY"]
    assert info.value.sender_grouping_key == body["senderGroupingKey"]
    assert body["senderGroupingKey"] in str(info.value)
    await runner.aclose()


async def test_a_cancelled_send_can_be_found_with_the_callers_own_keys() -> None:
    client = AsyncNotifyClient(retry=FAST_RETRY, **CLIENT_KWARGS)  # type: ignore[arg-type]
    started = asyncio.Event()
    seen: list[httpx.Request] = []

    async def slow(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        started.set()
        await asyncio.sleep(5)
        return alimtalk_ok()

    with respx.mock(assert_all_called=False) as mock:
        mock.post(ALIMTALK_URL).mock(side_effect=slow)
        task = asyncio.ensure_future(
            client.send_alimtalk(
                "01055550120", "T1", sender_grouping_key="order-1", idempotency_key="idem-order-1"
            )
        )
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    # What may have gone out is known from the keys the caller chose.
    request = seen[0]
    assert request.headers["X-NC-API-IDEMPOTENCY-KEY"] == "idem-order-1"
    assert b'"senderGroupingKey":"order-1"' in request.content.replace(b" ", b"")
    await client.aclose()


# --- reconciliation counts what it did -----------------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_lookup_attempts_are_counted_and_use_the_remaining_budget(kind: str) -> None:
    runner = Runner(kind, FAST_RETRY.evolve(max_attempts=4))
    system_error = httpx.Response(200, json=envelope(code=-9999, message="system error"))
    with respx.mock(assert_all_called=False) as mock:
        post = mock.post(SMS_URL).mock(side_effect=[httpx.ReadTimeout("lost")])
        # Three failed lookups: a 2-try cap would give up; the policy has more.
        get = mock.get(SMS_URL).mock(side_effect=_sms_listing(failures=3, error=system_error))
        result = await runner("send_sms", "01055550120", "hi")
    assert post.call_count == 1
    assert get.call_count == 4
    assert result.recovered
    assert result.lookups == 4
    await runner.aclose()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_failed_lookups_are_counted_in_the_error(kind: str) -> None:
    runner = Runner(kind, FAST_RETRY.evolve(max_attempts=2))
    with respx.mock(assert_all_called=False) as mock:
        mock.post(SMS_URL).mock(side_effect=[httpx.ReadTimeout("lost")])
        get = mock.get(SMS_URL).mock(return_value=httpx.Response(500, text="down"))
        with pytest.raises(TransportError) as info:
            await runner("send_sms", "01055550120", "hi")
    assert info.value.ambiguous
    assert info.value.attempts == 1
    assert info.value.lookups == get.call_count >= 2
    assert f"{get.call_count} lookups" in str(info.value)
    await runner.aclose()


def _sms_listing(failures: int, error: httpx.Response) -> Any:
    """A listing that answers ``error`` ``failures`` times, then shows the send."""
    calls = [0]

    def answer(request: httpx.Request) -> httpx.Response:
        calls[0] += 1
        if calls[0] <= failures:
            return error
        key = request.url.params["senderGroupingKey"]
        item = {
            "requestId": "R-EARLIER",
            "recipientSeq": 1,
            "recipientNo": "01055550120",
            "msgStatus": "1",
            "senderGroupingKey": key,
        }
        data = {"pageNum": 1, "pageSize": 1000, "totalCount": 1, "data": [item]}
        return httpx.Response(200, json=envelope(data))

    return answer
