"""Statistics as typed rows; the KakaoTalk common ``/stats`` and ``/stats/total``,
and Kakao's delivery/template statistics (the SMS ones are in ``sms/statistics.py``).

The APIs spell their counters differently (``sentFailed`` in SMS,
``SENT_FAILED`` in the international and KakaoTalk statistics); every row
keeps the counters as received in ``counts`` and offers the common ones as
properties, so a report reads ``row.requested`` whatever the service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._core import (
    Context,
    JSONDict,
    Operation,
    body_of,
    expect_dict,
    expect_list,
)
from .._core.endpoints import KAKAO, Endpoint
from .._core.params import require_text
from .._core.wire import opt_int, opt_str
from ..errors import ValidationError
from ._manage import SMS_QUERY_FORMAT, date_range, sender_key_segment

if TYPE_CHECKING:
    from .._retry import RetryPolicy

__all__ = ["KakaoStatsRow", "StatsRow"]

StatsType = Literal["NORMAL", "MINUTELY", "HOURLY", "DAILY", "BY_DAY"]
_STATS_TYPES = ("NORMAL", "MINUTELY", "HOURLY", "DAILY", "BY_DAY")
_PRODUCTS = ("ALIMTALK", "BRANDMESSAGE")
_KAKAO_SERVICES = ("ALIMTALK", "ALIMTALK_AUTH", "FRIENDTALK", "BRAND_MESSAGE")


def _count(counts: Mapping[str, int], *names: str) -> int:
    return sum(counts.get(n, 0) for n in names)


@attrs.frozen(slots=True)
class StatsRow:
    """One bucket of event statistics.

    Attributes:
        event_date_time: the bucket, as the API writes it.
        counts: every counter as received (``requested``, ``SENT_FAILED``, ...).
        criteria: the value of the extra criterion the row is grouped by
            (a country code, a sender key, ...), ``None`` without one.
    """

    event_date_time: str | None
    counts: Mapping[str, int]
    criteria: str | None = None

    @property
    def requested(self) -> int:
        """Messages requested in the bucket."""
        return _count(self.counts, "requested", "REQUESTED")

    @property
    def sent(self) -> int:
        """Messages handed to the carrier / Kakao."""
        return _count(self.counts, "sent", "SENT")

    @property
    def failed(self) -> int:
        """Messages whose sending or delivery failed."""
        return _count(self.counts, "sentFailed", "SENT_FAILED")

    @property
    def received(self) -> int:
        """Messages delivered."""
        return _count(self.counts, "received", "RECEIVED")


@attrs.frozen(slots=True)
class KakaoStatsRow:
    """One row of Kakao's delivery or template statistics (daily or monthly).

    Attributes:
        date: ``yyyy-MM-dd`` or ``yyyy-MM``.
        counts: the counters (``totalSendRequestCount``, ``validReadCount``,
            ``totalClickCount``, ...); read and click counts are withheld for
            buckets of 10 successful sends or fewer.
        dimensions: what the row is broken down by (``messageType``,
            ``templateCode``, ``targeting``, ...).
    """

    date: str
    counts: Mapping[str, int]
    dimensions: Mapping[str, str]

    @property
    def read(self) -> int | None:
        """Valid reads, ``None`` when withheld."""
        return self.counts.get("validReadCount")

    @property
    def clicks(self) -> int | None:
        """Clicks, ``None`` when withheld."""
        return self.counts.get("totalClickCount")


def _ints(events: object) -> dict[str, int]:
    if not isinstance(events, dict):
        return {}
    out: dict[str, int] = {}
    for key, value in events.items():
        number = opt_int(value)
        if number is not None:
            out[str(key)] = number
    return out


def _event_rows(items: list[Any]) -> tuple[StatsRow, ...]:
    rows: list[StatsRow] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        when = opt_str(item.get("eventDateTime"))
        events = item.get("events")
        flat = _ints(events)
        nested = (
            {k: v for k, v in (events or {}).items() if isinstance(v, dict)}
            if isinstance(events, dict)
            else {}
        )
        if nested and not flat:
            # Grouped by a criterion: {"82": {"REQUESTED": 1, ...}, ...}.
            rows.extend(StatsRow(when, _ints(v), str(k)) for k, v in nested.items())
        else:
            rows.append(StatsRow(when, flat))
    return tuple(rows)


def _window(start: object, end: object) -> tuple[str, str]:
    span = date_range(start, end, "period", fmt=SMS_QUERY_FORMAT, required=True)
    assert span is not None
    return span


def _stats_type(value: object) -> str:
    if value not in _STATS_TYPES:
        raise ValidationError(
            f"statistics_type must be one of {', '.join(_STATS_TYPES)}", field="statistics_type"
        )
    return str(value)


def _window_params(type_key: str, statistics_type: object, start: object, end: object) -> JSONDict:
    """The bucket type and window every event-statistics query starts with."""
    first, last = _window(start, end)
    return {type_key: _stats_type(statistics_type), "from": first, "to": last}


def _strings(values: Iterable[str], field: str, *, max_items: int | None = None) -> list[str]:
    if isinstance(values, str):
        values = [values]
    out = [require_text(v, field, max_chars=100) for v in values]
    if max_items is not None and len(out) > max_items:
        raise ValidationError(f"{field}: at most {max_items} values", field=field)
    return out


def _kakao_params(
    statistics_type: object,
    period_from: object,
    period_to: object,
    services: Sequence[str],
    sender_keys: Sequence[str],
    template_codes: Sequence[str],
    request_ids: Sequence[str],
) -> dict[str, Any]:
    params = _window_params("statsType", statistics_type, period_from, period_to)
    wanted = _strings(services, "services")
    for name in wanted:
        if name not in _KAKAO_SERVICES:
            raise ValidationError(
                f"services: {name!r} is not one of {', '.join(_KAKAO_SERVICES)}", field="services"
            )
    if wanted:
        params["extra1s"] = wanted
    if sender_keys:
        params["extra2s"] = _strings(sender_keys, "sender_keys")
    if template_codes:
        params["templateCodes"] = _strings(template_codes, "template_codes")
    if request_ids:
        params["requestIds"] = _strings(request_ids, "request_ids", max_items=5)
    return params


def _stats_rows(data: JSONDict) -> tuple[StatsRow, ...]:
    return _event_rows(expect_list(body_of(data, "stats", "kakao"), "stats", "kakao"))


def _stats_total(data: JSONDict) -> StatsRow:
    return StatsRow(None, _ints(expect_dict(body_of(data, "total", "kakao"), "total", "kakao")))


_GROUP = "Statistics"
_STATS_QUERY = {
    "sender_keys": "extra2s",
    "template_codes": "templateCodes",
    "request_ids": "requestIds",
}

KAKAO_STATS = KAKAO.endpoint(
    "get_kakao_stats",
    "GET",
    "stats",
    group=_GROUP,
    product="common",
    query=_STATS_QUERY,
    parser=_stats_rows,
)
KAKAO_STATS_TOTAL = KAKAO.endpoint(
    "get_kakao_stats_total",
    "GET",
    "stats/total",
    group=_GROUP,
    product="common",
    query=_STATS_QUERY,
    parser=_stats_total,
)


@KAKAO_STATS.builds
def get_kakao_stats(
    ctx: Context,
    statistics_type: StatsType,
    period_from: datetime,
    period_to: datetime,
    *,
    services: Sequence[str] = (),
    sender_keys: Sequence[str] = (),
    template_codes: Sequence[str] = (),
    request_ids: Sequence[str] = (),
    retry: RetryPolicy | None = None,
) -> Operation[tuple[StatsRow, ...]]:
    """KakaoTalk statistics by event time (common API ``GET /stats``).

    Args:
        statistics_type, period_from, period_to: as for :meth:`get_sms_stats`.
        services: ``"ALIMTALK"``, ``"ALIMTALK_AUTH"``, ``"FRIENDTALK"``, ``"BRAND_MESSAGE"``.
        sender_keys, template_codes: filters.
        request_ids: at most 5 sends.
        retry: a retry policy for this call only.

    Returns:
        One :class:`StatsRow` per bucket (``REQUESTED``, ``SENT``, ``RECEIVED``,
        ``SENT_FAILED``, ``RESENT``, ``RESENT_FAILED`` in ``counts``).
    """
    params = _kakao_params(
        statistics_type, period_from, period_to, services, sender_keys, template_codes, request_ids
    )
    return KAKAO_STATS.operation(params=params, retry=retry)


@KAKAO_STATS_TOTAL.builds
def get_kakao_stats_total(
    ctx: Context,
    statistics_type: StatsType,
    period_from: datetime,
    period_to: datetime,
    *,
    services: Sequence[str] = (),
    sender_keys: Sequence[str] = (),
    template_codes: Sequence[str] = (),
    request_ids: Sequence[str] = (),
    retry: RetryPolicy | None = None,
) -> Operation[StatsRow]:
    """The KakaoTalk event counts of a whole window (common API ``GET /stats/total``).

    The arguments are those of :meth:`get_kakao_stats`; the answer is one
    :class:`StatsRow` (``event_date_time`` is ``None``).
    """
    params = _kakao_params(
        statistics_type, period_from, period_to, services, sender_keys, template_codes, request_ids
    )
    return KAKAO_STATS_TOTAL.operation(params=params, retry=retry)


def _period(period: object, start: object, end: object) -> tuple[str, str, str]:
    if period not in ("DAILY", "MONTHLY"):
        raise ValidationError("period must be 'DAILY' or 'MONTHLY'", field="period")
    fmt = "%Y-%m-%d" if period == "DAILY" else "%Y-%m"
    # DAILY: at most 90 days; MONTHLY: at most 3 months (checked by the API).
    span = date_range(
        start, end, "period", fmt=fmt, required=True, max_days=90 if period == "DAILY" else None
    )
    assert span is not None
    return str(period), *span


def _kakao_rows(data: JSONDict) -> tuple[KakaoStatsRow, ...]:
    # The rows sit under a key named after the product and kind
    # (alimtalkDeliveryStatistics, brandMessageTemplateStatistics, ...).
    items = next(
        (v for k, v in data.items() if k.endswith("Statistics") and isinstance(v, list)), []
    )
    rows = []
    for item in items:
        if not isinstance(item, dict):
            continue
        counts = {
            k: n
            for k, v in item.items()
            if k != "date" and (n := opt_int(v)) is not None and not isinstance(v, str)
        }
        dims = {k: str(v) for k, v in item.items() if k != "date" and isinstance(v, str)}
        rows.append(KakaoStatsRow(str(item.get("date") or ""), counts, dims))
    return tuple(rows)


def _kakao_statistics(
    ctx: Context,
    endpoint: Endpoint,
    args: Mapping[str, Any],
    filters: Mapping[str, str | None],
) -> Operation[tuple[KakaoStatsRow, ...]]:
    """The operation of Kakao's delivery or template statistics, from the builder's arguments.

    ``args`` are the builder's ``locals()`` (``product``, ``period``,
    ``period_from``, ``period_to``, ``sender_key``, ``limit``, ``offset``,
    ``retry``); ``filters`` maps wire names to their optional values.
    """
    product, limit, offset = args["product"], args["limit"], args["offset"]
    if product not in _PRODUCTS:
        raise ValidationError("product must be 'ALIMTALK' or 'BRANDMESSAGE'", field="product")
    unit, first, last = _period(args["period"], args["period_from"], args["period_to"])
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 1000:
        raise ValidationError("limit must be an int from 1 to 1,000", field="limit")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise ValidationError("offset must be a non-negative int", field="offset")
    params: dict[str, Any] = {
        "senderKey": sender_key_segment(ctx, args["sender_key"]),
        "periodType": unit,
        "startDate": first,
        "endDate": last,
        "limit": limit,
        "offset": offset,
    }
    for wire, value in filters.items():
        if value is not None:
            params[wire] = require_text(value, wire, max_chars=100)
    return endpoint.operation(segments={"product": product}, params=params, retry=args["retry"])


DELIVERY_STATISTICS = KAKAO.endpoint(
    "get_kakao_delivery_statistics",
    "GET",
    "kakao-statistics/delivery-statistics/{product}",
    group=_GROUP,
    product="common",
    segments={"product": "product"},
    query={"message_type": "messageType", "receive_user_type": "receiveUserType"},
    parser=_kakao_rows,
)
TEMPLATE_STATISTICS = KAKAO.endpoint(
    "get_kakao_template_statistics",
    "GET",
    "kakao-statistics/template-statistics/{product}",
    group=_GROUP,
    product="common",
    segments={"product": "product"},
    query={"kakao_template_code": "kakaoTemplateCode", "message_type": "messageType"},
    parser=_kakao_rows,
)


@DELIVERY_STATISTICS.builds
def get_kakao_delivery_statistics(
    ctx: Context,
    product: Literal["ALIMTALK", "BRANDMESSAGE"],
    period_from: date,
    period_to: date,
    *,
    period: Literal["DAILY", "MONTHLY"] = "DAILY",
    sender_key: str | None = None,
    message_type: str | None = None,
    receive_user_type: str | None = None,
    limit: int = 500,
    offset: int = 0,
    retry: RetryPolicy | None = None,
) -> Operation[tuple[KakaoStatsRow, ...]]:
    """Kakao's delivery statistics of a sender profile (sends, valid reads, clicks).

    Data is refreshed daily around 07:00 KST (AlimTalk: final on D+2).

    Args:
        product: ``"ALIMTALK"`` or ``"BRANDMESSAGE"``.
        period_from, period_to: dates (DAILY: within the last 90 days, at most
            90 days; MONTHLY: months, within the last 3).
        period: ``"DAILY"`` or ``"MONTHLY"``.
        sender_key: the profile; default the client's ``kakao_sender_key``.
        message_type: e.g. ``"AT"``/``"AI"`` (AlimTalk) or ``"BASIC"``/``"FREESTYLE"``.
        receive_user_type: ``"PhoneNumber"`` or ``"None"``.
        limit / offset: paging of the rows (``limit`` at most 1,000).
        retry: a retry policy for this call only.
    """
    key = "messageSpec" if product == "BRANDMESSAGE" else "messageType"
    filters = {key: message_type, "receiveUserType": receive_user_type}
    return _kakao_statistics(ctx, DELIVERY_STATISTICS, locals(), filters)


@TEMPLATE_STATISTICS.builds
def get_kakao_template_statistics(
    ctx: Context,
    product: Literal["ALIMTALK", "BRANDMESSAGE"],
    period_from: date,
    period_to: date,
    *,
    period: Literal["DAILY", "MONTHLY"] = "DAILY",
    sender_key: str | None = None,
    kakao_template_code: str | None = None,
    message_type: str | None = None,
    limit: int = 500,
    offset: int = 0,
    retry: RetryPolicy | None = None,
) -> Operation[tuple[KakaoStatsRow, ...]]:
    """Kakao's per-template statistics (successful sends, valid reads, clicks).

    The arguments are those of :meth:`get_kakao_delivery_statistics`, plus
    ``kakao_template_code`` to narrow it to one template.
    """
    key = "messageSpec" if product == "BRANDMESSAGE" else "messageType"
    filters = {"kakaoTemplateCode": kakao_template_code, key: message_type}
    return _kakao_statistics(ctx, TEMPLATE_STATISTICS, locals(), filters)
