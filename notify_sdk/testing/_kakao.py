"""Emulated AlimTalk v2.3, FriendTalk v2.4 and Sender API, plus KakaoTalk helpers.

Brand Message (``_brand.py``) reuses the helpers here: profile checks,
recipient lists, fallback parameters, the send loop and the queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from ._common import (
    JSONDict,
    WireReply,
    WireRequest,
    encodable,
    fail_if,
    kakao_reply,
    normalize_number,
    page_params,
    paginate,
    placeholders,
    result_message,
    substitute,
    template_pattern,
    valid_number,
)
from ._kakao_queries import (
    DATE_FORMAT,
    _results,
    cancel,
    get_message,
    list_messages,
)
from ._records import AcceptedMessage, SenderProfile
from ._state import Route, State

_AUTH_WORDS = ("auth", "password", "verif", "にんしょう", "認証", "비밀번호", "인증")
_AD_PREFIX = "(광고)"
_OPT_OUT_PHRASE = re.compile(r"무\s*료\s*(?:수\s*신\s*)?거\s*부")


class RecipientError(Exception):
    """A per-recipient rejection: the envelope succeeds, this recipient carries ``code``."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def reject_if(condition: bool, code: int) -> None:
    """Reject the current recipient with ``code`` when ``condition`` holds."""
    if condition:
        raise RecipientError(code)


def check_profile(state: State, sender_key: object) -> SenderProfile:
    """Find a sendable sender profile or fail like the API."""
    fail_if(not isinstance(sender_key, str) or not sender_key, -2001)
    assert isinstance(sender_key, str)
    profile = state.profiles.get(sender_key)
    fail_if(profile is None, -2017)
    assert profile is not None
    fail_if(profile.blocked, -1027)
    fail_if(profile.dormant, -1014)
    return profile


def check_recipients(data: Mapping[str, Any]) -> list[Any]:
    """The ``recipientList``: 1..1,000 entries."""
    recipients = data.get("recipientList")
    fail_if(not isinstance(recipients, list) or not recipients, -2001)
    assert isinstance(recipients, list)
    fail_if(len(recipients) > 1000, -2004)
    for key in ("senderGroupingKey",):
        value = data.get(key)
        fail_if(value is not None and (not isinstance(value, str) or len(value) > 100), -2000)
    return recipients


def check_schedule(state: State, data: Mapping[str, Any]) -> datetime | None:
    """``requestDate``: -2027 unparsable, -2025 in the past, -2026 beyond 60 days."""
    return state.check_schedule(
        data.get("requestDate"), fmt=DATE_FORMAT, format_code=-2027, past_code=-2025, far_code=-2026
    )


def recipient_number(entry: Mapping[str, Any]) -> str:
    """The normalised ``recipientNo`` or a per-recipient rejection (-2001 / -5000)."""
    number = normalize_number(entry.get("recipientNo"))
    reject_if(not number, -2001)
    reject_if(not valid_number(number, "kakao"), -5000)
    return number


def has_ad_wording(text: str) -> bool:
    """``(광고)`` first and a free opt-out phrase with an 080 number."""
    return (
        text.lstrip().startswith(_AD_PREFIX)
        and _OPT_OUT_PHRASE.search(text) is not None
        and "080" in text
    )


def check_resend(
    state: State, entry: Mapping[str, Any], profile: SenderProfile, *, ad: bool
) -> JSONDict | None:
    """Validate ``resendParameter``; return it when fallback is requested."""
    raw = entry.get("resendParameter")
    params: JSONDict = dict(raw) if isinstance(raw, dict) else {}
    is_resend = params.get("isResend", profile.is_resend)
    if not is_resend:
        return None
    reject_if(not state.sender_numbers, -2502)
    send_no = params.get("resendSendNo")
    if send_no is not None:
        reject_if(not state.sms_sender_ok(normalize_number(send_no)), -1003)
        params["resendSendNo"] = normalize_number(send_no)
    unsubscribe = params.get("resendUnsubscribeNo")
    if unsubscribe is not None:
        reject_if(normalize_number(unsubscribe) not in state.opt_out_numbers, -1019)
    content = params.get("resendContent")
    if content is not None:
        reject_if(not isinstance(content, str) or not encodable(content), -4200)
        reject_if(ad and not has_ad_wording(str(content)), -4200)
    reject_if(params.get("resendType") not in (None, "SMS", "LMS"), -4200)
    return params


#: Builds one recipient: returns (message fields, query wire fields, fallback params).
RecipientBuilder = Callable[[int, Mapping[str, Any]], tuple[JSONDict, JSONDict, "JSONDict | None"]]


def send_loop(
    state: State,
    *,
    service: str,
    endpoint: str,
    data: Mapping[str, Any],
    recipients: list[Any],
    scheduled: datetime | None,
    idempotency_key: str | None,
    build: RecipientBuilder,
    echo_grouping: bool = True,
) -> WireReply:
    """Accept each valid recipient and answer with ``message.sendResults``.

    The header is -1031 (nothing accepted) when every recipient failed.
    """
    request_id = state.new_request_id()
    grouping = data.get("senderGroupingKey")
    now = state.now()
    results: list[JSONDict] = []
    pending: list[tuple[AcceptedMessage, JSONDict, JSONDict | None]] = []
    for seq, entry in enumerate(recipients, start=1):
        item: Mapping[str, Any] = entry if isinstance(entry, dict) else {}
        recipient_key = item.get("recipientGroupingKey")
        code = 0
        try:
            fields, wire, resend = build(seq, item)
        except RecipientError as exc:
            code = exc.code
        else:
            message = AcceptedMessage(
                service=service,
                endpoint=endpoint,
                request_id=request_id,
                recipient_seq=seq,
                idempotency_key=idempotency_key,
                sender_grouping_key=grouping,
                recipient_grouping_key=recipient_key,
                sender=data.get("senderKey"),
                scheduled_at=scheduled,
                created_at=now,
                **fields,
            )
            wire.setdefault("createUser", data.get("createUser"))
            pending.append((message, wire, resend))
        result: JSONDict = {
            "recipientSeq": seq,
            "recipientNo": item.get("recipientNo"),
            "resultCode": code,
            "resultMessage": result_message("kakao", code),
        }
        if echo_grouping:
            result["recipientGroupingKey"] = recipient_key
        results.append(result)
    body: JSONDict = {"requestId": request_id if pending else None}
    if echo_grouping:
        body["senderGroupingKey"] = grouping
    body["sendResults"] = results
    if not pending:
        return kakao_reply({"message": body}, code=-1031)
    for message, wire, resend in pending:
        state.accept(message, wire=wire, resend=resend)
    if idempotency_key is not None:
        state.remember_key(idempotency_key)
    state.settle()
    return kakao_reply({"message": body})


def idempotency_key(state: State, req: WireRequest) -> str | None:
    """The request's idempotency key; -1005 when it was used in the last 10 minutes."""
    key = req.header("X-NC-API-IDEMPOTENCY-KEY")
    fail_if(key is not None and state.key_in_use(key), -1005)
    return key


# -- AlimTalk sends ---------------------------------------------------------------------


#: The per-recipient template parts a raw send may carry, echoed by the message query.
_RAW_PARTS = (
    "templateTitle",
    "templateHeader",
    "templateItem",
    "templateItemHighlight",
    "templateRepresentLink",
)


def _text_within(value: object, limit: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _check_raw_parts(entry: Mapping[str, Any]) -> None:
    """The documented shape and limits of a raw send's template parts.

    The emulator's templates record no items or main link, so a part in
    shape is accepted; one outside the limits is refused with the code the
    API gives for a part that cannot match its template.
    """
    title = entry.get("templateTitle")
    reject_if(title is not None and not _text_within(title, 50), -2032)
    header = entry.get("templateHeader")
    reject_if(header is not None and not _text_within(header, 16), -3042)
    item = entry.get("templateItem")
    if item is not None:
        reject_if(not isinstance(item, dict), -3043)
        rows = item.get("list")
        summary = item.get("summary")
        reject_if(rows is None and summary is None, -3043)
        if rows is not None:
            reject_if(not isinstance(rows, list) or not 2 <= len(rows) <= 10, -3043)
            for row in rows:
                reject_if(not isinstance(row, dict), -3043)
                reject_if("#{" in str(row.get("title")), -3037)
                reject_if(
                    not _text_within(row.get("title"), 6)
                    or not _text_within(row.get("description"), 23),
                    -3043,
                )
        if summary is not None:
            reject_if(not isinstance(summary, dict), -3043)
            reject_if("#{" in str(summary.get("title")), -3038)
            reject_if(
                not _text_within(summary.get("title"), 6)
                or not _text_within(summary.get("description"), 14),
                -3043,
            )
    highlight = entry.get("templateItemHighlight")
    if highlight is not None:
        reject_if(not isinstance(highlight, dict), -3043)
        image = highlight.get("imageUrl") is not None
        reject_if(
            not _text_within(highlight.get("title"), 21 if image else 30)
            or not _text_within(highlight.get("description"), 13 if image else 19),
            -3040 if image else -3043,
        )
    link = entry.get("templateRepresentLink")
    if link is not None:
        reject_if(not isinstance(link, dict) or not link, -3046)
        reject_if(
            any(k not in ("linkMo", "linkPc", "schemeIos", "schemeAndroid") for k in link), -3046
        )
        reject_if(any(not _text_within(v, 500) for v in link.values()), -3046)


def _alimtalk_send(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST [auth/]messages | [auth/]raw-messages."""
    auth_prefix, kind = groups
    auth = bool(auth_prefix)
    raw = kind == "raw-messages"
    key = idempotency_key(state, req)
    data = req.json("kakao")
    profile = check_profile(state, data.get("senderKey"))
    code = data.get("templateCode")
    fail_if(not isinstance(code, str) or not code, -2001)
    template = state.templates.get((profile.sender_key, str(code)))
    fail_if(template is None, -3003)
    assert template is not None
    fail_if(not template.approved, -3005)
    recipients = check_recipients(data)
    scheduled = check_schedule(state, data)
    variables = placeholders(template.body)
    pattern = template_pattern(template.body)

    def build(seq: int, entry: Mapping[str, Any]) -> tuple[JSONDict, JSONDict, JSONDict | None]:
        number = recipient_number(entry)
        params: JSONDict = {}
        if raw:
            content = entry.get("content")
            reject_if(not isinstance(content, str) or not content, -2001)
            assert isinstance(content, str)
            reject_if(len(content) > 1300, -2019)
            reject_if(pattern.fullmatch(content) is None, -3010)
            buttons = entry.get("buttons") or []
            sent = [(b.get("type"), b.get("name")) for b in buttons if isinstance(b, dict)]
            expected = [(b.get("type"), b.get("name")) for b in template.buttons]
            reject_if(bool(buttons) and sent != expected, -3011)
            _check_raw_parts(entry)
        else:
            supplied = entry.get("templateParameter") or {}
            reject_if(not isinstance(supplied, dict), -3004)
            params = dict(supplied)
            reject_if(any(name not in params for name in variables), -3049)
            reject_if(any(len(str(v)) > 1300 for v in params.values()), -3048)
            content = substitute(template.body, params)
            reject_if(len(content) > 1300, -2019)
        if auth:
            lowered = content.lower()
            reject_if(not any(word in lowered for word in _AUTH_WORDS), -8006)
        resend = check_resend(state, entry, profile, ad=False)
        fields: JSONDict = {
            "number": number,
            "content": content,
            "title": template.title,
            "template_code": template.code,
            "message_type": "AUTH" if auth else "NORMAL",
            "params": params,
        }
        wire: JSONDict = {
            "plusFriendId": profile.plus_friend_id,
            "templateCode": template.code,
            "buttons": list(entry.get("buttons") or template.buttons),
            "quickReplies": list(entry.get("quickReplies") or []),
            "messageOption": data.get("messageOption"),
        }
        for part in _RAW_PARTS:
            if part in entry:
                wire[part] = entry[part]
        return fields, wire, resend

    endpoint = f"auth/{kind}" if auth else kind
    return send_loop(
        state,
        service="alimtalk",
        endpoint=endpoint,
        data=data,
        recipients=recipients,
        scheduled=scheduled,
        idempotency_key=key,
        build=build,
    )


# -- FriendTalk sends -------------------------------------------------------------------

_FRIENDTALK_PARTS = ("content", "imageUrl", "item", "carousel", "video", "commerce")


def _friendtalk_send(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """POST messages (FriendTalk v2.4, compatibility mode only)."""
    convert = (req.header("X-Convert-To-Brand-Message") or "").strip().lower()
    fail_if(convert != "true", -9992)
    key = idempotency_key(state, req)
    data = req.json("kakao")
    profile = check_profile(state, data.get("senderKey"))
    recipients = check_recipients(data)
    scheduled = check_schedule(state, data)

    def build(seq: int, entry: Mapping[str, Any]) -> tuple[JSONDict, JSONDict, JSONDict | None]:
        number = recipient_number(entry)
        content = entry.get("content")
        reject_if(not any(entry.get(part) for part in _FRIENDTALK_PARTS), -2001)
        reject_if(content is not None and not isinstance(content, str), -2001)
        reject_if(isinstance(content, str) and len(content) > 1300, -2024)
        buttons = entry.get("buttons") or []
        reject_if(not isinstance(buttons, list) or len(buttons) > 5, -3217)
        is_ad = entry.get("isAd", True) is not False
        resend = check_resend(state, entry, profile, ad=is_ad)
        fields: JSONDict = {
            "number": number,
            "content": content,
            "message_type": "NORMAL",
            "is_ad": is_ad,
        }
        wire: JSONDict = {
            "plusFriendId": profile.plus_friend_id,
            "templateCode": None,
            "imageUrl": entry.get("imageUrl"),
            "imageLink": entry.get("imageLink"),
            "buttons": list(buttons),
            "coupon": entry.get("coupon"),
            "isAd": is_ad,
            "adult": bool(entry.get("adult", False)),
        }
        return fields, wire, resend

    return send_loop(
        state,
        service="friendtalk",
        endpoint="messages",
        data=data,
        recipients=recipients,
        scheduled=scheduled,
        idempotency_key=key,
        build=build,
    )


# -- sender profiles ------------------------------------------------------------------------


def sender_item(profile: SenderProfile) -> JSONDict:
    """A sender profile as the Sender API shows it."""
    return {
        "plusFriendId": profile.plus_friend_id,
        "senderKey": profile.sender_key,
        "categoryCode": "00100010001",
        "status": "YSC03",
        "statusName": "Registered",
        "kakaoStatus": "S" if profile.blocked else "A",
        "kakaoStatusName": "Blocked" if profile.blocked else "Normal",
        "kakaoProfileStatus": "B" if profile.blocked else ("C" if profile.dormant else "A"),
        "kakaoProfileStatusName": "Blocked"
        if profile.blocked
        else ("Deactivated" if profile.dormant else "Activated"),
        "profileSpamLevel": "정상",
        "profileMessageSpamLevel": "정상",
        "alimtalk": {
            "resendAppKey": None,
            "isResend": profile.is_resend,
            "resendSendNo": profile.resend_send_no,
            "dailyMaxCount": 0,
            "sentCount": 0,
        },
        "friendtalk": None,
        "dormant": profile.dormant,
        "block": profile.blocked,
        "createDate": "2026-01-01 09:00:00",
        "initialUserRestriction": False,
    }


def _senders(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    query = req.query
    num, size = page_params(query, invalid_code=-2005)
    rows = []
    for profile in state.profiles.values():
        row = sender_item(profile)
        if any(
            name in query and query[name] != row[name]
            for name in ("plusFriendId", "senderKey", "status")
        ):
            continue
        rows.append(row)
    return kakao_reply({"senders": paginate(rows, num, size), "totalCount": len(rows)})


def _sender(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    profile = state.profiles.get(groups[0])
    fail_if(profile is None, -2017)
    assert profile is not None
    return kakao_reply({"sender": sender_item(profile)})


def _templates(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    sender_key = groups[0]
    fail_if(sender_key not in state.profiles, -2017)
    query = req.query
    num, size = page_params(query, invalid_code=-2005)
    rows = [
        {
            "senderKey": t.sender_key,
            "templateCode": t.code,
            "templateName": t.name,
            "templateContent": t.body,
            "templateTitle": t.title,
            "buttons": list(t.buttons),
            "status": t.status,
            "statusName": "Approved" if t.approved else "Under review",
        }
        for (key, code), t in state.templates.items()
        if key == sender_key and query.get("templateCode") in (None, code)
    ]
    return kakao_reply(
        {"templateListResponse": {"templates": paginate(rows, num, size), "totalCount": len(rows)}}
    )


ALIMTALK_ROUTES: tuple[Route, ...] = (
    Route("POST", r"(auth/)?(messages|raw-messages)", _alimtalk_send),
    Route(
        "GET",
        r"(auth/)?messages",
        lambda s, r, g: list_messages(
            s, r, service="alimtalk", message_types=("AUTH",) if g[0] else ("NORMAL",)
        ),
    ),
    Route(
        "GET",
        r"(?:auth/)?messages/([^/]+)/([0-9]+)",
        lambda s, r, g: get_message(s, g[0], g[1], service="alimtalk"),
    ),
    Route("DELETE", r"messages/([^/]+)", lambda s, r, g: cancel(s, r, g[0], service="alimtalk")),
    Route(
        "GET",
        r"message-results",
        lambda s, r, g: _results(s, r, service="alimtalk", count_only=False, wrapped=False),
    ),
    Route(
        "GET",
        r"message-results/count",
        lambda s, r, g: _results(s, r, service="alimtalk", count_only=True, wrapped=False),
    ),
    Route("GET", r"senders", _senders),
    Route("GET", r"senders/([^/]+)", _sender),
    Route("GET", r"senders/([^/]+)/templates", _templates),
)

FRIENDTALK_ROUTES: tuple[Route, ...] = (
    Route("POST", r"messages", _friendtalk_send),
    Route("GET", r"messages", lambda s, r, g: list_messages(s, r, service="friendtalk")),
    Route(
        "GET",
        r"messages/([^/]+)/([0-9]+)",
        lambda s, r, g: get_message(s, g[0], g[1], service="friendtalk"),
    ),
    Route("DELETE", r"messages/([^/]+)", lambda s, r, g: cancel(s, r, g[0], service="friendtalk")),
    Route(
        "GET",
        r"message-results",
        lambda s, r, g: _results(s, r, service="friendtalk", count_only=False, wrapped=True),
    ),
)
