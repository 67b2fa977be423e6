"""Statistics: SMS /stats (and international), the KakaoTalk common /stats and
/stats/total, Kakao's delivery and template statistics."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import respx

from notify_sdk.errors import ValidationError
from notify_sdk.services.stats import KakaoStatsRow, StatsRow
from notify_sdk.testing import DEFAULT_SENDER_KEY, DEFAULT_TEMPLATE_CODE, Emulator
from tests.helpers import (
    KAKAO_APP_KEY,
    KAKAO_BASE,
    SENDER_KEY,
    SMS_PREFIX,
    Api,
    envelope,
    kakao_envelope,
)
from tests.helpers.mgmt import emu, emu_api, emu_clock, kakao_mock, sms_mock

__all__ = ["emu", "emu_api", "emu_clock", "kakao_mock", "sms_mock"]

COMMON = f"{KAKAO_BASE}/common/v2.2/appkeys/{KAKAO_APP_KEY}"
DAY = (datetime(2026, 11, 24), datetime(2026, 11, 24, 23, 59, 59))


async def test_sms_stats_request_and_rows(api: Api, sms_mock: respx.MockRouter) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/stats").respond(
        json=envelope(
            {
                "data": [
                    {
                        "eventDateTime": "2026-11-24 00:00:00",
                        "events": {"requested": 10, "sent": 9, "sentFailed": 1, "received": 8},
                    }
                ]
            }
        )
    )
    (row,) = await api("get_sms_stats", "DAILY", *DAY, ad=True, template_ids=["T1"])
    params = route.calls[0].request.url.params
    assert (params["statisticsType"], params["from"], params["to"]) == (
        "DAILY",
        "2026-11-24 00:00:00",
        "2026-11-24 23:59:59",
    )
    assert params["isAd"] == "true" and params.get_list("templateIds") == ["T1"]
    assert (row.requested, row.sent, row.failed, row.received) == (10, 9, 1, 8)


async def test_international_stats_grouped_by_country(api: Api, sms_mock: respx.MockRouter) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/stats/international").respond(
        json=envelope(
            {
                "data": [
                    {
                        "eventDateTime": "2026-11-24 00:00:00",
                        "events": {
                            "1": {"REQUESTED": 3, "SENT": 3, "RECEIVED": 2, "CONCAT": 0},
                            "81": {"REQUESTED": 1, "SENT_FAILED": 1},
                        },
                    }
                ]
            }
        )
    )
    rows = await api("get_sms_international_stats", "DAILY", *DAY, by_country=True)
    assert route.calls[0].request.url.params["statsCriteria"] == "COUNTRY_CODE,EVENT"
    assert [(r.criteria, r.requested, r.failed) for r in rows] == [("1", 3, 0), ("81", 1, 1)]


async def test_kakao_common_stats_and_total(api: Api, kakao_mock: respx.MockRouter) -> None:
    stats = kakao_mock.get(f"{COMMON}/stats").respond(
        json=kakao_envelope(
            stats=[
                {
                    "eventDateTime": "2026-11-24T00:00:00.000Z",
                    "events": {"REQUESTED": 55, "SENT": 27, "RECEIVED": 25, "SENT_FAILED": 19},
                }
            ]
        )
    )
    kakao_mock.get(f"{COMMON}/stats/total").respond(
        json=kakao_envelope(total={"REQUESTED": 56, "RECEIVED": 45, "RESENT": 0})
    )
    (row,) = await api("get_kakao_stats", "DAILY", *DAY, services=["ALIMTALK", "BRAND_MESSAGE"])
    assert stats.calls[0].request.url.params.get_list("extra1s") == ["ALIMTALK", "BRAND_MESSAGE"]
    assert (row.requested, row.received, row.failed) == (55, 25, 19)
    total = await api("get_kakao_stats_total", "NORMAL", *DAY)
    assert total == StatsRow(None, {"REQUESTED": 56, "RECEIVED": 45, "RESENT": 0})
    with pytest.raises(ValidationError):
        await api("get_kakao_stats", "DAILY", *DAY, services=["SMS"])


async def test_kakao_delivery_and_template_statistics(
    api: Api, kakao_mock: respx.MockRouter
) -> None:
    route = kakao_mock.get(f"{COMMON}/kakao-statistics/delivery-statistics/ALIMTALK").respond(
        json=kakao_envelope(
            totalCount=1,
            alimtalkDeliveryStatistics=[
                {
                    "date": "2026-11-01",
                    "messageType": "NORMAL",
                    "receiveUserType": "ALL",
                    "totalSendRequestCount": 100,
                    "validSendRequestCount": 95,
                    "validReadCount": 80,
                }
            ],
        )
    )
    (row,) = await api(
        "get_kakao_delivery_statistics", "ALIMTALK", date(2026, 11, 1), date(2026, 11, 30)
    )
    params = route.calls[0].request.url.params
    assert (params["senderKey"], params["periodType"], params["startDate"]) == (
        SENDER_KEY,
        "DAILY",
        "2026-11-01",
    )
    assert row == KakaoStatsRow(
        "2026-11-01",
        {"totalSendRequestCount": 100, "validSendRequestCount": 95, "validReadCount": 80},
        {"messageType": "NORMAL", "receiveUserType": "ALL"},
    )
    assert row.read == 80 and row.clicks is None
    kakao_mock.get(f"{COMMON}/kakao-statistics/template-statistics/BRANDMESSAGE").respond(
        json=kakao_envelope(totalCount=0, brandMessageTemplateStatistics=[])
    )
    assert await api(
        "get_kakao_template_statistics", "BRANDMESSAGE", date(2026, 9, 1), date(2026, 11, 1),
        period="MONTHLY",
    ) == ()  # fmt: skip
    with pytest.raises(ValidationError):
        await api("get_kakao_delivery_statistics", "SMS", date(2026, 11, 1), date(2026, 11, 2))
    with pytest.raises(ValidationError):
        await api("get_kakao_delivery_statistics", "ALIMTALK", date(2026, 1, 1), date(2026, 11, 2))


async def test_stats_need_an_ordered_window(api: Api, sms_mock: respx.MockRouter) -> None:
    with pytest.raises(ValidationError) as info:
        await api("get_sms_stats", "DAILY", DAY[1], DAY[0])
    assert info.value.field == "period_from"
    with pytest.raises(ValidationError) as info:
        await api("get_sms_stats", "WEEKLY", *DAY)
    assert info.value.field == "statistics_type"
    assert not sms_mock.calls


async def test_stats_on_the_emulator(emu_api: Api, emu: Emulator) -> None:
    emu.set_outcome("01055550124", "3018")
    await emu_api("send_sms", ["01055550123", "01055550124"], "Hello")
    await emu_api("send_alimtalk", "01055550123", DEFAULT_TEMPLATE_CODE, params={"name": "Kim"})
    (sms,) = await emu_api("get_sms_stats", "DAILY", *DAY)
    assert (sms.requested, sms.received, sms.failed) == (2, 1, 1)
    (kakao,) = await emu_api("get_kakao_stats", "DAILY", *DAY, services=["ALIMTALK"])
    assert (kakao.requested, kakao.received) == (1, 1)
    total = await emu_api("get_kakao_stats_total", "NORMAL", *DAY)
    assert total.requested == 1
    (row,) = await emu_api(
        "get_kakao_delivery_statistics", "ALIMTALK", date(2026, 11, 24), date(2026, 11, 24),
        sender_key=DEFAULT_SENDER_KEY,
    )  # fmt: skip
    assert row.counts["totalSendRequestCount"] == 1 and row.read is None
