"""SMS 080 opt-out service (``blockservice``): opt-out numbers and opted-out recipients.

Sending an advertisement to a number that opted out through the 080 number is
a legal problem, not only a failed recipient (-6001): applications keep
their own opt-out list in sync with these endpoints, and filter every ad
audience with :func:`split_opted_out` (or the client's ``filter_opted_out``)
before the send.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from ..._core import (
    AsyncRunner,
    Context,
    JSONDict,
    Operation,
    Pager,
    Safety,
    SyncRunner,
    async_pager,
    sync_pager,
)
from ..._core.endpoints import SMS
from ..._core.models import Recipient
from ..._core.params import mask_number, normalize_number, require_text
from ..._core.wire import opt_str, parse_date
from ...errors import ProtocolError, ValidationError
from .._manage import (
    SMS_QUERY_FORMAT,
    date_range,
    header_only,
    paged,
    segment,
    sms_object,
    sms_page,
)

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = [
    "AsyncOptOutHelpers",
    "OptOutFilter",
    "OptOutHelpers",
    "OptOutNumber",
    "OptOutNumberStatus",
    "OptedOutRecipient",
    "split_opted_out",
]

#: Numbers one register or remove call carries (our cap: one URL / body).
MAX_NUMBERS_PER_CALL = 1000
UNSUBSCRIBE_NO_MAX = 25


class OptOutNumberStatus(str, enum.Enum):
    """The state of an 080 opt-out number (``status``)."""

    #: Applied for; opens in 3-4 days.
    RESERVE_USE = "RESERVE_USE"
    #: Active: ads may name it.
    USED = "USED"
    #: Cancelled: ads naming it fail.
    TERMINATE = "TERMINATE"
    #: An external 080 number registered with the project.
    EXTERNAL_REGIST = "EXTERNAL_REGIST"
    #: A cancelled external number.
    EXTERNAL_TERMINATE = "EXTERNAL_TERMINATE"


def _mask(number: str) -> str:
    return mask_number(number)


@attrs.frozen(slots=True)
class OptOutNumber:
    """An 080 opt-out number of the SMS project.

    Attributes:
        unsubscribe_no: the 080 number, digits only.
        enterprise_name: the company name registered with it.
        status: an :class:`OptOutNumberStatus`, or the raw text of a state
            this SDK does not know yet.
        share_type: ``"MASTER"`` (owned) or ``"SHARE"`` (shared with the project).
        requested_at: when it was applied for (Korea time, naive).
        started_at: when it came into use, if it did.
    """

    unsubscribe_no: str
    enterprise_name: str | None = None
    status: OptOutNumberStatus | str | None = None
    share_type: str | None = None
    requested_at: datetime | None = None
    started_at: datetime | None = None

    @property
    def usable(self) -> bool:
        """Whether ads may name this number now (in use, or a live external number)."""
        return self.status in (OptOutNumberStatus.USED, OptOutNumberStatus.EXTERNAL_REGIST)


@attrs.frozen(slots=True)
class OptedOutRecipient:
    """A recipient who opted out of ads through an 080 number.

    Attributes:
        recipient_no: the number (masked in ``repr``: personal data).
        unsubscribe_no: the 080 number it called.
        requested_at: when the opt-out was registered (Korea time, naive).
    """

    recipient_no: str = attrs.field(repr=_mask)
    unsubscribe_no: str | None = None
    requested_at: datetime | None = None


@attrs.frozen(slots=True)
class OptOutFilter:
    """An ad audience split into who may receive it and who opted out.

    Attributes:
        allowed: the recipients to send to, in the order given (each a
            :class:`~notify_sdk.Recipient`, its number normalized).
        opted_out: the numbers left out because they opted out (masked in ``repr``).
    """

    allowed: tuple[Recipient, ...]
    opted_out: tuple[str, ...] = attrs.field(repr=lambda v: repr(tuple(_mask(n) for n in v)))


def _status(value: object) -> OptOutNumberStatus | str | None:
    text = opt_str(value)
    if text is None:
        return None
    try:
        return OptOutNumberStatus(text)
    except ValueError:
        return text


def _number(item: JSONDict) -> OptOutNumber:
    number = opt_str(item.get("unsubscribeNo"))
    if not number:
        raise ProtocolError("sms API answer: an 080 number without unsubscribeNo", service="sms")
    return OptOutNumber(
        unsubscribe_no=number,
        enterprise_name=opt_str(item.get("enterpriseName")),
        status=_status(item.get("status")),
        share_type=opt_str(item.get("shareType")),
        requested_at=parse_date(opt_str(item.get("requestDateTime"))),
        started_at=parse_date(opt_str(item.get("startDateTime"))),
    )


def _recipient(item: JSONDict) -> OptedOutRecipient:
    number = opt_str(item.get("recipientNo"))
    if not number:
        raise ProtocolError("sms API answer: an opted-out entry without recipientNo", service="sms")
    return OptedOutRecipient(
        recipient_no=number,
        unsubscribe_no=opt_str(item.get("unsubscribeNo")),
        requested_at=parse_date(opt_str(item.get("requestDate"))),
    )


def _unsubscribe_no(value: object, field: str = "unsubscribe_no") -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be the 080 number as a str", field=field)
    digits = normalize_number(value, field)
    return segment(digits, field, max_chars=UNSUBSCRIBE_NO_MAX)


def _numbers(numbers: object, field: str) -> list[str]:
    if isinstance(numbers, str) or not isinstance(numbers, Iterable):
        raise ValidationError(f"{field} must be an iterable of phone numbers", field=field)
    out = [normalize_number(n, field) for n in numbers]
    if not out:
        raise ValidationError(f"{field}: at least one number is required", field=field)
    if len(out) > MAX_NUMBERS_PER_CALL:
        raise ValidationError(
            f"{field}: at most {MAX_NUMBERS_PER_CALL} numbers per call; split the list",
            field=field,
        )
    return out


def _one_number(data: JSONDict) -> OptOutNumber:
    # The docs print this single query with a listing's shape (a one-item
    # ``data`` array and paging fields): both are read.
    return _number(sms_object(data, "080 number"))


def _segments(unsubscribe_no: object) -> dict[str, str]:
    return {"unsubscribeNo": _unsubscribe_no(unsubscribe_no)}


_GROUP = "080 opt-out"

OPTOUT_NUMBERS = SMS.endpoint(
    "list_optout_numbers",
    "GET",
    "blockservice/unsubscribe-nos",
    group=_GROUP,
    pager=True,
    parser=sms_page(_number),
)
OPTOUT_NUMBER = SMS.endpoint(
    "get_optout_number",
    "GET",
    "blockservice/unsubscribe-nos/{unsubscribeNo}",
    group=_GROUP,
    segments={"unsubscribe_no": "unsubscribeNo"},
    parser=_one_number,
)
OPTED_OUT = SMS.endpoint(
    "list_opted_out_recipients",
    "GET",
    "blockservice/recipients",
    group=_GROUP,
    pager=True,
    parser=sms_page(_recipient),
)
#: Registering an opt-out twice leaves the same list: a repeat after a lost
#: answer is harmless, and an opt-out must not be dropped.
ADD_OPTED_OUT = SMS.endpoint(
    "add_opted_out_recipients",
    "POST",
    "blockservice/recipients",
    group=_GROUP,
    safety=Safety.IDEMPOTENT,
    parser=header_only,
)
#: Removing twice leaves the same list.
REMOVE_OPTED_OUT = SMS.endpoint(
    "remove_opted_out_recipients",
    "DELETE",
    "blockservice/recipients/removes",
    group=_GROUP,
    safety=Safety.IDEMPOTENT,
    parser=header_only,
)


# --- builders ---------------------------------------------------------------------


@OPTOUT_NUMBERS.builds
def list_optout_numbers(
    ctx: Context,
    *,
    page_size: int = 100,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[OptOutNumber]:
    """List the project's 080 opt-out numbers, fetching further pages as you iterate.

    Args:
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`OptOutNumber`.
    """
    return paged(OPTOUT_NUMBERS, {}, page_size=page_size, limit=limit, retry=retry)


@OPTOUT_NUMBER.builds
def get_optout_number(
    ctx: Context, unsubscribe_no: str, *, retry: RetryPolicy | None = None
) -> Operation[OptOutNumber]:
    """Get one 080 opt-out number, e.g. to check ``.usable`` before an ad campaign.

    Args:
        unsubscribe_no: the 080 number (hyphens are removed).
        retry: a retry policy for this call only.

    Raises:
        ValidationError: not a number.
        APIError: the API does not know it.
    """
    return OPTOUT_NUMBER.operation(segments=_segments(unsubscribe_no), retry=retry)


@OPTED_OUT.builds
def list_opted_out_recipients(
    ctx: Context,
    *,
    unsubscribe_no: str | None = None,
    recipient: str | None = None,
    requested_from: datetime | None = None,
    requested_to: datetime | None = None,
    page_size: int = 1000,
    limit: int | None = None,
    retry: RetryPolicy | None = None,
) -> Pager[OptedOutRecipient]:
    """List the recipients who opted out through an 080 number.

    Args:
        unsubscribe_no: only opt-outs through this 080 number.
        recipient: only this recipient number.
        requested_from, requested_to: only opt-outs registered in this range
            (naive datetimes are Korea time).
        page_size: items per request, 1..1,000.
        limit: stop after this many items.
        retry: a retry policy for these calls.

    Returns:
        An iterator (``async for`` on the async client) of :class:`OptedOutRecipient`.
    """
    params: dict[str, Any] = {}
    if unsubscribe_no is not None:
        params["unsubscribeNo"] = _unsubscribe_no(unsubscribe_no)
    if recipient is not None:
        params["recipientNo"] = normalize_number(recipient, "recipient")
    span = date_range(requested_from, requested_to, "requested", fmt=SMS_QUERY_FORMAT)
    if span is not None:
        params["startRequestDate"], params["endRequestDate"] = span
    return paged(OPTED_OUT, params, page_size=page_size, limit=limit, retry=retry)


@ADD_OPTED_OUT.builds
def add_opted_out_recipients(
    ctx: Context,
    unsubscribe_no: str,
    numbers: Iterable[str],
    *,
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Register recipients as opted out of ads through an 080 number.

    Use it for opt-outs that reach you another way (a web form, a call
    centre): ad sends then refuse these numbers (-6001), and
    ``filter_opted_out`` leaves them out.

    Args:
        unsubscribe_no: the 080 number the opt-out belongs to.
        numbers: the recipient numbers, 1..1,000.
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad numbers, before anything is sent.
        APIError: the API refused (e.g. -6000, the 080 service is not joined).
    """
    number = _unsubscribe_no(unsubscribe_no)
    recipients = _numbers(numbers, "numbers")
    body = {"unsubscribeNo": number, "recipientNoList": recipients}
    return ADD_OPTED_OUT.operation(json=body, retry=retry)


@REMOVE_OPTED_OUT.builds
def remove_opted_out_recipients(
    ctx: Context,
    unsubscribe_no: str,
    numbers: Iterable[str],
    *,
    update_user: str = "notify-sdk",
    retry: RetryPolicy | None = None,
) -> Operation[None]:
    """Remove recipients from an 080 number's opt-out list (they opted back in).

    Args:
        unsubscribe_no: the 080 number.
        numbers: the recipient numbers, 1..1,000.
        update_user: the label the API records as the remover (at most 100).
        retry: a retry policy for this call only.

    Raises:
        ValidationError: bad input, before anything is sent.
        APIError: the API refused.
    """
    number = _unsubscribe_no(unsubscribe_no)
    recipients = _numbers(numbers, "numbers")
    user = require_text(update_user, "update_user", max_chars=100)
    params = {"unsubscribeNo": number, "updateUser": user, "recipientNoList": ",".join(recipients)}
    return REMOVE_OPTED_OUT.operation(params=params, retry=retry)


# --- the ad-audience filter ----------------------------------------------------------


def split_opted_out(
    to: Iterable[str | Recipient] | str | Recipient, opted_out: Iterable[str]
) -> OptOutFilter:
    """Split an ad audience into the recipients to send to and the opted-out numbers.

    Pure: give it the opted-out numbers you hold (from
    ``list_opted_out_recipients``, a webhook-fed table, ...). The audience may
    be larger than one send's 1,000 recipients. Numbers are compared with
    separators removed; a domestic number and its ``+82``/``82`` form match.

    Raises:
        ValidationError: an entry that is not a phone number or a Recipient.
    """
    blocked = {_comparable(normalize_number(n, "opted_out")) for n in opted_out}
    items: Iterable[object] = (to,) if isinstance(to, (str, Recipient)) else to
    allowed: list[Recipient] = []
    removed: list[str] = []
    for item in items:
        if isinstance(item, str):
            recipient = Recipient(normalize_number(item, "to"))
        elif isinstance(item, Recipient):
            number = normalize_number(item.number, "to")
            recipient = item if number == item.number else attrs.evolve(item, number=number)
        else:
            raise ValidationError(
                f"to: each recipient must be a str or a Recipient, not {type(item).__name__}",
                field="to",
            )
        if _comparable(recipient.number) in blocked:
            removed.append(recipient.number)
        else:
            allowed.append(recipient)
    return OptOutFilter(tuple(allowed), tuple(removed))


def _comparable(number: str) -> str:
    digits = number.lstrip("+")
    if digits.startswith("82") and len(digits) > 9:
        return "0" + digits[2:].lstrip("0")
    return digits


# The listing the helpers read, as the client methods do (the generated
# mixins cannot be imported here: they import this module).
_list_opted_out = sync_pager(list_opted_out_recipients)
_alist_opted_out = async_pager(list_opted_out_recipients)


class OptOutHelpers:
    """The hand-written 080 opt-out helper of :class:`~notify_sdk.NotifyClient`."""

    def filter_opted_out(
        self: SyncRunner,
        to: Iterable[str | Recipient] | str | Recipient,
        *,
        unsubscribe_no: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> OptOutFilter:
        """Leave the opted-out numbers out of an ad audience, before the ad is sent.

        Reads the whole opted-out list (1,000 per request) and splits ``to``
        with :func:`split_opted_out`. For repeated campaigns, keep the list
        yourself and call :func:`split_opted_out` directly.

        Args:
            to: the audience: numbers and/or Recipients (any number of them).
            unsubscribe_no: only opt-outs through this 080 number (default: all).
            retry: a retry policy for the listing calls.

        Returns:
            An :class:`OptOutFilter`: ``allowed`` to send to, ``opted_out`` left out.
        """
        rows: Iterator[OptedOutRecipient] = _list_opted_out(
            self, unsubscribe_no=unsubscribe_no, page_size=1000, retry=retry
        )
        return split_opted_out(to, [r.recipient_no for r in rows])


class AsyncOptOutHelpers:
    """The hand-written 080 opt-out helper of :class:`~notify_sdk.AsyncNotifyClient`."""

    async def filter_opted_out(
        self: AsyncRunner,
        to: Iterable[str | Recipient] | str | Recipient,
        *,
        unsubscribe_no: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> OptOutFilter:
        """Leave the opted-out numbers out of an ad audience (see :class:`OptOutHelpers`)."""
        rows: AsyncIterator[OptedOutRecipient] = _alist_opted_out(
            self, unsubscribe_no=unsubscribe_no, page_size=1000, retry=retry
        )
        return split_opted_out(to, [r.recipient_no async for r in rows])


SMS.helper(
    "filter_opted_out",
    uses=("list_opted_out_recipients",),
    reason="reads the opted-out list once and splits the caller's recipients locally",
    group="080 opt-out",
    entry="notify_sdk.services.sms.optout.OptOutHelpers.filter_opted_out",
)
