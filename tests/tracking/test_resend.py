"""resend_failed: only temporary failures, under new keys, with reasons for the rest."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from notify_sdk.delivery import KakaoResultCode, Outcome, SmsResultCode
from notify_sdk.errors import ServerError
from notify_sdk.tracking import DeliveryState, DeliveryStatus, plan_resend, resend_failed

KST = timezone(timedelta(hours=9))
AT = datetime(2026, 11, 24, 10, 0, tzinfo=KST)


def _status(seq: int, outcome: Outcome, *, final: bool = True, **kw: object) -> DeliveryStatus:
    state = DeliveryState.DELIVERED if outcome is Outcome.DELIVERED else DeliveryState.FAILED
    if not final:
        state = DeliveryState.PENDING
    return DeliveryStatus(
        service=str(kw.pop("service", "sms")),
        request_id="r1",
        seq=seq,
        number=f"0105555{seq:04d}",
        state=state,
        outcome=outcome,
        final=final,
        updated_at=AT,
        **kw,  # type: ignore[arg-type]
    )


def test_only_temporary_failures_are_resent_each_under_a_new_key() -> None:
    busy = _status(1, Outcome.TEMPORARY_FAILURE, code=SmsResultCode("2003"), raw_code="2003")
    gone = _status(2, Outcome.PERMANENT_FAILURE, code=SmsResultCode("3001"), raw_code="3001")
    ok = _status(3, Outcome.DELIVERED)
    pending = _status(4, Outcome.PENDING, final=False)
    opted = _status(5, Outcome.PERMANENT_FAILURE, raw_code="-6001")
    night = _status(6, Outcome.TIME_WINDOW, raw_code="E919")
    off = _status(7, Outcome.TEMPORARY_FAILURE, raw_code="2003")
    calls: list[tuple[int | None, str]] = []

    def send(status: DeliveryStatus, key: str) -> str:
        calls.append((status.seq, key))
        return f"sent-{status.seq}"

    report = resend_failed([busy, gone, ok, pending, opted, night, off], send)
    assert [seq for seq, _ in calls] == [1, 7]
    keys = [key for _, key in calls]
    assert len(set(keys)) == 2 and all(k.startswith("nsdk-resend-") for k in keys)
    assert all(len(k) <= 100 for k in keys)  # fits senderGroupingKey
    assert [(s.seq, answer) for s, _, answer in report.resent] == [(1, "sent-1"), (7, "sent-7")]
    reasons = {s.status.seq: s.reason for s in report.skipped}
    assert reasons[2].startswith("permanent failure")
    assert reasons[3] == "delivered"
    assert reasons[4].startswith("not final yet")
    assert reasons[5].startswith("opted out")
    assert reasons[6].startswith("refused for the time of day")


def test_fallback_decides_for_kakao() -> None:
    sms_ok = _status(1, Outcome.DELIVERED)
    sms_running = _status(1, Outcome.PENDING, final=False)
    fell_back = _status(
        1,
        Outcome.TEMPORARY_FAILURE,
        service="alimtalk",
        code=KakaoResultCode("1001"),
        fallback=sms_ok,
    )
    running = _status(2, Outcome.TEMPORARY_FAILURE, service="alimtalk", fallback=sms_running)
    resend, skipped = plan_resend([fell_back, running])
    assert resend == ()
    assert {s.status.seq: s.reason for s in skipped} == {
        1: "delivered by its SMS fallback",
        2: "its SMS fallback is still under way",
    }


def test_the_most_final_status_of_a_recipient_decides() -> None:
    early = _status(1, Outcome.PENDING, final=False)
    late = _status(1, Outcome.TEMPORARY_FAILURE)
    resend, skipped = plan_resend([late, early])
    assert [s.seq for s in resend] == [1] and skipped == ()


def test_a_failing_resend_is_reported_and_the_others_go_ahead() -> None:
    first = _status(1, Outcome.TEMPORARY_FAILURE)
    second = _status(2, Outcome.TEMPORARY_FAILURE)

    def send(status: DeliveryStatus, key: str) -> str:
        if status.seq == 1:
            raise ServerError("busy")
        return "ok"

    report = resend_failed([first, second], send, new_key=lambda: "k")
    assert [(s.seq, type(e)) for s, e in report.errors] == [(1, ServerError)]
    assert [(s.seq, k) for s, k, _ in report.resent] == [(2, "k")]
