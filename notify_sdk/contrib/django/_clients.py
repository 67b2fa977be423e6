"""The process-wide clients behind :func:`get_client` and :func:`get_async_client`."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import threading
import weakref
from collections.abc import Callable

from notify_sdk import AsyncNotifyClient, NotifyClient

from ._settings import notify_settings
from ._settings import reset as reset_settings

__all__ = ["close_clients", "get_async_client", "get_client", "install_factories"]

_lock = threading.Lock()
_sync: NotifyClient | None = None
# httpx.AsyncClient belongs to the event loop it first ran on, and Django may
# run async views on more than one loop (one per request under WSGI), so
# there is one async client per loop; it goes away with its loop.
_async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncNotifyClient] = (
    weakref.WeakKeyDictionary()
)
_exit_hook = False

SyncFactory = Callable[[], NotifyClient]
AsyncFactory = Callable[[], AsyncNotifyClient]


def _default_sync() -> NotifyClient:
    return NotifyClient(**notify_settings().client_kwargs)


def _default_async() -> AsyncNotifyClient:
    return AsyncNotifyClient(**notify_settings().client_kwargs)


_factories: tuple[SyncFactory, AsyncFactory] = (_default_sync, _default_async)


def _register_exit_hook() -> None:
    global _exit_hook
    if not _exit_hook:
        atexit.register(close_clients)
        _exit_hook = True


def get_client() -> NotifyClient:
    """The process-wide :class:`~notify_sdk.NotifyClient`, built from ``NOTIFY_SDK``.

    Built on the first call and shared by every thread afterwards (one
    connection pool per process); closed when the process exits. Safe to call
    from views, management commands and worker tasks.

    Raises:
        django.core.exceptions.ImproperlyConfigured: ``NOTIFY_SDK`` is invalid.
        notify_sdk.errors.ConfigurationError: a setting the client rejects.
    """
    global _sync
    client = _sync
    if client is None:
        with _lock:
            if _sync is None:
                _sync = _factories[0]()
                _register_exit_hook()
            client = _sync
    return client


def get_async_client() -> AsyncNotifyClient:
    """The :class:`~notify_sdk.AsyncNotifyClient` of the running event loop.

    Call it inside async code (an async view, an ASGI task). There is one
    client per event loop, built on first use from ``NOTIFY_SDK``; each is
    closed at process exit if its loop still exists.

    Raises:
        RuntimeError: called outside a running event loop.
    """
    loop = asyncio.get_running_loop()
    with _lock:
        client = _async.get(loop)
        if client is None:
            client = _async[loop] = _factories[1]()
            _register_exit_hook()
    return client


def close_clients() -> None:
    """Close every client :func:`get_client` and :func:`get_async_client` made.

    Runs by itself at process exit; call it earlier when a worker shuts down
    cleanly. The next ``get_*`` call builds fresh clients from the settings.
    An async client whose event loop is running (or closed) is dropped
    without waiting: its connections end with their loop.
    """
    global _sync
    with _lock:
        sync, _sync = _sync, None
        pending = list(_async.items())
        _async.clear()
    if sync is not None:
        sync.close()
    for loop, client in pending:
        if not loop.is_closed() and not loop.is_running():
            # A client whose loop cannot run any more has nothing left to close.
            with contextlib.suppress(Exception):
                loop.run_until_complete(client.aclose())


def install_factories(sync: SyncFactory | None, async_: AsyncFactory | None) -> None:
    """Replace how clients are built (the emulator in tests); ``None`` restores the default.

    The clients built so far are closed first.
    """
    global _factories
    close_clients()
    _factories = (sync or _default_sync, async_ or _default_async)


def settings_changed() -> None:
    """``NOTIFY_SDK`` changed (``override_settings``): read it again, rebuild the clients."""
    close_clients()
    reset_settings()
