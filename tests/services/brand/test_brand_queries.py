"""Brand Message queries, cancel and uploads (brand-message.md sections 8 and 10).

Every HTTP test runs against both clients (``api``).
"""

from __future__ import annotations

import re
import struct
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import SendResult
from notify_sdk.brand import (
    BrandDelivery,
    BrandImage,
    BrandImageType,
    BrandMessageDetail,
    BrandMessageStatus,
    BrandVideo,
    BrandVideoUpload,
    BrandVideoUploaded,
    ChatBubbleType,
    ResendStatus,
    Targeting,
    VideoStatus,
)
from notify_sdk.delivery import KakaoResultCode, Outcome
from notify_sdk.errors import APIError, NotFoundError, TransportError, ValidationError
from notify_sdk.results import CancelResult, RecipientResult
from tests.helpers import BRAND_PREFIX, SECRET, SENDER_KEY, Api, body_json, kakao_envelope
from tests.helpers.brand import NOON, REQUEST_ID, api, check_headers, list_answer, list_item, mock

__all__ = ["api", "mock"]  # fixtures imported for pytest


# --- list ---


async def test_list_by_request_date_range_and_filters(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get("/messages").respond(json=list_answer([list_item(1, "k")], 1))
    items = await api.collect(
        "list_brand_messages",
        requested_from=datetime(2026, 11, 27, 9, 55),
        requested_to=datetime(2026, 11, 27, 10, 5),
        sender_key=SENDER_KEY,
        template_code="tpl-1",
        recipient="010-5555-0123",
        status=BrandMessageStatus.FAILED,
        result="MRC02",
        sender_grouping_key="winter-list-2611",
        recipient_grouping_key="cust-9917",
        page_size=1000,
    )
    request = route.calls.last.request
    check_headers(request)
    assert request.url.path.endswith("/brand-message/v1.0/appkeys/test-kakao-app-key/messages")
    assert dict(request.url.params) == {
        "startRequestDate": "2026-11-27 09:55",
        "endRequestDate": "2026-11-27 10:05",
        "senderKey": SENDER_KEY,
        "templateCode": "tpl-1",
        "senderGroupingKey": "winter-list-2611",
        "recipientGroupingKey": "cust-9917",
        "recipientNo": "01055550123",
        "messageStatus": "FAILED",
        "resultCode": "MRC02",
        "pageNum": "1",
        "pageSize": "1000",
    }
    assert len(items) == 1


async def test_list_item_is_parsed(api: Api, mock: respx.MockRouter) -> None:
    """brand-message.md 8.1's documented item."""
    item = list_item(
        1, "winter-list-2611", chatBubbleType="CAROUSEL_COMMERCE", recipientNo="01055550123",
        recipientGroupingKey="cust-9917", requestDate="2026-11-27 10:00:00",
        receiveDate="2026-11-27 10:00:04",
    )  # fmt: skip
    mock.get("/messages").respond(json=list_answer([item], 1))
    (delivery,) = await api.collect("list_brand_messages", request_id=REQUEST_ID)
    assert delivery == BrandDelivery(
        request_id=REQUEST_ID,
        seq=1,
        recipient="01055550123",
        sender_key="5f2a9c1e7b3d4a6f8e0c2b4d6f8a1c3e5b7d9f0a",
        plus_friend_id="@hanbitbooks",
        template_code=None,
        targeting=Targeting.I,
        chat_bubble_type=ChatBubbleType.CAROUSEL_COMMERCE,
        push_alarm=True,
        status=BrandMessageStatus.COMPLETED,
        raw_status="COMPLETED",
        result_code=KakaoResultCode.SUCCESS,
        raw_result_code="1000",
        result_code_name="Success",
        is_added_channel=True,
        resend_status=ResendStatus.TARGET,
        raw_resend_status="RSC02",
        resend_status_name="Fallback target",
        request_date="2026-11-27 10:00:00",
        create_date="2026-11-24 12:00:00",
        receive_date="2026-11-27 10:00:04",
        sender_grouping_key="winter-list-2611",
        recipient_grouping_key="cust-9917",
    )
    assert delivery.requested_at == datetime(2026, 11, 27, 10, 0)
    assert delivery.received_at == datetime(2026, 11, 27, 10, 0, 4)
    assert delivery.delivery_code is KakaoResultCode.parse("1000")
    # Typed like the AlimTalk and SMS rows: the enum, its outcome, ok.
    assert delivery.result_code is KakaoResultCode.SUCCESS
    assert delivery.outcome is Outcome.DELIVERED and delivery.ok


async def test_list_tolerates_unknown_values(api: Api, mock: respx.MockRouter) -> None:
    item = list_item(
        1, "k", targeting="F", messageStatus="SENDING", resendStatusCode="RSC09",
        chatBubbleType="HOLOGRAM", isAddedChannel=None, resultCode="X999",
    )  # fmt: skip
    mock.get("/messages").respond(json=list_answer([item]))
    (delivery,) = await api.collect("list_brand_messages", request_id=REQUEST_ID)
    assert (delivery.targeting, delivery.status, delivery.resend_status) == (None, None, None)
    assert (delivery.raw_status, delivery.raw_resend_status) == ("SENDING", "RSC09")
    assert delivery.chat_bubble_type is None
    assert delivery.is_added_channel is None
    assert delivery.delivery_code is None
    # A code in no table: kept raw, a failure of unknown kind, never None.
    assert (delivery.result_code, delivery.raw_result_code) == (None, "X999")
    assert delivery.outcome is Outcome.UNKNOWN_FAILURE and not delivery.ok


@pytest.mark.parametrize(
    ("fields", "code", "outcome"),
    [({"resultCode": "3022"}, KakaoResultCode.OUTSIDE_SENDING_HOURS, Outcome.TIME_WINDOW),
     ({"resultCode": "1028"}, KakaoResultCode.TARGETING_UNAVAILABLE, Outcome.PERMANENT_FAILURE),
     ({"resultCode": "4161"}, KakaoResultCode.STILL_PROCESSING, Outcome.PENDING),
     ({"resultCode": None, "messageStatus": None}, None, Outcome.PENDING),
     ({"resultCode": None, "messageStatus": "FAILED"}, None, Outcome.UNKNOWN_FAILURE),
     ({"resultCode": None, "messageStatus": "CANCEL"}, None, Outcome.PERMANENT_FAILURE)],
)  # fmt: skip
async def test_list_rows_carry_the_kakao_delivery_enum_and_outcome(
    api: Api,
    mock: respx.MockRouter,
    fields: dict[str, Any],
    code: KakaoResultCode | None,
    outcome: Outcome,
) -> None:
    mock.get("/messages").respond(json=list_answer([list_item(1, "k", **fields)]))
    (delivery,) = await api.collect("list_brand_messages", request_id=REQUEST_ID)
    assert delivery.result_code is code
    assert delivery.outcome is outcome
    assert delivery.raw_result_code == fields["resultCode"]


async def test_list_pages_until_total(api: Api, mock: respx.MockRouter) -> None:
    pages = {
        "1": list_answer([list_item(1, "k"), list_item(2, "k")], 3),
        "2": list_answer([list_item(3, "k")], 3),
    }
    route = mock.get("/messages").mock(
        side_effect=lambda request: httpx.Response(200, json=pages[request.url.params["pageNum"]])
    )
    items = await api.collect("list_brand_messages", request_id=REQUEST_ID, page_size=2)
    assert [i.seq for i in items] == [1, 2, 3]
    assert [c.request.url.params["pageNum"] for c in route.calls] == ["1", "2"]
    assert {c.request.url.params["pageSize"] for c in route.calls} == {"2"}
    assert route.calls[0].request.url.params["requestId"] == REQUEST_ID


async def test_list_stops_at_limit(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get("/messages").respond(
        json=list_answer([list_item(i, "k") for i in range(1, 3)], 10)
    )
    items = await api.collect("list_brand_messages", request_id=REQUEST_ID, page_size=2, limit=3)
    assert len(items) == 3
    assert route.call_count == 2


LIST_REJECTED: list[tuple[str, dict[str, Any], str]] = [
    ("no selector", {}, "request_id"),
    ("half a range", {"requested_from": datetime(2026, 11, 1)}, "requested_from"),
    ("range over 31 days",
     {"requested_from": datetime(2026, 10, 1), "requested_to": datetime(2026, 11, 2)},
     "requested_from"),
    ("reversed range",
     {"requested_from": datetime(2026, 11, 2), "requested_to": datetime(2026, 11, 1)},
     "requested_from"),
    ("bad status", {"request_id": "r", "status": "DONE"}, "status"),
    ("bad result", {"request_id": "r", "result": "MRC03"}, "result"),
    ("page size 1001", {"request_id": "r", "page_size": 1001}, "page_size"),
    ("bad recipient", {"request_id": "r", "recipient": "nobody"}, "recipient"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "kwargs", "field"), LIST_REJECTED, ids=[c[0] for c in LIST_REJECTED]
)
async def test_list_validation(
    api: Api, mock: respx.MockRouter, case: str, kwargs: dict[str, Any], field: str
) -> None:
    route = mock.get("/messages").respond(json=list_answer([]))
    with pytest.raises(ValidationError) as info:
        await api.collect("list_brand_messages", **kwargs)
    assert info.value.field == field
    assert not route.called


# --- get one ---


async def test_get_message_with_fallback_result(api: Api, mock: respx.MockRouter) -> None:
    message = list_item(
        2, "k", templateCode="tpl-1", resendStatusCode="RSC04", resendStatusName="Fallback done",
        resendResultCode="0", resendRequestId="20261124120005smsReq00",
        messageStatus="FAILED", resultCode="3018", content="(광고) hello", adult=False,
        header=None, templateParameter='{"name": "Kim"}',
        buttons=[{"name": "Go", "type": "WL", "linkMo": "https://m.s"}],
    )  # fmt: skip
    answer = kakao_envelope()
    answer["message"] = message
    route = mock.get(f"/messages/{REQUEST_ID}/2").respond(json=answer)
    detail = await api.call("get_brand_message", REQUEST_ID, 2)
    request = route.calls.last.request
    check_headers(request)
    assert str(request.url) == f"{BRAND_PREFIX}/messages/{REQUEST_ID}/2"
    assert isinstance(detail, BrandMessageDetail)
    assert detail.seq == 2
    assert detail.status is BrandMessageStatus.FAILED
    assert detail.resend_status is ResendStatus.SUCCEEDED
    assert detail.resend_result_code == "0"
    assert detail.resend_request_id == "20261124120005smsReq00"
    assert detail.content == "(광고) hello"
    assert detail.adult is False
    assert detail.template_parameter == {"name": "Kim"}
    assert detail.raw["buttons"][0]["type"] == "WL"
    assert detail.delivery_code is KakaoResultCode.parse("3018")
    assert detail.result_code is KakaoResultCode.parse("3018")
    assert detail.outcome is KakaoResultCode("3018").outcome


async def test_get_message_template_parameter_as_object(api: Api, mock: respx.MockRouter) -> None:
    answer = kakao_envelope()
    answer["message"] = list_item(1, "k", templateParameter={"a": "b"})
    mock.get(f"/messages/{REQUEST_ID}/1").respond(json=answer)
    detail = await api.call("get_brand_message", REQUEST_ID, 1)
    assert detail.template_parameter == {"a": "b"}


async def test_get_message_without_body(api: Api, mock: respx.MockRouter) -> None:
    mock.get(f"/messages/{REQUEST_ID}/1").respond(json=kakao_envelope())
    assert await api.call("get_brand_message", REQUEST_ID, 1) is None


async def test_get_message_not_found(api: Api, mock: respx.MockRouter) -> None:
    mock.get(f"/messages/{REQUEST_ID}/1").respond(json=kakao_envelope(-1016, "no message"))
    with pytest.raises(NotFoundError) as info:
        await api.call("get_brand_message", REQUEST_ID, 1)
    assert info.value.code == -1016


@pytest.mark.parametrize("seq", [0, -1, True, "1"])
async def test_get_message_needs_positive_seq(api: Api, mock: respx.MockRouter, seq: Any) -> None:
    with pytest.raises(ValidationError) as info:
        await api.call("get_brand_message", REQUEST_ID, seq)
    assert info.value.field == "seq"


async def test_get_message_request_id_cannot_escape_the_path(
    api: Api, mock: respx.MockRouter
) -> None:
    with pytest.raises(ValidationError) as info:
        await api.call("get_brand_message", "a/../../senders", 1)
    assert info.value.field == "request_id"


# --- cancel ---


async def test_cancel_all_recipients(api: Api, mock: respx.MockRouter) -> None:
    route = mock.delete(f"/messages/{REQUEST_ID}").respond(json=kakao_envelope())
    outcome = await api.call("cancel_brand_message", REQUEST_ID)
    assert outcome == CancelResult(None, None, service="brand", request_id=REQUEST_ID)
    request = route.calls.last.request
    check_headers(request)
    assert str(request.url) == f"{BRAND_PREFIX}/messages/{REQUEST_ID}"


async def test_cancel_some_recipients_of_a_result(api: Api, mock: respx.MockRouter) -> None:
    route = mock.delete(f"/messages/{REQUEST_ID}").respond(json=kakao_envelope())
    sent = SendResult("brand", REQUEST_ID, (RecipientResult("01055550101", 1, 0),))
    outcome = await api.call("cancel_brand_message", sent, [1, 3])
    assert dict(route.calls.last.request.url.params) == {"recipientSeq": "1,3"}
    assert outcome == CancelResult(2, None, service="brand", request_id=REQUEST_ID)


async def test_cancel_every_recipient_of_a_result_counts_the_accepted(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.delete(f"/messages/{REQUEST_ID}").respond(json=kakao_envelope())
    sent = SendResult(
        "brand",
        REQUEST_ID,
        (RecipientResult("01055550101", 1, 0), RecipientResult("0105555", 2, -1030)),
    )
    outcome = await api.call("cancel_brand_message", sent)
    # No seqs on the wire: the API cancels every recipient of the request.
    assert dict(route.calls.last.request.url.params) == {}
    assert outcome == CancelResult(1, None, service="brand", request_id=REQUEST_ID)


async def test_cancel_nothing_left(api: Api, mock: respx.MockRouter) -> None:
    route = mock.delete(f"/messages/{REQUEST_ID}").respond(json=kakao_envelope(-2029, "none"))
    with pytest.raises(NotFoundError):
        await api.call("cancel_brand_message", REQUEST_ID)
    assert route.call_count == 1


async def test_cancel_is_not_repeated_after_ambiguous_failure(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.delete(f"/messages/{REQUEST_ID}").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(TransportError):
        await api.call("cancel_brand_message", REQUEST_ID)
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("args", "field"),
    [((SendResult("brand", None, ()),), "request"), ((REQUEST_ID, []), "recipient_seqs"),
     ((REQUEST_ID, [0]), "recipient_seqs"), (("",), "request"), (("../senders",), "request")],
)  # fmt: skip
async def test_cancel_validation(
    api: Api, mock: respx.MockRouter, args: tuple[Any, ...], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api.call("cancel_brand_message", *args)
    assert info.value.field == field


# --- images ---


def png(width: int, height: int) -> bytes:
    """A PNG signature and IHDR chunk: enough for the size check."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0\0\0\0"


def jpeg(width: int, height: int) -> bytes:
    """SOI, an APP0 segment, then a baseline SOF0 frame header."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


IMAGE_ANSWER = kakao_envelope(
    image={
        "imageSeq": 50872,
        "imageUrl": "https://mud-kage.kakao.com/dn/ex4mpl/book1_800x400.jpg",
        "imageName": "book1_800x400.jpg",
    }
)


async def test_upload_image_multipart(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/images").respond(json=IMAGE_ANSWER)
    content = jpeg(800, 400)
    image = await api.call(
        "upload_brand_image", content, BrandImageType.IMAGE, file_name="book1_800x400.jpg"
    )
    assert image == BrandImage(
        seq=50872,
        url="https://mud-kage.kakao.com/dn/ex4mpl/book1_800x400.jpg",
        name="book1_800x400.jpg",
        image_type=BrandImageType.IMAGE,
    )
    request = route.calls.last.request
    assert str(request.url) == f"{BRAND_PREFIX}/images"
    assert request.headers["X-Secret-Key"] == SECRET
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    raw = request.content
    assert b'name="imageType"\r\n\r\nIMAGE\r\n' in raw
    assert b'name="image"; filename="book1_800x400.jpg"' in raw
    assert b"Content-Type: image/jpeg" in raw
    assert content in raw


async def test_upload_image_from_path(api: Api, mock: respx.MockRouter, tmp_path: Path) -> None:
    route = mock.post("/images").respond(json=IMAGE_ANSWER)
    path = tmp_path / "items.png"
    path.write_bytes(png(600, 300))
    await api.call("upload_brand_image", path, "MAIN_WIDE_ITEMLIST_IMAGE")
    raw = route.calls.last.request.content
    assert b'filename="items.png"' in raw
    assert b"MAIN_WIDE_ITEMLIST_IMAGE" in raw
    assert b"Content-Type: image/png" in raw


async def test_upload_image_is_not_repeated_after_ambiguous_failure(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post("/images").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(TransportError):
        await api.call("upload_brand_image", png(800, 800), "IMAGE", file_name="a.png")
    assert route.call_count == 1


IMAGE_REJECTED: list[tuple[str, bytes, str, str | None, str]] = [
    ("too narrow", png(499, 300), "IMAGE", "a.png", "file"),
    ("too tall for IMAGE", png(600, 801), "IMAGE", "a.png", "file"),
    ("too flat for IMAGE", png(800, 399), "IMAGE", "a.png", "file"),
    ("wide too tall", jpeg(800, 801), "WIDE_IMAGE", "a.jpg", "file"),
    ("main item not 2:1", png(800, 500), "MAIN_WIDE_ITEMLIST_IMAGE", "a.png", "file"),
    ("normal item not square", png(800, 790), "NORMAL_WIDE_ITEMLIST_IMAGE", "a.png", "file"),
    ("gif name", png(800, 400), "IMAGE", "a.gif", "file_name"),
    ("png bytes named jpg", png(800, 400), "IMAGE", "a.jpg", "file"),
    ("empty", b"", "IMAGE", "a.png", "file"),
    ("over 5 MB", png(800, 400) + b"\0" * (5 * 1024 * 1024), "IMAGE", "a.png", "file"),
    ("bytes without a name", png(800, 400), "IMAGE", None, "file_name"),
    ("unknown type", png(800, 400), "BANNER", "a.png", "image_type"),
]


@pytest.mark.parametrize(
    ("case", "content", "image_type", "name", "field"),
    IMAGE_REJECTED,
    ids=[c[0] for c in IMAGE_REJECTED],
)
async def test_upload_image_validation(
    api: Api,
    mock: respx.MockRouter,
    case: str,
    content: bytes,
    image_type: str,
    name: str | None,
    field: str,
) -> None:
    route = mock.post("/images").respond(json=IMAGE_ANSWER)
    with pytest.raises(ValidationError) as info:
        await api.call("upload_brand_image", content, image_type, file_name=name)
    assert info.value.field == field, str(info.value)
    assert not route.called


@pytest.mark.parametrize(
    ("image_type", "size"),
    [("IMAGE", (800, 400)), ("IMAGE", (600, 800)), ("WIDE_IMAGE", (800, 600)),
     ("WIDE_IMAGE", (800, 800)), ("NORMAL_WIDE_ITEMLIST_IMAGE", (500, 500)),
     ("CAROUSEL_FEED_IMAGE", (800, 400)), ("CAROUSEL_COMMERCE_IMAGE", (800, 1066))],
)  # fmt: skip
async def test_upload_image_accepted_sizes(
    api: Api, mock: respx.MockRouter, image_type: str, size: tuple[int, int]
) -> None:
    route = mock.post("/images").respond(json=IMAGE_ANSWER)
    await api.call("upload_brand_image", jpeg(*size), image_type, file_name="a.jpeg")
    assert route.call_count == 1


# --- videos ---

VIDEO_ANSWER = kakao_envelope(
    video={
        "videoSeq": 1201,
        "vid": "kv-77aa",
        "senderKey": SENDER_KEY,
        "title": None,
        "fileName": "spring.mp4",
        "fileSize": 12,
        "status": "REGISTERED",
    },
    uploadInfo={"uploadUrl": "https://upload.kakao.example/v1/upload", "token": "tok-123"},
)
UPLOAD_URL = "https://upload.kakao.example/v1/upload"


async def test_register_video(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/videos").respond(json=VIDEO_ANSWER)
    ticket = await api.call("register_brand_video", "spring.mp4", 12, create_user="ops")
    request = route.calls.last.request
    check_headers(request)
    assert body_json(request) == {
        "senderKey": SENDER_KEY,
        "fileName": "spring.mp4",
        "fileSize": 12,
        "createUser": "ops",
    }
    assert ticket.video == BrandVideo(
        seq=1201,
        vid="kv-77aa",
        sender_key=SENDER_KEY,
        file_name="spring.mp4",
        file_size=12,
        status=VideoStatus.REGISTERED,
        raw_status="REGISTERED",
    )
    assert (ticket.upload_url, ticket.token, ticket.file_size) == (UPLOAD_URL, "tok-123", 12)
    assert ticket.registered_at == NOON.replace(tzinfo=None)
    assert ticket.expires_at == datetime(2026, 11, 24, 12, 5)
    assert "tok-123" not in repr(ticket)


@pytest.mark.parametrize(
    ("name", "size", "field"),
    [("spring.mkv", 12, "file_name"), ("dir/spring.mp4", 12, "file_name"),
     ("a" * 247 + ".mp4", 12, "file_name"), ("spring.mp4", 0, "file_size"),
     ("spring.mp4", 4 * 1024**3 + 1, "file_size"), ("spring.MOV", True, "file_size")],
)  # fmt: skip
async def test_register_video_validation(
    api: Api, mock: respx.MockRouter, name: str, size: Any, field: str
) -> None:
    route = mock.post("/videos").respond(json=VIDEO_ANSWER)
    with pytest.raises(ValidationError) as info:
        await api.call("register_brand_video", name, size)
    assert info.value.field == field
    assert not route.called


def _ticket(**changes: Any) -> BrandVideoUpload:
    values: dict[str, Any] = {
        "video": BrandVideo(seq=1201, file_name="spring.mp4"),
        "upload_url": UPLOAD_URL,
        "token": "tok-123",
        "file_size": 12,
        "registered_at": datetime(2026, 11, 24, 11, 58),
    }
    values.update(changes)
    return BrandVideoUpload(**values)


async def test_upload_video_goes_to_kakao_with_the_token(api: Api) -> None:
    with respx.mock(assert_all_mocked=True) as kakao:
        route = kakao.post(UPLOAD_URL).respond(
            json={"vid": "kv-77aa", "playUrl": "https://play.kakao.example/kv-77aa"}
        )
        result = await api.call("upload_brand_video", _ticket(), b"0123456789ab")
    assert result == BrandVideoUploaded("kv-77aa", "https://play.kakao.example/kv-77aa")
    request = route.calls.last.request
    assert request.headers["x-kamp-upload-token"] == "tok-123"
    assert "X-Secret-Key" not in request.headers
    assert b'name="file"; filename="spring.mp4"' in request.content
    assert b"0123456789ab" in request.content


async def test_upload_video_streams_a_path(api: Api, tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"x" * 12)
    with respx.mock(assert_all_mocked=True) as kakao:
        route = kakao.post(UPLOAD_URL).respond(json={"vid": "v", "playUrl": None})
        result = await api.call("upload_brand_video", _ticket(), path)
    assert result.vid == "v"
    assert b"x" * 12 in route.calls.last.request.read()


async def test_upload_video_refused_by_kakao(api: Api) -> None:
    with respx.mock(assert_all_mocked=True) as kakao:
        kakao.post(UPLOAD_URL).respond(400, json={"errCode": 109, "message": "size mismatch"})
        with pytest.raises(APIError) as info:
            await api.call("upload_brand_video", _ticket(), b"0123456789ab")
    assert info.value.http_status == 400
    assert "errCode 109" in str(info.value)


async def test_upload_video_transport_failure_is_not_retried(api: Api) -> None:
    with respx.mock(assert_all_mocked=True) as kakao:
        route = kakao.post(UPLOAD_URL).mock(side_effect=httpx.ReadTimeout("slow"))
        with pytest.raises(TransportError) as info:
            await api.call("upload_brand_video", _ticket(), b"0123456789ab")
    assert info.value.ambiguous
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("ticket", "file", "match"),
    [(_ticket(registered_at=datetime(2026, 11, 24, 11, 55)), b"0123456789ab", "expired"),
     (_ticket(), b"short", "12 were registered"),
     ("not a ticket", b"0123456789ab", "BrandVideoUpload")],
)  # fmt: skip
async def test_upload_video_validation(api: Api, ticket: Any, file: bytes, match: str) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as kakao:
        route = kakao.post(UPLOAD_URL).respond(json={})
        with pytest.raises(ValidationError, match=match):
            await api.call("upload_brand_video", ticket, file)
    assert not route.called


def test_methods_keep_builder_docs() -> None:
    from notify_sdk import AsyncNotifyClient, NotifyClient

    for name in (
        "send_brand_message",
        "send_brand_template",
        "list_brand_messages",
        "get_brand_message",
        "cancel_brand_message",
        "upload_brand_image",
        "register_brand_video",
        "upload_brand_video",
    ):
        for cls in (NotifyClient, AsyncNotifyClient):
            method = getattr(cls, name)
            assert method.__doc__ and len(method.__doc__) > 40, (cls, name)
    assert re.search(r"targeting", NotifyClient.send_brand_message.__doc__ or "")
    assert timedelta(seconds=BrandVideoUpload.TOKEN_TTL) == timedelta(minutes=5)
