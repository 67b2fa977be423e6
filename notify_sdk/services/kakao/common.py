"""What every KakaoTalk send shares: AlimTalk, FriendTalk and Brand Message.

The three services are one Kakao platform behind three URL prefixes: the same
sender profile key, the same ``resendParameter`` SMS fallback, the same
20:50-08:00 KST night window for advertising, the same ``sendResults`` answer
and the same ``messages`` listing, which finds a send again by its unique
``senderGroupingKey``. Each of those is written once here; the service modules
(:mod:`notify_sdk.services.kakao`, :mod:`notify_sdk.services.brand`) pass in what really
differs — the URL prefix, the retry :class:`~notify_sdk._core.Safety`, Brand
Message's advertising rules for the fallback text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    Safety,
    body_of,
    expect_dict,
    expect_list,
)
from ..._core.models import Recipient, SmsFallback
from ..._core.params import (
    header_key,
    new_token,
    normalize_number,
    optional_key,
    paging,
    request_reference,
    require_text,
)
from ..._core.wire import opt_int, opt_str
from ..._retry.reconcile import AnsweredRow, ListedRow, answered_recipients, recovered_result
from ...errors import ProtocolError, ValidationError, from_code
from ...errors._base import quote
from ...results import CancelResult, RecipientResult, SendResult, _Answer, lazy_recipients

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "ALL_FAILED",
    "IDEMPOTENCY_HEADER",
    "MINUTE_FORMAT",
    "SENDER_KEY_MAX",
    "TEMPLATE_PARAM_MAX",
    "listing",
    "message_items",
    "resend_parameter",
    "resolve_sender_key",
    "search_result",
    "send_keys",
    "send_operation",
    "template_params",
]

IDEMPOTENCY_HEADER = "X-NC-API-IDEMPOTENCY-KEY"
#: -1031: every recipient of the send failed; the per-recipient codes tell why.
ALL_FAILED = -1031
#: Kakao query and schedule dates carry minutes only.
MINUTE_FORMAT = "%Y-%m-%d %H:%M"
SENDER_KEY_MAX = 40
TEMPLATE_PARAM_MAX = 1300
#: An SMS sender number (the fallback goes out through the SMS API).
RESEND_SENDER_MAX = 13
# A lookup covers requests dated from shortly before the send was built (clock
# skew, minute truncation) until shortly after the lookup itself.
_LOOKUP_SKEW = timedelta(minutes=2)

T = TypeVar("T")

#: Checks the text of an advertising fallback: ``(content, field)`` with the
#: fallback parameter's name; raises ValidationError when the service's ad
#: wording is missing.
AdRule = Callable[[str, str], None]


# --- request parts ------------------------------------------------------------------


def resolve_sender_key(ctx: Context, value: str | None, *, hint: str = "") -> str:
    """The sender profile key to send from: ``value`` or the client's ``kakao_sender_key``.

    Raises:
        ValidationError: none given or configured, or not a key of at most 40
            characters (``hint`` is appended to the length message).
    """
    key = value if value is not None else ctx.config.kakao_sender_key
    if key is None:
        raise ValidationError(
            "no sender key: pass sender_key= or configure kakao_sender_key= / "
            "$NHN_KAKAO_SENDER_KEY",
            field="sender_key",
        )
    return require_text(key, "sender_key", max_chars=SENDER_KEY_MAX, hint=hint).strip()


def send_keys(sender_grouping_key: str | None, idempotency_key: str | None) -> tuple[str, str]:
    """The send's ``senderGroupingKey`` and idempotency key: the caller's, or fresh ones.

    The grouping key must be unique per send: the lookup after an ambiguous
    failure finds the send by it.
    """
    grouping = optional_key(sender_grouping_key, "sender_grouping_key") or f"nsdk-{new_token()}"
    idem = header_key(idempotency_key, "idempotency_key") or new_token()
    return grouping, idem


def template_params(values: object, field: str) -> dict[str, str]:
    """Check template parameters (``#{key}`` values); numbers are sent as text.

    Raises:
        ValidationError: not a mapping, a key or value that is not a non-empty
            str of at most 1,300 characters (API rule -3048).
    """
    if not isinstance(values, Mapping):
        raise ValidationError(f"{field} must be a mapping of str to str", field=field)
    out: dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(key, str) or not key or len(key) > TEMPLATE_PARAM_MAX:
            raise ValidationError(
                f"{field}: keys must be non-empty str of at most {TEMPLATE_PARAM_MAX} characters",
                field=field,
            )
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValidationError(
                f"{field}[{key!r}] must be a str (or a number), not {type(value).__name__}",
                field=field,
            )
        text = str(value)
        if len(text) > TEMPLATE_PARAM_MAX:
            raise ValidationError(
                f"{field}[{key!r}] is {len(text)} characters; the limit is "
                f"{TEMPLATE_PARAM_MAX} (API rule -3048)",
                field=field,
            )
        out[key] = text
    return out


def resend_parameter(
    fallback: object,
    field: str,
    *,
    ad_rule: AdRule | None = None,
    title_max: int | None = None,
    content_max: int | None = None,
    unsubscribe_no: str | None = None,
    part_fields: bool = False,
) -> JSONDict | None:
    """The ``resendParameter`` for a fallback setting (``None``: leave the profile's default).

    Args:
        fallback: ``None``, ``True``, ``False`` or an :class:`~notify_sdk.SmsFallback`.
        field: the parameter named in errors (``"fallback"``, ``"to"``...).
        ad_rule: checks the fallback text of an advertising send.
        title_max / content_max: length limits of the fallback title and text
            (``None``: the provider truncates, only unsendable text is refused).
        unsubscribe_no: the 080 number sent as ``resendUnsubscribeNo``.
        part_fields: name the part (``"fallback.type"``) rather than the
            parameter in errors about the type and the sender; Brand Message
            names parts everywhere, AlimTalk/FriendTalk name the parameter.

    Raises:
        ValidationError: a value of another type, or a part the SMS fallback
            cannot send.
    """
    if fallback is None:
        return None
    if fallback is False:
        return {"isResend": False}
    if fallback is not True and not isinstance(fallback, SmsFallback):
        raise ValidationError(f"{field} must be an SmsFallback, True, False or None", field=field)
    out: JSONDict = {"isResend": True}
    if isinstance(fallback, SmsFallback):
        if fallback.type is not None:
            if fallback.type not in ("SMS", "LMS"):
                raise ValidationError(
                    f"{field}.type must be 'SMS' or 'LMS', not {fallback.type!r}",
                    field=f"{field}.type" if part_fields else field,
                )
            out["resendType"] = fallback.type
        if fallback.title is not None:
            out["resendTitle"] = require_text(fallback.title, f"{field}.title", max_chars=title_max)
        if fallback.content is not None:
            content = require_text(fallback.content, f"{field}.content", max_chars=content_max)
            if ad_rule is not None:
                ad_rule(content, field)
            out["resendContent"] = content
        if fallback.sender is not None:
            number = normalize_number(fallback.sender, f"{field}.sender")
            # The fallback goes out through the SMS API, whose senders are
            # registered domestic numbers of at most 13 digits.
            if len(number) > RESEND_SENDER_MAX or number.startswith("+"):
                raise ValidationError(
                    f"{field}.sender must be a registered SMS sender number of at most "
                    f"{RESEND_SENDER_MAX} digits",
                    field=f"{field}.sender" if part_fields else field,
                )
            out["resendSendNo"] = number
    if unsubscribe_no is not None:
        out["resendUnsubscribeNo"] = unsubscribe_no
    return out


# --- cancels --------------------------------------------------------------------------


def cancel_operation(
    service: str,
    path: str,
    request: SendResult | str,
    recipient_seqs: Iterable[int] | None,
    retry: RetryPolicy | None,
    *,
    label: str,
    headers: Mapping[str, str] | None = None,
    max_chars: int = 25,
) -> Operation[CancelResult]:
    """The ``DELETE .../messages/{requestId}`` cancel shared by AlimTalk, FriendTalk and Brand.

    Args:
        service: the ``CancelResult.service`` (and the method label's middle).
        path: the API prefix the ``messages/{requestId}`` path hangs off.
        request: a :class:`~notify_sdk.SendResult` or its ``request_id``.
        recipient_seqs: which recipients to cancel; ``None`` cancels all.
        retry: a retry policy for this call only.
        label: the public method's name, for hooks and errors.
        headers: extra request headers (FriendTalk's compatibility switch).
        max_chars: the longest request id the API documents.
    """
    request_id, seqs = request_reference(request, recipient_seqs, max_chars=max_chars)
    params: dict[str, str] | None = None
    requested: int | None = None
    if seqs is not None:
        params = {"recipientSeq": ",".join(str(s) for s in seqs)}
        requested = len(seqs)
    elif isinstance(request, SendResult):
        # Without seqs the API cancels every recipient of the request: those
        # this send had accepted are the ones that can be scheduled.
        requested = sum(1 for r in request.recipients if r.ok)

    def parse(data: JSONDict) -> CancelResult:
        # A header-only success: the API does not count what it cancelled.
        return CancelResult(requested, None, service=service, request_id=request_id)

    return Operation(
        namespace="kakao",
        method="DELETE",
        path=f"{path}/messages/{request_id}",
        parse=parse,
        # A repeat after an ambiguous failure would answer -2029 for a cancel
        # that worked: raise the ambiguity instead.
        safety=Safety.UNSAFE,
        params=params,
        headers=dict(headers or {}),
        retry=retry,
        label=label,
    )


# --- listings -------------------------------------------------------------------------


def listing(
    path: str,
    params: Mapping[str, object],
    parse: Callable[[JSONDict], Page[T]],
    *,
    page_size: object,
    limit: object,
    retry: RetryPolicy | None,
    label: str,
    headers: Mapping[str, str] | None = None,
) -> Pager[T]:
    """A KakaoTalk listing (a ``GET`` paged by ``pageNum``/``pageSize``).

    Raises:
        ValidationError: ``page_size`` not 1..1,000 or ``limit`` not a
            positive int or ``None`` (checked now, not on first iteration).
    """
    size, most = paging(page_size, limit)
    extra = dict(headers or {})

    def fetch(page_num: int, size: int) -> Operation[Page[T]]:
        return Operation(
            namespace="kakao",
            method="GET",
            path=path,
            parse=parse,
            safety=Safety.READ,
            params={**params, "pageNum": page_num, "pageSize": size},
            headers=extra,
            retry=retry,
            label=label,
        )

    return Pager(fetch=fetch, page_size=size, limit=most)


# --- answers --------------------------------------------------------------------------


def search_result(data: JSONDict) -> JSONDict:
    """The ``messageSearchResultResponse`` of a ``messages`` listing."""
    return expect_dict(
        body_of(data, "messageSearchResultResponse", "kakao"),
        "messageSearchResultResponse",
        "kakao",
    )


def message_items(data: JSONDict) -> list[JSONDict]:
    """The ``messages`` of a listing (entries that are not objects are skipped)."""
    items = expect_list(search_result(data).get("messages"), "messages", "kakao")
    return [i for i in items if isinstance(i, dict)]


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
