"""A webhook receiver for FastAPI (or plain Starlette) that you can copy.

NHN Cloud POSTs delivery results to a URL you configure in the console, with the
"signature" string you typed there in the X-Toast-Webhook-Signature header. The
route below checks it, answers 200 at once and hands the events to the
application through a queue; a worker keeps the most final status per recipient.
Webhooks can be late, repeated or lost: keep polling (iter_delivery_updates) too.

Run standalone, it serves the app in-process and lets the emulator POST to it:

    python examples/webhook_fastapi.py
"""

from __future__ import annotations

import os
import queue
import warnings

# Recent Starlette versions nag about their httpx-based test client; it is only the demo.
warnings.filterwarnings("ignore", message="Using `httpx` with")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from notify_sdk import Recipient  # noqa: E402
from notify_sdk.errors import WebhookPayloadError, WebhookSignatureError  # noqa: E402
from notify_sdk.testing import Emulator, WebhookDispatcher  # noqa: E402
from notify_sdk.tracking import DeliveryStatus, more_final  # noqa: E402
from notify_sdk.webhooks import KakaoResultUpdate, SmsResultUpdate, WebhookEvent, WebhookReceiver  # noqa: E402

# The console's signature string; during a rotation accept both: secret=[new, old].
SECRET = os.environ.get("NHN_WEBHOOK_SECRET", "example-webhook-secret")
receiver = WebhookReceiver(secret=SECRET)  # de-duplicates hooksId / hookId
events: queue.Queue[WebhookEvent] = queue.Queue()


async def receive(request: Request) -> Response:
    """POST /hooks: verify, de-duplicate, queue, answer at once."""
    try:
        for event in receiver.handle(request.headers, await request.body()):
            events.put(event)
    except WebhookSignatureError:
        return Response(status_code=401)
    except WebhookPayloadError:
        return Response(status_code=400)
    return Response(status_code=200)


# FastAPI: one line. Plain Starlette: a Route. The handler is the same.
app = FastAPI()
app.add_api_route("/hooks", receive, methods=["POST"])
starlette_app = Starlette(routes=[Route("/hooks", receive, methods=["POST"])])


def drain(store: dict[tuple[str, str, int | None], DeliveryStatus]) -> None:
    """The application's worker: keep the most final status per recipient."""
    while not events.empty():
        event = events.get()
        if isinstance(event, (SmsResultUpdate, KakaoResultUpdate)):
            store[event.status.key] = more_final(store.get(event.status.key), event.status)


def main() -> int:
    for name, asgi in (("FastAPI", app), ("Starlette", starlette_app)):
        emulator = Emulator(delivery_delay=5)
        emulator.set_outcome("010-5555-0302", "3001", service="sms")
        store: dict[tuple[str, str, int | None], DeliveryStatus] = {}
        with TestClient(asgi) as http, emulator.client() as client:
            dispatcher = WebhookDispatcher(emulator, "/hooks", secret=SECRET, http=http)
            client.send_sms(["010-5555-0301", "010-5555-0302"], "Your order has shipped")
            client.send_alimtalk(Recipient("010-5555-0301", params={"name": "Kim"}), "WELCOME")
            emulator.advance(10)
            posts = dispatcher.collect()
            print(f"{name}: POST answers {dispatcher.deliver(posts)}")
            print(f"{name}: repeated POSTs answered {dispatcher.deliver(posts)} (dropped)")
            forged = http.post(
                "/hooks", content=posts[0].body, headers={"X-Toast-Webhook-Signature": "guess"}
            )
            print(f"{name}: wrong signature answered {forged.status_code}")
            drain(store)
        for status in store.values():
            print(f"  {status.service} seq {status.seq}: {status.state} ({status.raw_code})")
        print(f"{name}: {len(store)} recipients tracked from webhooks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
