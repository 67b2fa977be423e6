"""Send Brand Messages (KakaoTalk's successor of FriendTalk) and migrate a FriendTalk send.

Shows a free-form TEXT bubble with a button and a coupon, the same send
riding through a lost answer without being sent twice, the conversion of a
stored FriendTalk request body with friendtalk_to_brand(), and a template
send with per-recipient parameters. On the emulator (no NHN_KAKAO_APP_KEY
set) faults are injected; against the real API set NOTIFY_EXAMPLE_TO and
NOTIFY_EXAMPLE_TEMPLATE (a Brand Message template with a #{name} variable).

    python examples/brand_message.py
"""

from __future__ import annotations

import os
import sys

from notify_sdk import NotifyClient, RetryPolicy
from notify_sdk.brand import BrandRecipient, Button, Coupon, TextMessage, friendtalk_to_brand
from notify_sdk.errors import SenderProfileError, ValidationError
from notify_sdk.testing import DEFAULT_BRAND_TEMPLATE_CODE, Emulator, faults

REAL = bool(os.environ.get("NHN_KAKAO_APP_KEY"))
# Short waits keep the example quick; the retry logic is the default one.
POLICY = RetryPolicy(initial_delay=0.05, max_delay=0.2, reconcile_wait=0.05)


def main() -> int:
    if REAL and "NOTIFY_EXAMPLE_TO" not in os.environ:
        print("set NOTIFY_EXAMPLE_TO (and NOTIFY_EXAMPLE_TEMPLATE) to run against the real API")
        return 0
    first = os.environ.get("NOTIFY_EXAMPLE_TO", "010-5555-0401")
    second = "010-5555-0402"
    template = os.environ.get("NOTIFY_EXAMPLE_TEMPLATE", DEFAULT_BRAND_TEMPLATE_CODE)
    emulator = None if REAL else Emulator()
    client = emulator.client(retry=POLICY) if emulator is not None else NotifyClient(retry=POLICY)
    people = [first] if REAL else [first, second]

    with client:
        # 1. A free-form bubble: the model only has the parts a TEXT bubble allows,
        #    and it is validated before anything is sent.
        message = TextMessage(
            "(광고) Winter sale: every title 20% off this week.",
            buttons=[Button.web("Shop now", "https://m.shop.example/sale")],
            coupon=Coupon("20% 할인 쿠폰", "Until Sunday", link_mo="https://m.shop.example/c"),
        )
        if emulator is not None:
            # The server accepts the send but the answer is lost on the way back.
            emulator.inject(faults.timeout_after_accept(), match="brand")
        try:
            result = client.send_brand_message(people, message, targeting="I")
        except SenderProfileError as exc:
            print(f"sender profile problem: {exc}")
            return 0
        how = " (found again by its senderGroupingKey, not resent)" if result.recovered else ""
        print(
            f"Brand Message accepted: request {result.request_id}, "
            f"{len(result.recipients)} recipient(s), recovered={result.recovered}{how}"
        )

        # 2. Invalid input names the part at fault.
        try:
            client.send_brand_message(first, TextMessage("(광고) " + "x" * 1400))
        except ValidationError as exc:
            print(f"refused before sending: field {exc.field!r}")

        # 3. Migrating: a FriendTalk request body, as an application stored it.
        friendtalk_request = {
            "senderKey": "...",
            "recipientList": [
                {
                    "recipientNo": number,
                    "content": "(광고) New arrivals are in.",
                    "buttons": [
                        {
                            "ordering": 1,
                            "type": "WL",
                            "name": "See them",
                            "linkMo": "https://m.shop.example/new",
                        }
                    ],
                    "isAd": True,
                }
                for number in people
            ],
        }
        for recipients, converted in friendtalk_to_brand(friendtalk_request):
            sent = client.send_brand_message(recipients, converted)
            print(
                f"FriendTalk request converted to a {type(converted).__name__} for "
                f"{len(recipients)} recipient(s): ok={sent.ok}"
            )

        # 4. Per-recipient content goes through a registered template.
        result = client.send_brand_template(
            [
                BrandRecipient(number, params={"name": name})
                for number, name in zip(people, ["Kim", "Lee"][: len(people)], strict=True)
            ],
            template,
        )
        print(f"template send accepted: ok={result.ok}, request {result.request_id}")

    if emulator is not None:
        emulator.assert_no_duplicates()
        for number in people:
            texts = [m.content for m in emulator.messages_to(number, service="brand")]
            print(f"emulator: {number} got {len(texts)} Brand Messages: {texts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
