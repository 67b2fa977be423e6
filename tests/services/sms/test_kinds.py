"""A SendResult knows what kind of SMS it was, and the SMS queries use that kind.

Without it, ``get_sms_delivery(send_mms(...).request_id, 1)`` asked the short-SMS
path (-2012) and ``list_sms_deliveries(request_id=...)`` listed nothing for
LMS and authentication sends.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from notify_sdk import NotifyClient, SendResult
from notify_sdk.errors import ValidationError
from notify_sdk.testing import Emulator

AD = "(광고) 주말 할인\n무료수신거부 080-555-0100"


@pytest.fixture
def client(notify_emulator: Emulator) -> NotifyClient:
    notify_emulator.add_opt_out_080("0805550100")
    return notify_emulator.client()


def test_send_results_record_their_kind(client: NotifyClient, notify_emulator: Emulator) -> None:
    upload = client.upload_attachment(b"\xff\xd8\xff\xe0jpeg", file_name="a.jpg")
    kinds = {
        "sms": client.send_sms("01055550001", "hi"),
        "lms": client.send_mms("01055550001", "hi", title="t"),
        "mms": client.send_mms("01055550001", "hi", title="t", attachment_ids=[upload.file_id]),
        "auth": client.send_auth_sms("01055550001", "[인증] 1234"),
        "ad-sms": client.send_ad_sms("01055550001", AD),
        "ad-lms": client.send_ad_mms("01055550001", AD, title="t"),
        "alimtalk": client.send_alimtalk("01055550001", "WELCOME", params={"name": "Kim"}),
    }
    assert {kind: result.kind for kind, result in kinds.items()} == {k: k for k in kinds}


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("send_mms", ("01055550001", "long text"), {"title": "t"}),
        ("send_auth_sms", ("01055550001", "[인증] 1234"), {}),
        ("send_ad_mms", ("01055550001", AD), {"title": "t"}),
        ("send_sms", ("01055550001", "short"), {}),
    ],
)
def test_queries_take_the_send_result_and_its_kind(
    client: NotifyClient, method: str, args: tuple[str, ...], kwargs: dict[str, str]
) -> None:
    result: SendResult = getattr(client, method)(*args, **kwargs)
    delivery = client.get_sms_delivery(result, 1)
    assert delivery.request_id == result.request_id and delivery.seq == 1
    listed = list(client.list_sms_deliveries(request_id=result))
    assert [d.seq for d in listed] == [1]


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("send_mms", ("01055550001", "long text"), {"title": "t"}),
        ("send_auth_sms", ("01055550001", "[인증] 1234"), {}),
    ],
)
def test_a_request_id_this_client_sent_is_queried_under_its_kind(
    client: NotifyClient, method: str, args: tuple[str, ...], kwargs: dict[str, str]
) -> None:
    request_id = getattr(client, method)(*args, **kwargs).request_id
    assert client.get_sms_delivery(request_id, 1).request_id == request_id
    assert [d.seq for d in client.list_sms_deliveries(request_id=request_id)] == [1]


def test_an_explicit_kind_contradicting_the_result_is_refused(client: NotifyClient) -> None:
    result = client.send_mms("01055550001", "long text", title="t")
    with pytest.raises(ValidationError) as info:
        client.get_sms_delivery(result, 1, kind="auth")
    assert info.value.field == "kind"


def test_cancel_of_a_scheduled_lms_takes_the_result(
    client: NotifyClient, notify_emulator: Emulator
) -> None:
    when = notify_emulator.now() + timedelta(days=1)
    result = client.send_mms("01055550001", "later", title="t", scheduled_at=when)
    assert result.kind == "lms"
    assert client.cancel_scheduled_sms(result).canceled == 1


def test_a_kakao_result_is_refused_by_the_sms_queries(client: NotifyClient) -> None:
    result = client.send_alimtalk("01055550001", "WELCOME", params={"name": "Kim"})
    with pytest.raises(ValidationError) as info:
        client.get_sms_delivery(result, 1)
    assert info.value.field in ("request_id", "kind")
