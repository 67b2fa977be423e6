"""The bulk send path: clean number lists, one serialised body, lazy per-recipient results.

A list of 1,000 clean numbers takes a fast path (one regex pass, the wire list
built from the numbers, results mapped when first read). These tests pin that
the fast path sends and answers exactly what the general path does, and that
a lazy ``SendResult`` behaves like one built from a tuple everywhere a caller
can look: ``ok``, ``failed``, ``recipients``, ``==``, ``hash``, ``repr``,
``attrs.evolve``, pickling.
"""

from __future__ import annotations

import json
import pickle
from typing import Any

import attrs
import httpx
import pytest
import respx

from notify_sdk import Recipient, SendResult
from notify_sdk._core import json_bytes
from notify_sdk._core.envelope import recipient_list_json, with_recipient_list
from notify_sdk._core.params import plain_numbers
from notify_sdk.errors import ProtocolError, ValidationError
from notify_sdk.results import RecipientResult, lazy_recipients
from tests.helpers import Api, body_json
from tests.helpers.sms import REQUEST_ID, mock, ok_row, send_answer

__all__ = ["mock"]  # fixtures imported for pytest

NUMBERS = [f"0109{i:07d}" for i in range(1000)]


def _rows(numbers: list[str], refused: frozenset[int] = frozenset(), **extra: Any) -> list[Any]:
    rows = []
    for seq, number in enumerate(numbers, start=1):
        row = ok_row(seq, number, recipientGroupingKey=f"g{seq}", **extra)
        if seq in refused:
            row.update(resultCode=-2019, resultMessage="invalid recipient")
        rows.append(row)
    return rows


# --- plain_numbers --------------------------------------------------------------


def test_plain_numbers_takes_lists_and_tuples_of_clean_numbers() -> None:
    assert plain_numbers(["01012345678", "0212345678"]) == ["01012345678", "0212345678"]
    assert plain_numbers(("01012345678",)) == ["01012345678"]
    assert plain_numbers(NUMBERS) == NUMBERS


@pytest.mark.parametrize(
    "to",
    [
        "01012345678",  # one number: the single-send path
        Recipient("01012345678"),
        ["010-1234-5678"],  # separators: normalize_number's job
        ["+14155550123"],
        ["01012345678", 1012345678],  # not a str
        ["0101234,5678"],  # a comma would pass for a separator
        ["012"],  # too short
        ["0" * 21],  # too long
        ["01012345678", Recipient("01012345679")],
        [],
        [*NUMBERS, "01099999999"],  # more than 1,000
        iter(["01012345678"]),  # any other iterable: the general path
        ["０１０１２３４５６７８"],  # full-width digits are not [0-9]
    ],
)
def test_plain_numbers_leaves_everything_else_to_the_general_path(to: object) -> None:
    assert plain_numbers(to) is None


# --- the request ----------------------------------------------------------------


async def test_bulk_request_is_the_wire_list_of_the_numbers(
    api: Api, mock: respx.MockRouter
) -> None:
    route = mock.post("/sender/sms").respond(json=send_answer(_rows(NUMBERS), key="k"))
    await api.call("send_sms", NUMBERS, "hello", sender_grouping_key="k")
    body = body_json(route.calls.last.request)
    assert body["recipientList"] == [{"recipientNo": n} for n in NUMBERS]
    assert body["body"] == "hello"
    assert body["senderGroupingKey"] == "k"


async def test_bulk_request_with_params_matches_the_general_path(
    api: Api, mock: respx.MockRouter
) -> None:
    numbers = NUMBERS[:3]
    route = mock.post("/sender/sms").respond(json=send_answer(_rows(numbers), key="k"))
    params = {"name": "Kim", "n": 3}
    args = ("hi ##name## ##n##",)
    await api.call("send_sms", numbers, *args, params=params, sender_grouping_key="k")
    fast = route.calls.last.request.content
    # The general path (Recipient objects) for the same send.
    await api.call(
        "send_sms", [Recipient(n) for n in numbers], *args, params=params, sender_grouping_key="k"
    )
    general = route.calls.last.request.content
    assert fast == general
    assert json.loads(fast)["recipientList"][0] == {
        "recipientNo": numbers[0],
        "templateParameter": {"name": "Kim", "n": "3"},
    }


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("send_sms", ("hello",), {}),
        ("send_sms", ('say "hi" \\ ##a##',), {"params": {"a": "x\ny", "b": '"q"'}}),
        ("send_mms", ("long text",), {"title": "t", "user_id": "u1", "stats_id": "s1"}),
        ("send_sms", (None,), {"template_id": "TPL1"}),
    ],
)
async def test_written_bulk_body_is_byte_for_byte_the_encoded_one(
    api: Api, mock: respx.MockRouter, method: str, args: Any, kwargs: Any
) -> None:
    """The fast path writes the recipient list by a join: the bytes must be
    exactly what encoding the general path's dicts gives, for every field."""
    numbers = NUMBERS[:5]
    mock.post(url__regex=r"/sender/(sms|mms)$").respond(json=send_answer(_rows(numbers), key="k"))
    await api.call(method, numbers, *args, sender_grouping_key="k", **kwargs)
    fast = mock.calls.last.request.content
    await api.call(
        method, [Recipient(n) for n in numbers], *args, sender_grouping_key="k", **kwargs
    )
    assert fast == mock.calls.last.request.content
    assert json.loads(fast)["recipientList"][4]["recipientNo"] == numbers[4]


def test_encoded_body_is_the_dict_it_encodes() -> None:
    payload = {"body": "a", "recipientList": [{"recipientNo": n} for n in NUMBERS[:3]], "z": 1}
    body = with_recipient_list(payload, recipient_list_json(NUMBERS[:3]))
    assert body == payload and isinstance(body, dict)
    assert json_bytes(body) == json_bytes(dict(payload))
    shared = {"templateParameter": {"k": "v"}}
    entries = [{"recipientNo": n, **shared} for n in NUMBERS[:2]]
    assert json.loads(recipient_list_json(NUMBERS[:2], shared)) == entries


async def test_bulk_body_is_checked_after_substitution(api: Api, mock: respx.MockRouter) -> None:
    mock.post("/sender/sms").respond(json=send_answer(_rows(NUMBERS[:2])))
    with pytest.raises(ValidationError) as caught:
        await api.call("send_sms", NUMBERS[:2], "##x##", params={"x": "가" * 46})
    assert caught.value.field == "body"
    assert not mock.calls


async def test_the_body_is_sent_as_compact_utf8_json(api: Api, mock: respx.MockRouter) -> None:
    route = mock.post("/sender/sms").respond(json=send_answer(_rows(NUMBERS[:1])))
    await api.call("send_sms", NUMBERS[:1], "안녕하세요")
    request: httpx.Request = route.calls.last.request
    assert "안녕하세요".encode() in request.content  # not \\uXXXX escapes
    assert b", " not in request.content and b": " not in request.content
    assert request.headers["Content-Length"] == str(len(request.content))


# --- the answer -----------------------------------------------------------------


async def test_bulk_answer_counts_and_failures(api: Api, mock: respx.MockRouter) -> None:
    refused = {10, 500, 1000}
    mock.post("/sender/sms").respond(json=send_answer(_rows(NUMBERS, frozenset(refused)), key="k"))
    result = await api.call("send_sms", NUMBERS, "hello", sender_grouping_key="k")
    assert result.ok is False
    assert [r.seq for r in result.failed] == sorted(refused)
    assert result.failed[0] == RecipientResult(
        NUMBERS[9], 10, -2019, "invalid recipient", "g10", "sms"
    )
    assert len(result.recipients) == 1000
    assert result.recipients[0] == RecipientResult(NUMBERS[0], 1, 0, "SUCCESS", "g1", "sms")
    assert result.request_id == REQUEST_ID


async def test_all_accepted_bulk_answer_is_ok(api: Api, mock: respx.MockRouter) -> None:
    mock.post("/sender/sms").respond(json=send_answer(_rows(NUMBERS), key="k"))
    result = await api.call("send_sms", NUMBERS, "hello")
    assert result.ok is True
    assert result.failed == ()
    assert result.raise_for_failures() is result


def _eager(rows: list[Any], numbers: list[str]) -> tuple[RecipientResult, ...]:
    """What the tolerant mapping makes of ``rows``: the seqs given as digit strings
    take it off the fast path, and it reads them back as the same ints."""
    slow = [{**row, "recipientSeq": str(row["recipientSeq"])} for row in rows]
    from notify_sdk.services.sms.answers import _parse_send

    answer = send_answer(slow, key="k")
    result = _parse_send(answer, numbers, [None] * len(numbers), "k")
    return result.recipients


@pytest.mark.parametrize(
    "variant",
    [
        {},
        {"recipientGroupingKey": None},  # the request's key then
        {"recipientGroupingKey": ""},
        {"recipientNo": ""},  # the number sent then
        {"recipientNo": None},
        {"resultMessage": None},
        {"resultMessage": 12},
        {"recipientGroupingKey": 7},
        {"RecipientGroupingKey": "capital"},
    ],
)
def test_lazy_mapping_equals_the_tolerant_mapping(variant: dict[str, Any]) -> None:
    numbers = NUMBERS[:5]
    rows = [{**row, **variant} for row in _rows(numbers, frozenset({2}))]
    if "RecipientGroupingKey" in variant:
        for row in rows:
            del row["recipientGroupingKey"]
    keys: list[str | None] = [None] * len(numbers)
    lazy = lazy_recipients(rows, numbers, keys, "sms")
    assert lazy is not None
    result = SendResult("sms", REQUEST_ID, lazy)  # type: ignore[arg-type]
    assert result.recipients == _eager(rows, numbers)
    assert [r.seq for r in result.failed] == [2]


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: rows[:-1],  # a row missing
        lambda rows: [*rows, dict(rows[0])],  # a row too many
        lambda rows: rows[::-1],  # out of order
        lambda rows: [{**rows[0], "recipientSeq": "1"}, *rows[1:]],
        lambda rows: [{**rows[0], "recipientSeq": True}, *rows[1:]],
        lambda rows: [{**rows[0], "recipientSeq": 1.0}, *rows[1:]],
        lambda rows: [{**rows[0], "resultCode": "0"}, *rows[1:]],
        lambda rows: [{**rows[0], "resultCode": False}, *rows[1:]],
        lambda rows: [{**rows[0], "resultCode": None}, *rows[1:]],
        lambda rows: [{k: v for k, v in rows[0].items() if k != "resultCode"}, *rows[1:]],
        lambda rows: [["not", "a", "dict"], *rows[1:]],
        lambda rows: None,
        lambda rows: {"not": "a list"},
    ],
)
def test_odd_answers_take_the_tolerant_mapping(change: Any) -> None:
    numbers = NUMBERS[:3]
    assert lazy_recipients(change(_rows(numbers)), numbers, [None] * 3, "sms") is None


async def test_odd_bulk_code_is_still_a_protocol_error(api: Api, mock: respx.MockRouter) -> None:
    rows = _rows(NUMBERS[:2])
    rows[1]["resultCode"] = "not a code"
    mock.post("/sender/sms").respond(json=send_answer(rows))
    with pytest.raises(ProtocolError):
        await api.call("send_sms", NUMBERS[:2], "hello")


# --- a lazy SendResult is a SendResult ------------------------------------------


def _pair() -> tuple[SendResult, SendResult]:
    numbers = NUMBERS[:4]
    rows = _rows(numbers, frozenset({3}))
    lazy = lazy_recipients(rows, numbers, [None] * 4, "sms")
    assert lazy is not None
    lazy_result = SendResult("sms", REQUEST_ID, lazy, sender_grouping_key="k")  # type: ignore[arg-type]
    eager = SendResult("sms", REQUEST_ID, _eager(rows, numbers), sender_grouping_key="k")
    return lazy_result, eager


def test_lazy_result_equals_and_hashes_as_the_eager_one() -> None:
    lazy, eager = _pair()
    assert lazy.ok == eager.ok is False
    assert lazy.failed == eager.failed
    assert lazy == eager
    assert hash(lazy) == hash(_pair()[1])
    assert repr(lazy) == repr(eager)
    assert isinstance(lazy.recipients, tuple)
    assert lazy.recipients is lazy.recipients  # made once


def test_lazy_result_evolves_pickles_and_stays_frozen() -> None:
    lazy, eager = _pair()
    evolved = attrs.evolve(lazy, attempts=2)
    assert evolved.attempts == 2 and evolved.recipients == eager.recipients
    assert pickle.loads(pickle.dumps(_pair()[0])) == eager
    assert attrs.asdict(_pair()[0]) == attrs.asdict(eager)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lazy.recipients = ()  # type: ignore[misc]


def test_failed_before_recipients_gives_equal_objects() -> None:
    lazy, eager = _pair()
    failed = lazy.failed
    assert failed == tuple(r for r in lazy.recipients if not r.ok) == eager.failed
    assert failed[0].error is not None
