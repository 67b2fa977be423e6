"""Test helpers: swap the process-wide clients for the in-process emulator.

::

    from notify_sdk.contrib.django.testing import emulated

    def test_signup_sends_a_code(client):
        with emulated() as notify:
            client.post("/signup/", {"phone": "01055550123"})
        assert len(notify.outbox) == 1
        assert notify.outbox[0].number == "01055550123"

Inside the block :func:`~notify_sdk.contrib.django.get_client` and
:func:`~notify_sdk.contrib.django.get_async_client` return clients wired to
a :class:`notify_sdk.testing.Emulator`, as Django's locmem e-mail backend
does for ``mail.outbox``: nothing leaves the process. The settings' retry
policy, timeout, default SMS sender and KakaoTalk sender key are kept (the
sender number and profile are registered in the emulator); credentials and
base URLs are the emulator's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import attrs
from django.test import Client

from notify_sdk import AsyncNotifyClient, NotifyClient
from notify_sdk.testing import AcceptedMessage, Emulator, WebhookDispatcher

from ._clients import install_factories
from ._settings import notify_settings

__all__ = ["EmulatedNotify", "emulated"]

# What the emulator replaces; everything else in NOTIFY_SDK applies as set.
_EMULATOR_OWNED = frozenset(
    {
        "sms_app_key",
        "sms_secret_key",
        "kakao_app_key",
        "kakao_secret_key",
        "sms_base_url",
        "kakao_base_url",
    }
)


@attrs.frozen
class EmulatedNotify:
    """What :func:`emulated` gives the test.

    Attributes:
        emulator: the emulator the clients talk to; inject faults, register
            templates or set delivery outcomes on it.
    """

    emulator: Emulator

    @property
    def outbox(self) -> list[AcceptedMessage]:
        """Every message accepted so far, one entry per recipient, in order.

        Each entry is a :class:`notify_sdk.testing.AcceptedMessage`
        (``service``, ``number``, ``content``, ``template_code``, ``params``...).
        """
        return list(self.emulator.accepted)

    def webhooks(
        self, url: str, *, secret: str | None = None, client: Client | None = None
    ) -> WebhookDispatcher:
        """A dispatcher POSTing the emulator's result updates to the webhook view at ``url``.

        It posts through Django's test client, signed with ``secret`` (default
        the first of ``NOTIFY_SDK['WEBHOOK_SECRET']``)::

            notify.webhooks("/hooks/notify/").dispatch()   # -> [200]

        :meth:`~notify_sdk.testing.WebhookDispatcher.collect` builds the POSTs
        without sending them, to repeat, reorder or lose some.

        Args:
            url: the path the project routes to the webhook view.
            secret: the signature to send.
            client: the ``django.test.Client`` to post with; default a new one.
        """
        if secret is None:
            configured = notify_settings().webhook_secret
            if not configured:
                raise ValueError("NOTIFY_SDK['WEBHOOK_SECRET'] is not set: pass secret=")
            secret = configured[0]
        poster = client if client is not None else Client()

        def post(target: str, headers: Mapping[str, str], body: bytes) -> int:
            extra = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            content_type = headers.get("Content-Type", "application/json")
            response = poster.post(target, body, content_type=content_type, headers=extra)
            return response.status_code

        return WebhookDispatcher(self.emulator, url, secret=secret, post=post)

    def clear(self) -> None:
        """Forget the messages sent so far (the emulator's setup stays)."""
        self.emulator.reset()


def _options(emulator: Emulator) -> dict[str, Any]:
    options = {k: v for k, v in notify_settings().client_kwargs.items() if k not in _EMULATOR_OWNED}
    sender = options.get("sms_sender")
    if isinstance(sender, str):
        emulator.add_sender_number(sender)
    sender_key = options.get("kakao_sender_key")
    if isinstance(sender_key, str):
        emulator.add_sender_profile(sender_key, resend_send_no=sender)
    return options


@contextmanager
def emulated(emulator: Emulator | None = None) -> Iterator[EmulatedNotify]:
    """Route every client of the Django integration to an emulator for the block.

    Args:
        emulator: the emulator to use; a fresh :class:`~notify_sdk.testing.Emulator`
            with its defaults when omitted.

    The clients built inside are closed at the end of the block, and the
    real ones are built again from the settings on the next ``get_client()``.
    """
    target = emulator if emulator is not None else Emulator()
    options = _options(target)

    def sync() -> NotifyClient:
        return target.client(**options)

    def async_() -> AsyncNotifyClient:
        return target.async_client(**options)

    install_factories(sync, async_)
    try:
        yield EmulatedNotify(target)
    finally:
        install_factories(None, None)
