"""SMS reservations: listing, per-recipient detail, search-and-cancel and its history."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
import respx

from notify_sdk.errors import ValidationError
from notify_sdk.services.sms.reservations import ReservationCancel, SmsReservation
from notify_sdk.testing import Emulator
from tests.helpers import SMS_PREFIX, Api, envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, sms_mock

__all__ = ["emu", "emu_api", "emu_clock", "sms_mock"]

ITEM = {
    "requestId": "20261124103015abcdefghijk",
    "recipientSeq": 1,
    "requestDate": "2026-11-25 09:00:00.0",
    "sendNo": "0212345678",
    "recipientNo": "01055550123",
    "countryCode": "82",
    "sendType": "0",
    "messageType": "SMS",
    "adYn": "N",
    "templateId": None,
    "templateParameter": '{"name": "Kim"}',
    "title": None,
    "body": "Hi Kim",
    "messageStatus": "RESERVED",
    "createDate": "2026-11-24 10:30:15.0",
}


async def test_list_reservations_decodes_the_string_parameters(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/reservations").respond(
        json=envelope({"pageNum": 1, "pageSize": 100, "totalCount": 1, "data": [ITEM]})
    )
    (row,) = await api.collect(
        "list_sms_reservations",
        kind="sms",
        status="RESERVED",
        requested_from=datetime(2026, 11, 25),
        requested_to=datetime(2026, 11, 25, 23, 59, 59),
    )
    params = route.calls[0].request.url.params
    assert (params["sendType"], params["messageStatus"]) == ("0", "RESERVED")
    assert params["startRequestDate"] == "2026-11-25 00:00:00"
    assert isinstance(row, SmsReservation) and row.cancellable
    assert row.template_params == {"name": "Kim"}
    assert row.scheduled_at == datetime(2026, 11, 25, 9)
    assert "01055550123" not in repr(row)


async def test_search_cancel_body_and_answer(api: Api, sms_mock: respx.MockRouter) -> None:
    route = sms_mock.put(f"{SMS_PREFIX}/reservations/search-cancels").respond(
        json=envelope(
            {
                "data": {
                    "reservationCancelId": "20261124113330OepQ1sAzSDa",
                    "requestedDateTime": "2026-11-24 11:33:30",
                    "reservationCancelStatus": "READY",
                }
            }
        )
    )
    job = await api(
        "cancel_sms_reservations_matching",
        kind="mms",
        created_from=datetime(2026, 11, 24),
        created_to=datetime(2026, 11, 24, 10),
        sender_grouping_key="campaign-7",
    )
    assert job == ReservationCancel(
        reservation_cancel_id="20261124113330OepQ1sAzSDa",
        status="READY",
        requested_at=datetime(2026, 11, 24, 11, 33, 30),
    )
    assert not job.finished
    assert json.loads(route.calls[0].request.content) == {
        "searchParameter": {
            "sendType": "1",
            "startCreateDate": "2026-11-24 00:00",
            "endCreateDate": "2026-11-24 10:00",
            "senderGroupingKey": "campaign-7",
        },
        "updateUser": "notify-sdk",
    }


async def test_search_cancel_needs_a_range(api: Api, sms_mock: respx.MockRouter) -> None:
    with pytest.raises(ValidationError):
        await api("cancel_sms_reservations_matching", kind="sms")
    with pytest.raises(ValidationError) as info:
        await api(
            "cancel_sms_reservations_matching",
            kind="fax",
            created_from=datetime(2026, 1, 1),
            created_to=datetime(2026, 1, 2),
        )
    assert info.value.field == "kind"
    with pytest.raises(ValidationError):
        await api("get_sms_reservation", "../x", 1)
    assert not sms_mock.calls


async def test_reservations_on_the_emulator(emu_api: Api, emu: Emulator, emu_clock: object) -> None:
    tomorrow = datetime(2026, 11, 25, 9, 0)
    kept = await emu_api("send_sms", "01055550123", "Keep me", scheduled_at=tomorrow)
    dropped = await emu_api(
        "send_sms", ["01055550124", "01055550125"], "Drop us", scheduled_at=tomorrow,
        sender_grouping_key="campaign-7",
    )  # fmt: skip
    rows = await emu_api.collect("list_sms_reservations", status="RESERVED")
    assert len(rows) == 3
    one = await emu_api("get_sms_reservation", kept.request_id, 1)
    assert one.body == "Keep me" and one.cancellable

    job = await emu_api(
        "cancel_sms_reservations_matching",
        kind="sms",
        requested_from=tomorrow - timedelta(hours=1),
        requested_to=tomorrow + timedelta(hours=1),
        sender_grouping_key="campaign-7",
    )
    (done,) = await emu_api.collect(
        "list_sms_reservation_cancels", reservation_cancel_id=job.reservation_cancel_id
    )
    assert done.finished and done.total == 2 and done.succeeded == 2
    still = await emu_api.collect("list_sms_reservations", status="RESERVED")
    assert [r.request_id for r in still] == [kept.request_id]
    gone = await emu_api.collect("list_sms_reservations", request_id=dropped.request_id)
    assert {r.status for r in gone} == {"CANCEL"}
