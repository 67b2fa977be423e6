"""SMS v3.0 query models and the constants every SMS module shares."""

from __future__ import annotations

import enum
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

import attrs

from ..._core import (
    JSONDict,
    body_of,
    expect_dict,
)
from ..._core.wire import opt_int, opt_str, parse_date

# The shared cancel answer lived here first; kept importable from the SMS models.
from ...results import CancelResult as CancelResult

if TYPE_CHECKING:
    # The code tables load when a delivery is read: a send never needs them.
    from ...delivery import DlrErrorCode, DlrStatus, Outcome, SmsResultCode


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
        from ...delivery import Outcome

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


def _delivery(item: JSONDict) -> SmsDelivery:
    from ...delivery import DlrErrorCode, DlrStatus, SmsResultCode

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


def _data_of(data: JSONDict) -> JSONDict:
    """``body.data`` of a single-object answer, or ProtocolError."""
    body = expect_dict(data.get("body"), "body", "sms")
    return expect_dict(body_of(body, "data", "sms"), "body.data", "sms")
