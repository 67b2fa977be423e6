"""One delivery status for every service, and the mapping from each API's rows to it.

The SMS, AlimTalk/FriendTalk and Brand Message APIs report a recipient's fate in
three different shapes (and the webhooks in two more). :class:`DeliveryStatus` is
the one shape the application stores; the ``from_*`` functions here turn the SDK's
query models into it. They are pure: no I/O, no clock unless none of the API's
dates is known.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import attrs

from .._core.params import KST, mask_number
from .._core.wire import opt_int, parse_date
from ..delivery import DlrErrorCode, DlrStatus, KakaoResultCode, Outcome, SmsResultCode

if TYPE_CHECKING:
    from ..brand import BrandDelivery
    from ..results import SendResult
    from ..services.kakao import KakaoMessage
    from ..services.sms import SmsDelivery

__all__ = [
    "DeliveryCode",
    "DeliveryState",
    "DeliveryStatus",
    "from_brand",
    "from_kakao",
    "from_send",
    "from_sms",
    "kst_datetime",
    "more_final",
]

#: The typed delivery code of a :class:`DeliveryStatus`: one enum family, each member
#: with ``.description`` and ``.outcome``. Which enum it is follows from the service:
#: SMS handset results are :class:`~notify_sdk.delivery.SmsResultCode` (or, for
#: international sends with a delivery report, :class:`~notify_sdk.delivery.DlrStatus`
#: / :class:`~notify_sdk.delivery.DlrErrorCode`); AlimTalk, FriendTalk and Brand
#: Message results are :class:`~notify_sdk.delivery.KakaoResultCode`.
DeliveryCode = SmsResultCode | DlrStatus | DlrErrorCode | KakaoResultCode

# resendStatus values that settle a KakaoTalk message with SMS fallback: no fallback,
# fallback succeeded, fallback failed. RSC02 (target) and RSC03 (in progress) do not.
_FALLBACK_SETTLED = frozenset({"RSC01", "RSC04", "RSC05"})
_KAKAO_FINAL_STATUSES = frozenset({"COMPLETED", "FAILED", "CANCEL"})


class DeliveryState(str, enum.Enum):
    """Where a recipient's message stands, the same words for every service."""

    PENDING = "pending"
    """Accepted and not settled yet (queued, in flight, or waiting for its SMS fallback)."""
    DELIVERED = "delivered"
    """The service reports the message received."""
    FAILED = "failed"
    """Not delivered by this service; :attr:`DeliveryStatus.outcome` says whether a
    resend may help and :attr:`DeliveryStatus.fallback` whether an SMS went instead."""
    CANCELLED = "cancelled"
    """A scheduled send cancelled before it went out."""

    def __str__(self) -> str:
        return str(self._value_)


def _masked(number: str | None) -> str:
    return "None" if number is None else repr(mask_number(number))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def kst_datetime(value: object) -> datetime | None:
    """A date string of the APIs or webhooks as an aware datetime (``None`` if absent/bad).

    Strings without an offset are Korea time (every API date); ISO strings with an
    offset (the SMS ``UNSUBSCRIBE`` hook) keep theirs. Accepts ``yyyy-MM-dd HH:mm:ss``
    (with or without a fraction), ``yyyy-MM-dd HH:mm``, ``yyyy-MM-dd`` and the
    ``T``-separated ISO forms.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    moment = parse_date(text.replace("T", " "))
    if moment is None:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)
    return moment


@attrs.frozen(slots=True, kw_only=True)
class DeliveryStatus:
    """The delivery state of one recipient of one send, for any service.

    The key is ``(service, request_id, seq)`` (:attr:`key`): store statuses under it
    and keep the most final one (:func:`more_final`), because query answers and
    webhooks arrive late, twice or out of order.

    Attributes:
        service: ``"sms"``, ``"alimtalk"``, ``"friendtalk"`` or ``"brand"``.
        request_id: the send's ``requestId`` (``""`` for an SMS fallback the
            provider has not given an id yet).
        seq: the recipient's ``recipientSeq``; ``None`` when the API did not say.
        number: the recipient number (masked in ``repr``), when the source carries it.
        state: a :class:`DeliveryState`.
        code: the typed delivery code (:data:`DeliveryCode`), ``None`` while pending
            or when no table lists the code (see :attr:`raw_code`).
        raw_code: the code as received (``"3018"``, ``"E915"``; for a recipient the
            API refused at send time, its negative API result code).
        outcome: what the result means for the application (an
            :class:`~notify_sdk.delivery.Outcome`): delivered, pending, worth resending
            later, never resend...
        final: ``True`` once the result will not change any more. A KakaoTalk
            message with SMS fallback is final only when the fallback is settled
            (``resendStatus`` ``RSC01``, ``RSC04`` or ``RSC05``) or KakaoTalk
            delivered it.
        fallback: the SMS fallback's own status (service ``"sms"``), ``None`` when
            there was none (yet).
        updated_at: when the result last changed (aware), as the API reports it; the
            time it was observed when the API gives no date.
        requested_at: the send (or scheduled) time, aware, when known.
        message_type: ``SMS``/``LMS``/``MMS``/``AUTH`` for SMS; the webhook's
            ``kakaoMessageType`` (``ALIMTALK_NORMAL``...) for KakaoTalk hooks.
        raw_status: the provider's status word (``msgStatus``, ``messageStatus``,
            ``resendStatus`` for a fallback, ``dlrStatus``) as received.
        sender_grouping_key / recipient_grouping_key: the send's tags, when known.
        is_added_channel: Brand Message: whether the recipient is a channel friend.
        source: where this status came from: ``"send"``, ``"query"``, ``"search"``
            or ``"webhook"``.
    """

    service: str
    request_id: str
    seq: int | None
    number: str | None = attrs.field(default=None, repr=_masked)
    state: DeliveryState = DeliveryState.PENDING
    code: DeliveryCode | None = None
    raw_code: str | None = None
    outcome: Outcome = Outcome.PENDING
    final: bool = False
    fallback: DeliveryStatus | None = None
    updated_at: datetime = attrs.field(factory=_now)
    requested_at: datetime | None = None
    message_type: str | None = None
    raw_status: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None
    is_added_channel: bool | None = None
    source: str = "query"

    @property
    def key(self) -> tuple[str, str, int | None]:
        """``(service, request_id, seq)``: one recipient of one send."""
        return (self.service, self.request_id, self.seq)

    @property
    def delivered(self) -> bool:
        """``True`` when the message, or its SMS fallback, reached the recipient."""
        return self.outcome is Outcome.DELIVERED or (
            self.fallback is not None and self.fallback.outcome is Outcome.DELIVERED
        )

    @property
    def resend_may_succeed(self) -> bool:
        """``True`` for a final failure that a later resend may fix (temporary causes).

        ``False`` while pending, once delivered (also by SMS fallback), and for
        permanent failures; see :func:`notify_sdk.tracking.resend_failed`.
        """
        if not self.final or self.delivered:
            return False
        if self.fallback is not None and not self.fallback.outcome.resend_may_succeed:
            # The SMS copy failed for good (or is still under way): a resend of
            # the KakaoTalk message would meet the same fate.
            return False
        return self.outcome.resend_may_succeed


def _state(outcome: Outcome, final: bool, cancelled: bool) -> DeliveryState:
    if cancelled:
        return DeliveryState.CANCELLED
    if outcome is Outcome.DELIVERED:
        return DeliveryState.DELIVERED
    if not final or outcome is Outcome.PENDING:
        return DeliveryState.PENDING
    return DeliveryState.FAILED


def _latest(*values: str | None) -> datetime:
    # The most recent of the dates the source gives; the observation time if none.
    moments = [m for m in (kst_datetime(v) for v in values) if m is not None]
    return max(moments) if moments else _now()


def from_sms(
    delivery: SmsDelivery, *, source: str = "query", updated: str | None = None
) -> DeliveryStatus:
    """The status of one SMS recipient from a query row (:class:`~notify_sdk.SmsDelivery`).

    The telecom receive code (``resultCode``) gives the code and outcome; ``msgStatus``
    says whether it is final. An international delivery report (``dlr``), when present,
    is the handset's own answer and wins: ``ACCEPTED``/``BUFFERED`` are still pending,
    and a failed report carries its DLR error code.

    Args:
        delivery: the row, from ``get_sms_delivery``, ``list_sms_deliveries`` or the
            result-update search.
        source: recorded in :attr:`DeliveryStatus.source`.
        updated: the row's ``updateDate``, when the source has one.
    """
    code: DeliveryCode | None = delivery.result_code
    raw_code = delivery.raw_result_code
    outcome = delivery.outcome
    # Result-update rows carry no msgStatus: a receive code means a result.
    final = delivery.status.final if delivery.status is not None else bool(raw_code)
    raw_status = delivery.status.value if delivery.status is not None else None
    dlr = delivery.dlr
    if dlr is not None and dlr.status is not None:
        raw_status = dlr.raw_status
        code = dlr.status
        raw_code = dlr.raw_status
        outcome = dlr.status.outcome
        final = dlr.status not in (DlrStatus.ACCEPTED, DlrStatus.BUFFERED)
        if outcome.is_failure and dlr.error is not None and dlr.error is not DlrErrorCode(0):
            code = dlr.error
            raw_code = dlr.raw_error
            outcome = dlr.error.outcome
    if not final:
        outcome = Outcome.PENDING
    cancelled = raw_status == "4"
    return DeliveryStatus(
        service="sms",
        request_id=delivery.request_id,
        seq=delivery.seq,
        number=delivery.recipient,
        state=_state(outcome, final, cancelled),
        code=code,
        raw_code=raw_code,
        outcome=outcome,
        final=final,
        updated_at=_latest(updated, delivery.result_date, delivery.request_date),
        requested_at=kst_datetime(delivery.request_date),
        message_type=delivery.message_type,
        raw_status=raw_status,
        sender_grouping_key=delivery.sender_grouping_key,
        recipient_grouping_key=delivery.recipient_grouping_key,
        source=source,
    )


def _kakao_outcome(code: KakaoResultCode | None, status: str | None, raw: str | None) -> Outcome:
    if code is not None:
        return code.outcome
    if status == "CANCEL":
        return Outcome.PERMANENT_FAILURE
    if raw or status == "FAILED":
        return Outcome.UNKNOWN_FAILURE
    return Outcome.PENDING


def _fallback_outcome(resend_status: str, resend_code: str | None) -> Outcome:
    if resend_status == "RSC04":
        return Outcome.DELIVERED
    if resend_status != "RSC05":
        return Outcome.PENDING
    # resendResultCode is an SMS *API* code (why the fallback send was refused).
    number = opt_int(resend_code)
    if number is None or number == 0:
        return Outcome.UNKNOWN_FAILURE
    from ..errors import UnknownAPIError, lookup

    cls = lookup("sms", number)
    if cls is UnknownAPIError:
        return Outcome.UNKNOWN_FAILURE
    return Outcome.TEMPORARY_FAILURE if cls.retryable else Outcome.PERMANENT_FAILURE


def _kakao_status(
    service: str,
    *,
    request_id: str,
    seq: int | None,
    number: str | None,
    status: str | None,
    raw_code: str | None,
    resend_status: str | None,
    resend_code: str | None,
    resend_request_id: str | None,
    request_date: str | None,
    dates: Iterable[str | None],
    sender_grouping_key: str | None,
    recipient_grouping_key: str | None,
    is_added_channel: bool | None,
    message_type: str | None,
    source: str,
    fallback_known: bool,
) -> DeliveryStatus:
    raw_code = raw_code.strip() if raw_code and raw_code.strip() else None
    code = KakaoResultCode.parse(raw_code) if raw_code else None
    outcome = _kakao_outcome(code, status, raw_code)
    if status is not None:
        own_final = status.upper() in _KAKAO_FINAL_STATUSES
    else:
        own_final = raw_code is not None and outcome is not Outcome.PENDING
    updated_at = _latest(*dates, request_date)
    fallback = None
    final = own_final
    if own_final and outcome is not Outcome.DELIVERED and status != "CANCEL":
        # Webhooks carry no fallback fields: an SMS copy may still be under way.
        final = fallback_known if resend_status is None else resend_status in _FALLBACK_SETTLED
        if resend_status is not None and resend_status not in ("RSC01", "RSC02"):
            fb_outcome = _fallback_outcome(resend_status, resend_code)
            fb_final = resend_status in ("RSC04", "RSC05")
            fallback = DeliveryStatus(
                service="sms",
                request_id=resend_request_id or "",
                seq=1 if resend_request_id else None,
                number=number,
                state=_state(fb_outcome, fb_final, False),
                raw_code=resend_code,
                outcome=fb_outcome,
                final=fb_final,
                updated_at=updated_at,
                raw_status=resend_status,
                source=source,
            )
    if not own_final:
        outcome = Outcome.PENDING
    return DeliveryStatus(
        service=service,
        request_id=request_id,
        seq=seq,
        number=number,
        state=_state(outcome, own_final, status == "CANCEL"),
        code=code,
        raw_code=raw_code,
        outcome=outcome,
        final=final,
        fallback=fallback,
        updated_at=updated_at,
        requested_at=kst_datetime(request_date),
        message_type=message_type,
        raw_status=status,
        sender_grouping_key=sender_grouping_key,
        recipient_grouping_key=recipient_grouping_key,
        is_added_channel=is_added_channel,
        source=source,
    )


def from_kakao(
    message: KakaoMessage,
    *,
    source: str = "query",
    message_type: str | None = None,
    fallback_known: bool = True,
) -> DeliveryStatus:
    """The status of one AlimTalk/FriendTalk recipient (:class:`~notify_sdk.KakaoMessage`).

    The KakaoTalk delivery code gives the code and outcome. With SMS fallback the
    status is final only once ``resendStatus`` settles it (``RSC01`` no fallback,
    ``RSC04`` fallback sent, ``RSC05`` fallback failed); :attr:`DeliveryStatus.fallback`
    then carries the fallback's own status (``RSC04`` is reported delivered by the
    provider; the SMS's handset result can be queried with ``fallback.request_id``).

    Args:
        message: the row from ``get_alimtalk_message``, ``list_alimtalk_messages``,
            ``search_alimtalk_results`` (or the FriendTalk equivalents).
        source: recorded in :attr:`DeliveryStatus.source`.
        message_type: recorded in :attr:`DeliveryStatus.message_type`.
        fallback_known: ``False`` when the source cannot report a fallback (webhooks):
            a failed result then stays non-final until a query settles it.
    """
    fb = message.fallback
    return _kakao_status(
        message.service,
        request_id=message.request_id,
        seq=message.seq,
        number=message.recipient,
        status=message.status,
        raw_code=message.raw_result_code,
        resend_status=fb.status if fb is not None else None,
        resend_code=fb.result_code if fb is not None else None,
        resend_request_id=fb.request_id if fb is not None else None,
        request_date=message.request_date,
        dates=(message.receive_date,),
        sender_grouping_key=message.sender_grouping_key,
        recipient_grouping_key=message.recipient_grouping_key,
        is_added_channel=None,
        message_type=message_type,
        source=source,
        fallback_known=fallback_known,
    )


def from_brand(
    delivery: BrandDelivery,
    *,
    source: str = "query",
    message_type: str | None = None,
    fallback_known: bool = True,
) -> DeliveryStatus:
    """The status of one Brand Message recipient (:class:`~notify_sdk.brand.BrandDelivery`).

    Same rules as :func:`from_kakao` (Brand Message calls the fallback field
    ``resendStatusCode``); the codes are :class:`~notify_sdk.delivery.KakaoResultCode`.

    Args:
        delivery: a row of ``list_brand_messages`` / ``get_brand_message``, or a
            Brand Message webhook hook read with ``BrandDelivery.from_wire``.
        source: recorded in :attr:`DeliveryStatus.source`.
        message_type: recorded in :attr:`DeliveryStatus.message_type`.
        fallback_known: ``False`` for webhooks (see :func:`from_kakao`).
    """
    return _kakao_status(
        "brand",
        request_id=delivery.request_id,
        seq=delivery.seq,
        number=delivery.recipient,
        status=delivery.raw_status,
        raw_code=delivery.raw_result_code,
        resend_status=delivery.raw_resend_status,
        resend_code=delivery.resend_result_code,
        resend_request_id=delivery.resend_request_id,
        request_date=delivery.request_date,
        dates=(delivery.receive_date,),
        sender_grouping_key=delivery.sender_grouping_key,
        recipient_grouping_key=delivery.recipient_grouping_key,
        is_added_channel=delivery.is_added_channel,
        message_type=message_type
        or (delivery.chat_bubble_type.value if delivery.chat_bubble_type else None),
        source=source,
        fallback_known=fallback_known,
    )


def from_send(result: SendResult) -> tuple[DeliveryStatus, ...]:
    """The statuses a send's answer already tells, one per recipient, in request order.

    Accepted recipients are pending. Recipients the API refused at send time are
    final failures: temporary when their API code is retryable, permanent otherwise
    (invalid or opted-out numbers, ...); ``raw_code`` holds the negative API code.
    """
    out = []
    now = _now()
    for r in result.recipients:
        if r.ok:
            out.append(
                DeliveryStatus(
                    service=result.service,
                    request_id=result.request_id or "",
                    seq=r.seq,
                    number=r.number,
                    updated_at=now,
                    recipient_grouping_key=r.grouping_key,
                    sender_grouping_key=result.sender_grouping_key,
                    source="send",
                )
            )
            continue
        error = r.error
        outcome = (
            Outcome.TEMPORARY_FAILURE
            if error is not None and error.retryable
            else Outcome.PERMANENT_FAILURE
        )
        out.append(
            DeliveryStatus(
                service=result.service,
                request_id=result.request_id or "",
                seq=r.seq,
                number=r.number,
                state=DeliveryState.FAILED,
                raw_code=str(r.result_code),
                outcome=outcome,
                final=True,
                updated_at=now,
                raw_status="REFUSED",
                recipient_grouping_key=r.grouping_key,
                sender_grouping_key=result.sender_grouping_key,
                source="send",
            )
        )
    return tuple(out)


def _rank(status: DeliveryStatus) -> tuple[int, int, int]:
    fallback_settled = status.fallback is not None and status.fallback.final
    return (int(status.final), int(status.outcome is not Outcome.PENDING), int(fallback_settled))


def more_final(old: DeliveryStatus | None, new: DeliveryStatus) -> DeliveryStatus:
    """Of two statuses of the same recipient, the one to keep.

    A final status beats a pending one, a result beats none, a settled fallback
    beats an unsettled one; between equals the later ``updated_at`` wins (ties go to
    ``new``). So a late or repeated webhook never overwrites a polled final result.
    """
    if old is None:
        return new
    if _rank(new) != _rank(old):
        return new if _rank(new) > _rank(old) else old
    return new if new.updated_at >= old.updated_at else old
