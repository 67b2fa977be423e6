"""KakaoTalk Bizmessage: AlimTalk v2.3, FriendTalk v2.4 and sender profiles.

Every public builder here becomes a method of both clients through
:func:`~notify_sdk._core.sync_method` / :func:`~notify_sdk._core.async_method`
(listings through :func:`~notify_sdk._core.sync_pager` / ``async_pager``);
the first parameter (``ctx``) is supplied by the client.

Exactly-once sends. KakaoTalk deduplicates a send by its
``X-NC-API-IDEMPOTENCY-KEY`` for 10 minutes. Each send carries one key (the
caller's or one minted here) that is identical on every retry, and a unique
``senderGroupingKey``. When a retry is answered with -1005 ("key already
used"), an earlier attempt reached the server: the driver lists messages by
that grouping key to recover the ``requestId`` instead of sending again, and
when nothing is found it reports the send as accepted with ``request_id=None``.

FriendTalk decisions (documented in the guide):

* FriendTalk only exists in NHN's "compatibility" mode until about
  2026-12-31; :func:`send_friendtalk` always sends
  ``X-Convert-To-Brand-Message: true`` and issues a ``DeprecationWarning``
  pointing to ``send_brand_message``.
* Night-time rule (no FriendTalk delivery from 20:50 to 08:00 KST): a
  ``scheduled_at`` inside the window is refused locally (it would certainly
  end in delivery failure 3022); an immediate send inside the window emits a
  ``UserWarning`` and is sent, because the provider, not the SDK, owns the
  delivery decision and the caller may be sending on purpose (e.g. testing).
* Body limits follow the compatibility mode: text 1,300 characters, image
  400, wide image 76; buttons at most 5 (2 for a wide image).
"""

from __future__ import annotations

import enum
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    Safety,
    async_method,
    async_pager,
    body_of,
    expect_dict,
    expect_list,
    sync_method,
    sync_pager,
)
from ._kakao_common import (
    MINUTE_FORMAT,
    SENDER_KEY_MAX,
    check_night,
    listing,
    message_items,
    resend_parameter,
    resolve_sender_key,
    search_result,
    send_keys,
    send_operation,
    template_params,
)
from ._models import Recipient, SmsFallback
from ._validation import (
    Recipients,
    format_schedule,
    normalize_number,
    normalize_recipients,
    optional_key,
    require_text,
    to_kst,
)
from ._wire import opt_bool, opt_int, opt_str
from .delivery import KakaoResultCode, Outcome
from .errors import ValidationError
from .results import SendResult

if TYPE_CHECKING:
    from ._retry import RetryPolicy

__all__ = [
    "AsyncKakaoMethods",
    "ButtonParams",
    "FallbackResult",
    "KakaoButton",
    "KakaoMessage",
    "KakaoMethods",
    "KakaoQuickReply",
    "SenderChannelSettings",
    "SenderProfile",
]

FriendTalkType = Literal["text", "image", "wide_image"]

_ALIMTALK = "/alimtalk/v2.3/appkeys/{appkey}"
_FRIENDTALK = "/friendtalk/v2.4/appkeys/{appkey}"
_CONVERT_HEADER = "X-Convert-To-Brand-Message"
_FRIENDTALK_HEADERS = {_CONVERT_HEADER: "true"}
_MAX_QUERY_RANGE = timedelta(days=31)

TEMPLATE_CODE_MAX = 20
RECIPIENT_NO_MAX = 15
STATS_ID_MAX = 8
ALIMTALK_BODY_MAX = 1300
MAX_BUTTONS = 5
MAX_QUICK_REPLIES = 5
BUTTON_NAME_MAX = 14
LINK_MAX = 500
#: FriendTalk (compatibility mode) body limits per message type.
FRIENDTALK_BODY_MAX: Mapping[str, int] = {"text": 1300, "image": 400, "wide_image": 76}
FRIENDTALK_BUTTONS_MAX: Mapping[str, int] = {"text": 5, "image": 5, "wide_image": 2}
#: Where each service's sends, lookups and queries go, and the headers they carry.
_ROUTES: Mapping[str, tuple[str, Mapping[str, str]]] = {
    "alimtalk": (_ALIMTALK, {}),
    "friendtalk": (_FRIENDTALK, _FRIENDTALK_HEADERS),
}

_ALIMTALK_BUTTON_TYPES = frozenset(
    {"WL", "AL", "DS", "BK", "MD", "BC", "BT", "AC", "BF", "P1", "P2", "P3", "TN"}
)
_QUICK_REPLY_TYPES = frozenset({"WL", "AL", "BK", "BC", "BT", "BF"})
_FRIENDTALK_BUTTON_TYPES = frozenset({"WL", "AL", "BK", "MD", "BF"})
_MESSAGE_STATUSES = ("COMPLETED", "FAILED", "CANCEL")
_RESULT_FILTERS = ("MRC01", "MRC02")
_VARIABLE = re.compile(r"#\{([^{}]+)\}")


# --- input models --------------------------------------------------------------


def _ordering_check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise ValidationError(f"{attribute.name} must be a positive int or None", field="buttons")


@attrs.frozen(slots=True)
class KakaoButton:
    """A button of an AlimTalk full-text send or of a FriendTalk message.

    Which link fields a type needs: ``WL`` (web link) ``link_mobile``; ``AL``
    (app link) at least two of ``scheme_android``, ``scheme_ios``,
    ``link_mobile``; ``TN`` (phone call) ``tel_number``. AlimTalk also allows
    ``DS`` (delivery tracking), ``BK`` (bot keyword), ``MD`` (message
    delivery), ``BC`` (consultation chat), ``BT`` (bot transfer), ``AC`` (add
    channel), ``BF`` (business form) and ``P1``..``P3`` (plugins); FriendTalk
    allows ``WL``, ``AL``, ``BK``, ``MD`` and ``BF``. For AlimTalk the buttons
    must match the approved template.

    Args:
        type: the button type code, e.g. ``"WL"``.
        name: the label, at most 14 characters.
        link_mobile / link_pc: web links (``linkMo`` / ``linkPc``), at most
            500 characters each.
        scheme_ios / scheme_android: app links, at most 500 characters each.
        chat_extra / chat_event: data for bot buttons (``BC``, ``BT``).
        biz_form_id: the business form id of a ``BF`` button (AlimTalk).
        biz_form_key: the business form key of a ``BF`` button (FriendTalk).
        plugin_id: the plugin of a ``P1``..``P3`` button.
        relay_id / one_click_id / product_id: plugin parameters.
        target_out: open the link in the external browser (``target: "out"``).
        tel_number: the number a ``TN`` button calls.
        ordering: the position (1-based); ``None`` uses the position in the list.

    Example::

        KakaoButton("WL", "Track parcel", link_mobile="https://m.shop.example/t/58213")
    """

    type: str
    name: str
    link_mobile: str | None = attrs.field(default=None, kw_only=True)
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    chat_extra: str | None = attrs.field(default=None, kw_only=True)
    chat_event: str | None = attrs.field(default=None, kw_only=True)
    biz_form_id: int | None = attrs.field(default=None, kw_only=True)
    biz_form_key: str | None = attrs.field(default=None, kw_only=True)
    plugin_id: str | None = attrs.field(default=None, kw_only=True)
    relay_id: str | None = attrs.field(default=None, kw_only=True)
    one_click_id: str | None = attrs.field(default=None, kw_only=True)
    product_id: str | None = attrs.field(default=None, kw_only=True)
    target_out: bool = attrs.field(default=False, kw_only=True)
    tel_number: str | None = attrs.field(default=None, kw_only=True)
    ordering: int | None = attrs.field(default=None, kw_only=True, validator=_ordering_check)


@attrs.frozen(slots=True)
class KakaoQuickReply:
    """A quick reply (the chips under an AlimTalk full-text message).

    Types: ``WL``, ``AL``, ``BK``, ``BC``, ``BT``, ``BF``; the link rules are
    those of :class:`KakaoButton`. They must match the approved template.

    Args:
        type: the quick reply type code.
        name: the label, at most 14 characters.
        link_mobile / link_pc / scheme_ios / scheme_android: links (≤ 500 each).
        chat_extra / chat_event: data for bot quick replies.
        biz_form_id: the business form id of a ``BF`` quick reply.
        target_out: open the link in the external browser.
        ordering: the position (1-based); ``None`` uses the position in the list.
    """

    type: str
    name: str
    link_mobile: str | None = attrs.field(default=None, kw_only=True)
    link_pc: str | None = attrs.field(default=None, kw_only=True)
    scheme_ios: str | None = attrs.field(default=None, kw_only=True)
    scheme_android: str | None = attrs.field(default=None, kw_only=True)
    chat_extra: str | None = attrs.field(default=None, kw_only=True)
    chat_event: str | None = attrs.field(default=None, kw_only=True)
    biz_form_id: int | None = attrs.field(default=None, kw_only=True)
    target_out: bool = attrs.field(default=False, kw_only=True)
    ordering: int | None = attrs.field(default=None, kw_only=True, validator=_ordering_check)


@attrs.frozen(slots=True)
class ButtonParams:
    """Per-send values for a button (or quick reply) of a registered AlimTalk template.

    A template send (:func:`send_alimtalk`) takes the buttons' types, names
    and links from the approved template; what a send may add is the data
    below, addressed by the button's ``ordering`` in the template. Quick
    replies accept only ``chat_extra``, ``chat_event`` and ``target_out``.

    Args:
        ordering: the button's position in the template (1-based), required.
        chat_extra / chat_event: data passed to a bot button.
        relay_id / one_click_id / product_id: plugin parameters.
        target_out: open the link in the external browser.
        tel_number: the number a ``TN`` button calls.
    """

    ordering: int = attrs.field(validator=_ordering_check)
    chat_extra: str | None = attrs.field(default=None, kw_only=True)
    chat_event: str | None = attrs.field(default=None, kw_only=True)
    relay_id: str | None = attrs.field(default=None, kw_only=True)
    one_click_id: str | None = attrs.field(default=None, kw_only=True)
    product_id: str | None = attrs.field(default=None, kw_only=True)
    target_out: bool = attrs.field(default=False, kw_only=True)
    tel_number: str | None = attrs.field(default=None, kw_only=True)


# --- query models --------------------------------------------------------------


@attrs.frozen(slots=True)
class FallbackResult:
    """What became of the SMS fallback (``resendParameter``) of one message.

    Attributes:
        status: ``resendStatus``: ``RSC01`` not a fallback target, ``RSC02``
            target (falls back if KakaoTalk fails), ``RSC03`` in progress,
            ``RSC04`` succeeded, ``RSC05`` failed.
        status_name: the API's text for ``status``.
        result_code: ``resendResultCode``, an **SMS** API code (look it up with
            ``notify_sdk.errors.lookup("sms", int(code))``), as received.
        request_id: ``resendRequestId``, the SMS request, queryable with
            ``list_sms_deliveries(request_id=...)``.
    """

    status: str | None
    status_name: str | None = None
    result_code: str | None = None
    request_id: str | None = None

    @property
    def sent(self) -> bool:
        """``True`` when the SMS copy was sent (``RSC04``)."""
        return self.status == "RSC04"

    @property
    def failed(self) -> bool:
        """``True`` when the SMS fallback itself failed (``RSC05``)."""
        return self.status == "RSC05"


@attrs.frozen(slots=True)
class KakaoMessage:
    """One recipient of an AlimTalk or FriendTalk send, as the query endpoints report it.

    Dates are the API's strings in Korea time (``yyyy-MM-dd HH:mm:ss``).

    Attributes:
        service: ``"alimtalk"`` or ``"friendtalk"``.
        request_id: the send's ``requestId``.
        seq: the recipient's ``recipientSeq``.
        recipient: the recipient number.
        template_code: the AlimTalk template (``None`` for FriendTalk).
        content: the text as delivered.
        status: ``messageStatus`` as received (``COMPLETED``, ``FAILED``,
            ``CANCEL``; other values may appear while in flight).
        result_code: the Kakao delivery result, ``None`` until known or when
            the code is in no table (see ``raw_result_code``).
        raw_result_code: ``resultCode`` as received (``"1000"`` is success).
        result_message: the API's ``resultCodeName``.
        request_date / create_date / receive_date: the API's date strings.
        sender_key / plus_friend_id: the sender profile.
        sender_grouping_key / recipient_grouping_key: the tags of the send.
        fallback: the SMS fallback's outcome, when the API reports one.
    """

    service: str
    request_id: str
    seq: int | None
    recipient: str | None = None
    template_code: str | None = None
    content: str | None = None
    status: str | None = None
    result_code: KakaoResultCode | None = None
    raw_result_code: str | None = None
    result_message: str | None = None
    request_date: str | None = None
    create_date: str | None = None
    receive_date: str | None = None
    sender_key: str | None = None
    plus_friend_id: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None
    fallback: FallbackResult | None = None

    @property
    def outcome(self) -> Outcome:
        """What the delivery means for the application (resend, give up, wait).

        When KakaoTalk failed but the SMS fallback went out, the outcome is
        still the KakaoTalk one; check :attr:`fallback` before resending.
        """
        if self.result_code is not None:
            return self.result_code.outcome
        if self.status == "CANCEL":
            return Outcome.PERMANENT_FAILURE
        if self.raw_result_code or self.status == "FAILED":
            # Ended with a code in no table (or none at all): not delivered,
            # and nothing says whether a resend could work.
            return Outcome.UNKNOWN_FAILURE
        return Outcome.PENDING

    @property
    def ok(self) -> bool:
        """``True`` when KakaoTalk delivered the message (result ``1000``)."""
        return self.raw_result_code == "1000"


@attrs.frozen(slots=True)
class SenderChannelSettings:
    """A sender profile's settings for one channel (``alimtalk`` / ``friendtalk``).

    Attributes:
        resend_app_key: the SMS app key used for fallback.
        resend_enabled: ``isResend``, the default fallback switch.
        resend_sender: ``resendSendNo``, the default fallback sender number.
        resend_unsubscribe_no: the 080 opt-out number (FriendTalk ads).
        daily_max_count: the daily cap (0 = unlimited); over it sends fail -1017.
        sent_count: messages sent today.
    """

    resend_app_key: str | None = None
    resend_enabled: bool | None = None
    resend_sender: str | None = None
    resend_unsubscribe_no: str | None = None
    daily_max_count: int | None = None
    sent_count: int | None = None

    @property
    def daily_remaining(self) -> int | None:
        """Messages left today, ``None`` when there is no cap (or it is unknown)."""
        if not self.daily_max_count:
            return None
        return max(self.daily_max_count - (self.sent_count or 0), 0)


@attrs.frozen(slots=True)
class SenderProfile:
    """A KakaoTalk sender profile (channel) registered with the app key.

    Kakao-side states are synchronised by NHN about every 6 hours.

    Attributes:
        sender_key: the key sends use (``senderKey``).
        plus_friend_id: the channel id, e.g. ``"@shop"``.
        category_code: the channel's business category.
        status / status_name: NHN side: ``YSC02`` waiting for token
            verification, ``YSC03`` registered.
        kakao_status / kakao_status_name: Kakao channel: ``A`` normal,
            ``S`` blocked (``None`` while ``YSC02``).
        kakao_profile_status / kakao_profile_status_name: ``A`` active,
            ``B`` blocked, ``C`` deactivated, ``D`` deleted, ``E`` being deleted.
        profile_spam_level / profile_message_spam_level: Kakao's spam
            restriction labels, as received (Korean).
        block: the API's ``block`` flag (a blocked profile fails with -1027).
        dormant: the API's ``dormant`` flag (inactive; sends fail with -1014).
        initial_user_restriction: the "first-time user" restriction.
        create_date: the API's date string.
        alimtalk / friendtalk: per-channel fallback settings and daily caps.
    """

    sender_key: str
    plus_friend_id: str | None = None
    category_code: str | None = None
    status: str | None = None
    status_name: str | None = None
    kakao_status: str | None = None
    kakao_status_name: str | None = None
    kakao_profile_status: str | None = None
    kakao_profile_status_name: str | None = None
    profile_spam_level: str | None = None
    profile_message_spam_level: str | None = None
    block: bool = False
    dormant: bool = False
    initial_user_restriction: bool = False
    create_date: str | None = None
    alimtalk: SenderChannelSettings | None = None
    friendtalk: SenderChannelSettings | None = None

    @property
    def blocked(self) -> bool:
        """``True`` when NHN or Kakao reports the profile or channel blocked."""
        return self.block or self.kakao_status == "S" or self.kakao_profile_status == "B"

    @property
    def active(self) -> bool:
        """``True`` when the profile can send: registered, normal, active, not
        blocked and not dormant (the documented condition)."""
        return (
            self.status == "YSC03"
            and self.kakao_status == "A"
            and self.kakao_profile_status == "A"
            and not self.block
            and not self.dormant
        )


# --- small parsing helpers ------------------------------------------------------


def _message(item: JSONDict, service: str) -> KakaoMessage:
    raw_code = opt_str(item.get("resultCode"))
    if raw_code is not None and not raw_code.strip():
        raw_code = None
    fallback = None
    if any(
        item.get(k) is not None for k in ("resendStatus", "resendResultCode", "resendRequestId")
    ):
        fallback = FallbackResult(
            status=opt_str(item.get("resendStatus")),
            status_name=opt_str(item.get("resendStatusName")),
            result_code=opt_str(item.get("resendResultCode")),
            request_id=opt_str(item.get("resendRequestId")),
        )
    return KakaoMessage(
        service=service,
        request_id=str(item.get("requestId") or ""),
        seq=opt_int(item.get("recipientSeq")),
        recipient=opt_str(item.get("recipientNo")),
        template_code=opt_str(item.get("templateCode")),
        content=opt_str(item.get("content")),
        status=opt_str(item.get("messageStatus")),
        result_code=KakaoResultCode.parse(raw_code) if raw_code else None,
        raw_result_code=raw_code,
        result_message=opt_str(item.get("resultCodeName")),
        request_date=opt_str(item.get("requestDate")),
        create_date=opt_str(item.get("createDate")),
        receive_date=opt_str(item.get("receiveDate")),
        sender_key=opt_str(item.get("senderKey")),
        plus_friend_id=opt_str(item.get("plusFriendId")),
        sender_grouping_key=opt_str(item.get("senderGroupingKey")),
        recipient_grouping_key=opt_str(item.get("recipientGroupingKey")),
        fallback=fallback,
    )


def _channel(value: object) -> SenderChannelSettings | None:
    if not isinstance(value, dict):
        return None
    return SenderChannelSettings(
        resend_app_key=opt_str(value.get("resendAppKey")),
        resend_enabled=opt_bool(value.get("isResend")),
        resend_sender=opt_str(value.get("resendSendNo")),
        resend_unsubscribe_no=opt_str(value.get("resendUnsubscribeNo")),
        daily_max_count=opt_int(value.get("dailyMaxCount")),
        sent_count=opt_int(value.get("sentCount")),
    )


def _profile(item: JSONDict) -> SenderProfile:
    return SenderProfile(
        sender_key=str(item.get("senderKey") or ""),
        plus_friend_id=opt_str(item.get("plusFriendId")),
        category_code=opt_str(item.get("categoryCode")),
        status=opt_str(item.get("status")),
        status_name=opt_str(item.get("statusName")),
        kakao_status=opt_str(item.get("kakaoStatus")),
        kakao_status_name=opt_str(item.get("kakaoStatusName")),
        kakao_profile_status=opt_str(item.get("kakaoProfileStatus")),
        kakao_profile_status_name=opt_str(item.get("kakaoProfileStatusName")),
        profile_spam_level=opt_str(item.get("profileSpamLevel")),
        profile_message_spam_level=opt_str(item.get("profileMessageSpamLevel")),
        block=opt_bool(item.get("block")) is True,
        dormant=opt_bool(item.get("dormant")) is True,
        initial_user_restriction=opt_bool(item.get("initialUserRestriction")) is True,
        create_date=opt_str(item.get("createDate")),
        alimtalk=_channel(item.get("alimtalk")),
        friendtalk=_channel(item.get("friendtalk")),
    )


# --- validation helpers ---------------------------------------------------------


def _short(value: object, field: str, max_chars: int) -> str | None:
    if value is None:
        return None
    return require_text(value, field, max_chars=max_chars)


def _check_links(item: KakaoButton | KakaoQuickReply, field: str) -> None:
    for name in ("link_mobile", "link_pc", "scheme_ios", "scheme_android"):
        _short(getattr(item, name), f"{field}.{name}", LINK_MAX)
    if item.type == "WL" and not item.link_mobile:
        raise ValidationError(f"{field}: a WL button needs link_mobile", field=field)
    if item.type == "AL":
        given = sum(1 for v in (item.scheme_android, item.scheme_ios, item.link_mobile) if v)
        if given < 2:
            raise ValidationError(
                f"{field}: an AL button needs at least two of scheme_android, scheme_ios, "
                "link_mobile (API rule -3007)",
                field=field,
            )


def _link_fields(item: KakaoButton | KakaoQuickReply) -> JSONDict:
    out: JSONDict = {}
    for attr, wire in (
        ("link_mobile", "linkMo"),
        ("link_pc", "linkPc"),
        ("scheme_ios", "schemeIos"),
        ("scheme_android", "schemeAndroid"),
        ("chat_extra", "chatExtra"),
        ("chat_event", "chatEvent"),
        ("biz_form_id", "bizFormId"),
    ):
        value = getattr(item, attr)
        if value is not None:
            out[wire] = value
    if item.target_out:
        out["target"] = "out"
    return out


def _buttons(
    buttons: Sequence[KakaoButton] | None, allowed: frozenset[str], max_count: int
) -> list[JSONDict]:
    if buttons is None:
        return []
    items = list(buttons) if not isinstance(buttons, (str, bytes)) else None
    if items is None or not all(isinstance(b, KakaoButton) for b in items):
        raise ValidationError("buttons must be a sequence of KakaoButton", field="buttons")
    if len(items) > max_count:
        raise ValidationError(
            f"buttons: {len(items)} given; at most {max_count} are allowed here", field="buttons"
        )
    out: list[JSONDict] = []
    for index, button in enumerate(items, start=1):
        if button.type not in allowed:
            raise ValidationError(
                f"buttons: type {button.type!r} is not one of {', '.join(sorted(allowed))}",
                field="buttons",
            )
        require_text(button.name, "buttons", max_chars=BUTTON_NAME_MAX)
        _check_links(button, "buttons")
        if button.type == "TN" and not button.tel_number:
            raise ValidationError("buttons: a TN button needs tel_number", field="buttons")
        entry: JSONDict = {
            "ordering": button.ordering if button.ordering is not None else index,
            "type": button.type,
            "name": button.name,
        }
        entry.update(_link_fields(button))
        for attr, wire in (
            ("biz_form_key", "bizFormKey"),
            ("plugin_id", "pluginId"),
            ("relay_id", "relayId"),
            ("one_click_id", "oneClickId"),
            ("product_id", "productId"),
            ("tel_number", "telNumber"),
        ):
            value = getattr(button, attr)
            if value is not None:
                entry[wire] = value
        out.append(entry)
    return out


def _quick_replies(replies: Sequence[KakaoQuickReply] | None) -> list[JSONDict]:
    if replies is None:
        return []
    items = list(replies) if not isinstance(replies, (str, bytes)) else None
    if items is None or not all(isinstance(r, KakaoQuickReply) for r in items):
        raise ValidationError(
            "quick_replies must be a sequence of KakaoQuickReply", field="quick_replies"
        )
    if len(items) > MAX_QUICK_REPLIES:
        raise ValidationError(
            f"quick_replies: at most {MAX_QUICK_REPLIES} are allowed", field="quick_replies"
        )
    out: list[JSONDict] = []
    for index, reply in enumerate(items, start=1):
        if reply.type not in _QUICK_REPLY_TYPES:
            raise ValidationError(
                f"quick_replies: type {reply.type!r} is not one of "
                f"{', '.join(sorted(_QUICK_REPLY_TYPES))}",
                field="quick_replies",
            )
        require_text(reply.name, "quick_replies", max_chars=BUTTON_NAME_MAX)
        _check_links(reply, "quick_replies")
        entry: JSONDict = {
            "ordering": reply.ordering if reply.ordering is not None else index,
            "type": reply.type,
            "name": reply.name,
        }
        entry.update(_link_fields(reply))
        out.append(entry)
    return out


def _button_params(
    params: Sequence[ButtonParams] | None, field: str, *, quick_reply: bool
) -> list[JSONDict]:
    if params is None:
        return []
    items = list(params) if not isinstance(params, (str, bytes)) else None
    if items is None or not all(isinstance(p, ButtonParams) for p in items):
        raise ValidationError(f"{field} must be a sequence of ButtonParams", field=field)
    if len(items) > MAX_BUTTONS:
        raise ValidationError(f"{field}: at most {MAX_BUTTONS} are allowed", field=field)
    if len({p.ordering for p in items}) != len(items):
        raise ValidationError(f"{field}: each ordering may appear once", field=field)
    out: list[JSONDict] = []
    for p in items:
        extras = (
            ("relay_id", "relayId"),
            ("one_click_id", "oneClickId"),
            ("product_id", "productId"),
            ("tel_number", "telNumber"),
        )
        if quick_reply and any(getattr(p, attr) is not None for attr, _ in extras):
            raise ValidationError(
                f"{field}: quick replies take only chat_extra, chat_event and target_out",
                field=field,
            )
        entry: JSONDict = {"ordering": p.ordering}
        for attr, wire in (("chat_extra", "chatExtra"), ("chat_event", "chatEvent"), *extras):
            value = getattr(p, attr)
            if value is not None:
                entry[wire] = value
        if p.target_out:
            entry["target"] = "out"
        out.append(entry)
    return out


def _recipient_no(recipient: Recipient) -> str:
    if recipient.country_code is not None:
        raise ValidationError(
            "to: country_code is for SMS; give a KakaoTalk recipient's number as one string",
            field="to",
        )
    if len(recipient.number) > RECIPIENT_NO_MAX:
        raise ValidationError(
            f"to: a recipient number is at most {RECIPIENT_NO_MAX} digits", field="to"
        )
    return recipient.number


def _merge(call: Mapping[str, object] | None, recipient: Recipient) -> dict[str, str]:
    if call is not None and not isinstance(call, Mapping):
        raise ValidationError("params must be a mapping of str to str", field="params")
    merged: dict[str, object] = dict(call or {})
    if recipient.params is not None:
        if not isinstance(recipient.params, Mapping):
            raise ValidationError("to: Recipient.params must be a mapping", field="to")
        merged.update(recipient.params)
    return template_params(merged, "params")


def _fill(text: str, values: Mapping[str, str]) -> str:
    """Fill ``#{key}`` variables that have a value; leave the others as written."""
    if not values:
        return text
    return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _friendtalk_ad_rule(content: str, field: str) -> None:
    """The advertising wording a FriendTalk fallback text needs (API rule -4200)."""
    if not content.lstrip().startswith("(광고)") or "080" not in content:
        raise ValidationError(
            f"{field}.content of an advertising FriendTalk must start with '(광고)' and "
            "name the 080 opt-out number (API rule -4200); omit it to let the provider "
            "build it",
            field=field,
        )


def _resend(fallback: object, field: str, *, is_ad: bool = False) -> JSONDict | None:
    """The ``resendParameter`` for a fallback setting (``None``: leave the default)."""
    # Over-long fallback text is truncated by the provider, not refused: only
    # what can never be sent (empty, not EUC-KR) is checked here.
    return resend_parameter(fallback, field, ad_rule=_friendtalk_ad_rule if is_ad else None)


def _with_options(
    entry: JSONDict, r: Recipient, call_resend: JSONDict | None, *, is_ad: bool = False
) -> JSONDict:
    """Add a recipient's fallback (its own over the call's) and grouping key to its entry."""
    resend = call_resend if r.fallback is None else _resend(r.fallback, "to", is_ad=is_ad)
    if resend is not None:
        entry["resendParameter"] = resend
    if r.grouping_key is not None:
        entry["recipientGroupingKey"] = r.grouping_key
    return entry


def _send(
    ctx: Context,
    service: str,
    path: str,
    label: str,
    payload: JSONDict,
    recipients: tuple[Recipient, ...],
    key: str,
    retry: RetryPolicy | None,
) -> Operation[SendResult]:
    """The operation of an AlimTalk or FriendTalk send."""
    prefix, headers = _ROUTES[service]
    return send_operation(
        ctx,
        service=service,
        prefix=prefix,
        path=path,
        label=label,
        payload=payload,
        recipients=recipients,
        idempotency_key=key,
        # The API deduplicates by the idempotency key: a retry is safe.
        safety=Safety.IDEMPOTENT,
        headers=headers,
        retry=retry,
    )


def _top_level(
    ctx: Context,
    sender_key: str | None,
    grouping: str,
    scheduled_at: datetime | None,
    stats_id: str | None,
) -> JSONDict:
    payload: JSONDict = {"senderKey": resolve_sender_key(ctx, sender_key)}
    if scheduled_at is not None:
        payload["requestDate"] = format_schedule(scheduled_at, ctx.now_kst(), max_days=60)
    payload["senderGroupingKey"] = grouping
    if stats_id is not None:
        payload["statsId"] = require_text(stats_id, "stats_id", max_chars=STATS_ID_MAX)
    return payload


# --- AlimTalk sends ------------------------------------------------------------


def send_alimtalk(
    ctx: Context,
    to: Recipients,
    template_code: str,
    *,
    params: Mapping[str, str] | None = None,
    sender_key: str | None = None,
    fallback: SmsFallback | bool | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    idempotency_key: str | None = None,
    buttons: Sequence[ButtonParams] | None = None,
    quick_replies: Sequence[ButtonParams] | None = None,
    stats_id: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send an AlimTalk message with an approved template to 1..1,000 recipients.

    The send is exactly-once across retries: it carries one
    ``X-NC-API-IDEMPOTENCY-KEY`` on every attempt, and a retry answered with
    -1005 is reported as the earlier, accepted attempt (``recovered=True``).

    Args:
        to: a phone number, a :class:`~notify_sdk.Recipient`, or an iterable
            of them (at most 1,000).
        template_code: the approved template (at most 20 characters).
        params: values for the template's ``#{key}`` variables, for every
            recipient; ``Recipient.params`` are merged over them. Keys and
            values at most 1,300 characters each.
        sender_key: the sender profile key; default the client's ``kakao_sender_key``.
        fallback: ``True`` to resend by SMS/LMS when KakaoTalk fails (text
            built by the provider), an :class:`~notify_sdk.SmsFallback` to
            choose the text, type and sender, ``False`` to turn off the
            profile's default fallback, ``None`` to leave the default.
            ``Recipient.fallback`` overrides it per recipient.
        scheduled_at: send later; a naive datetime is Korea time; future and
            at most 60 days ahead (minutes are kept, seconds dropped).
        sender_grouping_key: your tag for the send (at most 100 characters).
            Keep it unique per send: a retried send is recovered by it. When
            omitted the SDK sets a unique ``nsdk-...`` key.
        idempotency_key: the ``X-NC-API-IDEMPOTENCY-KEY``; default a fresh
            one per call. Reusing a key within 10 minutes raises
            ``DuplicateRequestError``.
        buttons: per-send data for the template's buttons (:class:`ButtonParams`).
        quick_replies: per-send data for the template's quick replies.
        stats_id: a statistics event key (at most 8 characters).
        retry: a :class:`~notify_sdk.RetryPolicy` for this call only.

    Returns:
        The :class:`~notify_sdk.SendResult` (service ``"alimtalk"``); refused
        recipients are in ``.failed`` (when all are refused the API answers
        -1031 and the per-recipient codes are still reported).

    Raises:
        ValidationError: bad input, before anything is sent.
        TemplateError: the template is missing, not approved, or does not match.
        SenderProfileBlocked: the sender profile is blocked (-1027).
        DuplicateRequestError: ``idempotency_key`` was used in the last 10 minutes.
        APIError: any other failure the API reports.
        TransportError: the network failed and retries ran out.

    Example::

        client.send_alimtalk(
            "01012345678", "ORDER_SHIPPED",
            params={"name": "Kim", "orderNo": "58213"}, fallback=True,
        )
    """
    recipients = normalize_recipients(to)
    template = require_text(template_code, "template_code", max_chars=TEMPLATE_CODE_MAX)
    button_list = _button_params(buttons, "buttons", quick_reply=False)
    reply_list = _button_params(quick_replies, "quick_replies", quick_reply=True)
    call_resend = _resend(fallback, "fallback")
    grouping, key = send_keys(sender_grouping_key, idempotency_key)
    payload = _top_level(ctx, sender_key, grouping, scheduled_at, stats_id)
    payload["templateCode"] = template
    entries: list[JSONDict] = []
    for r in recipients:
        entry: JSONDict = {"recipientNo": _recipient_no(r)}
        merged = _merge(params, r)
        if merged:
            entry["templateParameter"] = merged
        if button_list:
            entry["buttons"] = button_list
        if reply_list:
            entry["quickReplies"] = reply_list
        entries.append(_with_options(entry, r, call_resend))
    payload["recipientList"] = entries
    return _send(ctx, "alimtalk", "messages", "send_alimtalk", payload, recipients, key, retry)


def send_alimtalk_raw(
    ctx: Context,
    to: Recipients,
    content: str,
    *,
    template_code: str,
    params: Mapping[str, str] | None = None,
    sender_key: str | None = None,
    title: str | None = None,
    header: str | None = None,
    buttons: Sequence[KakaoButton] | None = None,
    quick_replies: Sequence[KakaoQuickReply] | None = None,
    fallback: SmsFallback | bool | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    idempotency_key: str | None = None,
    stats_id: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send an AlimTalk message as final text (the API's ``raw-messages``).

    The text must still match the approved template ``template_code``
    (-3010 body, -3011 buttons). Use it when your application renders the
    template itself; otherwise :meth:`send_alimtalk` is simpler.

    Args:
        to: recipients, as for :meth:`send_alimtalk`.
        content: the final text, at most 1,300 characters. ``#{key}``
            variables left in it are filled per recipient from ``params`` and
            ``Recipient.params`` before sending.
        template_code: the approved template the text was rendered from.
        params: values for ``#{key}`` variables left in ``content``.
        sender_key: the sender profile key; default the client's ``kakao_sender_key``.
        title: the highlighted title (``templateTitle``), at most 50 characters.
        header: the template header (``templateHeader``), at most 16 characters.
        buttons: the template's buttons, at most 5 (:class:`KakaoButton`).
        quick_replies: the template's quick replies, at most 5.
        fallback, scheduled_at, sender_grouping_key, idempotency_key,
            stats_id, retry: as for :meth:`send_alimtalk`.

    Returns:
        The :class:`~notify_sdk.SendResult` (service ``"alimtalk"``).

    Raises:
        ValidationError: bad input, before anything is sent.
        TemplateError: the text or buttons do not match the template.
        SenderProfileBlocked: the sender profile is blocked (-1027).
        DuplicateRequestError: ``idempotency_key`` was used in the last 10 minutes.
        APIError: any other failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    recipients = normalize_recipients(to)
    require_text(content, "content")
    template = require_text(template_code, "template_code", max_chars=TEMPLATE_CODE_MAX)
    button_list = _buttons(buttons, _ALIMTALK_BUTTON_TYPES, MAX_BUTTONS)
    reply_list = _quick_replies(quick_replies)
    title_text = _short(title, "title", 50)
    header_text = _short(header, "header", 16)
    call_resend = _resend(fallback, "fallback")
    grouping, key = send_keys(sender_grouping_key, idempotency_key)
    payload = _top_level(ctx, sender_key, grouping, scheduled_at, stats_id)
    payload["templateCode"] = template
    entries: list[JSONDict] = []
    for r in recipients:
        text = _fill(content, _merge(params, r))
        if len(text) > ALIMTALK_BODY_MAX:
            raise ValidationError(
                f"content is {len(text)} characters after substitution; the limit is "
                f"{ALIMTALK_BODY_MAX} (API rule -2019)",
                field="content",
            )
        entry: JSONDict = {"recipientNo": _recipient_no(r), "content": text}
        if title_text is not None:
            entry["templateTitle"] = title_text
        if header_text is not None:
            entry["templateHeader"] = header_text
        if button_list:
            entry["buttons"] = button_list
        if reply_list:
            entry["quickReplies"] = reply_list
        entries.append(_with_options(entry, r, call_resend))
    payload["recipientList"] = entries
    return _send(
        ctx, "alimtalk", "raw-messages", "send_alimtalk_raw", payload, recipients, key, retry
    )


# --- FriendTalk send --------------------------------------------------------------


def send_friendtalk(
    ctx: Context,
    to: Recipients,
    content: str,
    *,
    sender_key: str | None = None,
    message_type: FriendTalkType = "text",
    image_url: str | None = None,
    image_link: str | None = None,
    buttons: Sequence[KakaoButton] | None = None,
    is_ad: bool = False,
    adult: bool = False,
    fallback: SmsFallback | bool | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    idempotency_key: str | None = None,
    stats_id: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send a FriendTalk message (deprecated: use ``send_brand_message``).

    Kakao ended FriendTalk on 2025-12-31; NHN converts FriendTalk requests to
    Brand Messages until about 2026-12-31 (the SDK sends the required
    ``X-Convert-To-Brand-Message: true`` header). Every call issues a
    ``DeprecationWarning``.

    FriendTalk is not delivered from 20:50 to 08:00 (KST): a ``scheduled_at``
    in that window raises ``ValidationError``; an immediate send in it emits
    a ``UserWarning`` and is sent (the messages will likely fail with
    delivery result 3022).

    Args:
        to: recipients, as for :meth:`send_alimtalk`.
        content: the text: at most 1,300 characters for ``"text"``, 400 for
            ``"image"``, 76 for ``"wide_image"``.
        sender_key: the sender profile key; default the client's ``kakao_sender_key``.
        message_type: ``"text"``, ``"image"`` or ``"wide_image"``.
        image_url: the uploaded image's URL (required for the image types;
            the image itself decides whether it is wide).
        image_link: where tapping the image leads (image types only).
        buttons: at most 5 (2 for ``"wide_image"``); types ``WL``, ``AL``,
            ``BK``, ``MD``, ``BF``.
        is_ad: send as advertising (``isAd``). The API's default is ``True``;
            the SDK always sends the value given here.
        adult: restrict to adult recipients.
        fallback: SMS fallback as for :meth:`send_alimtalk`; for an ad its
            ``content`` must carry ``(광고)`` and the 080 opt-out number.
        scheduled_at, sender_grouping_key, idempotency_key, stats_id, retry:
            as for :meth:`send_alimtalk`.

    Returns:
        The :class:`~notify_sdk.SendResult` (service ``"friendtalk"``).

    Raises:
        ValidationError: bad input (including a schedule in the night window).
        SenderProfileBlocked: the sender profile is blocked (-1027).
        DuplicateRequestError: ``idempotency_key`` was used in the last 10 minutes.
        APIError: any other failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    warnings.warn(
        "send_friendtalk uses NHN's FriendTalk compatibility route, which closes around "
        "2026-12-31; use send_brand_message instead",
        DeprecationWarning,
        stacklevel=3,
    )
    recipients = normalize_recipients(to)
    if message_type not in FRIENDTALK_BODY_MAX:
        raise ValidationError(
            f"message_type must be 'text', 'image' or 'wide_image', not {message_type!r}",
            field="message_type",
        )
    require_text(
        content,
        "content",
        max_chars=FRIENDTALK_BODY_MAX[message_type],
        hint=f" for a {message_type} FriendTalk",
    )
    if message_type == "text":
        if image_url is not None or image_link is not None:
            raise ValidationError(
                "image_url/image_link need message_type='image' or 'wide_image'",
                field="image_url",
            )
    else:
        require_text(image_url, "image_url", max_chars=LINK_MAX)
        _short(image_link, "image_link", LINK_MAX)
    button_list = _buttons(buttons, _FRIENDTALK_BUTTON_TYPES, FRIENDTALK_BUTTONS_MAX[message_type])
    if not isinstance(is_ad, bool) or not isinstance(adult, bool):
        raise ValidationError("is_ad and adult must be bools", field="is_ad")
    call_resend = _resend(fallback, "fallback", is_ad=is_ad)
    grouping, key = send_keys(sender_grouping_key, idempotency_key)
    payload = _top_level(ctx, sender_key, grouping, scheduled_at, stats_id)
    entries: list[JSONDict] = []
    for r in recipients:
        if r.params:
            raise ValidationError(
                "to: Recipient.params are template parameters; FriendTalk has no template",
                field="to",
            )
        entry: JSONDict = {"recipientNo": _recipient_no(r), "content": content}
        if image_url is not None:
            entry["imageUrl"] = image_url
        if image_link is not None:
            entry["imageLink"] = image_link
        if button_list:
            entry["buttons"] = button_list
        entry["isAd"] = is_ad
        if adult:
            entry["adult"] = True
        entries.append(_with_options(entry, r, call_resend, is_ad=is_ad))
    payload["recipientList"] = entries
    scheduled = None if scheduled_at is None else to_kst(scheduled_at, "scheduled_at")
    check_night(scheduled, ctx.now_kst(), what="FriendTalk messages", escape="", stacklevel=3)
    return _send(ctx, "friendtalk", "messages", "send_friendtalk", payload, recipients, key, retry)


# --- message queries --------------------------------------------------------------


def _message_page(service: str) -> Callable[[JSONDict], Page[KakaoMessage]]:
    def parse(data: JSONDict) -> Page[KakaoMessage]:
        return Page(
            tuple(_message(i, service) for i in message_items(data)),
            opt_int(search_result(data).get("totalCount")),
        )

    return parse


def _range(
    start: object, end: object, name: str, wire: tuple[str, str], params: dict[str, Any]
) -> None:
    if start is None and end is None:
        return
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        raise ValidationError(
            f"{name}_from and {name}_to go together and must be datetimes", field=f"{name}_from"
        )
    low, high = to_kst(start, f"{name}_from"), to_kst(end, f"{name}_to")
    if high < low or high - low > _MAX_QUERY_RANGE:
        raise ValidationError(
            f"{name}_from..{name}_to must be ordered and span at most 31 days (API rule -4003)",
            field=f"{name}_from",
        )
    params[wire[0]] = low.strftime(MINUTE_FORMAT)
    params[wire[1]] = high.strftime(MINUTE_FORMAT)


def _list_messages(
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    statuses: tuple[str, ...],
    *,
    request_id: str | None,
    requested_from: datetime | None,
    requested_to: datetime | None,
    created_from: datetime | None,
    created_to: datetime | None,
    sender_key: str | None,
    template_code: str | None,
    sender_grouping_key: str | None,
    recipient_grouping_key: str | None,
    recipient: str | None,
    status: str | None,
    result: str | None,
    page_size: int,
    limit: int | None,
    retry: RetryPolicy | None,
) -> Pager[KakaoMessage]:
    params: dict[str, Any] = {}
    if request_id is not None:
        params["requestId"] = require_text(request_id, "request_id", max_chars=25)
    _range(
        requested_from, requested_to, "requested", ("startRequestDate", "endRequestDate"), params
    )
    _range(created_from, created_to, "created", ("startCreateDate", "endCreateDate"), params)
    if not params:
        raise ValidationError(
            "give request_id, requested_from/requested_to or created_from/created_to",
            field="request_id",
        )
    if recipient is not None:
        params["recipientNo"] = normalize_number(recipient, "recipient")
    if sender_key is not None:
        params["senderKey"] = require_text(sender_key, "sender_key", max_chars=SENDER_KEY_MAX)
    if template_code is not None:
        params["templateCode"] = require_text(
            template_code, "template_code", max_chars=TEMPLATE_CODE_MAX
        )
    for name, value, wire in (
        ("sender_grouping_key", sender_grouping_key, "senderGroupingKey"),
        ("recipient_grouping_key", recipient_grouping_key, "recipientGroupingKey"),
    ):
        if value is not None:
            params[wire] = optional_key(value, name)
    if status is not None:
        value = status.value if isinstance(status, enum.Enum) else status
        if value not in statuses:
            raise ValidationError(
                f"status must be one of {', '.join(statuses)}, not {status!r}", field="status"
            )
        params["messageStatus"] = value
    if result is not None:
        if result not in _RESULT_FILTERS:
            raise ValidationError(
                "result must be 'MRC01' (success) or 'MRC02' (failure)", field="result"
            )
        params["resultCode"] = result
    return listing(
        f"{prefix}/messages",
        params,
        _message_page(service),
        page_size=page_size,
        limit=limit,
        retry=retry,
        label=f"list_{service}_messages",
        headers=headers,
    )


def list_alimtalk_messages(
    ctx: Context,
    *,
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    sender_key: str | None = None,
    template_code: str | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    recipient: str | None = None,
    status: str | None = None,
    result: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List AlimTalk messages (one item per recipient), paging as you iterate.

    Give ``request_id``, or a ``requested_from``/``requested_to`` range, or a
    ``created_from``/``created_to`` range (at most 31 days; messages older
    than 90 days are gone). Naive datetimes are Korea time; the API keeps
    minutes only. Items come newest first.

    Args:
        request_id: every recipient of one send.
        requested_from, requested_to: the send (or scheduled) time range.
        created_from, created_to: the registration time range.
        sender_key, template_code, sender_grouping_key,
            recipient_grouping_key, recipient: filters.
        status: ``"COMPLETED"``, ``"FAILED"`` or ``"CANCEL"``.
        result: ``"MRC01"`` (delivered) or ``"MRC02"`` (failed).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`KakaoMessage`.

    Raises:
        ValidationError: no selector, a range over 31 days, bad arguments.
    """
    return _list_messages(
        "alimtalk", _ALIMTALK, {}, _MESSAGE_STATUSES,
        request_id=request_id, requested_from=requested_from, requested_to=requested_to,
        created_from=created_from, created_to=created_to, sender_key=sender_key,
        template_code=template_code, sender_grouping_key=sender_grouping_key,
        recipient_grouping_key=recipient_grouping_key, recipient=recipient, status=status,
        result=result, page_size=page_size, limit=limit, retry=retry,
    )  # fmt: skip


def list_friendtalk_messages(
    ctx: Context,
    *,
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    sender_key: str | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    recipient: str | None = None,
    status: str | None = None,
    result: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List FriendTalk messages (one item per recipient), paging as you iterate.

    Arguments as for :meth:`list_alimtalk_messages`, without
    ``template_code``; ``status`` is ``"COMPLETED"`` or ``"FAILED"``.

    Returns:
        An iterator (``async for`` on the async client) of :class:`KakaoMessage`.

    Raises:
        ValidationError: no selector, a range over 31 days, bad arguments.
    """
    return _list_messages(
        "friendtalk", _FRIENDTALK, _FRIENDTALK_HEADERS, ("COMPLETED", "FAILED"),
        request_id=request_id, requested_from=requested_from, requested_to=requested_to,
        created_from=created_from, created_to=created_to, sender_key=sender_key,
        template_code=None, sender_grouping_key=sender_grouping_key,
        recipient_grouping_key=recipient_grouping_key, recipient=recipient, status=status,
        result=result, page_size=page_size, limit=limit, retry=retry,
    )  # fmt: skip


def _get_message(
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    request_id: str,
    seq: int,
    retry: RetryPolicy | None,
) -> Operation[KakaoMessage]:
    request_id = require_text(request_id, "request_id", max_chars=25)
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValidationError("seq must be a positive int (RecipientResult.seq)", field="seq")

    def parse(data: JSONDict) -> KakaoMessage:
        return _message(expect_dict(body_of(data, "message", "kakao"), "message", "kakao"), service)

    return Operation(
        namespace="kakao",
        method="GET",
        path=f"{prefix}/messages/{request_id}/{seq}",
        parse=parse,
        safety=Safety.READ,
        headers=dict(headers),
        retry=retry,
        label=f"get_{service}_message",
    )


def get_alimtalk_message(
    ctx: Context, request_id: str, seq: int, *, retry: RetryPolicy | None = None
) -> Operation[KakaoMessage]:
    """Get one recipient of an AlimTalk send, with its SMS fallback outcome.

    Args:
        request_id: the send's ``request_id``.
        seq: the recipient's ``seq`` (``RecipientResult.seq``).
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad arguments.
        APIError: the API does not know the message (-1016) or another failure.
    """
    return _get_message("alimtalk", _ALIMTALK, {}, request_id, seq, retry)


def get_friendtalk_message(
    ctx: Context, request_id: str, seq: int, *, retry: RetryPolicy | None = None
) -> Operation[KakaoMessage]:
    """Get one recipient of a FriendTalk send; arguments as for :meth:`get_alimtalk_message`."""
    return _get_message("friendtalk", _FRIENDTALK, _FRIENDTALK_HEADERS, request_id, seq, retry)


def _cancel(
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    request: SendResult | str,
    recipient_seqs: Iterable[int] | None,
    retry: RetryPolicy | None,
) -> Operation[None]:
    if isinstance(request, SendResult):
        if request.request_id is None:
            raise ValidationError("this SendResult has no request_id", field="request")
        request_id = request.request_id
    else:
        request_id = require_text(request, "request", max_chars=25)
    params: dict[str, Any] | None = None
    if recipient_seqs is not None:
        seqs = list(recipient_seqs)
        if not seqs or not all(
            isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in seqs
        ):
            raise ValidationError("recipient_seqs must be positive ints", field="recipient_seqs")
        params = {"recipientSeq": ",".join(str(s) for s in seqs)}

    def parse(data: JSONDict) -> None:
        return None

    return Operation(
        namespace="kakao",
        method="DELETE",
        path=f"{prefix}/messages/{request_id}",
        parse=parse,
        safety=Safety.UNSAFE,
        params=params,
        headers=dict(headers),
        retry=retry,
        label=f"cancel_{service}",
    )


def cancel_alimtalk(
    ctx: Context,
    request: SendResult | str,
    *,
    recipient_seqs: Iterable[int] | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Cancel a scheduled AlimTalk send (all recipients, or some of them).

    Args:
        request: the :class:`~notify_sdk.SendResult` of the scheduled send, or
            its ``request_id``.
        recipient_seqs: which recipients to cancel; default every recipient.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad arguments.
        APIError: nothing was cancellable (-2029: already sent or unknown id),
            or another failure.
    """
    return _cancel("alimtalk", _ALIMTALK, {}, request, recipient_seqs, retry)


def cancel_friendtalk(
    ctx: Context,
    request: SendResult | str,
    *,
    recipient_seqs: Iterable[int] | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Cancel a scheduled FriendTalk send (all recipients, or some of them).

    Same arguments as :meth:`cancel_alimtalk`. FriendTalk runs in the
    provider's compatibility mode until about 2026-12-31; cancel Brand
    Message sends with :meth:`cancel_brand_message`.

    Raises:
        ValidationError: bad arguments.
        APIError: nothing was cancellable, or another failure.
    """
    return _cancel("friendtalk", _FRIENDTALK, _FRIENDTALK_HEADERS, request, recipient_seqs, retry)


def _search_results(
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    params: dict[str, Any],
    updated_from: datetime,
    updated_to: datetime,
    page_size: int,
    limit: int | None,
    retry: RetryPolicy | None,
) -> Pager[KakaoMessage]:
    if updated_from is None or updated_to is None:
        raise ValidationError("updated_from and updated_to are required", field="updated_from")
    _range(updated_from, updated_to, "updated", ("startUpdateDate", "endUpdateDate"), params)

    def parse(data: JSONDict) -> Page[KakaoMessage]:
        # AlimTalk answers a bare top-level array without a total; FriendTalk
        # wraps it in messageSearchResultResponse. Accept both for both.
        if "messages" in data:
            items = expect_list(data.get("messages"), "messages", "kakao")
            total = opt_int(data.get("totalCount"))
        else:
            items = message_items(data)
            inner = data.get("messageSearchResultResponse")
            total = opt_int(inner.get("totalCount")) if isinstance(inner, dict) else None
        return Page(tuple(_message(i, service) for i in items if isinstance(i, dict)), total)

    return listing(
        f"{prefix}/message-results",
        params,
        parse,
        page_size=page_size,
        limit=limit,
        retry=retry,
        label=f"search_{service}_results",
        headers=headers,
    )


def search_alimtalk_results(
    ctx: Context,
    *,
    updated_from: datetime,
    updated_to: datetime,
    message_type: Literal["NORMAL", "AUTH"] | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List AlimTalk messages whose result changed in a time range (for polling).

    Items carry the request id, seq, dates, status, result code and SMS
    fallback outcome (no recipient or text: fetch those with
    :meth:`get_alimtalk_message`). Naive datetimes are Korea time; minutes only.

    Args:
        updated_from, updated_to: the update time range (at most 31 days).
        message_type: ``"NORMAL"`` or ``"AUTH"``; default both.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`KakaoMessage`.
    """
    params: dict[str, Any] = {}
    if message_type is not None:
        if message_type not in ("NORMAL", "AUTH"):
            raise ValidationError("message_type must be 'NORMAL' or 'AUTH'", field="message_type")
        params["alimtalkMessageType"] = message_type
    return _search_results(
        "alimtalk", _ALIMTALK, {}, params, updated_from, updated_to, page_size, limit, retry
    )


def search_friendtalk_results(
    ctx: Context,
    *,
    updated_from: datetime,
    updated_to: datetime,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List FriendTalk messages whose result changed in a time range (for polling).

    As :meth:`search_alimtalk_results`, for FriendTalk's compatibility mode.

    Args:
        updated_from, updated_to: the update time range (at most 31 days).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`KakaoMessage`.
    """
    return _search_results(
        "friendtalk",
        _FRIENDTALK,
        _FRIENDTALK_HEADERS,
        {},
        updated_from,
        updated_to,
        page_size,
        limit,
        retry,
    )


# --- sender profiles -------------------------------------------------------------


def list_sender_profiles(
    ctx: Context,
    *,
    plus_friend_id: str | None = None,
    sender_key: str | None = None,
    status: Literal["YSC02", "YSC03"] | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SenderProfile]:
    """List the KakaoTalk sender profiles registered with the app key.

    Args:
        plus_friend_id: only this channel id (e.g. ``"@shop"``).
        sender_key: only this sender key.
        status: ``"YSC02"`` (waiting for token) or ``"YSC03"`` (registered).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`SenderProfile`.
    """
    params: dict[str, Any] = {}
    if plus_friend_id is not None:
        params["plusFriendId"] = require_text(plus_friend_id, "plus_friend_id", max_chars=30)
    if sender_key is not None:
        params["senderKey"] = require_text(sender_key, "sender_key", max_chars=SENDER_KEY_MAX)
    if status is not None:
        if status not in ("YSC02", "YSC03"):
            raise ValidationError("status must be 'YSC02' or 'YSC03'", field="status")
        params["status"] = status

    def parse(data: JSONDict) -> Page[SenderProfile]:
        items = expect_list(body_of(data, "senders", "kakao"), "senders", "kakao")
        return Page(
            tuple(_profile(i) for i in items if isinstance(i, dict)),
            opt_int(data.get("totalCount")),
        )

    return listing(
        f"{_ALIMTALK}/senders",
        params,
        parse,
        page_size=page_size,
        limit=limit,
        retry=retry,
        label="list_sender_profiles",
    )


def get_sender_profile(
    ctx: Context, sender_key: str | None = None, *, retry: RetryPolicy | None = None
) -> Operation[SenderProfile]:
    """Get one sender profile, e.g. to check ``.active`` before a campaign.

    Args:
        sender_key: the profile; default the client's ``kakao_sender_key``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: no sender key given or configured.
        SenderProfileError: the profile does not exist.
    """
    key = resolve_sender_key(ctx, sender_key)

    def parse(data: JSONDict) -> SenderProfile:
        return _profile(expect_dict(body_of(data, "sender", "kakao"), "sender", "kakao"))

    return Operation(
        namespace="kakao",
        method="GET",
        path=f"{_ALIMTALK}/senders/{key}",
        parse=parse,
        safety=Safety.READ,
        retry=retry,
        label="get_sender_profile",
    )


class KakaoMethods:
    """The KakaoTalk (AlimTalk, FriendTalk, sender) methods of :class:`~notify_sdk.NotifyClient`."""

    send_alimtalk = sync_method(send_alimtalk)
    send_alimtalk_raw = sync_method(send_alimtalk_raw)
    send_friendtalk = sync_method(send_friendtalk)
    list_alimtalk_messages = sync_pager(list_alimtalk_messages)
    get_alimtalk_message = sync_method(get_alimtalk_message)
    cancel_alimtalk = sync_method(cancel_alimtalk)
    cancel_friendtalk = sync_method(cancel_friendtalk)
    search_alimtalk_results = sync_pager(search_alimtalk_results)
    search_friendtalk_results = sync_pager(search_friendtalk_results)
    list_friendtalk_messages = sync_pager(list_friendtalk_messages)
    get_friendtalk_message = sync_method(get_friendtalk_message)
    list_sender_profiles = sync_pager(list_sender_profiles)
    get_sender_profile = sync_method(get_sender_profile)


class AsyncKakaoMethods:
    """The KakaoTalk methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    send_alimtalk = async_method(send_alimtalk)
    send_alimtalk_raw = async_method(send_alimtalk_raw)
    send_friendtalk = async_method(send_friendtalk)
    list_alimtalk_messages = async_pager(list_alimtalk_messages)
    get_alimtalk_message = async_method(get_alimtalk_message)
    cancel_alimtalk = async_method(cancel_alimtalk)
    cancel_friendtalk = async_method(cancel_friendtalk)
    search_alimtalk_results = async_pager(search_alimtalk_results)
    search_friendtalk_results = async_pager(search_friendtalk_results)
    list_friendtalk_messages = async_pager(list_friendtalk_messages)
    get_friendtalk_message = async_method(get_friendtalk_message)
    list_sender_profiles = async_pager(list_sender_profiles)
    get_sender_profile = async_method(get_sender_profile)
