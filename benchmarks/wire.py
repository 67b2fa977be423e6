"""What goes over the wire in the benchmarks: keys, request bodies and prebuilt answers.

Shared by the loopback server (``server.py``) and the measured cases
(``cases.py``) so that both sides agree byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

#: App key of the 1-recipient endpoint; the server answers the 1-recipient envelope.
APP_KEY = "bench"
#: App key of the 1,000-recipient endpoint; the server answers the 1,000-row envelope.
BULK_APP_KEY = "bulk"
SECRET = "bench-secret-key"
SENDER = "0212345678"
TO = "01012345678"
BODY = "hello"
BULK_SIZE = 1000
#: A senderGroupingKey of the shape (and length) the SDK mints: raw httpx sends it too.
GROUPING_KEY = "nsdk-" + "0" * 32
REQUEST_ID = "20240601120000000aBcDeFgH"
HEADERS = {"X-Secret-Key": SECRET, "Content-Type": "application/json;charset=UTF-8"}


def send_path(app_key: str) -> str:
    """The SMS send path for ``app_key``."""
    return f"/sms/v3.0/appKeys/{app_key}/sender/sms"


def numbers(count: int) -> list[str]:
    """``count`` distinct domestic mobile numbers."""
    return [f"0109{i:07d}" for i in range(count)]


def request_body(recipients: list[str]) -> dict[str, Any]:
    """The SMS send body the SDK builds for ``recipients`` (no template, no schedule)."""
    return {
        "body": BODY,
        "sendNo": SENDER,
        "senderGroupingKey": GROUPING_KEY,
        "recipientList": [{"recipientNo": n} for n in recipients],
    }


def answer(recipients: list[str]) -> bytes:
    """The success envelope of an SMS send to ``recipients``, as JSON bytes."""
    rows = [
        {
            "recipientNo": number,
            "resultCode": 0,
            "resultMessage": "SUCCESS",
            "recipientSeq": seq,
            "recipientGroupingKey": f"rg-{seq:06d}",
        }
        for seq, number in enumerate(recipients, start=1)
    ]
    envelope = {
        "header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"},
        "body": {
            "data": {
                "requestId": REQUEST_ID,
                "statusCode": "2",
                "senderGroupingKey": GROUPING_KEY,
                "sendResultList": rows,
            }
        },
    }
    return json.dumps(envelope, separators=(",", ":")).encode()


def single_answer() -> bytes:
    """The 1-recipient answer."""
    return answer([TO])


def bulk_answer() -> bytes:
    """The 1,000-recipient answer."""
    return answer(numbers(BULK_SIZE))
