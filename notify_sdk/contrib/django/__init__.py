"""Django integration: settings, process-wide clients, a webhook view, test helpers.

Add the app and one settings dict::

    INSTALLED_APPS = [..., "notify_sdk.contrib.django"]

    NOTIFY_SDK = {
        "SMS_APP_KEY": env("NHN_SMS_APP_KEY"),
        "SMS_SECRET_KEY": env("NHN_SMS_SECRET_KEY"),
        "SMS_SENDER": "0212345678",
        "RETRY": {"max_attempts": 3, "deadline": 10.0},
        "TIMEOUT": 5.0,
        "WEBHOOK_SECRET": env("NHN_WEBHOOK_SECRET"),
    }

then send from any view or task with :func:`get_client` (or
:func:`get_async_client` in async views). The settings are read once, on the
first call; the clients live as long as the process and are closed at exit.
Keys are the client's keyword arguments in upper case (see
:class:`notify_sdk.NotifyClient`) plus ``SERVICES`` (the services whose
credentials the system check requires), ``WEBHOOK_SECRET``,
``WEBHOOK_HANDLER`` and ``WEBHOOK_STORE`` (see
:mod:`notify_sdk.contrib.django.views`); anything left out falls back to the ``NHN_*``
environment variables, as the client does. A system check (``manage.py
check``) fails fast on missing credentials.

Needs the ``django`` extra: ``pip install 'notify-sdk[django]'``.
"""

from __future__ import annotations

try:
    import django  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without Django
    raise ImportError(
        "notify_sdk.contrib.django needs Django: pip install 'notify-sdk[django]'"
    ) from exc

from ._clients import close_clients, get_async_client, get_client
from ._settings import NotifySettings, notify_settings
from .signals import webhook_event

__all__ = [
    "NotifySettings",
    "close_clients",
    "get_async_client",
    "get_client",
    "notify_settings",
    "webhook_event",
]
