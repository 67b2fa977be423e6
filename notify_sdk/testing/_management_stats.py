"""Emulated statistics: SMS ``/stats`` (international, legacy, the old view), the KakaoTalk
common ``/stats``, ``/stats/total`` and Kakao's delivery/template statistics.

Counts come from the messages the emulator accepted: one bucket for the
whole window (the emulator does not split by minute or hour).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from ._common import (
    ApiFailure,
    JSONDict,
    WireReply,
    WireRequest,
    kakao_reply,
    parse_date,
    sms_reply,
)
from ._state import KAKAO_SERVICES, Delivery, Route, State

_QUERY_FORMAT = "%Y-%m-%d %H:%M:%S"
_KAKAO_KINDS = {
    "ALIMTALK": ("alimtalk", "NORMAL"),
    "ALIMTALK_AUTH": ("alimtalk", "AUTH"),
    "FRIENDTALK": ("friendtalk", None),
    "BRAND_MESSAGE": ("brand", None),
}


def _window(state: State, req: WireRequest) -> tuple[datetime, datetime]:
    start = parse_date(req.query.get("from"), _QUERY_FORMAT)
    end = parse_date(req.query.get("to"), _QUERY_FORMAT)
    if start is None or end is None or end < start:
        raise ApiFailure(-2700 if start is not None and end is not None else -2701)
    if req.query.get("statisticsType", req.query.get("statsType")) not in (
        "NORMAL", "MINUTELY", "HOURLY", "DAILY", "BY_DAY",
    ):  # fmt: skip
        raise ApiFailure(-2704)
    return start, end


def _counts(state: State, deliveries: Iterable[Delivery]) -> dict[str, int]:
    now = state.now()
    counts = {"REQUESTED": 0, "SENT": 0, "SENT_FAILED": 0, "RECEIVED": 0, "PENDING": 0}
    for delivery in deliveries:
        counts["REQUESTED"] += 1
        current = delivery.state(now)
        if current in ("DELIVERED", "FAILED"):
            counts["SENT"] += 1
        if current == "DELIVERED":
            counts["RECEIVED"] += 1
        elif current == "FAILED":
            counts["SENT_FAILED"] += 1
        elif current in ("PENDING", "RESERVED"):
            counts["PENDING"] += 1
    return counts


def _in_window(delivery: Delivery, start: datetime, end: datetime) -> bool:
    return start <= delivery.message.created_at <= end


def _sms(state: State, start: datetime, end: datetime, query: Mapping[str, str]) -> list[Delivery]:
    picked = []
    for delivery in state.deliveries:
        message = delivery.message
        if message.service != "sms" or not _in_window(delivery, start, end):
            continue
        if query.get("messageType") not in (None, message.message_type):
            continue
        if query.get("isAd") not in (None, "true" if message.is_ad else "false"):
            continue
        picked.append(delivery)
    return picked


def sms_stats(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET stats: ``events`` with lower-camel counters."""
    start, end = _window(state, req)
    counts = _counts(state, _sms(state, start, end, req.query))
    events = {
        "requested": counts["REQUESTED"],
        "sent": counts["SENT"],
        "sentFailed": counts["SENT_FAILED"],
        "received": counts["RECEIVED"],
    }
    return sms_reply({"data": [{"eventDateTime": f"{start:%Y-%m-%d %H:%M:%S}", "events": events}]})


def sms_international_stats(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET stats/international: upper-case counters, optionally grouped by country."""
    start, end = _window(state, req)
    picked = [
        d
        for d in _sms(state, start, end, req.query)
        if str(d.wire.get("countryCode", "82")) != "82"
        and req.query.get("countryCode") in (None, str(d.wire.get("countryCode")))
    ]
    when = f"{start:%Y-%m-%d %H:%M:%S}"
    if req.query.get("statsCriteria") == "COUNTRY_CODE,EVENT":
        codes = sorted({str(d.wire.get("countryCode")) for d in picked})
        events: JSONDict = {
            code: _counts(state, [d for d in picked if str(d.wire.get("countryCode")) == code])
            for code in codes
        }
    else:
        events = _counts(state, picked)
    return sms_reply({"data": [{"eventDateTime": when, "events": events}]})


def _kakao_picked(state: State, req: WireRequest) -> list[Delivery]:
    start, end = _window(state, req)
    query = req.query
    kinds = [k for k in query.get("extra1s", "").split(",") if k]
    senders = [k for k in query.get("extra2s", "").split(",") if k]
    picked = []
    for delivery in state.deliveries:
        message = delivery.message
        if message.service not in KAKAO_SERVICES or not _in_window(delivery, start, end):
            continue
        if kinds and not any(
            _KAKAO_KINDS.get(k, ("", None))[0] == message.service
            and _KAKAO_KINDS[k][1] in (None, message.message_type)
            for k in kinds
        ):
            continue
        if senders and message.sender not in senders:
            continue
        picked.append(delivery)
    return picked


def _kakao_events(counts: dict[str, int]) -> dict[str, int]:
    return {
        "REQUESTED": counts["REQUESTED"],
        "SENT": counts["SENT"],
        "RECEIVED": counts["RECEIVED"],
        "SENT_FAILED": counts["SENT_FAILED"],
        "RESENT": 0,
        "RESENT_FAILED": 0,
    }


def kakao_stats(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET stats (common API)."""
    counts = _kakao_events(_counts(state, _kakao_picked(state, req)))
    start = parse_date(req.query.get("from"), _QUERY_FORMAT)
    assert start is not None
    return kakao_reply(
        {"stats": [{"eventDateTime": f"{start:%Y-%m-%dT%H:%M:%S.000Z}", "events": counts}]}
    )


def kakao_stats_total(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET stats/total (common API)."""
    return kakao_reply({"total": _kakao_events(_counts(state, _kakao_picked(state, req)))})


def kakao_statistics(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET kakao-statistics/{delivery|template}-statistics/{ALIMTALK|BRANDMESSAGE}."""
    kind, product = groups
    query = req.query
    if not query.get("senderKey") or query.get("periodType") not in ("DAILY", "MONTHLY"):
        raise ApiFailure(-4105)
    if not query.get("startDate") or not query.get("endDate"):
        raise ApiFailure(-4105)
    service = "alimtalk" if product == "ALIMTALK" else "brand"
    picked = [
        d
        for d in state.deliveries
        if d.message.service == service and d.message.sender == query["senderKey"]
    ]
    counts = _counts(state, picked)
    day = query["startDate"]
    if kind == "delivery":
        row: JSONDict = {
            "date": day,
            "messageType": "NORMAL",
            "receiveUserType": "ALL",
            "totalSendRequestCount": counts["REQUESTED"],
            "validSendRequestCount": counts["SENT"],
        }
    else:
        row = {"date": day, "messageType": "NORMAL", "totalSendSuccessCount": counts["RECEIVED"]}
    # Kakao withholds reads and clicks for buckets of 10 successful sends or fewer.
    if counts["RECEIVED"] > 10:
        row.update(validReadCount=counts["RECEIVED"], totalClickCount=0)
    prefix = "alimtalk" if product == "ALIMTALK" else "brandMessage"
    key = f"{prefix}{kind.capitalize()}Statistics"
    return kakao_reply({"totalCount": 1, key: [row]})


_LEGACY_KEYS: dict[str, Callable[[Delivery], str]] = {
    "TEMPLATE_ID,EVENT": lambda d: str(d.wire.get("templateId") or ""),
    "EXTRA_1,EVENT": lambda d: str(d.message.message_type),
    "EXTRA_2,EVENT": lambda d: "true" if d.message.is_ad else "false",
    "EXTRA_3,EVENT": lambda d: str(d.wire.get("sendNo") or ""),
}


def _legacy_events(counts: Mapping[str, int]) -> JSONDict:
    return {
        "requested": counts["REQUESTED"],
        "sent": counts["SENT"],
        "sentFailed": counts["SENT_FAILED"],
        "received": counts["RECEIVED"],
        "pending": counts["PENDING"],
    }


def sms_legacy_stats(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET stats/legacy: ``stats`` plus ``pending``, optionally grouped by ``statsCriteria``."""
    start, end = _window(state, req)
    picked = _sms(state, start, end, req.query)
    criteria = req.query.get("statsCriteria", "EVENT")
    if criteria != "EVENT" and criteria not in _LEGACY_KEYS:
        raise ApiFailure(-2705)
    events: JSONDict
    if criteria == "EVENT":
        events = _legacy_events(_counts(state, picked))
    else:
        key = _LEGACY_KEYS[criteria]
        events = {
            value: _legacy_events(_counts(state, [d for d in picked if key(d) == value]))
            for value in sorted({key(d) for d in picked})
        }
    return sms_reply({"data": [{"eventDateTime": f"{start:%Y-%m-%d %H:%M:%S}", "events": events}]})


def sms_statistics_view(state: State, req: WireRequest, groups: tuple[str, ...]) -> WireReply:
    """GET statistics/view (old): one row per day of the window, with rates."""
    query = req.query
    start = parse_date(query.get("from"), "%Y-%m-%d %H:%M")
    end = parse_date(query.get("to"), "%Y-%m-%d %H:%M")
    if start is None or end is None or end < start:
        raise ApiFailure(-2700 if start is not None and end is not None else -2701)
    if query.get("searchType") not in ("DATE", "TIME", "DAY"):
        raise ApiFailure(-2704)
    wanted = {"messageType": query.get("messageType")}
    if query.get("contentType") is not None:
        wanted["isAd"] = "true" if query["contentType"] == "AD" else "false"
    picked = _sms(state, start, end, {k: v for k, v in wanted.items() if v is not None})
    if query.get("templateId") is not None:
        picked = [d for d in picked if d.wire.get("templateId") == query["templateId"]]
    counts = _counts(state, picked)
    total = counts["REQUESTED"]

    def rate(count: int) -> str:
        return f"{100 * count / total:.2f}" if total else "0.00"

    view = {
        "requestedCount": total,
        "succeedCount": counts["RECEIVED"],
        "failedCount": counts["SENT_FAILED"],
        "pendingCount": counts["PENDING"],
        "succeedRate": rate(counts["RECEIVED"]),
        "failedRate": rate(counts["SENT_FAILED"]),
        "pendingRate": rate(counts["PENDING"]),
    }
    return sms_reply({"data": [{"divisionName": f"{start:%Y-%m-%d}", "statisticsView": view}]})


SMS_ROUTES: tuple[Route, ...] = (
    Route("GET", r"stats", sms_stats),
    Route("GET", r"stats/international", sms_international_stats),
    Route("GET", r"stats/legacy", sms_legacy_stats),
    Route("GET", r"statistics/view", sms_statistics_view),
)

COMMON_ROUTES: tuple[Route, ...] = (
    Route("GET", r"stats", kakao_stats),
    Route("GET", r"stats/total", kakao_stats_total),
    Route(
        "GET",
        r"kakao-statistics/(delivery|template)-statistics/(ALIMTALK|BRANDMESSAGE)",
        kakao_statistics,
    ),
)
