"""The emulator's AlimTalk v2.3, FriendTalk v2.4 and Sender endpoints, with raw httpx."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from notify_sdk.testing import DEFAULT_SENDER_KEY, Emulator
from tests.helpers import Clock, code_of

HOST = "https://kakaotalk-bizmessage.api.nhncloudservice.com"
ALIMTALK = "/alimtalk/v2.3/appkeys/test-kakao-app"
FRIENDTALK = "/friendtalk/v2.4/appkeys/test-kakao-app"
SMS = "/sms/v3.0/appKeys/test-sms-app"
CONVERT = {"X-Convert-To-Brand-Message": "true"}


@pytest.fixture
def emulator_base_url() -> str:
    return HOST


def alimtalk(*numbers: str, name: str | None = "Kim", **extra: Any) -> dict[str, Any]:
    params = {} if name is None else {"templateParameter": {"name": name}}
    return {
        "senderKey": DEFAULT_SENDER_KEY,
        "templateCode": "WELCOME",
        "recipientList": [{"recipientNo": n, **params} for n in (numbers or ("01055550123",))],
        **extra,
    }


def friendtalk(content: str = "Weekend sale", **extra: Any) -> dict[str, Any]:
    return {
        "senderKey": DEFAULT_SENDER_KEY,
        "recipientList": [{"recipientNo": "01055550123", "content": content, **extra}],
    }


def test_alimtalk_send_query_and_get(http: httpx.Client, emulator: Emulator) -> None:
    response = http.post(
        f"{ALIMTALK}/messages", json=alimtalk("01055550123", senderGroupingKey="order-9")
    )
    assert code_of(response) == 0
    message = response.json()["message"]
    assert message["senderGroupingKey"] == "order-9"
    [result] = message["sendResults"]
    assert (result["recipientSeq"], result["resultCode"]) == (1, 0)
    [accepted] = emulator.accepted
    assert accepted.content == "Hello Kim, welcome aboard."
    assert (accepted.service, accepted.template_code) == ("alimtalk", "WELCOME")

    listed = http.get(
        f"{ALIMTALK}/messages",
        params={
            "senderGroupingKey": "order-9",
            "startRequestDate": "2026-11-24 10:00",
            "endRequestDate": "2026-11-24 10:30",
        },
    ).json()["messageSearchResultResponse"]
    assert listed["totalCount"] == 1
    item = listed["messages"][0]
    assert (item["requestId"], item["messageStatus"], item["resultCode"]) == (
        message["requestId"],
        "COMPLETED",
        "1000",
    )
    assert item["resendStatus"] == "RSC01"
    one = http.get(f"{ALIMTALK}/messages/{message['requestId']}/1").json()["message"]
    assert one["content"] == "Hello Kim, welcome aboard."
    assert one["resendRequestId"] is None
    assert code_of(http.get(f"{ALIMTALK}/messages/{message['requestId']}/2")) == -1016


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({**alimtalk(), "senderKey": "nope"}, -2017),
        ({**alimtalk(), "senderKey": ""}, -2001),
        ({**alimtalk(), "templateCode": "MISSING"}, -3003),
        ({**alimtalk(), "recipientList": []}, -2001),
        ({**alimtalk(), "recipientList": [{"recipientNo": "01055550123"}] * 1001}, -2004),
        (alimtalk(requestDate="2026-11-24 10:00"), -2025),
        (alimtalk(requestDate="2027-03-01 10:00"), -2026),
        (alimtalk(requestDate="2026-11-24T11:00"), -2027),
        (alimtalk(name=None), -1031),
        (alimtalk("123"), -1031),
    ],
)
def test_alimtalk_validation_codes(
    http: httpx.Client, emulator: Emulator, payload: dict[str, Any], code: int
) -> None:
    assert code_of(http.post(f"{ALIMTALK}/messages", json=payload)) == code
    assert emulator.accepted == ()


def test_profile_and_template_states(http: httpx.Client, emulator: Emulator) -> None:
    emulator.add_sender_profile("blocked-key", blocked=True)
    emulator.add_sender_profile("dormant-key", dormant=True)
    emulator.add_template(DEFAULT_SENDER_KEY, "DRAFT", "Draft #{x}", approved=False)
    assert (
        code_of(http.post(f"{ALIMTALK}/messages", json={**alimtalk(), "senderKey": "blocked-key"}))
        == -1027
    )
    assert (
        code_of(http.post(f"{ALIMTALK}/messages", json={**alimtalk(), "senderKey": "dormant-key"}))
        == -1014
    )
    assert (
        code_of(http.post(f"{ALIMTALK}/messages", json={**alimtalk(), "templateCode": "DRAFT"}))
        == -3005
    )
    assert emulator.accepted == ()


def test_partial_failure_keeps_the_envelope_successful(
    http: httpx.Client, emulator: Emulator
) -> None:
    payload = alimtalk("01055550123", "12")
    payload["recipientList"].append({"recipientNo": "01055550124"})  # no templateParameter
    payload["recipientList"].append(
        {"recipientNo": "01055550125", "templateParameter": {"name": "x" * 1301}}
    )
    response = http.post(f"{ALIMTALK}/messages", json=payload)
    assert code_of(response) == 0
    codes = [r["resultCode"] for r in response.json()["message"]["sendResults"]]
    assert codes == [0, -5000, -3049, -3048]
    assert [m.number for m in emulator.accepted] == ["01055550123"]


def test_authentication(emulator: Emulator) -> None:
    with httpx.Client(transport=emulator.transport(), base_url=HOST) as client:
        secret = client.post(f"{ALIMTALK}/messages", json=alimtalk(), headers={"X-Secret-Key": "x"})
        assert code_of(secret) == -1001
        wrong_key = client.post(
            "/alimtalk/v2.3/appkeys/other/messages",
            json=alimtalk(),
            headers={"X-Secret-Key": "test-secret"},
        )
        assert code_of(wrong_key) == -1000
        version = client.post(
            "/alimtalk/v2.2/appkeys/test-kakao-app/messages",
            json=alimtalk(),
            headers={"X-Secret-Key": "test-secret"},
        )
        assert code_of(version) == -9995
    assert emulator.accepted == ()
    assert "body" not in secret.json()


def test_raw_messages_must_match_the_template(http: httpx.Client, emulator: Emulator) -> None:
    def raw(content: str) -> dict[str, Any]:
        return {
            "senderKey": DEFAULT_SENDER_KEY,
            "templateCode": "WELCOME",
            "recipientList": [{"recipientNo": "01055550123", "content": content}],
        }

    assert (
        code_of(http.post(f"{ALIMTALK}/raw-messages", json=raw("Hello Lee, welcome aboard."))) == 0
    )
    mismatch = http.post(f"{ALIMTALK}/raw-messages", json=raw("Hello Lee, welcome!"))
    assert code_of(mismatch) == -1031
    assert mismatch.json()["message"]["sendResults"][0]["resultCode"] == -3010
    assert [m.endpoint for m in emulator.accepted] == ["raw-messages"]


def test_auth_messages(http: httpx.Client, emulator: Emulator) -> None:
    assert code_of(http.post(f"{ALIMTALK}/auth/messages", json=alimtalk())) == -1031
    emulator.add_template(DEFAULT_SENDER_KEY, "OTP", "[인증] code #{code}")
    payload = {**alimtalk(name=None), "templateCode": "OTP"}
    payload["recipientList"][0]["templateParameter"] = {"code": "1234"}
    request_id = http.post(f"{ALIMTALK}/auth/messages", json=payload).json()["message"]["requestId"]
    auth_list = http.get(f"{ALIMTALK}/auth/messages", params={"requestId": request_id})
    assert auth_list.json()["messageSearchResultResponse"]["totalCount"] == 1
    normal_list = http.get(f"{ALIMTALK}/messages", params={"requestId": request_id})
    assert normal_list.json()["messageSearchResultResponse"]["totalCount"] == 0
    assert emulator.accepted[0].endpoint == "auth/messages"


def test_list_selectors(http: httpx.Client) -> None:
    assert code_of(http.get(f"{ALIMTALK}/messages")) == -4103
    only_start = {"startRequestDate": "2026-11-24 10:00"}
    assert code_of(http.get(f"{ALIMTALK}/messages", params=only_start)) == -4103
    wide = {"startRequestDate": "2026-09-01 00:00", "endRequestDate": "2026-11-24 10:00"}
    assert code_of(http.get(f"{ALIMTALK}/messages", params=wide)) == -4003
    seconds = {"startRequestDate": "2026-11-24 10:00:00", "endRequestDate": "2026-11-24 11:00:00"}
    assert code_of(http.get(f"{ALIMTALK}/messages", params=seconds)) == -2027


def test_list_order_and_status_filters(
    http: httpx.Client, emulator: Emulator, clock: Clock
) -> None:
    emulator.set_outcome("01077770000", "3019", service="alimtalk")
    http.post(f"{ALIMTALK}/messages", json=alimtalk("01055550123", "01077770000"))
    clock.now += timedelta(minutes=1)
    http.post(f"{ALIMTALK}/messages", json=alimtalk("01055550124"))
    window = {"startCreateDate": "2026-11-24 10:00", "endCreateDate": "2026-11-24 11:00"}
    messages = http.get(f"{ALIMTALK}/messages", params=window).json()[
        "messageSearchResultResponse"
    ]["messages"]
    assert [m["recipientNo"] for m in messages] == ["01055550124", "01077770000", "01055550123"]
    failed = http.get(f"{ALIMTALK}/messages", params={**window, "resultCode": "MRC02"}).json()
    [item] = failed["messageSearchResultResponse"]["messages"]
    assert (item["recipientNo"], item["messageStatus"], item["resultCode"]) == (
        "01077770000",
        "FAILED",
        "3019",
    )


def test_cancel_scheduled(http: httpx.Client, emulator: Emulator, clock: Clock) -> None:
    sent = http.post(f"{ALIMTALK}/messages", json=alimtalk(requestDate="2026-11-25 09:00"))
    request_id = sent.json()["message"]["requestId"]
    assert (
        http.get(f"{ALIMTALK}/messages/{request_id}/1").json()["message"]["messageStatus"]
        == "READY"
    )
    assert (
        code_of(http.delete(f"{ALIMTALK}/messages/{request_id}", params={"recipientSeq": "2"}))
        == -2029
    )
    assert code_of(http.delete(f"{ALIMTALK}/messages/{request_id}")) == 0
    assert (
        http.get(f"{ALIMTALK}/messages/{request_id}/1").json()["message"]["messageStatus"]
        == "CANCEL"
    )
    assert code_of(http.delete(f"{ALIMTALK}/messages/{request_id}")) == -2029
    clock.now += timedelta(days=1)
    assert (
        http.get(f"{ALIMTALK}/messages/{request_id}/1").json()["message"]["messageStatus"]
        == "CANCEL"
    )
    with pytest.raises(AssertionError, match="01055550123: 0 messages"):
        emulator.assert_each_recipient_got_exactly_one(["01055550123"])


def test_message_results(http: httpx.Client) -> None:
    request_id = http.post(f"{ALIMTALK}/messages", json=alimtalk()).json()["message"]["requestId"]
    window = {"startUpdateDate": "2026-11-24 10:30", "endUpdateDate": "2026-11-24 10:31"}
    body = http.get(f"{ALIMTALK}/message-results", params=window).json()
    assert [m["requestId"] for m in body["messages"]] == [request_id]
    assert "totalCount" not in body
    assert http.get(f"{ALIMTALK}/message-results/count", params=window).json()["totalCount"] == 1
    earlier = {"startUpdateDate": "2026-11-24 09:00", "endUpdateDate": "2026-11-24 10:00"}
    assert http.get(f"{ALIMTALK}/message-results", params=earlier).json()["messages"] == []
    assert code_of(http.get(f"{ALIMTALK}/message-results")) == -4103


def test_senders(http: httpx.Client, emulator: Emulator) -> None:
    emulator.add_sender_profile("second-key", blocked=True, plus_friend_id="@second")
    listed = http.get(f"{ALIMTALK}/senders").json()
    assert listed["totalCount"] == 2
    assert {s["senderKey"] for s in listed["senders"]} == {DEFAULT_SENDER_KEY, "second-key"}
    one = http.get(f"{ALIMTALK}/senders/second-key").json()["sender"]
    assert (one["plusFriendId"], one["block"], one["kakaoStatus"]) == ("@second", True, "S")
    assert code_of(http.get(f"{ALIMTALK}/senders/unknown")) == -2017
    templates = http.get(f"{ALIMTALK}/senders/{DEFAULT_SENDER_KEY}/templates").json()
    [template] = templates["templateListResponse"]["templates"]
    assert (template["templateCode"], template["status"]) == ("WELCOME", "TSC03")


def test_friendtalk_requires_the_conversion_header(http: httpx.Client, emulator: Emulator) -> None:
    assert code_of(http.post(f"{FRIENDTALK}/messages", json=friendtalk())) == -9992
    too_long = http.post(f"{FRIENDTALK}/messages", json=friendtalk("x" * 1301), headers=CONVERT)
    assert too_long.json()["message"]["sendResults"][0]["resultCode"] == -2024
    response = http.post(f"{FRIENDTALK}/messages", json=friendtalk(), headers=CONVERT)
    assert code_of(response) == 0
    request_id = response.json()["message"]["requestId"]
    listed = http.get(f"{FRIENDTALK}/messages", params={"requestId": request_id}).json()
    assert listed["messageSearchResultResponse"]["messages"][0]["content"] == "Weekend sale"
    one = http.get(f"{FRIENDTALK}/messages/{request_id}/1").json()["message"]
    assert (one["isAd"], one["resultCode"]) == (True, "1000")
    [message] = emulator.accepted
    assert (message.service, message.is_ad) == ("friendtalk", True)
    other = "/friendtalk/v2.3/appkeys/test-kakao-app/messages"
    assert code_of(http.post(other, json=friendtalk(), headers=CONVERT)) == -9995


def test_non_kakao_user_falls_back_to_sms(http: httpx.Client, emulator: Emulator) -> None:
    emulator.set_non_kakao_user("010-7777-0000")
    payload = alimtalk("01077770000", "01055550123")
    for recipient in payload["recipientList"]:
        recipient["resendParameter"] = {"isResend": True, "resendSendNo": "0212345678"}
    request_id = http.post(f"{ALIMTALK}/messages", json=payload).json()["message"]["requestId"]

    failed = http.get(f"{ALIMTALK}/messages/{request_id}/1").json()["message"]
    assert (failed["messageStatus"], failed["resultCode"]) == ("FAILED", "3018")
    assert (failed["resendStatus"], failed["resendResultCode"]) == ("RSC04", "0")
    delivered = http.get(f"{ALIMTALK}/messages/{request_id}/2").json()["message"]
    assert (delivered["resultCode"], delivered["resendStatus"]) == ("1000", "RSC02")

    fallback_id = failed["resendRequestId"]
    sms_item = http.get(
        f"{SMS}/sender/sms/{fallback_id}",
        params={"recipientSeq": 1},
    ).json()["body"]["data"]
    assert (sms_item["recipientNo"], sms_item["body"]) == (
        "01077770000",
        "Hello Kim, welcome aboard.",
    )
    [fallback] = emulator.messages_to("01077770000", service="sms")
    assert fallback.endpoint == "fallback"
    assert fallback.fallback_for == (request_id, 1)
    assert emulator.messages_to("01055550123", service="sms") == []


def test_no_fallback_without_is_resend(http: httpx.Client, emulator: Emulator) -> None:
    emulator.set_non_kakao_user("01077770000")
    request_id = http.post(f"{ALIMTALK}/messages", json=alimtalk("01077770000")).json()["message"][
        "requestId"
    ]
    item = http.get(f"{ALIMTALK}/messages/{request_id}/1").json()["message"]
    assert (item["resultCode"], item["resendStatus"], item["resendRequestId"]) == (
        "3018",
        "RSC01",
        None,
    )
    assert [m.service for m in emulator.accepted] == ["alimtalk"]


def test_profile_default_fallback_and_bad_fallback_number(
    http: httpx.Client, emulator: Emulator
) -> None:
    emulator.add_sender_profile("auto", is_resend=True)
    emulator.add_template("auto", "WELCOME", "Hi #{name}")
    emulator.set_non_kakao_user("01077770000")
    payload = {**alimtalk("01077770000"), "senderKey": "auto"}
    http.post(f"{ALIMTALK}/messages", json=payload)
    assert [m.service for m in emulator.messages_to("01077770000")] == ["alimtalk", "sms"]

    bad = alimtalk("01055550123")
    bad["recipientList"][0]["resendParameter"] = {"isResend": True, "resendSendNo": "0299999999"}
    response = http.post(f"{ALIMTALK}/messages", json=bad)
    assert response.json()["message"]["sendResults"][0]["resultCode"] == -1003


def test_idempotency_key(http: httpx.Client, emulator: Emulator, clock: Clock) -> None:
    key = {"X-NC-API-IDEMPOTENCY-KEY": "key-1"}
    assert code_of(http.post(f"{ALIMTALK}/messages", json=alimtalk(), headers=key)) == 0
    clock.now += timedelta(minutes=9, seconds=59)
    repeat = http.post(f"{ALIMTALK}/messages", json=alimtalk(), headers=key)
    assert code_of(repeat) == -1005
    assert "message" not in repeat.json()
    assert len(emulator.accepted) == 1
    assert emulator.accepted[0].idempotency_key == "key-1"
    other = {"X-NC-API-IDEMPOTENCY-KEY": "key-2"}
    assert code_of(http.post(f"{ALIMTALK}/messages", json=alimtalk(), headers=other)) == 0
    clock.now += timedelta(seconds=1)  # ten minutes after the first use: the key is free again
    assert code_of(http.post(f"{ALIMTALK}/messages", json=alimtalk(), headers=key)) == 0
    assert len(emulator.accepted) == 3


def test_idempotency_expires_with_advance(http: httpx.Client, emulator: Emulator) -> None:
    key = {"X-NC-API-IDEMPOTENCY-KEY": "k"}
    http.post(f"{FRIENDTALK}/messages", json=friendtalk(), headers={**key, **CONVERT})
    repeat = http.post(f"{ALIMTALK}/messages", json=alimtalk(), headers=key)
    assert code_of(repeat) == -1005
    emulator.advance(600)
    assert code_of(http.post(f"{ALIMTALK}/messages", json=alimtalk(), headers=key)) == 0


def test_a_rejected_send_does_not_use_up_its_key(http: httpx.Client, emulator: Emulator) -> None:
    key = {"X-NC-API-IDEMPOTENCY-KEY": "retry-me"}
    assert (
        code_of(http.post(f"{ALIMTALK}/messages", json=alimtalk(name=None), headers=key)) == -1031
    )
    assert code_of(http.post(f"{ALIMTALK}/messages", json=alimtalk(), headers=key)) == 0
    assert len(emulator.accepted) == 1
