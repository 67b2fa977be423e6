"""The one recipient-number rule of every send: ``+82`` numbers and repeated numbers.

``+821012345678`` is the domestic ``01012345678`` for every service (the
KakaoTalk APIs refuse the ``+82`` form per recipient), and a number given
twice in one call is sent twice unless the caller asks otherwise: the SDK
warns, and ``dedupe=True`` drops the repeats (the first occurrence is kept).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from notify_sdk import Recipient
from notify_sdk._core.params import normalize_number, normalize_recipients, plain_numbers
from notify_sdk.brand import TextMessage
from tests.helpers import ALIMTALK_PREFIX, BRAND_PREFIX, FRIENDTALK_PREFIX, SMS_PREFIX, Api
from tests.helpers.brand import NOON

# --- the rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("+821012345678", "01012345678"),
        ("+82 10-1234-5678", "01012345678"),
        ("+82 (0)10 1234 5678", "01012345678"),  # the trunk 0 written after +82
        ("+82-2-1234-5678", "0212345678"),
        ("+14155550123", "+14155550123"),  # other countries keep their form
        ("821012345678", "821012345678"),  # no +: taken as written
    ],
)
def test_plus_82_is_the_domestic_number(raw: str, clean: str) -> None:
    assert normalize_number(raw) == clean


def test_plus_82_recipients_are_domestic() -> None:
    got = normalize_recipients(["+821012345678", Recipient("+82 10 5555 0123", grouping_key="g")])
    assert [r.number for r in got] == ["01012345678", "01055550123"]
    assert got[1].grouping_key == "g"


def test_a_repeated_number_warns_and_is_kept() -> None:
    with pytest.warns(UserWarning, match=r"dedupe=True") as caught:
        got = normalize_recipients(["01012345678", "010-1234-5678", "+821012345678", "0212345678"])
    assert [r.number for r in got] == ["01012345678"] * 3 + ["0212345678"]
    assert len(caught) == 1  # one warning per call, not per repeat
    text = str(caught[0].message)
    assert "010****5678" in text and "01012345678" not in text  # masked, as in logs
    assert "3 times" in text


def test_dedupe_drops_repeats_keeping_the_first() -> None:
    first = Recipient("01012345678", grouping_key="first")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = normalize_recipients(
            [first, "0212345678", Recipient("+821012345678", grouping_key="second")], dedupe=True
        )
    assert got == (first, Recipient("0212345678"))


def test_distinct_numbers_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(normalize_recipients([f"0105555{i:04d}" for i in range(1000)])) == 1000


def test_plain_numbers_leaves_repeats_and_plus_82_to_the_rule() -> None:
    # The bulk fast path only takes what needs no rewriting and no warning.
    assert plain_numbers(["01012345678", "01012345678"]) is None
    assert plain_numbers(["+821012345678"]) is None
    assert plain_numbers(["01012345678", "0212345678"]) == ["01012345678", "0212345678"]


# --- every service sends the rule's numbers ---------------------------------------


def _echo(kind: str) -> Any:
    """A send answer with one accepted row per recipient of the request."""

    def answer(request: httpx.Request) -> httpx.Response:
        sent = json.loads(request.content)["recipientList"]
        rows = [
            {"recipientSeq": i, "recipientNo": r.get("recipientNo"), "resultCode": 0}
            for i, r in enumerate(sent, start=1)
        ]
        header = {"isSuccessful": True, "resultCode": 0, "resultMessage": "SUCCESS"}
        if kind == "sms":
            data = {"requestId": "R1", "statusCode": "2", "sendResultList": rows}
            return httpx.Response(200, json={"header": header, "body": {"data": data}})
        return httpx.Response(
            200, json={"header": header, "message": {"requestId": "R1", "sendResults": rows}}
        )

    return answer


@pytest.fixture
def routes() -> Iterator[dict[str, respx.Route]]:
    with respx.mock(assert_all_called=False) as mock:
        yield {
            "sms": mock.post(f"{SMS_PREFIX}/sender/sms").mock(side_effect=_echo("sms")),
            "mms": mock.post(f"{SMS_PREFIX}/sender/mms").mock(side_effect=_echo("sms")),
            "alimtalk": mock.post(f"{ALIMTALK_PREFIX}/messages").mock(side_effect=_echo("k")),
            "auth": mock.post(f"{ALIMTALK_PREFIX}/auth/messages").mock(side_effect=_echo("k")),
            "friendtalk": mock.post(f"{FRIENDTALK_PREFIX}/messages").mock(side_effect=_echo("k")),
            "brand": mock.post(f"{BRAND_PREFIX}/freestyle-messages").mock(side_effect=_echo("k")),
        }


#: (route, method, arguments after ``to``) of a send of each service.
SENDS = [
    ("sms", "send_sms", ("hello",), {}),
    ("mms", "send_mms", ("hello",), {"title": "t"}),
    ("alimtalk", "send_alimtalk", ("T1",), {}),
    ("auth", "send_alimtalk_auth", ("OTP1",), {}),
    ("friendtalk", "send_friendtalk", ("hello",), {}),
    ("brand", "send_brand_message", (TextMessage("hello"),), {}),
]


def _sent(route: respx.Route) -> list[str]:
    return [r["recipientNo"] for r in json.loads(route.calls.last.request.content)["recipientList"]]


class Send:
    """One service's send method on one client, and the route it posts to."""

    def __init__(self, api: Api, route: respx.Route, method: str, args: Any, kwargs: Any) -> None:
        self.api, self.route, self.method, self.args, self.kwargs = api, route, method, args, kwargs

    async def __call__(self, to: list[str], **extra: Any) -> Any:
        return await self.api.call(self.method, to, *self.args, **self.kwargs, **extra)


@pytest.fixture(params=SENDS, ids=[s[1] for s in SENDS])
def send(request: pytest.FixtureRequest, api: Api, routes: dict[str, respx.Route]) -> Send:
    route, method, args, kwargs = request.param
    api.set_clock(NOON)
    return Send(api, routes[route], method, args, kwargs)


@pytest.mark.filterwarnings("ignore:send_friendtalk:DeprecationWarning")
async def test_every_service_sends_plus_82_as_domestic(send: Send) -> None:
    result = await send(["+821012345678", "+82-10-5555-0123"])
    assert _sent(send.route) == ["01012345678", "01055550123"]
    assert result.ok and [r.number for r in result.recipients] == _sent(send.route)


@pytest.mark.filterwarnings("ignore:send_friendtalk:DeprecationWarning")
async def test_every_service_warns_on_repeats_and_dedupes(send: Send) -> None:
    to = ["01012345678", "01055550123", "+821012345678"]
    with pytest.warns(UserWarning, match="dedupe=True") as caught:
        await send(to)
    assert _sent(send.route) == ["01012345678", "01055550123", "01012345678"]
    ours = [w for w in caught if "dedupe=True" in str(w.message)]
    assert len(ours) == 1
    # The warning names the application's line (here the test helper that
    # calls the client), never a line inside the SDK.
    assert "notify_sdk" not in Path(ours[0].filename).parts
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*dedupe.*")
        result = await send(to, dedupe=True)
    assert _sent(send.route) == ["01012345678", "01055550123"]
    assert len(result.recipients) == 2


async def test_bulk_list_with_a_repeat_warns_and_dedupes(
    api: Api, routes: dict[str, respx.Route]
) -> None:
    numbers = [f"0109{i:07d}" for i in range(1000)]
    with pytest.warns(UserWarning, match="dedupe=True"):
        await api.call("send_sms", [*numbers[:999], numbers[0]], "hello")
    result = await api.call("send_sms", [*numbers[:999], numbers[0]], "hello", dedupe=True)
    assert _sent(routes["sms"]) == numbers[:999]
    assert len(result.recipients) == 999
