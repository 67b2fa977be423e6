"""KakaoTalk and Brand Message send answers are mapped lazily, like SMS bulk answers.

An answer in the documented shape is kept as its parsed rows: counts and
failures are known at once, the ``RecipientResult`` objects are made when
``recipients`` is first read. The result must equal the eager, tolerant
mapping in every way a caller can look at it.
"""

from __future__ import annotations

from typing import Any

import pytest

from notify_sdk import Recipient, SendResult
from notify_sdk.results import _HELD, _Answer
from notify_sdk.services.kakao.sending import parse_send

NUMBERS = [f"0107{i:07d}" for i in range(1000)]
SENT = tuple(Recipient(n, grouping_key=f"g{i}" if i % 3 else None) for i, n in enumerate(NUMBERS))


def _answer(refused: set[int], *, code: int = 0, request_id: str | None = "K1") -> dict[str, Any]:
    rows = []
    for seq, number in enumerate(NUMBERS, start=1):
        row: dict[str, Any] = {"recipientSeq": seq, "recipientNo": number, "resultCode": 0}
        row["resultMessage"] = "SUCCESS"
        if seq in refused:
            row.update(resultCode=-1019, resultMessage="opted out")
        if seq % 7 == 0:
            row["recipientGroupingKey"] = f"echo{seq}"
        rows.append(row)
    header = {"isSuccessful": code == 0, "resultCode": code, "resultMessage": "x"}
    message = {"requestId": request_id, "senderGroupingKey": "sg", "sendResults": rows}
    return {"header": header, "message": message}


def _eager(answer: dict[str, Any], service: str) -> SendResult:
    """The tolerant mapping of the same answer: digit-string seqs take it off the fast path."""
    slow = {**answer, "message": {**answer["message"]}}
    slow["message"]["sendResults"] = [
        {**row, "recipientSeq": str(row["recipientSeq"])}
        for row in answer["message"]["sendResults"]
    ]
    result = parse_send(slow, service, SENT, "idem", "sg")
    assert type(_HELD.__get__(result, SendResult)) is tuple
    return result


@pytest.mark.parametrize("service", ["alimtalk", "brand", "friendtalk"])
def test_lazy_answer_equals_the_eager_mapping(service: str) -> None:
    answer = _answer({1, 500, 1000})
    lazy = parse_send(answer, service, SENT, "idem", "sg")
    assert type(_HELD.__get__(lazy, SendResult)) is _Answer  # nothing mapped yet
    assert lazy.ok is False
    assert [r.seq for r in lazy.failed] == [1, 500, 1000]
    assert type(_HELD.__get__(lazy, SendResult)) is _Answer  # failed made only its three
    eager = _eager(answer, service)
    assert lazy.failed == eager.failed
    assert lazy.recipients == eager.recipients
    assert lazy == eager and hash(lazy) == hash(eager)
    assert lazy.recipients[6].grouping_key == "echo7"
    assert lazy.recipients[1].grouping_key == "g1"  # from the request when not echoed


def test_all_refused_answer_without_request_id_is_a_failed_result() -> None:
    answer = _answer(set(range(1, 1001)), code=-1031, request_id=None)
    result = parse_send(answer, "alimtalk", SENT, "idem", "sg")
    assert type(_HELD.__get__(result, SendResult)) is _Answer
    assert result.request_id is None and result.ok is False
    assert len(result.failed) == 1000
    assert result == _eager(answer, "alimtalk")


def test_all_accepted_answer_is_ok_without_mapping_a_row() -> None:
    result = parse_send(_answer(set()), "brand", SENT, "idem", "sg")
    assert result.ok and result.failed == ()
    assert type(_HELD.__get__(result, SendResult)) is _Answer
