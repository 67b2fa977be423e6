"""The management helpers every resource module builds on: segments and answer readers."""

from __future__ import annotations

import pytest

from notify_sdk import NotifyClient
from notify_sdk._core import Context
from notify_sdk.errors import ProtocolError, ValidationError
from notify_sdk.services._manage import kakao_object, kakao_page, kakao_rows, sender_segments
from tests.helpers import CLIENT_KWARGS, SENDER_KEY


def _ctx(**overrides: object) -> Context:
    client = NotifyClient(**{**CLIENT_KWARGS, **overrides})  # type: ignore[arg-type]
    return client._context


def test_sender_segments_default_key_and_template_code() -> None:
    ctx = _ctx()
    assert sender_segments(ctx, None) == {"senderKey": SENDER_KEY}
    # The sender key of a call wins over the client's default.
    assert sender_segments(ctx, "other", "T-1.x", code_max=20) == {
        "senderKey": "other",
        "templateCode": "T-1.x",
    }


@pytest.mark.parametrize("code", ["../x", "a/b", "a?k=v", "..", "x" * 21, ""])
def test_sender_segments_refuse_a_bad_template_code_first(code: str) -> None:
    # The template code is checked before the (also missing) sender key.
    ctx = _ctx(kakao_sender_key=None)
    with pytest.raises(ValidationError) as caught:
        sender_segments(ctx, None, code, code_max=20)
    assert caught.value.field == "template_code"


def test_sender_segments_need_a_sender_key() -> None:
    with pytest.raises(ValidationError) as caught:
        sender_segments(_ctx(kakao_sender_key=None), None, "T1", code_max=20)
    assert caught.value.field == "sender_key"
    with pytest.raises(ValidationError):
        sender_segments(_ctx(), "a/b")


def test_kakao_object_takes_an_object_or_the_first_object_of_a_list() -> None:
    assert kakao_object({"t": {"a": 1}}, "t") == {"a": 1}
    assert kakao_object({"t": ["x", {"a": 2}, {"a": 3}]}, "t") == {"a": 2}
    for bad in ({"t": []}, {"t": ["x"]}, {"t": "x"}, {"u": {}}):
        with pytest.raises(ProtocolError):
            kakao_object(bad, "t")


def test_kakao_rows_reads_the_objects_and_skips_the_rest() -> None:
    assert kakao_rows({"r": [{"n": 1}, 2, {"n": 3}]}, "r", lambda i: i["n"]) == (1, 3)
    assert kakao_rows({"r": None}, "r", lambda i: i) == ()
    with pytest.raises(ProtocolError):
        kakao_rows({"r": {"n": 1}}, "r", lambda i: i)
    with pytest.raises(ProtocolError):
        kakao_rows({}, "r", lambda i: i)


def test_kakao_page_reads_items_and_total_count() -> None:
    parse = kakao_page("wrap", lambda i: i["n"])
    page = parse({"wrap": {"templates": [{"n": 1}, None, {"n": 2}], "totalCount": "7"}})
    assert page.items == (1, 2)
    assert page.total == 7
    other = kakao_page("wrap", lambda i: i["n"], items="videos")
    assert other({"wrap": {"videos": [{"n": 5}]}}).items == (5,)
    assert other({"wrap": {"videos": [{"n": 5}]}}).total is None
    with pytest.raises(ProtocolError):
        parse({"wrap": []})
    with pytest.raises(ProtocolError):
        parse({"wrap": {"templates": {}}})
