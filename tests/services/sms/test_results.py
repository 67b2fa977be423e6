"""SMS result-update search: the exact request, both answer shapes, and the emulator."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest
import respx

from notify_sdk import SmsResultUpdate
from notify_sdk.delivery import Outcome
from notify_sdk.errors import ValidationError
from notify_sdk.testing import Emulator
from tests.helpers import SMS_PREFIX, Api, envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, sms_mock

__all__ = ["emu", "emu_api", "emu_clock", "sms_mock"]

START = datetime(2026, 11, 24, 10, 0)
END = datetime(2026, 11, 24, 11, 0)
ROW = {
    "messageType": "SMS",
    "requestId": "20261124103015aZ3kP9qLwX0",
    "recipientSeq": 1,
    "resultCode": "3015",
    "resultCodeName": "Success",
    "requestDate": "2026-11-24 10:30:15.0",
    "resultDate": "2026-11-24 10:30:17.0",
    "updateDate": "2026-11-24 10:30:18.0",
    "telecomCode": "10001",
    "telecomCodeName": "SKT",
    "senderGroupingKey": "order-1",
    "recipientGroupingKey": None,
}


async def test_exact_request_and_the_documented_answer(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/message-results").mock(
        return_value=httpx.Response(200, json=envelope({"totalCount": 1, "data": [ROW]}))
    )
    rows = await api.collect(
        "search_sms_results", updated_from=START, updated_to=END, message_type="SMS"
    )
    params = route.calls[0].request.url.params
    assert dict(params) == {
        "startUpdateDate": "2026-11-24 10:00:00",
        "endUpdateDate": "2026-11-24 11:00:00",
        "messageType": "SMS",
        "pageNum": "1",
        "pageSize": "100",
    }
    (row,) = rows
    assert isinstance(row, SmsResultUpdate)
    assert (row.request_id, row.seq, row.message_type) == (ROW["requestId"], 1, "SMS")
    assert row.raw_result_code == "3015" and row.telecom_code == "10001"
    assert row.updated_at == datetime(2026, 11, 24, 10, 30, 18)
    assert row.sender_grouping_key == "order-1"


async def test_the_field_tables_result_update_list_shape_is_read_too(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    sms_mock.get(f"{SMS_PREFIX}/message-results").mock(
        return_value=httpx.Response(200, json=envelope({"data": {"resultUpdateList": [ROW]}}))
    )
    rows = await api.collect("search_sms_results", updated_from=START, updated_to=END)
    assert [r.seq for r in rows] == [1]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (
            {"updated_from": START, "updated_to": START + timedelta(days=1, seconds=1)},
            "updated_from",
        ),
        ({"updated_from": END, "updated_to": START}, "updated_from"),
        ({"updated_from": START, "updated_to": END, "message_type": "RCS"}, "message_type"),
        ({"updated_from": START, "updated_to": END, "limit": 0}, "limit"),
    ],
)
async def test_refused_before_any_request(
    api: Api, sms_mock: respx.MockRouter, kwargs: dict[str, object], field: str
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/message-results")
    with pytest.raises(ValidationError) as info:
        await api.collect("search_sms_results", **kwargs)
    assert info.value.field == field and not route.called


async def test_the_emulator_lists_results_that_changed_in_the_window(
    emu: Emulator, emu_api: Api
) -> None:
    sent = await emu_api("send_sms", ["01012345678", "01055550123"], "Your code is 1234")
    emu.advance(60)  # the emulator settles deliveries after a few seconds
    # The emulator's clock starts at 10:30:15 KST; results settle within the minute.
    rows = await emu_api.collect("search_sms_results", updated_from=START, updated_to=END)
    assert sorted((r.request_id, r.seq) for r in rows) == [
        (sent.request_id, 1),
        (sent.request_id, 2),
    ]
    assert all(
        r.result_code is not None and r.result_code.outcome is Outcome.DELIVERED for r in rows
    )
    later = await emu_api.collect(
        "search_sms_results",
        updated_from=END,
        updated_to=END + timedelta(hours=1),
    )
    assert later == []
