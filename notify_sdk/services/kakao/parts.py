"""Request parts AlimTalk and FriendTalk share: buttons, quick replies,
recipients, template variables, fallbacks and the send operation.
"""

from __future__ import annotations

import unicodedata
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
    _ALIMTALK_BUTTON_TYPES,
    _QUICK_REPLY_TYPES,
    _VARIABLE,
    BUTTON_NAME_MAX,
    HIGHLIGHT_DESCRIPTION_MAX,
    HIGHLIGHT_TITLE_MAX,
    ITEM_DESCRIPTION_MAX,
    ITEM_TITLE_MAX,
    ITEMS_MAX,
    ITEMS_MIN,
    LINK_MAX,
    MAX_BUTTONS,
    MAX_QUICK_REPLIES,
    RECIPIENT_NO_MAX,
    STATS_ID_MAX,
    SUMMARY_DESCRIPTION_MAX,
    AlimTalkRecipient,
    ButtonParams,
    KakaoButton,
    KakaoQuickReply,
)

# --- validation helpers ---------------------------------------------------------


def _short(value: object, field: str, max_chars: int) -> str | None:
    if value is None:
        return None
    return require_text(value, field, max_chars=max_chars)


#: The link fields of buttons, quick replies and main links: attribute, wire name.
_LINKS = (
    ("link_mobile", "linkMo"),
    ("link_pc", "linkPc"),
    ("scheme_ios", "schemeIos"),
    ("scheme_android", "schemeAndroid"),
)


def _check_links(item: KakaoButton | KakaoQuickReply, field: str) -> None:
    for name, _ in _LINKS:
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
        *_LINKS,
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
    buttons: Sequence[KakaoButton] | None,
    allowed: frozenset[str],
    max_count: int,
    field: str = "buttons",
) -> list[JSONDict]:
    if buttons is None:
        return []
    items = list(buttons) if not isinstance(buttons, (str, bytes)) else None
    if items is None or not all(isinstance(b, KakaoButton) for b in items):
        raise ValidationError(f"{field} must be a sequence of KakaoButton", field=field)
    if len(items) > max_count:
        raise ValidationError(
            f"{field}: {len(items)} given; at most {max_count} are allowed here", field=field
        )
    out: list[JSONDict] = []
    for index, button in enumerate(items, start=1):
        if button.type not in allowed:
            raise ValidationError(
                f"{field}: type {button.type!r} is not one of {', '.join(sorted(allowed))}",
                field=field,
            )
        require_text(button.name, field, max_chars=BUTTON_NAME_MAX)
        _check_links(button, field)
        if button.type == "TN" and not button.tel_number:
            raise ValidationError(f"{field}: a TN button needs tel_number", field=field)
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


def _quick_replies(
    replies: Sequence[KakaoQuickReply] | None, field: str = "quick_replies"
) -> list[JSONDict]:
    if replies is None:
        return []
    items = list(replies) if not isinstance(replies, (str, bytes)) else None
    if items is None or not all(isinstance(r, KakaoQuickReply) for r in items):
        raise ValidationError(f"{field} must be a sequence of KakaoQuickReply", field=field)
    if len(items) > MAX_QUICK_REPLIES:
        raise ValidationError(f"{field}: at most {MAX_QUICK_REPLIES} are allowed", field=field)
    out: list[JSONDict] = []
    for index, reply in enumerate(items, start=1):
        if reply.type not in _QUICK_REPLY_TYPES:
            raise ValidationError(
                f"{field}: type {reply.type!r} is not one of "
                f"{', '.join(sorted(_QUICK_REPLY_TYPES))}",
                field=field,
            )
        require_text(reply.name, field, max_chars=BUTTON_NAME_MAX)
        _check_links(reply, field)
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


# --- AlimTalk message parts: call-level defaults, per-recipient values -----------------

#: What only a raw send takes (a template send gets them from the template).
_RAW_ONLY = ("title", "header", "items", "item_summary", "item_highlight", "represent_link")
#: Summary description characters besides digits and currency symbols (Unicode Sc).
_SUMMARY_EXTRA = frozenset(",. 원ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _summary_text(text: str, field: str) -> str:
    """The summary description rule: digits, commas, periods and currency units only."""
    require_text(text, field, max_chars=SUMMARY_DESCRIPTION_MAX)
    rest = _VARIABLE.sub("", text)
    for char in rest:
        if not ("0" <= char <= "9" or char in _SUMMARY_EXTRA or unicodedata.category(char) == "Sc"):
            raise ValidationError(
                f"{field}: {char!r} is not allowed; the summary description holds only digits, "
                "commas, periods, spaces and currency units (e.g. '12,000원', '$9.50')",
                field=field,
            )
    return text


def _item_title(text: object, field: str, code: int) -> str:
    """An item or summary title: at most 6 characters, no ``#{key}`` variable."""
    checked = require_text(text, field, max_chars=ITEM_TITLE_MAX)
    if _VARIABLE.search(checked):
        raise ValidationError(
            f"{field}: an item title cannot hold a #{{key}} variable (API rule {code})",
            field=field,
        )
    return checked


def _template_parts(
    items: object, summary: object, highlight: object, link: object, prefix: str
) -> JSONDict:
    """``templateItem``, ``templateItemHighlight`` and ``templateRepresentLink`` of a raw
    send, checked against the documented limits (``prefix``: ``""`` or ``"to[3]."``).
    """
    out: JSONDict = {}
    if items is None and summary is None and highlight is None and link is None:
        return out
    # Loaded only when a send carries item parts: the template models are management code.
    from .template_models import TemplateItem, TemplateItemHighlight, TemplateLink

    if items is not None or summary is not None:
        wire: JSONDict = {}
        if items is not None:
            field = f"{prefix}items"
            rows = list(items) if isinstance(items, (list, tuple)) else None
            if rows is None or not all(isinstance(i, TemplateItem) for i in rows):
                raise ValidationError(f"{field} must be a sequence of TemplateItem", field=field)
            if not ITEMS_MIN <= len(rows) <= ITEMS_MAX:
                raise ValidationError(
                    f"{field}: {len(rows)} given; the item list holds {ITEMS_MIN} to {ITEMS_MAX}",
                    field=field,
                )
            listed: list[JSONDict] = []
            for n, row in enumerate(rows):
                at = f"{field}[{n}]"
                listed.append({
                    "title": _item_title(row.title, f"{at}.title", -3037),
                    "description": require_text(
                        row.description, f"{at}.description", max_chars=ITEM_DESCRIPTION_MAX
                    ),
                })  # fmt: skip
            wire["list"] = listed
        if summary is not None:
            field = f"{prefix}item_summary"
            if not isinstance(summary, TemplateItem):
                raise ValidationError(f"{field} must be a TemplateItem", field=field)
            if items is None:
                raise ValidationError(f"{field} needs items (API rule -3039)", field=field)
            wire["summary"] = {
                "title": _item_title(summary.title, f"{field}.title", -3038),
                "description": _summary_text(summary.description, f"{field}.description"),
            }
        out["templateItem"] = wire
    if highlight is not None:
        field = f"{prefix}item_highlight"
        if not isinstance(highlight, TemplateItemHighlight):
            raise ValidationError(f"{field} must be a TemplateItemHighlight", field=field)
        image = highlight.image_url is not None
        part: JSONDict = {
            "title": require_text(
                highlight.title, f"{field}.title", max_chars=HIGHLIGHT_TITLE_MAX[image],
                hint=" with a thumbnail image" if image else "",
            ),
            "description": require_text(
                highlight.description, f"{field}.description",
                max_chars=HIGHLIGHT_DESCRIPTION_MAX[image],
                hint=" with a thumbnail image" if image else "",
            ),
        }  # fmt: skip
        if image:
            part["imageUrl"] = require_text(highlight.image_url, f"{field}.image_url")
        out["templateItemHighlight"] = part
    if link is not None:
        field = f"{prefix}represent_link"
        if not isinstance(link, TemplateLink):
            raise ValidationError(f"{field} must be a TemplateLink", field=field)
        links: JSONDict = {}
        for attr, key in _LINKS:
            value = _short(getattr(link, attr), f"{field}.{attr}", LINK_MAX)
            if value is not None:
                links[key] = value
        if not links:
            raise ValidationError(f"{field}: give at least one link", field=field)
        out["templateRepresentLink"] = links
    return out


def _raw_parts(
    *,
    title: object,
    header: object,
    buttons: object,
    quick_replies: object,
    items: object,
    item_summary: object,
    item_highlight: object,
    represent_link: object,
    prefix: str = "",
) -> JSONDict:
    """The checked per-recipient parts of a raw send, keyed by wire name.

    Only what is given (not ``None``) is present; an empty button list stays
    ``[]`` so that a recipient's ``buttons=()`` can replace the call's.
    """
    out: JSONDict = {}
    if title is not None:
        out["templateTitle"] = require_text(title, f"{prefix}title", max_chars=50)
    if header is not None:
        out["templateHeader"] = require_text(header, f"{prefix}header", max_chars=16)
    out.update(_template_parts(items, item_summary, item_highlight, represent_link, prefix))
    if buttons is not None:
        out["buttons"] = _buttons(
            buttons,  # type: ignore[arg-type]
            _ALIMTALK_BUTTON_TYPES,
            MAX_BUTTONS,
            f"{prefix}buttons",
        )
    if quick_replies is not None:
        out["quickReplies"] = _quick_replies(
            quick_replies,  # type: ignore[arg-type]
            f"{prefix}quick_replies",
        )
    return out


def _recipient_parts(r: Recipient, index: int, *, raw: bool) -> JSONDict | None:
    """The parts an :class:`AlimTalkRecipient` gives for itself (``None``: none given).

    They replace the call's, key by key (``templateItem`` as a whole).
    """
    if not isinstance(r, AlimTalkRecipient):
        return None
    prefix = f"to[{index}]."
    if raw:
        return _raw_parts(
            title=r.title, header=r.header, buttons=r.buttons, quick_replies=r.quick_replies,
            items=r.items, item_summary=r.item_summary, item_highlight=r.item_highlight,
            represent_link=r.represent_link, prefix=prefix,
        )  # fmt: skip
    for name in _RAW_ONLY:
        if getattr(r, name) is not None:
            raise ValidationError(
                f"{prefix}{name}: a template send takes it from the approved template; "
                "send_alimtalk_raw sends it",
                field=f"{prefix}{name}",
            )
    out: JSONDict = {}
    if r.buttons is not None:
        out["buttons"] = _button_params(
            r.buttons,  # type: ignore[arg-type]
            f"{prefix}buttons",
            quick_reply=False,
        )
    if r.quick_replies is not None:
        out["quickReplies"] = _button_params(
            r.quick_replies,  # type: ignore[arg-type]
            f"{prefix}quick_replies",
            quick_reply=True,
        )
    return out


def _put_parts(entry: JSONDict, call: JSONDict, own: JSONDict | None) -> None:
    """Put the call's parts, with the recipient's own over them, in a recipient entry."""
    parts = call if own is None else {**call, **own}
    for key, value in parts.items():
        if value != []:
            entry[key] = value


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
