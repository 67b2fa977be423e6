"""Reconciliation after ambiguous failures: adopt only this send, report honestly."""

from __future__ import annotations

import pytest

from notify_sdk import NotifyError, RetryPolicy, SendResult
from notify_sdk._retry.reconcile import UNCONFIRMED, ListedRow, recovered_result
from notify_sdk.brand import TextMessage
from notify_sdk.errors import ProtocolError, TransportError, UnknownAPIError
from notify_sdk.testing import Emulator, faults

FAST = RetryPolicy(initial_delay=0.0, max_delay=0.0, jitter=False, reconcile_wait=0.0)


def test_only_a_request_with_this_sends_numbers_is_adopted() -> None:
    rows = [ListedRow("EARLIER", 1, "01011112222"), ListedRow("OURS", 1, "01055550123")]
    result = recovered_result(
        rows, ["01055550123"], service="sms", namespace="sms", grouping_key="k"
    )
    assert result is not None and result.request_id == "OURS"
    assert (
        recovered_result(
            rows[:1], ["01055550123"], service="sms", namespace="sms", grouping_key="k"
        )
        is None
    )


def test_two_matching_requests_cannot_be_told_apart() -> None:
    rows = [ListedRow("A", 1, "01055550123"), ListedRow("B", 1, "01055550123")]
    with pytest.raises(ProtocolError):
        recovered_result(rows, ["01055550123"], service="sms", namespace="sms", grouping_key="k")


def test_unlisted_recipients_are_unconfirmed_not_accepted() -> None:
    rows = [ListedRow("R", 2, "821055550002")]
    result = recovered_result(
        rows,
        ["01055550001", "01055550002"],
        service="alimtalk",
        namespace="kakao",
        grouping_key="k",
        idempotency_key="key",
    )
    assert result is not None and not result.ok
    first, second = result.recipients
    assert (first.seq, first.result_code) == (1, UNCONFIRMED)
    assert isinstance(first.error, UnknownAPIError)
    assert (second.seq, second.result_code) == (2, 0)
    assert result.idempotency_key == "key"


@pytest.mark.parametrize("service", ["sms", "brand"])
def test_reused_caller_key_never_adopts_an_earlier_send(service: str) -> None:
    emulator = Emulator()
    with emulator.client(retry=FAST) as client:

        def send(number: str) -> SendResult:
            if service == "sms":
                return client.send_sms(number, "hello", sender_grouping_key="campaign-7")
            return client.send_brand_message(
                number, TextMessage(content="(광고) hello"), sender_grouping_key="campaign-7"
            )

        first = send("01055550001")
        emulator.inject(faults.timeout_before_accept(), times=1, match=service)
        second = send("01055550002")
    assert second.request_id != first.request_id
    assert [r.number for r in second.recipients] == ["01055550002"]
    emulator.assert_each_recipient_got_exactly_one(["01055550001", "01055550002"])


def test_recovered_send_keeps_refused_recipients_visible() -> None:
    emulator = Emulator()
    emulator.add_opt_out_080("0801234567", recipients=["01055550002"])
    with emulator.client(retry=FAST) as client:
        emulator.inject(faults.timeout_after_accept(), times=1, match="sms")
        result = client.send_ad_sms(
            ["01055550001", "01055550002"], "(광고) sale\n무료수신거부 0801234567"
        )
    assert result.recovered
    assert [r.result_code == 0 for r in result.recipients] == [True, False]
    assert not result.ok and result.failed[0].number == "01055550002"


def test_lookup_that_cannot_decide_is_reported_ambiguous() -> None:
    emulator = Emulator()
    with emulator.client(retry=FAST) as client:
        # Same number, same text, same caller key: the listing cannot tell them apart.
        client.send_sms("01055550001", "hello", sender_grouping_key="dup")
        client.send_sms("01055550001", "hello", sender_grouping_key="dup")
        emulator.inject(faults.timeout_before_accept(), times=1, match="sms")
        with pytest.raises(NotifyError) as info:
            client.send_sms("01055550001", "hello", sender_grouping_key="dup")
    assert isinstance(info.value, TransportError) and info.value.ambiguous
    assert len(emulator.messages_to("01055550001")) == 2


@pytest.mark.parametrize("kind", ["sms", "alimtalk"])
def test_reused_key_to_the_same_number_never_adopts_the_earlier_text(kind: str) -> None:
    emulator = Emulator()
    emulator.add_template(emulator.sender_key or "", "OTHER", "Other #{name}", approved=True)
    with emulator.client(retry=FAST) as client:

        def send(text: str, template: str) -> SendResult:
            if kind == "sms":
                return client.send_sms("01055550001", text, sender_grouping_key="otp")
            return client.send_alimtalk(
                "01055550001", template, params={"name": "Kim"}, sender_grouping_key="otp"
            )

        first = send("code 111111", "WELCOME")
        emulator.inject(faults.timeout_before_accept(), times=1, match=kind)
        second = send("code 222222", "OTHER")
    assert second.request_id != first.request_id and not second.recovered
    assert len(emulator.messages_to("01055550001", service=kind)) == 2


def test_markers_decide_between_requests() -> None:
    rows = [
        ListedRow("EARLIER", 1, "01055550001", marker="code 111111"),
        ListedRow("OURS", 1, "01055550001", marker="code  222222"),
    ]
    found = recovered_result(
        rows,
        ["01055550001"],
        service="sms",
        namespace="sms",
        grouping_key="otp",
        markers=["code 222222"],
    )
    assert found is not None and found.request_id == "OURS"
