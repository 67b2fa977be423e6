"""SMS statistics by request time (``/stats/legacy``) and the old view (``/statistics/view``)."""

from __future__ import annotations

from datetime import datetime

import pytest
import respx

from notify_sdk.errors import ValidationError
from notify_sdk.services.sms.statistics import SmsStatisticsView
from notify_sdk.testing import Emulator
from tests.helpers import SMS_PREFIX, Api, envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, sms_mock

__all__ = ["emu", "emu_api", "emu_clock", "sms_mock"]

DAY = (datetime(2026, 11, 24), datetime(2026, 11, 24, 23, 59, 59))


async def test_legacy_stats_request_and_rows_with_pending(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/stats/legacy").respond(
        json=envelope(
            {
                "data": [
                    {
                        "eventDateTime": "2026-11-24",
                        "events": {
                            "requested": 10,
                            "sent": 9,
                            "sentFailed": 1,
                            "received": 7,
                            "pending": 1,
                        },
                    }
                ]
            }
        )
    )
    (row,) = await api(
        "get_sms_legacy_stats", "DAILY", *DAY, message_type="LMS", request_ids=["R1"]
    )
    params = route.calls[0].request.url.params
    assert (params["statisticsType"], params["from"], params["to"]) == (
        "DAILY",
        "2026-11-24 00:00:00",
        "2026-11-24 23:59:59",
    )
    assert params["messageType"] == "LMS" and params.get_list("requestIds") == ["R1"]
    assert "statsCriteria" not in params
    assert (row.requested, row.failed, row.received) == (10, 1, 7)
    assert row.counts["pending"] == 1


async def test_legacy_stats_broken_down_by_template(api: Api, sms_mock: respx.MockRouter) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/stats/legacy").respond(
        json=envelope(
            {
                "data": [
                    {
                        "eventDateTime": "2026-11-24",
                        "events": {"T1": {"requested": 2}, "T2": {"requested": 5}},
                    }
                ]
            }
        )
    )
    rows = await api("get_sms_legacy_stats", "DAILY", *DAY, by="template")
    assert route.calls[0].request.url.params["statsCriteria"] == "TEMPLATE_ID,EVENT"
    assert [(r.criteria, r.requested) for r in rows] == [("T1", 2), ("T2", 5)]


async def test_legacy_stats_refuses_an_unknown_breakdown(api: Api) -> None:
    with pytest.raises(ValidationError) as caught:
        await api("get_sms_legacy_stats", "DAILY", *DAY, by="country")
    assert caught.value.field == "by"


async def test_statistics_view_request_and_both_documented_shapes(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    # The docs' example nests the counters under statisticsView; the field
    # table lists them on the item itself. Both are read.
    route = sms_mock.get(f"{SMS_PREFIX}/statistics/view").respond(
        json=envelope(
            {
                "data": [
                    {
                        "divisionName": "2026-11-24",
                        "statisticsView": {
                            "requestedCount": 10,
                            "succeedCount": 9,
                            "failedCount": 1,
                            "pendingCount": 0,
                            "succeedRate": "90.00",
                            "failedRate": "10.00",
                            "pendingRate": "0.00",
                        },
                    },
                    {"divisionName": "2026-11-25", "requestedCount": 4, "succeedCount": 4},
                ]
            }
        )
    )
    rows = await api(
        "get_sms_statistics_view", "DATE", *DAY, message_type="SMS", ad=True, template_id="T1"
    )
    params = route.calls[0].request.url.params
    assert (params["searchType"], params["from"], params["to"]) == (
        "DATE",
        "2026-11-24 00:00",
        "2026-11-24 23:59",
    )
    assert (params["messageType"], params["contentType"], params["templateId"]) == (
        "SMS",
        "AD",
        "T1",
    )
    assert rows == (
        SmsStatisticsView(
            division="2026-11-24",
            requested=10,
            succeeded=9,
            failed=1,
            pending=0,
            succeeded_rate="90.00",
            failed_rate="10.00",
            pending_rate="0.00",
        ),
        SmsStatisticsView(division="2026-11-25", requested=4, succeeded=4),
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"search_type": "WEEK"}, "search_type"), ({"ad": "yes"}, "ad")],
)
async def test_statistics_view_refuses_bad_arguments(
    api: Api, kwargs: dict[str, object], field: str
) -> None:
    args = {"search_type": "DATE", **kwargs}
    with pytest.raises(ValidationError) as caught:
        await api("get_sms_statistics_view", args.pop("search_type"), *DAY, **args)
    assert caught.value.field == field


async def test_both_on_the_emulator(emu_api: Api, emu: Emulator) -> None:
    emu.set_outcome("01055550124", "3018")
    await emu_api("send_sms", ["01055550123", "01055550124"], "Hello")
    await emu_api("send_ad_sms", "01055550125", "(광고) Sale 무료거부 0801234567")
    (total,) = await emu_api("get_sms_legacy_stats", "DAILY", *DAY)
    assert (total.requested, total.received, total.failed) == (3, 2, 1)
    by_ad = await emu_api("get_sms_legacy_stats", "DAILY", *DAY, by="ad")
    assert sorted((r.criteria, r.requested) for r in by_ad) == [("false", 2), ("true", 1)]
    (view,) = await emu_api("get_sms_statistics_view", "DATE", *DAY, ad=False)
    assert (view.requested, view.succeeded, view.failed) == (2, 1, 1)
    assert view.succeeded_rate == "50.00"
