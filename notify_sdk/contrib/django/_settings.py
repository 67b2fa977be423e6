"""Reading the ``NOTIFY_SDK`` settings dict, once."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from notify_sdk import RetryPolicy
from notify_sdk.webhooks import DedupeStore

__all__ = ["CLIENT_KEYS", "SERVICE_ENV", "NotifySettings", "notify_settings", "reset"]

#: ``NOTIFY_SDK`` keys that are passed to the client, as its keyword arguments.
CLIENT_KEYS = {
    "SMS_APP_KEY": "sms_app_key",
    "SMS_SECRET_KEY": "sms_secret_key",
    "KAKAO_APP_KEY": "kakao_app_key",
    "KAKAO_SECRET_KEY": "kakao_secret_key",
    "SMS_SENDER": "sms_sender",
    "KAKAO_SENDER_KEY": "kakao_sender_key",
    "RETRY": "retry",
    "TIMEOUT": "timeout",
    "SMS_BASE_URL": "sms_base_url",
    "KAKAO_BASE_URL": "kakao_base_url",
}
_OWN_KEYS = {"SERVICES", "WEBHOOK_SECRET", "WEBHOOK_HANDLER", "WEBHOOK_STORE"}

#: For each service: its two credential settings and the environment
#: variables the client falls back to (the client's documented behaviour).
SERVICE_ENV = {
    "sms": (("SMS_APP_KEY", "NHN_SMS_APP_KEY"), ("SMS_SECRET_KEY", "NHN_SMS_SECRET_KEY")),
    "kakao": (
        ("KAKAO_APP_KEY", "NHN_KAKAO_APP_KEY"),
        ("KAKAO_SECRET_KEY", "NHN_KAKAO_SECRET_KEY"),
    ),
}

Handler = Callable[[Any], object]


@attrs.frozen
class NotifySettings:
    """The ``NOTIFY_SDK`` settings, checked and ready to use.

    Attributes:
        client_kwargs: keyword arguments for ``NotifyClient`` /
            ``AsyncNotifyClient`` (secret keys included: never log them).
        services: the services the application uses (``"sms"``, ``"kakao"``);
            the system check requires their credentials. Default: every
            service whose app key is set, or ``("sms",)`` when none is.
        webhook_secret: the accepted ``X-Toast-Webhook-Signature`` values;
            empty when not configured (the webhook view then refuses every POST).
        webhook_handler: called with each webhook event, or ``None``.
        webhook_store: where the webhook view remembers the ids it has seen
            (a :class:`notify_sdk.webhooks.DedupeStore`); ``None``: in memory.
    """

    client_kwargs: Mapping[str, Any] = attrs.field(repr=False)
    services: tuple[str, ...]
    webhook_secret: tuple[str, ...] = attrs.field(repr=False)
    webhook_handler: Handler | None
    webhook_store: DedupeStore | None = None

    def credential(self, key: str, env: str) -> str | None:
        """A credential from the settings, else from the environment, as the client reads it."""
        value = self.client_kwargs.get(CLIENT_KEYS[key])
        if value is None:
            value = os.environ.get(env) or None
        return value if isinstance(value, str) else None


def _retry(value: object) -> RetryPolicy:
    if isinstance(value, RetryPolicy):
        return value
    if isinstance(value, Mapping):
        try:
            return RetryPolicy(**value)
        except (TypeError, ValueError) as exc:
            raise ImproperlyConfigured(
                f"NOTIFY_SDK['RETRY'] is not a valid policy: {exc}"
            ) from None
    raise ImproperlyConfigured(
        "NOTIFY_SDK['RETRY'] must be a notify_sdk.RetryPolicy or a dict of its arguments, "
        f"not {type(value).__name__}"
    )


def _secrets(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        values: Sequence[object] = (value,)
    elif isinstance(value, Sequence):
        values = value
    else:
        values = (value,)
    if not all(isinstance(v, str) and v for v in values):
        # The value itself is never echoed: it is a secret.
        raise ImproperlyConfigured(
            "NOTIFY_SDK['WEBHOOK_SECRET'] must be a non-empty string or a list of them"
        )
    return tuple(str(v) for v in values)


def _imported(value: object, key: str) -> object:
    """``value``, or the object its dotted path names when it is a string."""
    if not isinstance(value, str):
        return value
    try:
        return import_string(value)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"NOTIFY_SDK['{key}'] = {value!r} cannot be imported: {exc}"
        ) from None


def _handler(value: object) -> Handler | None:
    if value is None:
        return None
    value = _imported(value, "WEBHOOK_HANDLER")
    if not callable(value):
        raise ImproperlyConfigured("NOTIFY_SDK['WEBHOOK_HANDLER'] must be a callable or its path")
    handler: Handler = value
    return handler


def _store(value: object) -> DedupeStore | None:
    if value is None:
        return None
    value = _imported(value, "WEBHOOK_STORE")
    if isinstance(value, type) or (callable(value) and not hasattr(value, "add")):
        value = value()
    if not callable(getattr(value, "add", None)):
        raise ImproperlyConfigured(
            "NOTIFY_SDK['WEBHOOK_STORE'] must have an add(key) -> bool method "
            "(see notify_sdk.webhooks.DedupeStore)"
        )
    store: DedupeStore = value  # type: ignore[assignment]
    return store


def _services(value: object, kwargs: Mapping[str, Any]) -> tuple[str, ...]:
    if value is None:
        found = tuple(
            name
            for name, ((key, env), _) in SERVICE_ENV.items()
            if kwargs.get(CLIENT_KEYS[key]) or os.environ.get(env)
        )
        return found or ("sms",)
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, Sequence) or not names or any(n not in SERVICE_ENV for n in names):
        raise ImproperlyConfigured(
            "NOTIFY_SDK['SERVICES'] must list some of 'sms' and 'kakao', e.g. ['sms', 'kakao']"
        )
    return tuple(names)


def load(raw: object) -> NotifySettings:
    """Check a ``NOTIFY_SDK`` value and turn it into :class:`NotifySettings`.

    Raises:
        ImproperlyConfigured: an unknown key or a value of the wrong kind.
    """
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise ImproperlyConfigured(f"NOTIFY_SDK must be a dict, not {type(raw).__name__}")
    unknown = sorted(str(k) for k in raw if k not in CLIENT_KEYS and k not in _OWN_KEYS)
    if unknown:
        known = ", ".join(sorted([*CLIENT_KEYS, *_OWN_KEYS]))
        raise ImproperlyConfigured(
            f"NOTIFY_SDK has unknown keys {', '.join(unknown)}; known keys: {known}"
        )
    kwargs: dict[str, Any] = {}
    for key, name in CLIENT_KEYS.items():
        value = raw.get(key)
        if value is None:
            continue
        kwargs[name] = _retry(value) if key == "RETRY" else value
    return NotifySettings(
        client_kwargs=kwargs,
        services=_services(raw.get("SERVICES"), kwargs),
        webhook_secret=_secrets(raw.get("WEBHOOK_SECRET")),
        webhook_handler=_handler(raw.get("WEBHOOK_HANDLER")),
        webhook_store=_store(raw.get("WEBHOOK_STORE")),
    )


_lock = threading.Lock()
_loaded: NotifySettings | None = None


def notify_settings() -> NotifySettings:
    """The ``NOTIFY_SDK`` settings, read and checked on the first call only.

    Django's ``override_settings(NOTIFY_SDK=...)`` in tests makes the next call
    read them again (and replaces the process-wide clients).

    Raises:
        ImproperlyConfigured: ``NOTIFY_SDK`` has an unknown key or a bad value.
    """
    global _loaded
    loaded = _loaded
    if loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = load(getattr(settings, "NOTIFY_SDK", None))
            loaded = _loaded
    return loaded


def reset() -> None:
    """Forget the settings read so far; the next :func:`notify_settings` reads them again."""
    global _loaded
    with _lock:
        _loaded = None
