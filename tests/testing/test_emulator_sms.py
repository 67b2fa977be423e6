"""The emulator's SMS v3.0 endpoints, driven with raw httpx (no SDK validation)."""

from __future__ import annotations

import base64
import re
from datetime import timedelta
from typing import Any

import httpx
import pytest

from notify_sdk.testing import Emulator
from tests.helpers import Clock, code_of, emulator_http

BASE = "https://sms.api.nhncloudservice.com/sms/v3.0/appKeys/test-sms-app"
SENDER = "0212345678"


@pytest.fixture
def emulator_base_url() -> str:
    return BASE


def sms(body: str = "Your parcel has shipped.", *numbers: str, **extra: Any) -> dict[str, Any]:
    return {
        "body": body,
        "sendNo": SENDER,
        "recipientList": [{"recipientNo": n} for n in (numbers or ("01055550123",))],
        **extra,
    }


def test_send_sms_answers_the_documented_envelope(http: httpx.Client, emulator: Emulator) -> None:
    response = http.post(
        "/sender/sms",
        json=sms(
            "hello",
            "010-5555-0123",
            "0105555",
            senderGroupingKey="order-1",
        ),
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["header"] == {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"}
    data = payload["body"]["data"]
    assert re.fullmatch(r"20261124103015[A-Za-z0-9]{11}", data["requestId"])
    assert data["statusCode"] == "2"
    assert data["senderGroupingKey"] == "order-1"
    first, second = data["sendResultList"]
    assert (first["recipientSeq"], first["resultCode"]) == (1, 0)
    assert (second["recipientSeq"], second["resultCode"]) == (2, -2019)
    [message] = emulator.accepted
    assert (message.service, message.endpoint, message.number) == (
        "sms",
        "sender/sms",
        "01055550123",
    )
    assert message.request_id == data["requestId"]
    assert message.sender_grouping_key == "order-1"
    assert message.body == "hello"


def test_request_ids_follow_the_seed(clock: Clock) -> None:
    def ids(seed: int) -> list[str]:
        emulator = Emulator(clock=clock, seed=seed)
        with emulator_http(emulator, BASE) as client:
            return [
                client.post("/sender/sms", json=sms()).json()["body"]["data"]["requestId"]
                for _ in range(3)
            ]

    assert ids(1) == ids(1)
    assert ids(1) != ids(2)
    assert len(set(ids(1))) == 3


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({**sms(), "sendNo": "0299999999"}, -2312),
        ({**sms(), "sendNo": None}, -2312),
        ({**sms(), "recipientList": []}, -2001),
        ({**sms(), "recipientList": [{"recipientNo": "01055550123"}] * 1001}, -2016),
        ({**sms(), "body": "  "}, -2014),
        (sms("Smile \U0001f600"), -2023),
        (sms("x" * 256), -2015),
        (sms(requestDate="2026-11-24 10:29"), -2022),
        (sms(requestDate="2027-02-01 10:00"), -2000),
        (sms(requestDate="24/11/2026 11:00"), -2000),
    ],
)
def test_sms_validation_codes(
    http: httpx.Client, emulator: Emulator, payload: dict[str, Any], code: int
) -> None:
    response = http.post("/sender/sms", json=payload)
    assert code_of(response) == code
    assert response.json()["body"] is None
    assert emulator.accepted == ()


def test_blocked_sender_number(http: httpx.Client, emulator: Emulator) -> None:
    emulator.add_sender_number("02-9999-0000", blocked=True)
    assert code_of(http.post("/sender/sms", json={**sms(), "sendNo": "0299990000"})) == -2313


def test_current_minute_is_not_in_the_past(http: httpx.Client) -> None:
    assert code_of(http.post("/sender/sms", json=sms(requestDate="2026-11-24 10:30"))) == 0


def test_strict_byte_limits_refuse_long_hangul(clock: Clock) -> None:
    body = "가" * 46  # 92 EUC-KR bytes: under 255 characters, over the 90-byte standard
    for strict, expected in ((False, 0), (True, -2015)):
        emulator = Emulator(clock=clock, strict_byte_limits=strict)
        with emulator_http(emulator, BASE) as client:
            assert code_of(client.post("/sender/sms", json=sms(body))) == expected


def test_mms_needs_a_title_and_stays_domestic(http: httpx.Client, emulator: Emulator) -> None:
    assert code_of(http.post("/sender/mms", json=sms("long text"))) == -2014
    payload = sms("long text", title="Statement")
    payload["recipientList"] = [
        {"recipientNo": "01055550123"},
        {"recipientNo": "5550123", "countryCode": "1"},
    ]
    results = http.post("/sender/mms", json=payload).json()["body"]["data"]["sendResultList"]
    assert [r["resultCode"] for r in results] == [0, -2024]
    [message] = emulator.accepted
    assert (message.message_type, message.title) == ("LMS", "Statement")


def test_upload_then_mms(http: httpx.Client, emulator: Emulator) -> None:
    jpeg = base64.b64encode(b"\xff\xd8\xff" + b"0" * 100).decode()
    bad = {"fileName": "x.png", "fileBody": jpeg, "createUser": "me"}
    assert code_of(http.post("/attachfile/binaryUpload", json=bad)) == -2003
    big = base64.b64encode(b"0" * 300 * 1024).decode()
    huge = {"fileName": "x.jpg", "fileBody": big, "createUser": "me"}
    assert code_of(http.post("/attachfile/binaryUpload", json=huge)) == -2005
    ok = {"fileName": "card.jpg", "fileBody": jpeg, "createUser": "me"}
    uploaded = http.post("/attachfile/binaryUpload", json=ok).json()["body"]["data"]
    assert uploaded["fileName"] == "card.jpg"
    assert isinstance(uploaded["fileId"], int)

    unknown = sms("with picture", title="Card", attachFileIdList=[1])
    assert code_of(http.post("/sender/mms", json=unknown)) == -2004
    good = sms("with picture", title="Card", attachFileIdList=[uploaded["fileId"]])
    request_id = http.post("/sender/mms", json=good).json()["body"]["data"]["requestId"]
    item = http.get(f"/sender/mms/{request_id}", params={"recipientSeq": 1}).json()["body"]["data"]
    assert item["messageType"] == "MMS"
    assert [f["fileId"] for f in item["attachFileList"]] == [uploaded["fileId"]]
    assert emulator.accepted[0].message_type == "MMS"


def test_auth_sms_needs_an_authentication_word(http: httpx.Client, emulator: Emulator) -> None:
    assert code_of(http.post("/sender/auth/sms", json=sms("Your code is 1234"))) == -8000
    assert code_of(http.post("/sender/auth/sms", json=sms("[인증번호] 1234"))) == 0
    assert code_of(http.post("/sender/auth/sms", json=sms("Verify with 1234"))) == 0
    assert [m.message_type for m in emulator.accepted] == ["AUTH", "AUTH"]


AD_BODY = "(광고) Weekend sale 20% off\n무료수신거부 080-123-4567"


def test_ad_rules(http: httpx.Client, emulator: Emulator) -> None:
    assert code_of(http.post("/sender/ad-sms", json=sms("Weekend sale"))) == -6003
    no_prefix = "Weekend sale\n무료수신거부 0801234567"
    assert code_of(http.post("/sender/ad-sms", json=sms(no_prefix))) == -6003
    unknown_080 = "(광고) Weekend sale\n[무료 수신거부]0809999999"
    assert code_of(http.post("/sender/ad-sms", json=sms(unknown_080))) == -6004
    emulator.opt_out("01066660000")
    response = http.post("/sender/ad-sms", json=sms(AD_BODY, "01055550123", "01066660000"))
    results = response.json()["body"]["data"]["sendResultList"]
    assert [r["resultCode"] for r in results] == [0, -6001]
    [message] = emulator.accepted
    assert message.is_ad
    listed = http.get("/sender/sms", params={"requestId": message.request_id}).json()
    assert listed["body"]["data"][0]["adYn"] == "Y"


def test_ad_without_080_service(clock: Clock) -> None:
    emulator = Emulator(clock=clock, defaults=False)
    emulator.add_sender_number(SENDER)
    with emulator_http(emulator, BASE) as client:
        assert code_of(client.post("/sender/ad-mms", json=sms(AD_BODY, title="Sale"))) == -6000


@pytest.mark.parametrize(
    ("path", "headers", "code", "status"),
    [
        ("/sender/sms", {"X-Secret-Key": "wrong"}, -1000, 200),
        ("/sender/sms", {}, -1000, 200),
    ],
)
def test_authentication(
    emulator: Emulator, path: str, headers: dict[str, str], code: int, status: int
) -> None:
    with httpx.Client(transport=emulator.transport(), base_url=BASE) as client:
        response = client.post(path, json=sms(), headers=headers)
    assert (response.status_code, code_of(response)) == (status, code)
    assert emulator.accepted == ()


def test_wire_format_errors(http: httpx.Client, emulator: Emulator) -> None:
    other_key = "https://sms.api.nhncloudservice.com/sms/v3.0/appKeys/other/sender/sms"
    assert code_of(http.post(other_key, json=sms())) == -1000
    lower = "https://sms.api.nhncloudservice.com/sms/v3.0/appkeys/test-sms-app/sender/sms"
    assert code_of(http.post(lower, json=sms())) == -9998
    old = "https://sms.api.nhncloudservice.com/sms/v2.4/appKeys/test-sms-app/sender/sms"
    assert code_of(http.post(old, json=sms())) == -9995
    form = http.post("/sender/sms", content=b"body=x", headers={"Content-Type": "text/plain"})
    assert code_of(form) == -9996
    broken = http.post(
        "/sender/sms", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert code_of(broken) == -9997
    missing = http.get("/no/such/thing")
    assert (missing.status_code, code_of(missing)) == (404, -9998)
    assert emulator.accepted == ()


def test_list_filters_and_paging(http: httpx.Client, clock: Clock) -> None:
    first = http.post(
        "/sender/sms", json=sms("a", "01055550001", "01055550002", senderGroupingKey="g1")
    ).json()["body"]["data"]["requestId"]
    http.post("/sender/sms", json=sms("b", "01055550003", senderGroupingKey="g2"))
    http.post("/sender/mms", json=sms("c", "01055550004", title="t", senderGroupingKey="g1"))

    assert code_of(http.get("/sender/sms")) == -2011
    window = {"startCreateDate": "2026-11-24 10:00:00", "endCreateDate": "2026-11-24 11:00:00"}
    too_wide = {**window, "startCreateDate": "2026-09-01 00:00:00"}
    assert code_of(http.get("/sender/sms", params=too_wide)) == -4000
    bad = {**window, "endCreateDate": "2026-11-24 11:00"}
    assert code_of(http.get("/sender/sms", params=bad)) == -2000

    body = http.get("/sender/sms", params={**window, "senderGroupingKey": "g1"}).json()["body"]
    assert body["totalCount"] == 2
    assert {d["recipientNo"] for d in body["data"]} == {"01055550001", "01055550002"}
    assert all(d["requestId"] == first for d in body["data"])

    by_number = http.get("/sender/sms", params={**window, "recipientNo": "01055550003"})
    assert [d["body"] for d in by_number.json()["body"]["data"]] == ["b"]
    mms = http.get("/sender/mms", params={**window, "senderGroupingKey": "g1"}).json()["body"]
    assert [d["messageType"] for d in mms["data"]] == ["LMS"]

    page = http.get("/sender/sms", params={**window, "pageSize": 2, "pageNum": 2}).json()["body"]
    assert (page["pageNum"], page["pageSize"], page["totalCount"], len(page["data"])) == (
        2,
        2,
        3,
        1,
    )
    earlier = {"startCreateDate": "2026-11-24 09:00:00", "endCreateDate": "2026-11-24 10:00:00"}
    assert http.get("/sender/sms", params=earlier).json()["body"]["totalCount"] == 0


def test_single_query_and_outcomes(http: httpx.Client, emulator: Emulator) -> None:
    emulator.set_outcome("01077770000", "3018", service="sms")
    data = http.post("/sender/sms", json=sms("hi", "01055550123", "01077770000")).json()
    request_id = data["body"]["data"]["requestId"]

    assert code_of(http.get(f"/sender/sms/{request_id}")) == -2012
    assert code_of(http.get(f"/sender/sms/{request_id}", params={"recipientSeq": 9})) == -2012
    ok = http.get(f"/sender/sms/{request_id}", params={"recipientSeq": 1}).json()["body"]["data"]
    assert (ok["msgStatus"], ok["resultCode"], ok["recipientNo"]) == ("3", "1000", "01055550123")
    failed = http.get(f"/sender/sms/{request_id}", params={"recipientSeq": 2}).json()
    assert (failed["body"]["data"]["msgStatus"], failed["body"]["data"]["resultCode"]) == (
        "0",
        "3018",
    )
    only_failed = http.get("/sender/sms", params={"requestId": request_id, "resultCode": "MTR2"})
    assert [d["recipientSeq"] for d in only_failed.json()["body"]["data"]] == [2]


def test_delivery_delay_shows_messages_in_flight(clock: Clock) -> None:
    emulator = Emulator(clock=clock, delivery_delay=5)
    with emulator_http(emulator, BASE) as client:
        request_id = client.post("/sender/sms", json=sms()).json()["body"]["data"]["requestId"]
        url = f"/sender/sms/{request_id}"
        pending = client.get(url, params={"recipientSeq": 1}).json()["body"]["data"]
        assert (pending["msgStatus"], pending["resultCode"]) == ("2", None)
        emulator.advance(5)
        done = client.get(url, params={"recipientSeq": 1}).json()["body"]["data"]
        assert (done["msgStatus"], done["resultCode"]) == ("3", "1000")


def test_reservations_list_and_cancel(http: httpx.Client, emulator: Emulator, clock: Clock) -> None:
    keep = http.post("/sender/sms", json=sms("later", requestDate="2026-11-24 12:00")).json()
    drop = http.post("/sender/sms", json=sms("later too", requestDate="2026-11-24 12:00")).json()
    keep_id = keep["body"]["data"]["requestId"]
    drop_id = drop["body"]["data"]["requestId"]

    by_schedule = {
        "startRequestDate": "2026-11-24 11:59:00",
        "endRequestDate": "2026-11-24 12:00:00",
    }
    scheduled = http.get("/sender/sms", params=by_schedule).json()["body"]
    assert {d["requestId"] for d in scheduled["data"]} == {keep_id, drop_id}
    not_yet = {
        **by_schedule,
        "startRequestDate": "2026-11-24 10:00:00",
        "endRequestDate": "2026-11-24 11:00:00",
    }
    assert http.get("/sender/sms", params=not_yet).json()["body"]["totalCount"] == 0
    item = http.get(f"/sender/sms/{keep_id}", params={"recipientSeq": 1}).json()["body"]["data"]
    assert (item["msgStatus"], item["requestDate"]) == ("1", "2026-11-24 12:00:00.0")
    listed = http.get("/reservations", params={"sendType": "0"}).json()["body"]
    assert listed["totalCount"] == 2
    assert {d["messageStatus"] for d in listed["data"]} == {"RESERVED"}

    no_user = {"reservationList": [{"requestId": drop_id, "recipientSeq": 1}]}
    assert code_of(http.put("/reservations/cancel", json=no_user)) == 4
    cancel = {**no_user, "updateUser": "ops"}
    answer = http.put("/reservations/cancel", json=cancel).json()["body"]["data"]
    assert answer == {"requestedCount": 1, "canceledCount": 1}

    clock.now += timedelta(hours=2)
    after = http.put("/reservations/cancel", json=cancel).json()["body"]["data"]
    assert after["canceledCount"] == 0
    dropped = http.get(f"/reservations/{drop_id}/1").json()["body"]["data"]
    assert dropped["messageStatus"] == "CANCEL"
    sent = http.get(f"/sender/sms/{keep_id}", params={"recipientSeq": 1}).json()["body"]["data"]
    assert (sent["msgStatus"], sent["resultCode"]) == ("3", "1000")
    emulator.assert_each_recipient_got_exactly_one(["01055550123"])


def test_template_parameters_are_filled(http: httpx.Client, emulator: Emulator) -> None:
    payload = sms("Hi ##name##, order ##no## shipped")
    payload["recipientList"] = [
        {"recipientNo": "01055550123", "templateParameter": {"name": "Kim", "no": "7"}}
    ]
    http.post("/sender/sms", json=payload)
    assert emulator.accepted[0].content == "Hi Kim, order 7 shipped"


def test_send_nos(http: httpx.Client, emulator: Emulator) -> None:
    emulator.add_sender_number("0299990000", blocked=True, block_reason="spam")
    body = http.get("/sendNos").json()["body"]
    assert body["totalCount"] == 2
    blocked = http.get("/sendNos", params={"blockYn": "Y"}).json()["body"]["data"]
    assert [(d["sendNo"], d["blockReason"]) for d in blocked] == [("0299990000", "spam")]
