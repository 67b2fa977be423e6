"""080 opt-out (SMS blockservice): requests, documented answers, the emulator, the filter."""

from __future__ import annotations

import json
from datetime import datetime

import httpx
import pytest
import respx

from notify_sdk import Recipient
from notify_sdk.errors import ValidationError
from notify_sdk.errors import sms as sms_errors
from notify_sdk.services.sms.optout import (
    OptedOutRecipient,
    OptOutNumber,
    OptOutNumberStatus,
    split_opted_out,
)
from notify_sdk.testing import DEFAULT_OPT_OUT_NUMBER, Emulator, faults
from tests.helpers import SMS_PREFIX, Api, envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, sms_mock

__all__ = ["emu", "emu_api", "emu_clock", "sms_mock"]

# The documented answers (sms-v3.md section 9; values invented).
NUMBERS_PAGE = envelope(
    {
        "pageNum": 1,
        "pageSize": 15,
        "totalCount": 2,
        "data": [
            {
                "unsubscribeNo": "0805550100",
                "enterpriseName": "Hanbit Books",
                "requestDateTime": "2026-01-02 09:00:00",
                "startDateTime": "2026-01-06 00:00:00",
                "status": "USED",
                "shareType": "MASTER",
            },
            {
                "unsubscribeNo": "0805550101",
                "enterpriseName": "Hanbit Books",
                "requestDateTime": "2026-11-20 09:00:00",
                "startDateTime": None,
                "status": "SOMETHING_NEW",
                "shareType": "SHARE",
            },
        ],
    }
)
RECIPIENTS_PAGE = envelope(
    {
        "pageNum": 1,
        "pageSize": 1000,
        "totalCount": 1,
        "data": [
            {
                "unsubscribeNo": "0805550100",
                "recipientNo": "01055550123",
                "requestDate": "2026-05-14 17:07:29.0",
            }
        ],
    }
)


async def test_list_optout_numbers_reads_states_and_tolerates_unknown(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/blockservice/unsubscribe-nos").respond(json=NUMBERS_PAGE)
    numbers = await api.collect("list_optout_numbers")
    assert route.calls[0].request.url.params["pageSize"] == "100"
    assert numbers[0] == OptOutNumber(
        unsubscribe_no="0805550100",
        enterprise_name="Hanbit Books",
        status=OptOutNumberStatus.USED,
        share_type="MASTER",
        requested_at=datetime(2026, 1, 2, 9),
        started_at=datetime(2026, 1, 6),
    )
    assert numbers[0].usable
    assert numbers[1].status == "SOMETHING_NEW" and not numbers[1].usable
    assert numbers[1].started_at is None


@pytest.mark.parametrize("shape", ["list", "object"])
async def test_get_optout_number_accepts_the_listing_shape_the_docs_print(
    api: Api, sms_mock: respx.MockRouter, shape: str
) -> None:
    item = NUMBERS_PAGE["body"]["data"][0]  # type: ignore[index]
    data = [item] if shape == "list" else item
    route = sms_mock.get(f"{SMS_PREFIX}/blockservice/unsubscribe-nos/0805550100").respond(
        json=envelope({"pageNum": 1, "totalCount": 1, "data": data})
    )
    number = await api("get_optout_number", "080-555-0100")
    assert route.called
    assert number.unsubscribe_no == "0805550100" and number.usable


HOSTILE = ["../x", "080/1", "080?a=b", "080#f", "%2e%2e", "080\x00", "080\n", ".."]


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_get_optout_number_refuses_path_tricks_before_sending(
    api: Api, sms_mock: respx.MockRouter, hostile: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api("get_optout_number", hostile)
    assert info.value.field == "unsubscribe_no"
    assert not sms_mock.calls


async def test_add_opted_out_sends_the_documented_body_and_reads_header_only(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.post(f"{SMS_PREFIX}/blockservice/recipients").respond(
        json={"header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "Success"}}
    )
    answer = await api("add_opted_out_recipients", "0805550100", ["010-5555-0123", "01055550124"])
    assert answer is None
    request = route.calls[0].request
    assert json.loads(request.content) == {
        "unsubscribeNo": "0805550100",
        "recipientNoList": ["01055550123", "01055550124"],
    }
    assert request.headers["X-Secret-Key"]


async def test_remove_opted_out_puts_everything_in_the_query(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.delete(f"{SMS_PREFIX}/blockservice/recipients/removes").respond(
        json=envelope(None)
    )
    await api("remove_opted_out_recipients", "0805550100", ["01055550123", "01055550124"])
    params = route.calls[0].request.url.params
    assert params["unsubscribeNo"] == "0805550100"
    assert params["updateUser"] == "notify-sdk"
    assert params["recipientNoList"] == "01055550123,01055550124"


async def test_list_opted_out_recipients_filters_and_masks(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/blockservice/recipients").respond(json=RECIPIENTS_PAGE)
    rows = await api.collect(
        "list_opted_out_recipients",
        unsubscribe_no="0805550100",
        requested_from=datetime(2026, 5, 1),
        requested_to=datetime(2026, 5, 31, 23, 59, 59),
    )
    params = route.calls[0].request.url.params
    assert params["unsubscribeNo"] == "0805550100"
    assert params["startRequestDate"] == "2026-05-01 00:00:00"
    assert params["endRequestDate"] == "2026-05-31 23:59:59"
    assert rows == [
        OptedOutRecipient("01055550123", "0805550100", datetime(2026, 5, 14, 17, 7, 29))
    ]
    assert "01055550123" not in repr(rows[0])


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("0805550100", []), "numbers"),
        (("0805550100", "01055550123"), "numbers"),
        (("0805550100", ["not a number"]), "numbers"),
        (("0805550100", [f"0105555{i:04d}" for i in range(1001)]), "numbers"),
        ((None, ["01055550123"]), "unsubscribe_no"),
    ],
)
async def test_add_opted_out_validates_locally(
    api: Api, sms_mock: respx.MockRouter, args: tuple[object, object], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await api("add_opted_out_recipients", *args)
    assert info.value.field == field
    assert not sms_mock.calls


async def test_the_080_service_not_joined_is_typed(api: Api, sms_mock: respx.MockRouter) -> None:
    sms_mock.get(f"{SMS_PREFIX}/blockservice/unsubscribe-nos").respond(
        json=envelope(None, code=-6000, message="Block service is not joined.")
    )
    with pytest.raises(sms_errors.OptOutServiceNotJoinedError):
        await api.collect("list_optout_numbers")


# --- the filter ------------------------------------------------------------------------


def test_split_opted_out_keeps_order_options_and_matches_country_forms() -> None:
    audience = [
        "010-5555-0001",
        Recipient("01055550002", params={"name": "Kim"}),
        "+821055550003",
        "01055550004",
    ]
    result = split_opted_out(audience, ["01055550002", "821055550004", "01055550003"])
    assert [r.number for r in result.allowed] == ["01055550001"]
    # Normalised as every send normalises: +82 numbers in the domestic form.
    assert result.opted_out == ("01055550002", "01055550003", "01055550004")
    assert "01055550002" not in repr(result) and "010****0002" in repr(result)


def test_split_opted_out_takes_more_than_one_send() -> None:
    audience = [f"0105555{i:04d}" for i in range(2500)]
    result = split_opted_out(audience, audience[::2])
    assert len(result.allowed) == 1250 and len(result.opted_out) == 1250


def test_split_opted_out_refuses_bad_entries() -> None:
    with pytest.raises(ValidationError):
        split_opted_out([42], [])  # type: ignore[list-item]


# --- against the emulator, both clients ---------------------------------------------------


async def test_opt_out_round_trip_on_the_emulator(emu_api: Api, emu: Emulator) -> None:
    numbers = await emu_api.collect("list_optout_numbers")
    assert [n.unsubscribe_no for n in numbers] == [DEFAULT_OPT_OUT_NUMBER]
    one = await emu_api("get_optout_number", DEFAULT_OPT_OUT_NUMBER)
    assert one.usable

    await emu_api("add_opted_out_recipients", DEFAULT_OPT_OUT_NUMBER, ["01055550002"])
    emu.opt_out("01055550003")  # arrived by calling the 080 number
    listed = await emu_api.collect("list_opted_out_recipients")
    assert sorted(r.recipient_no for r in listed) == ["01055550002", "01055550003"]

    kept = await emu_api("filter_opted_out", ["01055550001", "01055550002", "01055550003"])
    assert [r.number for r in kept.allowed] == ["01055550001"]
    ad = f"(광고) 주말 할인\n무료수신거부 {DEFAULT_OPT_OUT_NUMBER}"
    sent = await emu_api("send_ad_sms", kept.allowed, ad)
    assert sent.ok

    # Opted back in: the next filter lets the number through.
    await emu_api("remove_opted_out_recipients", DEFAULT_OPT_OUT_NUMBER, ["01055550002"])
    kept = await emu_api("filter_opted_out", ["01055550001", "01055550002"])
    assert [r.number for r in kept.allowed] == ["01055550001", "01055550002"]
    only = await emu_api.collect("list_opted_out_recipients", recipient="01055550002")
    assert only == []


async def test_unknown_080_number_is_refused_by_the_emulator(emu_api: Api) -> None:
    with pytest.raises(sms_errors.OptOutNumberNotJoinedError):
        await emu_api("add_opted_out_recipients", "0809999999", ["01055550002"])
    with pytest.raises(sms_errors.OptOutNumberNotJoinedError):
        await emu_api("get_optout_number", "0809999999")


async def test_a_lost_answer_to_an_opt_out_is_retried_and_lands_once(
    emu_api: Api, emu: Emulator
) -> None:
    emu.inject(faults.timeout_after_accept(), match="blockservice/recipients")
    await emu_api("add_opted_out_recipients", DEFAULT_OPT_OUT_NUMBER, ["01055550002"])
    listed = await emu_api.collect("list_opted_out_recipients")
    assert [r.recipient_no for r in listed] == ["01055550002"]


def test_raw_http_delete_on_the_emulator_needs_all_three_parameters(emu: Emulator) -> None:
    with httpx.Client(transport=emu.transport()) as http:
        response = http.delete(
            f"https://sms.api.nhncloudservice.com/sms/v3.0/appKeys/{emu.sms_app_key}"
            "/blockservice/recipients/removes",
            params={"unsubscribeNo": DEFAULT_OPT_OUT_NUMBER, "recipientNoList": "01055550002"},
            headers={"X-Secret-Key": emu.sms_secret_key},
        )
    assert response.json()["header"]["resultCode"] == 4
