"""Send an SMS and handle every kind of failure the SDK can report.

Runs against the embedded emulator when NHN_SMS_APP_KEY is not set, so it
needs no account. With real credentials (NHN_SMS_APP_KEY, NHN_SMS_SECRET_KEY,
NHN_SMS_SENDER) set NOTIFY_EXAMPLE_TO to your own phone number.

    python examples/send_sms.py
"""

from __future__ import annotations

import os
import sys

from notify_sdk import NotifyClient, RetryPolicy, SendResult
from notify_sdk.errors import (
    APIError,
    NotifyError,
    PartialSendError,
    RecipientError,
    SenderNumberError,
    TransportError,
    ValidationError,
)
from notify_sdk.testing import Emulator

REAL = bool(os.environ.get("NHN_SMS_APP_KEY"))


def make_client() -> NotifyClient:
    """A client for the real API when credentials are set, else one wired to the emulator."""
    return NotifyClient() if REAL else Emulator().client()


def send_order_notice(client: NotifyClient, numbers: list[str], text: str) -> SendResult | None:
    """What an application would do: send, and turn every outcome into a decision."""
    try:
        return client.send_sms(numbers, text).raise_for_failures()
    except ValidationError as exc:
        # Raised before anything was sent: a bug in the caller, not worth retrying.
        print(f"  invalid input in {exc.field!r}: {exc}")
    except SenderNumberError as exc:
        # The sender number is not registered (or blocked) in the console.
        print(f"  sender number problem [{exc.service} {exc.code}]: {exc.description}")
    except PartialSendError as exc:
        # The request was accepted; some recipients were refused. Do not resend
        # to everyone: the accepted ones already have the message.
        result = exc.result
        assert isinstance(result, SendResult)
        accepted = [r.number for r in result.recipients if r.ok]
        print(f"  accepted for {accepted}; {exc}")
        for error in exc.errors:
            kind = "drop this number" if isinstance(error, RecipientError) else "investigate"
            print(f"    [{error.service} {error.code}] {error.description} -> {kind}")
    except APIError as exc:
        # Any other refusal the API reported, with the code tables' description.
        print(f"  refused by the API [{exc.service} {exc.code}] after {exc.attempts} attempt(s)")
    except TransportError as exc:
        state = "may have been sent" if exc.ambiguous else "was not sent"
        print(f"  network failure, the message {state}: {exc}")
    return None


def main() -> int:
    to = os.environ.get("NOTIFY_EXAMPLE_TO", "010-5555-0101")
    if REAL and "NOTIFY_EXAMPLE_TO" not in os.environ:
        print("set NOTIFY_EXAMPLE_TO to your own number to run this against the real API")
        return 0
    print("mode:", "NHN Cloud" if REAL else "emulator (no credentials set)")

    with make_client() as client:
        print("1. a plain SMS")
        result = send_order_notice(client, [to], "[Shop] Your order #58213 has shipped.")
        if result is not None:
            print(f"  accepted: request {result.request_id}, {result.attempts} attempt(s)")

        print("2. text over 90 EUC-KR bytes is refused before sending (send it as an LMS)")
        send_order_notice(client, [to], "[Shop] " + "배송이 시작되었습니다. " * 5)

        print("3. one invalid recipient among valid ones: a partial failure")
        send_order_notice(client, [to, "0100"], "[Shop] Flash sale starts at noon.")

        print("4. an unregistered sender number")
        try:
            client.send_sms(to, "[Shop] hello", sender="0299998888")
        except SenderNumberError as exc:
            print(f"  SenderNumberError [{exc.service} {exc.code}]: {exc.description}")

    print("5. the network is down (nothing listens on 127.0.0.1:9)")
    unreachable = NotifyClient(
        sms_app_key="app-key",
        sms_secret_key="secret",
        sms_sender="0212345678",
        sms_base_url="http://127.0.0.1:9",
        timeout=2.0,
        retry=RetryPolicy.disabled(),
    )
    with unreachable:
        send_order_notice(unreachable, [to], "[Shop] hello")

    print("6. everything the SDK raises derives from NotifyError")
    try:
        NotifyClient(sms_app_key="", sms_secret_key="").send_sms(to, "hello", sender="0212345678")
    except NotifyError as exc:
        print(f"  {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
