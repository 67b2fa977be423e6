"""What the management endpoints share: path segments, listings, plain reads and writes.

Templates, opt-out lists, statistics and reservations are ordinary REST
resources: a ``GET`` listing paged by ``pageNum``/``pageSize``, a ``GET`` of
one item, writes answered by a header-only envelope. Each of those shapes is
written once here so that every resource module only says what differs (its
path, its parameters and its parser).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from .._core import (
    Context,
    JSONDict,
    Namespace,
    Operation,
    Page,
    Pager,
    Safety,
    body_of,
    expect_dict,
    expect_list,
)
from .._core.params import to_kst
from .._core.wire import opt_int
from ..errors import ValidationError
from .kakao.common import SENDER_KEY_MAX, resolve_sender_key

if TYPE_CHECKING:
    from .._retry import RetryPolicy

__all__ = [
    "ALIMTALK_PREFIX",
    "BRAND_PREFIX",
    "COMMON_PREFIX",
    "SMS_PREFIX",
    "SMS_QUERY_FORMAT",
    "date_range",
    "header_only",
    "listing",
    "read",
    "segment",
    "sender_key_segment",
    "sms_data",
    "sms_page",
    "write",
    "yes_no",
]

T = TypeVar("T")

#: URL prefixes; ``{appkey}`` is filled in by the driver (never logged).
SMS_PREFIX = "/sms/v3.0/appKeys/{appkey}"
ALIMTALK_PREFIX = "/alimtalk/v2.3/appkeys/{appkey}"
BRAND_PREFIX = "/brand-message/v1.0/appkeys/{appkey}"
COMMON_PREFIX = "/common/v2.2/appkeys/{appkey}"
#: Query dates: SMS speaks seconds, KakaoTalk minutes.
SMS_QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"

#: Letters, digits, ``_``, ``-`` and ``.``: every identifier the APIs document
#: (template codes and ids, sender keys, 080 numbers) fits in it, and none of
#: its values can leave the URL path segment it is put into.
_SEGMENT = re.compile(r"[A-Za-z0-9_\-.]+")


def segment(value: object, field: str, *, max_chars: int = 100) -> str:
    """Check a caller value that goes into a URL path, and encode it as one segment.

    Raises:
        ValidationError: not a non-empty str of letters, digits, ``_``, ``-``
            and ``.`` of at most ``max_chars`` characters, or a dot segment
            (``.``/``..``), which a server would resolve to another path.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if (
        not isinstance(value, str)
        or len(value) > max_chars
        or _SEGMENT.fullmatch(value) is None
        or value in (".", "..")
    ):
        raise ValidationError(
            f"{field} must be 1 to {max_chars} letters, digits, '_', '-' or '.', not {value!r}",
            field=field,
        )
    return quote(value, safe="")


def sender_key_segment(ctx: Context, value: str | None) -> str:
    """The sender profile key for a URL path: ``value`` or the client's default, one segment.

    Raises:
        ValidationError: none given or configured, or not a sender key.
    """
    return segment(resolve_sender_key(ctx, value), "sender_key", max_chars=SENDER_KEY_MAX)


def yes_no(value: object, field: str) -> str:
    """A ``Y``/``N`` wire flag from a bool."""
    if not isinstance(value, bool):
        raise ValidationError(f"{field} must be True or False", field=field)
    return "Y" if value else "N"


def date_range(
    start: object,
    end: object,
    field: str,
    *,
    fmt: str,
    max_days: int | None = None,
    required: bool = False,
) -> tuple[str, str] | None:
    """Check a ``{field}_from``/``{field}_to`` pair and format both ends (Korea time).

    ``datetime`` values are converted to Korea time (a naive one is Korea
    time already); a ``date`` is taken as it is.

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
            ends.append(to_kst(value))
        elif isinstance(value, date):
            ends.append(datetime(value.year, value.month, value.day))
        else:
            raise ValidationError(f"{name} must be a datetime or a date", field=name)
    span = ends[1] - ends[0]
    if span < timedelta(0):
        raise ValidationError(f"{field}_from is after {field}_to", field=f"{field}_from")
    if max_days is not None and span > timedelta(days=max_days):
        raise ValidationError(
            f"{field}_from..{field}_to spans more than {max_days} days, the API's limit",
            field=f"{field}_from",
        )
    return ends[0].strftime(fmt), ends[1].strftime(fmt)


def _check_paging(page_size: object, limit: object) -> None:
    if not isinstance(page_size, int) or isinstance(page_size, bool) or not 1 <= page_size <= 1000:
        raise ValidationError("page_size must be an int from 1 to 1,000", field="page_size")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValidationError("limit must be a positive int or None", field="limit")


def listing(
    namespace: Namespace,
    path: str,
    params: Mapping[str, object],
    parse: Callable[[JSONDict], Page[T]],
    *,
    page_size: object,
    limit: object,
    retry: RetryPolicy | None,
    label: str,
) -> Pager[T]:
    """A ``GET`` listing paged by ``pageNum``/``pageSize`` (checked now, not on iteration).

    Raises:
        ValidationError: ``page_size`` not 1..1,000 or ``limit`` not a
            positive int or ``None``.
    """
    _check_paging(page_size, limit)
    assert isinstance(page_size, int)
    fixed = dict(params)

    def fetch(page_num: int, size: int) -> Operation[Page[T]]:
        return Operation(
            namespace=namespace,
            method="GET",
            path=path,
            parse=parse,
            safety=Safety.READ,
            params={**fixed, "pageNum": page_num, "pageSize": size},
            retry=retry,
            label=label,
        )

    return Pager(fetch=fetch, page_size=page_size, limit=limit if isinstance(limit, int) else None)


def read(
    namespace: Namespace,
    path: str,
    parse: Callable[[JSONDict], T],
    *,
    params: Mapping[str, Any] | None = None,
    retry: RetryPolicy | None,
    label: str,
) -> Operation[T]:
    """A ``GET`` of one resource: a read, always safe to repeat."""
    return Operation(
        namespace=namespace,
        method="GET",
        path=path,
        parse=parse,
        safety=Safety.READ,
        params=params,
        retry=retry,
        label=label,
    )


def write(
    namespace: Namespace,
    method: str,
    path: str,
    parse: Callable[[JSONDict], T],
    *,
    safety: Safety,
    json: Any = None,
    params: Mapping[str, Any] | None = None,
    files: Any = None,
    data: Mapping[str, str] | None = None,
    retry: RetryPolicy | None,
    label: str,
) -> Operation[T]:
    """A ``POST``/``PUT``/``DELETE`` of a resource, with how safe it is to repeat."""
    return Operation(
        namespace=namespace,
        method=method,
        path=path,
        parse=parse,
        safety=safety,
        json=json,
        params=params,
        files=files,
        data=data,
        retry=retry,
        label=label,
    )


def header_only(data: JSONDict) -> None:
    """The parser of a write answered by the envelope's header alone."""
    return None


def sms_data(data: JSONDict) -> Any:
    """The ``body.data`` of an SMS answer."""
    body = expect_dict(data.get("body"), "body", "sms")
    return body_of(body, "data", "sms")


def sms_page(item: Callable[[JSONDict], T]) -> Callable[[JSONDict], Page[T]]:
    """The parser of an SMS listing: ``body.data[]`` items and ``body.totalCount``."""

    def parse(data: JSONDict) -> Page[T]:
        body = expect_dict(data.get("body"), "body", "sms")
        items = expect_list(body.get("data"), "body.data", "sms")
        return Page(
            tuple(item(i) for i in items if isinstance(i, dict)), opt_int(body.get("totalCount"))
        )

    return parse
