"""Local validation shared by every service: text, numbers, schedules, recipients.

Everything here is pure and raises :class:`~notify_sdk.errors.ValidationError`
naming the offending parameter, so that a request the API would refuse for
sure is never sent.

Text is measured with the ``cp949`` codec. The provider documents "EUC-KR";
cp949 (MS949) is the superset Korean carriers and the provider's Java stack
actually use: every Hangul syllable is 2 bytes in it, whereas Python's strict
``euc_kr`` codec would either reject or inflate (8-byte make-up sequences) the
syllables outside the 2,350 of KS X 1001 that appear in real names. Emoji and
other characters outside cp949 are rejected, as the API does with -2023.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

import attrs

from ..errors import ValidationError
from .models import Recipient

__all__ = [
    "KST",
    "MAX_RECIPIENTS",
    "Recipients",
    "encoded_length",
    "format_schedule",
    "mask_number",
    "new_token",
    "normalize_number",
    "normalize_recipients",
    "require_text",
    "utcnow",
]

#: Korea Standard Time. Korea has no daylight saving time, so a fixed offset is
#: exact and avoids loading zoneinfo data on the send path.
KST = timezone(timedelta(hours=9), "KST")

#: What a send's ``to`` accepts: a number, a Recipient, or an iterable of either.
Recipients = str | Recipient | Iterable[str | Recipient]

#: Recipients one API request may carry (SMS -2016, KakaoTalk -2016 style limits).
MAX_RECIPIENTS = 1000

_CODEC = "cp949"
_NUMBER_STRIP = re.compile(r"[\s\-().]")
_NUMBER_SHAPE = re.compile(r"\+?[0-9]{4,20}")
_SCHEDULE_FORMAT = "%Y-%m-%d %H:%M"


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (the default clock of every client)."""
    return datetime.now(timezone.utc)


def new_token() -> str:
    """Return a fresh random token (32 hex characters) for keys the SDK mints."""
    return os.urandom(16).hex()


def encoded_length(text: str, field: str) -> int:
    """Return the length of ``text`` in EUC-KR (cp949) bytes.

    Raises:
        ValidationError: ``text`` holds a character the encoding cannot carry
            (emoji, most symbols); the message names the character and position.
    """
    try:
        return len(text.encode(_CODEC))
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise ValidationError(
            f"{field} contains {bad!r} (U+{ord(bad):04X}) at position {exc.start}, which "
            "EUC-KR cannot encode; the API refuses such text (emoji are the usual cause)",
            field=field,
        ) from None


def require_text(
    text: object,
    field: str,
    *,
    max_chars: int | None = None,
    max_bytes: int | None = None,
    hint: str = "",
) -> str:
    """Check a text field: a non-empty ``str`` within its character/byte limits.

    Returns the text unchanged.

    Raises:
        ValidationError: the text is missing, not a string, too long or not
            encodable; ``hint`` is appended to the length message.
    """
    if not isinstance(text, str):
        raise ValidationError(f"{field} must be a str, not {type(text).__name__}", field=field)
    if not text.strip():
        raise ValidationError(f"{field} must not be empty", field=field)
    if max_chars is not None and len(text) > max_chars:
        raise ValidationError(
            f"{field} is {len(text)} characters; the limit is {max_chars}{hint}", field=field
        )
    size = encoded_length(text, field)
    if max_bytes is not None and size > max_bytes:
        raise ValidationError(
            f"{field} is {size} bytes in EUC-KR (Hangul counts 2); the limit is {max_bytes}{hint}",
            field=field,
        )
    return text


def normalize_number(number: object, field: str = "to") -> str:
    """Return a phone number with spaces, hyphens, dots and brackets removed.

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
    if _NUMBER_SHAPE.fullmatch(digits) is None:
        raise ValidationError(
            f"{field}: {mask_number(number)!r} is not a phone number (4 to 20 digits)",
            field=field,
        )
    return digits


def mask_number(number: str) -> str:
    """Mask the middle of a phone number for logs: ``01012345678`` -> ``010****5678``."""
    digits = _NUMBER_STRIP.sub("", number)
    if len(digits) <= 7:
        return digits[:2] + "*" * max(len(digits) - 2, 0)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def normalize_recipients(to: object, field: str = "to") -> tuple[Recipient, ...]:
    """Turn ``to`` (a number, a Recipient, or an iterable of either) into Recipients.

    Numbers are normalized with :func:`normalize_number`.

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
    return tuple(out)


def to_kst(moment: datetime) -> datetime:
    """Return ``moment`` as a naive Korea wall-clock datetime.

    A naive datetime is taken as Korea time already; an aware one is converted.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(KST).replace(tzinfo=None)


def format_schedule(
    scheduled_at: object,
    now: datetime,
    *,
    field: str = "scheduled_at",
    max_days: int = 60,
) -> str:
    """Validate a schedule and format it as the API's ``yyyy-MM-dd HH:mm`` (KST).

    Args:
        scheduled_at: a ``datetime``; naive means Korea wall-clock time.
        now: the current time (aware, or naive Korea time).
        max_days: how far ahead the API accepts a schedule.

    Raises:
        ValidationError: not a datetime, not in the future, or beyond the window.
    """
    if not isinstance(scheduled_at, datetime):
        raise ValidationError(
            f"{field} must be a datetime, not {type(scheduled_at).__name__}", field=field
        )
    when = to_kst(scheduled_at)
    current = to_kst(now)
    if when <= current:
        raise ValidationError(
            f"{field} {when:%Y-%m-%d %H:%M} KST is not in the future (now {current:%Y-%m-%d %H:%M} "
            "KST); omit it to send now",
            field=field,
        )
    if when > current + timedelta(days=max_days):
        raise ValidationError(
            f"{field} {when:%Y-%m-%d %H:%M} KST is more than {max_days} days ahead; the API "
            f"accepts schedules up to {max_days} days",
            field=field,
        )
    return when.strftime(_SCHEDULE_FORMAT)


def optional_key(value: object, field: str, *, max_chars: int = 100) -> str | None:
    """Check an optional caller-supplied key (grouping keys, idempotency keys).

    Raises:
        ValidationError: not a non-empty str of at most ``max_chars`` characters.
    """
    if value is None:
        return None
    if not isinstance(value, str) or not value or len(value) > max_chars:
        raise ValidationError(
            f"{field} must be a non-empty str of at most {max_chars} characters", field=field
        )
    return value
