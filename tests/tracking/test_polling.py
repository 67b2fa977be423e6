"""Polling on the emulator: wait_for_delivery and iter_delivery_updates, sync and async."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import attrs
import httpx
import pytest

from notify_sdk import Recipient, RecipientResult, SmsFallback
from notify_sdk.brand import TextMessage
from notify_sdk.delivery import KakaoResultCode, Outcome, SmsResultCode
from notify_sdk.testing import Emulator
from notify_sdk.tracking import DeliveryState
from notify_sdk.tracking._poller import DeliveryPoller, Query, UpdateCursor, UpdatePlan

# Brand Message sends warn inside the night window, which depends on the real clock.
pytestmark = pytest.mark.filterwarnings("ignore:it is .* KST, inside the night window")

KST = timezone(timedelta(hours=9))
START = datetime(2026, 11, 24, 10, 0, tzinfo=KST)


def _emulator(delay: float = 30.0) -> Emulator:
    return Emulator(clock=lambda: START, delivery_delay=delay)


class _Counting(httpx.BaseTransport):
    """Counts the GET requests the poller makes, per path."""

    def __init__(self, emulator: Emulator) -> None:
        self.inner = emulator.transport()
        self.gets: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            self.gets.append(request.url.path)
        return self.inner.handle_request(request)


def test_sms_and_lms_poll_to_final_with_one_query_per_request() -> None:
    emulator = _emulator()
    emulator.set_outcome("01055550456", "3001", service="sms")
    counting = _Counting(emulator)
    kwargs = emulator.client_kwargs()
    kwargs["http_client"] = httpx.Client(transport=counting)
    from notify_sdk import NotifyClient

    with NotifyClient(**kwargs) as client:
        sms = client.send_sms(["01055550123", "01055550456", "01055550789"], "hello")
        lms = client.send_mms("01055550123", "a longer text " * 20, title="News")
        sleeps: list[float] = []

        def sleep(seconds: float) -> None:
            sleeps.append(seconds)
            emulator.advance(seconds)

        statuses = client.wait_for_delivery([sms, lms], timeout=600, sleep=sleep)
    assert [s.final for s in statuses] == [True] * 4
    assert [s.seq for s in statuses] == [1, 2, 3, 1]
    delivered, failed, _, long = statuses
    assert delivered.code is SmsResultCode.SUCCESS and delivered.state is DeliveryState.DELIVERED
    assert failed.code is SmsResultCode("3001") and failed.outcome is Outcome.PERMANENT_FAILURE
    assert long.delivered and long.request_id == lms.request_id
    # The backoff ladder: 1, 2, 3, 5, 10, 15 seconds... until the 30 s delay passed.
    assert sleeps[:4] == [1, 2, 3, 5]
    assert sum(sleeps) >= 30
    # Never one query per recipient: per round at most one per request (plus the
    # LMS found under its own path after one miss).
    rounds = len(sleeps) + 1
    assert len(counting.gets) <= 2 * rounds + 1


def test_timeout_marks_the_rest_not_final() -> None:
    emulator = _emulator(delay=3600)
    with emulator.client() as client:
        sent = client.send_sms("01055550123", "hello")
        (status,) = client.wait_for_delivery(sent, timeout=20, sleep=emulator.advance)
    assert not status.final
    assert status.state is DeliveryState.PENDING
    assert status.outcome is Outcome.PENDING


def test_zero_timeout_polls_once_without_sleeping() -> None:
    emulator = _emulator(delay=0)
    slept: list[float] = []
    with emulator.client() as client:
        sent = client.send_sms("01055550123", "hello")
        (status,) = client.wait_for_delivery(sent, timeout=0, sleep=slept.append)
    assert status.final and status.delivered
    assert slept == []


def test_alimtalk_with_and_without_fallback() -> None:
    emulator = _emulator()
    emulator.set_non_kakao_user("01055550456")
    with emulator.client() as client:
        plain = client.send_alimtalk(
            "01055550123", "WELCOME", params={"name": "Minji"}, fallback=None
        )
        fallback = client.send_alimtalk(
            Recipient("01055550456", params={"name": "Joon"}),
            "WELCOME",
            fallback=SmsFallback(content="Welcome aboard"),
        )
        without = client.send_alimtalk(
            Recipient("01055550456", params={"name": "Joon"}), "WELCOME", fallback=False
        )
        ok, fell_back, failed = client.wait_for_delivery(
            [plain, fallback, without], timeout=600, sleep=emulator.advance
        )
    assert ok.final and ok.delivered and ok.service == "alimtalk"
    assert fell_back.final
    assert fell_back.code is KakaoResultCode("3018")
    assert fell_back.state is DeliveryState.FAILED
    assert fell_back.fallback is not None
    assert fell_back.fallback.outcome is Outcome.DELIVERED
    # The listing has no resendRequestId: one single-message query fetched it.
    fallback_sms = [m for m in emulator.accepted if m.endpoint == "fallback"]
    assert fell_back.fallback.request_id == fallback_sms[0].request_id
    assert fell_back.delivered
    assert failed.final and not failed.delivered and failed.fallback is None


def test_brand_message_polls_to_final() -> None:
    emulator = _emulator()
    with emulator.client() as client:
        sent = client.send_brand_message("01055550123", TextMessage(content="(광고) Hello"))
        (status,) = client.wait_for_delivery(sent, timeout=600, sleep=emulator.advance)
    assert status.service == "brand"
    assert status.final and status.delivered


async def test_async_wait_for_delivery() -> None:
    emulator = _emulator()
    async with emulator.async_client() as client:
        first = await client.send_sms("01055550123", "hello")
        second = await client.send_alimtalk("01055550123", "WELCOME", params={"name": "M"})

        async def sleep(seconds: float) -> None:
            emulator.advance(seconds)

        statuses = await client.wait_for_delivery([first, second], timeout=600, sleep=sleep)
    assert [s.service for s in statuses] == ["sms", "alimtalk"]
    assert all(s.final and s.delivered for s in statuses)


def test_refused_recipients_are_final_without_a_query() -> None:
    emulator = _emulator()
    with emulator.client() as client:
        sent = client.send_sms("01055550123", "hello")
        # As if the API had refused a second recipient (-2019 invalid number).
        refused = RecipientResult(number="01055550999", seq=2, result_code=-2019)
        sent = attrs.evolve(sent, recipients=(*sent.recipients, refused))
        statuses = client.wait_for_delivery(sent, timeout=600, sleep=emulator.advance)
    assert statuses[0].delivered
    assert statuses[1].final and statuses[1].outcome is Outcome.PERMANENT_FAILURE


# --- the sans-I/O pieces -----------------------------------------------------------------


def test_poller_rejects_a_bad_ladder_and_other_objects() -> None:
    with pytest.raises(ValueError):
        DeliveryPoller([], ladder=())
    with pytest.raises(TypeError):
        DeliveryPoller(["20261124103015aZ3kP9qLwX0"])


def test_poller_tries_the_sms_paths_in_turn() -> None:
    from notify_sdk import RecipientResult, SendResult

    result = SendResult(
        service="sms",
        request_id="r1",
        recipients=(RecipientResult(number="01055550123", seq=1, result_code=0),),
    )
    poller = DeliveryPoller([result])
    assert poller.queries() == [Query("sms", "r1", "sms")]
    poller.not_found(Query("sms", "r1", "sms"))
    assert poller.queries() == [Query("sms", "r1", "mms")]
    poller.not_found(Query("sms", "r1", "mms"))
    assert poller.queries() == [Query("sms", "r1", "auth")]
    ladder = [poller.next_delay() for _ in range(12)]
    assert ladder[:3] == [1, 2, 3] and ladder[-1] == ladder[-2] == 300


def test_sms_windows_are_split_at_one_day_and_kakao_at_thirty() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=KST)
    plan = UpdatePlan(now - timedelta(days=2, hours=6), None, now=now, services=["sms", "alimtalk"])
    windows = list(plan.windows())
    sms = [w for w in windows if w.service == "sms"]
    assert len(sms) == 3
    assert all(w.end - w.start <= timedelta(days=1) for w in sms)
    assert sms[0].start == now - timedelta(days=2, hours=6) and sms[-1].end == now
    assert all(a.end == b.start for a, b in itertools.pairwise(sms))
    kakao = [w for w in windows if w.service == "alimtalk"]
    assert len(kakao) == 1
    with pytest.raises(ValueError):
        UpdatePlan(now, None, now=now, services=["fax"])


def test_cursor_round_trips_through_json() -> None:
    cursor = UpdateCursor(positions={"sms": START}, seen={"sms:r:1": "delivered|1000|True|"})
    again = UpdateCursor.from_json(cursor.to_json())
    assert again == cursor
    with pytest.raises(ValueError):
        UpdateCursor.from_json("{}")


# --- iter_delivery_updates ---------------------------------------------------------------


def test_updates_yield_each_change_once_and_resume_from_the_cursor() -> None:
    now = [START]
    emulator = Emulator(clock=lambda: now[0], delivery_delay=30)

    def tick(seconds: float) -> None:
        now[0] = now[0] + timedelta(seconds=seconds)

    with emulator.client() as client:
        client.send_alimtalk("01055550123", "WELCOME", params={"name": "M"})
        client.send_brand_message("01055550123", TextMessage(content="(광고) Hi"))
        tick(5)
        updates = client.iter_delivery_updates(
            since=START - timedelta(minutes=5),
            until=now[0],
            services=["alimtalk", "brand"],
        )
        assert list(updates) == []  # nothing settled yet
        cursor = updates.cursor
        tick(120)
        updates = client.iter_delivery_updates(
            since=UpdateCursor.from_json(cursor.to_json()), until=now[0]
        )
        seen = list(updates)
        assert sorted(s.service for s in seen) == ["alimtalk", "brand"]
        assert all(s.final and s.delivered for s in seen)
        # Run again from the new cursor over an overlapping range: nothing new.
        again = client.iter_delivery_updates(since=updates.cursor, until=now[0])
        assert list(again) == []


async def test_async_updates() -> None:
    now = [START]
    emulator = Emulator(clock=lambda: now[0], delivery_delay=0)
    async with emulator.async_client() as client:
        await client.send_alimtalk("01055550123", "WELCOME", params={"name": "M"})
        now[0] = now[0] + timedelta(minutes=2)
        updates = client.iter_delivery_updates(
            since=START - timedelta(minutes=1), until=now[0], services=["alimtalk"]
        )
        seen = [s async for s in updates]
    assert len(seen) == 1 and seen[0].delivered
    assert updates.cursor.positions["alimtalk"] == now[0]


# --- the SMS result-update search -----------------------------------------------------------


def test_sms_updates_read_the_result_search_in_one_day_windows() -> None:
    now = [START]
    emulator = Emulator(clock=lambda: now[0], delivery_delay=0)
    counting = _Counting(emulator)
    kwargs = emulator.client_kwargs()
    kwargs["http_client"] = httpx.Client(transport=counting)
    from notify_sdk import NotifyClient

    with NotifyClient(**kwargs) as client:
        sent = client.send_sms(["01055550123", "01055550456"], "hello")
        now[0] = START + timedelta(minutes=1)
        updates = client.iter_delivery_updates(
            since=START - timedelta(days=2, hours=1), until=now[0], services=["sms"]
        )
        seen = list(updates)
    assert sorted(s.seq for s in seen) == [1, 2]
    assert all(s.request_id == sent.request_id and s.final and s.delivered for s in seen)
    searches = [p for p in counting.gets if p.endswith("/message-results")]
    assert len(searches) == 3  # 2 days 1 hour 1 minute: three windows of at most a day


def test_search_sms_results_checks_the_window(client: object) -> None:
    from notify_sdk import NotifyClient
    from notify_sdk.errors import ValidationError

    assert isinstance(client, NotifyClient)
    with pytest.raises(ValidationError):
        client.search_sms_results(updated_from=START, updated_to=START + timedelta(days=2))
    with pytest.raises(ValidationError):
        client.search_sms_results(
            updated_from=START, updated_to=START + timedelta(hours=1), message_type="FAX"
        )  # type: ignore[arg-type]


@pytest.mark.parametrize("nested", [False, True])
def test_search_sms_results_reads_both_documented_shapes(client: object, nested: bool) -> None:
    import respx

    from notify_sdk import NotifyClient
    from notify_sdk.tracking import from_sms
    from tests.helpers import SMS_PREFIX

    assert isinstance(client, NotifyClient)
    row = {
        "messageType": "LMS",
        "requestId": "20261124103015aZ3kP9qLwX0",
        "recipientSeq": 1,
        "resultCode": "3018",
        "resultCodeName": "failed",
        "requestDate": "2026-11-24 10:30:15.0",
        "resultDate": "2026-11-24 10:30:19.0",
        "updateDate": "2026-11-24 10:30:19.0",
        "telecomCode": "10001",
        "telecomCodeName": "SKT",
        "senderGroupingKey": "order-58213-ship",
        "recipientGroupingKey": "cust-9917",
    }
    data: object = {"resultUpdateList": [row]} if nested else [row]
    with respx.mock() as mock:
        route = mock.get(f"{SMS_PREFIX}/message-results").respond(
            json={
                "header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"},
                "body": {"pageNum": 1, "pageSize": 15, "totalCount": 1, "data": data},
            }
        )
        (found,) = client.search_sms_results(
            updated_from=START, updated_to=START + timedelta(hours=1)
        )
        params = route.calls[0].request.url.params
    assert params["startUpdateDate"] == "2026-11-24 10:00:00"
    assert params["endUpdateDate"] == "2026-11-24 11:00:00"
    status = from_sms(found)
    assert status.final and status.raw_code == "3018" and status.message_type == "LMS"
    assert status.code is SmsResultCode("3018")
