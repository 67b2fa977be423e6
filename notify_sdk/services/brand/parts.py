"""What every Brand Message send shares: limits, sender key, targeting, recipients,
fallback and the send operation.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Safety,
)
from ..._core.lazy import lazy_module
from ..._core.models import Recipient, SmsFallback
from ..._core.params import (
    Recipients,
    _outside_stacklevel,
    check_night,
    format_schedule,
    normalize_recipients,
    optional_key,
)
from ...errors import ValidationError
from ...results import SendResult
from ..kakao.common import (
    MINUTE_FORMAT,
    resend_parameter,
    resolve_sender_key,
    send_keys,
)
from ..kakao.sending import send_operation

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


def _recipients(to: object, dedupe: bool) -> tuple[Recipient, ...]:
    """Normalize recipients (a :class:`~notify_sdk.brand.BrandRecipient` keeps its options)."""
    recipients = normalize_recipients(to, dedupe=dedupe)
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


def _put_unsubscribe(
    target: JSONDict,
    number: object,
    auth_no: object,
    prefix: str,
    *,
    pair: bool = False,
    call: JSONDict | None = None,
) -> None:
    """Check an 080 opt-out pair and put it in ``target`` (the body or a recipient).

    The provider uses the sender profile's 080 data when either of a pair is
    missing, so half a pair is never what the caller meant:

    * the call's pair (``pair=False``): a number without its auth number
      warns (``UserWarning``): the field table lets the auth number be left
      out, but the cautions say the profile's pair is used then;
    * a recipient's pair (``pair=True``): one without the other is refused,
      and so is any of it beside the call's (``call``, the request body),
      because the top level wins in the API and the recipient's would be
      ignored silently.
    """
    checked = _unsubscribe_no(number, f"{prefix}unsubscribe_no")
    if pair and (checked is None) != (auth_no is None):
        missing = "unsubscribe_auth_no" if checked is not None else "unsubscribe_no"
        raise ValidationError(
            f"{prefix}{missing} is missing: the provider uses the sender profile's 080 number "
            "unless a recipient gives both unsubscribe_no and unsubscribe_auth_no",
            field=f"{prefix}{missing}",
        )
    if pair and checked is not None and call is not None and "unsubscribeNo" in call:
        raise ValidationError(
            f"{prefix}unsubscribe_no: the call's unsubscribe_no is given too, and the API's top "
            "level wins over a recipient's pair, so this one would be ignored; give the pair "
            "on the call or on the recipients, not both",
            field=f"{prefix}unsubscribe_no",
        )
    if checked is not None:
        target["unsubscribeNo"] = checked
    if auth_no is None:
        if checked is not None and not pair:
            warnings.warn(
                f"{prefix}unsubscribe_no is given without unsubscribe_auth_no: the provider "
                "uses the sender profile's 080 pair when either is missing, so this number may "
                "not be the one sent; pass unsubscribe_auth_no too",
                UserWarning,
                stacklevel=_outside_stacklevel(),
            )
        return
    field = f"{prefix}unsubscribe_auth_no"
    if checked is None:
        raise ValidationError(f"{field} needs unsubscribe_no (API rule -3339)", field=field)
    if not isinstance(auth_no, str) or _UNSUBSCRIBE_AUTH_NO.fullmatch(auth_no) is None:
        raise ValidationError(f"{field} must be 1 to 9 digits (API rule -3341)", field=field)
    target["unsubscribeAuthNo"] = auth_no


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
    dedupe: bool,
) -> _Common:
    if is_ad is not True:
        raise ValidationError(
            "Brand Message is always advertising (is_ad=True); send informational "
            "messages with send_alimtalk",
            field="is_ad",
        )
    default_targeting = _targeting(targeting, "targeting")
    recipients = _recipients(to, dedupe)
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
    _put_unsubscribe(top, unsubscribe_no, unsubscribe_auth_no, "")
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
    if isinstance(r, brand.BrandRecipient):
        _put_unsubscribe(
            entry, r.unsubscribe_no, r.unsubscribe_auth_no, f"{field}.", pair=True, call=common.top
        )
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
