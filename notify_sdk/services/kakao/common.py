"""What every KakaoTalk send shares: AlimTalk, FriendTalk and Brand Message.

The three services are one Kakao platform behind three URL prefixes: the same
sender profile key, the same ``resendParameter`` SMS fallback, the same
cancel and the same ``messages`` listing. Each of those is written once
here; the send operation with its answer and lookup is in :mod:`.sending`,
the 20:50-08:00 KST night window in :mod:`notify_sdk._core.params.night`.
The service modules
(:mod:`notify_sdk.services.kakao`, :mod:`notify_sdk.services.brand`) pass in what really
differs — the URL prefix, the retry :class:`~notify_sdk._core.Safety`, Brand
Message's advertising rules for the fallback text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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
from ..._core.models import SmsFallback
from ..._core.params import (
    header_key,
    new_token,
    normalize_number,
    optional_key,
    paging,
    request_reference,
    require_text,
)
from ...errors import ValidationError
from ...results import CancelResult, SendResult

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "MINUTE_FORMAT",
    "SENDER_KEY_MAX",
    "TEMPLATE_PARAM_MAX",
    "AdRule",
    "cancel_operation",
    "listing",
    "message_items",
    "resend_parameter",
    "resolve_sender_key",
    "search_result",
    "send_keys",
    "template_params",
]

#: Kakao query and schedule dates carry minutes only.
MINUTE_FORMAT = "%Y-%m-%d %H:%M"
SENDER_KEY_MAX = 40
TEMPLATE_PARAM_MAX = 1300
#: An SMS sender number (the fallback goes out through the SMS API).
RESEND_SENDER_MAX = 13

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
