"""SMS v3.0 sends: SMS, LMS/MMS, authentication and advertising messages.

Every public builder here becomes a method of both clients; the first
parameter (``ctx``) is supplied by the client.

What a message may say is checked in :mod:`.texts` (the 90-byte SMS rule is
explained there), who it goes to and from in :mod:`.recipients`; this
module composes the request and its lookup.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    Safety,
)
from ..._core.endpoints import SMS
from ..._core.envelope import recipient_list_json, with_recipient_list
from ..._core.params import (
    Recipients,
    encoded_length,
    format_schedule,
    id_list,
    new_token,
    normalize_recipients,
    optional_key,
    plain_numbers,
    require_text,
)
from ...errors import ValidationError
from ...results import SendResult

if TYPE_CHECKING:
    from ..._retry import RetryPolicy
from .answers import _lookup_send, _parse_send
from .models import (
    _KINDS,
    _PREFIX,
    MAX_ATTACHMENTS,
    MMS_TITLE_MAX_CHARS,
    MMS_TITLE_STANDARD_BYTES,
)
from .recipients import recipient_list, sender_number
from .texts import (
    check_ad_night,
    check_ad_text,
    check_body,
    check_params,
    merge_params,
    substitute,
)

# --- sends ---------------------------------------------------------------------


def _attachment_ids(attachment_ids: object, long_message: bool) -> list[int]:
    if attachment_ids == ():  # the default: spare the Iterable ABC check
        return []
    # attachFileIdList is List<Integer> and the upload answer's example
    # returns fileId 0: any non-negative id is one the API can have made.
    ids = id_list(
        attachment_ids, "attachment_ids", minimum=0, what="file ids from upload_attachment"
    )
    if ids and not long_message:
        raise ValidationError("attachments need send_mms / send_ad_mms", field="attachment_ids")
    if len(ids) > MAX_ATTACHMENTS:
        raise ValidationError(
            f"attachment_ids takes at most {MAX_ATTACHMENTS} file ids (from upload_attachment)",
            field="attachment_ids",
        )
    return ids


_ORIGIN_CODE = re.compile(r"[0-9]{1,9}")


def _stats_fields(
    stats_id: object, origin_code: object, use_conversion: object, scheduled_at: object
) -> JSONDict:
    """``statsId``, ``originCode`` and ``useConversion``, each only when given."""
    out: JSONDict = {}
    if stats_id is not None:
        out["statsId"] = optional_key(stats_id, "stats_id", max_chars=10)
    if origin_code is not None:
        if not isinstance(origin_code, str) or _ORIGIN_CODE.fullmatch(origin_code) is None:
            raise ValidationError(
                "origin_code must be 1 to 9 digits (special value-added operators only)",
                field="origin_code",
            )
        out["originCode"] = origin_code
    if type(use_conversion) is not bool:
        raise ValidationError("use_conversion must be True or False", field="use_conversion")
    if use_conversion:
        if scheduled_at is not None:
            # sms-v3.md 2.4: the API does not take useConversion with requestDate.
            raise ValidationError(
                "use_conversion=True cannot be combined with scheduled_at (API rule); "
                "send now, or schedule without conversion tracking",
                field="use_conversion",
            )
        out["useConversion"] = True
    return out


def _send(
    ctx: Context,
    kind: str,
    to: Recipients,
    body: str | None,
    *,
    sender: str | None,
    template_id: str | None,
    params: Mapping[str, str] | None,
    scheduled_at: datetime | None,
    sender_grouping_key: str | None,
    user_id: str | None,
    retry: RetryPolicy | None,
    dedupe: bool = False,
    # Only long messages have these; the short-message builders leave them out.
    title: str | None = None,
    attachment_ids: Iterable[int] = (),
    stats_id: str | None = None,
    origin_code: str | None = None,
    use_conversion: bool = False,
    night_consent: bool = False,
) -> Operation[SendResult]:
    send_path, list_path, label = _KINDS[kind]
    long_message = kind in ("mms", "ad-mms")
    call_params = check_params(params, "params")
    # A list of clean numbers (the bulk case) skips the Recipient objects: one
    # regex pass checks them all, every recipient shares the call's params,
    # and the wire list is built straight from the numbers.
    plain = plain_numbers(to)
    if plain is not None:
        numbers: list[str] = plain
        keys: list[str | None] = [None] * len(plain)
        merged_params: list[dict[str, str] | None] = [call_params]
    else:
        recipients = normalize_recipients(to, dedupe=dedupe)
        numbers = [r.number for r in recipients]
        keys = [r.grouping_key for r in recipients]
        merged_params = [
            merge_params(call_params, check_params(r.params, "params")) for r in recipients
        ]
    # With a template and no body, the API takes body and sender from the template.
    template_body = template_id is not None and (body is None or body == "")
    if template_body:
        body = ""
    elif body is None:
        raise ValidationError("body is required (or pass template_id=)", field="body")
    else:
        check_body(kind, body, merged_params)
    if long_message:
        if title is None and template_id is None:
            raise ValidationError("title is required for LMS/MMS", field="title")
        if title is not None:
            require_text(title, "title", max_chars=MMS_TITLE_MAX_CHARS)
            if encoded_length(title, "title") > MMS_TITLE_STANDARD_BYTES:
                warnings.warn(
                    f"title is over {MMS_TITLE_STANDARD_BYTES} EUC-KR bytes; some handsets cut it",
                    stacklevel=4,
                )
    ids = _attachment_ids(attachment_ids, long_message)
    if kind.startswith("ad-"):
        if body:
            check_ad_text(body)
        if not night_consent:
            check_ad_night(ctx, scheduled_at)
    shared: JSONDict | None = None
    if plain is None:
        wire_recipients = recipient_list(recipients, merged_params, domestic_only=long_message)
    else:
        if call_params:
            shared = {"templateParameter": call_params}
            wire_recipients = [{"recipientNo": n, "templateParameter": call_params} for n in plain]
        else:
            wire_recipients = [{"recipientNo": n} for n in plain]
        # Every recipient reads the same text: one entry stands for all of them.
        merged_params = merged_params * len(plain)
    send_no = sender_number(ctx, sender, optional=template_body)
    key = optional_key(sender_grouping_key, "sender_grouping_key") or f"nsdk-{new_token()}"
    payload: JSONDict = {"body": body}
    if send_no is not None:
        payload["sendNo"] = send_no
    payload["senderGroupingKey"] = key
    payload["recipientList"] = wire_recipients
    if title is not None:
        payload["title"] = title
    if ids:
        payload["attachFileIdList"] = ids
    if template_id is not None:
        payload["templateId"] = optional_key(template_id, "template_id", max_chars=50)
    if scheduled_at is not None:
        payload["requestDate"] = format_schedule(scheduled_at, ctx.now_kst())
    if user_id is not None:
        payload["userId"] = optional_key(user_id, "user_id")
    payload.update(_stats_fields(stats_id, origin_code, use_conversion, scheduled_at))
    if plain is not None:
        # The clean numbers need no escaping: the list's JSON is written by a
        # join, not by encoding a thousand dicts (the dicts stay in the body
        # for whoever reads it as a dict: hooks, the template check).
        payload = with_recipient_list(payload, recipient_list_json(plain, shared))
    built = ctx.stamp()  # made a datetime only if the lookup runs

    # An SMS query must ask the path of the kind sent: the result and the
    # client's memory carry it, so a query given either asks the right one.
    result_kind = kind if not long_message or ids else kind.replace("mms", "lms")
    memory = ctx.memory

    def parse(data: JSONDict) -> SendResult:
        result = _parse_send(data, numbers, keys, key, result_kind)
        memory.remember_kind(result.request_id, result_kind)
        return result

    def lookup() -> Operation[SendResult | None]:
        # What the listing's "body" should read for each recipient, so that a
        # reused caller key cannot make an earlier, different text pass for it.
        texts = [substitute(body, merged) if body else None for merged in merged_params]
        op = _lookup_send(ctx, list_path, key, ctx.kst_at(built), numbers, keys, texts)
        find = op.parse

        def found(data: JSONDict) -> SendResult | None:
            result = find(data)
            if result is None:
                return None
            memory.remember_kind(result.request_id, result_kind)
            return attrs.evolve(result, kind=result_kind)

        return attrs.evolve(op, parse=found)

    return Operation(
        namespace="sms",
        method="POST",
        path=f"{_PREFIX}/{send_path}",
        parse=parse,
        safety=Safety.RECONCILE,
        json=payload,
        retry=retry,
        lookup=lookup,
        label=label,
    )


def send_sms(
    ctx: Context,
    to: Recipients,
    body: str | None,
    *,
    sender: str | None = None,
    template_id: str | None = None,
    params: Mapping[str, str] | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    user_id: str | None = None,
    stats_id: str | None = None,
    origin_code: str | None = None,
    use_conversion: bool = False,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
) -> Operation[SendResult]:
    """Send a short SMS (at most 90 EUC-KR bytes) to 1..1,000 recipients.

    Args:
        to: a phone number, a :class:`~notify_sdk.Recipient`, or an iterable
            of them (at most 1,000). A number written with ``+`` is
            international (``+14155550123``); ``+82`` numbers are sent in the
            domestic form. ``Recipient(number, country_code="81")`` also works.
        body: the text; at most 90 EUC-KR bytes (a Hangul syllable counts 2),
            checked for each recipient after ``##key##`` substitution.
            Longer text raises ``ValidationError`` pointing to ``send_mms``.
            ``##key##`` placeholders are filled from ``params``.
        sender: the registered sender number; default the client's ``sms_sender``.
        template_id: a registered SMS template; with ``body=None`` the
            template's body and sender number are used (``sender`` may then be
            omitted).
        params: template parameters for every recipient (``Recipient.params``
            override them per recipient).
        scheduled_at: send later; a naive datetime is Korea time. Must be in
            the future and at most 60 days ahead.
        sender_grouping_key: your tag for the send (at most 100 characters).
            When omitted the SDK sets a unique one, used to look the send up
            after an ambiguous failure instead of resending blindly.
        user_id: a free label recorded with the send.
        stats_id: a statistics event key (at most 10 characters) the
            provider's statistics group sends by (not a search filter).
        origin_code: the originator code of a special value-added telecom
            operator (at most 9 digits); leave it unset otherwise.
        use_conversion: ask the provider to track the conversion rate of
            this (international) SMS; not allowed with ``scheduled_at``.
        retry: a :class:`~notify_sdk.RetryPolicy` for this call only.
        dedupe: ``True`` sends once to a number given more than once (the
            first occurrence is kept, with its options); by default every
            copy is sent and a ``UserWarning`` names the repeated numbers.

    Returns:
        The :class:`~notify_sdk.SendResult`; refused recipients are in ``.failed``.

    Raises:
        ValidationError: bad input, before anything is sent.
        SenderNumberError: the sender number is unregistered or blocked.
        APIError: any other failure the API reports (see ``notify_sdk.errors``).
        TransportError: the network failed and retries ran out.

    Example::

        client.send_sms("01012345678", "[Shop] Your order has shipped.")
    """
    return _send(
        ctx, "sms", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=scheduled_at, sender_grouping_key=sender_grouping_key, user_id=user_id,
        retry=retry,
        stats_id=stats_id, origin_code=origin_code, use_conversion=use_conversion, dedupe=dedupe,
    )  # fmt: skip


def send_mms(
    ctx: Context,
    to: Recipients,
    body: str | None,
    *,
    title: str | None,
    sender: str | None = None,
    attachment_ids: Iterable[int] = (),
    template_id: str | None = None,
    params: Mapping[str, str] | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    user_id: str | None = None,
    stats_id: str | None = None,
    origin_code: str | None = None,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
) -> Operation[SendResult]:
    """Send a long message: an LMS, or an MMS when ``attachment_ids`` are given.

    Args:
        to: recipients, as for :meth:`send_sms`. Domestic numbers only.
        body: the text, at most 4,000 characters (a warning is issued above
            2,000 EUC-KR bytes, which some handsets cut).
        title: the subject, at most 120 characters (warning above 40 bytes).
        sender: the registered sender number; default the client's ``sms_sender``.
        attachment_ids: up to 3 ids from :meth:`upload_attachment` (jpg images).
        template_id, params, scheduled_at, sender_grouping_key, user_id,
        stats_id, origin_code, retry, dedupe: as for :meth:`send_sms`.

    Raises:
        ValidationError: bad input, before anything is sent.
        APIError: a failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    return _send(
        ctx, "mms", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=scheduled_at, sender_grouping_key=sender_grouping_key, user_id=user_id,
        retry=retry, title=title, attachment_ids=attachment_ids,
        stats_id=stats_id, origin_code=origin_code, dedupe=dedupe,
    )  # fmt: skip


def send_auth_sms(
    ctx: Context,
    to: Recipients,
    body: str | None,
    *,
    sender: str | None = None,
    template_id: str | None = None,
    params: Mapping[str, str] | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    user_id: str | None = None,
    stats_id: str | None = None,
    origin_code: str | None = None,
    use_conversion: bool = False,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
) -> Operation[SendResult]:
    """Send an authentication SMS (OTP), which the provider sends with priority.

    The text (after ``##key##`` substitution) must contain one of
    ``auth``, ``password``, ``verify``, ``인증``, ``비밀번호``, ``認証``,
    ``にんしょう`` (the API refuses it otherwise, -8000). Other arguments as
    for :meth:`send_sms`. ``scheduled_at`` (at most 60 days ahead) cannot be
    combined with ``use_conversion=True``, which asks for conversion-rate
    tracking of an international OTP (report it with the conversion call).

    Raises:
        ValidationError: bad input (including a missing authentication word).
        APIError: a failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    return _send(
        ctx, "auth", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=scheduled_at, sender_grouping_key=sender_grouping_key, user_id=user_id,
        retry=retry, stats_id=stats_id, origin_code=origin_code, use_conversion=use_conversion,
        dedupe=dedupe,
    )  # fmt: skip


def send_ad_sms(
    ctx: Context,
    to: Recipients,
    body: str | None,
    *,
    sender: str | None = None,
    template_id: str | None = None,
    params: Mapping[str, str] | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    user_id: str | None = None,
    stats_id: str | None = None,
    origin_code: str | None = None,
    use_conversion: bool = False,
    night_consent: bool = False,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
) -> Operation[SendResult]:
    """Send an advertising SMS.

    The body must start with ``(광고)`` and end with the free opt-out line
    ``무료수신거부 080XXXXXXX`` (or ``무료거부 ...``) naming an 080 number
    registered for your app key; the SDK checks the shape, the API checks the
    number (-6004). Korean law requires the recipient's separate prior
    consent for ads between 21:00 and 08:00 KST: a ``scheduled_at`` inside
    that window is refused and an immediate send inside it warns, unless
    ``night_consent=True`` says your recipients gave that consent. Other
    arguments as for :meth:`send_sms`.

    Raises:
        ValidationError: bad input (including the ad wording).
        APIError: a failure the API reports (e.g. -6001 recipient opted out,
            reported per recipient).
        TransportError: the network failed and retries ran out.
    """
    return _send(
        ctx, "ad-sms", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=scheduled_at, sender_grouping_key=sender_grouping_key, user_id=user_id,
        retry=retry,
        stats_id=stats_id, origin_code=origin_code, use_conversion=use_conversion, dedupe=dedupe,
        night_consent=night_consent,
    )  # fmt: skip


def send_ad_mms(
    ctx: Context,
    to: Recipients,
    body: str | None,
    *,
    title: str | None,
    sender: str | None = None,
    attachment_ids: Iterable[int] = (),
    template_id: str | None = None,
    params: Mapping[str, str] | None = None,
    scheduled_at: datetime | None = None,
    sender_grouping_key: str | None = None,
    user_id: str | None = None,
    stats_id: str | None = None,
    origin_code: str | None = None,
    night_consent: bool = False,
    retry: RetryPolicy | None = None,
    dedupe: bool = False,
) -> Operation[SendResult]:
    """Send an advertising LMS/MMS: the ad wording and night rule (and
    ``night_consent``) of :meth:`send_ad_sms`, the limits and arguments of
    :meth:`send_mms`.

    Raises:
        ValidationError: bad input (including the ad wording).
        APIError: a failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    return _send(
        ctx, "ad-mms", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=scheduled_at, sender_grouping_key=sender_grouping_key, user_id=user_id,
        retry=retry, title=title, attachment_ids=attachment_ids,
        stats_id=stats_id, origin_code=origin_code, dedupe=dedupe,
        night_consent=night_consent,
    )  # fmt: skip


# --- endpoint declarations (see notify_sdk._core.endpoints) ---------------------------

SMS.endpoint(
    "send_ad_mms",
    "POST",
    "sender/ad-mms",
    group="SMS",
    safety=Safety.RECONCILE,
    example={"body": "(광고) Sale 무료거부 0801234567"},
).builds(send_ad_mms)
SMS.endpoint(
    "send_ad_sms",
    "POST",
    "sender/ad-sms",
    group="SMS",
    safety=Safety.RECONCILE,
    example={"body": "(광고) Sale 무료거부 0801234567"},
).builds(send_ad_sms)
SMS.endpoint(
    "send_auth_sms",
    "POST",
    "sender/auth/sms",
    group="SMS",
    safety=Safety.RECONCILE,
    example={"body": "인증번호 1234"},
).builds(send_auth_sms)
SMS.endpoint("send_mms", "POST", "sender/mms", group="SMS", safety=Safety.RECONCILE).builds(
    send_mms
)
SMS.endpoint("send_sms", "POST", "sender/sms", group="SMS", safety=Safety.RECONCILE).builds(
    send_sms
)
