"""Brand Message 080 opt-out pairs: never half a pair, never two pairs that the API
would resolve silently.

The API uses the sender profile's 080 pair when either of a pair is missing,
and when the top level and a recipient both give one, the top level wins.
"""

from __future__ import annotations

import re
import warnings

import pytest
import respx

from notify_sdk.brand import BrandRecipient, TextMessage
from notify_sdk.errors import ValidationError
from tests.helpers import Api, body_json
from tests.helpers.brand import api, mock, row, send_answer

__all__ = ["api", "mock"]  # fixtures imported for pytest

METHODS = pytest.mark.parametrize("method", ["send_brand_message", "send_brand_template"])


def _content(method: str) -> object:
    return TextMessage("hello") if method == "send_brand_message" else "tpl-1"


@METHODS
async def test_call_number_without_its_auth_number_warns(
    api: Api, mock: respx.MockRouter, method: str
) -> None:
    route = mock.post(re.compile(r".*-messages$")).respond(json=send_answer(row(1)))
    with pytest.warns(UserWarning, match="sender profile's 080 pair") as caught:
        await api.call(method, "01055550101", _content(method), unsubscribe_no="0805550100")
    # The warning names the caller's line (here the test helper), not the SDK's.
    assert "notify_sdk" not in caught[0].filename
    # It still goes out as asked: the provider decides.
    assert body_json(route.calls.last.request)["unsubscribeNo"] == "0805550100"


@METHODS
async def test_call_pair_does_not_warn(api: Api, mock: respx.MockRouter, method: str) -> None:
    mock.post(re.compile(r".*-messages$")).respond(json=send_answer(row(1)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await api.call(
            method,
            "01055550101",
            _content(method),
            unsubscribe_no="0805550100",
            unsubscribe_auth_no="1234",
        )


@pytest.mark.parametrize(
    ("recipient", "call"),
    [
        (BrandRecipient("01055550102", unsubscribe_no="0805550101", unsubscribe_auth_no="77"),
         {"unsubscribe_no": "0805550100", "unsubscribe_auth_no": "1234"}),
        (BrandRecipient("01055550102", unsubscribe_no="0805550101", unsubscribe_auth_no="77"),
         {"unsubscribe_no": "0805550100"}),
    ],
)  # fmt: skip
@METHODS
async def test_recipient_pair_beside_the_calls_is_refused(
    api: Api,
    mock: respx.MockRouter,
    method: str,
    recipient: BrandRecipient,
    call: dict[str, str],
) -> None:
    route = mock.post(re.compile(r".*-messages$")).respond(json=send_answer(row(1), row(2)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the lone call-level number warns, as above
        with pytest.raises(ValidationError, match="top level wins") as info:
            await api.call(method, ["01055550101", recipient], _content(method), **call)
    assert info.value.field == "to[1].unsubscribe_no"
    assert not route.called


@METHODS
async def test_recipient_pairs_without_a_call_pair_go_out(
    api: Api, mock: respx.MockRouter, method: str
) -> None:
    route = mock.post(re.compile(r".*-messages$")).respond(json=send_answer(row(1), row(2)))
    first = BrandRecipient("01055550101", unsubscribe_no="0805550101", unsubscribe_auth_no="1")
    second = BrandRecipient("01055550102", unsubscribe_no="0805550102", unsubscribe_auth_no="2")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await api.call(method, [first, second], _content(method))
    sent = body_json(route.calls.last.request)
    assert "unsubscribeNo" not in sent
    assert [(r["unsubscribeNo"], r["unsubscribeAuthNo"]) for r in sent["recipientList"]] == [
        ("0805550101", "1"),
        ("0805550102", "2"),
    ]
