"""Webhooks: signatures, every documented event, the docs' quirks, de-duplication."""

from __future__ import annotations

import copy
import hmac
import json
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from notify_sdk import webhooks
from notify_sdk.delivery import DlrErrorCode, DlrStatus, KakaoResultCode, Outcome, SmsResultCode
from notify_sdk.errors import (
    ConfigurationError,
    NotifyError,
    WebhookPayloadError,
    WebhookSignatureError,
)
from notify_sdk.tracking import DeliveryState
from notify_sdk.webhooks import (
    InMemoryDedupeStore,
    KakaoResultUpdate,
    KakaoTemplateStatusUpdate,
    SmsConversionBlock,
    SmsDeliveryReceipt,
    SmsResultUpdate,
    SmsUnsubscribe,
    UnknownWebhookEvent,
    WebhookReceiver,
    parse,
)

KST = timezone(timedelta(hours=9))
SECRET = "whsec-CANARY-7d1e"
HEADERS = {"X-Toast-Webhook-Signature": SECRET, "Content-Type": "application/json"}

# webhooks.md 2.1
SMS_RESULT: dict[str, Any] = {
    "hooksId": "20261124103020hk8Qe1Zt0a0",
    "webhookConfigId": "wh-7f3a",
    "productName": "SMS",
    "appKey": "q7Rk2mPzL9sT4vXa",
    "event": "MESSAGE_RESULT_UPDATE",
    "hooks": [
        {
            "hookId": "20261124103020Rj2kM8sYpQ0",
            "senderType": "NORMAL_SMS",
            "requestId": "20261124103015aZ3kP9qLwX0",
            "recipientSeq": 1,
            "requestDate": "2026-11-24T10:30:15",
            "receiveDate": "2026-11-24T10:30:19",
            "sendNo": "0215449876",
            "recipientNo": "01055550123",
            "messageStatus": "COMPLETED",
            "resultCode": "1000",
            "messageCount": 1,
            "senderGroupingKey": "order-58213-ship",
            "recipientGroupingKey": "cust-9917",
            "_links": {
                "self": {
                    "href": "https://sms.api.nhncloudservice.com/sms/v3.0/appKeys/q7Rk2mPzL9sT4vXa/sender/sms/20261124103015aZ3kP9qLwX0?recipientSeq=1"
                }
            },
        }
    ],
}

# webhooks.md 3.1
KAKAO_RESULT: dict[str, Any] = {
    "hooksId": "20261124103019Wm5nB7cDx20",
    "webhookConfigId": "wh-kko-01",
    "productName": "KakaoTalk Bizmessage",
    "appKey": "Hb7QmN2xK4pRt9Lw",
    "event": "MESSAGE_RESULT_UPDATE",
    "hooks": [
        {
            "hookId": "20261124103019Tq1vL4hZs80",
            "kakaoMessageType": "ALIMTALK_NORMAL",
            "requestId": "20261124103015kQ7vZs2NfH0",
            "recipientSeq": 1,
            "requestDate": "2026-11-24 10:30:15",
            "createDate": "2026-11-24 10:30:15",
            "receiveDate": "2026-11-24 10:30:18",
            "recipientNo": "01055550123",
            "resultCode": "1000",
            "senderGroupingKey": "order-58213-ship",
            "recipientGroupingKey": "cust-9917",
            "isAddedChannel": None,
            "_links": {
                "self": {
                    "href": "https://kakaotalk-bizmessage.api.nhncloudservice.com/alimtalk/v2.3/appkeys/Hb7QmN2xK4pRt9Lw/messages/20261124103015kQ7vZs2NfH0/1"
                }
            },
        }
    ],
}

# brand-message.md 13
BRAND_RESULT: dict[str, Any] = {
    "hooksId": "20261127100006Hs2Lw9Qe4t0",
    "webhookConfigId": "wh-kko-01",
    "productName": "KakaoTalk Bizmessage",
    "appKey": "Hb7QmN2xK4pRt9Lw",
    "event": "MESSAGE_RESULT_UPDATE",
    "hooks": [
        {
            "hookId": "20261127100006Gm7Rc1Vb3n0",
            "kakaoMessageType": "BRAND_MESSAGE_NORMAL",
            "requestId": "20261124153012pR4sT6vX8z0",
            "recipientSeq": 2,
            "requestDate": "2026-11-27 10:00:00",
            "createDate": "2026-11-24 15:30:12",
            "receiveDate": "2026-11-27 10:00:05",
            "recipientNo": "01055550456",
            "resultCode": "1000",
            "senderGroupingKey": "winter-list-2611",
            "recipientGroupingKey": "cust-4410",
            "isAddedChannel": True,
            "_links": {"self": {"href": "https://example.invalid/brand"}},
        }
    ],
}


def _body(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope).encode()


def _sms(event: str, hook: dict[str, Any], product: str = "SMS") -> dict[str, Any]:
    return {
        "hooksId": f"hooks-{event}",
        "webhookConfigId": "wh-7f3a",
        "productName": product,
        "appKey": "q7Rk2mPzL9sT4vXa",
        "event": event,
        "hooks": [hook],
    }


# --- signatures ---------------------------------------------------------------------------


def test_good_signature_parses() -> None:
    (event,) = parse(HEADERS, _body(SMS_RESULT), secret=SECRET)
    assert isinstance(event, SmsResultUpdate)


def test_header_lookup_is_case_insensitive_and_accepts_asgi_pairs() -> None:
    lower = {"x-toast-webhook-signature": SECRET}
    assert len(parse(lower, _body(SMS_RESULT), secret=SECRET)) == 1
    pairs = [(b"x-toast-webhook-signature", SECRET.encode())]
    assert len(parse(pairs, _body(SMS_RESULT), secret=SECRET)) == 1


def test_bad_signature_raises_without_leaking_either_value() -> None:
    with pytest.raises(WebhookSignatureError) as info:
        parse({"X-Toast-Webhook-Signature": "guess-LEAK-1234"}, _body(SMS_RESULT), secret=SECRET)
    assert isinstance(info.value, NotifyError)
    assert not info.value.missing
    assert SECRET not in str(info.value) and "LEAK" not in str(info.value)
    assert SECRET not in repr(info.value)


def test_missing_signature_raises() -> None:
    with pytest.raises(WebhookSignatureError) as info:
        parse({}, _body(SMS_RESULT), secret=SECRET)
    assert info.value.missing


def test_rotation_accepts_every_listed_secret() -> None:
    old, new = "old-secret", "new-secret"
    for presented in (old, new):
        events = parse(
            {"X-Toast-Webhook-Signature": presented}, _body(SMS_RESULT), secret=[new, old]
        )
        assert len(events) == 1
    with pytest.raises(WebhookSignatureError):
        parse({"X-Toast-Webhook-Signature": "older"}, _body(SMS_RESULT), secret=[new, old])


def test_comparison_is_constant_time_against_every_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(webhooks.signature.hmac, "compare_digest", spy)
    parse(HEADERS, _body(SMS_RESULT), secret=[SECRET, "second", "third"])
    # Even though the first secret matched, every secret was compared, with compare_digest.
    assert [b for _, b in calls] == [SECRET.encode(), b"second", b"third"]


def test_no_secret_is_refused_unless_insecure() -> None:
    with pytest.raises(ConfigurationError):
        parse(HEADERS, _body(SMS_RESULT), secret=None)
    with pytest.raises(ConfigurationError):
        parse(HEADERS, _body(SMS_RESULT), secret="")
    with pytest.raises(ConfigurationError):
        WebhookReceiver()
    with pytest.raises(ConfigurationError):
        WebhookReceiver(secret=[])
    assert len(parse({}, _body(SMS_RESULT), secret=None, insecure=True)) == 1
    assert len(WebhookReceiver(insecure=True).handle({}, _body(SMS_RESULT))) == 1


def test_receiver_never_shows_its_secret(caplog: pytest.LogCaptureFixture) -> None:
    receiver = WebhookReceiver(secret=SECRET)
    assert SECRET not in repr(receiver)
    with caplog.at_level(logging.DEBUG, logger="notify_sdk"):
        receiver.handle(HEADERS, _body(SMS_RESULT))
        with pytest.raises(WebhookSignatureError):
            receiver.handle({"X-Toast-Webhook-Signature": "nope"}, _body(KAKAO_RESULT))
    assert SECRET not in caplog.text


# --- payloads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"hooks": []}', b'{"event": "X", "hooks": {}}', b"\xff\xfe"],
)
def test_malformed_bodies_are_typed_errors(body: bytes) -> None:
    with pytest.raises(WebhookPayloadError):
        parse(HEADERS, body, secret=SECRET)


def test_a_result_hook_without_request_id_is_a_payload_error() -> None:
    envelope = copy.deepcopy(SMS_RESULT)
    del envelope["hooks"][0]["requestId"]
    with pytest.raises(WebhookPayloadError) as info:
        parse(HEADERS, _body(envelope), secret=SECRET)
    assert info.value.field == "hooks[0].requestId"


def test_console_registration_check_gives_no_event() -> None:
    placeholder = {
        "hooksId": "String",
        "webhookConfigId": "String",
        "productName": "String",
        "appKey": "String",
        "event": "String",
        "hooks": [{"hookId": "String", "requestId": "String", "recipientSeq": "Integer"}],
    }
    assert parse({}, _body(placeholder), secret=SECRET) == []
    assert WebhookReceiver(secret=SECRET).handle({}, json.dumps(placeholder)) == []


# --- SMS events ---------------------------------------------------------------------------


def test_sms_result_update_documented_example() -> None:
    (event,) = parse(HEADERS, _body(SMS_RESULT), secret=SECRET)
    assert isinstance(event, SmsResultUpdate)
    assert event.product == "sms"
    assert event.hooks_id == "20261124103020hk8Qe1Zt0a0"
    assert event.hook_id == "20261124103020Rj2kM8sYpQ0"
    assert event.webhook_config_id == "wh-7f3a"
    assert event.sender_type == "NORMAL_SMS"
    assert event.message_count == 1
    status = event.status
    assert status.key == ("sms", "20261124103015aZ3kP9qLwX0", 1)
    assert status.code is SmsResultCode.SUCCESS
    assert status.final and status.state is DeliveryState.DELIVERED
    assert status.source == "webhook"
    assert status.updated_at == datetime(2026, 11, 24, 10, 30, 19, tzinfo=KST)
    assert "01055550123" not in repr(event)
    assert "q7Rk2mPzL9sT4vXa" not in repr(event)


@pytest.mark.parametrize(
    ("message_status", "code", "state", "outcome"),
    [
        ("COMPLETED", "1000", DeliveryState.DELIVERED, Outcome.DELIVERED),
        ("FAILED", "3018", DeliveryState.FAILED, SmsResultCode("3018").outcome),
        ("FAILED", "E915", DeliveryState.FAILED, SmsResultCode("E915").outcome),
        ("CANCEL", "", DeliveryState.CANCELLED, Outcome.PERMANENT_FAILURE),
        ("DUPLICATED", "", DeliveryState.FAILED, Outcome.DO_NOT_RESEND),
        ("FAILED_AD", "", DeliveryState.FAILED, Outcome.TIME_WINDOW),
    ],
)
def test_sms_result_update_every_status(
    message_status: str, code: str, state: DeliveryState, outcome: Outcome
) -> None:
    envelope = copy.deepcopy(SMS_RESULT)
    envelope["hooks"][0].update(messageStatus=message_status, resultCode=code)
    (event,) = parse(HEADERS, _body(envelope), secret=SECRET)
    assert isinstance(event, SmsResultUpdate)
    assert event.message_status == message_status
    assert event.status.final
    assert event.status.state is state
    assert event.status.outcome is outcome


def test_sms_documented_sample_quirks_are_tolerated() -> None:
    # The sample: productName "Sms", _link instead of _links, recipientGropuingKey,
    # a v2.4 self link, a trailing comma.
    hook = copy.deepcopy(SMS_RESULT["hooks"][0])
    del hook["_links"]
    del hook["recipientGroupingKey"]
    hook["recipientGropuingKey"] = "cust-9917"
    hook["_link"] = {
        "self": {"href": "https://sms.api.nhncloudservice.com/sms/v2.4/appKeys/k/sender/sms/r"}
    }
    text = json.dumps(_sms("MESSAGE_RESULT_UPDATE", hook, product="Sms"))
    (event,) = parse(HEADERS, text, secret=SECRET)
    assert isinstance(event, SmsResultUpdate)
    assert event.product == "sms"
    assert event.status.recipient_grouping_key == "cust-9917"
    assert event.self_url is not None and "/sms/v3.0/" in event.self_url
    trailing = text[:-2] + ",]}"
    with pytest.raises(WebhookPayloadError):
        parse(HEADERS, trailing, secret=SECRET)


def test_sms_unsubscribe() -> None:
    hook = {
        "hookId": "h-unsub",
        "recipientNo": "01055550123",
        "unsubscribeNo": "0801234567",
        "enterpriseName": "Hanbit Books",
        "createdDateTime": "2026-11-24T10:30:15.123+09:00",
    }
    (event,) = parse(HEADERS, _body(_sms("UNSUBSCRIBE", hook)), secret=SECRET)
    assert isinstance(event, SmsUnsubscribe)
    assert event.number == "01055550123"
    assert "01055550123" not in repr(event)
    assert event.unsubscribe_no == "0801234567"
    assert event.created_at is not None and event.created_at.utcoffset() == timedelta(hours=9)


def test_sms_conversion_block() -> None:
    hook = {
        "hookId": "h-block",
        "countryCode": "63",
        "blockedDateTime": "2026-11-24T10:30:15.000+09:00",
    }
    (event,) = parse(HEADERS, _body(_sms("CONVERSION_BLOCK", hook)), secret=SECRET)
    assert isinstance(event, SmsConversionBlock)
    assert event.country_code == "63"
    assert event.blocked_at == datetime(2026, 11, 24, 10, 30, 15, tzinfo=KST)


@pytest.mark.parametrize(
    ("dlr", "error", "final", "outcome"),
    [
        ("DELIVERED", "0", True, Outcome.DELIVERED),
        ("ACCEPTED", "0", False, Outcome.PENDING),
        ("BUFFERED", "0", False, Outcome.PENDING),
        ("EXPIRED", "0", True, Outcome.TEMPORARY_FAILURE),
        ("FAILED", "3", True, DlrErrorCode(3).outcome),
        ("REJECTED", "0", True, Outcome.PERMANENT_FAILURE),
        ("UNKNOWN", "0", True, DlrStatus.UNKNOWN.outcome),
    ],
)
def test_sms_international_delivery_receipt(
    dlr: str, error: str, final: bool, outcome: Outcome
) -> None:
    hook = {
        "hookId": f"h-dlr-{dlr}",
        "requestId": "20261124103015aZ3kP9qLwX0",
        "recipientSeq": 2,
        "dlrStatus": dlr,
        "networkCode": "310260",
        "errorCode": error,
    }
    (event,) = parse(HEADERS, _body(_sms("INTERNATIONAL_DELIVERY_RECEIPT", hook)), secret=SECRET)
    assert isinstance(event, SmsDeliveryReceipt)
    assert event.dlr_status is DlrStatus(dlr)
    assert event.network_code == "310260"
    assert event.status.key == ("sms", "20261124103015aZ3kP9qLwX0", 2)
    assert event.status.final is final
    assert event.status.outcome is outcome


def test_unknown_event_is_kept_raw() -> None:
    (event,) = parse(HEADERS, _body(_sms("SOMETHING_NEW", {"hookId": "x", "a": 1})), secret=SECRET)
    assert isinstance(event, UnknownWebhookEvent)
    assert event.raw["a"] == 1


# --- KakaoTalk events ---------------------------------------------------------------------


def test_kakao_result_update_documented_example() -> None:
    (event,) = parse(HEADERS, _body(KAKAO_RESULT), secret=SECRET)
    assert isinstance(event, KakaoResultUpdate)
    assert event.product == "kakao"
    assert event.kakao_message_type == "ALIMTALK_NORMAL"
    status = event.status
    assert status.service == "alimtalk"
    assert status.code is KakaoResultCode.SUCCESS
    assert status.final and status.delivered
    assert status.updated_at == datetime(2026, 11, 24, 10, 30, 18, tzinfo=KST)
    assert event.self_url is not None and event.self_url.endswith("/1")


@pytest.mark.parametrize(
    ("kind", "service"),
    [
        ("ALIMTALK_NORMAL", "alimtalk"),
        ("ALIMTALK_AUTH", "alimtalk"),
        ("ALIMTALK_MASS", "alimtalk"),
        ("FRIENDTALK_NORMAL", "friendtalk"),
        ("FRIENDTALK_MASS", "friendtalk"),
        ("BRAND_MESSAGE_NORMAL", "brand"),
        ("BRAND_MESSAGE_MASS", "brand"),
    ],
)
def test_kakao_result_update_every_message_type(kind: str, service: str) -> None:
    envelope = copy.deepcopy(KAKAO_RESULT)
    envelope["hooks"][0]["kakaoMessageType"] = kind
    (event,) = parse(HEADERS, _body(envelope), secret=SECRET)
    assert isinstance(event, KakaoResultUpdate)
    assert event.status.service == service
    assert event.status.message_type == kind


def test_kakao_failure_from_a_webhook_is_not_final_until_the_fallback_is_known() -> None:
    envelope = copy.deepcopy(KAKAO_RESULT)
    envelope["hooks"][0]["resultCode"] = "3018"
    (event,) = parse(HEADERS, _body(envelope), secret=SECRET)
    assert isinstance(event, KakaoResultUpdate)
    assert event.status.state is DeliveryState.FAILED
    assert event.status.code is KakaoResultCode("3018")
    assert not event.status.final


def test_kakao_sample_quirks_integer_placeholder_and_bare_date() -> None:
    envelope = copy.deepcopy(KAKAO_RESULT)
    envelope["hooks"][0].update(recipientSeq="Integer", receiveDate="2023-06-01")
    (event,) = parse(HEADERS, _body(envelope), secret=SECRET)
    assert isinstance(event, KakaoResultUpdate)
    assert event.status.seq is None
    assert event.status.updated_at >= datetime(2023, 6, 1, tzinfo=KST)


def test_brand_result_update_documented_example() -> None:
    (event,) = parse(HEADERS, _body(BRAND_RESULT), secret=SECRET)
    assert isinstance(event, KakaoResultUpdate)
    assert event.is_added_channel is True
    assert event.status.service == "brand"
    assert event.status.is_added_channel is True
    assert event.status.key == ("brand", "20261124153012pR4sT6vX8z0", 2)
    assert event.status.final


def test_kakao_template_status_update() -> None:
    envelope = {
        "hooksId": "hooks-tpl",
        "webhookConfigId": "wh-kko-01",
        "productName": "KakaoTalk Bizmessage",
        "appKey": "Hb7QmN2xK4pRt9Lw",
        "event": "TEMPLATE_STATUS_UPDATE",
        "hooks": [
            {
                "hookId": "h-tpl",
                "senderKey": "5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
                "templateCode": "ORDER_SHIPPED_V2",
                "kakaoTemplateCode": "kk-123",
                "status": "TSC03",
                "comments": [
                    {
                        "id": 7,
                        "content": "Approved.",
                        "userName": "reviewer",
                        "createdAt": "2026-11-24 10:30:15",
                        "attachment": [{"originalFileName": "a.png", "filePath": "/x/a.png"}],
                        "status": "APR",
                    }
                ],
                "updateDate": "2026-11-24 10:31:00",
            }
        ],
    }
    (event,) = parse(HEADERS, _body(envelope), secret=SECRET)
    assert isinstance(event, KakaoTemplateStatusUpdate)
    assert event.approved
    assert event.template_code == "ORDER_SHIPPED_V2"
    assert event.comments[0].status == "APR"
    assert event.comments[0].attachments == (("a.png", "/x/a.png"),)
    assert event.updated_at == datetime(2026, 11, 24, 10, 31, tzinfo=KST)


# --- de-duplication -----------------------------------------------------------------------


def test_receiver_drops_a_repeated_post_and_repeated_hooks() -> None:
    receiver = WebhookReceiver(secret=SECRET)
    assert len(receiver.handle(HEADERS, _body(SMS_RESULT))) == 1
    assert receiver.handle(HEADERS, _body(SMS_RESULT)) == []
    # A new POST that repeats the hook (new hooksId, same hookId) plus a new one.
    envelope = copy.deepcopy(SMS_RESULT)
    envelope["hooksId"] = "another-post"
    second = copy.deepcopy(envelope["hooks"][0])
    second.update(hookId="new-hook", recipientSeq=2)
    envelope["hooks"].append(second)
    events = receiver.handle(HEADERS, _body(envelope))
    assert [e.hook_id for e in events] == ["new-hook"]


def test_shared_store_and_switching_dedupe_off() -> None:
    store = InMemoryDedupeStore()
    WebhookReceiver(secret=SECRET, store=store).handle(HEADERS, _body(KAKAO_RESULT))
    assert WebhookReceiver(secret=SECRET, store=store).handle(HEADERS, _body(KAKAO_RESULT)) == []
    plain = WebhookReceiver(secret=SECRET, dedupe=False)
    assert len(plain.handle(HEADERS, _body(KAKAO_RESULT))) == 1
    assert len(plain.handle(HEADERS, _body(KAKAO_RESULT))) == 1


def test_in_memory_store_is_bounded() -> None:
    store = InMemoryDedupeStore(max_keys=2)
    assert store.add("a") and store.add("b") and store.add("c")
    assert len(store) == 2
    assert store.add("a")  # forgotten, so new again
    assert not store.add("c")
    with pytest.raises(ValueError):
        InMemoryDedupeStore(max_keys=0)
