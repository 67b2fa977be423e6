"""SMS v3.0 delivery queries and the cancel of scheduled sends."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    body_of,
    expect_dict,
    expect_list,
)
from ..._core.endpoints import SMS
from ..._core.params import (
    date_range,
    normalize_number,
    optional_key,
    positive_seq,
    request_id_segment,
    request_reference,
    require_text,
)
from ..._core.wire import opt_int
from ...errors import ValidationError
from ...results import SendResult
from .._manage import paged

if TYPE_CHECKING:
    from ..._retry import RetryPolicy
    from ...delivery import MtrCode
from .models import (
    _QUERY_FORMAT,
    CancelResult,
    QueryKind,
    SmsDelivery,
    SmsMessageStatus,
    _data_of,
    _delivery,
)

# --- queries ---------------------------------------------------------------------


_QUERY_PATHS = {"sms": "sender/sms", "mms": "sender/mms", "auth": "sender/auth/sms"}
#: The query kind of each ``SendResult.kind`` of an SMS send (ad messages are
#: listed under the plain paths, LMS under MMS).
_QUERY_KIND = {
    "sms": "sms",
    "ad-sms": "sms",
    "lms": "mms",
    "mms": "mms",
    "ad-lms": "mms",
    "ad-mms": "mms",
    "auth": "auth",
}


def _query_kind(kind: str) -> str:
    if kind not in _QUERY_PATHS:
        raise ValidationError(f"kind must be 'sms', 'mms' or 'auth', not {kind!r}", field="kind")
    return kind


def _target(
    ctx: Context, request: SendResult | str | None, kind: str | None
) -> tuple[str | None, str]:
    """The request id and the query kind of "which send, under which kind".

    A :class:`~notify_sdk.SendResult` gives its own kind; a request id this
    client sent is asked under the kind it was sent as; otherwise ``kind``
    (default ``"sms"``).

    Raises:
        ValidationError: a result of another service, a ``kind`` that
            contradicts the result's, or a bad id.
    """
    if request is None:
        return None, _query_kind(kind or "sms")
    if isinstance(request, SendResult):
        sent = _QUERY_KIND.get(request.kind) if request.service == "sms" else None
        if sent is None:
            raise ValidationError(
                f"this SendResult is of a {request.service} send, not an SMS one; query it "
                f"with that service's methods",
                field="request_id",
            )
        if kind is not None and _query_kind(kind) != sent:
            raise ValidationError(
                f"kind={kind!r} contradicts the result, which was sent as {request.kind!r}; "
                "leave kind out",
                field="kind",
            )
        request_id, _ = request_reference(request, None, field="request_id")
        return request_id, sent
    request_id = request_id_segment(request, "request_id")
    if kind is None:
        remembered = ctx.memory.kind_of(request_id)
        kind = _QUERY_KIND.get(remembered or "", "sms")
    return request_id, _query_kind(kind)


def _parse_delivery_page(data: JSONDict) -> Page[SmsDelivery]:
    body = expect_dict(data.get("body"), "body", "sms")
    items = expect_list(body_of(body, "data", "sms"), "body.data", "sms")
    total = opt_int(body.get("totalCount"))
    return Page(tuple(_delivery(i) for i in items if isinstance(i, dict)), total)


# One endpoint per query kind: the short, the long (LMS/MMS) and the
# authentication sends are queried under their own paths; ``kind`` picks it.
#: The parser is made per call: the MMS answer may lack the identity asked for.
DELIVERY = {
    kind: SMS.endpoint(
        "get_sms_delivery",
        "GET",
        f"{path}/{{requestId}}",
        group="SMS",
        segments={"request_id": "requestId"},
        when={} if kind == "sms" else {"kind": kind},
    )
    for kind, path in _QUERY_PATHS.items()
}
DELIVERIES = {
    kind: SMS.endpoint(
        "list_sms_deliveries",
        "GET",
        path,
        group="SMS",
        pager=True,
        query={
            "sender_grouping_key": "senderGroupingKey",
            "recipient_grouping_key": "recipientGroupingKey",
            "template_id": "templateId",
        },
        when={} if kind == "sms" else {"kind": kind},
        example={"request_id": "20260101000000abcdef"},
        parser=_parse_delivery_page,
    )
    for kind, path in _QUERY_PATHS.items()
}
#: A repeat after an ambiguous failure would report canceled=0 for a cancel
#: that worked: raise instead, as the KakaoTalk cancels do. The parser is
#: made per call (the answer does not repeat the request id).
CANCEL = SMS.endpoint(
    "cancel_scheduled_sms",
    "PUT",
    "reservations/cancel",
    group="SMS",
    example={"recipient_seqs": [1]},
)


def get_sms_delivery(
    ctx: Context,
    request_id: SendResult | str,
    seq: int,
    *,
    kind: QueryKind | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SmsDelivery]:
    """Get the delivery state of one recipient of an SMS send.

    Args:
        request_id: the send's :class:`~notify_sdk.SendResult`, or its
            ``request_id``.
        seq: the recipient's ``seq`` (``RecipientResult.seq``).
        kind: ``"sms"`` (short and ad SMS), ``"mms"`` (LMS/MMS, ad MMS) or
            ``"auth"``. Leave it out: a ``SendResult`` knows its kind, and so
            does this client for a request id it sent; other ids default to
            ``"sms"``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad arguments, or the API does not know the id (-2008, -2012).
    """
    target, query_kind = _target(ctx, request_id, kind)
    assert target is not None
    request_id = target
    seq = positive_seq(seq)

    def parse(data: JSONDict) -> SmsDelivery:
        item = _data_of(data)
        delivery = _delivery(item)
        if not delivery.request_id or delivery.seq is None:
            # The MMS single query names the seq ``mtPr`` and may omit fields:
            # fill the identity from the request itself.
            delivery = attrs.evolve(
                delivery, request_id=delivery.request_id or request_id, seq=delivery.seq or seq
            )
        return delivery

    return DELIVERY[query_kind].operation(
        parse, segments={"requestId": request_id}, params={"recipientSeq": seq}, retry=retry
    )


for _endpoint in DELIVERY.values():
    _endpoint.builds(get_sms_delivery)


def list_sms_deliveries(
    ctx: Context,
    *,
    kind: QueryKind | None = None,
    request_id: SendResult | str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    result_from: datetime | None = None,
    result_to: datetime | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    recipient: str | None = None,
    sender: str | None = None,
    template_id: str | None = None,
    status: SmsMessageStatus | str | None = None,
    result: MtrCode | str | None = None,
    receiver_region: str | None = None,
    country_code: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsDelivery]:
    """List SMS deliveries, fetching further pages as you iterate.

    Give ``request_id``, or a ``requested_from``/``requested_to`` range, or a
    ``created_from``/``created_to`` range (the API needs one; a range spans
    at most 31 days). Naive datetimes are Korea time.

    Args:
        kind: ``"sms"``, ``"mms"`` or ``"auth"`` (ad messages are listed under
            ``"sms"`` and ``"mms"``). Leave it out with a ``request_id`` this
            client sent, or a ``SendResult``: the send's own kind is used.
            Default ``"sms"``.
        request_id: all recipients of one send: its
            :class:`~notify_sdk.SendResult` or its ``request_id``.
        requested_from, requested_to: the send (or scheduled) time range.
        created_from, created_to: the registration time range (wins over the
            requested range when both are given).
        result_from, result_to: an optional receive-result time range; it
            narrows a listing but does not select one on its own.
        sender_grouping_key, recipient_grouping_key, recipient, sender,
            template_id: filters.
        status: a :class:`SmsMessageStatus` filter.
        result: an :class:`~notify_sdk.delivery.MtrCode` filter (``MTR1``
            success, ``MTR2`` failure, ``MTR2_1``..``MTR2_3`` failure kinds).
        receiver_region: ``"DOMESTIC"`` or ``"INTERNATIONAL"`` (any case).
        country_code: only recipients of this country code (``"81"`` or
            ``"+81"``).
        page_size: items per request, 1..1,000.
        limit: stop after this many items (also caps the page size, so
            ``limit=1`` asks for one item).
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`SmsDelivery`.
        Page 2 is requested only when page 1 was full and the ``totalCount``
        says more remain.

    Example::

        for d in client.list_sms_deliveries(request_id=result.request_id):
            print(d.seq, d.status, d.outcome)

    Raises:
        ValidationError: no selector, a range over 31 days, bad arguments.
    """
    target, query_kind = _target(ctx, request_id, kind)
    params: dict[str, Any] = {}
    if target is not None:
        params["requestId"] = target
    for start, end, prefix, wire in (
        (requested_from, requested_to, "requested", "RequestDate"),
        (created_from, created_to, "created", "CreateDate"),
        (result_from, result_to, "result", "ResultDate"),
    ):
        ends = date_range(start, end, prefix, fmt=_QUERY_FORMAT, max_days=31, rule="API rule -4000")
        if ends is not None:
            params[f"start{wire}"], params[f"end{wire}"] = ends
    if not ({"requestId", "startRequestDate", "startCreateDate"} & params.keys()):
        raise ValidationError(
            "give request_id, requested_from/requested_to or created_from/created_to "
            "(API rule -2011)",
            field="request_id",
        )
    for name, value, wire in (
        ("sender_grouping_key", sender_grouping_key, "senderGroupingKey"),
        ("recipient_grouping_key", recipient_grouping_key, "recipientGroupingKey"),
        ("template_id", template_id, "templateId"),
    ):
        if value is not None:
            params[wire] = optional_key(value, name)
    if recipient is not None:
        params["recipientNo"] = normalize_number(recipient, "recipient")
    if sender is not None:
        params["sendNo"] = normalize_number(sender, "sender")
    if status is not None:
        parsed = None
        if isinstance(status, (str, enum.Enum)):
            parsed = SmsMessageStatus.parse(
                status.value if isinstance(status, enum.Enum) else status
            )
        if parsed is None:
            raise ValidationError(f"status {status!r} is not a SmsMessageStatus", field="status")
        params["msgStatus"] = parsed.value
    if result is not None:
        from ...delivery import MtrCode  # loaded by the queries that filter on it

        mtr = MtrCode.parse(result.value if isinstance(result, enum.Enum) else result)
        if mtr is None:
            raise ValidationError(f"result {result!r} is not an MtrCode", field="result")
        # A failure kind (MTR2_1..MTR2_3) is a sub-code of MTR2.
        if "_" in mtr.value:
            params["resultCode"] = mtr.value.split("_", 1)[0]
            params["subResultCode"] = mtr.value
        else:
            params["resultCode"] = mtr.value
    params.update(_region_filters(receiver_region, country_code))
    return paged(DELIVERIES[query_kind], params, page_size=page_size, limit=limit, retry=retry)


for _endpoint in DELIVERIES.values():
    _endpoint.builds(list_sms_deliveries)


_REGIONS = ("DOMESTIC", "INTERNATIONAL")
_COUNTRY = re.compile(r"\+?([0-9]{1,8})")


def _region_filters(receiver_region: object, country_code: object) -> dict[str, str]:
    """The ``receiverRegion`` / ``countryCode`` filters of a listing (sms-v3.md 5.1)."""
    out: dict[str, str] = {}
    if receiver_region is not None:
        region = receiver_region.upper() if isinstance(receiver_region, str) else None
        if region not in _REGIONS:
            raise ValidationError(
                f"receiver_region must be 'DOMESTIC' or 'INTERNATIONAL', not {receiver_region!r}",
                field="receiver_region",
            )
        out["receiverRegion"] = region
    if country_code is not None:
        found = _COUNTRY.fullmatch(country_code) if isinstance(country_code, str) else None
        if found is None:
            raise ValidationError(
                f"country_code must be 1 to 8 digits (e.g. '81'), not {country_code!r}",
                field="country_code",
            )
        out["countryCode"] = found.group(1)
    return out


@CANCEL.builds
def cancel_scheduled_sms(
    ctx: Context,
    request: SendResult | str,
    recipient_seqs: Iterable[int] | None = None,
    *,
    update_user: str = "notify-sdk",
    retry: RetryPolicy | None = None,
) -> Operation[CancelResult]:
    """Cancel scheduled SMS recipients that have not been sent yet.

    Args:
        request: the :class:`~notify_sdk.SendResult` of the scheduled send, or
            its ``request_id``.
        recipient_seqs: which recipients to cancel; default every recipient of
            the given ``SendResult`` (required when ``request`` is an id).
        update_user: the label the API records as the canceller.
        retry: a retry policy for this call only.

    Returns:
        How many recipients were asked for and how many were cancelled (only
        those still scheduled can be).
    """
    request_id, listed = request_reference(request, recipient_seqs, require_seqs=True)
    seqs = listed or []

    update_user = require_text(update_user, "update_user", max_chars=100)

    def parse(data: JSONDict) -> CancelResult:
        inner = _data_of(data)
        return CancelResult(
            requested=opt_int(inner.get("requestedCount")) or 0,
            canceled=opt_int(inner.get("canceledCount")) or 0,
            service="sms",
            request_id=request_id,
        )

    body = {
        "reservationList": [{"requestId": request_id, "recipientSeq": s} for s in seqs],
        "updateUser": update_user,
    }
    return CANCEL.operation(parse, json=body, retry=retry)
