"""Secrets stay secret: the canary secret key never shows up anywhere a user could see it.

Sends run at DEBUG logging, succeeding and failing, on both clients; the test
then searches every log record, repr, str and pickle for the canary.
"""

from __future__ import annotations

import logging
import pickle
import re
import traceback

import httpx
import pytest
import respx

from notify_sdk import RetryPolicy
from notify_sdk._core.params import mask_number
from notify_sdk.errors import NotifyError
from tests.helpers import SECRET, SMS_APP_KEY, SMS_PREFIX, Api, envelope
from tests.helpers.sms import mock, ok_row, send_answer

__all__ = ["mock"]

NUMBER = "01055550123"
LOG_LINE = re.compile(
    r"^(?P<method>GET|POST|PUT) (?P<path>/sms/v3\.0/appKeys/\{appkey\}/\S+) -> "
    r"(?P<status>\d{3}|[A-Za-z]+) code=(?P<code>-?\d+|None) (?P<ms>\d+\.\d)ms"
)


def test_canary_is_in_the_secret() -> None:
    assert "CANARY" in SECRET


def _texts_of(error: BaseException) -> list[str]:
    """Everything a user may see of an exception, its causes included."""
    texts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    texts.append(pickle.dumps(error).decode("latin-1"))
    restored = pickle.loads(pickle.dumps(error))
    texts += [str(restored), repr(restored)]
    return texts


def _assert_clean(texts: list[str]) -> None:
    for text in texts:
        assert SECRET not in text
        assert "CANARY" not in text


FAILURES = [
    pytest.param(httpx.Response(400, json=envelope(code=-2019, message="bad number")), id="400"),
    pytest.param(httpx.Response(401, json=envelope(code=-1001, message="bad key")), id="401"),
    pytest.param(httpx.Response(404, text="<html>not found</html>"), id="404-html"),
    pytest.param(httpx.Response(502, text="<html>bad gateway</html>"), id="502-html"),
    pytest.param(httpx.ConnectError("refused"), id="connect"),
    pytest.param(httpx.ReadTimeout("slow"), id="read-timeout"),
]


@pytest.mark.parametrize("failure", FAILURES)
async def test_no_secret_in_failed_send(
    api: Api,
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
    failure: httpx.Response | Exception,
) -> None:
    caplog.set_level(logging.DEBUG, logger="notify_sdk")
    route = mock.post("/sender/sms")
    if isinstance(failure, Exception):
        route.side_effect = failure
    else:
        route.return_value = failure
    mock.get("/sender/sms").respond(json=envelope({"totalCount": 0, "data": []}))
    with pytest.raises(NotifyError) as info:
        await api.call("send_sms", NUMBER, "hi", retry=RetryPolicy.disabled())
    assert route.calls.last.request.headers["X-Secret-Key"] == SECRET  # it was sent
    texts = _texts_of(info.value)
    texts += [r.getMessage() for r in caplog.records] + [caplog.text, repr(api.client)]
    _assert_clean(texts)


async def test_no_secret_in_successful_send(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="notify_sdk")
    mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    result = await api.call("send_sms", NUMBER, "hi")
    texts = [repr(result), str(result), repr(api.client), str(api.client), caplog.text]
    texts += [r.getMessage() for r in caplog.records]
    texts.append(pickle.dumps(result).decode("latin-1"))
    _assert_clean(texts)
    assert SECRET not in repr(api.client._config)


async def test_partial_send_error_has_no_secret(api: Api, mock: respx.MockRouter) -> None:
    row = {"recipientNo": NUMBER, "resultCode": -2019, "resultMessage": "bad", "recipientSeq": 1}
    mock.post("/sender/sms").respond(json=send_answer([row]))
    result = await api.call("send_sms", NUMBER, "hi")
    with pytest.raises(NotifyError) as info:
        result.raise_for_failures()
    _assert_clean(_texts_of(info.value))


async def test_one_debug_line_per_attempt(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """A 503 (retried at once: it never reached the send logic), then success."""
    caplog.set_level(logging.DEBUG, logger="notify_sdk")
    send = mock.post("/sender/sms")
    send.side_effect = [
        httpx.Response(503, text="busy"),
        httpx.Response(200, json=send_answer([ok_row()])),
    ]
    await api.call("send_sms", NUMBER, "hi")
    lines = [r for r in caplog.records if r.name.startswith("notify_sdk")]
    assert [r.levelno for r in lines] == [logging.DEBUG] * 2
    parsed = [LOG_LINE.match(r.getMessage()) for r in lines]
    assert all(parsed), [r.getMessage() for r in lines]
    assert [(m["method"], m["path"], m["status"], m["code"]) for m in parsed if m] == [
        ("POST", "/sms/v3.0/appKeys/{appkey}/sender/sms", "503", "None"),
        ("POST", "/sms/v3.0/appKeys/{appkey}/sender/sms", "200", "0"),
    ]
    for record in lines:
        message = record.getMessage()
        assert SMS_APP_KEY not in message
        assert SMS_PREFIX not in message
        assert NUMBER not in message  # recipient numbers are personal data
        assert SECRET not in message


async def test_debug_line_for_error_code_and_transport_failure(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="notify_sdk")
    mock.get("/sender/sms/REQ1").respond(400, json=envelope(code=-2012, message="x"))
    mock.get("/sender/sms/REQ2").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(NotifyError):
        await api.call("get_sms_delivery", "REQ1", 1, retry=RetryPolicy.disabled())
    with pytest.raises(NotifyError):
        await api.call("get_sms_delivery", "REQ2", 1, retry=RetryPolicy.disabled())
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("notify_sdk")]
    assert len(messages) == 2
    first, second = (LOG_LINE.match(m) for m in messages)
    assert first and (first["method"], first["status"], first["code"]) == ("GET", "400", "-2012")
    assert first["path"] == "/sms/v3.0/appKeys/{appkey}/sender/sms/REQ1"
    assert second and second["status"] == "TransportError"
    assert all(SMS_APP_KEY not in m for m in messages)


async def test_nothing_logged_above_debug_by_default(
    api: Api, mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="notify_sdk")
    mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    await api.call("send_sms", NUMBER, "hi")
    assert not [r for r in caplog.records if r.name.startswith("notify_sdk")]


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("01012345678", "010****5678"),
        ("010-1234-5678", "010****5678"),
        ("0212345678", "021***5678"),
        ("+821012345678", "+82******5678"),
        ("1234567", "12*****"),
        ("12", "12"),
        ("", ""),
    ],
)
def test_mask_number(number: str, masked: str) -> None:
    assert mask_number(number) == masked


def test_invalid_number_error_masks_it() -> None:
    from notify_sdk._core.params import normalize_number
    from notify_sdk.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        normalize_number("010-1234-567X")
    assert "1234" not in str(info.value)
