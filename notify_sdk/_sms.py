"""SMS v3.0 operations: request builders, response parsers and query models.

Every public builder here becomes a method of both clients through
:func:`~notify_sdk._core.sync_method` / :func:`~notify_sdk._core.async_method`;
the first parameter (``ctx``) is supplied by the client.

Length rule (our decision, documented in the guide): a short SMS body is
limited to 90 EUC-KR bytes — what every handset displays uncut. The API
stores up to 255 characters, but a longer "SMS" is silently truncated on
most handsets, which is a message lost without an error, so the SDK refuses
it and points to :meth:`send_mms`, which sends it as an LMS.
"""

from __future__ import annotations

import base64
import enum
import os
import re
import warnings
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

import attrs

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
    expect_list,
    sync_method,
    sync_pager,
)
from ._models import Recipient
from ._reconcile import AnsweredRow, ListedRow, answered_recipients, recovered_result
from ._validation import (
    Recipients,
    encoded_length,
    format_schedule,
    mask_number,
    new_token,
    normalize_number,
    normalize_recipients,
    optional_key,
    require_text,
    to_kst,
)
from ._wire import opt_int, opt_str, parse_date
from .delivery import DlrErrorCode, DlrStatus, MtrCode, Outcome, SmsResultCode
from .errors import ProtocolError, ValidationError
from .errors._base import quote
from .results import SendResult

if TYPE_CHECKING:
    from ._retry import RetryPolicy

__all__ = [
    "AsyncSmsMethods",
    "Attachment",
    "CancelResult",
    "DlrInfo",
    "SmsDelivery",
    "SmsMessageStatus",
    "SmsMethods",
]

QueryKind = Literal["sms", "mms", "auth"]

_PREFIX = "/sms/v3.0/appKeys/{appkey}"
SMS_BODY_MAX_BYTES = 90
MMS_TITLE_MAX_CHARS = 120
MMS_TITLE_STANDARD_BYTES = 40
MMS_BODY_MAX_CHARS = 4000
MMS_BODY_STANDARD_BYTES = 2000
MAX_ATTACHMENTS = 3
ATTACHMENT_MAX_BYTES = 300 * 1024
_QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"
# Words one of which an authentication SMS must contain (API rule -8000).
AUTH_WORDS = ("auth", "password", "verify", "にんしょう", "認証", "비밀번호", "인증")
AD_PREFIX = "(광고)"
_AD_SUFFIX = re.compile(r"무료\s*(?:수신\s*)?거부\s*[\]\)]?\s*:?\s*080[\d\s\-]{7,12}[\]\)]?$")
_TEMPLATE_VAR = re.compile(r"##([^#\s]+)##")
_SENDER_SHAPE = re.compile(r"[0-9]{3,13}")
_SENDER_STRIP = re.compile(r"[\s\-]")
_COUNTRY_SHAPE = re.compile(r"[0-9]{1,8}")
_REQUEST_ID_SHAPE = re.compile(r"[A-Za-z0-9_\-]{1,25}")
_SMS_HINT = "; longer text goes as an LMS: use send_mms(to, body, title=...)"
# A reconciliation lookup covers sends registered from shortly before the
# send was built (clock skew) until the moment of the lookup.
_LOOKUP_SKEW = timedelta(minutes=2)

#: Per kind of send: where it is sent, where it is listed (ad messages appear
#: under the plain paths) and its label in logs and retry events.
_KINDS: dict[str, tuple[str, str, str]] = {
    "sms": ("sender/sms", "sender/sms", "send_sms"),
    "mms": ("sender/mms", "sender/mms", "send_mms"),
    "auth": ("sender/auth/sms", "sender/auth/sms", "send_auth_sms"),
    "ad-sms": ("sender/ad-sms", "sender/sms", "send_ad_sms"),
    "ad-mms": ("sender/ad-mms", "sender/mms", "send_ad_mms"),
}


# --- query models ------------------------------------------------------------


class SmsMessageStatus(str, enum.Enum):
    """The delivery state of one SMS recipient (the API's ``msgStatus``)."""

    FAILED = "0"
    REQUESTED = "1"
    PROCESSING = "2"
    SUCCEEDED = "3"
    CANCELLED = "4"
    DUPLICATE = "5"
    AD_RESTRICTED = "6"
    AD_HELD = "7"

    @property
    def final(self) -> bool:
        """``True`` when the state will not change any more."""
        return self not in (
            SmsMessageStatus.REQUESTED,
            SmsMessageStatus.PROCESSING,
            SmsMessageStatus.AD_HELD,
        )

    @classmethod
    def parse(cls, value: object) -> SmsMessageStatus | None:
        """The member for ``value`` (str or int), ``None`` when unknown or absent."""
        if value is None:
            return None
        try:
            return cls(str(value))
        except ValueError:
            return None


@attrs.frozen(slots=True)
class DlrInfo:
    """The international delivery report (``dlr``) of one recipient.

    Attributes:
        status: the DLR status, ``None`` when absent or not in the tables.
        error: the DLR error code, ``None`` when absent or not in the tables.
        network_code: the carrier network code, as sent.
        raw_status: ``dlrStatus`` as received.
        raw_error: ``errorCode`` as received (the API sends it as a string).
    """

    status: DlrStatus | None
    error: DlrErrorCode | None
    network_code: str | None
    raw_status: str | None
    raw_error: str | None


@attrs.frozen(slots=True)
class SmsDelivery:
    """One recipient of an SMS/LMS/MMS send, as the query endpoints report it.

    Dates are kept as the API's strings (Korea time); :attr:`requested_at`
    and :attr:`result_at` parse them on demand.

    Attributes:
        request_id: the send's ``requestId``.
        seq: the recipient's ``recipientSeq``.
        recipient: the recipient number.
        status: the delivery state, ``None`` if absent or unknown.
        result_code: the telecom receive code (``SmsResultCode``), ``None``
            until known or when not in the tables (see ``raw_result_code``).
        raw_result_code: ``resultCode`` as received.
        message_type: ``"SMS"``, ``"LMS"``, ``"MMS"`` or ``"AUTH"``.
        body / title / sender / country_code: as sent.
        request_date / result_date: the API's date strings.
        sender_grouping_key / recipient_grouping_key: the tags of the send.
        template_id: the template recorded with the send, if any.
        is_ad: whether the message was sent as advertising.
        telecom_code: the carrier code (10001 SKT, 10002 KT, 10003 LGU+ ...).
        dlr: the international delivery report, if any.
    """

    request_id: str
    seq: int | None
    recipient: str | None
    status: SmsMessageStatus | None
    result_code: SmsResultCode | None
    raw_result_code: str | None = None
    message_type: str | None = None
    body: str | None = None
    title: str | None = None
    sender: str | None = None
    country_code: str | None = None
    request_date: str | None = None
    result_date: str | None = None
    sender_grouping_key: str | None = None
    recipient_grouping_key: str | None = None
    template_id: str | None = None
    is_ad: bool = False
    telecom_code: int | None = None
    dlr: DlrInfo | None = None

    @property
    def outcome(self) -> Outcome:
        """What the delivery means for the application (resend, give up, wait)."""
        if self.result_code is not None:
            return self.result_code.outcome
        if self.status is SmsMessageStatus.SUCCEEDED:
            return Outcome.DELIVERED
        if self.status is None or not self.status.final:
            return Outcome.PENDING
        if self.status is SmsMessageStatus.CANCELLED:
            return Outcome.PERMANENT_FAILURE
        if self.status is SmsMessageStatus.DUPLICATE:
            return Outcome.DO_NOT_RESEND
        if self.status is SmsMessageStatus.AD_RESTRICTED:
            return Outcome.TIME_WINDOW
        # Failed with no code, or a receive code that no table lists.
        return Outcome.UNKNOWN_FAILURE

    @property
    def requested_at(self) -> datetime | None:
        """:attr:`request_date` as a naive Korea-time datetime (``None`` if absent)."""
        return parse_date(self.request_date)

    @property
    def result_at(self) -> datetime | None:
        """:attr:`result_date` as a naive Korea-time datetime (``None`` if absent)."""
        return parse_date(self.result_date)


@attrs.frozen(slots=True)
class Attachment:
    """An uploaded MMS image; pass ``file_id`` in ``attachment_ids``.

    Attributes:
        file_id: the id to send in ``attachFileIdList``.
        file_name: the name it was uploaded under.
        file_path: the provider's storage path.
    """

    file_id: int
    file_name: str
    file_path: str | None = None


@attrs.frozen(slots=True)
class CancelResult:
    """The answer to a cancel of scheduled SMS.

    Attributes:
        requested: how many recipients the request asked to cancel.
        canceled: how many were still scheduled and are now cancelled.
    """

    requested: int
    canceled: int


def _delivery(item: JSONDict) -> SmsDelivery:
    raw_code = opt_str(item.get("resultCode"))
    dlr_raw = item.get("dlr")
    dlr = None
    if isinstance(dlr_raw, dict):
        raw_status = opt_str(dlr_raw.get("dlrStatus"))
        raw_error = opt_str(dlr_raw.get("errorCode"))
        error_int = opt_int(raw_error)
        dlr = DlrInfo(
            status=DlrStatus.parse(raw_status),
            error=None if error_int is None else DlrErrorCode.parse(error_int),
            network_code=opt_str(dlr_raw.get("networkCode")),
            raw_status=raw_status,
            raw_error=raw_error,
        )
    # Lists say recipientSeq (int); single MMS queries say mtPr (a string).
    seq = item.get("recipientSeq")
    if seq is None:
        seq = item.get("mtPr")
    return SmsDelivery(
        request_id=str(item.get("requestId") or ""),
        seq=opt_int(seq),
        recipient=opt_str(item.get("recipientNo")),
        status=SmsMessageStatus.parse(item.get("msgStatus")),
        result_code=SmsResultCode.parse(raw_code) if raw_code else None,
        raw_result_code=raw_code,
        message_type=opt_str(item.get("messageType")),
        body=opt_str(item.get("body")),
        title=opt_str(item.get("title")),
        sender=opt_str(item.get("sendNo")),
        country_code=opt_str(item.get("countryCode")),
        request_date=opt_str(item.get("requestDate")),
        result_date=opt_str(item.get("resultDate")),
        sender_grouping_key=opt_str(item.get("senderGroupingKey")),
        # Some answers spell it with a capital R.
        recipient_grouping_key=opt_str(
            item.get("recipientGroupingKey") or item.get("RecipientGroupingKey")
        ),
        template_id=opt_str(item.get("templateId")),
        is_ad=item.get("adYn") == "Y",
        telecom_code=opt_int(item.get("telecomCode")),
        dlr=dlr,
    )


# --- sends ---------------------------------------------------------------------


def _merged(params: dict[str, str] | None, own: dict[str, str] | None) -> dict[str, str] | None:
    if own is None:
        return params
    return {**(params or {}), **own}


def _substitute(body: str, params: Mapping[str, str] | None) -> str:
    if not params:
        return body
    return _TEMPLATE_VAR.sub(lambda m: str(params.get(m.group(1), m.group(0))), body)


def _check_params(params: object, field: str) -> dict[str, str] | None:
    """Validate template parameters; numbers are accepted and sent as text."""
    if params is None:
        return None
    if not isinstance(params, Mapping):
        raise ValidationError(
            f"{field} must be a mapping of str to str, not {type(params).__name__}", field=field
        )
    out: dict[str, str] = {}
    for name, value in params.items():
        if not isinstance(name, str) or not name:
            raise ValidationError(f"{field}: keys must be non-empty str, not {name!r}", field=field)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValidationError(
                f"{field}[{name!r}] must be a str, not {type(value).__name__}", field=field
            )
        try:
            encoded_length(value, f"{field}[{name!r}]")
        except ValidationError as exc:
            raise ValidationError(exc.message, field=field) from None
        out[name] = value
    return out


def _check_auth_words(text: str) -> None:
    lowered = text.lower()
    if not any(word in lowered for word in AUTH_WORDS):
        raise ValidationError(
            "body of an authentication SMS must contain one of "
            f"{', '.join(AUTH_WORDS)} (API rule -8000), e.g. '[인증] code 1234'",
            field="body",
        )


def _check_ad_text(body: str) -> None:
    # The API looks at the very first characters: a leading space or line
    # break already fails with -6003, so no stripping here.
    if not body.startswith(AD_PREFIX):
        raise ValidationError(
            f"body of an advertising message must start with {AD_PREFIX!r} (API rule -6003)",
            field="body",
        )
    if _AD_SUFFIX.search(body.rstrip()) is None:
        raise ValidationError(
            "body of an advertising message must end with the free opt-out line "
            "'무료수신거부 080XXXXXXX' (or '무료거부 080...') naming your registered 080 "
            "number (API rule -6003)",
            field="body",
        )


def _sender(ctx: Context, sender: str | None, *, optional: bool) -> str | None:
    value = sender if sender is not None else ctx.config.sms_sender
    if value is None:
        if optional:
            return None
        raise ValidationError(
            "no sender number: pass sender= or configure sms_sender= / $NHN_SMS_SENDER",
            field="sender",
        )
    digits = _SENDER_STRIP.sub("", value) if isinstance(value, str) else value
    if not isinstance(digits, str) or _SENDER_SHAPE.fullmatch(digits) is None:
        raise ValidationError(
            "sender must be a registered sender number of 3 to 13 digits", field="sender"
        )
    return digits


def _country_code(recipient: Recipient) -> str | None:
    code = recipient.country_code
    if code is None:
        return None
    text = code.lstrip("+") if isinstance(code, str) else None
    if text is None or _COUNTRY_SHAPE.fullmatch(text) is None:
        raise ValidationError(
            f"to: country_code must be 1 to 8 digits (e.g. '82', '1'), not {code!r}", field="to"
        )
    return text


def _wire_recipient(recipient: Recipient) -> tuple[JSONDict, bool]:
    """The recipientList entry of one recipient, and whether it is abroad.

    A number written with ``+`` is taken as international: ``+82`` numbers go
    as the domestic form (``+821055550123`` -> ``01055550123``), others as
    ``internationalRecipientNo`` (the country code included, without ``+``).
    """
    number = recipient.number
    country = _country_code(recipient)
    if number.startswith("+"):
        if country is not None:
            raise ValidationError(
                "to: give either a +country number or country_code=, not both", field="to"
            )
        digits = number[1:]
        if digits.startswith("82"):
            national = digits[2:]
            return {"recipientNo": national if national.startswith("0") else "0" + national}, False
        return {"internationalRecipientNo": digits}, True
    entry: JSONDict = {"recipientNo": number}
    if country is not None:
        entry["countryCode"] = country
    return entry, country not in (None, "82")


def _recipient_list(
    recipients: tuple[Recipient, ...],
    params: list[dict[str, str] | None],
    *,
    domestic_only: bool,
) -> list[JSONDict]:
    out: list[JSONDict] = []
    for r, merged in zip(recipients, params, strict=True):
        entry, abroad = _wire_recipient(r)
        if abroad and domestic_only:
            raise ValidationError(
                f"to: LMS/MMS cannot be sent abroad ({mask_number(r.number)}, API rule -2024); "
                "send a short SMS with send_sms",
                field="to",
            )
        if merged:
            entry["templateParameter"] = merged
        if r.grouping_key is not None:
            entry["recipientGroupingKey"] = optional_key(r.grouping_key, "to")
        out.append(entry)
    return out


def _check_body(kind: str, body: str, params: list[dict[str, str] | None]) -> None:
    """Check the text each recipient will receive, after ##key## substitution."""
    long_message = kind in ("mms", "ad-mms")
    if long_message:
        require_text(body, "body", max_chars=MMS_BODY_MAX_CHARS)
    else:
        require_text(body, "body", max_bytes=SMS_BODY_MAX_BYTES, hint=_SMS_HINT)
    largest = encoded_length(body, "body")
    has_vars = _TEMPLATE_VAR.search(body) is not None
    for index, merged in enumerate(params):
        text = body
        if has_vars and merged:
            text = _substitute(body, merged)
            where = f" for recipient #{index + 1} after ##key## substitution"
            size = encoded_length(text, "params")
            if long_message and len(text) > MMS_BODY_MAX_CHARS:
                raise ValidationError(
                    f"body is {len(text)} characters{where}; the limit is {MMS_BODY_MAX_CHARS}",
                    field="body",
                )
            if not long_message and size > SMS_BODY_MAX_BYTES:
                raise ValidationError(
                    f"body is {size} bytes in EUC-KR (Hangul counts 2){where}; the limit is "
                    f"{SMS_BODY_MAX_BYTES}{_SMS_HINT}",
                    field="body",
                )
            largest = max(largest, size)
        if kind == "auth":
            _check_auth_words(text)
    if long_message and largest > MMS_BODY_STANDARD_BYTES:
        warnings.warn(
            f"body is over {MMS_BODY_STANDARD_BYTES} EUC-KR bytes; some handsets cut it",
            stacklevel=5,
        )


def _attachment_ids(attachment_ids: object, long_message: bool) -> list[int]:
    if isinstance(attachment_ids, (str, bytes)) or not isinstance(attachment_ids, Iterable):
        raise ValidationError(
            "attachment_ids must be an iterable of file ids (from upload_attachment)",
            field="attachment_ids",
        )
    ids = list(attachment_ids)
    if ids and not long_message:
        raise ValidationError("attachments need send_mms / send_ad_mms", field="attachment_ids")
    if len(ids) > MAX_ATTACHMENTS or not all(
        isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids
    ):
        raise ValidationError(
            f"attachment_ids takes at most {MAX_ATTACHMENTS} positive integer file ids "
            "(from upload_attachment)",
            field="attachment_ids",
        )
    return ids


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
    # Only long messages have these; the short-message builders leave them out.
    title: str | None = None,
    attachment_ids: Iterable[int] = (),
) -> Operation[SendResult]:
    send_path, list_path, label = _KINDS[kind]
    recipients = normalize_recipients(to)
    long_message = kind in ("mms", "ad-mms")
    call_params = _check_params(params, "params")
    merged_params = [_merged(call_params, _check_params(r.params, "params")) for r in recipients]
    # With a template and no body, the API takes body and sender from the template.
    template_body = template_id is not None and (body is None or body == "")
    if template_body:
        body = ""
    elif body is None:
        raise ValidationError("body is required (or pass template_id=)", field="body")
    else:
        _check_body(kind, body, merged_params)
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
    if kind.startswith("ad-") and body:
        _check_ad_text(body)
    wire_recipients = _recipient_list(recipients, merged_params, domestic_only=long_message)
    send_no = _sender(ctx, sender, optional=template_body)
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
    built_at = ctx.now_kst()

    def parse(data: JSONDict) -> SendResult:
        return _parse_send(data, recipients, key)

    def lookup() -> Operation[SendResult | None]:
        # What the listing's "body" should read for each recipient, so that a
        # reused caller key cannot make an earlier, different text pass for it.
        texts = [_substitute(body, merged) if body else None for merged in merged_params]
        return _lookup_send(ctx, list_path, key, built_at, recipients, texts)

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


def _data_of(data: JSONDict) -> JSONDict:
    """``body.data`` of a single-object answer, or ProtocolError."""
    body = expect_dict(data.get("body"), "body", "sms")
    return expect_dict(body_of(body, "data", "sms"), "body.data", "sms")


def _result_code(value: object) -> int | None:
    """A per-recipient send code (an int, or a digit string); ``None`` when there is none."""
    if value is None or value == "":
        # Not a success: the answer does not say what happened to this recipient.
        return None
    code = opt_int(value)
    if code is None:
        raise ProtocolError(
            f"sms API answer: sendResultList[].resultCode {quote(value)} is not a result code",
            service="sms",
        )
    return code


def _parse_send(data: JSONDict, sent: tuple[Recipient, ...], key: str) -> SendResult:
    inner = _data_of(data)
    request_id = opt_str(inner.get("requestId"))
    if not request_id:
        raise ProtocolError(
            "sms API accepted the send but its answer has no body.data.requestId; look the "
            f"send up by senderGroupingKey {key!r} before sending again",
            service="sms",
        )
    raw_rows = inner.get("sendResultList")
    rows: list[AnsweredRow] = []
    # A 1,000-recipient answer goes through this loop 1,000 times: the exact
    # types the API documents are taken as they are, the tolerant readers
    # only run for the odd forms (string codes, "mtPr", missing fields).
    for row in expect_list(raw_rows, "sendResultList", "sms"):
        if not isinstance(row, dict):
            continue
        seq = row.get("recipientSeq")
        if type(seq) is not int:
            seq = opt_int(seq if seq is not None else row.get("mtPr"))
        number = row.get("recipientNo")
        if type(number) is not str or not number:
            number = opt_str(number)
        code = row.get("resultCode")
        if type(code) is not int:
            code = _result_code(code)
        message = row.get("resultMessage")
        if type(message) is not str:
            message = opt_str(message) or ""
        grouping = row.get("recipientGroupingKey") or row.get("RecipientGroupingKey")
        if grouping is not None and type(grouping) is not str:
            grouping = opt_str(grouping)
        rows.append((seq, number, code, message, grouping))
    recipients = answered_recipients(
        rows, [r.number for r in sent], [r.grouping_key for r in sent], "sms"
    )
    return SendResult(
        service="sms",
        request_id=request_id,
        recipients=recipients,
        sender_grouping_key=opt_str(inner.get("senderGroupingKey")) or key,
    )


def _lookup_send(
    ctx: Context,
    list_path: str,
    key: str,
    built_at: datetime,
    sent: tuple[Recipient, ...],
    texts: list[str | None],
) -> Operation[SendResult | None]:
    """The query that finds a send again by its senderGroupingKey."""
    params = {
        "senderGroupingKey": key,
        "startCreateDate": (built_at - _LOOKUP_SKEW).strftime(_QUERY_FORMAT),
        "endCreateDate": (ctx.now_kst() + _LOOKUP_SKEW).strftime(_QUERY_FORMAT),
        "pageNum": 1,
        "pageSize": 1000,
    }

    def parse(data: JSONDict) -> SendResult | None:
        body = expect_dict(data.get("body"), "body", "sms")
        items = [
            i for i in expect_list(body.get("data"), "body.data", "sms") if isinstance(i, dict)
        ]
        rows = []
        for item in items:
            if item.get("senderGroupingKey") not in (None, key):
                continue
            delivery = _delivery(item)
            rows.append(
                ListedRow(
                    delivery.request_id,
                    delivery.seq,
                    delivery.recipient,
                    delivery.recipient_grouping_key,
                    delivery.body,
                )
            )
        return recovered_result(
            rows,
            [r.number for r in sent],
            service="sms",
            namespace="sms",
            grouping_key=key,
            sent_grouping_keys=[r.grouping_key for r in sent],
            markers=texts,
        )

    return Operation(
        namespace="sms",
        method="GET",
        path=f"{_PREFIX}/{list_path}",
        parse=parse,
        safety=Safety.READ,
        params=params,
        label="reconcile_sms",
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
    retry: RetryPolicy | None = None,
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
        retry: a :class:`~notify_sdk.RetryPolicy` for this call only.

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
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send a long message: an LMS, or an MMS when ``attachment_ids`` are given.

    Args:
        to: recipients, as for :meth:`send_sms`. Domestic numbers only.
        body: the text, at most 4,000 characters (a warning is issued above
            2,000 EUC-KR bytes, which some handsets cut).
        title: the subject, at most 120 characters (warning above 40 bytes).
        sender: the registered sender number; default the client's ``sms_sender``.
        attachment_ids: up to 3 ids from :meth:`upload_attachment` (jpg images).
        template_id, params, scheduled_at, sender_grouping_key, user_id, retry:
            as for :meth:`send_sms`.

    Raises:
        ValidationError: bad input, before anything is sent.
        APIError: a failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    return _send(
        ctx, "mms", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=scheduled_at, sender_grouping_key=sender_grouping_key, user_id=user_id,
        retry=retry, title=title, attachment_ids=attachment_ids,
    )  # fmt: skip


def send_auth_sms(
    ctx: Context,
    to: Recipients,
    body: str | None,
    *,
    sender: str | None = None,
    template_id: str | None = None,
    params: Mapping[str, str] | None = None,
    sender_grouping_key: str | None = None,
    user_id: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send an authentication SMS (OTP), which the provider sends with priority.

    The text (after ``##key##`` substitution) must contain one of
    ``auth``, ``password``, ``verify``, ``인증``, ``비밀번호``, ``認証``,
    ``にんしょう`` (the API refuses it otherwise, -8000). Other arguments as
    for :meth:`send_sms`; authentication messages cannot be scheduled.

    Raises:
        ValidationError: bad input (including a missing authentication word).
        APIError: a failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    return _send(
        ctx, "auth", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=None, sender_grouping_key=sender_grouping_key, user_id=user_id, retry=retry,
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
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send an advertising SMS.

    The body must start with ``(광고)`` and end with the free opt-out line
    ``무료수신거부 080XXXXXXX`` (or ``무료거부 ...``) naming an 080 number
    registered for your app key; the SDK checks the shape, the API checks the
    number (-6004). Korean law requires separate consent for ads between
    21:00 and 08:00. Other arguments as for :meth:`send_sms`.

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
    retry: RetryPolicy | None = None,
) -> Operation[SendResult]:
    """Send an advertising LMS/MMS: the ad wording of :meth:`send_ad_sms`, the
    limits and arguments of :meth:`send_mms`.

    Raises:
        ValidationError: bad input (including the ad wording).
        APIError: a failure the API reports.
        TransportError: the network failed and retries ran out.
    """
    return _send(
        ctx, "ad-mms", to, body, sender=sender, template_id=template_id, params=params,
        scheduled_at=scheduled_at, sender_grouping_key=sender_grouping_key, user_id=user_id,
        retry=retry, title=title, attachment_ids=attachment_ids,
    )  # fmt: skip


# --- attachments -----------------------------------------------------------------


def upload_attachment(
    ctx: Context,
    file: bytes | str | os.PathLike[str],
    *,
    file_name: str | None = None,
    create_user: str = "notify-sdk",
    retry: RetryPolicy | None = None,
) -> Operation[Attachment]:
    """Upload a JPEG image for an MMS; pass the returned ``file_id`` to ``send_mms``.

    Args:
        file: the image bytes, or a path to a ``.jpg`` / ``.jpeg`` file (read
            when the method is called).
        file_name: the name to upload under (required with bytes; default the
            path's name); must end in ``.jpg`` or ``.jpeg``, at most 45 characters.
        create_user: the uploader label the API records (at most 100 characters).
        retry: a retry policy for this call only.

    Raises:
        ValidationError: not a jpg name, empty, or 300 KB or more.
        APIError: the API refused the file.
    """
    if isinstance(file, (bytes, bytearray, memoryview)):
        content = bytes(file)
        name = file_name
    elif isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        try:
            # Refuse a huge file before reading it into memory.
            if os.stat(path).st_size >= ATTACHMENT_MAX_BYTES:
                raise ValidationError(
                    f"file {os.path.basename(path)!r} is 300 KB or more; the API's limit is "
                    "under 300 KB (-2005)",
                    field="file",
                )
            with open(path, "rb") as handle:
                content = handle.read()
        except OSError as exc:
            raise ValidationError(
                f"file: cannot read {path!r} ({exc.strerror})", field="file"
            ) from None
        name = file_name or os.path.basename(path)
    else:
        raise ValidationError("file must be bytes or a path", field="file")
    if not name:
        raise ValidationError("file_name is required when uploading bytes", field="file_name")
    if not isinstance(name, str) or len(name) > 45 or not name.lower().endswith((".jpg", ".jpeg")):
        raise ValidationError(
            "file_name must end in .jpg or .jpeg and be at most 45 characters", field="file_name"
        )
    if not content or len(content) >= ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            f"file must be between 1 byte and 300 KB, not {len(content)} bytes", field="file"
        )

    create_user = require_text(create_user, "create_user", max_chars=100)

    def parse(data: JSONDict) -> Attachment:
        inner = _data_of(data)
        file_id = opt_int(inner.get("fileId"))
        if file_id is None:
            raise ProtocolError(
                f"sms API answer to the upload has no usable fileId ({inner.get('fileId')!r})",
                service="sms",
            )
        return Attachment(
            file_id=file_id,
            file_name=opt_str(inner.get("fileName")) or str(name),
            file_path=opt_str(inner.get("filePath")),
        )

    return Operation(
        namespace="sms",
        method="POST",
        path=f"{_PREFIX}/attachfile/binaryUpload",
        parse=parse,
        # A repeated upload only leaves an unused temporary file behind (it
        # expires), so an ambiguous failure is worth retrying.
        safety=Safety.READ,
        json={
            "fileName": name,
            "createUser": create_user,
            "fileBody": base64.b64encode(content).decode("ascii"),
        },
        retry=retry,
        label="upload_attachment",
    )


# --- queries ---------------------------------------------------------------------


_QUERY_PATHS = {"sms": "sender/sms", "mms": "sender/mms", "auth": "sender/auth/sms"}


def _query_path(kind: str) -> str:
    try:
        return _QUERY_PATHS[kind]
    except KeyError:
        raise ValidationError(
            f"kind must be 'sms', 'mms' or 'auth', not {kind!r}", field="kind"
        ) from None


def get_sms_delivery(
    ctx: Context,
    request_id: str,
    seq: int,
    *,
    kind: QueryKind = "sms",
    retry: RetryPolicy | None = None,
) -> Operation[SmsDelivery]:
    """Get the delivery state of one recipient of an SMS send.

    Args:
        request_id: the send's ``request_id``.
        seq: the recipient's ``seq`` (``RecipientResult.seq``).
        kind: ``"sms"`` (short and ad SMS), ``"mms"`` (LMS/MMS, ad MMS) or
            ``"auth"``.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad arguments, or the API does not know the id (-2008, -2012).
    """
    path = _query_path(kind)
    request_id = _request_id(request_id, "request_id")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValidationError("seq must be a positive int (RecipientResult.seq)", field="seq")

    def parse(data: JSONDict) -> SmsDelivery:
        item = _data_of(data)
        delivery = _delivery(item)
        if not delivery.request_id or delivery.seq is None:
            # The MMS single query names the seq ``mtPr`` and may omit fields:
            # fill the identity from the request itself.
            delivery = attrs.evolve(
                delivery, request_id=delivery.request_id or request_id, seq=delivery.seq or seq
            )
        return delivery

    return Operation(
        namespace="sms",
        method="GET",
        path=f"{_PREFIX}/{path}/{request_id}",
        parse=parse,
        safety=Safety.READ,
        params={"recipientSeq": seq},
        retry=retry,
        label="get_sms_delivery",
    )


def _request_id(value: object, field: str) -> str:
    """A requestId, checked so that it cannot change the URL path it goes into."""
    if not isinstance(value, str) or _REQUEST_ID_SHAPE.fullmatch(value) is None:
        raise ValidationError(
            f"{field} must be the API's requestId (1 to 25 letters and digits), not {value!r}",
            field=field,
        )
    return value


def _query_date(value: object, field: str) -> str:
    if not isinstance(value, datetime):
        raise ValidationError(f"{field} must be a datetime", field=field)
    return to_kst(value).strftime(_QUERY_FORMAT)


def list_sms_deliveries(
    ctx: Context,
    *,
    kind: QueryKind = "sms",
    request_id: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    result_from: datetime | None = None,
    result_to: datetime | None = None,
    sender_grouping_key: str | None = None,
    recipient_grouping_key: str | None = None,
    recipient: str | None = None,
    sender: str | None = None,
    template_id: str | None = None,
    status: SmsMessageStatus | str | None = None,
    result: MtrCode | str | None = None,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[SmsDelivery]:
    """List SMS deliveries, fetching further pages as you iterate.

    Give ``request_id``, or a ``requested_from``/``requested_to`` range, or a
    ``created_from``/``created_to`` range (the API needs one; a range spans
    at most 31 days). Naive datetimes are Korea time.

    Args:
        kind: ``"sms"``, ``"mms"`` or ``"auth"`` (ad messages are listed under
            ``"sms"`` and ``"mms"``).
        request_id: all recipients of one send.
        requested_from, requested_to: the send (or scheduled) time range.
        created_from, created_to: the registration time range (wins over the
            requested range when both are given).
        result_from, result_to: an optional receive-result time range; it
            narrows a listing but does not select one on its own.
        sender_grouping_key, recipient_grouping_key, recipient, sender,
            template_id: filters.
        status: a :class:`SmsMessageStatus` filter.
        result: an :class:`~notify_sdk.delivery.MtrCode` filter (``MTR1``
            success, ``MTR2`` failure, ``MTR2_1``..``MTR2_3`` failure kinds).
        page_size: items per request, 1..1,000.
        limit: stop after this many items (also caps the page size, so
            ``limit=1`` asks for one item).
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`SmsDelivery`.
        Page 2 is requested only when page 1 was full and the ``totalCount``
        says more remain.

    Example::

        for d in client.list_sms_deliveries(request_id=result.request_id):
            print(d.seq, d.status, d.outcome)

    Raises:
        ValidationError: no selector, a range over 31 days, bad arguments.
    """
    path = _query_path(kind)
    params: dict[str, Any] = {}
    if request_id is not None:
        params["requestId"] = _request_id(request_id, "request_id")
    for start, end, prefix, wire in (
        (requested_from, requested_to, "requested", "RequestDate"),
        (created_from, created_to, "created", "CreateDate"),
        (result_from, result_to, "result", "ResultDate"),
    ):
        if start is None and end is None:
            continue
        if start is None or end is None:
            raise ValidationError(
                f"{prefix}_from and {prefix}_to go together", field=f"{prefix}_from"
            )
        params[f"start{wire}"] = _query_date(start, f"{prefix}_from")
        params[f"end{wire}"] = _query_date(end, f"{prefix}_to")
        span = to_kst(end) - to_kst(start)
        if span < timedelta(0) or span > timedelta(days=31):
            raise ValidationError(
                f"{prefix}_from..{prefix}_to must be ordered and span at most 31 days "
                "(API rule -4000)",
                field=f"{prefix}_from",
            )
    if not ({"requestId", "startRequestDate", "startCreateDate"} & params.keys()):
        raise ValidationError(
            "give request_id, requested_from/requested_to or created_from/created_to "
            "(API rule -2011)",
            field="request_id",
        )
    for name, value, wire in (
        ("sender_grouping_key", sender_grouping_key, "senderGroupingKey"),
        ("recipient_grouping_key", recipient_grouping_key, "recipientGroupingKey"),
        ("template_id", template_id, "templateId"),
    ):
        if value is not None:
            params[wire] = optional_key(value, name)
    if recipient is not None:
        params["recipientNo"] = normalize_number(recipient, "recipient")
    if sender is not None:
        params["sendNo"] = normalize_number(sender, "sender")
    if status is not None:
        parsed = SmsMessageStatus.parse(status.value if isinstance(status, enum.Enum) else status)
        if parsed is None:
            raise ValidationError(f"status {status!r} is not a SmsMessageStatus", field="status")
        params["msgStatus"] = parsed.value
    if result is not None:
        mtr = MtrCode.parse(result.value if isinstance(result, enum.Enum) else result)
        if mtr is None:
            raise ValidationError(f"result {result!r} is not an MtrCode", field="result")
        # A failure kind (MTR2_1..MTR2_3) is a sub-code of MTR2.
        if "_" in mtr.value:
            params["resultCode"] = mtr.value.split("_", 1)[0]
            params["subResultCode"] = mtr.value
        else:
            params["resultCode"] = mtr.value
    if not isinstance(page_size, int) or isinstance(page_size, bool) or not 1 <= page_size <= 1000:
        raise ValidationError("page_size must be an int from 1 to 1,000", field="page_size")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValidationError("limit must be a positive int or None", field="limit")
    if limit is not None:
        page_size = min(page_size, limit)

    def fetch(page_num: int, size: int) -> Operation[Page[SmsDelivery]]:
        return Operation(
            namespace="sms",
            method="GET",
            path=f"{_PREFIX}/{path}",
            parse=_parse_delivery_page,
            safety=Safety.READ,
            params={**params, "pageNum": page_num, "pageSize": size},
            retry=retry,
            label="list_sms_deliveries",
        )

    return Pager(fetch=fetch, page_size=page_size, limit=limit)


def _parse_delivery_page(data: JSONDict) -> Page[SmsDelivery]:
    body = expect_dict(data.get("body"), "body", "sms")
    items = expect_list(body_of(body, "data", "sms"), "body.data", "sms")
    total = opt_int(body.get("totalCount"))
    return Page(tuple(_delivery(i) for i in items if isinstance(i, dict)), total)


def cancel_scheduled_sms(
    ctx: Context,
    request: SendResult | str,
    recipient_seqs: Iterable[int] | None = None,
    *,
    update_user: str = "notify-sdk",
    retry: RetryPolicy | None = None,
) -> Operation[CancelResult]:
    """Cancel scheduled SMS recipients that have not been sent yet.

    Args:
        request: the :class:`~notify_sdk.SendResult` of the scheduled send, or
            its ``request_id``.
        recipient_seqs: which recipients to cancel; default every recipient of
            the given ``SendResult`` (required when ``request`` is an id).
        update_user: the label the API records as the canceller.
        retry: a retry policy for this call only.

    Returns:
        How many recipients were asked for and how many were cancelled (only
        those still scheduled can be).
    """
    if isinstance(request, SendResult):
        if request.request_id is None:
            raise ValidationError("this SendResult has no request_id", field="request")
        request_id = request.request_id
        if recipient_seqs is None:
            recipient_seqs = [r.seq for r in request.recipients if r.ok and r.seq is not None]
    else:
        request_id = _request_id(request, "request")
        if recipient_seqs is None:
            raise ValidationError(
                "recipient_seqs is required when request is a request id", field="recipient_seqs"
            )
    if isinstance(recipient_seqs, int) or not isinstance(recipient_seqs, Iterable):
        raise ValidationError(
            "recipient_seqs must be an iterable of RecipientResult.seq values",
            field="recipient_seqs",
        )
    seqs = list(recipient_seqs)
    if not seqs or not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in seqs):
        raise ValidationError("recipient_seqs must be positive ints", field="recipient_seqs")

    update_user = require_text(update_user, "update_user", max_chars=100)

    def parse(data: JSONDict) -> CancelResult:
        inner = _data_of(data)
        return CancelResult(
            requested=opt_int(inner.get("requestedCount")) or 0,
            canceled=opt_int(inner.get("canceledCount")) or 0,
        )

    return Operation(
        namespace="sms",
        method="PUT",
        path=f"{_PREFIX}/reservations/cancel",
        parse=parse,
        # A repeat after an ambiguous failure would report canceled=0 for a
        # cancel that worked: raise instead, as the KakaoTalk cancels do.
        safety=Safety.UNSAFE,
        json={
            "reservationList": [{"requestId": request_id, "recipientSeq": s} for s in seqs],
            "updateUser": update_user,
        },
        retry=retry,
        label="cancel_scheduled_sms",
    )


class SmsMethods:
    """The SMS methods of :class:`~notify_sdk.NotifyClient`."""

    send_sms = sync_method(send_sms)
    send_mms = sync_method(send_mms)
    send_auth_sms = sync_method(send_auth_sms)
    send_ad_sms = sync_method(send_ad_sms)
    send_ad_mms = sync_method(send_ad_mms)
    upload_attachment = sync_method(upload_attachment)
    get_sms_delivery = sync_method(get_sms_delivery)
    list_sms_deliveries = sync_pager(list_sms_deliveries)
    cancel_scheduled_sms = sync_method(cancel_scheduled_sms)


class AsyncSmsMethods:
    """The SMS methods of :class:`~notify_sdk.AsyncNotifyClient` (awaitable)."""

    send_sms = async_method(send_sms)
    send_mms = async_method(send_mms)
    send_auth_sms = async_method(send_auth_sms)
    send_ad_sms = async_method(send_ad_sms)
    send_ad_mms = async_method(send_ad_mms)
    upload_attachment = async_method(upload_attachment)
    get_sms_delivery = async_method(get_sms_delivery)
    list_sms_deliveries = async_pager(list_sms_deliveries)
    cancel_scheduled_sms = async_method(cancel_scheduled_sms)
