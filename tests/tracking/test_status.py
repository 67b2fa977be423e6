"""DeliveryStatus: each service's query rows, from the documented examples, mapped to one type."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import respx

from notify_sdk import NotifyClient, RecipientResult, SendResult
from notify_sdk.delivery import DlrErrorCode, DlrStatus, KakaoResultCode, Outcome, SmsResultCode
from notify_sdk.tracking import DeliveryState, DeliveryStatus, from_send, kst_datetime, more_final
from tests.helpers import ALIMTALK_PREFIX, BRAND_PREFIX, SMS_PREFIX

KST = timezone(timedelta(hours=9))

# sms-v3.md 5.3, the single-recipient query example.
SMS_ITEM = {
    "requestId": "20261124103015aZ3kP9qLwX0",
    "recipientSeq": 1,
    "requestDate": "2026-11-24 10:30:15.0",
    "resultDate": "2026-11-24 10:30:19.0",
    "body": "[Hanbit Books] Order 58213 has shipped.",
    "sendNo": "0215449876",
    "countryCode": "82",
    "recipientNo": "01055550123",
    "msgStatus": "3",
    "msgStatusName": "성공",
    "resultCode": "1000",
    "resultCodeName": "성공",
    "telecomCode": 10002,
    "sendType": "0",
    "messageType": "SMS",
    "messageCount": 1,
    "adYn": "N",
    "senderGroupingKey": "order-58213-ship",
    "recipientGroupingKey": "cust-9917",
    "dlr": None,
}


def _sms_single(client: NotifyClient, item: dict[str, object]) -> DeliveryStatus:
    from notify_sdk.tracking import from_sms

    with respx.mock() as mock:
        mock.get(url__startswith=f"{SMS_PREFIX}/sender/sms/").respond(
            json={
                "header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"},
                "body": {"data": item},
            }
        )
        return from_sms(client.get_sms_delivery(str(item["requestId"]), 1))


def test_sms_documented_success_is_final_and_delivered(client: NotifyClient) -> None:
    status = _sms_single(client, SMS_ITEM)
    assert status.key == ("sms", "20261124103015aZ3kP9qLwX0", 1)
    assert status.code is SmsResultCode.SUCCESS
    assert status.outcome is Outcome.DELIVERED
    assert status.state is DeliveryState.DELIVERED
    assert status.final
    assert status.fallback is None
    assert status.updated_at == datetime(2026, 11, 24, 10, 30, 19, tzinfo=KST)
    assert status.updated_at.tzinfo is not None
    assert status.requested_at == datetime(2026, 11, 24, 10, 30, 15, tzinfo=KST)
    assert status.message_type == "SMS"
    assert status.recipient_grouping_key == "cust-9917"


def test_number_is_masked_in_repr(client: NotifyClient) -> None:
    status = _sms_single(client, SMS_ITEM)
    assert status.number == "01055550123"
    assert "01055550123" not in repr(status)
    assert "010****0123" in repr(status)


def test_sms_processing_is_pending_and_not_final(client: NotifyClient) -> None:
    item = {**SMS_ITEM, "msgStatus": "2", "resultCode": None, "resultDate": None}
    status = _sms_single(client, item)
    assert not status.final
    assert status.outcome is Outcome.PENDING
    assert status.state is DeliveryState.PENDING
    assert status.code is None


def test_sms_lms_temporary_failure(client: NotifyClient) -> None:
    item = {**SMS_ITEM, "msgStatus": "0", "resultCode": "2003", "messageType": "LMS"}
    status = _sms_single(client, item)
    assert status.final
    assert status.code is SmsResultCode("2003")
    assert status.outcome is Outcome.TEMPORARY_FAILURE
    assert status.state is DeliveryState.FAILED
    assert status.resend_may_succeed


def test_sms_auth_permanent_failure(client: NotifyClient) -> None:
    item = {**SMS_ITEM, "msgStatus": "0", "resultCode": "3001", "messageType": "AUTH"}
    status = _sms_single(client, item)
    assert status.final
    assert status.outcome is Outcome.PERMANENT_FAILURE
    assert not status.resend_may_succeed


def test_sms_cancelled_duplicate_and_ad_restricted(client: NotifyClient) -> None:
    cancelled = _sms_single(client, {**SMS_ITEM, "msgStatus": "4", "resultCode": None})
    assert cancelled.final and cancelled.state is DeliveryState.CANCELLED
    duplicate = _sms_single(client, {**SMS_ITEM, "msgStatus": "5", "resultCode": None})
    assert duplicate.final and duplicate.outcome is Outcome.DO_NOT_RESEND
    ad = _sms_single(client, {**SMS_ITEM, "msgStatus": "6", "resultCode": None})
    assert ad.final and ad.outcome is Outcome.TIME_WINDOW
    held = _sms_single(client, {**SMS_ITEM, "msgStatus": "7", "resultCode": None})
    assert not held.final and held.outcome is Outcome.PENDING


def test_international_dlr_wins_over_the_receive_code(client: NotifyClient) -> None:
    # sms-v3.md 5.3: the dlr object of an international send (errorCode is a string).
    delivered = _sms_single(
        client,
        {**SMS_ITEM, "dlr": {"dlrStatus": "DELIVERED", "networkCode": "310260", "errorCode": "0"}},
    )
    assert delivered.code is DlrStatus.DELIVERED
    assert delivered.outcome is Outcome.DELIVERED and delivered.final

    buffered = _sms_single(
        client,
        {**SMS_ITEM, "dlr": {"dlrStatus": "BUFFERED", "networkCode": "310260", "errorCode": "0"}},
    )
    assert not buffered.final and buffered.outcome is Outcome.PENDING

    failed = _sms_single(
        client,
        {**SMS_ITEM, "dlr": {"dlrStatus": "FAILED", "networkCode": "310260", "errorCode": "2"}},
    )
    assert failed.final
    assert failed.code is DlrErrorCode(2)
    assert failed.outcome is Outcome.TEMPORARY_FAILURE
    assert failed.raw_code == "2"


# kakao-v2.3.md 4.5: AlimTalk failed, fallback succeeded.
ALIMTALK_FALLBACK = {
    "requestId": "20261124103015kQ7vZs2NfH0",
    "recipientSeq": 1,
    "templateCode": "ORDER_SHIPPED_V2",
    "recipientNo": "01055550123",
    "requestDate": "2026-11-24 10:30:15",
    "receiveDate": None,
    "messageStatus": "FAILED",
    "resultCode": "3018",
    "resultCodeName": "Unable to send",
    "resendStatus": "RSC04",
    "resendStatusName": "Fallback succeeded",
    "resendResultCode": "0",
    "resendRequestId": "20261124103021Xw4TgPq8Lm0",
    "senderGroupingKey": "order-58213-ship",
    "recipientGroupingKey": "cust-9917",
}


def _alimtalk_single(client: NotifyClient, item: dict[str, object]) -> DeliveryStatus:
    from notify_sdk.tracking import from_kakao

    with respx.mock() as mock:
        mock.get(url__startswith=f"{ALIMTALK_PREFIX}/messages/").respond(
            json={
                "header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"},
                "message": item,
            }
        )
        return from_kakao(client.get_alimtalk_message(str(item["requestId"]), 1))


def test_alimtalk_documented_fallback_succeeded(client: NotifyClient) -> None:
    status = _alimtalk_single(client, ALIMTALK_FALLBACK)
    assert status.service == "alimtalk"
    assert status.code is KakaoResultCode("3018")
    assert status.state is DeliveryState.FAILED
    assert status.final  # RSC04 settles it
    assert status.fallback is not None
    assert status.fallback.service == "sms"
    assert status.fallback.request_id == "20261124103021Xw4TgPq8Lm0"
    assert status.fallback.outcome is Outcome.DELIVERED
    assert status.fallback.final
    assert status.delivered
    assert not status.resend_may_succeed


def test_alimtalk_fallback_target_or_in_progress_is_not_final(client: NotifyClient) -> None:
    for resend in ("RSC02", "RSC03"):
        item = {**ALIMTALK_FALLBACK, "resendStatus": resend, "resendResultCode": None}
        item["resendRequestId"] = None
        status = _alimtalk_single(client, item)
        assert not status.final, resend
        assert status.state is DeliveryState.FAILED
        assert not status.resend_may_succeed


def test_alimtalk_fallback_failed_is_final_with_the_fallback_outcome(client: NotifyClient) -> None:
    # -1003 would be "invalid sender number"-like in SMS: not retryable.
    item = {**ALIMTALK_FALLBACK, "resendStatus": "RSC05", "resendResultCode": "-2013"}
    status = _alimtalk_single(client, item)
    assert status.final
    assert status.fallback is not None
    assert status.fallback.final
    assert status.fallback.outcome.is_failure
    assert not status.delivered


def test_alimtalk_no_fallback_target_is_final(client: NotifyClient) -> None:
    item = {
        **ALIMTALK_FALLBACK,
        "resendStatus": "RSC01",
        "resendResultCode": None,
        "resendRequestId": None,
    }
    status = _alimtalk_single(client, item)
    assert status.final
    assert status.fallback is None
    assert status.outcome is KakaoResultCode("3018").outcome


def test_alimtalk_delivered_is_final_whatever_the_fallback_says(client: NotifyClient) -> None:
    item = {
        **ALIMTALK_FALLBACK,
        "messageStatus": "COMPLETED",
        "resultCode": "1000",
        "resendStatus": "RSC02",
        "resendResultCode": None,
        "resendRequestId": None,
        "receiveDate": "2026-11-24 10:30:18",
    }
    status = _alimtalk_single(client, item)
    assert status.final and status.state is DeliveryState.DELIVERED
    assert status.updated_at == datetime(2026, 11, 24, 10, 30, 18, tzinfo=KST)


def test_kakao_in_flight_status_is_pending(client: NotifyClient) -> None:
    item = {**ALIMTALK_FALLBACK, "messageStatus": "SENDING", "resultCode": None}
    status = _alimtalk_single(client, item)
    assert not status.final
    assert status.outcome is Outcome.PENDING


# brand-message.md 8.1, the listing example.
BRAND_ITEM = {
    "requestId": "20261124153012pR4sT6vX8z0",
    "recipientSeq": 1,
    "plusFriendId": "@hanbitbooks",
    "senderKey": "5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
    "templateCode": None,
    "recipientNo": "01055550123",
    "targeting": "I",
    "requestDate": "2026-11-27 10:00:00",
    "createDate": "2026-11-24 15:30:12",
    "receiveDate": "2026-11-27 10:00:04",
    "chatBubbleType": "CAROUSEL_COMMERCE",
    "pushAlarm": True,
    "messageStatus": "COMPLETED",
    "resendStatusCode": "RSC02",
    "resendStatusName": "Fallback target",
    "resendResultCode": None,
    "resendRequestId": None,
    "isAddedChannel": True,
    "resultCode": "1000",
    "resultCodeName": "Success",
    "createUser": None,
    "senderGroupingKey": "winter-list-2611",
    "recipientGroupingKey": "cust-9917",
}


def _brand_list(client: NotifyClient, items: list[dict[str, object]]) -> list[DeliveryStatus]:
    from notify_sdk.tracking import from_brand

    with respx.mock() as mock:
        mock.get(url__startswith=f"{BRAND_PREFIX}/messages").respond(
            json={
                "header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"},
                "messageSearchResultResponse": {"messages": items, "totalCount": len(items)},
            }
        )
        return [from_brand(d) for d in client.list_brand_messages(request_id="x1")]


def test_brand_documented_listing(client: NotifyClient) -> None:
    (status,) = _brand_list(client, [BRAND_ITEM])
    assert status.service == "brand"
    assert status.code is KakaoResultCode.SUCCESS
    assert status.final and status.delivered
    assert status.is_added_channel is True
    assert status.message_type == "CAROUSEL_COMMERCE"


def test_brand_failure_with_fallback_sent(client: NotifyClient) -> None:
    item = {
        **BRAND_ITEM,
        "messageStatus": "FAILED",
        "resultCode": "3018",
        "resendStatusCode": "RSC04",
        "resendResultCode": "0",
        "resendRequestId": "20261127100009Fb1Sms000a0",
    }
    (status,) = _brand_list(client, [item])
    assert status.final
    assert status.fallback is not None and status.fallback.outcome is Outcome.DELIVERED
    # 3054 etc.: the Brand codes are KakaoResultCode members with an outcome.
    night = {**item, "resultCode": "3022", "resendStatusCode": "RSC01", "resendRequestId": None}
    (late,) = _brand_list(client, [night])
    assert late.code is KakaoResultCode("3022")
    assert late.outcome is KakaoResultCode("3022").outcome
    assert late.final


def test_from_send_marks_refused_recipients_final() -> None:
    result = SendResult(
        service="sms",
        request_id="20261124103015aZ3kP9qLwX0",
        recipients=(
            RecipientResult(number="01055550123", seq=1, result_code=0),
            RecipientResult(number="01055550456", seq=2, result_code=-2019),
        ),
    )
    accepted, refused = from_send(result)
    assert not accepted.final and accepted.outcome is Outcome.PENDING
    assert refused.final and refused.state is DeliveryState.FAILED
    assert refused.outcome is Outcome.PERMANENT_FAILURE
    assert refused.raw_code == "-2019"


def test_more_final_keeps_the_settled_status() -> None:
    early = datetime(2026, 11, 24, 10, 0, tzinfo=KST)
    pending = DeliveryStatus(service="sms", request_id="r", seq=1, updated_at=early)
    done = DeliveryStatus(
        service="sms",
        request_id="r",
        seq=1,
        state=DeliveryState.DELIVERED,
        outcome=Outcome.DELIVERED,
        final=True,
        updated_at=early,
    )
    later_pending = DeliveryStatus(
        service="sms", request_id="r", seq=1, updated_at=early + timedelta(hours=1)
    )
    assert more_final(None, pending) is pending
    assert more_final(pending, done) is done
    # A late, stale pending update never overwrites a final result.
    assert more_final(done, later_pending) is done
    assert more_final(pending, later_pending) is later_pending


def test_kst_datetime_formats() -> None:
    assert kst_datetime("2026-11-24T10:30:15") == datetime(2026, 11, 24, 10, 30, 15, tzinfo=KST)
    assert kst_datetime("2023-06-01") == datetime(2023, 6, 1, tzinfo=KST)
    aware = kst_datetime("2026-11-24T10:30:15.123+09:00")
    assert aware is not None and aware.utcoffset() == timedelta(hours=9)
    assert kst_datetime("2026-11-24 10:30") == datetime(2026, 11, 24, 10, 30, tzinfo=KST)
    assert kst_datetime("garbage") is None
    assert kst_datetime(None) is None
