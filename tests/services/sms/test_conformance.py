"""SMS request fields the provider documents that the SDK must be able to send.

sms-v3.md 2.4 and 4.1 (``statsId``, ``originCode``, ``useConversion``,
``requestDate`` of authentication SMS) and 5.1 (``receiverRegion``,
``countryCode`` filters of the delivery lists).
"""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta
from typing import Any

import pytest
import respx

from notify_sdk.errors import ValidationError
from tests.helpers import KST, Api, body_json
from tests.helpers.sms import kst_minute, mock, ok_row, page_answer, send_answer, tomorrow_kst

__all__ = ["mock"]  # fixtures imported for pytest

AD_BODY = "(광고) 한빛서점 주말 20% 할인\n무료수신거부 080-555-0100"


@pytest.mark.parametrize(
    ("method", "args", "path"),
    [
        ("send_sms", ("01055550123", "hi"), "/sender/sms"),
        ("send_mms", ("01055550123", "hi"), "/sender/mms"),
        ("send_auth_sms", ("01055550123", "[인증] 1234"), "/sender/auth/sms"),
        ("send_ad_sms", ("01055550123", AD_BODY), "/sender/ad-sms"),
        ("send_ad_mms", ("01055550123", AD_BODY), "/sender/ad-mms"),
    ],
)
async def test_stats_id_and_origin_code_are_sent(
    api: Api, mock: respx.MockRouter, method: str, args: tuple[Any, ...], path: str
) -> None:
    route = mock.post(path).respond(json=send_answer([ok_row()]))
    extra: dict[str, Any] = {"title": "t"} if "mms" in method else {}
    await api.call(method, *args, stats_id="evt-2026", origin_code="123456789", **extra)
    sent = body_json(route.calls.last.request)
    assert sent["statsId"] == "evt-2026"
    assert sent["originCode"] == "123456789"


async def test_stats_id_and_origin_code_are_left_out_by_default(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    await api.call("send_sms", "01055550123", "hi")
    sent = body_json(route.calls.last.request)
    assert not {"statsId", "originCode", "useConversion"} & sent.keys()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"stats_id": "x" * 11}, "stats_id"),
        ({"stats_id": ""}, "stats_id"),
        ({"origin_code": "1234567890"}, "origin_code"),
        ({"origin_code": "12a"}, "origin_code"),
        ({"use_conversion": "yes"}, "use_conversion"),
    ],
)
async def test_bad_stats_fields_are_refused(
    api: Api, mock: respx.MockRouter, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api.call("send_sms", "01055550123", "hi", **kwargs)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("method", "body", "path"),
    [
        ("send_sms", "hi", "/sender/sms"),
        ("send_auth_sms", "[인증] 1234", "/sender/auth/sms"),
        ("send_ad_sms", AD_BODY, "/sender/ad-sms"),
    ],
)
async def test_use_conversion_is_sent(
    api: Api, mock: respx.MockRouter, method: str, body: str, path: str
) -> None:
    route = mock.post(path).respond(json=send_answer([ok_row()]))
    await api.call(method, "+14155550123", body, use_conversion=True)
    assert body_json(route.calls.last.request)["useConversion"] is True


async def test_use_conversion_is_refused_with_a_schedule(api: Api, mock: respx.MockRouter) -> None:
    when = tomorrow_kst().replace(hour=10, minute=0)
    with pytest.raises(ValidationError) as info:
        await api.call("send_sms", "01055550123", "hi", scheduled_at=when, use_conversion=True)
    assert info.value.field == "use_conversion"
    assert "scheduled_at" in str(info.value)


async def test_auth_sms_can_be_scheduled(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/auth/sms").respond(json=send_answer([ok_row()]))
    when = tomorrow_kst().replace(hour=10, minute=0)
    await api.call("send_auth_sms", "01055550123", "[인증] 1234", scheduled_at=when)
    assert body_json(route.calls.last.request)["requestDate"] == kst_minute(when)


async def test_auth_sms_schedule_window_is_60_days(api: Api, mock: respx.MockRouter) -> None:
    when = tomorrow_kst() + timedelta(days=61)
    with pytest.raises(ValidationError) as info:
        await api.call("send_auth_sms", "01055550123", "[인증] 1234", scheduled_at=when)
    assert info.value.field == "scheduled_at"


async def test_auth_sms_schedule_is_refused_with_use_conversion(
    api: Api, mock: respx.MockRouter
) -> None:
    when = tomorrow_kst().replace(hour=10, minute=0)
    with pytest.raises(ValidationError) as info:
        await api.call(
            "send_auth_sms", "01055550123", "[인증] 1234", scheduled_at=when, use_conversion=True
        )
    assert info.value.field == "use_conversion"


# --- delivery list filters -----------------------------------------------------------


async def test_delivery_list_region_and_country_filters(api: Api, mock: respx.MockRouter) -> None:
    route = mock.get("/sender/sms").respond(json=page_answer([], 0))
    await api.collect(
        "list_sms_deliveries", request_id="R1", receiver_region="international", country_code="+81"
    )
    params = route.calls.last.request.url.params
    assert params["receiverRegion"] == "INTERNATIONAL"
    assert params["countryCode"] == "81"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"receiver_region": "abroad"}, "receiver_region"),
        ({"country_code": "eighty-one"}, "country_code"),
    ],
)
async def test_delivery_list_bad_region_filters(
    api: Api, mock: respx.MockRouter, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api.collect("list_sms_deliveries", request_id="R1", **kwargs)
    assert info.value.field == field


# --- the night rule of advertising SMS/MMS (21:00-08:00 KST) ----------------------------

NIGHT = datetime(2026, 11, 24, 22, 30, tzinfo=KST)
DAY = datetime(2026, 11, 24, 12, 0, tzinfo=KST)


@pytest.mark.parametrize("method", ["send_ad_sms", "send_ad_mms"])
async def test_an_ad_scheduled_at_night_is_refused(
    api: Api, mock: respx.MockRouter, method: str
) -> None:
    api.set_clock(DAY)
    extra: dict[str, Any] = {"title": "t"} if "mms" in method else {}
    with pytest.raises(ValidationError) as info:
        await api.call(
            method, "01055550123", AD_BODY, scheduled_at=DAY.replace(hour=21, minute=30), **extra
        )
    assert info.value.field == "scheduled_at"
    assert "21:00-08:00" in str(info.value) and "night_consent" in str(info.value)


async def test_an_ad_sent_now_at_night_warns(api: Api, mock: respx.MockRouter) -> None:
    api.set_clock(NIGHT)
    mock.post("/sender/ad-sms").respond(json=send_answer([ok_row()]))
    with pytest.warns(UserWarning, match="inside the night window"):
        await api.call("send_ad_sms", "01055550123", AD_BODY)


async def test_night_consent_lets_a_night_ad_go(api: Api, mock: respx.MockRouter) -> None:
    api.set_clock(NIGHT)
    route = mock.post("/sender/ad-sms").respond(json=send_answer([ok_row()]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await api.call("send_ad_sms", "01055550123", AD_BODY, night_consent=True)
        await api.call(
            "send_ad_sms",
            "01055550123",
            AD_BODY,
            scheduled_at=NIGHT + timedelta(hours=1),
            night_consent=True,
        )
    assert route.call_count == 2


async def test_a_daytime_ad_and_a_night_plain_sms_say_nothing(
    api: Api, mock: respx.MockRouter
) -> None:
    mock.post("/sender/ad-sms").respond(json=send_answer([ok_row()]))
    mock.post("/sender/sms").respond(json=send_answer([ok_row()]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        api.set_clock(DAY)
        await api.call("send_ad_sms", "01055550123", AD_BODY, scheduled_at=DAY.replace(hour=20))
        api.set_clock(NIGHT)
        await api.call("send_sms", "01055550123", "not an ad")
