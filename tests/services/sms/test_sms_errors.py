"""Answers that are not the documented envelope, and failures carried by one.

Whatever comes back, the caller sees a typed NotifyError: never KeyError,
TypeError, JSONDecodeError or an httpx exception. Retries are disabled per
call where they would only repeat the same answer.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from notify_sdk import RetryPolicy
from notify_sdk.errors import (
    APIError,
    NotifyError,
    ProtocolError,
    RateLimitError,
    RecipientError,
    ServerError,
    ValidationError,
    lookup,
)
from tests.helpers import Api, envelope
from tests.helpers.sms import REQUEST_ID, mock

__all__ = ["mock"]

NO_RETRY = RetryPolicy.disabled()
HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
HTML_404 = b"<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>"

# (method, path, http method, args, kwargs) for one call of every endpoint.
ENDPOINTS: list[tuple[str, str, str, tuple[Any, ...], dict[str, Any]]] = [
    ("send_sms", "/sender/sms", "POST", ("01055550123", "hi"), {}),
    ("send_mms", "/sender/mms", "POST", ("01055550123", "hi"), {"title": "t"}),
    ("send_auth_sms", "/sender/auth/sms", "POST", ("01055550123", "인증 1234"), {}),
    (
        "send_ad_sms",
        "/sender/ad-sms",
        "POST",
        ("01055550123", "(광고) 할인\n무료거부 0805550100"),
        {},
    ),
    (
        "send_ad_mms",
        "/sender/ad-mms",
        "POST",
        ("01055550123", "(광고) 할인\n무료거부 0805550100"),
        {"title": "t"},
    ),
    (
        "upload_attachment",
        "/attachfile/binaryUpload",
        "POST",
        (b"\xff\xd8\xff",),
        {"file_name": "a.jpg"},
    ),
    ("get_sms_delivery", f"/sender/sms/{REQUEST_ID}", "GET", (REQUEST_ID, 1), {}),
    ("list_sms_deliveries", "/sender/sms", "GET", (), {"request_id": REQUEST_ID}),
    ("cancel_scheduled_sms", "/reservations/cancel", "PUT", (REQUEST_ID, [1]), {}),
]
IDS = [e[0] for e in ENDPOINTS]


async def run(api: Api, endpoint: tuple[str, str, str, tuple[Any, ...], dict[str, Any]]) -> Any:
    name, _, _, args, kwargs = endpoint
    if name == "list_sms_deliveries":
        return await api.collect(name, *args, retry=NO_RETRY, **kwargs)
    return await api.call(name, *args, retry=NO_RETRY, **kwargs)


def answer(mock: respx.MockRouter, endpoint: tuple[Any, ...], response: httpx.Response) -> None:
    mock.route(method=endpoint[2], path__regex=f".*{endpoint[1]}$").mock(return_value=response)


@pytest.fixture(params=ENDPOINTS, ids=IDS)
def endpoint(
    request: pytest.FixtureRequest,
) -> tuple[str, str, str, tuple[Any, ...], dict[str, Any]]:
    return request.param  # type: ignore[no-any-return]


async def test_html_502_is_server_error(api: Api, mock: respx.MockRouter, endpoint: Any) -> None:
    answer(
        mock, endpoint, httpx.Response(502, content=HTML_502, headers={"content-type": "text/html"})
    )
    # A 502 may hide an accepted send: before raising, the driver looks the
    # send up once by its senderGroupingKey. Here it is not found.
    lookup = mock.get(path__regex=r".*/sender/(sms|mms|auth/sms)$").respond(
        json=envelope({"totalCount": 0, "data": []})
    )
    with pytest.raises(ServerError) as info:
        await run(api, endpoint)
    assert info.value.code is None
    assert info.value.http_status == 502
    assert info.value.attempts == 1
    assert "<html>" not in str(info.value)
    is_send = endpoint[0].startswith("send_")
    assert lookup.call_count == (1 if is_send else 0)


async def test_429_without_envelope_is_rate_limit(
    api: Api, mock: respx.MockRouter, endpoint: Any
) -> None:
    answer(
        mock, endpoint, httpx.Response(429, text="Too Many Requests", headers={"retry-after": "7"})
    )
    with pytest.raises(RateLimitError) as info:
        await run(api, endpoint)
    assert info.value.http_status == 429
    assert info.value.retry_after == 7.0


async def test_html_404_is_protocol_error(api: Api, mock: respx.MockRouter, endpoint: Any) -> None:
    answer(mock, endpoint, httpx.Response(404, content=HTML_404))
    with pytest.raises(ProtocolError) as info:
        await run(api, endpoint)
    assert info.value.http_status == 404
    assert info.value.service == "sms"


BAD_200_BODIES = [
    pytest.param(b"<html>OK</html>", id="html"),
    pytest.param(b"", id="empty"),
    pytest.param(b"\xff\xfe\x00garbage", id="not-utf8"),
    pytest.param(b'{"header": {"isSuccessful": true', id="truncated-json"),
    pytest.param(b"null", id="null"),
    pytest.param(b"[]", id="array"),
    pytest.param(b'"SUCCESS"', id="string"),
    pytest.param(b'{"body": {"data": {}}}', id="no-header"),
    pytest.param(b'{"header": "ok", "body": {}}', id="header-not-object"),
    pytest.param(b'{"header": {"resultCode": 0}}', id="no-isSuccessful"),
    pytest.param(b'{"header": {"isSuccessful": true, "resultCode": 0}}', id="no-body"),
    pytest.param(
        b'{"header": {"isSuccessful": true, "resultCode": 0}, "body": null}', id="null-body"
    ),
    pytest.param(
        b'{"header": {"isSuccessful": true, "resultCode": 0}, "body": []}', id="list-body"
    ),
    pytest.param(
        b'{"header": {"isSuccessful": true, "resultCode": 0}, "body": "x"}', id="str-body"
    ),
    pytest.param(
        b'{"header": {"isSuccessful": true, "resultCode": 0}, "body": {"data": "x"}}',
        id="str-data",
    ),
    pytest.param(
        b'{"header": {"isSuccessful": true, "resultCode": "OK"}, "body": {}}', id="code-not-int"
    ),
    pytest.param(
        b'{"header": {"isSuccessful": false, "resultCode": 0}, "body": {}}', id="failed-code-0"
    ),
]


@pytest.mark.parametrize("content", BAD_200_BODIES)
async def test_bad_200_is_protocol_error(
    api: Api, mock: respx.MockRouter, endpoint: Any, content: bytes
) -> None:
    answer(mock, endpoint, httpx.Response(200, content=content))
    with pytest.raises(ProtocolError) as info:
        await run(api, endpoint)
    assert info.value.attempts == 1


SEND_SHAPES = [
    pytest.param({"data": []}, id="data-list"),
    pytest.param({"data": {"requestId": REQUEST_ID, "sendResultList": "x"}}, id="results-str"),
    pytest.param({"data": {"requestId": REQUEST_ID, "sendResultList": {}}}, id="results-obj"),
    pytest.param({"data": {"sendResultList": []}}, id="no-request-id"),
    pytest.param(
        {"data": {"requestId": REQUEST_ID, "sendResultList": [{"resultCode": "E1"}]}},
        id="code-not-int",
    ),
    pytest.param(
        {"data": {"requestId": REQUEST_ID, "sendResultList": [{"resultCode": [0]}]}},
        id="code-list",
    ),
]


@pytest.mark.parametrize("body", SEND_SHAPES)
async def test_send_answer_of_wrong_shape(
    api: Api, mock: respx.MockRouter, body: dict[str, Any]
) -> None:
    mock.post("/sender/sms").respond(json=envelope(body))
    with pytest.raises(ProtocolError):
        await api.call("send_sms", "01055550123", "hi", retry=NO_RETRY)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"data": {"fileName": "a.jpg"}}, id="no-file-id"),
        pytest.param({"data": {"fileId": "abc"}}, id="file-id-str"),
        pytest.param({"data": {"fileId": None}}, id="file-id-null"),
        pytest.param({"data": {"fileId": 1.5}}, id="file-id-float"),
    ],
)
async def test_upload_answer_of_wrong_shape(
    api: Api, mock: respx.MockRouter, body: dict[str, Any]
) -> None:
    mock.post("/attachfile/binaryUpload").respond(json=envelope(body))
    with pytest.raises(ProtocolError):
        await api.call("upload_attachment", b"\xff", file_name="a.jpg", retry=NO_RETRY)


async def test_upload_file_id_infinity(api: Api, mock: respx.MockRouter) -> None:
    content = (
        b'{"header": {"isSuccessful": true, "resultCode": 0},'
        b' "body": {"data": {"fileId": Infinity}}}'
    )
    mock.post("/attachfile/binaryUpload").respond(content=content)
    with pytest.raises(ProtocolError):
        await api.call("upload_attachment", b"\xff", file_name="a.jpg", retry=NO_RETRY)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"pageNum": 1, "totalCount": 1}, id="no-data"),
        pytest.param({"data": {"requestId": REQUEST_ID}}, id="data-object"),
        pytest.param({"data": "x"}, id="data-str"),
    ],
)
async def test_list_answer_of_wrong_shape(
    api: Api, mock: respx.MockRouter, body: dict[str, Any]
) -> None:
    mock.get("/sender/sms").respond(json=envelope(body))
    with pytest.raises(ProtocolError):
        await api.collect("list_sms_deliveries", request_id=REQUEST_ID, retry=NO_RETRY)


async def test_list_tolerates_junk_items_and_odd_total(api: Api, mock: respx.MockRouter) -> None:
    body = {"totalCount": "abc", "data": [None, 3, {"requestId": REQUEST_ID, "recipientSeq": "4"}]}
    mock.get("/sender/sms").respond(json=envelope(body))
    items = await api.collect("list_sms_deliveries", request_id=REQUEST_ID, page_size=5)
    assert [(d.request_id, d.seq) for d in items] == [(REQUEST_ID, 4)]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="no-data"),
        pytest.param({"data": None}, id="null-data"),
        pytest.param({"data": [1]}, id="list-data"),
    ],
)
async def test_single_answer_of_wrong_shape(
    api: Api, mock: respx.MockRouter, body: dict[str, Any]
) -> None:
    mock.get(f"/sender/sms/{REQUEST_ID}").respond(json=envelope(body))
    with pytest.raises(ProtocolError):
        await api.call("get_sms_delivery", REQUEST_ID, 1, retry=NO_RETRY)
    mock.put("/reservations/cancel").respond(json=envelope(body))
    with pytest.raises(ProtocolError):
        await api.call("cancel_scheduled_sms", REQUEST_ID, [1], retry=NO_RETRY)


# --- non-2xx WITH the envelope: the code decides ---------------------------------


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, -2019), (400, -2014), (401, -2312), (500, -9999), (403, -1005), (200, -4000)],
)
async def test_envelope_decides_whatever_the_status(
    api: Api, mock: respx.MockRouter, status: int, code: int
) -> None:
    mock.post("/sender/sms").respond(status, json=envelope(code=code, message="server says"))
    mock.get("/sender/sms").respond(json=envelope({"totalCount": 0, "data": []}))
    with pytest.raises(APIError) as info:
        await api.call("send_sms", "01055550123", "hi", retry=NO_RETRY)
    error = info.value
    assert type(error) is lookup("sms", code)
    assert (error.service, error.code, error.http_status) == ("sms", code, status)
    assert error.message == "server says"


async def test_400_invalid_recipient_is_recipient_error(api: Api, mock: respx.MockRouter) -> None:
    mock.post("/sender/sms").respond(400, json=envelope(code=-2019, message="bad"))
    with pytest.raises(RecipientError) as info:
        await api.call("send_sms", "01055550123", "hi", retry=NO_RETRY)
    assert isinstance(info.value, ValidationError)
    assert info.value.field is None  # a server-side validation code, not a local check


async def test_string_result_code_in_header(api: Api, mock: respx.MockRouter) -> None:
    content = b'{"header": {"isSuccessful": false, "resultCode": "-2312", "resultMessage": "x"}}'
    mock.post("/sender/sms").respond(400, content=content)
    with pytest.raises(APIError) as info:
        await api.call("send_sms", "01055550123", "hi", retry=NO_RETRY)
    assert info.value.code == -2312


@pytest.mark.parametrize(
    "exc",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("x")],
)
async def test_transport_failures_are_typed(
    api: Api, mock: respx.MockRouter, exc: Exception
) -> None:
    mock.get(f"/sender/sms/{REQUEST_ID}").mock(side_effect=exc)
    with pytest.raises(NotifyError) as info:
        await api.call("get_sms_delivery", REQUEST_ID, 1, retry=NO_RETRY)
    assert not isinstance(info.value, httpx.HTTPError)
    assert info.value.attempts == 1
