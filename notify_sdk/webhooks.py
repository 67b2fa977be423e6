"""Receive NHN Cloud webhooks (SMS and KakaoTalk Bizmessage) as typed events.

The provider POSTs one JSON envelope per call (``hooksId``, ``webhookConfigId``,
``productName``, ``appKey``, ``event``, ``hooks[]``) with the header
``X-Toast-Webhook-Signature`` carrying the literal "signature" string typed into the
console: no HMAC, no timestamp. :func:`parse` compares it in constant time with one or
more accepted secrets (several while rotating) and turns every hook into a typed
event; result updates carry a :class:`~notify_sdk.tracking.DeliveryStatus`.

In a web framework, answer 2xx at once and queue the events::

    from notify_sdk.webhooks import WebhookReceiver
    from notify_sdk.errors import WebhookPayloadError, WebhookSignatureError

    receiver = WebhookReceiver(secret=os.environ["NHN_WEBHOOK_SECRET"])

    def view(request):
        try:
            events = receiver.handle(request.headers, request.body)  # verified, de-duplicated
        except WebhookSignatureError:
            return 401
        except WebhookPayloadError:
            return 400
        queue.put_many(events)
        return 200

Webhooks are hints: they may arrive late, twice, out of order or never. Keep the most
final status per recipient (:func:`notify_sdk.tracking.more_final`) and keep polling
(``client.iter_delivery_updates``) as the source of truth.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

import attrs

from ._core.params import mask_number
from ._core.wire import opt_bool, opt_int, opt_str
from .delivery import DlrErrorCode, DlrStatus
from .errors import ConfigurationError, WebhookPayloadError, WebhookSignatureError
from .tracking._status import DeliveryStatus, from_brand, from_kakao, from_sms, kst_datetime

__all__ = [
    "SIGNATURE_HEADER",
    "DedupeStore",
    "InMemoryDedupeStore",
    "KakaoResultUpdate",
    "KakaoTemplateStatusUpdate",
    "SmsConversionBlock",
    "SmsDeliveryReceipt",
    "SmsResultUpdate",
    "SmsUnsubscribe",
    "TemplateComment",
    "UnknownWebhookEvent",
    "WebhookEvent",
    "WebhookReceiver",
    "parse",
    "verify_signature",
]

logger = logging.getLogger("notify_sdk.webhooks")

#: The header that carries the console's signature string.
SIGNATURE_HEADER = "X-Toast-Webhook-Signature"

_KAKAO_PRODUCT = "kakaotalk bizmessage"
# The console's "check URL" POST fills the envelope with type names.
_PLACEHOLDERS = frozenset({"string", "integer", "boolean"})
# SMS webhook messageStatus -> the query API's msgStatus, so one mapping serves both.
_SMS_STATUS = {
    "COMPLETED": "3",
    "FAILED": "0",
    "CANCEL": "4",
    "DUPLICATED": "5",
    "FAILED_AD": "6",
}


def _masked(number: str | None) -> str:
    return "None" if number is None else repr(mask_number(number))


# --- events ----------------------------------------------------------------------------


@attrs.frozen(slots=True, kw_only=True)
class WebhookEvent:
    """What every webhook event carries: the envelope and its hook's id.

    Attributes:
        hooks_id: ``hooksId``, unique per POST.
        hook_id: ``hookId``, unique per event (de-duplicate on it).
        webhook_config_id: which console configuration fired.
        product: ``"sms"`` or ``"kakao"`` (from ``productName``: ``SMS``/``Sms``,
            ``KakaoTalk Bizmessage``).
        app_key: the app key of the service that raised the event (not in ``repr``).
        event: the event name as sent (``MESSAGE_RESULT_UPDATE``...).
        raw: the hook as received (not in ``repr``: it may hold phone numbers).
    """

    hooks_id: str | None
    hook_id: str | None
    webhook_config_id: str | None
    product: str
    app_key: str | None = attrs.field(repr=False)
    event: str
    raw: Mapping[str, Any] = attrs.field(repr=False, factory=dict)


@attrs.frozen(slots=True, kw_only=True)
class SmsResultUpdate(WebhookEvent):
    """SMS ``MESSAGE_RESULT_UPDATE``: a message's receive result changed.

    Attributes:
        status: the recipient's :class:`~notify_sdk.tracking.DeliveryStatus`
            (final: ``COMPLETED``, ``FAILED``, ``CANCEL``, ``DUPLICATED``, ``FAILED_AD``).
        message_status: ``messageStatus`` as sent.
        sender_type: ``senderType`` (``NORMAL_SMS``; other values undocumented).
        message_count: billed segments.
        self_url: the single-message query URL, rebuilt on the v3.0 path (not in
            ``repr``: it carries the app key).
    """

    status: DeliveryStatus
    message_status: str | None = None
    sender_type: str | None = None
    message_count: int | None = None
    self_url: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(slots=True, kw_only=True)
class SmsDeliveryReceipt(WebhookEvent):
    """SMS ``INTERNATIONAL_DELIVERY_RECEIPT``: a handset report for an international SMS.

    Attributes:
        status: the recipient's status (``ACCEPTED``/``BUFFERED`` are still pending).
        dlr_status: the typed ``dlrStatus`` (``None`` if in no table).
        error_code: the typed DLR ``errorCode`` (``None`` if absent or in no table).
        network_code: the carrier network.
    """

    status: DeliveryStatus
    dlr_status: DlrStatus | None = None
    error_code: DlrErrorCode | None = None
    network_code: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class SmsUnsubscribe(WebhookEvent):
    """SMS ``UNSUBSCRIBE``: a recipient opted out of advertising through a 080 number.

    Attributes:
        number: the recipient who opted out (masked in ``repr``).
        unsubscribe_no: the 080 number used.
        enterprise_name: the business the 080 number belongs to.
        created_at: when (aware).
    """

    number: str | None = attrs.field(repr=_masked)
    unsubscribe_no: str | None = None
    enterprise_name: str | None = None
    created_at: datetime | None = None


@attrs.frozen(slots=True, kw_only=True)
class SmsConversionBlock(WebhookEvent):
    """SMS ``CONVERSION_BLOCK``: a country was blocked by the conversion-rate rule.

    Attributes:
        country_code: the blocked country's calling code.
        blocked_at: when (aware).
    """

    country_code: str | None = None
    blocked_at: datetime | None = None


@attrs.frozen(slots=True, kw_only=True)
class KakaoResultUpdate(WebhookEvent):
    """KakaoTalk ``MESSAGE_RESULT_UPDATE`` for AlimTalk, FriendTalk or Brand Message.

    The hook has no fallback fields, so a failed result is not final here: the SMS
    fallback may still be under way (``wait_for_delivery`` or a query settles it).

    Attributes:
        status: the recipient's status (service ``"alimtalk"``, ``"friendtalk"`` or
            ``"brand"``, from ``kakaoMessageType``).
        kakao_message_type: ``ALIMTALK_NORMAL``, ``ALIMTALK_AUTH``, ``ALIMTALK_MASS``,
            ``FRIENDTALK_NORMAL``, ``FRIENDTALK_MASS``, ``BRAND_MESSAGE_NORMAL`` or
            ``BRAND_MESSAGE_MASS``.
        is_added_channel: Brand Message: whether the recipient is a channel friend.
        self_url: the single-message query URL (not in ``repr``: it carries the app key).
    """

    status: DeliveryStatus
    kakao_message_type: str | None = None
    is_added_channel: bool | None = None
    self_url: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(slots=True, kw_only=True)
class TemplateComment:
    """One review comment on an AlimTalk template.

    Attributes:
        id: the comment id.
        content: the text.
        user_name: who wrote it.
        created_at: when (aware).
        status: ``INQ``, ``APR``, ``REJ``, ``REP`` or ``REQ``.
        attachments: ``(originalFileName, filePath)`` pairs.
    """

    id: int | None
    content: str | None = None
    user_name: str | None = None
    created_at: datetime | None = None
    status: str | None = None
    attachments: tuple[tuple[str | None, str | None], ...] = ()


@attrs.frozen(slots=True, kw_only=True)
class KakaoTemplateStatusUpdate(WebhookEvent):
    """KakaoTalk template status or review-comment update (AlimTalk templates).

    Attributes:
        sender_key: the template's sender profile.
        template_code / kakao_template_code: the template.
        status: ``TSC01`` requested, ``TSC02`` under review, ``TSC03`` approved,
            ``TSC04`` rejected.
        comments: the review comments.
        updated_at: when (aware).
    """

    sender_key: str | None = None
    template_code: str | None = None
    kakao_template_code: str | None = None
    status: str | None = None
    comments: tuple[TemplateComment, ...] = ()
    updated_at: datetime | None = None

    @property
    def approved(self) -> bool:
        """``True`` when the template can now be sent (``TSC03``)."""
        return self.status == "TSC03"


@attrs.frozen(slots=True, kw_only=True)
class UnknownWebhookEvent(WebhookEvent):
    """An event this SDK version does not know; :attr:`raw` holds the hook."""


# --- signature -------------------------------------------------------------------------


def _secrets(secret: str | Sequence[str] | None, insecure: bool) -> tuple[bytes, ...]:
    if secret is None:
        if insecure:
            return ()
        raise ConfigurationError(
            "a webhook secret is required: pass the signature string configured in the "
            "console (secret=...), or insecure=True to accept unsigned POSTs"
        )
    values = [secret] if isinstance(secret, str) else list(secret)
    if not values or not all(isinstance(v, str) and v for v in values):
        raise ConfigurationError(
            "secret must be a non-empty string or a sequence of non-empty strings"
        )
    return tuple(v.encode("utf-8") for v in values)


def _header(headers: Mapping[str, Any] | Iterable[tuple[str, Any]], name: str) -> str | None:
    wanted = name.lower()
    items = headers.items() if isinstance(headers, Mapping) else headers
    for key, value in items:
        if isinstance(key, bytes):
            key = key.decode("latin-1")
        if isinstance(key, str) and key.lower() == wanted:
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            return str(value)
    return None


def _check(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]], accepted: tuple[bytes, ...]
) -> None:
    if not accepted:
        return
    given = _header(headers, SIGNATURE_HEADER)
    if not given:
        raise WebhookSignatureError(f"the {SIGNATURE_HEADER} header is missing", missing=True)
    presented = given.strip().encode("utf-8")
    # Compare against every accepted secret, without stopping at the first match, so
    # the time taken tells nothing about which secret (or how much of it) matched.
    ok = False
    for candidate in accepted:
        ok |= hmac.compare_digest(presented, candidate)
    if not ok:
        raise WebhookSignatureError(f"the {SIGNATURE_HEADER} header matches no accepted secret")


def verify_signature(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
    *,
    secret: str | Sequence[str],
) -> None:
    """Check the ``X-Toast-Webhook-Signature`` header against the accepted secret(s).

    Args:
        headers: the request headers: any mapping (looked up case-insensitively) or
            ``(name, value)`` pairs (ASGI style, bytes allowed).
        secret: the console's signature string, or several accepted strings while
            rotating (the new one and the old one).

    Raises:
        WebhookSignatureError: the header is missing or matches none (the text never
            contains the header's value nor a secret).
        ConfigurationError: ``secret`` is empty.
    """
    _check(headers, _secrets(secret, insecure=False))


# --- parsing -----------------------------------------------------------------------------


def _product(value: object, hooks: list[Any]) -> str:
    text = str(value or "").strip().lower()
    if text == "sms":
        return "sms"
    if text == _KAKAO_PRODUCT or text.startswith("kakao"):
        return "kakao"
    # Unknown product name: tell by the hooks' fields.
    first = hooks[0] if hooks and isinstance(hooks[0], Mapping) else {}
    if "kakaoMessageType" in first or "templateCode" in first:
        return "kakao"
    return "sms"


def _placeholder(envelope: Mapping[str, Any]) -> bool:
    for field in ("appKey", "hooksId", "webhookConfigId"):
        value = envelope.get(field)
        if isinstance(value, str) and value.strip().lower() in _PLACEHOLDERS:
            return True
    return False


def _self_url(hook: Mapping[str, Any]) -> str | None:
    links = hook.get("_links", hook.get("_link"))
    if not isinstance(links, Mapping):
        return None
    link = links.get("self")
    href = link.get("href") if isinstance(link, Mapping) else None
    if not isinstance(href, str):
        return None
    # The documented sample still points at v2.4; the API is v3.0.
    return href.replace("/sms/v2.4/", "/sms/v3.0/")


def _require_identity(hook: Mapping[str, Any], index: int) -> None:
    if not opt_str(hook.get("requestId")):
        raise WebhookPayloadError(
            f"hooks[{index}] has no requestId", field=f"hooks[{index}].requestId"
        )


def _sms_row(hook: Mapping[str, Any], **changes: Any) -> DeliveryStatus:
    # Read the hook as the query row it mirrors, so one parser serves both.
    from .services.sms.models import _delivery

    row = {
        **hook,
        "resultDate": hook.get("receiveDate"),
        # The documented sample misspells it.
        "recipientGroupingKey": hook.get("recipientGroupingKey")
        or hook.get("recipientGropuingKey"),
        **changes,
    }
    return from_sms(_delivery(row), source="webhook")


def _sms_result(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    _require_identity(hook, index)
    message_status = opt_str(hook.get("messageStatus"))
    return SmsResultUpdate(
        **base,
        status=_sms_row(
            hook,
            msgStatus=_SMS_STATUS.get((message_status or "").upper()),
            resultCode=opt_str(hook.get("resultCode")) or None,
        ),
        message_status=message_status,
        sender_type=opt_str(hook.get("senderType")),
        message_count=opt_int(hook.get("messageCount")),
        self_url=_self_url(hook),
    )


def _sms_receipt(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    _require_identity(hook, index)
    dlr = {k: hook.get(k) for k in ("dlrStatus", "errorCode", "networkCode")}
    status = _sms_row(hook, dlr=dlr, resultCode=None, msgStatus=None)
    error_number = opt_int(hook.get("errorCode"))
    return SmsDeliveryReceipt(
        **base,
        status=status,
        dlr_status=DlrStatus.parse(opt_str(hook.get("dlrStatus"))),
        error_code=None if error_number is None else DlrErrorCode.parse(error_number),
        network_code=opt_str(hook.get("networkCode")),
    )


def _kakao_result(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    _require_identity(hook, index)
    kind = opt_str(hook.get("kakaoMessageType"))
    upper = (kind or "").upper()
    if upper.startswith("BRAND"):
        from .brand import BrandDelivery

        status = from_brand(
            BrandDelivery.from_wire(hook), source="webhook", message_type=kind, fallback_known=False
        )
    else:
        from .services.kakao.models import _message

        service = "friendtalk" if upper.startswith("FRIENDTALK") else "alimtalk"
        status = from_kakao(
            _message(dict(hook), service),
            source="webhook",
            message_type=kind,
            fallback_known=False,
        )
    return KakaoResultUpdate(
        **base,
        status=status,
        kakao_message_type=kind,
        is_added_channel=opt_bool(hook.get("isAddedChannel")),
        self_url=_self_url(hook),
    )


def _comments(value: object) -> tuple[TemplateComment, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        if not isinstance(item, Mapping):
            continue
        files = item.get("attachment")
        attachments = tuple(
            (opt_str(f.get("originalFileName")), opt_str(f.get("filePath")))
            for f in (files if isinstance(files, list) else [])
            if isinstance(f, Mapping)
        )
        out.append(
            TemplateComment(
                id=opt_int(item.get("id")),
                content=opt_str(item.get("content")),
                user_name=opt_str(item.get("userName")),
                created_at=kst_datetime(item.get("createdAt")),
                status=opt_str(item.get("status")),
                attachments=attachments,
            )
        )
    return tuple(out)


def _kakao_template(base: dict[str, Any], hook: Mapping[str, Any], index: int) -> WebhookEvent:
    return KakaoTemplateStatusUpdate(
        **base,
        sender_key=opt_str(hook.get("senderKey")),
        template_code=opt_str(hook.get("templateCode")),
        kakao_template_code=opt_str(hook.get("kakaoTemplateCode")),
        status=opt_str(hook.get("status")),
        comments=_comments(hook.get("comments")),
        updated_at=kst_datetime(hook.get("updateDate")),
    )


def _event(
    product: str, event: str, base: dict[str, Any], hook: Mapping[str, Any], index: int
) -> WebhookEvent:
    name = event.upper()
    if product == "sms":
        if name == "MESSAGE_RESULT_UPDATE":
            return _sms_result(base, hook, index)
        if name == "INTERNATIONAL_DELIVERY_RECEIPT":
            return _sms_receipt(base, hook, index)
        if name == "UNSUBSCRIBE":
            return SmsUnsubscribe(
                **base,
                number=opt_str(hook.get("recipientNo")),
                unsubscribe_no=opt_str(hook.get("unsubscribeNo")),
                enterprise_name=opt_str(hook.get("enterpriseName")),
                created_at=kst_datetime(hook.get("createdDateTime")),
            )
        if name == "CONVERSION_BLOCK":
            return SmsConversionBlock(
                **base,
                country_code=opt_str(hook.get("countryCode")),
                blocked_at=kst_datetime(hook.get("blockedDateTime")),
            )
        return UnknownWebhookEvent(**base)
    # KakaoTalk: the template event's name is not documented; tell by the fields.
    if "kakaoMessageType" in hook or name == "MESSAGE_RESULT_UPDATE":
        return _kakao_result(base, hook, index)
    if "templateCode" in hook and "status" in hook:
        return _kakao_template(base, hook, index)
    return UnknownWebhookEvent(**base)


def _decode(body: bytes | bytearray | memoryview | str) -> Mapping[str, Any]:
    if isinstance(body, (bytes, bytearray, memoryview)):
        try:
            text = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            raise WebhookPayloadError("the webhook body is not UTF-8 text") from None
    elif isinstance(body, str):
        text = body
    else:
        raise WebhookPayloadError(
            f"the webhook body must be bytes or str, not {type(body).__name__}"
        )
    try:
        data = json.loads(text)
    except ValueError:
        raise WebhookPayloadError("the webhook body is not JSON") from None
    if not isinstance(data, Mapping):
        raise WebhookPayloadError("the webhook body is not a JSON object")
    return data


def _parse_envelope(data: Mapping[str, Any]) -> list[WebhookEvent]:
    event = data.get("event")
    if not isinstance(event, str) or not event.strip():
        raise WebhookPayloadError("the envelope has no event name", field="event")
    hooks = data.get("hooks")
    if not isinstance(hooks, list):
        raise WebhookPayloadError("the envelope has no hooks list", field="hooks")
    product = _product(data.get("productName"), hooks)
    events: list[WebhookEvent] = []
    for index, hook in enumerate(hooks):
        if not isinstance(hook, Mapping):
            raise WebhookPayloadError(f"hooks[{index}] is not an object", field=f"hooks[{index}]")
        base: dict[str, Any] = {
            "hooks_id": opt_str(data.get("hooksId")),
            "hook_id": opt_str(hook.get("hookId")),
            "webhook_config_id": opt_str(data.get("webhookConfigId")),
            "product": product,
            "app_key": opt_str(data.get("appKey")),
            "event": event.strip(),
            "raw": dict(hook),
        }
        events.append(_event(product, event.strip(), base, hook, index))
    return events


def parse(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
    body: bytes | bytearray | memoryview | str,
    *,
    secret: str | Sequence[str] | None,
    insecure: bool = False,
) -> list[WebhookEvent]:
    """Verify one webhook POST and return its events, one per hook, in order.

    Args:
        headers: the request headers: any mapping (``X-Toast-Webhook-Signature`` is
            looked up case-insensitively) or ``(name, value)`` pairs.
        body: the raw body of the POST (``bytes`` or ``str``).
        secret: the signature string configured in the console, or a sequence of
            accepted strings (rotation: the new one and the old one). ``None`` is
            refused unless ``insecure=True``.
        insecure: accept POSTs without checking any signature (only for local
            experiments: the provider's secret is optional, the SDK's is not).

    Returns:
        The typed events (:class:`SmsResultUpdate`, :class:`SmsDeliveryReceipt`,
        :class:`SmsUnsubscribe`, :class:`SmsConversionBlock`, :class:`KakaoResultUpdate`,
        :class:`KakaoTemplateStatusUpdate`, :class:`UnknownWebhookEvent`). The
        console's registration check (placeholder values such as ``appKey: "String"``)
        gives an empty list; answer it with 200.

    Raises:
        WebhookSignatureError: missing or wrong signature header.
        WebhookPayloadError: the body is not a webhook envelope.
        ConfigurationError: no (or an empty) secret and not ``insecure``.
    """
    return _verified_events(headers, body, _secrets(secret, insecure))


def _verified_events(
    headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
    body: bytes | bytearray | memoryview | str,
    accepted: tuple[bytes, ...],
) -> list[WebhookEvent]:
    data = _decode(body)
    if _placeholder(data):
        # The console's URL check posts type names as values and may not carry the
        # signature yet: nothing in it to protect, nothing to hand on.
        logger.debug("webhook registration check answered with no event")
        return []
    _check(headers, accepted)
    events = _parse_envelope(data)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("webhook %s: %d event(s)", data.get("event"), len(events))
    return events


# --- de-duplication and the receiver --------------------------------------------------------


class DedupeStore(Protocol):
    """Remembers which webhook ids were already handled (plug in Redis, a table...).

    ``add(key)`` records ``key`` and returns ``True`` when it was new, ``False`` when it
    was seen before; it must be atomic when several workers share the store (Redis
    ``SET key 1 NX EX 86400`` is a one-line implementation).
    """

    def add(self, key: str) -> bool:
        """Record ``key``; ``True`` if it was not recorded before."""
        ...


class InMemoryDedupeStore:
    """A thread-safe, bounded :class:`DedupeStore` for one process.

    Args:
        max_keys: how many ids to remember; the oldest are forgotten first (a
            re-delivery older than that is handed on again).
    """

    def __init__(self, max_keys: int = 100_000) -> None:
        if max_keys < 1:
            raise ValueError("max_keys must be at least 1")
        self._max = max_keys
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: str) -> bool:
        """Record ``key``; ``True`` if it was not recorded before."""
        with self._lock:
            if key in self._keys:
                self._keys.move_to_end(key)
                return False
            self._keys[key] = None
            if len(self._keys) > self._max:
                self._keys.popitem(last=False)
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._keys)


class WebhookReceiver:
    """Verifies, parses and de-duplicates webhook POSTs for a web view.

    Args:
        secret: the console's signature string, or several accepted strings while
            rotating. Required: a receiver without one refuses to be built unless
            ``insecure=True``. It is kept out of ``repr`` and of every message.
        insecure: accept unsigned POSTs (local experiments only).
        store: where seen ``hooksId``/``hookId`` values are remembered; default a
            new :class:`InMemoryDedupeStore` (pass a shared one when several
            processes receive).
        dedupe: ``False`` hands on repeated POSTs and hooks too.

    Raises:
        ConfigurationError: no (or an empty) secret and not ``insecure``.
    """

    def __init__(
        self,
        secret: str | Sequence[str] | None = None,
        *,
        insecure: bool = False,
        store: DedupeStore | None = None,
        dedupe: bool = True,
    ) -> None:
        self._accepted = _secrets(secret, insecure)
        self._insecure = insecure
        self._store: DedupeStore | None = None
        if dedupe:
            self._store = store if store is not None else InMemoryDedupeStore()

    def __repr__(self) -> str:
        secrets = (
            "insecure"
            if self._insecure and not self._accepted
            else f"{len(self._accepted)} secret(s)"
        )
        return f"WebhookReceiver({secrets})"

    def handle(
        self,
        headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
        body: bytes | bytearray | memoryview | str,
    ) -> list[WebhookEvent]:
        """Verify one POST and return its events that were not seen before.

        A repeated POST (same ``hooksId``) gives an empty list, and so does each
        repeated hook (same ``hookId``) inside a new POST. Answer 2xx for both.

        Raises:
            WebhookSignatureError: missing or wrong signature header (answer 401).
            WebhookPayloadError: the body is not a webhook envelope (answer 400).
        """
        events = _verified_events(headers, body, self._accepted)
        store = self._store
        if store is None or not events:
            return events
        hooks_id = events[0].hooks_id
        if hooks_id and not store.add(f"hooks:{hooks_id}"):
            logger.debug("webhook POST %s seen before: dropped", hooks_id)
            return []
        return [e for e in events if not e.hook_id or store.add(f"hook:{e.hook_id}")]
