"""KakaoTalk Bizmessage models: buttons and quick replies (input), messages and
sender profiles (answers), the limits the API documents and the readers that
map answers to models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import attrs

from ..._core import JSONDict
from ..._core.models import Recipient
from ..._core.wire import opt_bool, opt_int, opt_str
from ...delivery import KakaoResultCode, Outcome
from ...errors import ValidationError

if TYPE_CHECKING:
    from .template_models import TemplateItem, TemplateItemHighlight, TemplateLink


_ALIMTALK = "/alimtalk/v2.3/appkeys/{appkey}"


_MAX_QUERY_RANGE = timedelta(days=31)

TEMPLATE_CODE_MAX = 20
RECIPIENT_NO_MAX = 15
STATS_ID_MAX = 8
ALIMTALK_BODY_MAX = 1300
MAX_BUTTONS = 5
MAX_QUICK_REPLIES = 5
BUTTON_NAME_MAX = 14
LINK_MAX = 500
#: The documented limits of a raw send's ``templateItem``: 2 to 10 rows, a
#: row's title 6 and description 23 characters, the summary's description 14.
ITEMS_MIN = 2
ITEMS_MAX = 10
ITEM_TITLE_MAX = 6
ITEM_DESCRIPTION_MAX = 23
SUMMARY_DESCRIPTION_MAX = 14
#: ``templateItemHighlight``: (without, with) a thumbnail image.
HIGHLIGHT_TITLE_MAX = (30, 21)
HIGHLIGHT_DESCRIPTION_MAX = (19, 13)


_ALIMTALK_BUTTON_TYPES = frozenset(
    {"WL", "AL", "DS", "BK", "MD", "BC", "BT", "AC", "BF", "P1", "P2", "P3", "TN"}
)
_QUICK_REPLY_TYPES = frozenset({"WL", "AL", "BK", "BC", "BT", "BF"})


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


@attrs.frozen(slots=True)
class AlimTalkRecipient(Recipient):
    """A :class:`~notify_sdk.Recipient` with the AlimTalk per-recipient message parts.

    The AlimTalk API takes buttons, quick replies, title, header and the
    item parts per recipient; the send methods also take them per call, as
    the default for recipients that give none. **A value given here replaces
    the call's for this recipient** (a whole list: buttons are not merged by
    ``ordering``; ``buttons=()`` sends none to this recipient). ``items`` and
    ``item_summary`` travel together as the API's ``templateItem``: a
    recipient giving either replaces the call's ``templateItem`` as a whole.

    Args:
        number: the phone number.
        buttons: :meth:`~notify_sdk.NotifyClient.send_alimtalk`: per-recipient
            :class:`ButtonParams`; :meth:`~notify_sdk.NotifyClient.send_alimtalk_raw`:
            the :class:`KakaoButton` list (at most 5).
        quick_replies: as ``buttons``, for quick replies (:class:`ButtonParams`
            or :class:`KakaoQuickReply`, at most 5).
        title: raw sends only: the highlighted title (``templateTitle``), at
            most 50 characters.
        header: raw sends only: the header (``templateHeader``), at most 16.
        items: raw sends only: the item list (``templateItem.list``), 2 to
            10 :class:`~notify_sdk.TemplateItem` (title at most 6 characters,
            description 23).
        item_summary: raw sends only: the item summary
            (``templateItem.summary``, title 6, description 14 characters of
            digits, commas, periods, spaces and currency units).
        item_highlight: raw sends only: a :class:`~notify_sdk.TemplateItemHighlight`
            (title 30 characters, 21 with ``image_url``; description 19, 13
            with ``image_url``).
        represent_link: raw sends only: the main link, a
            :class:`~notify_sdk.TemplateLink` (each link at most 500 characters).
        params, grouping_key, fallback: as for :class:`~notify_sdk.Recipient`.

    FriendTalk and Brand Message sends take these parts per call only and
    refuse an ``AlimTalkRecipient`` that gives any (rather than drop them).

    Example::

        AlimTalkRecipient("01012345678", params={"name": "Kim"},
                          buttons=[ButtonParams(1, chat_extra="order=58213")])
    """

    buttons: Sequence[ButtonParams] | Sequence[KakaoButton] | None = attrs.field(
        default=None, kw_only=True
    )
    quick_replies: Sequence[ButtonParams] | Sequence[KakaoQuickReply] | None = attrs.field(
        default=None, kw_only=True
    )
    title: str | None = attrs.field(default=None, kw_only=True)
    header: str | None = attrs.field(default=None, kw_only=True)
    items: Sequence[TemplateItem] | None = attrs.field(default=None, kw_only=True)
    item_summary: TemplateItem | None = attrs.field(default=None, kw_only=True)
    item_highlight: TemplateItemHighlight | None = attrs.field(default=None, kw_only=True)
    represent_link: TemplateLink | None = attrs.field(default=None, kw_only=True)


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


def kakao_outcome(
    code: KakaoResultCode | None, raw_code: str | None, status: str | None
) -> Outcome:
    """The outcome of a KakaoTalk or Brand Message row from its code and ``messageStatus``."""
    if code is not None:
        return code.outcome
    if status == "CANCEL":
        return Outcome.PERMANENT_FAILURE
    if raw_code or status == "FAILED":
        # Ended with a code in no table (or none at all): not delivered, and
        # nothing says whether a resend could work.
        return Outcome.UNKNOWN_FAILURE
    return Outcome.PENDING


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
        return kakao_outcome(self.result_code, self.raw_result_code, self.status)

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
