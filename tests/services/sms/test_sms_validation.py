"""Local validation of the SMS methods: each rule raises ValidationError naming the
field, and no HTTP request is made.

A catch-all respx route answers anything, so a request that slipped through
would be recorded (and the test fail on ``route.called``) rather than error out
for a reason unrelated to validation.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import respx

from notify_sdk import NotifyClient, Recipient, SendResult
from notify_sdk.errors import NotifyError, ValidationError
from notify_sdk.results import RecipientResult
from tests.helpers import CLIENT_KWARGS, SMS_PREFIX, Api
from tests.helpers.sms import kst_now, send_answer

AD = "(광고) 주말 할인\n무료수신거부 080-555-0100"


@pytest.fixture
def route() -> Iterator[respx.Route]:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock.route().respond(json=send_answer([]))


async def assert_refused(
    api: Api, route: respx.Route, field: str, method: str, *args: Any, **kwargs: Any
) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        if method == "list_sms_deliveries":
            await api.collect(method, *args, **kwargs)
        else:
            await api.call(method, *args, **kwargs)
    error = info.value
    assert error.field == field, str(error)
    assert error.code is None and error.service is None
    assert error.attempts is None
    assert not route.called
    return error


def _too_many() -> Iterator[str]:
    # An endless generator: the check must stop at 1,001 without draining it.
    return (f"0105555{n:04d}" for n in itertools.count())


NOW = kst_now()
SMS = ("01055550123", "hi")

CASES: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = [
    # recipients
    ("to", "send_sms", ([], "hi"), {}),
    ("to", "send_sms", ([f"0105555{n:04d}" for n in range(1001)], "hi"), {}),
    ("to", "send_sms", (_too_many(), "hi"), {}),
    ("to", "send_mms", (iter([f"0105555{n:04d}" for n in range(1001)]), "hi"), {"title": "t"}),
    ("to", "send_sms", ("010-ABCD-0123", "hi"), {}),
    ("to", "send_sms", ("010", "hi"), {}),
    ("to", "send_sms", ("0" * 21, "hi"), {}),
    ("to", "send_sms", (1055550123, "hi"), {}),
    ("to", "send_sms", (["01055550123", None], "hi"), {}),
    ("to", "send_sms", (b"01055550123", "hi"), {}),
    ("to", "send_sms", (Recipient("01055550123", country_code="82x"), "hi"), {}),
    # A +country number and country_code= both (a +82 number is domestic: no conflict).
    ("to", "send_sms", (Recipient("+14155550123", country_code="1"), "hi"), {}),
    ("to", "send_sms", (Recipient("01055550123", grouping_key="g" * 101), "hi"), {}),
    # SMS body: 90 EUC-KR bytes, emoji, empty
    ("body", "send_sms", ("01055550123", "a" * 91), {}),
    ("body", "send_sms", ("01055550123", "가" * 46), {}),
    ("body", "send_auth_sms", ("01055550123", "인증 " + "가" * 44), {}),
    ("body", "send_ad_sms", ("01055550123", AD + " " + "가" * 30), {}),
    ("body", "send_sms", ("01055550123", "shipped 😀"), {}),
    ("body", "send_sms", ("01055550123", ""), {}),
    ("body", "send_sms", ("01055550123", "   "), {}),
    ("body", "send_sms", ("01055550123", None), {}),
    ("body", "send_sms", ("01055550123", 42), {}),
    ("body", "send_sms", ("01055550123", "##name## " + "a" * 80), {"params": {"name": "b" * 20}}),
    # template parameters
    ("params", "send_sms", ("01055550123", "##name##"), {"params": {"name": "Kim 😀"}}),
    ("params", "send_sms", ("01055550123", "##name##"), {"params": ["name"]}),
    ("params", "send_sms", ("01055550123", "##n##"), {"params": {"n": object()}}),
    ("params", "send_sms", (Recipient("01055550123", params={"n": None}), "##n##"), {}),  # type: ignore[dict-item]
    # LMS/MMS limits
    ("body", "send_mms", ("01055550123", "a" * 4001), {"title": "t"}),
    ("body", "send_mms", ("01055550123", "😀"), {"title": "t"}),
    ("title", "send_mms", ("01055550123", "body"), {"title": None}),
    ("title", "send_mms", ("01055550123", "body"), {"title": "t" * 121}),
    ("title", "send_mms", ("01055550123", "body"), {"title": "t 😀"}),
    ("title", "send_mms", ("01055550123", "body"), {"title": ""}),
    ("to", "send_mms", (Recipient("9012345678", country_code="81"), "b"), {"title": "t"}),
    ("to", "send_mms", ("+14155550123", "b"), {"title": "t"}),
    # attachments
    (
        "attachment_ids",
        "send_mms",
        ("01055550123", "b"),
        {"title": "t", "attachment_ids": [1, 2, 3, 4]},
    ),
    ("attachment_ids", "send_mms", ("01055550123", "b"), {"title": "t", "attachment_ids": ["1"]}),
    ("attachment_ids", "send_mms", ("01055550123", "b"), {"title": "t", "attachment_ids": [-1]}),
    ("attachment_ids", "send_mms", ("01055550123", "b"), {"title": "t", "attachment_ids": [True]}),
    ("attachment_ids", "send_mms", ("01055550123", "b"), {"title": "t", "attachment_ids": 771204}),
    ("attachment_ids", "send_ad_mms", ("01055550123", AD), {"title": "t", "attachment_ids": "12"}),
    # sender
    ("sender", "send_sms", SMS, {"sender": "02-ABC"}),
    ("sender", "send_sms", SMS, {"sender": "12"}),
    ("sender", "send_sms", SMS, {"sender": "0" * 14}),
    # schedule: past, over 60 days, not a datetime
    ("scheduled_at", "send_sms", SMS, {"scheduled_at": NOW - timedelta(minutes=5)}),
    ("scheduled_at", "send_sms", SMS, {"scheduled_at": NOW + timedelta(days=61)}),
    ("scheduled_at", "send_mms", SMS, {"title": "t", "scheduled_at": "2030-01-01 10:00"}),
    (
        "scheduled_at",
        "send_ad_sms",
        ("01055550123", AD),
        # An aware moment in the past is in the past in Korea time too.
        {"scheduled_at": datetime.now(timezone.utc) - timedelta(minutes=10)},
    ),
    # keys and labels
    ("sender_grouping_key", "send_sms", SMS, {"sender_grouping_key": "k" * 101}),
    ("sender_grouping_key", "send_sms", SMS, {"sender_grouping_key": ""}),
    ("template_id", "send_sms", SMS, {"template_id": "t" * 51}),
    ("user_id", "send_sms", SMS, {"user_id": "u" * 101}),
    # authentication words (checked after substitution, per recipient)
    ("body", "send_auth_sms", ("01055550123", "Your code is 1234"), {}),
    ("body", "send_auth_sms", ("01055550123", "##w## code 1234"), {"params": {"w": "Shop"}}),
    (
        "body",
        "send_auth_sms",
        (
            [
                Recipient("01055550123", params={"w": "인증"}),
                Recipient("01055550124", params={"w": "code"}),
            ],
            "##w## 1234",
        ),
        {},
    ),
    # advertising prefix / opt-out suffix
    ("body", "send_ad_sms", ("01055550123", "주말 할인\n무료수신거부 0805550100"), {}),
    ("body", "send_ad_sms", ("01055550123", " (광고) 주말 할인\n무료수신거부 0805550100"), {}),
    ("body", "send_ad_sms", ("01055550123", "(광고) 주말 할인"), {}),
    ("body", "send_ad_sms", ("01055550123", "(광고) 주말 할인\n수신거부 0805550100"), {}),
    ("body", "send_ad_sms", ("01055550123", "(광고) 주말 할인\n무료수신거부 0212345678"), {}),
    (
        "body",
        "send_ad_mms",
        ("01055550123", "(광고) 무료수신거부 0805550100 그리고 더 많은 글"),
        {"title": "t"},
    ),
    # queries
    ("kind", "get_sms_delivery", ("REQ1", 1), {"kind": "lms"}),
    ("request_id", "get_sms_delivery", ("REQ/../x", 1), {}),
    ("request_id", "get_sms_delivery", ("R" * 26, 1), {}),
    ("seq", "get_sms_delivery", ("REQ1", 0), {}),
    ("seq", "get_sms_delivery", ("REQ1", "1"), {}),
    ("seq", "get_sms_delivery", ("REQ1", True), {}),
    ("request_id", "list_sms_deliveries", (), {}),
    ("request_id", "list_sms_deliveries", (), {"sender_grouping_key": "k"}),
    ("request_id", "list_sms_deliveries", (), {"result_from": NOW, "result_to": NOW}),
    ("requested_from", "list_sms_deliveries", (), {"requested_from": NOW}),
    ("created_from", "list_sms_deliveries", (), {"created_to": NOW}),
    (
        "created_from",
        "list_sms_deliveries",
        (),
        {"created_from": NOW, "created_to": NOW + timedelta(days=32)},
    ),
    (
        "requested_from",
        "list_sms_deliveries",
        (),
        {"requested_from": NOW, "requested_to": NOW - timedelta(seconds=1)},
    ),
    ("requested_to", "list_sms_deliveries", (), {"requested_from": NOW, "requested_to": "x"}),
    ("page_size", "list_sms_deliveries", (), {"request_id": "R", "page_size": 1001}),
    ("page_size", "list_sms_deliveries", (), {"request_id": "R", "page_size": 0}),
    ("limit", "list_sms_deliveries", (), {"request_id": "R", "limit": 0}),
    ("status", "list_sms_deliveries", (), {"request_id": "R", "status": "9"}),
    ("result", "list_sms_deliveries", (), {"request_id": "R", "result": "MTR9"}),
    ("recipient", "list_sms_deliveries", (), {"request_id": "R", "recipient": "abc"}),
    ("kind", "list_sms_deliveries", (), {"request_id": "R", "kind": "ad-sms"}),
    # cancel
    ("recipient_seqs", "cancel_scheduled_sms", ("REQ1",), {}),
    ("recipient_seqs", "cancel_scheduled_sms", ("REQ1", []), {}),
    ("recipient_seqs", "cancel_scheduled_sms", ("REQ1", [0]), {}),
    ("recipient_seqs", "cancel_scheduled_sms", ("REQ1", 3), {}),
    ("update_user", "cancel_scheduled_sms", ("REQ1", [1]), {"update_user": ""}),
    ("request", "cancel_scheduled_sms", ("REQ 1", [1]), {}),
    (
        "request",
        "cancel_scheduled_sms",
        (SendResult(service="sms", request_id=None, recipients=()),),
        {},
    ),
    (
        "recipient_seqs",
        "cancel_scheduled_sms",
        (SendResult("sms", "REQ1", (RecipientResult("0105555", 1, -2019),)),),
        {},
    ),
    # upload
    ("file_name", "upload_attachment", (b"\xff\xd8\xff",), {}),
    ("file_name", "upload_attachment", (b"\xff\xd8\xff",), {"file_name": "a.png"}),
    ("file_name", "upload_attachment", (b"\xff\xd8\xff",), {"file_name": "a" * 42 + ".jpg"}),
    ("file", "upload_attachment", (b"",), {"file_name": "a.jpg"}),
    ("file", "upload_attachment", (b"x" * (300 * 1024),), {"file_name": "a.jpg"}),
    ("file", "upload_attachment", (12,), {"file_name": "a.jpg"}),
    ("create_user", "upload_attachment", (b"x",), {"file_name": "a.jpg", "create_user": ""}),
]


@pytest.mark.parametrize(
    ("field", "method", "args", "kwargs"),
    CASES,
    ids=[f"{i}-{c[1]}-{c[0]}" for i, c in enumerate(CASES)],
)
async def test_local_rule(
    api: Api,
    route: respx.Route,
    field: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    if args and isinstance(args[0], Iterator):
        # Generators are single-use; the case list is shared by both clients.
        args = (iter(list(itertools.islice(args[0], 1001))), *args[1:])
    await assert_refused(api, route, field, method, *args, **kwargs)


async def test_sms_body_limit_points_to_send_mms(api: Api, route: respx.Route) -> None:
    error = await assert_refused(api, route, "body", "send_sms", "01055550123", "가" * 46)
    assert "92 bytes" in str(error)
    assert "send_mms" in str(error)


async def test_sms_body_at_limit_is_sent(api: Api, route: respx.Route) -> None:
    await api.call("send_sms", "01055550123", "가" * 44 + "ab")  # exactly 90 bytes
    await api.call("send_sms", "01055550123", "똠" * 45)  # rare syllable: still 2 bytes
    assert route.call_count == 2


async def test_emoji_error_names_position(api: Api, route: respx.Route) -> None:
    error = await assert_refused(api, route, "body", "send_sms", "01055550123", "order 😀 ok")
    assert "position 6" in str(error)
    assert "U+1F600" in str(error)


async def test_missing_sender(route: respx.Route) -> None:
    kwargs = dict(CLIENT_KWARGS, sms_sender=None)
    client = NotifyClient(**kwargs)  # type: ignore[arg-type]
    with client, pytest.raises(ValidationError) as info:
        client.send_sms("01055550123", "hi")
    assert info.value.field == "sender"
    assert "NHN_SMS_SENDER" in str(info.value)
    assert not route.called


async def test_upload_missing_file(api: Api, route: respx.Route, tmp_path: Path) -> None:
    await assert_refused(api, route, "file", "upload_attachment", tmp_path / "nope.jpg")


async def test_upload_large_file_is_not_read(api: Api, route: respx.Route, tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff" * (300 * 1024))
    await assert_refused(api, route, "file", "upload_attachment", big)


ACCEPTED_AD_BODIES = [
    AD,
    "(광고) 할인\n무료거부 0805550100",
    "(광고) 할인\n[무료 수신거부]0808880000",
    "(광고) 할인\n무료 수신 거부: 080-888-0000",
    "(광고) 할인 (무료수신거부 080-8888-0000)",
    "(광고) 할인\n무료수신거부 0805550100\n",
]


@pytest.mark.parametrize("body", ACCEPTED_AD_BODIES)
async def test_ad_wording_accepted(api: Api, route: respx.Route, body: str) -> None:
    await api.call("send_ad_sms", "01055550123", body)
    assert route.call_count == 1


@pytest.mark.parametrize(
    "body",
    ["[인증] 1234", "Your AUTH code", "Password reset: 1234", "verify: 1234", "비밀번호 1234"],
)
async def test_auth_words_accepted(api: Api, route: respx.Route, body: str) -> None:
    await api.call("send_auth_sms", "01055550123", body)
    assert route.call_count == 1


async def test_auth_word_from_params(api: Api, route: respx.Route) -> None:
    await api.call("send_auth_sms", "01055550123", "##w## 1234", params={"w": "인증번호"})
    assert route.call_count == 1


async def test_schedule_window_edges(api: Api, route: respx.Route) -> None:
    await api.call("send_sms", *SMS, scheduled_at=kst_now() + timedelta(minutes=2))
    await api.call("send_sms", *SMS, scheduled_at=kst_now() + timedelta(days=59, hours=23))
    assert route.call_count == 2


async def test_long_mms_warns_but_sends(api: Api, route: respx.Route) -> None:
    with pytest.warns(UserWarning, match="2000 EUC-KR bytes"):
        await api.call("send_mms", "01055550123", "가" * 1001, title="t")
    with pytest.warns(UserWarning, match="title is over 40"):
        await api.call("send_mms", "01055550123", "b", title="가" * 21)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await api.call("send_mms", "01055550123", "가" * 1000, title="가" * 20)
    assert route.call_count == 3


async def test_validation_errors_are_notify_errors(api: Api, route: respx.Route) -> None:
    with pytest.raises(NotifyError):
        await api.call("send_sms", "nope", "hi")
    assert not route.called


def test_route_fixture_catches_requests(route: respx.Route) -> None:
    """Guard for the fixture itself: a request that is made is seen."""
    with NotifyClient(**CLIENT_KWARGS) as client:  # type: ignore[arg-type]
        client.send_sms("01055550123", "hi")
    assert route.called
    assert str(route.calls.last.request.url).startswith(SMS_PREFIX)
