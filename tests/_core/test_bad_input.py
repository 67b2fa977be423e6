"""Bad input never escapes ``except NotifyError`` and is refused before sending.

A correctly typed value with bad content (lone surrogates, header-breaking
keys, datetimes at the edge of the calendar, bytes where ids are expected)
raises ``ValidationError`` naming the field, and nothing goes out.
"""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import respx

from notify_sdk import NotifyClient, Recipient, RetryPolicy
from notify_sdk.brand import TextMessage
from notify_sdk.errors import ConfigurationError, NotifyError, ValidationError
from tests.helpers import CLIENT_KWARGS, KST, Api

NOON = datetime(2026, 11, 24, 12, 0, tzinfo=KST).astimezone(timezone.utc)
FAR = datetime.max.replace(tzinfo=timezone(timedelta(hours=-12)))
EARLY = datetime.min.replace(tzinfo=timezone(timedelta(hours=12)))
LONE = "\ud800"
AD_BODY = "(광고) 주말 할인\n무료수신거부 080-555-0100"


@pytest.fixture
def nothing_sent() -> Any:
    # Any request at all fails the test: the input must be refused locally.
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


async def _refused(api: Api, method: str, *args: Any, **kwargs: Any) -> ValidationError:
    api.set_clock(NOON)
    with pytest.raises(NotifyError) as info:
        await api.call(method, *args, **kwargs)
    assert isinstance(info.value, ValidationError), repr(info.value)
    assert info.value.field
    return info.value


# --- retry= ------------------------------------------------------------------------


@pytest.mark.parametrize("retry", ["fast", 3, object(), 0, False, ""])
async def test_retry_must_be_a_policy(api: Api, nothing_sent: respx.MockRouter, retry: Any) -> None:
    with pytest.raises(TypeError, match="RetryPolicy"):
        await api.call("send_sms", "01055550123", "hi", retry=retry)


# --- lone surrogates ------------------------------------------------------------------

SURROGATE_CALLS = [
    ("send_sms", ("01055550123", "hi"), {"user_id": LONE}),
    ("send_sms", ("01055550123", "hi"), {"sender_grouping_key": LONE}),
    ("send_sms", ("01055550123", "hi"), {"template_id": LONE}),
    ("send_sms", (Recipient("01055550123", grouping_key=LONE), "hi"), {}),
    ("send_sms", (Recipient("01055550123", params={"n": LONE}), "hi ##n##"), {}),
    ("send_alimtalk", ("01055550123", "T1"), {"params": {"name": LONE}}),
    ("send_alimtalk", ("01055550123", LONE), {}),
    ("send_alimtalk", ("01055550123", "T1"), {"stats_id": LONE}),
    ("send_brand_message", ("01055550123", TextMessage(f"a{LONE}")), {}),
    ("send_brand_message", ("01055550123", TextMessage("a")), {"reseller_code": LONE}),
    ("list_sms_deliveries", (), {"sender_grouping_key": LONE, "requested_from": NOON}),
    # The rest of the 14 methods the fuzzing found (one text field each).
    ("send_mms", ("01055550123", "hi"), {"title": f"t{LONE}"}),
    ("send_auth_sms", ("01055550123", "[인증] 1234"), {"user_id": LONE}),
    ("send_ad_sms", ("01055550123", AD_BODY), {"sender_grouping_key": LONE}),
    ("send_ad_mms", ("01055550123", AD_BODY), {"title": "t", "user_id": LONE}),
    ("send_alimtalk_raw", ("01055550123", f"a{LONE}"), {"template_code": "T1"}),
    ("send_friendtalk", ("01055550123", f"a{LONE}"), {}),
    ("send_brand_template", ("01055550123", "T1"), {"params": {"n": LONE}}),
    ("list_alimtalk_messages", (), {"sender_grouping_key": LONE, "requested_from": NOON}),
    ("list_brand_messages", (), {"recipient_grouping_key": LONE, "requested_from": NOON}),
    ("list_friendtalk_messages", (), {"sender_grouping_key": LONE, "requested_from": NOON}),
]


@pytest.mark.parametrize(("method", "args", "kwargs"), SURROGATE_CALLS)
async def test_lone_surrogates_are_refused(
    api: Api, nothing_sent: respx.MockRouter, method: str, args: Any, kwargs: Any
) -> None:
    if method.startswith("list_"):
        kwargs = {**kwargs, "requested_to": NOON + timedelta(hours=1)}

        async def run() -> Any:
            return await api.collect(method, *args, **kwargs)

        api.set_clock(NOON)
        with pytest.raises(NotifyError) as info:
            await run()
        assert isinstance(info.value, ValidationError) and info.value.field
        return
    error = await _refused(api, method, *args, **kwargs)
    assert "surrogate" in str(error) or "encod" in str(error)


# --- idempotency keys ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["한글키", "a\r\nX-Injected: 1", "\x00", " ", "a b", "", "x" * 101, LONE]
)
async def test_idempotency_key_must_be_visible_ascii(
    api: Api, nothing_sent: respx.MockRouter, key: str
) -> None:
    error = await _refused(api, "send_alimtalk", "01055550123", "T1", idempotency_key=key)
    assert error.field == "idempotency_key"
    assert "\r" not in str(error) and "\n" not in str(error)


async def test_a_uuid_idempotency_key_is_fine(api: Api) -> None:
    from tests._http.test_lifecycle import ALIMTALK_URL, alimtalk_ok

    with respx.mock() as mock:
        route = mock.post(ALIMTALK_URL).mock(side_effect=alimtalk_ok)
        api.set_clock(NOON)
        key = "7d1e0b9a-52c4-4e0f-b1a8-3f6c2d9e4a77"
        await api.call("send_alimtalk", "01055550123", "T1", idempotency_key=key)
    assert route.calls[0].request.headers["X-NC-API-IDEMPOTENCY-KEY"] == key


# --- datetimes at the edge of the calendar -------------------------------------------------


@pytest.mark.parametrize("moment", [FAR, EARLY])
@pytest.mark.parametrize(
    ("method", "args", "field"),
    [
        ("send_sms", ("01055550123", "hi"), "scheduled_at"),
        ("send_alimtalk", ("01055550123", "T1"), "scheduled_at"),
        ("send_brand_message", ("01055550123", TextMessage("a")), "scheduled_at"),
    ],
)
async def test_datetime_overflow_is_a_validation_error(
    api: Api, nothing_sent: respx.MockRouter, moment: datetime, method: str, args: Any, field: str
) -> None:
    error = await _refused(api, method, *args, scheduled_at=moment)
    assert error.field == field


@pytest.mark.parametrize("moment", [FAR, EARLY])
@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("list_sms_deliveries", {"requested_from": None, "requested_to": NOON}),
        ("list_alimtalk_messages", {"requested_from": None, "requested_to": NOON}),
    ],
)
async def test_date_filter_overflow_is_a_validation_error(
    api: Api, nothing_sent: respx.MockRouter, moment: datetime, method: str, kwargs: Any
) -> None:
    kwargs = {k: (moment if v is None else v) for k, v in kwargs.items()}
    api.set_clock(NOON)
    with pytest.raises(NotifyError) as info:
        await api.collect(method, **kwargs)
    assert isinstance(info.value, ValidationError), repr(info.value)
    assert info.value.field in kwargs


# --- id lists and enum filters ---------------------------------------------------------------


@pytest.mark.parametrize("seqs", [b"ab", "12", {}, {1: 1}, [True]])
async def test_recipient_seqs_must_be_ints(
    api: Api, nothing_sent: respx.MockRouter, seqs: Any
) -> None:
    error = await _refused(
        api, "cancel_scheduled_sms", "20261124103015aZ3kP9qLwX0", recipient_seqs=seqs
    )
    assert error.field == "recipient_seqs"


@pytest.mark.parametrize("ids", [{}, {5: 5}, b"\x01", [-1], [1.0]])
async def test_attachment_ids_must_be_ids(
    api: Api, nothing_sent: respx.MockRouter, ids: Any
) -> None:
    error = await _refused(api, "send_mms", "01055550123", "hi", title="t", attachment_ids=ids)
    assert error.field == "attachment_ids"


@pytest.mark.parametrize("status", [0, 3, True, 1.5])
async def test_status_filter_must_be_a_status(
    api: Api, nothing_sent: respx.MockRouter, status: Any
) -> None:
    api.set_clock(NOON)
    with pytest.raises(NotifyError) as info:
        await api.collect(
            "list_sms_deliveries",
            requested_from=NOON,
            requested_to=NOON + timedelta(hours=1),
            status=status,
        )
    assert isinstance(info.value, ValidationError) and info.value.field == "status"


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"max_attempts": 0},
        {"max_attempts": "3"},
        {"initial_delay": -1},
        {"max_delay": float("nan")},
        {"multiplier": float("inf")},
        {"deadline": 0},
        {"on_ambiguous": "maybe"},
        {"initial_delay": "1"},
    ],
)
def test_bad_retry_policy_is_an_sdk_error_and_a_value_error(changes: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError) as info:
        RetryPolicy(**changes)
    assert isinstance(info.value, ValueError)
    assert info.value.field == next(iter(changes))


@pytest.mark.parametrize(
    "url", ["ftp://user:pw-SECRET@host", "http//user:pw-SECRET@host", "https://u:pw-SECRET@host"]
)
def test_base_url_credentials_are_never_repeated(url: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        NotifyClient(**{**CLIENT_KWARGS, "sms_base_url": url})
    error = info.value
    for text in (str(error), repr(error), pickle.dumps(error).decode("latin-1")):
        assert "pw-SECRET" not in text


async def test_file_id_zero_from_the_upload_answer_is_sent(api: Api) -> None:
    """attachFileIdList is List<Integer>; the upload answer's example returns fileId 0."""
    from tests.helpers import SMS_PREFIX, body_json, envelope

    row = {"recipientSeq": 1, "recipientNo": "01055550123", "resultCode": 0}
    answer = envelope({"data": {"requestId": "R1", "sendResultList": [row]}})
    with respx.mock() as mock:
        route = mock.post(f"{SMS_PREFIX}/sender/mms").respond(json=answer)
        await api.call("send_mms", "01055550123", "hi", title="t", attachment_ids=[0])
    assert body_json(route.calls[0].request)["attachFileIdList"] == [0]
