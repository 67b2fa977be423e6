"""AlimTalk and FriendTalk against the provider's documented requests and answers.

The release notes of 2025-04-29 say an AlimTalk or FriendTalk send whose every
recipient failed answers with a failure header (-1031) and ``requestId: null``;
the per-recipient rows still say why each one failed.
"""

from __future__ import annotations

from typing import Any

import respx

from notify_sdk import Recipient
from notify_sdk.errors import ValidationError
from notify_sdk.testing import Emulator
from tests.helpers import Runner
from tests.helpers.kakao import ALIMTALK_SEND, FRIENDTALK_SEND, accepted

FAST_SEND: dict[str, Any] = {}


def _all_failed(rows: list[dict[str, Any]]) -> dict[str, object]:
    data = accepted(rows=rows, code=-1031)
    data["message"]["requestId"] = None  # type: ignore[index]
    return data


ROWS = [
    {"recipientSeq": 1, "recipientNo": "01055550123", "resultCode": -2019, "resultMessage": "x"},
    {"recipientSeq": 2, "recipientNo": "01055550124", "resultCode": -3005, "resultMessage": "y"},
]


async def test_all_failed_with_null_request_id_is_a_failed_result(run: Runner) -> None:
    with respx.mock() as mock:
        route = mock.post(ALIMTALK_SEND).respond(json=_all_failed(ROWS))
        result = await run("send_alimtalk", ["01055550123", "01055550124"], "T1")
    assert route.call_count == 1
    assert result.request_id is None
    assert not result.ok
    assert [r.result_code for r in result.failed] == [-2019, -3005]
    assert isinstance(result.failed[0].error, ValidationError)


async def test_friendtalk_all_failed_with_null_request_id(run: Runner) -> None:
    with respx.mock() as mock:
        mock.post(FRIENDTALK_SEND).respond(json=_all_failed(ROWS[:1]))
        result = await run("send_friendtalk", "01055550123", "hello")
    assert result.request_id is None and not result.ok
    assert result.recipients[0].result_code == -2019


def test_emulator_all_failed_send_through_the_sdk(notify_emulator: Emulator) -> None:
    # WELCOME needs a "name" parameter: without it every recipient fails.
    with notify_emulator.client() as client:
        result = client.send_alimtalk(
            [Recipient("01055550001"), Recipient("01055550002")], "WELCOME"
        )
    assert result.request_id is None
    assert not result.ok and len(result.failed) == 2
    assert notify_emulator.accepted == ()
