"""FastAPI and Starlette integration: one client per app, a dependency, a webhook route.

::

    from fastapi import Depends, FastAPI
    from notify_sdk import AsyncNotifyClient
    from notify_sdk.contrib.starlette import get_notify_client, notify_lifespan

    app = FastAPI(lifespan=notify_lifespan(sms_sender="0212345678"))

    @app.post("/signup")
    async def signup(phone: str, client: AsyncNotifyClient = Depends(get_notify_client)):
        result = await client.send_sms(phone, "Your code is 482913")
        return {"request_id": result.request_id}

The lifespan opens one :class:`~notify_sdk.AsyncNotifyClient` when the app
starts (keys from the keyword arguments or the ``NHN_*`` environment
variables) and closes it when the app stops; every request shares it.

:func:`webhook_route` receives the provider's webhooks::

    app.router.routes.append(
        webhook_route("/hooks/notify", secret=os.environ["NHN_WEBHOOK_SECRET"], handler=queue_event)
    )

Needs the ``starlette`` extra (FastAPI brings Starlette):
``pip install 'notify-sdk[starlette]'``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

try:
    from starlette.background import BackgroundTask
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import HTTPConnection, Request
    from starlette.responses import Response
    from starlette.routing import Route
except ImportError as exc:  # pragma: no cover - exercised only without Starlette
    raise ImportError(
        "notify_sdk.contrib.starlette needs Starlette (or FastAPI): "
        "pip install 'notify-sdk[starlette]'"
    ) from exc

import inspect
from collections.abc import Awaitable, Sequence

from notify_sdk import AsyncNotifyClient
from notify_sdk.webhooks import DedupeStore, WebhookEvent, WebhookReceiver

from ._webhooks import deliver, logger, receive

__all__ = ["STATE_KEY", "get_notify_client", "notify_lifespan", "webhook_route"]

#: The name the client is stored under, in the lifespan state
#: (``request.state.notify_client``) and on ``app.state``.
STATE_KEY = "notify_client"

Lifespan = Callable[[Any], AbstractAsyncContextManager[Any]]


def notify_lifespan(
    *,
    client_factory: Callable[[], AsyncNotifyClient] | None = None,
    lifespan: Lifespan | None = None,
    **client_kwargs: Any,
) -> Callable[[Any], AbstractAsyncContextManager[dict[str, Any]]]:
    """A lifespan that opens one ``AsyncNotifyClient`` for the app and closes it at shutdown.

    Pass it as ``FastAPI(lifespan=...)`` or ``Starlette(lifespan=...)``.

    Args:
        client_factory: builds the client (e.g. ``emulator.async_client`` in
            tests); default ``AsyncNotifyClient(**client_kwargs)``.
        lifespan: the application's own lifespan, run inside this one (its
            state is kept, and the client is already open while it runs).
        **client_kwargs: keyword arguments of :class:`~notify_sdk.AsyncNotifyClient`
            (``sms_app_key=``, ``retry=``, ``timeout=``...).

    The client is in the lifespan state (``request.state.notify_client``)
    and on ``app.state.notify_client``; :func:`get_notify_client` finds it.
    """
    if client_factory is not None and client_kwargs:
        raise TypeError("pass either client_factory or client keyword arguments, not both")

    def build() -> AsyncNotifyClient:
        if client_factory is not None:
            return client_factory()
        return AsyncNotifyClient(**client_kwargs)

    @asynccontextmanager
    async def run(app: Any) -> AsyncIterator[dict[str, Any]]:
        client = build()
        state: dict[str, Any] = {STATE_KEY: client}
        app_state = getattr(app, "state", None)
        if app_state is not None:
            setattr(app_state, STATE_KEY, client)
        try:
            if lifespan is None:
                yield state
            else:
                async with lifespan(app) as inner:
                    if isinstance(inner, Mapping):
                        state = {**inner, **state}
                    yield state
        finally:
            if app_state is not None and getattr(app_state, STATE_KEY, None) is client:
                delattr(app_state, STATE_KEY)
            await client.aclose()

    return run


def get_notify_client(request: HTTPConnection) -> AsyncNotifyClient:
    """The app's client; use as a FastAPI dependency (``Depends(get_notify_client)``).

    Works for Starlette endpoints too (``get_notify_client(request)``) and for
    websockets.

    Raises:
        RuntimeError: the app was not started with :func:`notify_lifespan`
            (in tests: use ``with TestClient(app) as client:`` so that the
            lifespan runs).
    """
    client = getattr(request.state, STATE_KEY, None)
    if client is None:
        client = getattr(request.app.state, STATE_KEY, None)
    if not isinstance(client, AsyncNotifyClient):
        raise RuntimeError(
            "no notify-sdk client: start the app with lifespan=notify_lifespan(...) "
            "(TestClient runs the lifespan only when used as a context manager)"
        )
    return client


Handler = Callable[[WebhookEvent], object] | Callable[[WebhookEvent], Awaitable[object]]


def webhook_route(
    path: str,
    *,
    secret: str | Sequence[str],
    handler: Handler,
    store: DedupeStore | None = None,
    name: str | None = "notify_webhook",
) -> Route:
    """A POST route receiving the NHN Cloud webhooks; point the console's webhook URL at it.

    Add it to ``Starlette(routes=[...])`` or ``app.router.routes`` (FastAPI).
    It checks the ``X-Toast-Webhook-Signature`` header in constant time,
    drops POSTs and hooks seen before, answers at once — 200, or 401 for a
    missing or wrong signature, 400 for a body that is not a webhook — and
    then, after the answer is sent, calls ``handler`` with each new event (a
    typed event of :mod:`notify_sdk.webhooks`). An ``async def`` handler is
    awaited; a plain function runs in Starlette's thread pool. An exception
    it raises is logged and the next event goes on.

    Args:
        path: the route's path, e.g. ``"/hooks/notify"``.
        secret: the signature string typed into the console, or a list of
            accepted ones while rotating.
        handler: called with each new event.
        store: where seen ids are remembered (a
            :class:`~notify_sdk.webhooks.DedupeStore`, e.g. Redis-backed
            when several processes receive); default: this process's memory.
        name: the route's name (for ``url_path_for``).

    Raises:
        notify_sdk.errors.ConfigurationError: an empty secret.
    """
    receiver = WebhookReceiver(secret, store=store)
    is_async = inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(
        getattr(handler, "__call__", None)  # noqa: B004 - an async __call__ counts too
    )

    async def run(events: list[WebhookEvent]) -> None:
        if is_async:
            for event in events:
                try:
                    await handler(event)  # type: ignore[misc]
                except Exception:
                    logger.exception("webhook handler %r raised on %r", handler, event)
        else:
            await run_in_threadpool(deliver, handler, events)

    async def endpoint(request: Request) -> Response:
        body = await request.body()
        status, events = receive(receiver, request.headers, body)
        background = BackgroundTask(run, events) if events else None
        return Response(status_code=status, background=background)

    return Route(path, endpoint, methods=["POST"], name=name)
