"""One KakaoTalk send as an operation: its request, its answer, the lookup that finds
it again by its ``senderGroupingKey``, and the result of a replayed send.

AlimTalk, FriendTalk and Brand Message build their payloads their own way and
hand them to :func:`send_operation`; the rest is shared and written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..._core import Context, JSONDict, Operation, Safety, body_of, expect_dict, expect_list
from ..._core.models import Recipient
from ..._core.wire import opt_int, opt_str
from ..._retry.reconcile import AnsweredRow, ListedRow, answered_recipients, recovered_result
from ...errors import ProtocolError, from_code
from ...errors._base import quote
from ...results import RecipientResult, SendResult, _Answer, lazy_recipients
from .common import MINUTE_FORMAT, message_items

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = ["ALL_FAILED", "IDEMPOTENCY_HEADER", "parse_send", "send_operation"]

IDEMPOTENCY_HEADER = "X-NC-API-IDEMPOTENCY-KEY"
#: -1031: every recipient of the send failed; the per-recipient codes tell why.
ALL_FAILED = -1031
# A lookup covers requests dated from shortly before the send was built (clock
# skew, minute truncation) until shortly after the lookup itself.
_LOOKUP_SKEW = timedelta(minutes=2)


def _code(value: object) -> int | None:
    """A per-recipient ``resultCode`` (an int or a digit string); ``None`` when there is none."""
    if value is None or value == "":
        # Not a success: the answer does not say what happened to this recipient.
        return None
    parsed = opt_int(value)
    if parsed is None:
        # The driver reports it as a ProtocolError; never read it as success.
        raise ValueError(f"resultCode {quote(value)} is not a number")
    return parsed


def parse_send(
    data: JSONDict,
    service: str,
    sent: tuple[Recipient, ...],
    idempotency_key: str,
    grouping: str,
) -> SendResult:
    """Read the answer to a send (tolerating -1031, which still lists each recipient).

    Raises:
        APIError: a failure answer without per-recipient results.
        ProtocolError: an accepted answer without a ``requestId``.
    """
    raw_header = data.get("header")
    header: JSONDict = raw_header if isinstance(raw_header, dict) else {}
    code = opt_int(header.get("resultCode")) or 0
    if code != 0 and not isinstance(data.get("message"), dict):
        # An all-failed envelope without per-recipient results: raise it as is.
        raise from_code("kakao", code, opt_str(header.get("resultMessage")) or "")
    inner = expect_dict(body_of(data, "message", "kakao"), "message", "kakao")
    numbers = [r.number for r in sent]
    keys = [r.grouping_key for r in sent]
    raw_rows = inner.get("sendResults")
    # An answer in the documented shape is kept as its parsed rows, counted in
    # one pass; its RecipientResult objects are made when first read.
    recipients: tuple[RecipientResult, ...] | _Answer | None = lazy_recipients(
        raw_rows, numbers, keys, "kakao"
    )
    if isinstance(recipients, _Answer):
        all_refused = len(recipients.failed_at) == len(numbers)
    else:
        rows: list[AnsweredRow] = []
        for raw in expect_list(raw_rows, "message.sendResults", "kakao"):
            row = expect_dict(raw, "message.sendResults[]", "kakao")
            rows.append(
                (
                    opt_int(row.get("recipientSeq")),
                    opt_str(row.get("recipientNo")),
                    _code(row.get("resultCode")),
                    opt_str(row.get("resultMessage")) or "",
                    opt_str(row.get("recipientGroupingKey")),
                )
            )
        if code != 0 and not rows:
            raise from_code("kakao", code, opt_str(header.get("resultMessage")) or "")
        all_refused = all(row[2] != 0 for row in rows)
        recipients = answered_recipients(rows, numbers, keys, "kakao")
    request_id = opt_str(inner.get("requestId"))
    # Since 2025-04-29 an all-failed send (-1031) answers requestId: null, by
    # the release notes: nothing was accepted, so there is no request to name.
    all_failed = code == ALL_FAILED and all_refused
    if not request_id and not all_failed:
        # API.md allows a missing request id only after a -1005 replay.
        raise ProtocolError(
            f"{service} API accepted the send but its answer has no message.requestId; look "
            f"the send up by senderGroupingKey {grouping!r} before sending again",
            service="kakao",
        )
    return SendResult(
        service=service,
        request_id=request_id,
        recipients=recipients,  # type: ignore[arg-type]  # an _Answer is mapped on first read
        idempotency_key=idempotency_key,
        sender_grouping_key=opt_str(inner.get("senderGroupingKey")) or grouping,
    )


def _lookup(
    ctx: Context,
    service: str,
    prefix: str,
    headers: Mapping[str, str],
    grouping: str,
    idempotency_key: str,
    built_at: datetime,
    scheduled: datetime | None,
    recipients: tuple[Recipient, ...],
    marker: tuple[str, str] | None,
) -> Operation[SendResult | None]:
    """The query that finds a send again by its unique senderGroupingKey.

    ``marker`` is ``(listing field, value)`` that every recipient of this send
    shows in the listing (its template code or bubble type), when there is one.
    """
    if scheduled is None:
        low, high = built_at - _LOOKUP_SKEW, ctx.now_kst() + _LOOKUP_SKEW
    else:
        # A scheduled message is listed under its scheduled requestDate.
        low, high = scheduled - _LOOKUP_SKEW, scheduled + _LOOKUP_SKEW
    params = {
        "senderGroupingKey": grouping,
        "startRequestDate": low.strftime(MINUTE_FORMAT),
        "endRequestDate": high.strftime(MINUTE_FORMAT),
        "pageNum": 1,
        "pageSize": 1000,
    }

    def parse(data: JSONDict) -> SendResult | None:
        rows = [
            ListedRow(
                str(i["requestId"]),
                opt_int(i.get("recipientSeq")),
                opt_str(i.get("recipientNo")),
                opt_str(i.get("recipientGroupingKey")),
                None if marker is None else opt_str(i.get(marker[0])),
            )
            for i in message_items(data)
            if i.get("senderGroupingKey") in (None, grouping) and i.get("requestId")
        ]
        return recovered_result(
            rows,
            [r.number for r in recipients],
            service=service,
            namespace="kakao",
            grouping_key=grouping,
            sent_grouping_keys=[r.grouping_key for r in recipients],
            markers=[] if marker is None else [marker[1]] * len(recipients),
            idempotency_key=idempotency_key,
        )

    return Operation(
        namespace="kakao",
        method="GET",
        path=f"{prefix}/messages",
        parse=parse,
        safety=Safety.READ,
        params=params,
        headers=dict(headers),
        label=f"reconcile_{service}",
    )


def _replayed(
    service: str, recipients: tuple[Recipient, ...], idempotency_key: str, grouping: str
) -> SendResult:
    """The result of a send whose retry was answered -1005 and that the lookup missed."""
    return SendResult(
        service=service,
        request_id=None,
        recipients=tuple(
            RecipientResult(
                number=r.number,
                # recipientSeq is the 1-based position in recipientList.
                seq=index,
                result_code=0,
                result_message="accepted by an earlier attempt (the retry was answered -1005); "
                "its request id could not be recovered — look it up by sender_grouping_key",
                grouping_key=r.grouping_key,
                namespace="kakao",
            )
            for index, r in enumerate(recipients, start=1)
        ),
        idempotency_key=idempotency_key,
        sender_grouping_key=grouping,
    )


# Request fields the listings echo per recipient, which tell one send's
# messages from another's under the same senderGroupingKey.
_MARKER_FIELDS = ("templateCode", "chatBubbleType")


def send_operation(
    ctx: Context,
    *,
    service: str,
    prefix: str,
    path: str,
    label: str,
    payload: JSONDict,
    recipients: tuple[Recipient, ...],
    idempotency_key: str,
    safety: Safety,
    headers: Mapping[str, str],
    retry: RetryPolicy | None,
) -> Operation[SendResult]:
    """The operation of a KakaoTalk send, with its lookup and replayed result.

    Args:
        service: ``"alimtalk"``, ``"friendtalk"`` or ``"brand"`` (the result's
            ``service``; the lookup's label).
        prefix: the service's URL prefix; the send goes to ``prefix/path``, the
            lookup to ``prefix/messages``.
        payload: the request body; its ``senderGroupingKey`` finds the send
            again, its ``requestDate`` (if any) places the lookup window.
        safety: ``IDEMPOTENT`` where the API documents the idempotency key
            (AlimTalk, FriendTalk), ``RECONCILE`` where it does not (Brand
            Message). The key is sent either way: an ignored header costs
            nothing, and a -1005 answer then still means "already accepted".
        headers: extra headers for the send and its lookup.
    """
    built = ctx.stamp()  # made a datetime only if the lookup runs
    grouping: str = payload["senderGroupingKey"]
    request_date = payload.get("requestDate")
    scheduled = None if request_date is None else datetime.strptime(request_date, MINUTE_FORMAT)
    extra = dict(headers)

    def parse(data: JSONDict) -> SendResult:
        return parse_send(data, service, recipients, idempotency_key, grouping)

    marker = next(
        (
            (field, payload[field])
            for field in _MARKER_FIELDS
            if isinstance(payload.get(field), str)
        ),
        None,
    )

    def lookup() -> Operation[SendResult | None]:
        return _lookup(
            ctx,
            service,
            prefix,
            extra,
            grouping,
            idempotency_key,
            ctx.kst_at(built),
            scheduled,
            recipients,
            marker,
        )

    def replayed() -> SendResult:
        return _replayed(service, recipients, idempotency_key, grouping)

    return Operation(
        namespace="kakao",
        method="POST",
        path=f"{prefix}/{path}",
        parse=parse,
        safety=safety,
        json=payload,
        headers={IDEMPOTENCY_HEADER: idempotency_key, **extra},
        retry=retry,
        idempotency_key=idempotency_key,
        lookup=lookup,
        replayed=replayed,
        tolerate=frozenset({ALL_FAILED}),
        label=label,
    )
