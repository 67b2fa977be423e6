"""A webhook receiver for Flask that you can copy.

The view checks the X-Toast-Webhook-Signature header against the console's
signature string, answers 200 at once and hands the events to the application
through a queue. Repeated POSTs and hooks are dropped (hooksId / hookId). A
webhook may never come: polling (wait_for_delivery / iter_delivery_updates)
settles what it missed.

Run standalone, it drives the view with Flask's test client and the emulator:

    python examples/webhook_flask.py
"""

from __future__ import annotations

import os
import queue
from collections.abc import Mapping

from flask import Flask, request

from notify_sdk.errors import WebhookPayloadError, WebhookSignatureError
from notify_sdk.testing import Emulator, WebhookDispatcher
from notify_sdk.tracking import DeliveryStatus, more_final
from notify_sdk.webhooks import KakaoResultUpdate, SmsResultUpdate, WebhookEvent, WebhookReceiver

SECRET = os.environ.get("NHN_WEBHOOK_SECRET", "example-webhook-secret")
receiver = WebhookReceiver(secret=SECRET)
events: queue.Queue[WebhookEvent] = queue.Queue()

app = Flask(__name__)


@app.post("/hooks")
def hooks() -> tuple[str, int]:
    """POST /hooks: verify, de-duplicate, queue, answer at once."""
    try:
        for event in receiver.handle(request.headers, request.get_data()):
            events.put(event)
    except WebhookSignatureError:
        return "", 401
    except WebhookPayloadError:
        return "", 400
    return "", 200


def main() -> int:
    emulator = Emulator(delivery_delay=5)
    emulator.set_outcome("010-5555-0402", "2003", service="sms")  # handset off
    http = app.test_client()

    def post(url: str, headers: Mapping[str, str], body: bytes) -> int:
        return http.post(url, data=body, headers=dict(headers)).status_code

    dispatcher = WebhookDispatcher(emulator, "/hooks", secret=SECRET, post=post)
    with emulator.client() as client:
        sent = client.send_sms(["010-5555-0401", "010-5555-0402"], "Your code is 482913")
        emulator.advance(10)
        posts = dispatcher.collect()
        print(f"POST answers {dispatcher.deliver(posts)}; again {dispatcher.deliver(posts)}")
        print(f"unsigned POST answered {post('/hooks', {}, posts[0].body)}")
        print(f"not a webhook answered {post('/hooks', posts[0].headers, b'<html>')}")

        store: dict[tuple[str, str, int | None], DeliveryStatus] = {}
        while not events.empty():
            event = events.get()
            if isinstance(event, (SmsResultUpdate, KakaoResultUpdate)):
                store[event.status.key] = more_final(store.get(event.status.key), event.status)
        for status in store.values():
            print(f"seq {status.seq}: {status.state}, resend may help: {status.resend_may_succeed}")
        # The same answer by polling, the source of truth when a webhook is lost.
        polled = client.wait_for_delivery(sent, timeout=0)
        same = all(store[s.key].state is s.state for s in polled)
        print(f"polling agrees with the webhooks: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
