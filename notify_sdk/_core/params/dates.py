"""Dates and schedules: Korea time, the send schedule window, query date ranges.

The night rule for advertising lives in :mod:`.night`.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ...errors import ValidationError

__all__ = ["BUILDING", "KST", "date_range", "format_schedule", "query_date", "to_kst", "utcnow"]

#: Korea Standard Time. Korea has no daylight saving time, so a fixed offset is
#: exact and avoids loading zoneinfo data on the send path.
KST = timezone(timedelta(hours=9), "KST")

_SCHEDULE_FORMAT = "%Y-%m-%d %H:%M"


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (the default clock of every client)."""
    return datetime.now(timezone.utc)


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
