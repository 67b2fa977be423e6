"""An in-process fake of the NHN Cloud SMS and KakaoTalk Bizmessage APIs for tests.

:class:`Emulator` answers the SMS v3.0, AlimTalk v2.3, FriendTalk v2.4 and
Brand Message v1.0 endpoints in their documented wire format, keeps what it
accepted, and injects faults on demand::

    from notify_sdk.testing import Emulator, faults

    emulator = Emulator()
    emulator.inject(faults.timeout_after_accept(), match="sms")
    with emulator.client() as client:
        client.send_sms("01055550123", "Your code is 123456")
    emulator.assert_no_duplicates()

The pytest fixture ``notify_emulator`` (a fresh :class:`Emulator` per test)
comes with the package's pytest plugin.
"""

from __future__ import annotations

from . import faults
from ._emulator import (
    DEFAULT_BRAND_TEMPLATE_CODE,
    DEFAULT_OPT_OUT_NUMBER,
    DEFAULT_SENDER_KEY,
    DEFAULT_SENDER_NUMBER,
    DEFAULT_TEMPLATE_CODE,
    Emulator,
)
from ._faults import Injection
from ._records import (
    AcceptedMessage,
    AlimTalkTemplate,
    BrandTemplate,
    DeliveryStatus,
    SenderNumber,
    SenderProfile,
)
from ._transport import EmulatorTransport
from ._webhooks import WebhookDispatcher, WebhookPost

__all__ = [
    "DEFAULT_BRAND_TEMPLATE_CODE",
    "DEFAULT_OPT_OUT_NUMBER",
    "DEFAULT_SENDER_KEY",
    "DEFAULT_SENDER_NUMBER",
    "DEFAULT_TEMPLATE_CODE",
    "AcceptedMessage",
    "AlimTalkTemplate",
    "BrandTemplate",
    "DeliveryStatus",
    "Emulator",
    "EmulatorTransport",
    "Injection",
    "SenderNumber",
    "SenderProfile",
    "WebhookDispatcher",
    "WebhookPost",
    "faults",
]
