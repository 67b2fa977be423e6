"""What goes over the wire in the benchmarks: keys, request bodies and prebuilt answers.

Shared by the loopback servers (``server.py``, ``nginx.py``) and the measured
cases (``cases.py``) so that both sides agree byte for byte. Other benchmark
scripts import it too: names are added here, never renamed.
"""

from __future__ import annotations

import json
from typing import Any

#: App key of the 1-recipient endpoints; the server answers the 1-recipient envelope.
APP_KEY = "bench"
#: App key of the 1,000-recipient endpoint; the server answers the 1,000-row envelope.
BULK_APP_KEY = "bulk"
#: App key of the 1,000-recipient endpoint whose answer refuses 1 % of the recipients.
MIXED_APP_KEY = "bulkmix"
SECRET = "bench-secret-key"
SENDER = "0212345678"
TO = "01012345678"
BODY = "hello"
BULK_SIZE = 1000
#: Every this many rows of the mixed 1,000-row answer one is refused
#: (``BULK_REFUSED_CODE``), so that the failures of a bulk send are really
#: computed, as in production.
BULK_REFUSED_EVERY = 100
BULK_REFUSED_CODE = -1020
#: A senderGroupingKey of the shape (and length) the SDK mints: raw httpx sends it too.
GROUPING_KEY = "nsdk-" + "0" * 32
#: An idempotency key of the shape the SDK sends on KakaoTalk requests.
IDEMPOTENCY_KEY = "0" * 32
REQUEST_ID = "20240601120000000aBcDeFgH"
HEADERS = {"X-Secret-Key": SECRET, "Content-Type": "application/json;charset=UTF-8"}
KAKAO_HEADERS = {**HEADERS, "X-NC-API-IDEMPOTENCY-KEY": IDEMPOTENCY_KEY}
#: A KakaoTalk sender profile key (40 characters, like the real ones).
SENDER_KEY = "a" * 40
TEMPLATE_CODE = "TPL001"
TEMPLATE_PARAMS = {"name": "Kim", "code": "1234"}

#: URL paths of the sends, per service (``{appkey}`` filled in by ``*_path``).
ALIMTALK_PATH = "/alimtalk/v2.3/appkeys/{appkey}/messages"
BRAND_PATH = "/brand-message/v1.0/appkeys/{appkey}/freestyle-messages"


def send_path(app_key: str) -> str:
    """The SMS send path for ``app_key``."""
    return f"/sms/v3.0/appKeys/{app_key}/sender/sms"


def alimtalk_path(app_key: str = APP_KEY) -> str:
    """The AlimTalk send path for ``app_key``."""
    return ALIMTALK_PATH.format(appkey=app_key)


def brand_path(app_key: str = APP_KEY) -> str:
    """The Brand Message free-form send path for ``app_key``."""
    return BRAND_PATH.format(appkey=app_key)


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


def alimtalk_body(to: str = TO) -> dict[str, Any]:
    """The AlimTalk send body the SDK builds for one recipient of ``TEMPLATE_CODE``."""
    return {
        "senderKey": SENDER_KEY,
        "senderGroupingKey": GROUPING_KEY,
        "templateCode": TEMPLATE_CODE,
        "recipientList": [{"recipientNo": to, "templateParameter": dict(TEMPLATE_PARAMS)}],
    }


def brand_body(to: str = TO) -> dict[str, Any]:
    """The Brand Message body the SDK builds for a one-recipient text bubble."""
    return {
        "senderKey": SENDER_KEY,
        "chatBubbleType": "TEXT",
        "content": BODY,
        "recipientList": [{"recipientNo": to, "targeting": "I"}],
        "senderGroupingKey": GROUPING_KEY,
    }


def _refused(seq: int, refuse: bool) -> bool:
    return refuse and seq % BULK_REFUSED_EVERY == 0


def answer(recipients: list[str], refuse: bool = False) -> bytes:
    """The envelope of an SMS send to ``recipients``, as JSON bytes.

    With ``refuse`` every ``BULK_REFUSED_EVERY``-th recipient is refused.
    """
    rows = [
        {
            "recipientNo": number,
            "resultCode": BULK_REFUSED_CODE if _refused(seq, refuse) else 0,
            "resultMessage": "Invalid recipient" if _refused(seq, refuse) else "SUCCESS",
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


def kakao_answer(recipients: list[str]) -> bytes:
    """The success envelope of a KakaoTalk (AlimTalk or Brand Message) send."""
    rows = [
        {
            "recipientSeq": seq,
            "recipientNo": number,
            "resultCode": 0,
            "resultMessage": "SUCCESS",
            "recipientGroupingKey": None,
        }
        for seq, number in enumerate(recipients, start=1)
    ]
    envelope = {
        "header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "success"},
        "message": {
            "requestId": REQUEST_ID,
            "senderGroupingKey": GROUPING_KEY,
            "sendResults": rows,
        },
    }
    return json.dumps(envelope, separators=(",", ":")).encode()


def single_answer() -> bytes:
    """The 1-recipient SMS answer."""
    return answer([TO])


def bulk_answer() -> bytes:
    """The 1,000-recipient SMS answer, every recipient accepted."""
    return answer(numbers(BULK_SIZE))


def mixed_answer() -> bytes:
    """The 1,000-recipient SMS answer with 1 % of the recipients refused."""
    return answer(numbers(BULK_SIZE), refuse=True)


def kakao_single_answer() -> bytes:
    """The 1-recipient KakaoTalk answer."""
    return kakao_answer([TO])


def fixed_answers() -> dict[str, bytes]:
    """Every fixed answer by the URL path it answers (the app keys filled in)."""
    return {
        send_path(APP_KEY): single_answer(),
        send_path(BULK_APP_KEY): bulk_answer(),
        send_path(MIXED_APP_KEY): mixed_answer(),
        alimtalk_path(APP_KEY): kakao_single_answer(),
        brand_path(APP_KEY): kakao_single_answer(),
    }
