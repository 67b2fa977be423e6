"""Brand Message query and upload results: deliveries, message details, images, videos."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from .._core.wire import opt_bool, opt_int, opt_str, parse_date
from .enums import (
    BrandImageType,
    BrandMessageStatus,
    ChatBubbleType,
    ResendStatus,
    Targeting,
    VideoStatus,
    _parse_enum,
)

if TYPE_CHECKING:
    # The code tables load when a delivery is read, not with this module.
    from ..delivery import KakaoResultCode, Outcome

# --- results of queries and uploads --------------------------------------------------------


@attrs.frozen(slots=True, kw_only=True)
class BrandDelivery:
    """One recipient of a Brand Message, as ``list_brand_messages`` reports it.

    Dates are the API's Korea-time strings; :attr:`requested_at` parses them.

    Attributes:
        request_id: the send's ``requestId``.
        seq: the recipient's ``recipientSeq``.
        recipient: the recipient number.
        sender_key: the sender profile key.
        plus_friend_id: the channel's search id (``@name``).
        template_code: the template sent, ``None`` for free-form sends.
        targeting: the recipient's :class:`Targeting` (``None`` if unknown).
        chat_bubble_type: the bubble type, ``None`` if unknown.
        push_alarm: whether a push notification was requested.
        status: ``COMPLETED`` / ``FAILED``; ``None`` while pending or unknown
            (``raw_status`` keeps the value).
        raw_status: ``messageStatus`` as received.
        result_code: the KakaoTalk delivery code, a
            :class:`~notify_sdk.delivery.KakaoResultCode` (a ``str`` enum, so
            ``== "1000"`` still works) with ``.description`` and ``.outcome``;
            ``None`` until known or when the code is in no table (see
            ``raw_result_code``). The same enum as AlimTalk and FriendTalk.
        raw_result_code: ``resultCode`` as received, e.g. ``"1000"``.
        result_code_name: the API's name for it.
        is_added_channel: whether the recipient was a channel friend.
        resend_status: the SMS fallback state (``None`` if absent/unknown).
        raw_resend_status: ``resendStatusCode`` as received.
        resend_status_name: the API's name for it.
        resend_result_code: the fallback's SMS API result code, if any.
        resend_request_id: the fallback's SMS ``requestId``, if any.
        request_date, create_date, receive_date: the API's date strings.
        create_user: the registrant label.
        sender_grouping_key, recipient_grouping_key: the send's tags.
    """

    request_id: str
    seq: int | None
    recipient: str | None = None
    sender_key: str | None = None
    plus_friend_id: str | None = None
    template_code: str | None = None
    targeting: Targeting | None = None
    chat_bubble_type: ChatBubbleType | None = None
    push_alarm: bool | None = None
    status: BrandMessageStatus | None = None
    raw_status: str | None = None
    result_code: KakaoResultCode | None = None
    raw_result_code: str | None = None
    result_code_name: str | None = None
    is_added_channel: bool | None = None
    resend_status: ResendStatus | None = None
    raw_resend_status: str | None = None
    resend_status_name: str | None = None
    resend_result_code: str | None = None
    resend_request_id: str | None = None
    request_date: str | None = None
    create_date: str | None = None
    receive_date: str | None = None
    create_user: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None

    @property
    def requested_at(self) -> datetime | None:
        """:attr:`request_date` as a naive Korea-time datetime."""
        return parse_date(self.request_date)

    @property
    def received_at(self) -> datetime | None:
        """:attr:`receive_date` as a naive Korea-time datetime."""
        return parse_date(self.receive_date)

    @property
    def delivery_code(self) -> KakaoResultCode | None:
        """The same as :attr:`result_code` (kept for code written before it was typed)."""
        return self.result_code

    @property
    def outcome(self) -> Outcome:
        """What the delivery means for the application (resend, give up, wait).

        The rules of ``KakaoMessage.outcome``: the code's outcome when the code
        is known; a permanent failure for a cancelled message; a failure of
        unknown kind for a failed message or a code in no table; pending
        otherwise. When Brand Message failed but the SMS
        fallback went out, the outcome is still the Brand Message one: check
        :attr:`resend_status` before resending.
        """
        from ..services.kakao.models import kakao_outcome

        return kakao_outcome(self.result_code, self.raw_result_code, self.raw_status)

    @property
    def ok(self) -> bool:
        """``True`` when KakaoTalk delivered the message (result ``1000``)."""
        return self.raw_result_code == "1000"

    @classmethod
    def from_wire(cls, item: Mapping[str, Any]) -> BrandDelivery:
        """Build from one ``messages[]`` item (unknown enum values become ``None``)."""
        return cls(**_delivery_fields(item))


def _kakao_code(raw: str | None) -> KakaoResultCode | None:
    if not raw:
        return None
    from ..delivery import KakaoResultCode

    return KakaoResultCode.parse(raw)


def _delivery_fields(item: Mapping[str, Any]) -> dict[str, Any]:
    status = opt_str(item.get("messageStatus"))
    raw_code = opt_str(item.get("resultCode"))
    resend = opt_str(item.get("resendStatusCode", item.get("resendStatus")))
    return {
        "request_id": str(item.get("requestId") or ""),
        "seq": opt_int(item.get("recipientSeq")),
        "recipient": opt_str(item.get("recipientNo")),
        "sender_key": opt_str(item.get("senderKey")),
        "plus_friend_id": opt_str(item.get("plusFriendId")),
        "template_code": opt_str(item.get("templateCode")),
        "targeting": _parse_enum(Targeting, item.get("targeting")),
        "chat_bubble_type": _parse_enum(ChatBubbleType, item.get("chatBubbleType")),
        "push_alarm": opt_bool(item.get("pushAlarm")),
        "status": _parse_enum(BrandMessageStatus, status),
        "raw_status": status,
        "result_code": _kakao_code(raw_code),
        "raw_result_code": raw_code,
        "result_code_name": opt_str(item.get("resultCodeName")),
        "is_added_channel": opt_bool(item.get("isAddedChannel")),
        "resend_status": _parse_enum(ResendStatus, resend),
        "raw_resend_status": resend,
        "resend_status_name": opt_str(item.get("resendStatusName")),
        "resend_result_code": opt_str(item.get("resendResultCode")),
        "resend_request_id": opt_str(item.get("resendRequestId")),
        "request_date": opt_str(item.get("requestDate")),
        "create_date": opt_str(item.get("createDate")),
        "receive_date": opt_str(item.get("receiveDate")),
        "create_user": opt_str(item.get("createUser")),
        "sender_grouping_key": opt_str(item.get("senderGroupingKey")),
        "recipient_grouping_key": opt_str(item.get("recipientGroupingKey")),
    }


def _template_parameter(value: object) -> Mapping[str, Any] | None:
    """The docs give ``templateParameter`` as a string; accept an object too."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        return dict(parsed) if isinstance(parsed, dict) else None
    return None


@attrs.frozen(slots=True, kw_only=True)
class BrandMessageDetail(BrandDelivery):
    """One recipient of a Brand Message with its rendered body and fallback result
    (``get_brand_message``).

    Attributes:
        content: the message text, if the bubble has one.
        header: the header, if any.
        additional_content: the additional text, if any.
        adult: whether the message was adult-only.
        template_parameter: the template values sent (the docs describe a
            JSON string; it is parsed, ``None`` if unreadable).
        raw: the whole ``message`` object, for the parts not modelled here
            (``image``, ``buttons``, ``item``, ``coupon``, ``commerce``,
            ``video``, ``carousel``).
    """

    content: str | None = None
    header: str | None = None
    additional_content: str | None = None
    adult: bool | None = None
    template_parameter: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @classmethod
    def from_wire(cls, item: Mapping[str, Any]) -> BrandMessageDetail:
        """Build from the ``message`` object of the get-one answer."""
        return cls(
            **_delivery_fields(item),
            content=opt_str(item.get("content")),
            header=opt_str(item.get("header")),
            additional_content=opt_str(item.get("additionalContent")),
            adult=opt_bool(item.get("adult")),
            template_parameter=_template_parameter(item.get("templateParameter")),
            raw=dict(item),
        )


@attrs.frozen(slots=True)
class BrandImage:
    """An uploaded Brand Message image.

    Attributes:
        seq: the API's ``imageSeq`` (used to delete it).
        url: the ``imageUrl`` to put in messages of the matching type.
        name: the stored file name.
        image_type: the type it was uploaded as.
    """

    seq: int | None
    url: str
    name: str | None = None
    image_type: BrandImageType | None = None


@attrs.frozen(slots=True, kw_only=True)
class BrandVideo:
    """A registered premium video.

    Attributes:
        seq: the API's ``videoSeq``.
        vid: Kakao's video id.
        sender_key: the sender profile it belongs to.
        title: the title, if any.
        file_name: the registered file name.
        file_size: the registered size in bytes.
        status: its :class:`VideoStatus` (``None`` if unknown; ``raw_status``).
        raw_status: ``status`` as received.
        video_url: the URL to send, once the video is ``PUBLIC``.
        thumbnail_url: its thumbnail, when listed.
    """

    seq: int | None
    vid: str | None = None
    sender_key: str | None = None
    title: str | None = None
    file_name: str | None = None
    file_size: int | None = None
    status: VideoStatus | None = None
    raw_status: str | None = None
    video_url: str | None = None
    thumbnail_url: str | None = None

    @classmethod
    def from_wire(cls, item: Mapping[str, Any]) -> BrandVideo:
        """Build from a ``video`` object."""
        raw_status = opt_str(item.get("status"))
        return cls(
            seq=opt_int(item.get("videoSeq")),
            vid=opt_str(item.get("vid")),
            sender_key=opt_str(item.get("senderKey")),
            title=opt_str(item.get("title")),
            file_name=opt_str(item.get("fileName")),
            file_size=opt_int(item.get("fileSize")),
            status=_parse_enum(VideoStatus, raw_status),
            raw_status=raw_status,
            video_url=opt_str(item.get("videoUrl")),
            thumbnail_url=opt_str(item.get("thumbnailUrl")),
        )


@attrs.frozen(slots=True, kw_only=True)
class BrandVideoUpload:
    """Step 1 of a video upload: the registered video and where to send the file.

    Pass it to ``upload_brand_video`` within 5 minutes of ``registered_at``
    (the token expires; register again afterwards).

    Attributes:
        video: the registered :class:`BrandVideo` (status ``REGISTERED``).
        upload_url: Kakao's upload address (not an NHN endpoint).
        token: the ``x-kamp-upload-token`` for that address.
        file_size: the byte size registered; the upload must match it exactly.
        registered_at: when the registration was answered (naive Korea time).
    """

    video: BrandVideo
    upload_url: str
    token: str = attrs.field(repr=False)
    file_size: int
    registered_at: datetime

    #: How long the upload token lives, in seconds.
    TOKEN_TTL: ClassVar[int] = 300

    @property
    def expires_at(self) -> datetime:
        """When the token stops working (naive Korea time)."""
        from datetime import timedelta

        return self.registered_at + timedelta(seconds=self.TOKEN_TTL)


@attrs.frozen(slots=True)
class BrandVideoUploaded:
    """Kakao's answer to step 2 of a video upload.

    The video then encodes (usually 5 to 10 minutes); it can be sent once its
    status is ``PUBLIC``.

    Attributes:
        vid: Kakao's video id.
        play_url: Kakao's playback URL.
    """

    vid: str | None
    play_url: str | None
