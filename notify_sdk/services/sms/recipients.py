"""Who an SMS goes to and comes from: the sender number and the wire recipient list."""

from __future__ import annotations

from ..._core import Context, JSONDict
from ..._core.models import Recipient
from ..._core.params import mask_number, optional_key
from ...errors import ValidationError
from .models import _COUNTRY_SHAPE, _SENDER_SHAPE, _SENDER_STRIP

__all__ = ["country_code", "recipient_list", "sender_number", "wire_recipient"]


#: Sender numbers already checked, by the value given: the configured sender
#: is the same on every send, and two regexes per send are not free.
_CHECKED_SENDERS: dict[str, str] = {}
_CHECKED_SENDERS_MAX = 64


def sender_number(ctx: Context, sender: str | None, *, optional: bool) -> str | None:
    """The sender number as digits: ``sender`` or the client's ``sms_sender``.

    ``optional``: a template send may leave it out (the template has one).
    """
    value = sender if sender is not None else ctx.config.sms_sender
    if value is None:
        if optional:
            return None
        raise ValidationError(
            "no sender number: pass sender= or configure sms_sender= / $NHN_SMS_SENDER",
            field="sender",
        )
    checked = _CHECKED_SENDERS.get(value) if type(value) is str else None
    if checked is not None:
        return checked
    digits = _SENDER_STRIP.sub("", value) if isinstance(value, str) else value
    if not isinstance(digits, str) or _SENDER_SHAPE.fullmatch(digits) is None:
        raise ValidationError(
            "sender must be a registered sender number of 3 to 13 digits", field="sender"
        )
    if type(value) is str:
        if len(_CHECKED_SENDERS) >= _CHECKED_SENDERS_MAX:
            _CHECKED_SENDERS.clear()
        _CHECKED_SENDERS[value] = digits
    return digits


def country_code(recipient: Recipient) -> str | None:
    """A recipient's ``country_code`` as digits without ``+`` (``None``: domestic)."""
    code = recipient.country_code
    if code is None:
        return None
    text = code.lstrip("+") if isinstance(code, str) else None
    if text is None or _COUNTRY_SHAPE.fullmatch(text) is None:
        raise ValidationError(
            f"to: country_code must be 1 to 8 digits (e.g. '82', '1'), not {code!r}", field="to"
        )
    return text


def wire_recipient(recipient: Recipient) -> tuple[JSONDict, bool]:
    """The recipientList entry of one recipient, and whether it is abroad.

    A number written with ``+`` is international and goes as
    ``internationalRecipientNo`` (the country code included, without ``+``);
    ``+82`` numbers never get here (``normalize_number`` writes them in the
    domestic form, for every service alike).
    """
    number = recipient.number
    country = country_code(recipient)
    if number.startswith("+"):
        if country is not None:
            raise ValidationError(
                "to: give either a +country number or country_code=, not both", field="to"
            )
        return {"internationalRecipientNo": number[1:]}, True
    entry: JSONDict = {"recipientNo": number}
    if country is not None:
        entry["countryCode"] = country
    return entry, country not in (None, "82")


def recipient_list(
    recipients: tuple[Recipient, ...],
    params: list[dict[str, str] | None],
    *,
    domestic_only: bool,
) -> list[JSONDict]:
    """The ``recipientList`` of a send (``domestic_only``: LMS/MMS, which cannot go abroad)."""
    out: list[JSONDict] = []
    for r, merged in zip(recipients, params, strict=True):
        entry, abroad = wire_recipient(r)
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
