"""Request parts AlimTalk and FriendTalk share: buttons, quick replies,
recipients, template variables, fallbacks and the send operation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Safety,
)
from ..._core.models import Recipient
from ..._core.params import (
    format_schedule,
    require_text,
)
from ...errors import ValidationError
from ...results import SendResult
from .common import (
    AdRule,
    resend_parameter,
    resolve_sender_key,
    template_params,
)
from .sending import send_operation

if TYPE_CHECKING:
    from ..._retry import RetryPolicy
from .models import (
    _QUICK_REPLY_TYPES,
    _VARIABLE,
    BUTTON_NAME_MAX,
    LINK_MAX,
    MAX_BUTTONS,
    MAX_QUICK_REPLIES,
    RECIPIENT_NO_MAX,
    STATS_ID_MAX,
    ButtonParams,
    KakaoButton,
    KakaoQuickReply,
)

# --- validation helpers ---------------------------------------------------------


def _short(value: object, field: str, max_chars: int) -> str | None:
    if value is None:
        return None
    return require_text(value, field, max_chars=max_chars)


def _check_links(item: KakaoButton | KakaoQuickReply, field: str) -> None:
    for name in ("link_mobile", "link_pc", "scheme_ios", "scheme_android"):
        _short(getattr(item, name), f"{field}.{name}", LINK_MAX)
    if item.type == "WL" and not item.link_mobile:
        raise ValidationError(f"{field}: a WL button needs link_mobile", field=field)
    if item.type == "AL":
        given = sum(1 for v in (item.scheme_android, item.scheme_ios, item.link_mobile) if v)
        if given < 2:
            raise ValidationError(
                f"{field}: an AL button needs at least two of scheme_android, scheme_ios, "
                "link_mobile (API rule -3007)",
                field=field,
            )


def _link_fields(item: KakaoButton | KakaoQuickReply) -> JSONDict:
    out: JSONDict = {}
    for attr, wire in (
        ("link_mobile", "linkMo"),
        ("link_pc", "linkPc"),
        ("scheme_ios", "schemeIos"),
        ("scheme_android", "schemeAndroid"),
        ("chat_extra", "chatExtra"),
        ("chat_event", "chatEvent"),
        ("biz_form_id", "bizFormId"),
    ):
        value = getattr(item, attr)
        if value is not None:
            out[wire] = value
    if item.target_out:
        out["target"] = "out"
    return out


def _buttons(
    buttons: Sequence[KakaoButton] | None, allowed: frozenset[str], max_count: int
) -> list[JSONDict]:
    if buttons is None:
        return []
    items = list(buttons) if not isinstance(buttons, (str, bytes)) else None
    if items is None or not all(isinstance(b, KakaoButton) for b in items):
        raise ValidationError("buttons must be a sequence of KakaoButton", field="buttons")
    if len(items) > max_count:
        raise ValidationError(
            f"buttons: {len(items)} given; at most {max_count} are allowed here", field="buttons"
        )
    out: list[JSONDict] = []
    for index, button in enumerate(items, start=1):
        if button.type not in allowed:
            raise ValidationError(
                f"buttons: type {button.type!r} is not one of {', '.join(sorted(allowed))}",
                field="buttons",
            )
        require_text(button.name, "buttons", max_chars=BUTTON_NAME_MAX)
        _check_links(button, "buttons")
        if button.type == "TN" and not button.tel_number:
            raise ValidationError("buttons: a TN button needs tel_number", field="buttons")
        entry: JSONDict = {
            "ordering": button.ordering if button.ordering is not None else index,
            "type": button.type,
            "name": button.name,
        }
        entry.update(_link_fields(button))
        for attr, wire in (
            ("biz_form_key", "bizFormKey"),
            ("plugin_id", "pluginId"),
            ("relay_id", "relayId"),
            ("one_click_id", "oneClickId"),
            ("product_id", "productId"),
            ("tel_number", "telNumber"),
        ):
            value = getattr(button, attr)
            if value is not None:
                entry[wire] = value
        out.append(entry)
    return out


def _quick_replies(replies: Sequence[KakaoQuickReply] | None) -> list[JSONDict]:
    if replies is None:
        return []
    items = list(replies) if not isinstance(replies, (str, bytes)) else None
    if items is None or not all(isinstance(r, KakaoQuickReply) for r in items):
        raise ValidationError(
            "quick_replies must be a sequence of KakaoQuickReply", field="quick_replies"
        )
    if len(items) > MAX_QUICK_REPLIES:
        raise ValidationError(
            f"quick_replies: at most {MAX_QUICK_REPLIES} are allowed", field="quick_replies"
        )
    out: list[JSONDict] = []
    for index, reply in enumerate(items, start=1):
        if reply.type not in _QUICK_REPLY_TYPES:
            raise ValidationError(
                f"quick_replies: type {reply.type!r} is not one of "
                f"{', '.join(sorted(_QUICK_REPLY_TYPES))}",
                field="quick_replies",
            )
        require_text(reply.name, "quick_replies", max_chars=BUTTON_NAME_MAX)
        _check_links(reply, "quick_replies")
        entry: JSONDict = {
            "ordering": reply.ordering if reply.ordering is not None else index,
            "type": reply.type,
            "name": reply.name,
        }
        entry.update(_link_fields(reply))
        out.append(entry)
    return out


def _button_params(
    params: Sequence[ButtonParams] | None, field: str, *, quick_reply: bool
) -> list[JSONDict]:
    if params is None:
        return []
    items = list(params) if not isinstance(params, (str, bytes)) else None
    if items is None or not all(isinstance(p, ButtonParams) for p in items):
        raise ValidationError(f"{field} must be a sequence of ButtonParams", field=field)
    if len(items) > MAX_BUTTONS:
        raise ValidationError(f"{field}: at most {MAX_BUTTONS} are allowed", field=field)
    if len({p.ordering for p in items}) != len(items):
        raise ValidationError(f"{field}: each ordering may appear once", field=field)
    out: list[JSONDict] = []
    for p in items:
        extras = (
            ("relay_id", "relayId"),
            ("one_click_id", "oneClickId"),
            ("product_id", "productId"),
            ("tel_number", "telNumber"),
        )
        if quick_reply and any(getattr(p, attr) is not None for attr, _ in extras):
            raise ValidationError(
                f"{field}: quick replies take only chat_extra, chat_event and target_out",
                field=field,
            )
        entry: JSONDict = {"ordering": p.ordering}
        for attr, wire in (("chat_extra", "chatExtra"), ("chat_event", "chatEvent"), *extras):
            value = getattr(p, attr)
            if value is not None:
                entry[wire] = value
        if p.target_out:
            entry["target"] = "out"
        out.append(entry)
    return out


def _recipient_no(recipient: Recipient) -> str:
    if recipient.country_code is not None:
        raise ValidationError(
            "to: country_code is for SMS; give a KakaoTalk recipient's number as one string",
            field="to",
        )
    if len(recipient.number) > RECIPIENT_NO_MAX:
        raise ValidationError(
            f"to: a recipient number is at most {RECIPIENT_NO_MAX} digits", field="to"
        )
    return recipient.number


def _merge(call: Mapping[str, object] | None, recipient: Recipient) -> dict[str, str]:
    if call is not None and not isinstance(call, Mapping):
        raise ValidationError("params must be a mapping of str to str", field="params")
    merged: dict[str, object] = dict(call or {})
    if recipient.params is not None:
        if not isinstance(recipient.params, Mapping):
            raise ValidationError("to: Recipient.params must be a mapping", field="to")
        merged.update(recipient.params)
    return template_params(merged, "params")


def _fill(text: str, values: Mapping[str, str]) -> str:
    """Fill ``#{key}`` variables that have a value; leave the others as written."""
    if not values:
        return text
    return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _resend(fallback: object, field: str, *, ad_rule: AdRule | None = None) -> JSONDict | None:
    """The ``resendParameter`` for a fallback setting (``None``: leave the default)."""
    # Over-long fallback text is truncated by the provider, not refused: only
    # what can never be sent (empty, not EUC-KR) is checked here.
    return resend_parameter(fallback, field, ad_rule=ad_rule)


def _with_options(
    entry: JSONDict, r: Recipient, call_resend: JSONDict | None, *, ad_rule: AdRule | None = None
) -> JSONDict:
    """Add a recipient's fallback (its own over the call's) and grouping key to its entry."""
    resend = call_resend if r.fallback is None else _resend(r.fallback, "to", ad_rule=ad_rule)
    if resend is not None:
        entry["resendParameter"] = resend
    if r.grouping_key is not None:
        entry["recipientGroupingKey"] = r.grouping_key
    return entry


def _send(
    ctx: Context,
    service: str,
    route: tuple[str, Mapping[str, str]],
    path: str,
    label: str,
    payload: JSONDict,
    recipients: tuple[Recipient, ...],
    key: str,
    retry: RetryPolicy | None,
) -> Operation[SendResult]:
    """The operation of an AlimTalk or FriendTalk send (``route``: path prefix and headers)."""
    prefix, headers = route
    return send_operation(
        ctx,
        service=service,
        prefix=prefix,
        path=path,
        label=label,
        payload=payload,
        recipients=recipients,
        idempotency_key=key,
        # The API deduplicates by the idempotency key: a retry is safe.
        safety=Safety.IDEMPOTENT,
        headers=headers,
        retry=retry,
    )


def _top_level(
    ctx: Context,
    sender_key: str | None,
    grouping: str,
    scheduled_at: datetime | None,
    stats_id: str | None,
) -> JSONDict:
    payload: JSONDict = {"senderKey": resolve_sender_key(ctx, sender_key)}
    if scheduled_at is not None:
        payload["requestDate"] = format_schedule(scheduled_at, ctx.now_kst(), max_days=60)
    payload["senderGroupingKey"] = grouping
    if stats_id is not None:
        payload["statsId"] = require_text(stats_id, "stats_id", max_chars=STATS_ID_MAX)
    return payload
