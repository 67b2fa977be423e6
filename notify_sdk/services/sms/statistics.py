"""SMS statistics: by event time (``/stats``, ``/stats/international``), by
request time (``/stats/legacy``) and the old integrated view.

``get_sms_stats`` counts by event time; the legacy statistics count every
message at its request time (a report that must add up per send day wants
these), optionally broken down by template, message type, ad flag or sender
number. ``/statistics/view`` is the older integrated report with rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..._core import (
    Context,
    JSONDict,
    Operation,
    expect_list,
)
from ..._core.endpoints import SMS
from ..._core.params import require_text
from ..._core.wire import opt_int, opt_str
from ...errors import ValidationError
from .._manage import date_range, sms_data
from ..stats import StatsRow, StatsType, _event_rows, _strings, _window_params

if TYPE_CHECKING:
    from ..._retry import RetryPolicy

__all__ = ["SmsStatisticsView"]

#: ``statsCriteria`` of the legacy statistics, by the breakdown's name.
_CRITERIA = {
    "template": "TEMPLATE_ID,EVENT",
    "message_type": "EXTRA_1,EVENT",
    "ad": "EXTRA_2,EVENT",
    "sender": "EXTRA_3,EVENT",
}
_SEARCH_TYPES = ("DATE", "TIME", "DAY")
#: The old view takes minutes, not seconds.
_VIEW_FORMAT = "%Y-%m-%d %H:%M"


def _rows(data: JSONDict) -> tuple[StatsRow, ...]:
    return _event_rows(expect_list(sms_data(data), "body.data", "sms"))


def _message_type(value: object) -> str:
    if value not in ("SMS", "LMS", "MMS", "AUTH"):
        raise ValidationError("message_type must be SMS, LMS, MMS or AUTH", field="message_type")
    return str(value)


def _sms_params(
    statistics_type: object,
    period_from: object,
    period_to: object,
    message_type: object,
    ad: object,
    template_ids: Sequence[str],
    request_ids: Sequence[str],
) -> dict[str, Any]:
    """The query of the SMS event statistics (``/stats``, ``/stats/legacy``)."""
    params = _window_params("statisticsType", statistics_type, period_from, period_to)
    if message_type is not None:
        params["messageType"] = _message_type(message_type)
    if ad is not None:
        params["isAd"] = "true" if ad else "false"
    if template_ids:
        params["templateIds"] = _strings(template_ids, "template_ids")
    if request_ids:
        params["requestIds"] = _strings(request_ids, "request_ids", max_items=5)
    return params


#: ``GET /stats``: counters by event time.
EVENT_STATS = SMS.endpoint(
    "get_sms_stats",
    "GET",
    "stats",
    group="Statistics",
    query={"ad": "isAd", "template_ids": "templateIds", "request_ids": "requestIds"},
    parser=_rows,
)


@EVENT_STATS.builds
def get_sms_stats(
    ctx: Context,
    statistics_type: StatsType,
    period_from: datetime,
    period_to: datetime,
    *,
    message_type: Literal["SMS", "LMS", "MMS", "AUTH"] | None = None,
    ad: bool | None = None,
    template_ids: Sequence[str] = (),
    request_ids: Sequence[str] = (),
    retry: RetryPolicy | None = None,
) -> Operation[tuple[StatsRow, ...]]:
    """SMS statistics by event time (``GET /stats``).

    Args:
        statistics_type: ``"NORMAL"``, ``"MINUTELY"``, ``"HOURLY"``,
            ``"DAILY"`` or ``"BY_DAY"``.
        period_from, period_to: the window (naive = Korea time).
        message_type: only this message type.
        ad: only advertising (``True``) or only other messages (``False``).
        template_ids: only these templates.
        request_ids: only these sends (at most 5).
        retry: a retry policy for this call only.

    Returns:
        One :class:`StatsRow` per bucket (``requested``, ``sent``, ``failed``, ``received``).
    """
    params = _sms_params(
        statistics_type, period_from, period_to, message_type, ad, template_ids, request_ids
    )

    return EVENT_STATS.operation(params=params, retry=retry)


#: ``GET /stats/international``: international SMS counters.
INTERNATIONAL_STATS = SMS.endpoint(
    "get_sms_international_stats",
    "GET",
    "stats/international",
    group="Statistics",
    query={"country_code": "countryCode", "by_country": "statsCriteria"},
    parser=_rows,
)


@INTERNATIONAL_STATS.builds
def get_sms_international_stats(
    ctx: Context,
    statistics_type: StatsType,
    period_from: datetime,
    period_to: datetime,
    *,
    country_code: str | None = None,
    by_country: bool = False,
    retry: RetryPolicy | None = None,
) -> Operation[tuple[StatsRow, ...]]:
    """International SMS statistics (``GET /stats/international``).

    Args:
        statistics_type, period_from, period_to: as for :meth:`get_sms_stats`.
        country_code: only this country (e.g. ``"1"``).
        by_country: one row per country per bucket (``StatsRow.criteria`` is the code).
        retry: a retry policy for this call only.
    """
    params = _window_params("statisticsType", statistics_type, period_from, period_to)
    if country_code is not None:
        params["countryCode"] = require_text(country_code, "country_code", max_chars=8)
    if by_country:
        params["statsCriteria"] = "COUNTRY_CODE,EVENT"

    return INTERNATIONAL_STATS.operation(params=params, retry=retry)


#: ``GET /stats/legacy``: counters by request time.
LEGACY_STATS = SMS.endpoint(
    "get_sms_legacy_stats",
    "GET",
    "stats/legacy",
    group="Statistics",
    query={
        "statistics_type": "statisticsType",
        "period_from": "from",
        "period_to": "to",
        "message_type": "messageType",
        "ad": "isAd",
        "template_ids": "templateIds",
        "request_ids": "requestIds",
        "by": "statsCriteria",
    },
    parser=_rows,
    example={"statistics_type": "DAILY"},
)


@LEGACY_STATS.builds
def get_sms_legacy_stats(
    ctx: Context,
    statistics_type: StatsType,
    period_from: datetime,
    period_to: datetime,
    *,
    message_type: Literal["SMS", "LMS", "MMS", "AUTH"] | None = None,
    ad: bool | None = None,
    template_ids: Sequence[str] = (),
    request_ids: Sequence[str] = (),
    by: Literal["template", "message_type", "ad", "sender"] | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[tuple[StatsRow, ...]]:
    """SMS statistics by request time (``GET /stats/legacy``), with ``pending`` counted.

    Args:
        statistics_type: ``"NORMAL"``, ``"MINUTELY"``, ``"HOURLY"``,
            ``"DAILY"`` or ``"BY_DAY"``.
        period_from, period_to: the window (naive = Korea time).
        message_type: only this message type.
        ad: only advertising (``True``) or only other messages (``False``).
        template_ids: only these templates.
        request_ids: only these sends (at most 5).
        by: one row per template (``"template"``), message type, ad flag or
            sender number per bucket; :attr:`StatsRow.criteria` holds the value.
        retry: a retry policy for this call only.

    Returns:
        One :class:`~notify_sdk.StatsRow` per bucket (and per ``by`` value).

    Raises:
        ValidationError: bad arguments, before anything is sent.
    """
    params = _sms_params(
        statistics_type, period_from, period_to, message_type, ad, template_ids, request_ids
    )
    if by is not None:
        if by not in _CRITERIA:
            raise ValidationError(f"by must be one of {', '.join(_CRITERIA)}", field="by")
        params["statsCriteria"] = _CRITERIA[by]
    return LEGACY_STATS.operation(params=params, retry=retry)


@attrs.frozen(slots=True, kw_only=True)
class SmsStatisticsView:
    """One row of the old integrated SMS statistics (``/statistics/view``).

    Attributes:
        division: the row's date, hour or weekday (``divisionName``).
        requested, succeeded, failed, pending: the counts.
        succeeded_rate, failed_rate, pending_rate: percentages as the API
            writes them (``"100.00"``).
    """

    division: str | None
    requested: int = 0
    succeeded: int = 0
    failed: int = 0
    pending: int = 0
    succeeded_rate: str | None = None
    failed_rate: str | None = None
    pending_rate: str | None = None


def _view_rows(data: JSONDict) -> tuple[SmsStatisticsView, ...]:
    rows = []
    for item in expect_list(sms_data(data), "body.data", "sms"):
        if not isinstance(item, dict):
            continue
        # The field table flattens the counters into the item; the example
        # nests them under statisticsView. Read both.
        view = item.get("statisticsView")
        counts = view if isinstance(view, dict) else item
        rows.append(
            SmsStatisticsView(
                division=opt_str(item.get("divisionName")),
                requested=opt_int(counts.get("requestedCount")) or 0,
                succeeded=opt_int(counts.get("succeedCount")) or 0,
                failed=opt_int(counts.get("failedCount")) or 0,
                pending=opt_int(counts.get("pendingCount")) or 0,
                succeeded_rate=opt_str(counts.get("succeedRate")),
                failed_rate=opt_str(counts.get("failedRate")),
                pending_rate=opt_str(counts.get("pendingRate")),
            )
        )
    return tuple(rows)


#: ``GET /statistics/view``: the old integrated report.
STATISTICS_VIEW = SMS.endpoint(
    "get_sms_statistics_view",
    "GET",
    "statistics/view",
    group="Statistics",
    query={
        "search_type": "searchType",
        "period_from": "from",
        "period_to": "to",
        "message_type": "messageType",
        "ad": "contentType",
        "template_id": "templateId",
    },
    parser=_view_rows,
    example={"search_type": "DATE"},
)


@STATISTICS_VIEW.builds
def get_sms_statistics_view(
    ctx: Context,
    search_type: Literal["DATE", "TIME", "DAY"],
    period_from: datetime,
    period_to: datetime,
    *,
    message_type: Literal["SMS", "LMS", "MMS", "AUTH"] | None = None,
    ad: bool | None = None,
    template_id: str | None = None,
    retry: RetryPolicy | None = None,
) -> Operation[tuple[SmsStatisticsView, ...]]:
    """The old integrated SMS statistics (``GET /statistics/view``), with rates.

    The provider keeps this report for older integrations; new reports
    should use :meth:`get_sms_stats` or :meth:`get_sms_legacy_stats`.

    Args:
        search_type: one row per date (``"DATE"``), hour (``"TIME"``) or weekday (``"DAY"``).
        period_from, period_to: the window (naive = Korea time; minutes).
        message_type: only this message type.
        ad: only advertising (``True``, ``contentType=AD``) or only other messages.
        template_id: only this template.
        retry: a retry policy for this call only.

    Returns:
        One :class:`SmsStatisticsView` per row.

    Raises:
        ValidationError: bad arguments, before anything is sent.
    """
    if search_type not in _SEARCH_TYPES:
        raise ValidationError(
            f"search_type must be one of {', '.join(_SEARCH_TYPES)}", field="search_type"
        )
    window = date_range(period_from, period_to, "period", fmt=_VIEW_FORMAT, required=True)
    assert window is not None
    # The URL line of the docs spells messageTypes/contentTypes; the parameter
    # table (followed here) messageType/contentType.
    params: JSONDict = {"searchType": search_type, "from": window[0], "to": window[1]}
    if message_type is not None:
        params["messageType"] = _message_type(message_type)
    if ad is not None:
        if not isinstance(ad, bool):
            raise ValidationError("ad must be True or False", field="ad")
        params["contentType"] = "AD" if ad else "NORMAL"
    if template_id is not None:
        params["templateId"] = require_text(template_id, "template_id", max_chars=50)
    return STATISTICS_VIEW.operation(params=params, retry=retry)
