"""SMS sender numbers (GET sendNos): the exact request, the answer, and the emulator."""

from __future__ import annotations

import httpx
import pytest
import respx

from notify_sdk import SenderNumber
from notify_sdk.errors import ValidationError
from notify_sdk.testing import Emulator
from tests.helpers import SMS_PREFIX, Api, envelope
from tests.helpers.mgmt import emu, emu_api, emu_clock, sms_mock

__all__ = ["emu", "emu_api", "emu_clock", "sms_mock"]

ROW = {
    "serviceId": 1,
    "sendNo": "0212345678",
    "useYn": "Y",
    "blockYn": "Y",
    "blockReason": "unverified",
    "createDate": "2026-01-01 00:00:00",
    "createUser": "console",
    "updateDate": "2026-02-01 09:30:00",
    "updateUser": "console",
    "appKey": None,
}


async def test_exact_request_and_the_documented_answer(
    api: Api, sms_mock: respx.MockRouter
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/sendNos").mock(
        return_value=httpx.Response(200, json=envelope({"totalCount": 1, "data": [ROW]}))
    )
    (number,) = await api.collect("list_sender_numbers", number="02-1234-5678", blocked=True)
    assert dict(route.calls[0].request.url.params) == {
        "sendNo": "0212345678",
        "blockYn": "Y",
        "pageNum": "1",
        "pageSize": "100",
    }
    assert isinstance(number, SenderNumber)
    assert (number.number, number.in_use, number.blocked) == ("0212345678", True, True)
    assert number.block_reason == "unverified" and not number.usable
    assert number.updated_at is not None and number.updated_at.month == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"in_use": "Y"}, "in_use"), ({"number": "12"}, "number"), ({"limit": 0}, "limit")],
)
async def test_refused_before_any_request(
    api: Api, sms_mock: respx.MockRouter, kwargs: dict[str, object], field: str
) -> None:
    route = sms_mock.get(f"{SMS_PREFIX}/sendNos")
    with pytest.raises(ValidationError) as info:
        await api.collect("list_sender_numbers", **kwargs)
    assert info.value.field == field and not route.called


async def test_the_emulator_lists_the_registered_numbers(emu: Emulator, emu_api: Api) -> None:
    emu.add_sender_number("031-555-0100", blocked=True, block_reason="expired")
    numbers = {n.number: n for n in await emu_api.collect("list_sender_numbers")}
    assert numbers["0315550100"].blocked and numbers["0315550100"].block_reason == "expired"
    usable = [n.number for n in await emu_api.collect("list_sender_numbers", blocked=False)]
    assert usable and "0315550100" not in usable
    assert all(numbers[n].usable for n in usable)
