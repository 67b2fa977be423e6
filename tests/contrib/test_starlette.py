"""notify_sdk.contrib.starlette with Starlette's TestClient and a FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from notify_sdk import AsyncNotifyClient
from notify_sdk.contrib.starlette import get_notify_client, notify_lifespan, webhook_route
from notify_sdk.delivery import Outcome
from notify_sdk.testing import Emulator, WebhookDispatcher
from notify_sdk.webhooks import SmsResultUpdate

NotifyDep = Annotated[AsyncNotifyClient, Depends(get_notify_client)]


def _fastapi_app(emulator: Emulator) -> FastAPI:
    app = FastAPI(lifespan=notify_lifespan(client_factory=emulator.async_client))

    @app.post("/signup")
    async def signup(phone: str, client: NotifyDep) -> dict[str, Any]:
        result = await client.send_sms(phone, "Your code is 482913")
        return {"request_id": result.request_id, "ok": result.ok}

    return app


def test_fastapi_sends_through_one_client_per_app() -> None:
    emulator = Emulator()
    app = _fastapi_app(emulator)
    with TestClient(app) as http:
        client = app.state.notify_client
        first = http.post("/signup", params={"phone": "01055550123"})
        second = http.post("/signup", params={"phone": "01055550124"})
        assert app.state.notify_client is client
    assert first.status_code == 200 and first.json()["ok"] is True
    assert second.status_code == 200
    assert [m.number for m in emulator.accepted] == ["01055550123", "01055550124"]
    assert emulator.accepted[0].request_id == first.json()["request_id"]
    # Closed at shutdown and no longer on the app.
    assert client._http.is_closed is False  # the emulator's http client is the caller's
    assert not hasattr(app.state, "notify_client")


def test_the_lifespan_closes_a_client_it_built() -> None:
    seen: list[AsyncNotifyClient] = []

    async def endpoint(request: Request) -> JSONResponse:
        seen.append(get_notify_client(request))
        return JSONResponse({})

    app = Starlette(
        routes=[Route("/", endpoint)],
        lifespan=notify_lifespan(sms_app_key="k", sms_secret_key="s"),
    )
    with TestClient(app) as http:
        assert http.get("/").status_code == 200
        assert http.get("/").status_code == 200
    assert len(seen) == 2 and seen[0] is seen[1]
    assert seen[0]._http.is_closed


def test_the_applications_own_lifespan_runs_inside_with_its_state() -> None:
    order: list[str] = []

    @asynccontextmanager
    async def own(app: Any) -> AsyncIterator[dict[str, Any]]:
        order.append("own start")
        yield {"cache": "warm"}
        order.append("own stop")

    async def endpoint(request: Request) -> JSONResponse:
        client = get_notify_client(request)
        return JSONResponse({"cache": request.state.cache, "client": type(client).__name__})

    emulator = Emulator()
    app = Starlette(
        routes=[Route("/", endpoint)],
        lifespan=notify_lifespan(client_factory=emulator.async_client, lifespan=own),
    )
    with TestClient(app) as http:
        assert http.get("/").json() == {"cache": "warm", "client": "AsyncNotifyClient"}
    assert order == ["own start", "own stop"]


def test_without_the_lifespan_the_dependency_says_what_to_do() -> None:
    app = _fastapi_app(Emulator())
    http = TestClient(app, raise_server_exceptions=True)  # not a context manager: no lifespan
    with pytest.raises(RuntimeError, match="lifespan"):
        http.post("/signup", params={"phone": "01055550123"})


def test_factory_and_keywords_are_exclusive() -> None:
    with pytest.raises(TypeError):
        notify_lifespan(client_factory=Emulator().async_client, sms_app_key="k")


# -- the webhook route ------------------------------------------------------------------------

SECRET = "hook-secret-CANARY-4410"


def _webhook_app(emulator: Emulator, handler: Any) -> FastAPI:
    app = _fastapi_app(emulator)
    app.router.routes.append(webhook_route("/hooks/notify", secret=SECRET, handler=handler))
    return app


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_fastapi_sends_and_receives_the_result_webhook(kind: str) -> None:
    received: list[Any] = []
    if kind == "sync":

        def handler(event: Any) -> None:
            received.append(event)

    else:

        async def handler(event: Any) -> None:  # type: ignore[misc]
            received.append(event)

    emulator = Emulator()
    with TestClient(_webhook_app(emulator, handler)) as http:
        sent = http.post("/signup", params={"phone": "01055550123"}).json()
        dispatcher = WebhookDispatcher(emulator, "/hooks/notify", secret=SECRET, http=http)
        posts = dispatcher.collect()
        # A repeated POST is answered and not handed on again.
        assert dispatcher.deliver(posts + posts) == [200, 200]
    [event] = received
    assert isinstance(event, SmsResultUpdate)
    assert event.status.request_id == sent["request_id"]
    assert event.status.outcome is Outcome.DELIVERED


def test_the_webhook_route_refuses_bad_signatures_and_bodies(caplog: Any) -> None:
    received: list[Any] = []
    emulator = Emulator()
    with TestClient(_webhook_app(emulator, received.append)) as http:
        http.post("/signup", params={"phone": "01055550123"})
        guessed = WebhookDispatcher(emulator, "/hooks/notify", secret="guess-83e1", http=http)
        [post] = guessed.collect()
        assert guessed.deliver([post]) == [401]
        assert http.post("/hooks/notify", content=post.body).status_code == 401
        signed = {"X-Toast-Webhook-Signature": SECRET}
        assert http.post("/hooks/notify", content=b"[1,2", headers=signed).status_code == 400
        assert http.get("/hooks/notify").status_code == 405
    assert received == []
    assert SECRET not in caplog.text
    assert "guess-83e1" not in caplog.text


def test_a_failing_handler_is_logged_after_the_answer(caplog: Any) -> None:
    def broken(event: Any) -> None:
        raise RuntimeError("queue down")

    emulator = Emulator()
    with TestClient(_webhook_app(emulator, broken)) as http:
        http.post("/signup", params={"phone": "01055550123"})
        dispatcher = WebhookDispatcher(emulator, "/hooks/notify", secret=SECRET, http=http)
        assert dispatcher.dispatch() == [200]
    assert "queue down" in caplog.text


def test_a_starlette_app_takes_the_route_too() -> None:
    received: list[Any] = []
    emulator = Emulator()
    app = Starlette(
        routes=[webhook_route("/hooks", secret=[SECRET, "old"], handler=received.append)]
    )
    with emulator.client() as client:
        client.send_sms("01055550123", "hi")
    with TestClient(app) as http:
        assert WebhookDispatcher(emulator, "/hooks", secret="old", http=http).dispatch() == [200]
    assert len(received) == 1
