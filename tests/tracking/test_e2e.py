"""End to end on the emulator: webhooks lost, repeated and out of order; polling wins."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from notify_sdk import Recipient, SmsFallback
from notify_sdk.errors import WebhookPayloadError, WebhookSignatureError
from notify_sdk.testing import Emulator, WebhookDispatcher
from notify_sdk.tracking import DeliveryStatus, more_final
from notify_sdk.webhooks import KakaoResultUpdate, SmsResultUpdate, WebhookReceiver

KST = timezone(timedelta(hours=9))
START = datetime(2026, 11, 24, 10, 0, tzinfo=KST)
SECRET = "hook-secret-CANARY"


class App:
    """What an application does: verify, de-duplicate, keep the most final status."""

    def __init__(self, secret: str = SECRET) -> None:
        self.receiver = WebhookReceiver(secret=secret)
        self.store: dict[tuple[str, str, int | None], DeliveryStatus] = {}
        self.events = 0

    def post(self, url: str, headers: Mapping[str, str], body: bytes) -> int:
        try:
            events = self.receiver.handle(headers, body)
        except WebhookSignatureError:
            return 401
        except WebhookPayloadError:
            return 400
        for event in events:
            self.events += 1
            if isinstance(event, (SmsResultUpdate, KakaoResultUpdate)):
                self.keep(event.status)
        return 200

    def keep(self, status: DeliveryStatus) -> None:
        self.store[status.key] = more_final(self.store.get(status.key), status)


def _setup(delay: float = 30) -> tuple[Emulator, App, WebhookDispatcher]:
    emulator = Emulator(clock=lambda: START, delivery_delay=delay)
    app = App()
    return emulator, app, WebhookDispatcher(emulator, "/hooks", secret=SECRET, post=app.post)


def test_results_arrive_once_each_even_when_posts_repeat() -> None:
    emulator, app, dispatcher = _setup()
    emulator.set_outcome("01055550456", "3001", service="sms")
    with emulator.client() as client:
        sent = client.send_sms(["01055550123", "01055550456"], "hello")
    assert dispatcher.collect() == []  # nothing final yet
    emulator.advance(60)
    posts = dispatcher.collect()
    assert len(posts) == 1 and len(posts[0].envelope["hooks"]) == 2
    assert dispatcher.deliver(posts + posts) == [200, 200]
    assert app.events == 2
    ok = app.store[("sms", sent.request_id or "", 1)]
    bad = app.store[("sms", sent.request_id or "", 2)]
    assert ok.final and ok.delivered
    assert bad.final and bad.raw_code == "3001"
    assert dispatcher.collect() == []  # each result is reported once


def test_a_bad_signature_is_refused() -> None:
    emulator, app, _ = _setup()
    wrong = WebhookDispatcher(emulator, "/hooks", secret="not-it", post=app.post)
    with emulator.client() as client:
        client.send_sms("01055550123", "hello")
    emulator.advance(60)
    assert wrong.dispatch() == [401]
    assert app.store == {}


def test_polling_wins_when_the_webhook_never_comes() -> None:
    emulator, app, dispatcher = _setup()
    with emulator.client() as client:
        sent = client.send_sms("01055550123", "hello")
        emulator.advance(60)
        dispatcher.collect()  # the POST is lost on the way
        for status in client.wait_for_delivery(sent, timeout=60, sleep=emulator.advance):
            app.keep(status)
    (status,) = app.store.values()
    assert status.final and status.delivered and status.source == "query"


def test_out_of_order_updates_never_undo_a_final_result() -> None:
    emulator, app, dispatcher = _setup()
    emulator.set_non_kakao_user("01055550456")
    with emulator.client() as client:
        sent = client.send_alimtalk(
            Recipient("01055550456", params={"name": "J"}),
            "WELCOME",
            fallback=SmsFallback(content="Welcome aboard"),
        )
        # Polling settles first: the KakaoTalk failure and its SMS fallback.
        for status in client.wait_for_delivery(sent, timeout=600, sleep=emulator.advance):
            app.keep(status)
    key = ("alimtalk", sent.request_id or "", 1)
    assert app.store[key].final and app.store[key].delivered
    # The webhooks come late, the fallback's SMS hook before the KakaoTalk one.
    posts = dispatcher.collect()
    products = [p.envelope["productName"] for p in posts]
    assert sorted(products) == ["KakaoTalk Bizmessage", "SMS"]
    assert dispatcher.deliver(reversed(posts)) == [200, 200]
    # The KakaoTalk hook has no fallback fields (not final): the polled status stays.
    assert app.store[key].final and app.store[key].source == "query"
    assert app.store[key].fallback is not None
    fallback_key = ("sms", app.store[key].fallback.request_id, 1)  # type: ignore[union-attr]
    assert app.store[fallback_key].delivered


def test_fallback_steps_show_in_queries() -> None:
    emulator, _, _ = _setup(delay=30)
    emulator.set_non_kakao_user("01055550456")
    with emulator.client() as client:
        sent = client.send_alimtalk(
            Recipient("01055550456", params={"name": "J"}), "WELCOME", fallback=True
        )
        seen = []
        for _ in range(4):
            (status,) = client.wait_for_delivery(sent, timeout=0)
            seen.append(
                (status.state.value, status.fallback.raw_status if status.fallback else None)
            )
            emulator.advance(20)
    # pending -> Kakao failed, SMS fallback on its way (RSC03) -> fallback through (RSC04)
    assert seen[0] == ("pending", None)
    assert ("failed", "RSC03") in seen
    assert seen[-1] == ("failed", "RSC04")


@pytest.fixture
def http_receiver() -> Iterator[tuple[str, App]]:
    app = App()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = app.post(self.path, dict(self.headers.items()), body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks", app
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_webhooks_posted_over_loopback_http(http_receiver: tuple[str, App]) -> None:
    url, app = http_receiver
    emulator = Emulator(clock=lambda: START, delivery_delay=5)
    dispatcher = WebhookDispatcher(emulator, url, secret=SECRET)
    with emulator.client() as client:
        sms = client.send_sms("01055550123", "hello")
        kakao = client.send_alimtalk("01055550123", "WELCOME", params={"name": "M"})
    emulator.advance(10)
    assert dispatcher.dispatch() == [200, 200]
    assert app.store[("sms", sms.request_id or "", 1)].delivered
    assert app.store[("alimtalk", kakao.request_id or "", 1)].delivered
