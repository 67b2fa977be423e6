"""Retries that never duplicate a message: classification, decisions, drivers.

Every fault sequence runs against both drivers from the same test body; no
test sleeps (the clients' sleep is replaced by a recorder).
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
import tenacity

from notify_sdk import AsyncNotifyClient, NotifyClient, RetryEvent, RetryPolicy, SendResult
from notify_sdk._core import Operation, Safety
from notify_sdk._http.transport import map_transport_error
from notify_sdk._retry import (
    Action,
    FailureKind,
    RetryBudget,
    classify,
    decide,
)
from notify_sdk.errors import (
    APIError,
    DuplicateRequestError,
    NotifyError,
    RateLimitError,
    ServerError,
    TransportError,
    ValidationError,
    from_code,
)
from tests.helpers import CLIENT_KWARGS, FAST_RETRY, SMS_PREFIX, Runner, envelope

SEND_URL = f"{SMS_PREFIX}/sender/sms"
LIST_URL = SEND_URL  # the reconciliation lookup lists the same path with GET


def sms_accepted(key: str = "k", n: int = 1) -> dict[str, Any]:
    return envelope(
        {
            "data": {
                "requestId": "20261124103015aZ3kP9qLwX0",
                "statusCode": "2",
                "senderGroupingKey": key,
                "sendResultList": [
                    {
                        "recipientNo": f"0105555012{i}",
                        "resultCode": 0,
                        "resultMessage": "SUCCESS",
                        "recipientSeq": i + 1,
                    }
                    for i in range(n)
                ],
            }
        }
    )


def listing(items: list[dict[str, Any]]) -> dict[str, Any]:
    return envelope({"pageNum": 1, "pageSize": 1000, "totalCount": len(items), "data": items})


def listed_item(key: str, seq: int = 1) -> dict[str, Any]:
    return {
        "requestId": "20261124103015EARLIER0001",
        "recipientSeq": seq,
        "recipientNo": "01055550120",
        "msgStatus": "1",
        "senderGroupingKey": key,
    }


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest) -> Runner:
    return Runner(request.param)


def post_json(route: respx.Route) -> list[dict[str, Any]]:
    import json

    return [json.loads(call.request.content) for call in route.calls]


# --- the pure pieces ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (TransportError("x", ambiguous=False), FailureKind.SAFE),
        (TransportError("x", ambiguous=True), FailureKind.AMBIGUOUS),
        (RateLimitError("429", http_status=429), FailureKind.SAFE),
        (ServerError("503", http_status=503), FailureKind.SAFE),
        (ServerError("500", http_status=500), FailureKind.AMBIGUOUS),
        (ServerError("502", http_status=502), FailureKind.AMBIGUOUS),
        (ServerError("504", http_status=504), FailureKind.AMBIGUOUS),
        (from_code("sms", -9999, "System error."), FailureKind.AMBIGUOUS),
        (from_code("sms", -2021, "Failed insert queue."), FailureKind.AMBIGUOUS),
        (from_code("kakao", -9999, "System error."), FailureKind.AMBIGUOUS),
        (from_code("sms", -2019, "RecipientNo is invalid."), FailureKind.FINAL),
        (from_code("sms", -1000, "Invalid appKey."), FailureKind.FINAL),
        (from_code("kakao", -1027, "blocked"), FailureKind.FINAL),
        (ValidationError("bad", field="to"), FailureKind.FINAL),
        (from_code("kakao", -1005, "dup"), FailureKind.FINAL),
    ],
)
def test_classify(error: NotifyError, kind: FailureKind) -> None:
    assert classify(error) is kind


def test_minus_1005_after_an_ambiguous_attempt_is_a_replay() -> None:
    error = from_code("kakao", -1005, "dup")
    assert isinstance(error, DuplicateRequestError)
    assert classify(error, earlier_ambiguous=True) is FailureKind.REPLAYED
    assert classify(error, earlier_ambiguous=False) is FailureKind.FINAL


@pytest.mark.parametrize(
    ("safety", "kind", "mode", "action"),
    [
        (Safety.READ, FailureKind.AMBIGUOUS, "reconcile", Action.RETRY),
        (Safety.IDEMPOTENT, FailureKind.AMBIGUOUS, "reconcile", Action.RETRY),
        (Safety.RECONCILE, FailureKind.AMBIGUOUS, "reconcile", Action.RECONCILE),
        (Safety.RECONCILE, FailureKind.AMBIGUOUS, "raise", Action.STOP),
        (Safety.RECONCILE, FailureKind.AMBIGUOUS, "retry", Action.RETRY),
        (Safety.UNSAFE, FailureKind.AMBIGUOUS, "retry", Action.STOP),
        (Safety.UNSAFE, FailureKind.SAFE, "raise", Action.RETRY),
        (Safety.RECONCILE, FailureKind.SAFE, "raise", Action.RETRY),
        (Safety.READ, FailureKind.FINAL, "retry", Action.STOP),
        (Safety.IDEMPOTENT, FailureKind.REPLAYED, "reconcile", Action.RECOVER),
    ],
)
def test_decide_table(safety: Safety, kind: FailureKind, mode: str, action: Action) -> None:
    policy = RetryPolicy(on_ambiguous=mode, jitter=False)  # type: ignore[arg-type]
    assert decide(safety, kind, attempt=1, policy=policy, time_left=30.0).action is action


def test_decide_stops_when_attempts_budget_or_deadline_run_out() -> None:
    policy = RetryPolicy(max_attempts=3, initial_delay=1.0, jitter=False)
    ok = decide(Safety.READ, FailureKind.SAFE, attempt=2, policy=policy, time_left=30.0)
    assert ok.action is Action.RETRY and ok.delay == 2.0
    assert (
        decide(Safety.READ, FailureKind.SAFE, attempt=3, policy=policy, time_left=30.0).action
        is Action.STOP
    )
    no_budget = decide(
        Safety.READ, FailureKind.SAFE, attempt=1, policy=policy, time_left=30.0, budget_ok=False
    )
    assert no_budget.action is Action.STOP and "budget" in no_budget.reason
    late = decide(Safety.READ, FailureKind.SAFE, attempt=1, policy=policy, time_left=0.5)
    assert late.action is Action.STOP and "deadline" in late.reason
    waited = decide(
        Safety.READ, FailureKind.SAFE, attempt=1, policy=policy, time_left=30.0, retry_after=7.0
    )
    assert waited.delay == 7.0
    ignored = decide(
        Safety.READ,
        FailureKind.SAFE,
        attempt=1,
        policy=policy.evolve(respect_retry_after=False),
        time_left=30.0,
        retry_after=7.0,
    )
    assert ignored.delay == 1.0


def test_backoff_grows_caps_and_jitters() -> None:
    policy = RetryPolicy(initial_delay=0.5, multiplier=2.0, max_delay=3.0, jitter=False)
    assert [policy.backoff(n) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 3.0]
    jittered = policy.evolve(jitter=True)
    assert jittered.backoff(2, rng=lambda: 0.0) == 0.5
    assert jittered.backoff(2, rng=lambda: 1.0) == 1.0


def test_policy_is_immutable_and_validated() -> None:
    policy = RetryPolicy()
    assert RetryPolicy.disabled().max_attempts == 1
    assert policy.evolve(deadline=5.0).deadline == 5.0 and policy.deadline == 30.0
    with pytest.raises(AttributeError):
        policy.max_attempts = 2  # type: ignore[misc]
    for bad in ({"max_attempts": 0}, {"deadline": 0}, {"on_ambiguous": "maybe"}, {"max_delay": -1}):
        with pytest.raises(ValueError):
            RetryPolicy(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("exc", "ambiguous"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow"), False),
        (httpx.PoolTimeout("pool"), False),
        (httpx.ReadTimeout("read"), True),
        (httpx.WriteTimeout("write"), True),
        (httpx.ReadError("reset"), True),
        (httpx.RemoteProtocolError("dropped"), True),
    ],
)
def test_transport_phases(exc: Exception, ambiguous: bool) -> None:
    error = map_transport_error(exc, "sms", "send_sms")
    assert isinstance(error, TransportError)
    assert error.ambiguous is ambiguous


def test_budget_spends_and_refunds() -> None:
    budget = RetryBudget(capacity=12, retry_cost=5, ambiguous_cost=10)
    assert budget.spend(budget.cost_of(FailureKind.AMBIGUOUS))
    assert not budget.spend(5)
    budget.refund(100)
    assert budget.available == 12
    assert budget.stats().retries == 1


# --- SMS: the transport phases against both drivers -----------------------------------


async def test_connect_error_is_retried_without_lookup(run: Runner) -> None:
    with respx.mock(assert_all_called=False) as mock:
        post = mock.post(SEND_URL).mock(
            side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=sms_accepted())]
        )
        get = mock.get(LIST_URL)
        result = await run("send_sms", "01055550120", "hello")
    assert isinstance(result, SendResult)
    assert post.call_count == 2 and not get.called
    assert result.attempts == 2 and not result.recovered
    bodies = post_json(post)
    assert bodies[0] == bodies[1]  # the same logical send, same senderGroupingKey


@pytest.mark.parametrize("status", [429, 503])
async def test_429_and_503_are_safe_to_repeat(run: Runner, status: int) -> None:
    with respx.mock(assert_all_called=False) as mock:
        post = mock.post(SEND_URL).mock(
            side_effect=[
                httpx.Response(status, text="busy", headers={"Retry-After": "0"}),
                httpx.Response(200, json=sms_accepted()),
            ]
        )
        get = mock.get(LIST_URL)
        result = await run("send_sms", "01055550120", "hello")
    assert post.call_count == 2 and not get.called
    assert result.attempts == 2


AMBIGUOUS_FAULTS: list[Callable[[], Any]] = [
    lambda: httpx.ReadTimeout("read"),
    lambda: httpx.RemoteProtocolError("dropped after send"),
    lambda: httpx.Response(500, text="<html>oops</html>"),
    lambda: httpx.Response(502, text="<html>bad gateway</html>"),
    lambda: httpx.Response(504, text="<html>timeout</html>"),
    lambda: httpx.Response(200, json=envelope(code=-9999, message="System error.")),
    lambda: httpx.Response(200, json=envelope(code=-2021, message="Failed insert queue.")),
]


@pytest.mark.parametrize("fault", AMBIGUOUS_FAULTS)
async def test_ambiguous_failure_found_by_reconciliation_is_not_resent(
    run: Runner, fault: Callable[[], Any]
) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=[fault()])
        key_seen: list[str] = []

        def found(request: httpx.Request) -> httpx.Response:
            key = request.url.params["senderGroupingKey"]
            key_seen.append(key)
            return httpx.Response(200, json=listing([listed_item(key)]))

        get = mock.get(LIST_URL).mock(side_effect=found)
        result = await run("send_sms", "01055550120", "hello")
    assert post.call_count == 1
    assert get.call_count == 1
    assert result.recovered and result.attempts == 1
    assert result.request_id == "20261124103015EARLIER0001"
    assert key_seen == [post_json(post)[0]["senderGroupingKey"]]
    params = get.calls[0].request.url.params
    assert params["startCreateDate"] < params["endCreateDate"]


@pytest.mark.parametrize("fault", AMBIGUOUS_FAULTS[:3])
async def test_ambiguous_failure_absent_after_settling_is_resent_once(
    run: Runner, fault: Callable[[], Any]
) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(
            side_effect=[fault(), httpx.Response(200, json=sms_accepted())]
        )
        get = mock.get(LIST_URL).mock(return_value=httpx.Response(200, json=listing([])))
        result = await run("send_sms", "01055550120", "hello")
    assert post.call_count == 2
    assert get.call_count == 2  # looked twice: once, then again after the settle wait
    assert result.attempts == 2 and not result.recovered
    first, second = post_json(post)
    assert first == second


async def test_lookup_failure_raises_ambiguous_error_and_never_resends(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=[httpx.ReadTimeout("read")])
        mock.get(LIST_URL).mock(return_value=httpx.Response(500, text="down"))
        with pytest.raises(TransportError) as info:
            await run("send_sms", "01055550120", "hello")
    assert info.value.ambiguous is True
    assert post.call_count == 1
    assert not isinstance(info.value, tenacity.RetryError)


async def test_on_ambiguous_raise_raises_at_once(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=[httpx.ReadTimeout("read")])
        with pytest.raises(TransportError) as info:
            await run(
                "send_sms",
                "01055550120",
                "hello",
                retry=FAST_RETRY.evolve(on_ambiguous="raise"),
            )
    assert info.value.ambiguous and info.value.attempts == 1
    assert post.call_count == 1


async def test_on_ambiguous_retry_resends_blindly(run: Runner) -> None:
    with respx.mock(assert_all_called=False) as mock:
        post = mock.post(SEND_URL).mock(
            side_effect=[httpx.ReadTimeout("read"), httpx.Response(200, json=sms_accepted())]
        )
        get = mock.get(LIST_URL)
        result = await run(
            "send_sms", "01055550120", "hello", retry=FAST_RETRY.evolve(on_ambiguous="retry")
        )
    assert post.call_count == 2 and not get.called and result.attempts == 2


@pytest.mark.parametrize("code", [-2019, -1000, -2312, -2015])
async def test_final_codes_are_never_retried(run: Runner, code: int) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(
            return_value=httpx.Response(200, json=envelope(code=code, message="no"))
        )
        with pytest.raises(APIError) as info:
            await run("send_sms", "01055550120", "hello")
    assert post.call_count == 1
    assert info.value.code == code and info.value.attempts == 1
    assert not info.value.retryable


async def test_retries_run_out_with_the_last_typed_error(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(TransportError) as info:
            await run("send_sms", "01055550120", "hello", retry=FAST_RETRY.evolve(max_attempts=3))
    assert post.call_count == 3
    assert info.value.attempts == 3 and info.value.ambiguous is False
    assert pickle.loads(pickle.dumps(info.value)).attempts == 3


async def test_disabled_policy_makes_one_attempt(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(TransportError):
            await run("send_sms", "01055550120", "hello", retry=RetryPolicy.disabled())
    assert post.call_count == 1
    assert run.sleeps == []


async def test_retry_after_beyond_the_deadline_fails_fast_without_sleeping(run: Runner) -> None:
    policy = FAST_RETRY.evolve(deadline=2.0)
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(
            return_value=httpx.Response(429, text="slow down", headers={"Retry-After": "120"})
        )
        with pytest.raises(RateLimitError) as info:
            await run("send_sms", "01055550120", "hello", retry=policy)
    assert post.call_count == 1
    assert run.sleeps == []
    assert info.value.retry_after == 120.0


async def test_retry_after_is_honoured_in_seconds_and_http_dates(run: Runner) -> None:
    with respx.mock() as mock:
        mock.post(SEND_URL).mock(
            side_effect=[
                httpx.Response(503, text="x", headers={"Retry-After": "3"}),
                httpx.Response(
                    429, text="x", headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}
                ),
                httpx.Response(200, json=sms_accepted()),
            ]
        )
        # A Retry-After is honoured up to max_delay (FAST_RETRY's is 0).
        result = await run(
            "send_sms", "01055550120", "hello", retry=FAST_RETRY.evolve(max_delay=8.0)
        )
    assert result.attempts == 3
    # 3 s from the delta header; a date in the past means "now" (0 s).
    assert run.sleeps == [3.0, 0.0]


async def test_each_attempt_timeout_shrinks_to_the_deadline(run: Runner) -> None:
    seen: list[dict[str, float]] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=sms_accepted())

    with respx.mock() as mock:
        mock.post(SEND_URL).mock(side_effect=record)
        await run("send_sms", "01055550120", "hi", retry=FAST_RETRY.evolve(deadline=1.5))
        await run("send_sms", "01055550120", "hi", retry=FAST_RETRY.evolve(deadline=None))
    assert 0 < seen[0]["read"] <= 1.5
    assert seen[1]["read"] == 10.0


async def test_on_retry_receives_events(run: Runner) -> None:
    events: list[RetryEvent] = []
    policy = FAST_RETRY.evolve(on_retry=events.append)
    with respx.mock(assert_all_called=False) as mock:
        mock.post(SEND_URL).mock(
            side_effect=[
                httpx.ConnectError("a"),
                httpx.ReadTimeout("b"),
                httpx.Response(200, json=sms_accepted()),
            ]
        )
        mock.get(LIST_URL).mock(return_value=httpx.Response(200, json=listing([])))
        await run("send_sms", "01055550120", "hi", retry=policy)
    assert [e.attempt for e in events] == [1, 2]
    assert isinstance(events[0].error, TransportError) and not events[0].reconcile
    assert events[1].reconcile and events[1].operation == "send_sms"
    assert all(e.delay == 0.0 for e in events)


async def test_budget_exhaustion_fails_fast_and_counters_show_it(run: Runner) -> None:
    run.client._budget = RetryBudget(capacity=10, retry_cost=5, ambiguous_cost=10)
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=httpx.ConnectError("refused"))
        with pytest.raises(TransportError) as info:
            await run("send_sms", "01055550120", "hello", retry=FAST_RETRY.evolve(max_attempts=10))
    assert post.call_count == 3  # two retries paid for, then the bucket is empty
    assert info.value.attempts == 3
    stats = run.client.retry_stats
    assert stats.attempts == 3 and stats.retries == 2 and stats.budget_left == 0


async def test_reads_retry_ambiguous_failures(run: Runner) -> None:
    url = f"{SMS_PREFIX}/sender/sms/20261124103015aZ3kP9qLwX0"
    item = {"requestId": "20261124103015aZ3kP9qLwX0", "recipientSeq": 1, "msgStatus": "3"}
    with respx.mock() as mock:
        route = mock.get(url).mock(
            side_effect=[httpx.ReadTimeout("x"), httpx.Response(200, json=envelope({"data": item}))]
        )
        delivery = await run("get_sms_delivery", "20261124103015aZ3kP9qLwX0", 1)
    assert route.call_count == 2 and delivery.seq == 1


# --- the driver on hand-built operations (both services' namespaces) ---------------------


def _op(safety: Safety, namespace: str = "kakao", **kw: Any) -> Operation[str]:
    options: dict[str, Any] = {
        "headers": {"X-NC-API-IDEMPOTENCY-KEY": "key-1"},
        "idempotency_key": "key-1",
        "label": "test_send",
        **kw,
    }
    return Operation(
        namespace=namespace,  # type: ignore[arg-type]
        method="POST",
        path="/alimtalk/v2.3/appkeys/{appkey}/messages",
        parse=lambda data: "accepted",
        safety=safety,
        json={"x": 1},
        **options,
    )


KAKAO_URL = "https://kakao.example.test/alimtalk/v2.3/appkeys/test-kakao-app-key/messages"


async def test_idempotent_send_keeps_its_key_on_every_attempt(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(KAKAO_URL).mock(
            side_effect=[
                httpx.ReadTimeout("x"),
                httpx.Response(502, text="bad gateway"),
                httpx.Response(200, json={"header": {"isSuccessful": True, "resultCode": 0}}),
            ]
        )
        assert await run.execute(_op(Safety.IDEMPOTENT)) == "accepted"
    keys = [c.request.headers["X-NC-API-IDEMPOTENCY-KEY"] for c in route.calls]
    assert keys == ["key-1"] * 3


def _dup() -> httpx.Response:
    return httpx.Response(
        200,
        json={"header": {"isSuccessful": False, "resultCode": -1005, "resultMessage": "dup"}},
    )


async def test_1005_on_a_retry_recovers_and_never_resends(run: Runner) -> None:
    lookups = itertools.count()

    def lookup() -> Operation[str | None]:
        next(lookups)
        return Operation(
            namespace="kakao",
            method="GET",
            path="/alimtalk/v2.3/appkeys/{appkey}/messages",
            parse=lambda data: "found-earlier",
            safety=Safety.READ,
        )

    with respx.mock() as mock:
        post = mock.post(KAKAO_URL).mock(side_effect=[httpx.ReadTimeout("x"), _dup()])
        mock.get(KAKAO_URL).mock(
            return_value=httpx.Response(
                200, json={"header": {"isSuccessful": True, "resultCode": 0}}
            )
        )
        assert await run.execute(_op(Safety.IDEMPOTENT, lookup=lookup)) == "found-earlier"
    assert post.call_count == 2
    assert next(lookups) == 1


async def test_1005_on_a_retry_without_lookup_result_reports_replayed(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(KAKAO_URL).mock(side_effect=[httpx.ReadTimeout("x"), _dup()])
        result = await run.execute(_op(Safety.IDEMPOTENT, replayed=lambda: "replayed"))
    assert result == "replayed" and post.call_count == 2


async def test_1005_on_the_first_attempt_is_the_callers_duplicate(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(KAKAO_URL).mock(side_effect=[_dup()])
        with pytest.raises(DuplicateRequestError) as info:
            await run.execute(_op(Safety.IDEMPOTENT, replayed=lambda: "replayed"))
    assert post.call_count == 1 and info.value.attempts == 1


async def test_1005_after_a_connect_error_is_still_the_callers_duplicate(run: Runner) -> None:
    # The first attempt never reached the server, so it cannot have used the key.
    with respx.mock() as mock:
        mock.post(KAKAO_URL).mock(side_effect=[httpx.ConnectError("x"), _dup()])
        with pytest.raises(DuplicateRequestError) as info:
            await run.execute(_op(Safety.IDEMPOTENT, replayed=lambda: "replayed"))
    assert info.value.attempts == 2


async def test_unsafe_operations_stop_on_ambiguous_failures(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(KAKAO_URL).mock(side_effect=[httpx.ReadTimeout("x")])
        with pytest.raises(TransportError) as info:
            await run.execute(_op(Safety.UNSAFE))
    assert post.call_count == 1 and info.value.ambiguous


async def test_kakao_retryable_code_is_retried_with_the_same_key(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(KAKAO_URL).mock(
            side_effect=[
                httpx.Response(
                    200,
                    json={
                        "header": {"isSuccessful": False, "resultCode": -9999, "resultMessage": "x"}
                    },
                ),
                httpx.Response(200, json={"header": {"isSuccessful": True, "resultCode": 0}}),
            ]
        )
        assert await run.execute(_op(Safety.IDEMPOTENT)) == "accepted"
    assert route.call_count == 2


async def test_no_retry_error_or_httpx_error_ever_escapes(run: Runner) -> None:
    with respx.mock() as mock:
        mock.post(SEND_URL).mock(side_effect=httpx.ReadTimeout("x"))
        mock.get(LIST_URL).mock(side_effect=httpx.ReadTimeout("y"))
        with pytest.raises(NotifyError) as info:
            await run("send_sms", "01055550120", "hello")
    assert not isinstance(info.value, (tenacity.RetryError, httpx.HTTPError))


def test_retry_must_be_a_policy() -> None:
    with pytest.raises(TypeError):
        NotifyClient(retry=3)  # type: ignore[arg-type]


async def test_exhausted_ambiguous_send_is_looked_up_once_more(run: Runner) -> None:
    def found(request: httpx.Request) -> httpx.Response:
        key = request.url.params["senderGroupingKey"]
        return httpx.Response(200, json=listing([listed_item(key)]))

    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=[httpx.ReadTimeout("x")])
        get = mock.get(LIST_URL).mock(side_effect=found)
        result = await run("send_sms", "01055550120", "hi", retry=RetryPolicy.disabled())
    assert post.call_count == 1 and get.call_count == 1
    assert result.recovered and result.attempts == 1


async def test_exhausted_ambiguous_send_not_found_stays_ambiguous(run: Runner) -> None:
    with respx.mock() as mock:
        post = mock.post(SEND_URL).mock(side_effect=[httpx.ReadTimeout("x")])
        get = mock.get(LIST_URL).mock(return_value=httpx.Response(200, json=listing([])))
        with pytest.raises(TransportError) as info:
            await run("send_sms", "01055550120", "hi", retry=RetryPolicy.disabled())
    assert info.value.ambiguous and info.value.attempts == 1
    assert post.call_count == 1 and get.call_count == 1


def test_one_client_is_shared_between_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    runner = Runner("sync")
    with respx.mock() as mock:
        route = mock.post(SEND_URL).mock(
            side_effect=lambda request: httpx.Response(200, json=sms_accepted())
        )
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(
                pool.map(lambda i: runner.client.send_sms(f"0105555{i:04d}", "hi"), range(40))
            )
    assert route.call_count == 40
    assert all(r.ok and r.attempts == 1 for r in results)
    keys = {json_body["senderGroupingKey"] for json_body in post_json(route)}
    assert len(keys) == 40  # every logical send got its own grouping key
    assert runner.client.retry_stats.attempts == 40


async def test_one_async_client_is_shared_between_tasks() -> None:
    import asyncio

    runner = Runner("async")
    with respx.mock() as mock:
        route = mock.post(SEND_URL).mock(
            side_effect=[httpx.ConnectError("x")] + [httpx.Response(200, json=sms_accepted())] * 30
        )
        results = await asyncio.gather(
            *(runner.client.send_sms(f"0105555{i:04d}", "hi") for i in range(30))
        )
    assert route.call_count == 31
    assert sorted(r.attempts for r in results) == [1] * 29 + [2]


def test_httpx_own_log_lines_never_show_the_app_key_or_a_number(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    from tests.helpers import SMS_APP_KEY

    runner = Runner("sync")
    with caplog.at_level(logging.INFO, logger="httpx"), respx.mock() as mock:
        mock.get(SEND_URL).mock(return_value=httpx.Response(200, json=listing([])))
        list(
            runner.client.list_sms_deliveries(
                request_id="20261124103015aZ3kP9qLwX0", recipient="01055556789"
            )
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert lines, "httpx logged no request line"
    assert all(SMS_APP_KEY not in line and "01055556789" not in line for line in lines)
    assert any("{appkey}" in line and "010****6789" in line for line in lines)


async def test_1005_on_a_retry_with_a_failing_lookup_still_returns_a_result(run: Runner) -> None:
    def lookup() -> Operation[str | None]:
        return Operation(
            namespace="kakao",
            method="GET",
            path="/alimtalk/v2.3/appkeys/{appkey}/messages",
            parse=lambda data: "found",
            safety=Safety.READ,
        )

    with respx.mock() as mock:
        post = mock.post(KAKAO_URL).mock(side_effect=[httpx.ReadTimeout("x"), _dup()])
        mock.get(KAKAO_URL).mock(return_value=httpx.Response(502, text="down"))
        result = await run.execute(
            _op(Safety.IDEMPOTENT, lookup=lookup, replayed=lambda: "replayed")
        )
    assert result == "replayed" and post.call_count == 2


def test_kakao_retries_stop_inside_the_idempotency_key_window() -> None:
    from notify_sdk._http.call import Call as _Call

    budget = RetryBudget()
    keyed = _Call(_op(Safety.IDEMPOTENT), RetryPolicy(deadline=None), budget)
    left = keyed.time_left()
    assert left is not None and 500 < left <= 540
    longer = _Call(_op(Safety.IDEMPOTENT), RetryPolicy(deadline=3600.0), budget)
    assert (longer.time_left() or 0) <= 540
    plain = _Call(_op(Safety.READ, idempotency_key=None), RetryPolicy(deadline=None), budget)
    assert plain.time_left() is None


class _TrickleServer:
    """A loopback server that answers 200 but sends its body one byte at a time."""

    def __init__(self, delay: float, size: int) -> None:
        import socket
        import threading

        self.delay, self.size = delay, size
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        import time as _time

        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n" % self.size
                )
                for _ in range(self.size):
                    if self.stop.is_set():
                        break
                    try:
                        conn.sendall(b" ")
                    except OSError:
                        break
                    _time.sleep(self.delay)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
        self.thread.join(timeout=2)


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_trickling_server_cannot_hold_a_call_past_its_deadline(kind: str) -> None:
    import time as _time

    server = _TrickleServer(delay=0.05, size=200)  # 10 s of body if nobody stops it
    kwargs = {**CLIENT_KWARGS, "sms_base_url": f"http://127.0.0.1:{server.port}"}
    policy = RetryPolicy(max_attempts=1, deadline=0.6, on_ambiguous="raise")
    started = _time.monotonic()
    try:
        with pytest.raises(TransportError) as info:
            if kind == "sync":
                with NotifyClient(retry=policy, **kwargs) as client:  # type: ignore[arg-type]
                    client.send_sms("01055550120", "hi")
            else:
                async with AsyncNotifyClient(retry=policy, **kwargs) as aclient:  # type: ignore[arg-type]
                    await aclient.send_sms("01055550120", "hi")
    finally:
        server.close()
    elapsed = _time.monotonic() - started
    assert info.value.ambiguous
    assert elapsed < 1.5, f"the call took {elapsed:.2f}s with a 0.6s deadline"


def _listing_lookup(found: str | None) -> Any:
    def lookup() -> Operation[str | None]:
        return Operation(
            namespace="kakao",
            method="GET",
            path="/alimtalk/v2.3/appkeys/{appkey}/messages",
            parse=lambda data: found,
            safety=Safety.READ,
        )

    return lookup


@pytest.mark.parametrize("found", ["found-earlier", None])
async def test_safe_last_failure_after_an_ambiguous_one_is_not_reported_as_not_sent(
    run: Runner, found: str | None
) -> None:
    # Attempt 1's answer is lost (maybe accepted); attempts 2-4 cannot connect.
    with respx.mock() as mock:
        post = mock.post(KAKAO_URL).mock(
            side_effect=[httpx.ReadTimeout("lost")] + [httpx.ConnectError("down")] * 3
        )
        get = mock.get(KAKAO_URL).mock(
            return_value=httpx.Response(
                200, json={"header": {"isSuccessful": True, "resultCode": 0}}
            )
        )
        op = _op(Safety.IDEMPOTENT, lookup=_listing_lookup(found))
        if found is not None:
            assert await run.execute(op) == found
        else:
            with pytest.raises(TransportError) as info:
                await run.execute(op)
            assert info.value.ambiguous is True
            assert isinstance(info.value.__cause__, TransportError)
            assert info.value.__cause__.ambiguous is False
            assert info.value.attempts == 4
    assert post.call_count == 4 and get.call_count == 1


def test_no_resend_without_time_to_finish_it() -> None:
    import time as _time

    from notify_sdk._http.call import Call as _Call

    call = _Call(_op(Safety.RECONCILE), RetryPolicy(deadline=5.0), RetryBudget())
    call.last_error = TransportError("lost", ambiguous=True)
    call.resend_or_give_up()  # plenty of time: no error
    call.started = _time.monotonic() - 4.9
    with pytest.raises(TransportError) as info:
        call.resend_or_give_up()
    assert info.value.ambiguous and info.value.__cause__ is call.last_error
    assert call.settle_wait() == 0.0


def test_a_complete_body_is_kept_even_at_the_deadline() -> None:
    from notify_sdk._http.call import complete as _complete

    whole = httpx.Response(200, headers={"content-length": "5"}, stream=httpx.ByteStream(b"hello"))
    part = httpx.Response(200, headers={"content-length": "9"}, stream=httpx.ByteStream(b"hello"))
    chunked = httpx.Response(200, stream=httpx.ByteStream(b"hello"))
    for response in (whole, part, chunked):
        b"".join(response.iter_bytes())
    assert _complete(whole) and not _complete(part) and not _complete(chunked)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "Infinity"])
def test_non_finite_retry_after_is_ignored(value: str) -> None:
    from notify_sdk._core import parse_retry_after

    assert parse_retry_after(value) is None
    assert parse_retry_after("2.5") == 2.5


def test_the_log_redactor_rewrites_key_paths_and_numbers_only() -> None:
    import logging

    from notify_sdk._http.redact import _REDACTOR

    record = logging.LogRecord("httpx", logging.INFO, "", 0, "%s %s %d", (), None)
    record.args = (
        httpx.URL("https://a.test/sms/v3.0/appKeys/K3y-xyz/sender/sms?recipientNo=01055556789"),
        "https://b.test/alimtalk/v2.3/appkeys/abc/messages",
        200,
    )
    assert _REDACTOR.filter(record)
    assert record.args == (
        "https://a.test/sms/v3.0/appKeys/{appkey}/sender/sms?recipientNo=010****6789",
        "https://b.test/alimtalk/v2.3/appkeys/{appkey}/messages",
        200,
    )


async def test_tenacity_loops_the_retries_and_the_happy_path_builds_no_controller(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    for name in ("Retrying", "AsyncRetrying"):
        original = getattr(tenacity, name)

        class Counting(original):  # type: ignore[misc,valid-type]
            def __init__(self, *args: Any, _name: str = name, **kwargs: Any) -> None:
                built.append(_name)
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(tenacity, name, Counting)
    with respx.mock() as mock:
        mock.post(SEND_URL).mock(
            side_effect=[
                httpx.Response(503, text="x", headers={"Retry-After": "1"}),
                httpx.Response(200, json=sms_accepted()),
                httpx.Response(200, json=sms_accepted()),
            ]
        )
        policy = FAST_RETRY.evolve(max_delay=8.0)
        retried = await run("send_sms", "01055550120", "hello", retry=policy)
        assert built == ["Retrying" if run.kind == "sync" else "AsyncRetrying"]
        first_time = await run("send_sms", "01055550120", "hello", retry=policy)
    assert (retried.attempts, first_time.attempts) == (2, 1)
    # Only the retried call built a controller, and it slept the Retry-After.
    assert len(built) == 1
    assert run.sleeps == [1.0]
