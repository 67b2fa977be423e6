"""Brand Message API v1.0 operations: sends, queries, uploads.

Every public builder becomes a method of both clients through
:func:`~notify_sdk._core.sync_method` / :func:`~notify_sdk._core.async_method`
(the mixins at the end); ``ctx`` is supplied by the client. The message models
live in the public module :mod:`notify_sdk.brand`.

Retry safety: the Brand Message sends document no idempotency key (the guide
lists ``X-NC-API-IDEMPOTENCY-KEY`` nowhere on a send). The SDK still sends one
per logical send — an ignored header costs nothing, and a ``-1005`` answer on
a retry then means "already accepted" — but it does not count on it: sends
are ``Safety.RECONCILE``. Each send carries a unique ``senderGroupingKey``,
and after a failure of unknown effect the driver lists the messages with that
key over a narrow request-date window and resends only when none is found.

Night-time rule: every Brand Message is advertising, and nothing is delivered
from 20:50 to 08:00 KST. A schedule inside that window is refused unless the
caller states that the provider's next-morning re-send (a console setting,
there is no API field for it) is switched on; an immediate send inside the
window only warns, since the caller may not control when it runs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

import attrs
import httpx

from ._core import (
    Context,
    JSONDict,
    Operation,
    Page,
    Pager,
    Safety,
    async_method,
    async_pager,
    body_of,
    expect_dict,
    sync_method,
    sync_pager,
)
from ._kakao_common import (
    MINUTE_FORMAT,
    check_night,
    listing,
    message_items,
    resend_parameter,
    resolve_sender_key,
    search_result,
    send_keys,
    send_operation,
    template_params,
)
from ._lazy import lazy_module
from ._models import Recipient, SmsFallback
from ._validation import (
    Recipients,
    format_schedule,
    normalize_number,
    normalize_recipients,
    optional_key,
    require_text,
    to_kst,
)
from ._wire import opt_int
from .errors import APIError, ProtocolError, ServerError, ValidationError
from .results import SendResult

if TYPE_CHECKING:
    from . import brand
else:
    # The 26 model classes of notify_sdk.brand cost ~20 ms to create; an
    # application that never sends a Brand Message should not pay for them
    # at ``import notify_sdk``.
    brand = lazy_module("notify_sdk.brand")

if TYPE_CHECKING:
    from ._retry import RetryPolicy

__all__ = [
    "AsyncBrandMethods",
    "BrandMethods",
    "cancel_brand_message",
    "get_brand_message",
    "list_brand_messages",
    "register_brand_video",
    "send_brand_message",
    "send_brand_template",
    "upload_brand_image",
]

if TYPE_CHECKING:
    TargetingArg = brand.Targeting | Literal["M", "N", "I"]

_PREFIX = "/brand-message/v1.0/appkeys/{appkey}"
SCHEDULE_MAX_DAYS = 60
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MIN_WIDTH = 500
VIDEO_MAX_BYTES = 4 * 1024**3
VIDEO_NAME_MAX = 250
_VIDEO_EXTENSIONS = (".mp4", ".mov", ".avi")
_UNSUBSCRIBE_NO = re.compile(r"080-[0-9]{3,4}-[0-9]{4}|080[0-9]{7,8}")
_UNSUBSCRIBE_AUTH_NO = re.compile(r"[0-9]{1,9}")
_AD_OPT_OUT = re.compile(r"무료\s*수신\s*거부\s*[\]\)]?\s*:?\s*080[0-9\s\-]{7,11}")
_PATH_KEY = re.compile(r"[^@]+@\$\.carousel\.list\[[0-9]+\]")


# --- shared send plumbing --------------------------------------------------------------


def _sender_key(ctx: Context, sender_key: str | None) -> str:
    return resolve_sender_key(
        ctx, sender_key, hint=" (group sender keys cannot send Brand Messages)"
    )


def _targeting(value: object, field: str) -> str:
    raw = value.value if isinstance(value, brand.Targeting) else value
    if raw not in ("M", "N", "I"):
        raise ValidationError(
            f"{field} must be Targeting.M, Targeting.N or Targeting.I ('M', 'N', 'I'), "
            f"not {value!r}",
            field=field,
        )
    return str(raw)


def _recipients(to: object) -> tuple[Recipient, ...]:
    """Normalize recipients (a :class:`~notify_sdk.brand.BrandRecipient` keeps its options)."""
    recipients = normalize_recipients(to)
    for index, r in enumerate(recipients):
        if r.country_code not in (None, "82"):
            raise ValidationError(
                f"to[{index}]: Brand Message has no country code field; give the number "
                "as KakaoTalk knows it",
                field=f"to[{index}].country_code",
            )
    return recipients


def _ad_rule(content: str, field: str) -> None:
    """The advertising wording of a fallback text (section 7)."""
    if not content.lstrip().startswith(brand.AD_PREFIX) or not _AD_OPT_OUT.search(content):
        raise ValidationError(
            f"{field}.content: a Brand Message falls back through the SMS advertising "
            f"API, so the text must start with {brand.AD_PREFIX!r} and carry the free opt-out "
            "line with your 080 number, e.g. '(광고)... [무료 수신거부]0801234567'; or "
            "leave content=None to let the provider build it",
            field=f"{field}.content",
        )


def _resend_parameter(fallback: object, field: str, unsubscribe_no: str | None) -> JSONDict | None:
    """Build ``resendParameter`` with the advertising rules of section 7."""
    return resend_parameter(
        fallback,
        field,
        ad_rule=_ad_rule,
        title_max=120,
        content_max=4000,
        unsubscribe_no=unsubscribe_no,
        part_fields=True,
    )


def _unsubscribe_no(value: object, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or _UNSUBSCRIBE_NO.fullmatch(value) is None:
        raise ValidationError(
            f"{field} must be an 080 number: 080-xxx-xxxx, 080-xxxx-xxxx, 080xxxxxxx or "
            "080xxxxxxxx (API rule -3340)",
            field=field,
        )
    return value


@attrs.frozen(slots=True)
class _Common:
    """The validated request-level parts shared by both send endpoints."""

    top: JSONDict
    recipients: tuple[Recipient, ...]
    targeting: str
    resend_unsubscribe_no: str | None
    fallback: SmsFallback | bool | None
    key: str
    idempotency_key: str


def _common(
    ctx: Context,
    to: Recipients,
    *,
    targeting: object,
    sender_key: str | None,
    fallback: SmsFallback | bool | None,
    fallback_unsubscribe_no: str | None,
    scheduled_at: datetime | None,
    sender_grouping_key: str | None,
    idempotency_key: str | None,
    is_ad: bool,
    allow_night_resend: bool,
    push_alarm: bool,
    unsubscribe_no: str | None,
    unsubscribe_auth_no: str | None,
    reseller_code: str | None,
    create_user: str | None,
    stats_id: str | None,
) -> _Common:
    if is_ad is not True:
        raise ValidationError(
            "Brand Message is always advertising (is_ad=True); send informational "
            "messages with send_alimtalk",
            field="is_ad",
        )
    default_targeting = _targeting(targeting, "targeting")
    recipients = _recipients(to)
    top: JSONDict = {"senderKey": _sender_key(ctx, sender_key)}
    if not isinstance(push_alarm, bool):
        raise ValidationError("push_alarm must be a bool", field="push_alarm")
    if not push_alarm:
        top["pushAlarm"] = False
    now = ctx.now_kst()
    schedule: datetime | None = None
    if scheduled_at is not None:
        top["requestDate"] = format_schedule(scheduled_at, now, max_days=SCHEDULE_MAX_DAYS)
        schedule = datetime.strptime(top["requestDate"], MINUTE_FORMAT)
    if not allow_night_resend:
        # The console's next-morning re-send delivers what the window catches.
        check_night(
            schedule,
            now,
            what="Brand Messages",
            escape=", or pass allow_night_resend=True if the console's next-morning re-send "
            "is switched on",
            stacklevel=4,
        )
    number = _unsubscribe_no(unsubscribe_no, "unsubscribe_no")
    if number is not None:
        top["unsubscribeNo"] = number
    if unsubscribe_auth_no is not None:
        if number is None:
            raise ValidationError(
                "unsubscribe_auth_no needs unsubscribe_no (API rule -3339)",
                field="unsubscribe_auth_no",
            )
        if (
            not isinstance(unsubscribe_auth_no, str)
            or _UNSUBSCRIBE_AUTH_NO.fullmatch(unsubscribe_auth_no) is None
        ):
            raise ValidationError(
                "unsubscribe_auth_no must be 1 to 9 digits (API rule -3341)",
                field="unsubscribe_auth_no",
            )
        top["unsubscribeAuthNo"] = unsubscribe_auth_no
    key, idem = send_keys(sender_grouping_key, idempotency_key)
    if reseller_code is not None:
        top["resellerCode"] = optional_key(reseller_code, "reseller_code")
    if create_user is not None:
        top["createUser"] = optional_key(create_user, "create_user")
    if stats_id is not None:
        top["statsId"] = optional_key(stats_id, "stats_id", max_chars=8)
    return _Common(
        top=top,
        recipients=recipients,
        targeting=default_targeting,
        resend_unsubscribe_no=_unsubscribe_no(fallback_unsubscribe_no, "fallback_unsubscribe_no"),
        fallback=fallback,
        key=key,
        idempotency_key=idem,
    )


def _recipient_entry(common: _Common, index: int, r: Recipient) -> JSONDict:
    field = f"to[{index}]"
    entry: JSONDict = {"recipientNo": r.number}
    own = r.targeting if isinstance(r, brand.BrandRecipient) else None
    entry["targeting"] = common.targeting if own is None else _targeting(own, f"{field}.targeting")
    fallback = r.fallback if r.fallback is not None else common.fallback
    resend = _resend_parameter(
        fallback,
        f"{field}.fallback" if r.fallback is not None else "fallback",
        common.resend_unsubscribe_no,
    )
    if resend is not None:
        entry["resendParameter"] = resend
    if r.grouping_key is not None:
        entry["recipientGroupingKey"] = r.grouping_key
    return entry


def _send_operation(
    ctx: Context,
    common: _Common,
    payload: JSONDict,
    *,
    path: str,
    label: str,
    retry: RetryPolicy | None,
) -> Operation[SendResult]:
    payload["senderGroupingKey"] = common.key
    return send_operation(
        ctx,
        service="brand",
        prefix=_PREFIX,
        path=path,
        label=label,
        payload=payload,
        recipients=common.recipients,
        idempotency_key=common.idempotency_key,
        # The API documents no idempotency key: look the send up before any resend.
        safety=Safety.RECONCILE,
        headers={},
        retry=retry,
    )


# --- sends -------------------------------------------------------------------------------


def send_brand_message(
    ctx: Context,
    to: Recipients,
    message: brand.BrandMessage,
    *,
    targeting: TargetingArg = "I",
    sender_key: str | None = None,
    fallback: SmsFallback | bool | None = None,
    fallback_unsubscribe_no: str | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    idempotency_key: str | None = None,
    is_ad: bool = True,
    allow_night_resend: bool = False,
    push_alarm: bool = True,
    unsubscribe_no: str | None = None,
    unsubscribe_auth_no: str | None = None,
    reseller_code: str | None = None,
    create_user: str | None = None,
    stats_id: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send one free-form Brand Message bubble to 1..1,000 recipients.

    The same ``message`` goes to every recipient (the API has no per-recipient
    body; personalise with :meth:`send_brand_template`). Brand Message is
    always advertising: nothing is delivered 20:50-08:00 KST.

    Args:
        to: a phone number, a :class:`~notify_sdk.Recipient` /
            :class:`~notify_sdk.brand.BrandRecipient` (per-recipient
            ``targeting``, ``grouping_key``, ``fallback``), or an iterable of
            them (at most 1,000).
        message: one of the :mod:`notify_sdk.brand` bubble models
            (``TextMessage``, ``ImageMessage``, ``WideMessage``,
            ``WideItemListMessage``, ``PremiumVideoMessage``,
            ``CommerceMessage``, ``CarouselFeedMessage``,
            ``CarouselCommerceMessage``); validated before sending.
        targeting: ``"I"`` (default: channel friends only, like FriendTalk),
            ``"M"`` or ``"N"`` (need the approved marketing-consent
            application, else -4029). Always sent, per recipient.
        sender_key: the sender profile key; default the client's
            ``kakao_sender_key``.
        fallback: SMS fallback for every recipient (``Recipient.fallback``
            overrides it): ``True`` lets the provider build the text, an
            :class:`~notify_sdk.SmsFallback` gives it — its ``content`` must
            be EUC-KR text starting with ``(광고)`` and carrying
            ``무료 수신거부`` with your 080 number (the fallback goes through
            the SMS advertising API); ``False`` turns fallback off; ``None``
            uses the profile's defaults.
        fallback_unsubscribe_no: the 080 number registered in the linked SMS
            project, sent as ``resendUnsubscribeNo`` with each fallback.
        scheduled_at: send later (naive = Korea time), at most 60 days ahead,
            not inside 20:50-08:00 KST unless ``allow_night_resend``.
        sender_grouping_key: your tag for the send (at most 100 characters);
            default a unique ``nsdk-...`` key used to find the send again
            after an ambiguous failure — keep yours unique per send too.
        idempotency_key: the ``X-NC-API-IDEMPOTENCY-KEY`` to send (default: a
            fresh key per call, reused by its retries). The Brand Message API
            does not document duplicate protection, so the SDK reconciles
            instead of relying on it.
        is_ad: must stay ``True``; Brand Message has no informational variant.
        allow_night_resend: you have switched on the console's night-time
            re-send (messages caught by the window go out at 08:00). Allows a
            schedule in the window and silences the immediate-send warning;
            the API has no field for it, so nothing extra is sent.
        push_alarm: ``False`` delivers without a push notification.
        unsubscribe_no: override the profile's 080 opt-out number
            (``080-xxx-xxxx``, ``080-xxxx-xxxx``, ``080xxxxxxx``, ``080xxxxxxxx``).
        unsubscribe_auth_no: its verification number (1 to 9 digits); only
            together with ``unsubscribe_no``.
        reseller_code: your registered reseller code (resellers only).
        create_user: a registrant label recorded with the send.
        stats_id: a statistics id (at most 8 characters).
        retry: a :class:`~notify_sdk.RetryPolicy` for this call only.

    Returns:
        The :class:`~notify_sdk.SendResult` (``service == "brand"``); refused
        recipients are in ``.failed``.

    Raises:
        ValidationError: bad input, before anything is sent (``field`` names
            it, e.g. ``"message.buttons[2].name"``).
        SenderProfileError: the profile is missing, inactive or blocked.
        APIError: any other failure the API reports.
        TransportError: the network failed and retries ran out; with
            ``ambiguous=True`` the message may or may not have been accepted.

    Warns:
        UserWarning: an immediate send inside 20:50-08:00 KST.

    Example::

        from notify_sdk.brand import Button, TextMessage

        client.send_brand_message(
            ["01012345678", "01087654321"],
            TextMessage("(광고) Spring sale this week only",
                        buttons=[Button.web("Shop", "https://m.shop.example/sale")]),
        )
    """
    if not isinstance(message, brand.MESSAGE_TYPES):
        raise ValidationError(
            "message must be one of the notify_sdk.brand message models (TextMessage, "
            f"ImageMessage, ...), not {type(message).__name__}",
            field="message",
        )
    message.validate("message")
    common = _common(
        ctx,
        to,
        targeting=targeting,
        sender_key=sender_key,
        fallback=fallback,
        fallback_unsubscribe_no=fallback_unsubscribe_no,
        scheduled_at=scheduled_at,
        sender_grouping_key=sender_grouping_key,
        idempotency_key=idempotency_key,
        is_ad=is_ad,
        allow_night_resend=allow_night_resend,
        push_alarm=push_alarm,
        unsubscribe_no=unsubscribe_no,
        unsubscribe_auth_no=unsubscribe_auth_no,
        reseller_code=reseller_code,
        create_user=create_user,
        stats_id=stats_id,
    )
    entries = []
    for index, r in enumerate(common.recipients):
        if r.params:
            raise ValidationError(
                f"to[{index}]: free-form Brand Messages take no template parameters; use "
                "send_brand_template for per-recipient content",
                field=f"to[{index}].params",
            )
        if isinstance(r, brand.BrandRecipient) and (
            r.image_parameters is not None or r.video_parameter is not None
        ):
            raise ValidationError(
                f"to[{index}]: image_parameters / video_parameter apply to template sends only",
                field=f"to[{index}].image_parameters",
            )
        entries.append(_recipient_entry(common, index, r))
    payload: JSONDict = {**common.top, **message.to_wire(), "recipientList": entries}
    return _send_operation(
        ctx, common, payload, path="freestyle-messages", label="send_brand_message", retry=retry
    )


def _template_params(value: object, field: str) -> dict[str, str]:
    out = template_params(value, field)
    for key in out:
        if "@" in key and _PATH_KEY.fullmatch(key) is None:
            raise ValidationError(
                f"{field}[{key!r}]: '@' may only appear in a carousel path key "
                "'name@$.carousel.list[i]' (API rule -3347)",
                field=field,
            )
    return out


def _image_parameters(value: object, field: str) -> list[JSONDict]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValidationError(
            f"{field} must be a sequence of Image or None (one per template image)",
            field=field,
        )
    out: list[JSONDict] = []
    for index, item in enumerate(value):
        if item is None:
            out.append({})
        elif isinstance(item, brand.Image):
            item.validate(f"{field}[{index}]")
            out.append(item.to_wire())
        else:
            raise ValidationError(f"{field}[{index}] must be an Image or None", field=field)
    return out


def _video_parameter(value: object, field: str) -> JSONDict:
    if not isinstance(value, brand.Video):
        raise ValidationError(f"{field} must be a Video", field=field)
    value.validate(field)
    return value.to_wire()


def send_brand_template(
    ctx: Context,
    to: Recipients,
    template_code: str,
    *,
    params: Mapping[str, str] | None = None,
    targeting: TargetingArg = "I",
    image_parameters: Sequence[brand.Image | None] | None = None,
    video_parameter: brand.Video | None = None,
    sender_key: str | None = None,
    fallback: SmsFallback | bool | None = None,
    fallback_unsubscribe_no: str | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    idempotency_key: str | None = None,
    is_ad: bool = True,
    allow_night_resend: bool = False,
    push_alarm: bool = True,
    unsubscribe_no: str | None = None,
    unsubscribe_auth_no: str | None = None,
    reseller_code: str | None = None,
    create_user: str | None = None,
    stats_id: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send a registered Brand Message template to 1..1,000 recipients.

    Args:
        to: recipients as for :meth:`send_brand_message`; a
            :class:`~notify_sdk.brand.BrandRecipient` may carry its own
            ``params``, ``targeting``, ``image_parameters`` and
            ``video_parameter``.
        template_code: the code Kakao assigned at registration.
        params: values for the template's ``#{key}`` placeholders, for every
            recipient (``Recipient.params`` are merged over them). Keys and
            values at most 1,300 characters; ``@`` only in carousel path keys
            ``name@$.carousel.list[i]`` (with a head, the head is ``list[0]``).
            Every key the template defines must be present (-3049).
        targeting: ``"I"`` (default), ``"M"`` or ``"N"``; sent per recipient.
        image_parameters: replace the template's images for every recipient:
            exactly one entry per template image (-3344), ``None`` for an
            image that stays.
        video_parameter: replace the template's video for every recipient.
        sender_key, fallback, fallback_unsubscribe_no, scheduled_at,
            sender_grouping_key, idempotency_key, is_ad, allow_night_resend,
            push_alarm, unsubscribe_no, unsubscribe_auth_no, reseller_code,
            create_user, stats_id, retry: as for :meth:`send_brand_message`.

    Returns:
        The :class:`~notify_sdk.SendResult` (``service == "brand"``).

    Raises:
        ValidationError: bad input, before anything is sent.
        TemplateError: the template does not exist (-3003) or does not match.
        APIError: any other failure the API reports.
        TransportError: the network failed and retries ran out.

    Example::

        client.send_brand_template(
            [brand.BrandRecipient("01012345678", params={"name": "Minji"})],
            "c41f07e2a9d35b68e1f0",
            params={"bookTitle": "Staff pick"},
        )
    """
    if not isinstance(template_code, str) or not template_code.strip():
        raise ValidationError("template_code must be a non-empty str", field="template_code")
    shared = _template_params(params, "params") if params is not None else {}
    shared_images = (
        _image_parameters(image_parameters, "image_parameters")
        if image_parameters is not None
        else None
    )
    shared_video = (
        _video_parameter(video_parameter, "video_parameter")
        if video_parameter is not None
        else None
    )
    common = _common(
        ctx,
        to,
        targeting=targeting,
        sender_key=sender_key,
        fallback=fallback,
        fallback_unsubscribe_no=fallback_unsubscribe_no,
        scheduled_at=scheduled_at,
        sender_grouping_key=sender_grouping_key,
        idempotency_key=idempotency_key,
        is_ad=is_ad,
        allow_night_resend=allow_night_resend,
        push_alarm=push_alarm,
        unsubscribe_no=unsubscribe_no,
        unsubscribe_auth_no=unsubscribe_auth_no,
        reseller_code=reseller_code,
        create_user=create_user,
        stats_id=stats_id,
    )
    entries = []
    for index, r in enumerate(common.recipients):
        entry = _recipient_entry(common, index, r)
        merged = dict(shared)
        if r.params is not None:
            merged.update(_template_params(r.params, f"to[{index}].params"))
        if merged:
            entry["templateParameter"] = merged
        images, video = shared_images, shared_video
        if isinstance(r, brand.BrandRecipient):
            if r.image_parameters is not None:
                images = _image_parameters(r.image_parameters, f"to[{index}].image_parameters")
            if r.video_parameter is not None:
                video = _video_parameter(r.video_parameter, f"to[{index}].video_parameter")
        if images is not None:
            entry["imageParameters"] = images
        if video is not None:
            entry["videoParameter"] = video
        entries.append(entry)
    payload: JSONDict = {**common.top, "templateCode": template_code, "recipientList": entries}
    # Keep the documented field order readable in logs: senderKey, templateCode, ...
    return _send_operation(
        ctx, common, payload, path="basic-messages", label="send_brand_template", retry=retry
    )


# --- queries ---------------------------------------------------------------------------------


def _query_date(value: object, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise ValidationError(f"{field} must be a datetime", field=field)
    return to_kst(value, field)


def list_brand_messages(
    ctx: Context,
    *,
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    sender_key: str | None = None,
    template_code: str | None = None,
    recipient: str | None = None,
    status: brand.BrandMessageStatus | str | None = None,
    result: Literal["MRC01", "MRC02"] | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[brand.BrandDelivery]:
    """List Brand Message recipients, fetching further pages as you iterate.

    Give ``request_id`` or a ``requested_from``/``requested_to`` range
    (minute precision, at most 31 days; naive datetimes are Korea time).

    Args:
        request_id: all recipients of one send.
        requested_from, requested_to: the send (or scheduled) time range.
        sender_key, template_code, recipient: filters.
        status: ``brand.BrandMessageStatus.COMPLETED`` or ``FAILED``.
        result: ``"MRC01"`` (delivered) or ``"MRC02"`` (failed).
        sender_grouping_key, recipient_grouping_key: your tags.
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of
        :class:`~notify_sdk.brand.BrandDelivery`.

    Raises:
        ValidationError: no selector, a bad range, bad arguments.
    """
    params: dict[str, Any] = {}
    if request_id is not None:
        params["requestId"] = require_text(request_id, "request_id", max_chars=100)
    if requested_from is not None or requested_to is not None:
        if requested_from is None or requested_to is None:
            raise ValidationError(
                "requested_from and requested_to go together", field="requested_from"
            )
        start = _query_date(requested_from, "requested_from")
        end = _query_date(requested_to, "requested_to")
        if end < start or end - start > timedelta(days=31):
            raise ValidationError(
                "requested_from..requested_to must be ordered and span at most 31 days "
                "(API rule -4003)",
                field="requested_from",
            )
        params["startRequestDate"] = start.strftime(MINUTE_FORMAT)
        params["endRequestDate"] = end.strftime(MINUTE_FORMAT)
    if not params:
        raise ValidationError("give request_id or requested_from/requested_to", field="request_id")
    for name, value, wire in (
        ("sender_key", sender_key, "senderKey"),
        ("template_code", template_code, "templateCode"),
        ("sender_grouping_key", sender_grouping_key, "senderGroupingKey"),
        ("recipient_grouping_key", recipient_grouping_key, "recipientGroupingKey"),
    ):
        if value is not None:
            params[wire] = optional_key(value, name)
    if recipient is not None:
        params["recipientNo"] = normalize_number(recipient, "recipient")
    if status is not None:
        try:
            params["messageStatus"] = brand.BrandMessageStatus(status).value
        except ValueError:
            raise ValidationError(
                f"status must be COMPLETED or FAILED, not {status!r}", field="status"
            ) from None
    if result is not None:
        if result not in ("MRC01", "MRC02"):
            raise ValidationError("result must be 'MRC01' or 'MRC02'", field="result")
        params["resultCode"] = result
    return listing(
        f"{_PREFIX}/messages",
        params,
        _parse_page,
        page_size=page_size,
        limit=limit,
        retry=retry,
        label="list_brand_messages",
    )


def _parse_page(data: JSONDict) -> Page[brand.BrandDelivery]:
    return Page(
        tuple(brand.BrandDelivery.from_wire(i) for i in message_items(data)),
        opt_int(search_result(data).get("totalCount")),
    )


_PATH_ID = re.compile(r"[A-Za-z0-9._\-]{1,100}")


def _request_id(value: object, field: str) -> str:
    """A requestId that is safe to put in a URL path."""
    text = require_text(value, field, max_chars=100)
    if _PATH_ID.fullmatch(text) is None:
        raise ValidationError(
            f"{field} must be a requestId (letters, digits, '.', '_', '-')", field=field
        )
    return text


def _seq(value: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError(f"{field} must be a positive int (RecipientResult.seq)", field=field)
    return value


def get_brand_message(
    ctx: Context,
    request_id: str,
    seq: int,
    *,
    retry: RetryPolicy | None = None,
) -> Operation[brand.BrandMessageDetail | None]:
    """Get one recipient of a Brand Message with its body and SMS fallback result.

    Args:
        request_id: the send's ``request_id``.
        seq: the recipient's ``seq`` (``RecipientResult.seq``).
        retry: a retry policy for this call only.

    Returns:
        The :class:`~notify_sdk.brand.BrandMessageDetail`
        (``resend_status``, ``resend_result_code`` and ``resend_request_id``
        describe the fallback SMS), or ``None`` when the API answered without
        a message body (documented for some failed messages).

    Raises:
        NotFoundError: no such message (-1016).
    """
    request_id = _request_id(request_id, "request_id")
    seq = _seq(seq, "seq")

    def parse(data: JSONDict) -> brand.BrandMessageDetail | None:
        message = data.get("message")
        if message is None:
            return None
        return brand.BrandMessageDetail.from_wire(expect_dict(message, "message", "kakao"))

    return Operation(
        namespace="kakao",
        method="GET",
        path=f"{_PREFIX}/messages/{request_id}/{seq}",
        parse=parse,
        safety=Safety.READ,
        retry=retry,
        label="get_brand_message",
    )


def cancel_brand_message(
    ctx: Context,
    request: SendResult | str,
    recipient_seqs: Iterable[int] | None = None,
    *,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Cancel a scheduled Brand Message that has not gone out yet.

    Args:
        request: the :class:`~notify_sdk.SendResult` of the scheduled send, or
            its ``request_id``.
        recipient_seqs: which recipients to cancel; default all of them.
        retry: a retry policy for this call only.

    Raises:
        NotFoundError: nothing to cancel (-2029: already sent or unknown).
    """
    if isinstance(request, SendResult):
        if request.request_id is None:
            raise ValidationError("this SendResult has no request_id", field="request")
        request_id = request.request_id
    else:
        request_id = _request_id(request, "request")
    params: dict[str, Any] | None = None
    if recipient_seqs is not None:
        seqs = [_seq(s, "recipient_seqs") for s in recipient_seqs]
        if not seqs:
            raise ValidationError("recipient_seqs must not be empty", field="recipient_seqs")
        params = {"recipientSeq": ",".join(str(s) for s in seqs)}
    return Operation(
        namespace="kakao",
        method="DELETE",
        path=f"{_PREFIX}/messages/{request_id}",
        parse=lambda data: None,
        safety=Safety.UNSAFE,
        params=params,
        retry=retry,
        label="cancel_brand_message",
    )


# --- uploads ---------------------------------------------------------------------------------


def _read_file(file: object, file_name: str | None) -> tuple[bytes, str | None]:
    if isinstance(file, (bytes, bytearray)):
        return bytes(file), file_name
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        try:
            with open(path, "rb") as handle:
                content = handle.read()
        except OSError as exc:
            raise ValidationError(
                f"file: cannot read {path!r} ({exc.strerror})", field="file"
            ) from None
        return content, file_name or os.path.basename(path)
    raise ValidationError("file must be bytes or a path", field="file")


def _image_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG, ``None`` when the header cannot be read."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if not content.startswith(b"\xff\xd8"):
        return None
    pos = 2
    while pos + 9 < len(content):
        if content[pos] != 0xFF:
            return None
        marker = content[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        length = int.from_bytes(content[pos + 2 : pos + 4], "big")
        # SOF markers carry the frame size; C4 (DHT), C8 and CC (arithmetic
        # coding tables) share the range but are not frames.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(content[pos + 5 : pos + 7], "big")
            width = int.from_bytes(content[pos + 7 : pos + 9], "big")
            return width, height
        pos += 2 + length
    return None


# (min h/w, max h/w) as fractions (numerator, denominator) per image type.
# Keyed by BrandImageType value, so that building it does not load notify_sdk.brand.
_RATIOS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "IMAGE": ((1, 2), (4, 3)),
    "WIDE_IMAGE": ((1, 2), (1, 1)),
    "MAIN_WIDE_ITEMLIST_IMAGE": ((1, 2), (1, 2)),
    "NORMAL_WIDE_ITEMLIST_IMAGE": ((1, 1), (1, 1)),
    "CAROUSEL_FEED_IMAGE": ((1, 2), (4, 3)),
    "CAROUSEL_COMMERCE_IMAGE": ((1, 2), (4, 3)),
}


def upload_brand_image(
    ctx: Context,
    file: bytes | str | os.PathLike[str],
    image_type: brand.BrandImageType | str,
    *,
    file_name: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[brand.BrandImage]:
    """Upload an image for Brand Messages; use the returned ``url`` in messages.

    The image type ties the image to the message parts that may use it (a
    mismatch fails the send with -8002):

    ==============================  =========================================  ==============
    image_type                      used by                                    height/width
    ==============================  =========================================  ==============
    ``IMAGE``                       ImageMessage, CommerceMessage, thumbnails  0.5 .. 1.333
    ``WIDE_IMAGE``                  WideMessage                                0.5 .. 1
    ``MAIN_WIDE_ITEMLIST_IMAGE``    first WideItem                             0.5 (2:1)
    ``NORMAL_WIDE_ITEMLIST_IMAGE``  WideItem 2..4                              1 (square)
    ``CAROUSEL_FEED_IMAGE``         CarouselFeedCard                           0.5 .. 1.333
    ``CAROUSEL_COMMERCE_IMAGE``     CarouselCommerceCard / CarouselHead        0.5 .. 1.333
    ==============================  =========================================  ==============

    Every image is JPG or PNG, at most 5 MB and at least 500 px wide; the
    SDK reads the size from the file header and checks it before uploading.

    Args:
        file: the image bytes, or a path (read when the method is called).
        image_type: a :class:`~notify_sdk.brand.BrandImageType` or its name.
        file_name: the name to upload under (required with bytes; default the
            path's name); ``.jpg``, ``.jpeg`` or ``.png``.
        retry: a retry policy for this call only (an upload whose answer was
            lost is not repeated).

    Returns:
        The :class:`~notify_sdk.brand.BrandImage` (``url``, ``seq``).

    Raises:
        ValidationError: wrong format, size, width or aspect ratio.
        APIError: the API refused the file (-8001, -4007, -4009, -8011...).
    """
    try:
        kind = brand.BrandImageType(image_type)
    except ValueError:
        raise ValidationError(
            f"image_type must be one of {[t.value for t in brand.BrandImageType]}, "
            f"not {image_type!r}",
            field="image_type",
        ) from None
    content, name = _read_file(file, file_name)
    if not name:
        raise ValidationError("file_name is required when uploading bytes", field="file_name")
    lowered = name.lower()
    if lowered.endswith((".jpg", ".jpeg")):
        mime, magic = "image/jpeg", b"\xff\xd8"
    elif lowered.endswith(".png"):
        mime, magic = "image/png", b"\x89PNG"
    else:
        raise ValidationError("file_name must end in .jpg, .jpeg or .png", field="file_name")
    if not content or len(content) > IMAGE_MAX_BYTES:
        raise ValidationError(
            f"file must be between 1 byte and 5 MB, not {len(content)} bytes", field="file"
        )
    if not content.startswith(magic):
        raise ValidationError(
            f"file is not a {mime.split('/')[1].upper()} image (its name says it is)", field="file"
        )
    size = _image_size(content)
    if size is not None:
        width, height = size
        if width < IMAGE_MIN_WIDTH:
            raise ValidationError(
                f"file is {width} px wide; Brand Message images need at least {IMAGE_MIN_WIDTH} px",
                field="file",
            )
        (low_n, low_d), (high_n, high_d) = _RATIOS[kind.value]
        # Compare height/width with the bounds in integers: exact for 2:1 and 1:1.
        if height * low_d < low_n * width or height * high_d > high_n * width:
            raise ValidationError(
                f"file is {width}x{height}; a {kind.value} needs height/width between "
                f"{low_n}/{low_d} and {high_n}/{high_d}",
                field="file",
            )

    def parse(data: JSONDict) -> brand.BrandImage:
        image = data.get("image")
        if isinstance(image, list) and image:
            image = image[0]
        inner = expect_dict(image, "image", "kakao")
        seq = inner.get("imageSeq")
        return brand.BrandImage(
            seq=seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
            url=str(body_of(inner, "imageUrl", "kakao")),
            name=None if inner.get("imageName") is None else str(inner["imageName"]),
            image_type=kind,
        )

    return Operation(
        namespace="kakao",
        method="POST",
        path=f"{_PREFIX}/images",
        parse=parse,
        safety=Safety.UNSAFE,
        files={"image": (name, content, mime)},
        data={"imageType": kind.value},
        retry=retry,
        label="upload_brand_image",
    )


def register_brand_video(
    ctx: Context,
    file_name: str,
    file_size: int,
    *,
    sender_key: str | None = None,
    create_user: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[brand.BrandVideoUpload]:
    """Step 1 of a premium-video upload: register the file, get an upload token.

    The video file never passes through NHN Cloud. The order is:

    1. ``ticket = client.register_brand_video("spring.mp4", os.path.getsize(path))``
    2. within 5 minutes: ``client.upload_brand_video(ticket, path)`` (sends the
       file to Kakao's ``ticket.upload_url``; the byte size must equal
       ``file_size`` exactly);
    3. wait for encoding (usually 5-10 minutes) until the video is ``PUBLIC``
       in the console or the video list, then send its ``videoUrl`` in a
       :class:`~notify_sdk.brand.PremiumVideoMessage`.

    Args:
        file_name: the file's name with extension ``mp4``, ``mov`` or ``avi``,
            at most 250 characters.
        file_size: its exact size in bytes, at most 4 GB.
        sender_key: the sender profile; default the client's ``kakao_sender_key``.
        create_user: a registrant label (at most 100 characters).
        retry: a retry policy for this call only.

    Returns:
        A :class:`~notify_sdk.brand.BrandVideoUpload` holding the registered
        video, Kakao's upload URL and the token.

    Raises:
        ValidationError: bad name or size.
        APIError: the API refused the registration.
    """
    name = require_text(file_name, "file_name", max_chars=VIDEO_NAME_MAX)
    if os.path.basename(name) != name or not name.lower().endswith(_VIDEO_EXTENSIONS):
        raise ValidationError(
            "file_name must be a bare file name ending in .mp4, .mov or .avi", field="file_name"
        )
    if (
        not isinstance(file_size, int)
        or isinstance(file_size, bool)
        or not 0 < file_size <= VIDEO_MAX_BYTES
    ):
        raise ValidationError("file_size must be an int from 1 byte to 4 GB", field="file_size")
    payload: JSONDict = {
        "senderKey": _sender_key(ctx, sender_key),
        "fileName": name,
        "fileSize": file_size,
    }
    if create_user is not None:
        payload["createUser"] = optional_key(create_user, "create_user")

    def parse(data: JSONDict) -> brand.BrandVideoUpload:
        video = brand.BrandVideo.from_wire(
            expect_dict(body_of(data, "video", "kakao"), "video", "kakao")
        )
        info = expect_dict(body_of(data, "uploadInfo", "kakao"), "uploadInfo", "kakao")
        return brand.BrandVideoUpload(
            video=video,
            upload_url=str(body_of(info, "uploadUrl", "kakao")),
            token=str(body_of(info, "token", "kakao")),
            file_size=file_size,
            registered_at=ctx.now_kst(),
        )

    return Operation(
        namespace="kakao",
        method="POST",
        path=f"{_PREFIX}/videos",
        parse=parse,
        safety=Safety.UNSAFE,
        json=payload,
        retry=retry,
        label="register_brand_video",
    )


def _video_upload_check(
    ctx: Context, ticket: object, file: object
) -> tuple[brand.BrandVideoUpload, str | None, bytes | None, str]:
    """Validate step 2; returns (ticket, path or None, bytes or None, file name)."""
    if not isinstance(ticket, brand.BrandVideoUpload):
        raise ValidationError(
            "ticket must be the BrandVideoUpload returned by register_brand_video",
            field="ticket",
        )
    if not ticket.upload_url.startswith(("http://", "https://")):
        raise ValidationError("ticket.upload_url is not an http(s) URL", field="ticket")
    if ctx.now_kst() >= ticket.expires_at:
        raise ValidationError(
            "the upload token has expired (it lives 5 minutes): call register_brand_video again",
            field="ticket",
        )
    name = ticket.video.file_name or "video.mp4"
    if isinstance(file, (bytes, bytearray)):
        size, path, content = len(file), None, bytes(file)
    elif isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            raise ValidationError(
                f"file: cannot read {path!r} ({exc.strerror})", field="file"
            ) from None
        content = None
    else:
        raise ValidationError("file must be bytes or a path", field="file")
    if size != ticket.file_size:
        raise ValidationError(
            f"file is {size} bytes but {ticket.file_size} were registered; Kakao refuses a "
            "size mismatch (errCode 109) — register again with the right size",
            field="file",
        )
    return ticket, path, content, name


def _video_upload_result(response: httpx.Response) -> brand.BrandVideoUploaded:
    try:
        data = response.json()
    except ValueError:
        data = None
    if response.is_success:
        if not isinstance(data, dict):
            raise ProtocolError(
                "Kakao's video upload answered without a JSON object",
                service="kakao",
                http_status=response.status_code,
            )
        vid, play = data.get("vid"), data.get("playUrl")
        return brand.BrandVideoUploaded(
            vid=None if vid is None else str(vid), play_url=None if play is None else str(play)
        )
    detail = ""
    if isinstance(data, dict):
        detail = f"errCode {data.get('errCode')}: {data.get('message') or ''}".strip()
    text = f"Kakao refused the video upload ({detail or 'no details'})"
    if response.status_code >= 500:
        error: APIError = ServerError(text, service="kakao")
        error.http_status = response.status_code
        raise error
    raise APIError(text, service="kakao", http_status=response.status_code)


class BrandMethods:
    """The Brand Message methods of :class:`~notify_sdk.NotifyClient`."""

    send_brand_message = sync_method(send_brand_message)
    send_brand_template = sync_method(send_brand_template)
    list_brand_messages = sync_pager(list_brand_messages)
    get_brand_message = sync_method(get_brand_message)
    cancel_brand_message = sync_method(cancel_brand_message)
    upload_brand_image = sync_method(upload_brand_image)
    register_brand_video = sync_method(register_brand_video)

    def upload_brand_video(
        self,
        ticket: brand.BrandVideoUpload,
        file: bytes | str | os.PathLike[str],
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> brand.BrandVideoUploaded:
        """Step 2 of a premium-video upload: send the file to Kakao.

        Call :meth:`register_brand_video` first and upload within 5 minutes.
        The request goes to ``ticket.upload_url`` (Kakao, not NHN Cloud) with
        the ticket's ``x-kamp-upload-token``; your secret key is not sent
        there. A path is streamed from disk. The upload is never retried
        automatically: on any failure, register again and upload again.

        Args:
            ticket: the :class:`~notify_sdk.brand.BrandVideoUpload` from step 1.
            file: the video bytes or a path; exactly ``ticket.file_size`` bytes.
            timeout: seconds (or an ``httpx.Timeout``) for the upload;
                default the client's timeout.

        Returns:
            Kakao's :class:`~notify_sdk.brand.BrandVideoUploaded` (``vid``,
            ``play_url``).

        Raises:
            ValidationError: expired token, size mismatch, unreadable file.
            APIError: Kakao refused the file (its ``errCode`` is in the message).
            TransportError: the network failed.
        """
        from ._retry import map_transport_error

        client: Any = self
        ctx: Context = client._context
        ticket, path, content, name = _video_upload_check(ctx, ticket, file)
        http: httpx.Client = client._http
        try:
            if path is not None:
                with open(path, "rb") as handle:
                    response = http.post(
                        ticket.upload_url,
                        headers={"x-kamp-upload-token": ticket.token},
                        files={"file": (name, handle)},
                        timeout=timeout if timeout is not None else ctx.config.timeout,
                    )
            else:
                response = http.post(
                    ticket.upload_url,
                    headers={"x-kamp-upload-token": ticket.token},
                    files={"file": (name, content or b"")},
                    timeout=timeout if timeout is not None else ctx.config.timeout,
                )
        except httpx.HTTPError as exc:
            raise map_transport_error(exc, "kakao", "upload_brand_video") from exc
        return _video_upload_result(response)


class AsyncBrandMethods:
    """The Brand Message methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    send_brand_message = async_method(send_brand_message)
    send_brand_template = async_method(send_brand_template)
    list_brand_messages = async_pager(list_brand_messages)
    get_brand_message = async_method(get_brand_message)
    cancel_brand_message = async_method(cancel_brand_message)
    upload_brand_image = async_method(upload_brand_image)
    register_brand_video = async_method(register_brand_video)

    async def upload_brand_video(
        self,
        ticket: brand.BrandVideoUpload,
        file: bytes | str | os.PathLike[str],
        *,
        timeout: float | httpx.Timeout | None = None,
    ) -> brand.BrandVideoUploaded:
        """Step 2 of a premium-video upload: send the file to Kakao (awaitable).

        See :meth:`NotifyClient.upload_brand_video`.
        """
        from ._retry import map_transport_error

        client: Any = self
        ctx: Context = client._context
        ticket, path, content, name = _video_upload_check(ctx, ticket, file)
        http: httpx.AsyncClient = client._http
        try:
            if path is not None:
                with open(path, "rb") as handle:  # noqa: ASYNC230 - streamed by httpx
                    response = await http.post(
                        ticket.upload_url,
                        headers={"x-kamp-upload-token": ticket.token},
                        files={"file": (name, handle)},
                        timeout=timeout if timeout is not None else ctx.config.timeout,
                    )
            else:
                response = await http.post(
                    ticket.upload_url,
                    headers={"x-kamp-upload-token": ticket.token},
                    files={"file": (name, content or b"")},
                    timeout=timeout if timeout is not None else ctx.config.timeout,
                )
        except httpx.HTTPError as exc:
            raise map_transport_error(exc, "kakao", "upload_brand_video") from exc
        return _video_upload_result(response)
