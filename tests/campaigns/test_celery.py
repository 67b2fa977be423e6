"""Campaigns on Celery with a real Redis and a real worker process.

The worker's pool process is SIGKILLed while it waits for the answer to a
chunk the emulator already stored; Celery redelivers the task
(``acks_late`` + ``reject_on_worker_lost``), the redelivered run finds the
chunk by its grouping key, and every recipient gets exactly one message.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from notify_sdk.campaigns import AlimTalk, Brand, Campaign, Sms
from notify_sdk.testing import DEFAULT_TEMPLATE_CODE, Emulator
from tests.helpers.campaign import StallingServer, pool_children, redis_server

TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def _start_worker(redis_url: str, client_kwargs: dict[str, object]) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["CAMPAIGN_REDIS_URL"] = redis_url
    env["CAMPAIGN_CLIENT"] = json.dumps(client_kwargs)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "campaign_celery_app", "worker",
         "--pool=prefork", "--concurrency=1", "--loglevel=WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env,
        cwd=TESTS,
    )  # fmt: skip


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@pytest.fixture
def celery_app(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("CAMPAIGN_REDIS_URL", redis_url)
    monkeypatch.setenv("CAMPAIGN_CLIENT", "{}")
    monkeypatch.syspath_prepend(str(TESTS))
    import campaign_celery_app

    app = campaign_celery_app.app
    app.conf.broker_url = redis_url + "/0"
    app.conf.result_backend = redis_url + "/1"
    campaign_celery_app.REDIS_URL = redis_url
    # A fresh Redis per module but a shared one across tests: start clean.
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushall()
    yield campaign_celery_app


def _kill_pool_when_stalled(
    server: StallingServer, worker: subprocess.Popen[bytes], killed: list[int], then: Any
) -> threading.Thread:
    def kill() -> None:
        assert server.stalled.wait(60), "the worker never reached the stalled send"
        children = pool_children(worker.pid)
        assert children, "no pool process to kill"
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        killed.extend(children)
        then()
        server.release.set()

    thread = threading.Thread(target=kill)
    thread.start()
    return thread


@pytest.mark.parametrize("key_expired", [False, True], ids=["redelivered", "after-key-expiry"])
def test_killed_worker_chunk_is_redelivered_and_sent_once(
    celery_app: Any, key_expired: bool
) -> None:
    from notify_sdk.contrib.celery import send_campaign_celery

    emulator = Emulator(listing_lag=0.2)
    numbers = [f"010{i:08d}" for i in range(500)]
    server = StallingServer(emulator, stall_at=2, accept_first=True)
    if key_expired:
        # AlimTalk carries the idempotency key; the redelivery comes after the
        # provider forgot it (Celery on Redis redelivers after an hour), so only
        # the lookup by grouping key can stop a second send.
        message: Any = AlimTalk(DEFAULT_TEMPLATE_CODE, params={"name": "Kim"})
    else:
        message = Sms("Your parcel is on its way")
    campaign = Campaign(f"celery-kill-{key_expired}", message, chunk_size=100)

    def meanwhile() -> None:
        if key_expired:
            emulator.advance(61 * 60)

    with server.serve() as base_url:
        worker = _start_worker(celery_app.REDIS_URL, emulator.client_kwargs(base_url))
        try:
            killed: list[int] = []
            killer = _kill_pool_when_stalled(server, worker, killed, meanwhile)
            result = send_campaign_celery(celery_app.run_chunk_task, campaign, numbers, timeout=60)
            killer.join(5)
        finally:
            _stop(worker)
    assert killed, "the pool process was not killed"
    emulator.assert_each_recipient_got_exactly_one(numbers)
    assert len(emulator.accepted) == 500
    assert result.counts["accepted"] == 500 and result.complete
    assert result.chunks == {"sent": 5} and len(result.request_ids) == 5


def test_redelivery_after_the_idempotency_key_expired_does_not_send_twice(
    celery_app: Any,
) -> None:
    from notify_sdk.contrib.celery import send_campaign_celery

    emulator = Emulator(listing_lag=0.2)
    numbers = [f"010{i:08d}" for i in range(30)]
    campaign = Campaign("celery-late", AlimTalk(DEFAULT_TEMPLATE_CODE, params={"name": "Kim"}))
    with emulator.serve() as base_url:
        worker = _start_worker(celery_app.REDIS_URL, emulator.client_kwargs(base_url))
        try:
            first = send_campaign_celery(celery_app.run_chunk_task, campaign, numbers, timeout=60)
            # An hour later the broker hands the same task out again: the
            # provider has long forgotten the 10-minute idempotency key.
            emulator.advance(61 * 60)
            again = send_campaign_celery(celery_app.run_chunk_task, campaign, numbers, timeout=60)
        finally:
            _stop(worker)
    emulator.assert_each_recipient_got_exactly_one(numbers)
    assert first.counts["accepted"] == again.counts["accepted"] == 30
    assert first.request_ids == again.request_ids


def test_free_form_brand_campaign_goes_over_the_default_json_serializer(celery_app: Any) -> None:
    from notify_sdk.brand import Button, TextMessage
    from notify_sdk.contrib.celery import send_campaign_celery

    # The worker app accepts only JSON (campaign_celery_app): nothing is pickled.
    assert celery_app.app.conf.accept_content == ["json"]
    emulator = Emulator()
    numbers = [f"010{i:08d}" for i in range(12)]
    bubble = TextMessage(
        "(광고) Winter sale: every title 20% off",
        buttons=[Button.web("Shop now", "https://m.shop.example/sale")],
    )
    campaign = Campaign("celery-brand", Brand(bubble), chunk_size=5)
    with emulator.serve() as base_url:
        worker = _start_worker(celery_app.REDIS_URL, emulator.client_kwargs(base_url))
        try:
            result = send_campaign_celery(celery_app.run_chunk_task, campaign, numbers, timeout=60)
        finally:
            _stop(worker)
    assert result.counts["accepted"] == 12 and result.chunks == {"sent": 3}, result
    emulator.assert_each_recipient_got_exactly_one(numbers)
    assert {m.content for m in emulator.accepted} == {bubble.content}
