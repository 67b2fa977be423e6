"""notify_sdk.contrib.django inside a real (small) Django project."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from notify_sdk import RetryPolicy
from notify_sdk.contrib.django import (
    close_clients,
    get_async_client,
    get_client,
    notify_settings,
)
from notify_sdk.contrib.django.testing import emulated
from notify_sdk.errors import TransportError
from notify_sdk.testing import Emulator, faults

from . import settings as project_settings


@pytest.fixture(autouse=True)
def _fresh_clients() -> Any:
    close_clients()
    yield
    close_clients()


def _settings(**changes: Any) -> dict[str, Any]:
    values = dict(project_settings.NOTIFY_SDK)
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return values


def _notify_errors() -> list[Any]:
    return [m for m in run_checks() if m.id and m.id.startswith("notify_sdk.")]


# -- settings and clients ---------------------------------------------------------------------


def test_settings_are_read_into_the_clients_keywords() -> None:
    loaded = notify_settings()
    assert loaded.client_kwargs["sms_sender"] == "0215449876"
    assert loaded.client_kwargs["retry"] == RetryPolicy(
        max_attempts=2, initial_delay=0.0, jitter=False
    )
    assert loaded.services == ("sms",)
    assert loaded.webhook_secret == ("hook-secret-CANARY-77ab",)
    assert "CANARY" not in repr(loaded)


def test_get_client_is_one_client_per_process_until_closed() -> None:
    client = get_client()
    assert get_client() is client
    assert client.retry_policy.max_attempts == 2
    assert "CANARY" not in repr(client)
    close_clients()
    assert client._http.is_closed
    assert get_client() is not client


def test_without_the_emulator_the_project_settings_reach_for_the_network() -> None:
    # Port 9 on loopback refuses: the settings' base URL is really used.
    with pytest.raises(TransportError) as caught:
        get_client().send_sms("01055550123", "hello")
    assert caught.value.attempts == 2


def test_get_async_client_is_one_per_event_loop() -> None:
    with pytest.raises(RuntimeError):
        get_async_client()

    async def twice() -> tuple[object, object]:
        return get_async_client(), get_async_client()

    first, again = asyncio.run(twice())
    assert first is again
    other, _ = asyncio.run(twice())
    assert other is not first


def test_override_settings_rebuilds_the_clients() -> None:
    before = get_client()
    with override_settings(NOTIFY_SDK=_settings(SMS_SENDER="0311112222")):
        assert notify_settings().client_kwargs["sms_sender"] == "0311112222"
        inside = get_client()
        assert inside is not before
    assert notify_settings().client_kwargs["sms_sender"] == "0215449876"
    assert get_client() is not inside


def test_unknown_keys_and_bad_values_are_named() -> None:
    with (
        override_settings(NOTIFY_SDK=_settings(SMS_APPKEY="x")),
        pytest.raises(ImproperlyConfigured, match="SMS_APPKEY"),
    ):
        notify_settings()
    with (
        override_settings(NOTIFY_SDK=_settings(RETRY={"max_attempts": 0})),
        pytest.raises(ImproperlyConfigured, match="RETRY"),
    ):
        notify_settings()
    with (
        override_settings(NOTIFY_SDK=_settings(WEBHOOK_SECRET=["sekrit-3e1", 3])),
        pytest.raises(ImproperlyConfigured, match="WEBHOOK_SECRET") as caught,
    ):
        notify_settings()
    assert "sekrit" not in str(caught.value)


# -- system checks ----------------------------------------------------------------------------


def test_the_project_passes_the_system_checks() -> None:
    assert _notify_errors() == []


def test_missing_credentials_fail_the_system_check(monkeypatch: pytest.MonkeyPatch) -> None:
    with override_settings(NOTIFY_SDK=_settings(SMS_SECRET_KEY=None)):
        errors = _notify_errors()
    assert [e.id for e in errors] == ["notify_sdk.E002"]
    assert "SMS_SECRET_KEY" in errors[0].msg and "NHN_SMS_SECRET_KEY" in errors[0].msg
    # The environment counts, as it does for the client.
    monkeypatch.setenv("NHN_SMS_SECRET_KEY", "from-env")
    with override_settings(NOTIFY_SDK=_settings(SMS_SECRET_KEY=None)):
        assert _notify_errors() == []


def test_services_listed_must_have_credentials() -> None:
    with override_settings(NOTIFY_SDK=_settings(SERVICES=["sms", "kakao"])):
        errors = _notify_errors()
    assert [e.id for e in errors] == ["notify_sdk.E002"]
    assert "KakaoTalk" in errors[0].msg and "KAKAO_APP_KEY" in errors[0].msg


def test_no_settings_at_all_fail_the_check() -> None:
    with override_settings(NOTIFY_SDK=None):
        assert [e.id for e in _notify_errors()] == ["notify_sdk.E002"]


def test_malformed_settings_and_a_handler_without_secret() -> None:
    with override_settings(NOTIFY_SDK=_settings(TIMEOUTS=3)):
        assert [e.id for e in _notify_errors()] == ["notify_sdk.E001"]
    with override_settings(NOTIFY_SDK=_settings(WEBHOOK_SECRET=None)):
        assert [e.id for e in _notify_errors()] == ["notify_sdk.W001"]


# -- the emulator and the outbox --------------------------------------------------------------


def test_a_view_sends_through_the_emulator_and_the_test_reads_the_outbox() -> None:
    with emulated() as notify:
        response = Client().post("/signup/", {"phone": "010-5555-0123"})
        assert response.status_code == 200
        assert response.json()["ok"] is True
        [message] = notify.outbox
    assert message.service == "sms"
    assert message.number == "01055550123"
    assert message.content == "Your code is 482913"
    # The settings' sender is kept (and registered in the emulator).
    assert message.sender == "0215449876"
    assert message.request_id == response.json()["request_id"]


def test_an_async_view_sends_through_the_emulator() -> None:
    with emulated() as notify:
        response = Client().post("/signup-async/", {"phone": "01055550124"})
        assert response.status_code == 200
        assert [m.number for m in notify.outbox] == ["01055550124"]
        notify.clear()
        assert notify.outbox == []


def test_the_emulator_keeps_the_settings_retry_policy() -> None:
    emulator = Emulator()
    emulator.inject(faults.http_status(503), times=1, match="sms")
    with emulated(emulator) as notify:
        result = get_client().send_sms("01055550125", "hi")
        assert result.attempts == 2
        assert len(notify.outbox) == 1


def test_after_the_block_the_real_clients_come_back() -> None:
    with emulated():
        inside = get_client()
    outside = get_client()
    assert outside is not inside
    assert "127.0.0.1:9" in str(outside._config.sms.base_url)


# -- the webhook view -------------------------------------------------------------------------


@pytest.fixture
def received() -> Any:
    from django.dispatch import receiver as connect

    from notify_sdk.contrib.django import webhook_event

    from . import views

    views.HANDLED.clear()
    signalled: list[Any] = []

    @connect(webhook_event)
    def on_event(sender: Any, event: Any, request: Any, **kwargs: Any) -> None:
        signalled.append((event, request.path))

    yield signalled
    webhook_event.disconnect(on_event)
    views.HANDLED.clear()


def _post(body: bytes, headers: Any) -> Any:
    # enforce_csrf_checks: the view must not need a CSRF token.
    return Client(enforce_csrf_checks=True).post(
        "/hooks/notify/", body, content_type="application/json", headers=dict(headers)
    )


URL = "/hooks/notify/"


def test_send_then_the_result_webhook_reaches_the_signal_and_the_handler(received: Any) -> None:
    from notify_sdk.webhooks import SmsResultUpdate

    from . import views

    with emulated() as notify:
        Client().post("/signup/", {"phone": "01055550123"})
        [message] = notify.outbox
        dispatcher = notify.webhooks(URL, client=Client(enforce_csrf_checks=True))
        posts = dispatcher.collect()
        # The provider repeating the POST is answered 200 and handed on once.
        assert dispatcher.deliver(posts + posts) == [200, 200]
    [(event, path)] = received
    assert path == URL
    assert isinstance(event, SmsResultUpdate)
    assert event.status.request_id == message.request_id
    assert event.status.final
    assert [event] == views.HANDLED


def test_a_wrong_or_missing_signature_is_refused(received: Any) -> None:
    with emulated() as notify:
        get_client().send_sms("01055550123", "hi")
        [post] = notify.webhooks(URL, secret="not-it").collect()
        assert _post(post.body, post.headers).status_code == 401
        assert _post(post.body, {}).status_code == 401
    assert received == []


def test_a_body_that_is_no_webhook_is_a_400_and_get_is_a_405(received: Any) -> None:
    headers = {"X-Toast-Webhook-Signature": "hook-secret-CANARY-77ab"}
    assert _post(b"<html>", headers).status_code == 400
    assert Client().get(URL).status_code == 405
    assert received == []


def test_a_failing_handler_does_not_fail_the_post(caplog: pytest.LogCaptureFixture) -> None:
    def broken(event: Any) -> None:
        raise RuntimeError("handler down")

    with (
        override_settings(NOTIFY_SDK=_settings(WEBHOOK_HANDLER=broken)),
        emulated() as notify,
    ):
        get_client().send_sms("01055550123", "hi")
        assert notify.webhooks(URL).dispatch() == [200]
    assert "handler down" in caplog.text


def test_a_configured_store_remembers_the_ids() -> None:
    from notify_sdk.webhooks import InMemoryDedupeStore

    store = InMemoryDedupeStore()
    with (
        override_settings(NOTIFY_SDK=_settings(WEBHOOK_STORE=store)),
        emulated() as notify,
    ):
        get_client().send_sms("01055550123", "hi")
        assert notify.webhooks(URL).dispatch() == [200]
    assert len(store) == 2  # the POST's hooksId and the hook's hookId
    by_path = _settings(WEBHOOK_STORE="notify_sdk.webhooks.InMemoryDedupeStore")
    with override_settings(NOTIFY_SDK=by_path):
        assert isinstance(notify_settings().webhook_store, InMemoryDedupeStore)


def test_without_a_secret_the_view_refuses_to_work() -> None:
    with override_settings(NOTIFY_SDK=_settings(WEBHOOK_SECRET=None, WEBHOOK_HANDLER=None)):
        client = Client(raise_request_exception=True)
        with pytest.raises(ImproperlyConfigured, match="WEBHOOK_SECRET"):
            client.post(URL, b"{}", content_type="application/json")
