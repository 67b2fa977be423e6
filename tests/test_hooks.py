"""Hook events: what they carry, what they never carry, and hooks that fail."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from notify_sdk import RecipientResult, RetryPolicy, SendResult
from notify_sdk.errors import AuthenticationError, ServerError
from notify_sdk.hooks import (
    LOG_KEYS,
    GiveUpEvent,
    Hooks,
    HookSet,
    RequestEvent,
    ResponseEvent,
    SuccessEvent,
    log_fields,
    recipients_of,
    service_of,
)
from notify_sdk.testing import Emulator, faults

BODY = {"body": "Your code is 482913", "recipientList": [{"recipientNo": "01055550123"}]}


def _observer(hooks: Hooks, body: object = BODY, parent: Any = None) -> Any:
    return HookSet([hooks]).observe(
        label="send_sms",
        method="POST",
        path="/sms/v3.0/appKeys/{appkey}/sender/sms",
        namespace="sms",
        body=body,
        parent=parent,
    )


def test_services_come_from_the_path() -> None:
    assert service_of("/sms/v3.0/appKeys/{appkey}/sender/sms", "sms") == "sms"
    assert service_of("/alimtalk/v2.3/appkeys/{appkey}/messages", "kakao") == "alimtalk"
    assert service_of("/friendtalk/v2.4/appkeys/{appkey}/messages", "kakao") == "friendtalk"
    assert service_of("/brand-message/v1.0/appkeys/{appkey}/x", "kakao") == "brand"
    assert service_of("elsewhere", "kakao") == "kakao"


def test_recipients_are_counted_and_one_is_masked() -> None:
    assert recipients_of(BODY) == (1, "010****0123")
    two = {"recipientList": [{"recipientNo": "01055550123"}, {"recipientNo": "01055550124"}]}
    assert recipients_of(two) == (2, None)
    assert recipients_of(None) == (None, None)
    assert recipients_of({"recipientList": "odd"}) == (None, None)


def test_a_call_gives_request_response_and_success_events_sharing_its_id() -> None:
    seen: list[Any] = []
    hooks = Hooks(on_request=seen.append, on_response=seen.append, on_success=seen.append)
    observer = _observer(hooks)
    observer.request(1)
    result = SendResult(
        "sms",
        "REQ-1",
        (
            RecipientResult("01055550123", 1, 0),
            RecipientResult("01055550124", 2, -2019),
            RecipientResult("01055550125", 3, -1),
        ),
        attempts=2,
        recovered=True,
    )
    observer.response(1, status_code=200, result_code=0, error=None, elapsed=0.01, result=result)
    observer.success(result, 2)
    request, response, success = seen
    assert isinstance(request, RequestEvent) and isinstance(response, ResponseEvent)
    assert isinstance(success, SuccessEvent)
    assert request.call_id == response.call_id == success.call_id
    assert request.parent_id is None
    assert (request.service, request.operation, request.attempt) == ("sms", "send_sms", 1)
    assert request.recipient == "010****0123" and request.recipient_count == 1
    assert response.ok and response.request_id == "REQ-1" and response.error_type is None
    assert (success.accepted, success.refused, success.unconfirmed) == (1, 1, 1)
    assert success.reconciled and success.retried and success.request_id == "REQ-1"


def test_a_lookup_names_the_call_it_reconciles() -> None:
    seen: list[RequestEvent] = []
    parent = _observer(Hooks(on_request=seen.append))
    child = _observer(Hooks(on_request=seen.append), body=None, parent=parent)
    parent.request(1)
    child.request(1)
    assert seen[1].parent_id == seen[0].call_id != seen[1].call_id
    assert seen[1].recipient_count is None


def test_give_up_carries_the_typed_error() -> None:
    seen: list[GiveUpEvent] = []
    observer = _observer(Hooks(on_give_up=seen.append))
    observer.give_up(ServerError("HTTP 500", service="sms"), 3)
    [event] = seen
    assert event.attempts == 3 and event.error_type == "ServerError"
    assert event.recipient_count == 1 and not event.ambiguous


def test_no_event_carries_the_body_or_the_full_number() -> None:
    seen: list[Any] = []
    hooks = Hooks(
        on_request=seen.append,
        on_response=seen.append,
        on_success=seen.append,
        on_give_up=seen.append,
    )
    observer = _observer(hooks)
    observer.request(1)
    observer.response(1, status_code=500, result_code=None, error=None, elapsed=0.0)
    observer.success(SendResult("sms", "R", (RecipientResult("01055550123", 1, 0),)), 1)
    observer.give_up(ServerError("HTTP 500", service="sms"), 1)
    text = " ".join(repr(e) for e in seen)
    assert "01055550123" not in text and "482913" not in text


def test_a_failing_hook_is_logged_and_the_others_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[Any] = []

    def broken(event: Any) -> None:
        raise RuntimeError("metrics backend down")

    hookset = HookSet([Hooks(on_request=broken), Hooks(on_request=seen.append)])
    observer = hookset.observe(
        label="send_sms", method="POST", path="/sms/x", namespace="sms", body=None
    )
    with caplog.at_level(logging.ERROR, logger="notify_sdk.hooks"):
        observer.request(1)
    assert len(seen) == 1
    assert "metrics backend down" in caplog.text


def test_hooks_must_be_hooks() -> None:
    with pytest.raises(TypeError, match="Hooks"):
        HookSet([lambda e: None])  # type: ignore[list-item]
    assert not HookSet()
    assert HookSet([Hooks()])


def test_log_fields_are_the_stable_keys() -> None:
    fields = log_fields(
        service="sms", operation="send_sms", attempt=2, outcome="ok", request_id="R", body=BODY
    )
    assert fields == {
        "notify.service": "sms",
        "notify.operation": "send_sms",
        "notify.request_id": "R",
        "notify.attempt": 2,
        "notify.outcome": "ok",
        "notify.recipient": "010****0123",
        "notify.recipient_count": 1,
    }


# -- on a client ------------------------------------------------------------------------------

FAST = RetryPolicy(initial_delay=0.0, max_delay=0.0, jitter=False, reconcile_wait=0.0)


class Recorder:
    def __init__(self) -> None:
        self.events: list[Any] = []
        self.hooks = Hooks(
            on_request=self.events.append,
            on_response=self.events.append,
            on_retry=self.events.append,
            on_give_up=self.events.append,
            on_success=self.events.append,
        )

    def kinds(self) -> list[str]:
        return [type(e).__name__ for e in self.events]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def test_a_send_reports_each_step_to_the_hooks(recorder: Recorder) -> None:
    emulator = Emulator()
    emulator.inject(faults.http_status(503), times=1, match="sms")
    with emulator.client(retry=FAST, hooks=recorder.hooks) as client:
        result = client.send_sms("01055550123", "Your code is 482913")
    assert recorder.kinds() == [
        "RequestEvent",
        "ResponseEvent",
        "RetryEvent",
        "RequestEvent",
        "ResponseEvent",
        "SuccessEvent",
    ]
    first, failed, retry, again, answered, success = recorder.events
    assert first.attempt == 1 and again.attempt == 2
    assert failed.status_code == 503 and failed.error_type == "ServerError"
    assert retry.call_id == first.call_id == success.call_id
    assert answered.request_id == result.request_id
    assert success.attempts == 2 and success.accepted == 1 and success.retried


async def test_the_async_client_reports_the_same_steps(recorder: Recorder) -> None:
    emulator = Emulator()
    async with emulator.async_client(retry=FAST, hooks=[recorder.hooks]) as client:
        await client.send_alimtalk("01055550123", "WELCOME", params={"name": "Kim"})
    assert recorder.kinds() == ["RequestEvent", "ResponseEvent", "SuccessEvent"]
    assert recorder.events[0].service == "alimtalk"


def test_lookups_of_an_ambiguous_send_name_their_send(recorder: Recorder) -> None:
    emulator = Emulator()
    emulator.inject(faults.timeout_after_accept(), times=1, match="sms")
    with emulator.client(retry=FAST, hooks=recorder.hooks) as client:
        result = client.send_sms("01055550123", "hi")
    assert result.recovered
    send_id = recorder.events[0].call_id
    lookups = [e for e in recorder.events if getattr(e, "parent_id", None) == send_id]
    assert lookups and all(e.operation != "send_sms" for e in lookups)
    [done] = [e for e in recorder.events if isinstance(e, SuccessEvent) and e.parent_id is None]
    assert done.reconciled and done.call_id == send_id


def test_give_up_ends_a_failed_call(recorder: Recorder) -> None:
    emulator = Emulator()
    with (
        emulator.client(retry=FAST, sms_secret_key="wrong", hooks=recorder.hooks) as client,
        pytest.raises(AuthenticationError),
    ):
        client.send_sms("01055550123", "hi")
    assert recorder.kinds() == ["RequestEvent", "ResponseEvent", "GiveUpEvent"]
    assert recorder.events[-1].attempts == 1


def test_hooks_are_added_and_removed_and_a_broken_one_never_fails_a_send(
    recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: Any) -> None:
        raise RuntimeError("exporter down")

    emulator = Emulator()
    with emulator.client(retry=FAST) as client:
        assert client.hooks == ()
        client.add_hooks(Hooks(on_success=broken))
        client.add_hooks(recorder.hooks)
        assert client.send_sms("01055550123", "hi").ok
        assert "exporter down" in caplog.text
        assert recorder.kinds()[-1] == "SuccessEvent"
        client.remove_hooks(recorder.hooks)
        recorder.events.clear()
        client.send_sms("01055550123", "hi")
        assert recorder.events == []
        with pytest.raises(ValueError):
            client.remove_hooks(recorder.hooks)
    assert len(emulator.accepted) == 2


def test_the_policys_own_on_retry_still_runs_beside_the_hooks(recorder: Recorder) -> None:
    seen: list[Any] = []
    emulator = Emulator()
    emulator.inject(faults.http_status(429), times=1, match="sms")
    policy = FAST.evolve(on_retry=seen.append)
    with emulator.client(retry=policy, hooks=recorder.hooks) as client:
        client.send_sms("01055550123", "hi")
    [event] = seen
    assert event.call_id == recorder.events[0].call_id


def test_every_attempt_log_record_carries_the_stable_keys(
    caplog: pytest.LogCaptureFixture,
) -> None:
    emulator = Emulator()
    emulator.inject(faults.http_status(503), times=1, match="sms")
    with caplog.at_level(logging.DEBUG, logger="notify_sdk"), emulator.client(retry=FAST) as c:
        result = c.send_sms("01055550123", "Your code is 482913")
    records = [r for r in caplog.records if r.name == "notify_sdk"]
    assert len(records) == 2
    for record in records:
        for key in LOG_KEYS:
            assert hasattr(record, key), key
        fields = record.__dict__
        assert fields["notify.service"] == "sms"
        assert fields["notify.operation"] == "send_sms"
        assert fields["notify.recipient"] == "010****0123"
        assert fields["notify.recipient_count"] == 1
    failed, ok = records
    assert (failed.__dict__["notify.attempt"], failed.__dict__["notify.outcome"]) == (1, "failed")
    assert failed.__dict__["notify.request_id"] is None
    assert (ok.__dict__["notify.attempt"], ok.__dict__["notify.outcome"]) == (2, "ok")
    assert ok.__dict__["notify.request_id"] == result.request_id
    text = caplog.text + repr([r.__dict__ for r in records])
    assert "01055550123" not in text and "482913" not in text
