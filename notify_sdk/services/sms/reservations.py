"""SMS reservations (scheduled sends): list, per-recipient detail, search-and-cancel.

``cancel_scheduled_sms`` cancels recipients you name; the search-and-cancel
here cancels every scheduled message a filter matches, asynchronously: it
answers with a ``reservation_cancel_id`` whose progress
``list_sms_reservation_cancels`` reports.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Pager,
)
from ..._core.endpoints import SMS
from ..._core.params import (
    mask_number,
    normalize_number,
    optional_key,
    positive_seq,
    request_id_segment,
    require_text,
)
from ..._core.wire import opt_int, opt_str, parse_date
from ...errors import ProtocolError, ValidationError
from .._manage import (
    SMS_QUERY_FORMAT,
    date_range,
    paged,
    read_yes_no,
    sms_data,
    sms_object,
    sms_page,
)

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "ReservationCancel",
    "SmsReservation",
]

#: The search-and-cancel example writes its dates with minutes only.
_CANCEL_FORMAT = "%Y-%m-%d %H:%M"
_SEND_TYPES = {"sms": "0", "mms": "1", "auth": "2"}
_STATUSES = (
    "RESERVED",
    "SENDING",
    "COMPLETED",
    "FAILED",
    "CANCEL",
    "DUPLICATED",
    "FAILED_AD",
    "RESEND_AD",
)
SendKind = Literal["sms", "mms", "auth"]


@attrs.frozen(slots=True, kw_only=True)
class SmsReservation:
    """One recipient of a scheduled SMS send.

    Attributes:
        request_id / seq: the send and the recipient (``cancel_scheduled_sms`` takes them).
        status: ``messageStatus``: ``RESERVED`` (still cancellable), ``SENDING``,
            ``COMPLETED``, ``FAILED``, ``CANCEL``, ``DUPLICATED``, ``FAILED_AD``, ``RESEND_AD``.
        scheduled_at / created_at: Korea time, naive.
        recipient: the number (masked in ``repr``).
        template_params: ``templateParameter``, decoded (the API sends it as a JSON string).
        attachments: (detail only) the attached file ids.
    """

    request_id: str
    seq: int | None
    status: str | None = None
    scheduled_at: datetime | None = None
    created_at: datetime | None = None
    sender: str | None = None
    recipient: str | None = attrs.field(
        default=None, repr=lambda v: "None" if v is None else repr(mask_number(v))
    )
    country_code: str | None = None
    send_type: str | None = None
    message_type: str | None = None
    is_ad: bool | None = None
    template_id: str | None = None
    template_params: Mapping[str, Any] = attrs.field(factory=dict)
    title: str | None = None
    body: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None
    attachments: tuple[int, ...] = ()

    @property
    def cancellable(self) -> bool:
        """``True`` while the message can still be cancelled (``RESERVED``)."""
        return self.status == "RESERVED"


@attrs.frozen(slots=True, kw_only=True)
class ReservationCancel:
    """A search-and-cancel request and its progress.

    Attributes:
        reservation_cancel_id: its id.
        status: ``READY``, ``PROCESSING``, ``COMPLETED`` or ``FAILED``.
        requested_at / completed_at: Korea time, naive.
        total / succeeded: messages matched and cancelled (history only).
    """

    reservation_cancel_id: str
    status: str | None = None
    requested_at: datetime | None = None
    completed_at: datetime | None = None
    total: int | None = None
    succeeded: int | None = None
    create_user: str | None = None

    @property
    def finished(self) -> bool:
        """``True`` once the cancel has run (completed or failed)."""
        return self.status in ("COMPLETED", "FAILED")


def _params(value: object) -> Mapping[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        try:
            decoded = json.loads(value)
        except ValueError:
            return {}
        return decoded if isinstance(decoded, dict) else {}
    return {}


def _reservation(item: JSONDict) -> SmsReservation:
    request_id = opt_str(item.get("requestId"))
    if not request_id:
        raise ProtocolError("sms API answer: a reservation without requestId", service="sms")
    files = item.get("attachFileList")
    return SmsReservation(
        request_id=request_id,
        seq=opt_int(item.get("recipientSeq")),
        status=opt_str(item.get("messageStatus")),
        scheduled_at=parse_date(opt_str(item.get("requestDate"))),
        created_at=parse_date(opt_str(item.get("createDate"))),
        sender=opt_str(item.get("sendNo")),
        recipient=opt_str(item.get("recipientNo")),
        country_code=opt_str(item.get("countryCode")),
        send_type=opt_str(item.get("sendType")),
        message_type=opt_str(item.get("messageType")),
        is_ad=read_yes_no(item.get("adYn")),
        template_id=opt_str(item.get("templateId")),
        template_params=_params(item.get("templateParameter")),
        title=opt_str(item.get("title")),
        body=opt_str(item.get("body")),
        sender_grouping_key=opt_str(item.get("senderGroupingKey")),
        recipient_grouping_key=opt_str(
            item.get("recipientGroupingKey", item.get("RecipientGroupingKey"))
        ),
        attachments=tuple(
            i
            for i in (opt_int(f.get("fileId")) for f in (files or []) if isinstance(f, dict))
            if i is not None
        ),
    )


def _cancel(item: JSONDict) -> ReservationCancel:
    cancel_id = opt_str(item.get("reservationCancelId"))
    if not cancel_id:
        raise ProtocolError("sms API answer: no reservationCancelId", service="sms")
    return ReservationCancel(
        reservation_cancel_id=cancel_id,
        status=opt_str(item.get("reservationCancelStatus")),
        requested_at=parse_date(opt_str(item.get("requestedDateTime"))),
        completed_at=parse_date(opt_str(item.get("completedDateTime"))),
        total=opt_int(item.get("totalCount")),
        succeeded=opt_int(item.get("successCount")),
        create_user=opt_str(item.get("createUser")),
    )


def _send_type(kind: object) -> str:
    try:
        return _SEND_TYPES[kind]  # type: ignore[index]
    except (KeyError, TypeError):
        raise ValidationError("kind must be 'sms', 'mms' or 'auth'", field="kind") from None


def _one_reservation(data: JSONDict) -> SmsReservation:
    return _reservation(sms_object(data, "reservation"))


def _started_cancel(data: JSONDict) -> ReservationCancel:
    found = sms_data(data)
    if not isinstance(found, dict):
        raise ProtocolError("sms API answer: no cancel in body.data", service="sms")
    return _cancel(found)


def _filters(
    fmt: str,
    requested: tuple[object, object],
    created: tuple[object, object],
    sender: object,
    recipient: object,
) -> JSONDict:
    """The filters a listing and a search-and-cancel share: both time ranges and the numbers."""
    out: JSONDict = {}
    for prefix, (start, end), wire in (
        ("requested", requested, "RequestDate"),
        ("created", created, "CreateDate"),
    ):
        span = date_range(start, end, prefix, fmt=fmt)
        if span is not None:
            out[f"start{wire}"], out[f"end{wire}"] = span
    if sender is not None:
        out["sendNo"] = normalize_number(sender, "sender")
    if recipient is not None:
        out["recipientNo"] = normalize_number(recipient, "recipient")
    return out


_GROUP = "SMS reservations"

RESERVATIONS = SMS.endpoint(
    "list_sms_reservations",
    "GET",
    "reservations",
    group=_GROUP,
    pager=True,
    query={"request_id": "requestId", "template_id": "templateId"},
    parser=sms_page(_reservation),
)
RESERVATION = SMS.endpoint(
    "get_sms_reservation",
    "GET",
    "reservations/{requestId}/{recipientSeq}",
    group=_GROUP,
    segments={"request_id": "requestId", "seq": "recipientSeq"},
    parser=_one_reservation,
)
#: A repeat would start a second cancel job; it cancels nothing more, but the
#: caller would hold the wrong id: raise instead.
CANCEL_MATCHING = SMS.endpoint(
    "cancel_sms_reservations_matching",
    "PUT",
    "reservations/search-cancels",
    group=_GROUP,
    example={
        "kind": "sms",
        "requested_from": datetime(2026, 1, 1),
        "requested_to": datetime(2026, 1, 2),
    },
    parser=_started_cancel,
)
CANCELS = SMS.endpoint(
    "list_sms_reservation_cancels",
    "GET",
    "reservations/search-cancels",
    group=_GROUP,
    pager=True,
    query={"reservation_cancel_id": "reservationCancelId"},
    parser=sms_page(_cancel),
)


@RESERVATIONS.builds
def list_sms_reservations(
    ctx: Context,
    *,
    kind: SendKind | None = None,
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    sender: str | None = None,
    recipient: str | None = None,
    template_id: str | None = None,
    status: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsReservation]:
    """List scheduled SMS recipients, fetching further pages as you iterate.

    Args:
        kind: ``"sms"``, ``"mms"`` or ``"auth"``.
        request_id: one scheduled send.
        requested_from, requested_to: the scheduled time range (naive = Korea time).
        created_from, created_to: the registration time range.
        sender, recipient, template_id: filters.
        status: a ``messageStatus`` (``"RESERVED"`` for those still cancellable).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.
    """
    params: dict[str, Any] = {}
    if kind is not None:
        params["sendType"] = _send_type(kind)
    if request_id is not None:
        params["requestId"] = request_id_segment(request_id)
    params.update(
        _filters(
            SMS_QUERY_FORMAT,
            (requested_from, requested_to),
            (created_from, created_to),
            sender,
            recipient,
        )
    )
    if template_id is not None:
        params["templateId"] = optional_key(template_id, "template_id", max_chars=50)
    if status is not None:
        if status not in _STATUSES:
            raise ValidationError(f"status must be one of {', '.join(_STATUSES)}", field="status")
        params["messageStatus"] = status
    return paged(RESERVATIONS, params, page_size=page_size, limit=limit, retry=retry)


@RESERVATION.builds
def get_sms_reservation(
    ctx: Context, request_id: str, seq: int, *, retry: RetryPolicy | None = None
) -> Operation[SmsReservation]:
    """Get one scheduled recipient, with its attachments."""
    segments = {"requestId": request_id_segment(request_id), "recipientSeq": str(positive_seq(seq))}
    return RESERVATION.operation(segments=segments, retry=retry)


@CANCEL_MATCHING.builds
def cancel_sms_reservations_matching(
    ctx: Context,
    *,
    kind: SendKind,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    sender: str | None = None,
    recipient: str | None = None,
    template_id: str | None = None,
    request_id: str | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    update_user: str = "notify-sdk",
    retry: RetryPolicy | None = None,
) -> Operation[ReservationCancel]:
    """Cancel every scheduled message a filter matches (asynchronously, on the server).

    Give ``kind`` and a ``requested_from``/``requested_to`` or
    ``created_from``/``created_to`` range (the created range wins when both
    are given). Poll ``list_sms_reservation_cancels`` with the returned id.

    Returns:
        A :class:`ReservationCancel` (status ``READY`` at first).
    """
    search: JSONDict = {
        "sendType": _send_type(kind),
        **_filters(
            _CANCEL_FORMAT,
            (requested_from, requested_to),
            (created_from, created_to),
            sender,
            recipient,
        ),
    }
    if "startRequestDate" not in search and "startCreateDate" not in search:
        raise ValidationError(
            "give requested_from/requested_to or created_from/created_to", field="requested_from"
        )
    if request_id is not None:
        search["requestId"] = request_id_segment(request_id)
    for name, value, wire, limit in (
        ("template_id", template_id, "templateId", 50),
        ("sender_grouping_key", sender_grouping_key, "senderGroupingKey", 100),
        ("recipient_grouping_key", recipient_grouping_key, "recipientGroupingKey", 100),
    ):
        if value is not None:
            search[wire] = optional_key(value, name, max_chars=limit)
    body = {
        "searchParameter": search,
        "updateUser": require_text(update_user, "update_user", max_chars=100),
    }
    return CANCEL_MATCHING.operation(json=body, retry=retry)


@CANCELS.builds
def list_sms_reservation_cancels(
    ctx: Context,
    *,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    reservation_cancel_id: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[ReservationCancel]:
    """List search-and-cancel requests and their progress (``ReservationCancel.finished``)."""
    params: dict[str, Any] = {}
    span = date_range(requested_from, requested_to, "requested", fmt=SMS_QUERY_FORMAT)
    if span is not None:
        params["startRequestedDateTime"], params["endRequestedDateTime"] = span
    if reservation_cancel_id is not None:
        params["reservationCancelId"] = request_id_segment(
            reservation_cancel_id, "reservation_cancel_id"
        )
    return paged(CANCELS, params, page_size=page_size, limit=limit, retry=retry)
