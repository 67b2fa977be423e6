"""Emulated KakaoTalk management endpoints: sender categories and groups, Brand 080 data.

What the management endpoints keep beyond the send path's configuration
(sender groups, template review state, ...) lives in :class:`Extras`, one per
emulator state, so the send-path modules stay as they are.
"""

from __future__ import annotations

import threading
from typing import Any

import attrs

from ._brand import _multipart
from ._common import JSONDict, WireReply, WireRequest, fail_if, kakao_reply, page_params, paginate
from ._management_state import Review, extras
from ._records import AlimTalkTemplate, BrandTemplate
from ._state import Route, State

#: A small, realistic slice of the category tree (codes are the provider's shape).
CATEGORIES: tuple[JSONDict, ...] = (
    {
        "parentCode": None,
        "depth": 1,
        "code": "001",
        "name": "건강",
        "subCategories": [
            {
                "parentCode": "001",
                "depth": 2,
                "code": "0010001",
                "name": "병원",
                "subCategories": [
                    {"parentCode": "0010001", "depth": 3, "code": "00100010001", "name": "종합병원"}
                ],
            }
        ],
    },
)


def _categories(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    return kakao_reply({"categories": list(CATEGORIES)})


def _sender_group(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    found = extras(state).sender_groups.get(groups[0])
    fail_if(found is None, -2017)
    assert found is not None
    name, members = found
    return kakao_reply(
        {
            "senderGroup": {
                "groupName": name,
                "senderKey": groups[0],
                "status": "YSC03",
                "senders": [
                    {
                        "plusFriendId": state.profiles[k].plus_friend_id
                        if k in state.profiles
                        else None,
                        "senderKey": k,
                        "createDate": "2026-01-01 09:00:00",
                    }
                    for k in members
                ],
                "createDate": "2026-01-01 09:00:00",
                "updateDate": "2026-01-01 09:00:00",
            }
        }
    )


def _unsubscribe_content(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """PUT senders/{senderKey}/unsubscribe-content (Brand Message)."""
    data = req.json("kakao")
    profile = state.profiles.get(groups[0])
    fail_if(profile is None, -2017)
    assert profile is not None
    number = str(data.get("unsubscribeNo") or "").replace("-", "")
    # An 080 number cannot be cleared once set (-3345).
    fail_if(not number.startswith("080") or not number.isdigit(), -3345)
    auth = data.get("unsubscribeAuthNo")
    state.profiles[groups[0]] = attrs.evolve(
        profile,
        unsubscribe_no=number,
        unsubscribe_auth_no=str(auth) if auth is not None else profile.unsubscribe_auth_no,
    )
    return kakao_reply()


# --- AlimTalk templates ----------------------------------------------------------------

_STATUS_NAMES = {
    "TSC01": "Requested",
    "TSC02": "Inspecting",
    "TSC03": "Approved",
    "TSC04": "Rejected",
}
_STAMP = "2026-01-01 09:00:00"

TEMPLATE_CATEGORIES: tuple[JSONDict, ...] = (
    {
        "name": "회원",
        "subCategories": [
            {
                "code": "001001",
                "name": "회원가입",
                "groupName": "회원",
                "inclusion": "가입 완료 안내",
                "exclusion": "광고성 내용",
            }
        ],
    },
    {
        "name": "기타",
        "subCategories": [
            {
                "code": "999999",
                "name": "기타",
                "groupName": "기타",
                "inclusion": "",
                "exclusion": "",
            }
        ],
    },
)


def review_of(state: State, sender_key: str, code: str) -> Review | None:
    """The review of a template, made on first use for templates added with ``add_template``."""
    record = state.templates.get((sender_key, code))
    if record is None:
        return None
    reviews = extras(state).reviews
    found = reviews.get((sender_key, code))
    if found is None:
        wire: JSONDict = {
            "templateCode": code,
            "templateName": record.name,
            "templateContent": record.body,
            "templateMessageType": "BA",
            "templateEmphasizeType": "TEXT" if record.title else "NONE",
            "templateTitle": record.title,
            "buttons": [dict(b) for b in record.buttons],
            "quickReplies": [],
            "securityFlag": False,
            "categoryCode": "999999",
        }
        found = reviews[(sender_key, code)] = Review(wire, record.status)
    return found


def _template_item(state: State, sender_key: str, code: str, *, single: bool) -> JSONDict:
    review = review_of(state, sender_key, code)
    assert review is not None
    profile = state.profiles.get(sender_key)
    item: JSONDict = {
        "plusFriendId": profile.plus_friend_id if profile else None,
        "senderKey": sender_key,
        "plusFriendType": "NORMAL",
        "kakaoTemplateCode": code,
        **review.wire,
        "comments": list(review.comments),
        "status": review.status,
        "statusName": _STATUS_NAMES.get(review.status, review.status),
        "createDate": _STAMP,
        "updateDate": _STAMP,
    }
    if single:
        item["block"] = False
        item["dormant"] = False
    return item


def _check_sender(state: State, sender_key: str) -> None:
    fail_if(sender_key not in state.profiles, -2017)


def _template_list(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key = groups[0]
    _check_sender(state, sender_key)
    query = req.query
    num, size = page_params(query, invalid_code=-2005)
    rows = []
    for key, code in list(state.templates):
        if key != sender_key:
            continue
        item = _template_item(state, key, code, single=False)
        if query.get("templateCode") not in (None, code):
            continue
        if "templateName" in query and query["templateName"] not in str(item["templateName"]):
            continue
        if query.get("templateStatus") not in (None, item["status"]):
            continue
        rows.append(item)
    return kakao_reply(
        {"templateListResponse": {"templates": paginate(rows, num, size), "totalCount": len(rows)}}
    )


def _template_get(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key, code = groups
    _check_sender(state, sender_key)
    fail_if((sender_key, code) not in state.templates, -3003)
    return kakao_reply({"templates": _template_item(state, sender_key, code, single=True)})


def _template_fields(data: JSONDict) -> JSONDict:
    for name in ("templateName", "templateContent"):
        fail_if(not isinstance(data.get(name), str) or not data[name], -2001)
    fail_if(len(data["templateContent"]) > 1300, -2019)
    emphasize = data.get("templateEmphasizeType", "NONE")
    fail_if(
        emphasize == "TEXT" and not (data.get("templateTitle") and data.get("templateSubtitle")),
        -3016,
    )
    return {k: v for k, v in data.items() if k != "templateCode"}


def _template_register(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key = groups[0]
    _check_sender(state, sender_key)
    data = req.json("kakao")
    code = data.get("templateCode")
    fail_if(not isinstance(code, str) or not code or len(code) > 20, -2001)
    assert isinstance(code, str)
    fields = _template_fields(data)
    fail_if((sender_key, code) in state.templates, -3001)
    fail_if(
        any(
            key == sender_key and t.name == fields["templateName"]
            for (key, _), t in state.templates.items()
        ),
        -3001,
    )
    _store(state, sender_key, code, fields, status="TSC01")
    return kakao_reply()


def _store(state: State, sender_key: str, code: str, fields: JSONDict, *, status: str) -> None:
    state.templates[(sender_key, code)] = AlimTalkTemplate(
        sender_key=sender_key,
        code=code,
        body=fields["templateContent"],
        approved=status == "TSC03",
        buttons=tuple(b for b in fields.get("buttons") or () if isinstance(b, dict)),
        name=fields["templateName"],
        title=fields.get("templateTitle"),
    )
    reviews = extras(state).reviews
    old = reviews.get((sender_key, code))
    review = Review({"templateCode": code, **fields}, status)
    if old is not None:
        review.comments = old.comments
        review.history = [*old.history, {**old.wire, "activated": False}]
    reviews[(sender_key, code)] = review


def _template_modify(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key, code = groups
    _check_sender(state, sender_key)
    review = review_of(state, sender_key, code)
    fail_if(review is None, -3003)
    assert review is not None
    # Only approved or rejected templates can be modified.
    fail_if(review.status not in ("TSC03", "TSC04"), -3012)
    _store(state, sender_key, code, _template_fields(req.json("kakao")), status="TSC01")
    return kakao_reply()


def _delete(
    state: State, groups: tuple[str, ...], templates: dict[Any, Any], kept: dict[Any, Any]
) -> WireReply:
    """DELETE a template of a sender (AlimTalk or Brand) with what is kept beside it."""
    sender_key, code = groups
    _check_sender(state, sender_key)
    fail_if((sender_key, code) not in templates, -3003)
    del templates[(sender_key, code)]
    kept.pop((sender_key, code), None)
    return kakao_reply()


def _template_delete(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    return _delete(state, groups, state.templates, extras(state).reviews)


def _template_history(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key, code = groups
    _check_sender(state, sender_key)
    review = review_of(state, sender_key, code)
    fail_if(review is None, -3003)
    assert review is not None
    versions = [
        *review.history,
        {**_template_item(state, sender_key, code, single=False), "activated": True},
    ]
    return kakao_reply(
        {"templateModificationsResponse": {"templates": versions, "totalCount": len(versions)}}
    )


def _comment(state: State, sender_key: str, code: str, text: object, files: list[str]) -> None:
    _check_sender(state, sender_key)
    review = review_of(state, sender_key, code)
    fail_if(review is None, -3003)
    assert review is not None
    fail_if(not isinstance(text, str) or not text, -2001)
    more = extras(state)
    review.comments.append(
        {
            "id": more.next_comment_id,
            "content": text,
            "userName": "notify-sdk",
            "createdAt": f"{state.now():%Y-%m-%d %H:%M:%S}",
            "attachment": [{"originalFileName": f, "filePath": f"/files/{f}"} for f in files],
            "status": "INQ",
        }
    )
    more.next_comment_id += 1
    # A comment asks Kakao for (another) review.
    if review.status in ("TSC01", "TSC04"):
        review.status = "TSC02"


def _template_comment(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    _comment(state, groups[0], groups[1], req.json("kakao").get("comment"), [])
    return kakao_reply()


def _template_comment_file(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    parts = _multipart(req)
    text = parts.get("comment", (None, b""))[1].decode("utf-8", "replace")
    files = [name or "file" for key, (name, _) in parts.items() if key != "comment"]
    _comment(state, groups[0], groups[1], text, files)
    return kakao_reply()


def _template_categories(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    return kakao_reply({"categories": list(TEMPLATE_CATEGORIES)})


def _template_image(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    parts = _multipart(req)
    fail_if("file" not in parts, -2001)
    name, content = parts["file"]
    fail_if(not content, -2001)
    stored = f"{state.now():%Y%m%d%H%M%S}_{len(content)}_{name or 'image.jpg'}"
    kind = "item-highlight" if groups[0] else "template"
    return kakao_reply(
        {
            "templateImage": {
                "templateImageName": name,
                "templateImageUrl": f"https://mud-kage.kakao.com/dn/emulator/{kind}/{stored}",
            }
        }
    )


ALIMTALK_ROUTES: tuple[Route, ...] = (
    Route("GET", r"sender/categories", _categories),
    Route("GET", r"sender-groups/([^/]+)", _sender_group),
    Route("GET", r"senders/([^/]+)/templates", _template_list),
    Route("POST", r"senders/([^/]+)/templates", _template_register),
    Route("GET", r"senders/([^/]+)/templates/([^/]+)", _template_get),
    Route("PUT", r"senders/([^/]+)/templates/([^/]+)", _template_modify),
    Route("DELETE", r"senders/([^/]+)/templates/([^/]+)", _template_delete),
    Route("GET", r"senders/([^/]+)/templates/([^/]+)/modifications", _template_history),
    Route("POST", r"senders/([^/]+)/templates/([^/]+)/comments", _template_comment),
    Route(
        "POST",
        r"senders/([^/]+)/templates/([^/]+)/comments_file",
        _template_comment_file,
        body="multipart",
    ),
    Route("GET", r"template/categories", _template_categories),
    Route("POST", r"template-image(/item-highlight)?", _template_image, body="multipart"),
)

# --- Brand Message templates and media -----------------------------------------------


def _brand_item(state: State, sender_key: str, code: str) -> JSONDict:
    record = state.brand_templates[(sender_key, code)]
    wire = extras(state).brand_wire.get((sender_key, code))
    if wire is None:
        wire = {"chatBubbleType": record.chat_bubble_type, "content": record.content or None}
    profile = state.profiles.get(sender_key)
    return {
        "plusFriendId": profile.plus_friend_id if profile else None,
        "plusFriendType": "NORMAL",
        "templateCode": code,
        "templateName": record.name,
        "adult": False,
        **wire,
        "status": "S" if record.blocked else "A",
        "createDate": _STAMP,
        "updateDate": _STAMP,
    }


def _brand_list(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key = groups[0]
    _check_sender(state, sender_key)
    query = req.query
    num, size = page_params(query, invalid_code=-2005)
    rows = [
        _brand_item(state, key, code)
        for key, code in list(state.brand_templates)
        if key == sender_key and query.get("templateCode") in (None, code)
    ]
    rows = [r for r in rows if query.get("status") in (None, r["status"])]
    return kakao_reply(
        {"templateListResponse": {"templates": paginate(rows, num, size), "totalCount": len(rows)}}
    )


def _brand_get(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key, code = groups
    _check_sender(state, sender_key)
    fail_if((sender_key, code) not in state.brand_templates, -3003)
    return kakao_reply({"template": {**_brand_item(state, sender_key, code), "pushAlarm": True}})


def _brand_fields(data: JSONDict) -> JSONDict:
    fail_if(not isinstance(data.get("templateName"), str) or not data["templateName"], -2001)
    fail_if(not isinstance(data.get("chatBubbleType"), str), -2001)
    return {k: v for k, v in data.items() if k != "templateName"}


def _brand_store(state: State, sender_key: str, code: str, data: JSONDict) -> None:
    fields = _brand_fields(data)
    image_count = (1 if isinstance(fields.get("image"), dict) else 0) + len(
        fields.get("item", {}).get("list", []) if isinstance(fields.get("item"), dict) else []
    )
    state.brand_templates[(sender_key, code)] = BrandTemplate(
        sender_key=sender_key,
        code=code,
        chat_bubble_type=fields["chatBubbleType"],
        content=str(fields.get("content") or ""),
        image_count=image_count,
        name=data["templateName"],
    )
    extras(state).brand_wire[(sender_key, code)] = fields


def _brand_register(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key = groups[0]
    _check_sender(state, sender_key)
    data = req.json("kakao")
    more = extras(state)
    # Kakao assigns the code: a random-looking 20 characters.
    code = f"{more.next_brand_code:04d}{sender_key[:16]}"[:20]
    more.next_brand_code += 1
    _brand_store(state, sender_key, code, data)
    return kakao_reply({"template": {"templateCode": code}})


def _brand_modify(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key, code = groups
    _check_sender(state, sender_key)
    fail_if((sender_key, code) not in state.brand_templates, -3003)
    _brand_store(state, sender_key, code, req.json("kakao"))
    return kakao_reply()


def _brand_delete(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    return _delete(state, groups, state.brand_templates, extras(state).brand_wire)


def _image_list(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    query = req.query
    fail_if(not query.get("imageTypes"), -2001)
    kinds = set(query["imageTypes"].split(","))
    num, size = page_params(query, invalid_code=-2005)
    rows = [
        {
            "imageSeq": i["imageSeq"],
            "imageUrl": url,
            "imageName": i["imageName"],
            "imageType": i["imageType"],
        }
        for url, i in state.images.items()
        if i["imageType"] in kinds
    ]
    return kakao_reply(
        {"imagesResponse": {"images": paginate(rows, num, size), "totalCount": len(rows)}}
    )


def _image_delete(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    seq = req.query.get("imageSeq")
    fail_if(not seq, -8000)
    found = [url for url, i in state.images.items() if str(i["imageSeq"]) == seq]
    fail_if(not found, -8003)
    del state.images[found[0]]
    return kakao_reply()


def _video_list(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    query = req.query
    num, size = page_params(query, invalid_code=-2005)
    rows = [
        {**v, "createDate": _STAMP, "updateDate": _STAMP}
        for v in state.videos.values()
        if query.get("senderKey") in (None, v["senderKey"])
    ]
    return kakao_reply(
        {"videosResponse": {"videos": paginate(rows, num, size), "totalCount": len(rows)}}
    )


def _video_delete(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    raw = req.query.get("videoSeq", "")
    fail_if(not raw, -2001)
    for seq in raw.split(","):
        fail_if(not seq.isdigit() or int(seq) not in state.videos, -2001)
    for seq in raw.split(","):
        state.videos[int(seq)]["status"] = "DELETED"
    return kakao_reply()


BRAND_ROUTES: tuple[Route, ...] = (
    Route("PUT", r"senders/([^/]+)/unsubscribe-content", _unsubscribe_content),
    Route("GET", r"senders/([^/]+)/templates", _brand_list),
    Route("POST", r"senders/([^/]+)/templates", _brand_register),
    Route("GET", r"senders/([^/]+)/templates/([^/]+)", _brand_get),
    Route("PUT", r"senders/([^/]+)/templates/([^/]+)", _brand_modify),
    Route("DELETE", r"senders/([^/]+)/templates/([^/]+)", _brand_delete),
    Route("GET", r"images", _image_list),
    Route("DELETE", r"images", _image_delete),
    Route("GET", r"videos", _video_list),
    Route("DELETE", r"videos", _video_delete),
)


class ManagementEmulatorMixin:
    """The :class:`~notify_sdk.testing.Emulator` methods that set up management state."""

    _state: State
    _lock: threading.RLock

    def add_sender_group(self, group_sender_key: str, name: str, sender_keys: list[str]) -> None:
        """Register a KakaoTalk sender group (``GET sender-groups/{key}`` shows it).

        Args:
            group_sender_key: the group's sender key.
            name: ``groupName``.
            sender_keys: the member profiles' sender keys.
        """
        with self._lock:
            extras(self._state).sender_groups[group_sender_key] = (name, list(sender_keys))

    def approve_template(self, sender_key: str, code: str) -> None:
        """Play Kakao: approve an AlimTalk template (``TSC03``); it can be sent from now on.

        Raises:
            KeyError: no such template.
        """
        self._review(sender_key, code, "TSC03", "APR", "Approved.")

    def reject_template(self, sender_key: str, code: str, comment: str) -> None:
        """Play Kakao: reject an AlimTalk template (``TSC04``) with a review comment.

        Raises:
            KeyError: no such template.
        """
        self._review(sender_key, code, "TSC04", "REJ", comment)

    def _review(self, sender_key: str, code: str, status: str, kind: str, text: str) -> None:
        with self._lock:
            state = self._state
            review = review_of(state, sender_key, code)
            if review is None:
                raise KeyError(f"no AlimTalk template {code!r} on {sender_key!r}")
            review.status = status
            more = extras(state)
            review.comments.append(
                {
                    "id": more.next_comment_id,
                    "content": text,
                    "userName": "kakao",
                    "createdAt": f"{state.now():%Y-%m-%d %H:%M:%S}",
                    "attachment": [],
                    "status": kind,
                }
            )
            more.next_comment_id += 1
            record = state.templates[(sender_key, code)]
            state.templates[(sender_key, code)] = attrs.evolve(record, approved=status == "TSC03")
