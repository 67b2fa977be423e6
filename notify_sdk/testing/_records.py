"""Public records of the emulator: what it holds and what it accepted."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs


def _freeze_params(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return dict(value or {})


@attrs.frozen(kw_only=True)
class AcceptedMessage:
    """One recipient of one accepted send, as the emulator stored it.

    A request with three valid recipients produces three records sharing
    ``request_id``; rejected recipients produce none. Records are listed in
    :attr:`Emulator.accepted <notify_sdk.testing.Emulator.accepted>` in the
    order the emulator accepted them.

    Attributes:
        service: ``"sms"``, ``"alimtalk"``, ``"friendtalk"`` or ``"brand"``.
        endpoint: the send path below the app key, e.g. ``"sender/sms"``,
            ``"messages"``, ``"raw-messages"``, ``"freestyle-messages"``;
            ``"fallback"`` for an SMS the emulator sent because a KakaoTalk
            delivery failed.
        request_id: the ``requestId`` the emulator answered with.
        recipient_seq: the recipient's ``recipientSeq`` (1-based position in
            the request's recipient list).
        number: the recipient number with separators removed.
        content: the text the recipient receives (SMS body, rendered AlimTalk
            template, FriendTalk/Brand content; ``None`` for layouts without text).
        title: the LMS/MMS title, when there is one.
        template_code: ``templateCode`` (KakaoTalk) or ``templateId`` (SMS).
        idempotency_key: the ``X-NC-API-IDEMPOTENCY-KEY`` header sent, if any.
        sender_grouping_key: ``senderGroupingKey`` of the request.
        recipient_grouping_key: ``recipientGroupingKey`` of the recipient.
        sender: ``sendNo`` (SMS) or ``senderKey`` (KakaoTalk).
        message_type: ``SMS``/``LMS``/``MMS``/``AUTH`` for SMS, ``NORMAL``/``AUTH``
            for AlimTalk, ``chatBubbleType`` for Brand Message.
        scheduled_at: the ``requestDate`` (Korea time) of a scheduled send.
        created_at: when the emulator accepted it (Korea time, emulator clock).
        is_ad: advertising send (ad SMS/MMS, FriendTalk ``isAd``, every Brand Message).
        params: the recipient's ``templateParameter``.
        fallback_for: for a fallback SMS, the ``(requestId, recipientSeq)``
            of the KakaoTalk message it replaces.
    """

    service: str
    endpoint: str
    request_id: str
    recipient_seq: int
    number: str
    content: str | None
    title: str | None = None
    template_code: str | None = None
    idempotency_key: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None
    sender: str | None = None
    message_type: str | None = None
    scheduled_at: datetime | None = None
    created_at: datetime
    is_ad: bool = False
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze_params)
    fallback_for: tuple[str, int] | None = None

    @property
    def body(self) -> str | None:
        """Alias of :attr:`content` (SMS calls it ``body``)."""
        return self.content


@attrs.frozen(kw_only=True)
class DeliveryStatus:
    """Where one accepted message stands, as the query endpoints would report it.

    Attributes:
        state: ``"RESERVED"`` (scheduled, not yet due), ``"PENDING"`` (due,
            result not known yet), ``"DELIVERED"``, ``"FAILED"`` or ``"CANCELLED"``.
        result_code: the delivery code once known: an SMS receive code
            (``"1000"``, ``"3018"``, ``"E915"``) or a KakaoTalk delivery code
            (``"1000"``, ``"3018"``); ``None`` before.
        fallback_request_id: ``requestId`` of the SMS sent in its place, if any.
    """

    state: str
    result_code: str | None
    fallback_request_id: str | None = None

    @property
    def final(self) -> bool:
        """``True`` once the message will not change any more."""
        return self.state in ("DELIVERED", "FAILED", "CANCELLED")


@attrs.frozen(kw_only=True)
class SenderNumber:
    """A sender number (``sendNo``) registered with the SMS project.

    Attributes:
        send_no: the number, digits only.
        blocked: a blocked number is refused with -2313.
        block_reason: free text shown by ``GET sendNos``.
    """

    send_no: str
    blocked: bool = False
    block_reason: str | None = None


@attrs.frozen(kw_only=True)
class SenderProfile:
    """A KakaoTalk sender profile (``senderKey``).

    Attributes:
        sender_key: the profile key requests carry.
        plus_friend_id: the channel id, e.g. ``"@emulator"``.
        blocked: a blocked profile is refused with -1027.
        dormant: an inactive profile is refused with -1014.
        marketing_agreement: whether Brand Message targeting ``M``/``N`` is
            allowed (-4029 otherwise).
        unsubscribe_no: the profile's 080 opt-out number (Brand Message).
        unsubscribe_auth_no: the 080 verification number.
        resend_send_no: default SMS sender number for fallback.
        is_resend: fallback default for recipients without ``resendParameter.isResend``.
    """

    sender_key: str
    plus_friend_id: str = "@emulator"
    blocked: bool = False
    dormant: bool = False
    marketing_agreement: bool = False
    unsubscribe_no: str | None = None
    unsubscribe_auth_no: str | None = None
    resend_send_no: str | None = None
    is_resend: bool = False


@attrs.frozen(kw_only=True)
class AlimTalkTemplate:
    """An AlimTalk template registered on a sender profile.

    Attributes:
        sender_key: the profile that owns it.
        code: ``templateCode``.
        body: ``templateContent`` with ``#{name}`` variables.
        approved: only approved templates (``TSC03``) can be sent (-3005 otherwise).
        buttons: the template's buttons as wire dictionaries (``type``, ``name``, links).
        name: ``templateName``.
        title: ``templateTitle`` (highlight), if any.
    """

    sender_key: str
    code: str
    body: str
    approved: bool = True
    buttons: tuple[Mapping[str, Any], ...] = ()
    name: str = ""
    title: str | None = None

    @property
    def status(self) -> str:
        """``TSC03`` when approved, ``TSC02`` (under review) otherwise."""
        return "TSC03" if self.approved else "TSC02"


@attrs.frozen(kw_only=True)
class BrandTemplate:
    """A Brand Message template registered on a sender profile.

    Attributes:
        sender_key: the profile that owns it.
        code: the ``templateCode`` used by ``basic-messages``.
        chat_bubble_type: one of the eight bubble types.
        content: the text with ``#{name}`` variables (may be empty for layouts without text).
        image_count: how many images the template has; ``imageParameters`` must
            list exactly that many entries (-3344).
        name: ``templateName``.
        blocked: a blocked (``S``) template cannot be sent.
    """

    sender_key: str
    code: str
    chat_bubble_type: str = "TEXT"
    content: str = ""
    image_count: int = 0
    name: str = ""
    blocked: bool = False
