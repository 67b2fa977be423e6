"""The shared parameter rules of every service: text, numbers, schedules, recipients,
URL path segments, date ranges, paging, seq lists and request references.

One rule, one place: no service keeps its own copy of any of these.

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

import itertools
import os
import re
import sys
import warnings
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import attrs

from ..errors import ValidationError
from .models import Recipient

__all__ = [
    "KST",
    "MAX_RECIPIENTS",
    "CheckedNumbers",
    "Recipients",
    "check_policy",
    "checked_numbers",
    "encoded_length",
    "format_schedule",
    "header_key",
    "id_list",
    "mask_number",
    "new_token",
    "normalize_number",
    "normalize_recipients",
    "plain_numbers",
    "require_text",
    "unencodable_field",
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
_PACKAGE = __name__.split(".", 1)[0]
_NUMBER_STRIP = re.compile(r"[\s\-().]")
_NUMBER_SHAPE = re.compile(r"\+?[0-9]{4,20}")
_KOREA = "+82"
_SCHEDULE_FORMAT = "%Y-%m-%d %H:%M"
# A whole recipient list of clean numbers, joined by commas, checked in one pass.
_PLAIN_NUMBERS = re.compile(r"[0-9]{4,20}(?:,[0-9]{4,20})*")


class _Tokens:
    """Unique tokens: 96 random bits per process, then a counter.

    An ``os.urandom`` call per send was a measurable part of a send; the
    keys only need to be unique (they are sent in clear, never secrets), and
    a random prefix drawn once per process makes them unique across
    processes and hosts. A forked child draws its own prefix, so that
    pre-fork workers never share one.
    """

    __slots__ = ("count", "prefix")

    def __init__(self) -> None:
        self.reseed()

    def reseed(self) -> None:
        self.prefix = os.urandom(12).hex()
        self.count = itertools.count()

    def next(self) -> str:
        number = next(self.count)  # atomic under the GIL: threads never share one
        if number > 0xFFFFFFFF:
            self.reseed()
            number = next(self.count)
        return f"{self.prefix}{number:08x}"


_TOKENS = _Tokens()
os.register_at_fork(after_in_child=_TOKENS.reseed)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (the default clock of every client)."""
    return datetime.now(timezone.utc)


def new_token() -> str:
    """Return a fresh unique token (32 hex characters) for keys the SDK mints."""
    return _TOKENS.next()


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


def _outside_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning of the caller name the first frame outside
    the SDK (the application's call), however deep the client's wrappers are."""
    frame = sys._getframe(2)
    level = 2
    while frame is not None and (frame.f_globals.get("__name__") or "").startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


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


#: The context of the client whose builder is running: the client methods set
#: it around the builder call, so that the date helpers below can warn about a
#: naive datetime once per client without every builder passing it along.
BUILDING: ContextVar[Any] = ContextVar("notify_sdk_building", default=None)


def to_kst(moment: datetime, field: str = "scheduled_at") -> datetime:
    """Return ``moment`` as a naive Korea wall-clock datetime.

    A naive datetime is taken as Korea time already (the running client warns
    once, see :meth:`Context.naive_datetime`); an aware one is converted.

    Raises:
        ValidationError: an aware datetime at the edge of the calendar
            (``datetime.max`` at -12:00) that has no Korea time.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        building = BUILDING.get()
        if building is not None:
            building.naive_datetime(field)
        return moment
    try:
        return moment.astimezone(KST).replace(tzinfo=None)
    except OverflowError:
        raise ValidationError(
            f"{field} {moment.isoformat()} is outside the range a Korea time can express",
            field=field,
        ) from None


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
    when = to_kst(scheduled_at, field)
    current = now if now.tzinfo is None else to_kst(now)
    if when <= current:
        raise ValidationError(
            f"{field} {when:%Y-%m-%d %H:%M} KST is not in the future (now {current:%Y-%m-%d %H:%M} "
            "KST); omit it to send now",
            field=field,
        )
    if when - current > timedelta(days=max_days):
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


# Visible ASCII: what an HTTP header value can carry without encoding or
# breaking the header (no CR, LF, NUL, space or control characters).
_HEADER_TOKEN = re.compile(r"[\x21-\x7e]+")


def header_key(value: object, field: str, *, max_chars: int = 100) -> str | None:
    """Check an optional key that travels in an HTTP header (the idempotency key).

    No length is documented; a UUID is 36 characters and 100 is plenty.

    Raises:
        ValidationError: not visible ASCII (letters, digits, punctuation) of 1
            to ``max_chars`` characters.
    """
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or len(value) > max_chars
        or _HEADER_TOKEN.fullmatch(value) is None
    ):
        raise ValidationError(
            f"{field} must be 1 to {max_chars} visible ASCII characters (letters, digits, "
            "punctuation; no spaces or control characters), e.g. a UUID",
            field=field,
        )
    return value


def id_list(values: object, field: str, *, minimum: int = 1, what: str = "ids") -> list[int]:
    """Check a collection of integer ids (file ids, recipient seqs).

    Raises:
        ValidationError: a str, bytes, mapping or single int instead of a
            collection, or an element that is not an int >= ``minimum``.
    """
    if isinstance(values, (str, bytes, bytearray, Mapping, int)) or not isinstance(
        values, Iterable
    ):
        raise ValidationError(
            f"{field} must be a list of {what}, not {type(values).__name__}", field=field
        )
    ids = list(values)
    if not all(type(i) is int and i >= minimum for i in ids):
        raise ValidationError(f"{field} must hold ints >= {minimum} ({what})", field=field)
    return ids


def check_policy(retry: object) -> None:
    """Refuse a ``retry=`` that is not a RetryPolicy (``None`` means the client's).

    Raises:
        TypeError: like the client constructor, for anything else, falsy
            values included (``retry=0`` never silently means "the default").
    """
    from .._retry import RetryPolicy

    if retry is not None and not isinstance(retry, RetryPolicy):
        raise TypeError(
            f"retry must be a RetryPolicy (or None for the client's), not {type(retry).__name__}"
        )


def unencodable_field(*parts: tuple[str, object]) -> str | None:
    """The path of the first string in ``parts`` that UTF-8 cannot encode, if any.

    ``parts`` are ``(name, value)`` pairs of what a request carries (JSON body,
    query, headers); the path names the wire field, e.g.
    ``recipientList[0].templateParameter.name``.
    """
    stack: list[tuple[str, object]] = list(reversed(parts))
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return path
        elif isinstance(value, Mapping):
            for key, item in reversed(list(value.items())):
                stack.append((f"{path}.{key}" if path else str(key), item))
                if isinstance(key, str):
                    stack.append((path or "(key)", key))
        elif isinstance(value, (list, tuple)):
            for index in reversed(range(len(value))):
                stack.append((f"{path}[{index}]", value[index]))
    return None


# --- URL path segments, date ranges, paging, seq lists, request references ----------
#
# Every value a caller gives that ends up in a URL path goes through
# :func:`path_segment`: it must match the identifier's documented character
# set, and it is percent-encoded as exactly one segment, so that no value can
# leave the endpoint it was meant for (``../``, ``?``, ``#``, ``%2e``, NUL...).

#: A request id: letters, digits, ``_`` and ``-`` (the APIs mint 25 such characters).
REQUEST_ID_CHARS = re.compile(r"[A-Za-z0-9_\-]+")
#: A sender key (40 hex characters in practice; letters, digits, ``_`` and ``-``).
SENDER_KEY_CHARS = re.compile(r"[A-Za-z0-9_\-]+")
#: Identifiers of management resources (template codes and ids, 080 numbers,
#: group keys): letters, digits, ``_``, ``-`` and ``.``; ``.``/``..`` refused.
IDENTIFIER_CHARS = re.compile(r"[A-Za-z0-9_\-.]+")
_DOT_SEGMENTS = (".", "..")


def path_segment(
    value: object,
    field: str,
    *,
    chars: re.Pattern[str] = IDENTIFIER_CHARS,
    max_chars: int = 100,
    what: str = "an identifier",
    allow_int: bool = True,
) -> str:
    """Check a caller value that goes into a URL path; return it encoded as one segment.

    Args:
        value: the caller's value (a ``str``, or a non-negative ``int`` when
            ``allow_int``).
        field: the parameter name the error names.
        chars: the documented character set, matched against the whole value.
        max_chars: the longest value the API documents.
        what: how the error message calls the value.

    Raises:
        ValidationError: not a non-empty str of at most ``max_chars``
            characters from ``chars``, or a dot segment (``.``/``..``), which a
            server would resolve to another path.
    """
    if allow_int and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= max_chars
        or chars.fullmatch(value) is None
        or value in _DOT_SEGMENTS
    ):
        raise ValidationError(
            f"{field} must be {what}: 1 to {max_chars} characters matching "
            f"{chars.pattern!r}, not {value!r}",
            field=field,
        )
    # The character sets above need no escaping; quote() keeps that true if a
    # wider set is ever declared.
    return quote(value, safe="")


def request_id_segment(value: object, field: str = "request_id", *, max_chars: int = 25) -> str:
    """A request id checked and encoded for a URL path (see :func:`path_segment`)."""
    return path_segment(
        value,
        field,
        chars=REQUEST_ID_CHARS,
        max_chars=max_chars,
        what="the API's requestId",
        allow_int=False,
    )


def sender_key_segment(value: object, field: str = "sender_key") -> str:
    """A KakaoTalk sender key checked and encoded for a URL path."""
    return path_segment(
        value, field, chars=SENDER_KEY_CHARS, max_chars=40, what="a sender key", allow_int=False
    )


def positive_seq(value: object, field: str = "seq") -> int:
    """A recipient seq (``RecipientResult.seq``): a positive int.

    Raises:
        ValidationError: not a positive ``int`` (``bool`` is refused).
    """
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValidationError(f"{field} must be a positive int (RecipientResult.seq)", field=field)
    return value


def seq_list(values: object, field: str = "recipient_seqs") -> list[int]:
    """A non-empty list of recipient seqs from an iterable of positive ints.

    Raises:
        ValidationError: not an iterable (an int alone is refused), empty, or
            holding anything but positive ints.
    """
    seqs = id_list(values, field, what="RecipientResult.seq values")
    if not seqs:
        raise ValidationError(f"{field} must name at least one seq", field=field)
    return seqs


def request_reference(
    request: object,
    seqs: object,
    *,
    max_chars: int = 25,
    require_seqs: bool = False,
    field: str = "request",
) -> tuple[str, list[int] | None]:
    """Read "which send, which recipients": a ``SendResult`` or a request id, and seqs.

    Args:
        request: a :class:`~notify_sdk.SendResult` or its ``request_id``.
        seqs: recipient seqs, or ``None``: every accepted recipient of a
            ``SendResult`` (``None`` is returned for an id, unless
            ``require_seqs``).
        max_chars: the longest request id the API documents.

    Returns:
        The request id, encoded for a URL path, and the seqs (or ``None``).

    Raises:
        ValidationError: a ``SendResult`` without a request id, a bad id, bad
            seqs, or no seqs for an id when ``require_seqs``.
    """
    from ..results import SendResult  # results imports errors only; kept lazy for cycles

    if isinstance(request, SendResult):
        if request.request_id is None:
            raise ValidationError("this SendResult has no request_id", field=field)
        request_id = request_id_segment(request.request_id, field, max_chars=max(max_chars, 100))
        if seqs is None and require_seqs:
            seqs = [r.seq for r in request.recipients if r.ok and r.seq is not None]
    else:
        request_id = request_id_segment(request, field, max_chars=max_chars)
        if seqs is None and require_seqs:
            raise ValidationError(
                "recipient_seqs is required when request is a request id", field="recipient_seqs"
            )
    return request_id, None if seqs is None else seq_list(seqs)


def query_date(value: object, field: str, fmt: str) -> str:
    """A query date in Korea time, formatted as ``fmt`` (a naive datetime is Korea time).

    Raises:
        ValidationError: not a ``datetime``.
    """
    if not isinstance(value, datetime):
        raise ValidationError(f"{field} must be a datetime", field=field)
    return to_kst(value, field).strftime(fmt)


def date_range(
    start: object,
    end: object,
    field: str,
    *,
    fmt: str,
    max_days: float | None = None,
    required: bool = False,
    rule: str = "",
) -> tuple[str, str] | None:
    """Check a ``{field}_from``/``{field}_to`` pair and format both ends (Korea time).

    ``datetime`` values are converted to Korea time (a naive one is Korea
    time already); a ``date`` is taken as it is.

    Args:
        max_days: the endpoint's documented longest range.
        rule: the API rule the limit comes from, quoted in the message.

    Returns:
        ``None`` when both ends are ``None`` and the range is optional.

    Raises:
        ValidationError: one end without the other, not dates, out of order,
            or longer than ``max_days``.
    """
    if start is None and end is None and not required:
        return None
    if start is None or end is None:
        raise ValidationError(
            f"{field}_from and {field}_to go together" + (" and are required" if required else ""),
            field=f"{field}_from",
        )
    ends: list[datetime] = []
    for name, value in ((f"{field}_from", start), (f"{field}_to", end)):
        if isinstance(value, datetime):
            ends.append(to_kst(value, name))
        elif isinstance(value, date):
            ends.append(datetime(value.year, value.month, value.day))
        else:
            raise ValidationError(f"{name} must be a datetime or a date", field=name)
    span = ends[1] - ends[0]
    if span < timedelta(0):
        raise ValidationError(f"{field}_from is after {field}_to", field=f"{field}_from")
    if max_days is not None and span > timedelta(days=max_days):
        raise ValidationError(
            f"{field}_from..{field}_to spans more than {max_days:g} days, the API's limit"
            + (f" ({rule})" if rule else ""),
            field=f"{field}_from",
        )
    return ends[0].strftime(fmt), ends[1].strftime(fmt)


def paging(
    page_size: object, limit: object, *, max_page_size: int = 1000
) -> tuple[int, int | None]:
    """Check a listing's ``page_size`` and ``limit``; return the page size to ask for and the limit.

    ``limit=0`` is refused everywhere (it would ask for nothing); a ``limit``
    below the page size also caps the page size.

    Raises:
        ValidationError: ``page_size`` not 1..``max_page_size`` or ``limit``
            not a positive int or ``None``.
    """
    if (
        not isinstance(page_size, int)
        or isinstance(page_size, bool)
        or not 1 <= page_size <= max_page_size
    ):
        raise ValidationError(
            f"page_size must be an int from 1 to {max_page_size:,}", field="page_size"
        )
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValidationError("limit must be a positive int or None", field="limit")
    return (page_size if limit is None else min(page_size, limit)), limit
