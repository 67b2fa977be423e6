"""Fault injection, and the three front doors: transport (sync/async), respx, HTTP server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from notify_sdk.testing import DEFAULT_SENDER_KEY, Emulator, faults
from tests.helpers import emulator_http, fixed_clock

SMS_HOST = "https://sms.api.nhncloudservice.com"
KAKAO_HOST = "https://kakaotalk-bizmessage.api.nhncloudservice.com"
SMS = "/sms/v3.0/appKeys/test-sms-app"
ALIMTALK = "/alimtalk/v2.3/appkeys/test-kakao-app"
SECRET = {"X-Secret-Key": "test-secret"}
SMS_BODY = {
    "body": "Your order shipped",
    "sendNo": "0212345678",
    "recipientList": [{"recipientNo": "01055550123"}],
}
ALIMTALK_BODY = {
    "senderKey": DEFAULT_SENDER_KEY,
    "templateCode": "WELCOME",
    "recipientList": [{"recipientNo": "01055550123", "templateParameter": {"name": "Kim"}}],
}


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(clock=fixed_clock)


def send_sms(http: httpx.Client, path: str = "sender/sms", **extra: Any) -> httpx.Response:
    return http.post(f"{SMS_HOST}{SMS}/{path}", json={**SMS_BODY, **extra})


def send_alimtalk(http: httpx.Client, key: str | None = None) -> httpx.Response:
    headers = {} if key is None else {"X-NC-API-IDEMPOTENCY-KEY": key}
    return http.post(f"{KAKAO_HOST}{ALIMTALK}/messages", json=ALIMTALK_BODY, headers=headers)


def test_connect_error_accepts_nothing(http: httpx.Client, emulator: Emulator) -> None:
    injection = emulator.inject(faults.connect_error())
    with pytest.raises(httpx.ConnectError):
        send_sms(http)
    assert emulator.accepted == ()
    assert injection.fired == 1
    assert send_sms(http).json()["header"]["resultCode"] == 0
    assert len(emulator.accepted) == 1


def test_timeout_after_accept_stores_the_message(http: httpx.Client, emulator: Emulator) -> None:
    emulator.inject(faults.timeout_after_accept())
    with pytest.raises(httpx.ReadTimeout):
        send_sms(http, senderGroupingKey="try-1")
    [message] = emulator.accepted
    assert message.sender_grouping_key == "try-1"
    # The reconciliation query an SDK would make finds the landed send.
    found = http.get(
        f"{SMS_HOST}{SMS}/sender/sms",
        params={
            "senderGroupingKey": "try-1",
            "startCreateDate": "2026-11-24 10:00:00",
            "endCreateDate": "2026-11-24 11:00:00",
        },
    ).json()["body"]
    assert [d["requestId"] for d in found["data"]] == [message.request_id]


def test_timeout_before_accept_stores_nothing(http: httpx.Client, emulator: Emulator) -> None:
    emulator.inject(faults.timeout_before_accept())
    with pytest.raises(httpx.ReadTimeout):
        send_sms(http)
    assert emulator.accepted == ()


@pytest.mark.parametrize("status", [429, 503])
def test_throttling_statuses_carry_retry_after(
    http: httpx.Client, emulator: Emulator, status: int
) -> None:
    emulator.inject(faults.http_status(status, retry_after=1))
    response = send_sms(http)
    assert response.status_code == status
    assert response.headers["Retry-After"] == "1"
    assert response.headers["Content-Type"].startswith("text/html")
    assert emulator.accepted == ()


@pytest.mark.parametrize(("status", "accepted"), [(500, True), (502, False), (500, False)])
def test_gateway_error_pages(
    http: httpx.Client, emulator: Emulator, status: int, accepted: bool
) -> None:
    emulator.inject(faults.server_error_page(status, accepted=accepted))
    response = send_sms(http)
    assert response.status_code == status
    assert "<html>" in response.text
    assert "Retry-After" not in response.headers
    assert len(emulator.accepted) == (1 if accepted else 0)


def test_result_code_faults_use_the_service_envelope(
    http: httpx.Client, emulator: Emulator
) -> None:
    emulator.inject(faults.result_code(-9999), match="sms")
    emulator.inject(faults.result_code(-9999, message="boom"), match="alimtalk")
    sms_reply = send_sms(http).json()
    assert sms_reply["header"]["resultCode"] == -9999
    assert sms_reply["header"]["isSuccessful"] is False
    assert sms_reply["body"] is None
    kakao_reply = send_alimtalk(http).json()
    assert kakao_reply == {
        "header": {"isSuccessful": False, "resultCode": -9999, "resultMessage": "boom"}
    }
    assert emulator.accepted == ()


def test_times_and_match(http: httpx.Client, emulator: Emulator) -> None:
    emulator.inject(faults.http_status(503), times=2, match="kakao")
    emulator.inject(faults.connect_error(), match="sender/mms")
    assert send_sms(http).status_code == 200  # SMS is not KakaoTalk
    assert send_alimtalk(http).status_code == 503
    assert send_alimtalk(http).status_code == 503
    assert send_alimtalk(http).status_code == 200
    assert send_sms(http).status_code == 200
    with pytest.raises(httpx.ConnectError):
        send_sms(http, "sender/mms", title="t")
    assert [m.service for m in emulator.accepted] == ["sms", "alimtalk", "sms"]


def test_injection_arguments_are_checked(emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="ratio"):
        emulator.inject(faults.connect_error(), ratio=1.5)
    with pytest.raises(ValueError, match="times"):
        emulator.inject(faults.connect_error(), times=0)
    with pytest.raises(TypeError):
        emulator.inject("connect")  # type: ignore[arg-type]


def _pattern(seed: int, ratio: float = 0.3, count: int = 40) -> list[bool]:
    emulator = Emulator(clock=fixed_clock, seed=seed)
    emulator.inject(faults.http_status(503), ratio=ratio, match="sms")
    with emulator_http(emulator) as client:
        outcome = [send_sms(client).status_code == 503 for _ in range(count)]
    # Every request that was not failed was accepted: the ratio fault rejects before processing.
    assert len(emulator.accepted) == outcome.count(False)
    return outcome


def test_ratio_is_deterministic_per_seed() -> None:
    first, again, other = _pattern(7), _pattern(7), _pattern(8)
    assert first == again
    assert first != other
    assert 4 <= first.count(True) <= 24  # about 30 % of 40
    assert _pattern(7, ratio=0.0).count(True) == 0
    assert _pattern(7, ratio=1.0).count(True) == 40


def test_reset_restarts_the_ratio_stream(emulator: Emulator) -> None:
    def run() -> list[int]:
        emulator.inject(faults.http_status(503), ratio=0.5)
        with emulator_http(emulator) as client:
            return [send_sms(client).status_code for _ in range(10)]

    first = run()
    emulator.reset()
    assert run() == first


def test_idempotent_retry_after_a_lost_answer(http: httpx.Client, emulator: Emulator) -> None:
    emulator.inject(faults.timeout_after_accept(), match="alimtalk")
    with pytest.raises(httpx.ReadTimeout):
        send_alimtalk(http, key="send-42")
    retry = send_alimtalk(http, key="send-42").json()
    assert retry["header"]["resultCode"] == -1005
    emulator.assert_each_recipient_got_exactly_one(["01055550123"])
    emulator.assert_no_duplicates()


def test_connect_error_does_not_use_up_the_key(http: httpx.Client, emulator: Emulator) -> None:
    emulator.inject(faults.connect_error())
    with pytest.raises(httpx.ConnectError):
        send_alimtalk(http, key="send-43")
    assert send_alimtalk(http, key="send-43").json()["header"]["resultCode"] == 0
    assert len(emulator.accepted) == 1


async def test_async_transport(emulator: Emulator) -> None:
    async with httpx.AsyncClient(
        transport=emulator.transport(), base_url=KAKAO_HOST, headers=SECRET
    ) as client:
        response = await client.post(f"{ALIMTALK}/messages", json=ALIMTALK_BODY)
        assert response.json()["header"]["resultCode"] == 0
        request_id = response.json()["message"]["requestId"]
        one = await client.get(f"{ALIMTALK}/messages/{request_id}/1")
        assert one.json()["message"]["resultCode"] == "1000"
        emulator.inject(faults.timeout_after_accept())
        with pytest.raises(httpx.ReadTimeout):
            await client.post(f"{ALIMTALK}/messages", json=ALIMTALK_BODY)
        emulator.inject(faults.connect_error())
        with pytest.raises(httpx.ConnectError):
            await client.post(f"{ALIMTALK}/messages", json=ALIMTALK_BODY)
    assert len(emulator.accepted) == 2


def test_respx_side_effect(emulator: Emulator) -> None:
    with respx.mock(assert_all_called=True) as mock:
        mock.route(host="sms.api.nhncloudservice.com").mock(side_effect=emulator.handler)
        with httpx.Client(headers=SECRET) as client:
            assert send_sms(client).json()["header"]["resultCode"] == 0
            emulator.inject(faults.connect_error())
            with pytest.raises(httpx.ConnectError):
                send_sms(client)
    assert len(emulator.accepted) == 1


def test_http_server(emulator: Emulator) -> None:
    with emulator.serve() as base_url, httpx.Client(base_url=base_url, headers=SECRET) as client:
        assert base_url.startswith("http://127.0.0.1:")
        response = client.post(f"{SMS}/sender/sms", json=SMS_BODY)
        assert response.status_code == 200
        request_id = response.json()["body"]["data"]["requestId"]
        listed = client.get(f"{SMS}/sender/sms", params={"requestId": request_id})
        assert listed.json()["body"]["totalCount"] == 1
        wrong = client.post(f"{SMS}/sender/sms", json=SMS_BODY, headers={"X-Secret-Key": "x"})
        assert wrong.json()["header"]["resultCode"] == -1000
        image = client.post(
            "/brand-message/v1.0/appkeys/test-kakao-app/images",
            files={"image": ("a.png", b"\x89PNG" + bytes(range(256)) * 4, "image/png")},
            data={"imageType": "IMAGE"},
        )
        assert image.json()["image"]["imageName"] == "a.png"
        throttled = emulator.inject(faults.http_status(429, retry_after=2))
        busy = client.post(f"{SMS}/sender/sms", json=SMS_BODY)
        assert (busy.status_code, busy.headers["Retry-After"]) == (429, "2")
        assert throttled.fired == 1
    with pytest.raises(httpx.ConnectError), httpx.Client() as late:
        late.get(f"{base_url}{SMS}/sendNos", headers=SECRET)
    assert len(emulator.accepted) == 1


@pytest.mark.parametrize(
    ("fault", "accepted"),
    [(faults.connect_error(), 0), (faults.timeout_after_accept(), 1)],
)
def test_http_server_drops_the_connection(
    emulator: Emulator, fault: faults.Fault, accepted: int
) -> None:
    emulator.inject(fault)
    with emulator.serve() as base_url, httpx.Client(base_url=base_url, headers=SECRET) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.post(f"{SMS}/sender/sms", json=SMS_BODY)
        assert len(emulator.accepted) == accepted
        # The next request gets a fresh connection and an answer.
        assert client.post(f"{SMS}/sender/sms", json=SMS_BODY).status_code == 200
    assert len(emulator.accepted) == accepted + 1
