"""Recipients and phone numbers: one normal form for every number the SDK sends."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

import attrs

from ...errors import ValidationError
from ..models import Recipient
from .calls import _outside_stacklevel

__all__ = [
    "MAX_RECIPIENTS",
    "CheckedNumbers",
    "Recipients",
    "checked_numbers",
    "mask_number",
    "normalize_number",
    "normalize_recipients",
    "plain_numbers",
]

#: What a send's ``to`` accepts: a number, a Recipient, or an iterable of either.
Recipients = str | Recipient | Iterable[str | Recipient]

#: Recipients one API request may carry (SMS -2016, KakaoTalk -2016 style limits).
MAX_RECIPIENTS = 1000

_NUMBER_STRIP = re.compile(r"[\s\-().]")
_NUMBER_SHAPE = re.compile(r"\+?[0-9]{4,20}")
_KOREA = "+82"
# A whole recipient list of clean numbers, joined by commas, checked in one pass.
_PLAIN_NUMBERS = re.compile(r"[0-9]{4,20}(?:,[0-9]{4,20})*")


def normalize_number(number: object, field: str = "to") -> str:
    """Return a phone number with spaces, hyphens, dots and brackets removed.

    This is the one rule for every number the SDK sends, whatever the
    service: a ``+82`` number is written in its domestic form
    (``+82 10-1234-5678`` -> ``01012345678``; the KakaoTalk APIs refuse the
    ``+82`` form recipient by recipient), other ``+`` numbers keep their
    country code (``+14155550123``), which only SMS can send abroad.

    Raises:
        ValidationError: the value is not a string of 4 to 20 digits
            (optionally led by ``+``) once those separators are removed.
    """
    if not isinstance(number, str):
        raise ValidationError(
            f"{field}: a phone number must be a str, not {type(number).__name__}", field=field
        )
    if number.isascii() and number.isdigit() and 4 <= len(number) <= 20:
        # The common case, already clean: skip both regexes (bulk sends).
        return number
    digits = _NUMBER_STRIP.sub("", number)
    if _NUMBER_SHAPE.fullmatch(digits) is not None:
        if not digits.startswith(_KOREA):
            return digits
        # "+82 10..." and "+82 (0)10...": the trunk 0 is written once.
        national = digits[len(_KOREA) :]
        digits = national if national.startswith("0") else "0" + national
        if len(digits) >= 4:
            return digits
    raise ValidationError(
        f"{field}: {mask_number(number)!r} is not a phone number (4 to 20 digits)",
        field=field,
    )


def mask_number(number: str) -> str:
    """Mask the middle of a phone number for logs: ``01012345678`` -> ``010****5678``."""
    digits = _NUMBER_STRIP.sub("", number)
    if len(digits) <= 7:
        return digits[:2] + "*" * max(len(digits) - 2, 0)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def normalize_recipients(
    to: object, field: str = "to", *, dedupe: bool = False, quiet: bool = False
) -> tuple[Recipient, ...]:
    """Turn ``to`` (a number, a Recipient, or an iterable of either) into Recipients.

    Numbers are normalized with :func:`normalize_number`, so that
    ``010-1234-5678`` and ``+821012345678`` are the same number. A number
    given more than once is sent more than once (and charged each time): that
    warns, unless ``dedupe`` is true, which keeps the first occurrence of each
    number (with its own options) and drops the repeats. ``quiet`` leaves
    the warning out (for a second pass over what a builder already read).

    Raises:
        ValidationError: no recipient, more than 1,000, or a malformed entry.
    """
    items: Iterable[object]
    if isinstance(to, (str, Recipient)):
        items = (to,)
    elif isinstance(to, (bytes, bytearray)) or not isinstance(to, Iterable):
        raise ValidationError(
            f"{field} must be a phone number, a Recipient or an iterable of them, "
            f"not {type(to).__name__}",
            field=field,
        )
    else:
        items = to
    out: list[Recipient] = []
    for item in items:
        if len(out) == MAX_RECIPIENTS:
            raise ValidationError(
                f"{field}: more than {MAX_RECIPIENTS} recipients in one request; split the "
                "list (one API request carries at most 1,000)",
                field=field,
            )
        if isinstance(item, str):
            out.append(Recipient(normalize_number(item, field)))
        elif isinstance(item, Recipient):
            number = normalize_number(item.number, field)
            if item.grouping_key is not None and len(item.grouping_key) > 100:
                raise ValidationError(
                    f"{field}: grouping_key is longer than 100 characters", field=field
                )
            # evolve, not a new Recipient: a subclass (BrandRecipient) keeps its fields.
            out.append(item if number == item.number else attrs.evolve(item, number=number))
        else:
            raise ValidationError(
                f"{field}: each recipient must be a str or a Recipient, not {type(item).__name__}",
                field=field,
            )
    if not out:
        raise ValidationError(f"{field}: at least one recipient is required", field=field)
    if len(out) > 1 and len({r.number for r in out}) != len(out):
        return _repeats(out, field, dedupe=dedupe, quiet=quiet)
    return tuple(out)


def _repeats(
    out: list[Recipient], field: str, *, dedupe: bool, quiet: bool
) -> tuple[Recipient, ...]:
    """The recipients of a call that names a number twice: warned about, or deduplicated."""
    if dedupe:
        kept: dict[str, Recipient] = {}
        for r in out:
            kept.setdefault(r.number, r)
        return tuple(kept.values())
    if quiet:
        return tuple(out)
    seen: dict[str, int] = {}
    for r in out:
        seen[r.number] = seen.get(r.number, 0) + 1
    repeated = [(n, c) for n, c in seen.items() if c > 1]
    shown = ", ".join(f"{mask_number(n)} {c} times" for n, c in repeated[:3])
    more = f" and {len(repeated) - 3} more" if len(repeated) > 3 else ""
    warnings.warn(
        f"{field}: {shown}{more} in one send; each copy is sent (and charged) separately. "
        "Pass dedupe=True to send once per number",
        UserWarning,
        stacklevel=_outside_stacklevel(),
    )
    return tuple(out)


class CheckedNumbers(tuple):  # type: ignore[type-arg]
    """Numbers :func:`plain_numbers` accepted, kept so that no builder checks them again.

    Only :func:`checked_numbers` makes one; a campaign chunk carries it from
    the plan, where its numbers were checked, to the send builder.
    """

    __slots__ = ()


def checked_numbers(to: object) -> CheckedNumbers | None:
    """``to`` as :class:`CheckedNumbers` when :func:`plain_numbers` accepts it, else ``None``."""
    plain = plain_numbers(to)
    return None if plain is None else CheckedNumbers(plain)


def plain_numbers(to: object) -> list[str] | None:
    """``to`` as a list when it is a list or tuple of 1..1,000 clean numbers, else ``None``.

    Clean means what :func:`normalize_number` would return unchanged: 4 to 20
    ASCII digits, no ``+``. The whole list is checked by one regex pass over
    the joined numbers instead of a call per number, so that a bulk send
    costs little more than the request it makes; anything else (a single
    number, ``Recipient`` objects, separators, ``+`` numbers, a number given
    twice, more than 1,000) gives ``None`` and the caller takes
    :func:`normalize_recipients`, which also words the errors and warnings.
    :class:`CheckedNumbers` passed this check already and are not checked again.
    """
    if type(to) is CheckedNumbers:
        return list(to)
    if type(to) is not list and type(to) is not tuple:
        return None
    count = len(to)
    if not 0 < count <= MAX_RECIPIENTS:
        return None
    try:
        joined = ",".join(to)
    except TypeError:  # an item that is not a str
        return None
    # A comma inside an item would pass for a separator: the count rules it out.
    if joined.count(",") != count - 1 or _PLAIN_NUMBERS.fullmatch(joined) is None:
        return None
    if count > 1 and len(set(to)) != count:
        return None  # a repeated number: normalize_recipients warns or dedupes
    return list(to)
