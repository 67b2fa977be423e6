"""Emulated Brand Message API v1.0 (``/brand-message/v1.0/appkeys/{appkey}/...``)."""

from __future__ import annotations

import email.parser
import email.policy
import re
from collections.abc import Mapping
from typing import Any

from ._common import (
    ApiFailure,
    JSONDict,
    WireReply,
    WireRequest,
    fail_if,
    is_http_url,
    kakao_reply,
    placeholders,
    substitute,
)
from ._kakao import (
    check_profile,
    check_recipients,
    check_resend,
    check_schedule,
    idempotency_key,
    recipient_number,
    reject_if,
    send_loop,
    sender_item,
)
from ._kakao_queries import cancel, get_message, list_messages
from ._records import SenderProfile
from ._state import Route, State

_PARTS = (
    "content",
    "header",
    "additionalContent",
    "image",
    "item",
    "video",
    "commerce",
    "carousel",
    "buttons",
    "coupon",
)

# (required parts, optional parts) per chatBubbleType; anything else is -3305.
_LAYOUTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "TEXT": (frozenset({"content"}), frozenset({"buttons", "coupon"})),
    "IMAGE": (frozenset({"content", "image"}), frozenset({"buttons", "coupon"})),
    "WIDE": (frozenset({"content", "image"}), frozenset({"buttons", "coupon"})),
    "WIDE_ITEM_LIST": (frozenset({"header", "item"}), frozenset({"buttons", "coupon"})),
    "PREMIUM_VIDEO": (frozenset({"video"}), frozenset({"content", "header", "buttons", "coupon"})),
    "COMMERCE": (
        frozenset({"image", "commerce", "buttons"}),
        frozenset({"additionalContent", "coupon"}),
    ),
    "CAROUSEL_FEED": (frozenset({"carousel"}), frozenset()),
    "CAROUSEL_COMMERCE": (frozenset({"carousel"}), frozenset()),
}
# The code for a missing required part.
_MISSING_CODE = {
    "content": -3303,
    "header": -3303,
    "image": -3319,
    "item": -3325,
    "video": -3317,
    "commerce": -3316,
    "buttons": -3306,
    "carousel": -3320,
}
_CONTENT_LIMIT = {
    "TEXT": (1300, 99),
    "IMAGE": (1300, 99),
    "WIDE": (76, 5),
    "PREMIUM_VIDEO": (76, 5),
}
_BUTTON_RANGE = {
    "TEXT": (0, 5),
    "IMAGE": (0, 5),
    "WIDE": (0, 2),
    "WIDE_ITEM_LIST": (0, 2),
    "PREMIUM_VIDEO": (0, 1),
    "COMMERCE": (1, 2),
}
_IMAGE_TYPE = {"IMAGE": "IMAGE", "WIDE": "WIDE_IMAGE", "COMMERCE": "IMAGE"}
_BUTTON_TYPES = frozenset({"WL", "AL", "BK", "MD", "AC", "BT", "BF"})
_BF_NAMES = frozenset({"톡에서 예약하기", "톡에서 설문하기", "톡에서 응모하기"})
_COUPON_TITLE = re.compile(
    r"(?:[1-9][0-9]{0,7}원 할인 쿠폰|(?:100|[1-9][0-9]?)% 할인 쿠폰|배송비 할인 쿠폰"
    r"|.{1,7} 무료 쿠폰|.{1,7} UP 쿠폰)"
)
_KAKAO_TV = re.compile(r"https://tv\.kakao\.com/(?:v/[0-9]+|channel/[0-9]+/cliplink/[0-9]+)")
_UNSUBSCRIBE_NO = re.compile(r"080-?[0-9]{3,4}-?[0-9]{4}")
_IMAGE_TYPES = frozenset(
    {
        "IMAGE",
        "WIDE_IMAGE",
        "MAIN_WIDE_ITEMLIST_IMAGE",
        "NORMAL_WIDE_ITEMLIST_IMAGE",
        "CAROUSEL_FEED_IMAGE",
        "CAROUSEL_COMMERCE_IMAGE",
    }
)


def _check_image_url(state: State, url: object, expected: str | None) -> None:
    fail_if(not isinstance(url, str) or not url, -3319)
    fail_if(not is_http_url(url), -3326)
    known = state.images.get(str(url))
    # Only images uploaded to the emulator carry a type; foreign URLs are trusted.
    fail_if(known is not None and expected is not None and known["imageType"] != expected, -8002)


def _check_links(part: Mapping[str, Any]) -> None:
    for name in ("linkMo", "linkPc"):
        value = part.get(name)
        fail_if(value is not None and not is_http_url(value), -3310)
        fail_if(isinstance(value, str) and len(value) > 1000, -2004)


def _check_buttons(buttons: object, bubble: str, *, low: int, high: int, has_coupon: bool) -> None:
    fail_if(buttons is not None and not isinstance(buttons, list), -3303)
    items: list[Any] = list(buttons) if isinstance(buttons, list) else []
    if has_coupon and bubble in ("TEXT", "IMAGE"):
        high = min(high, 4)
    fail_if(not low <= len(items) <= high, -3304)
    name_limit = 14 if bubble in ("TEXT", "IMAGE") else 8
    for index, button in enumerate(items):
        fail_if(not isinstance(button, dict), -3303)
        kind, name = button.get("type"), button.get("name")
        fail_if(not isinstance(name, str) or not name, -3009)
        fail_if(kind not in _BUTTON_TYPES, -3328)
        fail_if(len(str(name)) > name_limit, -2004)
        if kind == "WL":
            fail_if(not button.get("linkMo"), -3307)
        if kind == "AL":
            given = sum(1 for f in ("schemeAndroid", "schemeIos", "linkMo") if button.get(f))
            fail_if(given < 2, -3309)
        if kind == "AC":
            fail_if(name != "채널 추가", -3026)
            if bubble in ("TEXT", "IMAGE"):
                fail_if(index != 0, -3311)
            else:
                fail_if(index != len(items) - 1, -3312)
        if kind == "BF":
            fail_if(name not in _BF_NAMES or not button.get("bizFormKey"), -3045)
        _check_links(button)


def _check_coupon(coupon: object, bubble: str) -> None:
    if coupon is None:
        return
    fail_if(not isinstance(coupon, dict), -3314)
    assert isinstance(coupon, dict)
    title, description = coupon.get("title"), coupon.get("description")
    fail_if(not title or not description, -3314)
    fail_if(_COUPON_TITLE.fullmatch(str(title)) is None, -3315)
    limit = 18 if bubble in ("WIDE", "WIDE_ITEM_LIST", "PREMIUM_VIDEO") else 12
    fail_if(len(str(description)) > limit or "\n" in str(description), -2004)
    channel_coupon = any(
        "alimtalk=coupon://" in str(coupon.get(f) or "") for f in ("schemeAndroid", "schemeIos")
    )
    fail_if(not coupon.get("linkMo") and not channel_coupon, -3313)


def _check_commerce(commerce: object, missing_code: int) -> None:
    fail_if(not isinstance(commerce, dict), missing_code)
    assert isinstance(commerce, dict)
    fail_if(not commerce.get("title") or "regularPrice" not in commerce, missing_code)
    fail_if(len(str(commerce["title"])) > 30, -2004)
    given = frozenset(
        k for k in ("discountPrice", "discountRate", "discountFixed") if k in commerce
    )
    allowed: tuple[frozenset[str], ...] = (
        frozenset(),
        frozenset({"discountPrice", "discountRate"}),
        frozenset({"discountPrice", "discountFixed"}),
    )
    fail_if(given not in allowed, -3299)
    limits = {
        "regularPrice": 99_999_999,
        "discountPrice": 99_999_999,
        "discountRate": 100,
        "discountFixed": 999_999,
    }
    for name, top in limits.items():
        if name in commerce:
            value = commerce[name]
            fail_if(not isinstance(value, int) or isinstance(value, bool), -3304)
            fail_if(not 0 <= value <= top, -3304)


def _check_carousel(state: State, carousel: object, bubble: str) -> None:
    fail_if(not isinstance(carousel, dict), -3320)
    assert isinstance(carousel, dict)
    cards = carousel.get("list")
    fail_if(not isinstance(cards, list), -3320)
    assert isinstance(cards, list)
    head = carousel.get("head")
    feed = bubble == "CAROUSEL_FEED"
    fail_if(feed and head is not None, -3305)
    low, high = (1, 5) if head is not None else (2, 6)
    fail_if(not low <= len(cards) <= high, -3320)
    if head is not None:
        fail_if(not isinstance(head, dict), -3322)
        assert isinstance(head, dict)
        fail_if(not all(head.get(f) for f in ("header", "content", "imageUrl")), -3322)
        links = ("linkPc", "schemeAndroid", "schemeIos")
        fail_if(any(head.get(f) for f in links) and not head.get("linkMo"), -3321)
        fail_if(len(str(head["header"])) > 20 or len(str(head["content"])) > 50, -2004)
    tail = carousel.get("tail")
    if tail is not None:
        fail_if(not isinstance(tail, dict) or not tail.get("linkMo"), -3323)
    add_channel = 0
    for card in cards:
        fail_if(not isinstance(card, dict), -3334 if feed else -3332)
        assert isinstance(card, dict)
        if feed:
            fail_if("additionalContent" in card or "commerce" in card, -3335)
            fail_if(not all(card.get(f) for f in ("header", "message", "imageUrl")), -3334)
            fail_if(len(str(card["header"])) > 20 or len(str(card["message"])) > 180, -2004)
            _check_image_url(state, card["imageUrl"], "CAROUSEL_FEED_IMAGE")
        else:
            fail_if("header" in card or "message" in card, -3333)
            fail_if(not card.get("imageUrl") or "commerce" not in card, -3332)
            _check_commerce(card["commerce"], -3332)
            fail_if(len(str(card.get("additionalContent") or "")) > 34, -2004)
            _check_image_url(state, card["imageUrl"], "CAROUSEL_COMMERCE_IMAGE")
        buttons: list[Any] = card.get("buttons") or []
        fail_if(not buttons, -3334 if feed else -3332)
        _check_buttons(buttons, bubble, low=1, high=2, has_coupon=False)
        add_channel += len([b for b in buttons if isinstance(b, dict) and b.get("type") == "AC"])
        _check_coupon(card.get("coupon"), bubble)
    fail_if(add_channel > 1, -3304)


def check_bubble(state: State, data: Mapping[str, Any]) -> str:
    """Validate a free-form message body against its ``chatBubbleType``; return the type."""
    bubble = data.get("chatBubbleType")
    fail_if(bubble is None, -3303)
    fail_if(bubble not in _LAYOUTS, -3304)
    assert isinstance(bubble, str)
    required, optional = _LAYOUTS[bubble]
    present = {part for part in _PARTS if data.get(part) is not None}
    fail_if(bool(present - required - optional), -3305)
    for part in sorted(required - present):
        raise ApiFailure(_MISSING_CODE[part])
    content = data.get("content")
    if content is not None:
        fail_if(not isinstance(content, str) or not content, -3303)
        chars, breaks = _CONTENT_LIMIT.get(bubble, (1300, 99))
        fail_if(len(str(content)) > chars or str(content).count("\n") > breaks, -2004)
    header = data.get("header")
    if header is not None:
        fail_if(len(str(header)) > 20 or "\n" in str(header), -2004)
    extra = data.get("additionalContent")
    if extra is not None:
        fail_if(len(str(extra)) > 34 or str(extra).count("\n") > 1, -2004)
    image = data.get("image")
    if image is not None:
        fail_if(not isinstance(image, dict), -3319)
        assert isinstance(image, dict)
        _check_image_url(state, image.get("imageUrl"), _IMAGE_TYPE.get(bubble))
        fail_if(image.get("imageLink") is not None and not is_http_url(image["imageLink"]), -3327)
    item = data.get("item")
    if item is not None:
        entries = item.get("list") if isinstance(item, dict) else None
        fail_if(not isinstance(entries, list), -3325)
        assert isinstance(entries, list)
        fail_if(not 3 <= len(entries) <= 4, -3304)
        for index, entry in enumerate(entries):
            fail_if(not isinstance(entry, dict), -3325)
            fail_if(not entry.get("imageUrl") or not entry.get("linkMo"), -3325)
            fail_if(index > 0 and not entry.get("title"), -3325)
            expected = "MAIN_WIDE_ITEMLIST_IMAGE" if index == 0 else "NORMAL_WIDE_ITEMLIST_IMAGE"
            _check_image_url(state, entry["imageUrl"], expected)
            fail_if(len(str(entry.get("title") or "")) > (25 if index == 0 else 30), -2004)
    video = data.get("video")
    if video is not None:
        fail_if(not isinstance(video, dict) or not video.get("videoUrl"), -3317)
        assert isinstance(video, dict)
        url = str(video["videoUrl"])
        uploaded = any(v.get("videoUrl") == url for v in state.videos.values())
        fail_if(_KAKAO_TV.fullmatch(url) is None and not uploaded, -3318)
    if data.get("commerce") is not None:
        _check_commerce(data["commerce"], -3316)
    if data.get("carousel") is not None:
        _check_carousel(state, data["carousel"], bubble)
    if bubble in _BUTTON_RANGE:
        low, high = _BUTTON_RANGE[bubble]
        _check_buttons(
            data.get("buttons"),
            bubble,
            low=low,
            high=high,
            has_coupon=data.get("coupon") is not None,
        )
    _check_coupon(data.get("coupon"), bubble)
    return bubble


def _check_unsubscribe(data: Mapping[str, Any]) -> None:
    number, auth = data.get("unsubscribeNo"), data.get("unsubscribeAuthNo")
    fail_if(auth is not None and number is None, -3339)
    fail_if(number is not None and _UNSUBSCRIBE_NO.fullmatch(str(number)) is None, -3340)
    fail_if(auth is not None and re.fullmatch(r"[0-9]{1,9}", str(auth)) is None, -3341)


def _recipient_checks(
    state: State, entry: Mapping[str, Any], profile: SenderProfile, *, required: bool
) -> tuple[str, str]:
    number = recipient_number(entry)
    targeting = entry.get("targeting")
    reject_if(targeting is None and required, -3298)
    targeting = targeting or "I"
    reject_if(targeting not in ("M", "N", "I"), -3298)
    reject_if(targeting in ("M", "N") and not profile.marketing_agreement, -4029)
    reject_if(number in state.opted_out, -3301)
    return number, str(targeting)


def _freestyle(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST freestyle-messages: one body for every recipient."""
    key = idempotency_key(state, req)
    data = req.json("kakao")
    profile = check_profile(state, data.get("senderKey"))
    recipients = check_recipients(data)
    bubble = check_bubble(state, data)
    _check_unsubscribe(data)
    scheduled = check_schedule(state, data)
    content = data.get("content") or data.get("header")
    wire_parts = {part: data.get(part) for part in _PARTS if data.get(part) is not None}

    def build(seq: int, entry: Mapping[str, Any]) -> tuple[JSONDict, JSONDict, JSONDict | None]:
        number, targeting = _recipient_checks(state, entry, profile, required=False)
        resend = check_resend(state, entry, profile, ad=True)
        fields: JSONDict = {
            "number": number,
            "content": content,
            "message_type": bubble,
            "is_ad": True,
        }
        wire: JSONDict = {
            "plusFriendId": profile.plus_friend_id,
            "templateCode": None,
            "targeting": targeting,
            "pushAlarm": data.get("pushAlarm", True),
            "adult": bool(data.get("adult", False)),
            **wire_parts,
        }
        return fields, wire, resend

    return send_loop(
        state,
        service="brand",
        endpoint="freestyle-messages",
        data=data,
        recipients=recipients,
        scheduled=scheduled,
        idempotency_key=key,
        build=build,
        echo_grouping=False,
    )


def _basic(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST basic-messages: a registered Brand Message template per recipient."""
    key = idempotency_key(state, req)
    data = req.json("kakao")
    profile = check_profile(state, data.get("senderKey"))
    code = data.get("templateCode")
    fail_if(not isinstance(code, str) or not code, -2001)
    template = state.brand_templates.get((profile.sender_key, str(code)))
    fail_if(template is None, -3003)
    assert template is not None
    fail_if(template.blocked, -3005)
    recipients = check_recipients(data)
    _check_unsubscribe(data)
    scheduled = check_schedule(state, data)
    variables = placeholders(template.content)

    def build(seq: int, entry: Mapping[str, Any]) -> tuple[JSONDict, JSONDict, JSONDict | None]:
        number, targeting = _recipient_checks(state, entry, profile, required=True)
        supplied = entry.get("templateParameter") or {}
        reject_if(not isinstance(supplied, dict), -3324)
        params = dict(supplied)
        reject_if(any(name not in params for name in variables), -3049)
        reject_if(any(len(str(k)) > 1300 or len(str(v)) > 1300 for k, v in params.items()), -3048)
        images = entry.get("imageParameters")
        if images is not None:
            reject_if(not isinstance(images, list) or len(images) != template.image_count, -3344)
        resend = check_resend(state, entry, profile, ad=True)
        fields: JSONDict = {
            "number": number,
            "content": substitute(template.content, params) if template.content else None,
            "template_code": template.code,
            "message_type": template.chat_bubble_type,
            "is_ad": True,
            "params": params,
        }
        wire: JSONDict = {
            "plusFriendId": profile.plus_friend_id,
            "templateCode": template.code,
            "targeting": targeting,
            "pushAlarm": data.get("pushAlarm", True),
        }
        return fields, wire, resend

    return send_loop(
        state,
        service="brand",
        endpoint="basic-messages",
        data=data,
        recipients=recipients,
        scheduled=scheduled,
        idempotency_key=key,
        build=build,
        echo_grouping=False,
    )


def _multipart(req: WireRequest) -> dict[str, tuple[str | None, bytes]]:
    """Decode a ``multipart/form-data`` body into ``{name: (filename, bytes)}``."""
    content_type = req.header("Content-Type") or ""
    fail_if(not content_type.lower().startswith("multipart/form-data"), -9996)
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + req.body)
    parts: dict[str, tuple[str | None, bytes]] = {}
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        parts[name] = (part.get_filename(), payload if isinstance(payload, bytes) else b"")
    return parts


def _upload_image(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST images (multipart: ``image`` file, ``imageType``)."""
    parts = _multipart(req)
    fail_if("image" not in parts, -8001)
    filename, content = parts["image"]
    image_type = parts.get("imageType", (None, b""))[1].decode("utf-8", "replace").strip()
    fail_if(image_type not in _IMAGE_TYPES, -8011)
    name = filename or "image.jpg"
    fail_if(not name.lower().endswith((".jpg", ".jpeg", ".png")), -4009)
    fail_if(not content, -8001)
    fail_if(len(content) > 5 * 1024 * 1024, -4007)
    seq = state.next_image_seq
    state.next_image_seq += 1
    url = f"https://mud-kage.kakao.com/dn/emulator/{seq}/{name}"
    state.images[url] = {"imageSeq": seq, "imageType": image_type, "imageName": name}
    return kakao_reply({"image": {"imageSeq": seq, "imageUrl": url, "imageName": name}})


def _register_video(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST videos: register a premium video (step 1 of 2; the upload goes to Kakao)."""
    data = req.json("kakao")
    sender_key = data.get("senderKey")
    fail_if(not isinstance(sender_key, str) or not sender_key, -2001)
    fail_if(sender_key not in state.profiles, -2017)
    name = data.get("fileName")
    fail_if(not isinstance(name, str) or not name, -2001)
    assert isinstance(name, str)
    fail_if(len(name) > 250, -2004)
    fail_if(not name.lower().endswith((".mp4", ".mov", ".avi")), -4009)
    size = data.get("fileSize")
    fail_if(not isinstance(size, int) or isinstance(size, bool) or size <= 0, -2005)
    assert isinstance(size, int)
    fail_if(size > 4 * 1024**3, -4007)
    seq = state.next_video_seq
    state.next_video_seq += 1
    vid = f"emu-{seq}"
    video = {
        "videoSeq": seq,
        "vid": vid,
        "senderKey": sender_key,
        "title": name.rsplit(".", 1)[0],
        "fileName": name,
        "fileSize": size,
        "status": "REGISTERED",
    }
    state.videos[seq] = {**video, "videoUrl": f"https://tv.kakao.com/v/{9000000 + seq}"}
    return kakao_reply(
        {
            "video": video,
            "uploadInfo": {
                "uploadUrl": f"https://upload.emulator.invalid/videos/{vid}",
                "token": f"upload-token-{seq}",
            },
        }
    )


def _sender(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET senders/{senderKey}: the profile with its Brand Message settings."""
    profile = state.profiles.get(groups[0])
    fail_if(profile is None, -2017)
    assert profile is not None
    base = sender_item(profile)
    for name in ("alimtalk", "friendtalk"):
        base.pop(name)
    base.update(
        {
            "unsubscribePhoneNumber": profile.unsubscribe_no,
            "unsubscribeAuthNumber": profile.unsubscribe_auth_no,
            "brandMessage": {
                "resendAppKey": None,
                "isResend": profile.is_resend,
                "resendSendNo": profile.resend_send_no,
                "resendUnsubscribeNo": profile.unsubscribe_no,
            },
            "marketingAgreement": profile.marketing_agreement,
        }
    )
    return kakao_reply({"sender": base})


ROUTES: tuple[Route, ...] = (
    Route("POST", r"freestyle-messages", _freestyle),
    Route("POST", r"basic-messages", _basic),
    Route("GET", r"messages", lambda s, r, g: list_messages(s, r, service="brand", brand=True)),
    Route(
        "GET",
        r"messages/([^/]+)/([0-9]+)",
        lambda s, r, g: get_message(s, g[0], g[1], service="brand", brand=True),
    ),
    Route("DELETE", r"messages/([^/]+)", lambda s, r, g: cancel(s, r, g[0], service="brand")),
    Route("POST", r"images", _upload_image, body="multipart"),
    Route("POST", r"videos", _register_video),
    Route("GET", r"senders/([^/]+)", _sender),
)
