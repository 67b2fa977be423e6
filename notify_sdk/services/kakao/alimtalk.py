"""AlimTalk v2.3: template sends, raw sends, message queries, cancels and searches.

Exactly-once sends. KakaoTalk deduplicates a send by its
``X-NC-API-IDEMPOTENCY-KEY`` for 10 minutes. Each send carries one key (the
caller's or one minted here) that is identical on every retry, and a unique
``senderGroupingKey``. When a retry is answered with -1005 ("key already
used"), an earlier attempt reached the server: the driver lists messages by
that grouping key to recover the ``requestId`` instead of sending again, and
when nothing is found it reports the send as accepted with ``request_id=None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Pager,
)
from ..._core.endpoints import KAKAO
from ..._core.models import SmsFallback
from ..._core.operation import Safety
from ..._core.params import (
    Recipients,
    normalize_recipients,
    optional_key,
    require_text,
)
from ...errors import ValidationError
from ...results import CancelResult, SendResult
from .common import cancel_operation, send_keys

if TYPE_CHECKING:
    from ..._retry import RetryPolicy
    from .template_models import TemplateItem, TemplateItemHighlight, TemplateLink
from .messages import (
    _get_message,
    _list_messages,
    _search_results,
)
from .models import (
    _ALIMTALK,
    _MESSAGE_STATUSES,
    ALIMTALK_BODY_MAX,
    TEMPLATE_CODE_MAX,
    ButtonParams,
    KakaoButton,
    KakaoMessage,
    KakaoQuickReply,
)
from .parts import (
    _button_params,
    _fill,
    _merge,
    _put_parts,
    _raw_parts,
    _recipient_no,
    _recipient_parts,
    _resend,
    _send,
    _top_level,
    _with_options,
)

# --- AlimTalk sends ------------------------------------------------------------

#: Where AlimTalk sends go, and the headers they carry (none beyond the common ones).
_ROUTE: tuple[str, Mapping[str, str]] = (_ALIMTALK, {})


_CURRENCY = re.compile(r"[A-Z]{3}")


def _send_options(
    payload: JSONDict, create_user: object, price: object, currency_type: object
) -> None:
    """Put ``createUser`` and ``messageOption`` (price, currency) in an AlimTalk send body."""
    if create_user is not None:
        payload["createUser"] = optional_key(create_user, "create_user")
    if price is None:
        if currency_type is not None:
            raise ValidationError("currency_type needs price", field="currency_type")
        return
    if not isinstance(price, int) or isinstance(price, bool) or price < 0:
        raise ValidationError("price must be a non-negative int", field="price")
    option: JSONDict = {"price": price}
    if currency_type is not None:
        if not isinstance(currency_type, str) or _CURRENCY.fullmatch(currency_type) is None:
            raise ValidationError(
                "currency_type must be a three-letter ISO 4217 code such as 'KRW'",
                field="currency_type",
            )
        option["currencyType"] = currency_type
    payload["messageOption"] = option


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
    create_user: str | None = None,
    price: int | None = None,
    currency_type: str | None = None,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
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
        buttons: per-send data for the template's buttons (:class:`ButtonParams`),
            for every recipient; an :class:`~notify_sdk.AlimTalkRecipient`'s
            own ``buttons`` replace them for that recipient (the API takes
            them per recipient).
        quick_replies: per-send data for the template's quick replies; an
            ``AlimTalkRecipient``'s own replace them, as for ``buttons``.
        stats_id: a statistics event key (at most 8 characters).
        create_user: a registrant label the API stores with the send
            (``createUser``); ``list_alimtalk_messages(create_user=...)``
            filters by it.
        price: the amount the message is about (``messageOption.price``), a
            non-negative int, for templates that show a price.
        currency_type: its currency (``messageOption.currencyType``, e.g.
            ``"KRW"``, ``"USD"``); only together with ``price``.
        retry: a :class:`~notify_sdk.RetryPolicy` for this call only.
        dedupe: ``True`` sends once to a number given more than once (the
            first occurrence is kept, with its options); by default every
            copy is sent and a ``UserWarning`` names the repeated numbers.

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
    recipients = normalize_recipients(to, dedupe=dedupe)
    template = require_text(template_code, "template_code", max_chars=TEMPLATE_CODE_MAX)
    call_parts: JSONDict = {
        "buttons": _button_params(buttons, "buttons", quick_reply=False),
        "quickReplies": _button_params(quick_replies, "quick_replies", quick_reply=True),
    }
    call_resend = _resend(fallback, "fallback")
    grouping, key = send_keys(sender_grouping_key, idempotency_key)
    payload = _top_level(ctx, sender_key, grouping, scheduled_at, stats_id)
    payload["templateCode"] = template
    _send_options(payload, create_user, price, currency_type)
    entries: list[JSONDict] = []
    for index, r in enumerate(recipients):
        entry: JSONDict = {"recipientNo": _recipient_no(r)}
        merged = _merge(params, r)
        if merged:
            entry["templateParameter"] = merged
        _put_parts(entry, call_parts, _recipient_parts(r, index, raw=False))
        entries.append(_with_options(entry, r, call_resend))
    payload["recipientList"] = entries
    return _send(
        ctx, "alimtalk", _ROUTE, "messages", "send_alimtalk", payload, recipients, key, retry
    )


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
    items: Sequence[TemplateItem] | None = None,
    item_summary: TemplateItem | None = None,
    item_highlight: TemplateItemHighlight | None = None,
    represent_link: TemplateLink | None = None,
    fallback: SmsFallback | bool | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    idempotency_key: str | None = None,
    stats_id: str | None = None,
    create_user: str | None = None,
    price: int | None = None,
    currency_type: str | None = None,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
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
        items: the item list of an item-list template (``templateItem.list``):
            2 to 10 :class:`~notify_sdk.TemplateItem`, title at most 6 and
            description at most 23 characters.
        item_summary: the item summary (``templateItem.summary``), a
            ``TemplateItem`` whose title is at most 6 characters and whose
            description is at most 14 of digits, commas, periods, spaces and
            currency units (``"12,000원"``); only together with ``items``.
        item_highlight: the item highlight (``templateItemHighlight``), a
            :class:`~notify_sdk.TemplateItemHighlight`: title at most 30
            characters and description at most 19 (21 and 13 with
            ``image_url``, the thumbnail).
        represent_link: the main link (``templateRepresentLink``), a
            :class:`~notify_sdk.TemplateLink` with at least one link of at
            most 500 characters.

            ``title`` through ``represent_link`` apply to every recipient;
            the API takes them per recipient, and an
            :class:`~notify_sdk.AlimTalkRecipient` that gives its own value
            replaces the call's for that recipient (``items`` and
            ``item_summary`` together, as one ``templateItem``; a list as a
            whole). All are sent as given (no ``#{key}`` filling) and must
            match the approved template (-3042 header, -3043 items, -3046
            main link).
        fallback, scheduled_at, sender_grouping_key, idempotency_key,
            stats_id, create_user, price, currency_type, retry, dedupe: as for
            :meth:`send_alimtalk`.

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
    recipients = normalize_recipients(to, dedupe=dedupe)
    require_text(content, "content")
    template = require_text(template_code, "template_code", max_chars=TEMPLATE_CODE_MAX)
    call_parts = _raw_parts(
        title=title, header=header, buttons=buttons, quick_replies=quick_replies, items=items,
        item_summary=item_summary, item_highlight=item_highlight, represent_link=represent_link,
    )  # fmt: skip
    call_resend = _resend(fallback, "fallback")
    grouping, key = send_keys(sender_grouping_key, idempotency_key)
    payload = _top_level(ctx, sender_key, grouping, scheduled_at, stats_id)
    payload["templateCode"] = template
    _send_options(payload, create_user, price, currency_type)
    entries: list[JSONDict] = []
    for index, r in enumerate(recipients):
        text = _fill(content, _merge(params, r))
        if len(text) > ALIMTALK_BODY_MAX:
            raise ValidationError(
                f"content is {len(text)} characters after substitution; the limit is "
                f"{ALIMTALK_BODY_MAX} (API rule -2019)",
                field="content",
            )
        entry: JSONDict = {"recipientNo": _recipient_no(r), "content": text}
        _put_parts(entry, call_parts, _recipient_parts(r, index, raw=True))
        entries.append(_with_options(entry, r, call_resend))
    payload["recipientList"] = entries
    return _send(
        ctx,
        "alimtalk",
        _ROUTE,
        "raw-messages",
        "send_alimtalk_raw",
        payload,
        recipients,
        key,
        retry,
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
    create_user: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[KakaoMessage]:
    """List AlimTalk messages (one item per recipient), paging as you iterate.

    Give ``request_id``, or a ``requested_from``/``requested_to`` range, or a
    ``created_from``/``created_to`` range (at most 30 days, as the API guide
    documents, although the -4003 text says 31; messages older
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
        create_user: only messages sent with this ``create_user`` label.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`KakaoMessage`.

    Raises:
        ValidationError: no selector, a range over 30 days, bad arguments.
    """
    return _list_messages(
        "alimtalk", _ALIMTALK, {}, _MESSAGE_STATUSES, create_user=create_user, max_days=30,
        request_id=request_id, requested_from=requested_from, requested_to=requested_to,
        created_from=created_from, created_to=created_to, sender_key=sender_key,
        template_code=template_code, sender_grouping_key=sender_grouping_key,
        recipient_grouping_key=recipient_grouping_key, recipient=recipient, status=status,
        result=result, page_size=page_size, limit=limit, retry=retry,
    )  # fmt: skip


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


def cancel_alimtalk(
    ctx: Context,
    request: SendResult | str,
    *,
    recipient_seqs: Iterable[int] | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[CancelResult]:
    """Cancel a scheduled AlimTalk send (all recipients, or some of them).

    Args:
        request: the :class:`~notify_sdk.SendResult` of the scheduled send, or
            its ``request_id``.
        recipient_seqs: which recipients to cancel; default every recipient.
        retry: a retry policy for this call only.

    Returns:
        A :class:`~notify_sdk.CancelResult` (``service="alimtalk"``), the type
        every cancel returns. The API answers with a header only, so
        ``canceled`` is ``None``; ``requested`` counts the seqs asked for (the
        accepted recipients of a ``SendResult`` given without seqs, ``None``
        for every recipient of a bare request id).

    Raises:
        ValidationError: bad arguments.
        APIError: nothing was cancellable (-2029: already sent or unknown id),
            or another failure.
    """
    return cancel_operation(
        "alimtalk", _ALIMTALK, request, recipient_seqs, retry, label="cancel_alimtalk"
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


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

KAKAO.endpoint(
    "cancel_alimtalk",
    "DELETE",
    "messages/{requestId}",
    group="AlimTalk and FriendTalk",
    segments={"request": "requestId"},
).builds(cancel_alimtalk)
KAKAO.endpoint(
    "get_alimtalk_message",
    "GET",
    "messages/{requestId}/{recipientSeq}",
    group="AlimTalk and FriendTalk",
    segments={"request_id": "requestId", "seq": "recipientSeq"},
).builds(get_alimtalk_message)
KAKAO.endpoint(
    "list_alimtalk_messages",
    "GET",
    "messages",
    group="AlimTalk and FriendTalk",
    pager=True,
    query={
        "sender_key": "senderKey",
        "template_code": "templateCode",
        "sender_grouping_key": "senderGroupingKey",
        "recipient_grouping_key": "recipientGroupingKey",
    },
    example={"request_id": "20260101000000abcdef"},
).builds(list_alimtalk_messages)
KAKAO.endpoint(
    "search_alimtalk_results", "GET", "message-results", group="AlimTalk and FriendTalk", pager=True
).builds(search_alimtalk_results)
KAKAO.endpoint(
    "send_alimtalk", "POST", "messages", group="AlimTalk and FriendTalk", safety=Safety.IDEMPOTENT
).builds(send_alimtalk)
KAKAO.endpoint(
    "send_alimtalk_raw",
    "POST",
    "raw-messages",
    group="AlimTalk and FriendTalk",
    safety=Safety.IDEMPOTENT,
).builds(send_alimtalk_raw)
