"""Brand Message API v1.0 sends: free-form bubbles and template sends.

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

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ..._core import (
    Context,
    JSONDict,
    Operation,
)
from ..._core.endpoints import BRAND
from ..._core.lazy import lazy_module
from ..._core.models import SmsFallback
from ..._core.operation import Safety
from ..._core.params import Recipients
from ...errors import ValidationError
from ...results import SendResult
from ..kakao.common import template_params
from .parts import (
    _PATH_KEY,
    _common,
    _recipient_entry,
    _send_operation,
)

if TYPE_CHECKING:
    from ... import brand
    from ..._retry import RetryPolicy
else:
    # The 26 model classes of notify_sdk.brand cost ~20 ms to create; an
    # application that never sends a Brand Message should not pay for them
    # at ``import notify_sdk``.
    brand = lazy_module("notify_sdk.brand")


if TYPE_CHECKING:
    TargetingArg = brand.Targeting | Literal["M", "N", "I"]


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
    dedupe: bool = False,
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
            (``080-xxx-xxxx``, ``080-xxxx-xxxx``, ``080xxxxxxx``, ``080xxxxxxxx``)
            for every recipient. Without ``unsubscribe_auth_no`` it warns
            (``UserWarning``: the provider uses the profile's pair when either
            is missing); beside a ``BrandRecipient``'s own pair it is refused
            (the API's top level would win over the recipient's silently).
        unsubscribe_auth_no: its verification number (1 to 9 digits); only
            together with ``unsubscribe_no``.
        reseller_code: your registered reseller code (resellers only).
        create_user: a registrant label recorded with the send.
        stats_id: a statistics id (at most 8 characters).
        retry: a :class:`~notify_sdk.RetryPolicy` for this call only.
        dedupe: ``True`` sends once to a number given more than once (the
            first occurrence is kept, with its options); by default every
            copy is sent and a ``UserWarning`` names the repeated numbers.

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
    wire = message._checked_wire("message")
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
        dedupe=dedupe,
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
    payload: JSONDict = {**common.top, **wire, "recipientList": entries}
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
    dedupe: bool = False,
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
            create_user, stats_id, retry, dedupe: as for :meth:`send_brand_message`.

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
        dedupe=dedupe,
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


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

BRAND.endpoint(
    "send_brand_message",
    "POST",
    "freestyle-messages",
    group="Brand Message methods",
    safety=Safety.RECONCILE,
).builds(send_brand_message)
BRAND.endpoint(
    "send_brand_template",
    "POST",
    "basic-messages",
    group="Brand Message methods",
    safety=Safety.RECONCILE,
).builds(send_brand_template)
