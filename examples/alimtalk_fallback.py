"""Send an AlimTalk template message with SMS fallback, and see what happened.

KakaoTalk cannot reach everyone (no KakaoTalk account, blocked channel, phone
off for too long). With fallback, the provider resends the message by SMS/LMS
when the KakaoTalk message fails, so the recipient still gets exactly one
message. On the emulator (no NHN_KAKAO_APP_KEY set) one recipient is not a
KakaoTalk user; against the real API set NOTIFY_EXAMPLE_TO and
NOTIFY_EXAMPLE_TEMPLATE (an approved template with a #{name} variable).

    python examples/alimtalk_fallback.py
"""

from __future__ import annotations

import os
import sys

from notify_sdk import NotifyClient, Recipient, SmsFallback
from notify_sdk.errors import APIError, SenderProfileBlocked, TemplateError
from notify_sdk.testing import DEFAULT_TEMPLATE_CODE, Emulator

REAL = bool(os.environ.get("NHN_KAKAO_APP_KEY"))


def main() -> int:
    if REAL and "NOTIFY_EXAMPLE_TO" not in os.environ:
        print("set NOTIFY_EXAMPLE_TO (and NOTIFY_EXAMPLE_TEMPLATE) to run against the real API")
        return 0
    kakao_user = os.environ.get("NOTIFY_EXAMPLE_TO", "010-5555-0201")
    not_on_kakao = "010-5555-0202"
    template = os.environ.get("NOTIFY_EXAMPLE_TEMPLATE", DEFAULT_TEMPLATE_CODE)

    emulator = None if REAL else Emulator()
    if emulator is not None:
        emulator.set_non_kakao_user(not_on_kakao)
    client = emulator.client() if emulator is not None else NotifyClient()
    recipients = [Recipient(kakao_user, params={"name": "Kim"})]
    if emulator is not None:
        recipients.append(Recipient(not_on_kakao, params={"name": "Lee"}))

    with client:
        try:
            result = client.send_alimtalk(
                recipients,
                template,
                # Without content the provider builds the SMS from the AlimTalk
                # text; here we choose a short text of our own.
                fallback=SmsFallback(content="[Shop] Welcome aboard! Your account is ready."),
            ).raise_for_failures()
        except TemplateError as exc:
            print(f"template problem: {exc}")
            return 0
        except SenderProfileBlocked as exc:
            print(f"the sender profile is blocked; nothing can be sent: {exc}")
            return 0
        except APIError as exc:
            print(f"refused: {exc}")
            return 0

        print(
            f"AlimTalk accepted: request {result.request_id}, idempotency key "
            f"{result.idempotency_key}, {len(result.recipients)} recipient(s)"
        )

        # Acceptance is not delivery: ask where each message stands.
        for r in result.recipients:
            assert r.seq is not None and result.request_id is not None
            message = client.get_alimtalk_message(result.request_id, r.seq)
            line = f"  #{r.seq} {message.status} result={message.raw_result_code}"
            if message.fallback is not None and message.fallback.sent:
                sms_request = message.fallback.request_id
                line += f" -> KakaoTalk failed, SMS fallback sent (request {sms_request})"
            print(line)

    if emulator is not None:
        # What reached each handset: one delivered message per person. The
        # fallback recipient's failed AlimTalk is stored too, then its SMS.
        emulator.assert_no_duplicates()
        for number in (kakao_user, not_on_kakao):
            for m in emulator.messages_to(number):
                status = emulator.status_of(m)
                print(f"emulator: {number} {m.service} ({m.endpoint}): {status.state}")
            delivered = [
                m
                for m in emulator.messages_to(number)
                if emulator.status_of(m).state == "DELIVERED"
            ]
            assert len(delivered) == 1, f"{number} got {len(delivered)} delivered messages"
    return 0


if __name__ == "__main__":
    sys.exit(main())
