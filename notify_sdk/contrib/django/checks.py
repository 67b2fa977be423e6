"""System checks (``manage.py check``, run before ``runserver`` and ``migrate``).

``notify_sdk.E001`` — ``NOTIFY_SDK`` is not a valid settings dict.
``notify_sdk.E002`` — a service the application uses has no app key / secret key.
``notify_sdk.W001`` — a webhook handler is configured without a webhook secret.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.core.exceptions import ImproperlyConfigured

from ._settings import SERVICE_ENV, load

__all__ = ["check_notify_settings"]

_SERVICE_NAMES = {"sms": "SMS", "kakao": "KakaoTalk Bizmessage"}


@register("notify_sdk")
def check_notify_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Fail fast on missing or malformed ``NOTIFY_SDK`` settings."""
    try:
        loaded = load(getattr(django_settings, "NOTIFY_SDK", None))
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="notify_sdk.E001")]
    messages: list[CheckMessage] = []
    for service in loaded.services:
        missing = [
            f"NOTIFY_SDK['{key}'] (or ${env})"
            for key, env in SERVICE_ENV[service]
            if not loaded.credential(key, env)
        ]
        if missing:
            messages.append(
                Error(
                    f"{_SERVICE_NAMES[service]} credentials are missing: {' and '.join(missing)}",
                    hint="Set them in the NOTIFY_SDK setting or the environment, or drop "
                    f"{service!r} from NOTIFY_SDK['SERVICES'].",
                    id="notify_sdk.E002",
                )
            )
    if loaded.webhook_handler is not None and not loaded.webhook_secret:
        messages.append(
            Warning(
                "NOTIFY_SDK['WEBHOOK_HANDLER'] is set but NOTIFY_SDK['WEBHOOK_SECRET'] is not: "
                "the webhook view refuses every POST without a secret",
                hint="Set WEBHOOK_SECRET to the signature string typed into the NHN console.",
                id="notify_sdk.W001",
            )
        )
    return messages
