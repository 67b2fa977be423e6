"""Test an application's notification code with the emulator and pytest.

``notify_emulator`` is the fixture of notify-sdk's pytest plugin: a fresh
in-process emulator of the NHN Cloud APIs for each test. The tests below
inject network and server faults and check that, through all the retries,
every customer got exactly one message.

Run it with pytest, or directly:

    python -m pytest examples/test_app_with_emulator.py
    python examples/test_app_with_emulator.py
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from notify_sdk import NotifyClient, Recipient, RetryPolicy
from notify_sdk.errors import NotifyError
from notify_sdk.testing import DEFAULT_TEMPLATE_CODE, Emulator, faults

# --- the application under test ------------------------------------------------------


@dataclass
class Order:
    id: int
    customer: str
    phone: str


def notify_shipped(client: NotifyClient, orders: Sequence[Order]) -> dict[int, str]:
    """Tell each customer their order shipped; return order id -> "sent" / "failed: ...".

    The application takes its client as an argument, so tests can give it one
    wired to the emulator.
    """
    report: dict[int, str] = {}
    for order in orders:
        try:
            result = client.send_alimtalk(
                Recipient(order.phone, params={"name": order.customer}),
                DEFAULT_TEMPLATE_CODE,
                fallback=True,
            )
            result.raise_for_failures()
            report[order.id] = "sent"
        except NotifyError as exc:
            report[order.id] = f"failed: {type(exc).__name__}"
    return report


def send_receipts(client: NotifyClient, orders: Sequence[Order]) -> int:
    """Send one SMS per order; return how many were accepted."""
    accepted = 0
    for order in orders:
        result = client.send_sms(order.phone, f"[Shop] Receipt for order {order.id}")
        accepted += len(result.recipients) - len(result.failed)
    return accepted


# --- the tests -----------------------------------------------------------------------

#: The default retry logic without the waits, so that tests stay fast.
FAST = RetryPolicy(initial_delay=0, max_delay=0, jitter=False, reconcile_wait=0)

ORDERS = [
    Order(1, "Kim", "010-5555-0301"),
    Order(2, "Lee", "010-5555-0302"),
    Order(3, "Park", "010-5555-0303"),
]
PHONES = [o.phone for o in ORDERS]


def test_sms_receipts_survive_faults_without_duplicates(notify_emulator: Emulator) -> None:
    # Order 1: the connection is refused, then the server accepts but the
    # answer is lost. Order 2: a gateway 502 after the message was stored.
    notify_emulator.inject(faults.connect_error(), match="sms")
    notify_emulator.inject(faults.timeout_after_accept(), match="sms")
    with notify_emulator.client(retry=FAST) as client:
        assert send_receipts(client, ORDERS[:1]) == 1
        notify_emulator.inject(faults.server_error_page(502, accepted=True), match="sms")
        assert send_receipts(client, ORDERS[1:]) == 2

    notify_emulator.assert_no_duplicates()
    notify_emulator.assert_each_recipient_got_exactly_one(PHONES)


def test_alimtalk_retries_reuse_the_idempotency_key(notify_emulator: Emulator) -> None:
    notify_emulator.inject(faults.timeout_after_accept(), times=2, match="alimtalk")
    notify_emulator.inject(faults.http_status(429, retry_after=0), match="alimtalk")
    with notify_emulator.client(retry=FAST) as client:
        report = notify_shipped(client, ORDERS)

    assert report == {1: "sent", 2: "sent", 3: "sent"}
    notify_emulator.assert_each_recipient_got_exactly_one(PHONES)
    texts = [m.content for m in notify_emulator.messages_to(ORDERS[0].phone)]
    assert texts == ["Hello Kim, welcome aboard."]


def test_an_outage_is_reported_not_hidden(notify_emulator: Emulator) -> None:
    notify_emulator.inject(faults.http_status(503), times=100, match="alimtalk")
    with notify_emulator.client(retry=FAST.evolve(max_attempts=3)) as client:
        report = notify_shipped(client, ORDERS[:1])

    assert report == {1: "failed: ServerError"}
    assert notify_emulator.accepted == ()


def test_non_kakao_user_gets_the_sms_fallback(notify_emulator: Emulator) -> None:
    notify_emulator.set_non_kakao_user(ORDERS[2].phone)
    with notify_emulator.client(retry=FAST) as client:
        assert notify_shipped(client, ORDERS) == {1: "sent", 2: "sent", 3: "sent"}

    # Order 3's AlimTalk failed on KakaoTalk and the provider sent an SMS instead.
    services = [(m.service, m.endpoint) for m in notify_emulator.messages_to(ORDERS[2].phone)]
    assert services == [("alimtalk", "messages"), ("sms", "fallback")]
    notify_emulator.assert_each_recipient_got_exactly_one(PHONES[:2])


if __name__ == "__main__":
    # -p no:cacheprovider: leave no .pytest_cache behind in examples/.
    sys.exit(
        pytest.main(
            [
                __file__,
                "-q",
                "-p",
                "no:cacheprovider",
                "-W",
                "ignore::pytest.PytestAssertRewriteWarning",
            ]
        )
    )
