"""Campaigns in one process: planning, running, the journal and resume.

Every test runs against the emulator and checks what reached each handset
(``assert_each_recipient_got_exactly_one``), not only what the SDK reports.
"""

from __future__ import annotations

import csv
import json
import pickle
import sqlite3
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import attrs
import pytest

from notify_sdk import Recipient, RetryPolicy
from notify_sdk.campaigns import (
    AlimTalk,
    Brand,
    BrandTemplate,
    Campaign,
    CampaignProgress,
    Chunk,
    InvalidRecipient,
    Journal,
    JournalMismatch,
    Sms,
    asend_campaign,
    chunk_from_dict,
    chunk_to_dict,
    run_chunk,
    send_campaign,
)
from notify_sdk.errors import ValidationError
from notify_sdk.testing import DEFAULT_BRAND_TEMPLATE_CODE, DEFAULT_TEMPLATE_CODE, Emulator, faults

FAST = RetryPolicy(initial_delay=0.0, max_delay=0.0, jitter=False, reconcile_wait=0.0)


def numbers(count: int, start: int = 0) -> list[str]:
    return [f"010{i:08d}" for i in range(start, start + count)]


# --- planning -------------------------------------------------------------------------


def test_plan_streams_chunks_with_deterministic_keys_and_row_numbers() -> None:
    campaign = Campaign("dec-ship", Sms("Shipped"), chunk_size=3)
    given = ["01000000001", "bad", "010-0000-0002", "01000000003", "1"]
    items = list(campaign.plan(given))
    chunks = [i for i in items if isinstance(i, Chunk)]
    invalid = [i for i in items if isinstance(i, InvalidRecipient)]
    assert [i.row for i in invalid] == [2, 5]
    assert [c.rows for c in chunks] == [(1, 3, 4)]
    # Plain numbers stay plain (normalised) strings: the builder's bulk path.
    assert chunks[0].recipients == ("01000000001", "01000000002", "01000000003")
    assert chunks[0].grouping_key == "dec-ship.0"
    assert chunks[0].idempotency_key is None  # SMS has none
    again = Campaign("dec-ship", Sms("Shipped"), chunk_size=3, started_at=campaign.started_at)
    assert [i for i in again.plan(given) if isinstance(i, Chunk)] == chunks


def test_plan_keeps_recipients_with_options_and_checks_each_number_once() -> None:
    campaign = Campaign("mixed", Sms("Hi ##name##"), chunk_size=4)
    given: list[object] = [
        *numbers(4),  # a whole clean chunk: checked in one pass
        Recipient("010-1111-2222", params={"name": "Kim"}),
        "+14155550123",
        "01099998888",
        7,  # not a str: refused with its row
        "01077776666",
    ]
    items = list(campaign.plan(given))  # type: ignore[arg-type]
    chunks = [i for i in items if isinstance(i, Chunk)]
    assert chunks[0].recipients == tuple(numbers(4)) and chunks[0].rows == (1, 2, 3, 4)
    assert chunks[1].recipients == (
        Recipient("01011112222", params={"name": "Kim"}),
        "+14155550123",
        "01099998888",
        "01077776666",
    )
    assert chunks[1].rows == (5, 6, 7, 9)
    assert [(i.row, i.number) for i in items if isinstance(i, InvalidRecipient)] == [(8, "7")]
    assert chunk_from_dict(json.loads(json.dumps(chunk_to_dict(chunks[1])))) == chunks[1]


def test_a_clean_chunk_reaches_the_builder_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from notify_sdk._core import params
    from notify_sdk._core.params import recipients

    chunk = next(iter(Campaign("once", Sms("x"), chunk_size=3).plan(numbers(3))))
    assert isinstance(chunk, Chunk) and type(chunk.recipients) is params.CheckedNumbers
    assert pickle.loads(pickle.dumps(chunk)) == chunk
    # The builder's bulk path takes the chunk's numbers without a second pass
    # (and without the per-recipient path): both would fail here.
    from notify_sdk.services.sms import sends

    class NoSecondPass:
        def fullmatch(self, text: str) -> object:
            raise AssertionError("the numbers were checked again")

    def per_recipient(*args: object, **kwargs: object) -> object:
        raise AssertionError("the per-recipient path was taken")

    monkeypatch.setattr(recipients, "_PLAIN_NUMBERS", NoSecondPass())
    monkeypatch.setattr(sends, "normalize_recipients", per_recipient)
    emulator = Emulator()
    with emulator.client(retry=FAST) as client:
        assert run_chunk(client, chunk).counts["accepted"] == 3
    emulator.assert_each_recipient_got_exactly_one(numbers(3))


def test_a_chunk_result_maps_refused_rows_to_their_input_rows() -> None:
    emulator = Emulator()
    # "12345" passes the SDK's shape check; the API refuses it (-2019).
    given = ["bad", *numbers(2), "12345", *numbers(2, start=5)]
    chunk = next(i for i in Campaign("rows", Sms("x")).plan(given) if isinstance(i, Chunk))
    with emulator.client(retry=FAST) as client:
        result = run_chunk(client, chunk)
    assert result.counts["accepted"] == 4 and result.counts["refused"] == 1
    assert [(f.row, f.number, f.outcome, f.code) for f in result.failures] == [
        (4, "12345", "refused", "-2019")
    ]


def test_plan_is_lazy_and_chunk_size_is_bounded() -> None:
    def endless() -> object:
        i = 0
        while True:
            yield f"010{i:08d}"
            i += 1

    plan = Campaign("lazy", Sms("x"), chunk_size=1000).plan(endless())  # type: ignore[arg-type]
    first = next(plan)
    assert isinstance(first, Chunk) and first.size == 1000
    with pytest.raises(ValidationError, match="chunk_size"):
        Campaign("big", Sms("x"), chunk_size=1001)
    with pytest.raises(ValidationError, match="campaign_id"):
        Campaign("x" * 65, Sms("x"))


def test_kakao_keys_are_deterministic_and_distinct_per_chunk() -> None:
    started = datetime(2026, 12, 3, tzinfo=timezone.utc)
    a = Campaign("k", AlimTalk(DEFAULT_TEMPLATE_CODE), chunk_size=1, started_at=started)
    b = Campaign("k", AlimTalk(DEFAULT_TEMPLATE_CODE), chunk_size=1, started_at=started)
    keys_a = [c.idempotency_key for c in a.plan(numbers(3)) if isinstance(c, Chunk)]
    keys_b = [c.idempotency_key for c in b.plan(numbers(3)) if isinstance(c, Chunk)]
    assert keys_a == keys_b and len(set(keys_a)) == 3
    other = Campaign("k", AlimTalk("OTHER"), chunk_size=1, started_at=started)
    assert next(iter(other.plan(numbers(1)))).idempotency_key != keys_a[0]  # type: ignore[union-attr]


def test_chunk_is_picklable_and_has_a_json_form() -> None:
    campaign = Campaign("pick", AlimTalk(DEFAULT_TEMPLATE_CODE, params={"name": "Kim"}))
    chunk = next(iter(campaign.plan([Recipient("01012345678", params={"name": "Lee"})])))
    assert isinstance(chunk, Chunk)
    assert pickle.loads(pickle.dumps(chunk)) == chunk
    assert chunk_from_dict(json.loads(json.dumps(chunk_to_dict(chunk)))) == chunk


async def test_aplan_takes_an_async_iterable() -> None:
    async def source() -> object:
        for number in ["01000000001", "nope", "01000000002"]:
            yield number

    campaign = Campaign("async-plan", Sms("x"))
    items = [i async for i in campaign.aplan(source())]  # type: ignore[arg-type]
    assert [type(i).__name__ for i in items] == ["InvalidRecipient", "Chunk"]
    assert items[1].rows == (1, 3)  # type: ignore[union-attr]


# --- running ---------------------------------------------------------------------------


def test_ten_thousand_with_37_invalid(tmp_path: Path) -> None:
    emulator = Emulator()
    good = numbers(9963)
    rows: list[str] = []
    bad_rows = set()
    bad_iter = iter(range(37))
    for i, number in enumerate(good):
        rows.append(number)
        if i % 269 == 0 and next(bad_iter, None) is not None:
            rows.append(f"not-a-number-{i}")
            bad_rows.add(len(rows))
    assert len(rows) == 10_000 and len(bad_rows) == 37
    seen: list[CampaignProgress] = []
    with emulator.client(retry=FAST) as client:
        result = send_campaign(
            client,
            Campaign("ten-k", Sms("Your parcel is on its way")),
            rows,
            failures=tmp_path / "failed.csv",
            progress=seen.append,
        )
    emulator.assert_each_recipient_got_exactly_one(good)
    assert len(emulator.accepted) == 9963
    assert result.counts["accepted"] == 9963 and result.counts["invalid"] == 37
    assert result.total == 10_000 and result.complete
    assert result.chunks == {"sent": 10} and len(result.request_ids) == 10
    with open(tmp_path / "failed.csv", newline="") as handle:
        reported = list(csv.DictReader(handle))
    assert {int(r["row"]) for r in reported} == bad_rows
    assert all(r["outcome"] == "invalid" for r in reported)
    assert seen[-1].finished and seen[-1].recipients_done == 10_000


async def test_async_runner_alimtalk_with_refused_recipients(tmp_path: Path) -> None:
    emulator = Emulator()
    emulator.set_non_kakao_user("01000000007")
    out = tmp_path / "failed.jsonl"
    async with emulator.async_client(retry=FAST) as client:
        result = await asend_campaign(
            client,
            Campaign("alim", AlimTalk(DEFAULT_TEMPLATE_CODE, params={"name": "Kim"}), chunk_size=4),
            numbers(10),
            failures=out,
            concurrency=3,
        )
    assert result.total == 10 and result.chunks == {"sent": 3}
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert result.counts["accepted"] + result.counts["refused"] == 10
    assert all(line["outcome"] == "refused" for line in lines)
    assert [line["row"] for line in lines] == [8] * len(lines)


@pytest.mark.filterwarnings("ignore:.*night window")
def test_brand_template_campaign() -> None:
    emulator = Emulator()
    with emulator.client(retry=FAST) as client:
        result = send_campaign(
            client,
            Campaign("brand", BrandTemplate(DEFAULT_BRAND_TEMPLATE_CODE, params={"name": "Kim"})),
            numbers(5),
        )
    assert result.counts["accepted"] == 5
    emulator.assert_each_recipient_got_exactly_one(numbers(5))


def test_a_recipient_the_builder_refuses_alone_is_reported_not_the_chunk(tmp_path: Path) -> None:
    emulator = Emulator()
    long_name = "가" * 60  # makes this one recipient's SMS over 90 EUC-KR bytes
    recipients = [Recipient(n, params={"name": "Kim"}) for n in numbers(4)]
    recipients[2] = Recipient(recipients[2].number, params={"name": long_name})
    failed: list[object] = []
    with emulator.client(retry=FAST) as client:
        result = send_campaign(
            client, Campaign("split", Sms("Hi ##name##")), recipients, failures=failed.append
        )
    assert result.counts["accepted"] == 3 and result.counts["invalid"] == 1
    assert [f.row for f in failed] == [3]  # type: ignore[attr-defined]
    emulator.assert_each_recipient_got_exactly_one(
        [r.number for i, r in enumerate(recipients) if i != 2]
    )


def test_a_chunk_run_twice_is_sent_once_even_with_listing_lag() -> None:
    emulator = Emulator(listing_lag=0.3)
    campaign = Campaign("twice", AlimTalk(DEFAULT_TEMPLATE_CODE, params={"name": "Kim"}))
    chunk = next(iter(campaign.plan(numbers(20))))
    assert isinstance(chunk, Chunk)
    with emulator.client(retry=FAST) as client:
        first = run_chunk(client, chunk)
        emulator.advance(11 * 60)  # the idempotency key has expired
        second = run_chunk(client, chunk, may_have_been_sent=True, settle_wait=0.5)
    assert first.state == second.state == "sent"
    assert second.recovered and second.request_id == first.request_id
    emulator.assert_each_recipient_got_exactly_one(numbers(20))


def test_a_chunk_that_never_arrived_is_sent_after_the_lookup() -> None:
    emulator = Emulator()
    chunk = next(iter(Campaign("absent", Sms("x")).plan(numbers(3))))
    assert isinstance(chunk, Chunk)
    with emulator.client(retry=FAST) as client:
        result = run_chunk(client, chunk, may_have_been_sent=True, settle_wait=0.0)
    assert result.state == "sent" and not result.recovered
    emulator.assert_each_recipient_got_exactly_one(numbers(3))


def test_a_chunk_past_its_window_is_never_sent() -> None:
    emulator = Emulator()
    old = datetime.now(timezone.utc) - timedelta(days=2)
    campaign = Campaign("late", Sms("x"), started_at=old, send_window=timedelta(days=1))
    chunk = next(iter(campaign.plan(numbers(2))))
    assert isinstance(chunk, Chunk)
    with emulator.client(retry=FAST) as client:
        result = run_chunk(client, chunk)
    assert result.state == "failed" and result.code == "outside-window"
    assert result.counts["failed"] == 2 and emulator.accepted == ()


def test_ambiguous_failure_stays_in_flight_and_resume_finds_it(tmp_path: Path) -> None:
    emulator = Emulator()
    journal = tmp_path / "c.journal"
    campaign = Campaign("ambig", Sms("x"), chunk_size=5)
    # The answer is lost after the API stored the message, every time: the
    # SDK's own retries cannot tell, so the chunk ends "unknown".
    emulator.inject(faults.timeout_after_accept(), match="sms")
    policy = RetryPolicy.disabled().evolve(on_ambiguous="raise")
    with emulator.client(retry=policy) as client:
        first = send_campaign(client, campaign, numbers(5), journal=journal, retry=policy)
    assert first.counts["unknown"] == 5 and not first.complete
    with Journal(journal) as j:
        assert [r.state for r in j] == ["unknown"]
    emulator.clear_faults()
    with emulator.client(retry=FAST) as client:
        second = send_campaign(client, campaign, numbers(5), journal=journal, settle_wait=0)
    assert second.counts["accepted"] == 5 and second.complete
    emulator.assert_each_recipient_got_exactly_one(numbers(5))


def test_resume_skips_sent_chunks_and_checks_the_campaign(tmp_path: Path) -> None:
    emulator = Emulator()
    journal = tmp_path / "c.journal"
    campaign = Campaign("resume", Sms("x"), chunk_size=10)
    with emulator.client(retry=FAST) as client:
        send_campaign(client, campaign, numbers(25), journal=journal)
        again = send_campaign(client, campaign, numbers(25), journal=journal)
        with pytest.raises(JournalMismatch):
            send_campaign(client, Campaign("resume", Sms("y"), chunk_size=10), [], journal=journal)
    assert again.chunks == {"skipped": 3} and again.counts["accepted"] == 25
    assert len(emulator.accepted) == 25
    with Journal(journal) as j:
        assert j.summary()["accepted"] == 25 and j.meta()["campaign_id"] == "resume"


def test_in_flight_row_is_committed_before_the_send(tmp_path: Path) -> None:
    emulator = Emulator()
    journal = tmp_path / "c.journal"
    states: list[str] = []

    def spy(request: object) -> object:
        # What another process reading the journal sees while the send is on the wire.
        with sqlite3.connect(journal) as db:
            states.extend(row[0] for row in db.execute("SELECT state FROM chunks"))
        return emulator.handler(request)  # type: ignore[arg-type]

    import httpx

    from notify_sdk import NotifyClient

    client = NotifyClient(
        **emulator.client_kwargs(), http_client=httpx.Client(transport=httpx.MockTransport(spy))
    )
    with client:
        send_campaign(client, Campaign("order", Sms("x")), numbers(2), journal=journal)
    assert states == ["in_flight"]


# --- scheduled campaigns ------------------------------------------------------------------


def _later_client(client: object, moment: datetime) -> None:
    # The client's builders and the runner read "now" from here on as ``moment``.
    ctx = client._ctx  # type: ignore[attr-defined]
    client._ctx = attrs.evolve(ctx, clock=lambda: moment)  # type: ignore[attr-defined]


def test_a_scheduled_campaign_carries_its_schedule_in_every_chunk() -> None:
    start = datetime(2026, 12, 3, 1, 0, tzinfo=timezone.utc)
    at = start + timedelta(days=2)
    campaign = Campaign("sched", Sms("x"), chunk_size=2, started_at=start, scheduled_at=at)
    chunks = [c for c in campaign.plan(numbers(5)) if isinstance(c, Chunk)]
    assert [c.scheduled_at for c in chunks] == [at] * 3
    # A request made after the schedule would be refused: the window ends there.
    assert {c.window_end for c in chunks} == {at}
    assert campaign.fingerprint != Campaign("sched", Sms("x"), chunk_size=2).fingerprint
    assert chunk_from_dict(json.loads(json.dumps(chunk_to_dict(chunks[0])))) == chunks[0]
    # A naive schedule is Korea time, as in the send methods.
    naive = Campaign("sched", Sms("x"), started_at=start, scheduled_at=datetime(2026, 12, 4, 9, 0))
    assert naive.scheduled_at == datetime(2026, 12, 4, 0, 0, tzinfo=timezone.utc)
    with pytest.raises(ValidationError, match="scheduled_at"):
        Campaign("sched", Sms("x"), started_at=start, scheduled_at=start - timedelta(minutes=1))


def test_a_scheduled_sms_campaign_sends_every_chunk_for_the_schedule(tmp_path: Path) -> None:
    emulator = Emulator()
    at = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(days=1)
    campaign = Campaign("sched-sms", Sms("Sale tomorrow"), chunk_size=3, scheduled_at=at)
    with emulator.client(retry=FAST) as client:
        result = send_campaign(client, campaign, numbers(7), journal=tmp_path / "s.journal")
    assert result.counts["accepted"] == 7 and result.chunks == {"sent": 3}
    kst = at.astimezone(timezone(timedelta(hours=9))).replace(tzinfo=None)
    assert {m.scheduled_at for m in emulator.accepted} == {kst}
    emulator.assert_each_recipient_got_exactly_one(numbers(7))


@pytest.mark.parametrize("service", ["sms", "alimtalk"])
def test_a_scheduled_chunk_rerun_after_its_schedule_is_found_not_refused(service: str) -> None:
    emulator = Emulator(listing_lag=0.2)
    at = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(hours=2)
    message = (
        Sms("x") if service == "sms" else AlimTalk(DEFAULT_TEMPLATE_CODE, params={"name": "K"})
    )
    campaign = Campaign(f"sched-{service}", message, scheduled_at=at)
    chunk = next(c for c in campaign.plan(numbers(4)) if isinstance(c, Chunk))
    with emulator.client(retry=FAST) as client:
        first = run_chunk(client, chunk)
        # The crash is noticed three hours later: the schedule has passed, a
        # send would be refused, but the lookup must still find the first run.
        emulator.advance(3 * 3600)
        _later_client(client, datetime.now(timezone.utc) + timedelta(hours=3))
        again = run_chunk(client, chunk, may_have_been_sent=True, settle_wait=0.3)
    assert first.state == "sent" and again.state == "sent"
    assert again.recovered and again.request_id == first.request_id
    assert again.counts["accepted"] == 4
    emulator.assert_each_recipient_got_exactly_one(numbers(4))


def test_a_scheduled_chunk_never_sent_before_its_schedule_passed_is_not_sent_late() -> None:
    emulator = Emulator()
    at = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(hours=1)
    chunk = next(iter(Campaign("sched-late", Sms("x"), scheduled_at=at).plan(numbers(2))))
    assert isinstance(chunk, Chunk)
    with emulator.client(retry=FAST) as client:
        _later_client(client, at + timedelta(minutes=5))
        result = run_chunk(client, chunk, may_have_been_sent=True, settle_wait=0.0)
    assert result.state == "failed" and result.code == "outside-window"
    assert emulator.accepted == ()


# --- Brand Message chunks over JSON -------------------------------------------------------


def test_a_brand_message_chunk_has_a_json_form() -> None:
    from notify_sdk.brand import Button, Coupon, TextMessage

    bubble = TextMessage(
        "(광고) Winter sale",
        buttons=[Button.web("Shop", "https://m.shop.example/sale")],
        coupon=Coupon("20% 할인 쿠폰", "Until Sunday", link_mo="https://m.shop.example/c"),
    )
    campaign = Campaign("brand-json", Brand(bubble, targeting="M"))
    chunk = next(iter(campaign.plan(numbers(3))))
    assert isinstance(chunk, Chunk)
    back = chunk_from_dict(json.loads(json.dumps(chunk_to_dict(chunk))))
    assert back == chunk and back.message.message == bubble  # type: ignore[union-attr]


# --- the rate limit -----------------------------------------------------------------------


def test_the_rate_limiter_spaces_slots_evenly() -> None:
    from notify_sdk.campaigns import RateLimiter

    limiter = RateLimiter(100.0)  # one request every 10 ms
    waits = [limiter.reserve() for _ in range(5)]
    assert waits[0] == 0.0
    # Each later slot is 10 ms after the one before, less the time the calls took.
    assert all(0.0 <= b - a <= 0.01 + 1e-9 for a, b in pairwise(waits))
    assert 0.0 < waits[-1] <= 0.04
    assert RateLimiter(None).reserve() == 0.0 and RateLimiter(0).reserve() == 0.0


def test_a_campaign_keeps_to_its_rate_limit() -> None:
    import time

    emulator = Emulator()
    started = time.monotonic()
    with emulator.client(retry=FAST) as client:
        result = send_campaign(
            client, Campaign("rate", Sms("x"), chunk_size=1), numbers(6), rate_limit=50.0
        )
    # Six requests at 50/s: the last one leaves 100 ms after the first, at least.
    assert time.monotonic() - started >= 0.1
    assert result.counts["accepted"] == 6
